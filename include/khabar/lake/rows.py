"""One input's rows: what an extraction contributes to each table, and an input's ``sources``
and ``quarantine`` rows, shaped as :mod:`khabar.lake.schema` declares them.

Every input becomes exactly one ``sources`` row (its outcome: ``article``, ``duplicate`` or
``quarantined``); an article adds one ``articles`` row and its ``mentions``, ``events`` and
``comments``; a quarantined input adds one ``quarantine`` row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from khabar.core.errors import InputRejected, QuarantineReason
from khabar.extraction.extract import Extraction
from khabar.ingest.sources import RawRecord, valid_text
from khabar.lake import stories

#: The longest quarantine detail kept (an exception's text can be a whole input).
MAX_DETAIL_CHARS = 2000


def article_rows(ex: Extraction, record: RawRecord) -> dict[str, list[dict[str, Any]]]:
    """The rows one extraction contributes to articles, mentions, events and comments."""
    published = ex.published
    article = {
        "article_id": ex.article_id,
        "source_uri": record.source_uri,
        "record_index": record.record_index,
        "source_sha256": record.sha256,
        "lang": ex.lang,
        "ict": ex.ict,
        "agency": ex.agency.key if ex.agency else None,
        "agency_name": ex.agency.name if ex.agency else None,
        "news_code": ex.news_code,
        "published_date": published.date if published else None,
        "published_time": published.time if published else None,
        "published_calendar": published.calendar if published else None,
        "published_raw": published.raw if published else None,
        "kicker": ex.kicker,
        "title": ex.title,
        "lead": ex.lead,
        "body": ex.body,
        "word_count": ex.word_count,
        "countries": list(ex.country_counts),
        "topics": [t.key for t in ex.topics],
        "event_types": list(dict.fromkeys(e.event_type for e in ex.events)),
        "organizations": list(dict.fromkeys(o.key for o in ex.organizations)),
        "quantities": [{"value": q.value, "unit": q.unit, "surface": q.surface} for q in ex.quantities],
        "comment_count": len(ex.comments),
        "duplicate_of": None,
        "story_id": None,  # assigned by consolidate, which sees the whole day and the lake
        "story_minhash": stories.signature(ex.body),
        "extractor_version": ex.extractor_version,
    }
    mentions = [{"article_id": ex.article_id, **m} for m in ex.mentions]
    events = [
        {
            "article_id": ex.article_id,
            "event_index": i,
            "event_type": e.event_type,
            "countries": list(e.countries),
            "persons": [p.name for p in ex.persons if any(e.start <= s < e.end for s, _ in p.spans)],
            "topics": list(e.topics),
            "evidence": e.evidence,
            "start": e.start,
            "end": e.end,
        }
        for i, e in enumerate(ex.events)
    ]
    comments = [
        {
            "article_id": ex.article_id,
            "comment_index": i,
            "author": c.author,
            "posted_at": c.posted_at,
            "posted_date": dt.date.fromisoformat(c.posted_at[:10]) if c.posted_at else None,
            "text": c.text,
        }
        for i, c in enumerate(ex.comments)
    ]
    return {"articles": [article], "mentions": mentions, "events": events, "comments": comments}


def source_row(record: RawRecord, run_id: str) -> dict[str, Any]:
    """The input's ``sources`` row, ``quarantined`` until its extraction says otherwise."""
    return {
        "source_uri": valid_text(record.source_uri), "record_index": record.record_index, "source_sha256": record.sha256,
        "size_bytes": record.size, "encoding": None, "outcome": "quarantined", "article_id": None,
        "reason": None, "run_id": run_id,
    }  # fmt: skip


def quarantine_row(
    source: dict[str, Any], record: RawRecord, reason: QuarantineReason, detail: str, stored_copy: str
) -> dict[str, Any]:
    """The ``quarantine`` row of an input whose ``sources`` row is ``source``."""
    return {
        "source_uri": source["source_uri"],
        "record_index": record.record_index,
        "source_sha256": record.sha256,
        "size_bytes": record.size,
        "reason": reason.value,
        "detail": valid_text(detail[:MAX_DETAIL_CHARS]),
        "stored_copy": stored_copy,
    }


def check_writable(rows: dict[str, list[dict[str, Any]]]) -> None:
    """Raise when a row holds text UTF-8 cannot encode (a lone surrogate), so that the input
    is quarantined by the per-record boundary instead of failing the batch when it is written.

    Raises:
        InputRejected: ``extraction_error``, naming the table and column.
    """
    for table, table_rows in rows.items():
        for row in table_rows:
            for column, value in row.items():
                for text in value if isinstance(value, list) else (value,):
                    if isinstance(text, dict):
                        text = " ".join(v for v in text.values() if isinstance(v, str))
                    if isinstance(text, str):
                        try:
                            text.encode("utf-8")
                        except UnicodeEncodeError as exc:
                            detail = f"row cannot be written: {table}.{column} holds text UTF-8 cannot encode ({exc.reason} at {exc.start})"
                            raise InputRejected(QuarantineReason.EXTRACTION_ERROR, detail) from exc
