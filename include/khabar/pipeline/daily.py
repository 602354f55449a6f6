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
import os
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from importlib import metadata
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from khabar import EXTRACTOR_VERSION, __version__
from khabar.core import settings
from khabar.core.errors import (
    InputRejected,
    KhabarError,
    LakeError,
    LandingError,
    QualityError,
    QuarantineReason,
)
from khabar.core.progress import Progress, Silent
from khabar.core.storage import filesystem, join, write_atomic
from khabar.extraction.extract import Extraction, SourceHints, extract_text
from khabar.ingest.sources import (
    TEXT_KEYS,
    InputFile,
    Limits,
    RawRecord,
    day_uri,
    discover,
    read_records,
    shard_jsonl,
    valid_text,
)
from khabar.lake import store, stories
from khabar.lake.schema import DATA_TABLES, TABLES, to_table
from khabar.text.decode import decode_bytes

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
        return join(store.staging_uri(self.lake, self.ingest_date, self.run_id), "manifest.json")

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


# --- 1. plan --------------------------------------------------------------------------


def _batches(config: RunConfig) -> tuple[list[InputFile], list[list[dict[str, Any]]]]:
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
    batches: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    size = 0
    for file in (shard for f in files for shard in shard_jsonl(f, batch_bytes)):
        if current and (len(current) >= config.batch_files or size + file.size > batch_bytes):
            batches.append(current)
            current, size = [], 0
        current.append(asdict(file))
        size += file.size
    if current:
        batches.append(current)
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
        "batches": [{"files": len(b), "bytes": sum(f["size"] for f in b)} for b in batches],
        "replaces_published_inputs": published,  # inputs of the date's published day (0: none), replaced by the run
    }


def plan(config: RunConfig) -> dict[str, Any]:
    """Discover the day's files, split them into batches, write the run manifest.

    Returns the manifest (its own URI under ``manifest_uri``).

    Raises:
        LandingError: the day's landing folder is missing or unreadable, or it is empty while
            the date has a published day with inputs (unless ``allow_empty``).
    """
    started = time.monotonic()
    files, batches = _batches(config)
    total = sum(f.size for f in files)
    staging = store.staging_uri(config.lake, config.ingest_date, config.run_id)
    with store.publish_lock(config.lake):
        restored = store.recover(config.lake)
        # a retried task starts from a clean staging area; runs of the date that died left theirs
        store.remove(join(config.lake, "_staging", f"ingest_date={config.ingest_date}"))
    warnings = [f"rolled back an interrupted publish: {', '.join(restored)}"] if restored else []
    warnings += [
        f"ignored {name} in the lake: not a partition folder (ingest_date=YYYY-MM-DD), never read as data"
        for name in store.ignored_partitions(config.lake)
    ]
    if not files:
        warnings.append(_empty_landing(config))
    for warning in warnings:
        log.warning("%s: %s", config.ingest_date, warning)
    manifest = {
        "run_id": config.run_id,
        "ingest_date": config.ingest_date,
        "landing": config.landing,
        "lake": config.lake,
        "staging": staging,
        "manifest_uri": config.manifest_uri,
        "started_at": dt.datetime.now(dt.UTC).isoformat(),
        "limits": asdict(config.limits),
        "files_seen": len(files),
        "bytes_seen": total,
        "batches": batches,
        "restored_partitions": restored,
        "lake_warnings": warnings,
        "seconds_discover": round(time.monotonic() - started, 3),
    }
    write_json(manifest["manifest_uri"], manifest)
    log.info(
        "plan %s: %d files (%d bytes) in %d batches",
        config.ingest_date,
        len(files),
        manifest["bytes_seen"],
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


def load_manifest(manifest_uri: str) -> dict[str, Any]:
    return read_json(manifest_uri)


# --- 2. process -----------------------------------------------------------------------


def _hints(fields: dict[str, Any]) -> tuple[str | None, SourceHints]:
    def text(*keys: str) -> str | None:
        for key in keys:
            value = fields.get(key)
            if isinstance(value, str) and value.strip():
                return value
        return None

    return text(*TEXT_KEYS), SourceHints(
        title=text("title", "headline"),
        lead=text("lead", "abstract", "summary", "lede"),
        kicker=text("kicker", "subtitle", "rotitr", "surtitle"),
        url=text("url", "link"),
        date=text("date", "published", "published_at", "pubDate", "datePublished"),
        agency=text("agency", "source", "site", "publisher"),
    )


def extract_record(record: RawRecord, ingest_date: dt.date | None) -> tuple[Extraction, str]:
    """Decode and extract one input; returns the extraction and the encoding used.

    Raises:
        InputRejected: the input cannot become an article.
    """
    if record.rejection:
        raise record.rejection
    if record.kind == "json":
        assert record.fields is not None
        body, hints = _hints(record.fields)
        if body is None:
            raise InputRejected(
                QuarantineReason.NO_TEXT, f"JSON record has none of the text keys {', '.join(TEXT_KEYS)}"
            )
        return extract_text(body, record.source_uri, hints=hints, ingest_date=ingest_date), "utf-8"
    assert record.data is not None
    decoded = decode_bytes(record.data)
    hints = SourceHints(html=record.kind == "html")
    return extract_text(
        decoded.text, record.source_uri, hints=hints, ingest_date=ingest_date
    ), decoded.encoding


def article_rows(ex: Extraction, record: RawRecord) -> dict[str, list[dict[str, Any]]]:
    """The rows one extraction contributes to articles, mentions, events and comments."""
    published = ex.published
    article = {
        "article_id": ex.article_id,
        "source_uri": record.source_uri,
        "record_index": record.record_index,
        "source_sha256": record.sha256,
        "lang": ex.lang,
        "ict": ex.ict,
        "agency": ex.agency.key if ex.agency else None,
        "agency_name": ex.agency.name if ex.agency else None,
        "news_code": ex.news_code,
        "published_date": published.date if published else None,
        "published_time": published.time if published else None,
        "published_calendar": published.calendar if published else None,
        "published_raw": published.raw if published else None,
        "kicker": ex.kicker,
        "title": ex.title,
        "lead": ex.lead,
        "body": ex.body,
        "word_count": ex.word_count,
        "countries": list(ex.country_counts),
        "topics": [t.key for t in ex.topics],
        "event_types": list(dict.fromkeys(e.event_type for e in ex.events)),
        "organizations": list(dict.fromkeys(o.key for o in ex.organizations)),
        "quantities": [{"value": q.value, "unit": q.unit, "surface": q.surface} for q in ex.quantities],
        "comment_count": len(ex.comments),
        "duplicate_of": None,
        "story_id": None,  # assigned by consolidate, which sees the whole day and the lake
        "story_minhash": stories.signature(ex.body),
        "extractor_version": ex.extractor_version,
    }
    mentions = [{"article_id": ex.article_id, **m} for m in ex.mentions]
    events = [
        {
            "article_id": ex.article_id,
            "event_index": i,
            "event_type": e.event_type,
            "countries": list(e.countries),
            "persons": [p.name for p in ex.persons if any(e.start <= s < e.end for s, _ in p.spans)],
            "topics": list(e.topics),
            "evidence": e.evidence,
            "start": e.start,
            "end": e.end,
        }
        for i, e in enumerate(ex.events)
    ]
    comments = [
        {
            "article_id": ex.article_id,
            "comment_index": i,
            "author": c.author,
            "posted_at": c.posted_at,
            "posted_date": dt.date.fromisoformat(c.posted_at[:10]) if c.posted_at else None,
            "text": c.text,
        }
        for i, c in enumerate(ex.comments)
    ]
    return {"articles": [article], "mentions": mentions, "events": events, "comments": comments}


def _store_quarantined(lake_uri: str, record: RawRecord) -> str:
    """Keep the original bytes, content-addressed (idempotent); returns the copy's URI."""
    target = store.quarantine_copy_uri(lake_uri, record.sha256)
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


def _check_writable(rows: dict[str, list[dict[str, Any]]]) -> None:
    """Raise when a row holds text UTF-8 cannot encode (a lone surrogate), so that the input
    is quarantined by the per-record boundary instead of failing the batch when it is written.

    Raises:
        InputRejected: ``extraction_error``, naming the table and column.
    """
    for table, table_rows in rows.items():
        for row in table_rows:
            for column, value in row.items():
                for text in value if isinstance(value, list) else (value,):
                    if isinstance(text, dict):
                        text = " ".join(v for v in text.values() if isinstance(v, str))
                    if isinstance(text, str):
                        try:
                            text.encode("utf-8")
                        except UnicodeEncodeError as exc:
                            detail = f"row cannot be written: {table}.{column} holds text UTF-8 cannot encode ({exc.reason} at {exc.start})"
                            raise InputRejected(QuarantineReason.EXTRACTION_ERROR, detail) from exc


def batch_file(staging: str, table: str, batch_index: int) -> str:
    return join(staging, "batches", table, f"batch-{batch_index:05d}.parquet")


def process_batch(manifest_uri: str, batch_index: int) -> dict[str, Any]:
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
    ingest_date = dt.date.fromisoformat(manifest["ingest_date"])
    limits = Limits(**manifest["limits"])
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in DATA_TABLES}
    writers = {
        table: store.TableWriter(batch_file(manifest["staging"], table, batch_index), TABLES[table])
        for table in DATA_TABLES
    }

    def flush() -> None:
        for table in DATA_TABLES:
            writers[table].write(to_table(table, rows[table]))
            rows[table].clear()

    seen: set[str] = set()
    memory_errors = 0
    counts = {
        "batch_index": batch_index,
        "files": 0,
        "records": 0,
        "articles": 0,
        "duplicates": 0,
        "quarantined": 0,
        "bytes": 0,
    }
    try:
        for entry in manifest["batches"][batch_index]:
            file = InputFile(**entry)
            counts["files"] += 1
            counts["bytes"] += file.size
            for record in read_records(file, limits):
                if len(rows["sources"]) >= FLUSH_INPUTS:  # articles and quarantined inputs alike
                    flush()
                counts["records"] += 1
                source = {
                    "source_uri": valid_text(record.source_uri), "record_index": record.record_index, "source_sha256": record.sha256,
                    "size_bytes": record.size, "encoding": None, "outcome": "quarantined", "article_id": None,
                    "reason": None, "run_id": manifest["run_id"],
                }  # fmt: skip
                try:
                    extraction, source["encoding"] = extract_record(record, ingest_date)
                    produced = None if extraction.article_id in seen else article_rows(extraction, record)
                    if produced is not None:
                        _check_writable(produced)
                except InputRejected as rejected:
                    reason, detail = rejected.reason, rejected.detail
                except MemoryError as exc:  # one huge input, or the machine: see MAX_MEMORY_ERRORS
                    memory_errors += 1
                    if memory_errors > MAX_MEMORY_ERRORS:
                        raise
                    log.exception("out of memory on %s#%d", record.source_uri, record.record_index)
                    reason, detail = QuarantineReason.EXTRACTION_ERROR, f"MemoryError: {exc}"
                except Exception as exc:  # the dead-letter boundary: keep the input, report the bug
                    log.exception("extraction failed on %s#%d", record.source_uri, record.record_index)
                    reason, detail = QuarantineReason.EXTRACTION_ERROR, f"{type(exc).__name__}: {exc}"
                else:
                    source["article_id"] = extraction.article_id
                    if produced is None:
                        source["outcome"] = "duplicate"
                        counts["duplicates"] += 1
                    else:
                        seen.add(extraction.article_id)
                        source["outcome"] = "article"
                        counts["articles"] += 1
                        for table, table_rows in produced.items():
                            rows[table].extend(table_rows)
                    rows["sources"].append(source)
                    continue
                counts["quarantined"] += 1
                source["reason"] = reason.value
                rows["sources"].append(source)
                rows["quarantine"].append(
                    {
                        "source_uri": source["source_uri"],
                        "record_index": record.record_index,
                        "source_sha256": record.sha256,
                        "size_bytes": record.size,
                        "reason": reason.value,
                        "detail": valid_text(detail[:2000]),
                        "stored_copy": _store_quarantined(manifest["lake"], record),
                    }  # fmt: skip
                )
        flush()
    except BaseException:
        for writer in writers.values():  # release the files; a retry rewrites them
            with contextlib.suppress(Exception):
                writer.close()
        raise
    for writer in writers.values():
        writer.close()
    counts["seconds"] = round(time.monotonic() - started, 3)
    write_json(join(manifest["staging"], "batches", "_stats", f"batch-{batch_index:05d}.json"), counts)
    store.fault_point("batch", batch_index + 1)
    log.info(
        "batch %d/%d: %d files, %d inputs -> %d articles, %d duplicates, %d quarantined (%.1f s)",
        batch_index + 1, len(manifest["batches"]), counts["files"], counts["records"], counts["articles"],
        counts["duplicates"], counts["quarantined"], counts["seconds"],
    )  # fmt: skip
    return counts


# --- 3. consolidate -------------------------------------------------------------------


def _stories(manifest: dict[str, Any], losers: list[set[str]]) -> stories.StoryAssignment:
    """The story of every article the day keeps, by position in (batch, row) order: copies
    of one story (near-duplicate bodies, :mod:`khabar.lake.stories`) share the id, within the day
    and with articles published within :data:`khabar.lake.store.STORY_WINDOW_DAYS` days of it."""
    known = store.published_stories(manifest["lake"], manifest["ingest_date"])
    day = (
        sig
        for b in range(len(manifest["batches"]))
        for part in store.iter_chunks(
            batch_file(manifest["staging"], "articles", b), "articles", ["article_id", "story_minhash"]
        )
        for article_id, sig in zip(
            part.column("article_id").to_pylist(), part.column("story_minhash").to_pylist(), strict=True
        )
        if article_id not in losers[b]
    )
    return stories.assign_positions(day, known)


def final_dir(staging: str, table: str) -> str:
    return join(staging, "final", table)


def consolidate(manifest_uri: str) -> dict[str, Any]:
    """Resolve duplicates across batches and against the lake; write the day's final tables.

    The first copy of an article in (batch, file, record) order wins; a copy of an
    article already published on another date is a ``duplicate`` naming it. Checks
    conservation: inputs = articles + duplicates + quarantined.
    """
    started = time.monotonic()
    manifest = load_manifest(manifest_uri)
    staging, run_id = manifest["staging"], manifest["run_id"]
    n_batches = len(manifest["batches"])
    batch_ids = [
        [
            i
            for part in store.iter_chunks(batch_file(staging, "articles", b), "articles", ["article_id"])
            for i in part.column("article_id").to_pylist()
        ]
        for b in range(n_batches)
    ]
    day_ids = pa.array(sorted({i for ids in batch_ids for i in ids}), pa.string())
    published = store.published_among(manifest["lake"], manifest["ingest_date"], day_ids)
    seen: set[str] = set()
    losers: list[set[str]] = []
    for ids in batch_ids:
        batch_losers = {i for i in ids if i in published or i in seen}
        seen.update(ids)
        losers.append(batch_losers)
    story_of = _stories(manifest, losers)
    counts: dict[str, int] = {}
    for table in DATA_TABLES:
        writer = store.TableWriter(join(final_dir(staging, table), f"part-{run_id}.parquet"), TABLES[table])
        for b in range(n_batches):
            lost = pa.array(sorted(losers[b]), pa.string())
            for part in store.iter_chunks(batch_file(staging, table, b), table):
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
    for uri in store.list_files(final_dir(staging, "sources")):
        for part in store.iter_chunks(uri, "sources", ["outcome"]):
            for value, count in zip(*pc.value_counts(part.column("outcome")).flatten(), strict=True):
                outcomes[value.as_py()] += count.as_py()
    summary = {
        "files_seen": manifest["files_seen"],
        "bytes_read": manifest["bytes_seen"],
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
    stats = [read_json(join(staging, "batches", "_stats", f"batch-{b:05d}.json")) for b in range(n_batches)]
    summary["seconds_process"] = round(sum(s["seconds"] for s in stats), 3)
    summary["seconds_consolidate"] = round(time.monotonic() - started, 3)
    write_json(join(staging, "final", "counts.json"), summary)
    log.info(
        "consolidated %s: %d inputs -> %d articles, %d duplicates, %d quarantined; %d mentions, %d events, %d comments",
        manifest["ingest_date"], summary["records_seen"], summary["articles"], summary["duplicates"], summary["quarantined"],
        summary["mentions"], summary["events"], summary["comments"],
    )  # fmt: skip
    return summary


# --- 4. validate ----------------------------------------------------------------------


def validate(manifest_uri: str) -> dict[str, Any]:
    """Run the Great Expectations suites over the day's final tables (see :mod:`khabar.lake.quality`)."""
    from khabar.lake import quality  # GX imports in seconds: only where validation runs

    started = time.monotonic()
    manifest = load_manifest(manifest_uri)
    tables = {t: store.list_files(final_dir(manifest["staging"], t)) for t in DATA_TABLES}  # read in chunks
    counts = read_json(join(manifest["staging"], "final", "counts.json"))
    report = quality.validate_day(
        tables,
        ingest_date=manifest["ingest_date"],
        run_id=manifest["run_id"],
        docs_uri=store.quality_uri(manifest["lake"]),
        counts=counts,
    )
    report["seconds_validate"] = round(time.monotonic() - started, 3)
    write_json(join(manifest["staging"], "final", "validation.json"), report)
    log.info(
        "validation %s: %s (%d critical failures, %d warnings, %.1f s)",
        manifest["ingest_date"], "passed" if report["success"] else "FAILED", report["critical_failures"], report["warnings"], report["seconds_validate"],
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
    manifest: dict[str, Any],
    counts: dict[str, Any],
    report: dict[str, Any],
    status: str,
    seconds_publish: float,
    error: str | None,
) -> dict[str, Any]:
    row = {
        "run_id": manifest["run_id"],
        "status": status,
        "started_at": dt.datetime.fromisoformat(manifest["started_at"]),
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
        "warnings": int(report.get("warnings", 0)) + len(manifest.get("lake_warnings", [])),
        "validation_detail": json.dumps(
            report.get("failed", [])
            + [
                {"frame": "lake", "expectation": w, "severity": "warning"}
                for w in manifest.get("lake_warnings", [])
            ],
            ensure_ascii=False,
        ),
        "seconds_discover": manifest.get("seconds_discover"),
        "seconds_process": counts.get("seconds_process"),
        "seconds_validate": report.get("seconds_validate"),
        "seconds_publish": seconds_publish,
        "versions": json.dumps(_versions()),
        "error": error,
    }
    uri = join(
        store.partition_uri(manifest["lake"], "runs", manifest["ingest_date"]),
        f"run-{manifest['run_id']}.parquet",
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
    staging = manifest["staging"]
    counts = read_json(join(staging, "final", "counts.json"))
    report = read_json(join(staging, "final", "validation.json"))
    if not report["success"]:
        reason = (
            f"{report['critical_failures']} critical expectation(s) failed: "
            + "; ".join(f["expectation"] for f in report["failed"] if f["severity"] == "critical")[:500]
        )
        _record_run(manifest, counts, report, "failed", 0.0, reason)
        store.remove(staging)
        raise QualityError(f"{manifest['ingest_date']}: nothing published, {reason}")
    with store.publish_lock(manifest["lake"]):
        missing = [t for t in DATA_TABLES if not store.exists(final_dir(staging, t))]
        if missing:  # another run of this date cleared our staging area: publish nothing
            raise KhabarError(
                f"{manifest['ingest_date']}: staging of run {manifest['run_id']} is gone ({', '.join(missing)}); another run of this date started"
            )
        partitions = store.publish_day(
            manifest["lake"],
            manifest["ingest_date"],
            {t: final_dir(staging, t) for t in DATA_TABLES},
            manifest["run_id"],
        )
    seconds = round(time.monotonic() - started, 3)
    row = _record_run(manifest, counts, report, "published", seconds, None)
    store.remove(staging)
    log.info(
        "published %s: %d partitions under %s (run %s)",
        manifest["ingest_date"],
        len(partitions),
        manifest["lake"],
        manifest["run_id"],
    )
    return {
        "ingest_date": manifest["ingest_date"],
        "run_id": manifest["run_id"],
        "partitions": partitions,
        **counts,
        "validation": _summary_of(report),
        "lake_warnings": manifest.get("lake_warnings", []),
        "seconds_publish": row["seconds_publish"],
    }


def _summary_of(report: dict[str, Any]) -> dict[str, Any]:
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
    uri = manifest["manifest_uri"]
    n = len(manifest["batches"])
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
