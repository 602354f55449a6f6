"""Organisations: the gazetteer, brands that need context, and names recognised by their form."""

from __future__ import annotations

import pytest

from khabar.extraction.entities import find_organizations


def keys(text: str, lang: str) -> set[str]:
    return {m.key for m in find_organizations(text, lang)}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # gazetteer spellings: Dari «تیلیکام/تلیکام», «telecom» joined to the brand, Arabic «لـ» + article
        ("قرارداد میان افغان تلیکام و قرقیز تیلیکام امضا شد", "prs", {"Afghan Telecom", "Kyrgyztelecom"}),
        ("همکاری ازبکتلکام و قزاق‌تلکام", "fa", {"Uzbektelecom", "Kazakhtelecom"}),
        ("محادثات بين مجموعة e& وشركة أوزبكتيليكوم", "ar", {"e&", "Uzbektelecom"}),
        ("التنسيق في مؤتمرات للاتحاد الدولي للاتصالات", "ar", {"ITU"}),
        ("بانک انکشاف آسیایی ۳۰ میلیون دالر کمک کرد", "prs", {"ADB"}),
        ("اعضای اتحادیه اروپای شرقی", "fa", {"EU"}),  # Persian ezafe after a vowel
        # Persian-script surfaces take no Arabic proclitic; acronyms are written in capitals
        ("وصل الوزير إلى باكو للمشاركة", "ar", set()),
        ("اجلاس وزیران اکو در تهران", "fa", {"ECO"}),
        ("هجمات مجموعات APT و APT-28 على الشبكات", "ar", set()),
        ("an apt name for the ITU report", "fa", {"ITU"}),
        ("اپلیکیشن را از گوگل‌پلی دانلود کنید", "prs", set()),  # a product, not the company
        # brands that are common words: after an operator head, coordinated, or named in full elsewhere
        (
            "شرکت‌های افغان بیسیم (AWCC)، روشن، سلام و افغان تلیکام ۲۰۰ سایت ساختند",
            "prs",
            {"AWCC", "Roshan", "Salaam", "Afghan Telecom"},
        ),
        ("روشن است که سلام او را پاسخ داد", "prs", set()),
        ("قدمت شركة زين عروضا جديدة", "ar", {"Zain"}),
        ("زين الدين يصل إلى الرياض", "ar", set()),
        ("خفضت شركتا زين وموبايلي أسعار الباقات", "ar", {"Zain", "Mobily"}),  # the dual of شركة
        # open-set names: a head noun with a proper-name part
        ("قرارداد با شرکت مخابرات کوبا (ETECSA) امضا شد", "fa", {"ETECSA"}),
        ("شرکت مخابرات كوبا، اتکسا (ETECSA)، نيز حضور داشت", "fa", {"ETECSA"}),  # Arabic ك, apposition
        ("بالتعاون مع شركة سايتا القبرصية (Cyta)", "ar", {"Cyta"}),
        ("وقّعت شركة الكهرباء الوطنية عقدا بقيمة ٤٥ مليون دينار", "ar", {"شرکه الکهرباء الوطنیه"}),
        ("کمپنی Roshan Telecom قرارداد را امضا کرد", "prs", {"Roshan Telecom"}),
        ("اداره ملی احصائیه در گزارش ۱۴۰۲ گفت", "prs", {"اداره ملی احصاییه"}),
        (
            "قرارداد با شرکت ارمنی یوکام امضا شد",
            "fa",
            {"یوکام"},
        ),  # a transliterated brand (not a Persian word)
        ("کمپنی چینایی زد تی ای", "prs", {"ZTE"}),
        # not names: plurals, common noun phrases, descriptions, participation, «this company»
        ("شرکت سازنده تجهیزات و شرکت فعال در حوزه ۵G", "fa", set()),
        ("این شرکت کاملا بومی است و یک شرکت لیزینگ", "fa", set()),
        ("شرکت‌های دانش‌بنیان و سازمان‌های دولتی", "fa", set()),
        ("شركات الاتصالات وهيئة الأركان", "ar", set()),
        ("الشركة الصينية وشركة صينية أخرى", "ar", set()),
        ("شركة النفط الفرنسية", "ar", set()),
        ("دعت المنظمة لإشراك إيران في المحادثات", "ar", set()),
        ("هيئة الإغاثة بتشاد وهيئة الإذاعة البريطانية لحادثة", "ar", {"هییه الاذاعه البریطانیه"}),
        ("یک شرکت ایرانی برنده شد", "fa", set()),
        ("شرکت ایران در نمایشگاه ۲۰۲۴ قطعی شد", "fa", set()),
        ("با شرکت نمایندگان ایران در اجلاس", "fa", set()),
        ("هوش مصنوعی (AI) و اینترنت اشیا (IoT)", "fa", set()),
    ],
)
def test_find_organizations(text: str, lang: str, expected: set[str]) -> None:
    assert keys(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("برنامه جهانی غذای سازمان ملل کمک ارسال کرد", "fa", {"WFP"}),  # a known body, not the UN
        ("کمیسیون حقوق بشر سازمان ملل گزارش داد", "fa", {"کمیسیون حقوق بشر UN"}),
        ("صندوق جمعیت ملل متحد و سازمان ملل", "fa", {"صندوق جمعیت UN", "UN"}),
        ("دبیرکل سازمان ملل متحد گفت", "fa", {"UN"}),
        ("مفوضية الأمم المتحدة السامية لشؤون اللاجئين", "ar", {"UNHCR"}),
        ("قدم صندوق الأمم المتحدة للسكان دعما", "ar", {"صندوق UN للسکان"}),
        ("مكتب الأمم المتحدة الإقليمي لغرب آسيا", "ar", {"مکتب UN الاقلیمی لغرب اسیا"}),
        ("قرار الأمم المتحدة ٢٢١٦ وليلة الأحد", "ar", {"UN"}),
    ],
)
def test_bodies_inside_the_un(text: str, lang: str, expected: set[str]) -> None:
    assert keys(text, lang) == expected


def test_open_set_name_carries_its_country_and_surface() -> None:
    text = "وقع الجانبان مع شركة توتال الفرنسية اتفاقية"
    (mention,) = find_organizations(text, "ar")
    assert (mention.surface, mention.country, text[mention.start : mention.end]) == (
        "شركة توتال الفرنسية",
        "FRA",
        "شركة توتال الفرنسية",
    )


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # UN organs, EU institutions and alliances, in the three languages (Arabic ي/ك in Persian text)
        ("قطعنامه ۲۲۳۱ شورای امنیت سازمان ملل تصویب شد", "fa", {"UNSC"}),
        ("پرونده به شوراي امنيت ارجاع شد و شورای امنیت ملی تشکیل جلسه داد", "fa", {"UNSC"}),
        ("طالب المندوب مجلس الأمن الدولي بقرار جديد، واجتمع مجلس الأمن الوطني", "ar", {"UNSC"}),
        ("همکاری ايران با آژانس بين‌المللي انرژي اتمي ادامه دارد", "fa", {"IAEA"}),
        ("أكد مدير عام الوكالة الدولية للطاقة الذرية", "ar", {"IAEA"}),
        (
            "ممثلو المفوضية الأوروبية والبنك المركزي الأوروبي وآلية الاستقرار الأوروبية",
            "ar",
            {"European Commission", "ECB", "ESM"},
        ),
        ("وزرای دارایی گروه یورو و کمیسیون اروپا", "fa", {"Eurogroup", "European Commission"}),
        ("کشورهای عضو ناتو و مردم ناتوان", "prs", {"NATO"}),
        # companies and banks known by name
        ("کاربران فیس‌بوک و توییتر افزایش یافتند", "fa", {"Facebook", "Twitter"}),
        ("أعلنت فيسبوك وتويتر عن ميزات", "ar", {"Facebook", "Twitter"}),
        ("واریز به حساب بانک ملت یا بانک رفاه کارگران", "fa", {"Bank Mellat", "Bank Refah"}),
        ("أعلن مصرف الراجحي أرباحه ٢٠٢٣", "ar", {"Al Rajhi Bank"}),
        ("وام عزیزی بانک و کابل بانک", "prs", {"Azizi Bank", "Kabul Bank"}),
        # a brand in quotation marks after a head noun is the company's name
        ("قالت شركة «نوفا ترايب» إنها ستطرح ٣ أجهزة", "ar", {"نوفا ترایب"}),
        ('وشركة الأزياء "مارلو بيتز" أيضا', "ar", {"مارلو بیتز"}),
        ("شرکت «داریکا» اعلام کرد", "fa", {"داریکا"}),
        ("هذه الشركة «الأولى» في السوق", "ar", set()),  # «this company» names none
        ("شركة «التي تعمل في كل مكان ودائما»", "ar", set()),  # a clause, not a name
        # a Persian brand continues with the trade words of company names, and its short form is the same company
        ("نرم‌افزار شرکت ویستا افزار پارس در ۱۲ بیمارستان", "fa", {"ویستا افزار پارس"}),
        ("شرکت ویستا، از شرکت‌های مرکز رشد، و شرکت ویستا افزار پارس", "fa", {"ویستا افزار پارس"}),
        ("شرکت یوکام ارتباطات خود را گسترش داد", "fa", {"یوکام"}),
        (
            "با همکاری شرکت اتوبوسرانی و شرکت قطارسازی",
            "fa",
            set(),
        ),  # two Persian words written together: a trade
    ],
)
def test_known_bodies_quoted_names_and_brand_boundaries(text: str, lang: str, expected: set[str]) -> None:
    assert keys(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("قدمت شركة «نوفا ترايب» عرضها", "ar", "نوفا ترايب"),
        ("وقعت الشركة السعودية للكهرباء عقدا", "ar", "الشركة السعودية للكهرباء"),
        ("شرکت ويستا افزار پارس", "fa", "شرکت ويستا افزار پارس"),
    ],
)
def test_open_set_name_is_written_as_in_the_body(text: str, lang: str, name: str) -> None:
    (mention,) = find_organizations(text, lang)
    assert mention.surface == name
