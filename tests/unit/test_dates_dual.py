"""A source's date field with a dual Hijri/Gregorian date gives the Gregorian (exact) date,
whatever the order; a Hijri-only field converts. Written for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.extraction.extract import SourceHints, extract_text

_AR = "بحث وزير الاتصالات وتقنية المعلومات مع نظيره الأردني اليوم سبل تعزيز التعاون في مجال شبكات الألياف الضوئية وتبادل الخبرات بين البلدين الشقيقين."
_FA = "وزیر ارتباطات و فناوری اطلاعات در دیدار با همتای عراقی خود درباره اتصال فیبر نوری دو کشور گفت‌وگو کرد."


@pytest.mark.parametrize(
    ("date", "text", "lang", "expected", "calendar"),
    [
        ("الخميس 1 رمضان 1445 هـ الموافق 11 مارس 2024 م", _AR, "ar", "2024-03-11", "gregorian"),
        ("١١ مارس ٢٠٢٤ م الموافق ١ رمضان ١٤٤٥ هـ", _AR, "ar", "2024-03-11", "gregorian"),
        ("1 رمضان 1445 هـ", _AR, "ar", "2024-03-11", "lunar_hijri"),
        ("۲۱ اسفند ۱۴۰۲ برابر با ۱۱ مارس ۲۰۲۴", _FA, "fa", "2024-03-11", "gregorian"),
    ],
)
def test_dual_date_field(date: str, text: str, lang: str, expected: str, calendar: str) -> None:
    published = extract_text(
        text, "x", hints=SourceHints(title="عنوان", date=date), lang=lang, ingest_date=dt.date(2026, 1, 1)
    ).published
    assert published is not None
    assert (published.date.isoformat(), published.calendar) == (expected, calendar)
