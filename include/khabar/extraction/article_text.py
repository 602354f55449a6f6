"""One article's text as every finder reads it: one text, one pass.

:func:`khabar.extraction.extract.extract_text` builds one :class:`ArticleText` per article (the normalised
body and its language) and hands the same value to every finder (countries, organisations,
persons and officials, topics, events, quantities). What they all need is computed once, on
first use, and kept on the value: the folded body (:func:`khabar.text.normalize.fold`, length
preserving, so offsets into it are offsets into the body), the sentences, and any view a finder
derives for its own use (:meth:`ArticleText.view`: the persons' token list, for one). No finder
folds or splits the body again, and nothing is cached by body string behind the finders' backs.

A finder also accepts a plain string (tests, doctests, a one-off call): :func:`as_article_text`
wraps it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from khabar.text.normalize import fold

T = TypeVar("T")

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


@dataclass(frozen=True, eq=False)
class ArticleText:
    """The normalised body of one article and its language, with the forms the finders share.

    >>> text = ArticleText("وزیر ارتباطات ایران با وزیر عمان دیدار کرد. سپس رفت.", "fa")
    >>> text.folded == fold(text.body), len(text.sentences)
    (True, 2)
    >>> text.view("words", lambda t: t.folded.split()) is text.view("words", lambda t: [])
    True
    """

    body: str
    lang: str
    _views: dict[str, Any] = field(default_factory=dict, init=False, repr=False)

    @functools.cached_property
    def folded(self) -> str:
        """The body folded for matching (ي/ی ك/ک ة/ه أ/ا, ZWNJ as a space, Latin digits), same length."""
        return fold(self.body)

    @functools.cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """``(start, end)`` of each sentence (:func:`sentence_spans`)."""
        return tuple(sentence_spans(self.body))

    def view(self, name: str, build: Callable[[ArticleText], T]) -> T:
        """A finder's own derived form of this text, built once by ``build`` and kept under ``name``."""
        if name not in self._views:
            self._views[name] = build(self)
        return self._views[name]


def as_article_text(text: ArticleText | str, lang: str) -> ArticleText:
    """``text`` itself, or a plain string wrapped with ``lang``."""
    return text if isinstance(text, ArticleText) else ArticleText(text, lang)
