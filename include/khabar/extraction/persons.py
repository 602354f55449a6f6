"""Officials and their roles: «NAME، ROLE», «NAME ROLE», «ROLE، NAME،» and Arabic «ROLE NAME»
in Persian, Dari and Arabic.

A role starts at a role word (وزیر، معاون، دبیر کل، وزير، الأمين العام ...) and runs
to the first punctuation, function or time word, honorific or next role; when it names a
country it ends with that country, which is the official's country (a posting «لدى X» /
«در X» alone is not). The name is the run of words just before the role, back to a boundary
word (با، و، مع ...) or punctuation, or after it (an Arabic title's definite words, demonyms
and idafa nouns, then the name), with honorifics (محترم، الحاج، سید، السيد، معالي ...) removed.

The name model: a candidate holds no function, time, role or common word, verb, digit or
clitic, and where the context alone does not make it a name it holds a name-like word: a given
name (``given_names.tsv``), a family-name pattern or chain link (``name_particles.tsv``:
زاده، پور، اف/یف/وف، بن، ولد، آل، عبد ...). Arabic chains «X بن Y بن Z» stay whole.
Persian and Dari candidates are also read against hazm's lexicon: a preposition or plural is
never a name word, a pronoun, conjunction or determiner not at a name's edge, and a candidate of
dictionary words only, with no name-like word or title before it, is a phrase («سیاسی امنیتی»).
A Persian role ends at a verb, preposition or conjunction (with a compound verb's noun), an
Arabic one at a new clause («وتقديره», «بعد», «لدى لقائه»). A role in a private body
(``private_body``: club, association, hospital, NGO) is no public role.
A role with no country takes the side the sentence gives («عن الجانب الهندي»), the country
«این کشور» refers to, else the reporting side's, except for a company's officer, a Western
given name (``given_names_foreign.tsv``) or, in Arabic copy, a sentence naming only other
countries: then none. Spelling variants, honorific and family-name
mentions of one person in an article are merged; :func:`person_key` is the person's key
across articles and scripts.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from khabar.extraction.article_text import ArticleText, as_article_text
from khabar.extraction.entities import EntityMention
from khabar.extraction.gazetteer import attribution_cues, read_tsv, word_list
from khabar.extraction.spans import Coverage, StartIndex
from khabar.text import fast_hazm
from khabar.text.normalize import fold, fold_phrase

_TOKEN = re.compile(r"\n|[^\s،,.:؛;!?؟«»\"()\[\]/\-–]+|[،,.:؛;!?؟«»\"()\[\]/\-–]")
_PUNCT = re.compile(r"^(?:[،,.:؛;!?؟\"()\[\]/\-–]|\n)$")
_DEFINITE = ("ال", "وال", "بال", "لل", "فال", "كال", "ول")
MAX_NAME_TOKENS = 6
#: A name introduced only by an honorific (no role next to it) is kept short.
MAX_HONORIFIC_NAME_TOKENS = 3
MAX_ROLE_TOKENS = 14


def _folded_words(name: str) -> dict[str, frozenset[str]]:
    """The folded words of a word list (``role_words.tsv``, ``name_words.tsv``) by kind (read
    once, when the module loads)."""
    grouped: dict[str, set[str]] = {}
    for row in read_tsv(name):
        grouped.setdefault(row["kind"], set()).add(fold_phrase(row["surface"]))
    return {kind: frozenset(words) for kind, words in grouped.items()}


_ROLE_WORDS = _folded_words("role_words.tsv")
#: The words in and around a name, folded (but ``function_ar`` and ``number_fa``, compared as written).
_NAME_WORDS = _folded_words("name_words.tsv")
#: Arabic nouns that stand indefinite inside an official title (وزير الاتصالات وتقنية المعلومات).
_ARABIC_TITLE_NOUNS = _ROLE_WORDS["title_noun_ar"]
#: Verbs and function words that end a role (prepositions, verbs of saying, a counterpart).
_ROLE_STOP = _ROLE_WORDS["stop"]


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str | None
    country: str | None
    spans: tuple[tuple[int, int], ...]  # name offsets in the body

    @property
    def key(self) -> str:
        """The person's key across articles and scripts (:func:`person_key`)."""
        return person_key(self.name)


class PhraseSet:
    """Folded cue phrases of one kind, indexed by their first word.

    ``word in phrases`` tests a one-word phrase; :meth:`match` finds the longest phrase
    starting at a token, in time independent of the number of phrases.
    """

    def __init__(self, phrases: set[str]) -> None:
        self.phrases = frozenset(phrases)
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
    grouped: dict[str, set[str]] = {
        kind: set()
        for kind in (
            "role",
            "honorific",
            "boundary",
            "not_name",
            "attribution",
            "not_role_ar",
            "public_office",
            "private_body",
            "verb_ar",
            "company",
            "corporate_title",
            "state_owned",
        )
    }
    for row in read_tsv("person_cues.tsv"):
        grouped[row["kind"]].add(fold_phrase(row["surface"]))
    # the words before a candidate that make it an outlet: «به گزارش X، وزیر ...»
    grouped["attribution"] |= {fold_phrase(surface) for surface in attribution_cues("person")}
    # every title of name_particles.tsv is an honorific too (انجنیر، اللواء، سماحة ...)
    grouped["honorific"] |= {
        fold_phrase(r["particle"])
        for r in read_tsv("name_particles.tsv")
        if r["kind"] == "honorific" and "." not in r["particle"]
    }
    return {kind: PhraseSet(phrases) for kind, phrases in grouped.items()}


def _tokens(text: ArticleText) -> tuple[tuple[str, int, int], ...]:
    """``(folded word, start, end)`` of each token of the article (a view of it, built once:
    roles, persons and later mentions all walk the same tokens)."""
    return text.view("persons.tokens", _build_tokens)


def _build_tokens(text: ArticleText) -> tuple[tuple[str, int, int], ...]:
    body, folded = text.body, text.folded
    spans = [m.span() for m in _TOKEN.finditer(body)]
    starts = _role_and_title_starts()
    out = []
    for a, b in spans:
        word = folded[a:b]
        if word.startswith("و") and b - a >= 4 and word[1:] in starts:
            out.append(("و", a, a + 1))  # «ووزير البريد»: «و» + a role
            a += 1
        head = word.split(maxsplit=1)  # empty for a lone ZWNJ, which folds to a space
        if " " in word and head and head[0] in starts:  # «رئیس‌جمهور» (ZWNJ folds to a space): a role's words
            for part in re.finditer(r"\S+", folded[a:b]):
                out.append((part.group(), a + part.start(), a + part.end()))
            continue
        out.append((folded[a:b], a, b))
    return tuple(out)


@functools.cache
def _role_and_title_starts() -> frozenset[str]:
    """First words of roles and honorifics (a conjunction «و» is split from them)."""
    cues = _cues()
    return frozenset(p.split()[0] for kind in ("role", "honorific") for p in cues[kind].phrases)


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


#: Words after which a second role word belongs to the first role: «المنتدبة لدى رئيس الحكومة».
_ROLE_LINKS = _ROLE_WORDS["link"]
#: Heads of a deputy's or adviser's role, whose principal's title follows («معاون ... استاندار X»).
_DEPUTY_HEADS = _ROLE_WORDS["deputy_head"]
#: Qualifiers of a former or acting office that may follow a role's country («الأمريكي الأسبق»).
_PAST_MODIFIERS = _ROLE_WORDS["past_modifier"]
#: Words between a role head and a second role word that keep it one role («معاون اول وزیر»).
_ROLE_MODIFIERS = _ROLE_WORDS["modifier"]
#: Heads of ministry names, whose words (وزارت توسعه دیجیتال، نوآوری و صنعت هوافضا) are not topics.
_MINISTRY_HEADS = _ROLE_WORDS["ministry_head"]
#: A comma inside a role is crossed when a country follows within this many tokens.
_COMMA_LOOKAHEAD = 7


#: Time words that end a role («وزیر مخابرات امروز»).
_ROLE_TIME_STOP = _ROLE_WORDS["time_stop"]


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
    lang: str | None = None,
    body: str = "",
    named: bool = False,
) -> RoleExtent:
    """The extent of a role (or ministry name) whose head starts at token ``i``.

    It runs to punctuation, a function word or verb, or a second role; it crosses a
    comma when the country of a «Ministry of A, B and C of <country>» follows (not into an item
    joined by «و», nor, for a named person (``named``), once the role names its country), and an
    Arabic «في» when a country follows (وزير البريد والاتصالات في الجمهورية الجزائرية).
    It ends with its last country (or organisation) when it names one.
    """
    scan = _RoleScan(tokens, words, i, head_len, countries, lang, body, named)
    k = i + head_len
    while k < len(tokens) and k - i < MAX_ROLE_TOKENS:
        word = words[k]
        if word in ("،", ",") and k + 1 < len(tokens):
            if scan.crosses_comma(k):
                k += 1
                continue
            break
        if scan.arabic_clause_at(k):
            break
        if word in _ROLE_ADJECTIVE_HONORIFICS and k == i + head_len:
            k += 1  # «وزیر محترم بهداشت»: «محترم» after a role head qualifies the role, it introduces no name
            continue
        if scan.stops_at(k):
            k = scan.before_verb_noun(k)
            break  # an honorific starts the next person: «وزير النقل اليوم معالي عيسى ...»
        if scan.next_person_at(k):
            break  # «مدیرکل نوسازی مدارس و فرهاد ...»: the next person, not a part of the role
        inner = _cues()["role"].match(words, k)
        if inner:
            k, over = scan.past_role_word(k, inner)
            if over:
                break
            continue
        k += 1
    return scan.extent(k, organizations)


@dataclass(frozen=True, slots=True)
class _RoleScan:
    """A role's head and its article as :func:`_role_extent` walks the words after it: each
    step asks whether the role runs on past token ``k`` or ends there."""

    tokens: Sequence[tuple[str, int, int]]
    words: list[str]
    i: int  # the role's head
    head_len: int
    countries: StartIndex[EntityMention]
    lang: str | None
    body: str  # the body as written ("": the words alone are read)
    named: bool  # a named person's role, not an official's side in an event

    def crosses_comma(self, k: int) -> bool:
        """The role runs on past the comma at token ``k``: its country follows within a few tokens
        («Ministry of A, B and C of <country>»), with no punctuation, stop word or role before it."""
        tokens, words, countries, i = self.tokens, self.words, self.countries, self.i
        horizon = tokens[min(k + _COMMA_LOOKAHEAD, len(tokens) - 1)][2]
        ahead = [m for m in countries.within(tokens[k][2], horizon) if m.kind == "country"]
        between = words[k + 1 : k + _COMMA_LOOKAHEAD]
        upto = between[: _index_of_char(tokens, k + 1, ahead[0].start)] if ahead else []
        # a list of a ministry's fields runs on before its country; a role that already names
        # its country, or a next item joined by «و», is over: «الملحق العسكري السعودي، وأعضاء ...»
        # (for a named person's role; an official's side in an event keeps the country ahead)
        closed = words[k + 1].startswith("و") or (
            self.named and bool(countries.within(tokens[i][1], tokens[k][1]))
        )
        # not into the next official: «معین ...، اولوغبیک سعیدوف معاون وزیر ... ازبکستان»
        roles = _cues()["role"]
        return (
            bool(ahead)
            and not closed
            and not any(
                _PUNCT.match(w) or w.removeprefix("و") in _ROLE_STOP or roles.match(upto, n)
                for n, w in enumerate(upto)
            )
        )

    def arabic_clause_at(self, k: int) -> bool:
        """An Arabic role ends at token ``k`` where its sentence's predicate or a new clause starts,
        read on the word as written (the body), since folding makes some of them names."""
        tokens, words, body = self.tokens, self.words, self.body
        if self.lang != "ar" or not body:
            return False
        if body[tokens[k][1] : tokens[k][2]] in ("على", "وعلى"):
            return True  # «ولي ولي العهد على اهتمام ...»: a preposition starts the predicate (folded it is the name «علی»)
        if k > self.i + self.head_len and _arabic_clause_word(body[tokens[k][1] : tokens[k][2]]):
            return True  # «رئيس جمهورية مصر العربية وتقديره لمواقف ...»: a new clause, not the title
        # «رئيس البرلمان السابق لدى لقائه ...»: «when meeting», not a posting
        return (
            words[k] in _ROLE_LINKS
            and k + 1 < len(tokens)
            and body[tokens[k + 1][1] : tokens[k + 1][2]].endswith(("ه", "ها"))
        )

    def stops_at(self, k: int) -> bool:
        """The role ends at token ``k``: at punctuation, a stop or time word, a Persian verb,
        preposition or conjunction, or an honorific that starts the next person's name."""
        words, i, head_len, word = self.words, self.i, self.head_len, self.words[k]
        persian_end = self.lang in ("fa", "prs") and (
            k > i + head_len and _ends_persian_role(word) or k > i and _persian_verb_form(word)
        )
        # a title after a name link is a part of the name: «إسماعيل ولد الشيخ أحمد»
        # and so is one inside an institution's name: «رئیس سازمان بنیاد شهید و امور ایثارگران»
        titled = (
            _cues()["honorific"].match(words, k)
            and words[k - 1] not in _NAME_LINKS
            and words[k - 1] not in _lexicon().links
            and words[k - 1] not in _PLACE_HEADS
        )
        return bool(
            persian_end
            or _PUNCT.match(word)
            or word in _ROLE_STOP
            or word.removeprefix("و") in _ROLE_STOP
            or word in _ROLE_TIME_STOP
            or titled
        )

    def before_verb_noun(self, k: int) -> int:
        """Where a role that stops at token ``k`` ends: a Persian light or compound verb takes the
        noun before it, which is then no part of the role (nor the noun of «پیدا کردن» before that)."""
        tokens, words, i, head_len = self.tokens, self.words, self.i, self.head_len
        word = words[k]
        # «رئیس مجلس تصمیم گرفت», «استاندار موصل اعلام کرده»: a Persian verb's noun goes with it
        noun = words[k - 1]
        if (
            self.lang in ("fa", "prs") and (word in _LIGHT_VERBS or word in _COMPOUND_VERBS) and k - 1 > i + head_len
            and noun not in _ROLE_CLOSING_NOUNS and _persian_word_class(noun.replace(" ", "\u200c")) is not None
            and not self.countries.within(tokens[k - 1][1], tokens[k - 1][2])
        ):  # fmt: skip
            k -= 1
            if (
                words[k] in _VERB_PARTNERS
                and k - 1 > i + head_len
                and _persian_word_class(words[k - 1].replace(" ", "\u200c")) is not None
            ):
                k -= 1  # «حضور پیدا کرده»: the noun of «پیدا کردن» goes with the verb too
        return k

    def next_person_at(self, k: int) -> bool:
        """A Persian or Dari «و» at token ``k`` joins the next person (a given name and a name word
        after it), not a second part of the role."""
        words = self.words
        return (
            self.lang in ("fa", "prs") and words[k] == "و" and k + 2 < len(words) and words[k + 1] in _lexicon().given
            and _name_word(words[k + 2]) and not _ends_persian_role(words[k + 2])
        )  # fmt: skip

    def past_role_word(self, k: int, inner: int) -> tuple[int, bool]:
        """A second role word, ``inner`` tokens long, at token ``k``: where the walk goes on, and
        whether the role is over there. A linked role, a deputy's principal and a modifier's head
        are this role's; after «و» or other words it is a second role."""
        words, i, head_len = self.words, self.i, self.head_len
        roles = _cues()["role"]
        if words[k - 1] in _ROLE_LINKS:
            return k + inner, False  # «الوزيرة المنتدبة لدى رئيس الحكومة»: one role
        # a deputy's principal: «معاون سیاسی امنیتی استاندار ایلام», «معاون توسعه ... وزیر آموزش و پرورش»;
        # not across a name: «مشاور «باراک اوباما» رئیس‌جمهور سابق»
        principal = (
            self.named and self.lang in ("fa", "prs") and words[i] in _DEPUTY_HEADS and words[k - 1] != "و"
            and not any(roles.match(words, j) or words[j] in ("«", "»") or words[j] in _lexicon().given for j in range(i + head_len, k))
        )  # fmt: skip
        if principal:
            return k + inner, False
        if words[k - 1] == "و" or (k > i + head_len and words[k - 1] not in _ROLE_MODIFIERS):
            if words[k - 1] == "و":
                k -= 1
            return k, True  # a second role: «وزیر سابق ... و رئیس کنونی ...», «وزیر X Y وزیر ...»
        if k == i + head_len and head_len >= 2 and roles.match(words, k + inner):
            return k, True  # «ولي العهد نائب رئيس ...»: a second title, not a part of the first
        return k + inner, False  # part of this role: «معاون نخست وزیر», «معاون اول وزیر»

    def extent(self, k: int, organizations: StartIndex[EntityMention]) -> RoleExtent:
        """The role from its head to token ``k`` (one past its end), ending with its last country
        (its qualifier after it kept: «الأسبق») or, naming none, its last organisation; a country
        just after an Arabic «في» is the role's (وزير البريد ... في الجمهورية الجزائرية)."""
        tokens, words, countries, i = self.tokens, self.words, self.countries, self.i
        start, end = tokens[i][1], tokens[max(k - 1, i)][2]
        inside = countries.within(start, end)
        if not inside and k < len(tokens) and words[k] == "فی":
            horizon = tokens[min(k + 5, len(tokens) - 1)][2]
            inside = [m for m in countries.within(tokens[k][2], horizon) if m.kind == "country"][:1]
        if inside:
            end = inside[-1].end
            after = bisect.bisect_left([t[1] for t in tokens[i:k]], end) + i
            if self.named and after < k and words[after] in _ROLE_MODIFIERS | _PAST_MODIFIERS:
                # «وزير الخارجية الأمريكي الأسبق»: the qualifier after the country stays
                end = tokens[after][2]
        orgs = organizations.within(start, end)
        if orgs and not inside:
            end = orgs[-1].end
        return RoleExtent(k, start, end, tuple(inside), tuple(orgs))


#: Honorifics that, right after a role head, are its adjective («وزیر محترم صحت عامه»).
_ROLE_ADJECTIVE_HONORIFICS = _ROLE_WORDS["adjective_honorific"]
#: Verbs that, like the light verbs, take a noun before them («تصمیم گرفت», «حضور یافت»).
_COMPOUND_VERBS = _ROLE_WORDS["compound_verb"]
#: Words that join a light verb and take a noun before them («حضور پیدا کرد», «ادامه پیدا کرد»).
_VERB_PARTNERS = _ROLE_WORDS["verb_partner"]
#: Nouns a role ends with that are no compound verb's noun («رئیس‌جمهور این کشور گردید»).
_ROLE_CLOSING_NOUNS = _ROLE_WORDS["closing_noun"]


def _arabic_clause_word(original: str) -> bool:
    """An Arabic word that starts a new clause after a title: «و» and a noun with a pronoun
    suffix («وتقديره», «وتأكيده»); «ه» as written, not the «ة» of a title noun."""
    # also «ل» on a verbal noun with a pronoun: «نائب وزير الخارجية لاطلاعهم على ...»
    return (
        len(original) >= 5
        and original[0] in "وفل"
        and original.endswith(("ه", "ها", "هم"))
        and not original.endswith(("اه", "الله"))
    )


def _persian_verb_form(word: str) -> bool:
    """A folded Persian token is an inflected verb or a light verb («گرفت», «کرده», «شد»)."""
    original = word.replace(" ", "\u200c")
    # a second-person past («گرفتی») is rare in news; a word in «ی» is an adjective («فرهنگی»)
    return word in _LIGHT_VERBS or (not original.endswith("ی") and _is_persian_verb(original))


def _ends_persian_role(word: str) -> bool:
    """A Persian or Dari role ends before a verb, a preposition or a conjunction that starts a
    new phrase («بعد», «توسط», «تا», «نیز»); «و» and the postings «نزد»/«در» are decided elsewhere."""
    if word == "و" or word in _ROLE_LINKS or word == fold_phrase("بین"):
        return False
    entry = fast_hazm.hazm_data()["words"].get(word.replace(" ", "\u200c"))
    if entry is not None and {"P", "CONJ"} & set(entry[1]):
        return True
    return _persian_verb_form(word)


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
    #: the country is the reporting side's, assumed because the role names none («وزیر ارتباطات»)
    assumed: bool = False


#: The end of a sentence: a role after it no longer refers to the roles before it.
_SENTENCE_BREAK = re.compile(r"[.!?؟\n]")


def officials(
    body: ArticleText | str,
    countries: list[EntityMention],
    organizations: list[EntityMention],
    home_country: str | None,
) -> list[Official]:
    """Every official's role and every ministry in ``body``, named or not, with the country it serves.

    The country is the role's own (its last country: «معاون وزیر ارتباطات ایران»), else the
    home of the organisation it names (an international body's officials have none), else the
    country of the last role of the same sentence that named one when the role is a bare
    definite title that refers back («أعلنت وزارة الخارجية الإيطالية أن الوزير ...»), else the
    reporting side's (a role or ministry that names no country is the
    outlet's own: «وزیر ارتباطات», «هیئت وزارت مخابرات»).
    """
    text = as_article_text(body, "")  # roles are read the same way in every language
    body = text.body
    cues = _cues()
    tokens = _tokens(text)
    words = [t[0] for t in tokens]
    found: list[Official] = []
    after = 0
    ministries = [i for i, w in enumerate(words) if w in _MINISTRY_HEADS]
    places, bodies = _by_start(countries), _by_start(organizations)
    last_named: tuple[str, int] | None = None  # the country of the last role that named one, and its end
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
            last_named = (served[0], extent.end)
        elif extent.organizations:
            country = extent.organizations[0].country
            international = country is None
        elif (
            last_named
            and words[i].startswith("ال")
            and not _SENTENCE_BREAK.search(body, last_named[1], extent.start)
        ):
            # a bare definite title refers back: «وزارة الخارجية الإيطالية ... أن الوزير ...» is Italy's
            country, international = last_named[0], False
        else:
            country, international = home_country, False
        assumed = not served and not extent.organizations and country == home_country
        found.append(
            Official(
                extent.start,
                extent.end,
                country,
                international,
                served or ((country,) if country else ()),
                assumed,
            )
        )
    return found


#: Words before a country that make it an official's posting, not the country served:
#: «سفير كوريا لدى الجزائر», «سفیر ایران در عمان», «نماینده ایران نزد سازمان ملل».
_POSTING = ("لدی ", "لدى ", "فی ", "في ", "در ", "نزد ", "به ")


def _served(body: str, countries: tuple[EntityMention, ...]) -> tuple[str, ...]:
    """The countries a role serves: those it names, less its postings («بالجزائر», «در عمان»);
    the posting alone when it names nothing else."""
    postings = _postings(body, countries)
    served = [m.country for m in countries if m.country and m not in postings]
    return tuple(dict.fromkeys(served)) or tuple(
        dict.fromkeys(m.country for m in countries[-1:] if m.country)
    )


def _postings(body: str, countries: Sequence[EntityMention]) -> list[EntityMention]:
    """The mentions of a role that are its postings («لدى الجزائر», «در عمان», «بالجزائر»), with a
    country joined to a posting by «و» («لدى إيطاليا ومالطا»)."""
    postings: list[EntityMention] = []
    for m in countries:
        joined = (
            bool(postings)
            and body[postings[-1].end : m.start].strip() in ("و", "،", "")
            and body[m.start - 1 : m.start] in ("و", " ")
        )
        if body.endswith(_POSTING, 0, m.start) or body[m.start - 1 : m.start] == "ب" or joined:
            postings.append(m)
    return postings


def _index_of_char(tokens: Sequence[tuple[str, int, int]], first: int, char: int) -> int:
    """How many tokens from ``first`` lie before character offset ``char``."""
    n = 0
    while first + n < len(tokens) and tokens[first + n][1] < char:
        n += 1
    return n


def institution_spans(
    body: ArticleText | str, countries: list[EntityMention], organizations: list[EntityMention]
) -> list[tuple[int, int]]:
    """Character spans of officials' roles and ministry names (their words are not topics)."""
    text = as_article_text(body, "")
    body = text.body
    cues = _cues()
    tokens = _tokens(text)
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


def _is_boundary(word: str) -> bool:
    """A folded word no name runs across (``boundary`` in ``person_cues.tsv``), also with an
    Arabic conjunction «و»/«ف» joined to it («وقال», «فأشار»)."""
    boundary = _cues()["boundary"]
    return word in boundary or (len(word) >= 4 and word[0] in "وف" and word[1:] in boundary)


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
    while (
        j >= 0
        and not _PUNCT.match(words[j])
        and words[j] not in ("«", "»")
        and not _is_boundary(words[j])
        and not cues["role"].match(words, j)
    ):
        j -= 1
    first = j + 1
    if first <= last and last >= 0 and words[last] in cues["honorific"]:
        return first, first - 1, False  # «محترم وزیر صاحب»: a title addressed to the role, no name
    while first <= last and (h := cues["honorific"].match(words, first)):
        first += h
    return first, last, False


#: Arabic function words that are never part of a name, compared unfolded («على» is not «علي»).
_ARABIC_FUNCTION_WORDS = frozenset(word_list("name_words.tsv", "function_ar"))


_ARABIC_FUNCTION_FOLDED = frozenset(fold_phrase(w) for w in _ARABIC_FUNCTION_WORDS) - {fold_phrase("علي")}


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


#: hazm's parts of speech no name word carries: prepositions, pronouns, conjunctions,
#: determiners and plurals («توسط», «شما», «همین», «امور»).
_FUNCTION_TAGS = frozenset({"P", "PRO", "CONJ", "DET", "PL"})
#: Persian number words («دو معاون», «یک نماینده»): hazm tags surnames NUM too, so a list.
_PERSIAN_NUMBERS = frozenset(word_list("name_words.tsv", "number_fa"))


def _persian_word_class(original: str) -> str | None:
    """What hazm's lexicon says a Persian word is: ``"function"`` (a preposition, pronoun,
    conjunction, determiner, plural, number or bare adverb: never a name word), ``"common"``
    (a dictionary word that may still be a family name: «نوری», «پرورش») or None (not in it)."""
    entry = fast_hazm.hazm_data()["words"].get(original)
    if original in _PERSIAN_NUMBERS:
        return "function"
    if entry is None or entry[1] == ("0",):
        return None
    tags = set(entry[1])
    if tags & {"P", "PL"}:
        return "preposition"  # never in a name: «توسط», «امور»
    if tags & _FUNCTION_TAGS or ("ADV" in tags and "N" not in tags):
        return "function"  # at a name's edge only: «ما», «وان» are parts of foreign names
    return "common"


def _persian_name_word_ok(word: str, original: str, edge: bool = True) -> bool:
    """A Persian or Dari word may stand in a name: a given name or particle, or no function
    word (a pronoun, conjunction or determiner only at the name's first or last word: «همه شما»,
    «عواد البندر دو»; inside it may be a syllable of a foreign name: «ژومان ... ما کاشویچ»)."""
    lex = _lexicon()
    if word in lex.given or word.replace(" ", "") in lex.given or word in lex.prefixes or word in lex.links:
        return True
    kind = _persian_word_class(original)
    return kind != "preposition" and not (edge and kind == "function")


def _acceptable_name(
    words: list[str], first: int, last: int, quoted: bool, lang: str = "fa", originals: list[str] | None = None, need_evidence: bool = False,
    titled: bool = False,
) -> bool:  # fmt: skip
    cues = _cues()
    n = last - first + 1
    if not (1 <= n <= MAX_NAME_TOKENS and (n >= 2 or (quoted and lang != "ar"))):
        return False  # a quoted surname («زارعپور») in Persian; Arabic «...» quote brands too
    if first > 0 and words[first - 1] in cues["attribution"]:
        return False
    if quoted and first > 1 and words[first - 1] == "«" and words[first - 2] in cues["attribution"]:
        return False  # «خبرگزاری «اسپوتنیک»، سخنگوی ...»: an outlet named in quotes
    if first > 1 and words[first - 2] in cues["attribution"] and _is_boundary(words[first - 1]):
        return False  # «به نقل از آسوشیتد پرس، رئیس ...»: an outlet quoted, not a person
    span = words[first : last + 1]
    if "«" in span or "»" in span:
        return False  # a quote mark inside a name: «الرئيس الفرنسي «تمنى»», «عنوان «سفیر ...»»
    if any(
        w in cues["not_name"]
        or w in cues["attribution"]
        or _is_boundary(w)
        or w in _ROLE_STOP
        or any(ch.isdigit() for ch in w)
        for w in span
    ):
        return False
    if not _looks_like_name(
        span, (originals or words)[first : last + 1], lang, quoted or titled, need_evidence
    ):
        return False
    if lang == "ar":
        return not (originals and any(o in _ARABIC_FUNCTION_WORDS for o in originals[first : last + 1]))
    return not any(_is_persian_verb(o) for o in (originals or span)[first : last + 1] if o)


def _looks_like_name(
    words: list[str], originals: list[str], lang: str, quoted: bool, need_evidence: bool
) -> bool:
    """The name model: no word a name never holds, and, where the context alone does not
    make it a name (an honorific with no role), a name-like word."""
    evidence = quoted or name_evidence(words)
    if need_evidence and not evidence or len("".join(words).replace(" ", "")) < 4:
        return False  # «ل», «بي»: too short for a name
    return not not_a_name(words, originals, lang, evidence)


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


def _names_a_country(
    tokens: Sequence[tuple[str, int, int]], first: int, last: int, countries: StartIndex[EntityMention]
) -> bool:
    start, end = tokens[first][1], tokens[last][2]
    return any(m.kind == "country" for m in countries.within(start, end))


_NAME_LINKS = _NAME_WORDS["link"]


def _arabic_name_end(words: list[str], first: int, limit: int) -> int:
    """Last token of an Arabic name from ``first``: a given name («عبد X» is one), its «بن X» /
    «ولد X» links, then a family name: one word after a chain only when definite («يوسف بن
    أحمد الجودر»), else one after the given name; a second given name takes a third word
    («محمد رضا كرمي»)."""
    lex = _lexicon()
    links = lex.links | _NAME_LINKS
    abd = fold_phrase("عبد")

    def one(j: int) -> int:  # a name word, two with «عبد»
        return j + 1 if words[j] == abd and j + 1 < limit else j

    last = one(first)
    chained = False
    honorific = _cues()["honorific"]
    while last + 2 < limit and words[last + 1] in links:
        if last + 3 < limit and honorific.match(words, last + 2) == 1 and words[last + 3] in lex.given:
            last = one(last + 3)  # «إسماعيل ولد الشيخ أحمد»: a title inside an ancestor's name
        else:
            last = one(last + 2)
        chained = True
    if chained:
        if last + 1 < limit and words[last + 1].startswith("ال") and _name_word(words[last + 1]):
            last += 1
        elif last + 1 < limit and _family_word_at_end(words, last + 1, limit):
            last += (
                1  # «علاء بن عبدالله نصيف،», «نزار بن عبيد مدني ووزير ...»: the family name closes the name
            )
        return min(last, limit - 1)
    if last + 1 < limit and _name_word(words[last + 1]):
        last = one(last + 1)  # «هشام عبد الحميد»
    if (
        last == first + 1
        and last + 1 < limit
        and words[first] in lex.given
        and (words[last] in lex.given or words[last] in _initials())
        and _name_word(words[last + 1])
        and words[last + 1] not in _ARABIC_FUNCTION_FOLDED
    ):
        last += 1  # «محمد رضا كرمي», «جورج دبليو بوش»
        if words[last] == abd and last + 1 < limit:
            last += 1  # «حسين أمير عبد اللهيان»: «عبد» binds the next word
    elif (
        last > first and last + 1 < limit and not (words[last].startswith("ال") and words[last - 1] != abd)
        and _family_word_at_end(words, last + 1, limit) and not _PREPOSITION_MASDAR.match(words[last + 1])
    ):  # fmt: skip
        # a name of three or four words that closes the clause: «علي عبد الله صالح.», «عبد ربه منصور هادي،»
        # (a definite family name closes a name: «عادل الجبير بنجاح» is not one)
        last += 1
    return min(last, limit - 1)


def _family_word_at_end(words: list[str], j: int, limit: int) -> bool:
    """Token ``j`` is an indefinite family name closing an Arabic chain: a name word (no
    function word) right before punctuation, the end of the run, or the next title."""
    word = words[j]
    if not _name_word(word) or word in _ARABIC_FUNCTION_FOLDED or len(word) < 3 or word.endswith("ه"):
        return False  # a noun in «ة» («بصحبة», «كلمة») ends no name here
    if j + 1 >= len(words):
        return True
    after = words[j + 1]
    roles = _cues()["role"]
    return bool(
        _PUNCT.match(after)
        or after in ("«", "»")
        or roles.match(words, j + 1)
        or (after == "و" and roles.match(words, j + 2))
    )


@functools.cache
def _initials() -> frozenset[str]:
    """Latin initials spelt out inside Western names (``initial`` in ``name_particles.tsv``)."""
    return frozenset(
        fold_phrase(r["particle"]) for r in read_tsv("name_particles.tsv") if r["kind"] == "initial"
    )


def _name_word(word: str) -> bool:
    """A folded token that may continue a name (not punctuation, a function, time or role word)."""
    cues = _cues()
    return not (
        _PUNCT.match(word) or word in _ROLE_STOP or _is_boundary(word) or word in cues["not_name"] or word in _TIME_WORDS
        or word in _PERSIAN_FUNCTION_WORDS or word.startswith("و") and cues["role"].match([word[1:]], 0) or cues["role"].match(word.split(), 0)
        or (len(word) > 5 and word.startswith("وال"))  # «سامح شكري والوفد», «محمد مرسي وإلغاء»: «و» + the article opens the next item
    )  # fmt: skip


#: Words a spokesman's title ends with before «باسم X» («المتحدث الرسمي باسم الخارجية»).
_SPOKESMAN_WORDS = _ROLE_WORDS["spokesman"]
#: Arabic object and possessive pronouns written at a word's end («وقتها», «وأخيه», «وبه»).
_PRONOUN_ENDINGS = ("ه", "ها", "هم", "هما")


def _next_item_word(word: str, original: str) -> bool:
    """An Arabic word that opens the next item after a name, not a name word: a noun of six letters or
    more with a pronoun written at its end («استعداده», «تشكيلها»); «و» with a pronoun
    written at its end («وقتها», «واعتمده», «وأخيه», «وبه») or with «ل»/«ال» («ولسمو», «وللشعب»,
    «والوفد»); names in «و» (وليد، وضاح، ويلسون) and the link «ولد» stay."""
    if word in _lexicon().given or word in _NAME_LINKS or word in _lexicon().links:
        return False
    if len(original) >= 6 and original.endswith(_PRONOUN_ENDINGS) and not original.endswith(("اه", "له")):
        return True  # a noun with a pronoun, the predicate's: «محمود عباس استعداده», «بوتين تشكيلها»
    if len(original) < 3 or not original.startswith("و"):
        return False
    if word in _foreign_given_names() or word[1:] in _lexicon().given:
        return False
    rest = original[1:]
    return (original.endswith(_PRONOUN_ENDINGS) and not original.endswith(("اه", "الله"))) or rest.startswith(
        "ل"
    )


def _arabic_title_end(words: list[str], originals: list[str], head: int, k: int, places: set[int]) -> int:
    """First token after an Arabic title's run from ``head``: definite words, title nouns,
    places and demonyms, and the indefinite nouns of an idafa (abstract and plural nouns in
    «ـة», «ـات»: «وزير تكنولوجيات الاتصال»); a given name starts the name."""
    given = _lexicon().given
    j = head
    while j < k:
        word, original = words[j], originals[j]
        if (
            j in places
            or (original.startswith(_DEFINITE) and word not in given)
            or word.lstrip("و") in _ARABIC_TITLE_NOUNS
            or _cues()["role"].match(words, j)
            or (word == "فی" and j + 1 in places)  # «في الجمهورية الجزائرية», not «في بلادنا»
            or (
                word not in given
                and original.endswith(("ات", "ة", "ية"))
                and j + 1 < k
                and originals[j + 1].startswith(_DEFINITE)
            )
        ):
            j += 1
            continue
        break
    return j


def _name_after(
    words: list[str], originals: list[str], extent: RoleExtent, head: int, lang: str, places: set[int]
) -> Iterator[tuple[int, int]]:
    """A name after its role: «ROLE NAME» in Arabic, where the title is the head's run of
    definite words, title nouns and demonyms (وزير الاتصالات والتقانة إياد الخطيب); then
    «ROLE، NAME،» in any language; then «ROLE HONORIFIC NAME» (وزير الاتصالات المهندس ماهر ...)."""
    cues = _cues()
    k = extent.end_token
    inside = None
    if lang == "ar":
        j = _arabic_title_end(words, originals, head, k, places)
        if head < j < k and k - j >= 2:
            inside = (j, _arabic_name_end(words, j, k))
    if inside and words[inside[0]] in _lexicon().given:
        yield inside  # a name from a given name inside the role's run comes first: «الرئيس الإيراني حسن روحاني، وحسن خميني»
        inside = None
    if k < len(words) and words[k] in ("،", ","):
        last = k + 1
        while last < len(words) and not _PUNCT.match(words[last]) and last - k <= 4:
            last += 1
        if last < len(words) and _PUNCT.match(words[last]) and last - (k + 1) >= 2:
            # in Arabic the clause after a title's comma is as often a verb's («، يجتمع بأعضاء»)
            given = _lexicon().given
            next_of_list = (
                originals[k + 1].startswith("و") and words[k + 1] not in given and words[k + 1][1:] in given
            )
            if not next_of_list and (
                lang != "ar" or name_evidence(words[k + 1 : last]) or words[k + 1] in _foreign_given_names()
            ):
                yield k + 1, last - 1  # «، ومحمد بن ...،» is the next of a list, not this title's name
    if lang == "ar" and head < k < len(words) and words[k - 1] in _lexicon().given and cues["honorific"].match(words, k) and (
        _arabic_title_end(words, originals, head, k - 1, places) == k - 1
    ):  # fmt: skip
        run = _name_run(words, k + cues["honorific"].match(words, k), lang)
        if run:
            yield (
                k - 1,
                run[1],
            )  # «وزيرة التربية مريم الحاج إبراهيم علي»: «الحاج» inside the name, not before it
    if k < len(words) and (h := cues["honorific"].match(words, k)):
        first = k + h
        while first < len(words) and (more := cues["honorific"].match(words, first)):
            first += more
        run = _name_run(words, first, lang)
        # «ROLE1 الدكتور NAME ROLE2»: the name is ROLE2's (ROLE1 is another official's)
        if run and not (run[1] + 1 < len(words) and cues["role"].match(words, run[1] + 1)):
            yield run
    if inside:
        yield inside


def _name_run(words: list[str], first: int, lang: str) -> tuple[int, int] | None:
    """The name that starts at token ``first`` after an honorific: an Arabic name chain, else
    up to three name words («مهندس کاوه رستگاری روز سه‌شنبه» -> «کاوه رستگاری»), less a
    compound verb's noun before its light verb («... اظهار کرد») and a dangling «بن»."""
    last = first
    while (
        last < len(words)
        and last - first < MAX_HONORIFIC_NAME_TOKENS
        and _name_word(words[last])
        and not _cues()["role"].match(words, last)
    ):
        last += 1  # up to a role: «آیت‌الله محسن اراکی دبیر‌کل ...»
    if lang == "ar" and last - first >= 2:
        return first, _arabic_name_end(words, first, min(last + 4, len(words)))
    if lang != "ar" and last < len(words) and words[last] in _LIGHT_VERBS:
        last -= 1
    while last - first >= 1 and words[last - 1] in _lexicon().links | _NAME_LINKS:
        last -= 1
    return (first, last - 1) if last - first >= 2 else None


#: Persian light verbs: the word before one is the noun of a compound verb («اظهار کرد»).
_LIGHT_VERBS = _ROLE_WORDS["light_verb"]


def _names_a_place(words: list[str], first: int, last: int, places: set[int]) -> bool:
    """A candidate holds a place (a city, a country) that is not also a given name."""
    given = _lexicon().given
    return any(j in places and words[j] not in given for j in range(first, last + 1))


def _name_country(
    body: str, tokens: Sequence[tuple[str, int, int]], words: list[str], first: int, extent: RoleExtent | None,
    countries: StartIndex[EntityMention], earlier: _LastCountryBefore, home_country: str | None, lang: str = "fa",
) -> str | None:  # fmt: skip
    """The country of a person: the role's own (less its postings); an official of an
    international body has none; else the side the sentence puts the person on («وعن الجانب
    الهندي معالي ...»); else the country «این کشور» refers back to; else the reporting side's."""
    if extent is not None:
        served = _served(body, extent.countries)
        postings_only = served and len(_postings(body, extent.countries)) == len(extent.countries)
        if served and not postings_only:
            return served[0]
        if extent.organizations:
            return extent.organizations[0].country
    if extent is not None and first < len(tokens):
        known = _known_persons().get(_key_from(body, tokens, first, extent))
        if known:
            return known  # «الرئيس الحالي عبد ربه منصور هادي»: a well-known head of state's own state
    side = _side_country(tokens, words, first, countries)
    if side:
        return side
    if extent is not None and _THIS_COUNTRY in fold(body[extent.start : extent.end]):
        return earlier.country(extent.start) or home_country
    if extent is not None and _THIS_BODY.search(fold(body[extent.start : extent.end])):
        return None  # «مدیر کل این آژانس», «رئيس هذه المنظمة»: a body named before, whose country the role does not tell
    if extent is not None and lang != "ar" and _bare_head(body[extent.start : extent.end]):
        return None  # «معاون سابق «X»»: a head alone names no office, so no state either
    if extent is not None and _COMPANY_ROLE.search(body, extent.start, extent.end):
        return None  # a company's officer with no country named: not the outlet's («الرئيس التنفيذي للشركة»)
    if extent is not None and first < len(words) and words[first] in _foreign_given_names():
        return None  # «دونالد توسک رئیس شورای اروپا»: a Western given name is not the outlet's official
    if (
        extent is not None
        and lang == "ar"
        and home_country
        and _sentence_abroad(body, extent, countries, home_country)
    ):
        return None  # «ووزير الخارجية محمد جواد ظريف ... في طهران»: not the outlet's official
    return home_country if extent is not None else None


def _bare_head(role: str) -> bool:
    """A role of one head word and its modifiers only («معاون سابق», «مشاور»): it names no office."""
    words = fold_phrase(role.replace("«", " ").replace("»", " ")).split()
    n = _cues()["role"].match(words, 0)
    return n > 0 and all(w in _ROLE_MODIFIERS for w in words[n:]) and n == 1


@functools.cache
def _known_persons() -> dict[str, str]:
    """person_key -> the state of a well-known head of state or government or foreign minister
    (``persons_known.tsv``)."""
    return {person_key(r["name"]): r["iso3"] for r in read_tsv("persons_known.tsv")}


def _key_from(body: str, tokens: Sequence[tuple[str, int, int]], first: int, extent: RoleExtent) -> str:
    """The key of the name of up to six words from token ``first``, stopping at the role."""
    stop = min(first + MAX_NAME_TOKENS, len(tokens))
    known = _known_persons()
    key = ""
    for j in range(first, stop):
        if tokens[j][1] >= extent.start and tokens[j][1] < extent.end or _PUNCT.match(tokens[j][0]):
            break
        key = person_key(body[tokens[first][1] : tokens[j][2]])
        if key in known:
            return key
    return key


@functools.cache
def _foreign_given_names() -> frozenset[str]:
    """Folded given names of Europe, the Americas, Russia and East Asia (``given_names_foreign.tsv``)."""
    return frozenset(fold_phrase(r["name"]) for r in read_tsv("given_names_foreign.tsv"))


def _sentence_abroad(
    body: str, extent: RoleExtent, countries: StartIndex[EntityMention], home_country: str
) -> bool:
    """The sentence of a role names countries, none of them the outlet's: a role with no
    country of its own there is another country's, which the sentence alone does not tell."""
    start = max((m.end() for m in _SENTENCE_BREAK.finditer(body, 0, extent.start)), default=0)
    stop = _SENTENCE_BREAK.search(body, extent.end)
    # the outlet's country as a destination or posting («للمملكة», «إلى السعودية», «لدى المملكة») is where
    # the officials went or serve, not whose they are: «كان في استقباله ... مبعوث جلالة الملك للمملكة»
    named = {
        m.country for m in countries.within(start, stop.start() if stop else len(body))
        if m.country and not (m.country == home_country and m.kind == "country" and _destination(body, m.start))
    }  # fmt: skip
    return bool(named) and home_country not in named


def _destination(body: str, start: int) -> bool:
    """A country mention at ``start`` is a destination or posting: «للمملكة», «إلى السعودية», «لدى المملكة»."""
    return bool(_DESTINATION_BEFORE.search(body, max(0, start - 30), start))


#: What stands before a country named as a destination or posting: «ل», «إلى», «لدى», «في», with the
#: state's words before its name («للمملكة العربية السعودية», «إلى جمهورية مصر»).
_DESTINATION_BEFORE = re.compile(
    r"(?:^|\s)(?:لل|ل|ب|بال|(?:إلى|الى|لدى|لدي|في|به|در|نزد)\s+(?:ال)?)(?:مملكة|جمهورية|دولة|إمارة)?\s*(?:العربية\s*)?$"
)


#: An Arabic role in a company or a brand written in Latin letters: the pan-Arab press reports
#: foreign companies' officers, whose country the outlet's is not.
_COMPANY_ROLE = re.compile(r"شرك[ةه]|للموقع|[A-Za-z]{2,}")


class _LastCountryBefore:
    """The country «این کشور» refers back to: :meth:`country` is the last, in the order given,
    of the mentions ending by ``offset`` with a country other than the home country
    (``[m.country for m in countries if m.end <= offset and ...][-1]``), found by bisection."""

    def __init__(self, countries: list[EntityMention], home_country: str | None) -> None:
        # a demonym («عراقی», «العراقي») qualifies another noun: «این کشور» refers to a country named as one
        kept = sorted(
            (m.end, n, m.country) for n, m in enumerate(countries)
            if m.country and m.country != home_country and not fold(m.surface).endswith(("ی", "یه", "ین", "یها"))
        )  # fmt: skip
        self._ends = [end for end, _, _ in kept]
        self._last: list[str] = []  # by end: the country of the latest mention in the order given so far
        latest = -1
        for _, n, country in kept:
            if n > latest:
                latest, current = n, country
            self._last.append(current)

    def country(self, offset: int) -> str | None:
        k = bisect.bisect_right(self._ends, offset)
        return self._last[k - 1] if k else None


#: «this country» in a role refers back to the last country named before it.
_THIS_COUNTRY = fold_phrase("این کشور")
#: «this agency», «this organisation»: a role in a body named earlier (often an international one).
_THIS_BODY = re.compile(
    fold_phrase(
        "(?:این|هذه|هذا) (?:آژانس|سازمان|نهاد|اتحادیه|مجمع|شورا|منظمة|الوكالة|الهيئة|المنظمة|المجموعة)"
    )
)
#: Words for a side of talks: «عن الجانب الهندي», «از طرف ایران».
_SIDE_WORDS = _ROLE_WORDS["side"]
_SIDE_LOOKBACK = 6


def _side_country(
    tokens: Sequence[tuple[str, int, int]], words: list[str], first: int, countries: StartIndex[EntityMention]
) -> str | None:
    """The country of «الجانب X» / «طرف X» in the same clause just before token ``first``."""
    for j in range(first - 1, max(first - _SIDE_LOOKBACK, 0) - 1, -1):
        if _PUNCT.match(words[j]):
            return None
        if words[j].removeprefix("و") in _SIDE_WORDS and j + 1 < first:
            start, end = tokens[j + 1][1], tokens[min(j + 2, first - 1)][2]
            side = [m.country for m in countries.within(start, end) if m.country]
            if side:
                return side[0]
    return None


def _private_role(role: str | None) -> bool:
    """A role in a private body (``private_body`` in ``person_cues.tsv``: a club, an
    association, a hospital, a non-governmental organisation) that holds no public office."""
    if not role:
        return False
    cues = _cues()
    words = fold_phrase(role).split()
    bare = [w[1:] if len(w) > 3 and w[0] in "لبو" else w for w in words]
    if any(cues["public_office"].match(words, i) for i in range(len(words))):
        return False
    return any(cues["private_body"].match(ws, i) for ws in (words, bare) for i in range(len(ws)))


#: Words of a state office that no company officer's role holds («معاون وزیر ... و مدیرعامل شرکت ...»).
_STATE_OFFICE_WORDS = _ROLE_WORDS["state_office"]
#: Words that may follow a company officer's bare title: «الرئيس التنفيذي للشركة», «... بالنيابة».
_CORPORATE_TAIL = _ROLE_WORDS["corporate_tail"]
_LATIN_NAME = re.compile(r"[A-Za-z]{2,}")


def _company_role(role: str, names_country: bool, names_body: bool = False) -> bool:
    """A role in a company that is not the state's: «نائب رئيس شركة فيسبوك», «مدير ... بمؤسسة
    «Google»», a bare officer's title «الرئيس التنفيذي»; a company of the state (a country in the
    role, «شركة المياه الوطنية», «شرکت ملی پست») or a role holding a state office is public. A name in
    Latin letters is a brand unless it is a known body's (``names_body``: «ITU»).
    Arabic copy only: the Persian and Dari press names mostly its state companies («شرکت ارتباطات زیرساخت»)."""
    cues = _cues()
    words = fold_phrase(role).split()
    if (
        not words
        or names_country
        or any(w in _STATE_OFFICE_WORDS or w.removeprefix("و") in _STATE_OFFICE_WORDS for w in words)
    ):
        return False
    bare = [w[1:] if len(w) > 3 and w[0] in "لب" else w for w in words]
    if any(cues["state_owned"].match(ws, i) for ws in (words, bare) for i in range(len(ws))):
        return False
    if (_LATIN_NAME.search(role) and not names_body) or any(
        cues["company"].match(ws, i) for ws in (words, bare) for i in range(len(ws))
    ):
        return True
    title = cues["corporate_title"].match(words, 0)
    return bool(title) and all(w in _CORPORATE_TAIL for w in words[title:])


def public_officials(persons: list[Person]) -> list[Person]:
    """The persons whose role is a public office (``public_office`` in ``person_cues.tsv``):
    in sports reporting a «سرپرست», «نایب‌رئیس» or «مدیر» is a club's, not a public role,
    while a minister or an ambassador at a match still is."""
    offices = _cues()["public_office"]
    kept = []
    for person in persons:
        words = fold_phrase(person.role or "").split()
        if any(offices.match(words, i) for i in range(len(words))):
            kept.append(person)
    return kept


def story_home(countries: list[EntityMention], home_country: str | None) -> str | None:
    """The reporting side's country for a role that names none, when the article is the
    outlet's own story: the home country is named, or no other country is. An article about
    other countries («وزير الخارجية الأسبق» in a story on Washington) gives no country."""
    named = {m.country for m in countries if m.country}
    return home_country if home_country in named or not named - {home_country} else None


def _not_in_name_chains(
    tokens: Sequence[tuple[str, int, int]], words: list[str], countries: list[EntityMention]
) -> list[EntityMention]:
    """Country mentions less those that are a name word: «تركي بن عبدالعزيز» is a given name."""
    links = _lexicon().links | _NAME_LINKS
    inside = _token_indices(tokens, countries)
    chained = {j for j in inside if j + 1 < len(words) and words[j + 1] in links}
    if not chained:
        return countries
    drop = Coverage((tokens[j][1], tokens[j][2]) for j in chained)
    return [m for m in countries if not drop.covers(m.start)]


#: Name words that bind the next word to them: «عبد», and the chain links.
_BOUND_BEFORE = _NAME_WORDS["bound"]


def _trim_to_name(words: list[str], originals: list[str], first: int, last: int, lang: str) -> int:
    """Start a name before its role after the last word no name holds, when two words are
    left: «در این نشست حمیدالله نوری معین ...» -> «حمیدالله نوری»; else at its first given
    name when the words before it are not name-like: «دستور محمد مخبر», «وصرح ياسين أوزتورك»."""
    for j in range(last - 1, first - 1, -1):
        bound = j > first and words[j - 1] in _BOUND_BEFORE  # «عبد الرحمن», «بن الحسين»: one name
        if not_a_name(words[j : j + 1], originals[j : j + 1], lang, True, whole=not bound) or not _name_word(
            words[j]
        ):
            if last - j < 2:
                return first
            first = j + 1  # «در همین راستا محمدرضا ...» -> «راستا محمدرضا ...», then to the given name
            break
    lex = _lexicon()
    given = lex.given
    for j in range(first, last):
        joined = words[j].replace(" ", "")
        compound = lang != "ar" and any(
            joined.endswith(c) and len(joined) >= len(c) + 2 for c in lex.compounds
        )  # حمیدالله
        if words[j] in given or compound:
            # Persian and Dari put the given name first: the words before the first one are no name
            return j if j > first and (lang != "ar" or not name_evidence(words[first:j])) else first
    return first


def _arabic_name_start(words: list[str], originals: list[str], first: int, last: int) -> tuple[int, int]:
    """Where an Arabic name before its role starts, and how many letters of its first word are a
    joined preposition: after the last past-tense verb that opens a verb-first sentence
    (``verb_ar``: «علق لازلو بوك، مدير ...» -> «لازلو بوك»), and at a given name with «ل»/«ب»
    joined to it («بتصريح منسوب لحسين عبداللهيان مساعد ...» -> «حسين عبداللهيان»)."""
    verbs = _cues()["verb_ar"]
    for j in range(last, first - 1, -1):
        if words[j] in verbs or (len(words[j]) >= 4 and words[j][0] in "وف" and words[j][1:] in verbs):
            first = j + 1
            break
    given = _lexicon().given
    for j in range(first, last):
        if originals[j][:1] in "لب" and words[j] not in given and words[j][1:] in given:
            return j, 1
    return first, 0


def _trim_to_last_place(
    tokens: Sequence[tuple[str, int, int]], first: int, last: int, places: set[int]
) -> int:
    """Start a name before its role after the last place word in it, when two words are left:
    «مثّل الجانب الكوري بارك جي هون نائب ...» -> «بارك جي هون»."""
    inside = [j for j in range(first, last + 1) if j in places]
    if inside and last - inside[-1] >= 2:
        return inside[-1] + 1
    return first


def find_persons(
    body: ArticleText | str,
    countries: list[EntityMention],
    organizations: list[EntityMention],
    home_country: str | None,
    lang: str = "fa",
) -> list[Person]:
    """Officials named in ``body``: before a role («NAME، ROLE», «NAME ROLE»), after it
    («ROLE، NAME،», Arabic «ROLE NAME») or after an honorific.

    Args:
        body: normalised body.
        countries: country/place mentions in the body (give a role its country).
        organizations: organisation mentions (an official of an international body
            has no home country).
        home_country: the country of a role that names none (the reporting side).
    """
    read = _PersonsArticle.of(body, countries, organizations, home_country, lang)
    found: list[Person] = []
    company_names: list[tuple[int, int]] = []  # spans of companies' officers' names
    i = prev_start = prev_end = 0
    for candidate in _cues()["role"].starts(read.words):
        if candidate < i:  # inside the previous role
            continue
        i = candidate
        head = read.role_head(i)
        if not head:
            continue
        extent = _role_extent(
            read.tokens, read.words, i, head, read.by_start, read.bodies, lang, read.body, named=True
        )
        name, extent = read.name_beside(i, head, extent, read.name_before(i, prev_start, prev_end))
        if lang == "ar":
            name = read.arabic_name_cut(name, extent)
        if name.last >= name.first:
            person, company = read.officer(name, extent)
            if company:
                company_names.append(person.spans[0])
            else:
                found.append(person)
        prev_start, i = i, max(extent.end_token, i + 1)
        prev_end = i
    found.extend(
        _honorific_names(read.body, read.tokens, read.words, read.originals, lang, read.by_start, read.places)
    )
    if company_names:  # a company's officer named again, by a title or a shorter role, is still no official
        officers = {read.body[a:b] for a, b in company_names}
        found = [p for p in found if not any(same_person(p.name, o) for o in officers)]
    return _merge([p for p in found if not _private_role(p.role)])


class _NameTokens(NamedTuple):
    """A name beside a role, tokens ``first`` to ``last`` (``last < first``: none), and the
    letters of a preposition joined to the first word of the name before the role («لحسين»:
    one), which starts at token ``strip_at``."""

    first: int
    last: int
    quoted: bool  # the name stands in quotes («زارعپور»)
    strip: int
    strip_at: int


@dataclass(frozen=True, slots=True)
class _PersonsArticle:
    """An article as :func:`find_persons` reads it: its tokens, words as folded and as written,
    and its mentions by start. The steps from a role to its person are its methods."""

    body: str
    lang: str
    tokens: Sequence[tuple[str, int, int]]
    words: list[str]
    originals: list[str]  # the words as written
    home_country: str | None
    places: set[int]  # the tokens inside country mentions
    by_start: StartIndex[EntityMention]  # the country mentions
    bodies: StartIndex[EntityMention]  # the organisation mentions
    opening_quotes: list[int]
    honorifics: list[int]  # the tokens an honorific starts at
    earlier: _LastCountryBefore
    ends: list[int]  # every token's end, in order

    @classmethod
    def of(
        cls,
        body: ArticleText | str,
        countries: list[EntityMention],
        organizations: list[EntityMention],
        home_country: str | None,
        lang: str,
    ) -> _PersonsArticle:
        """The article tokenised; its country mentions less the name words («تركي بن عبدالعزيز»)."""
        text = as_article_text(body, lang)
        cues = _cues()
        tokens = _tokens(text)
        words = [t[0] for t in tokens]
        originals = [text.body[a:b] for _, a, b in tokens]
        countries = _not_in_name_chains(tokens, words, countries)
        if lang == "ar":  # the pan-Arab press covers many countries: its home is no default
            home_country = story_home(countries, home_country)
        return cls(
            text.body, lang, tokens, words, originals, home_country,
            places=_token_indices(tokens, countries),
            by_start=_by_start(countries),
            bodies=_by_start(organizations),
            opening_quotes=[j for j, w in enumerate(words) if w == "«"],
            honorifics=[j for j in cues["honorific"].starts(words) if cues["honorific"].match(words, j)],
            earlier=_LastCountryBefore(countries, home_country),
            ends=[b for _, _, b in tokens],
        )  # fmt: skip

    def role_head(self, i: int) -> int:
        """The length of the role head at token ``i``; 0 where it heads no role: an Arabic word
        that is none (``not_role_ar``), a quoted title or an outlet's name."""
        cues, words = _cues(), self.words
        head = cues["role"].match(words, i)
        if not head or (self.lang == "ar" and words[i] in cues["not_role_ar"]):
            return 0
        if i > 0 and (words[i - 1] == "«" or words[i - 1] in cues["attribution"]):
            return 0  # a quoted title or an outlet's name: «با عنوان «سفیر روشنگری»», «صحيفة السفير»
        return head

    def name_before(self, i: int, prev_start: int, prev_end: int) -> _NameTokens:
        """The name before the role at token ``i`` («NAME، ROLE», «NAME ROLE»), back to a boundary,
        less the previous role's words (which ended at ``prev_end``), its honorifics, an Arabic
        verb or a joined preposition, and the words before its last place or its given name."""
        words, originals, places, lang = self.words, self.originals, self.places, self.lang
        first, last, quoted = _name_before(words, i, self.opening_quotes)
        if (
            not quoted
            and first < prev_end == i
            and last in places
            and not any(_PUNCT.match(w) for w in words[prev_start:i])
        ):
            # «ولي عهد أبوظبي نائب ...»: the previous role's words, up to its place, are no name
            first = prev_end
        first = _without_honorifics(words, first, last, self.honorifics)
        strip = 0  # letters of a preposition joined to the name's first word
        if lang == "ar" and not quoted and last >= first:
            first, strip = _arabic_name_start(words, originals, first, last)
        strip_at = first
        if not quoted and last >= first:
            first = _trim_to_last_place(self.tokens, first, last, places)
            first = _trim_to_name(words, originals, first, last, lang)
        return _NameTokens(first, last, quoted, strip, strip_at)

    def name_beside(
        self, i: int, head: int, extent: RoleExtent, before: _NameTokens
    ) -> tuple[_NameTokens, RoleExtent]:
        """The role's name: the one ``before`` it when it is acceptable and names no country, else
        the first acceptable one after it (the role then cut before it), else none."""
        words, tokens, lang = self.words, self.tokens, self.lang
        # «الوزير X»: a definite Arabic title precedes its name, unless a name chain stands before it
        definite_title = lang == "ar" and self.originals[i].startswith("ال")
        before_ok = self._acceptable_before(before, definite_title)
        after = next(
            (a for a in _name_after(words, self.originals, extent, i + head, lang, self.places)
             if _acceptable_name(words, *a, False, lang, self.originals) and not _names_a_country(tokens, *a, self.by_start)),
            None,
        )  # fmt: skip
        if before_ok and after and self._after_first(i, before, after, definite_title):
            before_ok = False
        if before_ok and not _names_a_country(tokens, before.first, before.last, self.by_start):
            return before, extent
        if not after:
            return before._replace(first=0, last=-1), extent
        name = before._replace(first=after[0], last=after[1], quoted=False)
        if name.first < extent.end_token:  # «ROLE NAME»: the role ends before the name
            extent = self._cut_before(extent, name.first)
        return name, extent

    def _acceptable_before(self, name: _NameTokens, definite_title: bool) -> bool:
        """The name before the role is one (:func:`_acceptable_name`); after a definite Arabic
        title it needs a name-like word."""
        words, first = self.words, name.first
        # a title right before the name («دکتر ساناز ...», «المهندس ...») makes it one
        titled = any(
            _cues()["honorific"].match(words, j) == first - j for j in range(max(0, first - 3), first)
        )
        return _acceptable_name(
            words, first, name.last, name.quoted, self.lang, self.originals,
            need_evidence=definite_title, titled=titled,
        )  # fmt: skip

    def _after_first(self, i: int, before: _NameTokens, after: tuple[int, int], definite_title: bool) -> bool:
        """Both sides of the role hold a name, and the one after it is the role's: after a definite
        Arabic title, or where in Arabic only the one after is name-like."""
        words = self.words
        # «ويأتي قرار وزير الدفاع سمير الخطيب»: the name-like side is the name
        return definite_title or (
            self.lang == "ar"
            and not before.quoted
            and words[i - 1] not in ("،", ",")
            and not name_evidence(words[before.first : before.last + 1])
            and name_evidence(words[after[0] : after[1] + 1])
        )

    def _cut_before(self, extent: RoleExtent, first: int) -> RoleExtent:
        """«ROLE NAME»: the role ends before its name at token ``first``, and before the
        honorifics that introduce it («وزير الاتصالات المهندس ماهر ...»)."""
        tokens, words, ends = self.tokens, self.words, self.ends
        role_end = tokens[first - 1][2]
        while role_end > extent.start and _cues()["honorific"].match(words, _token_at(ends, role_end)):
            role_end = tokens[_token_at(ends, role_end) - 1][2]
        return _cut_extent(extent, role_end)

    def arabic_name_cut(self, name: _NameTokens, extent: RoleExtent) -> _NameTokens:
        """An Arabic name ends before the next item of its sentence; «باسم» after a spokesman's
        title is «on behalf of», not a name."""
        words, originals, first, last = self.words, self.originals, name.first, name.last
        if last > first:
            cut = next(
                (j for j in range(first + 1, last + 1) if _next_item_word(words[j], originals[j])), None
            )
            if cut is not None:
                # «سامح شكري والوفد», «الباجي قائد السبسي وقتها», «الأمين ولسمو»: the name ends before
                # the next item; a name of one word left is no name
                first, last = (first, cut - 1) if cut - 1 > first else (0, -1)
        if last >= first and originals[first] in ("باسم", "بإسم") and (
            (first > 0 and words[first - 1] in _SPOKESMAN_WORDS) or fold_phrase(self.body[extent.start : extent.end]).split()[-1:] in ([w] for w in _SPOKESMAN_WORDS)
        ):  # fmt: skip
            first, last = 0, -1  # «المتحدث الرسمي باسم الخارجية»: «on behalf of», not the name «باسم»
        return name._replace(first=first, last=last)

    def officer(self, name: _NameTokens, extent: RoleExtent) -> tuple[Person, bool]:
        """The person the name and role give, and whether the role is a company's (in Arabic copy:
        its officer, however named again, is no official)."""
        body, tokens, lang = self.body, self.tokens, self.lang
        start, end = self._name_start(name), tokens[name.last][2]
        role_start, role_end = extent.start, self._role_end(extent)
        country = _name_country(
            body, tokens, self.words, name.first, extent, self.by_start, self.earlier, self.home_country, lang
        )
        company = lang == "ar" and _company_role(
            body[role_start:role_end], bool(extent.countries), bool(extent.organizations)
        )
        person = Person(body[start:end].strip("«» "), body[role_start:role_end], country, ((start, end),))
        return person, company

    def _name_start(self, name: _NameTokens) -> int:
        """Where the name starts in the body: after a conjunction or preposition joined to its first word."""
        tokens, first = self.tokens, name.first
        if (
            self.lang == "ar"
            and self.originals[first].startswith("و")
            and self.words[first][1:] in _lexicon().given
            and name.last > first
        ):
            return tokens[first][1] + 1  # «وجيمس بيكر»: the conjunction is no part of the name
        if name.strip and first == name.strip_at:
            return tokens[first][1] + name.strip  # «لحسين عبداللهيان»: the preposition is no part of it
        return tokens[first][1]

    def _role_end(self, extent: RoleExtent) -> int:
        """Where the role ends in the body: before a quote that opens another's name, after one
        that closes inside it, and before a «و» left at its end."""
        body, role_start, role_end = self.body, extent.start, extent.end
        role_text = body[role_start:role_end]
        if role_text.rstrip().endswith("«"):
            # «معاون سابق «ملا عمر»»: the quote is another's name
            role_end = role_start + len(role_text.rstrip()[:-1].rstrip())
        elif role_text.count("«") > role_text.count("»") and body[role_end : role_end + 1] == "»":
            role_end += 1  # «بمؤسسة «غوغل»»: the quote closes
        role_text = body[role_start:role_end]
        if role_text.endswith((" و", "\u200cو")):
            role_end = role_start + len(role_text[:-1].rstrip())  # «وزير الخارجية و»
        return role_end


#: Nouns of places and institutions named after people: «بندر شهید بهشتی», «جسر الملك فهد»,
#: «دانشگاه امام صادق», «مطار الملك خالد», «مستشفى الشيخ خليفة».
_PLACE_HEADS = _NAME_WORDS["place_head"]


def _cut_extent(extent: RoleExtent, end: int) -> RoleExtent:
    """A role cut at ``end`` (before its name): only the countries and bodies it names before it
    («وزير الخارجية الأميركي جون كيري على دعم موسكو» is not Russia's)."""
    return replace(
        extent,
        end=end,
        countries=tuple(m for m in extent.countries if m.start < end),
        organizations=tuple(m for m in extent.organizations if m.start < end),
    )


def _named_again(words: list[str], last: int, last_seen: dict[str, int]) -> bool:
    """The family name at token ``last`` (four letters or more) comes back later in the body:
    «السيد ستار هاشمي ... في اجتماع هاشمي مع ...»: the person the story is about.
    ``last_seen`` is each word's last token index (a scan of the rest per name would grow
    with the square of the article)."""
    return len(words[last]) >= 4 and last_seen.get(words[last], -1) > last


#: Honorifics given to holders of public office only: «معالي» a minister, «سعادة» a senior
#: official or ambassador, «فخامة» a head of state, «سمو»/«جلالة» royalty, Dari «محترم» an official.
_OFFICE_HONORIFICS = _NAME_WORDS["office_honorific"]


#: First words of the titles of clerics, scholars, teachers and the dead: with no role beside them
#: they name no holder of public office («الشيخ X قال», «حجت‌الاسلام X», «استاد X», «شهید X»).
_SCHOLAR_TITLES = _NAME_WORDS["scholar_title"]
#: Demonstratives: a title after one is a noun («این سردار», «هذا الشيخ»).
_DEMONSTRATIVES = _NAME_WORDS["demonstrative"]  # not «آن»: folded it is Arabic «أن»
#: Titles of veneration for holy figures of the past («حضرت امام جعفر صادق»).
_VENERATION = _NAME_WORDS["veneration"]


def _token_at(ends: list[int], end: int) -> int:
    """Index of the token that ends at character ``end`` (``ends``: every token's end, in order)."""
    return max(bisect.bisect_left(ends, end), 0)


#: Titles of a profession («الدكتور», «المهندس»): anyone holds them.
_PROFESSIONAL_TITLES = _NAME_WORDS["professional_title"]
#: Words of an office that start no role of their own in ``person_cues.tsv`` but stand beside a titled
#: name: «أمين الأحساء المهندس X», «المشرف العام على ... المهندس X», «الدكتور X، عضو لجنة ... في مجلس الشورى».
_OFFICE_WORDS = _ROLE_WORDS["office"]
#: How far back a role may stand before «الدكتور X», «مهندس X» in its clause.
_ROLE_BEFORE_LOOKBACK = 12


def _office_word(words: list[str], j: int) -> bool:
    cues = _cues()
    word = words[j]
    stem = word[1:] if len(word) > 3 and word[0] in "ولب" else word
    if word in _OFFICE_WORDS or stem in _OFFICE_WORDS:
        return True
    return any(
        cues[kind].match(words, j) or cues[kind].match([stem], 0) for kind in ("role", "public_office")
    )


def _role_beside(words: list[str], i: int, last: int) -> bool:
    """An office word stands in the clause before the title at token ``i`` («الملحق الثقافي، الدكتور X»,
    «أمين الأحساء المهندس X») or right after the name ending at ``last`` («الدكتور X، عضو لجنة ...»):
    «الدكتور», «مهندس», «السيد» name anyone (a physician, an expert, a mourner), an official only
    beside an office."""
    for j in range(i - 1, max(i - _ROLE_BEFORE_LOOKBACK, 0) - 1, -1):
        if _PUNCT.match(words[j]):
            if j == i - 1 and words[j] in ("،", ","):
                continue
            break
        if _office_word(words, j):
            return True
    j = last + 1
    if j < len(words) and words[j] in ("،", ",", "-", "–"):
        j += 1
    return j < len(words) and _office_word(words, j)


def _honorific_names(
    body: str,
    tokens: Sequence[tuple[str, int, int]],
    words: list[str],
    originals: list[str],
    lang: str,
    countries: StartIndex[EntityMention] | None = None,
    places: set[int] | None = None,
) -> list[Person]:
    """Names introduced by a title of office (معالي، سعادة، فخامة، سمو، Dari محترم) with no role
    next to them: they need a name-like word (a given name, a family-name pattern, a chain).
    «السيد», «الدكتور», «مهندس» name anyone (a groom, a scholar): such a name is a person only
    when the story names them again by family name."""
    cues = _cues()
    found = []
    last_seen = {w: j for j, w in enumerate(words)}
    countries = countries if countries is not None else _by_start([])
    until = 0  # one past the last title of the previous run: «حجت‌الاسلام والمسلمین سید X» is one run
    for i in cues["honorific"].starts(words):
        h = cues["honorific"].match(words, i)
        if not h or i < until or (i > 0 and cues["honorific"].match(words, i - 1)):
            continue
        if i > 0 and (
            words[i - 1] in _PLACE_HEADS or words[i - 1][1:] in _PLACE_HEADS and words[i - 1][0] in "بلوفک"
        ):
            continue  # a place named after a person: «بندر شهید بهشتی», «جسر الملك فهد»
        if words[i] in _VENERATION or (i > 0 and words[i - 1] in _DEMONSTRATIVES):
            continue  # «این سردار رشید اسلام»: after «this» the title is a noun ("this commander"), not before a name  # «حضرت فاطمه معصومه»: a holy figure of the past, not a person in a public role
        titles = [words[i]]
        first = i + h
        while first < len(tokens) and (more := cues["honorific"].match(words, first)):
            titles.append(words[first])
            first += more
        until = first
        run = _name_run(words, first, lang)
        if run is None or cues["public_office"].match(words, run[0]):
            continue  # «سمو أمير المنطقة»: the title of an office, not a name
        first, last = run
        if not any(t in _OFFICE_HONORIFICS for t in titles) and (
            any(t in _SCHOLAR_TITLES for t in titles) or not _named_again(words, last, last_seen)
            or (lang == "ar" and all(t in _PROFESSIONAL_TITLES for t in titles) and not _role_beside(words, i, last))
        ):  # fmt: skip
            continue  # «السيد», «دکتر», «مهندس» name anyone: kept when the story goes on about them; a
            # cleric's, scholar's or the dead's title alone («الشيخ», «حجت‌الاسلام», «استاد», «شهید») gives no public role
        if _acceptable_name(
            words, first, last, False, lang, originals, need_evidence=True
        ) and not _names_a_place(words, first, last, places or set()):
            country = _side_country(tokens, words, i, countries)
            name = body[tokens[first][1] : tokens[last][2]].strip("«» ")
            found.append(Person(name, None, country, ((tokens[first][1], tokens[last][2]),)))
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
    """Which merged person, the first by position, a spelling is one of (:func:`_one_person`).

    Each distinct spelling is compared with each merged name once, and again only with a
    name that changed since (a merged name grows to its longest spelling): the work grows
    with the mentions times nothing, and with the square of the distinct names only.
    """

    def __init__(self, merged: list[_Merged]) -> None:
        self._merged = merged
        self._renamed: list[int] = []  # positions whose name changed, in order of change
        self._memo: dict[
            str, tuple[int | None, int, int]
        ] = {}  # spelling -> (first match, persons compared, renames seen)

    def renamed(self, n: int) -> None:
        self._renamed.append(n)

    def first(self, name: str) -> int | None:
        merged = self._merged

        def spells(n: int) -> bool:
            return _one_person(merged[n].name, name)

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


def with_later_mentions(body: ArticleText | str, persons: list[Person]) -> list[Person]:
    """Persons with the later mentions of their family name added to their spans: after
    «سید ستار هاشمی وزیر ارتباطات», «هاشمی در حاشیه این اجلاس ...» is the same official.

    Only a name of two words or more is followed, by its last word (at least four letters);
    a headline or lead may name the person by family name before the full name does; a family
    name two persons share is left alone.
    """
    if not persons:
        return persons
    text = as_article_text(body, "")
    body = text.body
    tokens = _tokens(text)
    surnames: dict[str, list[int]] = {}
    for n, person in enumerate(persons):
        words = [fold(w) for w in person.name.split()]  # «عارف‌زاده» is one word (ZWNJ folds to a space)
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
    return [
        replace(p, spans=p.spans + tuple(extra.get(n, ()))) if n in extra else p
        for n, p in enumerate(persons)
    ]


def _one_person(a: str, b: str) -> bool:
    """Two names in one article are one person: spelling variants (:func:`same_person`), the same
    key (honorifics, ZWNJ), or one is the other's last words («السيد ولد سيدي» after «محمد
    الأمين ولد سيدي»)."""
    if same_person(a, b) or person_key(a) == person_key(b):
        return True
    short, long = sorted((fold_phrase(a).split(), fold_phrase(b).split()), key=len)
    honorifics = _lexicon().honorifics
    while len(short) > 1 and honorifics.match(short, 0):
        short = short[honorifics.match(short, 0) :]
    return len(long) > len(short) >= 1 and len("".join(short)) >= 5 and long[-len(short) :] == short


def _merge(persons: list[Person]) -> list[Person]:
    """One person per individual: a mention joins the first person merged so far whose spans
    it overlaps or whose name it spells (:func:`_one_person`), else starts one.

    The merged spans are indexed by start and each spelling's first match remembered, so
    the work does not grow with mentions times persons (a long article names thousands).
    """
    merged: list[_Merged] = []
    owners = _SpanOwners()
    spellings = _FirstSpelling(merged)
    for person in persons:
        candidates = [owners.first_overlapping(c, d) for c, d in person.spans] + [
            spellings.first(person.name)
        ]
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


# --- the name model: what a person's name looks like ------------------------------------------


@dataclass(frozen=True, slots=True)
class NameLexicon:
    """Folded given names and name particles (``given_names.tsv``, ``name_particles.tsv``)."""

    given: frozenset[str]
    links: frozenset[str]  # بن، ابن، بنت، ولد
    prefixes: frozenset[str]  # آل، أبو، عبد، میر
    compounds: tuple[str, ...]  # الله، الدین، الحق: joined to a given name (نجیب‌الله، نورالحق)
    suffixes: tuple[str, ...]  # family-name endings of two letters or more (زاده، پور، اف، یف، وف)
    honorifics: PhraseSet


@functools.cache
def _lexicon() -> NameLexicon:
    rows = read_tsv("name_particles.tsv")

    def kind(name: str) -> set[str]:
        return {fold_phrase(r["particle"]) for r in rows if r["kind"] == name}

    # one-letter nisba endings (ی، ي) mark adjectives as often as names: not evidence alone
    suffixes = tuple(
        sorted(
            (s.replace(" ", "") for s in kind("suffix") if len(s.replace(" ", "")) >= 2),
            key=len,
            reverse=True,
        )
    )
    compounds = tuple(sorted((c.replace(" ", "") for c in kind("compound")), key=len, reverse=True))
    honorifics = _cues()["honorific"].phrases
    return NameLexicon(
        given=frozenset(fold_phrase(r["name"]) for r in read_tsv("given_names.tsv")),
        links=frozenset(kind("link")),
        prefixes=frozenset(kind("prefix")),
        compounds=compounds,
        suffixes=suffixes,
        honorifics=PhraseSet(honorifics),
    )


#: Words that end a name where they follow it: time words and weekdays («مهندس X Y روز سه‌شنبه»).
_TIME_WORDS = _NAME_WORDS["time"]
#: Persian and Dari function words and pronouns that are never part of a name.
_PERSIAN_FUNCTION_WORDS = _NAME_WORDS["function_fa"]
#: Arabic clitic prefixes (preposition + article) that start no name word («بالتجربة», «لجامعة»).
_CLITIC_ARTICLE = ("بال", "لل", "كال", "فال", "کال")
#: Arabic endings of verbs with object pronouns and of plural nouns («أجراها», «مباحثات»),
#: rare at the end of a name word; they count only in a name with no other evidence.
#: «ل»/«ب» on a verbal noun of the derived forms: تفعيل (لتطوير), تفاعل (بتضافر), إفعال (بإعداد), افتعال
#: (لاجتماع), استفعال (لاستقبال).
_PREPOSITION_MASDAR = re.compile(r"^[لب](?:ت\w\wي\w|ت\wا\w\w|[إأ]\w\wا\w|ا\w[تطد]\wا\w|است\w\wا\w)$")
_NOT_NAME_ENDINGS = ("ها", "هما", "هم", "ات", "ة")


def _token_evidence(word: str, lex: NameLexicon) -> bool:
    """One folded word looks like part of a name: a given name, a compound given name
    («عبدالرحمن», «نجیب الله» joined), a family-name ending with a stem («عثمان‌اف» joined),
    a name prefix or link, or Latin letters."""
    w = word.replace(" ", "")
    if word in lex.given or w in lex.given or word in lex.links or word in lex.prefixes:
        return True
    if w.isascii() and w.isalpha():
        return True
    if any(w.startswith(p) and len(w) >= len(p) + 3 for p in lex.prefixes if len(p) >= 3):
        return True  # عبدالحکیم، آلسعود
    if any(w.endswith(c) and len(w) >= len(c) + 2 for c in lex.compounds):
        return True  # حمیدالله، نورالحق، سراج الدین
    if w.endswith("ی") and len(w) >= 5 and (w[:-1] in lex.given or w[:-1].removeprefix("ال") in lex.given):
        return True  # a nisba of a given name: «حسینی», «محمدی», «الحسینی»
    # a Slavic ending (اف، یف، وف) never follows the Arabic article: «التكليف», «الموقف» are nouns
    return any(
        w.endswith(s) and len(w) >= len(s) + 3 and not (len(s) == 2 and w.startswith("ال"))
        for s in lex.suffixes
    )


def name_evidence(words: Sequence[str]) -> bool:
    """Some word of a candidate name (folded words) is name-like: see :func:`_token_evidence`;
    or it is an Arabic chain «X بن Y», «X ولد Y», or a family name «آل X», «أبو X»."""
    lex = _lexicon()
    for n, word in enumerate(words):
        if word in lex.links or word in lex.prefixes:
            if 0 < n < len(words) - 1 or (word in lex.prefixes and n < len(words) - 1):
                return True
            continue
        if _token_evidence(word, lex):
            return True
    return False


def not_a_name(
    words: Sequence[str], originals: Sequence[str], lang: str, evidence: bool, whole: bool = True
) -> bool:
    """A candidate holds a word no name holds: a function word, a time word, a role word, a
    verb, a digit, an Arabic preposition-and-article clitic («بالتجربة»); or, with no name-like
    word at all, an Arabic definite common noun («الدول», «المنتدبة») or verb/plural ending."""
    cues = _cues()
    lex = _lexicon()
    for n, (word, original) in enumerate(zip(words, originals, strict=False)):
        bare = original.removeprefix("و") if lang == "ar" and len(original) >= 3 else original
        if (
            bare in _ARABIC_FUNCTION_WORDS
            and lang == "ar"
            or word.removeprefix("و") in cues["not_name"]
            or word in _MINISTRY_HEADS
            or word.lstrip("و") in _ARABIC_TITLE_NOUNS
            and lang == "ar"
            or lang != "ar"
            and word.endswith((" ها", " های", " هایی"))  # a plural («شهر‌ها») is no name
            or lang != "ar"
            and word.endswith("ان")
            and cues["role"].match([word[:-2]], 0)  # «دستیاران», «معاونان»
            or lang == "ar"
            and original[:1] in "لبكفو"
            and cues["role"].match([word[1:]], 0)  # «لرئيس»
            or word in _TIME_WORDS
            or word in _PERSIAN_FUNCTION_WORDS
            and lang != "ar"
            or original in _ARABIC_FUNCTION_WORDS
            and lang == "ar"
            or word in cues["not_name"]
            or _is_boundary(word)
            or word in cues["attribution"]
            or word in _ROLE_STOP
            or cues["role"].match(list(words), n)
            or any(ch.isdigit() for ch in word)
            or lang != "ar"
            and not _persian_name_word_ok(word, original, edge=n in (0, len(words) - 1))
        ):
            return True
        if (
            lang == "ar"
            and original.startswith(_CLITIC_ARTICLE)
            and len(original) >= 5
            and word not in lex.given
        ):
            return True
        if (
            lang == "ar"
            and original[:1] in "لب"
            and original.endswith(("ه", "ها", "هم"))
            and not original.endswith(("اه", "الله"))
            and len(original) >= 5
            and word not in lex.given
        ):
            return True  # «طاهر بمكتبه», «لزيارته»: a preposition on a noun with a pronoun
        if lang == "ar" and original[:1] in "لبو" and lex.honorifics.match([word[1:]], 0):
            return True  # «لسمو», «بمعالي»: a preposition on a title
        if (
            lang == "ar"
            and original[:1] in "لبك"
            and (word[1:] in _ARABIC_TITLE_NOUNS or word[1:] in cues["not_name"])
        ):
            return True  # «لشركة», «بمجلس»: a preposition on an institution's noun
        if lang == "ar" and not evidence and word not in lex.given:
            if original.startswith(_DEFINITE) and not original.endswith(("ي", "ى", "ی")):
                return True  # «لجامعة الدول»: an Arabic name's family word with «ال» is a nisba
            if original.endswith(_NOT_NAME_ENDINGS) or (
                original[:2] in ("سي", "ست", "سن") and len(original) >= 5
            ):
                return True  # «أجراها», «مباحثات»; a future verb «سيزور»
            if n == 0 and _PREPOSITION_MASDAR.match(original):
                return True  # «لتطوير», «بإعداد», «لاستقبال»: a preposition on a verbal noun
            if n == 0 and original[:2] in ("وي", "وت", "ون") and len(original) >= 5:
                return True  # «ويتطرق», «وتقول»: a conjunction on an imperfect verb starts no name
            # a pronoun suffix («زيارته», «تقريره»), an accusative adverb («سابقا», «رسميا»): the last
            # word of a candidate, or any word in «ته» (a foreign given name may end in «ا»: «أكيرا»)
            at_end = (
                n == len(words) - 1 and original.endswith(("ه", "ا")) and not original.endswith(("اه", "وا"))
            )
            if len(original) >= 4 and (at_end or original.endswith("ته")):
                return True
    if lang != "ar" and whole and not evidence and all(_dictionary_word(o.strip("«»")) for o in originals):
        return True  # «هماهنگی امور عمرانی», «سیاسی امنیتی», «بررسی تخصصی»: words of hazm's lexicon and no name-like one
    # an Arabic name does not start with «ال» («الأردني علي»), unless the given name itself does (الحسين)
    return (
        whole
        and lang == "ar"
        and bool(originals)
        and originals[0].startswith("ال")
        and words[0] not in lex.given
    )


def _dictionary_word(original: str) -> bool:
    """A Persian word of hazm's lexicon, or a relational adjective of one («تخصصی», «منطقه‌ای»: a
    lexicon noun and «ی»), which the lexicon does not list."""
    words = fast_hazm.hazm_data()["words"]
    if original in words:
        return True
    stem = original.removesuffix("\u200cای").removesuffix("ی") if original.endswith("ی") else ""
    entry = words.get(stem) if len(stem) >= 3 else None
    return entry is not None and entry[1] != ("0",)


def person_key(name: str) -> str:
    """A stable key for one person across articles and scripts: the name folded (ي/ی ك/ک
    أ/ا ة/ه, diacritics), honorifics dropped, without spaces or ZWNJ.

    >>> person_key("السيد عبدالله بن سيف النعيمي") == person_key("عبد الله بن سیف النعیمی")
    True
    """
    words = fold_phrase(name.replace("\u200c", " ")).replace("«", " ").replace("»", " ").split()
    honorifics = _lexicon().honorifics
    first = 0
    while first < len(words) - 1 and (h := honorifics.match(words, first)):
        first += h
    return "".join(words[first:]) or "".join(words)
