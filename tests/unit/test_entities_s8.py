from __future__ import annotations

import pytest

from khabar.entities import find_organizations


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
