"""Shared fixtures: the seed articles, fresh landing/lake folders, the optional real corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = REPO.parent / "shared" / "corpus" / "real"

SEED_002 = SEEDS / "002_281cd1e16a81b240.txt"  # Iranian Persian, ILNA page, dated 1402/08/04
SEED_000 = SEEDS / "000_7c56e2c6a74a65f5.txt"  # Dari, Afghan ministry
SEED_003 = SEEDS / "003_0333949c540d989d.txt"  # Arabic, Mehr
SEED_004 = SEEDS / "004_08d6907c83251550.txt"  # Persian, YJC, one reader comment
SEED_001 = SEEDS / "001_cf406d2a4f39d281.txt"  # Persian, kicker + title


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    path = tmp_path / "landing"
    path.mkdir()
    return path


@pytest.fixture
def lake(tmp_path: Path) -> Path:
    return tmp_path / "lake"


def stage(landing: Path, day: str, *files: Path, names: list[str] | None = None) -> Path:
    """Copy files into LANDING/<day>/ (optionally under other names)."""
    target = landing / day
    target.mkdir(parents=True, exist_ok=True)
    for i, file in enumerate(files):
        shutil.copy(file, target / (names[i] if names else file.name))
    return target


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("the real corpus (../shared/corpus/real) is not present")
    return CORPUS


def two_day_lake(root: Path, second_day: dict[str, bytes], run_id: str | None = None) -> Path:
    """A lake of two days: the seeds on 2025-01-15, then IRNA's copy of seed 002 (one story
    carried by two agencies) and ``second_day``'s files on 2025-01-16 (published by ``run_id``)."""
    from khabar.pipeline.daily import RunConfig, run_day

    landing, lake = root / "landing", root / "lake"
    stage(landing, "2025-01-15", *sorted(SEEDS.glob("*.txt")))
    run_day(RunConfig(landing=str(landing), lake=str(lake), ingest_date="2025-01-15"))
    day = landing / "2025-01-16"
    day.mkdir(parents=True)
    (day / "copy.txt").write_text("به گزارش ایرنا، " + SEED_002.read_text(encoding="utf-8"), encoding="utf-8")
    for name, data in second_day.items():
        (day / name).write_bytes(data)
    run_day(
        RunConfig(
            landing=str(landing),
            lake=str(lake),
            ingest_date="2025-01-16",
            **({"run_id": run_id} if run_id else {}),
        )
    )
    return lake
