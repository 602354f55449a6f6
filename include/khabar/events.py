"""Engagement events (meeting, visit, mou, agreement, invitation, working_group, conference).

An event is a cue (``data/events.tsv``) in a sentence; its parties are the
countries named in that sentence, completed with the article's other main
country when the sentence names only one side (the reporting ministry's own
country is often implicit: «در دیدار با معاون نخست وزیر قزاقستان»).
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass

from khabar.entities import EntityMention
from khabar.gazetteer import PhraseMatcher, read_tsv
from khabar.normalize import fold
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


def find_events(
    body: str,
    lang: str,
    countries: list[EntityMention],
    topic_hits: list[TopicHit],
    home_country: str | None = None,
) -> list[Event]:
    """Events of the body, one per (type, parties), first evidence kept.

    A sentence naming one country is completed with ``home_country`` (the reporting
    side: the outlet's country), then with the article's most-mentioned countries.

    >>> from khabar.entities import find_countries
    >>> body = "وزیر ارتباطات ایران در مسقط با وزیر عمان دیدار کرد."
    >>> [(e.event_type, e.countries) for e in find_events(body, "fa", find_countries(body, "fa"), [], "IRN")]
    [('meeting', ('IRN', 'OMN'))]
    """
    folded = fold(body)
    cues = event_matcher().find(folded, clitics=lang == "ar")
    if not cues:
        return []
    ranking = [iso for iso, _ in Counter(m.country for m in countries if m.country).most_common()]
    if home_country:
        ranking = [home_country] + [iso for iso in ranking if iso != home_country]
    events: dict[tuple[str, tuple[str, ...]], Event] = {}
    for start, end in sentence_spans(body):
        types = [m.values[0] for m in cues if start <= m.start < end]
        if not types:
            continue
        parties = {m.country for m in countries if m.country and start <= m.start < end}
        for iso in ranking:
            if len(parties) >= 2:
                break
            parties.add(iso)
        topics = tuple(sorted({h.topic for h in topic_hits if start <= h.start < end}))
        for event_type in dict.fromkeys(types):
            key = (event_type, tuple(sorted(parties)))
            if key not in events:
                events[key] = Event(event_type, key[1], topics, body[start:end], start, end)
    return list(events.values())
