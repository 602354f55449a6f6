"""The one reader of archive members (khabar.ingest.sources.list_members / open_members), shared by the
daily run and ``khabar archive``: names made valid, keys and landing paths unique, problems named."""

from __future__ import annotations

import io
import tarfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.ingest.sources import (
    Limits,
    field_text,
    list_members,
    name_from_bytes,
    open_members,
    safe_path,
    tagged,
    valid_name,
)
from khabar.text.normalize import clean_unicode
from tests.helpers import tar_bytes, zip_bytes


def zip_of(members: list[tuple[str, bytes]]) -> io.BytesIO:
    return io.BytesIO(zip_bytes(members))


def tar_of(members: list[tuple[bytes, bytes]]) -> io.BytesIO:
    return io.BytesIO(tar_bytes(members))


@pytest.mark.parametrize(
    ("raw", "legacy", "expected"),
    [
        (b"news/a.txt", None, "news/a.txt"),
        ("خبرها/گزارش.txt".encode(), None, "خبرها/گزارش.txt"),  # UTF-8
        ("اخبار/گزارش مهم.txt".encode("cp1256"), None, "اخبار/گزارش مهم.txt"),  # Windows-1256 Persian
        ("اخبار.txt".encode("cp1256"), "cp437", "اخبار.txt"),  # evidence wins over a zip's cp437
        (b"caf\x82.txt", "cp437", "café.txt"),  # a Western zip: cp437 as the format says
        (b"bad \xff name.txt", None, "bad %FF name.txt"),  # one stray byte is no evidence of Windows-1256
        (b"x\xff\xfe.txt", None, "x%FF%FE.txt"),
        ("\u202etxt.exe".encode(), None, "txt.exe"),  # bidi override removed (clean_unicode)
        (b"", None, ""),
    ],
)
def test_names_are_decoded_by_evidence(raw: bytes, legacy: str | None, expected: str) -> None:
    assert name_from_bytes(raw, legacy) == expected


def test_valid_name_reads_surrogate_escaped_names() -> None:
    assert valid_name(b"a\xff.txt".decode("utf-8", "surrogateescape")) == "a%FF.txt"
    assert valid_name("plain.txt") == "plain.txt"


@pytest.mark.parametrize(
    ("name", "tag", "expected"),
    [
        ("news/x.txt", "3", "news/x~3.txt"),
        ("a.tar.gz", "2", "a~2.tar.gz"),
        ("README", "1", "README~1"),
        (".tar.gz", "1", "~1.tar.gz"),
        ("خبر.json", "4", "خبر~4.json"),
        (".txt", "2", "~2.txt"),
    ],
)
def test_tagged_keeps_the_kind(name: str, tag: str, expected: str) -> None:
    assert tagged(name, tag) == expected


def test_safe_path() -> None:
    assert safe_path("../../etc/passwd") == "etc/passwd"
    assert safe_path("C:\\news\\x.txt") == "news/x.txt"
    assert safe_path("__MACOSX/._x.txt") == "%5F_MACOSX/%2E_x.txt"
    assert safe_path("..") == "member"


def test_members_of_one_name_and_colliding_paths_have_their_own_key_and_path() -> None:
    names = [
        "news/x.txt",
        "news/x.txt",
        "news\\y.txt",
        "news/y.txt",
        "/news/z.txt",
        "news/z.txt",
        "../news/z.txt",
    ]
    members = list_members(zip_of([(n, f"{i}".encode()) for i, n in enumerate(names)]), "a.zip", Limits())
    assert [m.index for m in members] == list(range(7))
    assert [m.key for m in members] == [
        "news/x.txt",
        "news/x~1.txt",
        "news\\y.txt",
        "news/y.txt",
        "/news/z.txt",
        "news/z.txt",
        "../news/z.txt",
    ]
    assert [m.path for m in members] == [
        "news/x.txt",
        "news/x~1.txt",
        "news/y.txt",
        "news/y~3.txt",
        "news/z.txt",
        "news/z~5.txt",
        "news/z~6.txt",
    ]
    assert [m.unsafe_name is not None for m in members] == [False] * 4 + [True, False, True]
    assert all(m.problem is None for m in members)


def test_a_file_where_another_member_needs_a_folder() -> None:
    members = list_members(zip_of([("news", b"a"), ("news/x.txt", b"b")]), "a.zip", Limits())
    assert [m.path for m in members] == ["news", "news~1/x.txt"]
    members = list_members(zip_of([("news/x.txt", b"b"), ("news", b"a")]), "a.zip", Limits())
    assert [m.path for m in members] == ["news/x.txt", "news~1"]


def test_a_second_reading_yields_the_same_members_in_order() -> None:
    data = tar_of([(b"a.txt", b"1"), (b"a.txt", b"2"), ("خبر.txt".encode("cp1256"), b"3")])
    members = list_members(data, "a.tar.gz", Limits())
    assert [(m.key, m.path) for m in members] == [
        ("a.txt", "a.txt"),
        ("a~1.txt", "a~1.txt"),
        ("خبر.txt", "خبر.txt"),
    ]
    data.seek(0)
    assert [(m.index, stream.read()) for m, stream in open_members(data, "a.tar.gz", members)] == [
        (0, b"1"),
        (1, b"2"),
        (2, b"3"),
    ]


def test_problems_are_named_and_never_opened() -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        link = tarfile.TarInfo("link.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        archive.addfile(link)
        fifo = tarfile.TarInfo("pipe")
        fifo.type = tarfile.FIFOTYPE
        archive.addfile(fifo)
    buffer.seek(0)
    members = list_members(buffer, "x.tar", Limits())
    assert [(m.name, m.problem) for m in members] == [
        ("link.txt", "link to '/etc/passwd'"),
        ("pipe", "not a regular file"),
    ]
    buffer.seek(0)
    assert list(open_members(buffer, "x.tar", members)) == []
    bomb = list_members(zip_of([("zeros.txt", b"0" * 1_000_000)]), "b.zip", Limits())
    assert bomb[0].problem.startswith("compression ratio")


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=64), legacy=st.sampled_from([None, "cp437"]))
def test_any_name_bytes_give_a_valid_clean_name(raw: bytes, legacy: str | None) -> None:
    name = name_from_bytes(raw, legacy)
    name.encode("utf-8")  # strict: writable to Parquet and JSON
    assert clean_unicode(name) == name
    assert name_from_bytes(raw, legacy) == name  # the same bytes, the same name (a stable identity)


#: What scrapers put in JSON strings: any character, and often the ones that break writers.
_HOSTILE = st.sampled_from(
    ["\ud83d", "\ude00", "\udc80", "\x00", "\u202e", "\u2067", "\u200c", "\ufefb", "\r", "\n", "\u00a0", "خ"]
)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.one_of(st.characters(exclude_categories=()), _HOSTILE), max_size=64))
def test_any_json_string_becomes_valid_and_clean(text: str) -> None:
    value = field_text(text)
    value.encode("utf-8")
    assert field_text(value) == value  # once is enough: cleaning is idempotent
