"""Writing and reading the Parquet lake: staging, atomic partition swaps, quarantine copies.

Layout (all under the lake URI)::

    <table>/ingest_date=YYYY-MM-DD/part-<run>.parquet   published partitions
    runs/ingest_date=YYYY-MM-DD/run-<run>.parquet        append-only run log
    _staging/ingest_date=YYYY-MM-DD/<run>/...           a run's work in progress
    _trash/<run>/<table>/                               partitions being replaced
    _quarantine/<sha256[:2]>/<sha256>                    original bytes of rejected inputs
    _quality/                                           Great Expectations Data Docs

A run writes its tables under ``_staging`` and publishes each partition by
renaming: the old partition moves to ``_trash``, the new one into place, the
old one is deleted. :func:`recover` (run at the start of every run) puts back
any partition a crash left in ``_trash``.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Iterable

import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from khabar.errors import LakeError
from khabar.schema import PARTITION_COLUMN, TABLES
from khabar.storage import filesystem, join

log = logging.getLogger(__name__)

ROW_GROUP_SIZE = 10_000


def partition_uri(lake: str, table: str, ingest_date: str) -> str:
    return join(lake, table, f"{PARTITION_COLUMN}={ingest_date}")


def staging_uri(lake: str, ingest_date: str, run_id: str) -> str:
    return join(lake, "_staging", f"{PARTITION_COLUMN}={ingest_date}", run_id)


def quarantine_copy_uri(lake: str, sha256: str) -> str:
    return join(lake, "_quarantine", sha256[:2], sha256)


def quality_uri(lake: str) -> str:
    return join(lake, "_quality")


def write_table(uri: str, table: pa.Table) -> None:
    """Write one Parquet file (zstd, row groups of ``ROW_GROUP_SIZE``)."""
    fs, path = filesystem(uri)
    fs.makedirs(posixpath.dirname(path), exist_ok=True)
    with fs.open(path, "wb") as sink:
        pq.write_table(table, sink, compression="zstd", row_group_size=ROW_GROUP_SIZE)


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
            self._writer.write_table(table, row_group_size=ROW_GROUP_SIZE)
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


def list_files(uri: str, suffix: str = ".parquet") -> list[str]:
    fs, path = filesystem(uri)
    if not fs.isdir(path):
        return []
    return sorted(join(uri, posixpath.relpath(p, path)) for p in fs.find(path) if p.endswith(suffix))


def published_article_ids(lake: str, exclude_date: str) -> pa.Table:
    """``article_id`` and ``ingest_date`` of every published article outside ``exclude_date``."""
    fs, root = filesystem(join(lake, "articles"))
    if not fs.isdir(root):
        return pa.table({"article_id": pa.array([], pa.string()), PARTITION_COLUMN: pa.array([], pa.string())})
    dataset = pads.dataset(
        root, filesystem=fs, format="parquet",
        partitioning=pads.partitioning(pa.schema([(PARTITION_COLUMN, pa.string())]), flavor="hive"),
        exclude_invalid_files=False, ignore_prefixes=[".", "_"],
    )  # fmt: skip
    try:
        table = dataset.to_table(columns=["article_id", PARTITION_COLUMN], filter=pads.field(PARTITION_COLUMN) != exclude_date)
    except (pa.ArrowInvalid, OSError) as exc:
        raise LakeError(f"cannot read published articles under {root}: {exc}") from exc
    return table


def recover(lake: str) -> list[str]:
    """Put back partitions a crashed publish left in ``_trash``; return what was restored."""
    fs, trash = filesystem(join(lake, "_trash"))
    restored: list[str] = []
    if not fs.isdir(trash):
        return restored
    for run_dir in fs.ls(trash, detail=False):
        for moved in fs.ls(run_dir, detail=False):
            table, partition = posixpath.basename(moved).split("@", 1)
            fs_target = filesystem(join(lake, table, partition))[1]
            if not fs.exists(fs_target):
                fs.mv(moved, fs_target, recursive=True)
                restored.append(f"{table}/{partition}")
                log.warning("recovered %s/%s from an interrupted publish", table, partition)
        fs.rm(run_dir, recursive=True)
    return restored


def publish_partition(lake: str, table: str, ingest_date: str, staged_dir: str, run_id: str) -> str:
    """Replace ``LAKE/<table>/ingest_date=D`` by ``staged_dir`` (same filesystem) by renames."""
    fs, target = filesystem(partition_uri(lake, table, ingest_date))
    _, source = filesystem(staged_dir)
    _, trash = filesystem(join(lake, "_trash", run_id, f"{table}@{PARTITION_COLUMN}={ingest_date}"))
    fs.makedirs(posixpath.dirname(target), exist_ok=True)
    if fs.exists(target):
        fs.makedirs(posixpath.dirname(trash), exist_ok=True)
        fs.mv(target, trash, recursive=True)
    fs.mv(source, target, recursive=True)
    if fs.exists(trash):
        fs.rm(trash, recursive=True)
    return partition_uri(lake, table, ingest_date)


def finish_publish(lake: str, run_id: str) -> None:
    fs, trash = filesystem(join(lake, "_trash", run_id))
    if fs.exists(trash):
        fs.rm(trash, recursive=True)


def remove(uri: str) -> None:
    fs, path = filesystem(uri)
    if fs.exists(path):
        fs.rm(path, recursive=True)
