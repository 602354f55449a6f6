"""kill -9 at several points of a run: the previous day stays intact and the next run
gives the same lake as a clean run (docs/reliability.md, "Crash safety")."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from khabar.lake import store as lake_module
from tests.conftest import REPO, SEEDS, stage

pytestmark = pytest.mark.e2e
DAY = "2025-01-15"
GOLD_ARTICLES = REPO / "tests" / "fixtures" / "gold" / "articles"
#: Where the process is killed: after the first batch, after the first and the fourth partition swap.
FAULTS = ["batch:1", "publish:1", "publish:4"]


def khabar_run(landing: Path, lake: Path, fault: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KHABAR_FAULT": fault or ""}
    return subprocess.run(
        [sys.executable, "-m", "khabar", "run", "--landing", str(landing), "--lake", str(lake), "--date", DAY, "--workers", "1", "--batch-files", "3"],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=300,
    )  # fmt: skip


def snapshot(lake: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect()
    queries = {
        "sources": "SELECT * EXCLUDE (run_id) FROM read_parquet(?) ORDER BY ALL",
        "articles": "SELECT * FROM read_parquet(?) ORDER BY article_id",
        "mentions": "SELECT * FROM read_parquet(?) ORDER BY ALL",
        "events": "SELECT * EXCLUDE (countries, persons, topics), countries, persons, topics FROM read_parquet(?) ORDER BY article_id, event_index",
        "comments": "SELECT * FROM read_parquet(?) ORDER BY ALL",
        "quarantine": "SELECT * EXCLUDE (stored_copy) FROM read_parquet(?) ORDER BY ALL",
    }
    return {
        t: con.execute(sql, [str(lake / t / f"ingest_date={DAY}" / "*.parquet")]).fetchall()
        for t, sql in queries.items()
    }


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash")
    landing = root / "landing"
    stage(landing, DAY, *sorted(SEEDS.glob("*.txt")))
    before = root / "before"  # the day published once, from the seeds
    assert khabar_run(landing, before).returncode == 0
    # more files arrive; a clean run of the new landing is the reference
    stage(landing, DAY, *sorted(GOLD_ARTICLES.glob("fa_*.txt"))[:4])
    (landing / DAY / "noise.txt").write_bytes(bytes(range(256)) * 8)
    clean = root / "clean"
    shutil.copytree(before, clean)
    assert khabar_run(landing, clean).returncode == 0
    return {"root": root, "landing": landing, "before": before, "clean": clean}


@pytest.mark.parametrize("fault", FAULTS)
def test_kill_9_then_rerun(setup, fault: str) -> None:
    lake = setup["root"] / f"lake-{fault.replace(':', '-')}"
    shutil.copytree(setup["before"], lake)
    killed = khabar_run(setup["landing"], lake, fault)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    lake_module.recover(str(lake))  # what the next run does first
    assert snapshot(lake) == snapshot(setup["before"]), "the previous day must be intact"
    rerun = khabar_run(setup["landing"], lake)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert snapshot(lake) == snapshot(setup["clean"])
    assert not list((lake / "_staging").glob("*/*")), "no staging left behind"


def test_the_reference_runs_differ(setup) -> None:
    """The crash tests compare two different states (else they could not fail)."""
    assert snapshot(setup["before"]) != snapshot(setup["clean"])
    assert len(snapshot(setup["clean"])["articles"]) > len(snapshot(setup["before"])["articles"])


def test_two_runs_of_the_same_date_cannot_corrupt_each_other(setup) -> None:
    """Two ``khabar run`` of one date at once: whatever each one's fate, the published day
    is either the previous one or the clean result, and the next run gives the clean lake."""
    lake = setup["root"] / "lake-concurrent"
    shutil.copytree(setup["before"], lake)
    env = {**os.environ, "KHABAR_FAULT": ""}
    args = [
        sys.executable,
        "-m",
        "khabar",
        "run",
        "--landing",
        str(setup["landing"]),
        "--lake",
        str(lake),
        "--date",
        DAY,
        "--workers",
        "1",
        "--batch-files",
        "2",
    ]
    first = subprocess.Popen(args, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    second = subprocess.Popen(args, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    errors = [first.communicate(timeout=300)[1], second.communicate(timeout=300)[1]]
    codes = [first.returncode, second.returncode]
    assert all(code in (0, 2) for code in codes), codes  # published, or failed with a one-line reason
    assert not any(b"Traceback" in err for err in errors)
    lake_module.recover(str(lake))
    assert snapshot(lake) in (snapshot(setup["before"]), snapshot(setup["clean"]))
    assert khabar_run(setup["landing"], lake).returncode == 0
    assert snapshot(lake) == snapshot(setup["clean"])


def test_runs_of_different_dates_do_not_interfere(setup, tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    stage(landing, "2025-01-16", *sorted(GOLD_ARTICLES.glob("ar_*.txt"))[:4])
    stage(landing, DAY, *sorted(SEEDS.glob("*.txt")))
    lake = tmp_path / "lake"
    env = {**os.environ, "KHABAR_FAULT": ""}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "khabar",
                "run",
                "--landing",
                str(landing),
                "--lake",
                str(lake),
                "--date",
                day,
                "--workers",
                "1",
            ],
            env=env,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for day in (DAY, "2025-01-16")
    ]
    for proc in procs:
        proc.communicate(timeout=300)
    assert [p.returncode for p in procs] == [0, 0]
    con = duckdb.connect()

    def bodies(root: Path, day: str) -> list[tuple]:
        return con.execute(
            "SELECT article_id, body FROM read_parquet(?) ORDER BY article_id",
            [str(root / "articles" / f"ingest_date={day}" / "*.parquet")],
        ).fetchall()

    assert bodies(lake, DAY) == bodies(setup["before"], DAY)  # the seeds' day, as when run alone
    assert len(bodies(lake, "2025-01-16")) == 4
