# PYTHON_ARGCOMPLETE_OK
"""The ``khabar`` command line: extract, run, report, evaluate.

Shell completion: ``eval "$(register-python-argcomplete khabar)"`` (argcomplete).

``khabar extract FILE...``   one SPEC §4 JSON record per input on stdout
``khabar run --landing DIR --lake DIR --date YYYY-MM-DD``   the daily pipeline in-process
``khabar archive LOCATION --landing DIR --lake DIR [--date-by folder|published|fixed] [--date D]``   a backfill
``khabar report --lake DIR [--format text|md|csv|html] [--out PATH]``
``khabar database --lake DIR [--out PATH]``   LAKE/khabar.duckdb: views over the tables and the SQL library
``khabar sql --lake DIR [-c SQL] [--format table|csv|json]``   query the lake in SQL (an interactive prompt without -c)
``khabar dictionary [--out PATH]``   the data dictionary (docs/data-dictionary.md)
``khabar evaluate --gold FILE``   per-field precision, recall and F1 against a gold set
``khabar bench``   throughput and memory against the naive hazm pipeline (docs/benchmarks.md)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

from khabar import __version__

log = logging.getLogger("khabar.cli")


#: The dates the command line accepts: from the earliest plausible publication date
#: (``khabar.extraction.dates.EARLIEST``) to a bound far from ``datetime.date.max``, so that every window
#: khabar computes around a date (stories within 30 days ...) stays a valid date.
FIRST_DATE = dt.date(1990, 1, 1)
LAST_DATE = dt.date(2999, 12, 31)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _date(value: str) -> dt.date:
    """Every date argument (``--date``, ``--since``, ``--until``) goes through here, as the
    argparse ``type``: a bad one is argparse's one-line error and exit 2, before anything runs.

    Only ``YYYY-MM-DD`` in ASCII digits (what partition names and the SQL use), not the other
    ISO forms ``fromisoformat`` takes (``20250115``, ``2025-W03-1``); the value is quoted with
    ``repr`` so that control characters in it never reach the terminal raw.
    """
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc
    if not FIRST_DATE <= day <= LAST_DATE:
        raise argparse.ArgumentTypeError(
            f"{value} is outside the dates khabar works with ({FIRST_DATE} to {LAST_DATE})"
        )
    return day


def _positive(value: str) -> int:
    """A count (``--workers``, ``--batch-files`` ...): a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def _sizes(value: str) -> tuple[float, ...]:
    try:
        return tuple(float(part) for part in value.split(","))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a list of sizes such as 1,2,4,8: {value!r}") from exc


def _cmd_extract(args: argparse.Namespace) -> int:
    from khabar.core.errors import InputRejected
    from khabar.core.storage import filesystem
    from khabar.ingest.records import extract_record
    from khabar.ingest.sources import InputFile, Limits, read_records

    failures = 0
    limits = Limits(max_file_bytes=args.max_bytes)
    for name in args.files:
        records = []
        try:
            fs, path = filesystem(name)
            if not fs.isfile(path):
                raise FileNotFoundError(f"no such file: {name}")
            records = list(read_records(InputFile(name, fs.size(path)), limits))
        except OSError as exc:
            failures += 1
            print(
                json.dumps(
                    {
                        "source_uri": name,
                        "error": {
                            "code": "not_found" if isinstance(exc, FileNotFoundError) else "unreadable",
                            "message": str(exc),
                        },
                    },
                    ensure_ascii=False,
                )
            )
            continue
        for record in records:
            try:
                extraction, _ = extract_record(record, args.date)
                print(json.dumps(extraction.to_record(), ensure_ascii=False, indent=args.indent))
            except InputRejected as rejected:
                failures += 1
                print(
                    json.dumps(
                        {
                            "source_uri": record.source_uri,
                            "record_index": record.record_index,
                            "error": {"code": rejected.reason.value, "message": rejected.detail},
                        },
                        ensure_ascii=False,
                    )
                )
            except Exception as exc:  # a bug must not hide the other files' results
                failures += 1
                log.debug("extraction failed", exc_info=True)
                print(
                    json.dumps(
                        {
                            "source_uri": record.source_uri,
                            "record_index": record.record_index,
                            "error": {"code": "extraction_error", "message": f"{type(exc).__name__}: {exc}"},
                        },
                        ensure_ascii=False,
                    )
                )
    return 1 if failures else 0


def _plan_or_run(
    command: str, args: argparse.Namespace, config: Any, dry_run: Callable, run: Callable
) -> int:
    """``--dry-run``'s plan, or the run with progress bars on a terminal; the summary as JSON."""
    from khabar.core.errors import KhabarError
    from khabar.core.progress import for_terminal

    try:
        if args.dry_run:
            summary = dry_run(config)
        else:
            bars = for_terminal()
            try:
                summary = run(config, workers=args.workers, progress=bars)
            finally:
                bars.close()
    except (KhabarError, OSError) as exc:  # a refusal, a damaged lake, storage failing under the command
        return _refused(command, exc)
    print(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from khabar.core.errors import KhabarError
    from khabar.ingest.sources import Limits
    from khabar.pipeline.daily import RunConfig, new_run_id, run_day

    try:
        config = RunConfig(
            landing=args.landing, lake=args.lake, ingest_date=args.date.isoformat(), run_id=new_run_id("cli"),
            batch_files=args.batch_files, limits=Limits(max_file_bytes=args.max_bytes), parallelism=args.workers,
            allow_empty=args.allow_empty,
        )  # fmt: skip
        from khabar.pipeline.daily import dry_run

        return _plan_or_run("run", args, config, dry_run, run_day)
    except (KhabarError, OSError) as exc:  # the configuration refused
        return _refused("run", exc)


def _no_lake(command: str, lake: str) -> bool:
    """True (after a one-line error) when there is no lake folder at ``lake``."""
    from khabar.core.storage import filesystem

    fs, path = filesystem(lake)
    if fs.isdir(path):
        return False
    print(f"khabar {command}: no lake at {lake}", file=sys.stderr)
    return True


def _refused(command: str, exc: Exception) -> int:
    """One line on stderr for a command that could not do its work, and exit status 2: khabar's
    own reason, or the storage error (an ``OSError``) under it."""
    what = f"storage error: {exc}" if isinstance(exc, OSError) else str(exc)
    print(f"khabar {command}: {what}", file=sys.stderr)
    return 2


def _cmd_archive(args: argparse.Namespace) -> int:
    from khabar.core.errors import KhabarError
    from khabar.ingest.sources import Limits
    from khabar.pipeline.archive import ArchiveConfig, run_archive
    from khabar.pipeline.daily import new_run_id

    try:
        config = ArchiveConfig(
            location=args.location, landing=args.landing, lake=args.lake, date=args.date.isoformat(), date_by=args.date_by,
            run_id=new_run_id("archive"), shard_members=args.shard_members, limits=Limits(max_file_bytes=args.max_bytes),
            parallelism=args.workers,
        )  # fmt: skip
        from khabar.pipeline.archive import dry_run

        return _plan_or_run("archive", args, config, dry_run, run_archive)
    except (KhabarError, OSError) as exc:  # the configuration refused
        return _refused("archive", exc)


def _cmd_report(args: argparse.Namespace) -> int:
    from khabar.analytics.report import render
    from khabar.core.errors import KhabarError

    if args.since and args.until and args.since > args.until:
        print(f"khabar report: --since {args.since} is after --until {args.until}", file=sys.stderr)
        return 2
    if _no_lake("report", args.lake):
        return 2
    try:
        _emit(render(args.lake, args.format, args.since, args.until), args.out)
    except (KhabarError, OSError) as exc:  # a refusal, a damaged lake, storage failing under the command
        return _refused("report", exc)
    return 0


def _emit(text: str, out: str | None) -> None:
    """``text`` to ``out`` (a path or URI) with a line saying so, or to stdout."""
    from khabar.core.storage import filesystem

    if not out:
        sys.stdout.write(text)
        return
    fs, path = filesystem(out)
    with fs.open(path, "w", encoding="utf-8") as sink:
        sink.write(text)
    print(f"wrote {out}", file=sys.stderr)


def _cmd_database(args: argparse.Namespace) -> int:
    from khabar.analytics.report import write_database
    from khabar.core.errors import KhabarError

    if _no_lake("database", args.lake):
        return 2
    try:
        print(write_database(args.lake, args.out))
    except (KhabarError, OSError) as exc:  # a refusal, a damaged lake, storage failing under the command
        return _refused("database", exc)
    return 0


def _cmd_dictionary(args: argparse.Namespace) -> int:
    from khabar.analytics.report import render_dictionary

    _emit(render_dictionary(), args.out)
    return 0


def _cmd_sql(args: argparse.Namespace) -> int:
    from khabar.analytics.analyst_shell import Shell
    from khabar.core.errors import KhabarError

    if _no_lake("sql", args.lake):
        return 2
    try:
        shell = Shell.open(args.lake, args.format)
    except (KhabarError, OSError) as exc:
        return _refused("sql", exc)
    if args.command_text is not None:
        return shell.run_script(args.command_text)
    if not sys.stdin.isatty():
        return shell.run_script(sys.stdin.read())
    return shell.interactive()


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from khabar.devtools.evaluate import evaluate_gold, render

    path = Path(args.gold)
    if not path.is_file():
        print(f"khabar evaluate: no gold file at {args.gold}", file=sys.stderr)
        return 2
    try:
        result = evaluate_gold(path, args.date)
    except (ValueError, KeyError, OSError) as exc:
        print(f"khabar evaluate: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(
            json.dumps(
                {**result.as_dict(), **({"errors": result.errors} if args.errors else {})},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        sys.stdout.write(render(result))
        if args.errors:
            for diff in result.errors:
                print(json.dumps(diff, ensure_ascii=False))
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    import subprocess
    from pathlib import Path

    from khabar.devtools import bench

    if not 1 <= args.small < args.large:
        print("khabar bench: --large must be greater than --small, and --small at least 1", file=sys.stderr)
        return 2
    if args.lake_articles < 1 or args.file_records < 1 or args.workers < 1:
        print(
            "khabar bench: --lake-articles, --file-records and --workers must be at least 1", file=sys.stderr
        )
        return 2
    if not args.long_mb or min(args.long_mb) <= 0:
        print("khabar bench: --long-mb takes sizes above 0, e.g. 1,2,4,8", file=sys.stderr)
        return 2
    workdir = Path(args.workdir) if args.workdir else bench.default_workdir()
    workdir.mkdir(parents=True, exist_ok=True)
    corpus = Path(args.corpus) if args.corpus else None
    result: dict[str, object] = {}
    parts = [p for p in ("pipeline", "layers", "lake", "long") if args.part in (p, "all")]
    from khabar.core.progress import for_terminal

    bars = for_terminal()
    bench.STEPS = bars  # each measurement's line also advances the bar on a terminal
    bars.stage("bench parts", len(parts))
    try:
        if args.part in ("pipeline", "all"):
            result["pipeline"] = pipeline = bench.run_bench(
                args.small, args.large, args.workers, workdir, corpus, args.file_records
            )
            sys.stdout.write(bench.render(pipeline))
            bars.advance()
        if args.part in ("layers", "all"):
            result["layers"] = layers = bench.run_layer_bench(args.workers, corpus)
            sys.stdout.write(bench.render_layers(layers))
            bars.advance()
        if args.part in ("lake", "all"):
            result["lake"] = lake = bench.run_lake_bench(args.lake_articles, workdir, corpus=corpus)
            sys.stdout.write(bench.render_lake(lake))
            bars.advance()
        if args.part in ("long", "all"):
            result["long"] = long = bench.run_long_bench(args.long_mb, corpus)
            sys.stdout.write(bench.render_long(long))
            bars.advance()
    except (FileNotFoundError, RuntimeError, subprocess.CalledProcessError) as exc:
        print(f"khabar bench: {exc}", file=sys.stderr)
        return 2
    finally:
        bars.close()
        bench.STEPS = None
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {args.json}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    from khabar.analytics.report import FORMATS
    from khabar.core import settings

    configured = settings.load()
    max_bytes = configured.max_file_bytes

    parser = argparse.ArgumentParser(
        prog="khabar",
        description="Persian, Dari and Arabic ICT-diplomacy news into validated Parquet tables.",
    )
    parser.add_argument("--version", action="version", version=f"khabar {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    extract = sub.add_parser(
        "extract",
        help="print the extraction record (JSON) of each input file",
        description="Extract one SPEC §4 record per input (JSON on stdout); nothing is written to the lake.",
        epilog="examples:\n  khabar extract seeds/002_*.txt --indent 2\n  khabar extract archive.zip | jq .title",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    extract.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help=".txt, .html, .json, .jsonl files or .zip/.tar.gz archives (paths or URIs)",
    )
    extract.add_argument(
        "--date",
        type=_date,
        default=dt.date.today(),
        help="ingest date for date sanity checks (default: today)",
    )
    extract.add_argument("--indent", type=int, default=None, help="pretty-print the JSON")
    extract.add_argument(
        "--max-bytes", type=_positive, default=max_bytes, help="larger inputs are rejected as too_large"
    )
    extract.set_defaults(func=_cmd_extract)

    run = sub.add_parser(
        "run",
        help="run the daily pipeline for one logical date, in-process",
        description="Run the daily pipeline for one logical date in this process: LANDING/<date>/ is planned, extracted in batches, consolidated, validated and published as that date's partitions (a re-run replaces them).",
        epilog="examples:\n  khabar run --date 2025-01-15\n  khabar run --landing s3://news/landing --lake s3://news/lake --date 2025-01-15 --workers 4\n  khabar run --date 2025-01-15 --dry-run",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument(
        "--landing",
        default=settings.landing_uri(),
        help="landing zone (path or URI); reads LANDING/<date>/ (default: $KHABAR_LANDING)",
    )
    run.add_argument("--lake", default=settings.lake_uri(), help="lake (path or URI) (default: $KHABAR_LAKE)")
    run.add_argument("--date", type=_date, required=True, help="logical (ingest) date, YYYY-MM-DD")
    run.add_argument(
        "--workers",
        type=_positive,
        default=os.cpu_count() or 1,
        help="processes for batches (default: all cores)",
    )
    run.add_argument("--batch-files", type=_positive, default=configured.batch_files, help="files per batch")
    run.add_argument(
        "--max-bytes", type=_positive, default=max_bytes, help="larger inputs are quarantined as too_large"
    )
    run.add_argument(
        "--allow-empty",
        action="store_true",
        help="an empty landing folder may replace a day already published with inputs (else: exit 2, nothing published)",
    )
    run.add_argument(
        "--dry-run",
        action="store_true",
        help="print the plan (files, batches, the published day it would replace) and write nothing",
    )
    run.set_defaults(func=_cmd_run)

    archive = sub.add_parser(
        "archive",
        help="backfill: land an archive's articles by date and run each date, in-process",
        description="Backfill from an archive (.zip, .tar.gz, .tgz, .tar) or a folder of them: members are dated (by folder or file name, by their published date, or one fixed date), landed by date and every date is run in order.",
        epilog="examples:\n  khabar archive /data/archives/2019.tar.gz\n  khabar archive /data/archives/ --date-by published\n  khabar archive old.zip --date-by fixed --date 2020-01-01 --dry-run",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    archive.add_argument(
        "location", help="a .zip, .tar.gz, .tgz or .tar archive, or a folder or prefix of them (path or URI)"
    )
    archive.add_argument(
        "--landing",
        default=settings.landing_uri(),
        help="landing zone the archive is unpacked into (default: $KHABAR_LANDING)",
    )
    archive.add_argument(
        "--lake", default=settings.lake_uri(), help="lake (path or URI) (default: $KHABAR_LAKE)"
    )
    archive.add_argument(
        "--date-by",
        choices=("folder", "published", "fixed"),
        default="folder",
        help="date articles by the date in their folder or file name (default), their own published date, or one fixed --date",
    )
    archive.add_argument(
        "--date",
        type=_date,
        default=dt.datetime.now(dt.UTC).date(),
        help="the fixed date, and the date of inputs that cannot be dated (default: today, UTC)",
    )
    archive.add_argument(
        "--workers",
        type=_positive,
        default=os.cpu_count() or 1,
        help="processes for shards and batches (default: all cores)",
    )
    archive.add_argument("--shard-members", type=_positive, default=500, help="archive members per shard")
    archive.add_argument(
        "--max-bytes", type=_positive, default=max_bytes, help="larger inputs are quarantined as too_large"
    )
    archive.add_argument(
        "--dry-run",
        action="store_true",
        help="print the plan (archives, members, shards, members per date) and write nothing",
    )
    archive.set_defaults(func=_cmd_archive)

    report = sub.add_parser(
        "report",
        help="print the DuckDB report over the lake",
        description="Print the report over the lake (text, Markdown, CSV or a self-contained HTML page with charts).",
        epilog="examples:\n  khabar report\n  khabar report --since 2025-01-01 --until 2025-01-31 --format md\n  khabar report --format html --out report.html",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument(
        "--lake", default=settings.lake_uri(), help="lake (path or URI) (default: $KHABAR_LAKE)"
    )
    report.add_argument("--format", choices=FORMATS, default="text")
    report.add_argument("--out", help="write to this path instead of stdout")
    report.add_argument("--since", type=_date, help="first ingest date (inclusive)")
    report.add_argument("--until", type=_date, help="last ingest date (inclusive)")
    report.set_defaults(func=_cmd_report)
    database = sub.add_parser(
        "database",
        help="write LAKE/khabar.duckdb: views over every table and every report query",
        description="Write LAKE/khabar.duckdb: a DuckDB database of views over every table and every report query, with the data dictionary as comments, for any DuckDB client.",
        epilog="examples:\n  khabar database\n  khabar database --lake s3://news/lake --out khabar.duckdb",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    database.add_argument(
        "--lake", default=settings.lake_uri(), help="lake (path or URI) (default: $KHABAR_LAKE)"
    )
    database.add_argument("--out", help="where to write the database file (default: LAKE/khabar.duckdb)")
    database.set_defaults(func=_cmd_database)

    sql = sub.add_parser(
        "sql",
        help="query the lake in SQL (DuckDB): the tables, the q_ views of the report library, the data dictionary",
        description="Query the lake in SQL. Every table (articles, events, mentions ...) and every report query "
        "(q_engagement_pairs, q_people_directory ...) is a view; .tables lists them with their grain, "
        ".schema NAME their columns and meanings. Lists (parties, topics, roles) are DuckDB lists.",
        epilog="examples:\n"
        '  khabar sql --lake data/lake -c "SELECT * FROM q_engagement_pairs LIMIT 10"\n'
        '  khabar sql --lake data/lake --format csv -c "SELECT day, event_type, parties FROM q_agreements_timeline" > timeline.csv\n'
        '  echo "SELECT agency, count(*) FROM articles GROUP BY ALL;" | khabar sql --lake data/lake\n'
        "  khabar sql --lake data/lake          # an interactive prompt: .tables, .schema NAME, .help, .quit",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sql.add_argument("--lake", default=settings.lake_uri(), help="lake (path or URI) (default: $KHABAR_LAKE)")
    sql.add_argument(
        "-c",
        "--command",
        dest="command_text",
        metavar="SQL",
        help="run these statements (separated by ;) and exit",
    )
    sql.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="how results are printed (default: table)",
    )
    sql.set_defaults(func=_cmd_sql)
    dictionary = sub.add_parser(
        "dictionary",
        help="print the data dictionary (docs/data-dictionary.md): every table, view and column and what it means",
        description="Print the data dictionary: every table and view of the lake, its grain, and every column with its type and meaning.",
        epilog="examples:\n  khabar dictionary\n  khabar dictionary --out docs/data-dictionary.md",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    dictionary.add_argument("--out", help="write to this file instead of stdout")
    dictionary.set_defaults(func=_cmd_dictionary)

    evaluate = sub.add_parser(
        "evaluate",
        help="score extraction against a hand-annotated gold file",
        description="Score extraction against a hand-annotated gold file: per-field precision, recall and F1.",
        epilog="examples:\n  khabar evaluate --gold tests/fixtures/gold/gold.jsonl\n  khabar evaluate --gold tests/fixtures/gold/gold.jsonl --errors",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    evaluate.add_argument(
        "--gold", required=True, help="gold JSON Lines file (inputs are named relative to it)"
    )
    evaluate.add_argument(
        "--date", type=_date, default=dt.date.today(), help="ingest date for date sanity checks"
    )
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--errors", action="store_true", help="also list each article's differences")
    evaluate.set_defaults(func=_cmd_evaluate)

    bench = sub.add_parser(
        "bench",
        help="throughput and memory of khabar run vs the naive hazm pipeline; each layer's throughput; report queries on a large lake; one long article's extraction time",
        description="Measure throughput and memory of khabar run against the naive hazm pipeline, each layer's throughput, the report queries on a large lake and one long article (docs/benchmarks.md).",
        epilog="examples:\n  khabar bench --part pipeline --small 2000\n  khabar bench --json data/bench.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    bench.add_argument(
        "--part",
        choices=("pipeline", "layers", "lake", "long", "all"),
        default="all",
        help="what to measure (default: all)",
    )
    bench.add_argument("--small", type=_positive, default=5_000, help="articles in the small landing")
    bench.add_argument("--large", type=_positive, default=50_000, help="articles in the large landing")
    bench.add_argument("--file-records", type=_positive, default=1_000, help="records per landing file")
    bench.add_argument(
        "--workers",
        type=_positive,
        default=os.cpu_count() or 1,
        help="khabar run --workers, and the cores the layer ceilings assume (default: all cores)",
    )
    bench.add_argument(
        "--lake-articles",
        type=_positive,
        default=1_000_000,
        help="articles in the synthetic lake for the report queries",
    )
    bench.add_argument(
        "--long-mb",
        type=_sizes,
        default=(1.0, 2.0, 4.0, 8.0),
        help="sizes of the long articles of --part long, in MB (default: 1,2,4,8)",
    )
    bench.add_argument(
        "--corpus", help="folder of JSON Lines records (default: ../shared/corpus/real, else seeds/)"
    )
    bench.add_argument("--workdir", help="where landings, lakes and logs go (default: $TMPDIR/khabar-bench)")
    bench.add_argument("--json", help="also write the results as JSON here")
    bench.set_defaults(func=_cmd_bench)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from khabar.core.errors import ConfigError

    try:
        parser = build_parser()
    except ConfigError as exc:  # a bad KHABAR_* variable: one line, before anything runs
        print(f"khabar: {exc}", file=sys.stderr)
        return 2
    try:
        import argcomplete  # shell completion: eval "$(register-python-argcomplete khabar)"

        argcomplete.autocomplete(parser)
    except ImportError:
        pass
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not args.verbose and args.command in ("run", "archive"):
        logging.getLogger("khabar").setLevel(logging.INFO)  # progress of khabar itself; libraries warn only
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("khabar: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
