"""
### khabar_report

Refreshes the analysts' view of the lake whenever it changes: scheduled on the lake's table
Assets, which `khabar_daily` (publish) and `khabar_archive` (publish_days) emit.

**database** writes `LAKE/khabar.duckdb`: views over every table and one per report query
(`q_engagement_network`, `q_topics_by_month` ...), for any DuckDB client.
**report** writes `LAKE/_reports/latest.html` (the whole lake) and logs the text report.
"""

from __future__ import annotations

import datetime as dt

import pendulum
from airflow.sdk import Asset, dag, task

from khabar import lake_assets
from khabar.core.settings import lake_uri, task_timeout

LAKE_ASSETS = [Asset(name=name, uri=uri) for name, uri in lake_assets()]


@dag(
    dag_id="khabar_report",
    description="After every publish: the analysts' DuckDB database (views, data dictionary) and the whole lake's HTML report",
    schedule=LAKE_ASSETS,  # after every publish of the lake's tables (daily runs and backfills)
    is_paused_upon_creation=False,  # it must follow every publish from the first, with no manual unpausing
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    tags=["khabar", "news", "report"],
    default_args={"owner": "khabar", "retries": 2, "retry_delay": dt.timedelta(minutes=1)},
    doc_md=__doc__,
)
def khabar_report() -> None:
    @task(execution_timeout=task_timeout("database"))
    def database() -> str:
        from khabar.analytics.report import write_database

        return write_database(lake_uri())

    @task(execution_timeout=task_timeout("report"))
    def report() -> str:
        from khabar.analytics.report import write_lake_report

        return write_lake_report(lake_uri())

    database() >> report()


khabar_report()
