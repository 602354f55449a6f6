"""khabar: Persian, Dari and Arabic ICT-diplomacy news into validated Parquet tables.

The package is pure Python and knows nothing of Airflow: the DAGs in ``dags/``
call into it. One module per concern (see README, "Code map").
"""

from __future__ import annotations

__version__ = "0.1.0"
#: Bumped whenever extraction output changes for the same input; stored on every article.
EXTRACTOR_VERSION = "khabar-extract/1"
#: The tables a run replaces partition by partition (``runs`` is an append-only log).
#: Kept here, free of pyarrow, so that DAG files can name them at parse time.
DATA_TABLES: tuple[str, ...] = ("sources", "articles", "mentions", "events", "comments", "quarantine")


def lake_assets() -> list[tuple[str, str]]:
    """``(name, uri)`` of the Airflow Asset of each published table (the DAGs that publish
    build their outlets from it, the report DAG is scheduled on it). The URI names the table,
    not its location, so that it is the same asset wherever the lake lives."""
    return [(f"khabar_{table}", f"khabar://lake/{table}") for table in DATA_TABLES]


#: The run summary's count of each table's rows (:func:`khabar.pipeline.daily.publish`).
_ROWS_OF = {
    "sources": "records_seen",
    "articles": "articles",
    "mentions": "mentions",
    "events": "events",
    "comments": "comments",
    "quarantine": "quarantined",
}


def asset_extras(summary: dict) -> dict[str, dict]:
    """The ``extra`` of each table Asset's event for one published day: the ingest date, the
    table's rows that day, and the run, so that whoever the event wakes knows what changed.

    >>> asset_extras({"ingest_date": "2025-01-16", "run_id": "r1", "records_seen": 3, "articles": 2, "mentions": 9,
    ...               "events": 1, "comments": 0, "quarantined": 1})["khabar_articles"]
    {'ingest_date': '2025-01-16', 'rows': 2, 'run_id': 'r1'}
    """
    return {
        name: {
            "ingest_date": summary["ingest_date"],
            "rows": summary.get(_ROWS_OF[name.removeprefix("khabar_")]),
            "run_id": summary.get("run_id"),
        }
        for name, _ in lake_assets()
    }


def archive_asset_extras(result: dict) -> dict[str, dict]:
    """The ``extra`` of each table Asset's event for an archive backfill: the dates it
    published and its totals (one event for all its dates)."""
    published = sorted(set(result.get("published_dates", [])))
    return {
        name: {
            "ingest_dates": published, "dates_published": result.get("dates_published"), "inputs": result.get("inputs"),
            "articles": result.get("articles"), "quarantined": result.get("quarantined"), "run_id": result.get("run_id"),
        }
        for name, _ in lake_assets()
    }  # fmt: skip
