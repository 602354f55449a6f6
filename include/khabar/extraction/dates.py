"""Publication dates in the three calendars Persian, Dari and Arabic outlets print.

Solar Hijri (1402/08/04, ۱۵ آذر ۱۳۹۸, ۱۲ حمل ۱۴۰۳), Gregorian (2023-10-26,
26 أكتوبر 2023, ۲۶ اکتبر ۲۰۲۳) and Lunar Hijri (12 ربيع الأول 1445 هـ), in
Latin, Persian or Arabic-Indic digits. Solar Hijri converts by the 33-year rule
(exact for 1244-1472 SH); Lunar Hijri by the Umm al-Qura calendar (``hijridate``,
1343-1500 AH, the calendar Saudi and Gulf outlets print), and outside that range
by the tabular (civil) calendar.

Besides the text, an article's date can be read from where it was published.
Each rule is a documented convention, kept in ``data/date_conventions.tsv``:

==========  =====================================  ============  =======================================
kind        form                                   calendar      source of the convention
==========  =====================================  ============  =======================================
path        ``/2019/03/04/`` in the URL path       Gregorian     dated permalinks (WordPress
                                                                 ``/%year%/%monthnum%/%day%/``, most
                                                                 news CMSs)
path        ``/20190304/`` (a whole path segment)  Gregorian     dated print-issue folders of dailies
path        ``/1403/06/12/`` in the URL path       Solar Hijri   Persian CMSs' dated permalinks
                                                                 (years 1300-1499, ``fa``/``prs``)
code        Fars news code ``YYYYMMDD`` + 6 digits Solar Hijri   Fars News Agency (farsnews.ir): the
            (from 1400), ``YYMMDD`` + 4 (13YY)                   code starts with the Jalali date
code        ISNA news code ``YYYYMMDD`` + 5 digits Solar Hijri   ISNA (isna.ir): likewise
            (from 1400), ``YYMMDD`` + 5 (13YY)
==========  =====================================  ============  =======================================

A ``code`` rule applies to the outlet's own article number (its «کد خبر» line or the
numeric id in its URL path); a ``path`` rule to any article URL.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from hijridate import Hijri

from khabar.extraction.gazetteer import month_matcher, read_tsv
from khabar.extraction.spans import DisjointSpans
from khabar.extraction.vocabulary import GREGORIAN, LUNAR_HIJRI, SOLAR_HIJRI
from khabar.text.normalize import fold

#: The earliest publication date khabar accepts (older dates are misreads).
EARLIEST = dt.date(1990, 1, 1)

_GREGORIAN_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in text: the Gregorian ``date``, its ``calendar`` and the ``raw`` span."""

    date: dt.date
    calendar: str
    raw: str
    start: int
    end: int
    time: str | None = None


def solar_hijri_to_date(year: int, month: int, day: int) -> dt.date:
    """Solar Hijri (Jalali) to Gregorian.

    >>> solar_hijri_to_date(1402, 8, 4)
    datetime.date(2023, 10, 26)
    >>> solar_hijri_to_date(1398, 9, 15)
    datetime.date(2019, 12, 6)
    """
    if not (1 <= month <= 12 and 1 <= day <= (31 if month <= 6 else 30)):
        raise ValueError(f"no such Solar Hijri date {year}/{month}/{day}")
    jy = year + 1595
    days = -355668 + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + day
    days += (month - 1) * 31 if month < 7 else (month - 7) * 30 + 186
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    return dt.date(gy, 1, 1) + dt.timedelta(days=days)


def lunar_hijri_to_date(year: int, month: int, day: int) -> dt.date:
    """Lunar Hijri to Gregorian: Umm al-Qura (1343-1500 AH), else the tabular civil calendar.

    >>> lunar_hijri_to_date(1445, 3, 12)
    datetime.date(2023, 9, 27)
    >>> lunar_hijri_to_date(1445, 8, 12)
    datetime.date(2024, 2, 22)
    """
    if not (1 <= month <= 12 and 1 <= day <= 30):
        raise ValueError(f"no such Lunar Hijri date {year}/{month}/{day}")
    if 1343 <= year <= 1500:
        return dt.date(*Hijri(year, month, day).to_gregorian().datetuple())  # ValueError: no such day
    jdn = day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30 + 1948439
    return dt.date.fromordinal(jdn - 1721425)


def to_gregorian(calendar: str, year: int, month: int, day: int) -> dt.date:
    """Convert a calendar date to a Gregorian :class:`datetime.date` (ValueError when invalid)."""
    if calendar == SOLAR_HIJRI:
        return solar_hijri_to_date(year, month, day)
    if calendar == LUNAR_HIJRI:
        return lunar_hijri_to_date(year, month, day)
    return dt.date(year, month, day)


#: Decimal digits the matching fold leaves as written (full-width ０-９, Devanagari, Bengali,
#: mathematical ...): a regular expression's \d matches them, a structured value must not keep them.
_NON_LATIN_DIGIT = re.compile(r"(?![0-9])\d")


def _latin_digit(match: re.Match[str]) -> str:
    return str(unicodedata.decimal(match.group()))


def ascii_digits(text: str) -> str:
    """Every decimal digit to Latin, one character for one (offsets stay valid).

    Structured fields carry Latin digits whatever digits the source used (SPEC §4); the
    matching fold maps only Persian and Arabic-Indic ones.

    >>> ascii_digits("۱۲ ١٢ １２ १२ 12")
    '12 12 12 12 12'
    """
    return _NON_LATIN_DIGIT.sub(_latin_digit, text)


# Patterns run on folded text with Latin digits, so offsets match the input.
_TIME = re.compile(r"(?<!\d)([01]?\d|2[0-3])\s*:\s*([0-5]\d)(?!\d)")
_YMD = re.compile(r"(?<![\d/.-])(\d{4})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?![\d/])")
_DMY = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?![\d/])")
#: Era markers after a year: ه.ق / هـ / ق (lunar), ه.ش / ش (solar), م (Gregorian).
_ERA = re.compile(r"\s*(ه\s*\.?\s*ق|هـ|ه\s*\.?\s*ش|ق\b|ش\b|م\b|هجري|هجریه?|شمسی|قمری|میلادی|ميلادي|ميلادية)")
_FOUR_DIGITS = re.compile(r"\d{4}")
_DAY_BEFORE = re.compile(r"(?<!\d)(\d{1,2})\s*(?:ام|م)?\s*$")
_YEAR_AFTER = re.compile(r"^\s*(?:ماه\s*)?(?:سال\s*|عام\s*)?[،,]?\s*(\d{4})(?!\d)")


def _era(after: str) -> str | None:
    match = _ERA.match(after)
    if not match:
        return None
    marker = match.group(1)
    if (
        marker.startswith(("ه", "ق"))
        and ("ق" in marker or "هـ" in marker or "هجري" in marker)
        and "ش" not in marker
    ):
        return LUNAR_HIJRI
    if "ش" in marker:
        return SOLAR_HIJRI
    return GREGORIAN


def _numeric_calendar(year: int, lang: str, era: str | None) -> str | None:
    if era:
        return era
    if 1900 <= year <= 2100:
        return GREGORIAN
    if 1300 <= year <= 1500:
        return LUNAR_HIJRI if lang == "ar" else SOLAR_HIJRI
    return None


#: A 12-hour clock's half of the day after the time: «8:15 م», «٠١:٠٥ مساءً», «۳:۲۰ ب.ظ», «9:05 pm».
_PM = re.compile(r"\s*(م|مساء|مساءا|عصرا|ب\s*\.?\s*ظ|بعد از ظهر|بعدازظهر|عصر|شب|pm|p\.m\.)(?![^\W\d_])", re.I)
_AM = re.compile(r"\s*(ص|صباحا|صباح|ق\s*\.?\s*ظ|قبل از ظهر|قبل ازظهر|صبح|am|a\.m\.)(?![^\W\d_])", re.I)


def _time_near(folded: str, start: int, end: int) -> str | None:
    """The time printed beside a date, on a 24-hour clock («8:15 م» is 20:15, «12:30 ص» 00:30).

    >>> _time_near("18/6/2024 8:15 م", 0, 9), _time_near("5 فبراير 2024 - ٠١:٠٥ مساء", 0, 13)
    ('20:15', '13:05')
    """
    window_start = max(0, start - 25)
    window = ascii_digits(folded[window_start : end + 25])
    match = _TIME.search(window)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    after = window[match.end() : match.end() + 14]
    if hour < 12 and _PM.match(after):
        hour += 12
    elif hour == 12 and _AM.match(after):
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def find_dates(text: str, lang: str) -> list[FoundDate]:
    """Every full date (day, month, year) in ``text``, in order of appearance.

    >>> [(d.date.isoformat(), d.calendar) for d in find_dates("۱۴:۵۶ ۱۵ آذر ۱۳۹۸", "fa")]
    [('2019-12-06', 'solar_hijri')]
    >>> [(d.date.isoformat(), d.time) for d in find_dates("1402/08/04 - 16:45 - کد خبر", "fa")]
    [('2023-10-26', '16:45')]
    """
    folded = ascii_digits(fold(text))
    if not _FOUR_DIGITS.search(folded):  # every form needs a four-digit year
        return []
    found: list[FoundDate] = []
    taken = DisjointSpans()

    def add(calendar: str | None, y: int, m: int, d: int, start: int, end: int) -> None:
        if calendar is None or taken.overlaps(start, end):
            return
        try:
            date = to_gregorian(calendar, y, m, d)
        except ValueError:
            return
        taken.add(start, end)
        found.append(
            FoundDate(date, calendar, text[start:end].strip(), start, end, _time_near(folded, start, end))
        )

    for match in _YMD.finditer(folded):
        y, m, d = int(match.group(1)), int(match.group(3)), int(match.group(4))
        add(_numeric_calendar(y, lang, _era(folded[match.end() :])), y, m, d, match.start(), match.end())
    for match in _DMY.finditer(folded):
        d, m, y = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if m > 12 and d <= 12:  # month/day/year
            d, m = m, d
        add(_numeric_calendar(y, lang, _era(folded[match.end() :])), y, m, d, match.start(), match.end())
    for month in month_matcher().find(folded):
        day = _DAY_BEFORE.search(folded[max(0, month.start - 8) : month.start])
        year = _YEAR_AFTER.match(folded[month.end : month.end + 16])
        if not (day and year):
            continue
        start = month.start - (len(folded[max(0, month.start - 8) : month.start]) - day.start())
        end = month.end + year.end()
        y = int(year.group(1))
        era = _era(folded[end:])
        for calendar, number in month.values:
            if era and era != calendar:
                continue
            if calendar == GREGORIAN and not 1900 <= y <= 2100:
                continue
            if calendar != GREGORIAN and not 1300 <= y <= 1500:
                continue
            add(calendar, y, number, int(day.group(1)), start, end)
            break
    found.sort(key=lambda f: f.start)
    return found


def plausible(date: dt.date, ingest_date: dt.date | None) -> bool:
    """A publication date is plausible between 1990-01-01 and the ingest date."""
    return date >= EARLIEST and (ingest_date is None or date <= ingest_date)


@functools.cache
def _conventions() -> tuple[tuple[str, str, re.Pattern[str], str], ...]:
    return tuple(
        (r["kind"], r["where"], re.compile(r["pattern"]), r["calendar"])
        for r in read_tsv("date_conventions.tsv")
    )


def _convention_date(match: re.Match[str], calendar: str, lang: str) -> dt.date | None:
    year = int(match.group("y"))
    if year < 100:  # a two-digit Solar Hijri year in an old news code: 87 = 1387
        year += 1300
    if calendar == "hijri":  # a Hijri year in a URL path: Solar in Persian, Lunar in Arabic
        calendar = LUNAR_HIJRI if lang == "ar" else SOLAR_HIJRI
    try:
        return to_gregorian(calendar, year, int(match.group("m")), int(match.group("d")))
    except (ValueError, OverflowError):
        return None


def date_from_news_code(code: str | None, agency_key: str | None) -> FoundDate | None:
    """The date an outlet encodes in its own news code (``data/date_conventions.tsv``, kind code).

    >>> date_from_news_code("14021215000417", "Fars").date
    datetime.date(2024, 3, 5)
    >>> date_from_news_code("8708050766", "Fars").date
    datetime.date(2008, 10, 26)
    >>> date_from_news_code("14021215000417", "IRNA") is None
    True
    """
    if not code or not agency_key:
        return None
    code = ascii_digits(code.strip())
    for kind, where, pattern, calendar in _conventions():
        if kind != "code" or where != agency_key:
            continue
        match = pattern.fullmatch(code)
        if match and (date := _convention_date(match, calendar, "fa")):
            return FoundDate(date, SOLAR_HIJRI if calendar == "hijri" else calendar, code, 0, len(code))
    return None


_NUMERIC_SEGMENT = re.compile(r"(?<=/)\d{6,}(?=/|$|[-_.?])")


def date_from_url(url: str | None, lang: str, agency_key: str | None = None) -> FoundDate | None:
    """The date in an article URL: a dated path (``/2019/03/04/``, ``/20190304/``,
    ``/1403/06/12/``) or the outlet's date-encoding article id (``agency_key``'s code rule).

    >>> date_from_url("https://example.com/2019/03/04/slug/", "ar").date
    datetime.date(2019, 3, 4)
    >>> date_from_url("http://example.com/2015/20150802/ec4.htm", "ar").date
    datetime.date(2015, 8, 2)
    >>> date_from_url("https://www.farsnews.ir/news/14000316000396/x", "fa", "Fars").date
    datetime.date(2021, 6, 6)
    >>> date_from_url("https://example.com/news/1349222", "fa") is None
    True
    """
    if not url:
        return None
    try:
        path = unquote(urlsplit(url.strip()).path)
    except ValueError:
        return None
    for kind, _where, pattern, calendar in _conventions():
        if kind != "path":
            continue
        for match in pattern.finditer(path):
            date = _convention_date(match, calendar, lang)
            if date:
                real = (
                    SOLAR_HIJRI
                    if calendar == "hijri" and lang != "ar"
                    else LUNAR_HIJRI
                    if calendar == "hijri"
                    else calendar
                )
                return FoundDate(date, real, match.group(0).strip("/"), 0, 0)
    for segment in _NUMERIC_SEGMENT.finditer(path):
        found = date_from_news_code(segment.group(0), agency_key)
        if found:
            return found
    return None
