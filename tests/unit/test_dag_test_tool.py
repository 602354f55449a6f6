"""tools/dag_test.py, behind `make day`: the progress lines it shows and the cause it names."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

spec = importlib.util.spec_from_file_location(
    "dag_test", Path(__file__).resolve().parents[2] / "tools" / "dag_test.py"
)
dag_test = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dag_test)

LOG = """\
2026-12-03T06:30:31.123Z [info     ] plan 2025-01-15: 5 files (22564 bytes) in 1 batches [khabar.pipeline.daily] loc=pipeline.py:260
2026-12-03T06:30:31.200Z [info     ] Articles per day and agency [khabar.analytics.report] loc=report.py:492
Traceback (most recent call last):
  File "/x/airflow/sdk/execution_time/task_runner.py", line 900, in run
khabar.core.errors.LandingError: landing folder for 2025-02-02 not found: /data/landing/2025-02-02
During handling of the above exception, another exception occurred:
airflow.sdk.exceptions.AirflowException: Task failed
"""


def test_progress_lines_are_khabar_pipeline_messages_only() -> None:
    lines = [dag_test.progress_line(line) for line in LOG.splitlines()]
    assert lines[0] == "plan 2025-01-15: 5 files (22564 bytes) in 1 batches"
    assert lines[1] is None  # the report is printed whole after the run, not line by line
    assert all(line is None for line in lines[2:])


def test_the_root_cause_is_khabars_exception_not_airflows_wrapper() -> None:
    assert (
        dag_test.root_cause(LOG)
        == "LandingError: landing folder for 2025-02-02 not found: /data/landing/2025-02-02"
    )
    assert (
        dag_test.root_cause("OSError: disk full\nairflow.exceptions.AirflowException: Task failed\n")
        == "OSError: disk full"
    )
    assert (
        dag_test.root_cause("airflow.exceptions.AirflowException: Task failed\n")
        == "AirflowException: Task failed"
    )
    assert dag_test.root_cause("all well\n") is None


def test_a_missing_landing_is_refused_before_airflow_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("KHABAR_LANDING", str(tmp_path))
    assert dag_test.main(["2025-02-02", str(tmp_path / "log")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: no landing folder for 2025-02-02: {tmp_path}/2025-02-02 does not exist")
    assert not (tmp_path / "log").exists()  # Airflow never started
