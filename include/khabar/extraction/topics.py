"""Topics of the SPEC vocabulary, scored from weighted cues (``data/topics.tsv``)."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from khabar.extraction.article_text import ArticleText, as_article_text
from khabar.extraction.gazetteer import PhraseMatcher, after_proclitic, read_tsv
from khabar.extraction.vocabulary import TOPIC_KEYS
from khabar.text.normalize import fold_phrase

#: A topic needs this much cue weight in the body (one clear cue, or two weak ones).
MIN_WEIGHT = 1.0
#: Topics whose cues alone do not make an article about ICT: sanctions and training are as
#: often about oil, banks or armies («تحریم‌های نفتی», «التدريب العسكري»).
CONTEXT_TOPICS = frozenset({"sanctions", "capacity_building"})
#: An article is about ICT with this much ICT cue weight in its body (a clear cue and a weak one) ...
ICT_MIN_WEIGHT = 1.5
#: ... or one clear ICT cue in its headline, kicker or lead.
ICT_HEADLINE_WEIGHT = 1.0
#: Sports reporting: this many sports cues, outnumbering the ICT cue weight.
MIN_SPORTS_CUES = 3


@dataclass(frozen=True, slots=True)
class TopicHit:
    topic: str
    weight: float
    start: int
    end: int
    cue: str = ""  # the folded cue text matched (for counting distinct cues)


@dataclass(frozen=True, slots=True)
class Topic:
    key: str
    score: float  # 0..1, saturating in the cue weight: w / (w + 2)
    hits: tuple[TopicHit, ...]


@functools.cache
def topic_matcher() -> PhraseMatcher[tuple[str, float]]:
    rows = read_tsv("topics.tsv")
    unknown = {r["topic"] for r in rows} - set(TOPIC_KEYS)
    if unknown:
        raise ValueError(f"topics.tsv names topics outside the vocabulary: {sorted(unknown)}")
    return PhraseMatcher(
        (
            (surface, (r["topic"], float(r["weight"])))
            for r in rows
            if not {"#", "*"} & set(r["surface"])
            for surface in _spellings(r["surface"])
        ),
        prefix_match=True,
    )


#: What a cue's «#» stands for: a counted number in digits (folded to Latin), perhaps with a
#: scale word: «تدريب 500 مهندس», «آموزش ۲ هزار متخصص», «تدريب 1,000 مهندس».
_COUNT = r"\s+\d[\d٬,.]*(?:\s+(?:الف|الاف|ملیون|هزار|صد))?\s+"
#: What a cue's «*» stands for: the end of the word before it, then up to two words:
#: «ممر * لنقل البيانات» matches «ممرا رئيسيا لنقل البيانات» and «ممرات دولية للبيانات» not.
_GAP = r"\w*(?:\s+\S+){0,2}?\s+"


def _pattern(surface: str) -> re.Pattern[str]:
    """A cue with «#» or «*» as a regular expression on folded text."""
    parts = re.split(r"\s*([#*])\s*", surface)
    return re.compile(
        "".join(_COUNT if p == "#" else _GAP if p == "*" else re.escape(fold_phrase(p)) for p in parts)
    )


@functools.cache
def _counted_cues() -> tuple[tuple[re.Pattern[str], str, float], ...]:
    """Cues with a counted number (``#``) or a gap of up to two words (``*``) inside
    (``topics.tsv``): «تدريب # مهندس», «ممر * لنقل البيانات»; a cue's last word may take
    suffixes (مهندسا، متخصصین)."""
    return tuple(
        (_pattern(r["surface"]), r["topic"], float(r["weight"]))
        for r in read_tsv("topics.tsv")
        if "#" in r["surface"] or "*" in r["surface"]
    )


def _spellings(surface: str) -> tuple[str, ...]:
    r"""A cue and, for an Arabic one with the article, its form after the preposition لـ, which
    swallows the alif: «الأمن السيبراني» -> «للأمن السيبراني» (and with و/ف: «وللأمن»). A Persian
    phrase also matches with its head noun in the plural, where the ezafe joins it to the rest:
    «شبکه مخابراتی» -> «شبکه‌های مخابراتی» (written with or without the ZWNJ).

    >>> _spellings("الألياف الضوئية")
    ('الألياف الضوئية', 'للألياف الضوئية')
    >>> _spellings("فیبر نوری")
    ('فیبر نوری', 'فیبر\u200cهای نوری', 'فیبرهای نوری')
    """
    if surface.startswith("ال"):
        return (surface, "ل" + surface[1:])
    head, _, rest = surface.partition(" ")
    if rest and _PERSIAN_LETTERS & set(surface) and not head.endswith(("ها", "های", "ی")):
        return (surface, f"{head}\u200cهای {rest}", f"{head}های {rest}")
    return (surface,)


#: Letters Persian and Dari write and Arabic does not: a cue holding one is a Persian phrase.
_PERSIAN_LETTERS = frozenset("پچژگکی")


def find_topic_hits(text: ArticleText | str, lang: str) -> list[TopicHit]:
    folded = as_article_text(text, lang).folded
    counted = [
        TopicHit(topic, weight, m.start(), m.end(), pattern.pattern)
        for pattern, topic, weight in _counted_cues()
        for m in pattern.finditer(folded)
        if m.start() == 0
        or not folded[m.start() - 1].isalnum()
        or (lang == "ar" and after_proclitic(folded, m.start()))
    ]
    return sorted(
        counted + [
            TopicHit(topic, weight, m.start, m.end, folded[m.start : m.end])
            for m in topic_matcher().find(folded, clitics=lang == "ar")
            for topic, weight in m.values
            if weight > 0  # a 0-weight phrase only keeps a shorter cue from firing
            and not _latin_prefix(folded, m.start, m.end)
            and not any(c.start <= m.start < c.end for c in counted)  # «تدريب» inside «تدريب 500 مهندس»
        ],
        key=lambda h: h.start,
    )  # fmt: skip


def _latin_prefix(folded: str, start: int, end: int) -> bool:
    """A Latin cue that only begins a longer Latin word («AI» in «AITF», «LTE» in «LTEX»)."""
    return (
        folded[start:end].isascii() and end < len(folded) and folded[end].isascii() and folded[end].isalpha()
    )


def score_topics(hits: list[TopicHit]) -> list[Topic]:
    """Topics with enough evidence, best first.

    >>> [(t.key, t.score) for t in score_topics(find_topic_hits("امنیت سایبری و فیبر نوری و امنیت سایبری", "fa"))]
    [('cybersecurity', 0.5), ('fiber_optic', 0.333)]
    """
    by_topic: dict[str, list[TopicHit]] = defaultdict(list)
    for hit in hits:
        by_topic[hit.topic].append(hit)
    topics = []
    for key, topic_hits in by_topic.items():
        weight = sum(h.weight for h in topic_hits)
        if weight >= MIN_WEIGHT:
            topics.append(Topic(key, round(weight / (weight + 2), 3), tuple(topic_hits)))
    return sorted(topics, key=lambda t: (-t.score, t.key))


def _ict_weight(hits: list[TopicHit]) -> tuple[float, bool]:
    """Weight of the distinct ICT cues (a market report naming «قطاع الاتصالات» five times has one
    weak cue) and whether one of them is clear; sanctions and training cues are not ICT alone."""
    cues = {(h.topic, h.cue or (h.start, h.end)): h.weight for h in hits if h.topic not in CONTEXT_TOPICS}
    return sum(cues.values()), any(w >= 1.0 for w in cues.values())


def is_ict(
    body_hits: list[TopicHit], headline_hits: list[TopicHit], institution_hits: list[TopicHit] | None = None
) -> bool:
    """The article is about ICT or technology (SPEC ``ict``): distinct ICT cues in its body worth a clear
    and a weak one, of any topics, at least one of them clear; or a clear cue in its headline, kicker or
    lead and any in its body; or one clear cue in its body where an ICT minister or ministry acts
    (``institution_hits``: the ICT words inside roles and ministry names, «وزیر مخابرات و تکنالوژی
    معلوماتی», «وزير الاتصالات وتقنية المعلومات», which are no topic themselves). Sanctions and training
    cues count only beside others; weak generic cues alone («زیرساخت», «قطاع الاتصالات», «موبایل»)
    never make an article about ICT.

    >>> is_ict(find_topic_hits("وزیر نفت درباره تحریم‌های نفتی گفت", "fa"), [])
    False
    >>> is_ict(find_topic_hits("توسعه فیبر نوری و مراکز داده", "fa"), [])
    True
    >>> is_ict(find_topic_hits("الأمن السيبراني و مراكز البيانات", "ar"), [])
    True
    >>> is_ict(find_topic_hits("زیرساخت حمل و نقل، زیرساخت آب، زیرساخت برق و زیربنا", "fa"), [])
    False
    """
    weight, clear = _ict_weight(body_hits)
    headline, _ = _ict_weight(headline_hits)
    institution, _ = _ict_weight(institution_hits or [])
    return (
        (weight >= ICT_MIN_WEIGHT and clear)
        or (headline >= ICT_HEADLINE_WEIGHT and weight > 0)
        or (institution > 0 and clear)
    )


@functools.cache
def sports_matcher() -> PhraseMatcher[str]:
    return PhraseMatcher(
        ((r["surface"], r["domain"]) for r in read_tsv("domain_cues.tsv") if r["domain"] == "sports"),
        prefix_match=True,
    )


def is_sports(text: ArticleText | str, lang: str, hits: list[TopicHit]) -> bool:
    """Sports reporting: a «دیدار» there is a match and an «تحریم» a ban, so no ICT topic or event.

    >>> is_sports("تیم ملی فوتبال در دیدار مقدماتی جام جهانی با سه گل به پیروزی رسید و سرمربی گفت", "fa", [])
    True
    >>> is_sports("وزیر ارتباطات در دیدار با همتای عمانی درباره فیبر نوری گفت", "fa", [])
    False
    """
    sports = len(sports_matcher().find(as_article_text(text, lang).folded, clitics=lang == "ar"))
    return sports >= MIN_SPORTS_CUES and sports > 2 * sum(h.weight for h in hits)
