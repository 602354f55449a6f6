"""The benchmark harness: landings of distinct articles, the marginal arithmetic, and a
tiny end-to-end ``khabar bench`` over the seeds (figures themselves are never asserted)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from khabar.cli import main
from khabar.devtools import bench
from khabar.extraction.extract import content_id
from khabar.text.normalize import normalize_text


def test_landing_rounds_are_distinct_articles(tmp_path: Path) -> None:
    records = [
        {"id": "a", "lang": "fa", "text": "وزیر ارتباطات ایران با همتای عمانی دیدار کرد."},
        {"id": "b", "lang": "ar", "text": "التقى وزير الاتصالات نظيره الكيني."},
    ]
    landing = bench.build_landing(tmp_path, records, 7, file_records=3)
    files = sorted((tmp_path / bench.BENCH_DATE).glob("*.jsonl"))
    assert (landing["articles"], landing["files"], len(files)) == (7, 3, 3)
    assert landing["bytes"] == sum(f.stat().st_size for f in files)
    rows = [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "a-r1", "b-r1", "a-r2", "b-r2", "a-r3"]
    assert rows[3]["text"].endswith(" (النسخة رقم 1 من الأرشيف)")  # Arabic copies get an Arabic mark
    ids = {content_id(normalize_text(r["text"], r["lang"])) for r in rows}
    assert len(ids) == 7


def test_marginal_removes_start_up() -> None:
    small = bench.Measured("s", 1_000, 10_000_000, 12.0, 500.0, 0)
    large = bench.Measured("l", 11_000, 110_000_000, 22.0, 520.0, 0)
    assert bench.marginal(small, large) == {"mb_per_s": 10.0, "articles_per_s": 1000.0}
    assert bench.marginal(large, small) is None  # the large run was not slower: not measurable
    assert small.mb_per_s == pytest.approx(0.8333, abs=1e-3)


def test_measure_reports_a_failing_command(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="exit status 3"):
        bench.measure("fails", [sys.executable, "-c", "import sys; sys.exit(3)"], 1, 1, tmp_path / "log")
    ok = bench.measure(
        "sleeps",
        [sys.executable, "-c", "import time; x = bytearray(50_000_000); time.sleep(0.3)"],
        1,
        1,
        tmp_path / "log",
    )
    assert ok.seconds >= 0.3 and ok.peak_rss_mb >= 50


def test_bench_end_to_end_on_seeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with pytest.raises(FileNotFoundError):
        bench.source_records(tmp_path / "absent")  # a corpus named by the user must exist
    monkeypatch.setattr(bench, "CORPUS", tmp_path / "absent")
    records, origin = bench.source_records()  # no corpus: the seeds
    assert origin == str(bench.SEEDS)
    assert len(records) == 5
    (corpus / "seeds.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8"
    )
    out = tmp_path / "bench.json"
    argv = [
        "bench",
        "--part",
        "pipeline",
        "--small",
        "5",
        "--large",
        "10",
        "--workers",
        "1",
        "--corpus",
        str(corpus),
        "--workdir",
        str(tmp_path / "work"),
        "--json",
        str(out),
    ]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "marginal throughput" in printed and "peak RSS of khabar run, large vs small" in printed
    result = json.loads(out.read_text())
    for name in ("small", "large"):  # where the time went, from each run's own summary
        phases = result["pipeline"]["khabar_phases"][name]
        assert set(phases) == {"batches_cpu_s", "consolidate_s", "validate_s", "publish_s"}
        assert all(isinstance(v, float) and v >= 0 for v in phases.values())
        assert phases["validate_s"] > 0 and phases["batches_cpu_s"] > 0
        assert f"  {name}: batches {phases['batches_cpu_s']} s of CPU" in printed
    result = json.loads(out.read_text())["pipeline"]
    assert set(result["runs"]) == {"khabar-small", "khabar-large", "naive-small", "naive-large"}
    assert result["runs"]["khabar-large"]["articles"] == 10
    lake = tmp_path / "work" / "lake-large"
    import duckdb

    count = (
        duckdb.connect()
        .execute(f"SELECT count(*) FROM read_parquet('{lake}/articles/*/*.parquet')")
        .fetchall()
    )
    assert count == [(10,)]  # every round is a distinct article, none a duplicate


def test_layer_bench_times_each_layer_against_the_naive_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--part layers`` times every layer over the same records; a layer's ceiling is
    cores x its MB/s over the naive MB/s, so the naive work's own ceiling is the core count."""
    monkeypatch.setattr(bench, "CORPUS", tmp_path / "absent")  # the seeds
    out = tmp_path / "layers.json"
    assert (
        main(
            [
                "bench",
                "--part",
                "layers",
                "--workers",
                "2",
                "--workdir",
                str(tmp_path / "work"),
                "--json",
                str(out),
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    result = json.loads(out.read_text())["layers"]
    seeds = sorted(bench.SEEDS.glob("*.txt"))
    assert (result["records"], result["bytes"], result["cores"]) == (
        5,
        sum(len(p.read_text(encoding="utf-8").encode()) for p in seeds),
        2,
    )
    layers = result["layers"]
    assert list(layers) == ["naive", "one_pass", "fixed_point", "extract"]
    assert layers["naive"]["ceiling"] == 2.0
    for layer in layers.values():
        assert layer["seconds"] > 0
        # the same bytes: the ratio of the MB/s is the inverse ratio of the seconds (kept to 4 decimals,
        # where the MB/s of the five seeds are rounded to 2 and would put the check in their noise)
        assert layer["ceiling"] == pytest.approx(2 * layers["naive"]["seconds"] / layer["seconds"], rel=0.02)
        assert layer["label"] in printed
    assert "ceiling on 2 cores" in printed


def test_bench_rejects_bad_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--part", "pipeline", "--small", "10", "--large", "5"]) == 2
    assert "--large must be greater" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert (
        main(
            [
                "bench",
                "--part",
                "pipeline",
                "--small",
                "1",
                "--large",
                "2",
                "--corpus",
                str(empty),
                "--workdir",
                str(tmp_path / "w"),
            ]
        )
        == 2
    )
    assert "no JSON Lines records with a 'text' key" in capsys.readouterr().err


def test_lake_bench_replicates_a_real_lake(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The large lake is the seed lake's day copied over consecutive days, ids unique,
    and every report query runs on it."""
    import duckdb

    from khabar.analytics.report import LIBRARY, SECTIONS

    landing = tmp_path / "landing"
    bench.build_landing(landing, _seed_records(), 5)
    assert (
        main(
            [
                "run",
                "--landing",
                str(landing),
                "--lake",
                str(tmp_path / "work" / "lake-small"),
                "--date",
                bench.BENCH_DATE,
                "--workers",
                "1",
            ]
        )
        == 0
    )
    capsys.readouterr()
    out = tmp_path / "lake.json"
    assert (
        main(
            [
                "bench",
                "--part",
                "lake",
                "--lake-articles",
                "12",
                "--workdir",
                str(tmp_path / "work"),
                "--json",
                str(out),
            ]
        )
        == 0
    )
    result = json.loads(out.read_text())["lake"]
    assert (result["days"], result["rows"]["articles"]) == (3, 12)
    assert {q["query"] for q in result["queries"]} == set(LIBRARY) >= {name for _, name in SECTIONS}
    lake = tmp_path / "work" / "lake-large"
    ids = (
        duckdb.connect()
        .execute(
            f"SELECT count(*), count(DISTINCT article_id), count(DISTINCT story_id), count(DISTINCT ingest_date) FROM read_parquet('{lake}/articles/*/*.parquet', hive_partitioning=true)"
        )
        .fetchall()
    )
    assert ids == [(12, 12, 12, 3)]  # every day's articles and stories are its own


def _seed_records() -> list[dict]:
    return [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(bench.SEEDS.glob("*.txt"))]


def test_render_says_when_the_marginal_is_not_measurable() -> None:
    run = {"label": "x", "articles": 1, "bytes": 1, "seconds": 1.0, "peak_rss_mb": 1.0, "returncode": 0}
    result = {"source": "seeds", "cpus": 2, "workers": 2, "runs": {"a": run}, "marginal": {"khabar": None, "naive": {"mb_per_s": 1.0, "articles_per_s": 1.0}},
              "speedup_marginal": None, "speedup_end_to_end_large": 0.5, "rss_growth_large_vs_small": 0.01}  # fmt: skip
    text = bench.render(result)
    assert "not measurable" in text and "khabar / naive (marginal)" not in text and "+1.0%" in text


def test_long_bench_times_one_article_per_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--part long``: one article per size through ``extract_text``, over the article limit on
    purpose; the ratio is the last size's seconds over the first's (figures are not asserted)."""
    monkeypatch.setattr(bench, "CORPUS", tmp_path / "absent")  # the seeds only
    out = tmp_path / "long.json"
    assert main(["bench", "--part", "long", "--long-mb", "0.01,0.02", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    result = json.loads(out.read_text())["long"]
    runs = result["runs"]
    assert [r["mb"] for r in runs] == [0.01, 0.02]
    for run in runs:
        assert (
            run["mb"] * 1e6 <= run["bytes"] < run["mb"] * 1e6 + 2_000
        )  # one paragraph past the size at most
        assert run["chars"] < run["bytes"]  # Persian letters take two bytes
        assert run["seconds"] > 0 and run["mb_per_s"] == round(run["bytes"] / 1e6 / run["seconds"], 3)
        assert run["persons"] >= 1 and run["events"] >= 1 and run["mentions"] > run["persons"]
    assert result["time_ratio"] == round(runs[1]["seconds"] / runs[0]["seconds"], 2)
    assert result["size_ratio"] == round(runs[1]["bytes"] / runs[0]["bytes"], 2)
    assert (
        f"time(0.02 MB) / time(0.01 MB) = {result['time_ratio']} for {result['size_ratio']}x the text"
        in printed
    )
    assert main(["bench", "--part", "long", "--long-mb", "0"]) == 2
    assert "--long-mb takes sizes above 0" in capsys.readouterr().err


def test_a_long_article_is_distinct_paragraphs_of_news(tmp_path: Path) -> None:
    """Built the same way every time, from the seeds' paragraphs alternating with the corpus's
    Persian and Dari news (not sports, not Arabic), without page furniture that would end it."""
    from khabar.extraction.structure import is_boilerplate

    news = {
        "lang": "fa",
        "text": "وزیر ارتباطات ایران در سفر به مسقط با وزیر فناوری عمان دیدار و گفتگو کرد.\nانتهای پیام",
    }
    sport = {
        "lang": "fa",
        "category": "sports",
        "text": "تیم ملی فوتبال در دیدار مقدماتی جام جهانی با سه گل به پیروزی رسید.",
    }
    arabic = {
        "lang": "ar",
        "text": "التقى وزير الاتصالات العماني نظيره الإيراني في مسقط لبحث التعاون في مجال الكابلات.",
    }
    (tmp_path / "feed.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (sport, arabic, news)), encoding="utf-8"
    )
    paragraphs, origin = bench.long_paragraphs(tmp_path)
    assert str(tmp_path) in origin
    assert paragraphs[1] == news["text"].split("\n")[0] and paragraphs[3] == paragraphs[1]
    assert len(set(paragraphs[0::2])) > 10 and not any(is_boilerplate(p) for p in paragraphs)
    text = bench.long_article(30_000, paragraphs)
    assert text == bench.long_article(30_000, paragraphs)
    lines = text.split("\n")
    assert len(set(lines)) == len(lines)  # every copy of a paragraph is numbered
    assert lines[2].endswith(bench.LONG_MARK.format(k=1))
