"""
### khabar_archive

Backfills an archive: a `.zip`, `.tar.gz`, `.tgz` or `.tar`, or a folder (or `s3://` prefix) of them.

**plan** (list archives and members, cut shards, remove what an earlier run of these archives landed)
-> **unpack** (one mapped task per shard: date each member, copy it to `LANDING/<date>/archive/<archive>/`)
-> **plan_days** (plan every date the archive touched, with the daily pipeline's batches)
-> **process_batch** (one mapped task per batch of every date)
-> **publish_days** (consolidate, validate and publish the dates in order; emits the table Assets).

Params: `location` (path or URI), `date_by` (`folder`: the date in the member's or archive's path;
`published`: each article's own date; `fixed`: `date` for all), `date` (the fixed date and the date
of inputs that cannot be dated; default: the run's logical date, else today).

Each date's partitions are rebuilt from its whole landing folder, exactly as `khabar_daily` would:
re-running an archive (or the daily run of one of its dates) gives the same rows. Progress: the
mapped task counts in the grid, and one log line per shard, batch and date.

Time limits (`execution_timeout`): `unpack` and `process_batch` are sized from their shard and
batch bytes, `publish_days` gets 24 hours; `KHABAR_TIMEOUT_<TASK>` (minutes) overrides any of them.
"""

from __future__ import annotations

import datetime as dt

import pendulum
from airflow.sdk import Asset, Param, dag, task

from khabar import lake_assets
from khabar.core.settings import task_timeout

LAKE_ASSETS = [Asset(name=name, uri=uri) for name, uri in lake_assets()]


@dag(
    dag_id="khabar_archive",
    description="Backfill an archive (.zip, .tar.gz or a folder of them): unpack by date, extract, then validate and publish each date in order",
    schedule=None,  # manual: airflow dags trigger khabar_archive --conf '{"location": "..."}'
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    tags=["khabar", "news", "backfill"],
    default_args={"owner": "khabar", "retries": 2, "retry_delay": dt.timedelta(minutes=1)},
    params={
        "location": Param(
            type="string",
            minLength=1,
            description="a .zip/.tar.gz/.tgz/.tar archive, or a folder or s3:// prefix holding them",
        ),
        "date_by": Param(
            "folder", enum=["folder", "published", "fixed"], description="how articles are dated"
        ),
        "date": Param(
            None,
            type=["null", "string"],
            format="date",
            description="fixed date, and the date of undatable inputs (default: the logical date)",
        ),
    },
    render_template_as_native_obj=True,
    doc_md=__doc__,
)
def khabar_archive() -> None:
    @task(execution_timeout=task_timeout("plan"))
    def plan(params: dict | None = None, ds: str | None = None, run_id: str | None = None) -> list[int]:
        from khabar.core import settings
        from khabar.pipeline.archive import ArchiveConfig, plan_archive
        from khabar.pipeline.daily import safe_run_id

        config = ArchiveConfig(
            location=params["location"], landing=settings.landing_uri(), lake=settings.lake_uri(),
            date=params.get("date") or ds or pendulum.now("UTC").to_date_string(), date_by=params["date_by"], run_id=safe_run_id(run_id),
            parallelism=settings.load().parallelism,
        )  # fmt: skip
        manifest = plan_archive(config)
        return list(range(len(manifest["shards"])))

    def manifest_uri(run_id: str) -> str:
        from khabar.core import settings
        from khabar.pipeline.archive import manifest_uri as uri
        from khabar.pipeline.daily import safe_run_id

        return uri(settings.lake_uri(), safe_run_id(run_id))

    @task(max_active_tis_per_dagrun=4, execution_timeout=task_timeout("unpack"))
    def unpack(shard: int, run_id: str | None = None) -> dict:
        from khabar.pipeline.archive import unpack_shard

        return unpack_shard(manifest_uri(run_id), shard)

    @task(execution_timeout=task_timeout("plan_days"))
    def plan_days(shard_counts: list[dict], run_id: str | None = None) -> list[list]:
        from khabar.pipeline.archive import plan_days

        return [list(item) for item in plan_days(manifest_uri(run_id), list(shard_counts))]

    @task(max_active_tis_per_dagrun=4, execution_timeout=task_timeout("process_batch"))
    def process_batch(item: list) -> dict:
        from khabar.pipeline.daily import process_batch

        return process_batch(item[0], item[1])

    @task(
        outlets=LAKE_ASSETS, trigger_rule="none_failed", execution_timeout=task_timeout("publish_days")
    )  # also after zero batches
    def publish_days(batch_counts: list[dict], run_id: str | None = None, outlet_events=None) -> dict:
        from airflow.sdk.exceptions import AirflowFailException

        from khabar import archive_asset_extras
        from khabar.core.errors import QualityError
        from khabar.pipeline.archive import finish_days

        try:
            result = finish_days(manifest_uri(run_id))
        except QualityError as exc:
            raise AirflowFailException(
                str(exc)
            ) from exc  # the other dates are published; a retry cannot help
        extras = archive_asset_extras(result)
        for asset in LAKE_ASSETS:
            outlet_events[asset].extra = extras[asset.name]  # the dates published and the totals
        return result

    work = plan_days(unpack.expand(shard=plan()))
    publish_days(process_batch.expand(item=work))


khabar_archive()
