"""Reading the landing zone: files, JSON(L) records and archive members as inputs.

``LANDING/<YYYY-MM-DD>/**`` holds the files that arrived on a day. Each input
(a file, a record of a JSON or JSON Lines file, a member of a ``.zip`` or
``.tar.gz``) becomes one :class:`RawRecord`; an input that cannot be read
carries its :class:`~khabar.errors.InputRejected` instead of data, so that it is
accounted for in ``sources`` and kept in quarantine, never dropped.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import posixpath
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import fsspec

from khabar.errors import InputRejected, LandingError, QuarantineReason
from khabar.storage import filesystem, join, to_uri

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
ARCHIVE_SUFFIXES = (".zip", ".tar.gz", ".tgz", ".tar")
#: JSON keys that hold the article text, in order of preference.
TEXT_KEYS = ("text", "body", "content", "article", "full_text", "description")


#: Inputs larger than this are quarantined as ``too_large`` (KHABAR_MAX_FILE_BYTES).
DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Size limits that protect a run from hostile or broken inputs."""

    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_archive_members: int = 100_000
    max_archive_bytes: int = 2 * 1024 * 1024 * 1024  # total uncompressed
    max_compression_ratio: int = 200


@dataclass(frozen=True, slots=True)
class InputFile:
    """A landing file, or one shard of a large JSON Lines file: the lines that start in
    bytes ``[offset, end)``, the first of them being line ``first_line`` (0-based)."""

    uri: str
    size: int
    offset: int = 0
    end: int | None = None
    first_line: int = 0

    @property
    def is_shard(self) -> bool:
        return self.end is not None


def shard_jsonl(file: InputFile, shard_bytes: int) -> list[InputFile]:
    """Split a JSON Lines file into shards of about ``shard_bytes`` at line boundaries, so
    one large file spreads over many batches (and cores). One pass over the bytes counts
    the lines before each cut; a file with no non-blank byte stays whole (it is one
    ``empty`` input)."""
    if file_kind(posixpath.basename(file.uri)) != "jsonl" or file.size <= shard_bytes:
        return [file]
    fs, path = filesystem(file.uri)
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
    return [InputFile(file.uri, end - offset, offset, end, first) for (offset, first), end in zip(cuts, ends, strict=True)]


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


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def day_uri(landing: str, ingest_date: str) -> str:
    return join(landing, ingest_date)


def discover(landing: str, ingest_date: str) -> list[InputFile]:
    """Every file under ``LANDING/<ingest_date>/``, sorted by URI.

    Names starting with ``.`` or ``_`` (uploads in progress, ``_SUCCESS`` markers) are
    skipped and logged.

    Raises:
        LandingError: the day's folder does not exist or cannot be listed.
    """
    fs, root = filesystem(day_uri(landing, ingest_date))
    try:
        if not fs.isdir(root):
            raise LandingError(f"landing folder for {ingest_date} not found: {to_uri(fs, root)}")
        found = fs.find(root, detail=True)
    except (OSError, PermissionError) as exc:
        raise LandingError(f"cannot list {to_uri(fs, root)}: {exc}") from exc
    files: list[InputFile] = []
    skipped = 0
    for path, info in sorted(found.items()):
        if info.get("type") != "file":
            continue
        if any(part.startswith((".", "_")) for part in posixpath.relpath(path, root).split("/")):
            skipped += 1
            continue
        files.append(InputFile(to_uri(fs, path), int(info.get("size") or 0)))
    if skipped:
        log.info("skipped %d hidden or marker files (names starting with . or _)", skipped)
    return files


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


def _rejected(uri: str, index: int, data: bytes, reason: QuarantineReason, detail: str, kind: str = "text") -> RawRecord:
    return RawRecord(uri, index, _sha256(data), len(data), kind, data=data, rejection=InputRejected(reason, detail))


def _json_records(uri: str, data: bytes) -> Iterator[RawRecord]:
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        yield _rejected(uri, 0, data, QuarantineReason.MALFORMED_JSON, f"not valid JSON: {exc}", "json")
        return
    items = parsed if isinstance(parsed, list) else [parsed]
    for index, item in enumerate(items):
        raw = json.dumps(item, ensure_ascii=False, sort_keys=True).encode("utf-8") if len(items) > 1 else data
        if not isinstance(item, dict):
            yield _rejected(uri, index, raw, QuarantineReason.MALFORMED_JSON, f"JSON {type(item).__name__}, not an object", "json")
        else:
            yield RawRecord(uri, index, _sha256(raw), len(raw), "json", data=raw, fields=item)


def _jsonl_records(uri: str, stream: io.BufferedIOBase, first_line: int = 0, length: int | None = None) -> Iterator[RawRecord]:
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
            item = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            yield _rejected(uri, index, raw, QuarantineReason.MALFORMED_JSON, f"line {index + 1}: not valid JSON: {exc}", "json")
            continue
        if not isinstance(item, dict):
            yield _rejected(uri, index, raw, QuarantineReason.MALFORMED_JSON, f"line {index + 1}: JSON {type(item).__name__}, not an object", "json")
        else:
            yield RawRecord(uri, index, _sha256(raw), len(raw), "json", data=raw, fields=item)


def records_from_bytes(uri: str, name: str, data: bytes, limits: Limits, *, in_archive: bool) -> Iterator[RawRecord]:
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
        what = "an archive inside an archive" if kind == "archive" else f"unsupported file type {posixpath.splitext(name)[1] or '(no extension)'!r}"
        yield _rejected(uri, 0, data, QuarantineReason.UNSUPPORTED_TYPE, what)


def _safe_member(name: str) -> str | None:
    """Why an archive member name is unsafe (absolute, ``..``), or None."""
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return f"absolute path {name!r}"
    if ".." in name.replace("\\", "/").split("/"):
        return f"path traversal {name!r}"
    return None


def _archive_records(uri: str, name: str, data: bytes, limits: Limits) -> Iterator[RawRecord]:
    """Members of a zip or tar archive, read in memory with member, size and ratio limits.

    An unsafe member is never extracted: its row keeps the archive's own bytes (hash,
    size and quarantined copy) so the original evidence is preserved.
    """
    total = 0

    def unsafe(member_uri: str, problem: str) -> RawRecord:
        return _rejected(member_uri, 0, data, QuarantineReason.UNSAFE_ARCHIVE, problem)

    try:
        if name.lower().endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = [m for m in archive.infolist() if not m.is_dir()]
                for count, member in enumerate(members):
                    member_uri = f"{uri}!/{member.filename}"
                    problem = _safe_member(member.filename)
                    if not problem and count >= limits.max_archive_members:
                        problem = f"more than {limits.max_archive_members} members"
                    if not problem and (member.file_size > limits.max_file_bytes or total + member.file_size > limits.max_archive_bytes):
                        problem = f"member of {member.file_size} bytes exceeds the size limits"
                    if not problem and member.compress_size and member.file_size / member.compress_size > limits.max_compression_ratio:
                        problem = f"compression ratio {member.file_size // member.compress_size}:1 (zip bomb?)"
                    if not problem and (member.external_attr >> 16) & 0o170000 == 0o120000:
                        problem = "symbolic link"
                    if problem:
                        yield unsafe(member_uri, problem)
                        continue
                    content = archive.read(member)
                    total += len(content)
                    yield from records_from_bytes(member_uri, member.filename, content, limits, in_archive=True)
        else:
            with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
                for count, member in enumerate(archive):
                    if member.isdir():
                        continue
                    member_uri = f"{uri}!/{member.name}"
                    problem = _safe_member(member.name)
                    if not problem and (member.issym() or member.islnk()):
                        problem = f"link to {member.linkname!r}"
                    elif not problem and not member.isfile():
                        problem = "not a regular file"
                    if not problem and count >= limits.max_archive_members:
                        problem = f"more than {limits.max_archive_members} members"
                    if not problem and (member.size > limits.max_file_bytes or total + member.size > limits.max_archive_bytes):
                        problem = f"member of {member.size} bytes exceeds the size limits"
                    if problem:
                        yield unsafe(member_uri, problem)
                        continue
                    extracted = archive.extractfile(member)
                    content = extracted.read() if extracted else b""
                    total += len(content)
                    yield from records_from_bytes(member_uri, member.name, content, limits, in_archive=True)
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, ValueError) as exc:
        yield _rejected(uri, 0, data, QuarantineReason.BAD_ARCHIVE, f"cannot read archive: {exc}")


def _hash_stream(fs: fsspec.AbstractFileSystem, path: str) -> str:
    digest = hashlib.sha256()
    with fs.open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_records(file: InputFile, limits: Limits) -> Iterator[RawRecord]:
    """The inputs held by one landing file; at least one, so that no file goes unaccounted.

    A file that holds no record at all (``[]``, a JSON Lines file of blank lines, an
    archive of directories) is one ``empty`` input.
    """
    count = 0
    for record in _read_file(file, limits):
        count += 1
        yield record
    if count == 0 and not file.is_shard:  # a shard may hold only blank lines; the file has records
        fs, path = filesystem(file.uri)
        data = fs.cat_file(path)
        yield _rejected(file.uri, 0, data, QuarantineReason.EMPTY, "the file holds no record (an empty list, blank lines or only directories)")


def _read_file(file: InputFile, limits: Limits) -> Iterator[RawRecord]:
    """The inputs held by one landing file.

    A file over ``limits.max_file_bytes`` is not read into memory: it is hashed as a
    stream and rejected as ``too_large`` (its bytes are copied to quarantine as a stream).
    JSON Lines files are read line by line.
    """
    fs, path = filesystem(file.uri)
    name = posixpath.basename(path)
    kind = file_kind(name)
    if file.size > limits.max_file_bytes and kind != "jsonl":
        rejection = InputRejected(QuarantineReason.TOO_LARGE, f"{file.size} bytes > limit of {limits.max_file_bytes} (KHABAR_MAX_FILE_BYTES)")
        yield RawRecord(file.uri, 0, _hash_stream(fs, path), file.size, kind or "text", rejection=rejection)
        return
    if kind == "jsonl":
        with fs.open(path, "rb") as stream:
            stream.seek(file.offset)
            for record in _jsonl_records(file.uri, stream, file.first_line, None if file.end is None else file.end - file.offset):
                if record.size > limits.max_file_bytes:
                    detail = f"record of {record.size} bytes > limit of {limits.max_file_bytes}"
                    yield RawRecord(record.source_uri, record.record_index, record.sha256, record.size, "json", data=record.data, rejection=InputRejected(QuarantineReason.TOO_LARGE, detail))
                else:
                    yield record
        return
    with fs.open(path, "rb") as stream:
        data = stream.read()
    yield from records_from_bytes(file.uri, name, data, limits, in_archive=False)
