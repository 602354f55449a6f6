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

from khabar import quality
from khabar.cli import main
from khabar.pipeline import RunConfig, run_day
from khabar.schema import DATA_TABLES, TABLES
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
def test_a_corrupt_parquet_file_is_a_one_line_error_naming_it(lake: Path, capsys: pytest.CaptureFixture[str], damage: str, fmt: str) -> None:
    partition = lake / "articles" / f"ingest_date={DAY}"
    good = next(partition.glob("*.parquet"))
    bad = partition / "zz-damaged.parquet"
    bad.write_bytes(os.urandom(4096) if damage == "random bytes" else good.read_bytes()[: good.stat().st_size // 2])
    code, out, err = report(lake, capsys, "--format", fmt)
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    (line,) = err.strip().splitlines()
    assert line.startswith("khabar report: unreadable Parquet file ") and str(bad) in line, line
    assert f"khabar run --date {DAY}" in line  # what to do about it


def test_a_corrupt_parquet_file_stops_the_database_too(lake: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = lake / "sources" / f"ingest_date={DAY}" / "zz-damaged.parquet"
    bad.write_bytes(b"PAR1" + os.urandom(100))
    assert main(["database", "--lake", str(lake)]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("khabar database: unreadable Parquet file ") and str(bad) in line


@pytest.mark.parametrize("name", ["lake[1]", "lake*", "lake?", "a[b]*?c", "lake{x,y}"])
def test_a_lake_path_with_glob_characters_is_read(base_lake: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
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
def test_the_text_report_prints_no_terminal_escapes(lake: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = report(lake, capsys, "--format", fmt)
    assert code == 0
    assert not UNSAFE.search(out), [m.group(0) for m in UNSAFE.finditer(out)]
    assert re.search(r"unsupported_type .*evil.*txt\.pdf", out)  # the row is still there, its name made safe


def test_the_csv_report_keeps_the_name_but_no_raw_escape(lake: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = report(lake, capsys, "--format", "csv")
    assert code == 0
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
    (row,) = [line for line in out.splitlines() if line.startswith("quarantine_reasons,") and ",example," in line]
    assert "evil" in row and "txt.pdf" in row
    assert "\u202e" not in row and "\u2066" not in row


def test_the_html_report_escapes_the_name(lake: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = report(lake, capsys, "--format", "html")
    assert code == 0
    assert "\x1b" not in out and "\x9b" not in out
    assert "evil" in out and "txt.pdf" in out
