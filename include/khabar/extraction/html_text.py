"""Readable text out of an HTML news page (stdlib parser, no network, no scripts).

Scripts, styles, navigation, headers, footers, asides, forms, menus and figures
(with their captions) are skipped, and so are elements whose class or id names page
furniture (share bars, tags, related and most-read lists, breadcrumbs, bylines,
app promos, tickers: the names content-extraction tools such as Readability treat
as unlikely content). Block elements become line breaks. The headline is the
``<h1>`` that matches ``og:title``/``<title>`` (else ``og:title``, else ``<title>``
without the site's name). The date comes from ``article:published_time``-style
metadata, else the ``datePublished`` of the page's JSON-LD (schema.org ``NewsArticle``),
else the article's own ``<time datetime>`` (``itemprop="datePublished"`` first): not one
inside a header, navigation, footer or aside, a reader comment, a related or most-read
list, a ticker or a top bar, nor one marked as an update.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from khabar.text.normalize import fold

_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "menu",
        "iframe",
        "svg",
        "button",
        "select",
        "template",
        "figure",
        "figcaption",
    }
)
#: Class or id words of page furniture (matched as whole words of the attribute, split at
#: «-», «_» and spaces). Reader comments are not among them: they are split off from the text.
#: Words that page builders also put on the article's own wrapper («widget», «print»,
#: «banner») are left out; :func:`html_to_page` falls back to the page without this
#: filter when it leaves too little text.
_FURNITURE_WORDS = frozenset(
    {
        "share", "sharing", "shares", "social", "sociallinks", "addthis", "sharethis",
        "tags", "tag", "tagcloud", "keywords", "hashtags",
        "related", "relatednews", "recommended", "suggested", "popular", "mostread", "mostviewed", "trending",
        "breadcrumb", "breadcrumbs", "crumbs",
        "byline", "author", "caption", "credit", "credits",
        "promo", "apppromo", "newsletter", "subscribe", "advert", "advertisement", "ads", "ad", "sponsor", "sponsored",
        "ticker", "topbar", "sidebar", "toolbar", "rating", "pagination", "pager", "cookie", "cookies", "popup",
    }
)  # fmt: skip
_COMMENT_WORDS = frozenset({"comment", "comments", "reply", "replies"})
_FURNITURE_PAIRS = frozenset(
    {
        ("top", "bar"),
        ("most", "read"),
        ("most", "viewed"),
        ("read", "more"),
        ("more", "news"),
        ("app", "promo"),
        ("tag", "list"),
        ("post", "tags"),
    }
)
_ATTR_WORD = re.compile(r"[a-z]+")
#: Separators between a page title and the site's name: «تیتر | ایسنا», «عنوان - وكالة أنباء».
_TITLE_SEP = re.compile(r"\s+[|–—]\s+|\s+-\s+|\s+::\s+|\s+«\s+|\s+»\s+")
_BLOCK = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article blockquote figcaption hr dd dt pre".split()
)
_VOID = frozenset(
    {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}
)
_DATE_META = frozenset(
    {
        "article:published_time",
        "og:published_time",
        "pubdate",
        "publishdate",
        "date",
        "dc.date",
        "dc.date.issued",
        "datepublished",
    }
)
#: Class or id words of a container whose ``<time>`` is not the article's publication time:
#: reader comments, related and most-read lists, tickers, top bars, update stamps.
_OTHER_TIME_WORDS = frozenset(
    {
        "comment", "comments", "reply", "replies", "discussion", "disqus",
        "related", "relatednews", "recommended", "suggested", "popular", "mostread", "mostviewed", "trending", "latest",
        "sidebar", "ticker", "topbar", "today", "updated", "update", "modified", "lastmod",
    }
)  # fmt: skip
_OTHER_TIME_PAIRS = frozenset(
    {
        ("top", "bar"),
        ("top", "date"),
        ("most", "read"),
        ("most", "viewed"),
        ("more", "news"),
        ("last", "modified"),
    }
)
_OTHER_TIME_TAGS = frozenset({"header", "nav", "footer", "aside"})
_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_LOOKS_LIKE_HTML = re.compile(
    r"<(p|div|br|span|a|html|body|h[1-6]|strong|b|i|ul|li|table)\b[^>]*>|&(nbsp|zwnj|amp|quot|#\d+);", re.I
)


@dataclass
class HtmlPage:
    text: str
    title: str | None = None
    published: str | None = None
    site_name: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def is_furniture_element(attrs: list[tuple[str, str | None]]) -> bool:
    """True for an element whose class or id names page furniture.

    >>> is_furniture_element([("class", "share-buttons")]), is_furniture_element([("id", "top-bar")])
    (True, True)
    >>> is_furniture_element([("class", "article-body")]), is_furniture_element([("class", "comments")])
    (False, False)
    """
    for name, value in attrs:
        if name not in ("class", "id") or not value:
            continue
        words = _ATTR_WORD.findall(value.lower())
        if any(word in _COMMENT_WORDS for word in words):
            return False  # a reader comment's parts («comment-author», «comment-meta») are split off later, not skipped
        if any(word in _FURNITURE_WORDS for word in words) or any(
            pair in _FURNITURE_PAIRS for pair in zip(words, words[1:], strict=False)
        ):
            return True
    return False


class _PageParser(HTMLParser):
    def __init__(self, *, skip_furniture: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_furniture = skip_furniture
        self.parts: list[str] = []
        self.skip_depth = 0
        self.furniture: tuple[str, int] | None = None  # (tag, nesting) of a furniture element being skipped
        self.in_title = False
        self.in_h1 = False
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.h1s: list[str] = []
        self.meta: dict[str, str] = {}
        self.open: list[
            tuple[str, bool, bool]
        ] = []  # (tag, not the article's time here, inside <article>/<main>)
        self.times: list[tuple[int, str]] = []  # (rank, datetime) of the article's <time> elements
        self.in_ld_json = False
        self.ld_json: list[str] = []

    def _track(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep the open elements and the article's ``<time datetime>`` values."""
        other, in_article = self.open[-1][1:] if self.open else (False, False)
        if tag in _OTHER_TIME_TAGS:
            other = True
        for name, value in attrs:
            words = _ATTR_WORD.findall(value.lower()) if name in ("class", "id") and value else []
            if any(word in _OTHER_TIME_WORDS for word in words) or any(
                pair in _OTHER_TIME_PAIRS for pair in zip(words, words[1:], strict=False)
            ):
                other = True
        attr = dict(attrs)
        stamp = (attr.get("datetime") or attr.get("content") or "").strip()
        published = (attr.get("itemprop") or "").lower() == "datepublished"
        if stamp and not other and (published or (tag == "time" and "datetime" in attr)):
            self.times.append((0 if published else 1 if in_article else 2, stamp))
        if tag == "script" and "ld+json" in (attr.get("type") or "").lower():
            self.in_ld_json = True
        if tag not in _VOID:
            self.open.append((tag, other, in_article or tag in ("article", "main")))

    def _untrack(self, tag: str) -> None:
        if tag == "script":
            self.in_ld_json = False
        for k in range(len(self.open) - 1, -1, -1):
            if self.open[k][0] == tag:
                del self.open[k:]
                break

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._track(tag, attrs)
        if tag == "meta":
            attr = dict(attrs)
            key = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").lower()
            if key and attr.get("content"):
                self.meta[key] = attr["content"] or ""
            return
        if self.furniture is not None:
            if tag == self.furniture[0] and tag not in _VOID:
                self.furniture = (tag, self.furniture[1] + 1)
            return
        if self.skip_furniture and tag not in _VOID and tag != "title" and is_furniture_element(attrs):
            self.furniture = (tag, 1)
            self.parts.append("\n")
            return
        if tag in _SKIP and tag not in _VOID:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "h1":
            self.in_h1 = True
            self.h1_parts = []
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self._untrack(tag)
        if self.furniture is not None:
            if tag == self.furniture[0]:
                depth = self.furniture[1] - 1
                self.furniture = (tag, depth) if depth else None
            return
        if tag in _SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "title":
            self.in_title = False
        elif tag == "h1" and self.in_h1:
            self.in_h1 = False
            self.h1s.append(" ".join("".join(self.h1_parts).split()))
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_ld_json:
            self.ld_json.append(data)
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip_depth or self.furniture is not None:
            return
        if self.in_h1:
            self.h1_parts.append(data)
        self.parts.append(data)


def _same_words(a: str, b: str) -> bool:
    return " ".join(fold(a).split()) == " ".join(fold(b).split())


def strip_site_name(title: str, site_names: list[str]) -> str:
    """A ``<title>`` without the site's name and section: «تیتر | اقتصاد | الجزيرة نت» -> «تیتر».

    A part after (or before) a separator is cut when it is the site's name (``og:site_name``,
    a known outlet, an outlet word such as «خبرگزاری», «وكالة»), or, after «|», a short section
    label. A «-» inside the headline («میرجاوه - تفتان») stays.

    >>> strip_site_name("لبنان وقبرص تستبدلان كابل قدموس بخط بحري جديد | اقتصاد | الجزيرة نت", ["الجزيرة نت"])
    'لبنان وقبرص تستبدلان كابل قدموس بخط بحري جديد'
    >>> strip_site_name("اتصال فیبر نوری میرجاوه - تفتان", [])
    'اتصال فیبر نوری میرجاوه - تفتان'
    """
    from khabar.extraction.structure import is_site_line

    def is_site(part: str, sep: str) -> bool:
        part = part.strip()
        if any(_same_words(part, name) for name in site_names if name):
            return True
        if is_site_line(part):
            return True
        return "|" in sep and len(part.split()) <= 3

    pieces = _TITLE_SEP.split(title)
    seps = _TITLE_SEP.findall(title)
    while len(pieces) > 1 and is_site(pieces[-1], seps[-1]):
        pieces, seps = pieces[:-1], seps[:-1]
    while (
        len(pieces) > 1 and is_site(pieces[0], seps[0]) and len(pieces[0].split()) < len(pieces[-1].split())
    ):
        pieces, seps = pieces[1:], seps[1:]
    rebuilt = pieces[0]
    for sep, piece in zip(seps, pieces[1:], strict=False):
        rebuilt += sep + piece
    return rebuilt.strip()


def choose_headline(
    h1s: list[str], og_title: str | None, page_title: str | None, site_names: list[str]
) -> str | None:
    """The page's headline: the ``<h1>`` that ``og:title`` or ``<title>`` repeats, else the
    first ``<h1>`` that is not the site's name, else ``og:title``, else ``<title>`` without the
    site name.

    >>> choose_headline(["ایسنا", "ساخت ایستگاه زمینی ماهواره"], "ساخت ایستگاه زمینی ماهواره", None, [])
    'ساخت ایستگاه زمینی ماهواره'
    """
    h1s = [html.unescape(h) for h in h1s if h.strip()]
    references = [ref for ref in (og_title, page_title) if ref]
    for h1 in h1s:
        if any(
            _same_words(h1, ref) or fold(h1).replace(" ", "") in fold(ref).replace(" ", "")
            for ref in references
        ):
            return h1
    from khabar.extraction.structure import is_site_line

    own = [
        h1
        for h1 in h1s
        if not is_site_line(h1) and not any(_same_words(h1, name) for name in site_names if name)
    ]
    if own:  # an <h1> that is not the site's logo
        return own[0]
    if og_title and og_title.strip():
        return strip_site_name(" ".join(html.unescape(og_title).split()), site_names)
    if page_title:
        return strip_site_name(page_title, site_names) or None
    return h1s[0] if h1s else None


#: Fewer words than this after the furniture filter: compare with the unfiltered page.
MIN_FILTERED_WORDS = 40


def _parse(markup: str, *, skip_furniture: bool) -> _PageParser:
    parser = _PageParser(skip_furniture=skip_furniture)
    parser.feed(markup)
    parser.close()
    return parser


def _word_count(parser: _PageParser) -> int:
    return len("".join(parser.parts).split())


def looks_like_html(text: str) -> bool:
    """True for text with HTML tags or entities (scraper fields often carry markup)."""
    return bool(_LOOKS_LIKE_HTML.search(text[:20000]))


def html_to_page(markup: str) -> HtmlPage:
    """Parse an HTML page into text lines, headline and publication metadata.

    >>> page = html_to_page("<html><head><title>x</title><script>var a</script></head><body><nav>منو</nav><h1>عنوان</h1><p>متن&zwnj;ها</p></body></html>")
    >>> page.title, page.text
    ('عنوان', 'عنوان\\nمتن\\u200cها')
    """
    parser = _parse(markup, skip_furniture=True)
    if _word_count(parser) < MIN_FILTERED_WORDS:
        plain = _parse(markup, skip_furniture=False)
        if _word_count(plain) > 4 * _word_count(parser):
            parser = plain  # the furniture filter took the article's own wrapper: the unfiltered page
    text = "".join(parser.parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    body = "\n".join(line for line in lines if line)
    page_title = " ".join("".join(parser.title_parts).split()) or None
    site_names = [parser.meta.get(key, "") for key in ("og:site_name", "application-name", "twitter:site")]
    title = choose_headline(parser.h1s, parser.meta.get("og:title"), page_title, site_names)
    published = next((v for k, v in parser.meta.items() if k in _DATE_META), None)
    if not published:
        ld_json = _LD_PUBLISHED.search("".join(parser.ld_json))
        published = ld_json.group(1).strip() if ld_json else None
    if not published and parser.times:
        published = min(parser.times, key=lambda t: t[0])[1]
    return HtmlPage(body, title, published, parser.meta.get("og:site_name"), parser.meta)
