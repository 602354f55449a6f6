from __future__ import annotations

import pytest

from khabar.extraction.entities import count_countries, find_agency, find_countries, find_organizations


def codes(text: str, lang: str) -> set[str]:
    return set(count_countries(find_countries(text, lang)))


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("", "fa", set()),
        ("روابط میان کابل و آستانه تاریخی است", "prs", {"AFG", "KAZ"}),  # capitals as metonyms, coordinated
        ("توافقات تهران-مسقط", "fa", {"IRN", "OMN"}),
        ("همکاری در زمینه کابل‌های دریایی", "fa", set()),  # کابل = cable
        ("کابلهای دریایی", "fa", set()),
        ("ایران در آستانه انتخابات است", "fa", {"IRN"}),  # در آستانه = on the eve of
        ("وزیر ارتباطات به آستانه سفر کرد", "fa", {"KAZ"}),  # travel context
        ("همتاهای قزاقستانی و قرقیزستانی", "fa", {"KAZ", "KGZ"}),  # demonyms
        ("وزارت امور مالی", "fa", set()),  # مالی = financial, not Mali
        ("كازاخستان وقزاقستان", "ar", {"KAZ"}),  # spelling variants + clitic و
        ("وزيري الاتصالات في كينيا والجزائر", "ar", {"KEN", "DZA"}),
        ("الوزير الكيني", "ar", {"KEN"}),  # demonym with the article
        ("في الجمهورية الجزائرية الديمقراطية الشعبية", "ar", {"DZA"}),
        ("محادثات إيرانية جزائرية", "ar", {"IRN", "DZA"}),
        ("الوضع المالي للشركة", "ar", set()),
        ("ايالات متحده آمریکا و امریکا", "fa", {"USA"}),
        ("عربستان سعودی و امارات متحده عربی", "fa", {"SAU", "ARE"}),
        ("آذربایجان شرقی", "fa", {"IRN"}),  # an Iranian province, not the Republic of Azerbaijan
        ("جمهوری آذربایجان", "fa", {"AZE"}),
        ("هسپانیه و ناروی", "prs", {"ESP", "NOR"}),  # Dari names (CLDR fa_AF)
        ("إسبانيا والنرويج", "ar", {"ESP", "NOR"}),
        ("كتاب‌هاي ايران", "fa", {"IRN"}),  # Arabic ي in Persian text (folded)
    ],
)
def test_find_countries(text: str, lang: str, expected: set[str]) -> None:
    assert codes(text, lang) == expected


def test_country_mentions_carry_offsets() -> None:
    text = "سفر وزیر به عمان"
    (mention,) = find_countries(text, "fa")
    assert (mention.key, text[mention.start : mention.end]) == ("OMN", "عمان")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("با هولین ژائو، دبیر کل ITU دیدار کرد", {"ITU"}),
        ("در اجلاس اسکاپ و سازمان ملل متحد", {"ESCAP", "UN"}),
        ("رئیس کنونی قزاق تلکام", {"Kazakhtelecom"}),
        ("انتقال داده از عمان تل به شرکت ارتباطات زیرساخت", {"Omantel", "TIC"}),
        ("الاتحاد الأفريقي للاتصالات", {"ATU"}),
        ("دیدار وزیران", set()),
    ],
)
def test_find_organizations(text: str, expected: set[str]) -> None:
    assert {m.key for m in find_organizations(text, "fa")} == expected


@pytest.mark.parametrize(
    ("lead", "tail", "key"),
    [
        (["به گزارش ایرنا، وزیر ارتباطات گفت"], [], "IRNA"),
        (["به گزارش گروه سیاسی خبرگزاری فارس، وزیر گفت"], [], "Fars"),
        (["به گزارش حوزه دنیای ارتباطات گروه فضای مجازی باشگاه خبرنگاران جوان، وزیر"], [], "YJC"),
        (["أفادت وكالة مهر للأنباء، نقلاً عن وزارة"], [], "Mehr"),
        (
            ["نصر: در دیدار وزیر"],
            ["تیتر خبر ایلنا - خبرگزاری کار ایران"],
            "ILNA",
        ),  # the page's site name wins
        (["کابل (باختر): وزیر مخابرات گفت"], [], "Bakhtar"),  # dateline
        (["در ۱۲ مهر ۱۴۰۲ وزیر گفت"], [], None),  # مهر the month is not Mehr the agency
    ],
)
def test_find_agency(lead: list[str], tail: list[str], key: str | None) -> None:
    agency = find_agency(lead, tail)
    assert (agency.key if agency else None) == key


def test_unknown_outlet_is_named_with_key_other() -> None:
    agency = find_agency(["به گزارش تجهیزات جانبی، وزیر ارتباطات"], [])
    assert (agency.key, agency.name) == ("other", "تجهیزات جانبی")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("کابل دریایی میان بندرعباس و اقیانوس هند", "fa", set()),  # the Indian Ocean is not India
        ("شهروندان کابل از سرعت انترنت شکایت دارند", "prs", {"AFG"}),  # in Dari, کابل is Kabul
        ("نشست وزرا که در آستانه برگزار شد", "fa", {"KAZ"}),  # held in Astana
        ("التقى السفير في دمشق مع نظيره من سورية", "ar", {"SYR"}),
        (
            "وصل وزير الخارجية الأردني إلى عمان قادما من بغداد",
            "ar",
            {"JOR", "IRQ"},
        ),  # Amman, in a story about Jordan
        ("سفر وزیر خارجه اردن به عمان پس از دیدار در بغداد", "fa", {"JOR", "IRQ"}),
        (
            "وصل الوزير الأردني إلى عمان، ثم زار مسقط عاصمة سلطنة عمان",
            "ar",
            {"JOR", "OMN"},
        ),  # Oman named in another form: عمان stays Oman
        ("وقعت سلطنة عمان والكويت اتفاقية في عمان", "ar", {"KWT", "OMN"}),  # no Jordan: Oman
    ],
)
def test_country_readings_by_language_and_context(text: str, lang: str, expected: set[str]) -> None:
    assert codes(text, lang) == expected


@pytest.mark.parametrize(
    ("lead", "meta", "key"),
    [
        (["أبوظبي في 14 مارس 2024 / وام / وقعت دولة الإمارات"], [], "WAM"),
        (["تهران- ایرنا- وزیر ارتباطات گفت"], [], "IRNA"),
        (["التقى معالي الوزير"], ["الرياض 1445/08/20 هـ الموافق 2024/03/01 م واس"], "SPA"),
        (["وفقا لوكالة مهر للأنباء، أعلن الرئيس"], [], "Mehr"),
        (["وحسب بيان للوزارة نقلته وكالة الأنباء الجزائرية، تناول اللقاء"], [], "APS"),
    ],
)
def test_agency_from_datelines(lead: list[str], meta: list[str], key: str) -> None:
    assert find_agency(lead, [], None, meta).key == key
