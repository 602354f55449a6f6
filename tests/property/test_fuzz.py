"""The fuzz harness: hostile inputs through reading, decoding, JSON, archives, extraction and a whole day.

Every property states what a user relies on, for any input hypothesis can build:

1. reading: any bytes under any file name (valid or invalid UTF-8) in a landing folder
   is found and yields at least one input; each input carries data or a rejection with
   a known reason code, an identity that can be written to ``sources`` (valid Unicode,
   unique within its file), and becomes an article or a rejection, never an exception;
2. decoding: ``decode_bytes`` returns valid Unicode or raises ``InputRejected``;
3. JSON: any JSON value (deep nesting, lone surrogate escapes, huge numbers, NUL) as a
   ``.json`` file and as one line of a ``.jsonl`` file is one input per list item (or
   per line), and each becomes an article or a rejection;
4. archives: a zip or tar with any member names (duplicates, ``..``, absolute, ``\\``,
   glob characters, cp1256 and invalid UTF-8 bytes) and contents accounts for every
   member the standard library lists, each under its own identity;
5. extraction: every string of an extraction is valid UTF-8 without control
   characters or bidi overrides, structured fields carry Latin digits, offsets stay
   inside the body, and every row can be written to Parquet;
6. a day: a landing folder of a few hostile inputs through ``run_day`` publishes, with
   exactly one ``sources`` row per input, and passes validation.

Example counts come from the hypothesis profile (``tests/property/conftest.py``):
1,000 per property in CI, 25,000 in ``make fuzz``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import itertools
import json
import os
import random
import re
import shutil
import tarfile
import tempfile
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import fsspec
import pytest
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st

from khabar.core.errors import InputRejected, KhabarError, QuarantineReason
from khabar.extraction.entities import known_iso3
from khabar.extraction.extract import Extraction, extract_text
from khabar.extraction.vocabulary import EVENT_TYPES, LANGS, TOPIC_KEYS
from khabar.ingest.records import extract_record
from khabar.ingest.sources import (
    TEXT_KEYS,
    InputFile,
    Limits,
    RawRecord,
    discover,
    read_records,
    records_from_bytes,
)
from khabar.lake.rows import article_rows
from khabar.lake.schema import to_table
from khabar.pipeline.daily import RunConfig, run_day
from khabar.text.decode import decode_bytes
from tests.conftest import SEEDS
from tests.property.conftest import day_examples, fuzz_case, fuzz_examples, huge_repeats
from tests.property.test_properties import NEWS_WORDS, TEXTS

DAY = "2025-01-15"
INGEST = dt.date.fromisoformat(DAY)
FUZZ = settings(max_examples=fuzz_examples())
REASONS = {r.value for r in QuarantineReason}

# --- strategies: text ---------------------------------------------------------------

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
SEED_PARAGRAPHS = [line for text in SEED_TEXTS for line in text.split("\n") if line.strip()]
#: Pieces of hostile text: invalid Unicode, controls, bidi overrides, news codes and dates
#: in every digit script, glob characters, markup.
FRAGMENTS = [
    "\x00", "\ud83d", "\udc00", "\udfff\ud800", "😀", "\U0010ffff", "\uffff", "\ufdd0", "\ufffd",  # NUL, lone surrogates, non-characters
    "\x01", "\x07", "\x08", "\x0b", "\x0c", "\r", "\r\n", "\x1b[31m", "\x1b]0;title\x07", "\x7f", "\x85", "\x9b", "\u2028", "\u2029",
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c",  # bidi
    "\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u0640" * 5, "\u064b\u064c\u064d",
    "کد خبر: ۱۲۳۴۵", "کد خبر: ١٢٣٤٥", "کد خبر: １２３４５", "کد خبر: १२३४५", "کد خبر: ߁߂߃߄߅", "شناسه خبر: 98765", "رقم الخبر: ٩٨٧٦٥",
    "news code: ༡༢༣༤༥", "/news/١٢٣٤٥/", "https://www.isna.ir/news/۱۴۰۲۰۸۰۴۱۲۳۴۵/x", "https://www.mehrnews.com/news/１２３４５６/", "http://x.ir/detail/૧૨૩૪૫૬",
    "۱۴۰۲/۰۸/۰۴", "١٤٤٥/٠٨/٢٠ هـ الموافق ٢٠٢٤/٠٣/٠١ م", "2024/03/01 ۱۲:۳۰", "١٢:٣٠", "۲۹ اسفند ۱۴۰۲", "１２:３０", "۹۹۹۹/۹۹/۹۹", "0001-01-01",
    "[", "]", "*", "?", "[!a-z]", "{a,b}", "..", "../", "\\", "%00", "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "&#0;", "&#xD800;",
    "\n\n", "\t", "   ", "۹۴ ٪", "۵۰ میلیون دلار", "٣٫٥ مليار", "ﻻ", "ﷲ", "\u0660" * 20,
]  # fmt: skip
FRAGMENT = st.sampled_from(FRAGMENTS)
#: Any code point, lone surrogates included.
ANY_CHAR = st.characters(exclude_categories=())


@st.composite
def spliced(draw: st.DrawFn, base: st.SearchStrategy[str]) -> str:
    """``base`` with a few hostile fragments (or random code points) inserted anywhere."""
    text = draw(base)
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.one_of(FRAGMENT, st.text(ANY_CHAR, min_size=1, max_size=3))) + text[at:]
    return text


ARTICLE_BASE = st.one_of(
    st.sampled_from(SEED_TEXTS),
    st.lists(st.sampled_from(SEED_PARAGRAPHS), min_size=1, max_size=6).map("\n".join),
)
#: A long article: seed paragraphs repeated, on lines or as one line (up to ~50 kB in CI,
#: ~150 kB in the long run: extraction time is another property's business, not this one's).
HUGE = st.builds(
    lambda paragraphs, times, one_line: (" " if one_line else "\n").join(paragraphs * times),
    st.lists(st.sampled_from(SEED_PARAGRAPHS), min_size=1, max_size=30),
    st.integers(1, huge_repeats()),
    st.booleans(),
)
#: Text an extraction meets: real articles with hostile pieces spliced in, the existing
#: property tests' texts, news words and fragments, any code points, long articles.
ARTICLE_TEXT = st.one_of(
    spliced(ARTICLE_BASE),
    spliced(TEXTS),
    st.lists(st.one_of(NEWS_WORDS, FRAGMENT), max_size=40).map(" ".join),
    st.text(ANY_CHAR, max_size=200),
    spliced(HUGE),
)
#: The text of a JSON record: a paragraph or three, with hostile pieces (short: extraction is
#: the costly step and the JSON property extracts up to seven records an example).
RECORD_TEXT = spliced(st.lists(st.sampled_from(SEED_PARAGRAPHS), min_size=1, max_size=3).map("\n".join))
SHORT_TEXT = st.one_of(
    spliced(st.sampled_from(["", "عنوان خبر", "وزير الاتصالات", "title"])),
    st.text(ANY_CHAR, max_size=30),
    FRAGMENT,
)


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """An HTML page with hostile title, date and body, sometimes unclosed or deeply nested."""
    title, body, date = (
        draw(SHORT_TEXT),
        draw(ARTICLE_TEXT),
        draw(st.one_of(FRAGMENT, st.just("2024-03-01T10:00:00+03:30"))),
    )
    depth = draw(st.sampled_from([0, 0, 3, 500, 5000]))
    paragraphs = "".join(f"<p>{line}</p>" for line in body.split("\n"))
    return (
        f'<html><head><title>{title}</title><meta property="article:published_time" content="{date}">'
        f'<meta property="og:site_name" content="{draw(SHORT_TEXT)}"><script>var x = \'</p>\';</script></head>'
        f"<body><nav>منو</nav>{'<div>' * depth}<h1>{title}</h1>{paragraphs}{draw(st.sampled_from(['', '</div>' * depth, '<p', '<!--', '<![CDATA[']))}"
    )


CODECS = ["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1256", "latin-1"]


def encode(text: str, codec: str) -> bytes:
    """``text`` in ``codec``; lone surrogates are written as they are (invalid UTF-8/16)."""
    errors = "surrogatepass" if codec.startswith("utf") else "replace"
    return text.encode(codec, errors)


ENCODED_TEXT = st.builds(encode, st.one_of(ARTICLE_TEXT, html_pages()), st.sampled_from(CODECS))
SPECIAL_BYTES = st.sampled_from(
    [b"", b" \n\t\r\n", b"\x00" * 64, b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff\x00", b"[]", b"{}", b"null", b"\n\n", b"\xef\xbb\xbf[]",
     b"PK\x03\x04", b"PK\x05\x06" + b"\x00" * 18, b"\x1f\x8b\x08", b"ustar\x00", "کد خبر: 123".encode("cp1256"), "خبر".encode() * 3 + b"\xe2\x80"]
)  # fmt: skip


def _samples() -> list[bytes]:
    """Hostile file contents built once (drawing them anew for every archive member would
    cost more than reading them): seeds with fragments spliced in, in several encodings,
    JSON documents of every hostile kind, JSON Lines with a bad line, an HTML page."""
    rng = random.Random(14)
    texts = [*SEED_TEXTS, "\n".join(SEED_PARAGRAPHS[:3])]
    for _ in range(24):
        text = "\n".join(rng.sample(SEED_PARAGRAPHS, rng.randint(1, 4)))
        for _ in range(rng.randint(1, 3)):
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice(FRAGMENTS) + text[at:]
        texts.append(text)
    samples = [encode(text, rng.choice(CODECS)) for text in texts]
    record = {
        "title": "عنوان \ud83d",
        "text": SEED_PARAGRAPHS[1],
        "date": "۱۴۰۲/۰۸/۰۴\x00",
        "agency": "\u202eایرنا",
        "url": "https://x.ir/news/١٢٣٤٥٦/",
    }
    samples += [
        json.dumps(record).encode(), json.dumps([record, record, {"text": "x"}]).encode(), json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass"),
        b"[" * 5000 + b"]" * 5000, b'{"text": "\xd8\xae\xd8\xa8\xd8\xb1", "n": ' + b"1" * 5000 + b"}", b'{"text": "' + SEED_PARAGRAPHS[2].encode() + b'", "n": 1e400}',
        json.dumps(record).encode() + b"\n{bad\n\n" + json.dumps({"body": SEED_PARAGRAPHS[3]}).encode() + b"\n", b"\n\n\n", b"[[]]", b'"text"',
        f"<html><head><title>{SEED_PARAGRAPHS[0]}</title></head><body><p>{SEED_TEXTS[3]}</p></body></html>".encode(),
    ]  # fmt: skip
    return samples


SAMPLES = _samples()
SAMPLE = st.sampled_from(SAMPLES)

# --- strategies: JSON ---------------------------------------------------------------

#: Numbers json.dumps cannot write but a scraper can: past float range, past Python's
#: 4,300-digit limit for int parsing, NaN-like literals.
RAW_NUMBERS = [
    "1e400",
    "-1e400",
    "1" * 5000,
    "-" + "9" * 4301,
    "1.5e-400",
    "123456789012345678901234567890",
    "NaN",
    "-Infinity",
    "0.1e999999999",
]


@dataclass(frozen=True)
class RawNumber:
    """A number written into a JSON document as it is (see :data:`RAW_NUMBERS`)."""

    text: str


PLAIN_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), SHORT_TEXT, RECORD_TEXT)
HINT_KEYS = [
    "title",
    "headline",
    "lead",
    "abstract",
    "summary",
    "kicker",
    "subtitle",
    "url",
    "link",
    "date",
    "published",
    "pubDate",
    "agency",
    "source",
    "site",
]
JSON_KEYS = st.one_of(st.sampled_from([*TEXT_KEYS, *HINT_KEYS]), SHORT_TEXT)


def json_values(scalars: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        scalars,
        lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(JSON_KEYS, inner, max_size=4)),
        max_leaves=8,
    )


def article_records(values: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """An article record: a text key (``text``, ``body`` ...) and a few hint fields, all hostile."""
    return st.builds(
        lambda key, text, hints: {**hints, key: text},
        st.sampled_from(TEXT_KEYS),
        RECORD_TEXT,
        st.dictionaries(st.sampled_from(HINT_KEYS), st.one_of(SHORT_TEXT, SHORT_TEXT, values), max_size=4),
    )


#: JSON values that json.dumps can write (lone surrogates included) ...
PLAIN_VALUES = json_values(PLAIN_SCALARS)
PLAIN_RECORD = article_records(PLAIN_VALUES)
#: Good JSON Lines records around the drawn one (one short paragraph: cheap to extract).
NEIGHBOURS = [
    {"text": SEED_PARAGRAPHS[i], "title": "عنوان \ud83d\x00", "date": "۱۴۰۲/۰۸/۰۴"} for i in (1, 5, 9)
]
#: ... and values with numbers only a scraper writes.
JSON_VALUES = json_values(st.one_of(PLAIN_SCALARS, st.sampled_from(RAW_NUMBERS).map(RawNumber)))
ARTICLE_RECORD = article_records(JSON_VALUES)


@dataclass(frozen=True)
class Deep:
    """``depth`` nested lists or objects (a RecursionError for a recursive parser)."""

    depth: int
    kind: str  # list | object

    def dumps(self) -> str:
        if self.kind == "list":
            return "[" * self.depth + "]" * self.depth
        return '{"a":' * self.depth + "1" + "}" * self.depth


JSON_DOCUMENTS = st.one_of(
    ARTICLE_RECORD,
    st.lists(st.one_of(ARTICLE_RECORD, JSON_VALUES), max_size=4),
    JSON_VALUES,
    st.builds(Deep, st.sampled_from([10, 900, 1100, 5000, 100_000]), st.sampled_from(["list", "object"])),
    st.builds(
        lambda record, deep: {**record, "extra": deep},
        ARTICLE_RECORD,
        st.builds(Deep, st.sampled_from([1100, 50_000]), st.just("list")),
    ),
)


def dumps(value: Any, *, ascii_only: bool) -> str:
    """JSON text of ``value``; :class:`RawNumber` and :class:`Deep` are written as they are."""
    raws: list[str] = []

    def placeholder(item: Any) -> Any:
        if isinstance(item, RawNumber | Deep):
            raws.append(item.text if isinstance(item, RawNumber) else item.dumps())
            return f"@@raw{len(raws) - 1}@@"
        raise TypeError(type(item))

    if isinstance(value, Deep):
        return value.dumps()
    text = json.dumps(value, ensure_ascii=ascii_only, default=placeholder)
    for i, raw in enumerate(raws):
        text = text.replace(f'"@@raw{i}@@"', raw, 1)
    return text


def expected_json_inputs(data: bytes) -> int:
    """Inputs a ``.json`` file holds: one per item of a list, else one (an empty list, a
    non-list, and a document Python's json cannot parse: too deep, a number past its
    limits, invalid UTF-8, are each one input)."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return 1
    return len(value) if isinstance(value, list) and value else 1


@st.composite
def json_files(draw: st.DrawFn) -> tuple[Any, bytes, bytes]:
    """``(value, .json bytes, one .jsonl line)``: escaped (valid UTF-8, lone surrogates as
    ``\\ud83d``) or raw (lone surrogates as invalid UTF-8 bytes), sometimes with a BOM."""
    value = draw(JSON_DOCUMENTS)
    ascii_only = draw(st.booleans())
    text = dumps(value, ascii_only=ascii_only)
    data = encode(text, "utf-8")
    if draw(st.integers(0, 9)) == 0:
        data = b"\xef\xbb\xbf" + data
    return value, data, data.replace(b"\n", b" ")


JSONL_FILES = st.lists(json_files(), min_size=1, max_size=4).map(
    lambda docs: b"\n".join(line for _, _, line in docs) + b"\n"
)

# --- strategies: archives -----------------------------------------------------------

#: Segments of member paths: the colliding, traversing and glob-bearing kinds.
SEGMENTS = st.one_of(
    st.sampled_from(
        [
            "a",
            "news",
            "خبر",
            "اخبار ۱۴۰۲",
            "..",
            ".",
            "",
            "C:",
            "c:",
            "[abc]",
            "*",
            "?",
            "x[1]",
            "a\\y",
            "\\",
            "~",
            "$HOME",
            " ",
        ]
    ),
    st.lists(st.one_of(st.sampled_from(list("abxyz019-_. ")), FRAGMENT), min_size=1, max_size=4).map("".join),
)
MEMBER_SUFFIXES = [".txt", ".txt", ".json", ".jsonl", ".html", ".zip", ".tar.gz", ".pdf", "", "/"]
#: Member names as bytes: UTF-8, cp1256 (a Windows archiver), or invalid UTF-8.
LEGACY_NAMES = [
    b"\xe4\xc7\xe3\xe5.txt",
    "خبر فوري.txt".encode("cp1256"),
    b"\xff\xfe.txt",
    b"news/\xc3.txt",
    "اخبار/خبر.txt".encode("cp1256"),
]


@st.composite
def member_names(draw: st.DrawFn) -> bytes:
    """A member path: segments joined by ``/``, sometimes absolute or with ``\\``, or legacy bytes."""
    if draw(st.integers(0, 5)) == 0:
        return draw(st.sampled_from(LEGACY_NAMES))
    path = "/".join(draw(st.lists(SEGMENTS, min_size=1, max_size=3))) + draw(st.sampled_from(MEMBER_SUFFIXES))
    path = draw(st.sampled_from(["", "", "", "/", "\\", "./", "../"])) + path
    if draw(st.booleans()):
        path = path.replace("/", "\\")
    return encode(path, "utf-8")


def variants(name: bytes) -> list[bytes]:
    """Names that collide with ``name`` once landed: itself, with ``\\``, absolute, ``./``."""
    return [name, name.replace(b"/", b"\\"), b"/" + name.lstrip(b"/"), b"./" + name]


@dataclass(frozen=True)
class Member:
    name: bytes
    data: bytes
    kind: str  # file | dir | symlink | hardlink | fifo


#: What an archive member holds: prepared hostile samples, odd bytes, noise.
MEMBER_CONTENT = st.one_of(SAMPLE, SAMPLE, SPECIAL_BYTES, st.binary(max_size=64))


@st.composite
def member_lists(
    draw: st.DrawFn,
    content: st.SearchStrategy[bytes] = MEMBER_CONTENT,
    kinds: tuple[str, ...] = ("file", "dir", "symlink", "hardlink", "fifo"),
) -> list[Member]:
    """Members whose names come from a small pool and its colliding variants (so duplicates
    and collisions are common), with drawn contents and kinds (mostly regular files)."""
    pool = draw(st.lists(member_names(), min_size=1, max_size=3))
    names = st.sampled_from([v for name in pool for v in variants(name)])
    kind = st.one_of(st.just("file"), st.just("file"), st.just("file"), st.sampled_from(kinds))
    return draw(st.lists(st.builds(Member, names, content, kind), min_size=1, max_size=6))


class _RawNameZipInfo(zipfile.ZipInfo):
    """A zip entry whose name is written as the given bytes (zipfile would write UTF-8)."""

    raw_name: bytes = b""
    utf8_flag: bool = False

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # zipfile's name
        return self.raw_name, self.flag_bits | (0x800 if self.utf8_flag else 0)


def build_zip(members: list[Member], *, deflate: bool, utf8_flag: bool) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": the point of the exercise
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED) as archive:
            for member in members:
                info = _RawNameZipInfo(member.name.decode("cp437"), date_time=(2024, 3, 1, 0, 0, 0))
                info.raw_name, info.compress_type = member.name, archive.compression
                try:
                    member.name.decode("utf-8")
                    info.utf8_flag = utf8_flag and not member.name.isascii()
                except UnicodeDecodeError:
                    info.utf8_flag = False
                if member.kind == "dir":
                    info.external_attr = (0o40775 << 16) | 0x10
                    archive.writestr(info, b"")
                elif member.kind == "symlink":
                    info.external_attr = 0o120777 << 16
                    archive.writestr(info, b"../../etc/passwd")
                else:
                    info.external_attr = 0o644 << 16
                    archive.writestr(info, member.data)
    return buffer.getvalue()


def build_tar(members: list[Member], *, gzip: bool, pax: bool) -> bytes:
    buffer = io.BytesIO()
    fmt = tarfile.PAX_FORMAT if pax else tarfile.GNU_FORMAT
    with tarfile.open(
        fileobj=buffer, mode="w:gz" if gzip else "w", format=fmt, encoding="utf-8", errors="surrogateescape"
    ) as archive:
        for member in members:
            info = tarfile.TarInfo(member.name.decode("utf-8", "surrogateescape"))
            info.mtime = 1_700_000_000
            if member.kind == "file":
                info.size = len(member.data)
                archive.addfile(info, io.BytesIO(member.data))
                continue
            info.type = {
                "dir": tarfile.DIRTYPE,
                "symlink": tarfile.SYMTYPE,
                "hardlink": tarfile.LNKTYPE,
                "fifo": tarfile.FIFOTYPE,
            }[member.kind]
            info.linkname = (
                "../../etc/passwd"
                if member.kind == "symlink"
                else members[0].name.decode("utf-8", "surrogateescape")
            )
            archive.addfile(info)
    return buffer.getvalue()


@st.composite
def archives(
    draw: st.DrawFn, members: st.SearchStrategy[list[Member]] | None = None
) -> tuple[str, bytes, list[Member]]:
    """``(file name, bytes, members)`` of a zip or tar (plain or gzip), built in memory."""
    chosen = draw(members if members is not None else member_lists())
    fmt = draw(st.sampled_from(["zip", "tar", "tar.gz", "tgz"]))
    if fmt == "zip":
        return (
            "archive.zip",
            build_zip(chosen, deflate=draw(st.booleans()), utf8_flag=draw(st.booleans())),
            chosen,
        )
    return f"archive.{fmt}", build_tar(chosen, gzip=fmt != "tar", pax=draw(st.booleans())), chosen


def listed_members(name: str, data: bytes) -> int | None:
    """Entries the standard library lists in an archive, directories excepted (None: unreadable)."""
    try:
        if name.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return sum(1 for m in archive.infolist() if not m.is_dir())
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
            return sum(1 for m in archive.getmembers() if not m.isdir())
    except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError, ValueError):
        return None


#: Contents of a landing file: text, JSON, JSON Lines, archives, noise.
CONTENT = st.one_of(
    SAMPLE,
    ENCODED_TEXT,
    SPECIAL_BYTES,
    st.binary(max_size=2000),
    json_files().map(lambda f: f[1]),
    JSONL_FILES,
    archives().map(lambda a: a[1]),
)
LIMITS = st.sampled_from(
    [
        Limits(),
        Limits(max_file_bytes=600, max_archive_members=3, max_archive_bytes=2000, max_compression_ratio=4),
    ]
)

# --- strategies: landing file names -------------------------------------------------

NAME_CHARS = st.one_of(
    st.sampled_from(
        list("abcxyz019 -.,()[]*?{}!#%&+=~'") + ["خبر", "اخبار", "ایران", "۱۴۰۲", "\u200c", "😀"]
    ),
    st.sampled_from(
        [
            "\u202e",
            "\u2066",
            "\u200f",
            "\x1b",
            "\x7f",
            "\x85",
            "\ufeff",
            "\t",
            "\n",
            "\r",
            "\uffff",
            "\\",
            ":",
        ]
    ),
)
FILE_SUFFIXES = [
    ".txt",
    ".TXT",
    ".text",
    ".html",
    ".htm",
    ".xhtml",
    ".json",
    ".jsonl",
    ".ndjson",
    ".zip",
    ".tar",
    ".tar.gz",
    ".tgz",
    ".pdf",
    ".txt.bak",
    "",
    ".Json",
]
BAD_NAME_BYTES = [b"\xff", b"\xc3", b"\xed\xa0\xbd", "خبر".encode("cp1256"), b"\x80abc", b"\xe2\x80"]


@st.composite
def file_names(draw: st.DrawFn) -> bytes:
    """A landing file name as bytes (not hidden: it starts with a letter), sometimes not UTF-8."""
    stem = ("n" + "".join(draw(st.lists(NAME_CHARS, max_size=8)))).encode("utf-8")
    if draw(st.integers(0, 3)) == 0:
        at = draw(st.integers(1, len(stem)))
        stem = stem[:at] + draw(st.sampled_from(BAD_NAME_BYTES)) + stem[at:]
    return stem + draw(st.sampled_from(FILE_SUFFIXES)).encode()


# --- invariants ---------------------------------------------------------------------

#: Characters no stored text may hold: C0 controls but tab and newline, DEL, C1 controls,
#: bidi embeddings, overrides and isolates (what clean_unicode promises to remove).
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
LATIN_DIGITS = re.compile(r"[0-9]+", re.ASCII)
POSTED_AT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}:[0-9]{2})?", re.ASCII)
TIME = re.compile(r"[0-9]{2}:[0-9]{2}", re.ASCII)


def valid_unicode(text: str, what: str, where: str = "") -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise AssertionError(f"{what} is not valid Unicode: {where} {exc}; {text[:80]!r}") from None


def clean_text(text: str, what: str) -> None:
    valid_unicode(text, what)
    bad = FORBIDDEN.search(text)
    assert bad is None, f"{what} holds a control character: U+{ord(bad.group()):04X} in {text[:80]!r}"


def strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a nested value, with its path (iterative: values may be deep)."""
    stack = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, dict):
            stack.extend((f"{where}.{k}", v) for k, v in item.items())
            stack.extend((f"{where}.<key>", k) for k in item if isinstance(k, str))
        elif isinstance(item, list | tuple):
            stack.extend((f"{where}[{i}]", v) for i, v in enumerate(item))


def writable(table: str, rows: list[dict[str, Any]]) -> None:
    """The rows convert to the table's Arrow schema (where a batch's write fails on invalid text)."""
    to_table(table, rows)


def check_record(record: RawRecord) -> None:
    """What reading promises of one input: data or a known rejection, a writable identity."""
    valid_unicode(record.source_uri, "source_uri")
    assert record.record_index >= 0, f"negative record_index: {record.record_index}"
    assert re.fullmatch("[0-9a-f]{64}", record.sha256), f"sha256 is not a SHA-256: {record.sha256!r}"
    if record.rejection is not None:
        assert record.rejection.reason.value in REASONS, f"unknown reason: {record.rejection.reason!r}"
    else:
        assert record.kind in ("text", "html", "json"), f"unknown kind: {record.kind!r}"
        assert record.data is not None or record.fields is not None, (
            "an input with neither data nor a rejection: "
        )
    if record.fields is not None:
        # the strings khabar reads and stores: the keys and string values of the object (nested
        # values are carried as parsed, never read and never written to a table)
        for key, value in record.fields.items():
            for where, text in (("fields.<key>", key), (f"fields.{key!r}", value)):
                if isinstance(text, str):
                    valid_unicode(text, "a JSON field of an input", where)
    source = {
        "source_uri": record.source_uri, "record_index": record.record_index, "source_sha256": record.sha256, "size_bytes": record.size,
        "encoding": None, "outcome": "quarantined", "article_id": None, "reason": "empty", "run_id": "fuzz",
    }  # fmt: skip
    writable("sources", [source])


def check_extraction(ex: Extraction, record: RawRecord | None = None) -> None:
    """What extraction promises: clean valid text, Latin digits, offsets in the body,
    vocabularies respected, rows that can be written."""
    out = ex.to_record()
    for where, text in strings({k: v for k, v in out.items() if k != "source_uri"}, "extraction"):
        clean_text(text, re.sub(r"\[\d+\]", "[]", where))
    assert out["lang"] in LANGS, f"lang outside the vocabulary: {out['lang']!r}"
    assert ex.word_count >= 1 and ex.body.strip(), f"an article without words: {ex.body[:80]!r}"
    if out["news_code"] is not None:
        assert LATIN_DIGITS.fullmatch(out["news_code"]), (
            f"news_code is not in Latin digits: {out['news_code']!r}"
        )
    if out["published"]:
        assert dt.date(1990, 1, 1) <= dt.date.fromisoformat(out["published"]["date"]) <= INGEST, (
            f"published date out of range: {out['published']}"
        )
        assert out["published"]["time"] is None or TIME.fullmatch(out["published"]["time"]), (
            f"published time is not HH:MM in Latin digits: {out['published']}"
        )
    for comment in out["comments"]:
        assert comment["posted_at"] is None or POSTED_AT.fullmatch(comment["posted_at"]), (
            f"posted_at is not YYYY-MM-DD[THH:MM] in Latin digits: {comment['posted_at']!r}"
        )
    assert {c["code"] for c in out["countries"]} <= known_iso3(), (
        f"country outside the vocabulary: {out['countries']}"
    )
    assert {t["key"] for t in out["topics"]} <= set(TOPIC_KEYS), (
        f"topic outside the vocabulary: {out['topics']}"
    )
    assert {e["type"] for e in out["events"]} <= set(EVENT_TYPES), (
        f"event type outside the vocabulary: {out['events']}"
    )
    for mention in ex.mentions:
        assert 0 <= mention["start"] < mention["end"] <= len(ex.body), f"mention outside the body: {mention}"
        assert ex.body[mention["start"] : mention["end"]] == mention["surface"], (
            f"mention surface differs from the body: {mention}"
        )
    for event in ex.events:
        assert 0 <= event.start < event.end <= len(ex.body), (
            f"event outside the body: {event.start}..{event.end} of {len(ex.body)}"
        )
    if record is not None:
        for table, rows in article_rows(ex, record).items():
            writable(table, rows)


def check_outcome(record: RawRecord) -> str:
    """The record becomes an article (checked) or a rejection with a known reason; returns which."""
    try:
        ex, encoding = extract_record(record, INGEST)
    except InputRejected as rejected:
        assert rejected.reason.value in REASONS, f"unknown reason: {rejected.reason!r}"
        return rejected.reason.value
    valid_unicode(encoding, "encoding")
    check_extraction(ex, record)
    return "article"


def unique_keys(records: list[RawRecord]) -> None:
    keys = [(r.source_uri, r.record_index) for r in records]
    assert len(keys) == len(set(keys)), (
        f"two inputs share a (source_uri, record_index): {[k for k in keys if keys.count(k) > 1][:3]}"
    )


class Landing:
    """Throw-away landing folders, one per example (module-scoped: hypothesis runs many)."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="khabar-fuzz-"))
        self.counter = itertools.count()

    def day(self) -> Path:
        landing = self.root / f"ex{next(self.counter)}"
        (landing / DAY).mkdir(parents=True)
        return landing

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="module")
def landings() -> Iterator[Landing]:
    landing = Landing()
    yield landing
    landing.close()


def write_file(landing: Path, name: bytes, data: bytes) -> None:
    """Write ``data`` under the file name ``name`` (bytes: it may not be valid UTF-8)."""
    with open(os.path.join(os.fsencode(landing / DAY), name), "wb") as sink:
        sink.write(data)


MEMORY = fsspec.filesystem("memory")


@contextlib.contextmanager
def in_memory(files: dict[str, bytes]) -> Iterator[dict[str, InputFile]]:
    """Landing files in fsspec's memory filesystem (no disk: the properties that do not
    need the operating system's file names run several times faster)."""
    folder = f"/khabar-fuzz/{DAY}"
    for name, data in files.items():
        MEMORY.pipe_file(f"{folder}/{name}", data)
    try:
        yield {name: InputFile(f"memory://{folder}/{name}", len(data)) for name, data in files.items()}
    finally:
        MEMORY.rm(folder, recursive=True)


def read_all(file: InputFile, limits: Limits) -> list[RawRecord]:
    return list(read_records(file, limits))


# --- the cases, always run first (``@example``) -------------------------------

ARTICLE = SEED_TEXTS[2]
PARAGRAPH = SEED_PARAGRAPHS[1]
DEEP_LIST = b"[" * 5000 + b"]" * 5000
DEEP_OBJECT = b'{"a":' * 5000 + b"1" + b"}" * 5000
HUGE_NUMBER = b'{"text": "' + PARAGRAPH.encode() + b'", "views": ' + b"1" * 5000 + b"}"
SURROGATE_TITLE = json.dumps(
    {"title": "x \ud83d", "date": "\udc00 ۱۴۰۲/۰۸/۰۴", "agency": "\ud83d", "text": PARAGRAPH}
).encode()
SURROGATE_LIST = json.dumps([{"text": PARAGRAPH, "title": "x \ud83d"}, {"text": SEED_PARAGRAPHS[5]}]).encode()
CONTROL_FIELDS = json.dumps(
    {
        "text": PARAGRAPH,
        "title": "\x00\u202eعنوان",
        "kicker": "\x1b[31mروتیتر",
        "lead": "\u2066" + SEED_PARAGRAPHS[5],
        "agency": "\x07ایرنا",
    }
).encode()
#: The seed's own code line «1402/08/04 - 16:45 - کد خبر: 101870» in other digits (full-width,
#: Devanagari, Arabic-Indic, Persian): a news code must come out in Latin digits.
NEWS_CODES = [
    ARTICLE.replace("کد خبر: 101870", f"کد خبر: {digits}")
    for digits in ("１０１８７０", "१०१८७०", "١٠١٨٧٠", "۱۰۱۸۷۰")
]


def _files(*members: tuple[bytes, bytes]) -> list[Member]:
    return [Member(name, data, "file") for name, data in members]


TEXT = ARTICLE.encode()
DUPLICATE_NAMES = _files((b"a/x.txt", TEXT), (b"a/x.txt", SEED_TEXTS[0].encode()))
COLLIDING_NAMES = _files(
    (b"a\\y.txt", TEXT),
    (b"a/y.txt", TEXT),
    (b"/a/z.txt", TEXT),
    (b"a/z.txt", TEXT),
    (b"../x.txt", TEXT),
    (b"a/[x]*?.txt", TEXT),
)
LEGACY_MEMBER_NAMES = _files(("اخبار/خبر.txt".encode("cp1256"), TEXT), (b"news/\xff.txt", TEXT))
EMPTY_MEMBERS = _files(
    (b"a.txt", TEXT), (b"empty.jsonl", b""), (b"blank.jsonl", b"\n\n"), (b"list.json", b"[]")
)


# --- 1. reading ---------------------------------------------------------------------


@FUZZ
@given(name=file_names(), data=CONTENT, limits=LIMITS)
@example(name=b"n\xff.txt", data=TEXT, limits=Limits())
@example(name="خبر.txt".encode("cp1256"), data=TEXT, limits=Limits())
@example(name=b"deep.json", data=DEEP_LIST, limits=Limits())
@example(name=b"deep.jsonl", data=DEEP_OBJECT + b"\n", limits=Limits())
@example(name=b"views.json", data=HUGE_NUMBER, limits=Limits())
@example(name=b"list.json", data=SURROGATE_LIST, limits=Limits())
@example(name=b"code.txt", data=NEWS_CODES[0].encode(), limits=Limits())
@example(name=b"archive.zip", data=build_zip(DUPLICATE_NAMES, deflate=True, utf8_flag=True), limits=Limits())
def test_reading_accounts_for_any_file(landings: Landing, name: bytes, data: bytes, limits: Limits) -> None:
    """Any bytes under any name in the landing: found, read into one input or more, each
    with data or a known rejection, a writable identity unique in its file, and each
    becomes an article or a rejection."""
    landing = landings.day()
    try:
        with fuzz_case("1 reading: any file in the landing", (name, data[:300], limits)):
            write_file(landing, name, data)
            files = discover(str(landing), DAY)
            assert len(files) == 1, f"landing file not found: {files}"
            records = read_all(files[0], limits)
            assert records, "no input at all for a file: "
            for record in records:
                check_record(record)
                assert record.source_uri.startswith(files[0].uri), (
                    f"an input outside its file: {record.source_uri!r}"
                )
                check_outcome(record)
            unique_keys(records)
    finally:
        shutil.rmtree(landing, ignore_errors=True)


# --- 2. decoding --------------------------------------------------------------------


@FUZZ
@given(
    data=st.one_of(
        ENCODED_TEXT,
        SPECIAL_BYTES,
        st.binary(max_size=3000),
        st.builds(bytes.__add__, SPECIAL_BYTES, ENCODED_TEXT),
    )
)
def test_decoding_gives_valid_unicode_or_a_rejection(data: bytes) -> None:
    """``decode_bytes`` raises nothing but ``InputRejected`` (empty, undecodable); what it
    returns is valid Unicode with text in it, and a UTF-8 reading is exactly the bytes."""
    with fuzz_case("2 decoding: decode_bytes", data[:300]):
        try:
            decoded = decode_bytes(data)
        except InputRejected as rejected:
            assert rejected.reason in (QuarantineReason.EMPTY, QuarantineReason.UNDECODABLE), (
                f"decoding rejected with {rejected.reason}"
            )
            return
        valid_unicode(decoded.text, "decoded text")
        assert decoded.text.strip(), f"decoded to blank text: {decoded}"
        if decoded.encoding in ("utf-8", "utf-8-sig"):
            assert decoded.text.encode("utf-8") == data.removeprefix(b"\xef\xbb\xbf"), (
                f"a {decoded.encoding} reading is not the bytes: {decoded.text[:80]!r}"
            )


# --- 3. JSON ------------------------------------------------------------------------


@FUZZ
@given(document=json_files(), neighbour=st.sampled_from(NEIGHBOURS))
@example(document=(None, SURROGATE_TITLE, SURROGATE_TITLE), neighbour=NEIGHBOURS[0])
@example(document=(None, SURROGATE_LIST, SURROGATE_LIST), neighbour=NEIGHBOURS[0])
@example(document=(None, DEEP_LIST, DEEP_LIST), neighbour=NEIGHBOURS[0])
@example(document=(None, DEEP_OBJECT, DEEP_OBJECT), neighbour=NEIGHBOURS[0])
@example(document=(None, HUGE_NUMBER, HUGE_NUMBER), neighbour=NEIGHBOURS[0])
@example(document=(None, CONTROL_FIELDS, CONTROL_FIELDS), neighbour=NEIGHBOURS[0])
def test_json_documents_and_lines(document: tuple[Any, bytes, bytes], neighbour: dict[str, Any]) -> None:
    """A JSON value as a ``.json`` file is one input per list item (an empty list or a
    non-list: one); as a line between two good ones in a ``.jsonl`` file it is one input
    and its neighbours stay readable; every input is an article or a rejection."""
    _, data, line = document
    good = json.dumps(neighbour).encode()
    with (
        fuzz_case("3 JSON: a value as .json and as a .jsonl line", (data[:400], line[:400], good[:200])),
        in_memory({"doc.json": data, "doc.jsonl": good + b"\n" + line + b"\n" + good + b"\n"}) as by_name,
    ):
        records = read_all(by_name["doc.json"], Limits())
        expected = expected_json_inputs(data)
        assert len(records) == expected, (
            f".json inputs: {len(records)} read, {expected} expected; {[r.rejection for r in records]}"
        )
        lines = read_all(by_name["doc.jsonl"], Limits())
        assert len(lines) == 3, (
            f".jsonl inputs: {len(lines)} read, 3 expected; {[r.rejection for r in lines]}"
        )
        assert lines[0].rejection is None and lines[2].rejection is None, (
            f"a good line next to a bad one was rejected: {lines[0].rejection} {lines[2].rejection}"
        )
        for record in records + lines:
            check_record(record)
            check_outcome(record)
        unique_keys(records)
        unique_keys(lines)


# --- 4. archives --------------------------------------------------------------------


def member_runs(records: list[RawRecord]) -> int:
    """Members the records stand for: runs of consecutive records with one source_uri."""
    return sum(1 for _ in itertools.groupby(r.source_uri for r in records))


#: Archives every run must account for, whatever hypothesis draws: names that repeat, names that
#: collide once made safe, legacy encodings of member names, empty members.
ARCHIVE_EXAMPLES = [
    ("archive.zip", build_zip(DUPLICATE_NAMES, deflate=True, utf8_flag=True), DUPLICATE_NAMES),
    ("archive.tar.gz", build_tar(DUPLICATE_NAMES, gzip=True, pax=True), DUPLICATE_NAMES),
    ("archive.zip", build_zip(COLLIDING_NAMES, deflate=True, utf8_flag=True), COLLIDING_NAMES),
    ("archive.tar", build_tar(COLLIDING_NAMES, gzip=False, pax=False), COLLIDING_NAMES),
    ("archive.tar.gz", build_tar(LEGACY_MEMBER_NAMES, gzip=True, pax=False), LEGACY_MEMBER_NAMES),
    ("archive.zip", build_zip(LEGACY_MEMBER_NAMES, deflate=False, utf8_flag=False), LEGACY_MEMBER_NAMES),
    ("archive.zip", build_zip(EMPTY_MEMBERS, deflate=True, utf8_flag=True), EMPTY_MEMBERS),
]


def with_archive_examples(test):
    """``@example`` of each of :data:`ARCHIVE_EXAMPLES`, with the default limits."""
    for archive in reversed(ARCHIVE_EXAMPLES):
        test = example(archive=archive, limits=Limits())(test)
    return test


@FUZZ
@given(archive=archives(), limits=LIMITS)
@with_archive_examples
def test_archives_account_for_every_member(archive: tuple[str, bytes, list[Member]], limits: Limits) -> None:
    """Every member the standard library lists (directories aside) has its own input, under
    its own identity, even when names repeat or collide; or the archive itself is rejected."""
    name, data, members = archive
    with (
        fuzz_case(
            "4 archives: every member accounted for",
            (name, [(m.name, m.kind, m.data[:60]) for m in members], limits),
        ),
        in_memory({name: data}) as by_name,
    ):
        file = by_name[name]
        records = read_all(file, limits)
        for record in records:
            check_record(record)
            check_outcome(record)
        unique_keys(records)
        whole = [r for r in records if r.source_uri == file.uri]
        listed = listed_members(name, data)
        if whole:  # the archive as a whole: unreadable, or holding no member at all
            assert len(whole) == 1 and whole[0].rejection is not None, (
                f"the archive itself read as an input: {whole}"
            )
            assert whole[0].rejection.reason in (
                QuarantineReason.BAD_ARCHIVE,
                QuarantineReason.EMPTY,
                QuarantineReason.TOO_LARGE,
            ), f"archive rejected as a whole: {whole[0].rejection}"
            if whole[0].rejection.reason == QuarantineReason.EMPTY:
                assert listed == 0, f"an archive of members read as empty: {listed} members"
        else:
            assert listed is not None, "an archive the standard library cannot read was not rejected: "
            assert member_runs(records) == listed, (
                f"members listed and accounted for differ: {listed} listed, {member_runs(records)} accounted for, {[r.source_uri for r in records]}"
            )


# --- 5. extraction ------------------------------------------------------------------


@FUZZ
@given(
    text=st.one_of(ARTICLE_TEXT, html_pages()),
    kind=st.sampled_from(["text", "html", "json", "direct"]),
    fields=PLAIN_RECORD,
)
@example(text=NEWS_CODES[0], kind="text", fields={})
@example(text=NEWS_CODES[1], kind="direct", fields={})
@example(text=NEWS_CODES[2], kind="html", fields={})
@example(text=PARAGRAPH, kind="json", fields={"url": "https://www.isna.ir/news/١٢٣٤٥٦/"})
@example(
    text=PARAGRAPH,
    kind="json",
    fields={"title": "\x00\u202eعنوان", "date": "\x1b۱۴۰۲/۰۸/۰۴", "agency": "\ud83d"},
)
@example(text=ARTICLE * 40, kind="text", fields={})
def test_extraction_output_is_clean(text: str, kind: str, fields: dict[str, Any]) -> None:
    """Extraction of any text (as a text file, an HTML page, a JSON record's body or
    straight through ``extract_text``) raises only khabar's errors, and its output is
    clean, in Latin digits, inside the body and inside the vocabularies."""
    with fuzz_case("5 extraction: extract_record / extract_text", (kind, text[:400])):
        if kind == "direct":  # every caller hands extract_text decoded text: valid Unicode
            try:
                ex = extract_text(valid(text), "fuzz.txt", ingest_date=INGEST)
            except KhabarError:
                return
            check_extraction(ex)
            return
        if kind == "json":
            name, data = "fuzz.json", json.dumps({**fields, "text": text}, ensure_ascii=True).encode()
        else:
            name, data = f"fuzz.{'html' if kind == 'html' else 'txt'}", encode(text, "utf-8")
        for record in records_from_bytes(f"/fuzz/{name}", name, data, Limits(), in_archive=False):
            check_record(record)
            check_outcome(record)


def valid(text: str) -> str:
    """``text`` with lone surrogates replaced (what a decoder hands on)."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


# --- 6. a whole day -----------------------------------------------------------------


@dataclass(frozen=True)
class LandingFile:
    """A landing file and the number of inputs it holds, known by construction."""

    name: bytes
    data: bytes
    inputs: int


TEXT_FILES = st.builds(
    LandingFile,
    file_names().filter(
        lambda n: not n.lower().endswith((b".json", b".jsonl", b".ndjson", b".zip", b".tar", b".gz", b".tgz"))
    ),
    st.one_of(ENCODED_TEXT, SPECIAL_BYTES, st.binary(max_size=300)),
    st.just(1),
)
JSON_LANDING = json_files().map(lambda f: LandingFile(b"feed.json", f[1], expected_json_inputs(f[1])))
JSONL_LANDING = st.lists(json_files(), min_size=1, max_size=4).map(
    lambda docs: LandingFile(b"feed.jsonl", b"\n".join(d[2] for d in docs) + b"\n", len(docs))
)
TEXT_MEMBER_NAMES = member_names().filter(lambda n: n.lower().endswith((b".txt", b".html", b".pdf")))
ARCHIVE_LANDING = archives(
    st.lists(
        st.builds(Member, TEXT_MEMBER_NAMES, st.one_of(ENCODED_TEXT, SPECIAL_BYTES), st.just("file")),
        min_size=1,
        max_size=5,
    )
).map(
    lambda a: LandingFile(a[0].encode(), a[1], listed_members(a[0], a[1]) or 1)
)  # zipfile cuts a name at NUL: "a/\x00.txt" lists as a directory


@st.composite
def landing_days(draw: st.DrawFn) -> list[LandingFile]:
    """A few landing files of every kind, under distinct names."""
    files = draw(
        st.lists(
            st.one_of(TEXT_FILES, TEXT_FILES, JSON_LANDING, JSONL_LANDING, ARCHIVE_LANDING),
            min_size=1,
            max_size=6,
        )
    )
    return [LandingFile(b"%d-" % i + f.name, f.data, f.inputs) for i, f in enumerate(files)]


@settings(
    max_examples=day_examples(), phases=[Phase.explicit, Phase.reuse, Phase.generate]
)  # a shrink step is a whole run
@given(files=landing_days())
@example(
    files=[
        LandingFile(b"0-n\xff.txt", TEXT, 1),
        LandingFile(b"1-deep.json", DEEP_LIST, 1),
        LandingFile(b"2-surrogates.jsonl", SURROGATE_TITLE + b"\n" + CONTROL_FIELDS + b"\n", 2),
        LandingFile(
            b"3-names.zip",
            build_zip(DUPLICATE_NAMES + COLLIDING_NAMES, deflate=True, utf8_flag=True),
            len(DUPLICATE_NAMES + COLLIDING_NAMES),
        ),
        LandingFile(
            b"4-legacy.tar.gz", build_tar(LEGACY_MEMBER_NAMES, gzip=True, pax=False), len(LEGACY_MEMBER_NAMES)
        ),
        LandingFile(b"5-code.txt", NEWS_CODES[0].encode(), 1),
    ]
)
def test_a_day_of_hostile_inputs_publishes(files: list[LandingFile]) -> None:
    """One bad input never fails the day: the day publishes and validates, with one
    ``sources`` row per input, unique keys, every quarantined input kept byte for byte."""
    root = Path(tempfile.mkdtemp(prefix="khabar-fuzz-day-"))
    try:
        with fuzz_case(
            "6 a day: run_day over hostile inputs", [(f.name, f.data[:80], f.inputs) for f in files]
        ):
            (root / "landing" / DAY).mkdir(parents=True)
            for f in files:
                write_file(root / "landing", f.name, f.data)
            summary = run_day(
                RunConfig(
                    landing=str(root / "landing"),
                    lake=str(root / "lake"),
                    ingest_date=DAY,
                    limits=Limits(max_file_bytes=200_000),
                )
            )
            assert summary["validation"]["success"], f"validation failed: {summary['validation']}"
            con = duckdb.connect()
            rows = con.execute(
                "SELECT source_uri, record_index, outcome, reason FROM read_parquet(?, hive_partitioning = true)",
                [str(root / "lake" / "sources" / "*" / "*.parquet")],
            ).fetchall()
            assert len(rows) == sum(f.inputs for f in files), (
                f"sources rows and inputs differ: {len(rows)} rows, {sum(f.inputs for f in files)} inputs, {rows}"
            )
            assert len({(uri, index) for uri, index, _, _ in rows}) == len(rows), (
                f"sources keys repeat: {rows}"
            )
            assert all(
                (outcome == "quarantined") == (reason is not None) for _, _, outcome, reason in rows
            ), f"a reason without quarantine or the reverse: {rows}"
            quarantine = con.execute(
                "SELECT source_sha256, stored_copy FROM read_parquet(?, hive_partitioning = true)", [str(root / "lake" / "quarantine" / "*" / "*.parquet")]
            ).fetchall() if (root / "lake" / "quarantine").exists() else []  # fmt: skip
            assert len(quarantine) == sum(1 for _, _, outcome, _ in rows if outcome == "quarantined"), (
                f"quarantine rows and quarantined sources differ: {quarantine}"
            )
            for sha, copy in quarantine:
                assert hashlib.sha256(Path(copy).read_bytes()).hexdigest() == sha, (
                    f"stored copy differs from the original: {copy}"
                )
    finally:
        shutil.rmtree(root, ignore_errors=True)
