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
import fcntl
import json
import logging
import os
import posixpath
import signal
from collections.abc import Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem

from khabar.errors import LakeError
from khabar.schema import PARTITION_COLUMN, TABLES
from khabar.storage import filesystem, join, move_tree

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


def staging_uri(lake: str, ingest_date: str, run_id: str) -> str:
    return join(lake, "_staging", f"{PARTITION_COLUMN}={ingest_date}", run_id)


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


def iter_chunks(uri: str, table: str, columns: list[str] | None = None, rows: int | None = None) -> Iterator[pa.Table]:
    """One Parquet file of ``table`` as tables of at most ``rows`` rows (memory stays bounded):
    by default :data:`WIDE_CHUNK_ROWS` when article texts are read, else :data:`ROW_GROUP_SIZE`."""
    schema = TABLES[table] if columns is None else pa.schema([TABLES[table].field(c) for c in columns])
    if rows is None:
        rows = WIDE_CHUNK_ROWS if _WIDE_COLUMNS & set(schema.names) else ROW_GROUP_SIZE
    fs, path = filesystem(uri)
    with fs.open(path, "rb") as source:
        # Without pre-buffering and reader threads, a reader holds one row group: pre-buffering
        # caches the file's column ranges (~50 MB retained after reading 50,000 bodies).
        for batch in pq.ParquetFile(source, pre_buffer=False).iter_batches(batch_size=rows, columns=schema.names, use_threads=False):
            yield pa.Table.from_batches([batch]).cast(schema)


def list_files(uri: str, suffix: str = ".parquet") -> list[str]:
    fs, path = filesystem(uri)
    if not fs.isdir(path):
        return []
    return sorted(join(uri, posixpath.relpath(p, path)) for p in fs.find(path) if p.endswith(suffix))


def published_dates(lake: str, table: str = "articles") -> list[str]:
    """The dates that have a published partition of ``table``, oldest first."""
    fs, root = filesystem(join(lake, table))
    if not fs.isdir(root):
        return []
    prefix = f"{PARTITION_COLUMN}="
    names = (posixpath.basename(p.rstrip("/")) for p in fs.ls(root, detail=False))
    return sorted(name[len(prefix) :] for name in names if name.startswith(prefix))


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
        for uri in list_files(partition_uri(lake, "articles", date)):
            if posixpath.basename(uri).startswith((".", "_")):
                continue
            try:
                for part in iter_chunks(uri, "articles", ["article_id"]):
                    column = part.column(0)
                    found.update(pc.filter(column, pc.is_in(column, value_set=ids)).to_pylist())
            except (pa.ArrowInvalid, OSError) as exc:
                raise LakeError(f"cannot read published articles in {uri}: {exc}") from exc
    return found


#: Copies of a story are looked for among the articles published this many days before or after.
STORY_WINDOW_DAYS = 30


def published_stories(lake: str, ingest_date: str, window_days: int = STORY_WINDOW_DAYS) -> Iterator[tuple[str, bytes]]:
    """``(story_id, story_minhash)`` of the articles published within ``window_days`` of
    ``ingest_date`` (that date excluded), one partition at a time, oldest date first (memory
    stays bounded by one day). Articles written before stories existed have no signature
    and are left out.

    Raises:
        LakeError: a partition cannot be read.
    """
    day = dt.date.fromisoformat(ingest_date)
    first, last = (day - dt.timedelta(days=window_days)).isoformat(), (day + dt.timedelta(days=window_days)).isoformat()
    schema = pa.schema([TABLES["articles"].field(c) for c in ("article_id", "story_id", "story_minhash")])
    for date in published_dates(lake):
        if date == ingest_date or not first <= date <= last:
            continue
        fs, partition = filesystem(partition_uri(lake, "articles", date))
        try:
            dataset = pads.dataset(partition, schema=schema, filesystem=fs, format="parquet", exclude_invalid_files=False, ignore_prefixes=[".", "_"])
            table = dataset.to_table(filter=pads.field("story_minhash").is_valid() & pads.field("story_id").is_valid())
        except (pa.ArrowInvalid, OSError) as exc:
            raise LakeError(f"cannot read published stories under {partition}: {exc}") from exc
        table = table.sort_by("article_id")
        yield from zip(table.column("story_id").to_pylist(), table.column("story_minhash").to_pylist(), strict=True)


@contextlib.contextmanager
def publish_lock(lake: str) -> Iterator[None]:
    """Serialise recovery, staging clean-up and publishing on one lake.

    On a local lake this is an exclusive ``flock`` on ``LAKE/_locks/publish.lock``,
    which the kernel releases when the holder dies (``kill -9`` leaves no stale lock).
    Object storage has no such lock: there, runs of one date must not overlap (the
    DAG's ``max_active_runs=1`` sees to it).
    """
    fs, root = filesystem(lake)
    if not isinstance(fs, LocalFileSystem):
        yield
        return
    os.makedirs(os.path.join(root, "_locks"), exist_ok=True)
    with open(os.path.join(root, "_locks", "publish.lock"), "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _journal_uri(lake: str, run_id: str) -> str:
    return join(lake, "_trash", run_id, "_journal.json")


def _write_journal(lake: str, run_id: str, payload: dict[str, object]) -> None:
    fs, path = filesystem(_journal_uri(lake, run_id))
    fs.makedirs(posixpath.dirname(path), exist_ok=True)
    with fs.open(path, "w", encoding="utf-8") as sink:
        json.dump(payload, sink)


def recover(lake: str) -> list[str]:
    """Finish or undo a publish that a crash interrupted; returns what was rolled back.

    A publish journals its tables before it moves anything. A journal marked
    ``committed`` only lost its clean-up; any other journal is rolled back: every
    partition the run moved in is removed and the previous one is moved back, so the
    day is exactly as it was before that run.
    """
    fs, trash = filesystem(join(lake, "_trash"))
    restored: list[str] = []
    if not fs.isdir(trash):
        return restored
    for run_dir in sorted(fs.ls(trash, detail=False)):
        journal_path = posixpath.join(run_dir, "_journal.json")
        journal = json.loads(fs.cat_file(journal_path).decode("utf-8")) if fs.exists(journal_path) else None
        if journal and journal.get("state") != "committed":
            for table in journal["tables"]:
                partition = f"{PARTITION_COLUMN}={journal['ingest_date']}"
                _, target = filesystem(partition_uri(lake, table, journal["ingest_date"]))
                old = posixpath.join(run_dir, f"{table}@{partition}")
                absent = old + ".absent"  # the table had no partition before the run
                if fs.exists(old) or fs.exists(absent):  # this table was being swapped
                    if fs.exists(target):
                        fs.rm(target, recursive=True)  # moved in by the interrupted run
                    if fs.exists(old):
                        move_tree(fs, old, target)
                    restored.append(f"{table}/{partition}")
            log.warning("rolled back an interrupted publish of %s (run %s)", journal["ingest_date"], posixpath.basename(run_dir))
        fs.rm(run_dir, recursive=True)
    return restored


def publish_day(lake: str, ingest_date: str, staged: dict[str, str], run_id: str) -> list[str]:
    """Swap in the staged partition directory of every table for ``ingest_date``.

    All or nothing: the tables are journaled first, each old partition is moved to
    ``_trash/<run>/``, the staged one renamed into place, then the journal is marked
    committed and the trash deleted. A crash before the commit mark is rolled back
    by :func:`recover` (run at the start of every run).
    """
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
