from __future__ import annotations

import pytest

from khabar.extraction.topics import find_topic_hits, is_ict, score_topics


def topics(text: str, lang: str) -> set[str]:
    return {t.key for t in score_topics(find_topic_hits(text, lang))}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # Arabic fibre optics: «الكابل الضوئي», «كابلات ضوئية», «ألياف بصرية»
        ("بحث الوزير مد الكابل الضوئي نحو الحدود", "ar", {"fiber_optic"}),
        ("تنفيذ شبكة كابلات ضوئية جديدة", "ar", {"fiber_optic"}),
        ("ولد وزارت مخابرات لین فایبر نوری را تمدید کرد", "prs", {"fiber_optic"}),
        # a country as a corridor for data; a USB port's «نقل البيانات» is no transit
        ("ليصبح البلد ممرا إقليميا لنقل البيانات بين القارات", "ar", {"data_transit"}),
        ("تشغيل ممرات دولية للبيانات", "ar", {"data_transit"}),
        ("منفذ يو إس بي لنقل البيانات بسرعة", "ar", set()),
        # training engineers, with or without a count (Persian and Arabic-Indic digits)
        ("اتفق الجانبان على تدريب ٣٠٠ مهندس", "ar", {"capacity_building"}),
        ("وتدريب 1,200 متخصص في الأمن", "ar", {"capacity_building"}),
        ("آموزش ۵۰۰ متخصص فناوری اطلاعات", "fa", {"capacity_building"}),
        ("آموزش ۲ هزار کارشناس", "fa", {"capacity_building"}),
        ("برنامه تقویت ظرفیت کارمندان وزارت", "prs", {"capacity_building"}),
        ("تدريب المهندسين على الشبكات", "ar", {"capacity_building"}),
        ("تدريب لاعبي الفريق", "ar", set()),  # a weak cue alone
    ],
)
def test_topics_s8(text: str, lang: str, expected: set[str]) -> None:
    assert topics(text, lang) == expected


def test_arabic_fibre_and_transit_make_an_ict_article() -> None:
    hits = find_topic_hits("مد كابل ضوئي بطول 1200 كم ليصبح العراق ممرا رئيسيا لنقل البيانات", "ar")
    assert is_ict(hits, [])
