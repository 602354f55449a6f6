"""The khabar_archive DAG for real (dag.test()): a tar.gz of the seeds, dated by folder, then again."""

from __future__ import annotations

import datetime as dt
import io
import tarfile
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.helpers import query_lake as q

pytestmark = pytest.mark.e2e
DAGS = Path(__file__).resolve().parents[2] / "dags"


def run_archive_dag(conf: dict):
    from airflow.dag_processing.dagbag import DagBag

    dag = DagBag(dag_folder=str(DAGS)).dags["khabar_archive"]
    return dag.test(logical_date=dt.datetime(2025, 2, 1, tzinfo=dt.UTC), run_conf=conf)


def test_archive_dag_backfills_by_folder_date_and_reruns_idempotently(tmp_path: Path, monkeypatch) -> None:
    location = tmp_path / "archive.tar.gz"
    seeds = sorted(SEEDS.glob("*.txt"))
    with tarfile.open(location, "w:gz") as out:
        for i, seed in enumerate(seeds):
            data = seed.read_bytes()
            info = tarfile.TarInfo(f"2024/03/0{1 + i % 2}/{seed.name}")
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
    lake = tmp_path / "lake"
    monkeypatch.setenv("KHABAR_LANDING", str(tmp_path / "landing"))
    monkeypatch.setenv("KHABAR_LAKE", str(lake))
    monkeypatch.setenv("KHABAR_PARALLELISM", "2")

    first = run_archive_dag({"location": str(location)})
    assert first.state == "success"
    per_day = q(lake, "SELECT CAST(ingest_date AS VARCHAR), count(*) FROM articles GROUP BY 1 ORDER BY 1")
    assert per_day == [("2024-03-01", 3), ("2024-03-02", 2)]
    rows = q(lake, "SELECT * FROM articles ORDER BY article_id")

    second = run_archive_dag({"location": str(location)})
    assert second.state == "success"
    assert q(lake, "SELECT * FROM articles ORDER BY article_id") == rows
    assert q(lake, "SELECT outcome, count(*) FROM sources GROUP BY 1") == [("article", 5)]
    assert q(lake, "SELECT count(*) FROM runs WHERE status = 'published'") == [(4,)]  # two dates, twice
    from airflow.models.asset import AssetEvent, AssetModel
    from airflow.utils.session import create_session
    from sqlalchemy import select

    with create_session() as session:
        extra = session.execute(
            select(AssetEvent.extra).join(AssetModel, AssetEvent.asset_id == AssetModel.id)
            .where(AssetModel.name == "khabar_articles", AssetEvent.source_run_id == second.run_id)
        ).scalar_one()  # fmt: skip
    assert (extra["ingest_dates"], extra["articles"], extra["dates_published"]) == (
        ["2024-03-01", "2024-03-02"],
        5,
        2,
    )  # a re-run replaces its dates


def test_archive_dag_rejects_a_bad_date_method(tmp_path: Path, monkeypatch) -> None:
    from airflow.sdk.definitions.param import ParamValidationError

    monkeypatch.setenv("KHABAR_LAKE", str(tmp_path / "lake"))
    with pytest.raises(ParamValidationError):
        run_archive_dag({"location": str(tmp_path), "date_by": "mtime"})
