"""Officials and their roles: «NAME، ROLE» and «NAME ROLE» in Persian, Dari and Arabic.

A role starts at a role word (وزیر، معاون، دبیر کل، وزير، الأمين العام ...) and runs
to the first punctuation or function word; when it names a country it ends with
that country, which is the official's country. The name is the run of words just
before the role, back to a boundary word (با، و، مع ...) or punctuation, with
honorifics (محترم، الحاج، سید، السيد، معالي ...) removed. Spelling variants of one
name in an article (ما کاشویچ / ماکاشویچ) are merged.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

from khabar.entities import EntityMention
from khabar.gazetteer import read_tsv
from khabar.normalize import fold, fold_phrase

_TOKEN = re.compile(r"[^\s،,.:؛;!?؟«»\"()\[\]]+|[،,.:؛;!?؟«»\"()\[\]]")
_PUNCT = re.compile(r"^[،,.:؛;!?؟\"()\[\]]$")
MAX_NAME_TOKENS = 6
MAX_ROLE_TOKENS = 9
#: Verbs and function words that end a role.
_ROLE_STOP = frozenset(
    fold_phrase(w)
    for w in "در با به از که را برای ضمن نیز هم طی تا بر داشت کرد گفت افزود است شد بود نمود کردند هستند "
    "دیدار ملاقات گفتگو گفت‌وگو رایزنی "
    "عن مع على الى إلى قال أكد أعلن التقى خلال حيث الذي التي".split()
)


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str | None
    country: str | None
    spans: tuple[tuple[int, int], ...]  # name offsets in the body


@functools.cache
def _cues() -> dict[str, tuple[str, ...]]:
    grouped: dict[str, set[str]] = {"role": set(), "honorific": set(), "boundary": set(), "not_name": set(), "attribution": set()}
    for row in read_tsv("person_cues.tsv"):
        grouped[row["kind"]].add(fold_phrase(row["surface"]))
    return {kind: tuple(sorted(words, key=lambda w: -len(w.split()))) for kind, words in grouped.items()}


def _starts_with(tokens: list[str], i: int, phrases: tuple[str, ...]) -> int:
    """Length in tokens of the phrase of ``phrases`` starting at token ``i`` (0 if none)."""
    for phrase in phrases:
        words = phrase.split()
        if tokens[i : i + len(words)] == words:
            return len(words)
    return 0


def _tokens(body: str) -> list[tuple[str, int, int]]:
    return [(fold(m.group(0)), m.start(), m.end()) for m in _TOKEN.finditer(body)]


def _same_person(a: str, b: str) -> bool:
    a, b = fold(a).replace(" ", ""), fold(b).replace(" ", "")
    return a == b or (min(len(a), len(b)) >= 6 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.85)


def find_persons(
    body: str,
    countries: list[EntityMention],
    organizations: list[EntityMention],
    home_country: str | None,
) -> list[Person]:
    """Officials named with a role in ``body``.

    Args:
        body: normalised body.
        countries: country/place mentions in the body (give a role its country).
        organizations: organisation mentions (an official of an international body
            has no home country).
        home_country: the country of a role that names none (the reporting side).
    """
    cues = _cues()
    tokens = _tokens(body)
    words = [t[0] for t in tokens]
    found: list[Person] = []
    i = 0
    while i < len(tokens):
        role_len = _starts_with(words, i, cues["role"])
        if not role_len:
            i += 1
            continue
        # the name: back from the role to a boundary, punctuation or another role
        j = i - 1
        if j >= 0 and words[j] in ("،", ","):
            j -= 1
        name_end = j
        quoted = j >= 0 and words[j] == "»"
        if quoted:
            j -= 1
            name_end = j
            while j >= 0 and words[j] != "«":
                j -= 1
            name_start = j + 1
        else:
            while j >= 0 and not _PUNCT.match(words[j]) and words[j] not in cues["boundary"] and not _starts_with(words, j, cues["role"]):
                j -= 1
            name_start = j + 1
        while name_start <= name_end and (h := _starts_with(words, name_start, cues["honorific"])):
            name_start += h
        # the role: forward to punctuation, a stop word or the length limit
        k = i + role_len
        while k < len(tokens) and k - i < MAX_ROLE_TOKENS and not _PUNCT.match(words[k]) and words[k] not in _ROLE_STOP:
            if words[k] == "و" and _starts_with(words, k + 1, cues["role"]):
                break  # «وزیر سابق ... و رئیس کنونی ...»: a second role
            k += 1
        role_start, role_end = tokens[i][1], tokens[k - 1][2]
        inside = [m for m in countries if role_start <= m.start < role_end]
        if not inside and k < len(tokens) and words[k] == "فی" and (follow := [m for m in countries if m.kind == "country" and tokens[k][2] <= m.start < tokens[min(k + 5, len(tokens) - 1)][2]]):
            inside, role_end = follow, follow[-1].end
        elif inside:
            role_end = inside[-1].end
        orgs = [m for m in organizations if role_start <= m.start < role_end]
        if orgs and not inside:
            role_end = orgs[-1].end
        n_name = name_end - name_start + 1
        after_attribution = name_start > 0 and words[name_start - 1] in cues["attribution"]
        common = any(w in cues["not_name"] for w in words[name_start : name_end + 1])
        if 1 <= n_name <= MAX_NAME_TOKENS and (n_name >= 2 or quoted) and not (after_attribution or common):
            start, end = tokens[name_start][1], tokens[name_end][2]
            name = body[start:end].strip("«» ")
            if not any(ch.isdigit() for ch in name):
                in_org = bool(orgs)
                country = inside[-1].country if inside else (None if in_org else home_country)
                found.append(Person(name, body[role_start:role_end], country, ((start, end),)))
        i = k if k > i else i + 1
    return _merge(found)


def _merge(persons: list[Person]) -> list[Person]:
    merged: list[Person] = []
    for person in persons:
        for n, known in enumerate(merged):
            if _same_person(known.name, person.name):
                merged[n] = Person(
                    max(known.name, person.name, key=len),
                    known.role or person.role,
                    known.country or person.country,
                    known.spans + person.spans,
                )
                break
        else:
            merged.append(person)
    return merged
