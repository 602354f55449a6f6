"""Language-aware text normalisation.

Three layers, each a small named function with precompiled tables:

* :func:`clean_unicode` for every input: line ends, control and invisible
  characters, odd spaces, Arabic presentation forms. Keeps ZWNJ.
* :func:`normalize_persian` (fa, prs): hazm's ``Normalizer`` output, computed by
  :mod:`khabar.text.fast_hazm`; :func:`normalize_arabic` (ar), which never rewrites Arabic into
  Persian letters (it does the reverse: a stray Persian ی/ک in Arabic copy
  becomes ي/ك).
* :func:`fold`, a one-to-one character map used only for *matching*
  (gazetteers, cues): it keeps string length, so offsets found in the folded
  text index the normalised text too.

>>> fold("كتاب‌ها ۱۲")
'کتاب ها 12'
>>> normalize_arabic("الاقتصادُ الرقمـــي")
'الاقتصاد الرقمي'
"""

from __future__ import annotations

import re
import unicodedata

from khabar.text import fast_hazm
from khabar.text.charmap import CharMap

ZWNJ = "\u200c"

#: Persian (U+06F0..) and Arabic-Indic (U+0660..) digits to Latin.
_LATIN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")

#: Characters removed from every input: C0/C1 controls (except tab and newline),
#: zero-width space/joiner, BOM, bidi marks and embeddings, soft hyphen.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # control characters
    "\u00ad"  # soft hyphen
    "\u200b\u200d\ufeff"  # zero-width space, zero-width joiner, BOM
    "\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks and embeddings
    "]"
)
#: Unicode spaces that are not ASCII space: no-break, en/em, thin, ideographic.
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
#: Arabic presentation forms (A: U+FB50-FDFF, B: U+FE70-FEFF) are decomposed by NFKC.
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")
_MULTI_SPACE = re.compile("[ \t]+")
#: hazm passes until the text is stable (see :func:`normalize_persian`).
MAX_HAZM_PASSES = 4
#: Dots with spaces between them («.. .»): hazm joins them, then needs a second pass to
#: turn the «...» it made into «…». Joined first, one pass is enough (idempotence).
_SPACED_DOTS = re.compile(r"\.(?:[ \t]+\.|\.)*[ \t]+\.(?:[ \t]*\.)*")
_MULTI_ZWNJ = re.compile(ZWNJ + "{2,}")

#: Arabic tatweel (kashida) and harakat/tanwin/shadda/sukun, dagger alef: removed in Arabic text.
_ARABIC_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")
#: Persian letters that are stray in Arabic copy, mapped back to their Arabic forms.
_PERSIAN_TO_ARABIC = {0x06CC: "\u064a", 0x06A9: "\u0643"}

#: One-to-one folding for matching: letter variants, digits, ZWNJ -> space, Latin lower case.
_FOLD = str.maketrans(
    {
        "\u064a": "\u06cc",  # ARABIC YEH -> FARSI YEH
        "\u0649": "\u06cc",  # ALEF MAKSURA -> FARSI YEH
        "\u0626": "\u06cc",  # YEH WITH HAMZA -> FARSI YEH
        "\u0643": "\u06a9",  # ARABIC KAF -> KEHEH
        "\u0629": "\u0647",  # TEH MARBUTA -> HEH
        "\u06c0": "\u0647",  # HEH WITH YEH ABOVE -> HEH
        "\u0623": "\u0627",  # ALEF WITH HAMZA ABOVE -> ALEF
        "\u0625": "\u0627",  # ALEF WITH HAMZA BELOW -> ALEF
        "\u0622": "\u0627",  # ALEF WITH MADDA -> ALEF
        "\u0671": "\u0627",  # ALEF WASLA -> ALEF
        "\u0624": "\u0648",  # WAW WITH HAMZA -> WAW
        ZWNJ: " ",  # ZWNJ -> space: «تحریم‌ها» and «تحریم ها» fold alike
        **{d: str(i % 10) for i, d in enumerate("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩")},
        **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
    }
)


_FOLD_MAP = CharMap(_FOLD)
_TO_ARABIC_MAP = CharMap(_PERSIAN_TO_ARABIC)


def to_latin_digits(text: str) -> str:
    """Persian and Arabic-Indic digits to Latin (structured fields carry Latin digits).

    >>> to_latin_digits("۱۴۰۲/۰۸/۰۴ و ١٤٤٥")
    '1402/08/04 و 1445'
    """
    return text.translate(_LATIN_DIGITS)


def _nfkc_presentation_forms(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group(0))


def clean_unicode(text: str) -> str:
    """Normalise line ends, drop invisible characters, unify spaces; keeps ZWNJ and newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACE.sub(" ", text)
    text = _PRESENTATION_FORMS.sub(_nfkc_presentation_forms, text)
    return _MULTI_ZWNJ.sub(ZWNJ, text)


def normalize_persian(text: str, *, reference: bool = False) -> str:
    """Persian/Dari normalisation as hazm's Normalizer does it (ي/ك to ی/ک, ZWNJ, spacing,
    Persian digits), through :mod:`khabar.text.fast_hazm`, which gives hazm's output several
    times faster; ``reference=True`` calls hazm itself (for differential tests).

    >>> normalize_persian("كتاب هاي من")
    'کتاب\u200cهای من'
    """
    if not text.strip():
        return ""
    text = _SPACED_DOTS.sub(lambda m: re.sub(r"[ \t]", "", m.group(0)), text)
    step = fast_hazm.hazm_normalizer().normalize if reference else fast_hazm.normalize
    # hazm's passes interact (a space it removes lets another rule fire), so one call is
    # not always idempotent: normalise until stable (the second call almost always is).
    for _ in range(MAX_HAZM_PASSES):
        again = step(text).strip()
        if again == text:
            break
        text = again
    return text


def normalize_arabic(text: str) -> str:
    """Arabic normalisation: remove tatweel and harakat, Persian ی/ک back to ي/ك, spaces."""
    text = _TO_ARABIC_MAP(_ARABIC_MARKS.sub("", text))
    return _MULTI_SPACE.sub(" ", text).strip()


def normalize_text(text: str, lang: str) -> str:
    """Normalise one line or paragraph for ``lang`` (``fa``, ``prs`` or ``ar``)."""
    return normalize_arabic(text) if lang == "ar" else normalize_persian(text)


def fold(text: str) -> str:
    """Length-preserving fold used for matching only (never stored). An article's body is
    folded once, by :class:`khabar.extraction.article_text.ArticleText`, for all its finders."""
    return _FOLD_MAP(text)


def fold_phrase(text: str) -> str:
    """Fold a gazetteer phrase: as :func:`fold`, plus diacritics removed and spaces collapsed."""
    text = _ARABIC_MARKS.sub("", clean_unicode(text)).replace("\u0654", "")
    return _MULTI_SPACE.sub(" ", fold(text)).strip()
