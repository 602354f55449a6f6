from __future__ import annotations

import datetime as dt

import pytest

from khabar.extraction.dates import (
    date_from_news_code,
    date_from_url,
    find_dates,
    lunar_hijri_to_date,
    plausible,
    solar_hijri_to_date,
)


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
        (
            (1436, 10, 1),
            dt.date(2015, 7, 17),
        ),  # Umm al-Qura (Saudi Eid al-Fitr); the tabular calendar says 07-18
        ((1445, 9, 1), dt.date(2024, 3, 11)),  # first of Ramadan 1445 in Saudi Arabia
        ((1445, 2, 30), dt.date(2023, 9, 15)),  # Safar 1445 has 30 days in Umm al-Qura
        ((1300, 1, 1), dt.date(1882, 11, 12)),  # before Umm al-Qura's range (1343 AH): tabular
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
        (
            "1402/08/04 - 16:45 - کد خبر: 101870",
            "fa",
            "2023-10-26",
            "solar_hijri",
            "16:45",
        ),  # Latin digits, numeric
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
        ("الأربعاء 18 شتنبر 2024", "ar", "2024-09-18", "gregorian", None),  # Moroccan month name
        ("٣ غشت ٢٠٢٣", "ar", "2023-08-03", "gregorian", None),  # Moroccan, Arabic-Indic digits
        ("22 جانفي 2025", "ar", "2025-01-22", "gregorian", None),  # Algerian/Tunisian month name
        ("۱۹ می ۲۰۲۴", "prs", "2024-05-19", "gregorian", None),  # Dari May
        ("الجمعة 12 رمضان 1445 هـ", "ar", "2024-03-22", "lunar_hijri", None),  # Umm al-Qura
        ("Tue, 05 Mar 2024 10:00:00 +0330", "fa", "2024-03-05", "gregorian", "10:00"),  # RSS pubDate field
        ("18 September 2024", "ar", "2024-09-18", "gregorian", None),
    ],
)
def test_find_dates(text: str, lang: str, date: str, calendar: str, time: str | None) -> None:
    found = find_dates(text, lang)
    assert found, text
    assert (found[0].date.isoformat(), found[0].calendar, found[0].time) == (date, calendar, time)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "امروز",
        "اسفند ماه",
        "اردیبهشت‌ماه سال جاری",
        "در ۱۵ کشور",
        "کد خبر: 101870",
        "1402/13/40",
        "12 may be 2024",
    ],
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


@pytest.mark.parametrize(
    ("url", "lang", "agency", "date", "calendar"),
    [
        (
            "https://news.example.com/2019/03/04/some-slug/",
            "ar",
            None,
            "2019-03-04",
            "gregorian",
        ),  # dated permalink
        ("http://www.example.com.sa/2015/08/08/article_979915.html", "ar", None, "2015-08-08", "gregorian"),
        (
            "http://www.example.com/2015/20150802/ec4.htm",
            "ar",
            None,
            "2015-08-02",
            "gregorian",
        ),  # issue folder
        (
            "http://example.com/new/Issues/20150722/Con20150722784954.htm",
            "ar",
            None,
            "2015-07-22",
            "gregorian",
        ),
        ("https://example.ir/fa/news/1403/06/12/3158842/slug", "fa", None, "2024-09-02", "solar_hijri"),
        (
            "https://www.farsnews.ir/news/14000316000396/%D8%B1%D8%A6%DB%8C%D8%B3%DB%8C",
            "fa",
            "Fars",
            "2021-06-06",
            "solar_hijri",
        ),
        (
            "https://www.farsnews.ir/news/8708050766",
            "fa",
            "Fars",
            "2008-10-26",
            "solar_hijri",
        ),  # old YYMMDD code
        ("https://www.isna.ir/news/1403082214518/", "fa", "ISNA", "2024-11-12", "solar_hijri"),
    ],
)
def test_date_from_url(url: str, lang: str, agency: str | None, date: str, calendar: str) -> None:
    found = date_from_url(url, lang, agency)
    assert found is not None
    assert (found.date.isoformat(), found.calendar) == (date, calendar)


@pytest.mark.parametrize(
    ("url", "agency"),
    [
        (None, None),
        ("https://www.example.com/news/1349222", None),  # a plain article id
        ("https://www.example.com/news/14000316000396", "IRNA"),  # only Fars and ISNA codes carry dates
        ("https://www.example.com/2019/13/45/x", None),  # no such date
        ("http://www.example.com/node/620446/68-slug.html", None),
    ],
)
def test_no_date_in_url(url: str | None, agency: str | None) -> None:
    assert date_from_url(url, "fa", agency) is None


@pytest.mark.parametrize(
    ("code", "agency", "date"),
    [
        ("14021215000417", "Fars", "2024-03-05"),
        ("۱۴۰۲۱۲۱۵۰۰۰۴۱۷", "Fars", "2024-03-05"),  # Persian digits
        ("٨٧٠٨٠٥٠٧٦٦", "Fars", "2008-10-26"),  # Arabic-Indic digits
        ("1403082214518", "ISNA", "2024-11-12"),
        ("14021215000417", "Mehr", None),
        ("6172045", "Fars", None),
        ("14021315000417", "Fars", None),  # month 13
    ],
)
def test_date_from_news_code(code: str, agency: str, date: str | None) -> None:
    found = date_from_news_code(code, agency)
    assert (found.date.isoformat() if found else None) == date
