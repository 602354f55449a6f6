"""Topic cues and the ``ict`` gate on small tables of (input, expected), in Persian, Dari and Arabic."""

from __future__ import annotations

import pytest

from khabar.extraction.topics import find_topic_hits, is_ict, score_topics


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # training and exchange of expertise
        (
            "وزارت ارتباطات دوره‌های آموزشی امنیت سایبری برای کارشناسان برگزار می‌کند",
            "fa",
            {"capacity_building", "cybersecurity"},
        ),
        (
            "دو طرف بر انتقال دانش و تبادل تجربیات در حوزه هوش مصنوعی تأکید کردند",
            "fa",
            {"capacity_building", "artificial_intelligence"},
        ),
        (
            "تنظيم برامج تدريبية لبناء القدرات في مجال الذكاء الاصطناعي",
            "ar",
            {"capacity_building", "artificial_intelligence"},
        ),
        (
            "مذكرة تفاهم لتكوين الأطر في مجال الإدارة الرقمية",
            "ar",
            {"capacity_building", "digital_government"},
        ),
        # international data transit
        (
            "دو کشور روی ترانزیت انترنت از مسیر هرات و ایجاد مرکز معلومات ملی توافق کردند",
            "prs",
            {"data_transit", "data_centers"},
        ),
        ("توسعه کریدور دیجیتال و ترانزیت ترافیک اینترنت منطقه", "fa", {"data_transit"}),
        ("إنشاء ممر رقمي لعبور البيانات بين آسيا وأوروبا", "ar", {"data_transit"}),
        # Arabic article swallowed by لـ («للأمن»), Arabic ي/ك spellings
        (
            "اعتماد استراتيجية للأمن السيبراني ومد شبكة للألياف الضوئية",
            "ar",
            {"cybersecurity", "fiber_optic"},
        ),
        ("مكافحة الجرائم الإلكترونية وحماية أمن المعلومات", "ar", {"cybersecurity"}),
        # mobile networks, with Persian and Arabic-Indic digits
        ("راه‌اندازی اینترنت ۵G در تهران", "fa", {"mobile_networks"}),
        ("إطلاق خدمات ٥G وخفض رسوم التجوال الدولي", "ar", {"mobile_networks"}),
        ("توسيع تغطية الشبكات الخلوية في الأرياف", "ar", {"mobile_networks"}),
        # infrastructure: the telecom kind is clear, the bare word is weak
        ("إعادة تأهيل البنى التحتية للاتصالات", "ar", {"telecom_infrastructure"}),
        ("توسعه زیرساخت‌های ارتباطی کشور", "fa", {"telecom_infrastructure"}),
        ("زیرساخت", "fa", set()),
        # sanctions named by Syrian and Iranian official wording
        ("الإجراءات القسرية أحادية الجانب تعيق استيراد التجهيزات", "ar", {"sanctions"}),
        # phrases that only look like cues
        ("للاستفسار عبر البريد الإلكتروني أو القائمة البريدية", "ar", set()),  # e-mail, not post
        ("آبمیوه‌های صنعتی فیبر کافی ندارند", "fa", set()),  # dietary fibre
        ("طیف وسیعی از نمایندگان مجلس", "fa", set()),  # «طیف» is a range, not the spectrum
        ("پخش برنامه از شبکه‌های ماهواره‌ای و کانال‌های ماهواره‌ای", "fa", set()),  # satellite television
        ("نمایشگاه گردشگری AITF و AIDS", "fa", set()),  # «AI» only as a word of its own
        ("التعاون في مجال البريد والاتصالات", "ar", {"postal_services"}),
        ("پرتاب ماهواره مخابراتی", "fa", {"space_satellite"}),
        # a Persian phrase with its head noun in the plural; remote-sensing satellites
        ("توسعه شبکه‌های مخابراتی و شبکههای مخابراتی روستایی", "prs", {"telecom_infrastructure"}),
        ("ساخت ماهواره‌های سنجشی و همکاری فضایی", "fa", {"space_satellite"}),
    ],
)
def test_topics(text: str, lang: str, expected: set[str]) -> None:
    assert {t.key for t in score_topics(find_topic_hits(text, lang))} == expected


@pytest.mark.parametrize(
    ("body", "headline", "lang", "expected"),
    [
        # clear cues spread over several topics make an ICT article
        (
            "معین وزارت درباره ایجاد مرکز معلومات و آموزش کارمندان در بخش امنیت سایبری گفت‌وگو کرد",
            "",
            "prs",
            True,
        ),
        ("وبحث الجانبان التعاون في الأمن السيبراني ومراكز البيانات", "", "ar", True),
        ("الوزير بحث توسيع تغطية الجيل الرابع وإعادة تأهيل البنى التحتية للاتصالات", "", "ar", True),
        # a clear headline cue and any body cue
        ("توسعه خدمات مخابراتی در ولایات", "قرارداد فایبر نوری امضا شد", "prs", True),
        # weak generic cues, however often repeated, are not enough
        ("ارتفع قطاع الاتصالات، وتراجع قطاع الاتصالات، ثم صعد قطاع الاتصالات", "", "ar", False),
        ("زیرساخت حمل و نقل، زیرساخت آب، زیرساخت برق و زیربنا", "", "fa", False),
        # sanctions and training alone are about oil, banks or armies
        ("وزیر نفت از تحریم‌های نفتی و دوره‌های آموزشی کارکنان گفت", "", "fa", False),
        ("العقوبات الاقتصادية وبرامج التدريب العسكري", "", "ar", False),
        # sport
        ("تیم ملی فوتبال در دیدار مقدماتی جام جهانی با ۳ گل پیروز شد", "", "fa", False),
    ],
)
def test_is_ict(body: str, headline: str, lang: str, expected: bool) -> None:
    assert (
        is_ict(find_topic_hits(body, lang), find_topic_hits(headline, lang) if headline else []) is expected
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an ICT ministry acting in the story makes one clear cue enough; its own words are no topic
        (
            "دیدار با معین قزاقستان\nکابل (باختر): وزیر مخابرات و تکنالوژی معلوماتی با معین وزارت توسعه دیجیتال قزاقستان دیدار کرد.\nاو گفت ۵۰۰ کیلومتر فایبر نوری وصل می‌شود.",
            True,
        ),
        (
            "دیدار با معین قزاقستان\nکابل (باختر): وزیر مالیه با معین وزارت اقتصاد قزاقستان دیدار کرد.\nاو گفت ۵۰۰ کیلومتر فایبر نوری وصل می‌شود.",
            False,
        ),
    ],
)
def test_ict_ministry_makes_one_clear_cue_enough(text: str, expected: bool) -> None:
    from khabar.extraction.extract import extract_text

    assert extract_text(text, "test.txt", lang="prs").ict is expected
