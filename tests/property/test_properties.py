"""Property-based tests (hypothesis) over decode, normalise and extract.

Only khabar's own exceptions may escape; normalisation is idempotent; offsets stay
inside the body; no field leaves its vocabulary.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.core.errors import InputRejected, KhabarError
from khabar.extraction.entities import known_iso3
from khabar.extraction.extract import extract_text
from khabar.extraction.vocabulary import EVENT_TYPES, LANGS, TOPIC_KEYS
from khabar.text.decode import decode_bytes
from khabar.text.normalize import clean_unicode, fold, normalize_arabic, normalize_persian

#: Examples per property come from the hypothesis profile (tests/property/conftest.py):
#: 1,000 in CI, more in `make fuzz`.
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Text drawn from the scripts khabar meets: Arabic block (incl. Persian letters, digits,
#: harakat, tatweel), ZWNJ and other invisibles, Latin, punctuation, spaces and newlines.
SCRIPT = st.characters(
    codec="utf-8",
    categories=("L", "M", "N", "P", "Z", "S", "Cf"),
    include_characters="\u200c\u200d\u200e\u200f\ufeff\n\t\u0640",
)
ARABIC_SCRIPT = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
NEWS_WORDS = st.sampled_from(
    ["وزیر", "ارتباطات", "ایران", "عمان", "دیدار", "کرد", "فیبر نوری", "کابل", "آستانه", "التقى", "وزير", "الاتصالات",
     "كينيا", "مذكرة تفاهم", "۱۴۰۲/۰۸/۰۴", "کد خبر: ۱۲۳", "انتهای پیام", "نظرات کاربران", "\n", "،", ".", "«", "»", "5G", "۹۴ ٪"]
)  # fmt: skip
#: The letters, digits and marks of real Persian, Dari and Arabic copy (hazm once failed here).
NEWS_ALPHABET = st.sampled_from(
    list("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكةءأإآؤئى۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789")
    + list("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640 \n\t\u200c.،؛:؟!«»()-/%٪abcABC")
)
TEXTS = st.one_of(
    st.text(SCRIPT, max_size=400),
    st.text(NEWS_ALPHABET, max_size=400),
    st.text(ARABIC_SCRIPT, max_size=400),
    st.lists(NEWS_WORDS, max_size=80).map(" ".join),
)


@PROPERTY
@given(st.binary(max_size=2000))
def test_decode_raises_only_khabar_errors(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except InputRejected:
        return
    assert isinstance(decoded.text, str) and decoded.text.strip()


@PROPERTY
@given(TEXTS)
def test_persian_normalisation_is_idempotent(text: str) -> None:
    once = normalize_persian(clean_unicode(text))
    assert normalize_persian(once) == once


@PROPERTY
@given(TEXTS)
def test_arabic_normalisation_is_idempotent_and_stays_arabic(text: str) -> None:
    once = normalize_arabic(clean_unicode(text))
    assert normalize_arabic(once) == once
    assert "\u06cc" not in once and "\u06a9" not in once  # never Persian yeh/keheh in Arabic


@PROPERTY
@given(TEXTS)
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


@PROPERTY
@given(TEXTS)
def test_extract_stays_in_bounds_and_vocabularies(text: str) -> None:
    try:
        ex = extract_text(text, "prop.txt", ingest_date=dt.date(2025, 1, 15))
    except KhabarError:
        return
    record = ex.to_record()
    assert record["lang"] in LANGS
    assert {c["code"] for c in record["countries"]} <= known_iso3()
    assert {t["key"] for t in record["topics"]} <= set(TOPIC_KEYS)
    assert all(0 < t["score"] < 1 for t in record["topics"])
    assert {e["type"] for e in record["events"]} <= set(EVENT_TYPES)
    for event in record["events"]:
        assert set(event["countries"]) <= known_iso3()
    body = ex.body
    for mention in ex.mentions:
        assert 0 <= mention["start"] < mention["end"] <= len(body)
        assert body[mention["start"] : mention["end"]] == mention["surface"]
    for event in ex.events:
        assert 0 <= event.start < event.end <= len(body)
    if record["published"]:
        assert (
            dt.date(1990, 1, 1) <= dt.date.fromisoformat(record["published"]["date"]) <= dt.date(2025, 1, 15)
        )
    if record["news_code"]:
        assert record["news_code"].isascii() and record["news_code"].isdigit()
