from __future__ import annotations

import datetime as dt

import pytest

from khabar.dates import find_dates, lunar_hijri_to_date, plausible, solar_hijri_to_date


@pytest.mark.parametrize(
    ("ymd", "expected"),
    [
        ((1402, 8, 4), dt.date(2023, 10, 26)),
        ((1398, 9, 15), dt.date(2019, 12, 6)),
        ((1403, 1, 1), dt.date(2024, 3, 20)),  # Nowruz of a leap year
        ((1399, 12, 30), dt.date(2021, 3, 20)),  # 1399 is a leap year
        ((1369, 10, 11), dt.date(1991, 1, 1)),
        ((1404, 6, 31), dt.date(2025, 9, 22)),
    ],
)
def test_solar_hijri(ymd: tuple[int, int, int], expected: dt.date) -> None:
    assert solar_hijri_to_date(*ymd) == expected


@pytest.mark.parametrize(
    ("ymd", "expected"),
    [
        ((1445, 3, 12), dt.date(2023, 9, 27)),
        ((1445, 1, 1), dt.date(2023, 7, 19)),
        ((1436, 10, 1), dt.date(2015, 7, 18)),  # tabular; Umm al-Qura (Saudi) says 07-17: the documented one-day gap
    ],
)
def test_lunar_hijri(ymd: tuple[int, int, int], expected: dt.date) -> None:
    assert lunar_hijri_to_date(*ymd) == expected


@pytest.mark.parametrize("ymd", [(1402, 13, 1), (1402, 7, 31), (1402, 0, 10)])
def test_invalid_solar_dates(ymd: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError):
        solar_hijri_to_date(*ymd)


@pytest.mark.parametrize(
    ("text", "lang", "date", "calendar", "time"),
    [
        ("1402/08/04 - 16:45 - کد خبر: 101870", "fa", "2023-10-26", "solar_hijri", "16:45"),  # Latin digits, numeric
        ("۱۴۰۲/۰۸/۰۴", "fa", "2023-10-26", "solar_hijri", None),  # Persian digits
        ("١٤٠٢/٠٨/٠٤", "fa", "2023-10-26", "solar_hijri", None),  # Arabic-Indic digits
        ("۱۵ آذر ۱۳۹۸", "fa", "2019-12-06", "solar_hijri", None),  # Iranian month name
        ("۱۴:۵۶ ۱۵ آذر ۱۳۹۸", "fa", "2019-12-06", "solar_hijri", "14:56"),
        ("۱۲ حمل ۱۴۰۳", "prs", "2024-03-31", "solar_hijri", None),  # Dari month name
        ("سه شنبه ۵ جدی ۱۴۰۲", "prs", "2023-12-26", "solar_hijri", None),  # weekday prefix
        ("چهار شنبه مورخ ۱۲ / ۱۰ / ۱۳۹۷", "prs", "2019-01-02", "solar_hijri", None),  # D/M/Y with spaces
        ("۲۶ اکتبر ۲۰۲۳", "fa", "2023-10-26", "gregorian", None),  # Gregorian in Persian
        ("26 أكتوبر 2023", "ar", "2023-10-26", "gregorian", None),
        ("الخميس ٢٦ تشرين الأول ٢٠٢٣", "ar", "2023-10-26", "gregorian", None),  # Levantine month name
        ("2023-10-26T09:30", "ar", "2023-10-26", "gregorian", "09:30"),
        ("26/10/2023", "ar", "2023-10-26", "gregorian", None),
        ("12 ربيع الأول 1445 هـ", "ar", "2023-09-27", "lunar_hijri", None),
        ("1445/03/12 هـ", "ar", "2023-09-27", "lunar_hijri", None),
    ],
)
def test_find_dates(text: str, lang: str, date: str, calendar: str, time: str | None) -> None:
    found = find_dates(text, lang)
    assert found, text
    assert (found[0].date.isoformat(), found[0].calendar, found[0].time) == (date, calendar, time)


@pytest.mark.parametrize(
    "text",
    ["", "امروز", "اسفند ماه", "اردیبهشت‌ماه سال جاری", "در ۱۵ کشور", "کد خبر: 101870", "1402/13/40"],
)
def test_no_full_date(text: str) -> None:
    assert find_dates(text, "fa") == []


def test_raw_string_is_kept() -> None:
    found = find_dates("منتشر شده در ۱۵ آذر ۱۳۹۸ ساعت ۱۰", "fa")[0]
    assert found.raw == "۱۵ آذر ۱۳۹۸"


@pytest.mark.parametrize(
    ("date", "ingest", "ok"),
    [
        (dt.date(2023, 10, 26), dt.date(2025, 1, 15), True),
        (dt.date(1989, 12, 31), dt.date(2025, 1, 15), False),  # before 1990
        (dt.date(2025, 1, 16), dt.date(2025, 1, 15), False),  # after the ingest date
        (dt.date(2025, 1, 15), None, True),
    ],
)
def test_plausible(date: dt.date, ingest: dt.date | None, ok: bool) -> None:
    assert plausible(date, ingest) is ok
