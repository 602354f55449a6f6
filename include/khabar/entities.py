"""Named entities from gazetteers: countries, organisations and the reporting agency.

All matching runs on the folded normalised body (see :mod:`khabar.normalize`),
so every offset indexes the normalised ``body`` of the article.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

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

_ATTRIBUTION = re.compile(
    r"(به گزارش|به نقل از|بنا بر گزارش|افادت|ذکرت|نقلا عن|نقلته|نقلتها|اوردت|وفقا ل|حسب ما|according to)\s*(?P<clause>[^،,.:؛]{2,90})"
)
_DATELINE = re.compile(r"^\s*(?:\((?P<paren>[^)]{2,40})\)|(?P<colon>[^:،,.]{2,40})\s*[:：])")
#: Bracketed or dashed outlet names near the start of a lead: «کابل (بختر):», «/ وام /», «تهران- ایرنا-».
_DATELINE_PARTS = re.compile(r"[(/\-–]\s*(?P<name>[^()/\-–\n]{2,30}?)\s*[)/\-–]")
DATELINE_CHARS = 90
#: Words that start a reporter's desk inside an attribution, not an outlet: «گروه سیاسی».
_DESK = re.compile(r"^(گروه|حوزه|خبرنگار|سرویس|قسم|مراسل)\b")
_STOP = re.compile(r"\s(به نقل|از|در|که|و به|با)\s")


@functools.cache
def _agency_matchers() -> dict[str, PhraseMatcher[Agency]]:
    rows = read_tsv("agencies.tsv")
    canonical = {r["key"]: r["surface"] for r in reversed(rows) if r["scope"] == "any"}
    def entry(r: dict[str, str]) -> tuple[str, Agency]:
        return r["surface"], Agency(r["key"], canonical.get(r["key"], r["surface"]), r["country"])

    return {
        "any": PhraseMatcher(entry(r) for r in rows if r["scope"] == "any"),
        "all": PhraseMatcher(entry(r) for r in rows),
    }


def known_agency(text: str, scope: str) -> Agency | None:
    """The first known outlet named in ``text``, with the name as written there."""
    matches = _agency_matchers()[scope].find(fold(text), clitics=True)
    if not matches:
        return None
    known = matches[0].values[0]
    return Agency(known.key, text[matches[0].start : matches[0].end], known.country)


def _unknown_name(clause: str) -> str | None:
    clause = _STOP.split(" " + clause.strip() + " ")[0].strip()
    words = clause.split()
    if not words or len(words) > 5 or _DESK.match(clause):
        return None
    return clause


def find_agency(
    lead_paragraphs: list[str], tail_lines: list[str], hint: str | None = None, meta_lines: list[str] | None = None
) -> Agency | None:
    """The outlet reporting the story.

    Evidence, strongest first: a source-given agency; a known outlet named on a short
    line of the page tail (the site's name: «... ایلنا - خبرگزاری کار ایران») or on a
    dateline/meta line («دمشق-سانا», «الرياض ... واس»); a known outlet in an attribution
    (به گزارش ...، أفادت وكالة ...) or a dateline at the start of a paragraph
    («کابل (بختر):», «أبوظبي في ... / وام /», «تهران- ایرنا-», «نصر:»). An outlet
    not in ``data/agencies.tsv`` is returned with key ``other``.
    """
    for line in meta_lines or []:
        known = known_agency(line, "all")
        if known:
            return known
    if hint:
        known = known_agency(hint, "all")
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
            known = known_agency(clause, "all")
            if known:
                return known
            if unknown is None and match.group(1) in ("به گزارش", "افادت", "ذکرت"):
                unknown = _unknown_name(clause)
        for part in _DATELINE_PARTS.finditer(paragraph[:DATELINE_CHARS]):
            known = known_agency(part.group("name"), "all")
            if known:
                return known
        dateline = _DATELINE.match(paragraph)
        if dateline:
            name = dateline.group("paren") or dateline.group("colon")
            if len(name.split()) <= 4:
                known = known_agency(name, "all")
                if known:
                    return known
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
