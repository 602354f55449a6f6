"""The khabar_report DAG for real (dag.test()): the analysts' database and the lake's HTML page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from khabar.pipeline.daily import RunConfig, run_day
from tests.conftest import SEEDS, stage

pytestmark = pytest.mark.e2e
DAGS = Path(__file__).resolve().parents[2] / "dags"


def test_report_dag_writes_the_database_and_the_page(tmp_path: Path, monkeypatch) -> None:
    from airflow.dag_processing.dagbag import DagBag

    landing, lake = tmp_path / "landing", tmp_path / "lake"
    stage(landing, "2025-01-15", *sorted(SEEDS.glob("*.txt")))
    run_day(RunConfig(landing=str(landing), lake=str(lake), ingest_date="2025-01-15"))
    monkeypatch.setenv("KHABAR_LAKE", str(lake))
    run = (
        DagBag(dag_folder=str(DAGS))
        .dags["khabar_report"]
        .test(logical_date=dt.datetime(2025, 1, 16, tzinfo=dt.UTC))
    )
    assert run.state == "success"
    con = duckdb.connect(str(lake / "khabar.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (5,)
    assert con.execute("SELECT count(*) FROM q_quality_panel WHERE validation_success").fetchone() == (1,)
    page = (lake / "_reports" / "latest.html").read_text(encoding="utf-8")
    assert "5 articles (5 stories)" in page and "id='chart-engagement'" in page
