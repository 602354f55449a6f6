"""Quantities: numbers with a unit of any kind, in Latin, Persian and Arabic-Indic digits.

A number is read as written (thousands separators ``,`` ``٬`` ``،`` removed, decimals
``.`` ``٫`` and the Persian slash ``۰/۴`` kept, with the spaces hazm puts around them),
multiplied by the scale words after it (هزار، میلیون، میلیارد، ألف، مليون، مليار: «۲۰
میلیون» is 20000000), and given the unit written after it (``data/units.tsv``: percent,
money, data rates and sizes, durations, lengths, people, ...) or ``count`` when a noun
follows («۱۵ کشور», «2400 موقع»). Number words count only before a measuring unit («سه ماه»,
«ثلاثة أشهر», «مليون دولار»). Two numbers joined by «تا / و / إلى / -» share the unit of the
second («۱۲ تا ۱۵ ماه»).

Not quantities: dates and their parts («۱۴ تیر», «خرداد ۷۶»), years («سال ۱۴۰۲», «2030»
alone, «رؤية 2030»), clock times («۱۰:۳۰», «ساعت ۱۰»), ordinals («۲۸ مین», «الـ28»), names
and codes (a Latin letter beside the digits: «4G», «D-8», «عربسات 7A»; «ماده ۵», «شماره ۹»,
«دقیقه ۵۵» of a match; a number ending a name: «سایوز ۲ گفت»), phone numbers and long digit
strings, list markers («۱.») and table or ticker lines. The words around numbers that decide
this are data (``data/quantity_cues.tsv``).

>>> [(q.value, q.unit, q.surface) for q in find_quantities("۹۴ ٪ خدمات این کشور", "prs")]
[(94.0, 'percent', '۹۴ ٪ خدمات')]
>>> [(q.value, q.unit) for q in find_quantities("أكثر من 2400 موقع للجيل الخامس 5G", "ar")]
[(2400.0, 'count')]
>>> [(q.value, q.unit) for q in find_quantities("قیمت دلار ۸۲ ٬ ۳۵۰ تومان شد و ۰ / ۴ درصد کاهش یافت", "fa")]
[(82350.0, 'irt'), (0.4, 'percent')]
>>> [(q.value, q.unit) for q in find_quantities("طی ۱۲ تا ۱۵ ماه در سال ۱۴۰۳", "fa")]
[(12.0, 'month'), (15.0, 'month')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from khabar.extraction.article_text import ArticleText, as_article_text
from khabar.extraction.dates import find_dates
from khabar.extraction.gazetteer import PhraseMatcher, after_proclitic, read_tsv
from khabar.extraction.spans import Coverage
from khabar.text.normalize import fold_phrase

V = TypeVar("V")

#: A number as written, on folded text (Latin digits): integer part with thousands groups
#: («82,350», «۸۲ ٬ ۳۵۰» after hazm, «82،350»), then a decimal part («1.5», «۱ ٫ ۵», «0,5»).
#: Gulf agencies (KUNA, SPA) write a decimal with «ر», the fraction first: «5ر32» is 32.5.
_NUMBER = re.compile(
    r"(?<!\d)(?:(?P<fraction>\d+)\u0631(?P<whole>\d+)(?!\d)"
    r"|(?P<integer>\d+(?:(?:\s?[,\u066c]\s?|\u060c)\d{3}(?!\d))*)(?:(?:\.|\s?\u066b\s?)(?P<decimal>\d+)|,(?P<comma>\d{1,2})(?!\d))?)"
)
#: The Persian slash decimal after an integer part: «۰/۴», «۵ / ۲۷» (accepted before a unit only).
_SLASH_DECIMAL = re.compile(r"\s?/\s?(\d{1,2})(?![\d/]|\s?/\s?\d)")
#: Anything joined to a number by a slash: a date («۱۴۰۳/۰۷/۰۹»), a fraction or a code («۲۴/۷»).
_SLASHED = re.compile(r"\s?/\s?\d")
_SPACES = re.compile(r"[ \t]*")
_NOT_DIGITS = re.compile(r"\D")
_LETTERS = re.compile(r"[^\W\d_]+")
_LATIN_WORD = re.compile(r"[a-z]")
_LATIN_TOKEN = re.compile(r"[a-z][a-z0-9]*")
#: A Latin token this short after a number names a product or standard («4G», «7A», «S24»).
_NAME_LETTERS = 2
#: Proclitics that may stick to a number in Arabic («ب5 ملايين», «و10»): the number stays a number.
_NUMBER_PROCLITICS = frozenset({"و", "ب", "ل", "ف", "ک", "وب", "ول", "فب", "وک"})
#: Currency signs written before the number («$100», «€ 5»).
_SIGNS_BEFORE = "$€£"
#: Years: Solar and Lunar Hijri (1300-1500) and Gregorian (1900-2100), four plain digits.
_YEAR_RANGES = ((1300, 1500), (1900, 2100))
#: A plain digit string this long with no measuring unit is a code or a phone number.
_CODE_DIGITS = 6
#: Suffixes a unit word may take: Persian adjectival ی/ای/یی/ه («درصدی», «یورویی», «ماهه», «ساله»),
#: the Arabic accusative alif («عاما», «شهرا»).
_UNIT_SUFFIXES = {"fa": ("ی", "ای", "یی", "ه"), "prs": ("ی", "ای", "یی", "ه"), "ar": ("ا",)}
#: Shorter phrases are abbreviations that take no suffix: «كم» (km) + «ا» is «كما» (as).
_SHORTEST_WITH_SUFFIX = 3
#: A month name may be glued to «ماه» («خردادماه»).
_MONTH_SUFFIXES = ("ماه",)
#: Unit kinds that count or name rather than measure; a measuring unit (percent, money, km,
#: months ...) makes a number a quantity whatever stands before it («دوره ۳ ماهه»).
_COUNTING_KINDS = frozenset({"count", "name"})
_ZWNJ = "\u200c"
_YEH_HAMZA = "\u0626"


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str  # percent | count | people | a currency code (usd ...) | a unit key of data/units.tsv
    surface: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of ``data/units.tsv``: its key, its kind and the factor it applies."""

    key: str
    kind: str
    factor: float = 1.0


@dataclass(frozen=True, slots=True)
class NumberWord:
    """A row of ``data/number_words.tsv``."""

    value: float
    kind: str  # number | hundred | scale | dual
    unit: str  # the unit of a dual, else ""


class AnchoredLexicon(Generic[V]):
    """Folded phrases looked up where they must stand: starting at an offset (the words after
    a number) or ending at one (the words before it). Longest phrase first; a phrase ends a
    word, or is followed by one of the allowed suffixes that does. Given the original text, a
    word written with «ئ» matches only a phrase written with it: the fold makes «رئال» (Real)
    «ریال» (rial).
    """

    def __init__(self, phrases: Iterable[tuple[str, V]]) -> None:
        table: dict[str, list[V]] = {}
        self._with_hamza: set[str] = set()
        for surface, value in phrases:
            key = fold_phrase(surface)
            if not key:
                continue
            if _YEH_HAMZA in surface:
                self._with_hamza.add(key)
            bucket = table.setdefault(key, [])
            if value not in bucket:
                bucket.append(value)
        self._values = {k: tuple(v) for k, v in table.items()}
        # candidates by their first (last) two characters, longest first; one-character phrases apart
        self._by_head: dict[str, list[str]] = {}
        self._by_tail: dict[str, list[str]] = {}
        for key in sorted(self._values, key=len, reverse=True):
            self._by_head.setdefault(key[:2], []).append(key)
            self._by_tail.setdefault(key[-2:], []).append(key)

    def get(self, phrase: str) -> tuple[V, ...]:
        """The values of one folded phrase, () when it is not in the lexicon."""
        return self._values.get(phrase, ())

    def after(
        self, folded: str, pos: int, suffixes: tuple[str, ...] = (), original: str = ""
    ) -> tuple[int, int, tuple[V, ...]] | None:
        """The longest phrase starting at ``pos``: ``(phrase end, word end, values)``."""
        if pos >= len(folded):
            return None
        for key in self._by_head.get(folded[pos : pos + 2], []) + self._by_head.get(folded[pos], []):
            if not folded.startswith(key, pos):
                continue
            end = pos + len(key)
            if original and key not in self._with_hamza and _YEH_HAMZA in original[pos:end]:
                continue
            if not key[-1].isalpha():
                return end, end, self._values[key]
            rest = _LETTERS.match(folded, end)
            if rest is None:
                return end, end, self._values[key]
            if len(key) >= _SHORTEST_WITH_SUFFIX and rest.group() in suffixes:
                return end, rest.end(), self._values[key]
        return None

    def before(self, folded: str, pos: int, *, clitics: bool = False) -> tuple[int, tuple[V, ...]] | None:
        """The longest phrase ending at ``pos`` that starts a word (or follows an Arabic
        proclitic when ``clitics``): ``(phrase start, values)``."""
        if pos <= 0:
            return None
        for key in self._by_tail.get(folded[max(0, pos - 2) : pos], []) + self._by_tail.get(
            folded[pos - 1], []
        ):
            start = pos - len(key)
            if start < 0 or not folded.startswith(key, start):
                continue
            # digits may stand glued before the word or its proclitic
            if (
                start == 0
                or not folded[start - 1].isalpha()
                or (clitics and after_proclitic(folded, start, str.isalpha))
            ):
                return start, self._values[key]
        return None


@functools.cache
def unit_lexicon(lang: str) -> AnchoredLexicon[Unit]:
    """The units of ``data/units.tsv`` that hold in ``lang``."""
    rows = [r for r in read_tsv("units.tsv") if r["lang"] == "*" or lang in r["lang"].split(",")]
    return AnchoredLexicon((r["surface"], Unit(r["unit"], r["kind"], float(r["factor"]))) for r in rows)


@functools.cache
def number_word_lexicon() -> AnchoredLexicon[NumberWord]:
    """Number and scale words of ``data/number_words.tsv``."""
    return AnchoredLexicon(
        (r["surface"], NumberWord(float(r["value"]), r["kind"], r["unit"]))
        for r in read_tsv("number_words.tsv")
    )


@functools.cache
def cue_lexicon() -> AnchoredLexicon[str]:
    """Words around numbers (``data/quantity_cues.tsv``) -> their roles."""
    return AnchoredLexicon((r["surface"], r["role"]) for r in read_tsv("quantity_cues.tsv"))


@functools.cache
def month_lexicon() -> AnchoredLexicon[int]:
    """Month names of every calendar (``data/months.tsv``)."""
    return AnchoredLexicon((r["surface"], int(r["month"])) for r in read_tsv("months.tsv"))


@dataclass(frozen=True, slots=True)
class _Number:
    """Digits found in the folded text, as written."""

    start: int
    end: int
    value: float
    plain: bool  # digits only: no separator, no decimal
    digits: str  # the integer digits


@dataclass(frozen=True, slots=True)
class _Reading:
    """What a number turned out to be: ``quantity`` (with unit), ``bare`` (no unit yet),
    or an exclusion (``date``, ``name``, ``not``)."""

    status: str
    value: float = 0.0
    unit: str = ""
    end: int = 0  # end of the surface
    scale: float = 1.0
    start: int = -1  # start of the surface when words before the digits belong to it


class _Text:
    """One body, folded, with the lexicons of its language and its blocked spans."""

    def __init__(self, text: ArticleText) -> None:
        self.body = text.body
        self.folded = text.folded  # Persian and Arabic-Indic digits to Latin; float() reads any other
        self.lang = lang = text.lang
        self.units = unit_lexicon(lang)
        self.words = number_word_lexicon()
        self.cues = cue_lexicon()
        self.months = month_lexicon()
        self.suffixes = _UNIT_SUFFIXES.get(lang, ())
        self.blocked = Coverage(
            [(d.start, d.end) for d in find_dates(self.body, lang)] + _furniture_lines(self.folded)
        )

    def skip_spaces(self, pos: int) -> int:
        return _SPACES.match(self.folded, pos).end()  # type: ignore[union-attr]

    def back_spaces(self, pos: int) -> int:
        while pos > 0 and self.folded[pos - 1] in " \t":
            pos -= 1
        return pos

    def char_after(self, pos: int) -> str:
        """The first character at or after ``pos`` that is no space ("" at the end)."""
        at = self.skip_spaces(pos)
        return self.folded[at : at + 1]

    def char_before(self, pos: int) -> str:
        """The last character before ``pos`` that is no space ("" at the start)."""
        at = self.back_spaces(pos)
        return self.folded[at - 1 : at] if at else ""

    def roles_after(self, pos: int) -> tuple[str, ...]:
        found = self.cues.after(self.folded, self.skip_spaces(pos))
        return found[2] if found else ()

    def roles_before(self, pos: int) -> tuple[str, ...]:
        found = self.cues.before(self.folded, self.back_spaces(pos), clitics=self.lang == "ar")
        return found[1] if found else ()

    def word_at(self, pos: int) -> str:
        match = _LETTERS.match(self.folded, pos)
        return match.group() if match else ""

    def word_before(self, pos: int) -> tuple[int, str]:
        end = self.back_spaces(pos)
        start = end
        while start > 0 and self.folded[start - 1].isalpha():
            start -= 1
        return start, self.folded[start:end]


#: A line of at most this many words is page furniture when it holds a number: a view
#: counter («۱۵۸ بازدید»), a relative stamp («۳ ساعت پیش»), a counter («نظرات (۱۲)»).
_FURNITURE_WORDS = 3


def _furniture_lines(folded: str) -> list[tuple[int, int]]:
    """Lines cut in cells by «|» (price tickers, tables) and, around a story of several
    lines, very short lines: their numbers are not the story's."""
    spans, start = [], 0
    lines = folded.split("\n")
    for line in lines:
        if line.count("|") >= 2 or (len(lines) > 1 and len(line.split()) <= _FURNITURE_WORDS):
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _read_number(match: re.Match[str]) -> _Number:
    if match.group("whole"):
        integer, decimal, written = match.group("whole"), match.group("fraction"), ""
    else:
        written = match.group("integer")
        integer, decimal = _NOT_DIGITS.sub("", written), match.group("decimal") or match.group("comma")
    value = float(f"{integer}.{decimal}" if decimal else integer)
    return _Number(match.start(), match.end(), value, decimal is None and integer == written, integer)


def _is_year(number: _Number) -> bool:
    return (
        number.plain and len(number.digits) == 4 and any(lo <= number.value <= hi for lo, hi in _YEAR_RANGES)
    )


def _looks_like_code(text: _Text, number: _Number) -> bool:
    """A code, phone number, clock time, list marker or counter rather than an amount."""
    start, end = number.start, number.end
    if len(number.digits) > 1 and number.digits.startswith("0") and number.plain:
        return True  # «021», «05»: a code, a phone prefix or a date part
    before, after = text.char_before(start), text.char_after(end)
    if before == "+":
        return True  # «+98 21 ...»
    if after == ":" and text.char_after(text.skip_spaces(end) + 1).isdigit():
        return True  # «10:30», «3:25 م», a score «2:1»
    if before == ":" and text.char_before(text.back_spaces(start) - 1).isdigit():
        return True
    if (
        before in ("", "\n")
        and after in (".", ")", "-")
        and not text.char_after(text.skip_spaces(end) + 1).isdigit()
    ):
        return True  # «۱. پرسپولیس»: a list marker
    return before == "(" and after == ")"  # «نظرات (۱۲)»: a counter


def _is_named(text: _Text, number: _Number) -> bool:
    """Letters glued before the digits («ال28», «COP28»), «ال 28», or Latin letters after
    that are no unit: glued («5G», «7A») or short («۴ G» once normalisation split «4G»);
    a longer Latin word is a noun counted («۲۰۰ BTS»)."""
    folded = text.folded
    glued_start = number.start
    while glued_start > 0 and folded[glued_start - 1].isalpha():
        glued_start -= 1
    glued = folded[glued_start : number.start]
    if glued and glued not in _NUMBER_PROCLITICS:
        return True
    if text.word_before(number.start)[1] == "ال":
        return True
    after = text.skip_spaces(number.end)
    if text.units.after(folded, after) is not None:
        return False
    latin = _LATIN_TOKEN.match(folded, after)
    return bool(latin) and (after == number.end or len(latin.group()) <= _NAME_LETTERS)


def _latin_before(text: _Text, number: _Number) -> bool:
    """A Latin word before the number, maybe with a hyphen («D- 8», «G 20», «GITEX 2025»):
    a name, unless a measuring unit follows («Ooredoo ۱۰ Mbps»)."""
    before = text.back_spaces(number.start)
    if before and text.folded[before - 1] == "-":
        before -= 1
    return bool(_LATIN_WORD.match(text.word_before(before)[1]))


def _month_beside(text: _Text, number: _Number, after: int) -> bool:
    """A month name right after the number («۱۴ تیر», «8 أكتوبر», «۱۲ خردادماه») or right
    before it («آذر ۱۴۰۳», «خرداد ماه ۷۶», «مايو، 2024»): the number is a day or a year."""
    folded = text.folded
    if folded.startswith("ماه", after) and not folded[after + 3 : after + 4].isalpha():
        after = text.skip_spaces(after + 3)  # «۱۹ ماه جولای», «۲۶ ماه مارس»
    found = text.months.after(folded, after, _MONTH_SUFFIXES)
    if found and not _durative_prefix(text, after, found[0]):
        return True
    end = text.back_spaces(number.start)
    if end and folded[end - 1] in "،,":
        end = text.back_spaces(end - 1)
    start, word = text.word_before(end)
    if word == "ماه":
        end = text.back_spaces(start)
    elif word.endswith("ماه") and len(word) > 3:
        end -= 3
    return text.months.before(folded, end) is not None


def _durative_prefix(text: _Text, start: int, end: int) -> bool:
    """«می» + ZWNJ before a verb is the Persian durative prefix (می‌رسد), not the month May
    (hazm also glues the month to a following preposition: «۱۹ می‌در»)."""
    if text.folded[start:end] != "می" or text.body[end : end + 1] != _ZWNJ:
        return False
    return "function" not in text.roles_after(end + 1)


def _half_after(text: _Text, pos: int) -> int | None:
    """The end of «و نیم» (and a half) at ``pos``."""
    at = text.skip_spaces(pos)
    if not text.folded.startswith("و", at):
        return None
    found = text.words.after(text.folded, text.skip_spaces(at + 1))
    return found[0] if found and found[2][0].value == 0.5 else None


def _scale_at(text: _Text, pos: int) -> tuple[float, int] | None:
    """A scale word at ``pos`` (after spaces), maybe adjectival («۱۰۰ میلیونی»): (factor, end)."""
    found = text.words.after(text.folded, text.skip_spaces(pos), text.suffixes)
    scale = next((w.value for w in found[2] if w.kind == "scale"), None) if found else None
    return (scale, found[1]) if found and scale else None


def _read_scales(text: _Text, value: float, pos: int) -> tuple[float, int, float]:
    """Scale words after a number («۲۰ میلیون», «۳ هزار میلیارد»), a half («۲ و نیم میلیون»)
    and a smaller part joined by «و» («۲ میلیون و ۵۰۰ هزار», «۳ میلیارد و نیم»):
    ``(value, end, scale)``."""
    end, scale = pos, 1.0
    half = _half_after(text, end)
    if half is not None:
        value, end = value + 0.5, half
    while (found := _scale_at(text, end)) is not None:
        value, scale, end = value * found[0], scale * found[0], found[1]
    if scale == 1:
        return value, end, scale
    half = _half_after(text, end)
    if half is not None:
        return value + scale / 2, half, scale
    at = text.skip_spaces(end)
    if text.folded.startswith("و", at):
        part = _NUMBER.match(text.folded, text.skip_spaces(at + 1))
        if part:
            part_value, part_end, _ = _read_scales(text, _read_number(part).value, part.end())
            if part_value < scale:
                return value + part_value, part_end, scale
    return value, end, scale


def _scaled_words_before(text: _Text, start: int) -> tuple[float, float, int] | None:
    """Number words ending in a scale word, then «و», before the digits: «یک هزار و ۴۵۰ متر»,
    «دو میلیون و ۳۰۰ هزار». Returns ``(value, scale, start of the words)``."""
    folded = text.folded
    joined = text.back_spaces(start)
    if joined == 0 or folded[joined - 1] != "و" or (joined > 1 and folded[joined - 2].isalpha()):
        return None
    scale_word = text.words.before(folded, text.back_spaces(joined - 1))
    scale = next((w.value for w in scale_word[1] if w.kind == "scale"), None) if scale_word else None
    if scale_word is None or scale is None:
        return None
    number = text.words.before(folded, text.back_spaces(scale_word[0]))
    count = next((w.value for w in number[1] if w.kind in ("number", "hundred")), None) if number else None
    if number is None or count is None:
        return scale, scale, scale_word[0]
    return count * scale, scale, number[0]


def _unit_after(text: _Text, pos: int, scale: float = 1.0) -> tuple[Unit, int] | None:
    """The unit written at ``pos`` (after spaces), with the end of its word. «روز» before a
    weekday («روز دوشنبه») is no span of days."""
    found = text.units.after(text.folded, text.skip_spaces(pos), text.suffixes, text.body)
    if not found or (found[2][0].key == "day" and "weekday" in text.roles_after(found[1])):
        return None
    return _people_not_tonnes(text, found[2][0], found[1], scale), found[1]


def _people_not_tonnes(text: _Text, unit: Unit, end: int, scale: float = 1.0) -> Unit:
    """Persian «تن» counts people before «از» («۵ تن از مسئولان») or before a function word
    or verb («۳ تن و ۲ خودرو», «۵ تن هستند»); before a noun («۵۰۰ تن گندم»), after a scale
    word («۱۰۰ هزار تن») or before more weight («یک تن و ۲۰۰ کیلو») it weighs tonnes."""
    if unit.key != "tonne" or text.lang == "ar":
        return unit
    at = text.skip_spaces(end)
    word = text.word_at(at)
    if word == "و" and (
        _half_after(text, end) is not None or _NUMBER.match(text.folded, text.skip_spaces(at + 1))
    ):
        return unit  # «یک تن و ۲۰۰ کیلو», «یک تن و نیم»
    if word == "از" or (scale == 1 and not _counts_noun(text, word)):
        return Unit("people", "people")
    return unit


def _sign_before(text: _Text, start: int) -> Unit | None:
    """A currency sign written before the number: «$100», «€ 5»."""
    before = text.back_spaces(start)
    if before and text.folded[before - 1] in _SIGNS_BEFORE:
        found = text.units.after(text.folded, before - 1)
        return found[2][0] if found else None
    return None


def _after_slash(text: _Text, start: int) -> bool:
    """The number follows «digits /»: the later part of a date, fraction or code."""
    before = text.back_spaces(start)
    if not before or text.folded[before - 1] != "/":
        return False
    digit = text.back_spaces(before - 1)
    return digit > 0 and text.folded[digit - 1].isdigit()


def _classify(text: _Text, number: _Number) -> _Reading:
    """Decide what one number is (the classes are in the module docstring)."""
    slash = (
        _SLASH_DECIMAL.match(text.folded, number.end) if number.plain and len(number.digits) <= 3 else None
    )
    end = slash.end() if slash else number.end
    status = _context_status(text, number, end, slash is not None)
    if status is not None:
        return _Reading(status)
    value = float(f"{number.digits}.{slash.group(1)}") if slash else number.value
    return _reading_with_unit(text, number, value, end, slash is not None)


def _context_status(text: _Text, number: _Number, end: int, slash: bool) -> str | None:
    """What the layout and the words around a number make of it before its unit is read:
    ``date`` (a date or its part, a year, furniture), ``name`` (a code, a name, an ordinal,
    a clock time), ``not`` (part of a slash pair), or None (it may be an amount)."""
    start = number.start
    if text.blocked.covers(start) or text.blocked.covers(end - 1):
        return "date"  # a date, a table or ticker line, page furniture
    if _looks_like_code(text, number) or _is_named(text, number):
        return "name"
    if _after_slash(text, start) or (not slash and _SLASHED.match(text.folded, end)):
        return "not"
    if _month_beside(text, number, text.skip_spaces(end)):
        return "date"
    roles_after = text.roles_after(end)
    if "era_after" in roles_after:
        return "date"
    if {"ordinal_after", "time_after"} & set(roles_after) or "time_before" in text.roles_before(start):
        return "name"  # «۲۸ مین», «10 صباحا», «ساعت ۱۴ روز دوشنبه»: whatever follows
    return None


def _reading_with_unit(text: _Text, number: _Number, value: float, end: int, slash: bool) -> _Reading:
    """Scale words, the unit or counted noun after a number, and the words before it that
    make a number without a measuring unit a name or a year."""
    start = number.start
    value, end, scale = _read_scales(text, value, end)
    words_before = _scaled_words_before(text, start)
    surface_start = -1
    if words_before and value < words_before[1]:
        value, scale, surface_start = value + words_before[0], max(scale, words_before[1]), words_before[2]
    unit_end = _unit_after(text, end, scale)
    if unit_end is None and (sign := _sign_before(text, start)) is not None:
        unit_end = sign, end
    if slash and scale == 1 and (unit_end is None or unit_end[0].kind in _COUNTING_KINDS):
        return _Reading("not")  # «۲۴/۷», «۱۲/۵»: a slash pair before no measuring unit is no decimal
    if unit_end is not None and unit_end[0].kind == "name":
        return _Reading("name")
    roles_before = text.roles_before(start)
    year = scale == 1 and _is_year(number)
    if year and ("year_before" in roles_before or (unit_end is not None and unit_end[0].kind == "times")):
        return _Reading("date")  # «العام 2013 ...», «جام جهانی ۲۰۰۶ برابر لائوس»
    if unit_end is not None and unit_end[0].kind not in _COUNTING_KINDS:
        unit, unit_end_pos = unit_end
        return _Reading("quantity", value * unit.factor, unit.key, unit_end_pos, scale, surface_start)
    if "name_before" in roles_before or _latin_before(text, number):
        return _Reading("name")
    implausible_year = number.plain and len(number.digits) == 4 and not year and unit_end is not None
    if ("year_before" in roles_before and not implausible_year) or year:
        return _Reading(
            "date"
        )  # «سال ۳۰۰۰ سایت»: a four-digit number outside every year range before a counted noun is a count
    if scale == 1 and number.plain and len(number.digits) >= _CODE_DIGITS:
        return _Reading("name")
    if unit_end is not None:
        return _Reading("quantity", value, unit_end[0].key, unit_end[1], scale, surface_start)
    noun_at = text.skip_spaces(end)
    noun = text.word_at(noun_at)
    if _counts_noun(text, noun):
        return _Reading("quantity", value, "count", noun_at + len(noun), scale, surface_start)
    return _Reading("bare", value, "", end, scale, surface_start)


def _counts_noun(text: _Text, noun: str) -> bool:
    """The word after a number is a noun it counts: letters of the text's script, not a
    function word or verb, not definite in Arabic («2 الذي»)."""
    if len(noun) < 2 or (_LATIN_WORD.match(noun) and len(noun) <= _NAME_LETTERS):
        return False
    if text.lang == "ar" and noun.startswith("ال"):
        return False
    return not {"function", "verb"} & set(text.cues.get(noun))


#: Longest text between two numbers that can be one joining word («تا», «و», «إلى», «-»).
_MAX_CONNECTOR = 12


def _connector(text: _Text, left: int, right: int) -> tuple[str, ...]:
    """The roles of the word joining two numbers (``left`` = end of the first, ``right`` =
    start of the second), or () when anything else stands between them."""
    if right - left > _MAX_CONNECTOR:
        return ()
    between = text.folded[left:right].strip()
    found = text.cues.after(between, 0) if between else None
    return found[2] if found and found[1] == len(between) else ()


def _join_ranges(text: _Text, numbers: list[_Number], readings: list[_Reading]) -> None:
    """Numbers joined by a range or score word: «۱۲ تا ۱۵ ماه» (the first takes the second's
    unit and scale), «۱۳ و ۱۴ تیر» and «سال ۹۶ تا ۹۸» (both are dates), «ماده ۳ و ۴» (both
    are names), «۲ بر ۱» (a score)."""
    joins = [
        _connector(text, readings[i].end or numbers[i].end, numbers[i + 1].start)
        for i in range(len(numbers) - 1)
    ]
    for i, roles in enumerate(joins):  # forward: a series of names, a score
        left, right = readings[i], readings[i + 1]
        uncounted = right.status == "bare" or right.unit == "count"
        if left.status == "name" and "range" in roles and uncounted:
            readings[i + 1] = _Reading("name")
        elif (
            left.status == "date"
            and "range" in roles
            and uncounted
            and len(numbers[i].digits) == len(numbers[i + 1].digits)
        ):
            readings[i + 1] = _Reading("date")  # «سال ۹۶ تا ۹۸»
        elif "score" in roles and left.status == "bare" and uncounted:
            readings[i] = replace(left, status="quantity", unit="score")
            readings[i + 1] = _Reading("quantity", numbers[i + 1].value, "score", numbers[i + 1].end)
    for i in reversed(range(len(joins))):  # backward: the first number of a range takes the second's unit
        left, right = readings[i], readings[i + 1]
        if left.status != "bare" or "range" not in joins[i]:
            continue
        if right.status == "quantity" and right.unit != "score":
            scale = right.scale if left.scale == 1 else 1.0
            readings[i] = replace(left, status="quantity", unit=right.unit, value=left.value * scale)
        elif right.status == "date":
            readings[i] = _Reading("date")


def _with_lead(text: _Text, number: _Number, reading: _Reading) -> _Reading:
    """A bare number with a scale word («۲۰ میلیون.») or after «به / بیش از / حدود / أكثر من /
    نحو ...» is an amount («به ۲۹ رسید»)."""
    if reading.status == "bare" and (reading.scale > 1 or "lead" in text.roles_before(number.start)):
        return replace(reading, status="quantity", unit="count")
    return reading


def _percent_surface_end(text: _Text, unit_end: int) -> int:
    """A percentage's surface runs over the noun it qualifies («۹۴ ٪ خدمات»)."""
    at = text.skip_spaces(unit_end)
    noun = text.word_at(at)
    return at + len(noun) if _counts_noun(text, noun) else unit_end


def _as_written(value: float) -> float:
    """The value without the float noise of applying a scale: 68.18 × 10⁹ is 68180000000, not
    68180000000.00001 (15 significant digits, more than any figure written in the news)."""
    return float(f"{value:.15g}")


def _digit_quantities(text: _Text) -> tuple[list[Quantity], list[tuple[int, int]]]:
    """Quantities written with digits, and the spans of every number read (quantity or not)."""
    numbers: list[_Number] = []
    readings: list[_Reading] = []
    read_until = 0
    for match in _NUMBER.finditer(text.folded):
        if match.start() < read_until:
            continue  # the smaller part of «۳ میلیارد و ۵۰۰ میلیون», read with the first
        numbers.append(_read_number(match))
        readings.append(_classify(text, numbers[-1]))
        read_until = readings[-1].end
    _join_ranges(text, numbers, readings)
    found: list[Quantity] = []
    spans: list[tuple[int, int]] = []
    for number, reading in zip(numbers, readings, strict=True):
        spans.append((number.start, max(number.end, reading.end)))
        reading = _with_lead(text, number, reading)
        if reading.status != "quantity":
            continue
        start = reading.start if reading.start >= 0 else number.start
        end = _percent_surface_end(text, reading.end) if reading.unit == "percent" else reading.end
        found.append(Quantity(_as_written(reading.value), reading.unit, text.body[start:end], start, end))
    return found, spans


def _read_number_words(text: _Text, pos: int) -> tuple[float, int, NumberWord | None] | None:
    """Number words from ``pos``: «سه», «بیست و پنج», «خمسة وعشرون», «سه میلیون و پانصد هزار»;
    ``(value, end, dual)``, where ``dual`` is an Arabic dual noun read alone («شهرين»)."""
    folded, total, current, end, at = text.folded, 0.0, 0.0, None, pos
    while (found := text.words.after(folded, at)) is not None:
        word = found[2][0]
        if word.kind == "dual":
            return (word.value, found[0], word) if end is None else None
        if word.kind == "scale":
            total, current = total + (current or 1.0) * word.value, 0.0
        elif word.kind == "hundred" and 0 < current < 10:
            current *= word.value
        else:
            current += word.value
        end = found[0]
        at = text.skip_spaces(end)
        if folded.startswith("و", at) and text.words.after(folded, text.skip_spaces(at + 1)):
            at = text.skip_spaces(at + 1)
        elif not any(w.kind in ("scale", "hundred") for w in (text.words.after(folded, at) or (0, 0, ()))[2]):
            break  # «دو سه روز» is two or three days: only «و», a hundred or a scale joins words
    return (total + current, end, None) if end is not None else None


@functools.cache
def number_word_matcher() -> PhraseMatcher[float]:
    """Number words anywhere in a text (Aho-Corasick), to find where a reading may start."""
    return PhraseMatcher((r["surface"], float(r["value"])) for r in read_tsv("number_words.tsv"))


def _word_quantities(text: _Text, taken: list[tuple[int, int]]) -> list[Quantity]:
    """Number words before a measuring unit («سه ماه», «ثلاثة أشهر», «مليون دولار», «شهرين»)."""
    folded, found, until = text.folded, [], 0
    spans = iter(sorted(taken))
    span = next(spans, None)
    for start in sorted({m.start for m in number_word_matcher().iter_all(folded, clitics=True)}):
        word_start = start
        while word_start > 0 and folded[word_start - 1].isalpha():
            word_start -= 1
        if folded[word_start:start] not in ("", "و"):
            continue  # a proclitic other than «و» («الأربع» is definite, «بعشرة» ...)
        while span is not None and span[1] <= start:
            span = next(spans, None)
        if start < until or (span is not None and span[0] <= start):
            continue
        before = text.back_spaces(start)
        if before and folded[before - 1].isdigit():
            continue  # a scale word after digits was read with them
        previous_start, previous = text.word_before(start)
        if previous.startswith("ال") and text.words.after(folded, previous_start + 2):
            continue  # «الأربع عشرة سنة»: the second word of a definite number
        read = _read_number_words(text, start)
        if read is None or "indefinite" in text.roles_before(start):
            continue  # «چند صد متر»: several hundred
        value, end, dual = read
        if dual is not None:
            until = end
            found.append(Quantity(value, dual.unit, text.body[start:end], start, end))
            continue
        unit_end = _unit_after(text, end)
        if unit_end is None or unit_end[0].kind in _COUNTING_KINDS:
            continue
        unit, until = unit_end
        stop = _percent_surface_end(text, until) if unit.key == "percent" else until
        found.append(Quantity(_as_written(value * unit.factor), unit.key, text.body[start:stop], start, stop))
    return found


def find_quantities(text: ArticleText | str, lang: str) -> list[Quantity]:
    """Every quantity in the body (normalised text of language ``lang``), in order."""
    article = as_article_text(text, lang)
    if not article.body:
        return []
    text = _Text(article)
    found, spans = _digit_quantities(text)
    found += _word_quantities(text, spans)
    return sorted(found, key=lambda q: q.start)
