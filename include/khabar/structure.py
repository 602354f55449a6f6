"""Article layout: kicker, title, lead, body paragraphs, meta lines and reader comments.

Works line by line on cleaned (not yet hazm-normalised) text, with patterns
from ``data/boilerplate.tsv`` matched against the folded line. Persian
newsrooms print a kicker (روتیتر, often ending in «؛»), a headline (تیتر)
and a lead (لید); scraped pages add print and share prompts, news-code lines,
like counters, related-news lists and reader comments, which are split off.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from khabar.dates import ascii_digits, find_dates
from khabar.entities import known_agency
from khabar.gazetteer import read_tsv
from khabar.normalize import fold

#: Sentence-final punctuation: a line ending in one is not a headline.
_SENTENCE_END = re.compile(r"[.!?؟…:：»\"]\s*$")
#: Attribution formulas: a line carrying one is the lead, never a headline.
_ATTRIBUTION = re.compile(r"(به گزارش|به نقل از|افادت|ذکرت|نقلا عن|قال|اعلن)")
_NEWS_CODE = re.compile(r"(کد خبر|شناسه خبر|کد مطلب|شماره خبر|رقم الخبر|رمز الخبر|news id|news code)\s*[:：]?\s*(\d{3,15})")
_URL_NEWS_CODE = re.compile(r"/(?:news|detail|story|article)s?/(\d{5,15})(?:/|$|\?)")
_KICKER_END = re.compile(r"[؛;:：]\s*$")
#: A breadcrumb or section label above the headline: «اقتصاد › فناوری», «سیاست», «خبر/».
_BREADCRUMB = re.compile(r"[›»>|/]")
MAX_LABEL_WORDS = 2
_WORD = re.compile(r"\w+")
_HAS_LETTER = re.compile(r"[^\W\d_]")

MAX_HEADLINE_WORDS = 30
MAX_KICKER_WORDS = 18
MAX_META_WORDS = 8


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
    grouped: dict[str, list[re.Pattern[str]]] = {"end": [], "drop": [], "comments": []}
    for row in read_tsv("boilerplate.tsv"):
        grouped[row["action"]].append(re.compile(row["pattern"]))
    return {action: tuple(patterns) for action, patterns in grouped.items()}


def _matches(action: str, folded_line: str) -> bool:
    return any(p.search(folded_line) for p in _patterns()[action])


def is_boilerplate(line: str) -> bool:
    """A line that ends the article, opens its comments or is dropped (``data/boilerplate.tsv``).

    >>> is_boilerplate("انتهای پیام"), is_boilerplate("وزیر ارتباطات به مسقط سفر کرد.")
    (True, False)
    """
    folded = fold(line)
    return any(_matches(action, folded) for action in ("end", "comments", "drop"))


def _words(line: str) -> int:
    return len(_WORD.findall(line))


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
        and not _ATTRIBUTION.search(folded)
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
    if url:
        match = _URL_NEWS_CODE.search(url)
        if match:
            return ascii_digits(match.group(1))
    return None


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


def _is_label(line: str) -> bool:
    """A section label or breadcrumb above the headline: «سیاست», «اقتصاد › فناوری»."""
    return (_words(line) <= MAX_LABEL_WORDS or (bool(_BREADCRUMB.search(line)) and _words(line) <= 6)) and not _SENTENCE_END.search(line)


def _is_author_line(line: str) -> bool:
    folded = fold(line)
    return (
        1 <= _words(line) <= 4
        and not re.search(r"[\d()\[\]:]", folded)
        and bool(_HAS_LETTER.search(line))
        and not _matches("comments", folded)
        and not _matches("end", folded)
    )


def _parse_comments(lines: list[str], lang: str) -> tuple[list[Comment], list[str]]:
    """Split the page tail into reader comments and the remaining furniture lines.

    A comment is anchored on a short line holding a date (۱۴:۵۶ ۱۵ آذر ۱۳۹۸); its
    author is the nearest short name line above, its text the lines below up to
    the next comment or a section marker (آخرین اخبار ...).
    """
    date_lines = [
        i for i, line in enumerate(lines) if _words(line) <= 8 and find_dates(line, lang) and not _NEWS_CODE.search(fold(line))
    ]
    if not date_lines:
        return [], lines
    is_date_line = set(date_lines)
    used: set[int] = set()
    comments: list[Comment] = []
    starts: list[int] = []
    authors: list[int | None] = []
    for i in date_lines:
        author = next((j for j in (i - 1, i - 2) if j >= 0 and j not in is_date_line and _is_author_line(lines[j])), None)
        authors.append(author)
        start = author if author is not None else i
        if start > 0 and not _HAS_LETTER.search(re.sub(r"[A-Za-z]", "", lines[start - 1])) and re.search("[A-Za-z]", lines[start - 1]):
            start -= 1  # a Latin country/flag line above the author: «Iran (Islamic Republic of)»
        starts.append(start)
    for k, i in enumerate(date_lines):
        stop = starts[k + 1] if k + 1 < len(date_lines) else len(lines)
        text_lines: list[str] = []
        for j in range(i + 1, stop):
            folded = fold(lines[j])
            if _matches("end", folded) or _matches("comments", folded):
                break
            text_lines.append(lines[j])
        if not text_lines:
            continue
        found = find_dates(lines[i], lang)[0]
        posted = found.date.isoformat() + (f"T{found.time}" if found.time else "")
        author = authors[k]
        comments.append(Comment(lines[author] if author is not None else None, posted, "\n".join(text_lines)))
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
        text: the article text after :func:`khabar.normalize.clean_unicode`.
        lang: ``fa``, ``prs`` or ``ar`` (dates in comments depend on it).
        title: a headline given by the source (JSON/HTML); then no headline is guessed.
        lead: a lead given by the source.
        url: the article URL, a fallback for the news code.
    """
    lines = [" ".join(line.split()) for line in text.split("\n")]  # runs of spaces: one space
    lines = [line for line in lines if line]
    # 1. The article ends at the first end or comments marker (never on the first line).
    end = len(lines)
    for i, line in enumerate(lines[1:], start=1):
        folded = fold(line)
        if _matches("end", folded) or _matches("comments", folded):
            end = i
            break
    head, tail = lines[:end], lines[end:]
    # 2. Drop boilerplate lines, set metadata lines apart.
    kept: list[str] = []
    meta: list[str] = []
    dropped = 0
    for line in head:
        folded = fold(line)
        if _is_meta_line(line, lang) and _words(line) <= MAX_META_WORDS + 6:
            meta.append(line)
        elif _matches("drop", folded):
            dropped += 1
        else:
            kept.append(line)
    # 3. Section labels, dateline-only lines, kicker and headline.
    datelines = [i for i, line in enumerate(kept[:3]) if _words(line) <= 4 and is_dateline(line)]
    meta += [kept[i] for i in datelines]  # «دمشق-سانا», «بغداد / واع»: place and agency only
    kept = [line for i, line in enumerate(kept) if i not in datelines]
    labels = 0  # «سیاست», «اقتصاد › فناوری», «اعلامیه مطبوعاتی»
    while len(kept) - labels >= 3 and _is_label(kept[labels]):
        labels += 1
    kept, dropped = kept[labels:], dropped + labels
    kicker = None
    if title is not None:
        title = title.strip() or None
        if kept and title and fold(kept[0]) == fold(title):
            kept = kept[1:]
    elif len(kept) >= 2:
        first, second = kept[0], kept[1]
        stacked = len(kept) >= 3 and is_headline_like(first) and is_headline_like(second) and not is_headline_like(kept[2])
        if len(kept) >= 3 and _words(first) <= MAX_KICKER_WORDS and is_headline_like(second) and (_KICKER_END.search(first) or stacked):
            kicker, title, kept = first.rstrip("؛;:： "), second, kept[2:]  # روتیتر then تیتر
        elif is_headline_like(first):
            title, kept = first, kept[1:]
    if title:
        title = strip_outlet_prefix(title)
    # 4. Lead: given, else the first body paragraph.
    if lead is not None:
        lead = lead.strip() or None
        if kept and lead and fold(kept[0]) == fold(lead):
            pass  # the lead is also the first paragraph: keep it in the body
        elif lead:
            kept.insert(0, lead)
    else:
        lead = kept[0] if kept else None
    comments, furniture = _parse_comments(tail, lang)
    furniture = [line for line in furniture if not _matches("drop", fold(line))]
    return Layout(
        kicker=kicker,
        title=title,
        lead=lead,
        paragraphs=tuple(kept),
        meta_lines=tuple(meta),
        tail_lines=tuple(furniture),
        comments=tuple(comments),
        news_code=find_news_code(meta + tail, url),
        dropped=dropped + (len(tail) - len(furniture)),
    )


_SENTENCE_BREAK = re.compile(r"(?<=[.!?؟])\s+|\n+")


def sentence_spans(body: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``body`` (split at . ! ? ؟ and line breaks).

    >>> body = "دیدار کرد. سپس رفت.\\nپایان"
    >>> [body[s:e] for s, e in sentence_spans(body)]
    ['دیدار کرد.', 'سپس رفت.', 'پایان']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for brk in _SENTENCE_BREAK.finditer(body):
        if body[start : brk.start()].strip():
            spans.append((start, brk.start()))
        start = brk.end()
    if body[start:].strip():
        spans.append((start, len(body.rstrip())))
    return spans
