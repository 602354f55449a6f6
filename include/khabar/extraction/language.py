"""Language identification: Iranian Persian (``fa``), Dari (``prs``) or Arabic (``ar``).

Two decisions, each a weighted vote of cues from ``data/language_cues.tsv``
counted on the folded text (so old Persian sites that type Arabic ي/ك still
read as Persian):

1. Arabic or Persian-family: Arabic versus Persian function words, then the
   letters پ چ ژ گ (never in Arabic) as a tie-breaker.
2. Dari or Iranian Persian: Afghan administrative and technical vocabulary
   (تکنالوژی، معلوماتی، سکتور، ولسوالی، پوهنتون ...) against its Iranian
   counterparts (فناوری، اطلاعات، استان، دانشگاه ...).
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from khabar.extraction.dates import find_dates
from khabar.extraction.gazetteer import PhraseMatcher, read_tsv
from khabar.text.normalize import fold

_PERSIAN_LETTERS = "پچژگ"
_ARABIC_ONLY_LETTERS = "ةإأؤ"

#: Read at most this many characters: language is settled long before the end.
SAMPLE_CHARS = 6000
DATE_SAMPLE_CHARS = 1500


@functools.cache
def _matchers() -> dict[str, PhraseMatcher[tuple[str, float]]]:
    rows = read_tsv("language_cues.tsv")
    words = [
        (r["surface"], (r["group"], float(r["weight"]))) for r in rows if r["group"] in ("ar", "persian")
    ]
    vocab = [(r["surface"], (r["group"], float(r["weight"]))) for r in rows if r["group"] in ("fa", "prs")]
    return {"function": PhraseMatcher(words), "vocab": PhraseMatcher(vocab, prefix_match=True)}


def _votes(matcher: PhraseMatcher[tuple[str, float]], folded: str) -> Counter[str]:
    votes: Counter[str] = Counter()
    for match in matcher.find(folded):
        for group, weight in match.values:
            votes[group] += weight
            if weight < 2:
                votes[group + "_weak"] += weight
    return votes


#: Bytes of UTF-8 that are not ASCII letters (deleted to count the letters).
_NOT_LATIN = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))


def _script_counts(sample: str) -> tuple[int, int]:
    """Characters of the Arabic block (U+0600-U+06FF: UTF-8 lead bytes D8-DB) and ASCII
    letters in ``sample``, counted on its UTF-8 bytes in C."""
    data = sample.encode("utf-8", "surrogatepass")
    script = data.count(b"\xd8") + data.count(b"\xd9") + data.count(b"\xda") + data.count(b"\xdb")
    return script, len(data.translate(None, _NOT_LATIN))


def detect_language(text: str) -> str | None:
    """``fa``, ``prs`` or ``ar``; None when the text is not in Arabic script.

    >>> detect_language("وزیر مخابرات و تکنالوژی معلوماتی از سکتور مخابرات بازدید کرد")
    'prs'
    >>> detect_language("وزیر ارتباطات و فناوری اطلاعات به مسقط سفر کرد")
    'fa'
    >>> detect_language("التقى وزير الاتصالات في كينيا مع نظيره")
    'ar'
    """
    sample = text[:SAMPLE_CHARS]
    script, latin = _script_counts(sample)
    if script < 3 or script < latin:
        return None
    folded = fold(sample)
    function = _votes(_matchers()["function"], folded)
    persian_letters = sum(map(sample.count, _PERSIAN_LETTERS))
    arabic_letters = sum(map(sample.count, _ARABIC_ONLY_LETTERS))
    arabic = function["ar"] + 0.2 * arabic_letters
    persian = function["persian"] + 0.5 * persian_letters
    if arabic > persian:
        return "ar"
    vocab = _votes(_matchers()["vocab"], folded)
    vocab["prs"] += 3 * _afghan_month_dates(sample[:DATE_SAMPLE_CHARS])
    strong = vocab["prs"] - vocab["prs_weak"]
    if strong >= 2 and vocab["prs"] >= 3 and vocab["prs"] > 1.5 * vocab["fa"]:
        return "prs"
    return "fa"


@functools.cache
def _afghan_months() -> re.Pattern[str]:
    """Any of the Afghan solar month names (``months.tsv``, naming ``afghan``: حمل ... حوت)."""
    names = [r["surface"] for r in read_tsv("months.tsv") if r["naming"] == "afghan"]
    return re.compile("(" + "|".join(map(re.escape, names)) + ")")


def _afghan_month_dates(text: str) -> int:
    """Dates written with the Afghan solar month names (۱۲ حمل ۱۴۰۳): strong Dari evidence."""
    return sum(1 for found in find_dates(text, "prs") if _afghan_months().search(fold(found.raw)))
