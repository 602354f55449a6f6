"""Quantities: numbers with a unit, in three digit systems and in words; and what is not one
(dates, years, times, ordinals, codes, names, tables)."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from khabar.extraction.gazetteer import read_tsv
from khabar.extraction.quantities import find_quantities
from khabar.text.normalize import normalize_text


def values(text: str, lang: str) -> list[tuple[float, str]]:
    return [(q.value, q.unit) for q in find_quantities(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("", "fa", []),
        # a four-digit number after «سال» that is no year, before a counted noun, is a count
        ("تا پایان سال ۳۰۰۰ سایت‌های تازه نصب می‌شود", "fa", [(3000.0, "count")]),
        ("تا آخر سال ٥٠٠٠ مدرسه نوی جدید ساخته می‌شود", "prs", [(5000.0, "count")]),
        ("در سال ۱۴۰۲ کشور رشد کرد", "fa", []),
        # thousands separators (Persian ٬, Latin comma, Arabic comma) and decimals (٫, ., the Persian slash)
        ("قیمت هر گیگ اینترنت به ۸۲٬۳۵۰ ریال رسید", "fa", [(82350.0, "irr")]),
        ("بتكلفة 1,500,000 دولار", "ar", [(1_500_000.0, "usd")]),
        ("قیمت کارت به ۳۵،۰۰۰ تومان رسید", "fa", [(35000.0, "irt")]),
        ("نرخ تورم ماهانه ۰/۴ درصد کاهش یافت", "fa", [(0.4, "percent")]),
        ("رشد ۱٫۲ درصدی صادرات خدمات فنی", "fa", [(1.2, "percent")]),
        ("بسعر 0.5 دينار للدقيقة", "ar", [(0.5, "dinar")]),
        ("بسعر 0,5 دينار للدقيقة", "ar", [(0.5, "dinar")]),
        ("زادت الإيرادات 5ر32 في المائة إلى 61ر49 مليار دولار", "ar", [(32.5, "percent"), (49_610_000_000.0, "usd")]),  # Gulf «ر»
        ("استثمارات بقيمة ٢٫٥ مليار دولار", "ar", [(2_500_000_000.0, "usd")]),
        ("ارتفعت الإيرادات ٣٠٪ مقارنة بالعام الماضي", "ar", [(30.0, "percent")]),
        ("ارتفعت الإيرادات بنسبة 7 في المائة", "ar", [(7.0, "percent")]),
        ("صندوقی به ارزش $5 میلیارد", "fa", [(5_000_000_000.0, "usd")]),
        # scale words, joined parts, «همت»
        ("۲۰ میلیون کاربر تلفن همراه", "fa", [(20_000_000.0, "people")]),
        ("بودجه ۳ میلیارد و ۵۰۰ میلیون تومانی طرح", "fa", [(3_500_000_000.0, "irt")]),
        ("اعتبار ۲ و نیم میلیون دلاری", "fa", [(2_500_000.0, "usd")]),
        ("۲۰ همت برای توسعه شبکه", "fa", [(20e12, "irt")]),
        ("وصل عدد المشتركين إلى 41 ألف مشترك", "ar", [(41000.0, "people")]),
        ("بلغت الإيرادات 68.18 مليار ريال", "ar", [(68_180_000_000.0, "riyal")]),  # no float noise
        # data, frequency, power, length; Latin units glued or split off by normalisation
        ("ظرفیت ۱۰ ترابیت بر ثانیه", "fa", [(10.0, "tbps")]),
        ("ظرفيت ۱۰۰ گيگابيت ترانزيت", "fa", [(100.0, "gbps")]),  # Persian written with Arabic ي/ك
        ("بسرعة 100Mbps للمنازل", "ar", [(100.0, "mbps")]),
        ("باند ۳٫۵ گیگاهرتز و ۵۰ مگاوات برق", "fa", [(3.5, "ghz"), (50.0, "mw")]),
        ("مد كابل بحري بطول 1500 كيلومتر", "ar", [(1500.0, "km")]),  # a year-like number before a unit
        ("۴۵۰ کیلومتر فایبر نوری در ۱۲ ولایت", "prs", [(450.0, "km"), (12.0, "count")]),
        ("بسته‌های ۲۰ گیگابایتی", "fa", [(20.0, "gb")]),
        # durations, with the adjectival suffixes of Persian and the Arabic accusative
        ("مرسولات ظرف ۴۸ ساعت می‌رسد", "fa", [(48.0, "hour")]),
        ("یک دوره آموزشی ۶ ماهه", "fa", [(6.0, "month")]),
        ("برنامه‌ای پنج‌ساله", "fa", [(5.0, "year")]),  # ZWNJ between number word and unit
        ("خلال 18 عاما من العمل", "ar", [(18.0, "year")]),
        ("مساحت زمین یک هزار و ۴۵۰ متر مربع است", "fa", [(1450.0, "m2")]),  # words, «و», digits
        # number words before a measuring unit, Arabic duals
        ("کارشناسان طی سه ماه آینده", "fa", [(3.0, "month")]),
        ("خلال ثلاثة أشهر", "ar", [(3.0, "month")]),
        ("بعد خمسة وعشرين عاما", "ar", [(25.0, "year")]),
        ("وثلاث سنوات أخرى", "ar", [(3.0, "year")]),
        ("منحة بقيمة مليون دولار", "ar", [(1_000_000.0, "usd")]),
        ("قرضی به ارزش یک و نیم میلیارد دلار", "fa", [(1_500_000_000.0, "usd")]),
        ("يستمر المشروع شهرين", "ar", [(2.0, "month")]),
        ("دو کشور و سه شرکت", "fa", []),  # number words count only before a measuring unit
        ("نه یک ریال بیشتر", "fa", [(1.0, "irr")]),  # «نه» (no) is not added to «یک»
        ("چند صد متر آن طرف‌تر", "fa", []),  # several hundred
        # people and counts
        ("۵ تن از کارشناسان ارشد", "fa", [(5.0, "people")]),
        ("صادرات ۵۰۰ هزار تن گندم", "fa", [(500_000.0, "tonne")]),
        ("با ۱۵ کشور همسایه", "fa", [(15.0, "count")]),
        ("تدريب ٥٠٠٠ شاب في ١٢ جامعة", "ar", [(5000.0, "people"), (12.0, "count")]),
        ("شمار ولایت‌های تحت پوشش به ۲۹ رسید", "prs", [(29.0, "count")]),  # a bare amount after «به»
        ("شمار کاربران به ۱۹ می‌رسد", "fa", [(19.0, "count")]),  # «می‌» here is a verb prefix, not May
        # ranges and scores share or pair the unit
        ("طی ۱۲ تا ۱۵ ماه", "fa", [(12.0, "month"), (15.0, "month")]),
        ("نمو بين 10 و15 بالمئة", "ar", [(10.0, "percent"), (15.0, "percent")]),
        ("بين 2 و3 ملايين مستخدم", "ar", [(2_000_000.0, "people"), (3_000_000.0, "people")]),
        ("قیمت بسته از ۱۵۰ افغانی به ۹۵ افغانی کاهش یافت", "prs", [(150.0, "afn"), (95.0, "afn")]),
        ("تیم ملی با نتیجه ۳ بر ۱ برد", "fa", [(3.0, "score"), (1.0, "score")]),
    ],
)  # fmt: skip
def test_quantities(text: str, lang: str, expected: list[tuple[float, str]]) -> None:
    assert values(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("در سال ۱۴۰۲ و سال‌های ۹۰", "fa"),
        ("از سال ۹۶ تا ۹۸ بهترین دوران", "fa"),  # a range of years
        ("في عام 2024 وفي 2025", "ar"),
        ("۱۵ آذر ۱۳۹۸", "fa"),
        ("نشست ۱۳ و ۱۴ تیر برگزار شد", "fa"),  # a date range: both are days
        ("از ۳ تا ۷ اسد در کابل", "prs"),  # Afghan month
        ("۱۲ خردادماه و خرداد ۹۹", "fa"),
        ("أبوظبي في 8 أكتوبر / وام /", "ar"),
        ("۲۳ رجب 1445 هـ", "ar"),
        ("ساعت ۱۰:۳۰ و ساعت ۱۴ روز دوشنبه", "fa"),
        ("مسابقه ۲۰۱۹ روز دوشنبه آغاز شد", "fa"),  # «روز» before a weekday is no span
        ("نشست ۱۹ ماه جولای در کابل", "prs"),  # «ماه» before a month name
        ("في العام 2013 كما في 2014", "ar"),  # «كما» is no km
        ("الساعة 10 صباحا", "ar"),
        ("تلفن ۰۲۱-۸۸۱۲۳۴۵۶ و +۹۸ ۲۱", "fa"),
        ("کد خبر: ۸۹۴۵۶۱۲", "fa"),
        ("اینترنت نسل ۵ و فناوری 5G و ۴G", "fa"),
        ("خدمات 4G في مجموعة D-8 وقمة COP28", "ar"),
        ("رؤية 2030 و«نحن الإمارات 2031»", "ar"),
        ("في دورته العادية الـ28 التي", "ar"),  # ordinal
        ("۲۸مین نشست و ۵ام", "fa"),  # ordinals (normalisation splits the suffix off)
        ("طبق ماده ۵ قانون و بند ۳ و ۴", "fa"),
        ("در مناطق ۴، ۵ و ۹ شهرداری", "fa"),
        ("در دقیقه ۵۵ و پیراهن شماره ۹", "fa"),
        ("ماهواره ناهید ۲ با موفقیت به مدار رفت", "fa"),  # a number ending a name
        ("طلای ۱۸ عیار", "fa"),  # a product grade
        ("۲۴/۷ پشتیبانی", "fa"),  # a slash pair with no measuring unit
    ],
)  # fmt: skip
def test_not_quantities(text: str, lang: str) -> None:
    assert values(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # after hazm, separators and decimals are spaced: «۸۲ ٬ ۳۵۰», «۰ / ۴», «۱ ٫ ۲»; «5G» is «۵ G»
        ("دلار ۸۲٬۳۵۰ تومان شد که ۰/۴ درصد و ۱.۲ درصد", "fa", [(82350.0, "irt"), (0.4, "percent"), (1.2, "percent")]),
        ("فروش 1,500 سیم‌کارت 5G", "fa", [(1500.0, "count")]),
        ("نصب 200 BTS و 40 G", "fa", [(200.0, "count")]),  # a Latin noun is counted, a letter names
        ("Ooredoo ۱۰ Mbps", "fa", [(10.0, "mbps")]),
        ("کابل به طول ۱۸۰۰ کیلومتر در ۱۴۰۳/۰۷/۰۹", "prs", [(1800.0, "km")]),
    ],
)  # fmt: skip
def test_quantities_in_normalised_text(text: str, lang: str, expected: list[tuple[float, str]]) -> None:
    assert values(normalize_text(text, lang), lang) == expected


def test_numbers_in_tables_tickers_and_counters_are_not_the_storys() -> None:
    body = "دلار ۸۲,۳۵۰ | یورو ۹۰,۱۰۰ | درهم ۲۲,۵۰۰\nنظرات (۱۲)\n۱۵۸ بازدید\nاین شرکت ۳۰ دکل جدید نصب کرد.\n۱. خبر مرتبط"
    assert values(body, "fa") == [(30.0, "count")]


@pytest.mark.parametrize(
    ("text", "lang", "surface"),
    [
        ("۹۴ ٪ خدمات این کشور", "prs", "۹۴ ٪ خدمات"),  # a percentage with the noun it qualifies
        ("ظرفیت ۱۰ ترابیت بر ثانیه است", "fa", "۱۰ ترابیت بر ثانیه"),
        ("۸۲٬۳۵۰ ریال", "fa", "۸۲٬۳۵۰ ریال"),
        ("ثلاثة أشهر", "ar", "ثلاثة أشهر"),
        ("في ١٢ جامعة مصرية", "ar", "١٢ جامعة"),
    ],
)
def test_surface_is_the_text_as_written(text: str, lang: str, surface: str) -> None:
    found = find_quantities(text, lang)
    assert [q.surface for q in found] == [surface]
    assert all(text[q.start : q.end] == q.surface for q in found)


# --- the data files --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["units.tsv", "number_words.tsv", "quantity_cues.tsv"])
def test_data_rows_are_sorted_and_unique(name: str) -> None:
    text = resources.files("khabar.data").joinpath(name).read_text(encoding="utf-8")
    rows = [line for line in text.splitlines()[1:] if line and not line.startswith("#")][1:]
    assert text.startswith("#") and rows
    assert [r.encode() for r in rows] == sorted({r.encode() for r in rows})  # LC_ALL=C order, no duplicates


def test_unit_keys_are_short_latin_and_kinds_known() -> None:
    rows = read_tsv("units.tsv")
    kinds = {
        "percent",
        "money",
        "data",
        "frequency",
        "power",
        "energy",
        "length",
        "area",
        "volume",
        "mass",
        "resolution",
        "angle",
        "duration",
        "times",
        "people",
        "count",
        "name",
    }
    assert {r["kind"] for r in rows} <= kinds
    assert all(re.fullmatch(r"[a-z][a-z0-9]{0,9}", r["unit"]) for r in rows)
    assert all(r["lang"] == "*" or set(r["lang"].split(",")) <= {"fa", "prs", "ar"} for r in rows)
    assert all(float(r["factor"]) > 0 for r in rows)


def test_number_words_are_positive_and_duals_name_a_unit() -> None:
    rows = read_tsv("number_words.tsv")
    units = {r["unit"] for r in read_tsv("units.tsv")}
    assert all(float(r["value"]) > 0 and r["kind"] in {"number", "hundred", "scale", "dual"} for r in rows)
    assert all((r["unit"] in units) == (r["kind"] == "dual") for r in rows)


@pytest.mark.parametrize("name", ["units.tsv", "number_words.tsv", "quantity_cues.tsv"])
def test_data_sort_order_is_that_of_sort_in_the_c_locale(name: str) -> None:
    """Rows in the byte order of their UTF-8 text, which is what ``LC_ALL=C sort`` gives."""
    text = resources.files("khabar.data").joinpath(name).read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line and not line.startswith("#")][1:]
    assert rows == sorted(rows, key=lambda row: row.encode("utf-8"))
