"""The distributed engine for real: Airflow's CeleryExecutor with PostgreSQL and Redis on loopback.

A scheduler, a DAG processor, an API server and one Celery worker (two slots) run as separate
processes against a PostgreSQL metadata database and a Redis broker, as the compose stack's
containers do. Through the REST API the tests trigger ``khabar_daily`` for the seeds and
``khabar_archive`` for a small archive, run ``airflow backfill create``, wait for the runs and
check that the lake holds exactly the rows of the embedded, in-process runs.

PostgreSQL (Debian's package) and ``redis-server`` must be installed; ``.ci/run`` installs
Redis. Without them the tests skip, unless ``KHABAR_REQUIRE_SERVICES=1`` (set by ``.ci/run``).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import tarfile
import time
from pathlib import Path

import pytest

from khabar.analytics.report import connect
from khabar.pipeline.archive import ArchiveConfig, run_archive
from khabar.pipeline.daily import RunConfig, run_day
from tests.conftest import SEED_003, SEEDS, stage
from tests.integration import services

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
DAY = "2025-01-15"
TABLE_QUERIES = {
    "articles": "SELECT * FROM articles ORDER BY ALL",
    "sources": "SELECT * EXCLUDE (run_id) FROM sources ORDER BY ALL",
    "mentions": "SELECT * FROM mentions ORDER BY ALL",
    "events": "SELECT * FROM events ORDER BY ALL",
    "comments": "SELECT * FROM comments ORDER BY ALL",
    "quarantine": "SELECT * EXCLUDE (stored_copy), regexp_extract(stored_copy, '_quarantine/.*') AS copy FROM quarantine ORDER BY ALL",
}


#: Two articles that are in no seed, so the archive run publishes new rows, not only duplicates.
NEW_RECORDS = [
    {
        "title": "لقاء عماني إيراني",
        "date": "2024-03-02",
        "text": "أفادت وكالة الأنباء العمانية أن وزير النقل والاتصالات العماني التقى نظيره الإيراني في مسقط لبحث التعاون في مجال الكابلات البحرية ومراكز البيانات.",
    },
    {
        "title": "دیدار وزیران",
        "date": "2024-03-02",
        "text": "به گزارش ایرنا، وزیر ارتباطات و فناوری اطلاعات ایران با وزیر مخابرات و تکنالوژی معلوماتی افغانستان در کابل دیدار و درباره ترانزیت داده و فیبر نوری گفت‌وگو کرد.",
    },
]


def rows(lake: Path, where: str = "") -> dict[str, list[tuple]]:
    con = connect(str(lake))
    out = {}
    for table, sql in TABLE_QUERIES.items():
        query = sql.replace(f"FROM {table}", f"FROM {table} {where}") if where else sql
        out[table] = con.execute(query).fetchall()
    return out


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    root = tmp_path_factory.mktemp("celery")
    landing, lake = root / "landing", root / "lake"
    # whatever run the scheduler starts by itself when khabar_daily is unpaused finds an empty day
    today = dt.datetime.now(dt.UTC).date()
    for day in (today - dt.timedelta(days=1), today):
        (landing / day.isoformat()).mkdir(parents=True, exist_ok=True)
    try:
        with services.celery_airflow(root, landing, lake, concurrency=2) as airflow:
            yield {"airflow": airflow, "landing": landing, "lake": lake, "root": root}
    except services.ServiceUnavailable as exc:
        if os.environ.get("KHABAR_REQUIRE_SERVICES"):
            raise
        pytest.skip(str(exc))


def test_daily_run_on_celery_equals_the_embedded_run(cluster, tmp_path: Path) -> None:
    airflow, landing = cluster["airflow"], cluster["landing"]
    stage(landing, DAY, *sorted(SEEDS.glob("*.txt")))
    (landing / DAY / "empty.txt").write_bytes(b"")
    run_id = airflow.trigger("khabar_daily", "it_daily", f"{DAY}T00:00:00Z")
    assert airflow.wait_run("khabar_daily", run_id, timeout=900) == "success", airflow.log("worker")[-4000:]

    embedded = tmp_path / "embedded-lake"  # the same landing files, in-process
    run_day(RunConfig(landing=str(landing), lake=str(embedded), ingest_date=DAY))
    where = f"WHERE ingest_date = DATE '{DAY}'"
    distributed = rows(cluster["lake"], where)
    assert distributed == rows(embedded, where)
    assert len(distributed["articles"]) == 5 and len(distributed["quarantine"]) == 1
    # the mapped batches ran on the Celery worker, not in the scheduler
    instances = airflow.api("GET", f"/dags/khabar_daily/dagRuns/{run_id}/taskInstances")["task_instances"]
    assert {ti["task_id"] for ti in instances} >= {
        "plan",
        "process_batch",
        "consolidate",
        "validate",
        "publish",
        "report",
    }
    assert all(ti["state"] == "success" for ti in instances)
    assert "khabar_daily" in airflow.log("worker")


def test_archive_run_on_celery_equals_the_embedded_run(cluster, tmp_path: Path) -> None:
    airflow = cluster["airflow"]
    location = cluster["root"] / "archive.tar.gz"
    with tarfile.open(location, "w:gz") as out:
        for i, seed in enumerate(sorted(SEEDS.glob("*.txt"))):
            data = seed.read_bytes()
            info = tarfile.TarInfo(f"2024/03/0{1 + i % 2}/{seed.name}")
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
        feed = "\n".join(json.dumps(r, ensure_ascii=False) for r in NEW_RECORDS).encode("utf-8")
        info = tarfile.TarInfo("2024/03/02/feed.jsonl")
        info.size = len(feed)
        out.addfile(info, io.BytesIO(feed))
    # the embedded run starts from the lake as the cluster has it (copies of articles already
    # published there are duplicates in both)
    embedded_landing, embedded_lake = tmp_path / "landing", tmp_path / "lake"
    if cluster["lake"].exists():
        shutil.copytree(cluster["lake"], embedded_lake)
    run_id = airflow.trigger(
        "khabar_archive",
        "it_archive",
        None,
        {"location": str(location), "date_by": "folder", "date": "2025-02-01"},
    )
    assert airflow.wait_run("khabar_archive", run_id, timeout=900) == "success", airflow.log("worker")[-4000:]

    run_archive(
        ArchiveConfig(
            location=str(location), landing=str(embedded_landing), lake=str(embedded_lake), date="2025-02-01"
        ),
        workers=2,
    )
    where = "WHERE ingest_date IN (DATE '2024-03-01', DATE '2024-03-02')"
    distributed, embedded = rows(cluster["lake"], where), rows(embedded_lake, where)
    # the landing folders differ (the cluster's and the embedded run's): compare what lies under them
    for table in ("sources", "articles", "quarantine"):
        for source in (distributed, embedded):
            source[table] = [
                tuple(
                    str(v).split("/landing/")[-1] if isinstance(v, str) and "/landing/" in v else v
                    for v in row
                )
                for row in source[table]
            ]
    assert distributed == embedded
    assert len(distributed["sources"]) == 7  # five copies of the seeds (duplicates) and two new articles
    assert len(distributed["articles"]) == 2


def test_backfill_create_runs_a_date_range(cluster) -> None:
    airflow, landing = cluster["airflow"], cluster["landing"]
    for day in ("2025-01-16", "2025-01-17"):
        stage(landing, day, SEED_003, names=[f"copy-{day}.txt"])
    airflow.cli(
        "backfill",
        "create",
        "--dag-id",
        "khabar_daily",
        "--from-date",
        "2025-01-16",
        "--to-date",
        "2025-01-17",
    )
    deadline = time.monotonic() + 900
    while True:
        runs = airflow.api("GET", "/dags/khabar_daily/dagRuns?run_type=backfill&limit=10")["dag_runs"]
        states = sorted((r["logical_date"][:10], r["state"]) for r in runs)
        if len(states) == 2 and all(s in ("success", "failed") for _, s in states):
            break
        assert time.monotonic() < deadline, f"backfill still running: {states}"
        airflow.check_alive()
        time.sleep(3)
    assert states == [("2025-01-16", "success"), ("2025-01-17", "success")]
    # the copy of a seed published on 2025-01-15 is a duplicate on both days, naming the original
    con = connect(str(cluster["lake"]))
    outcomes = con.execute(
        "SELECT CAST(ingest_date AS VARCHAR), outcome FROM sources WHERE ingest_date > DATE '2025-01-15' ORDER BY 1"
    ).fetchall()
    assert outcomes == [("2025-01-16", "duplicate"), ("2025-01-17", "duplicate")]
