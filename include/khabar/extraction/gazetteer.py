"""Gazetteers (data files in ``khabar/data``) and the phrase matcher that finds them.

Every list is a sorted UTF-8 TSV with ``#`` comment lines and a header row,
loaded once per process. Matching runs one Aho-Corasick automaton per list over
the *folded* text (see :func:`khabar.text.normalize.fold`), so a single spelling of a
phrase finds its ي/ی, ك/ک, أ/ا, ة/ه and ZWNJ variants, and offsets stay valid in
the normalised text.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Generic, TypeVar

import ahocorasick

from khabar.text.normalize import fold_phrase

V = TypeVar("V")

#: Arabic proclitics that may stick to a name: و ف ب ل ك and the article ال in combinations.
#: Folded spellings (ك -> ک). Longest first so «وال» is tried before «و».
ARABIC_CLITICS: tuple[str, ...] = tuple(
    sorted(
        {"و", "ف", "ب", "ل", "ک", "ال", "وال", "فال", "بال", "کال", "لل", "ول", "وب", "فب", "وک"},
        key=len,
        reverse=True,
    )
)


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of ``khabar/data/<name>`` as dicts (comment lines skipped, header required)."""
    text = resources.files("khabar.data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@functools.cache
def _word_lists(name: str, column: str) -> dict[str, tuple[str, ...]]:
    lists: dict[str, list[str]] = {}
    for row in read_tsv(name):
        lists.setdefault(row[column], []).append(row["surface"])
    return {kind: tuple(surfaces) for kind, surfaces in lists.items()}


def word_list(name: str, kind: str, column: str = "kind") -> tuple[str, ...]:
    """The surfaces of one ``kind`` (or other ``column``) of the word list ``khabar/data/<name>``,
    as written, in file order: the caller folds them as it compares them. A kind the file does
    not hold is an error, not an empty list.

    >>> "بن" in word_list("name_words.tsv", "link")
    True
    """
    return _word_lists(name, column)[kind]


@dataclass(frozen=True, slots=True)
class Match(Generic[V]):
    """One phrase found in a text: ``text[start:end]`` is the surface."""

    start: int
    end: int
    values: tuple[V, ...]


def after_proclitic(folded: str, start: int, word_char: Callable[[str], bool] = str.isalnum) -> bool:
    """The letters glued before ``start`` are only an Arabic proclitic (وال، بـ، لـ ...): the
    character before the proclitic is no ``word_char``."""
    for prefix in ARABIC_CLITICS:
        begin = start - len(prefix)
        if begin >= 0 and folded[begin:start] == prefix and (begin == 0 or not word_char(folded[begin - 1])):
            return True
    return False


class PhraseMatcher(Generic[V]):
    """Leftmost-longest, word-bounded matching of many phrases at once.

    Args:
        phrases: ``(surface, value)`` pairs; surfaces are folded before indexing and
            one surface may carry several values.
        prefix_match: when True a phrase matches at a word start and may be followed
            by suffixes (cues such as تحریم -> تحریم‌ها); otherwise it must end a word.
    """

    def __init__(self, phrases: Iterable[tuple[str, V]], *, prefix_match: bool = False) -> None:
        self.prefix_match = prefix_match
        table: dict[str, list[V]] = {}
        for surface, value in phrases:
            key = fold_phrase(surface)
            if key:
                bucket = table.setdefault(key, [])
                if value not in bucket:
                    bucket.append(value)
        self._automaton = ahocorasick.Automaton()
        for key, values in table.items():
            self._automaton.add_word(key, (len(key), tuple(values)))
        self._empty = not table
        if table:
            self._automaton.make_automaton()

    def iter_all(self, folded: str, *, clitics: bool = False) -> Iterator[Match[V]]:
        """Every bounded occurrence, overlapping ones included."""
        if self._empty:
            return
        size, prefix_match = len(folded), self.prefix_match
        for last, (length, values) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if not (prefix_match or end == size or not folded[end].isalnum()):
                continue  # the phrase must end a word
            if start == 0 or not folded[start - 1].isalnum() or (clitics and after_proclitic(folded, start)):
                yield Match(start, end, values)

    def find(self, folded: str, *, clitics: bool = False) -> list[Match[V]]:
        """Non-overlapping matches, leftmost first and longest at each position.

        Args:
            folded: text passed through :func:`khabar.text.normalize.fold`.
            clitics: allow Arabic proclitics (وال، بـ، لـ ...) before a phrase (Arabic text).
        """
        candidates = sorted(
            self.iter_all(folded, clitics=clitics), key=lambda m: (m.start, -(m.end - m.start))
        )
        chosen: list[Match[V]] = []
        taken_until = -1
        for match in candidates:
            if match.start >= taken_until:
                chosen.append(match)
                taken_until = match.end
        return chosen


@functools.cache
def attribution_cues(use: str) -> tuple[str, ...]:
    """The surfaces of one ``use`` of ``attribution_cues.tsv`` (reporter, source, desk, lead,
    person), sorted: a formula comes before its longer forms (نقلته before نقلتها).

    >>> attribution_cues("reporter")
    ('افادت', 'به گزارش', 'ذکرت')
    """
    return tuple(sorted(r["surface"] for r in read_tsv("attribution_cues.tsv") if r["use"] == use))


@functools.cache
def month_matcher() -> PhraseMatcher[tuple[str, int]]:
    """Month names -> ``(calendar, month number)``."""
    return PhraseMatcher(
        (row["surface"], (row["calendar"], int(row["month"]))) for row in read_tsv("months.tsv")
    )
