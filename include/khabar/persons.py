"""Officials and their roles: «NAME، ROLE» and «NAME ROLE» in Persian, Dari and Arabic.

A role starts at a role word (وزیر، معاون، دبیر کل، وزير، الأمين العام ...) and runs
to the first punctuation or function word; when it names a country it ends with
that country, which is the official's country. The name is the run of words just
before the role, back to a boundary word (با، و، مع ...) or punctuation, with
honorifics (محترم، الحاج، سید، السيد، معالي ...) removed. Spelling variants of one
name in an article (ما کاشویچ / ماکاشویچ) are merged.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from khabar import fast_hazm
from khabar.entities import EntityMention
from khabar.gazetteer import read_tsv
from khabar.normalize import fold, fold_phrase
from khabar.spans import StartIndex

_TOKEN = re.compile(r"\n|[^\s،,.:؛;!?؟«»\"()\[\]/\-–]+|[،,.:؛;!?؟«»\"()\[\]/\-–]")
_PUNCT = re.compile(r"^(?:[،,.:؛;!?؟\"()\[\]/\-–]|\n)$")
#: Arabic nouns that stand indefinite inside an official title (وزير الاتصالات وتقنية المعلومات).
_ARABIC_TITLE_NOUNS = frozenset(
    fold_phrase(w) for w in "تقنية تكنولوجيا دولة شؤون مجلس إدارة هيئة وزارة قطاع شركة سلطة مركز مدينة مكتب".split()
)
_DEFINITE = ("ال", "وال", "بال", "لل", "فال", "كال", "ول")
MAX_NAME_TOKENS = 6
#: A name introduced only by an honorific (no role next to it) is kept short.
MAX_HONORIFIC_NAME_TOKENS = 3
MAX_ROLE_TOKENS = 14
#: Verbs and function words that end a role.
_ROLE_STOP = frozenset(
    fold_phrase(w)
    for w in "در با به از که را برای ضمن نیز هم طی تا بر داشت کرد گفت افزود است شد بود نمود کردند هستند "
    "دیدار ملاقات گفتگو گفت‌وگو رایزنی "
    "عن مع الى إلى قال أكد أعلن التقى خلال حيث الذي التي "
    # a counterpart is another official: «الوزير نظيره الكيني», «وزیر همتای عمانی خود»
    "نظيره نظيرته نظراءه همتای همتایان".split()
)


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str | None
    country: str | None
    spans: tuple[tuple[int, int], ...]  # name offsets in the body


class PhraseSet:
    """Folded cue phrases of one kind, indexed by their first word.

    ``word in phrases`` tests a one-word phrase; :meth:`match` finds the longest phrase
    starting at a token, in time independent of the number of phrases.
    """

    def __init__(self, phrases: set[str]) -> None:
        self._single = frozenset(p for p in phrases if " " not in p)
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(phrase.split())
            by_first.setdefault(words[0], []).append(words)
        self._by_first = {first: sorted(group, key=len, reverse=True) for first, group in by_first.items()}

    def __contains__(self, word: object) -> bool:
        return word in self._single

    def starts(self, words: Sequence[str]) -> list[int]:
        """Indexes of the tokens some phrase could start at (its first word), in order."""
        firsts = self._by_first
        return [i for i, w in enumerate(words) if w in firsts]

    def match(self, words: Sequence[str], i: int) -> int:
        """Length in tokens of the longest phrase starting at token ``i`` (0 if none)."""
        for phrase in self._by_first.get(words[i], ()) if i < len(words) else ():
            if tuple(words[i : i + len(phrase)]) == phrase:
                return len(phrase)
        return 0


@functools.cache
def _cues() -> dict[str, PhraseSet]:
    grouped: dict[str, set[str]] = {kind: set() for kind in ("role", "honorific", "boundary", "not_name", "attribution", "not_role_ar")}
    for row in read_tsv("person_cues.tsv"):
        grouped[row["kind"]].add(fold_phrase(row["surface"]))
    return {kind: PhraseSet(phrases) for kind, phrases in grouped.items()}


@functools.lru_cache(maxsize=8)
def _tokens(body: str) -> tuple[tuple[str, int, int], ...]:
    """``(folded word, start, end)`` of each token; the body is folded once (fold keeps length).
    Cached: roles and persons both walk the body's tokens."""
    folded = fold(body)
    spans = [m.span() for m in _TOKEN.finditer(body)]
    return tuple((folded[a:b], a, b) for a, b in spans)


def same_person(a: str, b: str) -> bool:
    """Two spellings of one name: equal when folded without spaces, one the start of the
    other (a name cut short), or at least 85% alike."""
    a, b = fold(a).replace(" ", ""), fold(b).replace(" ", "")
    if a == b:
        return True
    if min(len(a), len(b)) < 6:
        return False
    short, long = sorted((a, b), key=len)
    if long.startswith(short) or _alike(a, b):
        return True
    # a name cut short and spelt differently: «ژومان گارین سریک» ~ «ژومان گارین ساریک ما کاشویچ»
    return len(short) >= 8 and _alike(short, long[: len(short) + 1])


def _alike(a: str, b: str) -> bool:
    """difflib's ratio is at least 0.85, its upper bounds tried first (as
    ``difflib.get_close_matches`` does): most pairs of names fail on their lengths alone
    (``real_quick_ratio``, computed here without building a matcher)."""
    if 2.0 * min(len(a), len(b)) / (len(a) + len(b)) < 0.85:
        return False
    matcher = difflib.SequenceMatcher(None, a, b)
    return matcher.quick_ratio() >= 0.85 and matcher.ratio() >= 0.85


#: Words between a role head and a second role word that keep it one role («معاون اول وزیر»).
_ROLE_MODIFIERS = frozenset(fold_phrase(w) for w in "اول دوم سوم ارشد سابق اسبق کنونی فعلی الاول الثانی السابق".split())
#: Heads of ministry names, whose words (وزارت توسعه دیجیتال، نوآوری و صنعت هوافضا) are not topics.
_MINISTRY_HEADS = (fold_phrase("وزارت"), fold_phrase("وزارة"), fold_phrase("الوزارة"))
#: A comma inside a role is crossed when a country follows within this many tokens.
_COMMA_LOOKAHEAD = 7


@dataclass(frozen=True, slots=True)
class RoleExtent:
    end_token: int  # one past the role's last token
    start: int  # character offsets in the body
    end: int
    countries: tuple[EntityMention, ...]
    organizations: tuple[EntityMention, ...]


def _by_start(mentions: list[EntityMention]) -> StartIndex[EntityMention]:
    """Mentions by start offset: a role asks which lie inside it (a scan per role would grow
    with the square of the article)."""
    return StartIndex(mentions, key=lambda m: m.start)


def _role_extent(
    tokens: Sequence[tuple[str, int, int]],
    words: list[str],
    i: int,
    head_len: int,
    countries: StartIndex[EntityMention],
    organizations: StartIndex[EntityMention],
) -> RoleExtent:
    """The extent of a role (or ministry name) whose head starts at token ``i``.

    It runs to punctuation, a function word or verb, or a second role; it crosses a
    comma when the country of a «Ministry of A, B and C of <country>» follows, and an
    Arabic «في» when a country follows (وزير البريد والاتصالات في الجمهورية الجزائرية).
    It ends with its last country (or organisation) when it names one.
    """
    roles = _cues()["role"]
    k = i + head_len
    while k < len(tokens) and k - i < MAX_ROLE_TOKENS:
        word = words[k]
        if word in ("،", ",") and k + 1 < len(tokens):
            horizon = tokens[min(k + _COMMA_LOOKAHEAD, len(tokens) - 1)][2]
            ahead = [m for m in countries.within(tokens[k][2], horizon) if m.kind == "country"]
            between = words[k + 1 : k + _COMMA_LOOKAHEAD]
            if ahead and not any(_PUNCT.match(w) or w in _ROLE_STOP for w in between[: _index_of_char(tokens, k + 1, ahead[0].start)]):
                k += 1
                continue
            break
        if _PUNCT.match(word) or word in _ROLE_STOP or _cues()["honorific"].match(words, k):
            break  # an honorific starts the next person: «وزير النقل اليوم معالي عيسى ...»
        inner = roles.match(words, k)
        if inner:
            if words[k - 1] == "و" or (k > i + head_len and words[k - 1] not in _ROLE_MODIFIERS):
                if words[k - 1] == "و":
                    k -= 1
                break  # a second role: «وزیر سابق ... و رئیس کنونی ...», «وزیر X Y وزیر ...»
            k += inner  # part of this role: «معاون نخست وزیر», «معاون اول وزیر»
            continue
        k += 1
    start, end = tokens[i][1], tokens[max(k - 1, i)][2]
    inside = countries.within(start, end)
    if not inside and k < len(tokens) and words[k] == "فی":
        horizon = tokens[min(k + 5, len(tokens) - 1)][2]
        inside = [m for m in countries.within(tokens[k][2], horizon) if m.kind == "country"][:1]
    if inside:
        end = inside[-1].end
    orgs = organizations.within(start, end)
    if orgs and not inside:
        end = orgs[-1].end
    return RoleExtent(k, start, end, tuple(inside), tuple(orgs))


@dataclass(frozen=True, slots=True)
class Official:
    """An official's role in the body, whether or not a name stands beside it («وزیر ارتباطات»,
    «سفير الصين لدى المملكة»): a side of the engagements of its sentence."""

    start: int
    end: int
    country: str | None  # the role's country, a company's home, else the reporting side's
    international: bool  # the role is in an international body (its officials have no country)
    #: every country the role serves: «مقامات وزارت مخابرات افغانستان و ترکمنستان» serve two
    countries: tuple[str, ...] = ()


def officials(body: str, countries: list[EntityMention], organizations: list[EntityMention], home_country: str | None) -> list[Official]:
    """Every official's role and every ministry in ``body``, named or not, with the country it serves.

    The country is the role's own (its last country: «معاون وزیر ارتباطات ایران»), else the
    home of the organisation it names (an international body's officials have none), else the
    reporting side's (a role or ministry that names no country is the outlet's own:
    «وزیر ارتباطات», «هیئت وزارت مخابرات»).
    """
    cues = _cues()
    tokens = _tokens(body)
    words = [t[0] for t in tokens]
    found: list[Official] = []
    after = 0
    ministries = [i for i, w in enumerate(words) if w in _MINISTRY_HEADS]
    places, bodies = _by_start(countries), _by_start(organizations)
    for i in sorted(set(cues["role"].starts(words)).union(ministries)):
        if i < after:
            continue  # inside the previous role («معاون وزیر»)
        head = cues["role"].match(words, i) or (1 if words[i] in _MINISTRY_HEADS else 0)
        if not head:
            continue
        extent = _role_extent(tokens, words, i, head, places, bodies)
        after = max(extent.end_token, i + 1)
        served = _served(body, extent.countries)
        if served:
            country, international = served[0], False
        elif extent.organizations:
            country = extent.organizations[0].country
            international = country is None
        else:
            country, international = home_country, False
        found.append(Official(extent.start, extent.end, country, international, served or ((country,) if country else ())))
    return found


#: Words before a country that make it an official's posting, not the country served:
#: «سفير كوريا لدى الجزائر», «سفیر ایران در عمان», «نماینده ایران نزد سازمان ملل».
_POSTING = ("لدی ", "لدى ", "فی ", "في ", "در ", "نزد ", "به ")


def _served(body: str, countries: tuple[EntityMention, ...]) -> tuple[str, ...]:
    """The countries a role serves: those it names, less its postings («بالجزائر», «در عمان»);
    the posting alone when it names nothing else."""
    served = [m.country for m in countries if m.country and not (body[: m.start].endswith(_POSTING) or body[m.start - 1 : m.start] == "ب")]
    return tuple(dict.fromkeys(served)) or tuple(dict.fromkeys(m.country for m in countries[-1:] if m.country))


def _index_of_char(tokens: Sequence[tuple[str, int, int]], first: int, char: int) -> int:
    """How many tokens from ``first`` lie before character offset ``char``."""
    n = 0
    while first + n < len(tokens) and tokens[first + n][1] < char:
        n += 1
    return n


def institution_spans(body: str, countries: list[EntityMention], organizations: list[EntityMention]) -> list[tuple[int, int]]:
    """Character spans of officials' roles and ministry names (their words are not topics)."""
    cues = _cues()
    tokens = _tokens(body)
    words = [t[0] for t in tokens]
    spans = []
    ministries = [i for i, w in enumerate(words) if w in _MINISTRY_HEADS]
    places, bodies = _by_start(countries), _by_start(organizations)
    for i in sorted(set(cues["role"].starts(words)).union(ministries)):
        head = cues["role"].match(words, i) or (1 if words[i] in _MINISTRY_HEADS else 0)
        if head:
            extent = _role_extent(tokens, words, i, head, places, bodies)
            spans.append((extent.start, extent.end))
    return spans


def _name_before(words: list[str], i: int, opening_quotes: list[int]) -> tuple[int, int, bool]:
    """``(first, last, quoted)`` token indices of the name just before token ``i``.

    A quoted name («...» ROLE) starts after the last « before its closing » (found by
    bisection in ``opening_quotes``, the token indices of «), or at the first token.
    """
    cues = _cues()
    j = i - 1
    if j >= 0 and words[j] in ("،", ","):
        j -= 1
    last = j
    if j >= 0 and words[j] == "»":
        last = j - 1
        k = bisect.bisect_right(opening_quotes, last) - 1
        return (opening_quotes[k] if k >= 0 else -1) + 1, last, True
    while j >= 0 and not _PUNCT.match(words[j]) and words[j] not in cues["boundary"] and not cues["role"].match(words, j):
        j -= 1
    first = j + 1
    if first <= last and last >= 0 and words[last] in cues["honorific"]:
        return first, first - 1, False  # «محترم وزیر صاحب»: a title addressed to the role, no name
    while first <= last and (h := cues["honorific"].match(words, first)):
        first += h
    return first, last, False


#: Arabic function words that are never part of a name, compared unfolded («على» is not «علي»).
_ARABIC_FUNCTION_WORDS = frozenset("على في من إلى عن مع أن إن كما لا ما هذا هذه التي الذي قد لم لن كان أنها أنه".split())


@functools.cache
def _lemmatizer() -> Any:
    """hazm's Lemmatizer, built once per process (about a second)."""
    from hazm import Lemmatizer

    return Lemmatizer()


def _is_persian_verb(word: str) -> bool:
    """An inflected Persian verb («می‌نمایم», «کردم»): hazm lemmatises it to «past#present».

    That is: not in hazm's word list and one of its verb forms. Forms joined with «_»
    exist only in the full Lemmatizer, built for such (rare) tokens alone."""
    if "_" in word:
        return "#" in _lemmatizer().lemmatize(word)
    data = fast_hazm.hazm_data()
    return word not in data["words"] and word in data["verbs"]


def _acceptable_name(words: list[str], first: int, last: int, quoted: bool, lang: str = "fa", originals: list[str] | None = None) -> bool:
    cues = _cues()
    n = last - first + 1
    if not (1 <= n <= MAX_NAME_TOKENS and (n >= 2 or (quoted and lang != "ar"))):
        return False  # a quoted surname («زارعپور») in Persian; Arabic «...» quote brands too
    if first > 0 and words[first - 1] in cues["attribution"]:
        return False
    span = words[first : last + 1]
    if any(w in cues["not_name"] or w in cues["attribution"] or w in cues["boundary"] or w in _ROLE_STOP or any(ch.isdigit() for ch in w) for w in span):
        return False
    if lang == "ar":
        return not (originals and any(o in _ARABIC_FUNCTION_WORDS for o in originals[first : last + 1]))
    return not any(_is_persian_verb(o) for o in (originals or span)[first : last + 1] if o)


def _without_honorifics(words: list[str], first: int, last: int, honorifics: list[int]) -> int:
    """Start a name after the last honorific inside it («ووقع المذكرة معالي عمر ...» -> «عمر ...»);
    ``honorifics`` are the token indices where one starts, in order."""
    k = bisect.bisect_right(honorifics, last) - 1
    if k >= 0 and honorifics[k] >= first:
        return honorifics[k] + _cues()["honorific"].match(words, honorifics[k])
    return first


def _token_indices(tokens: Sequence[tuple[str, int, int]], mentions: list[EntityMention]) -> set[int]:
    """Indices of the tokens that overlap any of ``mentions``."""
    starts = [a for _, a, _ in tokens]
    found: set[int] = set()
    for mention in mentions:
        n = max(bisect.bisect_right(starts, mention.start) - 1, 0)
        while n < len(tokens) and tokens[n][1] < mention.end:
            if tokens[n][2] > mention.start:
                found.add(n)
            n += 1
    return found


def _names_a_country(tokens: Sequence[tuple[str, int, int]], first: int, last: int, countries: StartIndex[EntityMention]) -> bool:
    start, end = tokens[first][1], tokens[last][2]
    return any(m.kind == "country" for m in countries.within(start, end))


_NAME_LINKS = frozenset(fold_phrase(w) for w in "بن بنت ابن أبو آل".split())


def _arabic_name_end(words: list[str], first: int, limit: int) -> int:
    """Last token of an Arabic name from ``first``: two words, plus «بن X» links, plus one after «عبد»."""
    last = first + 1
    if words[first] == fold_phrase("عبد"):
        last += 1
    while last + 2 < limit and words[last + 1] in _NAME_LINKS:
        last += 2
    return min(last, limit - 1)


def _name_after(
    words: list[str], originals: list[str], extent: RoleExtent, head: int, lang: str, places: set[int]
) -> tuple[int, int] | None:
    """A name after its role: «ROLE، NAME،» in any language; «ROLE NAME» in Arabic, where the
    title is the head's run of definite words and title nouns (وزير الاتصالات والتقانة إياد الخطيب)."""
    k = extent.end_token
    if k < len(words) and words[k] in ("،", ","):
        last = k + 1
        while last < len(words) and not _PUNCT.match(words[last]) and last - k <= 4:
            last += 1
        if last < len(words) and _PUNCT.match(words[last]) and last - (k + 1) >= 2:
            return k + 1, last - 1
    if lang == "ar":
        j = head
        while j < k and (
            j in places
            or originals[j].startswith(_DEFINITE)
            or words[j].lstrip("و") in _ARABIC_TITLE_NOUNS
            or (words[j] == "فی" and j + 1 in places)  # «في الجمهورية الجزائرية», not «في بلادنا»
        ):
            j += 1
        if head < j < k and k - j >= 2:
            return j, _arabic_name_end(words, j, k)
    return None


def find_persons(
    body: str,
    countries: list[EntityMention],
    organizations: list[EntityMention],
    home_country: str | None,
    lang: str = "fa",
) -> list[Person]:
    """Officials named in ``body``: before a role («NAME، ROLE», «NAME ROLE») or after an honorific.

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
    originals = [body[a:b] for _, a, b in tokens]
    places = _token_indices(tokens, countries)
    by_start, bodies = _by_start(countries), _by_start(organizations)
    opening_quotes = [j for j, w in enumerate(words) if w == "«"]
    honorifics = [j for j in cues["honorific"].starts(words) if cues["honorific"].match(words, j)]
    found: list[Person] = []
    i = 0
    for candidate in cues["role"].starts(words):
        if candidate < i:  # inside the previous role
            continue
        i = candidate
        head = cues["role"].match(words, i)
        if not head or (lang == "ar" and words[i] in cues["not_role_ar"]):
            continue
        extent = _role_extent(tokens, words, i, head, by_start, bodies)
        first, last, quoted = _name_before(words, i, opening_quotes)
        first = _without_honorifics(words, first, last, honorifics)
        if lang == "ar" and originals[i].startswith("ال"):
            first, last = 0, -1  # «الوزير X»: a definite title precedes its name
        role_start, role_end = extent.start, extent.end
        if not (_acceptable_name(words, first, last, quoted, lang, originals) and not _names_a_country(tokens, first, last, by_start)):
            after = _name_after(words, originals, extent, i + head, lang, places)
            if after and _acceptable_name(words, *after, False, lang, originals) and not _names_a_country(tokens, *after, by_start):
                first, last, quoted = after[0], after[1], False
                if first < extent.end_token:  # «ROLE NAME»: the role ends before the name
                    role_end = tokens[first - 1][2]
            else:
                first, last = 0, -1
        if last >= first:
            start, end = tokens[first][1], tokens[last][2]
            country = extent.countries[-1].country if extent.countries else (None if extent.organizations else home_country)
            found.append(Person(body[start:end].strip("«» "), body[role_start:role_end], country, ((start, end),)))
        i = max(extent.end_token, i + 1)
    found.extend(_honorific_names(body, tokens, words, originals, lang))
    return _merge(found)


def _honorific_names(body: str, tokens: Sequence[tuple[str, int, int]], words: list[str], originals: list[str], lang: str) -> list[Person]:
    """Names introduced by an honorific (السيد ستار هاشمي، سید ستار هاشمی) with no role next to them."""
    cues = _cues()
    found = []
    for i in cues["honorific"].starts(words):
        h = cues["honorific"].match(words, i)
        if not h or (i > 0 and cues["honorific"].match(words, i - 1)):
            continue
        first = i + h
        while first < len(tokens) and (more := cues["honorific"].match(words, first)):
            first += more
        last = first
        while (
            last < len(tokens)
            and last - first < MAX_HONORIFIC_NAME_TOKENS
            and not _PUNCT.match(words[last])
            and words[last] not in cues["boundary"]
            and words[last] not in _ROLE_STOP
            and not cues["role"].match(words, last)
        ):
            last += 1
        last -= 1
        if last - first + 1 >= 2 and _acceptable_name(words, first, last, False, lang, originals):
            found.append(Person(body[tokens[first][1] : tokens[last][2]], None, None, ((tokens[first][1], tokens[last][2]),)))
    return found


@dataclass(slots=True)
class _Merged:
    """A person being merged: the longest spelling so far, the first role and country, every span."""

    name: str
    role: str | None
    country: str | None
    spans: list[tuple[int, int]]


class _SpanOwners:
    """The spans of the merged persons by start: whose span overlaps a span, whose covers an offset.

    A query looks back from its end only as far as the longest span reaches.
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._spans: list[tuple[int, int, int]] = []  # (start, end, owner), by start
        self._longest = 0

    def add(self, start: int, end: int, owner: int) -> None:
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._spans.insert(i, (start, end, owner))
        self._longest = max(self._longest, end - start)

    def _reaching(self, stop: int, offset: int) -> Iterator[tuple[int, int, int]]:
        """Spans among the first ``stop`` (by start) that may reach past ``offset``."""
        for k in range(stop - 1, -1, -1):
            span = self._spans[k]
            if span[0] + self._longest <= offset:
                return
            yield span

    def first_overlapping(self, start: int, end: int) -> int | None:
        """The first owner with a span overlapping ``[start, end)``."""
        stop = bisect.bisect_left(self._starts, end)
        return min((n for _, e, n in self._reaching(stop, start) if e > start), default=None)

    def covers(self, owner: int, offset: int) -> bool:
        """A span of ``owner`` holds ``offset``."""
        stop = bisect.bisect_right(self._starts, offset)
        return any(n == owner and offset < e for _, e, n in self._reaching(stop, offset))


class _FirstSpelling:
    """Which merged person, the first by position, a spelling is one of (:func:`same_person`).

    Each distinct spelling is compared with each merged name once, and again only with a
    name that changed since (a merged name grows to its longest spelling): the work grows
    with the mentions times nothing, and with the square of the distinct names only.
    """

    def __init__(self, merged: list[_Merged]) -> None:
        self._merged = merged
        self._renamed: list[int] = []  # positions whose name changed, in order of change
        self._memo: dict[str, tuple[int | None, int, int]] = {}  # spelling -> (first match, persons compared, renames seen)

    def renamed(self, n: int) -> None:
        self._renamed.append(n)

    def first(self, name: str) -> int | None:
        merged = self._merged

        def spells(n: int) -> bool:
            return same_person(merged[n].name, name)

        found, compared, seen = self._memo.get(name, (None, 0, len(self._renamed)))
        renamed = sorted({n for n in self._renamed[seen:] if n < compared})
        if found is None:  # none of the first ``compared`` matched: one renamed since may now
            found = next((n for n in renamed if spells(n)), None)
        else:  # a renamed earlier person may now match; the match itself may no longer
            earlier = next((n for n in renamed if n < found and spells(n)), None)
            if earlier is not None:
                found = earlier
            elif found in renamed and not spells(found):
                found = next((n for n in range(found + 1, compared) if spells(n)), None)
        if found is None:
            found = next((n for n in range(compared, len(merged)) if spells(n)), None)
        self._memo[name] = (found, len(merged), len(self._renamed))
        return found


def with_later_mentions(body: str, persons: list[Person]) -> list[Person]:
    """Persons with the later mentions of their family name added to their spans: after
    «سید ستار هاشمی وزیر ارتباطات», «هاشمی در حاشیه این اجلاس ...» is the same official.

    Only a name of two words or more is followed, by its last word (at least four letters);
    a headline or lead may name the person by family name before the full name does; a family
    name two persons share is left alone.
    """
    if not persons:
        return persons
    tokens = _tokens(body)
    surnames: dict[str, list[int]] = {}
    for n, person in enumerate(persons):
        words = fold(person.name).split()
        if len(words) >= 2 and len(words[-1]) >= 4:
            surnames.setdefault(words[-1], []).append(n)
    shared = {w for w, owners in surnames.items() if len(owners) > 1}
    extra: dict[int, list[tuple[int, int]]] = {}
    for word, start, end in tokens:
        owners = surnames.get(word)
        if not owners or word in shared:
            continue
        person = persons[owners[0]]
        if not any(a <= start < b for a, b in person.spans):  # also before the full name: a headline
            extra.setdefault(owners[0], []).append((start, end))
    return [replace(p, spans=p.spans + tuple(extra.get(n, ()))) if n in extra else p for n, p in enumerate(persons)]


def _merge(persons: list[Person]) -> list[Person]:
    """One person per individual: a mention joins the first person merged so far whose spans
    it overlaps or whose name it spells (:func:`same_person`), else starts one.

    The merged spans are indexed by start and each spelling's first match remembered, so
    the work does not grow with mentions times persons (a long article names thousands).
    """
    merged: list[_Merged] = []
    owners = _SpanOwners()
    spellings = _FirstSpelling(merged)
    for person in persons:
        candidates = [owners.first_overlapping(c, d) for c, d in person.spans] + [spellings.first(person.name)]
        n = min((c for c in candidates if c is not None), default=None)
        if n is None:
            merged.append(_Merged(person.name, person.role, person.country, list(person.spans)))
            for c, d in person.spans:
                owners.add(c, d, len(merged) - 1)
            continue
        known = merged[n]
        new_spans = [sp for sp in person.spans if not owners.covers(n, sp[0])]
        known.spans.extend(new_spans)
        for c, d in new_spans:
            owners.add(c, d, n)
        name = max(known.name, person.name, key=len)
        if name != known.name:
            known.name = name
            spellings.renamed(n)
        known.role = known.role or person.role
        known.country = known.country or person.country
    return [Person(m.name, m.role, m.country, tuple(m.spans)) for m in merged]
