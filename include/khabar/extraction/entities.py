"""Named entities from gazetteers: countries, organisations and the reporting agency.

All matching runs on the folded normalised body (see :mod:`khabar.text.normalize`),
so every offset indexes the normalised ``body`` of the article.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from khabar.extraction.article_text import ArticleText, as_article_text
from khabar.extraction.gazetteer import PhraseMatcher, attribution_cues, read_tsv, word_list
from khabar.extraction.topics import MIN_SPORTS_CUES, find_topic_hits, is_sports, sports_matcher
from khabar.text import fast_hazm
from khabar.text.normalize import fold

#: Country surfaces joined to another place by one of these count even when ambiguous.
_COORDINATION = re.compile(r"^\s*(و|-|–|—|،|,|/)\s*$")
#: Travel context before an ambiguous place: «به X سفر», «سفر به X», «وارد X».
_TRAVEL_BEFORE = re.compile(r"(سفر\s+به|وارد|عازم|الی|الى|الی\s+مدینه)\s*$")
_TRAVEL_AFTER = re.compile(r"^\s*(سفر|رفت|رسید|عزیمت)")
#: «... که در آستانه برگزار شد»: a place where something was held.
_HELD_AFTER = re.compile(r"^\s*(برگزار|تشکیل شد)")
_KIND_ORDER = {"none": 0, "context": 1}


def _entry_for(values: tuple[CountryEntry, ...], lang: str) -> CountryEntry:
    """The reading of a surface for a text in ``lang``: rows of that language first; among
    them «none» (not a country) before «context» (needs context) before the rest."""
    own = [v for v in values if v.lang == lang] or list(values)
    return min(own, key=lambda v: _KIND_ORDER.get(v.kind, 2))


@dataclass(frozen=True, slots=True)
class CountryEntry:
    iso3: str
    kind: str  # name | variant | demonym | capital | context | none
    lang: str


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One entity occurrence in the body (offsets into the normalised body)."""

    kind: str  # country | place | organization | agency
    key: str
    surface: str
    start: int
    end: int
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Agency:
    key: str
    name: str
    country: str | None = None


@functools.cache
def country_matcher() -> PhraseMatcher[CountryEntry]:
    rows = read_tsv("countries_cldr.tsv") + read_tsv("countries_curated.tsv")
    return PhraseMatcher((r["surface"], CountryEntry(r["iso3"], r["kind"], r["lang"])) for r in rows)


@functools.cache
def country_names() -> dict[str, dict[str, str]]:
    """ISO3 -> {lang: CLDR name}."""
    names: dict[str, dict[str, str]] = {}
    for row in read_tsv("countries_cldr.tsv"):
        if row["kind"] == "name":
            names.setdefault(row["iso3"], {})[row["lang"]] = row["surface"]
    return names


@functools.cache
def known_iso3() -> frozenset[str]:
    return frozenset(
        r["iso3"]
        for r in read_tsv("countries_cldr.tsv") + read_tsv("countries_curated.tsv")
        if r["kind"] != "none"
    )


def country_name(iso3: str, lang: str) -> str:
    names = country_names().get(iso3, {})
    return names.get(lang) or names.get("fa") or iso3


@functools.cache
def _club_heads(domain: str) -> frozenset[str]:
    """Nouns that open a club's (domain ``clubhead``) or a team's (``teamhead``) name
    (``domain_cues.tsv``), folded."""
    return frozenset(fold(r["surface"]) for r in read_tsv("domain_cues.tsv") if r["domain"] == domain)


def _sports_copy(text: ArticleText, lang: str) -> bool:
    """The text is sports reporting (:func:`khabar.extraction.topics.is_sports`); the topic pass only runs
    when there are sports cues enough."""
    if len(sports_matcher().find(text.folded, clitics=lang == "ar")) < MIN_SPORTS_CUES:
        return False
    return is_sports(text, lang, find_topic_hits(text, lang))


#: The word after a country that makes it part of a club's name: an Arabic definite nisba
#: of a city or a quality («المغرب الفاسي», «… الرياضي»), folded (ي -> ی).
_CLUB_NISBA = re.compile(r"\s+ال\w{2,}ی(?!\w)")
#: Words between a club head and a country that end a club's name (prepositions of a match).
_CLUB_BREAK = frozenset(fold(w) for w in word_list("domain_cues.tsv", "clubbreak", column="domain"))


def _in_club_name(folded: str, start: int, end: int, lang: str) -> bool:
    """A country word inside a club's or team's name: after a club head with at most two name
    words between («نادي الاتفاق السعودي», «باشگاه … ایران»), or an Arabic country name
    followed by a nisba that is no country's («المغرب الفاسي»)."""
    before = re.findall(r"\w+|[^\w\s]", folded[max(0, start - 60) : start])[-3:]
    clubs, teams = _club_heads("clubhead"), _club_heads("teamhead")
    for n, word in enumerate(reversed(before)):
        if not word[0].isalpha() or word in _CLUB_BREAK:
            break  # «… مقابل ایران», «فريق ضد المغرب»: the opponent, not the name
        bare = word[1:] if lang == "ar" and word[:1] in "وفبل" else word
        if word in clubs or bare in clubs:
            return True  # «نادي الاتفاق السعودي», «باشگاه آلمانی»
        if (
            word in teams or bare in teams
        ):  # «فريق سباهان الإيراني»; «تیم(های) ایران», «تیم ملی ایران» are the country's
            return any(w not in ("ها", "های") for w in before[len(before) - n :])
    nisba = _CLUB_NISBA.match(folded, end) if lang == "ar" else None
    return bool(nisba) and not country_matcher().find(nisba.group(0).strip(), clitics=True)


def find_countries(text: ArticleText | str, lang: str, sports: bool | None = None) -> list[EntityMention]:
    """Countries named, qualified (demonyms) or stood for by their capitals.

    Ambiguous surfaces (آستانه «threshold», کابل «cable», مالی «financial») count only
    when coordinated with another place (کابل و آستانه) or after a travel verb. In sports
    copy (``sports``; detected when None) a country word inside a club's or team's name is
    no country («نادي الاتفاق السعودي», «المغرب الفاسي»).

    >>> sorted({m.key for m in find_countries("روابط میان کابل و آستانه", "prs")})
    ['AFG', 'KAZ']
    >>> find_countries("کابل‌های دریایی و در آستانه سفر", "fa")
    []
    """
    text = as_article_text(text, lang)
    body, folded = text.body, text.folded
    matches = country_matcher().find(folded, clitics=lang == "ar")
    mentions: list[EntityMention] = []
    if sports is None and matches:
        sports = _sports_copy(text, lang)
    for i, match in enumerate(matches):
        entry = _entry_for(match.values, lang)
        if entry.kind == "none":
            continue
        if sports and _in_club_name(folded, match.start, match.end, lang):
            continue
        if entry.kind == "context":
            before = folded[max(0, match.start - 12) : match.start]
            after = folded[match.end : match.end + 10]
            prev_gap = folded[matches[i - 1].end : match.start] if i > 0 else None
            next_gap = folded[match.end : matches[i + 1].start] if i + 1 < len(matches) else None
            coordinated = any(g is not None and _COORDINATION.match(g) for g in (prev_gap, next_gap))
            wider = folded[max(0, match.start - 30) : match.start]
            travel = _TRAVEL_BEFORE.search(before) or (
                before.endswith("به ") and (_TRAVEL_AFTER.match(after) or "سفر" in wider)
            )
            held = before.endswith("در ") and _HELD_AFTER.match(after)
            if not (coordinated or travel or held):
                continue
        kind = "place" if entry.kind in ("capital", "context") else "country"
        mentions.append(
            EntityMention(kind, entry.iso3, body[match.start : match.end], match.start, match.end, entry.iso3)
        )
    return _read_homographs(mentions, lang)


@functools.cache
def _homographs() -> dict[tuple[str, str], dict[str, str]]:
    return {(fold(r["surface"]), r["lang"]): r for r in read_tsv("country_homographs.tsv")}


def _read_homographs(mentions: list[EntityMention], lang: str) -> list[EntityMention]:
    """«عمان» is Amman in an article about Jordan that names Oman in no other form
    (``data/country_homographs.tsv``)."""
    table = _homographs()
    rows = [table.get((fold(m.surface), lang)) for m in mentions]
    if not any(rows):
        return mentions
    named = {m.country for m, row in zip(mentions, rows, strict=True) if row is None}
    return [
        EntityMention(
            "place" if row["kind"] == "capital" else "country",
            row["reading"],
            m.surface,
            m.start,
            m.end,
            row["reading"],
        )
        if row and row["when"] in named and row["unless"] not in named
        else m
        for m, row in zip(mentions, rows, strict=True)
    ]


def count_countries(mentions: list[EntityMention]) -> Counter[str]:
    """ISO3 -> number of mentions, country names, demonyms and capitals together."""
    return Counter(m.country for m in mentions if m.country)


@dataclass(frozen=True, slots=True)
class OrgEntry:
    """One written form of an organisation in the gazetteers."""

    key: str
    country: str | None  # home country of a company or national body; None for an international body
    kind: str  # name | context (needs context) | none (a longer phrase that names no organisation)
    clitics: bool  # a surface without Persian letters (Arabic script or Latin): may take Arabic proclitics
    case: str  # "upper": an acronym, written in capitals; "title": a capitalised Latin name; else ""


#: Letters that mark a surface as Persian script (Arabic writes ك ي and has no پ چ ژ گ).
_PERSIAN_LETTERS = frozenset("پچژگکی")
_LATIN = re.compile(r"[A-Za-z]")
#: «telecom» as Persian, Dari and Arabic write it at the end of a brand (قزاق‌تلکام، أوزبك تيليكوم);
#: Dari writes it in two parts too, with a ZWNJ or a space and with Pashto «ې» (تیلی‌کام، تېلی کام).
_TELECOM_SPELLINGS = (
    ("تلکام", "تلیکام", "تیلیکام", "تیلی کام", "تلی کام", "تېلی کام", "تېلیکام"),
    ("تيليكوم", "تليكوم", "تلكوم", "تيلي كوم"),
)


def _surface_variants(surface: str) -> set[str]:
    """Spellings a gazetteer surface also has in running text: «telecom» in the Persian, Dari
    or Arabic spellings, joined to the brand or apart (ازبک‌تلکام، أوزبكتيليكوم), and an Arabic
    name with the article after «لـ» (الاتحاد الدولي → للاتحاد الدولي), a Persian name ending
    in a vowel with its ezafe «ی»."""
    variants = {surface}
    for spellings in _TELECOM_SPELLINGS:
        for spelling in spellings:
            stem = surface[: -len(spelling)].rstrip(" \u200c")
            if surface.endswith(spelling) and stem:
                variants |= {stem + sep + other for other in spellings for sep in ("", " ")}
    if not _PERSIAN_LETTERS & set(surface):
        variants |= {"ل" + v[1:] for v in variants if v.startswith("ال")}
    elif surface.endswith(("ا", "و")):  # Persian ezafe after a vowel: «اتحادیه اروپای», «ناسای»
        variants |= {v + "ی" for v in variants}
    return variants


def _org_entry(row: dict[str, str], surface: str, kind: str) -> OrgEntry:
    latin = bool(_LATIN.search(surface))
    letters = [c for c in surface if c.isalpha()]
    upper = latin and len(letters) > 1 and all(c.isupper() for c in letters)
    case = "upper" if upper else "title" if latin and surface[0].isupper() else ""
    return OrgEntry(row["key"], row["country"] or None, kind, not _PERSIAN_LETTERS & set(surface), case)


@functools.cache
def organization_matcher() -> PhraseMatcher[OrgEntry]:
    """Surface -> organisation: ``organizations.tsv``, and ``organizations_context.tsv`` for
    surfaces that need context (kind ``context``) or name no organisation (kind ``none``)."""
    rows = [(r, "name") for r in read_tsv("organizations.tsv")] + [
        (r, r["kind"]) for r in read_tsv("organizations_context.tsv")
    ]
    return PhraseMatcher(
        (v, _org_entry(row, v, kind)) for row, kind in rows for v in _surface_variants(row["surface"])
    )


#: Which cue rows a text reads: Persian and Dari share their cues, Arabic has its own.
_CUE_LANGS = {"fa": ("fa", "prs", "en"), "prs": ("fa", "prs", "en"), "ar": ("ar", "en")}


@functools.cache
def _org_cues(lang: str) -> dict[str, frozenset[str]]:
    """Cue kind -> words (``organization_cues.tsv``) for a text in ``lang``, folded except
    Latin acronyms."""
    cues: dict[str, set[str]] = {}
    for row in read_tsv("organization_cues.tsv"):
        if row["lang"] in _CUE_LANGS.get(lang, _CUE_LANGS["fa"]):
            cues.setdefault(row["kind"], set()).add(
                row["surface"] if row["kind"] == "notacronym" else fold(row["surface"])
            )
    return {kind: frozenset(words) for kind, words in cues.items()}


#: Arabic proclitics (folded) on a word: و/ف, then ب/ل/ک, then the article.
_AR_PROCLITIC = re.compile(r"^[وف]?(?:ال|لل|بال|کال|[بلک])?")
#: Keys of umbrella bodies whose name sits inside the names of their funds and programmes.
_UMBRELLA = frozenset({"UN"})
_TOKEN = re.compile(r"\w+|[^\w\s]")
#: A Latin acronym in brackets: «(TIC)», «(ETECSA)», «(e&)».
_BRACKETED = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9&.\-]{1,15})\s*\)")
#: Between a name and its bracketed acronym: nothing, or an apposition («…، اتکسا (ETECSA)»).
_TO_BRACKET = re.compile(r"\s*(?:[،,]\s*\w+(?:\s+\w+)?\s*)?$")
#: Gaps that coordinate two names: «X، Y», «X و Y», «X وY», «X, Y».
_ORG_COORDINATION = re.compile(r"\s*(?:[،,]\s*)?(?:و\s*)?|\s*(?:and|&)\s*")
#: Persian plural and participle endings end a name: «شرکت نمایندگان ایران» is a participation,
#: «سازمان ... خواسته سفارت آمریکا» a clause.
_FA_BREAK = re.compile(r"(?:ان|ته|ده)$")
#: A «لـ» complement of an Arabic name: «للاتصالات», «لشؤون» (not the particles «لم», «لدى», «لكن»).
_AR_COMPLEMENT = re.compile(r"^ل\w{3,}$")
#: How many words after a head noun a name may run.
_NAME_WORDS = 6


@dataclass(frozen=True, slots=True)
class _Token:
    text: str  # folded
    start: int
    end: int


def _stem(word: str, lang: str) -> tuple[str, bool]:
    """A folded Arabic word without proclitics, and whether it had the article («وللشركة» ->
    «شرکه», True). Persian and Dari words are returned unchanged."""
    if lang != "ar":
        return word, False
    prefix = _AR_PROCLITIC.match(word).group(0)  # type: ignore[union-attr]
    if len(word) - len(prefix) < 2:
        return word, False
    return word[len(prefix) :], prefix.endswith(("ال", "لل"))


def _is(word: str, kind: str, lang: str) -> bool:
    """``word`` (folded) is a cue of ``kind``, as written or without its Arabic proclitics."""
    cues = _org_cues(lang).get(kind, frozenset())
    bare = word[1:] if lang == "ar" and word[:1] in "وف" else word
    return word in cues or bare in cues or _stem(word, lang)[0] in cues


@dataclass(frozen=True, slots=True)
class _Place:
    end: int
    iso3: str
    demonym: bool


def _name_places(folded: str, lang: str) -> dict[int, _Place]:
    """Country names and demonyms (not capitals, not ambiguous words), by start offset."""
    places = {}
    for match in country_matcher().find(folded, clitics=lang == "ar"):
        entry = _entry_for(match.values, lang)
        if entry.kind in ("name", "variant", "demonym"):
            places[match.start] = _Place(match.end, entry.iso3, entry.kind == "demonym")
    return places


def _complement(words: list[_Token], k: int) -> bool:
    """``words[k]`` is the «لـ» complement of an Arabic name: «للاتصالات», or «لـ» before a
    definite noun («لكرة القدم», «لشؤون اللاجئين»); not a purpose («لنفسه», «لحادثة»)."""
    if k >= len(words) or not _AR_COMPLEMENT.match(words[k].text):
        return False
    return words[k].text.startswith("لل") or (k + 1 < len(words) and words[k + 1].text.startswith("ال"))


def _open_name(
    tokens: list[_Token], i: int, lang: str, places: dict[int, _Place]
) -> tuple[int, str | None] | None:
    """(end, home country) of a name opened by the head noun ``tokens[i]``, or None
    when the words after it hold no proper-name part: a Latin name («شرکت Cyta»), a country
    («شرکت مخابرات کوبا», «شركة سايتا القبرصية»), a «national» adjective («شرکت ملی پست»,
    «شركة الكهرباء الوطنية»). A plural or a common noun phrase is no name: «شرکت‌های
    دانش‌بنیان», «شركات الاتصالات», «هيئة الأركان», «الشركة الصينية»."""
    arabic = lang == "ar"
    definite = _stem(tokens[i].text, lang)[1]
    company = _is(tokens[i].text, "company", lang)
    words: list[_Token] = []
    for token in tokens[i + 1 : i + 1 + _NAME_WORDS]:
        if not token.text[0].isalpha() or _is(token.text, "stop", lang) or token.text == "و":
            break
        if arabic and words and token.text[0] == "و" and not token.text.startswith("وال"):
            break  # «… وعضوا بالإدارة»: a new clause
        words.append(token)
    if not words or words[0].text in ("ها", "های", "هایی"):
        return None
    if words[0].text.isascii():  # «شرکت Cyta», «شركة Huawei Technologies»
        run = [w for n, w in enumerate(words) if all(v.text.isascii() for v in words[: n + 1])]
        return run[-1].end, None
    national = _org_cues(lang).get("national", frozenset())
    end: int | None = None
    country: str | None = None
    for n, word in enumerate(words):
        if arabic and any(_complement(words, k) for k in range(n)):
            break  # «هيئة الأركان المشتركة للقوات الأردنية»: the adjective is the complement's
        stem, article = _stem(word.text, lang)
        at = next((s for s in range(word.start, word.end) if s in places), None)
        place = places[at] if at is not None else None
        if arabic and place is not None and word.text[0] == "ب" and at > word.start:
            break  # «هيئة الإغاثة بتشاد», «للشركة بالسودان»: where the body is, not its name
        after_proper = _complement(words, n + 1)
        # Arabic: an indefinite head names with a definite adjective after a noun (شركة الكهرباء
        # الوطنية، شركة سايتا القبرصية); a definite head with an adjective and «لـ» (الشركة المصرية للاتصالات)
        agrees = (n > 0 and not definite and article) or (n == 0 and definite and after_proper)
        if agrees and n > 0 and company and (n > 1 or _stem(words[0].text, lang)[1]) and place is not None:
            agrees = False  # «شركة النفط الفرنسية», «شركة صناعة الهواتف الصينية»: described, not named as «شركة توتال الفرنسية»
        if place is not None and place.end <= words[-1].end:
            if place.demonym and not (arabic and agrees):
                continue  # «شرکت ایرانی», «شركة صينية»: a description
            if not arabic and n == 0:
                return None  # «شرکت ایران در ...»: Iran's participation; «اداره افغانستان»
            if arabic and not place.demonym and (n > 1 or any(w.text.startswith("ل") for w in words[:n])):
                break  # «منظمة الطاقة عدم إمكانية تملك إيران», «المنظمة لإشراك إيران»: a clause, not a name
            end, country = place.end, place.iso3
        elif not arabic and word.text in national and n + 1 < len(words):
            end = words[n + 1].end  # «شرکت ملی پست»
        elif arabic and _is(word.text, "national", lang) and agrees:
            end = word.end
        elif not arabic and _FA_BREAK.search(word.text):
            break
    if end is None:
        return None
    if arabic:  # the «لـ» complement and the nouns it coordinates: «… للاتصالات والمعلومات»
        rest = [w for w in words if w.start >= end]
        if _complement(rest, 0):
            end = rest[0].end
            for k, word in enumerate(rest[1:3]):  # «لحلول الطاقة», «للاتصالات والمعلومات»
                if not (word.text.startswith("ال") or (k == 0 and word.text.startswith("وال"))) or _is(
                    word.text, "stop", lang
                ):
                    break
                end = word.end
    return end, country


#: Persian suffixes stripped before looking a word up in hazm's lexicon (مخابراتی -> مخابرات).
_FA_SUFFIXES = ("های", "ها", "ی", "یی", "ای", "ایی", "ان", "گان", "ات")


def _known_persian(word: str) -> bool:
    """``word`` (as written in the normalised body) or its stem is a Persian word in hazm's
    lexicon or a verb form."""
    data = fast_hazm.hazm_data()
    words, verbs = data["words"], data["verbs"]

    def known(w: str) -> bool:
        entry = words.get(w)
        return bool(entry and entry[1] != ("0",)) or w in verbs

    return known(word) or any(
        word.endswith(x) and len(word) - len(x) >= 2 and known(word[: -len(x)]) for x in _FA_SUFFIXES
    )


def _persian_compound(word: str) -> bool:
    """``word`` is two Persian words written together, each of four letters or more: a noun
    and a verb stem or another noun («اتوبوسرانی», «کشتیرانی», «قطارسازی»), a trade, not a
    transliterated brand («یوکام», «رایکا», «آرامکو» do not split so)."""
    return any(_known_persian(word[:k]) and _known_persian(word[k:]) for k in range(4, len(word) - 3))


def _brand_lead(tokens: list[_Token], i: int, lang: str, places: dict[int, _Place]) -> set[int]:
    """Indexes of the demonym and ownership words right after an operator head ``tokens[i]``,
    before its brand: «شرکت دولتی ارمنی …»."""
    lead = set()
    for k in range(i + 1, min(i + 3, len(tokens))):
        place = places.get(tokens[k].start)
        if not ((place is not None and place.demonym) or _is(tokens[k].text, "stateowned", lang)):
            break
        lead.add(k)
    return lead


def _brand_after(
    tokens: list[_Token], i: int, body: str, lang: str, places: dict[int, _Place]
) -> tuple[int, str | None] | None:
    """(end, country) of a transliterated brand right after a Persian or Dari operator head,
    perhaps after a demonym: «شرکت یوکام», «کمپنی اتکسا», «شرکت ارمنی یوکام»: one or two words
    that are not Persian words (hazm's lexicon) nor two of them written together, up to a known
    word or the end of the phrase, then the trade words of company names («… افزار پارس»).
    None for a common word («شرکت سازنده», «شرکت فعال»)."""
    if lang == "ar" or not _is(tokens[i].text, "operator", lang):
        return None
    end = country = None
    following = tokens[i + 1 : i + 1 + _NAME_WORDS]
    for n, token in enumerate(following):
        if (
            not token.text[0].isalpha()
            or token.text.isascii()
            or _is(token.text, "stop", lang)
            or token.text == "و"
        ):
            break
        place = places.get(token.start)
        if place is not None:
            if end is not None or n > 1 or not place.demonym:
                break
            country = place.iso3  # «شرکت ارمنی …», «شرکت دولتی ارمنی …»
            continue
        if end is None and n <= 1 and _is(token.text, "stateowned", lang):
            continue  # «شرکت دولتی آلتین آسیر», «شرکت خصوصی …»: the ownership, then the brand
        if end is not None and _is(token.text, "brandpart", lang):
            end = token.end  # «شرکت رایکا افزار پارس», «شرکت داتیس ارتباط گستر»
            continue
        written = body[token.start : token.end]
        if len(token.text) < 4 or _known_persian(written) or _persian_compound(written) or n > 2:
            break
        end = token.end
    return (end, country) if end is not None else None


#: Quotation marks that open a name and the marks that close it.
_QUOTES = {"«": "»", '"': '"', "“": "”", "”": "”", "'": "'"}
#: A quoted name: one to six words of letters (and digits, «&», «-», «.» inside a brand).
_QUOTED_NAME = re.compile(r"[^\W\d_][\w&.\-]*(?:[ \u200c][\w&.\-]+){0,5}")


def _quoted_after(tokens: list[_Token], i: int, body: str, lang: str) -> tuple[int, int] | None:
    """(start, end) of a name in quotation marks right after a head noun, perhaps after one
    word that says the trade: «شركة «فابور كومينيكيشنز»», «شركة "تويتر"», «شرکت "رایان"»,
    «وشركة الأزياء «…»». None for anything else."""
    k = i + 1
    if (
        k < len(tokens)
        and tokens[k].text[0].isalpha()
        and not _is(tokens[k].text, "stop", lang)
        and tokens[k].text != "و"
    ):
        if lang != "ar" or not _stem(tokens[k].text, lang)[1]:
            return None  # only an Arabic definite trade noun stands between: «شركة الأزياء»
        k += 1
    if k >= len(tokens) or tokens[k].text not in _QUOTES:
        return None
    close = _QUOTES[tokens[k].text]
    match = _QUOTED_NAME.match(body, tokens[k].end)
    if (
        match is None
        or not body.startswith(close, match.end())
        or any(_is(w, "stop", lang) for w in fold(match.group(0)).split())
    ):
        return None
    return match.start(), match.end()


def _head_start(token: _Token, lang: str) -> int:
    """Where a name opened by a head noun starts: after its proclitics, with its article
    («وشركة» -> «شركة», «والشركة» -> «الشركة»)."""
    stem, definite = _stem(token.text, lang)
    if token.text in _org_cues(lang)["head"] or len(stem) == len(token.text):
        return token.start
    return token.end - len(stem) - (2 if definite else 0)


def _sub_body(tokens: list[_Token], index: int, end: int, lang: str) -> tuple[int, int] | None:
    """The span of a body whose name holds an umbrella organisation's name: «صندوق جمعیت ملل
    متحد», «برنامه جهانی غذای سازمان ملل», «صندوق الأمم المتحدة للسكان»; None for the umbrella."""
    if lang == "ar":  # «مفوضية الأمم المتحدة السامية لشؤون اللاجئين», «منظمة الأمم المتحدة للطفولة»
        head = index > 0 and _is(tokens[index - 1].text, "subbody", lang)
        own = _is(tokens[index].text, "subbody", lang)  # the surface opens with a head itself
        last = end
        for token in [t for t in tokens[index:] if t.start >= end][:3]:
            if token.start - last > 1 or not token.text[0].isalpha() or _is(token.text, "stop", lang):
                break
            if _AR_COMPLEMENT.match(token.text) and (head or (own and token.text.startswith("لل"))):
                last = token.end
                rest = [t for t in tokens[index:] if t.start >= last][:1]
                genitive = (
                    rest
                    and rest[0].start - last == 1
                    and rest[0].text[0].isalpha()
                    and not _is(rest[0].text, "stop", lang)
                )
                if genitive and (rest[0].text.startswith("ال") or not token.text.startswith("لل")):
                    last = rest[0].end  # «… لشؤون اللاجئين», «… لغرب آسيا»
                break
            if not (head and token.text.startswith("ال")):
                break
            last = token.end
        if not head and last == end or not (head or own):
            return None
        return (tokens[index - 1].start if head else tokens[index].start), last
    for back in range(index - 2, max(-1, index - 6), -1):
        if not all(
            t.text[0].isalpha() and t.text != "و" and not _is(t.text, "stop", lang)
            for t in tokens[back + 1 : index]
        ):
            return None
        if _is(tokens[back].text, "subbody", lang):
            return tokens[back].start, end
    return None


@functools.cache
def _head_matcher(lang: str) -> PhraseMatcher[str]:
    """Head nouns of ``lang`` (``organization_cues.tsv``), to find them in one pass."""
    return PhraseMatcher((head, head) for head in _org_cues(lang)["head"])


def _window(folded: str, start: int, before: int, after: int) -> tuple[list[_Token], int]:
    """Up to ``before`` tokens before ``start`` and the token at ``start`` with ``after`` more,
    and the index of the token at ``start``: tokenising only around a cue keeps the pass linear
    and cheap."""
    begin = max(0, start - 16 * before)
    lead = [_Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(folded, begin, start)]
    if lead and begin > 0 and folded[begin - 1].isalnum() and lead[0].start == begin:
        lead = lead[1:]  # cut inside a word
    lead = lead[-before:] if before else []
    tail = [
        _Token(m.group(0), m.start(), m.end())
        for m in itertools.islice(_TOKEN.finditer(folded, start), after + 1)
    ]
    return lead + tail, len(lead)


def _gazetteer_matches(body: str, folded: str, lang: str) -> list[tuple[int, int, OrgEntry]]:
    """Leftmost-longest gazetteer matches. A Persian-script or Latin surface takes no Arabic
    proclitic (ECO's «اکو» is not inside «باكو»); an acronym is written in capitals (APT, not
    «apt»); a capitalised name is capitalised; an acronym followed by digits is a code name
    («APT-28»)."""
    found = []
    for match in organization_matcher().iter_all(folded, clitics=lang == "ar"):
        after_clitic = match.start > 0 and folded[match.start - 1].isalnum()
        text = body[match.start : match.end]
        entries = [
            e for e in match.values
            if (e.clitics or not after_clitic)
            and (e.case != "upper" or not any(c.islower() for c in text))
            and (e.case != "title" or text[:1].isupper())
            and not (e.case == "upper" and re.match(r"-?\d", body[match.end : match.end + 2]))
        ]  # fmt: skip
        if entries:
            best = next((e for e in entries if e.kind == "name"), entries[0])
            found.append((match.start, match.end, best))
    found.sort(key=lambda m: (m[0], m[0] - m[1]))
    chosen: list[tuple[int, int, OrgEntry]] = []
    for match in found:
        if not chosen or match[0] >= chosen[-1][1]:
            chosen.append(match)
    return chosen


def _in_context(known: list[tuple[int, int, OrgEntry]], body: str, folded: str, lang: str) -> set[int]:
    """Indexes of the gazetteer matches that count: every ``name``, and a ``context`` brand
    after an operator head («شرکت زين», «اپراتورهای روشن»), in brackets, coordinated with a
    counted name («افغان بیسیم، روشن، سلام و افغان تلیکام»), or named in full elsewhere."""
    counted = {n for n, m in enumerate(known) if m[2].kind == "name"}
    named = {known[n][2].key for n in counted}
    changed = True
    while changed:
        changed = False
        for n, (start, end, entry) in enumerate(known):
            if n in counted or entry.kind != "context":
                continue
            local, i = _window(folded, start, 2, 0)
            before = [t.text for t in local[:i]]
            operator = bool(before) and (
                _is(before[-1], "operator", lang)
                or (before[-1] in ("ها", "های") and len(before) == 2 and _is(before[0], "operator", lang))
            )
            bracketed = body[:start].rstrip().endswith("(") and body[end:].lstrip().startswith(")")
            coordinated = any(
                m in counted and _ORG_COORDINATION.fullmatch(folded[known[m][1] : start] if m < n else folded[end : known[m][0]])
                for m in (n - 1, n + 1)
            )  # fmt: skip
            if operator or bracketed or coordinated or entry.key in named:
                counted.add(n)
                changed = True
    return counted


def _bracketed_acronym(body: str, end: int, brand: bool = True) -> str | None:
    """A Latin acronym (or, with ``brand``, a capitalised Latin name) in brackets right after a
    name ending at ``end``, possibly after an apposition: «شرکت مخابرات کوبا، اتکسا (ETECSA)»
    -> ETECSA, «شركة سايتا القبرصية (Cyta)» -> Cyta."""
    bracket = body.find("(", end, end + 40)
    if bracket < 0 or not _TO_BRACKET.match(body[end:bracket]):
        return None
    match = _BRACKETED.match(body, bracket)
    acronym = match.group(1) if match else None
    if not acronym or acronym in _org_cues("ar").get("notacronym", frozenset()):
        return None
    if sum(c.isupper() for c in acronym) >= 2 or (brand and acronym[0].isupper() and len(acronym) >= 3):
        return acronym
    return None


def _after_place_head(folded: str, start: int, lang: str) -> bool:
    """The name at ``start`` follows a noun that makes it a place: «ميناء الفاو» is a port,
    not FAO; «خیابان سازمان ملل» a street (``placehead`` cues)."""
    before, i = _window(folded, start, 1, 0)
    return i > 0 and before[0].end < start and _is(before[0].text, "placehead", lang)


def find_organizations(text: ArticleText | str, lang: str) -> list[EntityMention]:
    """International bodies, operators and companies: the gazetteer (``data/organizations.tsv``)
    and names recognised by their form (cues in ``data/organization_cues.tsv``): a head noun
    with a proper-name part («شرکت مخابرات کوبا», «شركة الكهرباء الوطنية», «کمپنی Cyta»), a
    Latin acronym in brackets beside a name («اداره تنظیم خدمات (ATRA)»). An open-set name's
    key is its bracketed or Latin name, else its folded name; its country, a country it names.

    >>> [m.key for m in find_organizations("با هولین ژائو، دبیر کل ITU دیدار کرد", "fa")]
    ['ITU']
    >>> [(m.key, m.country) for m in find_organizations("قرارداد با شرکت مخابرات کوبا (ETECSA)", "fa")]
    [('ETECSA', 'CUB')]
    """
    text = as_article_text(text, lang)
    body, folded = text.body, text.folded
    known = [m for m in _gazetteer_matches(body, folded, lang) if not _after_place_head(folded, m[0], lang)]
    mentions: list[EntityMention] = []
    for n in sorted(_in_context(known, body, folded, lang)):
        start, end, entry = known[n]
        span = _sub_body(*_window(folded, start, 5, 10), end, lang) if entry.key in _UMBRELLA else None
        if span and any(s < start and span[0] < e for s, e, _ in known):
            continue  # the umbrella's name ends a known body's name: «برنامه جهانی غذای سازمان ملل» is WFP
        if span:  # key: the name with the umbrella's key for its name («صندوق جمعیت UN»)
            key = " ".join(
                (fold(body[span[0] : start]) + " " + entry.key + " " + fold(body[end : span[1]])).split()
            )
            mentions.append(
                EntityMention("organization", key, body[span[0] : span[1]], span[0], span[1], None)
            )
        else:
            mentions.append(
                EntityMention("organization", entry.key, body[start:end], start, end, entry.country)
            )
    occupied = [(s, e) for s, e, _ in known] + [(m.start, m.end) for m in mentions]
    opened: list[EntityMention] = []
    places: dict[int, _Place] | None = None
    for hit in _head_matcher(lang).iter_all(folded, clitics=lang == "ar"):
        word_start = hit.start
        while word_start > 0 and folded[word_start - 1].isalnum():
            word_start -= 1  # the whole word, with its proclitics: «والشركة»
        tokens, i = _window(folded, word_start, 1, _NAME_WORDS + 3)
        token = tokens[i]
        if not _is(token.text, "head", lang) or (i > 0 and _is(tokens[i - 1].text, "determiner", lang)):
            continue  # «این شرکت …», «یک شرکت …», «هذه الشركة …» refer to a company, they do not name it
        places = _name_places(folded, lang) if places is None else places
        found = _open_name(tokens, i, lang, places)
        start = _head_start(token, lang)
        acronym = None
        quoted = _quoted_after(tokens, i, body, lang) if found is None else None
        if quoted is not None:  # the quoted name is the organisation's name
            qstart, qend = quoted
            if not any(s < qend and qstart < e for s, e in occupied):
                name = body[qstart:qend]
                key = name if name.isascii() else " ".join(fold(name).split())
                opened.append(EntityMention("organization", key, name, qstart, qend, None))
                occupied.append((qstart, qend))
            continue
        brand = _brand_after(tokens, i, body, lang, places) if found is None else None
        found = found or brand
        if found is None:  # a common noun phrase named by an acronym beside it: «اداره احصائیه (NSIA)»
            k = i + 1
            while (
                k < len(tokens)
                and k - i <= _NAME_WORDS
                and tokens[k].text[0].isalpha()
                and not _is(tokens[k].text, "stop", lang)
            ):
                k += 1
            if (
                k == i + 1
                or k >= len(tokens)
                or tokens[k].text != "("
                or tokens[i + 1].text in ("ها", "های", "هایی")
            ):
                continue
            acronym = _bracketed_acronym(body, tokens[k - 1].end, brand=False)
            if acronym is None:
                continue
            found = (tokens[k - 1].end, None)
        end, country = found
        if any(s < end and start < e for s, e in occupied):
            continue
        name = body[start:end]
        first = i + 1
        while brand and first < len(tokens) - 1 and (first in _brand_lead(tokens, i, lang, places)):
            first += 1  # past the demonym and ownership words: «شرکت دولتی ارمنی یوکام» -> «یوکام»
        tail = body[tokens[first].start : end]  # without its head: «کمپنی Cyta», «شرکت یوکام»
        key = (
            acronym
            or _bracketed_acronym(body, end)
            or (" ".join(tail.split()) if tail.isascii() else " ".join(fold(tail if brand else name).split()))
        )
        opened.append(EntityMention("organization", key, name, start, end, country))
        occupied.append((start, end))
    # a brand named short and in full is one company: «شرکت رایکا» … «شرکت رایکا افزار پارس»
    keys = {m.key for m in opened}
    for n, m in enumerate(opened):
        longer = [k for k in keys if k.startswith(m.key + " ")]
        if len(longer) == 1:
            opened[n] = dataclasses.replace(m, key=longer[0])
    if opened:  # a news outlet is the agency, not an organisation: «مؤسسة الإذاعة …»
        outlets = [(m.start, m.end) for m in _agency_matchers()["any"].find(folded, clitics=lang == "ar")]
        mentions += [m for m in opened if not any(s < m.end and m.start < e for s, e in outlets)]
    return sorted(mentions, key=lambda m: m.start)


# --- the reporting agency ---------------------------------------------------------------
#
# Evidence for the outlet, strongest first (each a convention of news pages and scrapers):
#
# ==================  ============================================  ==============================
# evidence            example                                       source of the convention
# ==================  ============================================  ==============================
# record field        ``agency``/``source``/``site``/og:site_name:  scrapers name the outlet they
#                     "Fars News Agency (farsnews.ir)"              crawled, often with its domain
# domain in the field the "(farsnews.ir)" part -> agency_domains    the outlet's web address
# URL host            www.aleqt.com -> agency_domains.tsv           the outlet's web address
# masthead line       «خبرگزاری مهر | Mehr News Agency» on top      a page's site-name header
# meta/dateline line  «دمشق-سانا», «الرياض ... واس»                  agency datelines
# page tail           «... ایلنا - خبرگزاری کار ایران»               the site footer
# attribution         «به گزارش خبرنگار مهر»، «أفادت وكالة ...»      the outlet's own citation
# lead dateline       «کابل (باختر):», «/ وام /», «تهران- ایرنا-»     agency datelines
# ==================  ============================================  ==============================
#
# A surface of scope ``attribution`` (a common word too: مهر، فارس) counts only as a whole
# segment of a masthead/dateline («تهران- ایرنا-», «دمشق-سانا») or right after the attribution
# phrase (with only a desk word between: «به گزارش خبرنگار مهر»). A surface of scope
# ``dateline`` (a word that names the outlet only where a dateline names it: «دبي - البيان»,
# «الرياض - سبق»; «حسب ما سبق» is no citation, «الخليج» in a menu bar no masthead) counts only
# as a whole part of a short dateline (at most DATELINE_WORDS words) or a lead's dateline. A named outlet that is not
# in agencies.tsv gets key ``other`` and its name as written; no outlet at all gives None
# (null in the record, ``(unknown)`` in reports).


@functools.cache
def _attribution() -> re.Pattern[str]:
    """An attribution formula and the clause after it, on folded text: «به گزارش X», «أفادت X»,
    «نقلاً عن X» (``attribution_cues.tsv``, uses reporter and source). The formulas are tried in
    sorted order, so a formula before its longer forms (نقلته before نقلتها)."""
    formulas = sorted(attribution_cues("reporter") + attribution_cues("source"))
    return re.compile("(" + "|".join(map(re.escape, formulas)) + r")\s*(?P<clause>[^،,.:؛]{2,90})")


_DATELINE = re.compile(r"^\s*(?:\((?P<paren>[^)]{2,40})\)|(?P<colon>[^:،,.]{2,40})\s*[:：])")
#: Bracketed or dashed outlet names near the start of a lead: «کابل (بختر):», «/ وام /», «تهران- ایرنا-».
_DATELINE_PARTS = re.compile(r"[(/\-–]\s*(?P<name>[^()/\-–\n]{2,30}?)\s*[)/\-–]")
DATELINE_CHARS = 90


@functools.cache
def _desk() -> re.Pattern[str]:
    """A word that starts a reporter's desk or a credit inside an attribution, not an outlet: «گروه
    سیاسی», «عکس» (``attribution_cues.tsv``, use desk), as a whole word at the start."""
    return re.compile("^(" + "|".join(map(re.escape, attribution_cues("desk"))) + r")\b")


_STOP = re.compile(r"\s(به نقل|از|در|که|و به|با)\s")
#: A colon after a verb of saying introduces a quote, not an outlet: «وی افزود:», «وقال الوزير:»,
#: «مدیرکل گمرک گفت:»; nor is a label («چکیده:») or anything with digits. Runs on folded text.
_NOT_AN_OUTLET = re.compile(
    r"(^|\s)(گفت|افزود|ادامه داد|ادامه می دهد|تصریح کرد|خاطرنشان کرد|اظهار داشت|اظهار کرد|عنوان کرد|بیان کرد|"
    r"یادآور شد|یاداور شد|تاکید کرد|می گوید|نوشت|اعلام کرد|چکیده|خلاصه|متن)$"
    r"|^وی\s|^(و|ف)?(قال|قالت|اضاف|اضافت|تابع|تابعت|اکد|اکدت|اوضح|اوضحت|اشار|اشارت|بین|بینت|لفت|لفتت|ختم|فیما یلی)(\s|$)"
    r"|\d"
)
#: Words that may stand between an attribution phrase and the outlet's bare name:
#: «به گزارش خبرنگار مهر», «به نقل از روزنامه ...», «حسب ما ذكرت صحيفة ...», «أفادت وكالة ...».
_OUTLET_WORDS = re.compile(
    r"^(?:(?:خبرنگار|گروه|سرویس|حوزه|خبرگزاری|روزنامه|هفته نامه|پایگاه|خبری|اطلاع رسانی|سایت|شبکه|"
    r"وكاله|وکاله|صحیفه|صحيفه|جریده|جريده|موقع|قناه|مراسل|ذکرت|ذكرت|ل|لـ)\s*)*"
)
#: Separators between a masthead's or dateline's parts: «سانا | الوكالة ...», «دمشق-سانا», «/ وام /».
_SEGMENTS = re.compile(r"\s*[|/()\[\]\-–—:：،,»«\"]+\s*")
#: A web domain as a scraper writes it beside the name: "(farsnews.ir)".
_DOMAIN = re.compile(r"(?i)\b((?:[a-z0-9-]+\.)+[a-z]{2,})\b")
MASTHEAD_WORDS = 16
DATELINE_WORDS = 5
#: A lead's dateline («دبي - البيان:») starts within this many characters.
DATELINE_START = 40


@functools.cache
def _agency_matchers() -> dict[str, PhraseMatcher[Agency]]:
    rows = read_tsv("agencies.tsv")
    canonical = {r["key"]: r["surface"] for r in reversed(rows) if r["scope"] == "any"}

    def entry(r: dict[str, str]) -> tuple[str, Agency]:
        return r["surface"], Agency(r["key"], canonical.get(r["key"], r["surface"]), r["country"])

    return {
        "any": PhraseMatcher(entry(r) for r in rows if r["scope"] == "any"),
        "attribution": PhraseMatcher(entry(r) for r in rows if r["scope"] in ("any", "attribution")),
        "all": PhraseMatcher(entry(r) for r in rows),
    }


@functools.cache
def _domain_agencies() -> dict[str, Agency]:
    """Registrable domain -> the outlet, under its canonical name (its first ``any`` surface)."""
    rows = read_tsv("agencies.tsv")
    known = {
        r["key"]: Agency(r["key"], r["surface"], r["country"]) for r in reversed(rows) if r["scope"] == "any"
    }
    return {r["domain"].lower(): known[r["key"]] for r in read_tsv("agency_domains.tsv") if r["key"] in known}


def agency_for_domain(url_or_host: str | None) -> Agency | None:
    """The outlet whose web domain (or a parent domain of it) ``url_or_host`` is on.

    >>> agency_for_domain("https://www.farsnews.ir/news/14000316000396/x").key
    'Fars'
    >>> agency_for_domain("example.org") is None
    True
    """
    if not url_or_host:
        return None
    value = url_or_host.strip()
    try:
        host = urlsplit(value if "//" in value else "//" + value).hostname or ""
    except ValueError:
        return None
    labels = host.lower().removeprefix("www.").split(".")
    domains = _domain_agencies()
    for i in range(len(labels) - 1):
        known = domains.get(".".join(labels[i:]))
        if known:
            return known
    return None


def known_agency(text: str, scope: str) -> Agency | None:
    """The first known outlet named in ``text``, with the name as written there."""
    matches = _agency_matchers()[scope].find(fold(text), clitics=True)
    if not matches:
        return None
    known = matches[0].values[0]
    return Agency(known.key, text[matches[0].start : matches[0].end], known.country)


def _whole_name(segment: str, scope: str = "attribution") -> Agency | None:
    """``segment`` is exactly a known outlet's name: «ایرنا», «سانا», «Mehr News Agency»
    (``scope`` all: also a name that is an outlet only in a dateline, «سبق»)."""
    segment = segment.strip()
    folded = fold(segment)
    for match in _agency_matchers()[scope].find(folded, clitics=True):
        if folded[: match.start].strip() in ("", "ل", "لـ", "و") and not folded[match.end :].strip():
            known = match.values[0]
            return Agency(known.key, segment[match.start : match.end], known.country)
    return None


def _segment_agency(line: str, scope: str = "attribution") -> Agency | None:
    """An outlet that is a whole part of a masthead or dateline between separators:
    «دمشق-سانا», «باشگاه خبرنگاران جوان | ... | YJC», «ایتنا - سایت خبری ...»."""
    known = _whole_name(line, scope)
    for segment in _SEGMENTS.split(line):
        known = known or (_whole_name(segment, scope) if segment.strip() else None)
    return known


def _line_agency(line: str) -> Agency | None:
    """An outlet named by a meta or dateline line: a whole part of it (of a dateline of at most
    ``DATELINE_WORDS`` words, also a dateline-only name: «الرياض - سبق»), or a full name anywhere."""
    scope = "all" if len(line.split()) <= DATELINE_WORDS else "attribution"
    return _segment_agency(line, scope) or known_agency(line, "any")


def _attributed(clause: str) -> Agency | None:
    """The outlet an attribution clause names: a full name anywhere in it, or any known
    name right after the phrase (after desk words only: «خبرنگار مهر»)."""
    folded = fold(clause)
    for match in _agency_matchers()["attribution"].find(folded, clitics=True):
        prefix = folded[: match.start]
        if _OUTLET_WORDS.match(prefix).end() >= len(prefix.rstrip()):  # type: ignore[union-attr]
            value = match.values[0]
            return Agency(value.key, clause[match.start : match.end], value.country)
    return known_agency(clause, "any")


def _hint_agency(hint: str) -> Agency | None:
    """The outlet a source's agency field names, or the domain written beside it."""
    known = _whole_name(hint, "all") or known_agency(hint, "attribution")
    if known:
        return known
    for domain in _DOMAIN.findall(hint):
        known = agency_for_domain(domain)
        if known:
            return known
    return None


def _unknown_name(clause: str) -> str | None:
    clause = _STOP.split(" " + clause.strip() + " ")[0].strip()
    words = clause.split()
    if not words or len(words) > 5 or _desk().match(clause) or _NOT_AN_OUTLET.search(fold(clause)):
        return None
    return clause


def find_agency(
    lead_paragraphs: list[str],
    tail_lines: list[str],
    hint: str | None = None,
    meta_lines: list[str] | None = None,
    *,
    url: str | None = None,
    header_lines: list[str] | None = None,
) -> Agency | None:
    """The outlet reporting the story: the evidence table above, strongest first, then the full
    name of a known outlet anywhere in the lead paragraphs.

    ``hint`` is a source-given agency (a record field or the page's site name), ``url``
    the article URL, ``header_lines`` the page's lines above the headline (masthead).
    When no known outlet is found, the outlet is ``other`` with, in this order, the hint as
    written, a name an attribution phrase or a lead dateline gives, the name an opening
    «Name - » gives, or a site line above the headline; with none of them, None.
    """
    if hint:
        known = _hint_agency(hint)
        if known:
            return known
    known = agency_for_domain(url)
    if known:
        return known
    for line in header_lines or []:
        if len(line.split()) <= MASTHEAD_WORDS:
            known = _segment_agency(line)
            if known:
                return known
    for line in meta_lines or []:
        known = _line_agency(line)
        if known:
            return known
    for line in tail_lines:
        if len(line.split()) <= 15:
            known = known_agency(line, "any")
            if known:
                return known
    unknown: str | None = None
    for paragraph in lead_paragraphs:
        folded = fold(paragraph)
        for match in _attribution().finditer(folded):
            clause = paragraph[match.start("clause") : match.end("clause")]
            known = _attributed(clause)
            if known:
                return known
            if unknown is None and match.group(1) in attribution_cues("reporter"):
                unknown = _unknown_name(clause)
        for part in _DATELINE_PARTS.finditer(paragraph[:DATELINE_CHARS]):
            known = _whole_name(part.group("name"), "all" if part.start() < DATELINE_START else "attribution")
            if known:
                return known
        dateline = _DATELINE.match(paragraph)
        if dateline:
            name = dateline.group("paren") or dateline.group("colon")
            if len(name.split()) <= 4:
                known = _line_agency(name)
                if known:
                    return known
                if not (_desk().match(name.strip()) or _NOT_AN_OUTLET.search(fold(name.strip()))):
                    unknown = unknown or name.strip()
    for paragraph in lead_paragraphs:  # the full name of an outlet: «وكالة الأنباء الجزائرية»
        for match in _agency_matchers()["any"].find(fold(paragraph), clitics=True):
            if len(paragraph[match.start : match.end].split()) >= 2:
                known = match.values[0]
                return Agency(known.key, paragraph[match.start : match.end], known.country)
    if hint:
        return Agency("other", hint.strip())
    unknown = (
        unknown
        or _dash_dateline(lead_paragraphs[0] if lead_paragraphs else "")
        or _site_line(header_lines or [])
    )
    return Agency("other", unknown) if unknown else None


#: A dateline that opens the lead with the outlet's name and a dash: «آفتاب‌نیوز - حسن کاظمی‌فر ...».
_DASH_DATELINE = re.compile(r"^\s*(?P<name>[^\s\d\-–:،,.()«»|]+(?:\s[^\s\d\-–:،,.()«»|]+){0,2})\s+[\-–]\s+\S")


def _dash_dateline(paragraph: str) -> str | None:
    """The outlet an opening «Name - » names, when the name is no place («تهران - » is a city's
    dateline), no desk («گروه سیاسی - ») and no speaker."""
    match = _DASH_DATELINE.match(paragraph)
    if not match:
        return None
    name = match.group("name").strip()
    return None if _no_outlet(name) else name


def _site_line(header_lines: list[str]) -> str | None:
    """The site line of a plain-text page: its first line above the headline, one to three words
    with no digit or separator, followed by a section or date line («نون آسیا» over «جامعه | ۲ جدی
    ۱۴۰۳»): the outlet's masthead, named even where the gazetteer does not know it."""
    if len(header_lines) < 2:
        return None
    first, second = header_lines[0].strip(), header_lines[1]
    if not 1 <= len(first.split()) <= 3 or re.search(r"[\d|/›»«:؛;،,.!?؟\-–]", first):
        return None
    if not re.search(r"[\d|۰-۹٠-٩]", second):
        return None
    return None if _no_outlet(first) or any(p.search(fold(first).lower()) for p in _sections()) else first


def _no_outlet(name: str) -> bool:
    """A short name that is a desk («گروه سیاسی»), a speaker («وی گفت») or a place («تهران»), not an outlet."""
    folded = fold(name)
    return bool(_desk().match(folded) or _NOT_AN_OUTLET.search(folded)) or _is_place(name)


@functools.cache
def _sections() -> tuple[re.Pattern[str], ...]:
    """Whole-line section names (``layout_cues.tsv`` class ``section``): «سیاسی», «محليات»."""
    return tuple(re.compile(r["pattern"]) for r in read_tsv("layout_cues.tsv") if r["class"] == "section")


def _is_place(name: str) -> bool:
    """The name is a country or a capital («تهران», «الرياض»), as datelines open with."""
    for lang in ("fa", "ar"):
        mentions = find_countries(name, lang)
        if any(m.end - m.start >= len(name.strip()) - 2 for m in mentions):
            return True
    return False


def find_agency_mentions(text: ArticleText | str, lang: str) -> list[EntityMention]:
    """Outlets named in the body («به نقل از ایرنا»), with offsets."""
    text = as_article_text(text, lang)
    return [
        EntityMention(
            "agency", m.values[0].key, text.body[m.start : m.end], m.start, m.end, m.values[0].country
        )
        for m in _agency_matchers()["any"].find(text.folded, clitics=lang == "ar")
    ]
