"""The layout model on unseen page layouts: furniture around the headline, the headline
itself, and the furniture inside and after the text (issue 15).

Every text here is written for the test; each case is a class of layout that Iranian,
Afghan and Arab outlets print, not one outlet's page.
"""

from __future__ import annotations

import pytest

from khabar.extraction.structure import (
    choose_title,
    furniture_class,
    head_furniture_class,
    is_breadcrumb,
    is_byline,
    is_signoff,
    is_site_line,
    is_ticker,
    parse_layout,
)

LEAD_FA = "به گزارش خبرنگار ما، وزیر ارتباطات امروز در سفر به دوشنبه با همتای تاجیک خود درباره اتصال فیبر نوری دو کشور گفت‌وگو کرد."
BODY_FA = "دو طرف همچنین توافق کردند کارگروه مشترکی برای بررسی مسیر جدید فیبر نوری تشکیل شود."
TITLE_FA = "گفت‌وگوی وزیران ارتباطات ایران و تاجیکستان درباره فیبر نوری"
LEAD_AR = "عمّان في 3 أيار /الوكالة/ بحث وزير الاقتصاد الرقمي مع نظيره العراقي سبل تعزيز التعاون في مجال الألياف الضوئية."
BODY_AR = "واتفق الجانبان على تشكيل فريق فني مشترك لمتابعة تنفيذ المشروع خلال الأشهر المقبلة."
TITLE_AR = "الأردن والعراق يبحثان التعاون في مجال الألياف الضوئية"


def page(*lines: str) -> str:
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("خبرگزاری نمونه | News Agency", True),
        ("شبکه خبری نمونه", True),
        ("پایگاه خبری نمونه - Sample", True),
        ("وكالة الأنباء النموذجية", True),
        ("Sample Daily Online", True),
        ("نمونه‌نیوز | example.com", True),
        (TITLE_FA, False),
        (TITLE_AR, False),
        ("شبكة الألياف الضوئية تصل إلى عشرين مدينة", False),  # «شبكة» is a network here
        ("", False),
    ],
)
def test_site_lines(line: str, expected: bool) -> None:
    assert is_site_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("صفحه نخست › سیاسی › سیاست خارجی", True),
        ("خانه / اقتصاد / ارتباطات", True),
        ("الرئيسية › اقتصاد", True),
        ("خبرها > ولایات", True),
        ("«فیبر نوری» به روستاها می‌رسد", False),  # guillemets are quotes, not separators
        ("مسیر میرجاوه - تفتان تکمیل شد", False),
    ],
)
def test_breadcrumbs(line: str, expected: bool) -> None:
    assert is_breadcrumb(line) is expected


@pytest.mark.parametrize(
    ("line", "lang", "expected"),
    [
        ("عکس: خبرگزاری نمونه / علی رضایی", "fa", "caption"),
        ("عکس تزئینی است", "fa", "caption"),
        ("تصویر از آرشیو", "fa", None),  # no colon, no photo note: may be a line of text
        ("صورة أرشيفية", "ar", "caption"),
        ("جانب من توقيع الاتفاقية", "ar", "caption"),
        ("محطة اتصالات على الساحل (رويترز)", "ar", "caption"),
        ("نویسنده: مریم احمدی", "fa", "credit"),
        ("ترجمه و تنظیم: سرویس بین‌الملل", "fa", "credit"),
        ("گزارشگر: احمد ولی", "prs", "credit"),
        ("تحرير: أحمد سالم / ترجمة: سارة علي", "ar", "credit"),
        ("إعداد: قسم الأخبار", "ar", "credit"),
        ("بقلم خالد يوسف", "ar", "credit"),
        ("زمان مطالعه: ۵ دقیقه", "fa", "counter"),
        ("۲۳۴ بازدید", "fa", "counter"),
        ("مدة القراءة: 4 دقائق", "ar", "counter"),
        ("۲ ساعت پیش", "fa", "relative"),
        ("منذ ساعتين", "ar", "relative"),
        ("دلار ۶۰,۱۰۰ | یورو ۶۶,۲۰۰ | طلای ۱۸ عیار ۳,۱۰۰,۰۰۰", "fa", "ticker"),
        ("الذهب 2350 | النفط 82 | الدولار 3.75", "ar", "ticker"),
        ("۱۴ جدی ۱۴۰۲ - ۱۰:۳۰", "prs", "meta"),
        (LEAD_FA, "fa", None),
        (BODY_AR, "ar", None),
        (
            "وزیر گفت: قیمت دلار و یورو در بازار ثابت ماند و سکه ۲ درصد ارزان شد.",
            "fa",
            None,
        ),  # prices in a sentence
    ],
)
def test_furniture_classes(line: str, lang: str, expected: str | None) -> None:
    assert furniture_class(line, lang) == expected


@pytest.mark.parametrize(
    ("line", "lang", "expected"),
    [
        ("جدة: محمد الأحمد", "ar", True),
        ("سعاد علي – متابعات", "ar", True),
        ("ظریف: مذاکرات ادامه دارد", "fa", False),  # «X: quote» headline with a verb
        ("الوزير: نعمل على توسيع الشبكة", "ar", False),
        (TITLE_FA, "fa", False),
    ],
)
def test_bylines(line: str, lang: str, expected: bool) -> None:
    assert is_byline(line, lang) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("ع ن", True),
        ("/ح م/", True),
        ("س ع/ ك ل", True),
        ("/الوكالة/", True),
        ("-- (بترا) ع ح/ م ع", True),
        ("(12)", False),
        ("و هو ما", False),
        ("وزير الاتصالات", False),
    ],
)
def test_agency_signoffs(line: str, expected: bool) -> None:
    assert is_signoff(line) is expected


def test_ticker_needs_numbers() -> None:
    assert not is_ticker("بازار دلار و طلا آرام بود")
    assert is_ticker("بورس ۲,۱۰۰,۰۰۰ | دلار ۵۹,۰۰۰")


@pytest.mark.parametrize(
    ("text", "kicker", "title"),
    [
        # site line, breadcrumb, date, code, headline, caption with photographer, lead
        (
            page(
                "خبرگزاری نمونه | خبرگزاری رسمی",
                "صفحه نخست › اقتصادی › فناوری",
                "۱۴۰۳/۰۲/۱۰، ۱۰:۲۰",
                "کد خبر: 123456",
                TITLE_FA,
                "عکس: خبرگزاری نمونه - عکاس: رضا محمدی",
                LEAD_FA,
                BODY_FA,
            ),
            None,
            TITLE_FA,
        ),
        # kicker ending in «؛», headline, date line *below* the headline, caption
        (
            page(
                "پایگاه خبری نمونه",
                "خانه › دانش",
                "در سفر وزیر به دوشنبه؛",
                TITLE_FA,
                "سه‌شنبه ۱۰ اردیبهشت ۱۴۰۳ - ۰۹:۰۰",
                "عکس: آرشیو",
                LEAD_FA,
                BODY_FA,
            ),
            "در سفر وزیر به دوشنبه",
            TITLE_FA,
        ),
        # price ticker over everything, kicker without punctuation, reading time and print line
        (
            page(
                "دلار ۵۹,۸۵۰ | یورو ۶۵,۱۰۰ | سکه ۳۴,۲۰۰,۰۰۰",
                "روزنامه نمونه",
                "زمان مطالعه: ۲ دقیقه",
                "نسخه چاپی",
                "گزارش خبرنگار ما از سفر هیئت ایرانی",
                TITLE_FA,
                LEAD_FA,
                BODY_FA,
            ),
            "گزارش خبرنگار ما از سفر هیئت ایرانی",
            TITLE_FA,
        ),
        # author and translator credits and a relative stamp above the headline
        (
            page(
                "نمونه",
                "اخبار › تکنولوژی",
                "نویسنده: مریم احمدی | ترجمه: سرویس فناوری",
                "۳ ساعت پیش",
                TITLE_FA,
                LEAD_FA,
                BODY_FA,
            ),
            None,
            TITLE_FA,
        ),
        # the author line *between* the headline and the date (Dari site)
        (
            page(
                "نمونه نیوز | sample.af",
                "خبرها / اقتصاد",
                TITLE_FA,
                "نویسنده: گزارشگر نمونه",
                "۲۷ ثور ۱۴۰۳",
                LEAD_FA,
                BODY_FA,
            ),
            None,
            TITLE_FA,
        ),
        # a headline that itself holds «؛» is one title
        (
            page(
                "باشگاه نمونه | آخرین اخبار | SMP",
                "۱۵۸ بازدید",
                "دیدار وزیران ارتباطات؛ فیبر نوری به دوشنبه می‌رسد",
                LEAD_FA,
                BODY_FA,
            ),
            None,
            "دیدار وزیران ارتباطات؛ فیبر نوری به دوشنبه می‌رسد",
        ),
        # Arabic: masthead, breadcrumb, date, print, headline, photo caption, lead
        (
            page(
                "وكالة الأنباء النموذجية | ونم",
                "الرئيسية / اقتصاد",
                "الإثنين 12/02/2024 - 13:10",
                "طباعة",
                TITLE_AR,
                "صورة: جانب من الاجتماع",
                LEAD_AR,
                BODY_AR,
            ),
            None,
            TITLE_AR,
        ),
        # Arabic: the place-and-agency line under the headline
        (
            page(
                "الوكالة النموذجية",
                "محليات",
                "الأربعاء، 8 تشرين الثاني 2023",
                TITLE_AR,
                "بغداد-واع",
                LEAD_AR,
                BODY_AR,
            ),
            None,
            TITLE_AR,
        ),
    ],
)
def test_headline_among_page_furniture(text: str, kicker: str | None, title: str) -> None:
    parts = parse_layout(text, "ar" if "الأردن" in title else "fa")
    assert (parts.kicker, parts.title) == (kicker, title)
    assert parts.lead in (LEAD_FA, LEAD_AR)
    assert parts.paragraphs[-1] in (BODY_FA, BODY_AR)


def test_site_line_goes_to_the_metadata() -> None:
    parts = parse_layout(page("خبرگزاری نمونه | خبرگزاری رسمی", TITLE_FA, LEAD_FA, BODY_FA), "fa")
    assert "خبرگزاری نمونه | خبرگزاری رسمی" in parts.meta_lines


def test_text_without_headline_stays_without_title() -> None:
    parts = parse_layout(page(LEAD_FA, BODY_FA), "fa")
    assert parts.title is None and parts.paragraphs == (LEAD_FA, BODY_FA)


def test_title_is_the_line_that_shares_the_leads_words() -> None:
    context = {"وزیر", "ارتباطات", "فیبر", "نوری", "تاجیکستان"}
    candidates = [(0, "گفت‌وگوی وزیران ارتباطات درباره فیبر نوری"), (1, "نمایی از نشست امروز")]
    assert choose_title(candidates, context) == 0  # a caption left under the headline is not it
    assert choose_title([(0, "سیاست"), (1, "امضای تفاهم نامه همکاری")], set()) == 1


@pytest.mark.parametrize(
    "furniture",
    [
        ("انتهای پیام/ک", "برچسب‌ها: فیبر نوری، تاجیکستان", "اخبار مرتبط", "خبری دیگر درباره اینترنت"),
        ("/م", "شریک سازید:", "فیسبوک تویتر تلگرام", "برچسپ ها: فایبر نوری"),
        ("منبع: وزارت ارتباطات", "اشتراک‌گذاری", "دیدگاه‌ها (۰)", "مطالب مرتبط", "اپلیکیشن نمونه را نصب کنید"),
        ("پربیننده‌ترین‌ها", "۱- خبری دیگر", "۲- خبر سوم"),
        ("نظر شما", "نام", "ایمیل", "ارسال نظر"),
        ("کلیه حقوق مادی و معنوی این پایگاه محفوظ است.",),
        ("نرخ بازار", "سکه ۴۱,۵۰۰,۰۰۰ | دلار ۶۱,۲۰۰", "خبرهای مشابه", "قیمت خودرو در بازار"),
        ("نسخه اندروید اپلیکیشن نمونه را از کافه بازار دانلود کنید",),
        ("رضا محمدی",),  # a signature under the last sentence
    ],
)
def test_persian_and_dari_furniture_after_the_text(furniture: tuple[str, ...]) -> None:
    parts = parse_layout(page(TITLE_FA, LEAD_FA, BODY_FA, *furniture), "fa")
    assert parts.paragraphs == (LEAD_FA, BODY_FA)


@pytest.mark.parametrize(
    "furniture",
    [
        ("(النهاية)", "م ح", "12:30 بتوقيت غرينتش", "شارك هذا الخبر", "الأكثر مشاهدة", "خبر آخر"),
        ("/الوكالة/", "ع خ/ م ر", "#الأردن #العراق"),
        ("-- (بترا) ع ح/ م ع", "14/03/2024 15:05:22", "أضف تعليقك", "الاسم"),
        ("كلمات مفتاحية: الألياف، العراق", "أخبار ذات علاقة", "خبر آخر", "© جميع الحقوق محفوظة - الوكالة"),
        ("تحرير: أحمد سالم / ترجمة: سارة علي", "وسوم: الأردن", "شارك: فيسبوك X واتساب"),
        ("سارة الأحمد", "تابعونا عبر قناتنا على يوتيوب", "ذات صلة", "خبر آخر"),
        ("حمّل تطبيق الوكالة الآن", "قد يعجبك أيضا", "افتتاح معرض للكتاب"),
        ("-انتهى-",),
    ],
)
def test_arabic_furniture_after_the_text(furniture: tuple[str, ...]) -> None:
    parts = parse_layout(page(TITLE_AR, LEAD_AR, BODY_AR, *furniture), "ar")
    assert parts.paragraphs == (LEAD_AR, BODY_AR)
    assert parts.comments == ()


@pytest.mark.parametrize(
    ("read_more", "lang"),
    [
        (("بیشتر بخوانید: آغاز عرضه اینترنت ماهواره‌ای در روستاها",), "fa"),
        (("اقرأ أيضا: وزير الاتصالات يفتتح مركزا جديدا",), "ar"),
        (("اقرأ أيضا", "انقطاع الكهرباء يهدد محطات الاتصالات", "سوق الطاقة الشمسية تزدهر"), "ar"),
        (("همچنین بخوانید:", "افتتاح مرکز داده جدید در کابل"), "prs"),
    ],
)
def test_read_more_inside_the_text_is_dropped_and_the_text_goes_on(
    read_more: tuple[str, ...], lang: str
) -> None:
    lead, body, title = (LEAD_AR, BODY_AR, TITLE_AR) if lang == "ar" else (LEAD_FA, BODY_FA, TITLE_FA)
    parts = parse_layout(page(title, lead, *read_more, body), lang)
    assert parts.paragraphs == (lead, body)


def test_read_more_header_at_the_end_ends_the_article() -> None:
    parts = parse_layout(
        page(TITLE_AR, LEAD_AR, BODY_AR, "اقرأ أيضا", "خبر آخر عن الاتصالات", "خبر ثالث"), "ar"
    )
    assert parts.paragraphs == (LEAD_AR, BODY_AR)


@pytest.mark.parametrize(
    "text",
    [
        # a list under a line ending in «:» is text, not a signature
        page(TITLE_FA, LEAD_FA, "برنامه دیدارهای فردا:", "تهران – دوشنبه", "کابل – تاشکند"),
        # prose mentioning an app store is text, not a promo
        page(
            TITLE_AR,
            LEAD_AR,
            "وأوضح أن التطبيق الحكومي متاح على متجر (آب ستور) ومتجر غوغل بلاي منذ الشهر الماضي وأن عدد مستخدميه تجاوز مليونا.",
        ),
        # a line ending in a comma goes on: it is the lead, not a headline
        page(
            "أعلنت البلدية افتتاح الحديقة الجديدة في حي الشاطئ بحضور عدد من السكان،", "وستفتح أبوابها يوميا."
        ),
    ],
)
def test_real_text_is_not_cut(text: str) -> None:
    lines = text.split("\n")
    parts = parse_layout(text, "ar" if "ال" in text else "fa", title=lines[0] if len(lines) > 2 else "تهنئة")
    body = "\n".join(parts.paragraphs)
    for line in lines[1:]:
        assert line in body


def test_source_title_with_a_byline_over_the_text() -> None:
    parts = parse_layout(page("جدة: محمد الأحمد", LEAD_AR, BODY_AR), "ar", title=TITLE_AR)
    assert parts.title == TITLE_AR
    assert parts.paragraphs == (LEAD_AR, BODY_AR)


def test_source_title_not_in_the_text_keeps_the_opening_lines() -> None:
    parts = parse_layout(
        page("اعضای هیئت ایرانی:", "احمدی، رضایی، کریمی، موسوی و نوری", LEAD_FA),
        "fa",
        title="هیئت ایرانی به دوشنبه رفت",
    )
    assert parts.paragraphs[:2] == ("اعضای هیئت ایرانی:", "احمدی، رضایی، کریمی، موسوی و نوری")


def test_head_lines_of_the_page_are_not_the_headline() -> None:
    for line in (
        "صفحه نخست › اقتصادی › ارتباطات",
        "زمان مطالعه: ۳ دقیقه",
        "عکس تزئینی است",
        "نویسنده: مریم احمدی",
        "ایتنا - سایت خبری فناوری",
    ):
        assert head_furniture_class(line, "fa") is not None, line


def test_initials_with_a_paragraph_under_them_do_not_end_the_article() -> None:
    parts = parse_layout(page(TITLE_AR, LEAD_AR, "ع ن", BODY_AR), "ar")
    assert parts.paragraphs == (LEAD_AR, BODY_AR)


def test_a_lone_latin_name_over_the_text_is_not_a_masthead() -> None:
    parts = parse_layout(
        page("«Zoomify»", "تطبيق لتكبير الصور بجودة عالية دون فقدان التفاصيل، ويعمل على معظم الهواتف."),
        "ar",
        title="تطبيقات مفيدة",
    )
    assert parts.paragraphs[0] == "«Zoomify»"
