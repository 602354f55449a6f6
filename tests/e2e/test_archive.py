"""Archive backfills in-process (``khabar archive``): dating, idempotent re-runs, agreement with daily runs."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest

from khabar.cli import main
from khabar.core.errors import KhabarError, LandingError
from khabar.ingest.sources import Limits
from khabar.pipeline.archive import (
    ArchiveConfig,
    archive_key,
    landed_path,
    list_members,
    path_date,
    run_archive,
)
from khabar.pipeline.daily import RunConfig, run_day
from tests.conftest import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004, stage
from tests.helpers import query_lake as q

pytestmark = pytest.mark.e2e
TABLES = ("articles", "sources", "mentions", "events", "comments", "quarantine")


def make_tar_gz(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def archive(tmp_path: Path, lake: Path, landing: Path, location: Path, workers: int = 1, **kwargs) -> dict:
    config = ArchiveConfig(
        location=str(location), landing=str(landing), lake=str(lake), **{"date": "2025-01-01", **kwargs}
    )
    return run_archive(config, workers=workers)


@pytest.fixture
def archives(tmp_path: Path) -> Path:
    """Two archives of the seeds, dated by folder: three articles on 2024-03-01, two on 2024-03-02."""
    folder = tmp_path / "archives"
    (folder / "irna").mkdir(parents=True)
    make_tar_gz(folder / "irna" / "2024.tar.gz", {
        "2024/03/01/000.txt": SEED_000.read_bytes(),
        "2024/03/01/001.txt": SEED_001.read_bytes(),
        "2024/03/02/002.txt": SEED_002.read_bytes(),
    })  # fmt: skip
    make_zip(
        folder / "mehr-2024-03-01.zip",
        {"003.txt": SEED_003.read_bytes(), "docs/2024-03-02/004.txt": SEED_004.read_bytes()},
    )
    (folder / "notes.txt").write_text("not an archive: ignored", encoding="utf-8")
    return folder


def test_path_dates_keys_and_safe_names() -> None:
    assert path_date("a/2019/03/04/x.txt") == "2019-03-04"
    assert path_date("2015-07-21.json") == "2015-07-21"
    assert path_date("20190304_x.txt") == "2019-03-04"
    assert path_date("id-120190304.txt") is None  # inside a longer number
    assert path_date("2019-02-30.txt") is None
    assert path_date("2019/03/04/2020-01-05.txt") == "2020-01-05"  # the deepest date wins
    assert archive_key("/a/archives", "/a/archives/irna/2024.tar.gz") == "irna__2024.tar.gz"
    assert archive_key("/a/one.zip", "/a/one.zip") == "one.zip"
    assert landed_path("../../etc/passwd") == "etc/passwd"
    assert landed_path("__MACOSX/._x.txt") == "%5F_MACOSX/%2E_x.txt"


def test_bad_configuration_and_locations(tmp_path: Path, lake: Path, landing: Path) -> None:
    with pytest.raises(KhabarError, match="date_by"):
        ArchiveConfig(location="x", landing=str(landing), lake=str(lake), date="2025-01-01", date_by="mtime")
    with pytest.raises(KhabarError, match="YYYY-MM-DD"):
        ArchiveConfig(location="x", landing=str(landing), lake=str(lake), date="yesterday")
    with pytest.raises(LandingError, match="no archive or folder"):
        archive(tmp_path, lake, landing, tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(LandingError, match="no .zip"):
        archive(tmp_path, lake, landing, tmp_path / "empty")
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(LandingError, match="cannot read archive"):
        archive(tmp_path, lake, landing, tmp_path / "broken.zip")


def test_folder_dates_land_and_publish_each_day(
    tmp_path: Path, lake: Path, landing: Path, archives: Path
) -> None:
    result = archive(tmp_path, lake, landing, archives, shard_members=2)
    assert (result["archives"], result["members"], result["dates"]) == (2, 5, 2)
    assert (result["inputs"], result["articles"], result["duplicates"], result["quarantined"]) == (5, 5, 0, 0)
    per_day = q(lake, "SELECT CAST(ingest_date AS VARCHAR), count(*) FROM articles GROUP BY 1 ORDER BY 1")
    assert per_day == [("2024-03-01", 3), ("2024-03-02", 2)]
    # 003.txt has no date in its own path: the archive's name (mehr-2024-03-01.zip) dates it
    assert (
        landing / "2024-03-01" / "archive" / "mehr-2024-03-01.zip" / "003.txt"
    ).read_bytes() == SEED_003.read_bytes()
    assert (landing / "2024-03-02" / "archive" / "irna__2024.tar.gz" / "2024/03/02/002.txt").is_file()
    # each date is validated and recorded like a daily run
    assert q(lake, "SELECT count(*), bool_and(validation_success) FROM runs WHERE status = 'published'") == [
        (2, True)
    ]


def test_rerun_is_idempotent_and_agrees_with_daily_runs(
    tmp_path: Path, lake: Path, landing: Path, archives: Path
) -> None:
    archive(tmp_path, lake, landing, archives, shard_members=2)
    first = {
        t: q(lake, f"SELECT * EXCLUDE (run_id) FROM {t} ORDER BY ALL")
        if t == "sources"
        else q(lake, f"SELECT * FROM {t} ORDER BY ALL")
        for t in TABLES
    }
    archive(tmp_path, lake, landing, archives, shard_members=3, workers=2)  # other shards, two processes
    again = {
        t: q(lake, f"SELECT * EXCLUDE (run_id) FROM {t} ORDER BY ALL")
        if t == "sources"
        else q(lake, f"SELECT * FROM {t} ORDER BY ALL")
        for t in TABLES
    }
    assert again == first
    assert q(lake, "SELECT count(*) FROM articles") == [(5,)]
    # the daily run of a date the archive landed on reads the same landing: same rows
    run_day(RunConfig(landing=str(landing), lake=str(lake), ingest_date="2024-03-02"))
    assert q(lake, "SELECT * FROM articles ORDER BY ALL") == first["articles"]


def test_published_dates_and_changing_the_method_moves_articles(
    tmp_path: Path, lake: Path, landing: Path
) -> None:
    records = [
        {"title": "خبر", "text": SEED_003.read_text(encoding="utf-8"), "date": "2023-05-06"},
        {"title": "خبر دیگر", "text": SEED_000.read_text(encoding="utf-8"), "date": "2023-05-07"},
        {"title": "بی تاریخ", "text": SEED_004.read_text(encoding="utf-8").replace("۱۴۰۲", "")},
    ]
    location = make_zip(tmp_path / "feed.zip", {
        "2020-01-01/feed.jsonl": "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8"),
        "2020-01-01/002.txt": SEED_002.read_bytes(),  # dated 1402/08/04 in its text
    })  # fmt: skip
    published = archive(tmp_path, lake, landing, location, date_by="published", date="2025-06-01")
    assert published["articles"] == 4
    days = q(lake, "SELECT CAST(ingest_date AS VARCHAR), count(*) FROM articles GROUP BY 1 ORDER BY 1")
    undated = q(lake, "SELECT CAST(ingest_date AS VARCHAR) FROM articles WHERE published_date IS NULL")
    assert ("2023-05-06", 1) in days and ("2023-05-07", 1) in days and ("2023-10-26", 1) in days
    assert all(d == "2025-06-01" for (d,) in undated)  # the fallback date
    assert (landing / "2023-05-06" / "archive" / "feed.zip" / "2020-01-01" / "feed.jsonl").is_file()

    # the same archive dated by folder instead: everything moves to 2020-01-01, nothing stays behind
    moved = archive(tmp_path, lake, landing, location, date_by="folder")
    assert moved["articles"] == 4
    assert q(lake, "SELECT CAST(ingest_date AS VARCHAR), count(*) FROM articles GROUP BY 1") == [
        ("2020-01-01", 4)
    ]
    assert q(lake, "SELECT count(*) FROM sources WHERE ingest_date <> DATE '2020-01-01'") == [(0,)]


def test_fixed_date_unsafe_members_and_quarantine(tmp_path: Path, lake: Path, landing: Path) -> None:
    location = tmp_path / "mixed.tar.gz"
    with tarfile.open(location, "w:gz") as out:
        for name, data in {
            "../../escape/001.txt": SEED_001.read_bytes(),
            "empty.txt": b"",
            "page.pdf": b"%PDF-1.4",
        }.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("link.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        out.addfile(link)
    members = list_members(str(location), Limits())
    assert [(m.name, m.problem) for m in members][-1] == ("link.txt", "link to '/etc/passwd'")
    result = archive(tmp_path, lake, landing, location, date_by="fixed", date="2025-02-03")
    assert (result["members"], result["inputs"], result["articles"], result["quarantined"]) == (4, 3, 1, 2)
    assert [s["name"] for s in result["skipped"]] == ["link.txt"]
    # the traversing name landed inside the archive's folder, never outside the landing zone
    assert (landing / "2025-02-03" / "archive" / "mixed.tar.gz" / "escape" / "001.txt").is_file()
    assert not (tmp_path / "escape").exists()
    assert sorted(r for (r,) in q(lake, "SELECT reason FROM quarantine")) == ["empty", "unsupported_type"]


def test_cli_archive(tmp_path: Path, lake: Path, landing: Path, archives: Path, capsys) -> None:
    assert (
        main(["archive", str(archives), "--landing", str(landing), "--lake", str(lake), "--workers", "1"])
        == 0
    )
    summary = json.loads(capsys.readouterr().out)
    assert (summary["articles"], summary["dates_published"]) == (5, 2)
    assert main(["archive", str(tmp_path / "nowhere"), "--landing", str(landing), "--lake", str(lake)]) == 2
    assert "no archive or folder" in capsys.readouterr().err


def test_archive_and_daily_files_share_a_date(tmp_path: Path, lake: Path, landing: Path) -> None:
    stage(landing, "2024-03-01", SEED_000)
    location = make_zip(tmp_path / "one.zip", {"2024-03-01/x.txt": SEED_001.read_bytes()})
    # the date is rebuilt from its whole landing folder: the daily file and the archive's article
    assert archive(tmp_path, lake, landing, location)["articles"] == 2
    assert q(lake, "SELECT count(*) FROM articles WHERE ingest_date = DATE '2024-03-01'") == [(2,)]
