"""
### khabar_daily

Turns the news files that landed on the logical date into validated Parquet tables.

**wait_for_landing** (until `LANDING/<ds>/` exists: deferred between looks, so it holds no
worker slot; after `KHABAR_LANDING_WAIT_MINUTES`, 6 hours by default, the run ends as skipped
with the reason in the task log, not as a failure)
-> `LANDING/<ds>/**` -> **plan** (list files, cut batches, write the run manifest)
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
from airflow.sdk import Asset, BaseOperator, dag, task

from khabar import lake_assets
from khabar.core.settings import lake_uri, landing_poke, landing_uri, landing_wait, task_timeout

LAKE_ASSETS = [Asset(name=name, uri=uri) for name, uri in lake_assets()]


class WaitForLanding(BaseOperator):
    """Look for ``LANDING/<ds>/``; while it is missing, defer for ``KHABAR_LANDING_POKE_SECONDS``
    (the triggerer waits, no worker slot is held) and look again, until ``KHABAR_LANDING_WAIT_MINUTES``
    after the first look; then skip the run: a day whose files never came is not a failure."""

    def execute(self, context, deadline: str | None = None, event=None) -> str:
        from airflow.providers.standard.triggers.temporal import TimeDeltaTrigger
        from airflow.sdk.exceptions import AirflowSkipException

        from khabar.ingest.sources import landing_arrived

        ds = context["ds"]
        if landing_arrived(landing_uri(), ds):
            return ds
        now = pendulum.now("UTC")
        until = pendulum.parse(deadline) if deadline else now + landing_wait()
        if now >= until:
            waited = round(landing_wait().total_seconds() / 60)
            raise AirflowSkipException(
                f"landing folder for {ds} has not arrived after {waited} minutes ({landing_uri()}/{ds}): nothing to do, the run is skipped"
            )
        self.log.info(
            "landing folder for %s not there yet (%s/%s): looking again in %s, until %s",
            ds,
            landing_uri(),
            ds,
            landing_poke(),
            until.isoformat(),
        )
        self.defer(
            trigger=TimeDeltaTrigger(min(landing_poke(), until - now)),
            method_name="execute",
            kwargs={"deadline": until.isoformat()},
        )


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
        from khabar.pipeline.daily import RunConfig, safe_run_id

        return RunConfig.from_env(ds, safe_run_id(run_id))

    @task(execution_timeout=task_timeout("plan"))
    def plan(ds: str | None = None, run_id: str | None = None) -> list[int]:
        from khabar.pipeline.daily import plan

        return list(range(len(plan(run_config(ds, run_id)).batches)))

    @task(max_active_tis_per_dagrun=4, execution_timeout=task_timeout("process_batch"))
    def process_batch(batch_index: int, ds: str | None = None, run_id: str | None = None) -> dict:
        from khabar.pipeline.daily import process_batch

        return process_batch(run_config(ds, run_id).manifest_uri, batch_index)

    # after zero batches too (an empty day: the mapped task is skipped, the plan succeeded), not after a skipped plan
    @task(trigger_rule="none_failed_min_one_success", execution_timeout=task_timeout("consolidate"))
    def consolidate(batch_counts: list[dict], ds: str | None = None, run_id: str | None = None) -> dict:
        from khabar.pipeline.daily import consolidate

        return consolidate(run_config(ds, run_id).manifest_uri)

    @task(execution_timeout=task_timeout("validate"))
    def validate(counts: dict, ds: str | None = None, run_id: str | None = None) -> dict:
        from khabar.pipeline.daily import validate

        report = validate(run_config(ds, run_id).manifest_uri)
        return {k: report[k] for k in ("success", "critical_failures", "warnings", "expectations", "docs")}

    @task(outlets=LAKE_ASSETS, execution_timeout=task_timeout("publish"))
    def publish(
        validation: dict, ds: str | None = None, run_id: str | None = None, outlet_events=None
    ) -> dict:
        from airflow.sdk.exceptions import AirflowFailException

        from khabar import asset_extras
        from khabar.core.errors import QualityError
        from khabar.pipeline.daily import publish

        try:
            summary = publish(run_config(ds, run_id).manifest_uri)
        except QualityError as exc:
            raise AirflowFailException(str(exc)) from exc  # a data problem: retrying cannot help
        extras = asset_extras(summary)
        for asset in LAKE_ASSETS:
            outlet_events[asset].extra = extras[
                asset.name
            ]  # the day and its rows, on each table's Asset event
        return {k: v for k, v in summary.items() if k != "partitions"}

    @task(execution_timeout=task_timeout("report"))
    def report(summary: dict) -> str:
        from khabar.analytics.report import write_daily_report

        return write_daily_report(lake_uri(), summary["ingest_date"])

    landed = WaitForLanding(task_id="wait_for_landing", execution_timeout=task_timeout("wait_for_landing"))
    planned = plan()
    landed >> planned
    batch_counts = process_batch.expand(batch_index=planned)
    consolidated = consolidate(batch_counts)
    planned >> consolidated  # a plan of zero batches still consolidates; a skipped plan does not
    report(publish(validate(consolidated)))


khabar_daily()
