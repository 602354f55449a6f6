"""``khabar run`` on a day with an article over the size limit and news codes written in
other digits: the day is published, the large article is quarantined (its original kept),
and every news code in the lake is in Latin digits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.cli import main
from khabar.core.settings import DEFAULT_MAX_ARTICLE_CHARS
from tests.conftest import SEED_000, SEED_002, stage
from tests.helpers import query_lake as q

pytestmark = pytest.mark.e2e

DAY = "2025-02-10"


def test_an_article_over_the_limit_is_quarantined_and_the_day_is_published(
    landing: Path, lake: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    day = stage(landing, DAY, SEED_002)
    paragraph = SEED_000.read_text(encoding="utf-8").split("\n")[2]
    text = "\n".join([paragraph] * (DEFAULT_MAX_ARTICLE_CHARS // len(paragraph) + 1))
    (day / "huge.txt").write_text(text, encoding="utf-8")
    assert main(["run", "--landing", str(landing), "--lake", str(lake), "--date", DAY, "--workers", "1"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["articles"], summary["quarantined"]) == (1, 1)
    [(outcome, reason)] = q(lake, "SELECT outcome, reason FROM sources WHERE source_uri LIKE '%huge.txt'")
    assert (outcome, reason) == ("quarantined", "too_large")
    [(detail, copy)] = q(lake, "SELECT detail, stored_copy FROM quarantine")
    assert (
        detail
        == f"article of {len(text)} characters > limit of {DEFAULT_MAX_ARTICLE_CHARS} (KHABAR_MAX_ARTICLE_CHARS)"
    )
    assert Path(copy).read_bytes() == (day / "huge.txt").read_bytes()  # the original is kept for a re-run
    assert q(lake, "SELECT count(*) FROM articles") == [(1,)]


def test_news_codes_in_other_digits_are_published_in_latin_digits(
    landing: Path, lake: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A news code in Persian, Arabic-Indic or full-width digits once failed the day's quality
    gate (``^[0-9]+$``): nothing was published."""
    day = stage(landing, DAY)
    body = SEED_000.read_text(encoding="utf-8")
    # three distinct articles: a closing sentence of their own (a short last line would be a signature)
    closing = "وزیر در پایان گفت که این دیدار {} گام همکاری میان دو کشور بود."
    records = [
        {
            "title": "یک",
            "text": body + "\n" + closing.format("نخستین"),
            "url": "https://example.af/news/۱۲۳۴۵۶/x",
        },
        {
            "title": "دو",
            "text": body + "\n" + closing.format("دومین"),
            "url": "https://example.af/news/١٢٣٤٥٧",
        },
        {"title": "سه", "text": body + "\n" + closing.format("سومین") + "\nکد خبر: １２３４５８"},
    ]
    (day / "feed.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    assert main(["run", "--landing", str(landing), "--lake", str(lake), "--date", DAY, "--workers", "1"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["articles"], summary["quarantined"]) == (3, 0)
    assert sorted(q(lake, "SELECT news_code FROM articles")) == [("123456",), ("123457",), ("123458",)]
