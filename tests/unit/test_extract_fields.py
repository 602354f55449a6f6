"""Topics, events, quantities and persons on small tables of (input, expected)."""

from __future__ import annotations

import pytest

from khabar.extraction.entities import find_countries, find_organizations
from khabar.extraction.events import find_events
from khabar.extraction.persons import find_persons, officials
from khabar.extraction.quantities import find_quantities
from khabar.extraction.topics import find_topic_hits, score_topics


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("", "fa", set()),
        ("گسترش شبکه فایبر نوری و امنیت سایبری", "prs", {"fiber_optic", "cybersecurity"}),
        ("همکاری در زمینه ترانزیت داده و مراکز داده", "fa", {"data_transit", "data_centers"}),
        (
            "الحكومة الذكية والاقتصاد الرقمي والأمن السيبراني",
            "ar",
            {"digital_government", "digital_economy", "cybersecurity"},
        ),
        ("با انتقاد از تحریم‌های یکجانبه", "fa", {"sanctions"}),  # cue with a suffix
        ("حکومتداری دیجیتلی", "prs", {"digital_government"}),  # Dari synonym
        ("پرسپولیس در لیگ برتر به مصاف استقلال رفت و سه گل زد", "fa", set()),  # sports: no ICT topic
        ("اینترنت", "fa", set()),  # one weak cue is not enough
    ],
)
def test_topics(text: str, lang: str, expected: set[str]) -> None:
    assert {t.key for t in score_topics(find_topic_hits(text, lang))} == expected


def test_topic_scores_grow_with_evidence() -> None:
    scores = {
        t.key: t.score for t in score_topics(find_topic_hits("امنیت سایبری، امنیت سایبری و فیبر نوری", "fa"))
    }
    assert scores["cybersecurity"] > scores["fiber_optic"] > 0
    assert all(0 < s < 1 for s in scores.values())


@pytest.mark.parametrize(
    ("text", "lang", "home", "expected"),
    [
        ("وزیر ارتباطات ایران با وزیر عمان دیدار کرد.", "fa", "IRN", {("meeting", ("IRN", "OMN"))}),
        ("دو طرف تفاهم نامه همکاری در حوزه پست امضا کردند.", "fa", "IRN", set()),  # no party named anywhere
        (
            "وزیر ارمنستان به تهران آمد. دو طرف تفاهم نامه همکاری امضا کردند.",
            "fa",
            "IRN",
            {("visit", ("ARM", "IRN")), ("mou", ("ARM", "IRN"))},
        ),
        (
            "در این دیدار که در ورزشگاه آزادی برگزار شد، تیم میزبان برد.",
            "fa",
            "IRN",
            set(),
        ),  # a football match
        (
            "وزیر از همتای قرقیزستانی خود برای سفر به تهران دعوت کرد.",
            "fa",
            "IRN",
            {("invitation", ("IRN", "KGZ"))},
        ),  # an invitation to visit
        (
            "وزیر با همتایان کنیایی و الجزایری دیدار کرد.",
            "fa",
            "IRN",
            {("meeting", ("DZA", "IRN", "KEN"))},
        ),  # one meeting with both counterparts
        (
            "وزیر در دیدارهای جداگانه با همتایان کنیایی و الجزایری گفت‌وگو کرد.",
            "fa",
            "IRN",
            {("meeting", ("DZA", "IRN")), ("meeting", ("IRN", "KEN"))},
        ),  # separate
        (
            "التقى وزير الخارجية الإيراني في لقاءات منفصلة نظيريه الكيني والجزائري.",
            "ar",
            "IRN",
            {("meeting", ("DZA", "IRN")), ("meeting", ("IRN", "KEN"))},
        ),  # separate
        (
            "التقى وزير الخارجية الإيراني نظيره الكيني وبحثا الأوضاع في الجزائر وليبيا وتونس.",
            "ar",
            "IRN",
            {("meeting", ("IRN", "KEN"))},
        ),  # countries talked about
        (
            "وقعت الشركة مذكرة تفاهم مع روسيا إلى جانب الصين والهند والبرازيل.",
            "ar",
            "IRN",
            set(),
        ),  # a list beside a side: no sure party set
        ("بعد اتفاق فيينا ستفوز إيران.", "ar", "SAU", set()),  # a deal named by its city, not concluded here
        (
            "التقى وزير الخارجية الأمريكي نظيره الروسي في اجتماع بالعاصمة الماليزية.",
            "ar",
            None,
            {("meeting", ("RUS", "USA"))},
        ),  # the venue is no side
        (
            "بدأ وزير الخارجية الأمريكي جولته أمس، وأجرى محادثات في مصر.",
            "ar",
            None,
            set(),
        ),  # talks in a country name no counterpart
        (
            "وزیر خارجه ترکیه پس از مذاکراتی در آنکارا درباره شمال عراق سخن گفت.",
            "fa",
            None,
            set(),
        ),  # talks at home, Iraq a subject
        (
            "نفى رئيس الوزراء الإسرائيلي أنه رفض لقاء الرئيس الأميركي، وقال إنه مستعد للقاء الرئيس الأميركي.",
            "ar",
            None,
            set(),
        ),  # refused, ready to meet
        (
            "وزیر خارجه ایران در گفت‌وگو با روزنامه اماراتی الخلیج گفت ...",
            "fa",
            "IRN",
            set(),
        ),  # an interview with the media
        (
            "قال وزير الخارجية القطري في لقاء مع قناة روسية إن بلاده تدعم الحل السياسي.",
            "ar",
            None,
            set(),
        ),  # an interview
        (
            "سخنگوی گروه در مکالمه تلفنی با شبکه خبری الجزیره گفت که با آمریکا مذاکره نمی‌کنند.",
            "fa",
            "IRN",
            set(),
        ),
        (
            "وأوضح وزير الخارجية، في مؤتمر صحفي عقده أمس في الرياض، أن المحادثات بين الوفد الروسي والوفد الأمريكي كانت بناءة.",
            "ar",
            "SAU",
            {("meeting", ("RUS", "USA"))},
        ),  # the speaker is no side
        (
            "التقى معالي وزير الاتصالات وتقنية المعلومات اليوم وزير الاتصالات المصري.",
            "ar",
            "SAU",
            {("meeting", ("EGY", "SAU"))},
        ),  # the cue's subject
        (
            "وقال المندوب الأمريكي: وزعنا مسودة قرار عن اتفاق فيينا على أعضاء مجلس الأمن.",
            "ar",
            None,
            set(),
        ),  # the deal's name
        (
            "لقاء سعودي أمريكي روسي في الدوحة",
            "ar",
            None,
            set(),
        ),  # three demonyms in a row, not worded as trilateral
        (
            "التقى وزير الخارجية الروسي الرئيس السابق للائتلاف الوطني السوري المعارض.",
            "ar",
            None,
            set(),
        ),  # an opposition body is no state
        ("وزیر خارجه ایران با دبیرکل حزب الله لبنان دیدار کرد.", "fa", "IRN", set()),  # a party's leader
        (
            "استقبل أمير دولة قطر، في قصره مساء أمس، معالي وزير الخارجية الأستاذ عادل بن أحمد الجبير.",
            "ar",
            "SAU",
            {("meeting", ("QAT", "SAU"))},
        ),  # the guest
        (
            "جاء ذلك على هامش زيارة الوزير الهندي إلى الدولة.",
            "ar",
            "ARE",
            {("visit", ("ARE", "IND"))},
        ),  # WAM's «الدولة»
        (
            "كما عقد الوزير الأمريكي اجتماعا ثلاثيا مع وزير الخارجية الروسي سيرغي لافروف ووزير الخارجية عادل الجبير.",
            "ar",
            "SAU",
            {("meeting", ("RUS", "SAU", "USA"))},
        ),  # the outlet's minister, next in the list
        (
            "يعقد في الدوحة اجتماع ثلاثي سعودي - أميركي - روسي خلال زيارة وزير الخارجية عادل الجبير ووزير الخارجية الروسي إلى قطر.",
            "ar",
            "SAU",
            {("meeting", ("RUS", "SAU", "USA"))},
        ),  # a visit is not trilateral
        ("وذكر أن موسكو والرياض اتفقتا على ضرورة توحيد الجهود.", "ar", None, set()),  # a shared view
        ("كاتفاقية أمريكا واليابان بعد الحرب العالمية.", "ar", None, set()),  # a comparison
        ("مشایی: هیچ‌گونه مذاکره‌ای با چین صورت نگرفته است.", "fa", "IRN", set()),  # negated
        (
            "مشایی: هیچ‌گونه مذاکره‌ای با چین صورت نگرفته ولی امکان تحقق این امر به چین اطلاع داده شده است.",
            "fa",
            "IRN",
            set(),
        ),  # «هیچ‌گونه» before the cue
        ("ونفت السلطات التونسية وجود أي اتفاق مع الجانب الأميركي.", "ar", None, set()),  # denied
        (
            "قرارداد نفت ایران و عراق امضا شد.",
            "fa",
            "IRN",
            {("agreement", ("IRN", "IRQ"))},
        ),  # «نفت» is oil, not a denial
        (
            "هناك مفاوضات في القاهرة بين قيادات حزب المؤتمر الشعبي ودبلوماسيين.",
            "ar",
            None,
            set(),
        ),  # a party's name
        (
            "وقال كيري غداة لقاء مع لافروف في ماليزيا إنه متفائل.",
            "ar",
            None,
            set(),
        ),  # a counterpart of unknown country: the venue is no host
        (
            "وصل وزير الخارجية الأمريكي إلى الدوحة للقاء وزراء خارجية دول مجلس التعاون.",
            "ar",
            None,
            set(),
        ),  # a group's members, unnamed
        (
            "التقى وزير الخارجية الفرنسي نظيره الإيراني. وقال إن البلدين سيستأنفان العلاقات بعد توقيع هذا الاتفاق.",
            "ar",
            None,
            {("meeting", ("FRA", "IRN"))},
        ),  # a landmark
        (
            "وزیر ارتباطات با وزیر فناوری عمان دیدار کرد. پس از امضای این تفاهم‌نامه دو طرف گفتند.",
            "fa",
            "IRN",
            {("meeting", ("IRN", "OMN"))},
        ),
        (
            "وزیر ارتباطات با وزیر فناوری عمان دیدار کرد. در این دیدار تفاهم‌نامه همکاری امضا شد.",
            "fa",
            "IRN",
            {("meeting", ("IRN", "OMN")), ("mou", ("IRN", "OMN"))},
        ),
        # the world session the minister went to attend is covered too (the dev set's convention for conferences)
        (
            "وزیر ارتباطات که برای شرکت در نشست جهانی به ژنو رفته است، روز شنبه با وزیر مخابرات قطر دیدار کرد.",
            "fa",
            "IRN",
            {("meeting", ("IRN", "QAT")), ("conference", ("IRN", "QAT"))},
        ),
        (
            "ووصل الوفد العراقي إلى عمان حيث التقى وزير الخارجية الأردني نظيره العراقي.",
            "ar",
            None,
            {("visit", ("IRQ", "JOR")), ("meeting", ("IRQ", "JOR"))},
        ),  # Amman, not Oman
        (
            "نشست سه جانبه ایران، روسیه و ترکیه برگزار شد.",
            "fa",
            "IRN",
            {("meeting", ("IRN", "RUS", "TUR"))},
        ),  # explicitly trilateral
        (
            "وزیر با وزیر عمان دیدار کرد. در ادامه این نشست تفاهم نامه امضا شد.",
            "fa",
            "IRN",
            {("meeting", ("IRN", "OMN")), ("mou", ("IRN", "OMN"))},
        ),  # carried over
        (
            "مقرر شد کارگروه مشترکی میان قزاق تلکام و اپراتورهای ایرانی تشکیل شود.",
            "fa",
            "IRN",
            {("working_group", ("IRN", "KAZ"))},
        ),
        ("التقى الوزير نظيره الكيني.", "ar", "IRN", {("meeting", ("IRN", "KEN"))}),
        ("هوا آفتابی است.", "fa", "IRN", set()),
        # a conference only where it is held, hosted or attended, not named in passing
        (
            "وزیر ارتباطات ایران در اجلاس وزیران کشورهای عضو با حضور همتای ترکمنستانی سخنرانی کرد.",
            "fa",
            "IRN",
            {("conference", ("IRN", "TKM"))},
        ),
        (
            "شارك وزير الاتصالات السعودي في القمة العالمية لمجتمع المعلومات مع نظيره الصيني.",
            "ar",
            "SAU",
            {("conference", ("CHN", "SAU"))},
        ),
        ("وقال وزير الخارجية الأمريكي قبل القمة إن نظيره السعودي مستعد لتهدئة المخاوف.", "ar", "SAU", set()),
        (
            "قال المحلل إن رفض وزير الخارجية الروسي فكرة الحل في مؤتمر الدوحة مع نظيره الأمريكي يعقد المهمة.",
            "ar",
            None,
            set(),
        ),
        # who attended an engagement already reported adds no new sides
        ("حضر الاجتماع سفير المملكة لدى اليمن ووكيل وزارة الخارجية الكويتي.", "ar", "SAU", set()),
        # a stance on a country, a topic, chances: no party, no engagement
        (
            "التقى وزير الخارجية السعودي نظيره المصري وتناول اللقاء موضوع العراق.",
            "ar",
            "SAU",
            {("meeting", ("EGY", "SAU"))},
        ),
        ("أعرب رئيس المفوضية عن ثقته في فرص توصل اليونان إلى اتفاق مع ألمانيا.", "ar", None, set()),
        # the Persian signing verb closes its clause, however long the memorandum's object
        (
            "دو طرف موافقه کردند که تفاهمنامه همکاری در بخش ترانزیت انترنت و آموزش کادرهای فنی و انجنیران مخابرات در سفر بعدی هیئت افغانی به تاشکند امضا شود.",
            "prs",
            "AFG",
            {("mou", ("AFG", "UZB")), ("visit", ("AFG", "UZB"))},
        ),
        # a visit worded by a verb of arrival, made by an official or a delegation
        (
            "وزیر ارتباطات عراق که دیروز به تهران آمده، گفت همکاری ادامه دارد.",
            "fa",
            "IRN",
            {("visit", ("IRN", "IRQ"))},
        ),
        ("وصل وزير الخارجية الأردني إلى الرياض أمس.", "ar", "SAU", {("visit", ("JOR", "SAU"))}),
        ("مداح معروف برای مراسم به سوریه آمده بود.", "fa", "IRN", set()),
        ("خففت لندن تحذيراتها للرعايا البريطانيين الذين يريدون السفر إلى إيران.", "ar", None, set()),
        # an invitation by the person just named, as a pronoun; a pronoun opening a statement refers to no engagement
        (
            "معاون وزیر ارتباطات با وزیر ارتباطات بلاروس دیدار کرد. او از معاون وزیر برای شرکت در همایش فناوری در مینسک دعوت کرد.",
            "fa",
            "IRN",
            {("meeting", ("BLR", "IRN")), ("invitation", ("BLR", "IRN"))},
        ),
        (
            "معاون وزیر ارتباطات با وزیر ارتباطات بلاروس دیدار کرد. وی افزود: سفر هیئت تجاری به مینسک مفید بود.",
            "fa",
            "IRN",
            {("meeting", ("BLR", "IRN"))},
        ),
        # conditions and concessions report no engagement; tribal leaders are no state's side
        (
            "قال وزير الطاقة الروسي إنه في حال توقيع اتفاقية بين طهران وموسكو سيتم تسليم الوقود.",
            "ar",
            None,
            set(),
        ),
        (
            "به رغم ادامه مذاکرات بین طرف‌های آمریکایی و کره شمالی، اندیشکده گزارشی منتشر کرد.",
            "fa",
            "IRN",
            set(),
        ),
        ("التقى رئيس الوزراء الياباني أحد زعماء قبائل العراق في طوكيو.", "ar", None, set()),
        # a time landmark, a fixture, a cooperation document (an agreement, not a memorandum)
        (
            "وتوجه نائب المستشارة الألمانية إلى إيران ليصبح أول مسؤول غربي يزور إيران منذ إبرام الاتفاق.",
            "ar",
            None,
            {("visit", ("DEU", "IRN"))},
        ),
        ("حوادث جمعه‌شب در هنگام دیدار فرانسه - آلمان روی تیم تاثیر گذاشت.", "fa", "IRN", set()),
        (
            "رئیس‌جمهور ونزوئلا از امضای چند سند همکاری میان تهران و کاراکاس خبر داد.",
            "fa",
            "IRN",
            {("agreement", ("IRN", "VEN"))},
        ),
        # «هذه الاتفاقية» refers back to an agreement the last sentence reported, not to a meeting
        (
            "التقى وزير الخارجية السعودي نظيره المصري في جدة. وأشار إلى ضرورة أن تستفيد إيران من توقيع هذه الاتفاقية.",
            "ar",
            None,
            {("meeting", ("EGY", "SAU"))},
        ),
        (
            "وزیر ارتباطات با وزیر فناوری عمان تفاهم‌نامه همکاری امضا کرد. بر اساس این تفاهم‌نامه دو کشور کارگروه مشترک تشکیل می‌دهند.",
            "fa",
            "IRN",
            {("mou", ("IRN", "OMN")), ("working_group", ("IRN", "OMN"))},
        ),
        # an international official is a side next to the cue, not as a speaker further along
        (
            "وتعقيبا على تصريحات السفير الليبي، قال الناطق الرسمي باسم الأمين العام للأمم المتحدة إن هذه المحادثات مستمرة.",
            "ar",
            None,
            set(),
        ),
        (
            "رئیس اداره تنظیم خدمات مخابراتی در دیدار با جان اسمیت، دبیرکل اتحادیه بین‌المللی مخابرات، گفت که همکاری ادامه دارد.",
            "prs",
            "AFG",
            {("meeting", ("AFG",))},
        ),
        # Arabic puts the subjects between the verb and the view they share; possibilities, proposals, forecasts
        ("واتفق وزير الخارجية السوري ونظيره العماني على أن الوقت حان لتضافر الجهود.", "ar", None, set()),
        ("وشدد الرئيس على الحل السياسي، حيث اتفق الجانبان المصري واليمني على ذلك.", "ar", None, set()),
        (
            "واتفق وزير الخارجية السوري ونظيره العماني على توقيع اتفاقية للنقل.",
            "ar",
            None,
            {("agreement", ("OMN", "SYR"))},
        ),
        ("تحدثت الصحيفة عن إمكان عقد لقاء بين وزيري خارجية سوريا وإيران في مسقط.", "ar", None, set()),
        ("وقال الجبير إنه ستكون هناك اتفاقيات مع روسيا في المجال العسكري.", "ar", "SAU", set()),
        ("وأبدى المسؤولون الإسرائيليون استعدادهم للبدء بمحادثات مع ألمانيا.", "ar", None, set()),
        # a session of a multilateral body attended abroad by an official names one side; a joint session is a meeting
        (
            "معاون وزیر ارتباطات که برای شرکت در نشست کمیسیون منطقه‌ای به بانکوک سفر کرده است، گفت همکاری ادامه دارد.",
            "fa",
            "IRN",
            {("conference", ("IRN", "THA")), ("visit", ("IRN", "THA"))},
        ),  # the host with the guest
        (
            "رئیس سازمان فضایی که برای شرکت در نشست مشترک به مسکو سفر کرده است، گفت همکاری ادامه دارد.",
            "fa",
            "IRN",
            {("meeting", ("IRN", "RUS")), ("visit", ("IRN", "RUS"))},
        ),
        (
            "این گروه‌ها برای شرکت در کنفرانس ژنو ثبت‌نام کرده بودند و سخنرانی رئیس‌جمهور ایران را مختل کردند.",
            "fa",
            "IRN",
            set(),
        ),
        # a plural title names the sides whose officials it covers; a venue stays a venue
        (
            "وزیران ارتباطات ایران و ارمنستان روز دوشنبه در ایروان تفاهم‌نامه امضا کردند.",
            "fa",
            "IRN",
            {("mou", ("ARM", "IRN"))},
        ),
        (
            "وزیر خارجه اوکراین دیدارهای جداگانه‌ای با وزیران خارجه روسیه و آمریکا داشت.",
            "fa",
            "IRN",
            {("meeting", ("RUS", "UKR")), ("meeting", ("UKR", "USA"))},
        ),
        ("وكان الوزيران التقيا في قطر خلال اجتماع ثلاثي مع نظيرهما الأمريكي.", "ar", None, set()),
        # the Persian verb of agreeing in any tense
        (
            "معین وزارت مخابرات با سفیر ازبکستان دیدار کرد. دو طرف توافق کرده‌اند که ظرفیت ترانزیت افزایش یابد.",
            "prs",
            "AFG",
            {("meeting", ("AFG", "UZB")), ("agreement", ("AFG", "UZB"))},
        ),
        # Arabic verb-first «بحث X مع Y», a visit with a pronoun suffix, working groups and memoranda of cooperation
        (
            "وخلال زيارته إلى الأردن، بحث وزير الاتصالات المصري مع نظيره الأردني التعاون الرقمي.",
            "ar",
            None,
            {("meeting", ("EGY", "JOR")), ("visit", ("EGY", "JOR"))},
        ),
        ("وبحث مجلس الوزراء المصري تطورات الأوضاع في الأردن.", "ar", None, set()),
        (
            "واتفق وزير الاتصالات المصري ونظيره الأردني على تشكيل مجموعة عمل مشتركة لمتابعة الربط.",
            "ar",
            None,
            {("agreement", ("EGY", "JOR")), ("working_group", ("EGY", "JOR"))},
        ),
        (
            "دو طرف توافق کردند یک کمیته تخنیکی مشترک میان افغانستان و ازبکستان ایجاد شود.",
            "prs",
            "AFG",
            {("agreement", ("AFG", "UZB")), ("working_group", ("AFG", "UZB"))},
        ),
        (
            "ووقع وزير الاتصالات المصري ونظيره الأردني مذكرة تعاون في مجال الأمن السيبراني.",
            "ar",
            None,
            {("mou", ("EGY", "JOR"))},
        ),
        # agreed in person with a counterpart during a visit: they met; an Arabic working session is a meeting
        (
            "معاون وزیر ارتباطات در سفر به کابل با وزیر مخابرات افغانستان درباره رومینگ به توافق رسید.",
            "fa",
            "IRN",
            {("visit", ("AFG", "IRN")), ("agreement", ("AFG", "IRN")), ("meeting", ("AFG", "IRN"))},
        ),
        (
            "عقد وزير الاتصالات المغربي ونظيره الموريتاني جلسة عمل في الرباط.",
            "ar",
            None,
            {("meeting", ("MAR", "MRT"))},
        ),
        # a Persian verb-final sentence: the international official who opens it invites; what the guest is invited to is no event
        (
            "دبیرکل اتحادیه بین‌المللی مخابرات در نامه‌ای به وزیر ارتباطات ایران، از وی برای حضور در اجلاس جهانی دعوت کرد.",
            "fa",
            "IRN",
            {("invitation", ("IRN",))},
        ),
        # the reporter's own interview; a movement or opposition named by its country is not the state
        ("با نماینده صندوق جمعیت ملل متحد در ایران به گفت‌وگو نشستیم.", "fa", "IRN", set()),
        ("دبیر کل سازمان ملل متحد امروز با رهبر مخالفان اوکراین دیدار کرد.", "fa", "IRN", set()),
        ("وقال إن موسكو ستجري محادثات مع ممثلي المعارضة السورية.", "ar", None, set()),
        # «على أن» and an action to take is a deal on substance; «اتفق الوزراء» continues a trilateral meeting, «الوزراء الأوروبيون» names another group
        (
            "التقى وزير الاقتصاد الرقمي الأردني وزير الاتصالات العراقي. كما اتفق الطرفان على أن تتولى شركة البريد الأردني إطلاق خدمة طرود.",
            "ar",
            None,
            {("meeting", ("IRQ", "JOR")), ("agreement", ("IRQ", "JOR"))},
        ),
        (
            "عقد وزير الاتصالات العماني اجتماعا ثلاثيا في مسقط مع نظيريه من المملكة العربية السعودية ودولة الكويت. واتفق الوزراء على تشكيل لجنة فنية مشتركة تضم ممثلين عن شركة عمانتل وشركة الاتصالات السعودية وشركة زين الكويت.",
            "ar",
            None,
            {
                ("meeting", ("KWT", "OMN", "SAU")),
                ("agreement", ("KWT", "OMN", "SAU")),
                ("working_group", ("KWT", "OMN", "SAU")),
            },
        ),
        (
            "التقى وزير الخارجية الألماني نظيره الإيراني. واتفق الوزراء الأوروبيون قبيل اجتماعهم في بروكسل على أن الاتفاق مهم.",
            "ar",
            None,
            {("meeting", ("DEU", "IRN"))},
        ),
        # talks crowned with an agreement on substance: the talks' sides are its parties
        (
            "عقدت في الرباط جلسة مباحثات بين الرئيسين التونسي والمغربي، توجت باتفاق على ربط الشبكتين.",
            "ar",
            None,
            {("meeting", ("MAR", "TUN")), ("agreement", ("MAR", "TUN"))},
        ),
    ],
)
def test_events(text: str, lang: str, home: str, expected: set[tuple[str, tuple[str, ...]]]) -> None:
    countries = find_countries(text, lang)
    organizations = find_organizations(text, lang)
    events = find_events(
        text, lang, countries, [], officials(text, countries, organizations, home), organizations, home=home
    )
    assert {(e.event_type, e.countries) for e in events} == expected
    for event in events:
        assert text[event.start : event.end] == event.evidence


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("", "fa", []),
        ("۹۴ ٪ خدمات این کشور", "prs", [(94.0, "percent")]),
        ("زيادة حصة الاقتصاد الرقمي إلى 10% من الناتج", "ar", [(10.0, "percent")]),
        ("أكثر من 2400 موقع للجيل الخامس", "ar", [(2400.0, "count")]),
        ("با ۱۵ کشور همسایه", "fa", [(15.0, "count")]),
        ("۳ میلیون مشترک", "fa", [(3_000_000.0, "people")]),  # subscribers are people
        ("در سال ۱۴۰۲ و ساعت ۱۰", "fa", []),  # years and times are not quantities
        ("۱۵ آذر ۱۳۹۸", "fa", []),  # a date
        ("با ظرفیت ۱۰ ترابیت بر ثانیه", "fa", [(10.0, "tbps")]),
        ("سرمایه گذاری ۵۰۰ میلیون دلار در مراکز داده", "fa", [(500_000_000.0, "usd")]),
        ("استثمارات بقيمة 2 مليار دولار", "ar", [(2_000_000_000.0, "usd")]),
        (
            "۲۰ میلیون کاربر و ۸۲٬۳۵۰ تومان",
            "fa",
            [(20_000_000.0, "people"), (82_350.0, "irt")],
        ),  # a scale word; ٬
        ("کابلی به طول ۱۵۰۰ کیلومتر طی ۶ ماه", "prs", [(1500.0, "km"), (6.0, "month")]),  # not a year; a span
        (
            "خلال ثلاثة أشهر بسرعة ١٠ جيجابت",
            "ar",
            [(3.0, "month"), (10.0, "gbps")],
        ),  # number words, Arabic-Indic
        ("ضمن رؤية 2030 وشبكات 5G والدورة الـ28", "ar", []),  # a strategy, a name, an ordinal
    ],
)
def test_quantities(text: str, lang: str, expected: list[tuple[float, str]]) -> None:
    assert [(q.value, q.unit) for q in find_quantities(text, lang)] == expected


@pytest.mark.parametrize(
    ("text", "lang", "home", "expected"),
    [
        (
            "«عیسی زارعپور» وزیر ارتباطات و فناوری اطلاعات در مسقط با «سعیدبن حمود المعولی» وزیر ارتباطات و حمل نقل عمان دیدار کرد.",
            "fa", "IRN",
            [("عیسی زارعپور", "وزیر ارتباطات و فناوری اطلاعات", "IRN"), ("سعیدبن حمود المعولی", "وزیر ارتباطات و حمل نقل عمان", "OMN")],
        ),
        (
            "في اجتماع هاشمي مع السيد علي زروقي، وزير البريد والاتصالات في الجمهورية الجزائرية الديمقراطية الشعبية، ناقش الجانبان",
            "ar", "IRN",
            [("علي زروقي", "وزير البريد والاتصالات في الجمهورية الجزائرية", "DZA")],
        ),
        (
            "با هولین ژائو، دبیر کل ITU دیدار کرد",
            "fa", "IRN",
            [("هولین ژائو", "دبیر کل ITU", None)],  # an official of an international body
        ),
        ("به گزارش تجهیزات جانبی، وزیر ارتباطات گفت", "fa", "IRN", []),  # an outlet is not a person
    ],
)  # fmt: skip
def test_persons(text: str, lang: str, home: str, expected: list[tuple[str, str, str | None]]) -> None:
    countries = find_countries(text, lang)
    persons = find_persons(text, countries, find_organizations(text, lang), home)
    assert [(p.name, p.role, p.country) for p in persons] == expected


def test_spelling_variants_of_one_person_are_merged() -> None:
    text = (
        "محترم ژومان گارین ساریک ما کاشویچ معاون نخست وزیر قزاقستان گفت. "
        "سپس محترم ژومان گارین سریک ماکاشویچ معاون نخست وزیر قزاقستان افزود."
    )
    persons = find_persons(text, find_countries(text, "prs"), [], "AFG")
    assert len(persons) == 1
    assert persons[0].country == "KAZ"
    assert len(persons[0].spans) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "بحث وزير الاتصالات والتقانة إياد الخطيب مع السفير الروسي بدمشق ألكسندر يفيموف آفاق التعاون.",
            ["إياد الخطيب", "ألكسندر يفيموف"],
        ),
        (
            "استقبل وزير البريد والمواصلات السلكية واللاسلكية، كريم بيبي تريكي، سفير كوريا.",
            ["كريم بيبي تريكي"],
        ),
        ("ووقع المذكرة معالي عمر سلطان العلماء، وزير دولة للذكاء الاصطناعي.", ["عمر سلطان العلماء"]),
        ("أوضح وزير الاتصالات في بلادنا أولويات إيران.", []),
    ],
)
def test_arabic_title_then_name(text: str, expected: list[str]) -> None:
    persons = find_persons(text, find_countries(text, "ar"), [], None, "ar")
    assert [p.name for p in persons] == expected


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        (("بحثا", "الازمه", "السوریه"), "about"),  # «الأزمة»: the article before a listed word
        (("وبحثا", "والاوضاع", "فی"), "about"),  # a proclitic and the article
        (("بحثا", "ازمه", "سوریه"), "about"),
        (("على", "هامش", "القمه"), "convene"),
    ],
)
def test_event_context_words_match_with_the_arabic_article(words: tuple[str, ...], kind: str) -> None:
    from khabar.extraction.events import _context

    assert 1 in _context().index(words, "ar").get(kind, {})


def test_sports_reporting_gets_no_topic_or_event() -> None:
    from khabar.extraction.extract import extract_text

    text = "پیروزی تیم ملی\nتیم ملی فوتبال ایران در دیدار مقدماتی جام جهانی با دو گل قطر را شکست داد.\nسرمربی تیم گفت بازیکنان تحریم‌ها را فراموش کردند."
    record = extract_text(text, "sport.txt").to_record()
    assert (record["topics"], record["events"]) == ([], [])
    assert {c["code"] for c in record["countries"]} == {"IRN", "QAT"}
