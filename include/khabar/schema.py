"""The lake's tables: explicit pyarrow schemas, one place for all of them.

Every table is hive-partitioned by ``ingest_date`` (the logical date of the
run): ``LAKE/<table>/ingest_date=YYYY-MM-DD/*.parquet``. The partition value
lives in the path, not in the files; DuckDB and pyarrow read it back as a
``DATE`` column with ``hive_partitioning``.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from khabar import DATA_TABLES
from khabar.errors import QuarantineReason

OUTCOMES = ("article", "duplicate", "quarantined")
REASONS = tuple(r.value for r in QuarantineReason)
PARTITION_COLUMN = "ingest_date"

SOURCES = pa.schema(
    [
        pa.field("source_uri", pa.string(), nullable=False),  # file URI; archive members as "<archive>!/<member>"
        pa.field("record_index", pa.int32(), nullable=False),  # 0 for a whole file; line/element number in JSON(L)
        pa.field("source_sha256", pa.string(), nullable=False),  # of the record's own bytes
        pa.field("size_bytes", pa.int64(), nullable=False),
        pa.field("encoding", pa.string()),  # as decoded: utf-8, utf-16, windows-1256 ...
        pa.field("outcome", pa.string(), nullable=False),  # article | duplicate | quarantined
        pa.field("article_id", pa.string()),  # the article written, or the one this input duplicates
        pa.field("reason", pa.string()),  # quarantine reason code
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

QUANTITY = pa.struct([("value", pa.float64()), ("unit", pa.string()), ("surface", pa.string())])

ARTICLES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),  # content hash of the folded body
        pa.field("source_uri", pa.string(), nullable=False),
        pa.field("record_index", pa.int32(), nullable=False),
        pa.field("source_sha256", pa.string(), nullable=False),
        pa.field("lang", pa.string(), nullable=False),  # fa | prs | ar
        pa.field("ict", pa.bool_(), nullable=False),  # about ICT or technology (topics only then; events always)
        pa.field("agency", pa.string()),  # short Latin key (IRNA, Mehr ...) or "other"
        pa.field("agency_name", pa.string()),  # as written in the article
        pa.field("news_code", pa.string()),  # Latin digits
        pa.field("published_date", pa.date32()),  # Gregorian
        pa.field("published_time", pa.string()),  # HH:MM when printed
        pa.field("published_calendar", pa.string()),  # solar_hijri | gregorian | lunar_hijri
        pa.field("published_raw", pa.string()),  # the date as printed
        pa.field("kicker", pa.string()),
        pa.field("title", pa.string()),
        pa.field("lead", pa.string()),
        pa.field("body", pa.string(), nullable=False),  # normalised; mention/event offsets index it
        pa.field("word_count", pa.int32(), nullable=False),
        pa.field("countries", pa.list_(pa.string())),  # ISO3, most-mentioned first
        pa.field("topics", pa.list_(pa.string())),  # topic keys, best first
        pa.field("event_types", pa.list_(pa.string())),
        pa.field("organizations", pa.list_(pa.string())),  # organisation keys
        pa.field("quantities", pa.list_(QUANTITY)),
        pa.field("comment_count", pa.int32(), nullable=False),
        pa.field("duplicate_of", pa.string()),  # reserved: near-duplicate (story) of another article
        pa.field("story_id", pa.string()),  # one id for the copies of a story across agencies (khabar.stories)
        pa.field("story_minhash", pa.binary()),  # the body's MinHash signature, 128 uint32 minima
        pa.field("extractor_version", pa.string(), nullable=False),
    ]
)

MENTIONS = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),  # person | country | place | organization | agency | topic
        pa.field("key", pa.string(), nullable=False),  # ISO3, organisation/agency/topic key, person name
        pa.field("surface", pa.string(), nullable=False),  # as written in the body
        pa.field("start", pa.int32(), nullable=False),  # offsets into articles.body
        pa.field("end", pa.int32(), nullable=False),
        pa.field("role", pa.string()),  # persons: role as written
        pa.field("country", pa.string()),  # ISO3 of the person / place / country
    ]
)

EVENTS = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("event_index", pa.int16(), nullable=False),
        pa.field("event_type", pa.string(), nullable=False),
        pa.field("countries", pa.list_(pa.string())),  # the parties, ISO3
        pa.field("persons", pa.list_(pa.string())),  # officials named in the evidence sentence
        pa.field("topics", pa.list_(pa.string())),  # topics discussed in the evidence sentence
        pa.field("evidence", pa.string(), nullable=False),
        pa.field("start", pa.int32(), nullable=False),
        pa.field("end", pa.int32(), nullable=False),
    ]
)

COMMENTS = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("comment_index", pa.int16(), nullable=False),
        pa.field("author", pa.string()),
        pa.field("posted_at", pa.string()),  # YYYY-MM-DD or YYYY-MM-DDTHH:MM
        pa.field("posted_date", pa.date32()),
        pa.field("text", pa.string(), nullable=False),
    ]
)

QUARANTINE = pa.schema(
    [
        pa.field("source_uri", pa.string(), nullable=False),
        pa.field("record_index", pa.int32(), nullable=False),
        pa.field("source_sha256", pa.string(), nullable=False),
        pa.field("size_bytes", pa.int64(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("detail", pa.string(), nullable=False),
        pa.field("stored_copy", pa.string()),  # URI of the original bytes under LAKE/_quarantine/
    ]
)

RUNS = pa.schema(
    [
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("status", pa.string(), nullable=False),  # published | failed
        pa.field("started_at", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("finished_at", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("files_seen", pa.int64(), nullable=False),
        pa.field("records_seen", pa.int64(), nullable=False),  # rows of sources
        pa.field("articles", pa.int64(), nullable=False),
        pa.field("duplicates", pa.int64(), nullable=False),
        pa.field("quarantined", pa.int64(), nullable=False),
        pa.field("mentions", pa.int64(), nullable=False),
        pa.field("events", pa.int64(), nullable=False),
        pa.field("comments", pa.int64(), nullable=False),
        pa.field("bytes_read", pa.int64(), nullable=False),
        pa.field("validation_success", pa.bool_(), nullable=False),
        pa.field("critical_failures", pa.int32(), nullable=False),
        pa.field("warnings", pa.int32(), nullable=False),
        pa.field("validation_detail", pa.string()),  # JSON: failed expectations
        pa.field("seconds_discover", pa.float64()),
        pa.field("seconds_process", pa.float64()),
        pa.field("seconds_validate", pa.float64()),
        pa.field("seconds_publish", pa.float64()),
        pa.field("versions", pa.string()),  # JSON: khabar, extractor, hazm, pyarrow, duckdb, gx, airflow
        pa.field("error", pa.string()),  # why a failed run published nothing
    ]
)

TABLES: dict[str, pa.Schema] = {
    "sources": SOURCES,
    "articles": ARTICLES,
    "mentions": MENTIONS,
    "events": EVENTS,
    "comments": COMMENTS,
    "quarantine": QUARANTINE,
    "runs": RUNS,
}


assert set(DATA_TABLES) <= set(TABLES), "every data table has a schema"


def to_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows (dicts) to a pyarrow Table with the table's exact schema."""
    return pa.Table.from_pylist(rows, schema=TABLES[name])
