from __future__ import annotations

import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest

from khabar.errors import LandingError, QuarantineReason
from khabar.sources import InputFile, Limits, discover, read_records
from tests.conftest import SEED_002


def records(path: Path, limits: Limits | None = None):
    return list(read_records(InputFile(str(path), path.stat().st_size), limits or Limits()))


def test_discover_lists_the_day_sorted_and_skips_markers(tmp_path: Path) -> None:
    day = tmp_path / "2025-01-15"
    (day / "sub").mkdir(parents=True)
    (day / "b.txt").write_text("x")
    (day / "sub" / "a.txt").write_text("x")
    (day / "_SUCCESS").write_text("")
    (day / ".partial.txt").write_text("x")
    found = [Path(f.uri).relative_to(day).as_posix() for f in discover(str(tmp_path), "2025-01-15")]
    assert found == ["b.txt", "sub/a.txt"]


def test_missing_day_is_a_landing_error(tmp_path: Path) -> None:
    with pytest.raises(LandingError, match="not found"):
        discover(str(tmp_path), "2025-01-15")


def test_jsonl_one_bad_record_among_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"title": "a", "text": "متن"}\n{not json}\n\n["a list"]\n{"text": "دو"}\n', encoding="utf-8")
    got = records(path)
    assert [(r.record_index, r.rejection.reason if r.rejection else None) for r in got] == [
        (0, None),
        (1, QuarantineReason.MALFORMED_JSON),
        (3, QuarantineReason.MALFORMED_JSON),
        (4, None),
    ]
    assert got[0].fields == {"title": "a", "text": "متن"}


def test_json_list_gives_one_record_per_element(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps([{"text": "یک"}, {"text": "دو"}], ensure_ascii=False), encoding="utf-8")
    got = records(path)
    assert [r.fields["text"] for r in got] == ["یک", "دو"]
    assert len({r.sha256 for r in got}) == 2


def test_unsupported_type_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff")
    (record,) = records(path)
    assert record.rejection.reason == QuarantineReason.UNSUPPORTED_TYPE


def test_too_large_file_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 5000)
    (record,) = records(path, Limits(max_file_bytes=1000))
    assert record.rejection.reason == QuarantineReason.TOO_LARGE
    assert record.data is None and record.size == 5000
    assert len(record.sha256) == 64


def _zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_zip_members_become_inputs(tmp_path: Path) -> None:
    path = tmp_path / "archive.zip"
    _zip(path, {"2023/a.txt": SEED_002.read_bytes(), "b.jsonl": b'{"text": "x"}\n{"text": "y"}\n', "../evil.txt": b"x", "/etc/passwd": b"x"})
    got = {(r.source_uri.split("!/")[1], r.record_index): r for r in records(path)}
    assert got[("2023/a.txt", 0)].data == SEED_002.read_bytes()
    assert got[("b.jsonl", 1)].fields == {"text": "y"}
    assert got[("../evil.txt", 0)].rejection.reason == QuarantineReason.UNSAFE_ARCHIVE
    assert got[("/etc/passwd", 0)].rejection.reason == QuarantineReason.UNSAFE_ARCHIVE


def test_zip_bomb_member_is_not_extracted(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    _zip(path, {"zeros.txt": b"0" * 2_000_000})
    (record,) = records(path)
    assert record.rejection.reason == QuarantineReason.UNSAFE_ARCHIVE
    assert "ratio" in record.rejection.detail
    assert record.data == path.read_bytes()  # the archive itself is the kept original


def test_tar_gz_with_symlink(tmp_path: Path) -> None:
    path = tmp_path / "a.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        data = "خبر".encode()
        info = tarfile.TarInfo("news/خبر من.txt")  # Persian name with a space
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("news/link.txt")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        archive.addfile(link)
    got = {r.source_uri.split("!/")[1]: r for r in records(path)}
    assert got["news/خبر من.txt"].data == "خبر".encode()
    assert got["news/link.txt"].rejection.reason == QuarantineReason.UNSAFE_ARCHIVE


def test_corrupt_archive(tmp_path: Path) -> None:
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    (record,) = records(path)
    assert record.rejection.reason == QuarantineReason.BAD_ARCHIVE


@pytest.mark.parametrize(("name", "data"), [("empty list.json", b"[]"), ("blank lines.jsonl", b"\n\n  \n"), ("dirs only.zip", None)])
def test_a_file_without_records_is_still_one_input(tmp_path: Path, name: str, data: bytes | None) -> None:
    path = tmp_path / name
    if data is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("folder/", b"")
    else:
        path.write_bytes(data)
    (record,) = records(path)
    assert record.rejection.reason == QuarantineReason.EMPTY
    assert record.source_uri == str(path)


def test_a_100_mb_file_is_hashed_and_kept_as_a_stream(tmp_path: Path) -> None:
    """Over the size limit: never read whole. Peak Python memory stays a few MB."""
    import hashlib
    import tracemalloc

    from khabar.pipeline import _store_quarantined

    path = tmp_path / "huge.txt"
    with path.open("wb") as sink:
        chunk = ("خبر " * 50_000).encode("utf-8")
        while sink.tell() < 100 * 1024 * 1024:
            sink.write(chunk)
    tracemalloc.start()
    (record,) = records(path)  # default limit: 64 MiB
    copy = _store_quarantined(str(tmp_path / "lake"), record)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert record.rejection.reason == QuarantineReason.TOO_LARGE
    assert peak < 8 * 1024 * 1024
    digest = hashlib.sha256()
    with path.open("rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    assert record.sha256 == digest.hexdigest()
    assert Path(copy).stat().st_size == path.stat().st_size
