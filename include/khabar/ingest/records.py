"""One input record to its extraction: the text to extract and the hints its source gives.

A landing file is decoded by evidence (:mod:`khabar.text.decode`); a JSON record names its text
and, often, its title, lead, kicker, URL, date and outlet in fields of its own, which extraction
takes as evidence (:class:`~khabar.extraction.extract.SourceHints`). Scrapers and feeds spell
those fields differently; the spellings each hint accepts are listed here, first match wins.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from khabar.core.errors import InputRejected, QuarantineReason
from khabar.extraction.extract import Extraction, SourceHints, extract_text
from khabar.ingest.sources import TEXT_KEYS, RawRecord
from khabar.text.decode import decode_bytes

#: The record fields each hint is read from, in order of preference.
HINT_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "lead": ("lead", "abstract", "summary", "lede"),
    "kicker": ("kicker", "subtitle", "rotitr", "surtitle"),
    "url": ("url", "link"),
    "date": ("date", "published", "published_at", "pubDate", "datePublished"),
    "agency": ("agency", "source", "site", "publisher"),
}


def _first_text(fields: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    """The first of ``keys`` whose value is a non-blank string."""
    for key in keys:
        value = fields.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def record_hints(fields: dict[str, Any]) -> tuple[str | None, SourceHints]:
    """The text of a JSON record (None when it has none of :data:`TEXT_KEYS`) and its hints.

    >>> body, hints = record_hints({"content": "متن", "headline": "عنوان", "link": " "})
    >>> body, hints.title, hints.url
    ('متن', 'عنوان', None)
    """
    hints = {name: _first_text(fields, keys) for name, keys in HINT_FIELDS.items()}
    return _first_text(fields, TEXT_KEYS), SourceHints(**hints)


def extract_record(record: RawRecord, ingest_date: dt.date | None) -> tuple[Extraction, str]:
    """Decode and extract one input; returns the extraction and the encoding used.

    Raises:
        InputRejected: the input cannot become an article.
    """
    if record.rejection:
        raise record.rejection
    if record.kind == "json":
        assert record.fields is not None
        body, hints = record_hints(record.fields)
        if body is None:
            raise InputRejected(
                QuarantineReason.NO_TEXT, f"JSON record has none of the text keys {', '.join(TEXT_KEYS)}"
            )
        return extract_text(body, record.source_uri, hints=hints, ingest_date=ingest_date), "utf-8"
    assert record.data is not None
    decoded = decode_bytes(record.data)
    hints = SourceHints(html=record.kind == "html")
    extraction = extract_text(decoded.text, record.source_uri, hints=hints, ingest_date=ingest_date)
    return extraction, decoded.encoding
