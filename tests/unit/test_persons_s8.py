"""Persons on real news (issue 15, session 8): an Arabic verb-first sentence's verb and a
joined preposition are no part of the name, a name does not run across a quote mark, an
outlet named in quotes is no person, an editor or a technical director holds no public office.
Sentences written for these tests, in Persian, Dari and Arabic (ZWNJ, Arabic ي/ك, Persian and
Arabic-Indic digits)."""

from __future__ import annotations

import pytest

from khabar.persons import find_persons


def _persons(text: str, lang: str, home: str | None = "IRN") -> list[tuple[str, str | None, str | None]]:
    return [(p.name, p.role, p.country) for p in find_persons(text, [], [], home, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        # a past-tense verb opening a verb-first Arabic sentence is not the name's first word
        ("وفي مايو الماضي، علق جيمس والكر، المدير التنفيذي للشركة، على الخطة.", "ar", "جيمس والكر"),
        ("وأشاد خالد المنصوري مدير عام الجمارك بجهود الفرق في ٢٠٢٤.", "ar", "خالد المنصوري"),
        ("كما هنأ سعيد الكعبي رئيس البلدية الفائزين بالجائزة.", "ar", "سعيد الكعبي"),
        # a preposition joined to the given name: «لحسين» is «ل» + «حسين»
        ("نقلت الصحف تصريحا منسوبا لحسين الموسوي مساعد وزير الخارجية للشؤون العربية، قال فيه إنه مهم.", "ar", "حسين الموسوي"),
        ("واكتفى بتصريح مقتضب لعلي الكبيسي نائب وزير المالية حول الميزانية.", "ar", "علي الكبيسي"),
        # a quoted name before a role that starts with «مشاور»
        ("«رضا محمدی» مشاور وزیر ارتباطات در امور بین‌الملل، روز ۳ آذر گفت.", "fa", "رضا محمدی"),
        ("«نجیب‌الله احمدی» مشاور رئیس‌جمهور در امور اقتصادی، به خبرنگاران گفت.", "prs", "نجیب‌الله احمدی"),
    ],
)
def test_name_without_verb_preposition_or_quote(text: str, lang: str, name: str) -> None:
    names = [p[0] for p in _persons(text, lang)]
    assert name in names
    assert not any("»" in n or "«" in n for n in names)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a verb and one word before a role: no two-word name is left
        ("صدر قرار وزير التعليم بتمديد التكليف لعام ١٤٤٦.", "ar"),
        ("كما أهدى الحربي رئيس الوفد درعا تذكارية.", "ar"),
        # an outlet named in quotes before a spokesman's role
        ("به گزارش خبرگزاری «ریانووستی»، سخنگوی وزارت خارجه روسیه گفت که مسکو نقشی ندارد.", "fa"),
        ("بنا بر گزارش روزنامه «گاردین»، سخنگوی دولت انگلیس این خبر را تایید کرد.", "fa"),
        ("ونقلت وكالة «سبوتنيك» عن المتحدث باسم الوزارة أن المحادثات مستمرة.", "ar"),
        # an editor and a technical director hold no public office
        ("قال فريد جونسون رئيس تحرير صحيفة «بوست» إن التقرير دقيق.", "ar"),
        ("وأكد ماجد الحربي المدير الفني للفريق جاهزية اللاعبين.", "ar"),
        ("علی کریمی سرمربی تیم ملی گفت که بازیکنان آماده‌اند.", "fa"),
    ],
)
def test_no_person(text: str, lang: str) -> None:
    assert _persons(text, lang) == []
