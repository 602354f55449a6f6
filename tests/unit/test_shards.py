"""Large JSON Lines files are cut into shards at line boundaries; together the shards
give exactly the file's records, with the file's own line numbers."""

from __future__ import annotations

import json
from pathlib import Path

from khabar.ingest.sources import InputFile, Limits, read_records, shard_jsonl


def _records(file: InputFile) -> list[tuple[int, str | None]]:
    return [
        (r.record_index, r.rejection.reason.value if r.rejection else r.fields["text"])
        for r in read_records(file, Limits())
    ]


def test_shards_cover_the_file_exactly(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    lines = [
        json.dumps({"text": f"خبر شماره {i} " + "متن " * (i % 7)}, ensure_ascii=False) for i in range(200)
    ]
    lines[17] = "{not json"  # a bad line keeps its line number
    lines[40] = ""  # a blank line is skipped but counted
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = InputFile(str(path), path.stat().st_size)
    shards = shard_jsonl(whole, 1_000)
    assert len(shards) > 5
    assert shards[0].offset == 0 and shards[-1].end == whole.size
    assert all(a.end == b.offset for a, b in zip(shards, shards[1:], strict=False))
    assert sum(s.size for s in shards) == whole.size
    assert [r for s in shards for r in _records(s)] == _records(whole)
    assert (17, "malformed_json") in _records(whole) and all(i != 40 for i, _ in _records(whole))


def test_small_and_blank_files_stay_whole(tmp_path: Path) -> None:
    small = tmp_path / "small.jsonl"
    small.write_text('{"text": "سلام"}\n', encoding="utf-8")
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n" * 5_000, encoding="utf-8")
    for path in (small, blank):
        file = InputFile(str(path), path.stat().st_size)
        assert shard_jsonl(file, 100) == [file]
    assert [r.rejection.reason.value for r in read_records(InputFile(str(blank), 5_000), Limits())] == [
        "empty"
    ]


def test_other_kinds_are_not_sharded(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("متن\n" * 1_000, encoding="utf-8")
    file = InputFile(str(path), path.stat().st_size)
    assert shard_jsonl(file, 100) == [file]
