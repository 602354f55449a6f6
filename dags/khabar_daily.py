"""
### khabar_daily

Turns the news files that landed on the logical date into validated Parquet tables.

`LANDING/<ds>/**` -> **plan** (list files, cut batches, write the run manifest)
-> **process_batch** (one mapped task per batch of files: decode, normalise, extract)
-> **consolidate** (duplicates across batches and against the lake; conservation check)
-> **validate** (Great Expectations, one suite per table; critical failures stop the run)
-> **publish** (swap the `ingest_date=<ds>` partitions in atomically; emits the table Assets)
-> **report** (DuckDB report into the task log and `LAKE/_reports/<ds>.html`).

Partitions are keyed on the logical date `ds`: a re-run of a date replaces that
date's partitions and gives the same rows. XCom carries a manifest URI and counts only.
Locations: `KHABAR_LANDING`, `KHABAR_LAKE` (paths or URIs). See README.md.

Every task has a time limit (`execution_timeout`), after which it fails and is retried:
`process_batch` gets the time to extract `KHABAR_BATCH_BYTES` at a sixth of the slowest speed
measured, plus 10 minutes (33 minutes by default); `KHABAR_TIMEOUT_<TASK>` (minutes, e.g.
`KHABAR_TIMEOUT_PROCESS_BATCH=45`) overrides it. Runs are one date at a time, so a stuck
task must fail rather than hold up every later date.
"""

from __future__ import annotations

import datetime as dt

import pendulum
from airflow.sdk import Asset, dag, task

from khabar import lake_assets
from khabar.settings import lake_uri, task_timeout

LAKE_ASSETS = [Asset(name=name, uri=uri) for name, uri in lake_assets()]


@dag(
    dag_id="khabar_daily",
    description="The day's landed news files into validated Parquet tables: plan, extract in batches, consolidate, validate, publish, report",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,  # dates are deduplicated against each other: one at a time
    tags=["khabar", "news", "daily"],
    default_args={"owner": "khabar", "retries": 2, "retry_delay": dt.timedelta(minutes=1)},
    doc_md=__doc__,
)
def khabar_daily() -> None:
    def run_config(ds: str, run_id: str):
        from khabar.pipeline import RunConfig, safe_run_id

        return RunConfig.from_env(ds, safe_run_id(run_id))

    @task(execution_timeout=task_timeout("plan"))
    def plan(ds: str | None = None, run_id: str | None = None) -> list[int]:
        from khabar.pipeline import plan

        return list(range(len(plan(run_config(ds, run_id))["batches"])))

    @task(max_active_tis_per_dagrun=4, execution_timeout=task_timeout("process_batch"))
    def process_batch(batch_index: int, ds: str | None = None, run_id: str | None = None) -> dict:
        from khabar.pipeline import process_batch

        return process_batch(run_config(ds, run_id).manifest_uri, batch_index)

    @task(trigger_rule="none_failed", execution_timeout=task_timeout("consolidate"))  # runs after zero batches too (an empty day)
    def consolidate(batch_counts: list[dict], ds: str | None = None, run_id: str | None = None) -> dict:
        from khabar.pipeline import consolidate

        return consolidate(run_config(ds, run_id).manifest_uri)

    @task(execution_timeout=task_timeout("validate"))
    def validate(counts: dict, ds: str | None = None, run_id: str | None = None) -> dict:
        from khabar.pipeline import validate

        report = validate(run_config(ds, run_id).manifest_uri)
        return {k: report[k] for k in ("success", "critical_failures", "warnings", "expectations", "docs")}

    @task(outlets=LAKE_ASSETS, execution_timeout=task_timeout("publish"))
    def publish(validation: dict, ds: str | None = None, run_id: str | None = None, outlet_events=None) -> dict:
        from airflow.sdk.exceptions import AirflowFailException

        from khabar import asset_extras
        from khabar.errors import QualityError
        from khabar.pipeline import publish

        try:
            summary = publish(run_config(ds, run_id).manifest_uri)
        except QualityError as exc:
            raise AirflowFailException(str(exc)) from exc  # a data problem: retrying cannot help
        extras = asset_extras(summary)
        for asset in LAKE_ASSETS:
            outlet_events[asset].extra = extras[asset.name]  # the day and its rows, on each table's Asset event
        return {k: v for k, v in summary.items() if k != "partitions"}

    @task(execution_timeout=task_timeout("report"))
    def report(summary: dict) -> str:
        from khabar.report import write_daily_report

        return write_daily_report(lake_uri(), summary["ingest_date"])

    batch_counts = process_batch.expand(batch_index=plan())
    report(publish(validate(consolidate(batch_counts))))


khabar_daily()
