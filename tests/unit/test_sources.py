from __future__ import annotations

import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest

from khabar.core.errors import LandingError, QuarantineReason
from khabar.ingest.sources import InputFile, Limits, discover, read_records
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
    path.write_text(
        '{"title": "a", "text": "متن"}\n{not json}\n\n["a list"]\n{"text": "دو"}\n', encoding="utf-8"
    )
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
    _zip(
        path,
        {
            "2023/a.txt": SEED_002.read_bytes(),
            "b.jsonl": b'{"text": "x"}\n{"text": "y"}\n',
            "../evil.txt": b"x",
            "/etc/passwd": b"x",
        },
    )
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


@pytest.mark.parametrize(
    ("name", "data"),
    [("empty list.json", b"[]"), ("blank lines.jsonl", b"\n\n  \n"), ("dirs only.zip", None)],
)
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

    from khabar.lake.store import keep_original

    path = tmp_path / "huge.txt"
    with path.open("wb") as sink:
        chunk = ("خبر " * 50_000).encode("utf-8")
        while sink.tell() < 100 * 1024 * 1024:
            sink.write(chunk)
    tracemalloc.start()
    (record,) = records(path)  # default limit: 64 MiB
    copy = keep_original(str(tmp_path / "lake"), record)
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


# --- issue 14: the input edge ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("deep.json", b"[" * 5000 + b"]" * 5000),
        ("deep.jsonl", b'{"text": "x"}\n' + b"[" * 5000 + b"]" * 5000 + b"\n"),
    ],
)
def test_deeply_nested_json_is_malformed_not_a_recursion_error(
    tmp_path: Path, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    rejected = [r for r in records(path) if r.rejection]
    assert [(r.record_index, r.rejection.reason) for r in rejected] == [
        (0 if name == "deep.json" else 1, QuarantineReason.MALFORMED_JSON)
    ]
    assert "nested deeper" in rejected[0].rejection.detail


def test_json_strings_are_made_valid_and_clean_where_they_enter(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_bytes(
        b'[{"title": "x \\ud83d", "text": "\\u202e\\u0645\\u062a\\u0646\\u0000"}, {"agency\\u200b": "\\udc80\\u0627"}]'
    )
    first, second = records(path)
    assert first.fields == {"title": "x \ufffd", "text": "متن"}
    assert second.fields == {"agency": "\ufffdا"}
    assert json.loads(second.data) == {"agency\u200b": "\udc80ا"}  # the original, as the source wrote it


def test_discover_accounts_for_links_fifos_and_undecodable_names(tmp_path: Path) -> None:
    import os

    day = tmp_path / "2025-01-15"
    day.mkdir()
    (tmp_path / "outside.txt").write_text("x")
    (day / "link.txt").symlink_to(tmp_path / "outside.txt")
    (day / "folder-link").symlink_to(tmp_path)
    os.mkfifo(day / "pipe.txt")
    with open(os.path.join(os.fsencode(day), b"bad\xff.txt"), "wb") as sink:
        sink.write(SEED_002.read_bytes())
    found = {Path(f.uri).name: f for f in discover(str(tmp_path), "2025-01-15")}
    assert sorted(found) == ["bad%FF.txt", "folder-link", "link.txt", "pipe.txt"]
    assert found["link.txt"].special == f"symbolic link to '{tmp_path / 'outside.txt'}' (not followed)"
    assert found["folder-link"].special.startswith("symbolic link")
    assert found["pipe.txt"].special == "FIFO"
    bad = found["bad%FF.txt"]
    assert bad.special is None and bad.original and Path(bad.open_uri).read_bytes() == SEED_002.read_bytes()
    (record,) = read_records(bad, Limits())
    assert record.source_uri == bad.uri and record.data == SEED_002.read_bytes()
    (pipe,) = read_records(found["pipe.txt"], Limits())  # never opened: reading a FIFO would block
    assert (pipe.rejection.reason, pipe.rejection.detail) == (
        QuarantineReason.UNSUPPORTED_TYPE,
        "FIFO: khabar reads regular files only",
    )


def test_a_too_large_file_with_an_undecodable_name_is_kept(tmp_path: Path) -> None:
    import os

    from khabar.lake.store import keep_original

    day = tmp_path / "2025-01-15"
    day.mkdir()
    with open(os.path.join(os.fsencode(day), b"big\xff.txt"), "wb") as sink:
        sink.write(b"x" * 5000)
    (file,) = discover(str(tmp_path), "2025-01-15")
    (record,) = read_records(file, Limits(max_file_bytes=1000))
    assert record.rejection.reason == QuarantineReason.TOO_LARGE
    assert Path(keep_original(str(tmp_path / "lake"), record)).read_bytes() == b"x" * 5000


def test_members_of_one_name_are_distinct_inputs(tmp_path: Path) -> None:
    import warnings

    path = tmp_path / "twins.zip"
    with zipfile.ZipFile(path, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        archive.writestr("a.txt", b"one")
        archive.writestr("a.txt", b"two")
    got = [(r.source_uri.split("!/")[1], r.record_index, r.data) for r in records(path)]
    assert got == [("a.txt", 0, b"one"), ("a~1.txt", 0, b"two")]


def test_a_corrupt_member_is_one_bad_archive_row(tmp_path: Path) -> None:
    path = tmp_path / "crc.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.txt", b"first member")
        archive.writestr("b.txt", b"second member")
        archive.writestr("c.txt", b"third member")
    path.write_bytes(path.read_bytes().replace(b"second member", b"SECOND member"))  # CRC no longer matches
    got = {r.source_uri.split("!/")[1]: r for r in records(path)}
    assert got["a.txt"].data == b"first member" and got["c.txt"].data == b"third member"
    assert got["b.txt"].rejection.reason == QuarantineReason.BAD_ARCHIVE
    assert "cannot read member" in got["b.txt"].rejection.detail
    assert got["b.txt"].data == path.read_bytes()  # the archive is the kept original


def test_an_error_while_reading_a_file_is_one_more_input(tmp_path: Path, monkeypatch) -> None:
    from khabar.ingest import sources

    def broken(*args, **kwargs):
        raise ValueError("a bug in a reader")
        yield  # a generator, like the real one

    path = tmp_path / "x.txt"
    path.write_bytes(b"bytes")
    monkeypatch.setattr(sources, "records_from_bytes", broken)
    (record,) = records(path)
    assert (record.source_uri, record.record_index, record.rejection.reason) == (
        str(path),
        0,
        QuarantineReason.EXTRACTION_ERROR,
    )
    assert "ValueError: a bug in a reader" in record.rejection.detail and record.data == b"bytes"
