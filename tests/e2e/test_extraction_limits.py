"""``khabar run`` on a day with news codes written in other digits: the day is published,
and every news code in the lake is in Latin digits."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from khabar.cli import main
from tests.conftest import SEED_000, stage

pytestmark = pytest.mark.e2e

DAY = "2025-02-10"


def q(lake: Path, sql: str) -> list[tuple]:
    con = duckdb.connect()
    for table in ("articles", "sources", "quarantine"):
        con.read_parquet(str(lake / table / "*" / "*.parquet"), hive_partitioning=True).create_view(table)
    return con.execute(sql).fetchall()


def test_news_codes_in_other_digits_are_published_in_latin_digits(landing: Path, lake: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A news code in Persian, Arabic-Indic or full-width digits once failed the day's quality
    gate (``^[0-9]+$``): nothing was published."""
    day = stage(landing, DAY)
    body = SEED_000.read_text(encoding="utf-8")
    records = [
        {"title": "یک", "text": body + "\nیک", "url": "https://example.af/news/۱۲۳۴۵۶/x"},
        {"title": "دو", "text": body + "\nدو", "url": "https://example.af/news/١٢٣٤٥٧"},
        {"title": "سه", "text": body + "\nسه\nکد خبر: １２３４５８"},
    ]
    (day / "feed.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    assert main(["run", "--landing", str(landing), "--lake", str(lake), "--date", DAY, "--workers", "1"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["articles"], summary["quarantined"]) == (3, 0)
    assert sorted(q(lake, "SELECT news_code FROM articles")) == [("123456",), ("123457",), ("123458",)]
