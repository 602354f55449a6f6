"""Great Expectations suites for every table, run before anything is published.

Each expectation carries a severity in its ``meta``: ``critical`` failures stop
the publish (nothing of the day is written), ``warning`` failures are recorded
in ``runs``. GX Core is called directly (ephemeral context, pandas data source,
one batch definition and checkpoint per table) and builds a Data Docs site
under ``LAKE/_quality/``. Cross-table and list-valued rules are checked on
small derived frames (``articles.countries`` exploded, body lengths joined to
mention offsets).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
from typing import Any

import pandas as pd
import pyarrow as pa

from khabar.entities import known_iso3
from khabar.events import EVENT_TYPES
from khabar.language import LANGS
from khabar.schema import OUTCOMES, REASONS, TABLES
from khabar.storage import filesystem
from khabar.topics import TOPIC_KEYS

log = logging.getLogger(__name__)

CRITICAL = "critical"
WARNING = "warning"
CALENDARS = ("solar_hijri", "gregorian", "lunar_hijri")
MENTION_KINDS = ("person", "country", "place", "organization", "agency", "topic")
SHA256 = r"^[0-9a-f]{64}$"


def _columns(table: str, dropped: tuple[str, ...] = (), added: tuple[str, ...] = ()) -> tuple[str, str, dict[str, Any]]:
    """The frame has exactly the columns of the table's schema (less list columns dropped
    for GX, plus columns joined in for cross-table rules)."""
    names = [n for n in TABLES[table].names if n not in dropped] + list(added)
    return (CRITICAL, "ExpectTableColumnsToMatchSet", {"column_set": names, "exact_match": True})


def _suites(ingest_date: str, article_ids: list[str]) -> dict[str, list[tuple[str, str, dict[str, Any]]]]:
    """Per frame: ``(severity, expectation class name, kwargs)``. Column types are fixed
    earlier, by the explicit pyarrow schemas every table is written with."""
    iso3 = sorted(known_iso3())
    day = dt.date.fromisoformat(ingest_date)
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
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "article_id", "value_set": article_ids}),
            (CRITICAL, "ExpectColumnValuesToBeUnique", {"column": "article_id"}),
        ],
        "articles": [
            _columns("articles", dropped=("quantities",)),
            (CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "article_id"}),
            (CRITICAL, "ExpectColumnValuesToBeUnique", {"column": "article_id"}),
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "lang", "value_set": list(LANGS)}),
            (CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "body"}),
            (CRITICAL, "ExpectColumnValuesToBeBetween", {"column": "word_count", "min_value": 1}),
            (CRITICAL, "ExpectColumnValuesToBeBetween", {"column": "published_date", "min_value": dt.date(1990, 1, 1), "max_value": day}),
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "published_calendar", "value_set": list(CALENDARS)}),
            (CRITICAL, "ExpectColumnValuesToMatchRegex", {"column": "news_code", "regex": r"^[0-9]+$"}),
            (CRITICAL, "ExpectColumnValuesToMatchRegex", {"column": "source_sha256", "regex": SHA256}),
            (WARNING, "ExpectColumnValuesToNotBeNull", {"column": "agency", "mostly": 0.5}),
            (WARNING, "ExpectColumnValuesToNotBeNull", {"column": "title", "mostly": 0.5}),
            (WARNING, "ExpectColumnValuesToBeBetween", {"column": "word_count", "min_value": 30, "mostly": 0.9}),
        ],
        "article_countries": [(CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "value", "value_set": iso3})],
        "article_topics": [(CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "value", "value_set": list(TOPIC_KEYS)})],
        "article_event_types": [(CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "value", "value_set": list(EVENT_TYPES)})],
        "mentions": [
            _columns("mentions", added=("body_length",)),
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "article_id", "value_set": article_ids}),
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "kind", "value_set": list(MENTION_KINDS)}),
            (CRITICAL, "ExpectColumnValuesToBeBetween", {"column": "start", "min_value": 0}),
            (CRITICAL, "ExpectColumnPairValuesAToBeGreaterThanB", {"column_A": "end", "column_B": "start"}),
            (CRITICAL, "ExpectColumnPairValuesAToBeGreaterThanB", {"column_A": "body_length", "column_B": "end", "or_equal": True}),
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "country", "value_set": iso3}),
        ],
        "events": [
            _columns("events", dropped=("countries", "persons", "topics"), added=("body_length",)),
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "article_id", "value_set": article_ids}),
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "event_type", "value_set": list(EVENT_TYPES)}),
            (CRITICAL, "ExpectCompoundColumnsToBeUnique", {"column_list": ["article_id", "event_index"]}),
            (CRITICAL, "ExpectColumnPairValuesAToBeGreaterThanB", {"column_A": "body_length", "column_B": "end", "or_equal": True}),
            (CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "evidence"}),
        ],
        "event_countries": [(CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "value", "value_set": iso3})],
        "comments": [
            _columns("comments"),
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "article_id", "value_set": article_ids}),
            (CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "text"}),
            (CRITICAL, "ExpectColumnValuesToMatchRegex", {"column": "posted_at", "regex": r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?$"}),
        ],
        "runs": [
            (CRITICAL, "ExpectColumnValuesToBeBetween", {"column": "unaccounted", "min_value": 0, "max_value": 0}),
            (CRITICAL, "ExpectColumnValuesToBeBetween", {"column": "records_seen", "min_value": 0}),
            (CRITICAL, "ExpectColumnPairValuesAToBeGreaterThanB", {"column_A": "records_seen", "column_B": "files_seen", "or_equal": True}),
            (CRITICAL, "ExpectColumnPairValuesToBeEqual", {"column_A": "articles", "column_B": "article_rows"}),
            (WARNING, "ExpectColumnValuesToBeBetween", {"column": "quarantined_share", "max_value": 0.5}),
        ],
        "quarantine": [
            _columns("quarantine"),
            (CRITICAL, "ExpectColumnValuesToBeInSet", {"column": "reason", "value_set": list(REASONS)}),
            (CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "detail"}),
            (CRITICAL, "ExpectColumnValuesToMatchRegex", {"column": "source_sha256", "regex": SHA256}),
            (CRITICAL, "ExpectColumnValuesToNotBeNull", {"column": "stored_copy"}),
        ],
    }


def _runs_frame(tables: dict[str, pa.Table], counts: dict[str, Any] | None) -> pd.DataFrame:
    """The run's counts as one row, with the conservation check as a column."""
    outcomes = tables["sources"].column("outcome").to_pylist()
    counts = counts or {
        "files_seen": len({uri.split("!/")[0] for uri in tables["sources"].column("source_uri").to_pylist()}),
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
                "article_rows": tables["articles"].num_rows,
                "unaccounted": records - counts["articles"] - counts["duplicates"] - counts["quarantined"],
                "quarantined_share": counts["quarantined"] / records if records else 0.0,
            }
        ]
    )


def _frames(tables: dict[str, pa.Table]) -> dict[str, pd.DataFrame]:
    """The frames the suites run on: the tables plus derived frames for list and cross-table rules."""
    def frame(table: pa.Table) -> pd.DataFrame:
        return table.to_pandas(types_mapper=None)

    articles = tables["articles"]
    body_length = pd.DataFrame(
        {"article_id": pd.Series(articles.column("article_id").to_pylist(), dtype=object), "body_length": [len(b) for b in articles.column("body").to_pylist()]}
    )

    def with_body_length(table: pa.Table) -> pd.DataFrame:
        df = frame(table)
        df["article_id"] = df["article_id"].astype(object)  # empty frames come back as float64
        return df.merge(body_length, on="article_id", how="left")

    def exploded(table: pa.Table, column: str) -> pd.DataFrame:
        return pd.DataFrame({"value": [v for values in table.column(column).to_pylist() for v in (values or [])]}, dtype=object)

    sources = frame(tables["sources"])
    frames = {
        "sources": sources,
        "sources_with_article": sources[sources["outcome"] != "quarantined"][["article_id"]],
        "sources_article_outcome": sources[sources["outcome"] == "article"][["article_id"]],
        "articles": frame(articles.drop_columns(["quantities"])),
        "article_countries": exploded(articles, "countries"),
        "article_topics": exploded(articles, "topics"),
        "article_event_types": exploded(articles, "event_types"),
        "mentions": with_body_length(tables["mentions"]),
        "events": with_body_length(tables["events"].drop_columns(["countries", "persons", "topics"])),
        "event_countries": exploded(tables["events"], "countries"),
        "comments": frame(tables["comments"]),
        "quarantine": frame(tables["quarantine"]),
    }
    return frames


def validate_day(
    tables: dict[str, pa.Table], *, ingest_date: str, run_id: str, docs_uri: str, counts: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Validate a day's tables; returns success, counts of failures and the failed expectations.

    ``counts`` (from :func:`khabar.pipeline.consolidate`) are checked as the run's
    ``runs`` row: no negative count, and every input accounted for (conservation).
    The Data Docs site under ``docs_uri`` is updated with this run's results.
    """
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("TQDM_DISABLE", "1")
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    import great_expectations as gx
    import great_expectations.expectations as gxe
    from great_expectations.data_context.types.base import ProgressBarsConfig

    for name in ("great_expectations", "great_expectations.data_context.types.base"):
        logging.getLogger(name).setLevel(logging.WARNING)  # GX sets INFO on import

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    docs_fs, docs_path = filesystem(docs_uri)
    local_docs = docs_path if docs_fs.protocol in ("file", ("file", "local")) or "://" not in docs_uri else tempfile.mkdtemp(prefix="khabar-docs-")
    context.add_data_docs_site(
        site_name="khabar",
        site_config={
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": local_docs},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    datasource = context.data_sources.add_pandas("khabar")
    article_ids = tables["articles"].column("article_id").to_pylist()
    frames = _frames(tables)
    frames["runs"] = _runs_frame(tables, counts)
    failed: list[dict[str, Any]] = []
    evaluated = 0
    for name, expectations in _suites(ingest_date, article_ids).items():
        batch_definition = datasource.add_dataframe_asset(name=name).add_batch_definition_whole_dataframe(f"{name}-{ingest_date}")
        suite = context.suites.add(gx.ExpectationSuite(name=f"khabar.{name}"))
        for severity, class_name, kwargs in expectations:
            suite.add_expectation(getattr(gxe, class_name)(**kwargs, meta={"severity": severity}))
        validation = context.validation_definitions.add(gx.ValidationDefinition(name=f"{name}-{run_id}", data=batch_definition, suite=suite))
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(
                name=f"khabar-{name}",
                validation_definitions=[validation],
                actions=[gx.checkpoint.UpdateDataDocsAction(name="docs", site_names=["khabar"])],
                result_format={"result_format": "SUMMARY", "partial_unexpected_count": 5},
            )
        )
        result = checkpoint.run(batch_parameters={"dataframe": frames[name]})
        for run_result in result.run_results.values():
            for outcome in run_result.results:
                evaluated += 1
                if outcome.success:
                    continue
                config = outcome.expectation_config
                failed.append(
                    {
                        "frame": name,
                        "expectation": f"{name}.{config.type}({config.kwargs.get('column') or config.kwargs.get('column_list') or config.kwargs.get('column_A') or ''})",
                        "severity": (config.meta or {}).get("severity", CRITICAL),
                        "unexpected_count": (outcome.result or {}).get("unexpected_count"),
                        "examples": [str(v)[:80] for v in (outcome.result or {}).get("partial_unexpected_list", [])[:5]],
                        "error": (outcome.exception_info or {}).get("exception_message") if isinstance(outcome.exception_info, dict) else None,
                    }
                )
    if local_docs != docs_path:
        docs_fs.put(local_docs.rstrip("/") + "/", docs_path, recursive=True)
        shutil.rmtree(local_docs, ignore_errors=True)
    critical = sum(1 for f in failed if f["severity"] == CRITICAL)
    return {
        "success": critical == 0,
        "expectations": evaluated,
        "critical_failures": critical,
        "warnings": len(failed) - critical,
        "failed": failed,
        "docs": docs_uri.rstrip("/") + "/index.html",
    }
