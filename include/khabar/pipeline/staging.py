"""What the steps of a run hand each other: the staging layout and the typed records in it.

A run's steps (:mod:`khabar.pipeline.daily`) may each run in another process or on another
machine (Airflow tasks), so they pass nothing but the manifest's URI and small counts; all
else is in the run's staging area, laid out by :class:`Staging`::

    LAKE/_staging/ingest_date=D/<run>/
        manifest.json                          the plan: Manifest
        batches/<table>/batch-00000.parquet    one batch's rows of each table
        batches/_stats/batch-00000.json        one batch's counts: BatchCounts
        final/<table>/part-<run>.parquet       the day's tables after consolidation
        final/counts.json                      the day's counts: DayCounts
        final/validation.json                  the validation report (khabar.lake.quality.ValidationReport)

The JSON files are written whole or not at all (:func:`write_json`), so a crash never leaves
half a file for the next step.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any, TypedDict

from khabar.core.errors import LakeError
from khabar.core.storage import filesystem, join, write_atomic
from khabar.ingest.sources import InputFile, Limits
from khabar.lake import store


def write_json(uri: str, payload: dict[str, Any]) -> None:
    """Write a manifest or a step's counts whole or not at all (a temporary file renamed, or
    one PUT): a crash or a full disk never leaves a half-written file for the next task. Text
    that is not valid Unicode (a lone surrogate) is written as a JSON escape, never a crash."""
    try:
        data = json.dumps(payload, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    except UnicodeEncodeError:
        data = json.dumps(payload, ensure_ascii=True, indent=1, default=str).encode("ascii")
    write_atomic(uri, data)


def read_json(uri: str) -> dict[str, Any]:
    """A file :func:`write_json` wrote.

    Raises:
        LakeError: the file is not JSON (written by hand, or by an older khabar that crashed).
    """
    fs, path = filesystem(uri)
    try:
        return json.loads(fs.cat_file(path).decode("utf-8"))
    except ValueError as exc:
        raise LakeError(f"unreadable {uri}: {exc}") from exc


@dataclass(frozen=True)
class Staging:
    """The staging area of one run of one date (see the module's layout).

    >>> s = Staging.of("/lake", "2025-01-15", "r1")
    >>> s.root, s.batch_file("articles", 3)
    ('/lake/_staging/ingest_date=2025-01-15/r1', '/lake/_staging/ingest_date=2025-01-15/r1/batches/articles/batch-00003.parquet')
    >>> s.final_file("events", "r1")
    '/lake/_staging/ingest_date=2025-01-15/r1/final/events/part-r1.parquet'
    """

    root: str

    @classmethod
    def of(cls, lake: str, ingest_date: str, run_id: str) -> Staging:
        return cls(store.staging_uri(lake, ingest_date, run_id))

    @property
    def manifest(self) -> str:
        return join(self.root, "manifest.json")

    def batch_file(self, table: str, batch_index: int) -> str:
        return join(self.root, "batches", table, f"batch-{batch_index:05d}.parquet")

    def batch_counts(self, batch_index: int) -> str:
        return join(self.root, "batches", "_stats", f"batch-{batch_index:05d}.json")

    def final_dir(self, table: str) -> str:
        return join(self.root, "final", table)

    def final_file(self, table: str, run_id: str) -> str:
        return join(self.final_dir(table), f"part-{run_id}.parquet")

    @property
    def day_counts(self) -> str:
        return join(self.root, "final", "counts.json")

    @property
    def validation(self) -> str:
        return join(self.root, "final", "validation.json")


@dataclass(frozen=True)
class Manifest:
    """The plan of one run, written by ``plan`` and read by every later step.

    Stored as JSON with these keys in this order; ``batches`` lists each batch's input files
    (or shards of a JSON Lines file), in the order they are read.
    """

    run_id: str
    ingest_date: str
    landing: str
    lake: str
    #: the run's staging area (:class:`Staging`'s root)
    staging: str
    manifest_uri: str
    #: when the run started, ISO 8601 in UTC
    started_at: str
    limits: Limits
    files_seen: int
    bytes_seen: int
    batches: list[list[InputFile]]
    #: partitions an interrupted publish had left half swapped, rolled back by this run's plan
    restored_partitions: list[str]
    #: the lake's own warnings (ignored folders, an empty landing), recorded in ``runs``
    lake_warnings: list[str]
    seconds_discover: float

    @property
    def area(self) -> Staging:
        return Staging(self.staging)

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Manifest:
        return cls(
            **{
                **raw,
                "limits": Limits(**raw["limits"]),
                "batches": [[InputFile(**entry) for entry in batch] for batch in raw["batches"]],
            }
        )

    def write(self) -> None:
        write_json(self.manifest_uri, self.to_json())

    @classmethod
    def load(cls, uri: str) -> Manifest:
        """The manifest at ``uri``.

        Raises:
            LakeError: the file is not a manifest's JSON.
        """
        raw = read_json(uri)
        try:
            return cls.from_json(raw)
        except (KeyError, TypeError) as exc:
            raise LakeError(f"unreadable manifest {uri}: {exc!r}") from exc


class BatchCounts(TypedDict):
    """What one batch read and produced (``batches/_stats``; the return of ``process_batch``)."""

    batch_index: int
    files: int
    #: inputs: files and the records of JSON / JSON Lines files and archives
    records: int
    articles: int
    duplicates: int
    quarantined: int
    bytes: int
    seconds: float


class DayCounts(TypedDict):
    """The day's totals after consolidation (``final/counts.json``; the return of ``consolidate``)."""

    files_seen: int
    bytes_read: int
    records_seen: int
    articles: int
    duplicates: int
    quarantined: int
    mentions: int
    events: int
    comments: int
    seconds_process: float
    seconds_consolidate: float
