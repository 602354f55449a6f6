"""Layout metadata that generalises: the site's current date is no article date, a labelled
publication date comes first, article ids in URLs, one-line comment headers.

Every text here is written for the test (Persian, Dari, Arabic; ZWNJ, Arabic ي/ك, Persian and
Arabic-Indic digits)."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.extraction.extract import extract_text
from khabar.extraction.structure import is_today_bar, meta_rank, parse_layout, url_news_code

_FA_TEXT = "به گزارش خبرنگار ما، وزیر ارتباطات و فناوری اطلاعات در دیدار با همتای ارمنستانی خود درباره اتصال فیبر نوری دو کشور گفت‌وگو کرد و دو طرف بر گسترش همکاری تاکید کردند."
_PRS_TEXT = "وزیر مخابرات و تکنالوژی معلوماتی در دیدار با سفیر ازبکستان در کابل درباره پروژه فایبر نوری گفت‌وگو کرد و دو جانب بر تسریع کار تاکید کردند."
_AR_TEXT = "بحث وزير الاتصالات وتقنية المعلومات مع نظيره الأردني اليوم سبل تعزيز التعاون في مجال شبكات الألياف الضوئية وتبادل الخبرات بين البلدين الشقيقين."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("امروز: سه‌شنبه ۲ بهمن ۱۴۰۳", True),
        ("امروز : يكشنبه 12 دي 1403", True),  # Arabic ي/ك, Latin digits
        ("امروز: دوشنبه ۱۵ حمل ۱۴۰۳", True),  # Dari month
        ("اليوم: الأحد ٥ يناير ٢٠٢٥", True),  # Arabic-Indic digits
        ("تاریخ امروز: ۲ بهمن ۱۴۰۳", True),
        ("امروز وزیر ارتباطات به ایروان سفر کرد ۲ بهمن ۱۴۰۳", False),  # a sentence, no label
        ("تاریخ انتشار: ۱ بهمن ۱۴۰۳", False),
        ("اليوم الوطني السعودي 23 سبتمبر 2024", False),
        ("امروز ۲ بهمن ۱۴۰۳", True),  # the label without a colon, before the date
        ("امروز سه‌شنبه، ۲ بهمن ۱۴۰۳", True),
        ("اليوم الثلاثاء 14 يناير 2025", True),
        ("امروز وزیران دیدار کردند", False),
    ],
)
def test_today_bar(line: str, expected: bool) -> None:
    assert is_today_bar(line) is expected


@pytest.mark.parametrize(
    ("line", "rank"),
    [
        ("تاریخ انتشار: ۱ بهمن ۱۴۰۳ - ۱۰:۲۰", 0),
        ("کد خبر: ۴۵۶۷۸۹ | تاريخ نشر: ۱ بهمن ۱۴۰۳", 0),
        ("تاريخ النشر: ١٢ يناير ٢٠٢٥", 0),
        ("نشر في: 12 يناير 2025 - 10:20", 0),
        ("۱ بهمن ۱۴۰۳ - ۱۰:۲۰", 1),
        ("آخرین به‌روزرسانی: ۳ بهمن ۱۴۰۳", 2),
        ("آخر تحديث: 14 يناير 2025", 2),
    ],
)
def test_meta_rank(line: str, rank: int) -> None:
    assert meta_rank(line) == rank


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a top bar with the current date above the article's own labelled date
        (
            f"امروز: سه‌شنبه ۲ بهمن ۱۴۰۳\nوزیر ارتباطات با همتای ارمنستانی دیدار کرد\nکد خبر: ۴۵۶۷۸۹ | تاریخ انتشار: دوشنبه ۱ بهمن ۱۴۰۳ - ۱۰:۲۰\n{_FA_TEXT}",
            "fa",
            "2025-01-20",
        ),
        (
            f"امروز: چهارشنبه ۲۲ حمل ۱۴۰۳\nدیدار وزیر مخابرات با سفیر ازبکستان\nتاریخ نشر: ۲۰ حمل ۱۴۰۳\n{_PRS_TEXT}",
            "prs",
            "2024-04-08",
        ),
        (
            f"اليوم: الخميس ١٦ يناير ٢٠٢٥\nوزير الاتصالات يبحث مع نظيره الأردني التعاون الرقمي\nتاريخ النشر: الثلاثاء ١٤ يناير ٢٠٢٥\n{_AR_TEXT}",
            "ar",
            "2025-01-14",
        ),
        # an «اليوم» bar without a colon above an unlabelled date line
        (
            f"اليوم الخميس 16 يناير 2025\nوزير الاتصالات يبحث مع نظيره الأردني التعاون الرقمي\nالثلاثاء 14 يناير 2025 - 10:20\n{_AR_TEXT}",
            "ar",
            "2025-01-14",
        ),
        # the labelled publication date printed under the text, after the end marker; a comment's date is not it
        (
            f"وزیر ارتباطات با همتای ارمنستانی دیدار کرد\n{_FA_TEXT}\nانتهای پیام\nتاريخ انتشار: ۱ بهمن ۱۴۰۳ - ۱۰:۲۰\nنظرات\nعلی\n۲ بهمن ۱۴۰۳\nخوب است.",
            "fa",
            "2025-01-20",
        ),
        (
            f"وزير الاتصالات يبحث مع نظيره الأردني التعاون الرقمي\n{_AR_TEXT}\n(النهاية)\nتاريخ النشر: ١٤ يناير ٢٠٢٥\nالتعليقات (0)",
            "ar",
            "2025-01-14",
        ),
        (
            f"وزیر مخابرات با سفیر ازبکستان دیدار کرد\n{_PRS_TEXT}\nپایان\nنظرات\nاحمد\n۲۰ حمل ۱۴۰۳\nخوب است.",
            "prs",
            None,
        ),
        # only the top bar: no date of the article
        (f"امروز: سه‌شنبه ۲ بهمن ۱۴۰۳\nوزیر ارتباطات با همتای ارمنستانی دیدار کرد\n{_FA_TEXT}", "fa", None),
        # an update stamp above the publication date
        (
            f"وزير الاتصالات يبحث مع نظيره الأردني التعاون الرقمي\nآخر تحديث: 15 يناير 2025\nنشر في: 14 يناير 2025\n{_AR_TEXT}",
            "ar",
            "2025-01-14",
        ),
    ],
)
def test_article_date_not_the_sites_current_date(text: str, lang: str, expected: str | None) -> None:
    published = extract_text(text, "test", lang=lang, ingest_date=dt.date(2026, 1, 1)).published
    assert (published.date.isoformat() if published else None) == expected


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://www.example.ir/fa/news/1403/06/12/3158842/عنوان-خبر", "3158842"),
        ("https://www.example.sa/N2171234", "2171234"),
        (
            "https://example.com/%D8%A7%D9%84%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF/4861234-slug-words",
            "4861234",
        ),
        ("https://example.af/news/۱۲۳۴۵۶/عنوان", "123456"),  # Persian digits
        ("https://example.eg/news/details/٣١١٢٣٤٥", "3112345"),  # Arabic-Indic digits
        ("https://example.ma/slug-words-here-1234567.html", "1234567"),
        ("https://example.sa/viewstory.php?lang=ar&newsid=1234567", "1234567"),
        ("https://example.ir/news/14000316000396/عنوان", "14000316000396"),
        ("https://example.com/new/Issues/20150724/Con20150724785325.htm", "20150724785325"),  # a short prefix
        ("https://example.com/2015/20150802/ec4.htm", None),  # a dated folder
        ("https://example.com/2024/02/22/slug", None),  # date parts
        ("https://example.ir/archive/1403/11/02", None),
        ("https://example.com/news/page/123456", None),  # a page number
        ("https://example.com/fa/business/turksat-capacity", None),
        (None, None),
    ],
)
def test_url_news_code(url: str | None, code: str | None) -> None:
    assert url_news_code(url) == code


@pytest.mark.parametrize(
    ("tail", "lang", "authors"),
    [
        (
            "التعليقات (2)\nسعيد من الرباط القديمة | 12 يناير 2025 - 21:05\nمقال مفيد جدا.\nياسين | 13 يناير 2025 - 08:12\nننتظر التنفيذ.",
            "ar",
            ["سعيد من الرباط القديمة", "ياسين"],
        ),
        (
            "نظرات (۲)\nمریم از شیراز و کرج | ۱۵ دی ۱۴۰۳ - ۱۴:۵۶\nخبر خوبی است.\nناشناس | ۱۶ دی ۱۴۰۳ - ۰۹:۱۰\nاينترنت ما كند است.",
            "fa",
            ["مریم از شیراز و کرج", "ناشناس"],
        ),
        (
            "نظرات شما\nاحمد ولی از ولایت هرات - ۲۰ حمل ۱۴۰۳ ۱۸:۳۰\nامیدوارم عملی شود.",
            "prs",
            ["احمد ولی از ولایت هرات"],
        ),
        # name and stamp set in separate tags of one line, a weekday before the date
        (
            "دیدگاه‌ها (۲)\nاحمد شاه ۲۰ حمل ۱۴۰۳ - ۱۸:۳۰\nخبر خوب است.\nکریم | پنجشنبه ۲۳ حمل ۱۴۰۳\nانترنت ضعیف است.",
            "prs",
            ["احمد شاه", "کریم"],
        ),
        ("التعليقات\nنشر في 14 يناير 2025\nمقال ممتاز.", "ar", [None]),
    ],
)
def test_one_line_comment_headers(tail: str, lang: str, authors: list[str]) -> None:
    text = {"fa": _FA_TEXT, "prs": _PRS_TEXT, "ar": _AR_TEXT}[lang]
    layout = parse_layout(f"عنوان خبر درباره دیدار وزیران\n{text}\n{text}\n{tail}", lang)
    assert [c.author for c in layout.comments] == authors
    assert all(c.text and c.posted_at for c in layout.comments)


def test_a_long_dated_line_above_the_comments_is_no_comment() -> None:
    text = f"عنوان خبر درباره دیدار وزیران\n{_FA_TEXT}\nاخبار مرتبط\nدیدار وزیران ارتباطات ایران و ارمنستان در ایروان | ۱۵ دی ۱۴۰۳\nخبر دیگری درباره فیبر نوری."
    assert parse_layout(text, "fa").comments == ()


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("کد خبر: ۴۵۶۷۸۹", "456789"),
        ("کدخبر: ۴۵۶۷۸۹", "456789"),  # written without a space
        ("شناسه مطلب: ۱۲۳۴۵", "12345"),
        ("شماره خبر ۹۸۷۶۵۴", "987654"),
        ("رقم الخبر: ٤٥٦٧٨٩", "456789"),
        ("رقم المقال: 456789", "456789"),
        ("رقم المادة: ١٢٣٤٥", "12345"),
        ("۱ بهمن ۱۴۰۳ - ۱۰:۲۰", None),
    ],
)
def test_news_code_labels(line: str, code: str | None) -> None:
    from khabar.extraction.structure import find_news_code

    assert find_news_code([line]) == code


@pytest.mark.parametrize(
    ("tail", "lang", "comments"),
    [
        # a reply button closes a comment: it is neither text nor the next comment's author
        (
            "نظرات کاربران\nعلی رضایی در ۱ بهمن ۱۴۰۳ ساعت ۱۲:۳۰ گفت:\nخوب است.\nپاسخ\n۲ بهمن ۱۴۰۳\nعالی.",
            "fa",
            [("علی رضایی", "خوب است."), (None, "عالی.")],
        ),
        (
            "التعليقات\nبواسطة: خالد - 15 يناير 2025\nننتظر المزيد.\nرد\nمنى | ١٦ يناير ٢٠٢٥\nشكرا.",
            "ar",
            [("خالد", "ننتظر المزيد."), ("منى", "شكرا.")],
        ),
    ],
)
def test_comment_buttons_and_author_labels(
    tail: str, lang: str, comments: list[tuple[str | None, str]]
) -> None:
    text = {"fa": _FA_TEXT, "ar": _AR_TEXT}[lang]
    layout = parse_layout(f"عنوان خبر درباره دیدار وزیران\n{text}\n{text}\n{tail}", lang)
    assert [(c.author, c.text) for c in layout.comments] == comments


@pytest.mark.parametrize(
    ("tail", "lang", "comments"),
    [
        (
            "نظرات کاربران\nعلی\n۳ ساعت پیش\nخوب است.\nمریم | ۲ روز پیش\nعالی.",
            "fa",
            [("علی", "خوب است."), ("مریم", "عالی.")],
        ),
        (
            "التعليقات (2)\nخالد\nمنذ ساعتين\nمقال ممتاز.\nسارة - منذ 3 ساعات\nشكرا.",
            "ar",
            [("خالد", "مقال ممتاز."), ("سارة", "شكرا.")],
        ),
        ("نظرات شما\nاحمد | ۲ ساعت قبل\nانترنت هرات ضعیف است.", "prs", [("احمد", "انترنت هرات ضعیف است.")]),
        # a list after the comments section, or a zero counter: its relative stamps are no comments
        ("التعليقات (0)\nاقرأ أيضا\nمنذ ساعتين\nخبر آخر عن الاتصالات", "ar", []),
        ("نظرات (۰)\nخبر دیگری درباره اینترنت\n۳ ساعت پیش\nخبر دیگری درباره فیبر", "fa", []),
    ],
)
def test_comments_with_relative_stamps(tail: str, lang: str, comments: list[tuple[str | None, str]]) -> None:
    text = {"fa": _FA_TEXT, "prs": _PRS_TEXT, "ar": _AR_TEXT}[lang]
    layout = parse_layout(f"عنوان خبر درباره دیدار وزیران\n{text}\n{text}\n{tail}", lang)
    assert [(c.author, c.text) for c in layout.comments] == comments
    assert all(c.posted_at is None for c in layout.comments)
