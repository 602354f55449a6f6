"""The lake and the landing zone on object storage: an S3 API server on loopback (moto's server
mode), the same pipeline, the same rows as on a local folder; DuckDB reads the lake from S3."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import duckdb
import pytest

from khabar.archive import ArchiveConfig, run_archive
from khabar.cli import main
from khabar.pipeline import RunConfig, run_day
from khabar.report import connect, render
from khabar.storage import filesystem
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
        "sources": con.execute("SELECT * EXCLUDE (source_uri, run_id) FROM sources ORDER BY source_sha256").fetchall(),
        "mentions": con.execute("SELECT * FROM mentions ORDER BY ALL").fetchall(),
        "events": con.execute("SELECT * FROM events ORDER BY ALL").fetchall(),
        "comments": con.execute("SELECT * FROM comments ORDER BY ALL").fetchall(),
        "quarantine": con.execute("SELECT * EXCLUDE (source_uri, stored_copy) FROM quarantine ORDER BY ALL").fetchall(),
    }


def test_daily_run_on_s3_gives_the_rows_of_a_local_run(s3_server: str, tmp_path: Path) -> None:
    day = stage(tmp_path / "landing", DAY, *sorted(SEEDS.glob("*.txt")))
    (day / "empty.txt").write_bytes(b"")  # one quarantined input: its copy goes to S3 too
    local = run_day(RunConfig(landing=str(tmp_path / "landing"), lake=str(tmp_path / "lake"), ingest_date=DAY))

    upload(day, f"{s3_server}/landing/{DAY}")
    lake = f"{s3_server}/lake"
    config = RunConfig(landing=f"{s3_server}/landing", lake=lake, ingest_date=DAY, parallelism=2, batch_files=2)
    remote = run_day(config, workers=2)  # batches in two processes, all reading and writing S3
    assert (remote["articles"], remote["quarantined"]) == (local["articles"], local["quarantined"]) == (5, 1)
    assert rows(connect(lake)) == rows(connect(str(tmp_path / "lake")))

    fs, root = filesystem(lake)
    assert fs.exists(f"{root}/articles/ingest_date={DAY}")
    assert fs.exists(f"{root}/_quality/index.html")  # Data Docs kept with the lake
    assert [p for p in fs.find(f"{root}/_quarantine")]  # the empty file's original bytes
    assert not fs.exists(f"{root}/_staging/ingest_date={DAY}/{config.run_id}")

    again = run_day(RunConfig(landing=f"{s3_server}/landing", lake=lake, ingest_date=DAY))  # a re-run replaces the day
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
    assert con.execute("SELECT lang, count(*) FROM articles GROUP BY 1 ORDER BY 1").fetchall() == [("ar", 1), ("fa", 3), ("prs", 1)]


def test_archive_backfill_from_and_to_s3(s3_server: str, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("2024-03-01/003.txt", SEED_003.read_bytes())
    fs, _ = filesystem(s3_server)
    fs.pipe(f"{BUCKET}/archives/2024/mehr.zip", buffer.getvalue())
    config = ArchiveConfig(location=f"{s3_server}/archives", landing=f"{s3_server}/landing", lake=f"{s3_server}/archive-lake", date="2025-01-01")
    result = run_archive(config, workers=2)
    assert (result["archives"], result["articles"], result["dates_published"]) == (1, 1, 1)
    assert fs.exists(f"{BUCKET}/landing/2024-03-01/archive/2024__mehr.zip/2024-03-01/003.txt")
    con = connect(f"{s3_server}/archive-lake")
    assert con.execute("SELECT CAST(ingest_date AS VARCHAR), lang FROM articles").fetchall() == [("2024-03-01", "ar")]
