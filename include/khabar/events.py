"""Engagement events (meeting, visit, mou, agreement, invitation, working_group, conference).

An event is a cue (``data/events.tsv``) in a sentence; its parties are the
countries named in that sentence, completed with the reporting side (the
outlet's country: the reporting ministry's own country is often implicit, as in
«در دیدار با معاون نخست وزیر قزاقستان»). A minister's meetings with several
counterparts are separate bilateral events.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from khabar.entities import EntityMention
from khabar.gazetteer import PhraseMatcher, read_tsv
from khabar.normalize import fold
from khabar.spans import StartIndex
from khabar.structure import sentence_spans
from khabar.topics import TopicHit

EVENT_TYPES: tuple[str, ...] = ("meeting", "visit", "mou", "agreement", "invitation", "working_group", "conference")


@dataclass(frozen=True, slots=True)
class Event:
    event_type: str
    countries: tuple[str, ...]  # ISO3, sorted
    topics: tuple[str, ...]
    evidence: str
    start: int
    end: int


@functools.cache
def event_matcher() -> PhraseMatcher[str]:
    rows = read_tsv("events.tsv")
    unknown = {r["event_type"] for r in rows} - set(EVENT_TYPES)
    if unknown:
        raise ValueError(f"events.tsv names event types outside the vocabulary: {sorted(unknown)}")
    return PhraseMatcher(((r["surface"], r["event_type"]) for r in rows), prefix_match=True)


#: Event types that gather many parties: their parties are not split into pairs.
MULTILATERAL_TYPES = frozenset({"conference"})
#: Words that make a meeting or agreement explicitly multilateral (سه‌جانبه، ثلاثي).
_MULTILATERAL = re.compile(r"(سه ?جانبه|چند ?جانبه|چهار ?جانبه|ثلاثی|متعدد الاطراف|چندملیتی)")
#: A sentence naming no country takes its parties from one of the previous few.
CARRY_OVER_SENTENCES = 2
#: «در این دیدار», «دو طرف», «في هذا الاجتماع», «الجانبان»: the sentence continues an earlier event.
_BACK_REFERENCE = re.compile(
    r"((این|همین|هذا|هذه)\s+(دیدار|نشست|جلسه|ملاقات|سفر|اجلاس|اجتماع|لقاء|زیاره|الاجتماع|اللقاء)"
    r"|دو طرف|طرفین|دو کشور|دو وزیر|الجانبان|الجانبین|الطرفان|الطرفین|البلدین|البلدان|الوزیران)"
)


def _parties(sentence_countries: list[str], home: str | None, event_type: str, multilateral: bool) -> list[tuple[str, ...]]:
    """The party sets of one event cue: the sentence's countries plus the reporting side;
    with three or more parties and the reporting side among them, one pair per counterpart
    (separate bilateral meetings), unless the event is multilateral by nature or by wording."""
    parties = list(dict.fromkeys(sentence_countries))
    if home and home not in parties:
        parties.insert(0, home)
    if len(parties) >= 3 and home and event_type not in MULTILATERAL_TYPES and not multilateral:
        return [tuple(sorted((home, other))) for other in parties if other != home]
    return [tuple(sorted(parties))] if parties else []  # an engagement without a known party is not recorded


def find_events(
    body: str,
    lang: str,
    countries: list[EntityMention],
    topic_hits: list[TopicHit],
    home_country: str | None = None,
    anchors: list[tuple[int, int]] | None = None,
) -> list[Event]:
    """Events of the body, one per (type, parties), first evidence kept.

    Parties are the countries named in the cue's sentence (or, when it names none, in
    one of the two sentences before it: «در ادامه این نشست ...»), plus the reporting
    side ``home_country``. A sentence with an invitation does not also report a visit
    («دعوت کرد تا به قزاقستان سفر کنند» is an invitation to visit). A cue counts only in
    a sentence about the parties: one that names a country, or holds an ``anchor`` (an
    official's role, a ministry or organisation name), or refers back to an earlier
    event that did («در این دیدار»); «در این دیدار که در ورزشگاه آزادی» is a match.
    ``countries`` may include organisations with a home country (companies).

    >>> from khabar.entities import find_countries
    >>> body = "وزیر ارتباطات ایران در مسقط با وزیر عمان دیدار کرد."
    >>> [(e.event_type, e.countries) for e in find_events(body, "fa", find_countries(body, "fa"), [], "IRN")]
    [('meeting', ('IRN', 'OMN'))]
    """
    folded = fold(body)
    cues = event_matcher().find(folded, clitics=lang == "ar")
    if not cues:
        return []
    events: dict[tuple[str, tuple[str, ...]], Event] = {}
    recent: list[list[str]] = []  # countries of the last sentences that named some
    # what starts in each sentence, found by bisection (a scan per sentence grows with the square of the text)
    country_index = StartIndex(countries, key=lambda m: m.start)
    cue_index = StartIndex(cues, key=lambda m: m.start)
    topic_index = StartIndex(topic_hits, key=lambda h: h.start)
    anchor_index = StartIndex(anchors or [], key=lambda a: a[0])
    for start, end in sentence_spans(body):
        named = [m.country for m in country_index.within(start, end) if m.country]
        types = list(dict.fromkeys(m.values[0] for m in cue_index.within(start, end)))
        if named:
            recent = (recent + [named])[-CARRY_OVER_SENTENCES:]
        if not types:
            continue
        if "invitation" in types and "visit" in types:
            types.remove("visit")
        anchored = anchor_index.any_within(start, end)
        back_reference = bool(_BACK_REFERENCE.search(folded, start, end))
        if not named or (set(named) <= {home_country} and back_reference):
            earlier = recent[-2] if named and len(recent) >= 2 else (recent[-1] if recent and not named else [])
            sentence_countries = list(dict.fromkeys(named + earlier))
        else:
            sentence_countries = named
        if not (named or anchored or (back_reference and sentence_countries)):
            continue  # no party in sight: «دیدار» of two football teams
        multilateral = bool(_MULTILATERAL.search(folded, start, end))
        topics = tuple(sorted({h.topic for h in topic_index.within(start, end)}))
        for event_type in types:
            for parties in _parties(sentence_countries, home_country, event_type, multilateral):
                key = (event_type, parties)
                if key not in events:
                    events[key] = Event(event_type, parties, topics, body[start:end], start, end)
    return list(events.values())
