from __future__ import annotations

import pytest

from khabar.extraction.entities import find_countries, find_organizations


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # an ownership word between an operator head and its brand
        ("شرکت دولتی آلتین آسیر آماده همکاری است", "fa", {("Altyn Asyr", "TKM")}),
        ("قرارداد با شرکت دولتی ساتکام امضا شد", "fa", {("ساتکام", None)}),
        ("شرکت خصوصی ارمنی یوکام", "fa", {("یوکام", "ARM")}),
        ("شرکت دولتی بزرگ در بورس", "fa", set()),  # no brand after the ownership word
        # Dari spellings of «telecom»: two parts, ZWNJ or space, Pashto «ې»
        ("افغان تیلی\u200cکام خدمات فورجی را آغاز کرد", "prs", {("Afghan Telecom", "AFG")}),
        ("افغان تېلی کام و ازبک تلکام", "prs", {("Afghan Telecom", "AFG"), ("Uzbektelecom", "UZB")}),
        ("افغان تیلیکام", "prs", {("Afghan Telecom", "AFG")}),
        # African and Arab ICT bodies, in Arabic and Persian
        ("وقعت الوزارة مذكرة مع تحالف أفريقيا الذكية", "ar", {("Smart Africa", None)}),
        ("نشست ائتلاف آفریقای هوشمند", "fa", {("Smart Africa", None)}),
        ("قمة المجموعة الاقتصادية لدول غرب إفريقيا", "ar", {("ECOWAS", None)}),
        # a body's short name after a place noun is a place
        ("وصلت السفينة إلى ميناء الفاو الكبير", "ar", set()),
        ("ومطار الفاو", "ar", set()),
        ("أعلنت منظمة الفاو", "ar", {("FAO", None)}),
        ("تحدثوا عن طريق تويتر", "ar", {("Twitter", "USA")}),  # «عن طريق» is «via», not a road
    ],
)
def test_organizations_s8(text: str, lang: str, expected: set[tuple[str, str | None]]) -> None:
    assert {(m.key, m.country) for m in find_organizations(text, lang)} == expected


@pytest.mark.parametrize(
    ("text", "lang", "sports", "expected"),
    [
        # a country word inside a club's or team's name, in sports copy
        ("ويحل الفريق ضيفا على المغرب الفاسي في الجولة المقبلة", "ar", True, set()),
        ("انتقل اللاعب قادما من نادي الاتفاق السعودي", "ar", True, set()),
        ("فاز الوداد على تونس الصفاقسي", "ar", True, set()),
        ("باشگاه آلمانی با مهاجم ایرانی قرارداد بست", "fa", True, {"IRN"}),
        (
            "تیم ملی ایران مقابل عربستان بازی کرد",
            "fa",
            True,
            {"IRN", "SAU"},
        ),  # the country's team, its opponent
        ("تیم دالیان چین", "fa", True, set()),
        ("مقابل تیم‌های عربستان و ژاپن", "fa", True, {"SAU", "JPN"}),  # a club named with its country after it
        ("فريق سباهان الإيراني", "ar", True, set()),
        ("لعب المنتخب ضد المغرب", "ar", True, {"MAR"}),
        # outside sports copy the same words are countries
        ("التقى الوزير وفدا من نادي الأعمال السعودي", "ar", False, {"SAU"}),
        ("زار الوزير المغرب الشقيق", "ar", False, {"MAR"}),
    ],
)
def test_countries_in_club_names(text: str, lang: str, sports: bool, expected: set[str]) -> None:
    assert {m.key for m in find_countries(text, lang, sports=sports)} == expected


def test_sports_copy_is_detected_for_club_names() -> None:
    text = "في قمة البطولة لكرة القدم سجل مهاجم الفريق هدفا في الشوط الثاني من المباراة قبل أن يحل ضيفا على المغرب الفاسي"
    assert {m.key for m in find_countries(text, "ar")} == set()


def test_the_kings_title_stands_for_the_kingdom() -> None:
    """«سفير خادم الحرمين الشريفين لدى إيطاليا»: a Saudi ambassador, posted to Italy."""
    from khabar.extraction.entities import find_countries
    from khabar.extraction.persons import officials

    text = "وحضر اللقاء سفير خادم الحرمين الشريفين لدى إيطاليا ومالطا الدكتور رائد قرملي."
    countries = find_countries(text, "ar")
    assert {m.key for m in countries} == {"SAU", "ITA", "MLT"}
    assert [(o.country, o.countries) for o in officials(text, countries, [], None)] == [("SAU", ("SAU",))]
