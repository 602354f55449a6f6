"""Article layout: kicker, title, lead, body paragraphs, meta lines and reader comments.

Works line by line on cleaned (not yet hazm-normalised) text, with patterns
from ``data/boilerplate.tsv`` matched against the folded line. Persian
newsrooms print a kicker (روتیتر, often ending in «؛»), a headline (تیتر)
and a lead (لید); scraped pages add print and share prompts, news-code lines,
like counters, related-news lists and reader comments, which are split off.

The layout model finds the lead first (the first line that reads as a paragraph),
so that everything above it is the page head: there, furniture lines are told
apart by their class (site line, breadcrumb, date and code lines, credits,
captions, counters, tickers; cues in ``data/layout_cues.tsv``) and the title is
the lowest remaining headline-shaped line that shares words with the lead (the
line right above it is the kicker). The article ends at the first end marker
after the lead (``data/boilerplate.tsv``); agency sign-offs, read-more blocks and
trailing signature lines are removed from the body.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

from khabar.extraction.dates import ascii_digits, find_dates
from khabar.extraction.entities import known_agency
from khabar.extraction.gazetteer import attribution_cues, read_tsv, word_list
from khabar.text.normalize import fold

#: Sentence-final punctuation: a line ending in one is not a headline (a closing quote
#: counts only after a full stop: «ظریف: «مذاکره ادامه دارد»» is a headline).
_SENTENCE_END = re.compile(r"([.!?؟…]\s*[»\"”]?|[:：])\s*$")
#: A line ending in a comma goes on below: a wrapped sentence, not a headline.
_CLAUSE_END = re.compile(r"[،,]\s*$")
_NEWS_CODE = re.compile(
    r"(کد ?خبر|شناسه ?خبر|کد ?مطلب|شناسه ?مطلب|شماره ?خبر|شماره ?مطلب|رقم الخبر|رقم المقال|رقم الماده|رمز الخبر|news id|news code|article id)"
    r"\s*[:：]?\s*(\d{3,15})"
)
#: A URL path segment that is an article id: digits, perhaps after a letter or a short prefix
#: («N2171234», «Con20150724785325.htm») and before a slug or an extension («4861234-slug»,
#: «123456.html»); or a slug ending in the id.
_URL_ID_SEGMENT = re.compile(r"[A-Za-z]{0,3}(\d{5,15})(?:[-_][^/]*)?(?:\.[A-Za-z]{2,5})?")
_URL_SLUG_ID = re.compile(r"[^/]*[A-Za-z\u0600-\u06FF][^/]*[-_](\d{5,15})(?:\.[A-Za-z]{2,5})?")
#: Query keys of an article id in older CMS links («news.php?id=123456», «viewstory.php?newsid=...»).
_URL_ID_KEYS = frozenset(
    "id nid newsid news_id articleid article_id aid storyid story_id contentid postid p".split()
)
#: Path segments after which a number is a page, not an article.
_PAGING = frozenset({"page", "pages", "paged", "comment", "comments"})
_KICKER_END = re.compile(r"[؛;:：]\s*$")
#: A breadcrumb or section label above the headline: «اقتصاد › فناوری», «سیاست», «خبر/».
_BREADCRUMB = re.compile(r"[›»>|/]")
MAX_LABEL_WORDS = 2
_WORD = re.compile(r"\w+")
_HAS_LETTER = re.compile(r"[^\W\d_]")

MAX_HEADLINE_WORDS = 30
MAX_KICKER_WORDS = 18
MAX_META_WORDS = 8
#: The page head (site line ... lead) is looked for in this many first lines.
HEAD_MAX_LINES = 14
#: Below a first headline line, a line longer than this is a lead, not a second headline.
MAX_TITLE_WORDS = 22
#: A furniture line (credit, caption, counter) is a short line.
MAX_FURNITURE_WORDS = 20
#: A line at the end of the body this short and without a full stop is a signature or a
#: widget header («ريم الحسن», «جدول قیمت‌ها»), not the article's last sentence.
MAX_SIGNATURE_WORDS = 4
#: Share of a title's content words found in the first paragraphs for it to read as their headline.
MIN_TITLE_OVERLAP = 0.2
#: Under the headline, a line of the head this short is a caption or byline; a longer one opens the text.
MAX_CAPTION_WORDS = 8
_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
#: Separators of breadcrumbs and site lines (a guillemet «» is a quote, not a separator).
_SEGMENT_SEP = re.compile(r"\s+[›»>|/•]\s+|›|\s[|]\s?|\s?[|]\s")
_SITE_SEP = re.compile(r"\s[|–—-]\s|\s[|]|[|]\s")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]")
_DIGIT_RUN = re.compile(r"\d[\d,٬.٫/]*")
#: Words too common to tell a headline from another line (Persian, Dari, Arabic).
_STOPWORDS = frozenset(word_list("layout_words.tsv", "stopword"))
#: Persian/Dari verb shapes at a headline's end; Arabic imperfect or perfect verbs at its start.
_FA_VERB_END = re.compile(r"(د|ند|ست|است|یم|ید|شود|شوند|کند|کنند|دارد|دارند|گیرد|یابد|ماند)$")
#: Words of one or two letters that are not desk initials.
_SHORT_WORDS = frozenset(word_list("layout_words.tsv", "short_word"))
_AR_VERB_START = re.compile(r"^((ی|ت|ن)[^\s]{2,}|ا(?!ل)[^\s]{2,})$")


@dataclass(frozen=True, slots=True)
class Comment:
    """A reader comment split off an article (text as printed, not normalised yet)."""

    author: str | None
    posted_at: str | None  # YYYY-MM-DD or YYYY-MM-DDTHH:MM
    text: str


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each part of an article is; every string is a cleaned line of the input."""

    kicker: str | None
    title: str | None
    lead: str | None
    paragraphs: tuple[str, ...]  # body paragraphs, lead first
    meta_lines: tuple[str, ...] = ()  # date / news-code lines removed from the body
    tail_lines: tuple[str, ...] = ()  # page furniture after the article end (site name ...)
    comments: tuple[Comment, ...] = ()
    news_code: str | None = None
    dropped: int = field(default=0)  # boilerplate lines removed


@functools.cache
def _patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    grouped: dict[str, list[re.Pattern[str]]] = {"end": [], "drop": [], "comments": [], "block": []}
    for row in read_tsv("boilerplate.tsv"):
        grouped[row["action"]].append(re.compile(row["pattern"]))
    return {action: tuple(patterns) for action, patterns in grouped.items()}


@functools.cache
def _cues() -> dict[str, tuple[re.Pattern[str], ...]]:
    """``data/layout_cues.tsv`` by class (site, breadcrumb, credit, caption, counter, relative, ticker)."""
    grouped: dict[str, list[re.Pattern[str]]] = {}
    for row in read_tsv("layout_cues.tsv"):
        grouped.setdefault(row["class"], []).append(re.compile(row["pattern"]))
    return {name: tuple(patterns) for name, patterns in grouped.items()}


def cue_fold(line: str) -> str:
    """The folded line the cue lists are written for: :func:`fold`, diacritics and kashida removed.

    >>> cue_fold("اقرأ أيضاً")
    'اقرا ایضا'
    """
    return _MARKS.sub("", fold(line)).strip()


def _matches(action: str, folded_line: str) -> bool:
    folded_line = _MARKS.sub("", folded_line).strip()
    return any(p.search(folded_line) for p in _patterns()[action])


def is_boilerplate(line: str) -> bool:
    """A line that ends the article, opens its comments or is dropped (``data/boilerplate.tsv``).

    >>> is_boilerplate("انتهای پیام"), is_boilerplate("وزیر ارتباطات به مسقط سفر کرد.")
    (True, False)
    """
    folded = fold(line)
    return any(_matches(action, folded) for action in ("end", "comments", "drop"))


def _has_cue(name: str, folded_line: str) -> bool:
    return any(p.search(folded_line) for p in _cues()[name])


def _words(line: str) -> int:
    return len(_WORD.findall(line))


@functools.cache
def _lead_cues() -> re.Pattern[str]:
    """Attribution formulas and verbs of saying (``attribution_cues.tsv``, use lead), on folded
    text: a line carrying one is the lead, never a headline."""
    return re.compile("(" + "|".join(map(re.escape, attribution_cues("lead"))) + ")")


def is_headline_like(line: str) -> bool:
    """A short line with no sentence-final punctuation and no attribution formula.

    >>> is_headline_like("پیگیری دیپلماسی فناوری در قزاقستان")
    True
    >>> is_headline_like("به گزارش ایرنا، وزیر ارتباطات امروز به مسقط سفر کرد.")
    False
    """
    folded = fold(line)
    return (
        1 <= _words(line) <= MAX_HEADLINE_WORDS
        and not _SENTENCE_END.search(line)
        and not _CLAUSE_END.search(line)
        and line.count("،") + line.count(",") < 3  # a list of names or places, not a headline
        and not _lead_cues().search(folded)
        and bool(_HAS_LETTER.search(line))
    )


def is_dateline(line: str) -> bool:
    """A line that names a known outlet among a handful of words (a dateline).

    >>> is_dateline("دمشق-سانا"), is_dateline("بغداد / واع"), is_dateline("پیروزی پرسپولیس")
    (True, True, False)
    """
    return known_agency(line, "all") is not None


def strip_outlet_prefix(title: str) -> str:
    """«آریانا نیوز: افغانستان و پاکستان ...» -> «افغانستان و پاکستان ...» (a known outlet only)."""
    head, sep, rest = title.partition(":")
    if sep and rest.strip() and _words(head) <= 3 and known_agency(head, "all") is not None:
        return rest.strip()
    return title


def find_news_code(lines: list[str] | tuple[str, ...], url: str | None = None) -> str | None:
    """The outlet's news code («کد خبر: ۱۰۱۸۷۰» -> "101870"), else one from the URL
    (``/news/۱۲۳۴۵۶``); in Latin digits whatever digits the source used.

    >>> find_news_code(["کد خبر: １２３４５"]), find_news_code([], "https://x.ir/news/۱۲۳۴۵۶/a")
    ('12345', '123456')
    """
    for line in lines:
        match = _NEWS_CODE.search(fold(line))
        if match:
            return ascii_digits(match.group(2))
    return url_news_code(url)


def _is_date_digits(digits: str) -> bool:
    """``YYYYMMDD`` (Gregorian 1990-2099 or Hijri 13xx-14xx): a dated folder, not an article id."""
    if len(digits) != 8:
        return False
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
    return (1990 <= year <= 2099 or 1300 <= year <= 1499) and 1 <= month <= 12 and 1 <= day <= 31


def url_news_code(url: str | None) -> str | None:
    """The article id in an article URL: the last path segment of 5-15 digits (after at most three
    letters, before a slug or an extension), else a slug's closing number, else an ``id``-style
    query value; never a dated folder (``/20240222/``), a year, a date part or a page number.

    >>> [url_news_code(u) for u in ("https://x.ir/fa/news/1403/06/12/3158842/slug", "https://x.sa/N2171234",
    ...     "https://x.com/%D8%A7/4861234-slug", "https://x.com/2015/20150802/ec4.htm", "https://x.com/2024/02/22/slug")]
    ['3158842', '2171234', '4861234', None, None]
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        path = ascii_digits(unquote(parts.path))
    except ValueError:
        return None
    segments = [seg for seg in path.split("/") if seg]
    found: str | None = None
    for k, seg in enumerate(segments):
        match = _URL_ID_SEGMENT.fullmatch(seg)
        if match and not _is_date_digits(match.group(1)) and not (k and segments[k - 1].lower() in _PAGING):
            found = match.group(1)
    if found is None and segments:
        match = _URL_SLUG_ID.fullmatch(segments[-1])
        if match and not _is_date_digits(match.group(1)):
            found = match.group(1)
    if found is None:
        for key, value in parse_qsl(parts.query):
            if key.lower() in _URL_ID_KEYS and re.fullmatch(r"\d{5,15}", ascii_digits(value.strip())):
                found = ascii_digits(value.strip())
                break
    return found


def _is_meta_line(line: str, lang: str) -> bool:
    """A line of date, time, news code and a few words (نسخه چاپی): page metadata."""
    folded = fold(line)
    if _NEWS_CODE.search(folded):
        rest = _NEWS_CODE.sub(" ", folded)
    else:
        dates = find_dates(line, lang)
        if not dates:
            return False
        rest = folded
        for found in reversed(dates):
            rest = rest[: found.start] + " " + rest[found.end :]
    rest = re.sub(r"\d{1,2}\s*:\s*\d{2}", " ", rest)
    return _words(re.sub(r"\d+", " ", rest)) <= MAX_META_WORDS


def is_today_bar(line: str) -> bool:
    """A top bar with the site's current date, labelled «امروز:» / «اليوم:» (``today`` cues).

    >>> is_today_bar("امروز: سه‌شنبه ۲ بهمن ۱۴۰۳"), is_today_bar("اليوم: الأحد 5 يناير 2025")
    (True, True)
    >>> is_today_bar("امروز وزیر ارتباطات به مسقط سفر کرد ۲ بهمن ۱۴۰۳")
    False
    """
    return _has_cue("today", cue_fold(line))


def meta_rank(line: str) -> int:
    """Order of a date line as the article's date: 0 labelled as the publication date
    («تاریخ انتشار:», «تاريخ النشر:»), 2 labelled as an update («آخر تحديث:»), else 1."""
    folded = cue_fold(line)
    if _has_cue("published", folded):
        return 0
    return 2 if _has_cue("updated", folded) else 1


def _is_label(line: str) -> bool:
    """A section label or breadcrumb above the headline: «سیاست», «اقتصاد › فناوری»."""
    return (
        _words(line) <= MAX_LABEL_WORDS or (bool(_BREADCRUMB.search(line)) and _words(line) <= 6)
    ) and not _SENTENCE_END.search(line)


def is_site_line(line: str) -> bool:
    """The outlet's masthead or tagline: a short line of outlet words, or segments around ``|``.

    >>> is_site_line("ایرنا | خبرگزاری جمهوری اسلامی"), is_site_line("همشهری آنلاین")
    (True, True)
    >>> is_site_line("وكالة الأنباء الأردنية (بترا)"), is_site_line("شبكة الألياف الضوئية تصل إلى 20 مدينة")
    (True, False)
    """
    folded = cue_fold(line)
    words = _words(line)
    if not words or words > 14 or _SENTENCE_END.search(line):
        return False
    if not _ARABIC_LETTER.search(line):  # «Mehr News Agency», «8am.media»: a Latin masthead
        return words >= 2 or _has_cue("site", folded)  # a lone Latin name («Superbeam») may head a list item
    segments = [seg for seg in _SITE_SEP.split(folded) if seg.strip()]
    outlet = _has_cue("site", folded) or known_agency(line, "all") is not None
    if len(segments) >= 2:  # «دنیای اقتصاد | روزنامه صبح ایران», «رادیو تلویزیون ملی افغانستان - RTA»
        return outlet or any(not _ARABIC_LETTER.search(seg) for seg in segments)
    return outlet and words <= 5


def is_breadcrumb(line: str) -> bool:
    """A breadcrumb or section path: «صفحه نخست › اقتصادی › ارتباطات», «الرئيسية / محليات».

    >>> is_breadcrumb("صفحه نخست › دانش و فناوری › ارتباطات و فناوری اطلاعات"), is_breadcrumb("خبرها / اقتصاد")
    (True, True)
    >>> is_breadcrumb("«چابهار» دروازه ترانزیت داده به جنوب آسیا می‌شود")
    False
    """
    folded = cue_fold(line)
    if _SENTENCE_END.search(line) or _words(line) > 16:
        return False
    if _has_cue("breadcrumb", folded):
        return True
    segments = [seg for seg in _SEGMENT_SEP.split(line) if seg.strip()]
    return len(segments) >= 2 and all(_words(seg) <= 4 for seg in segments)


def is_ticker(line: str) -> bool:
    """A price ticker: several currency, gold or index words, each with a number.

    >>> is_ticker("دلار ۵۹,۸۵۰ | یورو ۶۵,۱۰۰ | سکه امامی ۳۴,۲۰۰,۰۰۰")
    True
    >>> is_ticker("قیمت دلار امروز ۵۹ هزار تومان شد.")
    False
    """
    folded = cue_fold(line)
    words = sum(len(p.findall(folded)) for p in _cues()["ticker"])
    numbers = len(_DIGIT_RUN.findall(folded))
    return (
        words >= 2
        and numbers >= 2
        and not _SENTENCE_END.search(line)
        and ("|" in line or numbers * 3 >= _words(line))
    )


def furniture_class(line: str, lang: str) -> str | None:
    """The class of a short page-furniture line, or None for a line of the article.

    Classes: ``meta`` (date, time or news code), ``today`` (the site's current date in a
    top bar, «امروز: ...»: never the article's date), ``credit`` (reporter, photographer,
    editor, translator, source), ``caption``, ``counter`` (reading time, views),
    ``relative`` (a relative time stamp), ``ticker``. Site lines and breadcrumbs are
    told apart only in the page head (:func:`head_furniture_class`).

    >>> furniture_class("عکس: ایرنا - عکاس: پویا شاکری", "fa"), furniture_class("زمان مطالعه: ۳ دقیقه", "fa")
    ('caption', 'counter')
    >>> furniture_class("تحرير: سامر عبد الرحمن / ترجمة: هالة محمد", "ar"), furniture_class("وزیر ارتباطات گفت: شبکه ملی کامل می‌شود.", "fa")
    ('credit', None)
    """
    words = _words(line)
    if not words:
        return "meta"
    if _is_meta_line(line, lang) and words <= MAX_META_WORDS + 6:
        return "today" if is_today_bar(line) else "meta"
    if words > MAX_FURNITURE_WORDS:
        return None
    folded = cue_fold(line)
    for name in ("caption", "credit", "counter", "relative"):
        if _has_cue(name, folded):
            return name
    if is_ticker(line):
        return "ticker"
    return None


def head_furniture_class(line: str, lang: str) -> str | None:
    """:func:`furniture_class`, plus the lines only the page head holds: ``site``,
    ``breadcrumb``, ``dateline`` («دمشق-سانا» alone) and ``boilerplate`` (print, share)."""
    found = furniture_class(line, lang)
    if found:
        return found
    folded = fold(line)
    if _matches("drop", folded):
        return "boilerplate"
    if (
        _words(line) <= 4
        and is_dateline(line)
        and not _SENTENCE_END.search(line)
        and not is_headline_with_outlet(line)
    ):
        return "dateline"
    if _has_cue("breadcrumb", cue_fold(line)):
        return "breadcrumb"
    if is_site_line(line):
        return "site"  # before breadcrumbs: «خبرگزاری نمونه | خبرگزاری رسمی» names the outlet
    if is_breadcrumb(line):
        return "breadcrumb"
    if is_byline(line, lang):
        return "credit"
    return None


def is_byline(line: str, lang: str) -> bool:
    """A byline of two short parts: «الرياض: عبد الله الفهيد», «عين اليوم – متابعات», «صقر خالد - جدة».

    Arabic papers print the reporter and the city (or «متابعات», the desk) over the text.
    A headline of the form «ظریف: مذاکره ادامه دارد» has a verb and is not a byline.

    >>> is_byline("الرياض: عبد الله الفهيد", "ar"), is_byline("ظریف: مذاکره ادامه دارد", "fa")
    (True, False)
    """
    if _words(line) > 6 or _SENTENCE_END.search(line) or re.search(r"\d", line):
        return False
    parts = [part.strip() for part in re.split(r":|\s[–—-]\s?|\s?[–—-]\s", line)]
    if len(parts) != 2 or not all(1 <= _words(part) <= 4 for part in parts):
        return False
    return not any(has_verb_shape(part, lang) for part in parts)


def is_headline_with_outlet(line: str) -> bool:
    """«آریانا نیوز: افغانستان و پاکستان توافق کردند»: an outlet's name in front of a headline."""
    return strip_outlet_prefix(line) != line


def _content_words(text: str) -> list[str]:
    return [
        w for w in _WORD.findall(cue_fold(text)) if len(w) >= 3 and w not in _STOPWORDS and not w.isdigit()
    ]


def lead_overlap(line: str, context: set[str]) -> float:
    """Share of the line's content words that the first paragraphs use too (prefix match for suffixes).

    >>> lead_overlap("ایران و ترکیه ظرفیت فیبر را دو برابر می‌کنند", set(_content_words("ظرفیت لینک فیبر نوری ایران با ترکیه")))
    0.667
    """
    words = _content_words(line)
    if not words:
        return 0.0
    stems = {w[:5] for w in context if len(w) >= 5}

    def found(word: str) -> bool:
        return word in context or (len(word) >= 5 and word[:5] in stems)

    return round(sum(found(w) for w in words) / len(words), 3)


def has_verb_shape(line: str, lang: str) -> bool:
    """A headline with a verb (Persian/Dari: a verb at the end; Arabic: a verb first)."""
    words = _WORD.findall(cue_fold(line))
    if not words:
        return False
    if lang == "ar":
        return bool(_AR_VERB_START.match(words[0]))
    return bool(_FA_VERB_END.search(words[-1])) or words[-1] in ("شد", "کرد", "داد", "رسید", "گفت")


def choose_title(candidates: list[tuple[int, str]], context: set[str]) -> int | None:
    """Position (in ``candidates``) of the headline among the head's non-furniture lines.

    The headline is the lowest line that reads as one: three words or more (two if both
    are in the lead), not ending in «؛» or «:» (a kicker's end), sharing at least
    ``MIN_TITLE_OVERLAP`` of its content words with the first paragraphs (a caption or
    site tagline left over shares few). When no line shares words, the lowest
    headline-shaped line: the stack is kicker over headline.
    """
    if not candidates:
        return None

    def shaped(k: int) -> bool:
        line = candidates[k][1]
        words = _words(line)
        if words < 2 or (words == 2 and lead_overlap(line, context) < 1.0):
            return False
        return not (_KICKER_END.search(line) and len(candidates) > 1)

    order = [k for k in range(len(candidates) - 1, -1, -1) if shaped(k)]
    if not order:
        return None
    for k in order:
        if lead_overlap(candidates[k][1], context) >= MIN_TITLE_OVERLAP:
            return k
    return order[0]


def _is_kicker_shaped(line: str, below: str | None) -> bool:
    """«معاون وزیر ارتباطات در بیشکک:» above a headline line: a kicker, not a lead."""
    return bool(
        _KICKER_END.search(line)
        and _words(line) <= MAX_KICKER_WORDS
        and below is not None
        and is_headline_like(below)
    )


def find_lead(lines: list[str], lang: str) -> int | None:
    """Index of the lead: the first line in the page head that reads as a paragraph.

    Furniture (dates, codes, credits, captions, counters, site lines, share prompts) is
    passed over; a headline-shaped line is a headline or kicker; a line ending in «؛»
    or «:» over a headline line is a kicker. A line longer than ``MAX_TITLE_WORDS`` below
    a headline line is the lead even without a full stop. None when no line within
    ``HEAD_MAX_LINES`` reads as a paragraph (a list, a text without punctuation).
    """
    seen_headline = False
    for i, line in enumerate(lines[:HEAD_MAX_LINES]):
        if head_furniture_class(line, lang):
            continue
        below = lines[i + 1] if i + 1 < len(lines) else None
        if is_headline_like(line) and not (seen_headline and _words(line) > MAX_TITLE_WORDS):
            seen_headline = True
            continue
        if _is_kicker_shaped(line, below):
            seen_headline = True
            continue
        return i
    return None


def is_signoff(line: str) -> bool:
    """An agency's sign-off after the text: desk initials and the agency in slashes or brackets.

    Arab agencies close their copy with the editors' initials («ع ذ», «/ع ن/», «ع خ/ م ر»),
    often after the agency's name («-- (بترا) ع ح/ م ع», «/العُمانية/»).

    >>> [is_signoff(x) for x in ("ع ذ", "/العُمانية/", "-- (بترا) ع ح/ م ع", "/ع ن/", "(1)", "و هو ما")]
    [True, True, True, True, False, False]
    """
    folded = cue_fold(line)
    if _words(line) > 10 or re.search(r"\d", folded):
        return False
    wrapped = re.findall(r"/\s*([^\s/()]+)\s*/|\(\s*([^()]+?)\s*\)", folded)
    rest = re.sub(r"/\s*[^\s/()]+\s*/|\([^()]+\)", " ", folded)
    tokens = [t for t in re.split(r"[\s/\-–—.]+", rest) if t]
    initials = all(len(t) <= 2 and _ARABIC_LETTER.search(t) and t not in _SHORT_WORDS for t in tokens)
    if not initials:
        return False
    agencies = [a or b for a, b in wrapped]
    if agencies:
        return all(
            len(a) <= 2
            or _words(a) <= 2
            and (known_agency(a, "all") is not None or folded.lstrip().startswith("/"))
            for a in agencies
        )
    return len(tokens) >= 2


def _read_more_block_end(lines: list[str], start: int) -> int | None:
    """Index where the article goes on after a «read more» header at ``start``, or None.

    The headline lines under the header (at most eight) are the list; the article goes on
    if a paragraph follows them, else the header starts the page furniture.
    """
    j = start + 1
    while j < len(lines) and j - start <= 8 and is_headline_like(lines[j]) and not _is_marker(lines[j]):
        j += 1
    if j < len(lines) and _is_paragraph(lines[j]):
        return j
    return None


def _is_marker(line: str) -> bool:
    folded = fold(line)
    return _matches("end", folded) or _matches("comments", folded) or is_signoff(line)


def _is_paragraph(line: str) -> bool:
    return not is_headline_like(line) and _words(line) > MAX_SIGNATURE_WORDS and not _is_marker(line)


def find_article_end(lines: list[str], first: int) -> tuple[int, set[int]]:
    """Where the article ends (index of the first end marker after ``first``) and the
    indexes of lines inside it to drop: read-more blocks, and a sign-off with a paragraph
    under it (then it was a stray line of initials, not the end of the copy)."""
    skipped: set[int] = set()
    i = first + 1
    while i < len(lines):
        line = lines[i]
        folded = fold(line)
        if _matches("end", folded) or _matches("comments", folded):
            return i, skipped
        if is_signoff(line):
            if i + 1 < len(lines) and _is_paragraph(lines[i + 1]):
                skipped.add(i)
                i += 1
                continue
            return i, skipped
        if _matches("block", fold(line)):
            resume = _read_more_block_end(lines, i)
            if resume is None:
                return i, skipped
            skipped.update(range(i, resume))
            i = resume
            continue
        i += 1
    return len(lines), skipped


def trim_signature(paragraphs: list[str]) -> int:
    """Drop a signature from the end of the body; returns how many lines were dropped.

    A signature is one or two short lines (at most ``MAX_SIGNATURE_WORDS`` words, no
    digits, no final punctuation) right under a paragraph that ends a sentence: a
    reporter's or editor's name, a widget header left before the page furniture
    («جدول قیمت‌ها»). Short lines under a line ending in «:» are a list and stay.
    """

    def short(line: str) -> bool:
        return (
            _words(line) <= MAX_SIGNATURE_WORDS
            and not re.search(r"[.!?؟…»\"”):：\d]\s*$", line)
            and not re.search(r"\d", line)
        )

    count = 0
    while count < 2 and len(paragraphs) - count > 1 and short(paragraphs[-1 - count]):
        count += 1
    if count and re.search(r"[.!?؟…»\"”)]\s*$", paragraphs[-1 - count]):
        del paragraphs[len(paragraphs) - count :]
        return count
    return 0


#: Comment buttons and labels that stand on their own line (reply, like, report): no author.
_COMMENT_BUTTONS = re.compile(
    r"^(پاسخ|پاسخ دادن|پاسخ دهید|لایک|گزارش|گزارش تخلف|رد|الرد|رد على التعلیق|ابلاغ|ابلاغ عن اساءه|اعجاب|reply|like|report)\s*$"
)
#: «بواسطة: خالد», «ارسال شده توسط علی»: the label before a commenter's name.
_AUTHOR_LABEL = re.compile(r"^(بواسطه|کتب|توسط|ارسال شده توسط|نوشته شده توسط|فرستنده|by)\s*[:：]?\s+")


def _is_author_line(line: str) -> bool:
    folded = fold(line)
    return (
        not _COMMENT_BUTTONS.match(cue_fold(line))
        and 1 <= _words(line) <= 4
        and not re.search(r"[\d()\[\]:]", folded)
        and bool(_HAS_LETTER.search(line))
        and not _matches("comments", folded)
        and not _matches("end", folded)
    )


#: The separator between a commenter's name and the stamp on one header line.
_HEADER_SEP = re.compile(r"\s*[|｜•–—-]\s*$|\s*[،,:：]\s*$|\s+(?:در|فی|في|on)\s*$")
#: A commenter's name (and place) before the stamp is at most this many words; without a
#: separator (the name and the stamp set in separate tags of one line), this many.
MAX_INLINE_AUTHOR_WORDS = 5
MAX_BARE_AUTHOR_WORDS = 3
_WEEKDAY_END = re.compile(
    r"(?:^|\s)(?:شنبه|یکشنبه|یک شنبه|دوشنبه|سه شنبه|چهارشنبه|پنجشنبه|پنج شنبه|جمعه|السبت|الاحد|الاثنین|الثلاثاء|الاربعاء|الخمیس|الجمعه)\s*[،,]?\s*$"
)
#: Words of a stamp, not a name: «ارسال شده در ...», «نشر في ...», «پاسخ در ...».
_STAMP_WORDS = re.compile(
    r"(ارسال شده|ارسال|منتشر شده|انتشار|تاریخ|نشر|ارسل|تم النشر|بتاریخ|التاریخ|پاسخ|رد|posted|date)"
)


def _inline_author(line: str, date_start: int) -> str | None:
    """The name before the stamp on a comment header «نام | ۱۵ آذر ۱۴۰۳ - ۱۴:۵۶», or None.

    Below a comments header, a reader's comment often opens with its author, a separator and
    the date on one line; the name may carry the reader's town («سعيد من الرباط»).

    >>> _inline_author("مریم از شیراز | ۱۵ آذر ۱۴۰۳ - ۱۴:۵۶", 15), _inline_author("۱۵ آذر ۱۴۰۳", 0)
    ('مریم از شیراز', None)
    """
    head = line[:date_start]
    weekday = _WEEKDAY_END.search(fold(head))
    head = head[: weekday.start()] if weekday else head  # «نام | سه‌شنبه ۱۵ دی»: the weekday is the stamp's
    sep = _HEADER_SEP.search(head)
    name = head[: sep.start()].strip() if sep else head.strip()
    if not sep and _words(name) > MAX_BARE_AUTHOR_WORDS:  # «نام ۱۵ دی ۱۴۰۳»: a name set in its own tag
        return None
    label = _AUTHOR_LABEL.match(fold(name))
    name = name[label.end() :].strip() if label else name  # fold keeps lengths: the offsets hold
    words = _words(name)
    if (
        not 1 <= words <= MAX_INLINE_AUTHOR_WORDS
        or re.search(r"\d", name)
        or _SENTENCE_END.search(name)
        or not _HAS_LETTER.search(name)
    ):
        return None
    return None if _STAMP_WORDS.fullmatch(cue_fold(name)) else name


_LAST_SEP = re.compile(r"\s[|｜•–—-]\s|[|｜]|\s[،,]\s?")


def _relative_stamp(line: str) -> str | None:
    """For a comment stamp with a relative time («۳ ساعت پیش», «منذ ساعتين»): the name set
    before it on the line («مریم | ۲ روز پیش»), or "" for a stamp alone; None for any other line.

    >>> _relative_stamp("۳ ساعت پیش"), _relative_stamp("مریم | ۲ روز پیش"), _relative_stamp("خبر خوبی بود")
    ('', 'مریم', None)
    """
    if _has_cue("relative", cue_fold(line)):
        return ""
    seps = list(_LAST_SEP.finditer(line))
    if not seps:
        return None
    name, stamp = line[: seps[-1].start()].strip(), line[seps[-1].end() :].strip()
    if not (stamp and _has_cue("relative", cue_fold(stamp))):
        return None
    if (
        not 1 <= _words(name) <= MAX_INLINE_AUTHOR_WORDS
        or re.search(r"\d", name)
        or _SENTENCE_END.search(name)
    ):
        return None
    return name


def _parse_comments(lines: list[str], lang: str) -> tuple[list[Comment], list[str]]:
    """Split the page tail into reader comments and the remaining furniture lines.

    A comment is anchored on a short line holding a date (۱۴:۵۶ ۱۵ آذر ۱۳۹۸); its
    author is the nearest short name line above, its text the lines below up to
    the next comment or a section marker (آخرین اخبار ...).
    """
    opened = next((i for i, line in enumerate(lines) if _matches("comments", fold(line))), len(lines))
    inline: dict[int, str] = {}  # a header line «name | date - time»: the author on the date line
    date_lines = []
    relative: set[int] = set()  # a stamp «۳ ساعت پیش», «منذ ساعتين» (alone or after the name): no date
    # the comments section closes at the next list header («اقرأ أيضا», «آخرین اخبار»): its stamps are no comments
    closed = next(
        (
            i
            for i in range(opened + 1, len(lines))
            if any(_matches(a, fold(lines[i])) for a in ("end", "block", "drop"))
        ),
        len(lines),
    )
    if opened < len(lines) and re.search(r"(\(\s*|\s|^)0\s*\)?\s*$", ascii_digits(fold(lines[opened]))):
        closed = opened  # «نظرات (۰)»: the page says there is no comment
    for i, line in enumerate(lines):
        if opened < i < closed and (stamp := _relative_stamp(line)) is not None:
            relative.add(i)
            date_lines.append(i)
            if stamp:
                inline[i] = stamp
            continue
        if _NEWS_CODE.search(fold(line)) or not (found := find_dates(line, lang)):
            continue
        author = _inline_author(line, found[0].start) if i > opened else None
        if author:
            inline[i] = author
        if _words(line) <= 8 or author:
            date_lines.append(i)
    if not date_lines:
        return [], lines
    is_date_line = set(date_lines)
    used: set[int] = set()
    comments: list[Comment] = []
    starts: list[int] = []
    authors: list[int | None] = []
    for i in date_lines:
        above = (
            (i - 1,) if i >= 1 and _COMMENT_BUTTONS.match(cue_fold(lines[i - 1])) else (i - 1, i - 2)
        )  # a button ends the comment above
        author = (
            None
            if i in inline
            else next(
                (j for j in above if j >= 0 and j not in is_date_line and _is_author_line(lines[j])), None
            )
        )
        authors.append(author)
        start = author if author is not None else i
        if (
            start > 0
            and not _HAS_LETTER.search(re.sub(r"[A-Za-z]", "", lines[start - 1]))
            and re.search("[A-Za-z]", lines[start - 1])
        ):
            start -= 1  # a Latin country/flag line above the author: «Iran (Islamic Republic of)»
        starts.append(start)
    for k, i in enumerate(date_lines):
        stop = starts[k + 1] if k + 1 < len(date_lines) else len(lines)
        text_lines: list[str] = []
        for j in range(i + 1, stop):
            folded = fold(lines[j])
            if _matches("end", folded) or _matches("comments", folded):
                break
            if _matches("drop", folded) or is_signoff(lines[j]) or _COMMENT_BUTTONS.match(cue_fold(lines[j])):
                continue  # a share prompt or a sign-off under a date stamp is no comment text
            text_lines.append(lines[j])
        if not text_lines:
            continue
        if i in relative:
            posted = None
        else:
            found = find_dates(lines[i], lang)[0]
            posted = found.date.isoformat() + (f"T{found.time}" if found.time else "")
        author = authors[k]
        name = lines[author] if author is not None else inline.get(i)
        comments.append(Comment(name, posted, "\n".join(text_lines)))
        used.update(range(starts[k], i + 1 + len(text_lines)))
    return comments, [line for j, line in enumerate(lines) if j not in used]


def parse_layout(
    text: str,
    lang: str,
    *,
    title: str | None = None,
    lead: str | None = None,
    url: str | None = None,
) -> Layout:
    """Split cleaned article text into its parts.

    Args:
        text: the article text after :func:`khabar.text.normalize.clean_unicode`.
        lang: ``fa``, ``prs`` or ``ar`` (dates in comments depend on it).
        title: a headline given by the source (JSON/HTML); then no headline is guessed.
        lead: a lead given by the source.
        url: the article URL, a fallback for the news code.
    """
    lines = [" ".join(line.split()) for line in text.split("\n")]  # runs of spaces: one space
    lines = [line for line in lines if line]
    lead_at = find_lead(lines, lang)
    if lead_at is None:
        return _parse_layout_without_head(lines, lang, title=title, lead=lead, url=url)
    end, read_more = find_article_end(lines, lead_at)  # the first end or comments marker after the lead
    head, article, tail = lines[:lead_at], lines[lead_at:end], lines[end:]
    kicker, title, meta, opening, dropped = _parse_head(head, article, lang, title)
    kept, article_meta, article_dropped = _article_lines(article, lead_at, read_more, opening, title, lang)
    meta += article_meta
    return _finish_layout(kicker, title, lead, kept, meta, tail, lang, url, dropped + article_dropped)


def _article_lines(
    article: list[str], first: int, read_more: set[int], opening: list[str], title: str | None, lang: str
) -> tuple[list[str], list[str], int]:
    """The text lines of the article from the lead to its end (after ``opening``, lines of
    the head that open the text), its metadata lines and the count of lines dropped: a
    read-more block, furniture and boilerplate are no text, nor is the given headline printed
    again above the text, nor a trailing signature. ``first`` is the lead's index in the page
    (``read_more`` holds page indexes)."""
    kept: list[str] = list(opening)
    meta: list[str] = []
    dropped = 0
    for i, line in enumerate(article, start=first):
        if i in read_more:
            dropped += 1
            continue
        found = furniture_class(line, lang)
        if found == "meta":
            meta.append(line)
        elif found or _matches("drop", fold(line)):
            dropped += 1
        elif not kept and title and fold(line) == fold(title):
            dropped += 1  # the given headline printed again above the text
        else:
            kept.append(line)
    dropped += trim_signature(kept)
    return kept, meta, dropped


def _finish_layout(
    kicker: str | None,
    title: str | None,
    lead: str | None,
    kept: list[str],
    meta: list[str],
    tail: list[str],
    lang: str,
    url: str | None,
    dropped: int,
) -> Layout:
    """The layout once the article's lines are known: the lead (given, else the first body
    paragraph), the reader comments and furniture after the article's end, the news code."""
    if lead is not None:
        lead = lead.strip() or None
        if lead and not (kept and fold(kept[0]) == fold(lead)):  # a given lead the body does not open with
            kept.insert(0, lead)
    else:
        lead = kept[0] if kept else None
    opened = next((i for i, line in enumerate(tail) if _matches("comments", fold(line))), len(tail))
    # a publication date printed under the text («تاریخ انتشار: ...» after «انتهای پیام»), not a comment's
    meta = meta + [line for line in tail[:opened] if meta_rank(line) == 0 and _is_meta_line(line, lang)]
    comments, furniture = _parse_comments(tail, lang)
    furniture = [line for line in furniture if not _matches("drop", fold(line))]
    return Layout(
        kicker=kicker,
        title=title,
        lead=lead,
        paragraphs=tuple(kept),
        meta_lines=tuple(sorted(meta, key=meta_rank)),  # a labelled publication date first
        tail_lines=tuple(furniture),
        comments=tuple(comments),
        news_code=find_news_code(meta + tail, url),
        dropped=dropped + (len(tail) - len(furniture)),
    )


def _parse_head(
    head: list[str], article: list[str], lang: str, given_title: str | None
) -> tuple[str | None, str | None, list[str], list[str], int]:
    """Kicker, title, metadata lines, lines that open the text and the count of dropped lines
    of the page head.

    Site lines and date/code lines go to the metadata (the site line names the outlet);
    credits, captions, breadcrumbs, counters and share prompts are dropped. With a
    ``given_title`` (JSON, HTML) the head's copy of it is found and the line above it
    is the kicker; otherwise :func:`choose_title` picks the headline.
    """
    meta: list[str] = []
    candidates: list[tuple[int, str]] = []  # (index in head, line)
    dropped = 0
    for i, line in enumerate(head):
        found = head_furniture_class(line, lang)
        if found in ("meta", "site", "dateline"):
            meta.append(line)
        elif found:
            dropped += 1
        else:
            candidates.append((i, line))
    context = {w for paragraph in article[:3] for w in _content_words(paragraph)}
    if given_title is not None:
        title = strip_outlet_prefix(given_title.strip()) or None
        copies = {fold(given_title).replace(" ", ""), fold(title or "").replace(" ", "")} - {""}
        at = next(
            (k for k, (_, line) in enumerate(candidates) if fold(line).replace(" ", "") in copies), None
        )
    else:
        at = choose_title(candidates, context)
        title = strip_outlet_prefix(candidates[at][1]) if at is not None else None
    kicker = None
    if at is not None and at > 0:
        above_index, above = candidates[at - 1]
        if above_index == candidates[at][0] - 1 and _is_kicker_line(above):
            kicker = above.rstrip("؛;:： ")
    if at is None and given_title is not None:
        body = [line for _, line in candidates]  # the source's title is elsewhere: these lines open the text
    else:  # under the headline, a long line opens the text; short ones are captions and bylines
        body = [
            line
            for k, (_, line) in enumerate(candidates)
            if at is not None and k > at and _words(line) > MAX_CAPTION_WORDS
        ]
    dropped += len(candidates) - (at is not None) - (kicker is not None) - len(body)
    return kicker, title, meta, body, dropped


def _is_kicker_line(line: str) -> bool:
    """A روتیتر: a short line (three words or more, or ending in «؛»/«:») right above the headline."""
    words = _words(line)
    if not 1 <= words <= MAX_KICKER_WORDS or not _HAS_LETTER.search(line):
        return False
    if _KICKER_END.search(line):
        return True
    return words >= 3 and is_headline_like(line)


def _parse_layout_without_head(
    lines: list[str], lang: str, *, title: str | None, lead: str | None, url: str | None
) -> Layout:
    """The layout of a text with no paragraph-shaped line near its top (a list, a text without
    punctuation): the first lines are taken as kicker and headline by their shape alone."""
    end = _headless_end(lines)
    head, tail = lines[:end], lines[end:]
    kept, meta, dropped = _headless_lines(head, lang)
    kicker, title, kept, labels = _headless_headline(kept, meta, title)
    return _finish_layout(kicker, title, lead, kept, meta, tail, lang, url, dropped + labels)


def _headless_end(lines: list[str]) -> int:
    """Where a text without a head ends: at the first end or comments marker, never on its
    first line (that would leave no text)."""
    for i, line in enumerate(lines[1:], start=1):
        folded = fold(line)
        if _matches("end", folded) or _matches("comments", folded):
            return i
    return len(lines)


def _headless_lines(head: list[str], lang: str) -> tuple[list[str], list[str], int]:
    """The text lines, the metadata lines and the count of dropped lines of a text without a
    head: short date/code lines are metadata (the site's own current date is dropped: it is
    not the article's), boilerplate is dropped."""
    kept: list[str] = []
    meta: list[str] = []
    dropped = 0
    for line in head:
        folded = fold(line)
        if _is_meta_line(line, lang) and _words(line) <= MAX_META_WORDS + 6:
            if is_today_bar(line):
                dropped += 1  # the site's current date, not the article's
            else:
                meta.append(line)
        elif _matches("drop", folded):
            dropped += 1
        else:
            kept.append(line)
    return kept, meta, dropped


def _headless_headline(
    kept: list[str], meta: list[str], title: str | None
) -> tuple[str | None, str | None, list[str], int]:
    """Kicker, title, the text lines under them and the count of section labels dropped, by
    the shape of the first lines alone. Dateline-only lines among the first three go to
    ``meta`` (added to it); section labels above the text are dropped; a given ``title``
    printed again as the first line is dropped, else the first lines are taken as a kicker
    and headline (a short line ending in «؛» or «:», or two stacked headlines) or a headline."""
    datelines = [i for i, line in enumerate(kept[:3]) if _words(line) <= 4 and is_dateline(line)]
    meta += [kept[i] for i in datelines]  # «دمشق-سانا», «بغداد / واع»: place and agency only
    kept = [line for i, line in enumerate(kept) if i not in datelines]
    labels = 0  # «سیاست», «اقتصاد › فناوری», «اعلامیه مطبوعاتی»
    while len(kept) - labels >= 3 and _is_label(kept[labels]):
        labels += 1
    kept = kept[labels:]
    kicker = None
    if title is not None:
        title = title.strip() or None
        if kept and title and fold(kept[0]) == fold(title):
            kept = kept[1:]
    elif len(kept) >= 2:
        first, second = kept[0], kept[1]
        stacked = (
            len(kept) >= 3
            and is_headline_like(first)
            and is_headline_like(second)
            and not is_headline_like(kept[2])
        )
        if (
            len(kept) >= 3
            and _words(first) <= MAX_KICKER_WORDS
            and is_headline_like(second)
            and (_KICKER_END.search(first) or stacked)
        ):
            kicker, title, kept = first.rstrip("؛;:： "), second, kept[2:]  # روتیتر then تیتر
        elif is_headline_like(first):
            title, kept = first, kept[1:]
    if title:
        title = strip_outlet_prefix(title)
    return kicker, title, kept, labels
