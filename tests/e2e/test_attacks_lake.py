"""Attacks on the lake and the publish (issue 14, items 4, 10 and 11): a journal left empty
by a full disk, a backup copy of a partition beside the real one, a landing folder emptied by
a retention job. Each test names what a user checks: the exit code, the line on stderr, the
rows of the lake, the warning in the run's ``runs`` row (docs/reliability.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from khabar.analytics.report import connect, render
from khabar.cli import main
from khabar.core.errors import LandingError
from khabar.lake import store as lake_module
from khabar.pipeline.daily import RunConfig, run_day
from tests.conftest import SEEDS, stage

pytestmark = pytest.mark.e2e
DAY = "2025-01-15"
OTHER_DAY = "2025-01-16"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def articles_of(lake: Path, day: str = DAY) -> list[str]:
    """The article ids published under ``day`` (read the way the README reads the lake)."""
    pattern = str(lake / "articles" / f"ingest_date={day}" / "*.parquet")
    return [
        r[0] for r in duckdb.sql(f"SELECT article_id FROM read_parquet('{pattern}') ORDER BY 1").fetchall()
    ]


def run_row(lake: Path, run_id: str, day: str = DAY) -> dict:
    """The ``runs`` row of ``run_id``."""
    con = duckdb.connect()
    cursor = con.execute(
        "SELECT * FROM read_parquet(?) WHERE run_id = ?",
        [str(lake / "runs" / f"ingest_date={day}" / "*.parquet"), run_id],
    )
    names = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    assert len(rows) == 1, rows
    return dict(zip(names, rows[0], strict=True))


def run_warnings(row: dict) -> list[str]:
    """The lake's own warnings recorded in a ``runs`` row (beside the failed expectations)."""
    return [f["expectation"] for f in json.loads(row["validation_detail"]) if f.get("frame") == "lake"]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> dict[str, Path]:
    """A lake with the seeds published for DAY, kept as a read-only reference."""
    root = tmp_path_factory.mktemp("published")
    landing = root / "landing"
    stage(landing, DAY, *SEED_FILES)
    lake = root / "lake"
    assert run_day(RunConfig(landing=str(landing), lake=str(lake), ingest_date=DAY))["articles"] == 5
    return {"landing": landing, "lake": lake}


def copy_of(published: dict[str, Path], tmp_path: Path) -> tuple[Path, Path]:
    landing, lake = tmp_path / "landing", tmp_path / "lake"
    shutil.copytree(published["landing"], landing)
    shutil.copytree(published["lake"], lake)
    return landing, lake


# --- 4. a disk that fills at publish -------------------------------------------------------


def test_an_empty_journal_left_by_a_full_disk_does_not_stop_later_runs(
    published, tmp_path: Path, capsys, caplog
) -> None:
    """Before: every later run crashed in recovery with JSONDecodeError. Now the empty journal
    is recognised (nothing of that run is left to undo), removed with a warning, and runs go on."""
    landing, lake = copy_of(published, tmp_path)
    before = articles_of(lake)
    (lake / "_trash" / "x").mkdir(parents=True)
    (lake / "_trash" / "x" / "_journal.json").write_bytes(b"")
    stage(landing, OTHER_DAY, SEED_FILES[0])
    caplog.set_level("WARNING", logger="khabar")
    code = main(
        ["run", "--landing", str(landing), "--lake", str(lake), "--date", OTHER_DAY, "--workers", "1"]
    )
    err = capsys.readouterr().err
    assert code == 0, err
    assert "unreadable publish journal" in caplog.text and "_trash/x/_journal.json" in caplog.text
    assert "Traceback" not in err and "JSONDecodeError" not in err
    assert not (lake / "_trash" / "x").exists()
    assert articles_of(lake) == before  # the published day is untouched
    assert len(articles_of(lake, OTHER_DAY)) == 0  # its one seed is a duplicate of DAY's copy
    assert main(["run", "--landing", str(landing), "--lake", str(lake), "--date", DAY, "--workers", "1"]) == 0
    assert articles_of(lake) == before


def test_a_truncated_commit_mark_is_rolled_back_from_what_the_trash_holds(published, tmp_path: Path) -> None:
    """The journal of an older khabar truncated by a full disk while it marked the publish
    committed: every table had been swapped. Recovery reads the tables from the trash and
    restores the previous day, as the run (which failed) reported."""
    landing, lake = copy_of(published, tmp_path)
    before = articles_of(lake)
    stage(
        landing,
        DAY,
        *sorted((SEEDS.parent / "tests" / "fixtures" / "gold" / "articles").glob("fa_*.txt"))[:2],
    )
    real_write = lake_module._write_journal

    def full_disk(lake_uri: str, run_id: str, payload: dict) -> None:
        if payload["state"] == "committed":  # what an in-place write did when the disk filled
            path = Path(lake_uri) / "_trash" / run_id / "_journal.json"
            path.write_bytes(b"")
            raise OSError(28, "No space left on device")
        real_write(lake_uri, run_id, payload)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(lake_module, "_write_journal", full_disk)
        with pytest.raises(OSError, match="No space left"):
            run_day(RunConfig(landing=str(landing), lake=str(lake), ingest_date=DAY))
    assert len(articles_of(lake)) == 7  # every table was swapped in before the commit mark failed
    restored = lake_module.recover(str(lake))
    assert sorted(restored) == sorted(
        f"{t}/ingest_date={DAY}"
        for t in ("sources", "articles", "mentions", "events", "comments", "quarantine")
    )
    assert articles_of(lake) == before
    assert not any((lake / "_trash").iterdir())


def test_a_commit_mark_that_cannot_be_written_leaves_the_previous_journal_whole(
    tmp_path: Path, monkeypatch
) -> None:
    """Journals are written to a temporary file, synced and renamed: a write that fails (a
    full disk) leaves the previous journal as it was, never an empty file."""
    lake = tmp_path / "lake"
    lake_module._write_journal(
        str(lake), "run-a", {"ingest_date": DAY, "tables": ["articles"], "state": "swapping"}
    )

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", no_space)
    with pytest.raises(OSError, match="No space left"):
        lake_module._write_journal(
            str(lake), "run-a", {"ingest_date": DAY, "tables": ["articles"], "state": "committed"}
        )
    monkeypatch.undo()
    journal = lake / "_trash" / "run-a" / "_journal.json"
    assert json.loads(journal.read_text(encoding="utf-8"))["state"] == "swapping"
    assert [p.name for p in journal.parent.iterdir()] == ["_journal.json"]  # no temporary file left


# --- 10. a backup copy of a partition --------------------------------------------------------


def test_a_backup_copy_of_a_partition_is_ignored_with_a_warning(published, tmp_path: Path, caplog) -> None:
    """Before: the re-run published 0 articles (all «duplicates» of the .bak copy) and the
    report crashed on a type mismatch. Now only ``ingest_date=<valid date>`` folders are the
    lake; the copy and a stray file are ignored, named in the log and in the run's row."""
    landing, lake = copy_of(published, tmp_path)
    before = articles_of(lake)
    for table in ("articles", "sources", "mentions"):
        shutil.copytree(lake / table / f"ingest_date={DAY}", lake / table / f"ingest_date={DAY}.bak")
    (lake / "articles" / "notes.parquet").write_bytes(b"not parquet")
    (lake / "articles" / "ingest_date=2025-13-45").mkdir()
    caplog.set_level("WARNING", logger="khabar")
    summary = run_day(RunConfig(landing=str(landing), lake=str(lake), ingest_date=DAY, run_id="rerun"))
    assert (summary["articles"], summary["duplicates"]) == (5, 0)
    assert articles_of(lake) == before
    assert f"ingest_date={DAY}.bak" in caplog.text and "notes.parquet" in caplog.text
    warnings = run_warnings(run_row(lake, "rerun"))
    assert any(f"articles/ingest_date={DAY}.bak" in w for w in warnings), warnings
    assert any("ingest_date=2025-13-45" in w for w in warnings), warnings
    assert summary["lake_warnings"] == warnings
    assert "5 articles (5 stories) from 5 inputs over 1 day(s)" in render(str(lake), "text")
    con = connect(str(lake))
    assert con.execute("SELECT count(*), count(DISTINCT ingest_date) FROM articles").fetchone() == (5, 1)
    assert con.execute("SELECT count(*) FROM sources").fetchone() == (5,)


def test_published_dates_are_only_valid_partition_folders(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    for name in (
        f"ingest_date={DAY}",
        f"ingest_date={DAY}.bak",
        "ingest_date=20250115",
        "ingest_date=2025-02-30",
        f"copy of ingest_date={DAY}",
        "ingest_date=٢٠٢٥-٠١-١٥",
    ):
        (lake / "articles" / name).mkdir(parents=True)
    (lake / "articles" / "README.txt").write_text("x")
    assert lake_module.published_dates(str(lake)) == [DAY]
    ignored = lake_module.ignored_partitions(str(lake))
    assert len(ignored) == 6 and all(p.startswith("articles/") for p in ignored)


# --- 11. an emptied landing folder -------------------------------------------------------------


def test_an_emptied_landing_folder_does_not_replace_a_published_day(
    published, tmp_path: Path, capsys
) -> None:
    """Before: the published day was replaced by an empty one, exit 0. Now ``khabar run``
    exits 2 with a one-line reason and publishes nothing, unless --allow-empty says the
    emptying is intended."""
    landing, lake = copy_of(published, tmp_path)
    before = articles_of(lake)
    for file in (landing / DAY).iterdir():
        file.unlink()
    args = ["run", "--landing", str(landing), "--lake", str(lake), "--date", DAY, "--workers", "1"]
    assert main(args) == 2
    err = capsys.readouterr().err
    reason = [line for line in err.splitlines() if line.startswith("khabar run:")]
    assert (
        len(reason) == 1
        and "is empty" in reason[0]
        and "--allow-empty" in reason[0]
        and "5 inputs" in reason[0]
    ), err
    assert articles_of(lake) == before
    assert (
        len(list((lake / "runs" / f"ingest_date={DAY}").iterdir())) == 1
    )  # no run recorded, nothing published

    with pytest.raises(LandingError, match="is empty"):
        run_day(RunConfig(landing=str(landing), lake=str(lake), ingest_date=DAY))
    assert articles_of(lake) == before

    assert main([*args, "--allow-empty"]) == 0
    assert articles_of(lake) == []
    capsys.readouterr()


def test_an_intended_empty_day_is_published_with_a_warning(tmp_path: Path) -> None:
    """A date that never had a publish may be empty (nothing is lost), and so may one that had,
    with allow_empty; either way the run's row says that the landing folder was empty."""
    landing, lake = tmp_path / "landing", tmp_path / "lake"
    (landing / DAY).mkdir(parents=True)
    summary = run_day(RunConfig(landing=str(landing), lake=str(lake), ingest_date=DAY, run_id="first"))
    assert (summary["records_seen"], summary["articles"]) == (0, 0)
    assert any("landing folder" in w and "empty" in w for w in run_warnings(run_row(lake, "first")))
    stage(landing, DAY, *SEED_FILES)
    assert run_day(RunConfig(landing=str(landing), lake=str(lake), ingest_date=DAY))["articles"] == 5
    for file in (landing / DAY).iterdir():
        file.unlink()
    summary = run_day(
        RunConfig(landing=str(landing), lake=str(lake), ingest_date=DAY, run_id="emptied", allow_empty=True)
    )
    assert summary["articles"] == 0 and articles_of(lake) == []
    assert any("replaces a published day of 5 inputs" in w for w in run_warnings(run_row(lake, "emptied")))
