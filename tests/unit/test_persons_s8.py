"""Persons on real news (issue 15, session 8): an Arabic verb-first sentence's verb and a
joined preposition are no part of the name, a name does not run across a quote mark, an
outlet named in quotes is no person, an editor or a technical director holds no public office.
Sentences written for these tests, in Persian, Dari and Arabic (ZWNJ, Arabic ي/ك, Persian and
Arabic-Indic digits)."""

from __future__ import annotations

import pytest

from khabar.extraction.persons import find_persons


def _persons(text: str, lang: str, home: str | None = "IRN") -> list[tuple[str, str | None, str | None]]:
    return [(p.name, p.role, p.country) for p in find_persons(text, [], [], home, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        # a past-tense verb opening a verb-first Arabic sentence is not the name's first word
        ("وفي مايو الماضي، علق جيمس والكر، المدير التنفيذي للهيئة، على الخطة.", "ar", "جيمس والكر"),
        ("وأشاد خالد المنصوري مدير عام الجمارك بجهود الفرق في ٢٠٢٤.", "ar", "خالد المنصوري"),
        ("كما هنأ سعيد الكعبي رئيس البلدية الفائزين بالجائزة.", "ar", "سعيد الكعبي"),
        # a preposition joined to the given name: «لحسين» is «ل» + «حسين»
        (
            "نقلت الصحف تصريحا منسوبا لحسين الموسوي مساعد وزير الخارجية للشؤون العربية، قال فيه إنه مهم.",
            "ar",
            "حسين الموسوي",
        ),
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


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a role word quoted (a work's title) or right after an outlet's noun (a newspaper's name)
        ("این کتاب با عنوان «سفیر صلح» در سال ۱۴۰۲ منتشر شد.", "fa"),
        ("وكتب المقال على صفحات صحيفة الرئيس اليومية في عددها الأخير.", "ar"),
        # a quoted word after a title is no name
        ("وبحسب البيان، فإن الرئيس الفرنسي «رحب» بالاتفاق.", "ar"),
        # «محترم» right after a role head is the role's adjective, not a name's title
        ("از زحمات وزیر محترم بهداشت ودرمان وآموزش پزشکی تشکر می‌کنیم.", "fa"),
        ("از وزیر محترم صحت عامه سپاس‌گزاری شد.", "prs"),
        # the clause after a title's comma is a verb's, not a name
        ("كأول وزير في الحكومة، يجتمع بأعضاء المجلس في ٢٠٢٤.", "ar"),
    ],
)
def test_no_person_in_titles_and_clauses(text: str, lang: str) -> None:
    assert _persons(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a role ends before a preposition that starts the predicate («ومن الجانب», «نسبت به»)
        (
            "يترأسها الأمير فيصل بن سعد نائب وزير الطاقة ومن الجانب الآخر مسؤولون.",
            "ar",
            ("فيصل بن سعد", "نائب وزير الطاقة"),
        ),
        (
            "«محمد رضایی» مدیر کل این آژانس نسبت به این فعالیت‌ها هشدار داد.",
            "fa",
            ("محمد رضایی", "مدیر کل این آژانس"),
        ),
        # «مبعوث» starts a role
        (
            "والدكتور سالم الكعبي مبعوث الأمين العام للمنظمة، وآخرون.",
            "ar",
            ("سالم الكعبي", "مبعوث الأمين العام للمنظمة"),
        ),
    ],
)
def test_role_ends_at_predicate(text: str, lang: str, expected: tuple[str, str]) -> None:
    assert expected in [(p[0], p[1]) for p in _persons(text, lang)]


def test_this_agency_gives_no_country() -> None:
    # «این آژانس» is a body named before: the outlet's country is not the official's
    found = _persons("«محمد رضایی» مدیر کل این آژانس در وین گفت که بازرسی ادامه دارد.", "fa")
    assert ("محمد رضایی", "مدیر کل این آژانس", None) in found


def test_this_country_is_not_a_demonym() -> None:
    from khabar.extraction.entities import find_countries

    text = "کنگره آمریکا باید میان گروه‌های عراقی و دولت «جرج بوش» رییس جمهوری این کشور میانجی شود."
    countries = find_countries(text, "fa")
    found = [(p.name, p.country) for p in find_persons(text, countries, [], "IRN", "fa")]
    assert ("جرج بوش", "USA") in found


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        # a cleric's, scholar's or the dead's title with no role: no public office, even named again
        (
            "حجت‌الاسلام والمسلمین علی رضایی در گفت‌وگو با خبرنگار گفت که زیارت مهم است. رضایی افزود که مراسم ادامه دارد.",
            "fa",
            False,
        ),
        ("قال الشيخ عادل الحربي إن المواقع لم تزد الأمر. وأضاف الحربي أن القضايا كثيرة.", "ar", False),
        ("استاد جواد کریمی شاعر معاصر از بیمارستان مرخص شد. کریمی ۸۰ سال دارد.", "fa", False),
        # an engineer's or doctor's title, named again: kept beside an office (officials are often named so)
        ("وقال وكيل الوزارة المهندس خالد الحربي إن الشبكة جاهزة. وأضاف الحربي أن العمل مستمر.", "ar", True),
        ("دکتر علی کریمی گفت که طرح آماده است. کریمی افزود که کار ادامه دارد.", "fa", True),
    ],
)
def test_scholar_titles_give_no_public_role(text: str, lang: str, kept: bool) -> None:
    assert bool(_persons(text, lang)) is kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the outlet's country only as the destination: a bare title in a list of another state's officials
        (
            "وكان في استقباله وزير الخارجية خالد الخطيب ومبعوث الملك للمملكة العربية السعودية، في عمّان بالأردن.",
            None,
        ),
        ("وكان في استقباله رئيس هيئة الأركان يوسف الحنيطي، ومبعوث الملك إلى السعودية، في الأردن.", None),
        # the outlet's country named as such: its official
        ("وأكد وزير الخارجية فيصل بن فرحان أن السعودية تدعم الأردن.", "SAU"),
    ],
)
def test_arabic_bare_title_country(text: str, expected: str | None) -> None:
    from khabar.extraction.entities import find_countries

    found = [p.country for p in find_persons(text, find_countries(text, "ar"), [], "SAU", "ar")]
    assert found and found[0] == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # an Arabic name of three or four words that closes the clause is taken whole
        ("وانضمت إلى الهجوم قوات الرئيس السابق علي عبد الله ناصر. وتقدمت القوات.", "علي عبد الله ناصر"),
        ("وحضر رئيس المجموعة الأفريقية عبدالرحيم إبراهيم محمد، وسفير مالي.", "عبدالرحيم إبراهيم محمد"),
        # a definite family name closes the name: the word after it is not a part of it
        ("وقال وزير الخارجية عادل الحربي بنجاح.", "عادل الحربي"),
    ],
)
def test_arabic_name_closing_the_clause(text: str, name: str) -> None:
    assert name in [p[0] for p in _persons(text, "ar", "SAU")]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # «مدير عام»: «عام» is a word of the title, the name follows it
        (
            "ومدير عام إدارة المتابعة سالم بن علي الغامدي، ومحمد بن سعد الدوسري.",
            "ar",
            ("سالم بن علي الغامدي", "مدير عام إدارة المتابعة"),
        ),
        # a given name before «الحاج» starts the name: «الحاج» is inside it
        (
            "ووزيرة الصحة فاطمة الحاج موسى كوني، ووزير المالية.",
            "ar",
            ("فاطمة الحاج موسى كوني", "وزيرة الصحة"),
        ),
    ],
)
def test_arabic_name_inside_a_list(text: str, lang: str, expected: tuple[str, str]) -> None:
    found = [(p[0], p[1]) for p in _persons(text, lang, "SAU")]
    assert expected in found
    assert not any(name.startswith("و") for name, _ in found)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # the next of a list after a title's comma is not the title's name
        ("ومدير عام الإدارة، ومحمد بن سعد الدوسري.", "ar"),
        # an office title after an office honorific is no name
        ("مؤكدا تطلع سمو أمير المنطقة لمزيد من التطور.", "ar"),
        # the plural of a role word is no name
        ("جلسه با حضور معاونان وزارت و دستیاران منطقه‌ای وزیر ورزش برگزار شد.", "fa"),
        ("نشست با حضور مدیران ارشد سفیر ایران در کابل برگزار شد.", "prs"),
        # a noun of place in ezafe is no name's word
        ("در بالای تصویر رییس‌جمهور نوشته شده است.", "fa"),
    ],
)
def test_no_person_in_lists_titles_and_plurals(text: str, lang: str) -> None:
    assert _persons(text, lang, "SAU") == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a role of a head alone names no office: no country; a quote after it is another's name
        (
            "ملا عبدالرحمن کریمی معاون سابق «ملا حسن» و از افراد بانفوذ است.",
            "fa",
            ("عبدالرحمن کریمی", "معاون سابق", None),
        ),
        # an organisation quoted inside a role: the quote closes
        (
            "وقال جيمس والكر، مدير البرامج بلجنة «الإسكوا»، إن الطلب كبير.",
            "ar",
            ("جيمس والكر", "مدير البرامج بلجنة «الإسكوا»", None),
        ),
        # a role with its office keeps the outlet's country
        (
            "رضا تهرانی معاون وزیر نیرو گفت که کار ۲ ماه دیگر تمام می‌شود.",
            "fa",
            ("رضا تهرانی", "معاون وزیر نیرو", "IRN"),
        ),
    ],
)
def test_role_quotes_and_bare_heads(text: str, lang: str, expected: tuple[str, str, str | None]) -> None:
    assert expected in _persons(text, lang)


@pytest.mark.parametrize(
    "text",
    [
        # dictionary words and a relational adjective («تخصصی», «منطقه‌ای») are a phrase, not a name
        "نتایج بررسی تخصصی وزیر صنعت را خواستار شد.",
        "گزارش ارزیابی کارشناسی معاون وزیر راه منتشر شد.",
    ],
)
def test_persian_relational_adjectives_are_no_name(text: str) -> None:
    assert _persons(text, "fa") == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # «على» ends an Arabic role (folded it is the given name «علی»)
        (
            "كما شكر الوزير الأمير فيصل بن سعد نائب أمير المنطقة على اهتمامه بالشباب.",
            "ar",
            ("فيصل بن سعد", "نائب أمير المنطقة"),
        ),
        # a verb right after a Persian role head ends it; «حضور داشتند» goes with its verb
        (
            "عباس کریمی، نماینده مردم اهر و هریس حضور داشتند و سخن گفتند.",
            "fa",
            ("عباس کریمی", "نماینده مردم اهر و هریس"),
        ),
        # a verb after two given names is no third name word
        ("وقوات الرئيس السابق علي صالح كانوا يقومون بالاستيلاء.", "ar", ("علي صالح", "الرئيس السابق")),
    ],
)
def test_role_and_name_end_at_verbs(text: str, lang: str, expected: tuple[str, str]) -> None:
    assert expected in [(p[0], p[1]) for p in _persons(text, lang, "SAU")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a preposition on a function word or on a noun with a pronoun is no name word
        ("كما رحب الوزير الحربي بأي اتفاق يضمن السلام.", "ar"),
        # after «خبرنگار» a word is an outlet
        ("بر این اساس خبرنگار فارس اب معاون اقتصادی بانک مرکزی تماس گرفت.", "fa"),
        # a publisher's director holds no public office
        ("محسن یگانه مدیر انتشارات باران عضو شورا است.", "fa"),
        # an office's noun («معاونت») is no name
        ("جلسه‌ای با معاونت برنامه‌ریزی رئیس‌جمهور داشتیم.", "fa"),
        # one run of titles: «حجت‌الاسلام والمسلمین سید X» is a cleric's, not a «سید»'s
        ("حجت‌الاسلام والمسلمین سید‌مصطفی حسینی گفت که آیین برگزار می‌شود. حسینی افزود.", "fa"),
        # an office title after an office honorific
        ("استقبل معالي أمين منطقة المدينة الوفد.", "ar"),
    ],
)
def test_no_person_batch_two(text: str, lang: str) -> None:
    assert _persons(text, lang, "SAU") == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a well-known head of state whose role names no country: their own state, not the outlet's
        ("لا يضم المجلس الرئيس الحالي عبد ربه منصور هادي، ولا سلفه.", "ar", ("عبد ربه منصور هادي", "YEM")),
        ("باراک اوباما رئیس‌جمهور این کشور در ۲۰۱۵ سخنرانی کرد.", "fa", ("باراک اوباما", "USA")),
        # the role's own country comes first
        ("وقال وزير الخارجية المصري سامح شكري إن الحل قريب.", "ar", ("سامح شكري", "EGY")),
    ],
)
def test_known_heads_of_state(text: str, lang: str, expected: tuple[str, str]) -> None:
    assert expected in [(p[0], p[2]) for p in _persons(text, lang, "SAU")]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # «ل» on a verbal noun with a pronoun ends an Arabic role; «وعدد من» too
        (
            "والأمير فيصل بن سعد بن عبدالعزيز نائب وزير الخارجية لاطلاعهم على المعالم.",
            "ar",
            ("فيصل بن سعد بن عبدالعزيز", "نائب وزير الخارجية"),
        ),
        (
            "وسالم الدوسري مدير عام الإدارة العامة للطيران بالهلال الأحمر وعدد من اللاعبين.",
            "ar",
            ("سالم الدوسري", "مدير عام الإدارة العامة للطيران بالهلال الأحمر"),
        ),
        # «عبد» binds the next word at a name's end
        (
            "وأوضح نائب وزير الخارجية حسين أمير عبد الرحيمي الذي يرافق الوزير.",
            "ar",
            ("حسين أمير عبد الرحيمي", "نائب وزير الخارجية"),
        ),
        # an attaché is a role
        (
            "والملحق العسكري في الأردن العقيد سالم الحربي وعدد من المسؤولين.",
            "ar",
            ("سالم الحربي", "الملحق العسكري في الأردن"),
        ),
    ],
)
def test_role_ends_batch_three(text: str, lang: str, expected: tuple[str, str]) -> None:
    assert expected in [(p[0], p[1]) for p in _persons(text, lang, "SAU")]


def test_district_governor_is_a_role_not_a_name() -> None:
    assert _persons("با حضور فرماندار، بخشدار مرکزی رئیس اداره ورزش شهرستان، مراسم برگزار شد.", "fa") == []


def test_posting_joined_by_and_is_a_posting() -> None:
    from khabar.extraction.entities import find_countries

    text = "بحضور سفير خادم الحرمين الشريفين لدى إيطاليا ومالطا الدكتور سالم الحربي."
    found = [(p.name, p.country) for p in find_persons(text, find_countries(text, "ar"), [], "SAU", "ar")]
    assert found and found[0][0] == "سالم الحربي" and found[0][1] != "MLT"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # «ولي عهد X» is a role; its place is no name of the next role
        (
            "أكد الشيخ سالم بن زايد آل نهيان ولي عهد أبوظبي نائب القائد الأعلى، أن الرؤية واحدة.",
            "ar",
            [("سالم بن زايد آل نهيان", "ولي عهد أبوظبي")],
        ),
        # «عضو» is no name word
        ("با حضور محترمه حبیبه کریمی عضو شورای عالی صلح جلسه برگزار شد.", "prs", [("حبیبه کریمی", None)]),
    ],
)
def test_role_places_and_members(text: str, lang: str, expected: list[tuple[str, str | None]]) -> None:
    from khabar.extraction.entities import find_countries

    assert [
        (p.name, p.role) for p in find_persons(text, find_countries(text, lang), [], "SAU", lang)
    ] == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # «ساعت» (a time) and «یکی» («one of») end a Persian role
        (
            "با حضور محسن کریمی معاون ارتباطات دفتر ریاست ساعت ۱۰ صبح برگزار شد.",
            "fa",
            [("محسن کریمی", "معاون ارتباطات دفتر ریاست")],
        ),
        (
            "پیرامون صحبت‌های علی هاشمی، نماینده مجلس و یکی از منتقدان، پاسخ داد.",
            "fa",
            [("علی هاشمی", "نماینده مجلس")],
        ),
        # «إقليم» is a title noun, no name
        ("وقال رئيس مجلس إقليم لوغار شرقي البلاد: «لقد كان انفجارا».", "ar", []),
        # Persian «سید» is a descent, not an office: with no role, no person
        ("سید هادی حسینی در گفت‌وگو با خبرنگار گفت که کار مهم است. حسینی افزود.", "fa", []),
    ],
)
def test_role_time_words_and_descent_titles(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    assert [(p[0], p[1]) for p in _persons(text, lang)] == expected


def test_persian_joined_is_no_attache() -> None:
    # Persian «ملحق شدن» is «to join»: only the Arabic «الملحق» and Persian «وابسته» are attachés
    assert _persons("کره شمالی ممکن است بار دیگر به پیمان منع گسترش سلاحهای هسته‌ای ملحق شود.", "fa") == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # «و» with the article opens the next item of a list, not the name's last word
        (
            "استقبل الملك وزير الخارجية المصري سامح شكري والوفد المرافق له.",
            "ar",
            [("سامح شكري", "وزير الخارجية المصري")],
        ),
        (
            "وطالب المتظاهرون بعودة الرئيس المصري الأسبق محمد مرسي وإلغاء الأحكام.",
            "ar",
            [("محمد مرسي", "الرئيس المصري الأسبق")],
        ),
        (
            "وقال وزير الخارجية السوري وليد المعلم إن الحل سياسي.",
            "ar",
            [("وليد المعلم", "وزير الخارجية السوري")],
        ),  # «وليد» is a name
        # a noun before a name in the construct state: the picture of, a ceremony
        ("در این مراسم تصویر احمدی‌نژاد رییس‌جمهوری اسلامی ایران نمایش داده شد.", "fa", []),
        ("وأقام الوزير الكوبي حفلا يجري فيه تكريم السفير.", "ar", []),
    ],
)
def test_a_name_ends_before_the_next_item(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    assert [(p[0], p[1]) for p in _persons(text, lang, "SAU" if lang == "ar" else "IRN")] == expected
