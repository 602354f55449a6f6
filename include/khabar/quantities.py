"""Quantities: percentages, money, data rates and counts, with the phrase they qualify.

Units: ``percent``; ``count`` (a number before a noun: «۱۵ کشور», «2400 موقع»); a
currency code in lower case (``usd``, ``eur``, ``irr``, ``afn``, ``sar``, ``aed`` ...);
a data size or rate (``gbps``, ``tbps``, ``mbps``, ``gb``, ``tb``). Scale words
(هزار، میلیون، میلیارد، ألف، مليون، مليار) multiply the value.

>>> [(q.value, q.unit, q.surface) for q in find_quantities("۹۴ ٪ خدمات این کشور", "prs")]
[(94.0, 'percent', '۹۴ ٪ خدمات')]
>>> [(q.value, q.unit) for q in find_quantities("أكثر من 2400 موقع للجيل الخامس", "ar")]
[(2400.0, 'count')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khabar.dates import find_dates
from khabar.normalize import fold
from khabar.spans import DisjointSpans

_NUMBER = r"(?<![\d/.,:٫])(\d+(?:[.,٫]\d+)?)"
_PERCENT = re.compile(_NUMBER + r"\s*(٪|%|درصد|بالمئه|بالمائه|فی المئه|فی المائه)")
_SCALE_WORDS = {
    "هزار": 1e3, "الف": 1e3, "الاف": 1e3,
    "میلیون": 1e6, "ملیون": 1e6,
    "میلیارد": 1e9, "ملیارد": 1e9, "ملیار": 1e9,
}  # fmt: skip
_SCALE = "|".join(sorted(_SCALE_WORDS, key=len, reverse=True))
_COUNT = re.compile(_NUMBER + r"(?:\s*(" + _SCALE + r"))?\s+([^\W\d_]{2,})")
_FOLLOWING_WORD = re.compile(r"\s*([^\W\d_]{2,})")
#: Words after a number that make it a time span, ordinal or calendar value, not a count.
_NOT_COUNTED = re.compile(r"^(سال|ماه|روز|ساعت|دقیقه|ثانیه|هفته|قرن|دهه|عام|شهر|یوم|ساعه|دقیقه|سنه|سنوات|ام|مین)$")


#: Unit words (folded) after a number: currencies and data sizes/rates.
_UNIT_WORDS = {
    "دلار": "usd", "دولار": "usd", "یورو": "eur", "ریال": "irr", "تومان": "irt", "افغانی": "afn",
    "درهم": "aed", "دینار": "iqd", "روبل": "rub", "یوان": "cny",
    "ترابیت": "tbps", "تیرابیت": "tbps", "گیگابیت": "gbps", "جیجابت": "gbps", "مگابیت": "mbps", "میجابت": "mbps",
    "ترابایت": "tb", "گیگابایت": "gb", "جیجابایت": "gb",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str  # percent | count | a currency code (usd ...) | a data unit (gbps ...)
    surface: str
    start: int
    end: int


def _number(text: str) -> float:
    return float(text.replace("٫", ".").replace(",", "."))


def find_quantities(body: str, lang: str) -> list[Quantity]:
    folded = fold(body)
    taken = DisjointSpans((d.start, d.end) for d in find_dates(body, lang))  # a date is not a quantity
    found: list[Quantity] = []
    for match in _PERCENT.finditer(folded):
        if taken.overlaps(match.start(), match.end()):
            continue
        end = match.end()
        word = _FOLLOWING_WORD.match(folded, end)
        if word:
            end = word.end()
        found.append(Quantity(_number(match.group(1)), "percent", body[match.start() : end], match.start(), end))
        taken.add(match.start(), match.end())
    for match in _COUNT.finditer(folded):
        noun = match.group(3)
        if taken.overlaps(match.start(), match.end()) or _NOT_COUNTED.match(noun):
            continue
        value = _number(match.group(1)) * _SCALE_WORDS.get(match.group(2) or "", 1)
        unit = _UNIT_WORDS.get(noun, "count")
        if 1300 <= value <= 2100 and float(value).is_integer() and match.group(2) is None and len(match.group(1)) == 4:
            continue  # a bare year
        found.append(Quantity(value, unit, body[match.start() : match.end()], match.start(), match.end()))
        taken.add(match.start(), match.end())
    return sorted(found, key=lambda q: q.start)
