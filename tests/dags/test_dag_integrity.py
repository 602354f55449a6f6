"""Every DAG imports cleanly, is tagged, retries, and has the expected task graph."""

from __future__ import annotations

from pathlib import Path

import pytest

DAGS = Path(__file__).resolve().parents[2] / "dags"


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS))


def test_no_import_errors(dagbag) -> None:
    assert dagbag.import_errors == {}
    assert {"khabar_daily", "khabar_archive", "khabar_report"} <= set(dagbag.dags)


def test_every_dag_has_tags_retries_and_docs(dagbag) -> None:
    for dag_id, dag in dagbag.dags.items():
        assert dag.tags, f"{dag_id} has no tags"
        assert dag.doc_md, f"{dag_id} has no doc_md"
        for task in dag.tasks:
            assert task.retries >= 1, f"{dag_id}.{task.task_id} does not retry"


def test_every_task_has_a_time_limit(dagbag) -> None:
    """Runs of a DAG go one date at a time: a task without a limit could hold up every later date."""
    import datetime as dt

    from khabar.core.settings import task_timeout

    for dag_id, dag in dagbag.dags.items():
        for task in dag.tasks:
            assert task.execution_timeout, f"{dag_id}.{task.task_id} has no execution_timeout"
            assert task.execution_timeout == task_timeout(task.task_id)
            assert dt.timedelta(minutes=10) <= task.execution_timeout <= dt.timedelta(hours=24)


def test_the_batch_time_limit_is_sized_from_the_batch_and_can_be_overridden(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import datetime as dt

    from khabar.core import settings

    # 32 MiB at 25 kB/s is 1,342 s: 23 minutes of extraction, plus 10 of start-up
    assert settings.task_timeout("process_batch") == dt.timedelta(minutes=33)
    monkeypatch.setenv("KHABAR_BATCH_BYTES", str(64 * 1024 * 1024))
    assert settings.task_timeout("process_batch") == dt.timedelta(minutes=10 + 45)
    monkeypatch.setenv("KHABAR_TIMEOUT_PROCESS_BATCH", "45")
    assert settings.task_timeout("process_batch") == dt.timedelta(minutes=45)
    monkeypatch.setenv("KHABAR_TIMEOUT_VALIDATE", "0")
    with pytest.raises(ValueError, match="KHABAR_TIMEOUT_VALIDATE must be at least 1"):
        settings.task_timeout("validate")
    with pytest.raises(ValueError, match="no time limit for a task named 'unknown'"):
        settings.task_timeout("unknown")


def test_an_overridden_time_limit_reaches_the_parsed_dag(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from airflow.dag_processing.dagbag import DagBag

    monkeypatch.setenv("KHABAR_TIMEOUT_PROCESS_BATCH", "7")
    bag = DagBag(dag_folder=str(DAGS / "khabar_daily.py"))
    assert bag.dags["khabar_daily"].get_task("process_batch").execution_timeout == dt.timedelta(minutes=7)
    assert bag.dags["khabar_daily"].get_task("validate").execution_timeout == dt.timedelta(hours=2)


def test_the_batch_defaults_match_the_pipeline_and_archive() -> None:
    from khabar.core import settings
    from khabar.pipeline import archive, daily

    assert (settings.DEFAULT_BATCH_BYTES, settings.DEFAULT_SHARD_BYTES) == (
        daily.DEFAULT_BATCH_BYTES,
        archive.DEFAULT_SHARD_BYTES,
    )


def test_daily_schedule_and_concurrency(dagbag) -> None:
    dag = dagbag.dags["khabar_daily"]
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    assert dag.schedule == "@daily"
    assert dag.timetable.expression == "0 0 * * *"


def test_daily_task_graph(dagbag) -> None:
    dag = dagbag.dags["khabar_daily"]
    edges = {(up, task.task_id) for task in dag.tasks for up in task.upstream_task_ids}
    assert set(dag.task_ids) == set(
        "wait_for_landing plan process_batch consolidate validate publish report".split()
    )
    assert edges == {
        ("wait_for_landing", "plan"),
        ("plan", "consolidate"),
        ("plan", "process_batch"),
        ("process_batch", "consolidate"),
        ("consolidate", "validate"),
        ("validate", "publish"),
        ("publish", "report"),
    }
    assert dag.get_task("process_batch").is_mapped
    assert dag.get_task("consolidate").trigger_rule == "none_failed_min_one_success"


def test_publish_emits_one_asset_per_table(dagbag) -> None:
    outlets = dagbag.dags["khabar_daily"].get_task("publish").outlets
    assert sorted(asset.name for asset in outlets) == sorted(
        f"khabar_{t}" for t in ("sources", "articles", "mentions", "events", "comments", "quarantine")
    )


def test_archive_dag_is_manual_with_params_and_mapped_shards(dagbag) -> None:
    dag = dagbag.dags["khabar_archive"]
    assert dag.schedule is None
    assert dag.max_active_runs == 1
    assert set(dag.params.keys()) == {"location", "date_by", "date"}
    assert dag.params.get_param("date_by").value == "folder"
    edges = {(up, task.task_id) for task in dag.tasks for up in task.upstream_task_ids}
    assert edges == {
        ("plan", "unpack"),
        ("unpack", "plan_days"),
        ("plan_days", "process_batch"),
        ("process_batch", "publish_days"),
    }
    assert dag.get_task("unpack").is_mapped and dag.get_task("process_batch").is_mapped
    assert sorted(a.name for a in dag.get_task("publish_days").outlets) == sorted(
        a.name for a in dagbag.dags["khabar_daily"].get_task("publish").outlets
    )


def test_report_dag_refreshes_after_every_publish(dagbag) -> None:
    """Scheduled on the lake's Assets, which both publishing DAGs emit."""
    dag = dagbag.dags["khabar_report"]
    emitted = {a.name for a in dagbag.dags["khabar_daily"].get_task("publish").outlets}
    assert emitted == {a.name for a in dagbag.dags["khabar_archive"].get_task("publish_days").outlets}
    assert {a.name for a in dag.timetable.asset_condition.objects} == emitted
    assert set(dag.task_ids) == {"database", "report"}
    assert {(up, t.task_id) for t in dag.tasks for up in t.upstream_task_ids} == {("database", "report")}


@pytest.mark.parametrize("dag_file", ["khabar_daily.py", "khabar_archive.py", "khabar_report.py"])
def test_dag_file_has_no_heavy_top_level_imports(dag_file: str) -> None:
    source = (DAGS / dag_file).read_text(encoding="utf-8")
    top_level = [line for line in source.splitlines() if line.startswith(("import ", "from "))]
    for heavy in (
        "hazm",
        "great_expectations",
        "duckdb",
        "pyarrow",
        "pandas",
        "khabar.pipeline.daily",
        "khabar.extraction.extract",
        "khabar.pipeline.archive",
    ):
        assert not any(heavy in line for line in top_level), heavy


@pytest.mark.parametrize("dag_file", ["khabar_daily.py", "khabar_archive.py", "khabar_report.py"])
def test_parsing_the_dag_imports_no_heavy_library(dag_file: str) -> None:
    """What the DAG processor pays on every parse: no hazm, GX, pyarrow, pandas or duckdb."""
    import subprocess
    import sys

    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('dag', r'{DAGS / dag_file}')\n"
        "spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
        "print(sorted(m for m in ('hazm', 'great_expectations', 'pyarrow', 'pandas', 'duckdb') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"
