"""khabar.text.fast_hazm gives exactly hazm's Normalizer output (there is no deliberate difference).

Three layers: hazm's own documented examples and hand-made edge cases for every step,
a hypothesis property over text built from the pieces those steps act on, and every
Persian and Dari paragraph of the real corpus (skipped when the corpus is absent).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.text import fast_hazm
from khabar.text.normalize import clean_unicode, normalize_persian
from tests.conftest import SEED_000, SEED_001, SEED_002, SEED_004

EDGE_CASES = [
    # hazm's own docstring examples
    "اِعلاممممم کَرد : « زمین لرزه ای به بُزرگیِ 6 دهم ریشتر ...»",
    "به طول ۹متر و عرض۶",
    "کاروان‌‌سرا",
    "‌سلام‌ به ‌همه‌",
    "سلام دنیـــا",
    "جمعهها که کار نمی کنم مطالعه می کنم",
    ' "سلام به همه"   ',
    "نمیدانم چه میگفت",
    "میز",
    "سلامممم به همه",
    "سلاممم را برسان",
    "پیامبر اکرم ﷺ",
    "10.450 و 5 درصد و 12%",
    # token joining: suffixes, verbs, chains, a word that is not a verb
    "کتاب ها و کتاب های من",
    "او می رود و نمی آید",
    "ماه می سال جدید",
    "اخلال گر و زمین لرزه ای بزرگ تر از بزرگ ترین",
    "خانه ام و خانه ای و نامه اش",
    "می‌ رود",
    # Arabic letters and digits, quotes, dots, brackets, lines
    "كتاب هاي من ٣٤ و “نقل” (پرانتز)[کروشه] {آکولاد}",
    "سطر اول\n\n\n\nسطر دوم\n \t\nسطر سوم",
    "الف.ب:ج!د،ه؛و؟ز",
    "تماس:۰۲۱-۱۲۳۴ و ساعت 10:30",
    "﷽ و ﷼ و ﷲ و ﻻ و (ﷰ|ﷹ)",
    "",
    " ",
    "\u200c",
    "ـ",
]


def test_edge_cases_equal_hazm() -> None:
    hazm = fast_hazm.hazm_normalizer()
    for text in EDGE_CASES:
        assert fast_hazm.normalize(text) == hazm.normalize(text), text


def test_known_outputs() -> None:
    assert fast_hazm.normalize("جمعهها که کار نمی کنم مطالعه می کنم") == "جمعه‌ها که کار نمی‌کنم مطالعه می‌کنم"
    assert fast_hazm.normalize("زمین لرزه ای به بزرگی 6 دهم") == "زمین‌لرزه‌ای به بزرگی ۶ دهم"
    assert normalize_persian("كتاب هاي من") == "کتاب‌های من"


PIECES = st.sampled_from(
    ["کتاب", "ها", "های", "ی", "ای", "می", "نمی", "رود", "کنم", "زمین", "لرزه", "بزرگ", "تر", "ترین", "گر", "خانه", "ام",
     "اش", "جمعه", "شود", "خواهد", "رفت", "ميگفت", "كرد", "سلامممم", "\u200c", " ", "  ", "\n", "\t", ".", "...", ":", "!",
     "،", "؛", "؟", "«", "»", '"', "(", ")", "[", "]", "5", "۵", "٥", "10.5", "%", "\u064e", "\u0651", "ـ", "ﷲ", "\r"]
)  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=30).map("".join))
def test_property_equal_hazm(text: str) -> None:
    assert fast_hazm.normalize(text) == fast_hazm.hazm_normalizer().normalize(text)


def test_corpus_paragraphs_equal_hazm(corpus: Path) -> None:
    """Every Persian and Dari paragraph and title of the real corpus, raw and cleaned."""
    paragraphs: list[str] = []
    for path in sorted(corpus.glob("*.jsonl")):
        if path.name.startswith("ar_"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            paragraphs += [p for p in record["text"].split("\n") if p.strip()] + [record.get("title") or ""]
    assert len(paragraphs) > 25_000
    mismatches = [
        p
        for p in paragraphs
        for text in (p, clean_unicode(p))
        if normalize_persian(text) != normalize_persian(text, reference=True)
    ]
    assert mismatches == []


@pytest.mark.parametrize("seed", [SEED_000, SEED_001, SEED_002, SEED_004], ids=lambda p: p.name[:3])
def test_seed_lines_equal_hazm(seed: Path) -> None:
    lines = clean_unicode(seed.read_text(encoding="utf-8")).split("\n")
    assert [normalize_persian(line) for line in lines] == [
        normalize_persian(line, reference=True) for line in lines
    ]


def test_hazm_data_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Built once, then loaded from the cache (a warm process never imports hazm); a
    corrupt cache file is rebuilt, not an error."""
    import subprocess
    import sys

    monkeypatch.setenv("KHABAR_CACHE_DIR", str(tmp_path))
    fast_hazm.hazm_data.cache_clear()
    try:
        built = fast_hazm.hazm_data()
        [cached] = tmp_path.glob("hazm-*.pickle")
        fast_hazm.hazm_data.cache_clear()
        loaded = fast_hazm.hazm_data()
        assert (
            loaded["verbs"] == built["verbs"]
            and loaded["words"] == built["words"]
            and loaded["constants"] == built["constants"]
        )
        script = "import sys; from khabar.text import fast_hazm; print(fast_hazm.normalize('كتاب هاي من'), 'hazm' in sys.modules)"
        out = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        ).stdout
        assert out.split() == ["کتاب\u200cهای", "من", "False"]
        cached.write_bytes(b"not a pickle")
        fast_hazm.hazm_data.cache_clear()
        assert fast_hazm.hazm_data()["verbs"] == built["verbs"]
    finally:
        fast_hazm.hazm_data.cache_clear()


def test_persian_verb_check_matches_hazm_lemmatizer() -> None:
    from hazm import Lemmatizer

    from khabar.extraction.persons import _is_persian_verb

    lemmatizer = Lemmatizer()
    words = [
        "می‌نمایم",
        "کردم",
        "رفت",
        "کتاب",
        "وزیر",
        "نمی‌شود",
        "خواهد_رفت",
        "گفته_است",
        "ایران",
        "دیدار",
        "است",
        "شد",
    ]
    assert [_is_persian_verb(w) for w in words] == ["#" in lemmatizer.lemmatize(w) for w in words]


ANY_TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8", categories=("L", "M", "N", "P", "Z", "S", "Cf"), include_characters="\u200c\n\t\u0640"
    ),
    max_size=80,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_property_equal_hazm_on_any_text(text: str) -> None:
    """Not only the pieces hazm's rules act on: any letters, marks, digits, punctuation,
    symbols and format characters, ZWNJ and tatweel included."""
    assert fast_hazm.normalize(text) == fast_hazm.hazm_normalizer().normalize(text)
