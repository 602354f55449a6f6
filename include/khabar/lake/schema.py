"""The lake's tables: explicit pyarrow schemas and what every column means, one place for both.

Every table is hive-partitioned by ``ingest_date`` (the logical date of the
run): ``LAKE/<table>/ingest_date=YYYY-MM-DD/*.parquet``. The partition value
lives in the path, not in the files; DuckDB and pyarrow read it back as a
``DATE`` column with ``hive_partitioning``.

Each column is declared with its meaning (:class:`Column`); :data:`DOCS` keeps the meanings and
each table's grain, and the analysts' database (``khabar database``) writes them as DuckDB
comments (``COMMENT ON``), as ``docs/data-dictionary.md`` does (``khabar dictionary``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from khabar import DATA_TABLES
from khabar.core.errors import QuarantineReason
from khabar.extraction.vocabulary import CALENDARS, EVENT_TYPES, MENTION_KINDS

OUTCOMES = ("article", "duplicate", "quarantined")
REASONS = tuple(r.value for r in QuarantineReason)
PARTITION_COLUMN = "ingest_date"
PARTITION_DOC = "the logical date of the run that landed the row (the hive partition, YYYY-MM-DD)"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: pa.DataType
    doc: str
    nullable: bool = True


@dataclass(frozen=True, slots=True)
class TableDoc:
    """What one row of a table is (its grain) and what each column means."""

    grain: str
    columns: dict[str, str]


#: The meaning of every table and column of the lake, filled by :func:`_schema`.
DOCS: dict[str, TableDoc] = {}


def _schema(table: str, grain: str, columns: list[Column]) -> pa.Schema:
    DOCS[table] = TableDoc(grain, {c.name: c.doc for c in columns} | {PARTITION_COLUMN: PARTITION_DOC})
    return pa.schema([pa.field(c.name, c.type, nullable=c.nullable) for c in columns])


_ARTICLE_ID = "the article's id: a content hash of its folded body (articles.article_id)"

SOURCES = _schema(
    "sources",
    "one row per input record read (a file, or one element of a JSON Lines or JSON array file), whatever became of it",
    [
        Column(
            "source_uri", pa.string(), "the input file's URI; an archive member as <archive>!/<member>", False
        ),
        Column(
            "record_index",
            pa.int32(),
            "0 for a whole file; the line or element number in a JSON Lines or JSON array file",
            False,
        ),
        Column("source_sha256", pa.string(), "SHA-256 of the record's own bytes", False),
        Column("size_bytes", pa.int64(), "size of the record in bytes", False),
        Column("encoding", pa.string(), "the encoding it was decoded from: utf-8, utf-16, windows-1256 ..."),
        Column("outcome", pa.string(), "what became of it: " + " | ".join(OUTCOMES), False),
        Column("article_id", pa.string(), "the article written, or the one this input duplicates"),
        Column("reason", pa.string(), "the quarantine reason code when outcome = quarantined"),
        Column("run_id", pa.string(), "the run that read it (runs.run_id)", False),
    ],
)

QUANTITY = pa.struct([("value", pa.float64()), ("unit", pa.string()), ("surface", pa.string())])

ARTICLES = _schema(
    "articles",
    "one row per unique article (an input whose body was already landed is a duplicate in sources, not a new row)",
    [
        Column("article_id", pa.string(), _ARTICLE_ID, False),
        Column("source_uri", pa.string(), "the input file it came from (sources.source_uri)", False),
        Column("record_index", pa.int32(), "its record in that file (sources.record_index)", False),
        Column("source_sha256", pa.string(), "SHA-256 of the input record's bytes", False),
        Column("lang", pa.string(), "language: fa (Persian) | prs (Dari) | ar (Arabic)", False),
        Column(
            "ict",
            pa.bool_(),
            "about ICT or technology; topics are given only when true, events always",
            False,
        ),
        Column(
            "agency",
            pa.string(),
            "the reporting outlet's short Latin key (IRNA, Mehr, SPA ...); other = a named outlet not in the gazetteer; NULL = no outlet named",
        ),
        Column("agency_name", pa.string(), "the outlet's name as written in the article"),
        Column("news_code", pa.string(), "the outlet's news code, in Latin digits"),
        Column("published_date", pa.date32(), "publication date, converted to the Gregorian calendar"),
        Column("published_time", pa.string(), "publication time HH:MM when printed"),
        Column(
            "published_calendar",
            pa.string(),
            "the calendar the date was printed in: " + " | ".join(CALENDARS),
        ),
        Column("published_raw", pa.string(), "the date as printed"),
        Column("kicker", pa.string(), "the line above the title (روتیتر, surtitle), when there is one"),
        Column("title", pa.string(), "the headline"),
        Column("lead", pa.string(), "the lead paragraph (لید), when there is one"),
        Column(
            "body",
            pa.string(),
            "the normalised body text, site furniture removed; mention and event offsets index it",
            False,
        ),
        Column("word_count", pa.int32(), "words in the body", False),
        Column(
            "countries",
            pa.list_(pa.string()),
            "ISO3 codes of the countries the article names, most mentioned first",
        ),
        Column("topics", pa.list_(pa.string()), "topic keys (SPEC §4), best first; empty when ict is false"),
        Column("event_types", pa.list_(pa.string()), "the types of the article's events (see events)"),
        Column("organizations", pa.list_(pa.string()), "keys of the organisations the article names"),
        Column(
            "quantities",
            pa.list_(QUANTITY),
            "numbers with a unit: value (scale words applied), unit, surface as written",
        ),
        Column("comment_count", pa.int32(), "reader comments kept in comments", False),
        Column("duplicate_of", pa.string(), "reserved: the article this one is a near-duplicate of"),
        Column(
            "story_id",
            pa.string(),
            "one id for the copies of a story across agencies; count distinct coalesce(story_id, article_id) to count stories",
        ),
        Column(
            "story_minhash",
            pa.binary(),
            "the body's MinHash signature (128 uint32 minima), for story matching",
        ),
        Column("extractor_version", pa.string(), "the khabar extractor version that wrote the row", False),
    ],
)

MENTIONS = _schema(
    "mentions",
    "one row per mention of a person, country, place, organisation, agency or topic in an article's body",
    [
        Column("article_id", pa.string(), _ARTICLE_ID, False),
        Column("kind", pa.string(), " | ".join(MENTION_KINDS), False),
        Column(
            "key",
            pa.string(),
            "what is mentioned: ISO3, organisation, agency or topic key, or the person key (one per person across spellings)",
            False,
        ),
        Column("surface", pa.string(), "the mention as written in the body", False),
        Column("start", pa.int32(), "start offset in articles.body", False),
        Column("end", pa.int32(), "end offset in articles.body (exclusive)", False),
        Column("role", pa.string(), "persons: the role as written"),
        Column("country", pa.string(), "ISO3 of the person's office, the place or the country"),
    ],
)

EVENTS = _schema(
    "events",
    "one row per engagement an article reports (type and parties); the same engagement reported by several agencies is one story (articles.story_id)",
    [
        Column("article_id", pa.string(), _ARTICLE_ID, False),
        Column("event_index", pa.int16(), "the event's order in its article", False),
        Column(
            "event_type",
            pa.string(),
            " | ".join(EVENT_TYPES),
            False,
        ),
        Column(
            "countries",
            pa.list_(pa.string()),
            "the engaging sides' ISO3 codes (not every country of the sentence)",
        ),
        Column("persons", pa.list_(pa.string()), "officials named in the evidence sentence"),
        Column("topics", pa.list_(pa.string()), "topics discussed in the evidence sentence"),
        Column("evidence", pa.string(), "the sentence that reports the engagement", False),
        Column("start", pa.int32(), "start offset of the evidence in articles.body", False),
        Column("end", pa.int32(), "end offset of the evidence in articles.body (exclusive)", False),
    ],
)

COMMENTS = _schema(
    "comments",
    "one row per reader comment printed under an article",
    [
        Column("article_id", pa.string(), _ARTICLE_ID, False),
        Column("comment_index", pa.int16(), "the comment's order under its article", False),
        Column("author", pa.string(), "the commenter's name as printed"),
        Column("posted_at", pa.string(), "when posted: YYYY-MM-DD or YYYY-MM-DDTHH:MM"),
        Column("posted_date", pa.date32(), "the day posted, Gregorian"),
        Column("text", pa.string(), "the comment's text", False),
    ],
)

QUARANTINE = _schema(
    "quarantine",
    "one row per input record set aside instead of landed, with why; the original bytes are kept",
    [
        Column("source_uri", pa.string(), "the input file's URI (sources.source_uri)", False),
        Column("record_index", pa.int32(), "the record in that file", False),
        Column("source_sha256", pa.string(), "SHA-256 of the record's bytes", False),
        Column("size_bytes", pa.int64(), "size of the record in bytes", False),
        Column("reason", pa.string(), "the reason code: " + ", ".join(REASONS), False),
        Column("detail", pa.string(), "the reason in words", False),
        Column("stored_copy", pa.string(), "URI of the original bytes under LAKE/_quarantine/"),
    ],
)

RUNS = _schema(
    "runs",
    "one row per pipeline run, published or failed",
    [
        Column(
            "run_id", pa.string(), "the run's id (Airflow's run id, or cli-... from the command line)", False
        ),
        Column("status", pa.string(), "published | failed", False),
        Column("started_at", pa.timestamp("us", tz="UTC"), "when the run started (UTC)", False),
        Column("finished_at", pa.timestamp("us", tz="UTC"), "when the run ended (UTC)", False),
        Column("files_seen", pa.int64(), "input files discovered", False),
        Column("records_seen", pa.int64(), "input records read (rows of sources)", False),
        Column("articles", pa.int64(), "articles landed", False),
        Column("duplicates", pa.int64(), "inputs whose article was already landed", False),
        Column("quarantined", pa.int64(), "inputs set aside", False),
        Column("mentions", pa.int64(), "mention rows written", False),
        Column("events", pa.int64(), "event rows written", False),
        Column("comments", pa.int64(), "comment rows written", False),
        Column("bytes_read", pa.int64(), "input bytes read", False),
        Column(
            "validation_success", pa.bool_(), "whether every critical Great Expectations check passed", False
        ),
        Column(
            "critical_failures",
            pa.int32(),
            "critical expectations that failed (the run publishes nothing then)",
            False,
        ),
        Column(
            "warnings", pa.int32(), "warning expectations that failed (recorded, the run publishes)", False
        ),
        Column("validation_detail", pa.string(), "JSON: the failed expectations"),
        Column("seconds_discover", pa.float64(), "seconds spent finding the inputs"),
        Column("seconds_process", pa.float64(), "seconds spent decoding and extracting"),
        Column("seconds_validate", pa.float64(), "seconds spent validating"),
        Column("seconds_publish", pa.float64(), "seconds spent publishing"),
        Column(
            "versions",
            pa.string(),
            "JSON: versions of khabar, the extractor, hazm, pyarrow, duckdb, gx, airflow",
        ),
        Column("error", pa.string(), "why a failed run published nothing"),
    ],
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
