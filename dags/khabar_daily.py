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
"""

from __future__ import annotations

import datetime as dt

import pendulum
from airflow.sdk import Asset, dag, task

from khabar.schema import DATA_TABLES
from khabar.settings import lake_uri
from khabar.storage import as_uri, join

#: One Asset per published table, so downstream DAGs can be scheduled on the lake.
LAKE_ASSETS = [Asset(name=f"khabar_{table}", uri=as_uri(join(lake_uri(), table))) for table in DATA_TABLES]


@dag(
    dag_id="khabar_daily",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,  # dates are deduplicated against each other: one at a time
    tags=["khabar", "news", "daily"],
    default_args={"owner": "khabar", "retries": 2, "retry_delay": dt.timedelta(minutes=1)},
    doc_md=__doc__,
)
def khabar_daily() -> None:
    @task
    def plan(ds: str | None = None, run_id: str | None = None) -> dict:
        from khabar.pipeline import RunConfig, plan, safe_run_id

        manifest = plan(RunConfig.from_env(ds, safe_run_id(run_id)))
        return {"manifest_uri": manifest["manifest_uri"], "batches": list(range(len(manifest["batches"]))), "files": manifest["files_seen"]}

    @task(max_active_tis_per_dagrun=4)
    def process_batch(manifest_uri: str, batch_index: int) -> dict:
        from khabar.pipeline import process_batch

        return process_batch(manifest_uri, batch_index)

    @task(trigger_rule="none_failed")
    def consolidate(manifest_uri: str, batch_counts: list[dict] | None = None) -> dict:
        from khabar.pipeline import consolidate

        return consolidate(manifest_uri)

    @task
    def validate(manifest_uri: str, counts: dict) -> dict:
        from khabar.pipeline import validate

        report = validate(manifest_uri)
        return {k: report[k] for k in ("success", "critical_failures", "warnings", "expectations", "docs")}

    @task(outlets=LAKE_ASSETS)
    def publish(manifest_uri: str, validation: dict) -> dict:
        from airflow.sdk.exceptions import AirflowFailException

        from khabar.errors import QualityError
        from khabar.pipeline import publish

        try:
            summary = publish(manifest_uri)
        except QualityError as exc:
            raise AirflowFailException(str(exc)) from exc  # a data problem: retrying cannot help
        return {k: v for k, v in summary.items() if k != "partitions"}

    @task
    def report(summary: dict) -> str:
        from khabar.report import write_daily_report

        return write_daily_report(lake_uri(), summary["ingest_date"])

    planned = plan()
    manifest_uri = planned["manifest_uri"]
    batches = process_batch.partial(manifest_uri=manifest_uri).expand(batch_index=planned["batches"])
    counts = consolidate(manifest_uri, batches)
    report(publish(manifest_uri, validate(manifest_uri, counts)))


khabar_daily()
