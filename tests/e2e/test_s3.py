"""The lake and the landing zone on object storage: an S3 API server on loopback (moto's server
mode), the same pipeline, the same rows as on a local folder; DuckDB reads the lake from S3."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import duckdb
import pytest

from khabar import DATA_TABLES
from khabar.analytics.report import connect, render
from khabar.cli import main
from khabar.core.errors import LakeError
from khabar.core.storage import filesystem
from khabar.lake import store as lake_module
from khabar.pipeline.archive import ArchiveConfig, run_archive
from khabar.pipeline.daily import RunConfig, run_day
from tests.conftest import SEED_003, SEEDS, stage

pytestmark = pytest.mark.e2e
DAY = "2025-01-15"
BUCKET = "khabar-test"


@pytest.fixture(scope="module")
def s3_server():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    with pytest.MonkeyPatch.context() as mp:
        for key, value in {
            "AWS_ACCESS_KEY_ID": "khabar", "AWS_SECRET_ACCESS_KEY": "khabar-secret", "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ENDPOINT_URL": f"http://{host}:{port}",
        }.items():  # fmt: skip
            mp.setenv(key, value)
        fs, _ = filesystem(f"s3://{BUCKET}")
        fs.mkdir(BUCKET)
        yield f"s3://{BUCKET}"
    server.stop()


def upload(local: Path, uri: str) -> None:
    fs, path = filesystem(uri)
    fs.put(str(local).rstrip("/") + "/", path, recursive=True)


def rows(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every table's rows, with the columns that name a location or a run left out."""
    return {
        "articles": con.execute("SELECT * EXCLUDE (source_uri) FROM articles ORDER BY article_id").fetchall(),
        "sources": con.execute(
            "SELECT * EXCLUDE (source_uri, run_id) FROM sources ORDER BY source_sha256"
        ).fetchall(),
        "mentions": con.execute("SELECT * FROM mentions ORDER BY ALL").fetchall(),
        "events": con.execute("SELECT * FROM events ORDER BY ALL").fetchall(),
        "comments": con.execute("SELECT * FROM comments ORDER BY ALL").fetchall(),
        "quarantine": con.execute(
            "SELECT * EXCLUDE (source_uri, stored_copy) FROM quarantine ORDER BY ALL"
        ).fetchall(),
    }


def test_daily_run_on_s3_gives_the_rows_of_a_local_run(s3_server: str, tmp_path: Path) -> None:
    day = stage(tmp_path / "landing", DAY, *sorted(SEEDS.glob("*.txt")))
    (day / "empty.txt").write_bytes(b"")  # one quarantined input: its copy goes to S3 too
    local = run_day(
        RunConfig(landing=str(tmp_path / "landing"), lake=str(tmp_path / "lake"), ingest_date=DAY)
    )

    upload(day, f"{s3_server}/landing/{DAY}")
    lake = f"{s3_server}/lake"
    config = RunConfig(
        landing=f"{s3_server}/landing", lake=lake, ingest_date=DAY, parallelism=2, batch_files=2
    )
    remote = run_day(config, workers=2)  # batches in two processes, all reading and writing S3
    assert (remote["articles"], remote["quarantined"]) == (local["articles"], local["quarantined"]) == (5, 1)
    assert rows(connect(lake)) == rows(connect(str(tmp_path / "lake")))

    fs, root = filesystem(lake)
    assert fs.exists(f"{root}/articles/ingest_date={DAY}")
    assert fs.exists(f"{root}/_quality/index.html")  # Data Docs kept with the lake
    assert list(fs.find(f"{root}/_quarantine"))  # the empty file's original bytes
    assert not fs.exists(f"{root}/_staging/ingest_date={DAY}/{config.run_id}")

    again = run_day(
        RunConfig(landing=f"{s3_server}/landing", lake=lake, ingest_date=DAY)
    )  # a re-run replaces the day
    assert again["articles"] == 5
    assert connect(lake).execute("SELECT count(*) FROM articles").fetchone() == (5,)


def test_duckdb_and_the_report_read_the_lake_on_s3(s3_server: str, capsys) -> None:
    lake = f"{s3_server}/lake"
    text = render(lake, "text")
    assert "5 articles (5 stories) from 6 inputs over 1 day(s)" in text
    assert main(["report", "--lake", lake, "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# khabar report") and f"lake: {lake}" in out
    con = connect(lake)
    assert con.execute("SELECT lang, count(*) FROM articles GROUP BY 1 ORDER BY 1").fetchall() == [
        ("ar", 1),
        ("fa", 3),
        ("prs", 1),
    ]


def test_archive_backfill_from_and_to_s3(s3_server: str, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("2024-03-01/003.txt", SEED_003.read_bytes())
    fs, _ = filesystem(s3_server)
    fs.pipe(f"{BUCKET}/archives/2024/mehr.zip", buffer.getvalue())
    config = ArchiveConfig(
        location=f"{s3_server}/archives",
        landing=f"{s3_server}/landing",
        lake=f"{s3_server}/archive-lake",
        date="2025-01-01",
    )
    result = run_archive(config, workers=2)
    assert (result["archives"], result["articles"], result["dates_published"]) == (1, 1, 1)
    assert fs.exists(f"{BUCKET}/landing/2024-03-01/archive/2024__mehr.zip/2024-03-01/003.txt")
    con = connect(f"{s3_server}/archive-lake")
    assert con.execute("SELECT CAST(ingest_date AS VARCHAR), lang FROM articles").fetchall() == [
        ("2024-03-01", "ar")
    ]


def test_readers_never_see_half_a_day_on_s3(s3_server: str, tmp_path: Path) -> None:
    """On S3 objects are copied one by one, so the publish cannot be a folder rename: readers
    follow the day manifest instead, which the publish replaces in one PUT. Whatever step a
    publish is at (looked at after each table) or dies at, the views show the previous day;
    recovery deletes what the dead run copied; the next run publishes the whole new day."""
    lake = f"{s3_server}/half-lake"
    landing = f"{s3_server}/half-landing"
    day = stage(tmp_path / "landing", DAY, *sorted(SEEDS.glob("*.txt")))
    upload(day, f"{landing}/{DAY}")
    assert run_day(RunConfig(landing=landing, lake=lake, ingest_date=DAY))["articles"] == 5
    before = rows(connect(lake))
    more = stage(
        tmp_path / "more",
        DAY,
        *sorted((SEEDS.parent / "tests" / "fixtures" / "gold" / "articles").glob("fa_*.txt"))[:2],
    )
    upload(more, f"{landing}/{DAY}")

    seen = []

    def look_then_die_at_the_fourth_table(step: str, count: int) -> None:
        if step == "publish":
            seen.append(rows(connect(lake)))
            if count == 4:
                raise RuntimeError("killed during the publish")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(lake_module, "fault_point", look_then_die_at_the_fourth_table)
        with pytest.raises(RuntimeError, match="killed"):
            run_day(RunConfig(landing=landing, lake=lake, ingest_date=DAY, run_id="dies"))
    assert len(seen) == 4 and all(view == before for view in seen), "a reader saw part of the new day"
    assert rows(connect(lake)) == before
    assert lake_module.recover(lake) == [f"{t}/ingest_date={DAY}" for t in DATA_TABLES]
    assert rows(connect(lake)) == before
    fs, root = filesystem(lake)
    assert not [p for p in fs.find(f"{root}/articles") if "part-dies" in p], (
        "the dead run's copies are deleted"
    )

    assert run_day(RunConfig(landing=landing, lake=lake, ingest_date=DAY, run_id="lives"))["articles"] == 7
    after = rows(connect(lake))
    assert len(after["articles"]) == 7 and after != before
    for table in DATA_TABLES:  # the previous run's files are gone once the new day is visible
        assert [p.rsplit("/", 1)[1] for p in fs.find(f"{root}/{table}/ingest_date={DAY}")] == [
            "part-lives.parquet"
        ]
    assert "7 articles" in render(lake, "text")


def test_a_backup_copy_of_a_partition_on_s3_is_not_read(s3_server: str) -> None:
    """Only ``ingest_date=<date>`` folders are the lake, on S3 too (the lake of the first test)."""
    lake = f"{s3_server}/lake"
    fs, root = filesystem(lake)
    count = connect(lake).execute("SELECT count(*) FROM articles").fetchone()
    for path in fs.find(f"{root}/articles/ingest_date={DAY}"):
        fs.copy(path, path.replace(f"ingest_date={DAY}/", f"ingest_date={DAY}.bak/"))
    assert lake_module.published_dates(lake) == [DAY]
    assert connect(lake).execute("SELECT count(*) FROM articles").fetchone() == count


def test_the_publish_lock_holds_on_s3(s3_server: str, monkeypatch) -> None:
    """Of two runs, one holds the lock (a conditional PUT, If-None-Match: *); the other waits
    and, past its timeout, fails with the holder named. A lock whose run died (not renewed
    for the lease) is taken over."""
    lake = f"{s3_server}/lock-lake"
    fs, root = filesystem(lake)
    lock = f"{root}/_locks/publish.lock"
    with lake_module.publish_lock(lake):
        assert fs.exists(lock)
        with (
            pytest.raises(LakeError, match="is locked by another run"),
            lake_module.publish_lock(lake, timeout=0.2),
        ):
            pytest.fail("two runs held the publish lock")
    assert not fs.exists(lock)
    with lake_module.publish_lock(lake, timeout=0.2):
        pass
    fs.pipe(lock, json.dumps({"host": "gone", "pid": 1, "renewed_at": "2025-01-15T00:00:00+00:00"}).encode())
    with lake_module.publish_lock(lake, timeout=0.2):  # the dead run's lock is taken over
        assert json.loads(fs.cat(lock))["pid"] == os.getpid()
    assert not fs.exists(lock)
