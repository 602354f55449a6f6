"""Attacks on what khabar shows people: the report (``khabar report``, every format) and the
Great Expectations Data Docs.

* a corrupt Parquet file in the lake is a one-line error naming the file, exit 2, never a traceback;
* a lake whose path holds glob characters (``[``, ``*``, ``?``) is read like any other;
* values from the data (member names, titles ...) never bring terminal escapes or bidi overrides
  into the text and Markdown reports, nor raw ESC into CSV;
* values from the data never reach the Data Docs pages as markup (stored script injection);
  the pages load nothing from the network and say which ingest date and run they cover.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from khabar.cli import main
from khabar.lake import quality
from khabar.lake.schema import DATA_TABLES, TABLES
from khabar.pipeline.daily import RunConfig, run_day
from tests.conftest import SEEDS, stage

pytestmark = pytest.mark.e2e

DAY = "2025-01-15"
#: Terminal escapes a file name can carry: clear the screen, set the window title, colour, a
#: C1 CSI, and a right-to-left override that reverses what follows on the screen.
ESCAPES = "\x1b[2J\x1b]0;owned\x07\x1b[31m\x9b1m\u202e\u2066"
ESCAPE_NAME = f"evil{ESCAPES}txt.pdf"  # a .pdf: quarantined unsupported_type, its name in the report
PAYLOAD = "<img src=x onerror=alert(document.domain)>"


@pytest.fixture(scope="module")
def base_lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and one quarantined input whose name is full of terminal escapes."""
    root = tmp_path_factory.mktemp("attacks-report")
    landing, lake = root / "landing", root / "lake"
    folder = stage(landing, DAY, *sorted(SEEDS.glob("*.txt")))
    (folder / ESCAPE_NAME).write_bytes(b"%PDF-1.4 not an article")
    run_day(RunConfig(landing=str(landing), lake=str(lake), ingest_date=DAY, run_id="attack-run-1"))
    return lake


@pytest.fixture
def lake(base_lake: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "lake"
    shutil.copytree(base_lake, copy)
    return copy


def report(lake: Path | str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["report", "--lake", str(lake), *args])
    out, err = capsys.readouterr()
    return code, out, err


# --- the report ----------------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["random bytes", "truncated"])
@pytest.mark.parametrize("fmt", ["text", "csv", "html"])
def test_a_corrupt_parquet_file_is_a_one_line_error_naming_it(
    lake: Path, capsys: pytest.CaptureFixture[str], damage: str, fmt: str
) -> None:
    partition = lake / "articles" / f"ingest_date={DAY}"
    good = next(partition.glob("*.parquet"))
    bad = partition / "zz-damaged.parquet"
    bad.write_bytes(
        os.urandom(4096) if damage == "random bytes" else good.read_bytes()[: good.stat().st_size // 2]
    )
    code, out, err = report(lake, capsys, "--format", fmt)
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    (line,) = err.strip().splitlines()
    assert line.startswith("khabar report: unreadable Parquet file ") and str(bad) in line, line
    assert f"khabar run --date {DAY}" in line  # what to do about it


def test_a_corrupt_parquet_file_stops_the_database_too(
    lake: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = lake / "sources" / f"ingest_date={DAY}" / "zz-damaged.parquet"
    bad.write_bytes(b"PAR1" + os.urandom(100))
    assert main(["database", "--lake", str(lake)]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("khabar database: unreadable Parquet file ") and str(bad) in line


def test_an_unwritable_out_path_is_a_one_line_error(
    base_lake: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    code, out, err = report(base_lake, capsys, "--out", str(tmp_path / "a-file" / "report.txt"))
    assert code == 2 and out == ""
    (line,) = err.strip().splitlines()
    assert line.startswith("khabar report: storage error: ") and "a-file" in line


@pytest.mark.parametrize("name", ["lake[1]", "lake*", "lake?", "a[b]*?c", "lake{x,y}"])
def test_a_lake_path_with_glob_characters_is_read(
    base_lake: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    lake = tmp_path / name
    shutil.copytree(base_lake, lake)
    (tmp_path / "lake1").mkdir()  # what `lake[1]` would match as a glob: must not be read instead
    code, out, err = report(lake, capsys)
    assert code == 0, err
    assert "5 articles (5 stories) from 6 inputs over 1 day(s): 0 duplicates, 1 quarantined" in out
    code, out, _ = report(lake, capsys, "--format", "csv")
    assert code == 0 and "articles_by_day_agency" in out
    assert main(["database", "--lake", str(lake)]) == 0
    assert (lake / "khabar.duckdb").is_file()


#: What must never reach a terminal: C0 controls but tab/newline (ESC, BEL ...), DEL, C1 controls
#: (CSI U+009B ...), and the bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_the_text_report_prints_no_terminal_escapes(
    lake: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    code, out, _ = report(lake, capsys, "--format", fmt)
    assert code == 0
    assert not UNSAFE.search(out), [m.group(0) for m in UNSAFE.finditer(out)]
    assert re.search(r"unsupported_type .*evil.*txt\.pdf", out)  # the row is still there, its name made safe


def test_the_csv_report_keeps_the_name_but_no_raw_escape(
    lake: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = report(lake, capsys, "--format", "csv")
    assert code == 0
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
    (row,) = [
        line for line in out.splitlines() if line.startswith("quarantine_reasons,") and ",example," in line
    ]
    assert "evil" in row and "txt.pdf" in row
    assert "\u202e" not in row and "\u2066" not in row


def test_the_html_report_escapes_the_name(lake: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = report(lake, capsys, "--format", "html")
    assert code == 0
    assert "\x1b" not in out and "\x9b" not in out
    assert "evil" in out and "txt.pdf" in out


# --- the Data Docs -------------------------------------------------------------------------

#: A script in every form a value can take: an element with a handler, a script element, an
#: attribute break-out, and a JavaScript string break-out.
PAYLOADS = [PAYLOAD, '"><script>alert(2)</script>', "'><svg onload=alert(3)>", "';alert(4);//"]
RAW_MARKUP = re.compile(r"<img src=x onerror|<script>alert|<svg onload")


def pages(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def hostile_tables(lake: Path) -> dict[str, pa.Table]:
    """The day's tables with the payloads in values that fail expectations (so that GX lists
    them as unexpected values): a source_uri repeated (an archive with two members of the
    same name), reason, lang, news code, country and topic codes, mention kind, comment time."""
    tables = {
        t: pa.concat_tables([pq.read_table(p, schema=TABLES[t]) for p in (lake / t).glob("*/*.parquet")])
        for t in DATA_TABLES
    }
    sources = tables["sources"].to_pylist()
    for i, payload in enumerate(PAYLOADS):
        row = dict(
            sources[0], source_uri=f"/landing/{DAY}/a.zip!/{payload}.txt", record_index=0, reason=payload
        )
        sources += [row, dict(row)]
        sources[i]["reason"] = payload
    tables["sources"] = pa.Table.from_pylist(sources, schema=TABLES["sources"])
    articles = tables["articles"].to_pylist()
    for i, payload in enumerate(PAYLOADS):
        articles[i].update(lang=payload, news_code=payload, countries=[payload], topics=[payload])
    tables["articles"] = pa.Table.from_pylist(articles, schema=TABLES["articles"])
    mentions = tables["mentions"].to_pylist()
    for i, payload in enumerate(PAYLOADS):
        mentions[i]["kind"] = payload
    tables["mentions"] = pa.Table.from_pylist(mentions, schema=TABLES["mentions"])
    return tables


def test_values_from_the_data_reach_the_data_docs_only_escaped(base_lake: Path, tmp_path: Path) -> None:
    site = tmp_path / "_quality"
    result = quality.validate_day(
        hostile_tables(base_lake), ingest_date=DAY, run_id="attack-run-2", docs_uri=str(site)
    )
    failed = {f["expectation"] for f in result["failed"]}
    assert {
        "sources.expect_compound_columns_to_be_unique(['source_uri', 'record_index'])",
        "sources.expect_column_values_to_be_in_set(reason)",
        "articles.expect_column_values_to_be_in_set(lang)",
        "articles.expect_column_values_to_match_regex(news_code)",
        "article_countries.expect_column_values_to_be_in_set(value)",
        "article_topics.expect_column_values_to_be_in_set(value)",
        "mentions.expect_column_values_to_be_in_set(kind)",
    } <= failed
    site_pages = pages(site)
    assert len(site_pages) > 20
    for name, page in site_pages.items():
        assert not RAW_MARKUP.search(page), (name, RAW_MARKUP.search(page).group(0))
    shown = "\n".join(site_pages.values())
    for payload in PAYLOADS:  # each is on a page, as text
        assert (
            payload.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace('"', "&quot;")
            .replace("'", "&#x27;")
            in shown
        ), payload
    (sources,) = [p for n, p in site_pages.items() if n.startswith("validations/khabar/sources/")]
    assert f"/landing/{DAY}/a.zip!/&lt;img src=x onerror=alert(document.domain)&gt;.txt" in sources


def test_an_archive_of_members_named_as_markup_gives_escaped_data_docs(tmp_path: Path) -> None:
    """What a user does: `khabar run` over a zip whose two members share a markup name. Whatever
    the quality gate says, the Data Docs show the name as text."""
    import io
    import zipfile

    landing, lake = tmp_path / "landing", tmp_path / "lake"
    (landing / DAY).mkdir(parents=True)
    buffer = io.BytesIO()
    article = (SEEDS / "002_281cd1e16a81b240.txt").read_bytes()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{PAYLOAD}.txt", article)
        archive.writestr(f"{PAYLOAD}.txt", article + b"\n")
        archive.writestr('"><script>alert(2)</script>.txt', b"")
    (landing / DAY / "news.zip").write_bytes(buffer.getvalue())
    summary = run_day(RunConfig(landing=str(landing), lake=str(lake), ingest_date=DAY, run_id="attack-run-3"))
    assert (
        summary["validation"]["success"] and summary["records_seen"] == 3
    )  # members of one name are distinct inputs
    site_pages = pages(lake / "_quality")
    assert site_pages
    for name, page in site_pages.items():
        assert not RAW_MARKUP.search(page), (name, RAW_MARKUP.search(page).group(0))


#: A tag that loads something: a script, a stylesheet (or any <link>), an image, a frame.
LOADS = re.compile(
    r"<(script|link|img|iframe|source|embed)\b[^>]*?\b(src|href)=[\"']([^\"']*)[\"']", re.IGNORECASE
)


def test_the_data_docs_load_nothing_from_the_network(base_lake: Path) -> None:
    site = base_lake / "_quality"
    site_pages = pages(site)
    assert "index.html" in site_pages
    loaded = 0
    for name, page in site_pages.items():
        assert not re.search(r"url\(\s*['\"]?https?:", page, re.IGNORECASE), name
        for tag, _, url in LOADS.findall(page):
            assert not re.match(r"(https?:)?//", url), (name, tag, url)
            if tag.lower() in ("script", "link", "img"):
                target = (site / name).parent / url.split("?")[0]
                assert target.resolve().is_file(), (name, url)  # the local copy is there, at the right depth
                assert target.resolve().is_relative_to(site.resolve()), (name, url)
                loaded += 1
    assert loaded > 100
    for shipped in (
        "js/jquery.min.js",
        "js/bootstrap.min.js",
        "css/bootstrap.min.css",
        "css/fontawesome-all.min.css",
        "webfonts/fa-solid-900.woff2",
        "LICENSES/jquery.txt",
    ):
        assert (site / "static" / "khabar" / shipped).is_file(), shipped


def test_each_data_docs_page_names_its_day_and_run(base_lake: Path) -> None:
    site = base_lake / "_quality"
    run_name = f"{DAY}_attack-run-1"
    validation_pages = {n: p for n, p in pages(site).items() if n.startswith("validations/")}
    assert len(validation_pages) == 14  # one per frame (a single chunk each on this small day)
    for name, page in validation_pages.items():
        assert name.split("/")[3] == run_name, name
        info = re.search(r"Run Name</div></td><td[^>]*><div[^>]*>([^<]*)</div>", page)
        assert info and info.group(1) == run_name, name
        assert "__none__" not in page
    assert run_name in pages(site)["index.html"]


def test_the_data_docs_draw_offline_in_a_browser(base_lake: Path, tmp_path: Path) -> None:
    """Headless Chromium with no network: the index's table is built by its scripts (jQuery,
    Bootstrap Table) from the local copies."""
    import subprocess

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary:
        pytest.skip("chromium not found: apt-get install chromium fonts-noto-core (make services)")
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--virtual-time-budget=10000",
    ]
    dom = subprocess.run(
        [binary, *flags, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", (base_lake / "_quality" / "index.html").as_uri()],
        capture_output=True, text=True, timeout=180,
    ).stdout  # fmt: skip
    rows = re.findall(r"<tr[^>]*data-index=\"\d+\"", dom)
    assert len(rows) == 20  # the first page (10 rows) of each tab: 14 validation results, 14 suites
    assert f"{DAY}_attack-run-1" in dom
