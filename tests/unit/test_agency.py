"""The reporting agency from every evidence: record fields, domains, mastheads, datelines, attributions."""

from __future__ import annotations

import pytest

from khabar.extraction.entities import agency_for_domain, find_agency
from khabar.extraction.extract import SourceHints, extract_text


@pytest.mark.parametrize(
    ("hint", "key"),
    [
        ("Fars News Agency (farsnews.ir)", "Fars"),  # a scraper's name with the domain beside it
        ("Saudi Press Agency (spa.gov.sa)", "SPA"),
        ("Al-Eqtisadiya (aleqt.com)", "AlEqtisadiah"),  # name spelt unlike the gazetteer: the domain decides
        ("Okaz (okaz.com.sa)", "Okaz"),
        ("خبرگزاری مهر", "Mehr"),
        ("مهر", "Mehr"),  # a name field may hold the short name
        ("www.tolonews.com", "TOLOnews"),
        ("Weekly Bulletin of Nowhere", "other"),  # a named outlet not in the gazetteer
    ],
)
def test_agency_from_the_record_field(hint: str, key: str) -> None:
    agency = find_agency(["وزیر ارتباطات امروز گفت"], [], hint)
    assert agency is not None
    assert agency.key == key
    if key == "other":
        assert agency.name == hint


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.farsnews.ir/news/14000316000396/slug", "Fars"),
        ("http://www.al-jazirah.com/2015/20150802/ec4.htm", "AlJazirah"),
        ("https://ar.aawsat.com/node/12345", "AsharqAlAwsat"),  # a subdomain of a known domain
        ("https://www.isna.ir/news/1403082214518/", "ISNA"),
        ("https://example.org/news/1", None),
        ("not a url", None),
        (None, None),
    ],
)
def test_agency_for_domain(url: str | None, key: str | None) -> None:
    agency = agency_for_domain(url)
    assert (agency.key if agency else None) == key


@pytest.mark.parametrize(
    ("header", "key"),
    [
        (["خبرگزاری مهر | Mehr News Agency"], "Mehr"),
        (["سانا | الوكالة العربية السورية للأنباء"], "SANA"),
        (["ایتنا - پایگاه خبری فناوری"], "ITNA"),  # the short name as a whole part of the masthead
        (["همشهری آنلاین"], "Hamshahri"),
        (["دوشنبه ۱۲ مهر ۱۴۰۳"], None),  # مهر the month on a top bar is no outlet
        (["قرارداد تازه مهر و فارس"], None),  # not a whole part of the line
    ],
)
def test_agency_from_the_masthead(header: list[str], key: str | None) -> None:
    agency = find_agency(["وزیر ارتباطات امروز در جلسه هیئت دولت گفت"], [], None, [], header_lines=header)
    assert (agency.key if agency else None) == key


@pytest.mark.parametrize(
    ("lead", "meta", "key"),
    [
        (["وزير الاتصالات قال"], ["دمشق-سانا"], "SANA"),
        (["وزیر گفت"], ["یکشنبه ۲۹ مهر ۱۴۰۳ - ۱۸:۰۵"], None),  # a date line with the month مهر
        (["به گزارش خبرنگار مهر، وزیر ارتباطات گفت"], [], "Mehr"),  # right after the phrase, past a desk word
        (["به گزارش روزنامه‌ی دولتی از سفر وزیر به مهر"], [], "other"),  # مهر far from the phrase is not Mehr
        (["به گزارش خبرگزاری فارس، وزیر گفت"], [], "Fars"),
        (["عکس: آرشیو"], [], None),  # a photo credit is no outlet
        (["وزیر مخابرات و تکنالوژی معلوماتی امروز گفت"], [], None),  # no outlet at all
        (["کابل (پژواک): وزیر مخابرات گفت"], [], "Pajhwok"),
        (["الرياض - واس: أعلن الوزير"], [], "SPA"),  # الرياض the city is not the paper
        (
            ["وی افزود: این طرح تا پایان سال اجرا می‌شود"],
            [],
            None,
        ),  # a colon after a verb of saying opens a quote
        (["مدیرکل مخابرات استان گفت: پوشش شبکه کامل شد"], [], None),
        (["وقال المهندس سامي: إن المشروع يكتمل قريبا"], [], None),
        (["وأضافت: ستوقع الاتفاقية الأسبوع المقبل"], [], None),
        (["چکیده: وزیر ارتباطات امروز گفت"], [], None),  # a label
        (["نشرة الأفق: وقع الطرفان اتفاقية"], [], "other"),  # an outlet dateline not in the gazetteer
    ],
)
def test_agency_from_text(lead: list[str], meta: list[str], key: str | None) -> None:
    agency = find_agency(lead, [], None, meta)
    assert (agency.key if agency else None) == key


def test_record_evidence_in_an_extraction() -> None:
    hints = SourceHints(
        title="افزایش ظرفیت اینترنت",
        url="https://www.farsnews.ir/news/14030512000123/x",
        agency="Fars News Agency (farsnews.ir)",
    )
    record = extract_text(
        "وزیر ارتباطات از افزایش ظرفیت اینترنت کشور خبر داد.", "mem://a", hints=hints
    ).to_record()
    assert record["agency"]["key"] == "Fars"
    assert record["published"]["date"] == "2024-08-02"  # 1403/05/12 from the news code
    assert record["published"]["calendar"] == "solar_hijri"


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("http://www.example-daily.com/2015/08/08/article_1.html", "2015-08-08"),
        ("http://www.example-daily.com/new/Issues/20150722/Con2015072278.htm", "2015-07-22"),
        ("http://www.example-daily.com/node/620446/slug.html", None),
    ],
)
def test_published_from_a_dated_url(url: str, date: str | None) -> None:
    hints = SourceHints(title="اتفاقية جديدة", url=url)
    record = extract_text("وقعت الوزارة اتفاقية جديدة مع شركة الاتصالات.", "mem://b", hints=hints).to_record()
    assert (record["published"]["date"] if record["published"] else None) == date


def test_the_record_date_field_comes_first() -> None:
    hints = SourceHints(
        title="اتفاقية", url="http://www.example-daily.com/2015/08/08/a.html", date="2015-08-07"
    )
    record = extract_text("وقعت الوزارة اتفاقية جديدة.", "mem://c", hints=hints).to_record()
    assert record["published"]["date"] == "2015-08-07"


def test_a_date_on_the_site_bar_is_not_the_articles_date() -> None:
    page = "\n".join(
        [
            "پنجشنبه، ۹ ثور ۱۴۰۳ | خبرگزاری باختر | English | پښتو",
            "صفحه اصلی › اقتصاد",
            "افغانستان و ازبکستان در مورد لین فایبر نوری توافق کردند",
            "سه‌شنبه ۷ ثور ۱۴۰۳ ۱۰:۴۰",
            "کابل (باختر): وزیر مخابرات و تکنالوژی معلوماتی امروز با سفیر ازبکستان دیدار کرد و دو طرف در مورد لین فایبر نوری توافق کردند.",
            "این توافق ظرفیت انترنت کشور را افزایش می‌دهد.",
        ]
    )
    record = extract_text(page, "mem://d", lang="prs").to_record()
    assert record["agency"]["key"] == "Bakhtar"
    assert record["published"]["date"] == "2024-04-26"  # ۷ ثور ۱۴۰۳, not the bar's ۹ ثور


def test_the_site_bar_date_counts_when_nothing_else_dates_the_page() -> None:
    page = "\n".join(
        [
            "الخميس 7 مارس 2024 | وكالة الأنباء الأردنية | English",
            "الأردن والعراق يبحثان الربط الكهربائي وتوسيع شبكات الاتصالات",
            "بحث وزير الاتصالات الأردني مع نظيره العراقي اليوم سبل توسيع الربط بين شبكات البلدين.",
            "واتفق الجانبان على تشكيل فريق فني مشترك.",
        ]
    )
    record = extract_text(page, "mem://e", lang="ar").to_record()
    assert record["agency"]["key"] == "Petra"
    assert record["published"]["date"] == "2024-03-07"


@pytest.mark.parametrize(
    ("lead", "meta", "key"),
    [
        (["دبي - البيان: أطلقت هيئة الاتصالات خدمة جديدة"], [], "AlBayan"),  # the paper's own dateline
        (["جدة - سبق: أعلنت الشركة"], [], "Sabq"),
        (["وزير الاتصالات قال"], ["أبوظبي - الاتحاد"], "AlIttihad"),
        (["حسب ما سبق أن أعلنت الوزارة، تبدأ الخدمة"], [], None),  # «سبق» = earlier, in running text
        (["أعلن الاتحاد الدولي للاتصالات اليوم"], [], None),  # «الاتحاد» = union
        (
            ["وزير الاتصالات قال"],
            ["الرئيسية | الإمارات | الخليج | العالم | الخميس 7 مارس 2024"],
            None,
        ),  # a menu bar
    ],
)
def test_dateline_only_names(lead: list[str], meta: list[str], key: str | None) -> None:
    agency = find_agency(lead, [], None, meta)
    assert (agency.key if agency else None) == key


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # an unknown outlet's site line over a section and date line; its «Name - » dateline
        (
            "بام آسیا\nجامعه | ۲ جدی ۱۴۰۳\nباشندگان ولسوالی‌ها خواستار انترنت ارزان شدند\nباشندگان ولسوالی‌های دوردست می‌گویند که انترنت گران است.",
            "بام آسیا",
        ),
        (
            "الرأي الحر\nمحليات | 2024/04/22\nوزير الاقتصاد الرقمي يزور بغداد\nبدأ الوزير زيارة رسمية إلى بغداد تستمر يومين.",
            "الرأي الحر",
        ),
        (
            "بام خبر - وزیر ارتباطات امروز در جمع خبرنگاران از توسعه شبکه ملی اطلاعات خبر داد و گفت کار ادامه دارد.",
            "بام خبر",
        ),
        # a section, a city or a desk is no outlet
        (
            "سیاسی\n۱۲ آذر ۱۴۰۳\nوزیر ارتباطات از توسعه شبکه خبر داد\nوزیر ارتباطات امروز از توسعه شبکه ملی اطلاعات خبر داد.",
            None,
        ),
        (
            "تهران - وزیر ارتباطات امروز در جمع خبرنگاران از توسعه شبکه ملی اطلاعات خبر داد و گفت کار ادامه دارد.",
            None,
        ),
    ],
)
def test_unknown_outlet_from_its_site_line_or_dateline(text: str, name: str | None) -> None:
    agency = extract_text(text, "test.txt").agency
    assert (agency.name if agency else None) == name
    if name:
        assert agency is not None and agency.key == "other"
