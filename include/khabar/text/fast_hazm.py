"""hazm's ``Normalizer.normalize``, re-implemented to run 2.3-2.9 times faster with the
same output.

hazm 0.12.1 spends most of its time in Python-level work that does not need to be
there: it rebuilds two translation dicts on every call and translates through them,
looks its regexes up in ``re``'s cache on every call, and walks every token of every
line in Python to decide which neighbours to join with a ZWNJ. This module keeps
hazm's steps, their order, its patterns and its own word and verb lists, and changes
only how each step runs:

* the two character maps (letters, then digits and ``%``) are composed into one
  :class:`~khabar.text.charmap.CharMap`, applied only to runs of characters that change;
* every regex is compiled once, and skipped when the text lacks a character it
  needs (``_REQUIRED``);
* token joining (hazm's ``token_spacing``) first asks, in C (set ``isdisjoint`` over
  zipped neighbours), whether any boundary of the line *could* join: a pair of
  tokens joins only if the last ZWNJ-part of the left token and the first of the
  right one are neighbours in some joined word or verb, or if the right token is a
  suffix. Only such candidate boundaries are then decided with hazm's exact rule;
* ``decrease_repeated_chars`` runs its backtracking pattern only when a letter is
  repeated three times somewhere in the text;
* hazm's word, verb and constant tables are cached on disk (:func:`hazm_data`): a
  process starts in 0.7 s instead of 3.5 s, without importing hazm.

The output is identical to hazm's, with no deliberate difference:
``tests/unit/test_fast_hazm.py`` compares both on hazm's own examples, on edge cases
of every step, on a hypothesis property, on the seeds and on every Persian and Dari
paragraph of the real corpus when it is present. Benchmarks: ``docs/benchmarks.md``.
"""

from __future__ import annotations

import functools
import logging
import os
import pickle
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar.text.charmap import CharMap

if TYPE_CHECKING:
    from hazm import Normalizer

ZWNJ = "\u200c"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Tables:
    chars: CharMap  # hazm's letter map, then its digit map, composed
    mapped: re.Pattern[str]  # runs of the characters that map changes
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


#: Bump when the cached data's layout changes.
_CACHE_FORMAT = 2
#: The tables of ``hazm.constants`` the normaliser uses (cached with the word data, so a
#: process with a warm cache never imports hazm, which alone takes 0.8 s).
_CONSTANTS = (
    "TRANSLATION_SRC", "TRANSLATION_DST", "NUMBERS_SRC", "NUMBERS_DST", "SUFFIXES", "PERSIAN_STYLE_PATTERNS", "DIACRITICS_PATTERNS",
    "EXTRA_SPACE_PATTERNS", "AFFIX_SPACING_PATTERNS", "PUNCTUATION_SPACING_PATTERNS", "SPECIAL_CHARS_PATTERNS", "UNICODE_REPLACEMENTS",
)  # fmt: skip


def cache_dir() -> Path:
    """Where hazm's word and verb data are cached: ``KHABAR_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/khabar`` (``~/.cache/khabar``)."""
    configured = os.environ.get("KHABAR_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "khabar"


def _build_data() -> dict[str, Any]:
    normalizer = hazm_normalizer()
    assert (
        normalizer._words is not None and normalizer._verbs is not None and normalizer._tokenizer is not None
    )
    from hazm import constants

    return {
        "words": normalizer._words,
        "verbs": frozenset(normalizer._verbs),
        "token_pattern": normalizer._tokenizer.pattern.pattern,
        "constants": {name: getattr(constants, name) for name in _CONSTANTS},
    }


@functools.cache
def hazm_data() -> dict[str, Any]:
    """hazm's word list (``words``: word -> (count, tags)), its verb forms (``verbs``) and
    its tokeniser pattern, as hazm's ``Normalizer`` holds them.

    Building them from hazm's files takes about 3 s a process (every Airflow task pays
    it); they are cached as a pickle keyed by hazm's version, which loads in 0.3 s. A
    cache that cannot be read or written is rebuilt or skipped, never an error.
    """
    from importlib.metadata import version

    path = cache_dir() / f"hazm-{version('hazm')}-v{_CACHE_FORMAT}.pickle"
    try:
        with path.open("rb") as source:
            data = pickle.load(source)
        if isinstance(data, dict) and {"words", "verbs", "token_pattern", "constants"} <= set(data):
            return data
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    data = _build_data()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, prefix=path.name) as sink:
            pickle.dump(data, sink, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(sink.name, path)  # atomic: a concurrent reader sees the old file or the new one
    except OSError as exc:
        log.debug("hazm data not cached at %s: %s", path, exc)
    return data


def _maketrans(src: str, dst: str) -> dict[int, str]:
    """As ``hazm.utils.maketrans``: the last mapping of a repeated character wins."""
    return {ord(a): b for a, b in zip(src, dst, strict=False)}


@functools.cache
def _tables() -> _Tables:
    data = hazm_data()
    c = data["constants"]
    letters, digits = (
        _maketrans(c["TRANSLATION_SRC"], c["TRANSLATION_DST"]),
        _maketrans(c["NUMBERS_SRC"], c["NUMBERS_DST"]),
    )
    composed = {}
    for code in letters.keys() | digits.keys():
        once = letters.get(code, chr(code))
        twice = digits.get(ord(once), once)
        if twice != chr(code):
            composed[code] = twice
    words, verbs = data["words"], data["verbs"]
    joined = [w for w, (count, _) in words.items() if count > 0 and ZWNJ in w] + [
        v for v in verbs if ZWNJ in v
    ]
    pairs = frozenset(
        (parts[k], parts[k + 1]) for w in joined for parts in (w.split(ZWNJ),) for k in range(len(parts) - 1)
    )
    changed = "".join(re.escape(chr(code)) for code in sorted(composed))
    return _Tables(
        chars=CharMap(composed),
        mapped=re.compile(f"[{changed}]+"),
        words=words,
        verbs=verbs,
        verbs_have_underscore=any("_" in v for v in verbs),
        suffixes=frozenset(c["SUFFIXES"]),
        pairs=pairs,
        token_pattern=re.compile(data["token_pattern"]),
    )


@functools.cache
def _patterns() -> dict[str, _Patterns]:
    c = hazm_data()["constants"]
    return {
        "style": _compile(c["PERSIAN_STYLE_PATTERNS"]),
        "diacritics": _compile(c["DIACRITICS_PATTERNS"]),
        "extra_space": _compile(c["EXTRA_SPACE_PATTERNS"]),
        "affix": _compile(c["AFFIX_SPACING_PATTERNS"]),
        "punctuation": _compile(c["PUNCTUATION_SPACING_PATTERNS"]),
        "specials": _compile(c["SPECIAL_CHARS_PATTERNS"]),
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
    candidates = [
        i for i, pair in enumerate(zip(lasts, firsts, strict=True)) if pair in pairs or rest[i] in suffixes
    ]
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
            if not (
                tables.verbs_have_underscore and i + 2 < len(tokens) and token + "_" + tokens[i + 2] in verbs
            ):
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


_LETTER_RUN = re.compile(f"[{_LETTERS}]*([{_LETTERS}])\\1{{2,}}[{_LETTERS}]*")


def _decrease_repeated_chars(text: str, tables: _Tables) -> str:
    """hazm's ``decrease_repeated_chars``, run only when a letter repeats three times: a
    word with a letter run becomes the form (run of one or of two) that hazm knows."""
    if not _TRIPLE.search(text):
        return text
    words = tables.words
    for m in reversed(list(_LETTER_RUN.finditer(text))):
        word = m.group()
        if words and word not in words:
            no_repeat = _TRIPLE.sub(r"\1", word)
            two_repeat = _TRIPLE.sub(r"\1\1", word)
            if (no_repeat in words) != (two_repeat in words):
                replacement = no_repeat if no_repeat in words else two_repeat
            else:
                replacement = two_repeat
            text = text[: m.start()] + text[m.start() : m.end()].replace(word, replacement) + text[m.end() :]
    return text


@functools.cache
def _unicode_replacements() -> tuple[tuple[str, str], ...]:
    return tuple(hazm_data()["constants"]["UNICODE_REPLACEMENTS"])


def normalize(text: str) -> str:
    """Exactly ``hazm.Normalizer().normalize(text)``, several times faster."""
    tables, patterns = _tables(), _patterns()
    chars = tables.chars
    text = tables.mapped.sub(lambda run: chars(run.group(0)), text)
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
