"""Archive backfills: land an archive's articles by date, then run each date through the daily pipeline.

An archive is a ``.zip``, ``.tar.gz``/``.tgz`` or ``.tar`` file, or a folder (or
object-storage prefix) holding any number of them. A backfill runs in five steps,
each a function here and a task of the ``khabar_archive`` DAG:

1. :func:`plan_archive` lists the archives and their members and cuts the members
   into shards (the units of parallel work). It also removes what an earlier run
   of the same archives landed, so that a re-run lands exactly the same files.
2. :func:`unpack_shard` (one per shard) dates each member and copies it into the
   landing zone, as ``LANDING/<date>/archive/<archive key>/<member path>``.
   Members are streamed, never held whole in memory (except to read their
   published date).
3. :func:`plan_days` plans every date the archive touched with
   :func:`khabar.pipeline.daily.plan` (the daily pipeline's batches).
4. :func:`khabar.pipeline.daily.process_batch` runs on every batch of every date.
5. :func:`finish_days` consolidates, validates and publishes the dates in order.

Because the archive is landed first, a date's partitions stay a function of its
landing folder: the daily run of that date and the archive run agree, and re-running
either gives the same rows.

How members are dated (``date_by``):

- ``folder``: the date in the member's path (``2019/03/04/x.txt``,
  ``2019-03-04.json``), else in the archive's own path;
- ``published``: the article's own published date (every record of a JSON or JSON
  Lines member is dated on its own);
- ``fixed``: one date for everything.

An input the chosen method cannot date lands under ``date``, the fallback date.
Members are read by the daily run's own reader (:func:`khabar.ingest.sources.list_members`),
so both agree on a member's name, identity and problems. Every member lands, at a
path of its own: absolute and ``..`` names land inside the archive's folder, and
members whose paths collide (the same name twice, ``a\\b`` beside ``a/b``) are
tagged with their position (``news/x~4.txt``). Links, special files, encrypted
members and members that look like decompression bombs have no content to land,
nor have corrupt members (found when they are copied; a member that fails midway
leaves no file): they are listed as ``skipped`` in the shard's counts and in the
archive report (``members`` = landed + skipped).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import posixpath
import re
import shutil
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import IO, Any, TypedDict, cast

from khabar.core.errors import KhabarError, LandingError, QualityError
from khabar.core.progress import Progress, Silent
from khabar.core.storage import filesystem, join, to_uri
from khabar.ingest import sources
from khabar.ingest.records import extract_record
from khabar.ingest.sources import (
    ARCHIVE_SUFFIXES,
    Limits,
    Member,
    RawRecord,
    cut_by_size,
    file_kind,
    records_from_bytes,
    safe_path,
    valid_text,
)
from khabar.pipeline import daily
from khabar.pipeline.staging import read_json, write_json

log = logging.getLogger(__name__)

DATE_BY = ("folder", "published", "fixed")
#: Landed members go to ``LANDING/<date>/ARCHIVE_DIR/<archive key>/``.
ARCHIVE_DIR = "archive"
DEFAULT_SHARD_MEMBERS = 500
DEFAULT_SHARD_BYTES = 16 * 1024 * 1024

#: A date in a path: 2019-03-04, 2019_03_04, 2019/03/04 or 20190304, not inside a longer number.
_PATH_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_/]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass(frozen=True)
class ArchiveConfig:
    """One backfill: where the archives are, where they land and how their articles are dated."""

    location: str
    landing: str
    lake: str
    date: str  # the fixed date (date_by="fixed"), and the date of inputs that cannot be dated
    date_by: str = "folder"
    run_id: str = field(default_factory=lambda: daily.new_run_id("archive"))
    shard_members: int = DEFAULT_SHARD_MEMBERS
    shard_bytes: int = DEFAULT_SHARD_BYTES
    limits: Limits = field(default_factory=Limits)
    parallelism: int = 1

    def __post_init__(self) -> None:
        if self.date_by not in DATE_BY:
            raise KhabarError(f"date_by must be one of {', '.join(DATE_BY)}, got {self.date_by!r}")
        try:
            dt.date.fromisoformat(self.date)
        except (TypeError, ValueError) as exc:
            raise KhabarError(f"date must be YYYY-MM-DD, got {self.date!r}") from exc
        if self.shard_members < 1 or self.shard_bytes < 1:
            raise KhabarError("shard_members and shard_bytes must be at least 1")

    @property
    def manifest_uri(self) -> str:
        return manifest_uri(self.lake, self.run_id)


def archive_run_uri(lake_uri: str, run_id: str) -> str:
    return join(lake_uri, "_archives", run_id)


def manifest_uri(lake_uri: str, run_id: str) -> str:
    """Where :func:`plan_archive` writes a run's manifest (derivable by every task of the run)."""
    return join(archive_run_uri(lake_uri, run_id), "manifest.json")


class ArchiveEntry(TypedDict):
    """One archive of the run: where it is, its key under the landing folder, its members."""

    uri: str
    #: the hex of the real URI's bytes when the storage spells it otherwise (sources.portable_uri)
    original: str | None
    key: str
    size: int
    members: int
    #: members never extracted (unsafe or too large), each with its problem
    skipped: list[dict[str, Any]]


class Shard(TypedDict):
    """The members of one archive that one ``unpack_shard`` task lands."""

    archive: str
    original: str | None
    key: str
    members: list[dict[str, Any]]


class ArchiveManifest(TypedDict):
    """The plan of one archive run (``LAKE/_archives/<run>/manifest.json``), written by
    :func:`plan_archive` and read by every later step."""

    run_id: str
    manifest_uri: str
    #: the run's ArchiveConfig as JSON (:func:`_config` reads it back)
    config: dict[str, Any]
    archives: list[ArchiveEntry]
    shards: list[Shard]
    #: dates an earlier run of the same archives landed on, to publish again (empty or not)
    stale_dates: list[str]
    started_at: str
    seconds_plan: float


def load_manifest(uri: str) -> ArchiveManifest:
    """The archive run's manifest at ``uri``."""
    return cast(ArchiveManifest, read_json(uri))


def path_date(path: str) -> str | None:
    """The last date written in a path, as YYYY-MM-DD (None if there is none).

    >>> path_date("irna/2019/03/04/101870.txt"), path_date("dataset/2015-07-21.zip"), path_date("x/123.txt")
    ('2019-03-04', '2015-07-21', None)
    """
    for match in reversed(list(_PATH_DATE.finditer(path))):
        try:
            return dt.date(int(match.group(1)), int(match.group(3)), int(match.group(4))).isoformat()
        except ValueError:  # 2019-02-30
            continue
    return None


def archive_key(location: str, archive_uri: str) -> str:
    """A folder name for one archive: its path under ``location``, ``/`` written as ``__``.

    >>> archive_key("s3://b/archives", "s3://b/archives/irna/2019.tar.gz")
    'irna__2019.tar.gz'
    """
    _, root = filesystem(location)
    _, path = filesystem(archive_uri)
    relative = posixpath.relpath(path, root) if path != root else posixpath.basename(path)
    return sources.safe_part(sources.valid_name(relative).replace("/", "__"))


def landed_path(member_name: str) -> str:
    """A member's path inside its archive folder (see :func:`khabar.ingest.sources.safe_path`).

    >>> landed_path("../../etc/passwd"), landed_path("/abs/._x.txt"), landed_path("a\\\\b.txt")
    ('etc/passwd', 'abs/%2E_x.txt', 'a/b.txt')
    """
    return safe_path(member_name)


def glob_escape(text: str) -> str:
    """``text`` matched literally by a glob pattern (an archive named ``news[2019].zip``
    must not match ``news2.zip``, whose landed files the re-landing clean-up would delete).

    >>> glob_escape("a[1]*?.zip")
    'a[[]1[]][*][?].zip'
    """
    return "".join(f"[{ch}]" if ch in "[]*?" else ch for ch in text)


def find_archives(location: str) -> list[tuple[str, int]]:
    """``(uri, size)`` of the archive at ``location`` or of every archive under it, sorted.

    Raises:
        LandingError: nothing at ``location``, or no archive under it.
    """
    fs, path = filesystem(location)
    try:
        if fs.isfile(path):
            if not path.lower().endswith(ARCHIVE_SUFFIXES):
                raise LandingError(f"not an archive (.zip, .tar.gz, .tgz, .tar): {location}")
            return [(to_uri(fs, path), int(fs.size(path)))]
        if not fs.isdir(path):
            raise LandingError(f"no archive or folder at {location}")
        found = fs.find(path, detail=True)
    except (OSError, PermissionError) as exc:
        raise LandingError(f"cannot list {location}: {exc}") from exc
    archives = [
        (to_uri(fs, p), int(info.get("size") or 0))
        for p, info in sorted(found.items())
        if p.lower().endswith(ARCHIVE_SUFFIXES)
    ]
    if not archives:
        raise LandingError(f"no .zip, .tar.gz, .tgz or .tar archive under {location}")
    return archives


def list_members(uri: str, limits: Limits) -> list[Member]:
    """The archive's members, in archive order, as the daily run reads them
    (:func:`khabar.ingest.sources.list_members`; a tar is read once, as a stream).

    Raises:
        LandingError: the archive cannot be read.
    """
    fs, path = filesystem(uri)
    try:
        with fs.open(path, "rb") as stream:
            return sources.list_members(stream, path, limits)
    except sources.ARCHIVE_ERRORS as exc:
        raise LandingError(f"cannot read archive {valid_text(uri)}: {valid_text(str(exc))}") from exc


def _open_members(uri: str, members: list[Member]) -> Iterator[tuple[Member, IO[bytes]]]:
    """Each member without a problem with a stream of its bytes, in archive order."""
    fs, path = filesystem(uri)
    with fs.open(path, "rb") as stream:
        yield from sources.open_members(stream, path, members)


# --- 1. plan ---------------------------------------------------------------------------


def plan_archive(config: ArchiveConfig) -> ArchiveManifest:
    """List the archives and their members, cut shards, remove an earlier run's landings.

    Returns the archive manifest (written to ``LAKE/_archives/<run>/manifest.json``).

    Raises:
        LandingError: no archive at the location, or one cannot be read.
    """
    started = time.monotonic()
    archives: list[ArchiveEntry] = []
    shards: list[Shard] = []
    stale_dates: set[str] = set()
    landing_fs, landing_root = filesystem(config.landing)
    for uri, size in find_archives(config.location):
        key = archive_key(config.location, uri)
        members = list_members(uri, config.limits)
        # what an earlier run landed from this archive (under any date) is replaced, not added to
        for old in landing_fs.glob(
            posixpath.join(glob_escape(landing_root), "*", ARCHIVE_DIR, glob_escape(key))
        ):
            stale_dates.add(posixpath.basename(posixpath.dirname(posixpath.dirname(old))))
            landing_fs.rm(old, recursive=True)
        shown, original = sources.portable_uri(uri)
        archives.append(
            {
                "uri": shown,
                "original": original,
                "key": key,
                "size": size,
                "members": len(members),
                "skipped": [asdict(m) for m in members if m.problem],
            }
        )
        shards += [
            {"archive": shown, "original": original, "key": key, "members": [asdict(m) for m in shard]}
            for shard in _shards(members, config)
        ]
    manifest: ArchiveManifest = {
        "run_id": config.run_id,
        "manifest_uri": config.manifest_uri,
        "config": {**asdict(config), "limits": asdict(config.limits)},
        "archives": archives,
        "shards": shards,
        "stale_dates": sorted(d for d in stale_dates if _is_date(d)),
        "started_at": dt.datetime.now(dt.UTC).isoformat(),
        "seconds_plan": round(time.monotonic() - started, 3),
    }
    write_json(config.manifest_uri, manifest)
    log.info(
        "archive plan: %d archive(s), %d members in %d shards (%d skipped); %d date(s) of an earlier run to replace",
        len(archives), sum(a["members"] for a in archives), len(shards), sum(len(a["skipped"]) for a in archives), len(manifest["stale_dates"]),
    )  # fmt: skip
    return manifest


def _shards(members: list[Member], config: ArchiveConfig) -> list[list[Member]]:
    """An archive's members cut into shards of at most ``shard_members`` members and
    ``shard_bytes`` bytes (one member larger than that is a shard of its own)."""
    return cut_by_size(members, config.shard_members, config.shard_bytes)


def dry_run(config: ArchiveConfig) -> dict[str, Any]:
    """What :func:`run_archive` would do, writing nothing: the archives, their members and
    shards, and (dated by folder or fixed) how many members land on each date; dated by their
    published date, the dates are known only once the members are read.

    Raises:
        LandingError: no archive at the location, or one cannot be read.
    """
    archives, shards, dates = [], 0, Counter()
    for uri, size in find_archives(config.location):
        members = list_members(uri, config.limits)
        readable = [m for m in members if not m.problem]
        shards += len(_shards(members, config))
        shown = sources.portable_uri(uri)[0]
        archives.append(
            {"uri": shown, "bytes": size, "members": len(members), "skipped": len(members) - len(readable)}
        )
        for member in readable:
            if config.date_by == "fixed":
                dates[config.date] += 1
            elif (
                config.date_by == "folder"
            ):  # as unpack_shard dates them: the member's path, else the archive's name
                dates[path_date(member.name) or path_date(shown) or config.date] += 1
    return {
        "dry_run": True,
        "location": config.location,
        "date_by": config.date_by,
        "archives": archives,
        "members": sum(a["members"] for a in archives),
        "shards": shards,
        "members_by_date": dict(sorted(dates.items()))
        if config.date_by != "published"
        else "decided when the members are read (--date-by published)",
        "landing": config.landing,
        "lake": config.lake,
    }


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _config(manifest: ArchiveManifest) -> ArchiveConfig:
    raw = dict(manifest["config"])
    return ArchiveConfig(**{**raw, "limits": Limits(**raw["limits"])})


# --- 2. unpack -------------------------------------------------------------------------


def _published_date(record: RawRecord, today: dt.date) -> str | None:
    try:
        extraction, _ = extract_record(record, today)
    except Exception:  # noqa: BLE001 - an input that fails here is dated by the fallback; the daily run quarantines it
        return None
    return extraction.published.date.isoformat() if extraction.published else None


def _date_records(member: Member, member_uri: str, data: bytes, config: ArchiveConfig) -> dict[str, bytes]:
    """``{date: bytes to land}`` for one member, by each record's published date. A JSON or
    JSON Lines member whose records fall on several dates is split into one JSON Lines file per date."""
    today = dt.datetime.now(dt.UTC).date()
    records = list(records_from_bytes(member_uri, member.name, data, config.limits, in_archive=True))
    dates = [_published_date(r, today) or config.date for r in records]
    if len(set(dates)) <= 1 or file_kind(member.name) not in ("json", "jsonl"):
        return {dates[0] if dates else config.date: data}
    lines: dict[str, list[bytes]] = defaultdict(list)
    for record, date in zip(records, dates, strict=True):
        lines[date].append(record.data or b"")
    return {date: b"\n".join(chunk) + b"\n" for date, chunk in lines.items()}


def _land_member(
    member: Member, stream: IO[bytes], shard: dict[str, Any], config: ArchiveConfig, written: list[str]
) -> dict[str, int]:
    """Copy one member into the landing zone, under its date(s); returns ``{date: bytes landed}``.
    ``written`` collects the files written, so that a member that fails midway can be removed."""
    fs, _ = filesystem(config.landing)
    relative = member.path  # unique within the archive: members whose paths collide all land
    if member.unsafe_name:
        log.info("%s!/%s lands as %s (%s)", shard["archive"], member.key, relative, member.unsafe_name)
    if config.date_by == "published" and member.size <= config.limits.max_file_bytes:
        parts: dict[str, bytes | IO[bytes]] = dict(
            _date_records(member, f"{shard['archive']}!/{member.key}", stream.read(), config)
        )
        if len(parts) > 1 and not relative.lower().endswith((".jsonl", ".ndjson")):
            relative += "l" if relative.lower().endswith(".json") else ".jsonl"
    else:
        date = (
            config.date
            if config.date_by == "fixed"
            else path_date(member.name) or path_date(shard["archive"]) or config.date
        )
        parts = {date: stream}  # streamed: a large member never sits in memory
    landed: dict[str, int] = {}
    for date, content in parts.items():
        _, target = filesystem(join(config.landing, date, ARCHIVE_DIR, shard["key"], relative))
        fs.makedirs(posixpath.dirname(target), exist_ok=True)
        written.append(target)
        with fs.open(target, "wb") as sink:
            if isinstance(content, bytes):
                sink.write(content)
                landed[date] = len(content)
            else:
                shutil.copyfileobj(content, sink, 1 << 20)
                landed[date] = member.size
    return landed


def unpack_shard(manifest_uri: str, shard_index: int) -> dict[str, Any]:
    """Date the members of one shard and copy them into the landing zone; returns the counts
    (members landed per date, members skipped: planned with a problem, or unreadable when
    copied, e.g. a corrupt member; a member that fails midway leaves no file behind)."""
    started = time.monotonic()
    manifest = load_manifest(manifest_uri)
    config = _config(manifest)
    shard = manifest["shards"][shard_index]
    members = [Member(**m) for m in shard["members"]]
    fs, _ = filesystem(config.landing)
    per_date: Counter[str] = Counter()
    landed_bytes = 0
    done: set[int] = set()
    unreadable: list[dict[str, Any]] = []

    def fail(member: Member, written: list[str], exc: BaseException) -> None:
        for target in written:
            if fs.exists(target):
                fs.rm(target)
        unreadable.append({**asdict(member), "problem": f"cannot read member: {valid_text(str(exc))}"})

    opened = _open_members(sources.real_uri(shard["archive"], shard.get("original")), members)
    while True:
        try:
            member, stream = next(opened)
        except StopIteration:
            break
        except (
            sources.CORRUPT_ARCHIVE_ERRORS
        ) as exc:  # the archive broke off (a tar stream): the members not landed yet
            for member in members:
                if member.problem is None and member.index not in done:
                    fail(member, [], exc)
            break
        done.add(member.index)
        written: list[str] = []
        try:
            landed = _land_member(member, sources.CheckedStream(stream), shard, config, written)
        except (
            sources.UnreadableMember
        ) as exc:  # corrupt data; a storage error (OSError) fails the task, to be retried
            fail(member, written, exc)
            continue
        for date, size in landed.items():
            per_date[date] += 1
            landed_bytes += size
    skipped = [asdict(m) for m in members if m.problem] + unreadable
    for member in skipped:
        log.warning("skipped %s!/%s: %s", shard["archive"], member["key"], member["problem"])
    counts = {
        "shard": shard_index,
        "archive": shard["archive"],
        "members": len(members),
        "landed": sum(per_date.values()),
        "bytes": landed_bytes,
        "skipped": len(skipped),
        "unreadable": unreadable,
        "dates": dict(sorted(per_date.items())),
        "seconds": round(time.monotonic() - started, 3),
    }
    log.info(
        "shard %d/%d of %s: %d members -> %d files landed over %d date(s), %d skipped (%.1f s)",
        shard_index + 1, len(manifest["shards"]), shard["key"], counts["members"], counts["landed"], len(per_date), counts["skipped"], counts["seconds"],
    )  # fmt: skip
    return counts


# --- 3. plan the dates ----------------------------------------------------------------


def plan_days(manifest_uri: str, shard_counts: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """Plan every date the archive landed on (or landed on in an earlier run) with the daily
    pipeline's :func:`~khabar.pipeline.daily.plan`; returns ``(day manifest URI, batch index)``
    for every batch of every date, in the order :func:`finish_days` publishes them."""
    manifest = load_manifest(manifest_uri)
    config = _config(manifest)
    landed = {d for counts in shard_counts for d in counts["dates"]}
    # dates an earlier run landed on and this one does not are finished first: until they are
    # republished without the archive's articles, those articles would count as duplicates
    dates = sorted(set(manifest["stale_dates"]) - landed) + sorted(landed)
    work: list[tuple[str, int]] = []
    days = []
    for date in dates:
        day = daily.RunConfig(
            landing=config.landing, lake=config.lake, ingest_date=date, run_id=config.run_id,
            limits=config.limits, parallelism=config.parallelism, allow_missing_landing=True,
        )  # fmt: skip
        batches = len(daily.plan(day).batches)
        days.append(day.manifest_uri)
        work.extend((day.manifest_uri, b) for b in range(batches))
    unreadable = [
        {"archive": counts["archive"], **m} for counts in shard_counts for m in counts.get("unreadable", [])
    ]
    write_json(
        join(archive_run_uri(config.lake, config.run_id), "days.json"),
        {"days": days, "unreadable": unreadable},
    )
    log.info("archive: %d date(s), %d batches to process", len(dates), len(work))
    return work


# --- 5. finish -------------------------------------------------------------------------


def finish_days(manifest_uri: str, progress: Progress | None = None) -> dict[str, Any]:
    """Consolidate, validate and publish every planned date, in date order (so that a copy of
    an article on two dates is kept on the first; dates only an earlier run landed on come first). A date whose validation fails publishes
    nothing; the others still publish.

    Raises:
        QualityError: at least one date failed validation (all the others were published).
    """
    manifest = load_manifest(manifest_uri)
    config = _config(manifest)
    run_uri = archive_run_uri(config.lake, config.run_id)
    planned = read_json(join(run_uri, "days.json"))
    days = planned["days"]
    totals: Counter[str] = Counter()
    failed: dict[str, str] = {}
    published: list[str] = []
    progress = progress or Silent()
    progress.stage("validate, publish (dates)", len(days))
    for n, day_uri in enumerate(days, start=1):
        date = daily.load_manifest(day_uri).ingest_date
        daily.consolidate(day_uri)
        daily.validate(day_uri)
        try:
            summary = daily.publish(day_uri)
        except QualityError as exc:
            failed[date] = str(exc)
            log.error("date %d/%d %s: %s", n, len(days), date, exc)
            progress.advance()
            continue
        published.append(date)
        progress.advance()
        for key in ("records_seen", "articles", "duplicates", "quarantined"):
            totals[key] += summary[key]
        log.info(
            "date %d/%d %s published: %d articles, %d duplicates, %d quarantined",
            n,
            len(days),
            date,
            summary["articles"],
            summary["duplicates"],
            summary["quarantined"],
        )
    result = {
        "run_id": config.run_id,
        "location": config.location,
        "date_by": config.date_by,
        "archives": len(manifest["archives"]),
        "members": sum(a["members"] for a in manifest["archives"]),
        "skipped": [{"archive": a["uri"], **m} for a in manifest["archives"] for m in a["skipped"]]
        + planned.get("unreadable", []),
        "dates": len(days),
        "dates_published": len(days) - len(failed),
        "published_dates": published,
        "failed_dates": failed,
        "inputs": totals["records_seen"],
        "articles": totals["articles"],
        "duplicates": totals["duplicates"],
        "quarantined": totals["quarantined"],
        "finished_at": dt.datetime.now(dt.UTC).isoformat(),
    }
    write_json(join(run_uri, "report.json"), result)
    if failed:
        raise QualityError(
            f"{len(failed)} of {len(days)} date(s) failed validation and were not published: {', '.join(sorted(failed))}"
        )
    return result


# --- all in one process ---------------------------------------------------------------


def run_archive(
    config: ArchiveConfig, *, workers: int = 1, progress: Progress | None = None
) -> dict[str, Any]:
    """The whole backfill in this process (shards and batches over ``workers`` processes);
    ``progress`` hears of each stage, shard, batch and date (:mod:`khabar.core.progress`).

    Raises:
        LandingError: no archive at the location, or one cannot be read.
        QualityError: a date failed validation (the others were published).
    """
    from concurrent.futures import ProcessPoolExecutor

    progress = progress or Silent()
    progress.stage("list members")
    manifest = plan_archive(config)
    uri = manifest["manifest_uri"]
    n = len(manifest["shards"])
    with contextlib.ExitStack() as stack:
        pool = stack.enter_context(ProcessPoolExecutor(max_workers=workers)) if workers > 1 else None
        progress.stage("unpack (shards)", n)
        shard_counts = []
        for counts in (
            pool.map(unpack_shard, [uri] * n, range(n)) if pool else (unpack_shard(uri, s) for s in range(n))
        ):
            shard_counts.append(counts)
            progress.advance()
        progress.stage("plan dates")
        work = plan_days(uri, shard_counts)
        progress.stage("extract (batches)", len(work))
        batches = (
            pool.map(daily.process_batch, [w[0] for w in work], [w[1] for w in work])
            if pool
            else (daily.process_batch(d, b) for d, b in work)
        )
        for _ in batches:
            progress.advance()
    return finish_days(uri, progress)
