"""The SQL library and the analysts' database file over a lake of two days, where a second
agency re-published two of the first day's stories."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from khabar.analytics.report import LIBRARY, connect, load_sql, render, sql_dir, write_database
from khabar.pipeline.daily import RunConfig, run_day
from tests.conftest import SEED_002, SEED_003, SEEDS, stage

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def lake(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("analytics")
    landing, lake = root / "landing", root / "lake"
    stage(landing, "2025-01-15", *sorted(SEEDS.glob("*.txt")))
    run_day(RunConfig(landing=str(landing), lake=str(lake), ingest_date="2025-01-15"))
    day = landing / "2025-01-16"
    day.mkdir(parents=True)
    # IRNA re-publishes ILNA's Tehran-Muscat story under its own attribution, and the Arabic one
    (day / "irna-copy.txt").write_text(
        "به گزارش ایرنا، " + SEED_002.read_text(encoding="utf-8").replace("نصر:", "ایرنا:"), encoding="utf-8"
    )
    (day / "arabic-copy.txt").write_text(
        SEED_003.read_text(encoding="utf-8") + "\nوأضاف البيان أن الجانبين سيعقدان اجتماعا آخر الشهر المقبل.",
        encoding="utf-8",
    )
    (day / "broken.json").write_text("{not json", encoding="utf-8")
    run_day(RunConfig(landing=str(landing), lake=str(lake), ingest_date="2025-01-16"))
    return lake


def query(lake: Path, name: str, since: dt.date | None = None, until: dt.date | None = None) -> list[dict]:
    con = connect(str(lake))
    cursor = con.execute(load_sql(name), {"since": since, "until": until})
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def test_every_query_is_documented_and_runs(lake: Path) -> None:
    assert set(LIBRARY) == {p.stem for p in sql_dir().glob("*.sql")}  # every query becomes a q_ view
    for path in sorted(sql_dir().glob("*.sql")):
        head = path.read_text(encoding="utf-8").splitlines()[:3]
        assert head[0].startswith("-- Question: ") and head[0].rstrip().endswith("?"), path.name
        assert head[1].startswith("-- Parameters: "), path.name
        query(lake, path.stem)  # binds $since and $until, runs on a real lake


def test_copies_are_one_story_carried_by_two_agencies(lake: Path) -> None:
    clusters = query(lake, "story_clusters")
    assert sorted((c["copies"], c["agencies"]) for c in clusters) == [(2, 1), (2, 2)]
    tehran_muscat = next(c for c in clusters if "IRNA" in c["carried_by"])
    assert tehran_muscat["carried_by"] == ["ILNA", "IRNA"]  # a list, as in the tables
    assert tehran_muscat["first_day"] == dt.date(2023, 10, 26)
    con = connect(str(lake))
    assert con.execute("SELECT count(*), count(DISTINCT story_id) FROM articles").fetchone() == (7, 5)


def test_engagement_network_counts_stories_not_copies(lake: Path) -> None:
    rows = query(lake, "engagement_network")
    omn = [r for r in rows if (r["country_a"], r["country_b"]) == ("IRN", "OMN")]
    assert omn and all(r["stories"] == 1 for r in omn)  # ILNA's and IRNA's copies: one story
    assert all(r["events"] >= r["stories"] for r in rows)
    assert {"meeting"} <= {r["event_type"] for r in omn}
    # one row per pair and type (its topics a list), so stories never count once per topic
    assert len({(r["country_a"], r["country_b"], r["event_type"]) for r in rows}) == len(rows)
    assert all(isinstance(r["topics"], list) and r["topics"] == sorted(set(r["topics"])) for r in rows)
    pairs = {(r["country_a"], r["country_b"]): r for r in query(lake, "engagement_pairs")}
    assert pairs[("IRN", "OMN")]["stories"] == 1 and "meeting" in pairs[("IRN", "OMN")]["event_types"]


def test_topics_by_month_and_agency_coverage(lake: Path) -> None:
    months = query(lake, "topics_by_month")
    assert all(r["month"].day == 1 for r in months)
    assert sum(r["stories"] for r in months if r["month"] == dt.date(2023, 10, 1)) >= 1
    coverage = query(lake, "agency_coverage")
    irna = [r for r in coverage if r["agency"] == "IRNA"]
    assert irna and all(r["shared"] == r["stories"] for r in irna)  # IRNA only re-published ILNA's story


def test_people_directory(lake: Path) -> None:
    people = {r["person"]: r for r in query(lake, "people_directory")}
    assert people
    assert all(r["first_seen"] <= r["last_seen"] for r in people.values())
    assert any(any("وزیر" in role for role in r["roles"]) for r in people.values())
    assert all(r["countries"] == sorted(set(r["countries"])) for r in people.values())


def test_agreements_timeline_and_quality_panel(lake: Path) -> None:
    timeline = query(lake, "agreements_timeline")
    assert all(r["event_type"] in ("mou", "agreement", "invitation") for r in timeline)
    assert len({(r["story_id"], r["event_type"]) for r in timeline}) == len(timeline)  # a story once per type
    panel = query(lake, "quality_panel")
    assert [(r["ingest_date"], r["inputs"], r["quarantined"], r["validation_success"]) for r in panel] == [
        (dt.date(2025, 1, 15), 5, 0, True),
        (dt.date(2025, 1, 16), 3, 1, True),
    ]
    assert panel[0]["quarantine_reasons"] == [] and panel[1]["quarantine_reasons"] == ["malformed_json: 1"]
    assert all(r["parties"] == sorted(r["parties"]) and None not in r["agencies"] for r in timeline)
    assert query(lake, "quality_panel", since=dt.date(2025, 1, 16)) == [panel[1]]


def test_database_file_opens_in_any_duckdb_client(lake: Path, tmp_path: Path) -> None:
    path = write_database(str(lake))
    assert path == str(lake / "khabar.duckdb")
    code = (
        "import duckdb, sys\n"
        "con = duckdb.connect(sys.argv[1], read_only=True)\n"
        "print(con.execute('SELECT count(*) FROM articles').fetchone()[0])\n"
        "print(con.execute('SELECT count(*) FROM q_story_clusters').fetchone()[0])\n"
        'print(sorted(r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()))\n'
    )
    out = subprocess.run(
        [sys.executable, "-c", code, path], capture_output=True, text=True, check=True, cwd=tmp_path
    ).stdout.splitlines()
    assert out[0] == "7" and out[1] == "2"
    views = eval(out[2])  # our own printed list
    assert {f"q_{name}" for name in LIBRARY} | {
        "articles",
        "sources",
        "mentions",
        "events",
        "comments",
        "quarantine",
        "runs",
    } <= set(views)


def test_every_view_and_column_of_the_database_has_its_meaning(lake: Path, tmp_path: Path) -> None:
    """COMMENT ON for every table, view and column, from schema.py and the SQL headers."""
    con = duckdb.connect(write_database(str(lake), str(tmp_path / "k.duckdb")), read_only=True)
    columns = con.execute(
        "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE NOT internal"
    ).fetchall()
    assert len({t for t, _, _ in columns}) == 7 + len(LIBRARY)
    assert [(t, c) for t, c, comment in columns if not comment] == []
    comments = {(t, c): comment for t, c, comment in columns}
    assert comments[("articles", "agency")].startswith("the reporting outlet's short Latin key")
    assert (
        comments[("q_engagement_pairs", "stories")] == "distinct stories with an event naming both countries"
    )
    views = dict(con.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall())
    assert views["q_engagement_network"].startswith("one row per pair of countries and event type")
    assert views["events"].startswith("one row per engagement")


def test_a_query_without_a_grain_or_a_column_meaning_is_refused(
    lake: Path, tmp_path: Path, monkeypatch
) -> None:
    from khabar.analytics import report

    for path in sql_dir().glob("*.sql"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("KHABAR_SQL_DIR", str(tmp_path))
    runs = tmp_path / "runs.sql"
    runs.write_text(
        runs.read_text(encoding="utf-8").replace("--   seconds: wall time of the run\n", ""), encoding="utf-8"
    )
    with pytest.raises(ValueError, match="q_runs.seconds has no meaning"):
        write_database(str(lake), str(tmp_path / "k.duckdb"))
    runs.write_text(runs.read_text(encoding="utf-8").replace("-- Grain:", "-- grain"), encoding="utf-8")
    with pytest.raises(ValueError, match="runs.sql states no grain"):
        report.dictionary()


def test_data_dictionary_document_is_current(capsys) -> None:
    """docs/data-dictionary.md is what `khabar dictionary` prints (make dictionary writes it)."""
    from khabar.cli import main

    assert main(["dictionary"]) == 0
    printed = capsys.readouterr().out
    assert "| `agency` | VARCHAR | the reporting outlet's short Latin key" in printed
    assert "| `parties` | VARCHAR[] |" in printed  # lists stay lists
    assert (Path(__file__).resolve().parents[2] / "docs" / "data-dictionary.md").read_text(
        encoding="utf-8"
    ) == printed


def test_khabar_sql_runs_statements_in_each_format(lake: Path, capsys) -> None:
    from khabar.cli import main

    assert (
        main(
            [
                "sql",
                "--lake",
                str(lake),
                "--format",
                "json",
                "-c",
                "SELECT country_a, country_b, event_types FROM q_engagement_pairs WHERE country_b = 'OMN'; SELECT ';' AS semicolon",
            ]
        )
        == 0
    )
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0]["country_a"] == "IRN" and "meeting" in lines[0]["event_types"]  # a list stays a list
    assert lines[-1] == {"semicolon": ";"}  # DuckDB's parser splits statements, not a bare ';'
    assert (
        main(
            ["sql", "--lake", str(lake), "--format", "csv", "-c", "SELECT count(*) AS articles FROM articles"]
        )
        == 0
    )
    assert capsys.readouterr().out.splitlines() == ["articles", "7"]
    assert (
        main(["sql", "--lake", str(lake), "-c", "SELECT count(DISTINCT story_id) AS stories FROM articles"])
        == 0
    )
    table = capsys.readouterr().out
    assert "stories" in table and "│" in table and " 5 " in table  # DuckDB's box table


def test_khabar_sql_errors_and_dot_commands(lake: Path, capsys, monkeypatch) -> None:
    import io

    from khabar.cli import main

    assert main(["sql", "--lake", str(lake), "-c", "SELECT nope FROM articles; SELECT 1"]) == 1
    captured = capsys.readouterr()
    assert (
        captured.out == "" and captured.err.startswith("khabar sql: Binder Error") and "nope" in captured.err
    )
    assert main(["sql", "--lake", str(lake / "nowhere"), "-c", "SELECT 1"]) == 2
    assert capsys.readouterr().err.strip() == f"khabar sql: no lake at {lake / 'nowhere'}"
    # statements and dot commands from a pipe: .schema shows the data dictionary's meanings
    monkeypatch.setattr(
        "sys.stdin", io.StringIO(".tables\nSELECT count(*) AS n\nFROM events;\n.schema q_engagement_pairs\n")
    )
    assert main(["sql", "--lake", str(lake), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "q_people_directory,one row per person (person key): one person counts once" in out
    assert "stories,BIGINT,distinct stories with an event naming both countries" in out
    monkeypatch.setattr("sys.stdin", io.StringIO(".schema no_such_view\n"))
    assert main(["sql", "--lake", str(lake)]) == 1
    assert "no view named 'no_such_view'" in capsys.readouterr().err


def test_khabar_sql_interactive_prompt(lake: Path, capsys, monkeypatch) -> None:
    from khabar.analytics.analyst_shell import Shell

    typed = iter([".help", "SELECT count(*) AS copies", "FROM articles;", "SELECT oops;", ".quit"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(typed))
    shell = Shell.open(str(lake), "csv")
    assert shell.interactive() == 0
    captured = capsys.readouterr()
    assert "copies\n7\n" in captured.out and ".schema NAME" in captured.out
    assert "oops" in captured.err  # an error is printed and the prompt goes on to .quit


def test_cli_database(lake: Path, tmp_path: Path, capsys) -> None:
    from khabar.cli import main

    assert main(["database", "--lake", str(lake), "--out", str(tmp_path / "k.duckdb")]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "k.duckdb")
    assert duckdb.connect(str(tmp_path / "k.duckdb")).execute(
        "SELECT count(*) FROM q_quality_panel"
    ).fetchone() == (2,)
    assert main(["database", "--lake", str(tmp_path / "nowhere")]) == 2


def test_old_partitions_without_story_columns_still_read(tmp_path: Path) -> None:
    """A lake written before story_id existed: the column reads as NULL, queries fall back to article_id."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from khabar.lake.schema import TABLES

    old = TABLES["articles"].remove(TABLES["articles"].get_field_index("story_id"))
    old = old.remove(old.get_field_index("story_minhash"))
    row = dict.fromkeys(old.names) | {
        "article_id": "a1", "source_uri": "x", "record_index": 0, "source_sha256": "0" * 64, "lang": "fa", "ict": True, "body": "متن",
        "word_count": 1, "comment_count": 0, "extractor_version": "old", "countries": [], "topics": ["sanctions"], "event_types": [],
        "organizations": [], "quantities": [],
    }  # fmt: skip
    target = tmp_path / "lake" / "articles" / "ingest_date=2024-01-01"
    target.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist([row], schema=old), target / "part-old.parquet")
    con = connect(str(tmp_path / "lake"))
    assert con.execute("SELECT story_id FROM articles").fetchall() == [(None,)]
    assert [(r["topic"], r["stories"]) for r in query(tmp_path / "lake", "topics_by_month")] == [
        ("sanctions", 1)
    ]
    assert "1 articles" in render(str(tmp_path / "lake"))
    duckdb.connect(write_database(str(tmp_path / "lake"), str(tmp_path / "k.duckdb"))).execute(
        "SELECT * FROM q_topics_by_month"
    ).fetchall()


def test_stories_join_within_the_window_only(tmp_path: Path) -> None:
    """A copy 10 days later joins the story (test_copies_are_one_story... shows a day later);
    a copy 40 days later, beyond STORY_WINDOW_DAYS, starts its own."""
    from khabar.lake.store import STORY_WINDOW_DAYS

    assert STORY_WINDOW_DAYS == 30
    for gap, joined in ((10, True), (40, False)):
        landing, lake = tmp_path / f"landing-{gap}", tmp_path / f"lake-{gap}"
        stage(landing, "2025-01-01", SEED_002)
        run_day(RunConfig(landing=str(landing), lake=str(lake), ingest_date="2025-01-01"))
        day = (dt.date(2025, 1, 1) + dt.timedelta(days=gap)).isoformat()
        (landing / day).mkdir(parents=True)
        (landing / day / "copy.txt").write_text(
            "به گزارش ایرنا، " + SEED_002.read_text(encoding="utf-8").replace("نصر:", "ایرنا:"),
            encoding="utf-8",
        )
        run_day(RunConfig(landing=str(landing), lake=str(lake), ingest_date=day))
        stories = (
            connect(str(lake)).execute("SELECT count(*), count(DISTINCT story_id) FROM articles").fetchone()
        )
        assert stories == ((2, 1) if joined else (2, 2)), gap
