"""The command line as a user meets it: settings checked in one place with one-line errors,
counts that must be positive, a plan without writing (--dry-run), help with examples, and
progress reported stage by stage."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from khabar.cli import build_parser, main
from khabar.core import settings
from khabar.core.errors import ConfigError
from khabar.core.progress import Bars, Silent, for_terminal
from khabar.pipeline.daily import RunConfig, run_day
from tests.conftest import SEEDS, stage


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("KHABAR_BATCH_FILES", "abc", "khabar: KHABAR_BATCH_FILES must be a whole number, got 'abc'"),
        ("KHABAR_PARALLELISM", "0", "khabar: KHABAR_PARALLELISM must be a whole number >= 1, got '0'"),
        (
            "KHABAR_LANDING_WAIT_MINUTES",
            "-5",
            "khabar: KHABAR_LANDING_WAIT_MINUTES must be a whole number >= 0, got '-5'",
        ),
        ("KHABAR_ALLOW_EMPTY", "maybe", "khabar: KHABAR_ALLOW_EMPTY must be true or false, got 'maybe'"),
    ],
)
def test_a_bad_setting_is_one_line_and_exit_2(
    variable: str, value: str, message: str, monkeypatch, capsys
) -> None:
    monkeypatch.setenv(variable, value)
    assert main(["run", "--date", "2025-01-15"]) == 2
    assert capsys.readouterr().err.strip() == message  # one line, no traceback


def test_settings_are_read_in_one_place(monkeypatch) -> None:
    monkeypatch.setenv("KHABAR_BATCH_FILES", "7")
    monkeypatch.setenv("KHABAR_ALLOW_EMPTY", "yes")
    monkeypatch.setenv("KHABAR_LAKE", "")  # empty counts as unset
    configured = settings.load()
    assert (configured.batch_files, configured.allow_empty) == (7, True)
    assert settings.lake_uri().endswith("/data/lake")
    config = RunConfig.from_env("2025-01-15", "r1")
    assert (config.batch_files, config.allow_empty) == (7, True)
    monkeypatch.setenv("KHABAR_MAX_FILE_BYTES", "1e6")
    with pytest.raises(ConfigError, match="KHABAR_MAX_FILE_BYTES must be a whole number, got '1e6'"):
        RunConfig.from_env("2025-01-15", "r1")


@pytest.mark.parametrize("flag", ["--workers", "--batch-files", "--max-bytes"])
def test_counts_must_be_positive(flag: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["run", "--date", "2025-01-15", flag, "0"])
    assert exit_.value.code == 2
    assert f"argument {flag}: must be at least 1, got 0" in capsys.readouterr().err


def test_every_subcommand_has_a_description_and_examples() -> None:
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # argparse keeps them here
    assert set(commands) >= {
        "extract",
        "run",
        "archive",
        "report",
        "database",
        "sql",
        "dictionary",
        "evaluate",
        "bench",
    }
    for name, sub in commands.items():
        assert sub.description and len(sub.description) > 40, name
        assert sub.epilog and sub.epilog.startswith("examples:") and f"khabar {name}" in sub.epilog, name


def test_run_dry_run_plans_and_writes_nothing(tmp_path: Path, capsys) -> None:
    landing, lake = tmp_path / "landing", tmp_path / "lake"
    stage(landing, "2025-01-15", *sorted(SEEDS.glob("*.txt")))
    assert (
        main(["run", "--landing", str(landing), "--lake", str(lake), "--date", "2025-01-15", "--dry-run"])
        == 0
    )
    out = capsys.readouterr().out
    assert '"dry_run": true' in out and '"files": 5' in out and '"replaces_published_inputs": 0' in out
    assert not lake.exists()  # nothing written, not even the staging area
    assert (
        main(["run", "--landing", str(landing), "--lake", str(lake), "--date", "2025-01-16", "--dry-run"])
        == 2
    )
    assert "landing folder for 2025-01-16 not found" in capsys.readouterr().err


def test_archive_dry_run_counts_members_by_date_and_writes_nothing(tmp_path: Path, capsys) -> None:
    import io as io_
    import tarfile

    location = tmp_path / "archive.tar.gz"
    with tarfile.open(location, "w:gz") as out:
        for i, seed in enumerate(sorted(SEEDS.glob("*.txt"))):
            data = seed.read_bytes()
            info = tarfile.TarInfo(f"2024/03/0{1 + i % 2}/{seed.name}")
            info.size = len(data)
            out.addfile(info, io_.BytesIO(data))
    landing, lake = tmp_path / "landing", tmp_path / "lake"
    assert main(["archive", str(location), "--landing", str(landing), "--lake", str(lake), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert '"members": 5' in out and '"2024-03-01": 3' in out and '"2024-03-02": 2' in out
    assert not landing.exists() and not lake.exists()


class Recorder:
    def __init__(self) -> None:
        self.seen: list[tuple[str, int | None]] = []
        self.steps = 0

    def stage(self, name: str, total: int | None = None) -> None:
        self.seen.append((name, total))

    def advance(self, steps: int = 1) -> None:
        self.steps += steps

    def note(self, message: str) -> None:
        pass

    def close(self) -> None:
        pass


def test_a_run_reports_each_stage_and_batch(tmp_path: Path) -> None:
    landing, lake = tmp_path / "landing", tmp_path / "lake"
    stage(landing, "2025-01-15", *sorted(SEEDS.glob("*.txt")))
    progress = Recorder()
    run_day(
        RunConfig(landing=str(landing), lake=str(lake), ingest_date="2025-01-15", batch_files=2),
        progress=progress,
    )
    assert progress.seen == [
        ("plan", None),
        ("extract (batches)", 3),
        ("consolidate", None),
        ("validate", None),
        ("publish", None),
    ]
    assert progress.steps == 3


def test_bars_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert isinstance(for_terminal(io.StringIO()), Silent)  # a pipe, a file, Airflow's log: plain lines
    bars = for_terminal(Terminal())
    try:
        assert isinstance(bars, Bars)
    finally:
        bars.close()
