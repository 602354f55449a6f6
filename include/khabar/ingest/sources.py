"""Reading the landing zone: files, JSON(L) records and archive members as inputs.

``LANDING/<YYYY-MM-DD>/**`` holds the files that arrived on a day. Each input
(a file, a record of a JSON or JSON Lines file, a member of a ``.zip`` or
``.tar.gz``) becomes one :class:`RawRecord`; an input that cannot be read
carries its :class:`~khabar.core.errors.InputRejected` instead of data, so that it is
accounted for in ``sources`` and kept in quarantine, never dropped.

This is the edge where text enters khabar, so it is made valid here, once: file
and member names are decoded by evidence (:func:`name_from_bytes`), JSON string
fields lose their lone surrogates and invisible characters (:func:`field_text`).
Archive members are read by one reader (:func:`list_members`, :func:`open_members`)
for the daily run and for ``khabar archive`` (:mod:`khabar.pipeline.archive`).
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import io
import json
import logging
import lzma
import os
import posixpath
import re
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any, Protocol

import fsspec
from fsspec.implementations.local import LocalFileSystem

from khabar.core.errors import InputRejected, KhabarError, LandingError, QuarantineReason
from khabar.core.settings import DEFAULT_MAX_FILE_BYTES  # where KHABAR_MAX_FILE_BYTES is read
from khabar.core.storage import filesystem, join, to_uri
from khabar.text.decode import MIN_ARABIC_SHARE, arabic_share
from khabar.text.normalize import clean_unicode

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
ARCHIVE_SUFFIXES = (".zip", ".tar.gz", ".tgz", ".tar")
#: JSON keys that hold the article text, in order of preference.
TEXT_KEYS = ("text", "body", "content", "article", "full_text", "description")


@dataclass(frozen=True, slots=True)
class Limits:
    """Size limits that protect a run from hostile or broken inputs."""

    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_archive_members: int = 100_000
    max_archive_bytes: int = 2 * 1024 * 1024 * 1024  # total uncompressed
    max_compression_ratio: int = 200


# --- text and names made valid where they enter ----------------------------------------

#: A UTF-16 surrogate on its own (a JavaScript scraper that cut an emoji in half writes one
#: as a ``\\ud83d`` escape); Python keeps it in a str, UTF-8 (Parquet, JSON files) cannot hold it.
_SURROGATE = re.compile("[\ud800-\udfff]")
#: A byte a name could not be decoded with, as Python's ``surrogateescape`` keeps it.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
#: Windows-1256 decodes almost any high byte as an Arabic letter: a name is read in it only
#: when it gives at least this many Arabic letters (one stray byte is not evidence).
MIN_LEGACY_LETTERS = 2
_ARABIC_LETTERS = re.compile("[\u0621-\u064a\u0671-\u06d3]")
#: Tags that make a name unique (``x~3.txt``) keep a known compound suffix whole.
_COMPOUND_SUFFIXES = (".tar.gz",)


def valid_text(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD, so that it can be written as UTF-8.

    >>> valid_text("x \\ud83d") == "x \\ufffd", valid_text("خبر")
    (True, 'خبر')
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def field_text(value: str) -> str:
    """A string taken from a structured record (a JSON field), made valid and cleaned once, here:
    lone surrogates replaced, NUL, bidi controls and other invisible characters removed."""
    return clean_unicode(valid_text(value))


def _percent_escaped(text: str) -> str:
    """Undecodable bytes (``surrogateescape``) written as visible ``%XX``; other lone surrogates as U+FFFD."""
    return valid_text(_ESCAPED_BYTE.sub(lambda m: f"%{ord(m.group(0)) - 0xDC00:02X}", text))


def name_from_bytes(raw: bytes, legacy: str | None = None) -> str:
    """A file or member name from its bytes, decoded by evidence like an article's text
    (:mod:`khabar.text.decode`): UTF-8; else Windows-1256 when that reads as Arabic script (names
    written by Persian and Arabic Windows); else the ``legacy`` code page the format declares
    (cp437 for a zip without its UTF-8 flag); else UTF-8 with each undecodable byte as ``%XX``
    (one high byte alone is not evidence of Windows-1256: :data:`MIN_LEGACY_LETTERS`).
    The result is cleaned (:func:`~khabar.text.normalize.clean_unicode`).

    >>> name_from_bytes("خبر.txt".encode("cp1256")), name_from_bytes(b"x\\xff.txt")
    ('خبر.txt', 'x%FF.txt')
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1256", errors="replace")
        if (
            "\ufffd" in text
            or len(_ARABIC_LETTERS.findall(text)) < MIN_LEGACY_LETTERS
            or arabic_share(text) < MIN_ARABIC_SHARE
        ):
            text = raw.decode(legacy) if legacy else _percent_escaped(raw.decode("utf-8", "surrogateescape"))
    return clean_unicode(valid_text(text))


def valid_name(name: str) -> str:
    """A name as the operating system or ``tarfile`` gives it (undecodable bytes kept as
    ``surrogateescape`` surrogates), made valid and clean by :func:`name_from_bytes`."""
    if name.isascii() and name.isprintable():
        return name
    return name_from_bytes(name.encode("utf-8", "surrogateescape"))


def portable_uri(uri: str) -> tuple[str, str | None]:
    """``(uri as valid Unicode, hex of the real URI's bytes or None)``: what a manifest (JSON)
    and a table can hold, and what it takes to open the file again (:func:`real_uri`)."""
    shown = _percent_escaped(uri)
    return shown, (uri.encode("utf-8", "surrogateescape").hex() if shown != uri else None)


def real_uri(shown: str, original: str | None) -> str:
    """The URI to open, from the two halves :func:`portable_uri` gives."""
    return bytes.fromhex(original).decode("utf-8", "surrogateescape") if original else shown


def tagged(name: str, tag: str) -> str:
    """``name`` with ``~tag`` before its suffix, so that its kind is kept.

    >>> tagged("news/x.txt", "3"), tagged("a.tar.gz", "2"), tagged("README", "1")
    ('news/x~3.txt', 'a~2.tar.gz', 'README~1')
    """
    head, tail = posixpath.split(name)
    lower = tail.lower()
    suffix = next((s for s in _COMPOUND_SUFFIXES if lower.endswith(s)), None)
    cut = len(tail) - len(suffix) if suffix else tail.rfind(".")
    stem, ext = (tail[:cut], tail[cut:]) if cut >= 0 else (tail, "")
    return posixpath.join(head, f"{stem}~{tag}{ext}")


def _unique(name: str, tag: str, taken: set[str]) -> str:
    """``name``, or (when an earlier input holds it) ``name`` tagged until it is free; reserves it."""
    while name in taken:
        name = tagged(name, tag)
    taken.add(name)
    return name


@dataclass(frozen=True, slots=True)
class InputFile:
    """A landing file, or one shard of a large JSON Lines file: the lines that start in
    bytes ``[offset, end)``, the first of them being line ``first_line`` (0-based).

    ``uri`` is valid, clean Unicode (it names the input in ``sources``). When the storage
    spells the file otherwise (undecodable bytes, invisible characters in its name),
    ``original`` holds the hex of the real URI's UTF-8 (``surrogateescape``) bytes, so that
    it can be opened. ``special`` says why a landing entry is not a regular file (a symbolic
    link, a FIFO): it is never opened, only accounted for.
    """

    uri: str
    size: int
    offset: int = 0
    end: int | None = None
    first_line: int = 0
    original: str | None = None
    special: str | None = None

    @property
    def is_shard(self) -> bool:
        return self.end is not None

    @property
    def open_uri(self) -> str:
        """The URI to open the file with."""
        return real_uri(self.uri, self.original)


class _Sized(Protocol):
    size: int


def cut_by_size[T: _Sized](items: Iterable[T], max_items: int, max_bytes: int) -> list[list[T]]:
    """``items`` in order, cut into groups of at most ``max_items`` items and ``max_bytes`` bytes
    (one item larger than that is a group of its own): a day's batches, an archive's shards.

    >>> from collections import namedtuple
    >>> F = namedtuple("F", "name size")
    >>> [[f.name for f in g] for g in cut_by_size([F("a", 5), F("b", 5), F("c", 20), F("d", 1)], 3, 10)]
    [['a', 'b'], ['c'], ['d']]
    """
    groups: list[list[T]] = []
    current: list[T] = []
    size = 0
    for item in items:
        if current and (len(current) >= max_items or size + item.size > max_bytes):
            groups.append(current)
            current, size = [], 0
        current.append(item)
        size += item.size
    if current:
        groups.append(current)
    return groups


def shard_jsonl(file: InputFile, shard_bytes: int) -> list[InputFile]:
    """Split a JSON Lines file into shards of about ``shard_bytes`` at line boundaries, so
    one large file spreads over many batches (and cores). One pass over the bytes counts
    the lines before each cut; a file with no non-blank byte stays whole (it is one
    ``empty`` input)."""
    if file.special or file_kind(posixpath.basename(file.uri)) != "jsonl" or file.size <= shard_bytes:
        return [file]
    fs, path = filesystem(file.open_uri)
    cuts = [(0, 0)]  # (byte offset, line number) of each shard start
    position, lines, content = 0, 0, False
    with fs.open(path, "rb") as stream:
        for line in stream:
            position += len(line)
            lines += 1
            content = content or bool(line.strip())
            if position - cuts[-1][0] >= shard_bytes and position < file.size:
                cuts.append((position, lines))
    if not content or len(cuts) == 1:
        return [file]
    ends = [offset for offset, _ in cuts[1:]] + [position]
    return [
        dataclasses.replace(file, size=end - offset, offset=offset, end=end, first_line=first)
        for (offset, first), end in zip(cuts, ends, strict=True)
    ]


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One input: its bytes (or, for a JSON record, its parsed fields) or its rejection."""

    source_uri: str
    record_index: int
    sha256: str
    size: int
    kind: str  # text | html | json
    data: bytes | None = None
    fields: dict[str, Any] | None = None
    rejection: InputRejected | None = None
    #: Where the original bytes are when ``data`` is None (too large to hold): the file's real URI.
    original_uri: str | None = None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def day_uri(landing: str, ingest_date: str) -> str:
    return join(landing, ingest_date)


def landing_arrived(landing: str, ingest_date: str) -> bool:
    """Whether ``LANDING/<ingest_date>/`` exists yet (what the daily DAG waits for).

    Raises:
        LandingError: the landing zone cannot be read (a storage error, not a late day).
    """
    fs, root = filesystem(day_uri(landing, ingest_date))
    try:
        return bool(fs.isdir(root))
    except (OSError, PermissionError) as exc:
        raise LandingError(f"cannot read {valid_text(to_uri(fs, root))}: {valid_text(str(exc))}") from exc


def discover(landing: str, ingest_date: str) -> list[InputFile]:
    """Every entry under ``LANDING/<ingest_date>/``, sorted by URI.

    Names starting with ``.`` or ``_`` (uploads in progress, ``_SUCCESS`` markers) and
    object-store folder markers (empty keys ending in ``/``) are skipped and logged.
    Symbolic links, FIFOs, sockets and devices are never opened (a link may point outside
    the landing zone, reading a FIFO blocks): each is an input marked ``special``, which
    :func:`read_records` quarantines as ``unsupported_type``, so none is dropped in silence.
    Every URI is valid, clean Unicode and unique (see :class:`InputFile`).

    Raises:
        LandingError: the day's folder does not exist or cannot be listed.
    """
    fs, root = filesystem(day_uri(landing, ingest_date))
    try:
        if not fs.isdir(root):
            raise LandingError(
                f"landing folder for {valid_text(ingest_date)} not found: {valid_text(to_uri(fs, root))}"
            )
        found = fs.find(root, detail=True)
    except (OSError, PermissionError) as exc:
        raise LandingError(f"cannot list {valid_text(to_uri(fs, root))}: {valid_text(str(exc))}") from exc
    files: list[InputFile] = []
    taken: set[str] = set()
    skipped = markers = 0
    for position, (path, info) in enumerate(sorted(found.items())):
        if info.get("type") == "directory" or (path.endswith("/") and not info.get("size")):
            markers += 1  # an object store's folder marker: a zero-byte key ending in /
            continue
        relative = posixpath.relpath(path, root)
        if any(part.startswith((".", "_")) for part in relative.split("/")):
            skipped += 1
            continue
        special = None if info.get("type") == "file" and not info.get("islink") else _special(fs, path)
        uri = to_uri(fs, path)
        shown = _unique(
            _percent_escaped(to_uri(fs, root)).rstrip("/") + "/" + valid_name(relative), str(position), taken
        )
        original = uri.encode("utf-8", "surrogateescape").hex() if shown != uri else None
        files.append(
            InputFile(shown, 0 if special else int(info.get("size") or 0), original=original, special=special)
        )
    if skipped:
        log.info("skipped %d hidden or marker files (names starting with . or _)", skipped)
    if markers:
        log.info("skipped %d folder markers (empty objects whose key ends in /)", markers)
    if special_count := sum(1 for f in files if f.special):
        log.warning(
            "%d landing entries are not regular files (links, FIFOs): each is quarantined as unsupported_type",
            special_count,
        )
    return files


def _special(fs: fsspec.AbstractFileSystem, path: str) -> str:
    """What a landing entry that is not a regular file is (never opened, never followed)."""
    if not isinstance(fs, LocalFileSystem):
        return "not a regular file"
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            return f"symbolic link to {valid_name(os.readlink(path))!r} (not followed)"
    except OSError as exc:
        return f"not a regular file ({valid_text(str(exc))})"
    for test, what in (
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
    ):
        if test(mode):
            return what
    return "not a regular file"


def file_kind(name: str) -> str | None:
    """What a file name says its content is: ``text``, ``html``, ``json``, ``jsonl``, ``archive``, or None."""
    lower = name.lower()
    if lower.endswith(TEXT_SUFFIXES):
        return "text"
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    if lower.endswith(JSON_SUFFIXES):
        return "json"
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(ARCHIVE_SUFFIXES):
        return "archive"
    return None


def _rejected(
    uri: str, index: int, data: bytes, reason: QuarantineReason, detail: str, kind: str = "text"
) -> RawRecord:
    return RawRecord(
        uri, index, _sha256(data), len(data), kind, data=data, rejection=InputRejected(reason, detail)
    )


def _fields(item: dict[str, Any]) -> dict[str, Any]:
    """A JSON object's fields with every top-level string (the values khabar reads: text,
    title, date, agency...) and every key made valid and clean once, where it enters
    (:func:`field_text`). Nested values are kept as parsed: nothing reads them."""
    return {
        (field_text(k) if isinstance(k, str) else k): (field_text(v) if isinstance(v, str) else v)
        for k, v in item.items()
    }


def _parse_json(text: str) -> Any:
    """``json.loads``, with nesting too deep for Python's parser reported as a ``ValueError``."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested deeper than the JSON parser can follow") from None


def _item_bytes(item: Any) -> bytes:
    """One element of a JSON list as its own bytes (kept as its original when quarantined)."""
    try:
        return json.dumps(item, ensure_ascii=False, sort_keys=True).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: the \\uXXXX escape the source wrote
        return json.dumps(item, ensure_ascii=True, sort_keys=True).encode("ascii")


def _json_records(uri: str, data: bytes) -> Iterator[RawRecord]:
    try:
        parsed = _parse_json(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        yield _rejected(uri, 0, data, QuarantineReason.MALFORMED_JSON, f"not valid JSON: {exc}", "json")
        return
    items = parsed if isinstance(parsed, list) else [parsed]
    for index, item in enumerate(items):
        try:
            raw = _item_bytes(item) if len(items) > 1 else data
        except (RecursionError, ValueError) as exc:
            detail = f"element {index}: cannot be written back as JSON: {exc}"
            yield _rejected(uri, index, data, QuarantineReason.MALFORMED_JSON, detail, "json")
            continue
        yield _object_record(uri, index, raw, item, "")


def _object_record(uri: str, index: int, raw: bytes, item: Any, where: str) -> RawRecord:
    """A parsed JSON value as an input: an object is a record; anything else is malformed
    (``where`` says where it stood: a line of a JSON Lines file)."""
    if not isinstance(item, dict):
        detail = f"{where}JSON {type(item).__name__}, not an object"
        return _rejected(uri, index, raw, QuarantineReason.MALFORMED_JSON, detail, "json")
    return RawRecord(uri, index, _sha256(raw), len(raw), "json", data=raw, fields=_fields(item))


def _jsonl_records(
    uri: str, stream: io.BufferedIOBase, first_line: int = 0, length: int | None = None
) -> Iterator[RawRecord]:
    read = 0
    for index, line in enumerate(stream, start=first_line):
        if length is not None:
            if read >= length:
                return
            read += len(line)
        if not line.strip():
            continue
        raw = line.rstrip(b"\r\n")
        try:
            item = _parse_json(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as exc:
            detail = f"line {index + 1}: not valid JSON: {exc}"
            yield _rejected(uri, index, raw, QuarantineReason.MALFORMED_JSON, detail, "json")
            continue
        yield _object_record(uri, index, raw, item, f"line {index + 1}: ")


def records_from_bytes(
    uri: str, name: str, data: bytes, limits: Limits, *, in_archive: bool
) -> Iterator[RawRecord]:
    """The inputs held by one file's bytes, read by its name's kind (an archive inside an archive is rejected)."""
    kind = file_kind(name)
    if kind in ("text", "html"):
        yield RawRecord(uri, 0, _sha256(data), len(data), kind, data=data)
    elif kind == "json":
        yield from _json_records(uri, data)
    elif kind == "jsonl":
        yield from _jsonl_records(uri, io.BytesIO(data))
    elif kind == "archive" and not in_archive:
        yield from _archive_records(uri, name, data, limits)
    else:
        what = (
            "an archive inside an archive"
            if kind == "archive"
            else f"unsupported file type {posixpath.splitext(name)[1] or '(no extension)'!r}"
        )
        yield _rejected(uri, 0, data, QuarantineReason.UNSUPPORTED_TYPE, what)


# --- archive members: one reader for the daily run and for khabar archive ---------------


@dataclass(frozen=True, slots=True)
class Member:
    """A regular file (or a link, a device...) inside an archive, as both the daily run and
    ``khabar archive`` see it.

    Attributes:
        index: its position among the archive's entries (directories included): its stable
            identity, the same in every reading of the archive.
        name: its name as written, made valid, clean Unicode (:func:`name_from_bytes`).
        key: ``name``, unique within the archive: a later member of the same name is tagged
            with its index (``news/x~4.txt``). It names the member in ``sources``
            (``<archive>!/<key>``).
        path: the relative path it lands at (``khabar archive``): absolute and ``..`` parts
            dropped, ``\\`` as ``/``, hidden names escaped (:func:`safe_path`), unique within
            the archive (tagged like ``key`` when two members land at one path, or a file
            would stand where another member needs a folder).
        size: its uncompressed size as the archive declares it.
        problem: why its content is never read: a link, a special file, a zip bomb, an
            encrypted member; None for a readable member.
        unsafe_name: why its name cannot be used as it is (absolute, ``..``); the daily run
            quarantines such a member, ``khabar archive`` lands it at its safe ``path``.
    """

    index: int
    name: str
    key: str
    path: str
    size: int
    problem: str | None = None
    unsafe_name: str | None = None


def safe_part(part: str) -> str:
    """A path component the daily pipeline will read: names starting with ``.`` or ``_`` are
    skipped by :func:`discover`, so their first character is %-escaped."""
    part = part.replace("\\", "_")
    if part.startswith((".", "_")):
        return f"%{ord(part[0]):02X}{part[1:]}"
    return part


def safe_path(member_name: str) -> str:
    """A member's path inside its archive folder: absolute and ``..`` parts dropped (an unsafe
    name cannot write outside the folder), hidden names escaped.

    >>> safe_path("../../etc/passwd"), safe_path("/abs/._x.txt"), safe_path("a\\\\b.txt")
    ('etc/passwd', 'abs/%2E_x.txt', 'a/b.txt')
    """
    parts = [p for p in member_name.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    if parts and len(parts[0]) == 2 and parts[0][1] == ":":  # C:
        parts = parts[1:]
    return "/".join(safe_part(p) for p in parts) or "member"


def unsafe_name(name: str) -> str | None:
    """Why an archive member name is unsafe as it is (absolute, ``..``), or None."""
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return f"absolute path {name!r}"
    if ".." in name.replace("\\", "/").split("/"):
        return f"path traversal {name!r}"
    return None


def is_zip(name: str) -> bool:
    return name.lower().endswith(".zip")


def _zip_name(info: zipfile.ZipInfo) -> str:
    """A zip member's name: UTF-8 when the zip says so (flag bit 11), else decoded by evidence
    from the bytes (``zipfile`` decodes them as cp437, which maps every byte back)."""
    if info.flag_bits & 0x800:
        return clean_unicode(valid_text(info.filename))
    return name_from_bytes(info.filename.encode("cp437"), legacy="cp437")


def _zip_problem(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "symbolic link"
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG):
        return "not a regular file"
    if info.flag_bits & 0x1:
        return "encrypted (no password)"
    if info.compress_size and info.file_size / info.compress_size > limits.max_compression_ratio:
        return f"compression ratio {info.file_size // info.compress_size}:1 (zip bomb?)"
    return None


def _tar_problem(info: tarfile.TarInfo) -> str | None:
    if info.issym() or info.islnk():
        return f"link to {valid_name(info.linkname)!r}"
    if not info.isfile():
        return "not a regular file"
    return None


def _entries(
    stream: IO[bytes], archive_name: str, limits: Limits
) -> Iterator[tuple[int, str, int, str | None]]:
    """``(index, name, size, problem)`` of every entry that is not a directory, in archive
    order (a tar is read once, as a stream)."""
    if is_zip(archive_name):
        with zipfile.ZipFile(stream) as archive:
            for index, info in enumerate(archive.infolist()):
                if not info.is_dir():
                    yield index, _zip_name(info), info.file_size, _zip_problem(info, limits)
    else:
        with tarfile.open(fileobj=stream, mode="r|*") as archive:
            for index, info in enumerate(archive):
                if not info.isdir():
                    yield index, valid_name(info.name), info.size, _tar_problem(info)


def _free_path(path: str, tag: str, files: set[str], folders: set[str]) -> str:
    """``path`` made free to land: not the path of an earlier member, nor a folder one needs,
    and no folder of it an earlier member's file (a tagged component then); reserves it."""
    parts = path.split("/")
    for depth in range(1, len(parts)):
        while "/".join(parts[:depth]) in files:
            parts[depth - 1] = tagged(parts[depth - 1], tag)
    path = "/".join(parts)
    while path in files or path in folders:
        path = tagged(path, tag)
    files.add(path)
    folders.update("/".join(parts[:depth]) for depth in range(1, len(parts)))
    return path


def list_members(stream: IO[bytes], archive_name: str, limits: Limits) -> list[Member]:
    """The archive's entries that are not directories, in archive order, with their names
    made valid, their keys and landing paths unique, and their problems.

    Raises:
        zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, ValueError: the archive
            cannot be read (the caller decides: a ``bad_archive`` row, or a landing error).
    """
    members: list[Member] = []
    keys: set[str] = set()
    files: set[str] = set()
    folders: set[str] = set()
    for index, name, size, problem in _entries(stream, archive_name, limits):
        key = _unique(name, str(index), keys)
        path = _free_path(safe_path(name), str(index), files, folders)
        members.append(Member(index, name, key, path, size, problem, unsafe_name(name)))
    return members


def open_members(
    stream: IO[bytes], archive_name: str, members: Iterable[Member]
) -> Iterator[tuple[Member, IO[bytes]]]:
    """Each of ``members`` (listed by :func:`list_members` from the same archive) with a stream
    of its bytes, in archive order. Members with a ``problem`` are never opened.

    Raises:
        zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, ValueError: as :func:`list_members`.
    """
    wanted = {m.index: m for m in members if m.problem is None}
    if not wanted:
        return
    last = max(wanted)
    if is_zip(archive_name):
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            for index, member in sorted(wanted.items()):
                with archive.open(infos[index]) as data:
                    yield member, data
    else:
        with tarfile.open(fileobj=stream, mode="r|*") as archive:
            for index, info in enumerate(archive):
                if index in wanted:
                    data = archive.extractfile(info)
                    if data is None:  # not a regular file after all (list_members said it was)
                        raise tarfile.TarError(f"member {index} cannot be extracted")
                    yield wanted[index], data
                if index >= last:
                    return


#: What corrupt archive data raises while it is read (not a storage failure, which is an OSError):
#: besides the archive modules' own errors, zipfile raises ValueError for bad headers, RuntimeError
#: for an encrypted member and NotImplementedError for a compression method it cannot read.
CORRUPT_ARCHIVE_ERRORS = (
    zipfile.BadZipFile, zipfile.LargeZipFile, tarfile.TarError, gzip.BadGzipFile, zlib.error, lzma.LZMAError, EOFError,
    ValueError, RuntimeError, NotImplementedError,
)  # fmt: skip
#: What cannot be read in an archive held in memory (where an OSError can only be corrupt data too).
ARCHIVE_ERRORS = (*CORRUPT_ARCHIVE_ERRORS, OSError)


class UnreadableMember(KhabarError):
    """A member's bytes cannot be read: the archive is corrupt there (bad CRC, truncated data)."""


class CheckedStream:
    """A member's stream whose corrupt data raises :class:`UnreadableMember`, told apart from
    a failure to write where the bytes go (which must fail the task, to be retried)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        try:
            return self._stream.read(size)
        except CORRUPT_ARCHIVE_ERRORS as exc:
            raise UnreadableMember(f"{type(exc).__name__}: {valid_text(str(exc))}") from exc


def _archive_records(uri: str, name: str, data: bytes, limits: Limits) -> Iterator[RawRecord]:
    """Members of a zip or tar archive, read in memory with member, size and ratio limits.

    Every member has a row: a member that cannot be read (a link, a bomb, an unsafe name,
    over the limits, corrupt) is rejected with the archive's own bytes (hash, size and
    quarantined copy), so the original evidence is preserved and nothing unsafe is extracted.
    """

    def rejected(member: Member, reason: QuarantineReason, problem: str) -> RawRecord:
        return _rejected(f"{uri}!/{member.key}", 0, data, reason, problem)

    try:
        members = list_members(io.BytesIO(data), name, limits)
    except ARCHIVE_ERRORS as exc:
        yield _rejected(
            uri, 0, data, QuarantineReason.BAD_ARCHIVE, f"cannot read archive: {valid_text(str(exc))}"
        )
        return
    refused: dict[int, RawRecord] = {}
    total = 0
    for count, member in enumerate(members):
        if member.problem or member.unsafe_name:
            reason = (
                QuarantineReason.BAD_ARCHIVE
                if member.problem and member.problem.startswith("encrypted")
                else QuarantineReason.UNSAFE_ARCHIVE
            )
            refused[member.index] = rejected(member, reason, member.problem or member.unsafe_name or "")
        elif count >= limits.max_archive_members:
            refused[member.index] = rejected(
                member, QuarantineReason.UNSAFE_ARCHIVE, f"more than {limits.max_archive_members} members"
            )
        elif member.size > limits.max_file_bytes:
            refused[member.index] = rejected(
                member,
                QuarantineReason.TOO_LARGE,
                f"member of {member.size} bytes > limit of {limits.max_file_bytes} (KHABAR_MAX_FILE_BYTES)",
            )
        elif total + member.size > limits.max_archive_bytes:
            refused[member.index] = rejected(
                member,
                QuarantineReason.UNSAFE_ARCHIVE,
                f"member of {member.size} bytes exceeds the archive size limit of {limits.max_archive_bytes}",
            )
        else:
            total += member.size
    readable = [m for m in members if m.index not in refused]
    done: set[int] = set()
    try:
        for member, stream in open_members(io.BytesIO(data), name, readable):
            yield from (refused.pop(i) for i in sorted(i for i in refused if i < member.index))
            done.add(member.index)
            try:
                content = stream.read()
            except ARCHIVE_ERRORS as exc:  # a corrupt member (bad CRC, truncated data)
                yield rejected(
                    member, QuarantineReason.BAD_ARCHIVE, f"cannot read member: {valid_text(str(exc))}"
                )
                continue
            held = False
            for record in records_from_bytes(
                f"{uri}!/{member.key}", member.name, content, limits, in_archive=True
            ):
                held = True
                yield record
            if not held:  # «[]» or blank lines: the member is one empty input, as a whole file would be
                yield _rejected(
                    f"{uri}!/{member.key}",
                    0,
                    content,
                    QuarantineReason.EMPTY,
                    "the member holds no record (an empty list or blank lines)",
                )
    except ARCHIVE_ERRORS as exc:  # the archive broke off: the members not read yet (a tar stream)
        problem = f"cannot read member: {valid_text(str(exc))}"
        refused.update(
            {
                m.index: rejected(m, QuarantineReason.BAD_ARCHIVE, problem)
                for m in readable
                if m.index not in done
            }
        )
    yield from (refused[i] for i in sorted(refused))


def _hash_stream(fs: fsspec.AbstractFileSystem, path: str) -> str:
    digest = hashlib.sha256()
    with fs.open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_records(file: InputFile, limits: Limits) -> Iterator[RawRecord]:
    """The inputs held by one landing file; at least one, so that no file goes unaccounted.

    A file that holds no record at all (``[]``, a JSON Lines file of blank lines, an
    archive of directories) is one ``empty`` input; a landing entry that is not a regular
    file (:attr:`InputFile.special`) is one ``unsupported_type`` input, never opened. An
    unexpected error while reading the file (a bug) is one more input, ``extraction_error``,
    holding the file, so that the file's other records and the batch go on; a storage
    error (``OSError``) is raised, for the task to be retried.
    """
    if file.special:
        target = file.special.encode("utf-8")  # what the entry was: the only original there is
        yield _rejected(
            file.uri,
            0,
            target,
            QuarantineReason.UNSUPPORTED_TYPE,
            f"{file.special}: khabar reads regular files only",
        )
        return
    count = 0
    indices: set[int] = set()
    try:
        for record in _read_file(file, limits):
            count += 1
            if record.source_uri == file.uri:
                indices.add(record.record_index)
            yield record
    except OSError:
        raise
    except Exception as exc:  # the file's dead-letter boundary (MemoryError included: one huge input)
        log.exception("reading %s failed after %d record(s)", file.uri, count)
        index = max(indices) + 1 if indices else file.first_line
        detail = (
            f"reading the file failed after {count} record(s): {type(exc).__name__}: {valid_text(str(exc))}"
        )
        yield _whole_file(file, index, limits, QuarantineReason.EXTRACTION_ERROR, detail)
        return
    if count == 0 and not file.is_shard:  # a shard may hold only blank lines; the file has records
        yield _whole_file(
            file,
            0,
            limits,
            QuarantineReason.EMPTY,
            "the file holds no record (an empty list, blank lines or only directories)",
        )


def _whole_file(
    file: InputFile, index: int, limits: Limits, reason: QuarantineReason, detail: str
) -> RawRecord:
    """A rejection that keeps the whole file (streamed to quarantine when it is too large to hold)."""
    fs, path = filesystem(file.open_uri)
    if file.size > limits.max_file_bytes:
        return RawRecord(
            file.uri,
            index,
            _hash_stream(fs, path),
            file.size,
            "text",
            rejection=InputRejected(reason, detail),
            original_uri=file.open_uri,
        )
    return _rejected(file.uri, index, fs.cat_file(path), reason, detail)


def _read_file(file: InputFile, limits: Limits) -> Iterator[RawRecord]:
    """The inputs held by one landing file.

    A file over ``limits.max_file_bytes`` is not read into memory: it is hashed as a
    stream and rejected as ``too_large`` (its bytes are copied to quarantine as a stream).
    JSON Lines files are read line by line.
    """
    fs, path = filesystem(file.open_uri)
    name = posixpath.basename(file.uri)
    kind = file_kind(name)
    if file.size > limits.max_file_bytes and kind != "jsonl":
        rejection = InputRejected(
            QuarantineReason.TOO_LARGE,
            f"{file.size} bytes > limit of {limits.max_file_bytes} (KHABAR_MAX_FILE_BYTES)",
        )
        yield RawRecord(
            file.uri,
            0,
            _hash_stream(fs, path),
            file.size,
            kind or "text",
            rejection=rejection,
            original_uri=file.open_uri,
        )
        return
    if kind == "jsonl":
        with fs.open(path, "rb") as stream:
            stream.seek(file.offset)
            for record in _jsonl_records(
                file.uri, stream, file.first_line, None if file.end is None else file.end - file.offset
            ):
                if record.size > limits.max_file_bytes:
                    detail = f"record of {record.size} bytes > limit of {limits.max_file_bytes}"
                    yield RawRecord(
                        record.source_uri,
                        record.record_index,
                        record.sha256,
                        record.size,
                        "json",
                        data=record.data,
                        rejection=InputRejected(QuarantineReason.TOO_LARGE, detail),
                    )
                else:
                    yield record
        return
    with fs.open(path, "rb") as stream:
        data = stream.read()
    yield from records_from_bytes(file.uri, name, data, limits, in_archive=False)
