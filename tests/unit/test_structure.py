from __future__ import annotations

import pytest

from khabar.extraction.article_text import sentence_spans
from khabar.extraction.structure import is_headline_like, parse_layout
from khabar.text.normalize import clean_unicode
from tests.conftest import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004


def layout(seed, lang):
    return parse_layout(clean_unicode(seed.read_text(encoding="utf-8")), lang)


def test_kicker_title_lead_of_seed_001() -> None:
    parts = layout(SEED_001, "fa")
    assert parts.kicker == "در نخستین روز از اجلاس اسكاپ صورت گرفت"  # the «؛» is dropped
    assert parts.title == "پیگیری دیپلماسی فناوری در قزاقستان"
    assert parts.lead.startswith("به گزارش تجهیزات جانبی، وزیر ارتباطات")
    assert parts.paragraphs[0] == parts.lead


def test_seed_001_tail_is_removed() -> None:
    body = "\n".join(layout(SEED_001, "fa").paragraphs)
    for furniture in ("این مطلب را می پسندید", "(1)", "(0)", "تازه ترین مطالب مرتبط", "نظرات بینندگان"):
        assert furniture not in body


def test_seed_002_meta_line_and_boilerplate() -> None:
    parts = layout(SEED_002, "fa")
    assert parts.title == "تاکید بر تسریع اجرایی شدن توافقات تهران-مسقط در حوزه ارتباطات"
    assert parts.news_code == "101870"
    assert parts.meta_lines == ("1402/08/04 - 16:45 - کد خبر: 101870 نسخه چاپی",)
    body = "\n".join(parts.paragraphs)
    for furniture in (
        "خبر/",
        "انتهای پیام",
        "نسخه چاپی",
        "کد خبر",
        "ثبت نظر",
        "نمایش 0 نظر",
        "پژوهشیار",
        "ایلنا - خبرگزاری کار ایران",
    ):
        assert furniture not in body
    assert parts.comments == ()


def test_seed_003_has_no_headline() -> None:
    parts = layout(SEED_003, "ar")
    assert parts.title is None  # the first line is a long lead sentence, not a headline
    assert parts.lead.startswith("أفادت وكالة مهر للأنباء")
    assert (
        "محادثات إيرانية جزائرية؛ التركيز على الحكومة الذكية، والاقتصاد الرقمي، والتعاون الفضائي"
        in parts.paragraphs
    )


def test_seed_004_comment_is_split_off() -> None:
    parts = layout(SEED_004, "fa")
    assert parts.title is None  # first line ends in a full stop: a lead, not a headline
    assert len(parts.comments) == 1
    comment = parts.comments[0]
    assert comment.author == "میلاد"
    assert comment.posted_at == "2019-12-06T14:56"
    assert comment.text == "اینترنت سیستان و بلوچستان هنوز قطع است لطفاً پیگیری شود"
    body = "\n".join(parts.paragraphs)
    assert "سیستان و بلوچستان" not in body
    assert "انتشار یافته" not in body and "آخرین اخبار" not in body


def test_seed_000_title_without_kicker() -> None:
    parts = layout(SEED_000, "prs")
    assert parts.kicker is None
    assert parts.title == "دیدار وزیر مخابرات و تکنالوژی معلوماتی با معاون نخست وزیر کشور قزاقستان"
    assert len(parts.paragraphs) == 8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", False),
        ("پیگیری دیپلماسی فناوری در قزاقستان", True),
        ("وزیر ارتباطات به مسقط سفر کرد.", False),  # sentence-final full stop
        ("به گزارش ایرنا وزیر ارتباطات سفر کرد", False),  # attribution: a lead
        ("أفادت وكالة مهر للأنباء بأن الوزير سافر", False),
        ("۱۲۳ ۴۵۶", False),  # no letters
        (" ".join(["کلمه"] * 31), False),  # too long
    ],
)
def test_is_headline_like(text: str, expected: bool) -> None:
    assert is_headline_like(text) is expected


@pytest.mark.parametrize(
    ("lines", "dropped"),
    [
        ("تیتر خبر\nمتن خبر اول است.\nاشتراک گذاری\nمتن دوم است.", "اشتراک گذاری"),
        ("تیتر خبر\nمتن خبر اول است.\n(12)\nمتن دوم است.", "(12)"),
        ("تیتر خبر\nمتن خبر اول است.\nکد خبر: ۱۲۳۴۵\nمتن دوم است.", "کد خبر: ۱۲۳۴۵"),
        ("تیتر خبر\nمتن خبر اول است.\nمتن دوم است.\nاخبار مرتبط\nخبر دیگر", "خبر دیگر"),
        ("عنوان الخبر\nنص الخبر الأول.\nنص ثان.\nاقرأ أيضا\nخبر آخر", "خبر آخر"),
    ],
)
def test_boilerplate_patterns(lines: str, dropped: str) -> None:
    parts = parse_layout(lines, "fa")
    assert dropped not in "\n".join(parts.paragraphs)
    assert parts.paragraphs[-1] in ("متن دوم است.", "نص ثان.")


def test_json_title_hint_is_not_repeated_in_body() -> None:
    parts = parse_layout("تیتر خبر\nمتن خبر است.", "fa", title="تیتر خبر")
    assert parts.title == "تیتر خبر"
    assert parts.paragraphs == ("متن خبر است.",)


def test_sentence_spans_cover_the_body() -> None:
    body = "جمله اول. جمله دوم؟\nجمله سوم"
    assert [body[s:e] for s, e in sentence_spans(body)] == ["جمله اول.", "جمله دوم؟", "جمله سوم"]
    assert sentence_spans("") == []


@pytest.mark.parametrize(
    ("text", "kicker", "title"),
    [
        # section label, kicker ending in a colon, headline
        (
            "سیاست\nوزیر ارتباطات در دیدار با سفیر چین:\nهمکاری تهران و پکن گسترش می‌یابد\nمتن خبر در اینجا است.",
            "وزیر ارتباطات در دیدار با سفیر چین",
            "همکاری تهران و پکن گسترش می‌یابد",
        ),
        # a breadcrumb, then kicker and headline stacked without punctuation
        (
            "اقتصاد › فناوری\nرئیس سازمان فضایی در سفر به مسکو خبر داد\nامضای تفاهم نامه همکاری فضایی\nمتن خبر در اینجا است.",
            "رئیس سازمان فضایی در سفر به مسکو خبر داد",
            "امضای تفاهم نامه همکاری فضایی",
        ),
        # a dateline-only line under the headline is not the headline
        (
            "العراق والأردن يتفقان على الربط\nبغداد / واع\nاتفق العراق والأردن على ربط الشبكات.",
            None,
            "العراق والأردن يتفقان على الربط",
        ),
        # an outlet's name in front of the headline is not part of it
        (
            "آریانا نیوز: افغانستان و پاکستان توافق کردند\nمتن خبر در اینجا است.",
            None,
            "افغانستان و پاکستان توافق کردند",
        ),
    ],
)
def test_kicker_and_title_layouts(text: str, kicker: str | None, title: str) -> None:
    parts = parse_layout(text, "ar" if "العراق" in text else "fa")
    assert (parts.kicker, parts.title) == (kicker, title)
