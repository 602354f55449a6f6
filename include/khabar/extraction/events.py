"""Engagement events (meeting, visit, mou, agreement, invitation, working_group, conference).

An event is reported where a cue of ``data/events.tsv`` stands in a sentence that names the
engaging sides. A cue alone is not enough: «زيارة» is also a page view, «قرارداد» a player's
contract, «دعوت» an appeal to the public, «مؤتمر صحفي» a press conference. So each cue is
checked against its sentence (``data/event_context.tsv``):

1. **The cue**: no negation or denial in its clause («دیدار نکرد», «لم يوقع», «ونفت»), no wish,
   plan, attempt or condition earlier in its clause («إذا», «اگر», «يعتزم», «تلاش»), not inside a
   phrase that reports no engagement («نشست خبری», «الاتفاق النووي»), not an interview («در
   گفت‌وگو با روزنامه»), a shared view («اتفقتا على ضرورة»), a comparison («كاتفاقية») or a
   landmark («بعد توقيع هذا الاتفاق»); an agreement or memorandum named by a noun must be signed,
   concluded, drafted or agreed («امضای قرارداد»); an invitation must invite a party to
   something («دعوت ... برای سفر», «لزيارة»), not the public («از مردم»).
2. **The sides**: the officials of the sentence (with the country of their role; a role that
   names no country is the outlet's own, in Arabic only as the cue's subject, object, next of
   its list or guest of a reception), the countries that stand as a side (after «وفد», «هیئت»,
   «سفیر», «همتای», «به میزبانی»; after «با», «مع», «بين»; a visit's destination after «به»,
   «إلى», or the outlet's own country named as such, «إلى الدولة»; coordinated with a side),
   international bodies, and for agreements and memoranda the companies that sign them. A
   country that is only a subject of the talks («درباره سوریه», «الأزمة السورية»), listed
   beside a side («إلى جانب روسيا») or named as a deal («اتفاق فيينا») is no side, nor is a
   venue («في ماليزيا»): a host takes part through its officials.
3. **Two sides at least**, a country among them, else a sentence that refers back to an
   engagement («در این دیدار», «الجانبان», «بر اساس این توافق») takes the sides of the last
   sentence that named two, until another country stands as a side.
4. **Three countries or more** give pairs only for meetings called separate, one meeting of
   all for an official's counterparts named as such or a multilateral wording («سه‌جانبه»,
   «ثلاثي»), else nothing: such a list is mostly members of a group, subjects or speakers.
   Nor does an engagement with a group of states named as a group («دول مجلس التعاون»).

``docs/extraction.md`` says each rule with its examples; the corpus audits
(``tests/fixtures/audit/``) are what they were written against.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from khabar.extraction.article_text import ArticleText, as_article_text
from khabar.extraction.entities import EntityMention
from khabar.extraction.gazetteer import Match, PhraseMatcher, read_tsv, word_list
from khabar.extraction.persons import Official, Person
from khabar.extraction.topics import TopicHit
from khabar.extraction.vocabulary import EVENT_TYPES
from khabar.text.normalize import fold_phrase


@dataclass(frozen=True, slots=True)
class Event:
    event_type: str
    countries: tuple[str, ...]  # ISO3, sorted
    topics: tuple[str, ...]
    evidence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Cue:
    event_type: str
    needs: str  # "" | "signing" (a noun: the agreement must be concluded) | "invite_for"


@functools.cache
def event_matcher(lang: str = "fa") -> PhraseMatcher[Cue]:
    """The cues of texts in ``lang`` (Dari reads the Persian cues)."""
    rows = read_tsv("events.tsv")
    unknown = {r["event_type"] for r in rows} - set(EVENT_TYPES)
    if unknown:
        raise ValueError(f"events.tsv names event types outside the vocabulary: {sorted(unknown)}")
    cue_lang = "ar" if lang == "ar" else "fa"
    return PhraseMatcher(
        ((r["surface"], Cue(r["event_type"], r["needs"])) for r in rows if r["lang"] == cue_lang),
        prefix_match=True,
    )


#: Event types that gather many parties: their parties are not split into pairs.
MULTILATERAL_TYPES = frozenset({"conference"})
#: Event types a company can be a side of (a contract between two companies of two countries).
COMPANY_TYPES = frozenset({"mou", "agreement", "working_group"})
#: How many words before a country a context word may stand («با وزیر ارتباطات عمان» is a role).
_BEFORE = 2
#: A signing verb stands at most this many words (before, after) the agreement it signs: at
#: the end of the Persian clause («تفاهم‌نامه ... به امضا رساندند»: further still while the
#: clause runs on), before the Arabic noun («وقعت ... مذكرة تفاهم»); indexed by ``lang == "ar"``.
_SIGNING_REACH = ((4, 16), (8, 4))
#: A country this many words from a cue, in its clause, is a side («ایران و عمان ... امضا کردند»).
_NEAR_CUE = 2
#: How many words around a cue a negation may stand in its clause.
_NEGATION_BEFORE, _NEGATION_AFTER = 3, 3
_TOKEN = re.compile(r"\w+|[^\w\s]")
_CLAUSE_BREAK = frozenset('،,؛;:.!?؟()«»"')
_PROCLITICS = "وفبلک"
#: Plural and ezafe endings of a Persian noun (folded: a ZWNJ before «ها» is a space).
_PERSIAN_ENDINGS = ("هایی", "های", "ها", "ی")
_PLURAL_WORDS = frozenset({"ها", "های", "هایی"})
#: A dash between two country names after a meeting cue writes a sports fixture.
_DASHES = frozenset({"-", "–", "—"})
#: Words that join two names in a list: «ایران و روسیه», «تهران-مسکو», «مصر، السودان».
_JOINS = frozenset({"و", "-", "–", "،", ","})


class _Context:
    """The words of ``event_context.tsv`` by kind, matched on folded tokens.

    A sentence is indexed once (every kind's phrases at every token, in one pass over its
    words); the checks then look positions up. The index of the last sentences is kept, keyed
    by their words, since one sentence is checked many times over (each cue, each country)."""

    def __init__(self) -> None:
        self.first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for row in read_tsv("event_context.tsv"):
            phrase = tuple(fold_phrase(row["surface"]).split())
            self.first.setdefault(phrase[0], []).append((row["kind"], phrase))
        self._recent: dict[tuple[tuple[str, ...], str], dict[str, dict[int, int]]] = {}

    def index(self, words: tuple[str, ...], lang: str) -> dict[str, dict[int, int]]:
        """kind -> {token: length of the longest phrase of that kind starting there}."""
        key = (words, lang)
        found = self._recent.get(key)
        if found is None:
            found = {}
            for i, word in enumerate(words):
                for form in _forms(word, lang):
                    for kind, phrase in self.first.get(form, ()):
                        if tuple(words[i + 1 : i + len(phrase)]) == phrase[1:]:
                            at = found.setdefault(kind, {})
                            at[i] = max(at.get(i, 0), len(phrase))
            if len(self._recent) >= _INDEXED_SENTENCES:
                self._recent.pop(next(iter(self._recent)))
            self._recent[key] = found
        return found

    def match(self, kind: str, words: tuple[str, ...], i: int, lang: str) -> int:
        """Length of the longest ``kind`` phrase at token ``i`` (an Arabic word may carry a proclitic)."""
        return self.index(words, lang).get(kind, {}).get(i, 0)

    def any_in(self, kind: str, words: tuple[str, ...], first: int, last: int, lang: str) -> bool:
        return any(first <= i < last for i in self.index(words, lang).get(kind, ()))


#: How many sentences' indexes :class:`_Context` keeps (a sentence is checked many times over, then left).
_INDEXED_SENTENCES = 32


def _forms(word: str, lang: str) -> tuple[str, ...]:
    """A folded word and, in Arabic, the word without one proclitic and without the article
    («والوفد» -> «الوفد» -> «وفد», «للوفد» -> «الوفد» -> «وفد»); in
    Persian, without a plural or ezafe ending («اپراتورهای» -> «اپراتور»)."""
    if lang == "ar":
        if len(word) > 4 and word.startswith("لل"):
            return (
                word,
                "ال" + word[2:],
                word[2:],
            )  # «للائتلاف» is «ل» + «الائتلاف»: the article's alif falls after «ل»
        bare = word[1:] if len(word) > 3 and word[0] in _PROCLITICS else word
        if len(bare) > 4 and bare.startswith("ال"):
            return tuple(dict.fromkeys((word, bare, bare[2:])))  # «والأوضاع» -> «الأوضاع» -> «أوضاع»
        return (word, bare) if bare != word else (word,)
    for ending in _PERSIAN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return (word, word[: -len(ending)])
    return (word,)


@functools.cache
def _context() -> _Context:
    return _Context()


@functools.cache
def _demonyms() -> frozenset[str]:
    """Folded demonyms («عمانی», «القطري»): a country named as an adjective of the noun before it."""
    rows = read_tsv("countries_cldr.tsv") + read_tsv("countries_curated.tsv")
    return frozenset(fold_phrase(r["surface"]) for r in rows if r["kind"] == "demonym")


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int
    words: tuple[str, ...]
    starts: tuple[int, ...]  # each token's start in the body


def _sentences(text: ArticleText) -> list[_Sentence]:
    """The sentences with their folded tokens (a view of the article text, built once)."""
    found = []
    for start, end in text.sentences:
        tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text.folded, start, end)]
        found.append(_Sentence(start, end, tuple(w for w, _ in tokens), tuple(s for _, s in tokens)))
    return found


def _token_at(sentence: _Sentence, offset: int) -> int:
    return max(bisect.bisect_right(sentence.starts, offset) - 1, 0)


def _in_clause(words: Sequence[str], first: int, last: int) -> bool:
    """No clause break among ``words[first:last]``."""
    return not any(w in _CLAUSE_BREAK for w in words[first:last])


def _parties_follow(words: tuple[str, ...], j: int, lang: str, country_tokens: set[int]) -> bool:
    """Parties named right after an agreement noun: «توافق ایران و روسیه», «اتفاقية بين البلدين»,
    «قرارداد با عمان». One country alone names a deal, not its parties: «اتفاق فيينا», «اتفاق إيران»."""
    context = _context()
    near = range(j + 1, j + 1 + _NEAR_CUE)
    if any(context.match("back_reference", words, k, lang) for k in near):
        return True
    if any(
        context.match("with", words, k, lang)
        and any(
            t in country_tokens or context.match("back_reference", words, t, lang)
            for t in range(k + 1, k + 4)
        )
        for k in near
    ):
        return True  # «قرارداد با عمان», «الموقعة بين البلدين», not «اتفاق مع دول أخرى» (no party named)
    named = [k for k in range(j + 1, j + 1 + _NEAR_CUE + 4) if k in country_tokens]
    if len(named) < 2 or named[0] not in near:
        return False
    between = words[named[0] + 1 : named[1]]  # the rest of the first name and the joiner
    return len(between) <= 3 and (any(w in _JOINS for w in between) or words[named[1]].startswith("و"))


def _refers_back(words: tuple[str, ...], lang: str) -> bool:
    """A phrase that continues the engagement just reported («الجانبان», «در این دیدار», «اتفق
    الوزراء»), unless a demonym qualifies it as another group («اتفق الوزراء الأوروبيون»)."""
    demonyms = _demonyms()
    found = _context().index(words, lang).get("back_reference", {})

    def qualified(k: int) -> bool:  # «الأوروبيون», «الخليجيين»: an Arabic plural nisba names a group too
        return k < len(words) and (
            fold_phrase(words[k]) in demonyms or (lang == "ar" and words[k].endswith(("یون", "یین")))
        )

    return any(not qualified(k + n) for k, n in found.items())


#: Arabic forms of «كان» after «أن»: «على أن يكون»/«تكون» states a view, not an action agreed.
_TO_BE = frozenset(word_list("event_words.tsv", "to_be"))


def _agreed_action(words: tuple[str, ...], k: int) -> bool:
    """The word after «على أن» is an imperfect verb, an action the sides agreed to take («اتفق
    الطرفان على أن تتولى شركة البريد ...»): a deal on substance, not a shared view («على أن الوقت حان»)."""
    return k < len(words) and words[k][:1] in "یتن" and len(words[k]) > 2 and words[k] not in _TO_BE


def _cue_holds(
    cue: Cue,
    start: int,
    end: int,
    sentence: _Sentence,
    lang: str,
    not_events: list[tuple[int, int]],
    country_tokens: set[int],
    visit_tokens: set[int],
) -> bool:
    """The cue reports an engagement: not negated, not inside a non-event phrase, and, where its
    type needs it, concluded (an agreement noun) or addressed to a party (an invitation)."""
    context = _context()
    if any(a <= start < b or start <= a < end for a, b in not_events):
        return False
    words = sentence.words
    i = _token_at(sentence, start)
    j = _token_at(sentence, end - 1)
    for k in range(max(i - _NEGATION_BEFORE, 0), min(j + 1 + _NEGATION_AFTER, len(words))):
        if k in range(i, j + 1):
            continue
        if context.match("negation", words, k, lang) and _in_clause(words, min(k, i), max(k, j)):
            return False
    if lang == "ar" and sentence.starts[i] < start and words[i].startswith("ک"):
        return False  # «كاتفاقية أمريكا واليابان»: «كـ» compares with an engagement, it reports none
    if i > 0 and context.any_in("attendance", words, max(i - 2, 0), i, lang):
        return False  # «حضر الاجتماع ...»: who attended an engagement already reported, no new one
    if cue.event_type == "conference" and not context.any_in("convene", words, 0, len(words), lang):
        return (
            False  # «قبل القمة», «مؤتمر الدوحة» named in passing: no conference held or attended is reported
        )
    if cue.event_type == "meeting" and context.any_in("media", words, j + 1, j + 4, lang):
        return False  # «در گفت‌وگو با روزنامه ...», «في حديث مع قناة ...»: an interview
    if cue.event_type == "agreement":
        # Arabic puts the subjects between the verb and what was agreed («اتفق الوزير ونظيره العماني على أن ...»)
        view_end = (
            j + 4
            if lang != "ar"
            else next((k for k in range(j + 1, len(words)) if words[k] in _CLAUSE_BREAK), len(words))
        )
        views = context.index(words, lang).get("shared_view", {})
        if any(
            j + 1 <= k < min(view_end, j + 14)
            and not (words[k + n - 1] == "ان" and _agreed_action(words, k + n))
            for k, n in views.items()
        ):
            return False  # «اتفقتا على ضرورة», «توافق دارند که»: a view both sides hold, not an agreement concluded
    if i > 0 and words[i - 1] in _DEMONSTRATIVES and context.any_in("background", words, i - 4, i - 1, lang):
        return False  # «بعد توقيع هذا الاتفاق», «پس از امضای این تفاهم‌نامه»: a landmark of the past, not a new report
    if context.any_in("since", words, max(i - 3, 0), i, lang) and _in_clause(words, max(i - 3, 0), i):
        return False  # «منذ إبرام الاتفاق», «از زمان امضای توافق»: a time landmark, not a report
    if (
        cue.event_type == "meeting"
        and j + 3 < len(words)
        and j + 1 in country_tokens
        and words[j + 2] in _DASHES
        and j + 3 in country_tokens
    ):
        return False  # «دیدار فرانسه - آلمان», «لقاء مصر - تونس»: a fixture between two sides' teams
    clause_start = max((k + 1 for k in range(i) if words[k] in _CLAUSE_BREAK), default=0)
    if context.any_in("hypothesis", words, clause_start, i, lang):
        return False  # «إذا توصلت ... لاتفاق», «اگر ... توافق کنند», «يعتزم زيارة»: not (yet) an engagement
    if cue.needs == "signing":
        before, after = _SIGNING_REACH[lang == "ar"]
        if lang != "ar":  # the Persian verb closes its clause, however long the object before it
            after = max(
                after, next((k - j for k in range(j + 1, len(words)) if words[k] in _CLAUSE_BREAK), 0)
            )
        signed = any(
            context.match("signing", words, k, lang)
            for k in range(max(i - before, 0), j + 1 + after)
            if not i <= k <= j
        )
        definite = lang == "ar" and words[i].lstrip(_PROCLITICS).startswith("ال")
        if not (signed or (not definite and _parties_follow(words, j, lang, country_tokens))):
            return False  # «الاتفاق النووي» named in passing, «قرارداد» of a player
    if cue.event_type == "invitation":
        if context.any_in("public", words, max(i - 4, 0), min(j + 4, len(words)), lang):
            return False
        if cue.needs == "invite_for" and not (
            context.any_in("invite_for", words, 0, len(words), lang) or visit_tokens
        ):
            return False  # «دعوت ... برای انجام این سفر», «دعاه لزيارة»: an invitation to come
    return True


@dataclass(frozen=True, slots=True)
class _Side:
    country: str | None  # None: an international body
    key: str  # the country, or the body's key
    start: int
    why: str = ""  # how it was found («official», «side-word», «near-cue»...): rules read it, and it traces a wrong party


def _country_sides(
    sentence: _Sentence,
    countries: list[EntityMention],
    event_types: set[str],
    lang: str,
    cue_tokens: list[tuple[int, int]],
    anchors: list[int],
    visit_cues: list[tuple[int, int]],
    deal_ends: frozenset[int] = frozenset(),
) -> list[_Side]:
    """The countries of a sentence that stand as a side (see the module docstring).

    ``anchors`` are the last tokens of the cues and participants: «با», «مع», «بين» introduce a
    counterpart only right after one («دیدار با», «التقى ... مع», «المحادثات بين»), not in «الاتفاق
    النووي مع إيران» where «مع» belongs to a named deal."""
    where = _SideWording(
        sentence,
        lang,
        event_types,
        bool(event_types & COMPANY_TYPES),
        cue_tokens,
        anchors,
        visit_cues,
        deal_ends,
    )
    found = _Verdicts(
        [_token_at(sentence, m.start) for m in countries], [_token_at(sentence, m.end - 1) for m in countries]
    )
    for n, mention in enumerate(countries):
        verdict, why = _verdict(where, mention, found.indices[n], found.ends[n])
        found.verdict[n] = verdict
        if why:
            found.whys[n] = why
    found.demonyms_in_a_row(countries)
    found.spread_by_coordination(sentence.words)
    return [
        _Side(m.country, m.country, m.start, found.whys[n])
        for n, m in enumerate(countries)
        if found.verdict[n] and m.country
    ]


class _SideWording(NamedTuple):
    """What :func:`_country_sides` reads a country's place in its sentence against: the cues,
    the participants' anchors, the visits and the deals' names (shared by every country)."""

    sentence: _Sentence
    lang: str
    event_types: set[str]
    companies: bool  # an agreement or memorandum: a company word names a side too
    cue_tokens: list[tuple[int, int]]
    anchors: list[int]
    visit_cues: list[tuple[int, int]]
    deal_ends: frozenset[int]


def _verdict(where: _SideWording, mention: EntityMention, k: int, end: int) -> tuple[bool | None, str]:
    """Whether the country at tokens ``k``..``end`` is a side (True), is not (False) or is
    undecided (None) by the words around it alone, and how it was found: the first rule that
    applies decides, those that rule a side out first."""
    context, words, lang = _context(), where.sentence.words, where.lang
    clause = [b for b in range(max(k - _BEFORE - 1, 0), k) if _in_clause(words, b, k)]
    demonym = fold_phrase(mention.surface) in _demonyms()
    if any(
        context.match("about", words, b, lang) or context.match("besides", words, b, lang) for b in clause
    ):
        return False, ""
    if any(context.match("non_state", words, b, lang) for b in range(max(k - 2, 0), k)):
        return (
            False,
            "",
        )  # «رهبر مخالفان اوکراین», «المعارضة السورية», «حزب ... العراقي»: a movement, not the state
    if mention.kind == "place" and k - 1 in where.deal_ends:
        return False, ""  # «اتفاق فيينا», «توافق لوزان», «اتفاق الرياض»: the deal's name, not a party
    if _venue(where.sentence, mention, k, lang):
        return False, "venue"  # «في ماليزيا», «بالعاصمة الماليزية», «در شهر امان پایتخت اردن»: where, not who
    if any(k - b <= 3 and context.match("plural_role", words, b, lang) for b in clause):
        # «وزیران ارتباطات ایران و ارمنستان», «وزيرا خارجية مصر والأردن»: the officials of each side
        return True, "plural-role"
    if any(
        (
            context.match("side", words, b, lang) and not context.match("besides", words, b - 1, lang)
        )  # «جانب» of «إلى جانب» is no side
        or (context.match("with", words, b, lang) and _anchored(b, where.anchors, words))
        for b in clause
    ):
        return True, "side-word"
    if (
        "visit" in where.event_types
        and any(context.match("to", words, b, lang) for b in clause[-1:])
        and (
            any(a <= k <= a + 4 for a, _ in where.visit_cues)
            or context.any_in("travel", words, end + 1, end + 3, lang)
        )
    ):
        return (
            True,
            "visit-dest",
        )  # «سفر به تهران», «زيارة إلى الرياض», «به تهران آمد»: the destination of a visit
    if demonym and k > 0 and _noun_before(words, k, "side", lang, where.companies):
        return True, "demonym-noun"  # «الوفد القطري», «همتای عمانی», «اپراتورهای ایرانی»
    if demonym and any(b < k <= b + 2 and _in_clause(words, b, k) for _, b in where.cue_tokens):
        return (
            True,
            "demonym-cue",
        )  # «محادثات إيرانية جزائرية», «مذاکرات ایرانی-پاکستانی»: the cue's own sides
    if not demonym and any(
        a - _NEAR_CUE <= k <= b + _NEAR_CUE + 1 and _in_clause(words, min(k, a), max(k, b))
        for a, b in where.cue_tokens
    ):
        return True, "near-cue"  # «ایران و عمان تفاهم‌نامه امضا کردند», «نشست سه‌جانبه ایران، روسیه و ترکیه»
    return None, ""


@dataclass(slots=True)
class _Verdicts:
    """The countries of a sentence as :func:`_country_sides` decides them: each one's first and
    last token, whether it is a side (None: undecided) and how it was found. The undecided ones
    take their neighbours' verdicts."""

    indices: list[int]
    ends: list[int]
    verdict: dict[int, bool | None] = field(default_factory=dict)  # mention index -> side / not / undecided
    whys: dict[int, str] = field(default_factory=dict)

    def demonyms_in_a_row(self, countries: list[EntityMention]) -> None:
        """«لقاء سعودي أمريكي روسي»: demonyms in a row after the cue are all its sides."""
        demonyms = _demonyms()
        for n in range(1, len(countries)):
            if (
                self.verdict[n] is None
                and self.whys.get(n - 1) == "demonym-cue"
                and self.indices[n] == self.ends[n - 1] + 1
                and fold_phrase(countries[n].surface) in demonyms
            ):
                self.verdict[n], self.whys[n] = True, "demonym-cue"

    def spread_by_coordination(self, words: tuple[str, ...]) -> None:
        """«ایران و عمان», «بين السعودية ومصر»: a country coordinated with a side is a side, and one
        coordinated with a subject of the talks or a country listed beside a side is not
        («درباره سوریه و لبنان», «إلى جانب الصين والهند»); repeated until nothing changes."""
        verdict, indices, ends = self.verdict, self.indices, self.ends
        changed = True
        while changed:
            changed = False
            for n in range(len(indices)):
                if verdict[n] is not None:
                    continue
                for m in (n - 1, n + 1):
                    if (
                        0 <= m < len(indices)
                        and verdict[m] is False
                        and _coordinated(words, ends[min(n, m)], indices[max(n, m)])
                    ):
                        verdict[n], changed = False, True
                        break
                    if (
                        0 <= m < len(indices)
                        and verdict[m] is True
                        and _coordinated(words, ends[min(n, m)], indices[max(n, m)])
                    ):
                        verdict[n], self.whys[n], changed = True, f"coordinated({self.whys.get(m)})", True
                        break


@dataclass(frozen=True, slots=True)
class _Recent:
    """The sides of the last sentence that named two, and whether it was worded as multilateral
    or as separate meetings: a later «در این نشست» or «بر اساس این توافق» takes them as they were."""

    sides: list[_Side]
    multilateral: bool
    separate: bool
    types: frozenset[str] = (
        frozenset()
    )  # what that sentence reported: «هذه الاتفاقية» refers back to an agreement only


def _venue(sentence: _Sentence, mention: EntityMention, k: int, lang: str) -> bool:
    """The country or capital at token ``k`` is where the engagement takes place: a venue word
    stands right before it («في», «در», «بـ» joined to it) or before the word before it
    («في العاصمة الماليزية», «پایتخت اردن»). Its country takes part only through its officials."""
    context = _context()
    words = sentence.words
    joined = lang == "ar" and sentence.starts[k] < mention.start and words[k].startswith("ب")  # «بماليزيا»
    return joined or any(
        context.match("venue", words, b, lang) and _in_clause(words, b, k) for b in range(max(k - 2, 0), k)
    )


#: A demonstrative before a cue refers back to an engagement: «این توافق», «همین دیدار», «هذه الاتفاقية».
_DEMONSTRATIVES = frozenset(word_list("event_words.tsv", "demonstrative"))


#: Event types a demonstrative may refer back across: «این تفاهم‌نامه» after an agreement reported.
_FAMILY = {"mou": "deal", "agreement": "deal", "meeting": "talks", "conference": "talks"}


def _demonstrative(sentence: _Sentence, held: list) -> frozenset[str]:
    """The families of the cues a demonstrative points at («این توافق», «هذه الاتفاقية»)."""
    pointed = set()
    for cue in held:
        k = _token_at(sentence, cue.start)
        if k > 0 and sentence.words[k - 1] in _DEMONSTRATIVES:
            event_type = cue.values[0].event_type
            pointed.add(_FAMILY.get(event_type, event_type))
    return frozenset(pointed)


#: An invitation in a sentence opening with a personal pronoun («او از معاون وزیر ... دعوت کرد»,
#: «وهو ...») is made by the person just named: its sides are those named before. (Not other
#: cues: «وی افزود: ...» opens most quoted statements, and the cues in them report nothing new.)
_PRONOUN_SUBJECTS = frozenset((w,) for w in word_list("event_words.tsv", "pronoun_subject"))
#: Folded words for a delegation («هیئت», «هیأت», «وفد»): a visiting delegation of no named country is the outlet's.
_DELEGATIONS = frozenset(word_list("event_words.tsv", "delegation"))


def _delegation(sentence: _Sentence, lang: str) -> bool:
    return any(form in _DELEGATIONS for w in sentence.words for form in _forms(w, lang))


def _engaged(sentence: _Sentence, start: int, lang: str) -> bool:
    """A company at ``start`` stands as a side: after «نمایندگان», «هیئت», «وفد», «با», «مع»."""
    context = _context()
    k = _token_at(sentence, start)
    return any(
        (context.match("side", sentence.words, b, lang) or context.match("with", sentence.words, b, lang))
        and _in_clause(sentence.words, b, k)
        for b in range(max(k - _BEFORE - 1, 0), k)
    )


#: A «با»/«مع» stands this many words at most after the cue or participant it attaches to.
_WITH_REACH = 2


def _next_to_cue(
    sentence: _Sentence, start: int, cue_tokens: list[tuple[int, int]], before: int = 3, after: int = 3
) -> bool:
    """A name at ``start`` stands within a few words of a cue: the cue's subject or object."""
    k = _token_at(sentence, start)
    return any(a - before <= k <= b + after for a, b in cue_tokens)


def _engaged_roles(
    sentence: _Sentence,
    roles: list[Official],
    cue_tokens: list[tuple[int, int]],
    received: int | None,
    lang: str,
) -> list[Official]:
    """The roles of the sentence that can be sides: not those of a party, movement or opposition
    (event_context kind non_state). In Arabic, a role whose country is only the
    outlet's by default is one as the cue's subject or object (within a few words of it), or as
    the next of a list of such («مع وزير الخارجية الروسي ... ووزير الخارجية عادل الجبير»), or as
    the guest of a reception («استقبل أمير دولة قطر ... وزير الخارجية عادل الجبير»)."""
    kept: list[Official] = []
    last_end = -10
    non_state = _context().index(sentence.words, lang).get("non_state", {})
    for role in roles:
        first, last = _token_at(sentence, role.start), _token_at(sentence, role.end - 1)
        if any(first <= k <= last for k in non_state):
            continue  # «الأمين العام لحزب ...», «رئيس الائتلاف الوطني السوري»: a party or movement is no state
        near = any(a - _HOME_REACH <= last and first <= b + _HOME_REACH for a, b in cue_tokens)
        if (
            not role.assumed
            or lang != "ar"
            or near
            or first - last_end <= 3
            or (received is not None and first > received)
        ):
            kept.append(role)
            if role.assumed or near:
                last_end = last
    return kept


def _home_destination(sentence: _Sentence, visits: list[tuple[int, int]], lang: str) -> bool:
    """A visit's destination is the outlet's own country named as such: «إلى الدولة», «به کشورمان»."""
    index = _context().index(sentence.words, lang)
    to, home = index.get("to", {}), index.get("home_place", {})
    return any(b < k <= b + 5 and k + to[k] in home for _, b in visits for k in to)


def _reception(sentence: _Sentence, lang: str) -> int | None:
    """The token of the first verb of receiving a guest in the sentence («استقبل», «به حضور پذیرفت»)."""
    found = _context().index(sentence.words, lang).get("reception", {})
    return min(found) if found else None


#: An official of the outlet's country by default stands this many words at most from its cue.
_HOME_REACH = 5
#: A group of states this many words at most from a cue takes part in it («اجتماع ... مع وزراء خارجية دول مجلس التعاون»).
_GROUP_REACH = 12


def _anchored(b: int, anchors: list[int], words: Sequence[str]) -> bool:
    return any(a < b <= a + _WITH_REACH and _in_clause(words, a, b) for a in anchors)


def _noun_before(words: tuple[str, ...], k: int, kind: str, lang: str, companies: bool) -> bool:
    """The noun before token ``k`` (past a detached «ها»/«های») is a ``kind`` word, or, in an
    agreement, a company word: the demonym at ``k`` names that side («همتای عمانی»)."""
    j = k - 1
    if j > 0 and words[j] in _PLURAL_WORDS:
        j -= 1
    context = _context()
    return bool(
        context.match(kind, words, j, lang) or (companies and context.match("company_side", words, j, lang))
    )


def _coordinated(words: Sequence[str], a: int, b: int) -> bool:
    """Tokens ``a`` < ``b`` are joined by «و» or a dash, with at most one word of a name between."""
    between = words[a + 1 : b]
    return (not between and words[b].startswith("و")) or (
        1 <= len(between) <= 2 and (between[0] in _JOINS or between[-1] in _JOINS)
    )


def _parties(
    sides: list[_Side], main: str | None, event_type: str, multilateral: bool, separate: bool
) -> list[tuple[str, ...]]:
    """The party sets of one cue: one pair per counterpart of the main side when the sentence
    says the meetings were separate («دیدارهای جداگانه», «لقاءات منفصلة»); all the sides'
    countries together for a conference or a meeting worded as multilateral («سه‌جانبه»,
    «ثلاثي»); else two sides. Three countries or more in a bilateral wording are a list the
    sentence names beside the engagement (the members of a group, the subjects of the talks,
    a speaker's own country), not its sides: no party set is sure, so none is given, unless
    they are an official's counterparts named as such."""
    countries = list(dict.fromkeys(s.country for s in sides if s.country))
    # a visit has two sides, the visitor's and the host's, whatever else the sentence holds
    if (
        len(countries) >= 3
        and event_type not in MULTILATERAL_TYPES
        and (not multilateral or event_type == "visit")
    ):
        if separate and main in countries:
            return [tuple(sorted((main, other))) for other in countries if other != main]
        if not _counterparts(sides, main):
            return []
    return [tuple(sorted(countries))] if countries else []


#: How a side was found when it is a counterpart the sentence names as such: after «همتای»,
#: «نظير», «وفد», «با», «مع» or a demonym of such a noun, or coordinated with one.
_COUNTERPART_WAYS = ("side-word", "demonym-noun", "coordinated(side-word", "coordinated(demonym-noun")


#: How a side was found when only its place next to the cue makes it one.
_NEAR_WAYS = ("near-cue", "coordinated(near-cue")


def _counterparts(sides: list[_Side], main: str | None) -> bool:
    """An official met counterparts the sentence names as such, one list of them («با همتایان
    کنیایی و الجزایری», «مع نظرائه القطري والأميركي والسعودي»): all are sides of one meeting."""
    official = any(s.country == main and s.why.startswith("official") for s in sides)
    others = [s for s in sides if s.country and s.country != main]
    return official and all(s.why.startswith(_COUNTERPART_WAYS) for s in others)


def find_events(
    text: ArticleText | str,
    lang: str,
    countries: list[EntityMention],
    topic_hits: list[TopicHit],
    officials: list[Official] | None = None,
    organizations: list[EntityMention] | None = None,
    persons: list[Person] | None = None,
    home: str | None = None,
) -> list[Event]:
    """Events of the body, one per (type, parties), first evidence kept.

    Args:
        body: the normalised body.
        lang: ``fa``, ``prs`` or ``ar``.
        countries: country and capital mentions of the body.
        topic_hits: topic cues (an event carries the topics of its sentence).
        officials: every official's role with its country (:func:`khabar.extraction.persons.officials`).
        organizations: organisation mentions (international bodies are sides; companies are
            sides of the agreements and memoranda they sign).
        persons: named officials: a later mention of a name («آذری جهرمی در این دیدار») is a
            side with the country of its role.
        home: the reporting side's country: in Persian and Dari copy a named person of no
            known country («بهرام قاسمی‌نژاد ... در دیدار با») is the outlet's own official.

    >>> from khabar.extraction.entities import find_countries
    >>> from khabar.extraction.persons import officials
    >>> body = "وزیر ارتباطات ایران در مسقط با وزیر فناوری عمان دیدار کرد."
    >>> found = find_countries(body, "fa")
    >>> [(e.event_type, e.countries) for e in find_events(body, "fa", found, [], officials(body, found, [], "IRN"))]
    [('meeting', ('IRN', 'OMN'))]
    """
    text = as_article_text(text, lang)
    cues = event_matcher(lang).find(text.folded, clitics=lang == "ar")
    if not cues and not _arrival_possible(text, lang, countries, officials):
        return []  # no cue word: only a visit worded by a verb of arrival can be reported
    mentions = _Mentions.of(countries, officials, organizations, persons)
    not_events = [(m.start, m.end) for m in _not_event_matcher().find(text.folded, clitics=lang == "ar")]
    events: dict[tuple[str, tuple[str, ...]], Event] = {}
    # the last sentence that named two sides, until another country stands as a side
    recent = _Recent([], False, False)
    cue_starts = [c.start for c in cues]
    for sentence in text.view("events.sentences", _sentences):
        first, last = (
            bisect.bisect_left(cue_starts, sentence.start),
            bisect.bisect_left(cue_starts, sentence.end),
        )
        read = _SentenceEvents(sentence, cues[first:last], mentions, lang, not_events)
        if not (read.types or read.inside or read.roles):
            continue
        sides, companies, engaged = read.sides(mentions, home)
        wording = read.wording(recent)
        if (
            wording.back
            and len({s.key for s in recent.sides}) >= 2
            and sides
            and all(s.why.startswith(_NEAR_WAYS) for s in sides)
        ):
            # «دو جانب ... روی ترانزیت به سوی پاکستان و هند گفت‌وگو کردند», «وبحث الجانبان ... »: the sides
            # named before talk; countries that only stand next to the cue are what they talk about
            sides = []
        before = recent  # the sides of the last sentence that had two, for a sentence that refers back
        recent = _next_recent(before, sides, engaged, read.kinds, wording)
        found = _SidesFound(sides, companies, engaged)
        if types := read.reported(sides):
            read.record(events, text.body, types, found, wording, before, topic_hits)
    return list(events.values())


def _arrival_possible(
    text: ArticleText, lang: str, countries: list[EntityMention], officials: list[Official] | None
) -> bool:
    """An article with no cue word may still report a visit worded by a verb of arrival («وزیر
    ... به تهران آمد»): a sentence with one, a country and an official. Checked before any
    other work, since most articles with no cue word report no event."""
    if not countries or not _arrival_words().search(text.folded):
        return False
    ordered = sorted(countries, key=lambda m: m.start)
    at = [m.start for m in ordered]
    people = sorted(officials or [], key=lambda o: o.start)
    at_people = [o.start for o in people]
    return any(
        _arrivals(s, _between(ordered, at, s), _between(people, at_people, s), lang)
        for s in text.view("events.sentences", _sentences)
    )


@dataclass(frozen=True, slots=True)
class _Mentions:
    """The article's mentions for :func:`find_events`, each kind sorted by start with its
    starts beside it (``starts``), so that a sentence takes its own by bisection."""

    countries: list[EntityMention]
    officials: list[Official]  # every official's role, and each mention of a named person as one
    organizations: list[EntityMention]
    people: list[_Side]  # the mentions of named persons, with the country of their role (None: unknown)
    starts: dict[str, list[int]]

    @classmethod
    def of(
        cls,
        countries: list[EntityMention],
        officials: list[Official] | None,
        organizations: list[EntityMention] | None,
        persons: list[Person] | None,
    ) -> _Mentions:
        """The mentions sorted: a later mention of a named person («آذری جهرمی در این دیدار»)
        stands as an official of the country of its role."""
        named = [
            Official(a, b, p.country, False, (p.country,) if p.country else ())
            for p in persons or []
            for a, b in p.spans
        ]
        officials = sorted([*(officials or []), *named], key=lambda o: o.start)
        organizations = sorted(organizations or [], key=lambda o: o.start)
        countries = sorted(countries, key=lambda m: m.start)
        people = sorted(((a, p.country) for p in persons or [] for a, _ in p.spans), key=lambda x: x[0])
        starts = {
            "countries": [m.start for m in countries], "officials": [o.start for o in officials],
            "organizations": [o.start for o in organizations], "people": [a for a, _ in people],
        }  # fmt: skip
        return cls(
            countries, officials, organizations, [_Side(country, "", a) for a, country in people], starts
        )

    def within(self, kind: str, sentence: _Sentence) -> list:
        """The mentions of a kind (``countries``, ``officials``...) that start inside the sentence."""
        return _between(getattr(self, kind), self.starts[kind], sentence)


class _Wording(NamedTuple):
    """How a sentence words its engagement, beside its cues (see :meth:`_SentenceEvents.wording`)."""

    multilateral: bool  # «سه‌جانبه», «ثلاثي»
    separate: bool  # «دیدارهای جداگانه», «لقاءات منفصلة»
    member_states: bool  # a group's members next to a cue: «وزراء خارجية دول مجلس التعاون»
    back: bool  # it refers back to the engagement just reported: «در این دیدار», «الجانبان»
    invited_by: bool  # «او از معاون وزیر ... دعوت کرد»: the person just named invites


class _SidesFound(NamedTuple):
    """The sides of a sentence, its companies, and those of them engaged («مع شركة ...»)."""

    sides: list[_Side]
    companies: list[_Side]
    engaged: list[_Side]


class _SentenceEvents:
    """One sentence as :func:`find_events` reads it: its cues that hold, the event types they
    report and the mentions inside it, then the sides these give and the events recorded. The
    steps share the sentence's cues, mentions and tokens, so they are the methods of one reader."""

    def __init__(
        self,
        sentence: _Sentence,
        cues: list[Match[Cue]],
        mentions: _Mentions,
        lang: str,
        not_events: list[tuple[int, int]],
    ) -> None:
        self.sentence, self.lang = sentence, lang
        self.inside: list[EntityMention] = mentions.within("countries", sentence)
        self.roles: list[Official] = mentions.within("officials", sentence)
        self.bodies: list[EntityMention] = mentions.within("organizations", sentence)
        if not any(c.values[0].event_type == "visit" for c in cues):
            cues = sorted(cues + _arrivals(sentence, self.inside, self.roles, lang), key=lambda c: c.start)
        self.own = cues  # the sentence's cues, with the visits worded by a verb of arrival
        self.held = self._held(not_events)
        self.types = list(dict.fromkeys(c.values[0].event_type for c in self.held))
        self.kinds = set(
            self.types
        )  # what the sentence reports, for its sides: an invitation to visit names the host
        for invited_to in ("visit", "conference"):
            if "invitation" in self.types and invited_to in self.types:
                # «دعوت کرد تا به قزاقستان سفر کنند», «برای حضور در اجلاس دعوت کرد»: what the guest is invited to
                self.types.remove(invited_to)
        self.cue_tokens = [(_token_at(sentence, c.start), _token_at(sentence, c.end - 1)) for c in self.held]
        self.visits = [
            (_token_at(sentence, c.start), _token_at(sentence, c.end - 1))
            for c in self.own
            if c.values[0].event_type == "visit"
        ]

    def _held(self, not_events: list[tuple[int, int]]) -> list[Match[Cue]]:
        """The cues that hold in the sentence (:func:`_cue_holds`)."""
        sentence, lang = self.sentence, self.lang
        country_tokens = {_token_at(sentence, m.start) for m in self.inside}
        visit_tokens = {
            _token_at(sentence, c.start)
            for c in self.own
            if c.values[0].event_type in ("visit", "conference")
        }
        return [
            c
            for c in self.own
            if _cue_holds(
                c.values[0], c.start, c.end, sentence, lang, not_events, country_tokens, visit_tokens
            )
        ]

    def sides(self, mentions: _Mentions, home: str | None) -> _SidesFound:
        """The sides of the sentence in order: its officials, its countries, the international
        bodies and officials engaged, then the outlet's own country where the sentence implies it;
        besides, the companies in it and those of them engaged."""
        sentence, lang = self.sentence, self.lang
        role_spans = [(o.start, o.end) for o in self.roles]
        # an official of unknown country is no side; in Arabic, whose press reports many
        # countries' officials by bare titles, one whose country is only the outlet's by default is
        # a side where it is the cue's subject or object («التقى معالي وزير الاتصالات»), not a
        # speaker or a title further along the sentence (Persian and Dari wires name their own
        # officials by bare titles: «وزیر ارتباطات ... در دیدار با»)
        # the token of «استقبل», «به حضور پذیرفت»: who comes after it is the guest
        received = _reception(sentence, lang)
        sides = [
            _Side(c, c, o.start, "official-home" if o.assumed else "official")
            for o in _engaged_roles(sentence, self.roles, self.cue_tokens, received, lang)
            for c in o.countries
        ]
        sides += self._countries(role_spans)
        sides += [
            _Side(None, o.key, o.start)
            for o in self.bodies
            if o.country is None
            and not any(a <= o.start < b for a, b in role_spans)
            and _engaged(sentence, o.start, lang)
        ]
        sides += self._international(received)
        companies = [
            _Side(o.country, o.country, o.start)
            for o in self.bodies
            if o.country and not any(a <= o.start < b for a, b in role_spans)
        ]
        engaged = [
            c for c in companies if _engaged(sentence, c.start, lang)
        ]  # «نمایندگان شرکت ...», «مع شركة ...»
        if home:
            own = self._home_side(sides, mentions.within("people", sentence), received, home)
            sides += [own] if own else []
        return _SidesFound(sides, companies, engaged)

    def _countries(self, role_spans: list[tuple[int, int]]) -> list[_Side]:
        """The countries that stand as a side (:func:`_country_sides`), but those inside a role."""
        sentence = self.sentence
        free = [m for m in self.inside if not any(a <= m.start < b for a, b in role_spans)]
        anchors = [b for _, b in self.cue_tokens] + [_token_at(sentence, o.end - 1) for o in self.roles]
        deal_ends = frozenset(
            _token_at(sentence, c.end - 1)
            for c in self.held
            if c.values[0].event_type in ("agreement", "mou")
        )
        return _country_sides(
            sentence,
            free,
            self.kinds or {"visit"},
            self.lang,
            self.cue_tokens,
            anchors,
            self.visits,
            deal_ends,
        )

    def _international(self, received: int | None) -> list[_Side]:
        """International officials as sides: as the cue's subject or object (a title may follow
        its name: «دیدار با ماسانوری کوندو، سرمنشی ...») or a reception's guest, not as a speaker
        further along («الناطق باسم الأمم المتحدة ... : المحادثات مستمرة»); in Persian and Dari,
        whose verb ends the sentence, also as its subject, named before any state's official."""
        sentence, roles = self.sentence, self.roles
        verb_final = self.lang != "ar" and any(len(sentence.words) - b <= 4 for _, b in self.cue_tokens)
        return [
            _Side(None, f"international@{o.start}", o.start)
            for n, o in enumerate(roles)
            if o.international
            and (
                _next_to_cue(sentence, o.start, self.cue_tokens, 4, 7)
                or (received is not None and _token_at(sentence, o.start) > received)
                or (verb_final and not any(r.countries for r in roles[:n]))
            )
        ]

    def _home_side(
        self, sides: list[_Side], people: list[_Side], received: int | None, home: str
    ) -> _Side | None:
        """The outlet's own country as a side the sentence implies, when no side is already it:
        by a named person of no known country, a visit to «the country», or a delegation."""
        sentence, lang = self.sentence, self.lang
        if home in {s.country for s in sides}:
            return None
        unknown = [p for p in people if p.country is None]
        guest = [p for p in unknown if received is not None and _token_at(sentence, p.start) > received]
        if any(
            lang != "ar" or _next_to_cue(sentence, p.start, self.cue_tokens) or p in guest for p in unknown
        ):
            # «بهرام قاسمی‌نژاد ... در دیدار با», «اجتماع هاشمي مع»: the outlet's own
            return _Side(home, home, sentence.start, "home-person")
        if "visit" in self.kinds and _home_destination(sentence, self.visits, lang):
            # «زيارة الوزير الهندي إلى الدولة», «سفر به کشورمان»: the outlet's country hosts
            return _Side(home, home, sentence.start, "home-place")
        if "visit" in self.kinds and any(s.country != home for s in sides) and _delegation(sentence, lang):
            # «... که در راس هیئتی به پاکستان سفر کرده»: the outlet's delegation
            return _Side(home, home, sentence.start, "home-delegation")
        return None

    def wording(self, recent: _Recent) -> _Wording:
        """How the sentence words its engagement; whether it refers back to the one ``recent``
        reported («در این دیدار», «الجانبان», «بر اساس این توافق», «خلال اللقاء»): «هذه
        الاتفاقية» refers back to an agreement the last sentence reported, not to a meeting."""
        context, words, lang = _context(), self.sentence.words, self.lang
        pointed = _demonstrative(self.sentence, self.own)
        return _Wording(
            multilateral=context.any_in("multilateral", words, 0, len(words), lang),
            separate=context.any_in("separate", words, 0, len(words), lang),
            member_states=any(
                context.any_in("member_states", words, a - _GROUP_REACH, b + _GROUP_REACH + 1, lang)
                for a, b in self.cue_tokens
            ),
            back=_refers_back(words, lang) or bool(pointed & {_FAMILY.get(t, t) for t in recent.types}),
            invited_by=words[:1] in _PRONOUN_SUBJECTS,
        )

    def reported(self, sides: list[_Side]) -> list[str]:
        """The event types the sentence reports: its own, and a meeting where officials of two
        countries agreed on a visit («در سفر به اسلام‌آباد با وزیر پاکستان ... به توافق رسید»:
        agreed in person, so they met)."""
        kinds = self.kinds
        if (
            "visit" in kinds
            and kinds & {"agreement", "mou"}
            and "meeting" not in kinds
            and len({s.country for s in sides if s.why.startswith("official")}) >= 2
        ):
            self.types.append("meeting")
        return self.types

    def record(
        self,
        events: dict[tuple[str, tuple[str, ...]], Event],
        body: str,
        types: list[str],
        found: _SidesFound,
        wording: _Wording,
        before: _Recent,
        topic_hits: list[TopicHit],
    ) -> None:
        """Record an event per type and party set in ``events``, unless one is there already:
        its sides those of the sentence, or of the engagement it refers back to (``before``)."""
        sentence = self.sentence
        topics = tuple(sorted({h.topic for h in topic_hits if sentence.start <= h.start < sentence.end}))
        main = self.roles[0].country if self.roles else None
        attended = _attended(sentence, self.held, self.lang) if "conference" in types else -1
        for event_type in types:
            these, worded = self._sides_of(event_type, found, wording, before)
            if not {s.country for s in these} - {None}:
                continue
            # a conference abroad or of an international body that an official named before it
            # attends names one side only («برای شرکت در نشست کمیسیون اسکاپ به بانکوک رفته»): its
            # other members go unnamed (the conference a guest is invited to left ``types`` above)
            abroad = (
                event_type == "conference"
                and any(s.why.startswith("official") and s.start < attended for s in these)
                and bool({m.country for m in self.inside} - {s.country for s in these} - {None} or any(o.country is None for o in self.bodies))
            )  # fmt: skip
            if len({s.key for s in these}) < 2 and not abroad:
                continue  # one side only: a domestic session, a page visit, a call to the public
            if event_type not in MULTILATERAL_TYPES and wording.member_states:
                continue  # «وزراء خارجية دول مجلس التعاون», «گروه ۱+۵»: a group's members are sides, unnamed
            for parties in _parties(these, main or these[0].country, event_type, *worded):
                key = (event_type, parties)
                if key not in events:
                    events[key] = Event(
                        event_type,
                        parties,
                        topics,
                        body[sentence.start : sentence.end],
                        sentence.start,
                        sentence.end,
                    )

    @staticmethod
    def _sides_of(
        event_type: str, found: _SidesFound, wording: _Wording, before: _Recent
    ) -> tuple[list[_Side], tuple[bool, bool]]:
        """The sides of one event type (companies sign agreements and memoranda; else only
        engaged ones take part) and whether it is worded as multilateral or separate: as the
        engagement it continues, whose sides it takes when it names fewer than two itself
        («در این دیدار ...», «بر اساس این توافق ...», «الجانبان ...»)."""
        these = found.sides + (found.companies if event_type in COMPANY_TYPES else found.engaged)
        # «واتفق الوزراء على تشكيل لجنة ...» after a trilateral meeting: worded as the engagement it continues
        worded = (
            wording.multilateral or (wording.back and before.multilateral),
            wording.separate or (wording.back and before.separate),
        )
        if (
            len({s.key for s in these}) < 2
            and (wording.back or (wording.invited_by and event_type == "invitation"))
            and before.sides
        ):
            these = [_Side(s.country, s.key, s.start, f"back({s.why})") for s in before.sides] + these
            worded = (wording.multilateral or before.multilateral, wording.separate or before.separate)
        return these, worded


def _next_recent(
    recent: _Recent, sides: list[_Side], engaged: list[_Side], kinds: set[str], wording: _Wording
) -> _Recent:
    """The sides a later sentence may refer back to: this sentence's when it names two (worded
    as it is, or as the engagement it continues), none once another country stands as a side
    («این دیدار» no longer refers to the sides before), else still ``recent``'s."""
    if len({s.key for s in sides + engaged}) >= 2:
        back = wording.back
        return _Recent(
            sides + engaged, wording.multilateral or (back and recent.multilateral), wording.separate or (back and recent.separate),
            frozenset(kinds) | (recent.types if back else frozenset()),
        )  # fmt: skip
    if {s.country for s in sides} - {s.country for s in recent.sides} - {None}:
        return _Recent([], False, False)
    return recent


def _attended(sentence: _Sentence, held: list[Match[Cue]], lang: str) -> int:
    """Where a conference cue stands right after a word of taking part: «برای شرکت در نشست»,
    «اشتراک در مجمع», «للمشاركة في اجتماعات» (the attendance of a multilateral session, not talk
    about one); -1 when none does. Who attends is named before it."""
    context = _context()
    for cue in held:
        if cue.values[0].event_type == "conference":
            i = _token_at(sentence, cue.start)
            if context.any_in("participate", sentence.words, max(i - 3, 0), i + 1, lang) and _in_clause(
                sentence.words, max(i - 3, 0), i
            ):
                return cue.start
    return -1


#: How many words before «به» the official or delegation of a Persian arrival may end.
_TRAVELLER_REACH = 10
#: The cue of a visit worded by a verb of arrival rather than a noun («به تهران آمد», «وصل إلى الرياض»).
_ARRIVAL = Cue("visit", "")


def _arrivals(
    sentence: _Sentence, countries: list[EntityMention], roles: list[Official], lang: str
) -> list[Match[Cue]]:
    """Visits worded by a verb of arrival at a country or capital: «وزیر ... به تهران آمده», «هیئت
    ... به مسکو رفت» (the verb right after the destination), «وصل الوزير ... إلى الرياض» (the verb
    a few words before «إلى»). The traveller must be an official or a delegation named in the
    clause before the destination: a preacher, tourists or citizens travelling make no visit.
    The arrival verb stands as the visit's cue."""
    context, words, found = _context(), sentence.words, []
    role_ends = [_token_at(sentence, o.end - 1) for o in roles]
    tos = _single_words("to")
    for mention in countries:
        k = _token_at(sentence, mention.start)
        if (
            k == 0
            or not any(form in tos for form in _forms(words[k - 1], lang))
            or not context.match("to", words, k - 1, lang)
        ):
            continue  # (the sentence is indexed only when a word of «to» stands before a country)
        end = _token_at(sentence, mention.end - 1)
        reach = range(end + 1, min(end + 3, len(words))) if lang != "ar" else range(max(k - 5, 0), k - 1)
        verb = next(
            (
                t
                for t in reach
                if context.match("travel", words, t, lang) and _in_clause(words, min(t, k), max(t, k))
            ),
            None,
        )
        if verb is None:
            continue
        first = verb if lang == "ar" else max(k - _TRAVELLER_REACH, 0)
        traveller = any(first <= e < k - 1 and _in_clause(words, e, k) for e in role_ends) or any(
            form in _DELEGATIONS
            for t in range(first, k - 1)
            for form in _forms(words[t], lang)
            if _in_clause(words, t, k)
        )
        if traveller:  # an Arabic cue runs from the verb to «إلى»: the destination right after it
            last = k - 1 if lang == "ar" else verb
            found.append(Match(sentence.starts[verb], sentence.starts[last] + len(words[last]), (_ARRIVAL,)))
    return found


@functools.cache
def _single_words(kind: str) -> frozenset[str]:
    """The one-word phrases of a kind of ``event_context.tsv``, for a check before indexing a sentence."""
    return frozenset(
        fold_phrase(r["surface"])
        for r in read_tsv("event_context.tsv")
        if r["kind"] == kind and " " not in r["surface"].strip()
    )


@functools.cache
def _arrival_words() -> re.Pattern[str]:
    """Any verb of arrival in a folded text: an article with no cue word and none of these has no event."""
    return re.compile(
        "|".join(sorted((re.escape(w) for w in _single_words("travel")), key=len, reverse=True))
    )


def _between(mentions: list, starts: list[int], sentence: _Sentence) -> list:
    """The mentions (sorted by their ``starts``) that start inside the sentence."""
    return mentions[bisect.bisect_left(starts, sentence.start) : bisect.bisect_left(starts, sentence.end)]


@functools.cache
def _not_event_matcher() -> PhraseMatcher[str]:
    return PhraseMatcher(
        ((r["surface"], r["kind"]) for r in read_tsv("event_context.tsv") if r["kind"] == "not_event"),
        prefix_match=True,
    )
