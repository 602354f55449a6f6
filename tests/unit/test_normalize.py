from __future__ import annotations

import pytest

from khabar.text.normalize import (
    clean_unicode,
    fold,
    normalize_arabic,
    normalize_persian,
    normalize_text,
    to_latin_digits,
)

ZWNJ = "\u200c"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("كتاب", "کتاب"),  # Arabic kaf -> keheh
        ("علي", "علی"),  # Arabic yeh -> Farsi yeh
        ("میشود", f"می{ZWNJ}شود"),  # the mi- prefix takes a ZWNJ
        (f"کتاب{ZWNJ}{ZWNJ}ها", f"کتاب{ZWNJ}ها"),  # doubled ZWNJ
        ("كتاب هاي من", f"کتاب{ZWNJ}های من"),  # plural suffix joined with ZWNJ
        ("سلام  دنیا", "سلام دنیا"),  # double space
        ("تـــکنالوژی", "تکنالوژی"),  # kashida
        ("123", "۱۲۳"),  # hazm writes Persian digits in the body
    ],
)
def test_normalize_persian(text: str, expected: str) -> None:
    assert normalize_persian(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("الاقتصادُ الرقمـــي", "الاقتصاد الرقمي"),  # harakat and tatweel removed
        ("وزير الاتصالات", "وزير الاتصالات"),  # Arabic letters stay Arabic
        ("وزیر الاتصالات", "وزير الاتصالات"),  # a stray Persian yeh becomes Arabic yeh
        ("مكتب ک", "مكتب ك"),  # stray keheh -> kaf
        ("10% من 2400", "10% من 2400"),  # Latin digits untouched
        ("قدرةً  مهمةً", "قدرة مهمة"),  # tanwin removed, spaces collapsed
    ],
)
def test_normalize_arabic(text: str, expected: str) -> None:
    assert normalize_arabic(text) == expected


def test_arabic_text_is_never_rewritten_in_persian_letters() -> None:
    arabic = "التقى وزير الاتصالات في كينيا"
    assert normalize_text(arabic, "ar") == arabic
    assert "ی" not in normalize_text(arabic, "ar") and "ک" not in normalize_text(arabic, "ar")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("a\r\nb\rc", "a\nb\nc"),
        ("متن\u200bمخفی\ufeff", "متنمخفی"),  # zero-width space, BOM
        ("سلام\u00a0دنیا", "سلام دنیا"),  # no-break space
        ("\u200fراست\u200e", "راست"),  # bidi marks
        ("\ufefb", "\u0644\u0627"),  # presentation form LAM-ALEF -> لا
        (f"ZWNJ{ZWNJ}kept", f"ZWNJ{ZWNJ}kept"),
    ],
)
def test_clean_unicode(text: str, expected: str) -> None:
    assert clean_unicode(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", ""), ("۱۴۰۲/۰۸/۰۴", "1402/08/04"), ("١٤٤٥", "1445"), ("2023", "2023"), ("۹۴ ٪", "94 ٪")],
)
def test_to_latin_digits(text: str, expected: str) -> None:
    assert to_latin_digits(text) == expected


@pytest.mark.parametrize("text", ["", "كيف حالك؟", f"می{ZWNJ}شود ۱۲", "إيران وأفغانستان", "ICT 5G"])
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_fold_unifies_spellings() -> None:
    assert fold("كازاخستان") == fold("کازاخستان")
    assert fold("أفغانستان") == fold("افغانستان")
    assert fold(f"تحریم{ZWNJ}ها") == fold("تحریم ها")


def test_persian_normalisation_is_idempotent_on_seeds() -> None:
    from tests.conftest import SEEDS

    for seed in sorted(SEEDS.glob("*.txt")):
        for line in seed.read_text(encoding="utf-8").splitlines():
            once = normalize_persian(line)
            assert normalize_persian(once) == once


def test_charmap_equals_str_translate() -> None:
    """The numpy path of CharMap gives str.translate's result on short, long, astral
    (past U+FFFF) and lone-surrogate text."""
    from khabar.text.charmap import CharMap
    from khabar.text.normalize import _FOLD

    fold_map = CharMap(_FOLD)
    body = "وزير الاتصالات في كينيا ۱۴۰۲/۰۸/۰۴ تحریم‌ها ABC " * 40
    for text in ("", "ي", body[:47], body[:48], body, body + "😀" + body, "x\ud800y" * 30, "😀" * 60):
        assert fold_map(text) == text.translate(_FOLD), text[:20]
    assert fold_map(body).startswith("وزیر الاتصالات فی کینیا 1402/08/04 تحریم ها abc")
