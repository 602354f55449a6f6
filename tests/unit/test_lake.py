from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from khabar.lake import store
from khabar.lake.schema import TABLES, to_table
from khabar.pipeline.staging import read_json, write_json


def _write(path: Path, ids: list[str]) -> None:
    rows = [
        {
            "source_uri": "s",
            "record_index": 0,
            "source_sha256": "0" * 64,
            "size_bytes": 1,
            "reason": "empty",
            "detail": i,
            "stored_copy": "x",
        }
        for i in ids
    ]
    store.write_table(str(path), to_table("quarantine", rows))


def _details(uri: str) -> list[str]:
    return sorted(store.read_files(store.list_files(uri), "quarantine").column("detail").to_pylist())


def test_publish_replaces_a_partition(tmp_path: Path) -> None:
    root = str(tmp_path / "lake")
    _write(tmp_path / "stage1" / "part-a.parquet", ["old"])
    store.publish_day(root, "2025-01-15", {"quarantine": str(tmp_path / "stage1")}, "run-a")
    _write(tmp_path / "stage2" / "part-b.parquet", ["new"])
    store.publish_day(root, "2025-01-15", {"quarantine": str(tmp_path / "stage2")}, "run-b")
    partition = store.partition_uri(root, "quarantine", "2025-01-15")
    assert _details(partition) == ["new"]
    assert [Path(p).name for p in store.list_files(partition)] == ["part-b.parquet"]
    assert not (tmp_path / "lake" / "_trash" / "run-b").exists()


def test_recover_rolls_back_an_interrupted_publish(tmp_path: Path) -> None:
    """A crash after one of two tables was swapped: both go back to the previous run."""
    root = str(tmp_path / "lake")
    _write(tmp_path / "a1" / "part.parquet", ["a-old"])
    store.publish_day(root, "2025-01-15", {"quarantine": str(tmp_path / "a1")}, "run-a")
    # run-b journals two tables, swaps the first, then dies
    _write(tmp_path / "b1" / "part.parquet", ["b-new"])
    store._write_journal(
        root, "run-b", {"ingest_date": "2025-01-15", "tables": ["quarantine", "other"], "state": "swapping"}
    )
    partition = Path(store.partition_uri(root, "quarantine", "2025-01-15"))
    trash = tmp_path / "lake" / "_trash" / "run-b" / "quarantine@ingest_date=2025-01-15"
    partition.rename(trash)
    (tmp_path / "b1").rename(partition)
    assert _details(str(partition)) == ["b-new"]
    assert store.recover(root) == ["quarantine/ingest_date=2025-01-15"]  # «other» was not touched yet
    assert _details(str(partition)) == ["a-old"]
    assert not (tmp_path / "lake" / "_trash").exists() or not any((tmp_path / "lake" / "_trash").iterdir())


def test_recover_keeps_a_committed_publish(tmp_path: Path) -> None:
    root = str(tmp_path / "lake")
    _write(tmp_path / "s" / "part.parquet", ["done"])
    store.publish_day(root, "2025-01-15", {"quarantine": str(tmp_path / "s")}, "run-a")
    store._write_journal(
        root, "run-a", {"ingest_date": "2025-01-15", "tables": ["quarantine"], "state": "committed"}
    )
    assert store.recover(root) == []
    assert _details(store.partition_uri(root, "quarantine", "2025-01-15")) == ["done"]


def test_read_files_of_nothing_is_an_empty_typed_table() -> None:
    table = store.read_files([], "articles")
    assert table.num_rows == 0 and table.schema == TABLES["articles"]
    assert store.read_files([], "articles", ["article_id"]).schema == pa.schema(
        [TABLES["articles"].field("article_id")]
    )


def _article(article_id: str, **more) -> dict:
    """The smallest valid ``articles`` row."""
    return {
        "article_id": article_id, "source_uri": "s", "record_index": 0, "source_sha256": "0" * 64, "lang": "fa",
        "ict": False, "body": "x", "word_count": 1, "comment_count": 0, "extractor_version": "v", **more,
    }  # fmt: skip


def test_published_among_finds_the_days_ids_on_other_dates(tmp_path: Path) -> None:
    root = tmp_path / "lake"
    day = pa.array(["a", "b", "c"], pa.string())
    assert store.published_among(str(root), "2025-01-15", day) == set()  # no lake yet
    for date, idents in (("2025-01-14", ["a", "x"]), ("2025-01-15", ["b"]), ("2025-01-16", ["c", "y", "z"])):
        rows = [_article(i) for i in idents]
        store.write_table(
            str(root / "articles" / f"ingest_date={date}" / "p.parquet"), to_table("articles", rows)
        )
    assert store.published_among(str(root), "2025-01-15", day) == {"a", "c"}  # b is this date's own
    assert store.published_among(str(root), "2025-01-16", day) == {"a", "b"}
    assert store.published_among(str(root), "2025-01-15", pa.array([], pa.string())) == set()


def test_row_groups_are_bounded_in_bytes_and_readers_take_wide_rows_in_small_chunks(tmp_path: Path) -> None:
    """A reader holds one row group: 3,000 rows of 8 KB texts go in groups of ~1,000 rows,
    whether written at once or streamed, and come back in chunks of WIDE_CHUNK_ROWS."""
    wide = pa.table({"detail": ["ب" * 4_000 + str(i) for i in range(3_000)]})
    assert store.row_group_rows(wide) == store.ROW_GROUP_BYTES // (wide.nbytes // 3_000) < 1_100
    assert store.row_group_rows(pa.table({"n": list(range(50_000))})) == store.ROW_GROUP_SIZE
    rows = [
        {
            "source_uri": "s",
            "record_index": i,
            "source_sha256": "0" * 64,
            "size_bytes": 1,
            "reason": "empty",
            "detail": "ب" * 4_000,
            "stored_copy": "x",
        }
        for i in range(3_000)
    ]
    streamed = tmp_path / "streamed.parquet"
    writer = store.TableWriter(str(streamed), TABLES["quarantine"])
    writer.write(to_table("quarantine", rows))
    writer.close()
    metadata = pq.ParquetFile(streamed).metadata
    assert metadata.num_rows == 3_000 and metadata.num_row_groups >= 3
    assert max(metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)) <= 1_100
    assert [t.num_rows for t in store.iter_chunks(str(streamed), "quarantine")] == [
        3_000
    ]  # no article texts: big chunks
    schema = TABLES["articles"]
    blank = {
        pa.types.is_string: "x",
        pa.types.is_integer: 0,
        pa.types.is_list: [],
        pa.types.is_binary: b"x",
        pa.types.is_boolean: False,
    }
    columns = {
        f.name: pa.array([next((v for test, v in blank.items() if test(f.type)), None)] * 2_500, f.type)
        for f in schema
    }
    articles = tmp_path / "articles.parquet"
    store.write_table(str(articles), pa.table(columns, schema=schema))
    assert [t.num_rows for t in store.iter_chunks(str(articles), "articles")] == [1_000, 1_000, 500]
    assert [t.num_rows for t in store.iter_chunks(str(articles), "articles", ["article_id"])] == [2_500]


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("ingest_date=2025-01-15", "2025-01-15"),
        ("ingest_date=2024-02-29", "2024-02-29"),
        ("ingest_date=2025-01-15.bak", None),  # a backup copy
        ("ingest_date=2025-02-30", None),  # no such day
        ("ingest_date=20250115", None),  # fromisoformat would take it; the lake's readers would not
        ("ingest_date=٢٠٢٥-٠١-١٥", None),  # Arabic-Indic digits
        ("ingest_date=۲۰۲۵-۰۱-۱۵", None),  # Persian digits
        ("ingest_date=", None),
        ("copy of ingest_date=2025-01-15", None),
        ("", None),
    ],
)
def test_partition_date_accepts_only_a_real_date(name: str, date: str | None) -> None:
    assert store.partition_date(name) == date


def test_recover_rolls_back_from_the_trash_when_the_journal_is_unreadable(tmp_path: Path) -> None:
    """An older khabar truncated its journal when the disk filled as it marked the publish
    committed: the tables it had swapped are in its trash folder, and go back."""
    root = str(tmp_path / "lake")
    _write(tmp_path / "a" / "part.parquet", ["old"])
    store.publish_day(root, "2025-01-15", {"quarantine": str(tmp_path / "a")}, "run-a")
    _write(tmp_path / "b" / "part.parquet", ["new"])
    store.publish_day(root, "2025-01-15", {"quarantine": str(tmp_path / "b")}, "run-b")
    partition = Path(store.partition_uri(root, "quarantine", "2025-01-15"))
    run_dir = tmp_path / "lake" / "_trash" / "run-b"  # as the crash left it: old partition in the trash
    run_dir.mkdir(parents=True)
    _write(
        tmp_path / "lake" / "_trash" / "run-b" / "quarantine@ingest_date=2025-01-15" / "part.parquet", ["old"]
    )
    (run_dir / "_journal.json").write_bytes(b"")
    assert _details(str(partition)) == ["new"]
    assert store.recover(root) == ["quarantine/ingest_date=2025-01-15"]
    assert _details(str(partition)) == ["old"]
    assert not run_dir.exists()


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"[]", b'{"tables": "x"}', b"\xff\xfe", b'{"ingest_date": "2025-01-15.bak", "tables": []}'],
)
def test_recover_removes_an_unreadable_journal_of_a_run_that_moved_nothing(
    tmp_path: Path, content: bytes
) -> None:
    root = tmp_path / "lake"
    (root / "_trash" / "x").mkdir(parents=True)
    (root / "_trash" / "x" / "_journal.json").write_bytes(content)
    assert store.recover(str(root)) == []
    assert not (root / "_trash" / "x").exists()


def test_manifests_are_written_whole_with_the_usual_permissions_and_any_text(tmp_path: Path) -> None:
    target = tmp_path / "m" / "manifest.json"
    write_json(
        str(target), {"name": "x \ud83d", "n": 1}
    )  # a lone surrogate (a cut emoji) is kept as an escape
    assert read_json(str(target)) == {"name": "x \ud83d", "n": 1}
    assert [p.name for p in target.parent.iterdir()] == ["manifest.json"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_the_story_window_stops_at_the_ends_of_the_calendar(tmp_path: Path) -> None:
    root = tmp_path / "lake"
    for date in ("0001-01-05", "9999-12-28"):
        row = _article(date, story_id=f"s-{date}", story_minhash=b"m")
        store.write_table(
            str(root / "articles" / f"ingest_date={date}" / "p.parquet"), to_table("articles", [row])
        )
    assert list(store.published_stories(str(root), "0001-01-01")) == [("s-0001-01-05", b"m")]
    assert list(store.published_stories(str(root), "9999-12-31")) == [("s-9999-12-28", b"m")]
