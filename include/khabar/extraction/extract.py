"""From one article text to the SPEC §4 extraction record.

This module only composes the field modules: ``html_text`` and ``structure`` (the
layout), ``language``, ``normalize``, ``dates``, ``entities``, ``persons``, ``topics``,
``events`` and ``quantities``, all reading one :class:`~khabar.extraction.article_text.ArticleText`.
It does no I/O beyond the field modules' data files: :mod:`khabar.ingest.records` feeds it a
decoded text and a record's hints, and :mod:`khabar.lake.rows` turns its result into table rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from khabar import EXTRACTOR_VERSION
from khabar.core import settings
from khabar.core.errors import InputRejected, QuarantineReason
from khabar.extraction.article_text import ArticleText
from khabar.extraction.dates import (
    FoundDate,
    ascii_digits,
    date_from_news_code,
    date_from_url,
    find_dates,
    plausible,
)
from khabar.extraction.entities import (
    Agency,
    EntityMention,
    count_countries,
    country_name,
    find_agency,
    find_agency_mentions,
    find_countries,
    find_organizations,
    known_agency,
)
from khabar.extraction.events import Event, find_events
from khabar.extraction.html_text import html_to_page, looks_like_html
from khabar.extraction.language import detect_language
from khabar.extraction.persons import (
    Person,
    find_persons,
    institution_spans,
    officials,
    public_officials,
    story_home,
    with_later_mentions,
)
from khabar.extraction.quantities import Quantity, find_quantities
from khabar.extraction.spans import Coverage
from khabar.extraction.structure import Comment, Layout, parse_layout
from khabar.extraction.topics import Topic, TopicHit, find_topic_hits, is_ict, is_sports, score_topics
from khabar.extraction.vocabulary import LANGS
from khabar.text.normalize import clean_unicode, fold, normalize_text

#: The country a role without one belongs to, by language, when the outlet is unknown.
HOME_COUNTRY_BY_LANG = {"fa": "IRN", "prs": "AFG"}
_WORD = re.compile(r"\w+")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")


@dataclass(frozen=True, slots=True)
class SourceHints:
    """Fields a structured source (JSON record, HTML page) already gives."""

    title: str | None = None
    lead: str | None = None
    kicker: str | None = None
    url: str | None = None
    date: str | None = None
    agency: str | None = None
    html: bool = False


@dataclass(frozen=True, slots=True)
class Published:
    date: dt.date
    time: str | None
    calendar: str
    raw: str


@dataclass(frozen=True)
class Extraction:
    """Everything khabar extracts from one article."""

    article_id: str
    source_uri: str
    lang: str
    ict: bool  # the article is about ICT or technology (topics are given only then)
    kicker: str | None
    title: str | None
    lead: str | None
    body: str
    agency: Agency | None
    news_code: str | None
    published: Published | None
    country_counts: dict[str, int]
    persons: list[Person]
    organizations: list[EntityMention]
    topics: list[Topic]
    events: list[Event]
    quantities: list[Quantity]
    comments: list[Comment]
    mentions: list[dict[str, Any]] = field(default_factory=list)
    word_count: int = 0
    extractor_version: str = EXTRACTOR_VERSION

    def to_record(self) -> dict[str, Any]:
        """The SPEC §4 JSON record."""
        orgs: dict[str, str] = {}
        for org in self.organizations:
            orgs.setdefault(org.key, org.surface)
        return {
            "article_id": self.article_id,
            "source_uri": self.source_uri,
            "lang": self.lang,
            "ict": self.ict,
            "kicker": self.kicker,
            "title": self.title,
            "lead": self.lead,
            "body": self.body,
            "agency": {"key": self.agency.key, "name": self.agency.name} if self.agency else None,
            "news_code": self.news_code,
            "published": (
                {
                    "date": self.published.date.isoformat(),
                    "time": self.published.time,
                    "calendar": self.published.calendar,
                    "raw": self.published.raw,
                }
                if self.published
                else None
            ),
            "countries": [
                {"code": iso3, "name": country_name(iso3, self.lang), "mentions": n}
                for iso3, n in self.country_counts.items()
            ],
            "persons": [
                {"key": p.key, "name": p.name, "role": p.role, "country": p.country} for p in self.persons
            ],
            "organizations": [{"key": key, "name": name} for key, name in orgs.items()],
            "topics": [{"key": t.key, "score": t.score} for t in self.topics],
            "events": [
                {"type": e.event_type, "countries": list(e.countries), "evidence": e.evidence}
                for e in self.events
            ],
            "quantities": [{"value": q.value, "unit": q.unit, "surface": q.surface} for q in self.quantities],
            "comments": [
                {"author": c.author, "posted_at": c.posted_at, "text": c.text} for c in self.comments
            ],
        }


def content_id(body: str) -> str:
    """Article identity: a hash of the folded body without any white space or ZWNJ.

    The same text with different spacing, ZWNJ or ي/ی spelling gets the same id.
    """
    key = re.sub(r"\s+", "", fold(body))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _published(
    hints: SourceHints,
    meta_lines: tuple[str, ...],
    lead: str | None,
    lang: str,
    ingest_date: dt.date | None,
    news_code: str | None = None,
    agency_key: str | None = None,
    site_bars: tuple[str, ...] = (),
) -> Published | None:
    """The article's date: the source's date field, then a date the outlet encodes in its news
    code or URL (``khabar.extraction.dates`` conventions), then a date/meta line, then a lead dateline.
    A date on the site's name bar above the headline (``site_bars``: «سه شنبه ۳۰ اسد | Site |
    English») is the day the page was viewed: it counts only when nothing else gives a date."""
    candidates: list[FoundDate] = []
    if hints.date:
        iso = _ISO_DATE.match(ascii_digits(hints.date))
        if iso:
            try:
                date = dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
            except ValueError:
                date = None
            if date and plausible(date, ingest_date):
                time = f"{iso.group(4)}:{iso.group(5)}" if iso.group(4) else None
                return Published(date, time, "gregorian", hints.date.strip())
        candidates += sorted(
            find_dates(hints.date, lang), key=lambda d: d.calendar != "gregorian"
        )  # dual: the Gregorian is exact
    coded = date_from_news_code(news_code, agency_key) or date_from_url(hints.url, lang, agency_key)
    if coded:
        candidates.append(coded)
    for line in sorted(meta_lines, key=lambda line: line in site_bars):
        # a dual dateline («1445/08/20 هـ الموافق 2024/03/01 م»): the Gregorian date is exact
        found = find_dates(line, lang)
        candidates += sorted(found, key=lambda d: d.calendar != "gregorian")
    if lead:  # a dateline: «کابل، ۱۲ حمل ۱۴۰۳ (بختر):»
        candidates += [d for d in find_dates(lead[:80], lang) if d.start < 40]
    for found in candidates:
        if plausible(found.date, ingest_date):
            return Published(found.date, found.time, found.calendar, found.raw)
    return None


def _masthead(text: str, headlines: tuple[str | None, ...], limit: int = 4) -> list[str]:
    """The page's lines above its headline (site name, top bar, breadcrumb), or its first line."""
    lines = [" ".join(line.split()) for line in text.split("\n") if line.strip()][: limit + 1]
    targets = {fold(" ".join(h.split())) for h in headlines if h}
    for i, line in enumerate(lines):
        if any(fold(line).startswith(t) for t in targets):
            return lines[: max(i, 1)]  # a first line taken for the headline may be the site's name
    return lines[:1]


def extract_text(
    text: str,
    source_uri: str,
    *,
    hints: SourceHints | None = None,
    ingest_date: dt.date | None = None,
    lang: str | None = None,
    max_chars: int | None = None,
) -> Extraction:
    """Extract the article in ``text`` (already decoded).

    Args:
        max_chars: the longest article text accepted, in characters after clean-up (of a
            page: its text, not its markup); default ``KHABAR_MAX_ARTICLE_CHARS``.

    Raises:
        InputRejected: ``too_large`` (longer than ``max_chars``: rejected before any work,
            so one huge input cannot hold up a day), ``unknown_language`` (not Persian,
            Dari or Arabic) or ``no_text`` (nothing left after boilerplate removal).
    """
    hints = hints or SourceHints()
    limit = settings.max_article_chars() if max_chars is None else max_chars
    text, hints = _page_text(clean_unicode(text), hints)
    lang = _accepted_language(text, hints, lang, limit)
    layout = parse_layout(text, lang, title=hints.title, lead=hints.lead, url=hints.url)
    body, word_count, (kicker, title, lead) = _normalized_parts(layout, hints, lang)
    agency, site_bars = _agency(text, body, layout, hints)
    found = _run_finders(ArticleText(body, lang), lang, agency, (kicker, title, lead))
    agency_key = agency.key if agency else None
    return Extraction(
        article_id=content_id(body),
        source_uri=source_uri,
        lang=lang,
        ict=found.ict,
        kicker=kicker,
        title=title,
        lead=lead,
        body=body,
        agency=agency,
        news_code=layout.news_code,
        published=_published(
            hints, layout.meta_lines, layout.lead, lang, ingest_date, layout.news_code, agency_key, site_bars
        ),
        country_counts=found.country_counts,
        persons=found.persons,
        organizations=found.organizations,
        topics=found.topics,
        events=found.events,
        quantities=found.quantities,
        comments=[Comment(c.author, c.posted_at, normalize_text(c.text, lang)) for c in layout.comments],
        mentions=found.mentions,
        word_count=word_count,
    )


def _page_text(text: str, hints: SourceHints) -> tuple[str, SourceHints]:
    """The text to read and what the source says of it: of an HTML page, its text, with the
    title, date and site name its markup gives where the source gave none."""
    if not (hints.html or looks_like_html(text)):
        return text, hints
    page = html_to_page(text)
    return page.text, SourceHints(
        title=hints.title or page.title, lead=hints.lead, kicker=hints.kicker, url=hints.url,
        date=hints.date or page.published, agency=hints.agency or page.site_name,
    )  # fmt: skip


def _accepted_language(text: str, hints: SourceHints, lang: str | None, limit: int) -> str:
    """The language of a text worth reading, checked before any work: a text over ``limit``
    is rejected first (one huge input cannot hold up a day), then an empty one, then one that
    is not Persian, Dari or Arabic. A ``lang`` the source gives is trusted."""
    if len(text) > limit:
        raise InputRejected(
            QuarantineReason.TOO_LARGE,
            f"article of {len(text)} characters > limit of {limit} (KHABAR_MAX_ARTICLE_CHARS)",
        )
    if not text.strip():
        raise InputRejected(QuarantineReason.NO_TEXT, "no text in the input")
    if lang not in LANGS:
        sample = "\n".join(filter(None, (hints.title, text)))
        lang = detect_language(sample)
    if lang is None:
        raise InputRejected(
            QuarantineReason.UNKNOWN_LANGUAGE, "not Persian, Dari or Arabic (no Arabic-script text)"
        )
    return lang


def _normalized_parts(
    layout: Layout, hints: SourceHints, lang: str
) -> tuple[str, int, tuple[str | None, str | None, str | None]]:
    """The body (its paragraphs normalised, one a line), its word count and the normalised
    kicker, title and lead. Each paragraph is normalised once (the lead is one of them); a
    body of no words (all of it boilerplate) is rejected, as there is nothing to extract from."""
    normalized = {p: normalize_text(p, lang) for p in layout.paragraphs}
    body = "\n".join(filter(None, (normalized[p] for p in layout.paragraphs)))
    word_count = len(_WORD.findall(body))
    if not word_count:
        raise InputRejected(
            QuarantineReason.NO_TEXT, f"no words left after boilerplate removal ({body[:40]!r})"
        )
    kicker, title, lead = (
        _normalized(part, normalized, lang)
        for part in (hints.kicker or layout.kicker, layout.title, layout.lead)
    )
    return body, word_count, (kicker, title, lead)


def _normalized(value: str | None, normalized: dict[str, str], lang: str) -> str | None:
    """A headline part normalised like the body, from ``normalized`` when it is a paragraph."""
    if not value:
        return None
    return (normalized[value] if value in normalized else normalize_text(value, lang)) or None


def _agency(
    text: str, body: str, layout: Layout, hints: SourceHints
) -> tuple[Agency | None, tuple[str, ...]]:
    """The outlet, from every place a page names it (the body's first lines, the tail, the
    source, the metadata lines, the URL, the masthead), and the masthead's site bars: a date
    there is the day the page was viewed, which :func:`_published` takes only as a last resort."""
    masthead = _masthead(text, (layout.kicker, layout.title))
    agency = find_agency(
        body.split("\n")[:4], list(layout.tail_lines), hints.agency, list(layout.meta_lines),
        url=hints.url, header_lines=masthead,
    )  # fmt: skip
    site_bars = tuple(line for line in masthead if "|" in line and known_agency(line, "any"))
    return agency, site_bars


class _Found(NamedTuple):
    """What the finders read in the body: the fields of :class:`Extraction` that depend on it."""

    ict: bool
    country_counts: dict[str, int]
    persons: list[Person]
    organizations: list[EntityMention]
    topics: list[Topic]
    events: list[Event]
    quantities: list[Quantity]
    mentions: list[dict[str, Any]]


def _run_finders(
    text: ArticleText, lang: str, agency: Agency | None, headlines: tuple[str | None, str | None, str | None]
) -> _Found:
    """Run every finder over one text (one pass: they all read the same folded body and
    sentences). ``headlines`` (kicker, title, lead) help decide the topic and name countries;
    the outlet's country (else the language's) is the home of a role that names no country."""
    home = (agency.country if agency else None) or HOME_COUNTRY_BY_LANG.get(lang)
    raw_hits = find_topic_hits(text, lang)  # once: for the sports flag here, for the topics below
    countries, organizations, persons, offices = _entities(text, lang, home, raw_hits)
    topic_hits, ict, sports = _topic_hits(text, lang, raw_hits, offices, organizations, headlines)
    if sports:
        persons = public_officials(persons)  # coaches, players and club officials hold no public role
    events = [] if sports else _events(text, lang, countries, topic_hits, organizations, persons, home)
    kicker, title, _ = headlines
    return _Found(
        ict=ict,
        country_counts=_country_counts(countries, (kicker, title), lang, sports),
        persons=persons,
        organizations=organizations,
        events=events,
        mentions=_mentions(text, lang, countries, organizations, persons, topic_hits),
        topics=score_topics(topic_hits),
        quantities=find_quantities(text, lang),
    )


def _entities(
    text: ArticleText, lang: str, home: str | None, raw_hits: list[TopicHit]
) -> tuple[list[EntityMention], list[EntityMention], list[Person], list[tuple[int, int]]]:
    """Countries, organisations, persons and the spans of offices (roles, ministries). A
    country inside a person's name is part of the name, not a mention of the country."""
    countries = find_countries(text, lang, sports=is_sports(text, lang, raw_hits))
    organizations = find_organizations(text, lang)
    persons = with_later_mentions(text, find_persons(text, countries, organizations, home, lang))
    in_names = Coverage(span for p in persons for span in p.spans)
    countries = [m for m in countries if not in_names.covers(m.start)]
    offices = institution_spans(text, countries, organizations)  # roles and ministries
    return countries, organizations, persons, offices


def _topic_hits(
    text: ArticleText,
    lang: str,
    raw_hits: list[TopicHit],
    offices: list[tuple[int, int]],
    organizations: list[EntityMention],
    headlines: tuple[str | None, ...],
) -> tuple[list[TopicHit], bool, bool]:
    """The topic hits, the ICT flag and the sports flag. Topics are given only for articles
    about ICT (SPEC ``ict``), never for sports reporting; the words of an institution's name
    are no topic, but an ICT minister or ministry makes one clear cue enough."""
    institutions = offices + [(o.start, o.end) for o in organizations]
    # words of a role, ministry or organisation name («وزیر البريد», «شرکت ارتباطات زیرساخت») are not topics
    in_institutions = Coverage(institutions)
    topic_hits = [h for h in raw_hits if not in_institutions.covers(h.start)]
    headline_hits = [h for part in headlines if part for h in find_topic_hits(part, lang)]
    # an ICT minister or ministry in the story makes one clear cue enough: its words are no topic, but say what the story is about
    in_offices = Coverage(offices)
    ict = is_ict(topic_hits, headline_hits, [h for h in raw_hits if in_offices.covers(h.start)])
    sports = is_sports(text, lang, topic_hits)  # a football «دیدار» is a match, not diplomacy
    if sports or not ict:
        topic_hits, ict = (
            [],
            False,
        )  # topics only on articles about ICT; their events stay (non-ICT diplomacy)
    return topic_hits, ict, sports


def _events(
    text: ArticleText,
    lang: str,
    countries: list[EntityMention],
    topic_hits: list[TopicHit],
    organizations: list[EntityMention],
    persons: list[Person],
    home: str | None,
) -> list[Event]:
    """The events of a story that is not sports reporting. The pan-Arab press covers many
    countries: an unnamed official is the outlet's own only in its own story."""
    side = story_home(countries, home) if lang == "ar" else home
    return find_events(
        text,
        lang,
        countries,
        topic_hits,
        officials(text, countries, organizations, side),
        organizations,
        persons,
        side,
    )


def _country_counts(
    countries: list[EntityMention], headlines: tuple[str | None, ...], lang: str, sports: bool
) -> dict[str, int]:
    """Mentions by country, most mentioned first. The headline and kicker name countries too
    (often the only place the reporting side is named)."""
    headline = [m for part in headlines if part for m in find_countries(part, lang, sports=sports)]
    return dict(sorted(count_countries(countries + headline).items(), key=lambda kv: (-kv[1], kv[0])))


def _mentions(
    text: ArticleText,
    lang: str,
    countries: list[EntityMention],
    organizations: list[EntityMention],
    persons: list[Person],
    topic_hits: list[TopicHit],
) -> list[dict[str, Any]]:
    """Every mention with its offsets in the body (``mentions`` table), in text order: the
    evidence behind the article's fields."""
    body = text.body
    mentions: list[dict[str, Any]] = [
        {
            "kind": m.kind,
            "key": m.key,
            "surface": m.surface,
            "start": m.start,
            "end": m.end,
            "role": None,
            "country": m.country,
        }
        for m in countries + organizations + find_agency_mentions(text, lang)
    ]
    for person in persons:
        for start, end in person.spans:
            mentions.append(
                {
                    "kind": "person",
                    "key": person.key,
                    "surface": body[start:end],
                    "start": start,
                    "end": end,
                    "role": person.role,
                    "country": person.country,
                }
            )
    for hit in topic_hits:
        mentions.append(
            {
                "kind": "topic",
                "key": hit.topic,
                "surface": body[hit.start : hit.end],
                "start": hit.start,
                "end": hit.end,
                "role": None,
                "country": None,
            }
        )
    mentions.sort(key=lambda m: (m["start"], m["kind"]))
    return mentions
