"""Persons on real news (issue 15): no fragments of sentences, roles that end where the
title ends, no outlet's country for a foreign company's officer. Sentences written for
these tests, in Persian, Dari and Arabic (ZWNJ, Arabic ي/ك, Persian and Arabic-Indic digits)."""

from __future__ import annotations

import pytest

from khabar.extraction.persons import find_persons


def _persons(text: str, lang: str, home: str | None = "IRN") -> list[tuple[str, str | None, str | None]]:
    return [(p.name, p.role, p.country) for p in find_persons(text, [], [], home, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        # a Persian name starts at its first given name: dictionary words before it are no name
        ("در همین راستا محمدرضا کریمی معاون وزیر راه گفت: کار ادامه دارد.", "fa", "محمدرضا کریمی"),
        (
            "در این زمینه حمیدالله رحیمی معین وزارت مخابرات گفت که پروژه ۲ ماه دیگر تمام می‌شود.",
            "prs",
            "حمیدالله رحیمی",
        ),
        # a verb of saying before the name is not a part of it, also with «و» joined
        ("وقال جيمس هاريس المدير التنفيذي للهيئة إن العمل مستمر.", "ar", "جيمس هاريس"),
        ("يقول مايكل براون نائب رئيس الهيئة إن الشبكة جاهزة.", "ar", "مايكل براون"),
        # a Western given name transliterated is name evidence
        ("وقال وزير الخارجية الفرنسي لوران دوبوا إن المحادثات بناءة.", "ar", "لوران دوبوا"),
    ],
)
def test_name_without_the_words_before_it(text: str, lang: str, name: str) -> None:
    assert name in [p[0] for p in _persons(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # pronouns and plural nouns before a role are no person («همه شما نماینده ...»)
        ("همه شما نماینده مردم هستید و باید پاسخگو باشید.", "fa"),
        ("هماهنگی امور عمرانی استاندار گلستان برگزار شد.", "fa"),
        ("خوشبختانه پرورش مدیر بومی در استان شکل گرفته است.", "fa"),
        # a preposition glued after the name («... توسط فرماندار»)
        ("این طرح توسط فرماندار افتتاح شد.", "fa"),
        # Arabic: a connective, a preposition on an institution's noun, «فيما يلي»
        ("وصدر بيان مشترك بمناسبة الزيارة وزير الدفاع فيما يلي نصه.", "ar"),
        ("وعين مديرا لشركة تيم الرئيس التنفيذي للمجموعة.", "ar"),
    ],
)
def test_sentence_fragments_are_no_persons(text: str, lang: str) -> None:
    names = [p[0] for p in _persons(text, lang)]
    assert not any(w in n for n in names for w in ("شما", "امور", "خوشبختانه", "توسط", "فيما", "لشركة")), (
        names
    )


@pytest.mark.parametrize(
    ("text", "lang", "name", "role"),
    [
        # a Persian role ends at a verb, with the noun of a compound verb
        ("احمد کاظمی رئیس مجلس تصمیم گرفت جلسه را تعطیل کند.", "fa", "احمد کاظمی", "رئیس مجلس"),
        (
            "رضا توکلی استاندار کرمان اعلام کرده است که ۱۲ طرح افتتاح می‌شود.",
            "fa",
            "رضا توکلی",
            "استاندار کرمان",
        ),
        # ... and at a preposition or conjunction starting a new phrase
        (
            "مسعود رحیمی وزیر ورزش و جوانان پس از دیدار با ورزشکاران گفت",
            "fa",
            "مسعود رحیمی",
            "وزیر ورزش و جوانان",
        ),
        ("محمود صادقی سخنگوی وزارت نیرو بعد از نشست گفت", "fa", "محمود صادقی", "سخنگوی وزارت نیرو"),
        # a second title after a two-word title starts the next role
        (
            "واستقبل الأمير سعد بن فهد بن عبدالعزيز ولي العهد نائب رئيس مجلس الوزراء الوفد.",
            "ar",
            "سعد بن فهد بن عبدالعزيز",
            "ولي العهد",
        ),
    ],
)
def test_role_ends_where_the_title_ends(text: str, lang: str, name: str, role: str) -> None:
    assert (name, role) in [(p[0], p[1]) for p in _persons(text, lang)]


@pytest.mark.parametrize(
    "text",
    [
        "وقال جون ديفيس الرئيس التنفيذي لشركة «نت ورلد» إن الطلب على الخدمة ارتفع ٣٠ في المئة.",
        "وأوضح جون ديفيس الرئيس التنفيذي للشركة أن الأرباح ارتفعت.",
        "وقال جون ديفيس مدير العمليات في Cloudex إن المشروع بدأ.",
    ],
)
def test_a_company_officer_is_no_official(text: str) -> None:
    assert "جون ديفيس" not in [p[0] for p in _persons(text, "ar", home="SAU")]


@pytest.mark.parametrize(
    ("text", "lang", "name", "role"),
    [
        # an Arabic chain closes with an indefinite family name before punctuation or the next title
        (
            "وحضر اللقاء وزير الدولة الدكتور سامي بن خالد قرشي، ووزير المالية.",
            "ar",
            "سامي بن خالد قرشي",
            "وزير الدولة",
        ),
        (
            "وحضر المدير العام سعادة الأستاذ ماهر بن يوسف عطار ووزير الإعلام.",
            "ar",
            "ماهر بن يوسف عطار",
            "المدير العام",
        ),
        # a Persian role stops before «و» and the next person's given name
        (
            "کاوه رستمی مدیرکل نوسازی مدارس و فرهاد ملکی فرماندار ۳ شهر حضور داشتند.",
            "fa",
            "کاوه رستمی",
            "مدیرکل نوسازی مدارس",
        ),
        ("حسن کریمی رئیس سازمان صدا و سیما گفت", "fa", "حسن کریمی", "رئیس سازمان صدا و سیما"),
    ],
)
def test_names_and_roles_close_where_they_should(text: str, lang: str, name: str, role: str) -> None:
    assert (name, role) in [(p[0], p[1]) for p in _persons(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("وقال فهد الراشد نائب رئيس النادي إن الفريق جاهز.", "ar"),
        ("وأوضح سالم العمري رئيس جمعية أصدقاء البيئة أن الحملة مستمرة.", "ar"),
        ("رضا کاظمی مربی باشگاه استقلال گفت", "fa"),
        ("جواد نیکزاد معاون بیمارستان کودکان گفت", "fa"),
        ("محمد‌علی رحیمی رئيس انجمن صنفی ناشران گفت", "prs"),
    ],
)
def test_roles_in_private_bodies_are_no_public_roles(text: str, lang: str) -> None:
    assert _persons(text, lang) == []


def test_a_private_body_in_a_public_office_stays() -> None:
    found = _persons(
        "وقال وزير الصحة الدكتور فيصل الشهري خلال زيارته المستشفى إن العمل مستمر.", "ar", home="SAU"
    )
    assert [p[0] for p in found] == ["فيصل الشهري"]


def test_an_arabic_role_in_a_sentence_abroad_gets_no_outlet_country() -> None:
    from khabar.extraction.entities import find_countries

    text = (
        "وصل وفد المملكة العربية السعودية أمس. والتقى الوفد في طهران وزير الخارجية محمد رضائي. "
        "وقال وزير الإعلام أحمد الشمري إن البث مستمر."
    )
    found = {p.name: p.country for p in find_persons(text, find_countries(text, "ar"), [], "SAU", "ar")}
    assert found["محمد رضائي"] is None  # the sentence names only Iran: not the outlet's minister
    assert found["أحمد الشمري"] == "SAU"  # a sentence naming no country: the outlet's own story


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("دیوید اسمیت رئیس شورای اروپا گفت", "fa", "دیوید اسمیت"),
        ("نیکولا مارتن سخنگوی کاخ الیزه اعلام کرد", "fa", "نیکولا مارتن"),
        ("وقال جاك ميلر المتحدث المؤقت إن الموقع يعمل.", "ar", "جاك ميلر"),
    ],
)
def test_a_western_given_name_is_not_the_outlet_official(text: str, lang: str, name: str) -> None:
    found = {p[0]: p[2] for p in _persons(text, lang, home="IRN" if lang == "fa" else "SAU")}
    assert name in found and found[name] is None


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("این همایش با حضور حسین رضایی مدیرکل ارشاد استان برگزار می‌شود.", "مدیرکل ارشاد استان"),
        ("محمود کریمی وزیر ورزش افتتاح کرد", "وزیر ورزش"),
        ("علی لاریجانی رئیس مجلس اظهار داشت", "رئیس مجلس"),
    ],
)
def test_a_compound_verb_noun_is_no_part_of_the_role(text: str, role: str) -> None:
    assert role in [p[1] for p in _persons(text, "fa")]


@pytest.mark.parametrize(
    ("text", "lang", "names"),
    [
        # dictionary words only, no name-like word: no person
        ("در بخش سیاسی امنیتی استاندار ایلام گفت", "fa", []),
        ("در آیین معرفی مدیرعامل جدید سازمان گفت", "fa", []),
        # ... unless a title stands right before them
        ("دکتر نسرین مقدم معاون وزیر ارتباطات در دیدار با سفیر گفت", "fa", ["نسرین مقدم"]),
        ("مهندس آرمان نیکو معاون وزیر نیرو گفت", "fa", ["آرمان نیکو"]),
    ],
)
def test_dictionary_words_need_a_name_or_a_title(text: str, lang: str, names: list[str]) -> None:
    assert [p[0] for p in _persons(text, lang)] == names


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "وأشاد الرئيس هشام الأمين رئيس جمهورية الجزائر وتقديره لمواقف الوفد.",
            "هشام الأمين",
            "رئيس جمهورية الجزائر",
        ),
        ("ويأتي قرار وزير الدفاع سمير الخطيب بعد تعذر التوافق.", "سمير الخطيب", "وزير الدفاع"),
    ],
)
def test_an_arabic_role_ends_before_a_new_clause(text: str, name: str, role: str) -> None:
    assert (name, role) in [(p[0], p[1]) for p in _persons(text, "ar", home="SAU")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ویژه‌برنامه ولادت حضرت فاطمه معصومه در قم برگزار شد و حضرت فاطمه معصومه را گرامی داشتند.", "fa"),
        ("ويتطرق قرار وزراء الخارجية إلى المفاوضات.", "ar"),
        ("التقييم مهم فهو عنصر رئيس لتجديد العقود.", "ar"),
    ],
)
def test_holy_figures_and_clause_starts_are_no_persons(text: str, lang: str) -> None:
    assert _persons(text, lang) == []


def test_an_arabic_title_names_its_own_holder_before_the_next_name() -> None:
    text = "وحضر اللقاء الرئيس الإيراني حسن روحاني، وعلي أكبر ولايتي المستشار."
    assert ("حسن روحاني", "الرئيس الإيراني") in [(p[0], p[1]) for p in _persons(text, "ar", home="SAU")]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("به نقل از رویترز پرس، رئیس شرکت نفت گفت", []),  # an outlet quoted
        ("آیت‌الله حسن مهدوی دبیر‌کل مجمع تقریب گفت", ["حسن مهدوی"]),  # the name ends at the role
    ],
)
def test_outlets_and_titles_stay_out_of_names(text: str, names: list[str]) -> None:
    assert [p[0] for p in _persons(text, "fa")] == names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("يقول أندرو ميلز، المدير الدولي لتطوير أعمال السيارات لدى الهيئة، إن السوق تنمو.", "أندرو ميلز"),
        ("فقد وجه وزير العدل بتشكيل فريق عمل متخصص.", None),
    ],
)
def test_a_preposition_on_a_verbal_noun_starts_no_name(text: str, name: str | None) -> None:
    names = [p[0] for p in _persons(text, "ar", home="SAU")]
    assert names == ([name] if name else [])


def test_a_spelt_out_initial_stays_inside_a_western_name() -> None:
    found = _persons("وقال الرئيس الأمريكي السابق جورج دبليو هاريس إن الحرب انتهت.", "ar", home="SAU")
    assert [p[0] for p in found] == ["جورج دبليو هاريس"]
