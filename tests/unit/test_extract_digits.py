"""Structured fields carry Latin digits, whatever digits the source used (SPEC §4).

Regular expressions' ``\\d`` matches every Unicode decimal digit (Persian ۰-۹, Arabic-Indic
٠-٩, full-width ０-９, Devanagari ०-९ ...), and the matching fold maps only the first two
to Latin; a value taken from such a match as written (a news code, the minutes of a
time) once carried the source's digits into the lake, where the quality gate rejected the
whole day.
"""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.extraction.dates import ascii_digits, find_dates
from khabar.extraction.extract import SourceHints, extract_text
from khabar.extraction.quantities import find_quantities
from khabar.extraction.structure import find_news_code, parse_layout
from tests.conftest import SEED_000

#: The digits 1 2 3 4 5 6 in each script (``\d`` matches them all).
DIGITS = {
    "latin": "123456",
    "persian": "۱۲۳۴۵۶",
    "arabic_indic": "١٢٣٤٥٦",
    "full_width": "１２３４５６",
    "devanagari": "१२३४५६",
    "bengali": "১২৩৪৫৬",
    "mathematical": "\U0001d7cf\U0001d7d0\U0001d7d1\U0001d7d2\U0001d7d3\U0001d7d4",  # 𝟏𝟐𝟑𝟒𝟓𝟔, outside the BMP
}


def in_script(latin: str, script: str) -> str:
    """``latin`` with its digits written in ``script``."""
    table = {str((i + 1) % 10): DIGITS[script][i] for i in range(6)} | {
        "0": {
            "latin": "0",
            "persian": "۰",
            "arabic_indic": "٠",
            "full_width": "０",
            "devanagari": "०",
            "bengali": "০",
            "mathematical": "\U0001d7ce",
        }[script]
    }
    return "".join(table.get(ch, ch) for ch in latin)


@pytest.mark.parametrize("script", list(DIGITS))
def test_ascii_digits(script: str) -> None:
    assert ascii_digits(f"کد {DIGITS[script]}/x") == "کد 123456/x"


def test_ascii_digits_keeps_everything_else() -> None:
    text = "كتاب‌ها ۱۲ x² ½ Ⅻ"  # superscripts, fractions and numerals are not decimal digits
    assert ascii_digits(text).replace("12", "۱۲") == text


@pytest.mark.parametrize("script", list(DIGITS))
@pytest.mark.parametrize("label", ["کد خبر: ", "کد خبر ", "رقم الخبر: ", "news id: ", "شناسه خبر："])
def test_news_code_in_the_text(script: str, label: str) -> None:
    assert find_news_code([f"{label}{DIGITS[script]}"]) == "123456"


@pytest.mark.parametrize("script", list(DIGITS))
@pytest.mark.parametrize(
    "path", ["/news/{}", "/news/{}/a-title", "/fa/news/{}?ref=rss", "/detail/{}", "/articles/{}/"]
)
def test_news_code_in_the_url(script: str, path: str) -> None:
    assert find_news_code([], "https://example.ir" + path.format(DIGITS[script])) == "123456"


@pytest.mark.parametrize("script", list(DIGITS))
def test_news_code_of_an_article_is_latin(script: str) -> None:
    text = SEED_000.read_text(encoding="utf-8") + f"\nکد خبر: {DIGITS[script]}"
    assert extract_text(text, "test://code").news_code == "123456"
    url = SourceHints(url=f"https://example.af/news/{DIGITS[script]}")
    assert extract_text(SEED_000.read_text(encoding="utf-8"), "test://url", hints=url).news_code == "123456"


@pytest.mark.parametrize("script", list(DIGITS))
def test_the_time_of_a_date_is_latin(script: str) -> None:
    """The minutes were kept as written: «14:５６» reached ``published.time``."""
    [found] = find_dates(in_script("1402/08/04 - 16:45", script), "fa")
    assert (found.date, found.time) == (dt.date(2023, 10, 26), "16:45")


@pytest.mark.parametrize("script", list(DIGITS))
def test_a_source_given_date_and_time_are_latin(script: str) -> None:
    hints = SourceHints(date=in_script("2023-10-26T16:45:00", script))
    published = extract_text(
        SEED_000.read_text(encoding="utf-8"), "test://date", hints=hints, ingest_date=dt.date(2024, 1, 1)
    ).published
    assert published is not None
    assert (published.date, published.time, published.calendar) == (
        dt.date(2023, 10, 26),
        "16:45",
        "gregorian",
    )


@pytest.mark.parametrize("script", list(DIGITS))
def test_a_comment_posted_at_is_latin(script: str) -> None:
    text = "\n".join(
        [
            "دیدار وزیر ارتباطات با همتای عمانی",
            "وزیر ارتباطات ایران در مسقط با وزیر عمان دیدار کرد و درباره فیبر نوری گفتگو کرد.",
            "نظرات بینندگان",
            "علی رضایی",
            in_script("14:56 15 آذر 1398", script),
            "خبر خوبی بود",
        ]
    )
    layout = parse_layout(text, "fa")
    assert [(c.author, c.posted_at) for c in layout.comments] == [("علی رضایی", "2019-12-06T14:56")]


@pytest.mark.parametrize("script", list(DIGITS))
def test_quantity_values_are_numbers_whatever_the_digits(script: str) -> None:
    found = find_quantities(in_script("پوشش 94 ٪ خدمات و 2400 سایت", script), "fa")
    assert [(q.value, q.unit) for q in found] == [(94.0, "percent"), (2400.0, "count")]
