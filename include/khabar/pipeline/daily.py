"""The daily pipeline for one logical date: plan -> process batches -> consolidate -> validate -> publish.

Each step reads and writes only the lake (and the landing zone), so the steps
can run in one process (:func:`run_day`, used by ``khabar run``) or as separate
Airflow tasks (``dags/khabar_daily.py``) that pass nothing but a manifest URI
and counts. A run keyed by date D reads only ``LANDING/D`` and replaces only
the D partitions: re-running D gives the same rows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from typing import TYPE_CHECKING, Any, cast

import pyarrow as pa
import pyarrow.compute as pc

from khabar import EXTRACTOR_VERSION, __version__
from khabar.core import settings
from khabar.core.errors import InputRejected, KhabarError, LandingError, QualityError, QuarantineReason
from khabar.core.progress import Progress, Silent
from khabar.core.storage import filesystem, join
from khabar.ingest.records import extract_record
from khabar.ingest.sources import (
    InputFile,
    Limits,
    RawRecord,
    cut_by_size,
    day_uri,
    discover,
    read_records,
    shard_jsonl,
)
from khabar.lake import rows, store, stories
from khabar.lake.rows import article_rows
from khabar.lake.schema import DATA_TABLES, TABLES, to_table
from khabar.pipeline.staging import BatchCounts, DayCounts, Manifest, Staging, read_json, write_json

if TYPE_CHECKING:  # validation imports Great Expectations (seconds): only where it runs
    from khabar.lake.quality import ValidationReport

log = logging.getLogger(__name__)

DEFAULT_BATCH_FILES = settings.DEFAULT_BATCH_FILES
DEFAULT_BATCH_BYTES = settings.DEFAULT_BATCH_BYTES
#: A batch writes its rows out (one Parquet row group) every this many inputs, so its
#: memory stays bounded even when one JSON Lines file holds a whole archive.
FLUSH_INPUTS = 250
#: A MemoryError on one input quarantines it (``extraction_error``: one huge input must not fail
#: every retry of the day); more than this many in one batch means the machine is short of
#: memory, and the batch fails, to be retried.
MAX_MEMORY_ERRORS = 3
#: The smallest batch :func:`plan` cuts for the sake of parallelism (start-up is ~3 s a process).
MIN_BATCH_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class RunConfig:
    """Where and what a run processes. Sizes set the batches (the units of parallel work);
    memory is bounded within a batch, which writes its rows out as it goes."""

    landing: str
    lake: str
    ingest_date: str
    run_id: str = field(default_factory=lambda: new_run_id("cli"))
    batch_files: int = DEFAULT_BATCH_FILES
    batch_bytes: int = DEFAULT_BATCH_BYTES
    limits: Limits = field(default_factory=Limits)
    #: Processes (or mapped tasks) that will share the batches: a large day is cut into at
    #: least four batches per worker (so the last round leaves few workers idle), none
    #: smaller than MIN_BATCH_BYTES.
    parallelism: int = 1
    #: A date with no landing folder is an empty day instead of an error (an archive re-run
    #: that no longer lands on a date it landed on before must empty that date); this also
    #: allows an empty landing folder to replace a published day (the archive manages it).
    allow_missing_landing: bool = False
    #: An existing but empty landing folder may replace a day published with inputs (else
    #: :func:`plan` refuses: a retention job that emptied the folder must not empty the lake).
    allow_empty: bool = False

    @property
    def manifest_uri(self) -> str:
        """Where :func:`plan` writes this run's manifest (derivable by every task of the run)."""
        return Staging.of(self.lake, self.ingest_date, self.run_id).manifest

    def __post_init__(self) -> None:
        try:
            dt.date.fromisoformat(self.ingest_date)
        except ValueError as exc:
            raise KhabarError(f"ingest date must be YYYY-MM-DD, got {self.ingest_date!r}") from exc

    @classmethod
    def from_env(cls, ingest_date: str, run_id: str) -> RunConfig:
        """Configuration from ``KHABAR_*`` environment variables (see :mod:`khabar.core.settings`)."""
        configured = settings.load()
        return cls(
            landing=settings.landing_uri(),
            lake=settings.lake_uri(),
            ingest_date=ingest_date,
            run_id=run_id,
            batch_files=configured.batch_files,
            batch_bytes=configured.batch_bytes,
            limits=Limits(max_file_bytes=configured.max_file_bytes),
            parallelism=configured.parallelism,
            allow_empty=configured.allow_empty,
        )


def new_run_id(prefix: str) -> str:
    return f"{prefix}-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"


def safe_run_id(run_id: str) -> str:
    """Airflow run ids (manual__2025-01-15T00:00:00+00:00) made safe for paths."""
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in run_id)


# --- 1. plan --------------------------------------------------------------------------


def _batches(config: RunConfig) -> tuple[list[InputFile], list[list[InputFile]]]:
    """The day's files and their batches (nothing written)."""
    try:
        files = discover(config.landing, config.ingest_date)
    except LandingError:
        fs, path = filesystem(day_uri(config.landing, config.ingest_date))
        if not config.allow_missing_landing or fs.exists(path):
            raise
        files = []
    total = sum(f.size for f in files)
    batch_bytes = min(config.batch_bytes, max(MIN_BATCH_BYTES, -(-total // (4 * max(1, config.parallelism)))))
    shards = (shard for f in files for shard in shard_jsonl(f, batch_bytes))
    batches = cut_by_size(shards, config.batch_files, batch_bytes)
    return files, batches


def dry_run(config: RunConfig) -> dict[str, Any]:
    """What :func:`run_day` would do, writing nothing: the files, the batches, and whether
    the date already has a published day that the run would replace.

    Raises:
        LandingError: the day's landing folder is missing or unreadable.
    """
    files, batches = _batches(config)
    published = store.published_rows(config.lake, "sources", config.ingest_date)
    return {
        "dry_run": True,
        "ingest_date": config.ingest_date,
        "landing": day_uri(config.landing, config.ingest_date),
        "lake": config.lake,
        "files": len(files),
        "bytes": sum(f.size for f in files),
        "batches": [{"files": len(b), "bytes": sum(f.size for f in b)} for b in batches],
        "replaces_published_inputs": published,  # inputs of the date's published day (0: none), replaced by the run
    }


def plan(config: RunConfig) -> Manifest:
    """Discover the day's files, split them into batches, write the run manifest.

    Returns the manifest (written at ``config.manifest_uri``).

    Raises:
        LandingError: the day's landing folder is missing or unreadable, or it is empty while
            the date has a published day with inputs (unless ``allow_empty``).
    """
    started = time.monotonic()
    files, batches = _batches(config)
    with store.publish_lock(config.lake):
        restored = store.recover(config.lake)
        # a retried task starts from a clean staging area; runs of the date that died left theirs
        store.remove(store.day_staging_uri(config.lake, config.ingest_date))
    warnings = [f"rolled back an interrupted publish: {', '.join(restored)}"] if restored else []
    warnings += [
        f"ignored {name} in the lake: not a partition folder (ingest_date=YYYY-MM-DD), never read as data"
        for name in store.ignored_partitions(config.lake)
    ]
    if not files:
        warnings.append(_empty_landing(config))
    for warning in warnings:
        log.warning("%s: %s", config.ingest_date, warning)
    manifest = Manifest(
        run_id=config.run_id,
        ingest_date=config.ingest_date,
        landing=config.landing,
        lake=config.lake,
        staging=Staging.of(config.lake, config.ingest_date, config.run_id).root,
        manifest_uri=config.manifest_uri,
        started_at=dt.datetime.now(dt.UTC).isoformat(),
        limits=config.limits,
        files_seen=len(files),
        bytes_seen=sum(f.size for f in files),
        batches=batches,
        restored_partitions=restored,
        lake_warnings=warnings,
        seconds_discover=round(time.monotonic() - started, 3),
    )
    manifest.write()
    log.info(
        "plan %s: %d files (%d bytes) in %d batches",
        config.ingest_date,
        manifest.files_seen,
        manifest.bytes_seen,
        len(batches),
    )
    return manifest


def _empty_landing(config: RunConfig) -> str:
    """The warning of a run whose landing folder holds no file.

    Raises:
        LandingError: the date has a published day with inputs and the emptying is not
            declared intended (``allow_empty``, ``--allow-empty``): a folder emptied by a
            retention job must not silently replace a published day with an empty one.
    """
    day = config.ingest_date
    inputs = store.published_rows(config.lake, "sources", day)
    if not inputs:
        return f"the landing folder for {day} is empty: an empty day is published"
    if not (config.allow_empty or config.allow_missing_landing):
        raise LandingError(
            f"the landing folder for {day} is empty, but {day} has a published day of {inputs} inputs: nothing published "
            "(pass --allow-empty, or set KHABAR_ALLOW_EMPTY=1, if the emptying is intended)"
        )
    return f"the landing folder for {day} is empty: this run replaces a published day of {inputs} inputs with an empty day (allowed)"


def load_manifest(manifest_uri: str) -> Manifest:
    return Manifest.load(manifest_uri)


# --- 2. process -----------------------------------------------------------------------


class _BatchOutput:
    """A batch's rows on their way to its staged table files: held in memory, written as a
    row group every :data:`FLUSH_INPUTS` inputs, so memory stays bounded whatever the batch."""

    def __init__(self, staging: Staging, batch_index: int) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {table: [] for table in DATA_TABLES}
        self.writers = {
            table: store.TableWriter(staging.batch_file(table, batch_index), TABLES[table])
            for table in DATA_TABLES
        }

    def add(self, table_rows: dict[str, list[dict[str, Any]]]) -> None:
        for table, new in table_rows.items():
            self.rows[table].extend(new)

    def make_room(self) -> None:
        """Write the rows held once :data:`FLUSH_INPUTS` inputs (articles and quarantined
        inputs alike) are waiting."""
        if len(self.rows["sources"]) >= FLUSH_INPUTS:
            self.flush()

    def flush(self) -> None:
        for table in DATA_TABLES:
            self.writers[table].write(to_table(table, self.rows[table]))
            self.rows[table].clear()

    def close(self) -> None:
        self.flush()
        for writer in self.writers.values():
            writer.close()

    def abandon(self) -> None:
        """Release the files after a failure; a retry of the batch rewrites them."""
        for writer in self.writers.values():
            with contextlib.suppress(Exception):
                writer.close()


class _Batch:
    """One batch at work: the article ids it has seen (the first copy wins), its counts, and
    the MemoryErrors it has survived."""

    def __init__(self, manifest: Manifest, batch_index: int) -> None:
        self.manifest = manifest
        self.ingest_date = dt.date.fromisoformat(manifest.ingest_date)
        self.output = _BatchOutput(manifest.area, batch_index)
        self.seen: set[str] = set()
        self.memory_errors = 0
        self.counts = BatchCounts(
            batch_index=batch_index,
            files=0,
            records=0,
            articles=0,
            duplicates=0,
            quarantined=0,
            bytes=0,
            seconds=0.0,
        )

    def take(self, record: RawRecord) -> None:
        """Extract one input and add its rows: an article, a duplicate or a quarantined input."""
        self.output.make_room()
        self.counts["records"] += 1
        source = rows.source_row(record, self.manifest.run_id)
        try:
            extraction, source["encoding"] = extract_record(record, self.ingest_date)
            produced = None if extraction.article_id in self.seen else article_rows(extraction, record)
            if produced is not None:
                rows.check_writable(produced)
        except InputRejected as rejected:
            reason, detail = rejected.reason, rejected.detail
        except MemoryError as exc:  # one huge input, or the machine: see MAX_MEMORY_ERRORS
            self.memory_errors += 1
            if self.memory_errors > MAX_MEMORY_ERRORS:
                raise
            log.exception("out of memory on %s#%d", record.source_uri, record.record_index)
            reason, detail = QuarantineReason.EXTRACTION_ERROR, f"MemoryError: {exc}"
        except Exception as exc:  # the dead-letter boundary: keep the input, report the bug
            log.exception("extraction failed on %s#%d", record.source_uri, record.record_index)
            reason, detail = QuarantineReason.EXTRACTION_ERROR, f"{type(exc).__name__}: {exc}"
        else:
            self._extracted(source, extraction.article_id, produced)
            return
        self._quarantined(source, record, reason, detail)

    def _extracted(self, source: dict[str, Any], article_id: str, produced: dict[str, list] | None) -> None:
        """An article (its rows), or a copy of one this batch already has (``produced`` None)."""
        source["article_id"] = article_id
        if produced is None:
            source["outcome"] = "duplicate"
            self.counts["duplicates"] += 1
            produced = {}
        else:
            self.seen.add(article_id)
            source["outcome"] = "article"
            self.counts["articles"] += 1
        self.output.add({**produced, "sources": [source]})

    def _quarantined(
        self, source: dict[str, Any], record: RawRecord, reason: QuarantineReason, detail: str
    ) -> None:
        """An input that cannot become an article: its reason, and its original bytes kept."""
        self.counts["quarantined"] += 1
        source["reason"] = reason.value
        stored = store.keep_original(self.manifest.lake, record)
        quarantined = rows.quarantine_row(source, record, reason, detail, stored)
        self.output.add({"sources": [source], "quarantine": [quarantined]})


def process_batch(manifest_uri: str, batch_index: int) -> BatchCounts:
    """Process one batch of files into staged table files; returns its counts.

    Within the batch the first copy of an article wins and later copies become
    ``duplicate`` sources; across batches and against the lake, :func:`consolidate`
    decides. A record that fails is quarantined with its reason, never dropped; an
    unexpected error in extraction (``RecursionError`` and a ``MemoryError`` included, up to
    :data:`MAX_MEMORY_ERRORS` of those) or a row that could not be written (text UTF-8 cannot
    encode) is quarantined as ``extraction_error`` with the exception, so one bad input
    cannot stop a backfill.
    """
    started = time.monotonic()
    manifest = load_manifest(manifest_uri)
    batch = _Batch(manifest, batch_index)
    counts = batch.counts
    try:
        for file in manifest.batches[batch_index]:
            counts["files"] += 1
            counts["bytes"] += file.size
            for record in read_records(file, manifest.limits):
                batch.take(record)
        batch.output.close()
    except BaseException:
        batch.output.abandon()
        raise
    counts["seconds"] = round(time.monotonic() - started, 3)
    write_json(manifest.area.batch_counts(batch_index), counts)
    store.fault_point("batch", batch_index + 1)
    log.info(
        "batch %d/%d: %d files, %d inputs -> %d articles, %d duplicates, %d quarantined (%.1f s)",
        batch_index + 1, len(manifest.batches), counts["files"], counts["records"], counts["articles"],
        counts["duplicates"], counts["quarantined"], counts["seconds"],
    )  # fmt: skip
    return counts


# --- 3. consolidate -------------------------------------------------------------------


def _stories(manifest: Manifest, losers: list[set[str]]) -> stories.StoryAssignment:
    """The story of every article the day keeps, by position in (batch, row) order: copies
    of one story (near-duplicate bodies, :mod:`khabar.lake.stories`) share the id, within the day
    and with articles published within :data:`khabar.lake.store.STORY_WINDOW_DAYS` days of it."""
    known = store.published_stories(manifest.lake, manifest.ingest_date)
    day = (
        sig
        for b in range(len(manifest.batches))
        for part in store.iter_chunks(
            manifest.area.batch_file("articles", b), "articles", ["article_id", "story_minhash"]
        )
        for article_id, sig in zip(
            part.column("article_id").to_pylist(), part.column("story_minhash").to_pylist(), strict=True
        )
        if article_id not in losers[b]
    )
    return stories.assign_positions(day, known)


def consolidate(manifest_uri: str) -> DayCounts:
    """Resolve duplicates across batches and against the lake; write the day's final tables.

    The first copy of an article in (batch, file, record) order wins; a copy of an
    article already published on another date is a ``duplicate`` naming it. Checks
    conservation: inputs = articles + duplicates + quarantined.
    """
    started = time.monotonic()
    manifest = load_manifest(manifest_uri)
    area, run_id = manifest.area, manifest.run_id
    n_batches = len(manifest.batches)
    batch_ids = [
        [
            i
            for part in store.iter_chunks(area.batch_file("articles", b), "articles", ["article_id"])
            for i in part.column("article_id").to_pylist()
        ]
        for b in range(n_batches)
    ]
    day_ids = pa.array(sorted({i for ids in batch_ids for i in ids}), pa.string())
    published = store.published_among(manifest.lake, manifest.ingest_date, day_ids)
    seen: set[str] = set()
    losers: list[set[str]] = []
    for ids in batch_ids:
        batch_losers = {i for i in ids if i in published or i in seen}
        seen.update(ids)
        losers.append(batch_losers)
    story_of = _stories(manifest, losers)
    counts: dict[str, int] = {}
    for table in DATA_TABLES:
        writer = store.TableWriter(area.final_file(table, run_id), TABLES[table])
        for b in range(n_batches):
            lost = pa.array(sorted(losers[b]), pa.string())
            for part in store.iter_chunks(area.batch_file(table, b), table):
                if losers[b] and table in ("articles", "mentions", "events", "comments"):
                    part = part.filter(pc.invert(pc.is_in(part.column("article_id"), lost)))
                elif losers[b] and table == "sources":
                    demoted = pc.and_(
                        pc.equal(part.column("outcome"), "article"), pc.is_in(part.column("article_id"), lost)
                    )
                    part = part.set_column(
                        part.schema.get_field_index("outcome"),
                        TABLES["sources"].field("outcome"),
                        pc.if_else(demoted, "duplicate", part.column("outcome")),
                    )
                if table == "articles":
                    story_ids = story_of.story_ids(
                        part.column("article_id").to_pylist()
                    )  # same order as _stories read them
                    part = part.set_column(
                        part.schema.get_field_index("story_id"),
                        TABLES["articles"].field("story_id"),
                        pa.array(story_ids, pa.string()),
                    )
                writer.write(part)
        writer.close()
        counts[table] = writer.rows
        if table == "articles" and story_of.named != len(story_of):
            raise KhabarError(
                f"story assignment covers {len(story_of)} articles, the day keeps {story_of.named}"
            )
    outcomes = dict.fromkeys(("article", "duplicate", "quarantined"), 0)
    for uri in store.list_files(area.final_dir("sources")):
        for part in store.iter_chunks(uri, "sources", ["outcome"]):
            for value, count in zip(*pc.value_counts(part.column("outcome")).flatten(), strict=True):
                outcomes[value.as_py()] += count.as_py()
    summary: DayCounts = {
        "files_seen": manifest.files_seen,
        "bytes_read": manifest.bytes_seen,
        "records_seen": counts["sources"],
        "articles": counts["articles"],
        "duplicates": outcomes["duplicate"],
        "quarantined": outcomes["quarantined"],
        "mentions": counts["mentions"],
        "events": counts["events"],
        "comments": counts["comments"],
    }
    if (
        outcomes["article"] != counts["articles"]
        or counts["sources"] != sum(outcomes.values())
        or outcomes["quarantined"] != counts["quarantine"]
    ):
        raise KhabarError(f"conservation check failed: outcomes {outcomes} vs tables {counts}")
    stats = [read_json(area.batch_counts(b)) for b in range(n_batches)]
    summary["seconds_process"] = round(sum(s["seconds"] for s in stats), 3)
    summary["seconds_consolidate"] = round(time.monotonic() - started, 3)
    write_json(area.day_counts, summary)
    log.info(
        "consolidated %s: %d inputs -> %d articles, %d duplicates, %d quarantined; %d mentions, %d events, %d comments",
        manifest.ingest_date, summary["records_seen"], summary["articles"], summary["duplicates"], summary["quarantined"],
        summary["mentions"], summary["events"], summary["comments"],
    )  # fmt: skip
    return summary


# --- 4. validate ----------------------------------------------------------------------


def validate(manifest_uri: str) -> ValidationReport:
    """Run the Great Expectations suites over the day's final tables (see :mod:`khabar.lake.quality`)."""
    from khabar.lake import quality  # GX imports in seconds: only where validation runs

    started = time.monotonic()
    manifest = load_manifest(manifest_uri)
    tables = {t: store.list_files(manifest.area.final_dir(t)) for t in DATA_TABLES}  # read in chunks
    counts = cast(DayCounts, read_json(manifest.area.day_counts))
    report = quality.validate_day(
        tables,
        ingest_date=manifest.ingest_date,
        run_id=manifest.run_id,
        docs_uri=store.quality_uri(manifest.lake),
        counts=counts,
    )
    report["seconds_validate"] = round(time.monotonic() - started, 3)
    write_json(manifest.area.validation, report)
    log.info(
        "validation %s: %s (%d critical failures, %d warnings, %.1f s)",
        manifest.ingest_date, "passed" if report["success"] else "FAILED", report["critical_failures"], report["warnings"], report["seconds_validate"],
    )  # fmt: skip
    return report


# --- 5. publish -----------------------------------------------------------------------


def _versions() -> dict[str, str]:
    versions = {"khabar": __version__, "extractor": EXTRACTOR_VERSION}
    for dist in ("hazm", "pyarrow", "duckdb", "great_expectations", "apache-airflow"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return versions


def _record_run(
    manifest: Manifest,
    counts: DayCounts,
    report: ValidationReport,
    status: str,
    seconds_publish: float,
    error: str | None,
) -> dict[str, Any]:
    row = {
        "run_id": manifest.run_id,
        "status": status,
        "started_at": dt.datetime.fromisoformat(manifest.started_at),
        "finished_at": dt.datetime.now(dt.UTC),
        **{
            k: counts.get(k, 0)
            for k in (
                "files_seen",
                "records_seen",
                "articles",
                "duplicates",
                "quarantined",
                "mentions",
                "events",
                "comments",
                "bytes_read",
            )
        },
        "validation_success": bool(report.get("success", False)),
        "critical_failures": int(report.get("critical_failures", 0)),
        # the lake's own warnings (ignored folders, an empty landing) beside the failed expectations
        "warnings": int(report.get("warnings", 0)) + len(manifest.lake_warnings),
        "validation_detail": json.dumps(
            report.get("failed", [])
            + [{"frame": "lake", "expectation": w, "severity": "warning"} for w in manifest.lake_warnings],
            ensure_ascii=False,
        ),
        "seconds_discover": manifest.seconds_discover,
        "seconds_process": counts.get("seconds_process"),
        "seconds_validate": report.get("seconds_validate"),
        "seconds_publish": seconds_publish,
        "versions": json.dumps(_versions()),
        "error": error,
    }
    uri = join(
        store.partition_uri(manifest.lake, "runs", manifest.ingest_date),
        f"run-{manifest.run_id}.parquet",
    )
    store.write_table(uri, to_table("runs", [row]))
    return row


def publish(manifest_uri: str) -> dict[str, Any]:
    """Swap the day's partitions in when validation passed; record the run either way.

    Raises:
        QualityError: a critical expectation failed; nothing was published.
    """
    started = time.monotonic()
    manifest = load_manifest(manifest_uri)
    area = manifest.area
    counts = cast(DayCounts, read_json(area.day_counts))
    report = cast("ValidationReport", read_json(area.validation))
    if not report["success"]:
        reason = (
            f"{report['critical_failures']} critical expectation(s) failed: "
            + "; ".join(f["expectation"] for f in report["failed"] if f["severity"] == "critical")[:500]
        )
        _record_run(manifest, counts, report, "failed", 0.0, reason)
        store.remove(area.root)
        raise QualityError(f"{manifest.ingest_date}: nothing published, {reason}")
    with store.publish_lock(manifest.lake):
        missing = [t for t in DATA_TABLES if not store.exists(area.final_dir(t))]
        if missing:  # another run of this date cleared our staging area: publish nothing
            raise KhabarError(
                f"{manifest.ingest_date}: staging of run {manifest.run_id} is gone ({', '.join(missing)}); another run of this date started"
            )
        partitions = store.publish_day(
            manifest.lake,
            manifest.ingest_date,
            {t: area.final_dir(t) for t in DATA_TABLES},
            manifest.run_id,
        )
    seconds = round(time.monotonic() - started, 3)
    row = _record_run(manifest, counts, report, "published", seconds, None)
    store.remove(area.root)
    log.info(
        "published %s: %d partitions under %s (run %s)",
        manifest.ingest_date,
        len(partitions),
        manifest.lake,
        manifest.run_id,
    )
    return {
        "ingest_date": manifest.ingest_date,
        "run_id": manifest.run_id,
        "partitions": partitions,
        **counts,
        "validation": _summary_of(report),
        "lake_warnings": manifest.lake_warnings,
        "seconds_publish": row["seconds_publish"],
    }


def _summary_of(report: ValidationReport) -> dict[str, Any]:
    return {
        k: report[k]
        for k in ("success", "critical_failures", "warnings", "expectations", "seconds_validate", "docs")
        if k in report
    }


# --- all in one process ---------------------------------------------------------------


def run_day(config: RunConfig, *, workers: int = 1, progress: Progress | None = None) -> dict[str, Any]:
    """The whole pipeline for one date, in this process (batches over ``workers`` processes);
    ``progress`` hears of each stage and batch (:mod:`khabar.core.progress`).

    Raises:
        LandingError: the landing zone cannot be read.
        QualityError: a critical expectation failed; nothing was published.
    """
    progress = progress or Silent()
    progress.stage("plan")
    manifest = plan(config)
    uri = manifest.manifest_uri
    n = len(manifest.batches)
    progress.stage("extract (batches)", n)
    if workers > 1 and n > 1:
        with ProcessPoolExecutor(max_workers=min(workers, n)) as pool:
            for _ in pool.map(process_batch, [uri] * n, range(n)):
                progress.advance()
    else:
        for b in range(n):
            process_batch(uri, b)
            progress.advance()
    progress.stage("consolidate")
    consolidate(uri)
    progress.stage("validate")
    validate(uri)
    progress.stage("publish")
    return publish(uri)
