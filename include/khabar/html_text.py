"""Readable text out of an HTML news page (stdlib parser, no network, no scripts).

Scripts, styles, navigation, headers, footers, asides, forms and menus are
skipped; block elements become line breaks; the headline comes from ``<h1>``
(else ``<title>``) and the date from ``article:published_time``-style metadata.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_SKIP = frozenset({"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "menu", "iframe", "svg", "button", "select", "template"})
_BLOCK = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article", "blockquote", "figcaption", "hr", "dd", "dt", "pre"}
)
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"})
_DATE_META = frozenset({"article:published_time", "og:published_time", "pubdate", "publishdate", "date", "dc.date", "dc.date.issued", "datepublished"})
_LOOKS_LIKE_HTML = re.compile(r"<(p|div|br|span|a|html|body|h[1-6]|strong|b|i|ul|li|table)\b[^>]*>|&(nbsp|zwnj|amp|quot|#\d+);", re.I)


@dataclass
class HtmlPage:
    text: str
    title: str | None = None
    published: str | None = None
    site_name: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.in_title = False
        self.in_h1 = False
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            attr = dict(attrs)
            key = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").lower()
            if key and attr.get("content"):
                self.meta[key] = attr["content"] or ""
            return
        if tag in _SKIP and tag not in _VOID:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "h1":
            self.in_h1 = True
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "title":
            self.in_title = False
        elif tag == "h1":
            self.in_h1 = False
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip_depth:
            return
        if self.in_h1:
            self.h1_parts.append(data)
        self.parts.append(data)


def looks_like_html(text: str) -> bool:
    """True for text with HTML tags or entities (scraper fields often carry markup)."""
    return bool(_LOOKS_LIKE_HTML.search(text[:20000]))


def html_to_page(markup: str) -> HtmlPage:
    """Parse an HTML page into text lines, headline and publication metadata.

    >>> page = html_to_page("<html><head><title>x</title><script>var a</script></head><body><nav>منو</nav><h1>عنوان</h1><p>متن&zwnj;ها</p></body></html>")
    >>> page.title, page.text
    ('عنوان', 'عنوان\\nمتن\\u200cها')
    """
    parser = _PageParser()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    body = "\n".join(line for line in lines if line)
    h1 = html.unescape(" ".join("".join(parser.h1_parts).split())) or None
    title = h1 or (" ".join("".join(parser.title_parts).split()) or None)
    published = next((v for k, v in parser.meta.items() if k in _DATE_META), None)
    return HtmlPage(body, title, published, parser.meta.get("og:site_name"), parser.meta)
