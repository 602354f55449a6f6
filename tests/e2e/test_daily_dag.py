"""The seeds through the real khabar_daily DAG (dag.test()), then DuckDB over the lake."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import SEEDS, stage
from tests.helpers import query_lake as q

pytestmark = pytest.mark.e2e
DAY = "2025-01-15"
DAGS = Path(__file__).resolve().parents[2] / "dags"


def run_dag(day: str):
    from airflow.dag_processing.dagbag import DagBag

    dag = DagBag(dag_folder=str(DAGS)).dags["khabar_daily"]
    return dag.test(logical_date=dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC))


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    root = tmp_path_factory.mktemp("dag")
    landing, lake = root / "landing", root / "lake"
    stage(landing, DAY, *sorted(SEEDS.glob("*.txt")))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KHABAR_LANDING", str(landing))
        mp.setenv("KHABAR_LAKE", str(lake))
        first = run_dag(DAY)
        assert first.state == "success"
        snapshot = snapshot_tables(lake)
        second = run_dag(DAY)  # the same date again: same rows, no duplicates
        assert second.state == "success"
        yield {"lake": lake, "first": snapshot}


def snapshot_tables(lake: Path) -> dict[str, list[tuple]]:
    return {
        "articles": q(lake, "SELECT * EXCLUDE (source_uri) FROM articles ORDER BY article_id"),
        "mentions": q(lake, "SELECT * FROM mentions ORDER BY article_id, start, kind, key"),
        "events": q(lake, "SELECT * FROM events ORDER BY article_id, event_index"),
        "comments": q(lake, "SELECT * FROM comments ORDER BY article_id, comment_index"),
        "sources": q(lake, "SELECT * EXCLUDE (run_id) FROM sources ORDER BY source_uri, record_index"),
    }


def article(lake: Path, seed: str) -> dict:
    rows = q(lake, "SELECT * FROM articles WHERE source_uri LIKE ?", [f"%{seed}%"])
    assert len(rows) == 1
    cols = [r[0] for r in q(lake, "DESCRIBE articles")]
    return dict(zip(cols, rows[0], strict=True))


def test_seed_002_as_a_user_checks_it(lake) -> None:
    row = article(lake["lake"], "002_")
    assert row["lang"] == "fa"
    assert row["published_date"] == dt.date(2023, 10, 26)
    assert (row["published_calendar"], row["published_raw"]) == ("solar_hijri", "1402/08/04")
    assert row["news_code"] == "101870"
    assert set(row["countries"]) == {"IRN", "OMN"}
    assert "انتهای پیام" not in row["body"]
    assert row["agency"] == "ILNA"


def test_seed_000_is_dari(lake) -> None:
    row = article(lake["lake"], "000_")
    assert row["lang"] == "prs"
    assert set(row["countries"]) == {"AFG", "KAZ"}


def test_seed_003_is_arabic(lake) -> None:
    row = article(lake["lake"], "003_")
    assert row["lang"] == "ar"
    assert set(row["countries"]) == {"IRN", "KEN", "DZA"}
    assert row["title"] is None


def test_seed_004_comment(lake) -> None:
    row = article(lake["lake"], "004_")
    comments = q(
        lake["lake"], "SELECT posted_date, text FROM comments WHERE article_id = ?", [row["article_id"]]
    )
    assert len(comments) == 1
    posted, text = comments[0]
    assert posted == dt.date(2019, 12, 6)
    assert text not in row["body"]
    assert row["published_date"] != dt.date(2019, 12, 6)  # a reader comment's date is not the article's


def test_columns_are_typed(lake) -> None:
    types = dict(q(lake["lake"], "SELECT column_name, column_type FROM (DESCRIBE articles)"))
    assert types["ingest_date"] == "DATE"
    assert types["published_date"] == "DATE"
    assert types["countries"] == "VARCHAR[]"
    assert types["word_count"] == "INTEGER"
    assert types["quantities"].startswith("STRUCT(")


def test_rerun_gives_the_same_rows(lake) -> None:
    assert snapshot_tables(lake["lake"]) == lake["first"]
    assert q(lake["lake"], "SELECT count(*), count(DISTINCT article_id) FROM articles") == [(5, 5)]
    assert q(lake["lake"], "SELECT outcome, count(*) FROM sources GROUP BY outcome") == [("article", 5)]


def test_runs_are_logged_and_validated(lake) -> None:
    runs = q(
        lake["lake"],
        "SELECT status, validation_success, records_seen, articles FROM runs ORDER BY finished_at",
    )
    assert runs == [("published", True, 5, 5), ("published", True, 5, 5)]
    assert (lake["lake"] / "_quality" / "index.html").is_file()
    assert (lake["lake"] / "_reports" / f"{DAY}.html").is_file()
    assert not any((lake["lake"] / "_staging").glob("*/*")), "staging is cleaned after publishing"


def test_mention_offsets_index_the_body(lake) -> None:
    bad = q(
        lake["lake"],
        'SELECT count(*) FROM mentions m JOIN articles a USING (article_id) WHERE substr(a.body, m.start + 1, m."end" - m.start) <> m.surface',
    )
    assert bad == [(0,)]


def test_publish_tells_the_assets_the_day_and_its_rows(lake) -> None:
    """Each table's Asset event carries the ingest date and that table's rows, for whoever it wakes."""
    from airflow.models.asset import AssetEvent, AssetModel
    from airflow.utils.session import create_session
    from sqlalchemy import select

    with create_session() as session:
        events = session.execute(
            select(AssetModel.name, AssetEvent.extra)
            .join(AssetModel, AssetEvent.asset_id == AssetModel.id)
            .where(AssetModel.name.like("khabar_%"))
        ).all()
    latest = dict(events)  # the second run of the day comes last
    assert latest["khabar_articles"]["ingest_date"] == DAY and latest["khabar_articles"]["rows"] == 5
    assert latest["khabar_quarantine"]["rows"] == 0
    assert latest["khabar_mentions"]["rows"] == len(q(lake["lake"], "SELECT * FROM mentions"))


def test_every_dag_says_what_it_does() -> None:
    from airflow.dag_processing.dagbag import DagBag

    dags = DagBag(dag_folder=str(DAGS)).dags
    assert all(dag.description for dag in dags.values())
    assert (
        dags["khabar_report"].is_paused_upon_creation is False
    )  # it follows every publish with no manual unpausing


def test_a_day_whose_landing_never_comes_is_skipped_not_failed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KHABAR_LANDING", str(tmp_path / "landing"))
    monkeypatch.setenv("KHABAR_LAKE", str(tmp_path / "lake"))
    monkeypatch.setenv("KHABAR_LANDING_WAIT_MINUTES", "0")
    run = run_dag("2025-02-02")
    states = {ti.task_id: ti.state for ti in run.get_task_instances()}
    assert states["wait_for_landing"] == "skipped"
    assert set(states.values()) == {
        "skipped"
    }  # plan, consolidate, validate, publish, report: nothing ran, nothing failed
    assert run.state == "success"
    assert not (tmp_path / "lake").exists()


def test_a_late_landing_is_waited_for_then_processed(tmp_path: Path, monkeypatch) -> None:
    """The folder appears while the sensor is deferred: the next look finds it and the day runs."""
    import threading

    landing, lake = tmp_path / "landing", tmp_path / "lake"
    monkeypatch.setenv("KHABAR_LANDING", str(landing))
    monkeypatch.setenv("KHABAR_LAKE", str(lake))
    monkeypatch.setenv("KHABAR_LANDING_WAIT_MINUTES", "5")
    monkeypatch.setenv("KHABAR_LANDING_POKE_SECONDS", "2")
    ready = stage(tmp_path / "upload", "2025-02-03", sorted(SEEDS.glob("*.txt"))[0])
    landing.mkdir()
    late = threading.Timer(
        3.0, lambda: ready.rename(landing / "2025-02-03")
    )  # the day's folder arrives whole
    late.start()
    try:
        run = run_dag("2025-02-03")
    finally:
        late.cancel()
    assert run.state == "success"
    assert q(lake, "SELECT count(*) FROM articles") == [(1,)]
