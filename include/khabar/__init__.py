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
