"""Great Expectations suites for every table, run before anything is published.

Each expectation carries a severity in its ``meta``: ``critical`` failures stop
the publish (nothing of the day is written), ``warning`` failures are recorded
in ``runs``. GX Core is called directly (ephemeral context, pandas data source,
one batch definition and validation definition per frame) and builds a Data Docs
site under ``LAKE/_quality/``. Tables are validated chunk by chunk, so memory does
not grow with the size of the day. Cross-table and list-valued rules are checked on
derived frames (``articles.countries`` exploded, body lengths joined to mention
offsets, keys unique across chunks).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any, NotRequired, TypedDict

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from khabar import DATA_TABLES
from khabar.core.storage import filesystem
from khabar.extraction.entities import known_iso3
from khabar.extraction.vocabulary import CALENDARS, EVENT_TYPES, LANGS, MENTION_KINDS, TOPIC_KEYS
from khabar.lake import store
from khabar.lake.schema import OUTCOMES, REASONS, TABLES

log = logging.getLogger(__name__)

CRITICAL = "critical"
WARNING = "warning"
SHA256 = r"^[0-9a-f]{64}$"


def _columns(
    table: str, dropped: tuple[str, ...] = (), added: tuple[str, ...] = ()
) -> tuple[str, str, dict[str, Any]]:
    """The frame has exactly the columns of the table's schema (less list columns dropped
    for GX, plus columns joined in for cross-table rules)."""
    names = [n for n in TABLES[table].names if n not in dropped] + list(added)
    return (CRITICAL, "ExpectTableColumnsToMatchSet", {"column_set": names, "exact_match": True})


def _suites(ingest_date: str) -> dict[str, list[tuple[str, str, dict[str, Any]]]]:
    """Per frame: ``(severity, expectation class name, kwargs)``. Column types are fixed
    earlier, by the explicit pyarrow schemas every table is written with. Membership in
    the day's articles is a derived boolean column (``in_articles``), so no expectation
    carries the day's ids as a value set."""
    iso3 = sorted(known_iso3())
    day = dt.date.fromisoformat(ingest_date)
    known = (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "in_articles", "value_set": [True]})
    return {
        "sources": [
            _columns("sources"),
            (CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "source_uri"}),
            (CRITICAL, "ExpectCompoundColumnsToBeUnique", {"column_list": ["source_uri", "record_index"]}),
            (CRITICAL, "ExpectColumnValuesToMatchRegex", {"column": "source_sha256", "regex": SHA256}),
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "outcome", "value_set": list(OUTCOMES)}),
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "reason", "value_set": list(REASONS)}),
        ],
        "sources_with_article": [
            (CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "article_id"}),
        ],
        "sources_article_outcome": [
            known,
            (CRITICAL, "ExpectColumnValuesToBeUnique", {"column": "article_id"}),
        ],
        "articles": [
            _columns("articles", dropped=("quantities", "story_minhash")),
            (CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "article_id"}),
            (CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "story_id"}),
            (CRITICAL, "ExpectColumnValuesToBeUnique", {"column": "article_id"}),
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "lang", "value_set": list(LANGS)}),
            (CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "ict"}),
            (CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "body"}),
            (CRITICAL, "ExpectColumnValuesToBeBetween", {"column": "word_count", "min_value": 1}),
            (
                CRITICAL,
                "ExpectColumnValuesToBeBetween",
                {"column": "published_date", "min_value": dt.date(1990, 1, 1), "max_value": day},
            ),
            (
                CRITICAL,
                "ExpectColumnValuesToBeInSet",
                {"column": "published_calendar", "value_set": list(CALENDARS)},
            ),
            (CRITICAL, "ExpectColumnValuesToMatchRegex", {"column": "news_code", "regex": r"^[0-9]+$"}),
            (CRITICAL, "ExpectColumnValuesToMatchRegex", {"column": "source_sha256", "regex": SHA256}),
            (WARNING, "ExpectColumnValuesToNotBeNull", {"column": "agency", "mostly": 0.5}),
            (WARNING, "ExpectColumnValuesToNotBeNull", {"column": "title", "mostly": 0.5}),
            (
                WARNING,
                "ExpectColumnValuesToBeBetween",
                {"column": "word_count", "min_value": 30, "mostly": 0.9},
            ),
        ],
        "article_countries": [
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "value", "value_set": iso3})
        ],
        "article_topics": [
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "value", "value_set": list(TOPIC_KEYS)})
        ],
        "article_event_types": [
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "value", "value_set": list(EVENT_TYPES)})
        ],
        "mentions": [
            _columns("mentions", added=("body_length", "in_articles")),
            known,
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "kind", "value_set": list(MENTION_KINDS)}),
            (CRITICAL, "ExpectColumnValuesToBeBetween", {"column": "start", "min_value": 0}),
            (CRITICAL, "ExpectColumnPairValuesAToBeGreaterThanB", {"column_A": "end", "column_B": "start"}),
            (
                CRITICAL,
                "ExpectColumnPairValuesAToBeGreaterThanB",
                {"column_A": "body_length", "column_B": "end", "or_equal": True},
            ),
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "country", "value_set": iso3}),
        ],
        "events": [
            _columns(
                "events", dropped=("countries", "persons", "topics"), added=("body_length", "in_articles")
            ),
            known,
            (
                CRITICAL,
                "ExpectColumnValuesToBeInSet",
                {"column": "event_type", "value_set": list(EVENT_TYPES)},
            ),
            (CRITICAL, "ExpectCompoundColumnsToBeUnique", {"column_list": ["article_id", "event_index"]}),
            (
                CRITICAL,
                "ExpectColumnPairValuesAToBeGreaterThanB",
                {"column_A": "body_length", "column_B": "end", "or_equal": True},
            ),
            (CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "evidence"}),
        ],
        "event_countries": [
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "value", "value_set": iso3})
        ],
        "comments": [
            _columns("comments", added=("in_articles",)),
            known,
            (CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "text"}),
            (
                CRITICAL,
                "ExpectColumnValuesToMatchRegex",
                {"column": "posted_at", "regex": r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?$"},
            ),
        ],
        "runs": [
            (
                CRITICAL,
                "ExpectColumnValuesToBeBetween",
                {"column": "unaccounted", "min_value": 0, "max_value": 0},
            ),
            (CRITICAL, "ExpectColumnValuesToBeBetween", {"column": "records_seen", "min_value": 0}),
            (
                CRITICAL,
                "ExpectColumnPairValuesAToBeGreaterThanB",
                {"column_A": "records_seen", "column_B": "files_seen", "or_equal": True},
            ),
            (
                CRITICAL,
                "ExpectColumnPairValuesToBeEqual",
                {"column_A": "articles", "column_B": "article_rows"},
            ),
            (WARNING, "ExpectColumnValuesToBeBetween", {"column": "quarantined_share", "max_value": 0.5}),
        ],
        "day_keys": [
            # keys unique across the whole day (GX checks each chunk; these span chunks)
            (CRITICAL, "ExpectColumnPairValuesToBeEqual", {"column_A": "rows", "column_B": "distinct_keys"}),
        ],
        "quarantine": [
            _columns("quarantine"),
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "reason", "value_set": list(REASONS)}),
            (CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "detail"}),
            (CRITICAL, "ExpectColumnValuesToMatchRegex", {"column": "source_sha256", "regex": SHA256}),
            (CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "stored_copy"}),
        ],
    }


#: A table to validate: in memory, or the Parquet files holding it (read in chunks).
TableSource = pa.Table | list[str]
#: Rows per validated chunk: articles carry their bodies, the other tables are narrow.
CHUNK_ROWS = {"articles": 2_000, "sources": 10_000, "events": 10_000}
DEFAULT_CHUNK_ROWS = 25_000
#: Frames of single list values, validated over several chunks at once.
_GATHERED = frozenset({"article_countries", "article_topics", "article_event_types", "event_countries"})


def _chunks(
    source: TableSource, table: str, columns: list[str] | None = None, rows: int | None = None
) -> Iterator[pa.Table]:
    """The table in chunks of at most ``rows`` rows; at least one (possibly empty) chunk."""
    rows = rows or CHUNK_ROWS.get(table, DEFAULT_CHUNK_ROWS)
    schema = TABLES[table] if columns is None else pa.schema([TABLES[table].field(c) for c in columns])
    yielded = False
    if isinstance(source, pa.Table):
        source = source.select(schema.names)
        for offset in range(0, source.num_rows, rows):
            yielded = True
            yield source.slice(offset, rows)
    else:
        for uri in source:
            for chunk in store.iter_chunks(uri, table, columns, rows):
                yielded = True
                yield chunk
    if not yielded:
        yield schema.empty_table()


def _frame(table: pa.Table) -> pd.DataFrame:
    return table.to_pandas()


def _exploded(table: pa.Table, column: str) -> pd.DataFrame:
    return pd.DataFrame({"value": pc.list_flatten(table.column(column)).to_pylist()}, dtype=object)


def _with_article(table: pa.Table, lengths: pa.Table) -> pd.DataFrame:
    """The chunk with ``body_length`` of its article and ``in_articles`` (the article exists)."""
    ids = table.column("article_id")
    index = pc.index_in(ids, value_set=lengths.column("article_id"))
    table = table.append_column("body_length", pc.take(lengths.column("body_length"), index))
    table = table.append_column("in_articles", pc.is_valid(index))
    df = _frame(table)
    df["article_id"] = df["article_id"].astype(object)  # empty frames come back as float64
    return df


def _chunk_frames(table: str, chunk: pa.Table, lengths: pa.Table) -> dict[str, pd.DataFrame]:
    """The frames one chunk of ``table`` contributes (derived frames for list and cross-table rules)."""
    if table == "sources":
        sources = _frame(chunk)
        return {
            "sources": sources,
            "sources_with_article": sources[sources["outcome"] != "quarantined"][["article_id"]],
        }
    if table == "articles":
        return {
            "articles": _frame(chunk.drop_columns(["quantities", "story_minhash"])),
            "article_countries": _exploded(chunk, "countries"),
            "article_topics": _exploded(chunk, "topics"),
            "article_event_types": _exploded(chunk, "event_types"),
        }
    if table == "mentions":
        return {"mentions": _with_article(chunk, lengths)}
    if table == "events":
        return {
            "events": _with_article(chunk.drop_columns(["countries", "persons", "topics"]), lengths),
            "event_countries": _exploded(chunk, "countries"),
        }
    if table == "comments":
        return {"comments": _with_article(chunk, lengths).drop(columns=["body_length"])}
    return {table: _frame(chunk)}


def _day_frames(
    tables: dict[str, TableSource], counts: dict[str, Any] | None
) -> tuple[pa.Table, dict[str, pd.DataFrame]]:
    """One pass over the key columns: each article's body length, and the day-level frames
    (runs counts, keys unique across chunks, sources whose outcome is ``article``)."""
    lengths = pa.concat_tables(
        pa.table({"article_id": c.column("article_id"), "body_length": pc.utf8_length(c.column("body"))})
        for c in _chunks(tables["articles"], "articles", ["article_id", "body"], store.WIDE_CHUNK_ROWS)
    )
    sources = pa.concat_tables(
        _chunks(tables["sources"], "sources", ["source_uri", "record_index", "outcome", "article_id"])
    )
    events = pa.concat_tables(_chunks(tables["events"], "events", ["article_id", "event_index"]))
    article_outcome = sources.filter(pc.equal(sources.column("outcome"), "article")).select(["article_id"])
    known = pc.is_in(article_outcome.column("article_id"), value_set=lengths.column("article_id"))
    frames = {
        "sources_article_outcome": pd.DataFrame(
            {
                "article_id": article_outcome.column("article_id").to_pylist(),
                "in_articles": known.to_pylist(),
            },
            dtype=object,
        ),
        "runs": _runs_frame(sources, lengths.num_rows, counts),
        "day_keys": pd.DataFrame(
            [
                _keys("articles.article_id", lengths.column("article_id")),
                _keys(
                    "sources.source_uri+record_index",
                    pc.binary_join_element_wise(
                        sources.column("source_uri"),
                        pc.cast(sources.column("record_index"), pa.string()),
                        "\x00",
                    ),
                ),
                _keys(
                    "events.article_id+event_index",
                    pc.binary_join_element_wise(
                        events.column("article_id"),
                        pc.cast(events.column("event_index"), pa.string()),
                        "\x00",
                    ),
                ),
            ]
        ),
    }
    return lengths, frames


def _keys(name: str, keys: pa.ChunkedArray) -> dict[str, Any]:
    return {"key": name, "rows": len(keys), "distinct_keys": pc.count_distinct(keys, mode="all").as_py()}


def _runs_frame(sources: pa.Table, article_rows: int, counts: dict[str, Any] | None) -> pd.DataFrame:
    """The run's counts as one row, with the conservation check as a column."""
    outcomes = sources.column("outcome").to_pylist()
    counts = counts or {
        "files_seen": len({uri.split("!/")[0] for uri in sources.column("source_uri").to_pylist()}),
        "records_seen": len(outcomes),
        "articles": outcomes.count("article"),
        "duplicates": outcomes.count("duplicate"),
        "quarantined": outcomes.count("quarantined"),
    }
    records = counts["records_seen"]
    return pd.DataFrame(
        [
            {
                "files_seen": counts["files_seen"],
                "records_seen": records,
                "articles": counts["articles"],
                "article_rows": article_rows,
                "unaccounted": records - counts["articles"] - counts["duplicates"] - counts["quarantined"],
                "quarantined_share": counts["quarantined"] / records if records else 0.0,
            }
        ]
    )


class Failure(TypedDict):
    """One expectation that failed on a day's frame (or could not run: ``error``)."""

    frame: str
    #: ``frame.ExpectationType(column)``
    expectation: str
    severity: str
    unexpected_count: int
    #: up to five unexpected values, as text of at most 80 characters
    examples: list[str]
    error: str | None


class ValidationReport(TypedDict):
    """What :func:`validate_day` found (``final/validation.json`` in a run's staging area)."""

    success: bool
    expectations: int
    critical_failures: int
    warnings: int
    failed: list[Failure]
    #: the Data Docs page of the run
    docs: str
    #: added by the pipeline's validate step
    seconds_validate: NotRequired[float]


class _Outcome:
    """One expectation's results summed over the chunks it ran on."""

    def __init__(self, frame: str, config: Any) -> None:
        self.frame, self.config = frame, config
        self.success, self.element_count, self.missing_count, self.unexpected_count = True, 0, 0, 0
        self.examples: list[str] = []
        self.error: str | None = None

    def add(self, outcome: Any) -> None:
        result = outcome.result or {}
        self.success = self.success and bool(outcome.success)
        self.element_count += int(result.get("element_count") or 0)
        self.missing_count += int(result.get("missing_count") or 0)
        self.unexpected_count += int(result.get("unexpected_count") or 0)
        self.examples += [
            str(v)[:80] for v in result.get("partial_unexpected_list", [])[: 5 - len(self.examples)]
        ]
        if isinstance(outcome.exception_info, dict) and outcome.exception_info.get("exception_message"):
            self.error = outcome.exception_info["exception_message"]

    def passed(self) -> bool:
        """Each chunk's verdict, except ``mostly``: that share is recomputed over the whole day."""
        mostly = self.config.kwargs.get("mostly")
        if mostly is None or self.error:
            return self.success
        counted = (
            self.element_count
            if self.config.type == "expect_column_values_to_not_be_null"
            else self.element_count - self.missing_count
        )
        return counted == 0 or self.unexpected_count <= (1 - mostly) * counted

    def as_failure(self) -> Failure:
        kwargs = self.config.kwargs
        return {
            "frame": self.frame,
            "expectation": f"{self.frame}.{self.config.type}({kwargs.get('column') or kwargs.get('column_list') or kwargs.get('column_A') or ''})",
            "severity": (self.config.meta or {}).get("severity", CRITICAL),
            "unexpected_count": self.unexpected_count,
            "examples": self.examples,
            "error": self.error,
        }


def docs_run_name(ingest_date: str, run_id: str) -> str:
    """The GX run name of a day's validation: its ingest date and khabar's run id, so that each
    Data Docs page says which day and which run it covers (GX shows ``__none__`` without
    one). It is a folder of the site too, so anything but letters, digits and ``-_.+`` in the
    run id (an Airflow run id has ``:``) becomes ``_``.

    >>> docs_run_name("2025-01-15", "manual__2025-01-15T00:00:00+00:00")
    '2025-01-15_manual__2025-01-15T00_00_00+00_00'
    """
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.+") else "_" for ch in run_id)
    return f"{ingest_date}_{safe}"


def _site_config(base_directory: str) -> dict[str, Any]:
    """The Data Docs site: GX's site builder with khabar's store (pages that load their styles
    and scripts from the site itself, not from CDNs) and views (values from the data escaped):
    see :mod:`khabar.lake.data_docs`. Profiling pages are never built (khabar does not profile)."""
    page_view = {"module_name": "khabar.lake.data_docs", "class_name": "EscapingPageView"}
    return {
        "class_name": "SiteBuilder",
        "store_backend": {
            "module_name": "khabar.lake.data_docs",
            "class_name": "OfflineSiteStoreBackend",
            "base_directory": base_directory,
        },
        "site_index_builder": {
            "class_name": "DefaultSiteIndexBuilder",
            "view": {"module_name": "khabar.lake.data_docs", "class_name": "EscapingIndexPageView"},
        },
        "site_section_builders": {
            "expectations": {"view": page_view},
            "validations": {"view": page_view},
            "profiling": "None",
        },
    }


def validate_day(
    tables: dict[str, TableSource],
    *,
    ingest_date: str,
    run_id: str,
    docs_uri: str,
    counts: dict[str, Any] | None = None,
) -> ValidationReport:
    """Validate a day's tables; returns success, counts of failures and the failed expectations.

    ``tables`` maps each data table to a pyarrow table or to its Parquet files, which
    are read in chunks (:data:`CHUNK_ROWS`): memory does not grow with the day's size.
    Every expectation runs on every chunk; keys unique across chunks and the run's
    counts are checked once on small day-level frames. ``counts`` (from
    :func:`khabar.pipeline.daily.consolidate`) are checked as the run's ``runs`` row: no
    negative count, and every input accounted for (conservation). The Data Docs site
    under ``docs_uri`` is rebuilt once, with this run's results.
    """
    context = _gx_context()
    docs_fs, docs_path = filesystem(docs_uri)
    local_docs = (
        docs_path
        if docs_fs.protocol in ("file", ("file", "local")) or "://" not in docs_uri
        else tempfile.mkdtemp(prefix="khabar-docs-")
    )  # GX writes its site to a local folder: a remote one is uploaded after
    context.add_data_docs_site(site_name="khabar", site_config=_site_config(local_docs))
    checks = _Checks(context, ingest_date, run_id)
    checks.run_day(tables, counts)
    _publish_docs(context, local_docs, docs_fs, docs_path)
    failed = [o.as_failure() for o in checks.outcomes.values() if not o.passed()]
    critical = sum(1 for f in failed if f["severity"] == CRITICAL)
    return {
        "success": critical == 0,
        "expectations": len(checks.outcomes),
        "critical_failures": critical,
        "warnings": len(failed) - critical,
        "failed": failed,
        "docs": docs_uri.rstrip("/") + "/index.html",
    }


def _gx_context() -> Any:
    """A quiet ephemeral GX context: no analytics, progress bars or INFO logs (the run's log is
    khabar's). GX is imported here, on first use, as only validation needs it."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("TQDM_DISABLE", "1")
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    for name in ("great_expectations", "great_expectations.data_context.types.base"):
        logging.getLogger(name).setLevel(logging.WARNING)  # GX sets INFO on import

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return context


class _Checks:
    """The day's validation runs: one validation definition per frame (:func:`_suites`), and
    each expectation's outcome summed over every chunk it ran on (:class:`_Outcome`)."""

    def __init__(self, context: Any, ingest_date: str, run_id: str) -> None:
        import great_expectations as gx
        import great_expectations.expectations as gxe

        datasource = context.data_sources.add_pandas("khabar")
        self.validations = {}
        for name, expectations in _suites(ingest_date).items():
            batch_definition = datasource.add_dataframe_asset(name=name).add_batch_definition_whole_dataframe(
                f"{name}-{ingest_date}"
            )
            suite = context.suites.add(gx.ExpectationSuite(name=f"khabar.{name}"))
            for severity, class_name, kwargs in expectations:
                suite.add_expectation(getattr(gxe, class_name)(**kwargs, meta={"severity": severity}))
            self.validations[name] = context.validation_definitions.add(
                gx.ValidationDefinition(name=f"{name}-{run_id}", data=batch_definition, suite=suite)
            )
        self.outcomes: dict[tuple[str, int], _Outcome] = {}
        self.run_name = docs_run_name(ingest_date, run_id)
        # The exploded lists (one short value a row) are gathered over chunks up to
        # DEFAULT_CHUNK_ROWS rows: a validation run costs ~60 ms whatever its size.
        self.gathered: dict[str, list[pd.DataFrame]] = {}

    def run_day(self, tables: dict[str, TableSource], counts: dict[str, Any] | None) -> None:
        """Check the day-level frames once, then every data table chunk by chunk (memory does
        not grow with the day), the gathered frames last."""
        lengths, day_frames = _day_frames(tables, counts)
        for name, frame in day_frames.items():
            self.check(name, frame)
        for table in DATA_TABLES:
            for chunk in _chunks(tables[table], table):
                for name, frame in _chunk_frames(table, chunk, lengths).items():
                    if name in _GATHERED:
                        self.gather(name, frame)
                    else:
                        self.check(name, frame)
        for name, frames in self.gathered.items():
            if frames:  # the rest (every frame runs at least once, if only on no rows)
                self.check(name, pd.concat(frames, ignore_index=True))

    def check(self, name: str, frame: pd.DataFrame) -> None:
        """Run the frame's validation and add its results to the outcomes."""
        from great_expectations.core.run_identifier import RunIdentifier

        result = self.validations[name].run(
            batch_parameters={"dataframe": frame},
            result_format={"result_format": "SUMMARY", "partial_unexpected_count": 5},
            run_id=RunIdentifier(
                run_name=self.run_name, run_time=dt.datetime.now(dt.UTC)
            ),  # one page per chunk, each with its time
        )
        for i, outcome in enumerate(result.results):
            self.outcomes.setdefault((name, i), _Outcome(name, outcome.expectation_config)).add(outcome)

    def gather(self, name: str, frame: pd.DataFrame) -> None:
        """Keep a small frame to check with others; check them once they reach DEFAULT_CHUNK_ROWS."""
        frames = self.gathered.setdefault(name, [])
        frames.append(frame)
        if sum(len(f) for f in frames) >= DEFAULT_CHUNK_ROWS:
            self.check(name, pd.concat(frames, ignore_index=True))
            frames.clear()


def _publish_docs(context: Any, local_docs: str, docs_fs: Any, docs_path: str) -> None:
    """Build the Data Docs site once, with this run's results, and its assets (pages that work
    offline); a site built in a local folder for remote storage is uploaded, then removed."""
    from khabar.lake import data_docs  # imports GX

    context.build_data_docs(site_names=["khabar"])
    data_docs.copy_assets(local_docs)
    if local_docs != docs_path:
        docs_fs.put(local_docs.rstrip("/") + "/", docs_path, recursive=True)
        shutil.rmtree(local_docs, ignore_errors=True)
