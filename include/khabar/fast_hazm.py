"""hazm's ``Normalizer.normalize``, re-implemented to run several times faster with the
same output.

hazm 0.12.1 spends most of its time in Python-level work that does not need to be
there: it rebuilds two translation dicts on every call and translates through them,
looks its regexes up in ``re``'s cache on every call, and walks every token of every
line in Python to decide which neighbours to join with a ZWNJ. This module keeps
hazm's steps, their order and hazm's own word and verb lists (taken from a hazm
``Normalizer`` built once per process), and changes only how each step runs:

* the two character maps (letters, then digits and ``%``) are composed into one
  64K lookup string, applied in a single ``str.translate``;
* every regex is compiled once;
* token joining (hazm's ``token_spacing``) first asks, in C (set ``isdisjoint`` over
  zipped neighbours), whether any boundary of the line *could* join: a pair of
  tokens joins only if the last ZWNJ-part of the left token and the first of the
  right one are neighbours in some joined word or verb, or if the right token is a
  suffix. Only such candidate boundaries are then decided with hazm's exact rule;
* ``decrease_repeated_chars`` runs its backtracking pattern only when a letter is
  repeated three times somewhere in the text.

The output is identical to hazm's, with no deliberate difference: the unit tests
compare both on the seeds and on hand-made edge cases, and
``tests/unit/test_fast_hazm.py`` compares them on every Persian and Dari paragraph
of the real corpus when it is present. Benchmarks: ``docs/benchmarks.md``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hazm import Normalizer

ZWNJ = "\u200c"


@dataclass(frozen=True)
class _Tables:
    lookup: str
    mapped: re.Pattern[str]
    words: dict[str, tuple[int, tuple[str, ...]]]
    verbs: frozenset[str]
    verbs_have_underscore: bool
    suffixes: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    token_pattern: re.Pattern[str]


#: Substrings without which a hazm pattern cannot match (a pattern is skipped when the
#: text has none of them: ``in`` scans ~6x faster than a regex that finds nothing).
_REQUIRED: dict[str, tuple[str, ...]] = {
    r" {2,}": ("  ",),
    r"\n{3,}": ("\n\n\n",),
    r"[ـ\r]": ("ـ", "\r"),
    r'"([^\n"]+)"': ('"',),
    r'" ([^\n"]+) "': ('"',),
    r" ?\.\.\.": ("...",),
    r"([\d+])\.([\d+])": (".",),
    r"([^ ]ه) ی ": ("ه ی ",),
    r"(^| )(ن?می) ": ("می ",),
    r"([^ ]ه) (ا(م|یم|ش|ند|ی|ید|ت))(?=[ \n\.:!،؛؟»\]\)\}]|$)": ("ه ا",),
    r"(ه)(ها)": ("هها",),
}
_Patterns = tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...]


def _compile(patterns: list[tuple[str, str]]) -> _Patterns:
    """Compile hazm's ``(pattern, replacement)`` list; patterns on ZWNJ need a ZWNJ, the
    suffix-spacing lookbehind needs one of its suffixes after a space."""
    compiled = []
    for pattern, repl in patterns:
        required = _REQUIRED.get(pattern, ())
        if r"\u200c" in pattern or ZWNJ in pattern:
            required = (ZWNJ,)
        elif pattern.startswith("(?<=") and "تر(ین?)?" in pattern:
            required = (" تر", " گر", " ها")
        compiled.append((re.compile(pattern), repl, required))
    return tuple(compiled)


@functools.cache
def hazm_normalizer() -> Normalizer:
    """hazm's Normalizer with its default options, built once per process (its word and
    verb lists take about two seconds to load)."""
    from hazm import Normalizer

    return Normalizer()


@functools.cache
def _tables() -> _Tables:
    from hazm.constants import NUMBERS_DST, NUMBERS_SRC, SUFFIXES, TRANSLATION_DST, TRANSLATION_SRC
    from hazm.utils import maketrans

    normalizer = hazm_normalizer()
    letters, digits = maketrans(TRANSLATION_SRC, TRANSLATION_DST), maketrans(NUMBERS_SRC, NUMBERS_DST)
    chars = [chr(i) for i in range(0x10000)]
    for i in range(0x10000):
        once = letters.get(i, chars[i])
        chars[i] = digits.get(ord(once), once)
    assert normalizer._words is not None and normalizer._verbs is not None and normalizer._tokenizer is not None
    words, verbs = normalizer._words, frozenset(normalizer._verbs)
    joined = [w for w, (count, _) in words.items() if count > 0 and ZWNJ in w] + [v for v in verbs if ZWNJ in v]
    pairs = frozenset((parts[k], parts[k + 1]) for w in joined for parts in (w.split(ZWNJ),) for k in range(len(parts) - 1))
    lookup = "".join(chars)
    changed = "".join(re.escape(chr(i)) for i in range(0x10000) if lookup[i] != chr(i))
    return _Tables(
        lookup=lookup,
        mapped=re.compile(f"[{changed}]+"),
        words=words,
        verbs=verbs,
        verbs_have_underscore=any("_" in v for v in verbs),
        suffixes=frozenset(SUFFIXES),
        pairs=pairs,
        token_pattern=normalizer._tokenizer.pattern,
    )


@functools.cache
def _patterns() -> dict[str, _Patterns]:
    from hazm.constants import (
        AFFIX_SPACING_PATTERNS,
        DIACRITICS_PATTERNS,
        EXTRA_SPACE_PATTERNS,
        PERSIAN_STYLE_PATTERNS,
        PUNCTUATION_SPACING_PATTERNS,
        SPECIAL_CHARS_PATTERNS,
    )

    return {
        "style": _compile(PERSIAN_STYLE_PATTERNS),
        "diacritics": _compile(DIACRITICS_PATTERNS),
        "extra_space": _compile(EXTRA_SPACE_PATTERNS),
        "affix": _compile(AFFIX_SPACING_PATTERNS),
        "punctuation": _compile(PUNCTUATION_SPACING_PATTERNS),
        "specials": _compile(SPECIAL_CHARS_PATTERNS),
    }


def _apply(patterns: _Patterns, text: str) -> str:
    for pattern, repl, required in patterns:
        if not required or required[0] in text or any(r in text for r in required[1:]):
            text = pattern.sub(repl, text)
    return text


_SPACES = re.compile(" +")
#: Everything of a token up to its last ZWNJ / from its first ZWNJ (tokens are space-separated).
_BEFORE_LAST_ZWNJ = re.compile("[^ ]*" + ZWNJ)
_FROM_FIRST_ZWNJ = re.compile(ZWNJ + "[^ ]*")
_LETTERS = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_TRIPLE = re.compile(f"([{_LETTERS}])\\1{{2,}}")
_MI_WORD = re.compile(f"\\bن?می[{_LETTERS}]+")
_MI_PREFIX = re.compile("^(ن?می)")


def _join_boundaries(tokens: list[str], line: str, tables: _Tables) -> set[int]:
    """Indexes ``i`` where hazm's ``token_spacing`` joins ``tokens[i]`` and ``tokens[i + 1]``."""
    rest = tokens[1:]
    if ZWNJ in line:
        lasts = _BEFORE_LAST_ZWNJ.sub("", line).split(" ")[:-1]
        firsts = _FROM_FIRST_ZWNJ.sub("", line).split(" ")[1:]
    else:
        lasts, firsts = tokens[:-1], rest
    pairs, suffixes = tables.pairs, tables.suffixes
    if pairs.isdisjoint(zip(lasts, firsts, strict=True)) and suffixes.isdisjoint(rest):
        return set()
    candidates = [i for i, pair in enumerate(zip(lasts, firsts, strict=True)) if pair in pairs or rest[i] in suffixes]
    words, verbs = tables.words, tables.verbs
    joined: set[int] = set()
    start = 0
    for i in candidates:
        if i - 1 not in joined:
            start = i
        chain = ZWNJ.join(tokens[start : i + 1])
        token = tokens[i + 1]
        pair = chain + ZWNJ + token
        if pair in verbs or (pair in words and words[pair][0] > 0):
            if not (tables.verbs_have_underscore and i + 2 < len(tokens) and token + "_" + tokens[i + 2] in verbs):
                joined.add(i)
        elif token in suffixes and chain in words:
            joined.add(i)
    return joined


def _space_line(line: str, tables: _Tables) -> str:
    """hazm's tokenise + ``token_spacing`` + join for one non-blank line."""
    line = tables.token_pattern.sub(r" \1 ", line.replace("\t", " "))
    line = _SPACES.sub(" ", line).strip(" ")
    if not line:
        return line
    tokens = line.split(" ")
    joined = _join_boundaries(tokens, line, tables)
    if not joined:
        return line
    pieces, start = [], 0
    for i in sorted(joined):
        pieces.append(" ".join(tokens[start : i + 1]))
        start = i + 1
    pieces.append(" ".join(tokens[start:]))
    return ZWNJ.join(pieces)


def _correct_spacing(text: str, tables: _Tables, patterns: dict[str, _Patterns]) -> str:
    text = _apply(patterns["extra_space"], text)
    text = "\n".join(line if not line.strip() else _space_line(line, tables) for line in text.split("\n"))
    text = _apply(patterns["affix"], text)
    return _apply(patterns["punctuation"], text)


def _decrease_repeated_chars(text: str, tables: _Tables) -> str:
    if not _TRIPLE.search(text):
        return text
    return hazm_normalizer().decrease_repeated_chars(text)


@functools.cache
def _unicode_replacements() -> tuple[tuple[str, str], ...]:
    from hazm.constants import UNICODE_REPLACEMENTS

    return tuple(UNICODE_REPLACEMENTS)


def normalize(text: str) -> str:
    """Exactly ``hazm.Normalizer().normalize(text)``, several times faster."""
    tables, patterns = _tables(), _patterns()
    lookup = tables.lookup
    text = tables.mapped.sub(lambda run: run.group(0).translate(lookup), text)
    text = _apply(patterns["style"], text)
    text = _apply(patterns["diacritics"], text)
    text = _correct_spacing(text, tables, patterns)
    for old, new in _unicode_replacements():
        if old in text:
            text = text.replace(old, new)
    text = _apply(patterns["specials"], text)
    text = _decrease_repeated_chars(text, tables)
    verbs = tables.verbs

    def separate(match: re.Match[str]) -> str:
        word = match.group(0)
        separated = _MI_PREFIX.sub("\\1" + ZWNJ, word)
        return separated if separated in verbs else word

    return _MI_WORD.sub(separate, text)
