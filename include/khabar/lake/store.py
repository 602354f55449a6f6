"""Writing and reading the Parquet lake: staging, atomic partition swaps, quarantine copies.

Layout (all under the lake URI)::

    <table>/ingest_date=YYYY-MM-DD/part-<run>.parquet   published partitions
    runs/ingest_date=YYYY-MM-DD/run-<run>.parquet        append-only run log
    _staging/ingest_date=YYYY-MM-DD/<run>/...           a run's work in progress
    _trash/<run>/<table>/                               partitions being replaced
    _quarantine/<sha256[:2]>/<sha256>                    original bytes of rejected inputs
    _quality/                                           Great Expectations Data Docs

A run writes its tables under ``_staging`` and publishes the day by renames
(:func:`publish_day`): journal, old partitions to ``_trash``, staged ones into
place, commit mark, trash deleted. :func:`recover` (run at the start of every
run) rolls back a publish that a crash interrupted before its commit mark.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import logging
import os
import posixpath
import re
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from khabar.core.errors import LakeError
from khabar.core.storage import filesystem, is_local, join, move_tree, to_uri, write_atomic
from khabar.ingest.sources import RawRecord
from khabar.lake.schema import PARTITION_COLUMN, TABLES

log = logging.getLogger(__name__)

ROW_GROUP_SIZE = 10_000
#: ... and at most about this many bytes (Arrow's in-memory size): an article with its body
#: and signature is ~9 KB, so articles go in groups of ~900 rows. A reader (consolidate,
#: validation, DuckDB) holds a row group at a time, so its memory does not depend on how many
#: articles a batch or a day had.
ROW_GROUP_BYTES = 8 << 20
#: Rows per chunk when a reader takes a table's wide text columns (article bodies).
WIDE_CHUNK_ROWS = 1_000
_WIDE_COLUMNS = frozenset({"body", "lead", "title", "kicker", "story_minhash"})


def row_group_rows(table: pa.Table) -> int:
    """Rows per Parquet row group for ``table``: :data:`ROW_GROUP_SIZE`, fewer for wide rows."""
    per_row = table.nbytes / max(table.num_rows, 1)
    return max(1, min(ROW_GROUP_SIZE, int(ROW_GROUP_BYTES // max(per_row, 1.0))))


def partition_uri(lake: str, table: str, ingest_date: str) -> str:
    return join(lake, table, f"{PARTITION_COLUMN}={ingest_date}")


def day_staging_uri(lake: str, ingest_date: str) -> str:
    """The staging areas of every run of one date."""
    return join(lake, "_staging", f"{PARTITION_COLUMN}={ingest_date}")


def staging_uri(lake: str, ingest_date: str, run_id: str) -> str:
    return join(day_staging_uri(lake, ingest_date), run_id)


def quarantine_copy_uri(lake: str, sha256: str) -> str:
    return join(lake, "_quarantine", sha256[:2], sha256)


def quality_uri(lake: str) -> str:
    return join(lake, "_quality")


def write_table(uri: str, table: pa.Table) -> None:
    """Write one Parquet file (zstd, row groups of :func:`row_group_rows`)."""
    fs, path = filesystem(uri)
    fs.makedirs(posixpath.dirname(path), exist_ok=True)
    with fs.open(path, "wb") as sink:
        pq.write_table(table, sink, compression="zstd", row_group_size=row_group_rows(table))


class TableWriter:
    """Streams record batches of one table into a single Parquet file."""

    def __init__(self, uri: str, schema: pa.Schema) -> None:
        fs, path = filesystem(uri)
        fs.makedirs(posixpath.dirname(path), exist_ok=True)
        self._sink = fs.open(path, "wb")
        self._writer = pq.ParquetWriter(self._sink, schema, compression="zstd")
        self.rows = 0

    def write(self, table: pa.Table) -> None:
        if table.num_rows:
            self._writer.write_table(table, row_group_size=row_group_rows(table))
            self.rows += table.num_rows

    def close(self) -> None:
        self._writer.close()
        self._sink.close()


def read_files(uris: Iterable[str], table: str, columns: list[str] | None = None) -> pa.Table:
    """Concatenate Parquet files of one table (an empty table with the schema if none)."""
    schema = TABLES[table]
    parts = []
    for uri in uris:
        fs, path = filesystem(uri)
        with fs.open(path, "rb") as source:
            parts.append(pq.read_table(source, columns=columns, schema=schema))
    if not parts:
        empty = schema.empty_table()
        return empty.select(columns) if columns else empty
    return pa.concat_tables(parts)


def iter_chunks(
    uri: str, table: str, columns: list[str] | None = None, rows: int | None = None
) -> Iterator[pa.Table]:
    """One Parquet file of ``table`` as tables of at most ``rows`` rows (memory stays bounded):
    by default :data:`WIDE_CHUNK_ROWS` when article texts are read, else :data:`ROW_GROUP_SIZE`."""
    schema = TABLES[table] if columns is None else pa.schema([TABLES[table].field(c) for c in columns])
    if rows is None:
        rows = WIDE_CHUNK_ROWS if _WIDE_COLUMNS & set(schema.names) else ROW_GROUP_SIZE
    fs, path = filesystem(uri)
    with fs.open(path, "rb") as source:
        # Without pre-buffering and reader threads, a reader holds one row group: pre-buffering
        # caches the file's column ranges (~50 MB retained after reading 50,000 bodies).
        for batch in pq.ParquetFile(source, pre_buffer=False).iter_batches(
            batch_size=rows, columns=schema.names, use_threads=False
        ):
            yield pa.Table.from_batches([batch]).cast(schema)


def list_files(uri: str, suffix: str = ".parquet") -> list[str]:
    fs, path = filesystem(uri)
    if not fs.isdir(path):
        return []
    return sorted(join(uri, posixpath.relpath(p, path)) for p in fs.find(path) if p.endswith(suffix))


_PARTITION_NAME = re.compile(rf"{PARTITION_COLUMN}=(\d{{4}}-\d{{2}}-\d{{2}})", re.ASCII)
#: Ignored entries already named in the log (a run lists the lake several times).
_WARNED: set[str] = set()


def partition_date(name: str) -> str | None:
    """The date of a partition folder named exactly ``ingest_date=YYYY-MM-DD`` (a real
    calendar date, ASCII digits), else None: ``ingest_date=2025-01-15.bak``, a stray file or
    ``ingest_date=2025-02-30`` is not a partition of the lake."""
    match = _PARTITION_NAME.fullmatch(name)
    if not match:
        return None
    try:
        dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None
    return match.group(1)


def partition_folders(lake: str, table: str) -> tuple[list[str], list[str]]:
    """``(dates, ignored)`` under ``LAKE/<table>/``: the dates of its partition folders, oldest
    first, and the names of every other entry there (backup copies, stray files), which are
    never read as data."""
    fs, root = filesystem(join(lake, table))
    if not fs.isdir(root):
        return [], []
    dates, ignored = [], []
    for entry in fs.ls(root, detail=True):
        name = posixpath.basename(entry["name"].rstrip("/"))
        date = partition_date(name) if entry.get("type") == "directory" else None
        if date:
            dates.append(date)
        elif not name.startswith("."):  # .DS_Store and the like are no one's data
            ignored.append(name)
    return sorted(dates), sorted(ignored)


def published_dates(lake: str, table: str = "articles") -> list[str]:
    """The dates that have a published partition of ``table``, oldest first; anything else in
    the table's folder is ignored with a warning (once per entry and process)."""
    dates, ignored = partition_folders(lake, table)
    for name in ignored:
        where = join(lake, table, name)
        if where not in _WARNED:
            _WARNED.add(where)
            log.warning(
                "ignored %s: not a partition folder (%s=YYYY-MM-DD); it is never read as data",
                where,
                PARTITION_COLUMN,
            )
    return dates


def ignored_partitions(lake: str, tables: Iterable[str] = TABLES) -> list[str]:
    """``<table>/<name>`` of every entry of the tables' folders that is not a partition (what a
    run names in its ``runs`` row, so that a backup copy left in the lake is seen)."""
    return [f"{table}/{name}" for table in tables for name in partition_folders(lake, table)[1]]


def partition_files(lake: str, table: str, ingest_date: str) -> list[str]:
    """The Parquet files of one published partition: on object storage those the day's
    manifest names (:func:`publish_day`), else (a local lake, or a day published before
    manifests) the partition folder's own ``*.parquet`` files, hidden ones left out."""
    fs, _ = filesystem(lake)
    if not is_local(fs):
        day = read_day_manifest(lake, ingest_date)
        if day is not None and table in day["tables"]:  # runs rows are never part of a publish
            return [join(lake, rel) for rel in day["tables"][table]]
    return _listed_files(lake, table, ingest_date)


def published_files(lake: str, table: str) -> list[str]:
    """Every Parquet file of ``table``'s published partitions, oldest date first (what the
    report's views read): on object storage those the day manifests name, so only what a
    committed publish named. One listing of the table and one read of the manifests, however
    many days the lake holds."""
    dates = published_dates(lake, table)
    if not dates:
        return []
    fs, root = filesystem(join(lake, table))
    listed: dict[str, list[str]] = {}
    for path in fs.find(root):
        parts = posixpath.relpath(path, root).split("/")
        date = partition_date(parts[0]) if len(parts) == 2 and _is_data_file(parts[1]) else None
        if date:
            listed.setdefault(date, []).append(join(lake, table, *parts))
    days = read_day_manifests(lake) if not is_local(fs) else {}
    files: list[str] = []
    for date in dates:
        named = days.get(date, {"tables": {}})["tables"].get(table)  # runs rows are never part of a publish
        files.extend(
            [join(lake, rel) for rel in named] if named is not None else sorted(listed.get(date, []))
        )
    return files


def _is_data_file(name: str) -> bool:
    return name.endswith(".parquet") and not name.startswith((".", "_"))


def published_rows(lake: str, table: str, ingest_date: str) -> int:
    """Rows of one published partition, from the files' footers (no data is read).

    Raises:
        LakeError: a file of the partition is not Parquet.
    """
    rows = 0
    for uri in partition_files(lake, table, ingest_date):
        fs, path = filesystem(uri)
        try:
            with fs.open(path, "rb") as source:
                rows += pq.ParquetFile(source).metadata.num_rows
        except (pa.ArrowInvalid, OSError) as exc:
            raise LakeError(f"cannot read published rows in {uri}: {exc}") from exc
    return rows


def _listed_files(lake: str, table: str, ingest_date: str) -> list[str]:
    fs, folder = filesystem(partition_uri(lake, table, ingest_date))
    if not fs.isdir(folder):
        return []
    names = (posixpath.basename(p.rstrip("/")) for p in fs.ls(folder, detail=False))
    return sorted(join(partition_uri(lake, table, ingest_date), n) for n in names if _is_data_file(n))


def published_among(lake: str, exclude_date: str, ids: pa.Array) -> set[str]:
    """Which of ``ids`` are published articles of a date other than ``exclude_date``.

    The lake's ids are read one file and one chunk at a time and matched against ``ids``, so
    memory follows the day being checked, not the lake (which a backfill grows to millions):
    on a lake of 1,000,000 articles, 25 MB instead of 213 MB for a set of all their ids.
    """
    found: set[str] = set()
    if not len(ids):
        return found
    for date in published_dates(lake):
        if date == exclude_date:
            continue
        for uri in partition_files(lake, "articles", date):
            try:
                for part in iter_chunks(uri, "articles", ["article_id"]):
                    column = part.column(0)
                    found.update(pc.filter(column, pc.is_in(column, value_set=ids)).to_pylist())
            except (pa.ArrowInvalid, OSError) as exc:
                raise LakeError(f"cannot read published articles in {uri}: {exc}") from exc
    return found


#: Copies of a story are looked for among the articles published this many days before or after.
STORY_WINDOW_DAYS = 30


def published_stories(
    lake: str, ingest_date: str, window_days: int = STORY_WINDOW_DAYS
) -> Iterator[tuple[str, bytes]]:
    """``(story_id, story_minhash)`` of the articles published within ``window_days`` of
    ``ingest_date`` (that date excluded), one partition at a time, oldest date first (memory
    stays bounded by one day). Articles written before stories existed have no signature
    and are left out.

    Raises:
        LakeError: a partition cannot be read.
    """
    day, window = dt.date.fromisoformat(ingest_date), dt.timedelta(days=window_days)
    # the window stops at the calendar's ends (a date near 0001-01-01 or 9999-12-31 must not overflow)
    first = (day - window if day - dt.date.min > window else dt.date.min).isoformat()
    last = (day + window if dt.date.max - day > window else dt.date.max).isoformat()
    schema = pa.schema([TABLES["articles"].field(c) for c in ("article_id", "story_id", "story_minhash")])
    for date in published_dates(lake):
        if date == ingest_date or not first <= date <= last:
            continue
        files = partition_files(lake, "articles", date)
        if not files:
            continue
        fs, _ = filesystem(files[0])
        try:
            dataset = pads.dataset(
                [filesystem(f)[1] for f in files],
                schema=schema,
                filesystem=fs,
                format="parquet",
                exclude_invalid_files=False,
            )
            table = dataset.to_table(
                filter=pads.field("story_minhash").is_valid() & pads.field("story_id").is_valid()
            )
        except (pa.ArrowInvalid, OSError) as exc:
            raise LakeError(
                f"cannot read published stories under {partition_uri(lake, 'articles', date)}: {exc}"
            ) from exc
        table = table.sort_by("article_id")
        yield from zip(
            table.column("story_id").to_pylist(), table.column("story_minhash").to_pylist(), strict=True
        )


#: How long an object-storage publish lock stays valid without renewal: a holder renews it
#: every third of this; a lock older than this is stale (its holder died) and may be taken over.
LOCK_LEASE_SECONDS = 120.0
#: How often a run waiting for an object-storage publish lock looks at it again.
LOCK_POLL_SECONDS = 1.0


@contextlib.contextmanager
def publish_lock(lake: str, timeout: float | None = None) -> Iterator[None]:
    """Serialise recovery, staging clean-up and publishing on one lake.

    On a local lake this is an exclusive ``flock`` on ``LAKE/_locks/publish.lock``,
    which the kernel releases when the holder dies (``kill -9`` leaves no stale lock).
    On S3 it is the object ``LAKE/_locks/publish.lock``, created with a conditional
    PUT (``If-None-Match: *``: of two runs, exactly one creates it), renewed by its holder
    (``If-Match`` its ETag) and deleted on release; a lock not renewed for
    :data:`LOCK_LEASE_SECONDS` belongs to a run that died and is taken over (again with
    ``If-Match``, so only one waiting run wins). Other object stores have no lock (a warning).

    Raises:
        LakeError: on S3, ``timeout`` seconds passed while another run held the lock (a local
            lock is waited for as long as it takes, as the kernel frees it when its holder dies).
    """
    fs, root = filesystem(lake)
    if is_local(fs):
        os.makedirs(os.path.join(root, "_locks"), exist_ok=True)
        with open(os.path.join(root, "_locks", "publish.lock"), "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return
    if "s3" not in (fs.protocol if isinstance(fs.protocol, (tuple, list)) else (fs.protocol,)):
        log.warning("no publish lock on %s: runs of one date must not overlap there", lake)
        yield
        return
    lock = _ObjectLock(fs, posixpath.join(root, "_locks", "publish.lock"), to_uri(fs, root))
    lock.acquire(timeout)
    try:
        yield
    finally:
        lock.release()


def _precondition_failed(exc: OSError) -> bool:
    """A conditional PUT refused (HTTP 412): s3fs raises FileExistsError for If-None-Match and
    an OSError(EINVAL) for If-Match."""
    return isinstance(exc, FileExistsError) or exc.errno == errno.EINVAL or "precondition" in str(exc).lower()


def _lock_age(body: bytes, info: dict[str, Any]) -> float:
    """Seconds since a lock was last renewed: its ``renewed_at`` (the holder's clock), else the
    object's ``LastModified`` (a lock written by hand)."""
    try:
        renewed = dt.datetime.fromisoformat(json.loads(body.decode("utf-8"))["renewed_at"])
    except (ValueError, KeyError, TypeError):
        renewed = info.get("LastModified")
    if not isinstance(renewed, dt.datetime) or renewed.tzinfo is None:
        return float("inf")
    return (dt.datetime.now(dt.UTC) - renewed).total_seconds()


class _ObjectLock:
    """The publish lock of a lake on S3 (see :func:`publish_lock`)."""

    def __init__(self, fs: Any, path: str, lake: str) -> None:
        self.fs, self.path, self.lake = fs, path, lake
        self.owner = {"host": os.uname().nodename, "pid": os.getpid(), "token": os.urandom(8).hex()}
        self.etag: str | None = None
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None

    def _body(self) -> bytes:
        return json.dumps({**self.owner, "renewed_at": dt.datetime.now(dt.UTC).isoformat()}).encode()

    def _put(self, **condition: str) -> str:
        response = self.fs.pipe_file(self.path, self._body(), **condition)
        return str((response or {}).get("ETag") or self.fs.info(self.path).get("ETag"))

    def acquire(self, timeout: float | None) -> None:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            try:
                self.etag = self._put(mode="create")
                break
            except OSError as exc:
                if not _precondition_failed(exc):
                    raise
            if self._take_over_if_stale():
                break
            if deadline is not None and time.monotonic() >= deadline:
                raise LakeError(
                    f"the lake {self.lake} is locked by another run ({self._holder()}); try again when it has finished"
                )
            time.sleep(LOCK_POLL_SECONDS)
        self._renewer = threading.Thread(target=self._renew, name="khabar-publish-lock", daemon=True)
        self._renewer.start()

    def _holder(self) -> str:
        try:
            return self.fs.cat_file(self.path).decode("utf-8", "replace")[:300]
        except OSError:
            return "gone"

    def _take_over_if_stale(self) -> bool:
        try:
            info = self.fs.info(self.path)
            body = self.fs.cat_file(self.path)
        except FileNotFoundError:
            return False  # released meanwhile: try to create it again
        if _lock_age(body, info) < LOCK_LEASE_SECONDS:
            return False
        try:
            self.etag = self._put(IfMatch=info["ETag"])
        except OSError as exc:
            if _precondition_failed(exc) or isinstance(exc, FileNotFoundError):
                return False  # another waiting run took it over first (or it was released)
            raise
        log.warning(
            "took over a stale publish lock on %s (not renewed for %.0f s; its run died): %s",
            self.lake,
            LOCK_LEASE_SECONDS,
            body[:300].decode("utf-8", "replace"),
        )
        return True

    def _renew(self) -> None:
        while not self._stop.wait(LOCK_LEASE_SECONDS / 3):
            try:
                self.etag = self._put(IfMatch=self.etag or "")
            except OSError as exc:
                log.error("could not renew the publish lock on %s: %s", self.lake, exc)

    def release(self) -> None:
        self._stop.set()
        if self._renewer is not None:
            self._renewer.join()
        try:
            if self.fs.info(self.path).get("ETag") == self.etag:
                self.fs.rm_file(self.path)
        except FileNotFoundError:
            pass


# --- the publish ------------------------------------------------------------------------


def _journal_uri(lake: str, run_id: str) -> str:
    return join(lake, "_trash", run_id, "_journal.json")


def _write_journal(lake: str, run_id: str, payload: dict[str, object]) -> None:
    """Write a run's publish journal whole or not at all (:func:`khabar.core.storage.write_atomic`):
    a full disk leaves the previous journal, never an empty or half-written one."""
    write_atomic(_journal_uri(lake, run_id), json.dumps(payload).encode("utf-8"))


def day_manifest_uri(lake: str, ingest_date: str) -> str:
    """``LAKE/_published/ingest_date=D.json``: on object storage, the files of every table that
    make up the published day D; readers follow it, and a publish changes it in one PUT."""
    return join(lake, "_published", f"{PARTITION_COLUMN}={ingest_date}.json")


def _parse_day_manifest(uri: str, data: bytes) -> dict[str, Any]:
    try:
        day = json.loads(data.decode("utf-8"))
        if not isinstance(day, dict) or not isinstance(day.get("tables"), dict):
            raise ValueError("no tables")
    except ValueError as exc:
        raise LakeError(f"unreadable day manifest {uri}: {exc}") from exc
    return day


def read_day_manifest(lake: str, ingest_date: str) -> dict[str, Any] | None:
    """The day manifest of ``ingest_date``, or None (a local lake, or a day published before
    manifests: its folder is the truth).

    Raises:
        LakeError: the manifest cannot be parsed.
    """
    uri = day_manifest_uri(lake, ingest_date)
    fs, path = filesystem(uri)
    try:
        data = fs.cat_file(path)
    except FileNotFoundError:
        return None
    return _parse_day_manifest(uri, data)


def read_day_manifests(lake: str) -> dict[str, dict[str, Any]]:
    """Every day manifest of the lake by date, fetched together (one request each, concurrent on S3)."""
    fs, root = filesystem(join(lake, "_published"))
    if not fs.isdir(root):
        return {}
    paths = [p for p in fs.ls(root, detail=False) if p.endswith(".json")]
    days = {}
    for path, data in fs.cat(paths, on_error="omit").items() if paths else ():
        date = partition_date(posixpath.basename(path)[: -len(".json")])
        if date:
            days[date] = _parse_day_manifest(to_uri(fs, path), data)
    return days


def _write_day_manifest(lake: str, day: dict[str, Any]) -> None:
    write_atomic(day_manifest_uri(lake, day["ingest_date"]), json.dumps(day, indent=1).encode("utf-8"))


def _drop_unlisted(lake: str, day: dict[str, Any]) -> None:
    """Delete the files of the day's partitions that its manifest does not name (the previous
    publish's, or an interrupted one's): readers no longer reach them."""
    for table, listed in day["tables"].items():
        keep = {join(lake, rel) for rel in listed}
        for uri in _listed_files(lake, table, day["ingest_date"]):
            if uri not in keep:
                remove(uri)


def recover(lake: str) -> list[str]:
    """Finish or undo a publish that a crash interrupted; returns what was rolled back.

    A publish journals its tables before it moves anything, and every journal is written
    atomically. A journal marked ``committed`` only lost its clean-up; any other journal is
    rolled back: every partition the run moved in is removed and the previous one is moved
    back, so the day is exactly as it was before that run. An unreadable journal (an empty
    file that an older khabar left when the disk filled) is rolled back from what the run's
    trash folder holds: a table's previous partition is there only if the run swapped it.
    On object storage a publish that wrote its day manifest is finished instead (readers
    already see it), and one that did not only has copied files to delete.
    """
    fs, trash = filesystem(join(lake, "_trash"))
    restored: list[str] = []
    if not fs.isdir(trash):
        return restored
    for run_dir in sorted(fs.ls(trash, detail=False)):
        run = posixpath.basename(run_dir.rstrip("/"))
        journal_path = posixpath.join(run_dir, "_journal.json")
        has_journal = fs.exists(journal_path)
        journal = _read_journal(fs, journal_path) if has_journal else None
        if has_journal and journal is None:
            swapped = _swapped_in_trash(fs, run_dir)
            log.warning(
                "unreadable publish journal %s (a write cut short, e.g. a full disk): %s; removed",
                to_uri(fs, journal_path), f"rolled back {', '.join(f'{t}/{p}' for t, p in swapped)} from the trash" if swapped else "the run had moved nothing",
            )  # fmt: skip
            for table, partition in swapped:
                restored += _roll_back_table(fs, lake, run_dir, table, partition)
        elif journal and journal.get("mode") == "manifest":
            restored += _recover_manifest_publish(lake, run, journal)
        elif journal and journal.get("state") != "committed":
            for table in journal["tables"]:
                restored += _roll_back_table(
                    fs, lake, run_dir, table, f"{PARTITION_COLUMN}={journal['ingest_date']}"
                )
            log.warning("rolled back an interrupted publish of %s (run %s)", journal["ingest_date"], run)
        fs.rm(run_dir, recursive=True)
    return restored


def _read_journal(fs: Any, path: str) -> dict[str, Any] | None:
    """A journal, or None when it is empty, not JSON or not a journal."""
    try:
        journal = json.loads(fs.cat_file(path).decode("utf-8"))
    except ValueError:  # UnicodeDecodeError and JSONDecodeError alike
        return None
    if (
        not isinstance(journal, dict)
        or not isinstance(journal.get("tables"), list)
        or not partition_date(f"{PARTITION_COLUMN}={journal.get('ingest_date')}")
    ):
        return None
    return journal


def _swapped_in_trash(fs: Any, run_dir: str) -> list[tuple[str, str]]:
    """``(table, partition)`` of every previous partition (or ``.absent`` mark) a local publish
    moved into its trash folder."""
    swapped = set()
    for path in fs.ls(run_dir, detail=False):
        name = posixpath.basename(path.rstrip("/")).removesuffix(".absent")
        table, _, partition = name.partition("@")
        if table in TABLES and partition_date(partition):
            swapped.add((table, partition))
    return sorted(swapped)


def _roll_back_table(fs: Any, lake: str, run_dir: str, table: str, partition: str) -> list[str]:
    """Put the previous partition of ``table`` back if the run swapped it; returns it, if so."""
    _, target = filesystem(join(lake, table, partition))
    old = posixpath.join(run_dir, f"{table}@{partition}")
    absent = old + ".absent"  # the table had no partition before the run
    if not (fs.exists(old) or fs.exists(absent)):  # this table was not swapped yet
        return []
    if fs.exists(target):
        fs.rm(target, recursive=True)  # moved in by the interrupted run
    if fs.exists(old):
        move_tree(fs, old, target)
    return [f"{table}/{partition}"]


def _recover_manifest_publish(lake: str, run: str, journal: dict[str, Any]) -> list[str]:
    """An object-storage publish interrupted after its journal: finished if its day manifest
    was written (readers see it already), else its copied files are deleted (readers never
    saw them; the previous files were never touched)."""
    date = journal["ingest_date"]
    day = read_day_manifest(lake, date)
    if day is not None and day.get("run_id") == run:
        _drop_unlisted(lake, day)
        if journal.get("state") != "committed":
            log.warning(
                "finished an interrupted publish of %s (run %s): its day manifest was written", date, run
            )
        return []
    listed = {rel for files in (day or {"tables": {}})["tables"].values() for rel in files}
    for files in journal.get("files", {}).values():
        for rel in files:
            if rel not in listed:
                remove(join(lake, rel))
    log.warning("rolled back an interrupted publish of %s (run %s): its copied files are deleted", date, run)
    return [f"{table}/{PARTITION_COLUMN}={date}" for table in journal["tables"]]


def publish_day(lake: str, ingest_date: str, staged: dict[str, str], run_id: str) -> list[str]:
    """Swap in the staged partition directory of every table for ``ingest_date``.

    All or nothing. On a local disk the tables are journaled first, each old partition
    is moved to ``_trash/<run>/``, the staged one renamed into place, then the journal is
    marked committed and the trash deleted. A crash before the commit mark is rolled back
    by :func:`recover` (run at the start of every run). On object storage see
    :func:`_publish_by_manifest`.
    """
    fs, _ = filesystem(lake)
    if not is_local(fs):
        return _publish_by_manifest(lake, ingest_date, staged, run_id)
    partition = f"{PARTITION_COLUMN}={ingest_date}"
    _write_journal(lake, run_id, {"ingest_date": ingest_date, "tables": list(staged), "state": "swapping"})
    published = []
    for n, (table, staged_dir) in enumerate(staged.items(), start=1):
        fs, target = filesystem(partition_uri(lake, table, ingest_date))
        _, source = filesystem(staged_dir)
        _, old = filesystem(join(lake, "_trash", run_id, f"{table}@{partition}"))
        fs.makedirs(posixpath.dirname(target), exist_ok=True)
        fs.makedirs(posixpath.dirname(old), exist_ok=True)
        if fs.exists(target):
            move_tree(fs, target, old)
        else:
            fs.touch(old + ".absent")
        move_tree(fs, source, target)
        published.append(partition_uri(lake, table, ingest_date))
        fault_point("publish", n)
    _write_journal(lake, run_id, {"ingest_date": ingest_date, "tables": list(staged), "state": "committed"})
    remove(join(lake, "_trash", run_id))
    return published


def _publish_by_manifest(lake: str, ingest_date: str, staged: dict[str, str], run_id: str) -> list[str]:
    """The publish on object storage, where a folder cannot be renamed and objects are copied
    one by one: readers follow the day manifest (:func:`day_manifest_uri`), so the day they
    see changes in its single PUT.

    1. A day without a manifest (never published, or published before manifests) first gets
       one naming what is there now, so readers never list a partition being filled.
    2. The journal names the files the run will copy (for :func:`recover`).
    3. The staged files are copied beside the previous ones (their names hold the run id).
    4. The day manifest is replaced: readers now see the new day, all tables at once.
    5. The journal is marked committed; the previous files are deleted.
    """
    partition = f"{PARTITION_COLUMN}={ingest_date}"
    day = read_day_manifest(lake, ingest_date)
    if day is None:
        day = {
            "ingest_date": ingest_date,
            "run_id": None,
            "tables": {t: [_relative(lake, u) for u in _listed_files(lake, t, ingest_date)] for t in staged},
        }
        _write_day_manifest(lake, day)
    copies: dict[str, list[tuple[str, str]]] = {}
    for table, staged_dir in staged.items():
        fs, source = filesystem(staged_dir)
        names = sorted(posixpath.basename(p) for p in fs.find(source) if p.endswith(".parquet"))
        copies[table] = [(posixpath.join(source, n), f"{table}/{partition}/{n}") for n in names]
    files = {t: [rel for _, rel in pairs] for t, pairs in copies.items()}
    journal = {
        "ingest_date": ingest_date,
        "tables": list(staged),
        "state": "copying",
        "mode": "manifest",
        "files": files,
    }
    _write_journal(lake, run_id, journal)
    published = []
    for n, (table, pairs) in enumerate(copies.items(), start=1):
        for source, rel in pairs:
            fs, target = filesystem(join(lake, rel))
            fs.copy(source, target)
        published.append(partition_uri(lake, table, ingest_date))
        fault_point("publish", n)
    new_day = {
        "ingest_date": ingest_date,
        "run_id": run_id,
        "published_at": dt.datetime.now(dt.UTC).isoformat(),
        "tables": {**day["tables"], **files},
    }
    _write_day_manifest(lake, new_day)
    _write_journal(lake, run_id, {**journal, "state": "committed"})
    _drop_unlisted(lake, new_day)
    for staged_dir in staged.values():
        remove(staged_dir)
    remove(join(lake, "_trash", run_id))
    return published


def _relative(lake: str, uri: str) -> str:
    _, root = filesystem(lake)
    _, path = filesystem(uri)
    return posixpath.relpath(path, root)


def fault_point(step: str, count: int) -> None:
    """Fault injection for the crash tests: ``KHABAR_FAULT=publish:2`` kills the process
    (SIGKILL, as ``kill -9``) right after the second partition swap."""
    fault = os.environ.get("KHABAR_FAULT")
    if fault and fault == f"{step}:{count}":
        os.kill(os.getpid(), signal.SIGKILL)


def exists(uri: str) -> bool:
    fs, path = filesystem(uri)
    return bool(fs.exists(path))


def remove(uri: str) -> None:
    fs, path = filesystem(uri)
    if fs.exists(path):
        fs.rm(path, recursive=True)


def keep_original(lake_uri: str, record: RawRecord) -> str:
    """Keep the original bytes, content-addressed (idempotent); returns the copy's URI."""
    target = quarantine_copy_uri(lake_uri, record.sha256)
    fs, path = filesystem(target)
    if fs.exists(path):
        return target
    fs.makedirs(os.path.dirname(path), exist_ok=True)
    if record.data is not None:
        with fs.open(path, "wb") as sink:
            sink.write(record.data)
    else:  # too large to hold in memory: stream the original file
        src_fs, src_path = filesystem(record.original_uri or record.source_uri)
        with src_fs.open(src_path, "rb") as source, fs.open(path, "wb") as sink:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                sink.write(chunk)
    return target
