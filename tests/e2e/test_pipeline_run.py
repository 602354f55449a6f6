"""``khabar run`` in-process: outcomes, duplicates across days, quarantine, idempotency, quality gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.cli import main
from khabar.core.errors import LandingError, QualityError
from khabar.lake import quality
from khabar.pipeline.daily import RunConfig, run_day
from tests.conftest import SEED_000, SEED_002, SEED_003, SEEDS, stage
from tests.helpers import query_lake as q

pytestmark = pytest.mark.e2e


def run(landing: Path, lake: Path, day: str, **kwargs) -> dict:
    return run_day(RunConfig(landing=str(landing), lake=str(lake), ingest_date=day, **kwargs))


def test_a_day_of_mixed_input(landing: Path, lake: Path, tmp_path: Path) -> None:
    stage(landing, "2025-01-15", *sorted(SEEDS.glob("*.txt")))
    first = run(landing, lake, "2025-01-15")
    assert (first["articles"], first["duplicates"], first["quarantined"]) == (5, 0, 0)

    day = stage(landing, "2025-01-16", SEED_002, names=["copy of 002.txt"])
    text = SEED_002.read_text(encoding="utf-8")
    (day / "respaced.txt").write_text(text.replace(" ", "  "), encoding="utf-8")  # same text, other spacing
    (day / "empty.txt").write_bytes(b"")
    (day / "noise.txt").write_bytes(bytes(range(256)) * 8)
    (day / "english.txt").write_text("Nothing here is Persian or Arabic.", encoding="utf-8")
    oman = "أفادت وكالة الأنباء العمانية أن وزير النقل والاتصالات العماني التقى نظيره الإيراني في مسقط لبحث التعاون في مجال الكابلات البحرية."
    (day / "feed.jsonl").write_text(
        json.dumps(
            {"title": "خبر", "text": oman, "url": "https://x.example/news/123456/a"}, ensure_ascii=False
        )
        + "\n"
        + "{broken\n"
        + json.dumps({"title": "نسخة", "text": SEED_003.read_text(encoding="utf-8")}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    (day / "page.html").write_text(
        "<html><head><script>var x=1</script></head><body><nav>خانه | اخبار</nav><h1>دیدار وزیران</h1>"
        "<p>وزیر ارتباطات ایران با وزیر مخابرات و تکنالوژی معلوماتی افغانستان در کابل دیدار کرد.</p></body></html>",
        encoding="utf-8",
    )
    second = run(landing, lake, "2025-01-16")
    assert second["records_seen"] == 9
    assert second["records_seen"] == second["articles"] + second["duplicates"] + second["quarantined"]
    assert (second["articles"], second["duplicates"], second["quarantined"]) == (2, 3, 4)

    outcomes = dict(
        q(
            lake,
            "SELECT regexp_extract(source_uri, '[^/]+$'), coalesce(reason, outcome) FROM sources WHERE ingest_date = DATE '2025-01-16' AND record_index = 0",
        )
    )
    assert outcomes["copy of 002.txt"] == "duplicate"
    assert outcomes["respaced.txt"] == "duplicate"
    assert outcomes["empty.txt"] == "empty"
    assert outcomes["noise.txt"] == "undecodable"
    assert outcomes["english.txt"] == "unknown_language"
    assert outcomes["page.html"] == "article"
    assert q(lake, "SELECT reason FROM sources WHERE record_index = 1 AND source_uri LIKE '%feed.jsonl'") == [
        ("malformed_json",)
    ]
    # the duplicate names the article already published on 2025-01-15
    dup_id = q(lake, "SELECT article_id FROM sources WHERE source_uri LIKE '%copy of 002.txt'")[0][0]
    assert q(lake, "SELECT ingest_date::VARCHAR FROM articles WHERE article_id = ?", [dup_id]) == [
        ("2025-01-15",)
    ]
    # quarantined originals are kept byte for byte
    for uri, copy in q(
        lake, "SELECT source_uri, stored_copy FROM quarantine WHERE source_uri NOT LIKE '%.jsonl'"
    ):
        assert Path(copy).read_bytes() == Path(uri).read_bytes()
    html_article = q(
        lake, "SELECT title, list_sort(countries) FROM articles WHERE source_uri LIKE '%page.html'"
    )
    assert html_article == [("دیدار وزیران", ["AFG", "IRN"])]
    json_article = q(
        lake,
        "SELECT title, news_code, agency, list_sort(countries) FROM articles WHERE source_uri LIKE '%feed.jsonl'",
    )
    assert json_article == [("خبر", "123456", "ONA", ["IRN", "OMN"])]
    assert q(
        lake, "SELECT outcome FROM sources WHERE source_uri LIKE '%feed.jsonl' AND record_index = 2"
    ) == [("duplicate",)]

    # re-running the first day after the second changes nothing
    before = q(
        lake, "SELECT * EXCLUDE (run_id) FROM sources WHERE ingest_date = DATE '2025-01-15' ORDER BY ALL"
    )
    run(landing, lake, "2025-01-15")
    assert (
        q(lake, "SELECT * EXCLUDE (run_id) FROM sources WHERE ingest_date = DATE '2025-01-15' ORDER BY ALL")
        == before
    )
    assert q(lake, "SELECT count(*), count(DISTINCT article_id) FROM articles") == [(7, 7)]


def test_batches_and_workers_give_the_same_lake(landing: Path, tmp_path: Path) -> None:
    stage(landing, "2025-01-15", *sorted(SEEDS.glob("*.txt")))
    stage(landing, "2025-01-15", SEED_000, names=["zz-copy.txt"])
    one = run(landing, tmp_path / "one", "2025-01-15")
    many = run_day(
        RunConfig(landing=str(landing), lake=str(tmp_path / "many"), ingest_date="2025-01-15", batch_files=2),
        workers=2,
    )
    assert (one["articles"], one["duplicates"]) == (many["articles"], many["duplicates"]) == (5, 1)
    sql = "SELECT * EXCLUDE (source_uri) FROM articles ORDER BY article_id"
    assert q(tmp_path / "one", sql) == q(tmp_path / "many", sql)


def test_empty_day_publishes_empty_partitions(landing: Path, lake: Path) -> None:
    (landing / "2025-01-15").mkdir()
    summary = run(landing, lake, "2025-01-15")
    assert (summary["files_seen"], summary["articles"]) == (0, 0)
    assert (lake / "articles" / "ingest_date=2025-01-15").is_dir()


def test_missing_landing_day_is_an_error(landing: Path, lake: Path) -> None:
    with pytest.raises(LandingError):
        run(landing, lake, "2025-01-15")


def test_critical_failure_publishes_nothing(
    landing: Path, lake: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stage(landing, "2025-01-15", SEED_002)
    run(landing, lake, "2025-01-15")
    before = q(lake, "SELECT article_id FROM articles")
    stage(landing, "2025-01-15", SEED_003)

    real = quality.validate_day

    def failing(*args, **kwargs):
        report = real(*args, **kwargs)
        return {
            **report,
            "success": False,
            "critical_failures": 1,
            "failed": [{"expectation": "articles.simulated", "severity": "critical"}],
        }

    monkeypatch.setattr(quality, "validate_day", failing)
    with pytest.raises(QualityError, match="nothing published"):
        run(landing, lake, "2025-01-15")
    assert q(lake, "SELECT article_id FROM articles") == before  # the previous partition is intact
    assert q(lake, "SELECT status, error LIKE '%articles.simulated%' FROM runs ORDER BY finished_at") == [
        ("published", None),
        ("failed", True),
    ]


def test_validation_catches_bad_rows(landing: Path, lake: Path) -> None:
    import pyarrow as pa

    from khabar.lake.schema import DATA_TABLES, TABLES

    stage(landing, "2025-01-15", SEED_002)
    run(landing, lake, "2025-01-15")
    tables = {
        t: pa.concat_tables(
            [
                __import__("pyarrow.parquet").parquet.read_table(p, schema=TABLES[t])
                for p in (lake / t).glob("*/*.parquet")
            ]
        )
        for t in DATA_TABLES
    }
    articles = tables["articles"].to_pylist()
    articles[0]["lang"] = "en"
    articles.append(dict(articles[0]))  # a duplicate article_id
    tables["articles"] = pa.Table.from_pylist(articles, schema=TABLES["articles"])
    report = quality.validate_day(
        tables, ingest_date="2025-01-15", run_id="t", docs_uri=str(lake / "_quality")
    )
    failed = {f["expectation"] for f in report["failed"] if f["severity"] == "critical"}
    assert report["success"] is False
    assert "articles.expect_column_values_to_be_in_set(lang)" in failed
    assert "articles.expect_column_values_to_be_unique(article_id)" in failed


def test_cli_run_and_report(
    landing: Path, lake: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    stage(landing, "2025-01-15", *sorted(SEEDS.glob("*.txt")))
    assert (
        main(
            ["run", "--landing", str(landing), "--lake", str(lake), "--date", "2025-01-15", "--workers", "1"]
        )
        == 0
    )
    summary = json.loads(capsys.readouterr().out)
    assert (summary["files_seen"], summary["articles"], summary["validation"]["success"]) == (5, 5, True)

    assert main(["report", "--lake", str(lake)]) == 0
    text = capsys.readouterr().out
    for title in (
        "Articles per day and agency",
        "Countries engaged with (pairs)",
        "Topics",
        "Events",
        "Quarantine reasons",
    ):
        assert title in text
    assert "IRN        OMN" in text

    out = tmp_path / "report.html"
    assert main(["report", "--lake", str(lake), "--format", "html", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "dir='auto'" in page and "ILNA" in page

    assert main(["report", "--lake", str(lake), "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("section,row,column,value")
    assert main(["report", "--lake", str(lake), "--format", "md"]) == 0
    assert "| country_a | country_b |" in capsys.readouterr().out


def test_cli_run_missing_day_exits_non_zero(
    landing: Path, lake: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "--landing", str(landing), "--lake", str(lake), "--date", "2025-01-15"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("khabar run: landing folder for 2025-01-15 not found")


def test_a_retried_task_after_a_storage_error_changes_nothing(
    landing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A storage error in the middle of a batch; Airflow retries the task; the lake is as if nothing happened."""
    from khabar.lake import store as lake_module
    from khabar.pipeline import daily

    stage(landing, "2025-01-15", *sorted(SEEDS.glob("*.txt")))
    clean = tmp_path / "clean"
    run(landing, clean, "2025-01-15")

    flaky = tmp_path / "flaky"
    manifest = daily.plan(
        RunConfig(landing=str(landing), lake=str(flaky), ingest_date="2025-01-15", run_id="airflow-run")
    )
    real_write = lake_module.TableWriter.write
    calls = {"n": 0}

    def failing_write(self, table) -> None:
        calls["n"] += 1
        if calls["n"] == 3:  # the third table of the batch's first flush
            raise OSError("simulated storage error")
        real_write(self, table)

    monkeypatch.setattr(lake_module.TableWriter, "write", failing_write)
    with pytest.raises(OSError, match="simulated"):
        daily.process_batch(manifest.manifest_uri, 0)
    daily.process_batch(manifest.manifest_uri, 0)  # the retry
    daily.consolidate(manifest.manifest_uri)
    daily.validate(manifest.manifest_uri)
    daily.publish(manifest.manifest_uri)
    sql = "SELECT * EXCLUDE (run_id) FROM sources ORDER BY ALL"
    assert q(flaky, sql) == q(clean, sql)
    assert q(flaky, "SELECT * FROM articles ORDER BY article_id") == q(
        clean, "SELECT * FROM articles ORDER BY article_id"
    )


def test_validation_in_chunks(landing: Path, lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of two rows: the clean day passes; an article id repeated in another chunk
    (which no single chunk can see) fails the day-level key check."""
    import pyarrow as pa

    from khabar.lake.schema import DATA_TABLES, TABLES

    stage(landing, "2025-01-15", *sorted(SEEDS.glob("*.txt")))
    run(landing, lake, "2025-01-15")
    monkeypatch.setattr(quality, "DEFAULT_CHUNK_ROWS", 2)
    monkeypatch.setitem(quality.CHUNK_ROWS, "articles", 2)
    files = {t: sorted(str(p) for p in (lake / t).glob("*/*.parquet")) for t in DATA_TABLES}
    report = quality.validate_day(
        files, ingest_date="2025-01-15", run_id="t", docs_uri=str(lake / "_quality")
    )
    assert (report["success"], report["critical_failures"], report["expectations"]) == (True, 0, 56)

    articles = pa.concat_tables(
        [
            __import__("pyarrow.parquet").parquet.read_table(p, schema=TABLES["articles"])
            for p in files["articles"]
        ]
    )
    tables: dict[str, object] = {t: files[t] for t in DATA_TABLES}
    tables["articles"] = pa.concat_tables([articles, articles.slice(0, 1)])  # rows 0 and 5: chunks 1 and 3
    report = quality.validate_day(
        tables, ingest_date="2025-01-15", run_id="t2", docs_uri=str(lake / "_quality")
    )
    failed = {f["expectation"] for f in report["failed"] if f["severity"] == "critical"}
    assert report["success"] is False
    assert "day_keys.expect_column_pair_values_to_be_equal(rows)" in failed

    # list values are validated over several chunks of articles at once: a bad code in the last counts once
    monkeypatch.setattr(quality, "DEFAULT_CHUNK_ROWS", 1_000)
    rows = articles.to_pylist()
    rows[-1]["countries"] = [*rows[-1]["countries"], "XXX"]
    tables["articles"] = pa.Table.from_pylist(rows, schema=TABLES["articles"])
    report = quality.validate_day(
        tables, ingest_date="2025-01-15", run_id="t3", docs_uri=str(lake / "_quality")
    )
    (bad,) = [f for f in report["failed"] if f["frame"] == "article_countries"]
    assert (bad["expectation"], bad["unexpected_count"], bad["examples"]) == (
        "article_countries.expect_column_values_to_be_in_set(value)",
        1,
        ["XXX"],
    )
    assert report["expectations"] == 56


def test_a_batch_writes_its_rows_as_it_goes(
    landing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One JSON Lines file of five articles, flushed every two inputs: three row groups
    per staged table, and the same lake as one flush at the end."""
    import pyarrow.parquet as pq

    from khabar.pipeline import daily

    day = landing / "2025-01-15"
    day.mkdir(parents=True)
    with (day / "all.jsonl").open("w", encoding="utf-8") as sink:
        for seed in sorted(SEEDS.glob("*.txt")):
            sink.write(json.dumps({"text": seed.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n")
    whole = tmp_path / "whole"
    run(landing, whole, "2025-01-15")

    monkeypatch.setattr(daily, "FLUSH_INPUTS", 2)
    flushed = tmp_path / "flushed"
    manifest = daily.plan(
        RunConfig(landing=str(landing), lake=str(flushed), ingest_date="2025-01-15", run_id="flush")
    )
    daily.process_batch(manifest.manifest_uri, 0)
    assert pq.ParquetFile(manifest.area.batch_file("articles", 0)).num_row_groups == 3
    daily.consolidate(manifest.manifest_uri)
    daily.validate(manifest.manifest_uri)
    daily.publish(manifest.manifest_uri)
    sql = "SELECT * EXCLUDE (run_id) FROM sources ORDER BY ALL"
    assert len(q(flushed, sql)) == 5 and q(flushed, sql) == q(whole, sql)
    assert q(flushed, "SELECT * FROM articles ORDER BY article_id") == q(
        whole, "SELECT * FROM articles ORDER BY article_id"
    )


def test_quarantined_inputs_are_written_as_they_go(
    landing: Path, lake: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file of nothing but broken lines still flushes: memory does not grow with it."""
    import pyarrow.parquet as pq

    from khabar.pipeline import daily

    day = landing / "2025-01-15"
    day.mkdir(parents=True)
    (day / "broken.jsonl").write_text("{not json\n" * 5, encoding="utf-8")
    monkeypatch.setattr(daily, "FLUSH_INPUTS", 2)
    manifest = daily.plan(
        RunConfig(landing=str(landing), lake=str(lake), ingest_date="2025-01-15", run_id="broken")
    )
    counts = daily.process_batch(manifest.manifest_uri, 0)
    assert (counts["records"], counts["quarantined"]) == (5, 5)
    assert pq.ParquetFile(manifest.area.batch_file("quarantine", 0)).num_row_groups == 3
    assert pq.ParquetFile(manifest.area.batch_file("sources", 0)).num_row_groups == 3
