"""Persons that are people: the name model, Arabic chains, Central Asian surnames, the country
from the role or the sentence, and one key per person across spellings and scripts."""

from __future__ import annotations

import pytest

from khabar.extraction.entities import find_countries, find_organizations
from khabar.extraction.extract import extract_text
from khabar.extraction.persons import find_persons, person_key
from khabar.text.normalize import normalize_text


def persons(text: str, lang: str, home: str | None) -> list[tuple[str, str | None, str | None]]:
    body = normalize_text(text, lang)
    found = find_persons(body, find_countries(body, lang), find_organizations(body, lang), home, lang)
    return [(p.name, p.role, p.country) for p in found]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("عیسی زارع‌پور", "عيسى زارع پور"),  # Arabic ي/ى, ZWNJ or a space
        ("عبدالله بن زاید", "عبد الله بن زايد"),  # a compound written joined or apart
        ("سید عباس موسوی", "عباس موسوی"),  # an honorific is no part of the name
        ("معالي الدكتور خالد الفالح", "خالد الفالح"),
        ("نورلان عثمان‌اف", "نورلان عثمان اف"),  # a Central Asian ending after ZWNJ or a space
        ("کامل اکبراُف", "کامل اکبراف"),  # diacritics
        ("محمد كاظمي", "محمد کاظمی"),  # Arabic ك/ي in Persian copy
    ],
)
def test_one_key_across_spellings(a: str, b: str) -> None:
    assert person_key(a) == person_key(b)


@pytest.mark.parametrize(("a", "b"), [("عباس موسوی", "عباس موسوی‌نژاد"), ("خالد الفالح", "خالد الفلاحي")])
def test_different_people_have_different_keys(a: str, b: str) -> None:
    assert person_key(a) != person_key(b)


@pytest.mark.parametrize(
    ("text", "lang", "home", "expected"),
    [
        # Arabic «ROLE <demonym> NAME»: the name after the demonym, the country from it
        (
            "واستقبل وزير الطاقة الكويتي نواف الصباح وفد الشركة.",
            "ar",
            "SAU",
            [("نواف الصباح", "وزير الطاقة الكويتي", "KWT")],
        ),
        # a chain «X بن Y بن Z» is kept whole, with the family name after it
        (
            "وحضر اللقاء سعادة الدكتور ناصر بن سالم بن علي الهاشمي وكيل وزارة الإعلام.",
            "ar",
            "OMN",
            [("ناصر بن سالم بن علي الهاشمي", "وكيل وزارة الإعلام", "OMN")],
        ),
        # an honorific inside the role starts the name: «وزير ... المهندس NAME»
        (
            "التقى وزير النقل المهندس رامي الأحمد مع الوفد.",
            "ar",
            "JOR",
            [("رامي الأحمد", "وزير النقل", "JOR")],
        ),
        # «و» written on the next role splits two officials
        (
            "اجتمع وزير الزراعة يوسف الشامي ووزير المياه العراقي حسن الربيعي، أمس، لبحث التعاون بين الأردن والعراق.",
            "ar",
            "JOR",
            [("يوسف الشامي", "وزير الزراعة", "JOR"), ("حسن الربيعي", "وزير المياه العراقي", "IRQ")],
        ),
        # a role with no country in an Arabic story about other countries: no country, not the outlet's
        (
            "وقال وزير الخارجية الأسبق هنري كيسنجر إن واشنطن تغيرت.",
            "ar",
            "SAU",
            [("هنري كيسنجر", "وزير الخارجية الأسبق", None)],
        ),
        # the side of the talks gives a role without a country its country
        (
            "ووقع عن الجانب المصري السيد كريم منصور نائب وزير المالية.",
            "ar",
            "SAU",
            [("كريم منصور", "نائب وزير المالية", "EGY")],
        ),
        # «السفير <demonym> بـ<capital>»: the posting is not the country served
        (
            "والتقى السفير الإيراني ببغداد محمد جواد ساعدي الوفد.",
            "ar",
            None,
            [("محمد جواد ساعدي", "السفير الإيراني ببغداد", "IRN")],
        ),
        # a fragment before a role is no person: a clause, an institution, a preposition
        ("وجاء ذلك خلال محادثات أجراها وزير الخارجية الأردني.", "ar", "JOR", []),
        ("وقال المتحدث باسم وزارة الدولة للشؤون الخارجية.", "ar", None, []),
        # Persian: a clause word before the name is cut off
        (
            "در این نشست بهروز کیانی معاون وزیر نیرو گفت.",
            "fa",
            "IRN",
            [("بهروز کیانی", "معاون وزیر نیرو", "IRN")],
        ),
        # Dari: «-اف» after ZWNJ stays with its stem; «این کشور» is the country named before
        (
            "هیئتی از تاجیکستان به کابل آمد. رستم نظراف، وزیر انرژی این کشور، گفت.",
            "prs",
            "AFG",
            [("رستم نظراف", "وزیر انرژی این کشور", "TJK")],
        ),
        (
            "به گزارش خبرگزاری، بانو فرشته قاسمی‌نیا سرپرست سفارت ایران در ۲۰ شهر حضور داشت.",
            "fa",
            "IRN",
            [("فرشته قاسمی‌نیا", "سرپرست سفارت ایران", "IRN")],
        ),
        # a time word ends a name after a title of office; «مهندس», «السيد» alone make no person
        ("محترم کاوه صادقی روز یکشنبه به مسکو رفت.", "prs", "AFG", [("کاوه صادقی", None, None)]),
        ("مهندس کاوه صادقی روز یکشنبه به مسکو رفت.", "fa", "IRN", []),
        ("مهندس کاوه صادقی روز یکشنبه به مسکو رفت. صادقی گفت.", "fa", "IRN", [("کاوه صادقی", None, None)]),
        ("وحضر الحفل السيد خالد العمري وأسرته.", "ar", "SAU", []),
        # a place named after a person is not a person
        ("کشتی در بندر شهید رجایی پهلو گرفت.", "fa", "IRN", []),
        ("وعبرت الشاحنات جسر الملك فهد أمس.", "ar", "BHR", []),
        # digits (Persian, Arabic-Indic) are never part of a name
        ("طبق مصوبه ۱۲ معاون وزیر گفت.", "fa", "IRN", []),
        ("وبحضور ٣ خبراء وزير النقل الكويتي.", "ar", "KWT", []),
        # Dari with Arabic ي/ك in the source: normalised to ی/ک, the role and its country found
        (
            "ذكي الله كريمي، معين وزارت مالیه، گفت.",
            "prs",
            "AFG",
            [("ذکی الله کریمی", "معین وزارت مالیه", "AFG")],
        ),
    ],
)
def test_persons_are_people(
    text: str, lang: str, home: str | None, expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert persons(text, lang, home) == expected


def test_surname_and_honorific_mentions_are_one_person() -> None:
    text = (
        "ووقع الاتفاقية وزير الاقتصاد الموريتاني، محمد الأمين ولد أحمد.\n"
        "وقال السيد ولد أحمد إن الاتفاقية مهمة، وأضاف ولد أحمد أنها تفتح آفاقا جديدة."
    )
    found = find_persons(text, find_countries(text, "ar"), [], "MAR", "ar")
    assert [(p.name, p.country) for p in found] == [("محمد الأمين ولد أحمد", "MRT")]


def test_record_and_mentions_carry_the_person_key() -> None:
    text = (
        "دیدار وزیران\n"
        "به گزارش ایرنا، رضا عارف‌زاده معاون وزیر صنعت ایران با همتای ترکیه‌ای خود دیدار کرد. "
        "عارف‌زاده گفت همکاری ادامه دارد."
    )
    ex = extract_text(text, "t.txt", lang="fa")
    rec = ex.to_record()
    assert [p["key"] for p in rec["persons"]] == [person_key("رضا عارف زاده")]
    keys = {m["key"] for m in ex.mentions if m["kind"] == "person"}
    surfaces = sorted(m["surface"] for m in ex.mentions if m["kind"] == "person")
    assert keys == {person_key("رضا عارف‌زاده")}
    assert surfaces == ["رضا عارف‌زاده", "عارف‌زاده"]


def test_people_directory_counts_one_person_once() -> None:
    """Two articles write one minister with Arabic ي and Persian ی, in full and by surname: one row."""
    import duckdb

    from khabar.analytics.report import define_macros, load_sql

    names = [
        ("a1", "عیسی زارع‌پور", "وزیر ارتباطات"),
        ("a1", "زارع‌پور", "وزیر ارتباطات"),
        ("a2", "عيسى زارع‌پور", "وزير"),
    ]
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE articles (article_id VARCHAR, ingest_date DATE, story_id VARCHAR, published_date DATE)"
    )
    con.execute(
        "INSERT INTO articles VALUES ('a1', DATE '2025-01-15', 's1', DATE '2025-01-14'), ('a2', DATE '2025-01-16', 's2', NULL)"
    )
    con.execute(
        "CREATE TABLE mentions (article_id VARCHAR, ingest_date DATE, kind VARCHAR, key VARCHAR, surface VARCHAR, role VARCHAR, country VARCHAR)"
    )
    for article, surface, role in names:
        day = "2025-01-15" if article == "a1" else "2025-01-16"
        con.execute(
            "INSERT INTO mentions VALUES (?, ?, 'person', ?, ?, ?, 'IRN')",
            [article, day, person_key("عیسی زارع‌پور"), surface, role],
        )
    # the library's macros, as khabar's connections have them (the table macro needs an events table)
    con.execute(
        "CREATE TABLE events (article_id VARCHAR, ingest_date DATE, event_type VARCHAR, countries VARCHAR[], topics VARCHAR[])"
    )
    define_macros(con)
    rows = con.execute(load_sql("people_directory"), {"since": None, "until": None}).fetchall()
    assert len(rows) == 1
    person, _, roles, countries, stories, first_seen, last_seen = rows[0]
    assert (person, countries, stories, str(first_seen), str(last_seen)) == (
        "عیسی زارع‌پور",
        ["IRN"],
        2,
        "2025-01-14",
        "2025-01-16",
    )
    assert roles[0] == "وزیر ارتباطات"  # the most frequent role first


def test_a_lone_zero_width_non_joiner_is_read_past() -> None:
    # a ZWNJ standing alone folds to a space: a token with no word (found by the JSON fuzz test)
    body = "\u200c محمد حسینی وزیر ارتباطات ایران گفت که این طرح اجرا می‌شود."
    found = find_persons(body, [], [], "IRN", "fa")
    assert [(p.name, p.role) for p in found] == [("محمد حسینی", "وزیر ارتباطات ایران")]
