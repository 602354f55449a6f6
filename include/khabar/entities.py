"""Named entities from gazetteers: countries, organisations and the reporting agency.

All matching runs on the folded normalised body (see :mod:`khabar.normalize`),
so every offset indexes the normalised ``body`` of the article.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from khabar.gazetteer import PhraseMatcher, read_tsv
from khabar.normalize import fold

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
    return frozenset(r["iso3"] for r in read_tsv("countries_cldr.tsv") + read_tsv("countries_curated.tsv") if r["kind"] != "none")


def country_name(iso3: str, lang: str) -> str:
    names = country_names().get(iso3, {})
    return names.get(lang) or names.get("fa") or iso3


def find_countries(body: str, lang: str) -> list[EntityMention]:
    """Countries named, qualified (demonyms) or stood for by their capitals.

    Ambiguous surfaces (آستانه «threshold», کابل «cable», مالی «financial») count only
    when coordinated with another place (کابل و آستانه) or after a travel verb.

    >>> sorted({m.key for m in find_countries("روابط میان کابل و آستانه", "prs")})
    ['AFG', 'KAZ']
    >>> find_countries("کابل‌های دریایی و در آستانه سفر", "fa")
    []
    """
    folded = fold(body)
    matches = country_matcher().find(folded, clitics=lang == "ar")
    mentions: list[EntityMention] = []
    for i, match in enumerate(matches):
        entry = _entry_for(match.values, lang)
        if entry.kind == "none":
            continue
        if entry.kind == "context":
            before = folded[max(0, match.start - 12) : match.start]
            after = folded[match.end : match.end + 10]
            prev_gap = folded[matches[i - 1].end : match.start] if i > 0 else None
            next_gap = folded[match.end : matches[i + 1].start] if i + 1 < len(matches) else None
            coordinated = any(g is not None and _COORDINATION.match(g) for g in (prev_gap, next_gap))
            wider = folded[max(0, match.start - 30) : match.start]
            travel = _TRAVEL_BEFORE.search(before) or (before.endswith("به ") and (_TRAVEL_AFTER.match(after) or "سفر" in wider))
            held = before.endswith("در ") and _HELD_AFTER.match(after)
            if not (coordinated or travel or held):
                continue
        kind = "place" if entry.kind in ("capital", "context") else "country"
        mentions.append(EntityMention(kind, entry.iso3, body[match.start : match.end], match.start, match.end, entry.iso3))
    return mentions


def count_countries(mentions: list[EntityMention]) -> Counter[str]:
    """ISO3 -> number of mentions, country names, demonyms and capitals together."""
    return Counter(m.country for m in mentions if m.country)


@functools.cache
def organization_matcher() -> PhraseMatcher[tuple[str, str | None]]:
    """Surface -> (key, home country of a company, or None for an international body)."""
    return PhraseMatcher((r["surface"], (r["key"], r["country"] or None)) for r in read_tsv("organizations.tsv"))


def find_organizations(body: str, lang: str) -> list[EntityMention]:
    """International bodies, operators and companies (``data/organizations.tsv``).

    >>> [m.key for m in find_organizations("با هولین ژائو، دبیر کل ITU دیدار کرد", "fa")]
    ['ITU']
    """
    folded = fold(body)
    return [
        EntityMention("organization", m.values[0][0], body[m.start : m.end], m.start, m.end, m.values[0][1])
        for m in organization_matcher().find(folded, clitics=lang == "ar")
    ]


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

_ATTRIBUTION = re.compile(
    r"(به گزارش|به نقل از|بنا بر گزارش|افادت|ذکرت|نقلا عن|نقلته|نقلتها|اوردت|وفقا ل|حسب ما|according to)\s*(?P<clause>[^،,.:؛]{2,90})"
)
_DATELINE = re.compile(r"^\s*(?:\((?P<paren>[^)]{2,40})\)|(?P<colon>[^:،,.]{2,40})\s*[:：])")
#: Bracketed or dashed outlet names near the start of a lead: «کابل (بختر):», «/ وام /», «تهران- ایرنا-».
_DATELINE_PARTS = re.compile(r"[(/\-–]\s*(?P<name>[^()/\-–\n]{2,30}?)\s*[)/\-–]")
DATELINE_CHARS = 90
#: Words that start a reporter's desk or a credit inside an attribution, not an outlet: «گروه سیاسی», «عکس».
_DESK = re.compile(r"^(گروه|حوزه|خبرنگار|سرویس|قسم|مراسل|عکس|تصویر|منبع|عدسه|المصدر|تحریر|ترجمه|ترجمة|نویسنده|کاتب|الکاتب)\b")
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
    known = {r["key"]: Agency(r["key"], r["surface"], r["country"]) for r in reversed(rows) if r["scope"] == "any"}
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
    if not words or len(words) > 5 or _DESK.match(clause) or _NOT_AN_OUTLET.search(fold(clause)):
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
    """The outlet reporting the story (see the evidence table above, strongest first).

    ``hint`` is a source-given agency (a record field or the page's site name), ``url``
    the article URL, ``header_lines`` the page's lines above the headline (masthead).
    An outlet not in ``data/agencies.tsv`` is returned with key ``other``.
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
        for match in _ATTRIBUTION.finditer(folded):
            clause = paragraph[match.start("clause") : match.end("clause")]
            known = _attributed(clause)
            if known:
                return known
            if unknown is None and match.group(1) in ("به گزارش", "افادت", "ذکرت"):
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
                if not (_DESK.match(name.strip()) or _NOT_AN_OUTLET.search(fold(name.strip()))):
                    unknown = unknown or name.strip()
    for paragraph in lead_paragraphs:  # the full name of an outlet: «وكالة الأنباء الجزائرية»
        for match in _agency_matchers()["any"].find(fold(paragraph), clitics=True):
            if len(paragraph[match.start : match.end].split()) >= 2:
                known = match.values[0]
                return Agency(known.key, paragraph[match.start : match.end], known.country)
    if hint:
        return Agency("other", hint.strip())
    return Agency("other", unknown) if unknown else None


def find_agency_mentions(body: str, lang: str) -> list[EntityMention]:
    """Outlets named in the body («به نقل از ایرنا»), with offsets."""
    return [
        EntityMention("agency", m.values[0].key, body[m.start : m.end], m.start, m.end, m.values[0].country)
        for m in _agency_matchers()["any"].find(fold(body), clitics=lang == "ar")
    ]
