"""The DuckDB report over the lake: one query per ``include/khabar/analytics/sql/*.sql`` file.

:func:`connect` opens an in-process DuckDB with one view per table over the
hive-partitioned Parquet files (an empty, typed view when a table has no file
yet) and the library's macros (:data:`MACROS`: the date window, the story key, the
engagement pairs). Query values are bound as parameters (``$since``, ``$until``), never
formatted into SQL.
"""

from __future__ import annotations

import csv
import datetime as dt
import fnmatch
import html
import io
import json
import logging
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from khabar.core.errors import LakeError
from khabar.core.storage import filesystem, is_local, join, to_uri
from khabar.lake.schema import DOCS, PARTITION_COLUMN, TABLES, TableDoc
from khabar.lake.store import list_files, partition_date, published_files, quality_uri

#: (section title, query file stem), in report order.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("Articles per day and agency", "articles_by_day_agency"),
    ("Countries engaged with (pairs)", "engagement_pairs"),
    ("Topics", "topics"),
    ("Events", "events"),
    ("MoUs, agreements and invitations", "agreements_timeline"),
    ("Stories carried by several copies", "story_clusters"),
    ("Quarantine reasons", "quarantine_reasons"),
    ("Runs", "runs"),
)
FORMATS = ("text", "md", "csv", "html")
#: Rows shown per section in text, Markdown and HTML (CSV has them all; the SQL library too).
MAX_ROWS = 50

log = logging.getLogger(__name__)


def sql_dir() -> Path:
    """The SQL library: ``sql/`` beside this module, installed as package data (``KHABAR_SQL_DIR`` overrides)."""
    return Path(os.environ.get("KHABAR_SQL_DIR") or Path(__file__).resolve().with_name("sql"))


def load_sql(name: str) -> str:
    path = sql_dir() / f"{name}.sql"
    if not path.is_file():
        raise FileNotFoundError(f"no query {name!r} in {sql_dir()}")
    return path.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Macro:
    """A DuckDB macro the library's queries use: ``CREATE MACRO name(parameters) AS body``."""

    name: str
    parameters: str
    #: An expression, or for a table macro a query.
    body: str
    #: What it means, as the data dictionary and the database's ``COMMENT ON MACRO`` say it.
    doc: str
    #: A table macro (``FROM name(...)``) rather than a scalar one.
    table: bool = False


#: The events naming two countries or more in the date window, once per pair of their
#: countries (the smaller code first), with the story and the article's own date: the chain
#: that engagement_network.sql and engagement_pairs.sql share.
_ENGAGEMENT_PAIR_EVENTS = """WITH in_range AS (
    SELECT
        e.event_type,
        e.countries,
        e.topics,
        story_key(a.story_id, a.article_id) AS story_id,
        article_day(a.published_date, a.ingest_date) AS day
    FROM events AS e
    JOIN articles AS a USING (article_id, ingest_date)
    WHERE
        in_window(e.ingest_date, since, until)
        AND len(e.countries) > 1
),

singles AS (
    SELECT *, unnest(countries) AS country_a
    FROM in_range
)

SELECT *, unnest(list_filter(countries, lambda c: c > country_a)) AS country_b
FROM singles"""

#: The macros of the SQL library, in the order they are created (a macro may use the ones
#: before it). Every connection khabar opens has them (:func:`connect`: the report, ``khabar
#: sql``, the web pages) and ``LAKE/khabar.duckdb`` keeps them, so its ``q_`` views work in
#: any DuckDB client. A connection of your own gets them from :func:`define_macros`.
MACROS = (
    Macro(
        "in_window",
        "d, since, until",
        "d BETWEEN coalesce(since, DATE '0001-01-01') AND coalesce(until, DATE '9999-12-31')",
        "whether the date d is in the range since..until, both inclusive; a NULL bound is open "
        "(the library's WHERE in_window(ingest_date, $since, $until)); NULL when d is NULL",
    ),
    Macro(
        "story_key",
        "story_id, article_id",
        "coalesce(story_id, article_id)",
        "the story an article belongs to: its story_id, or its own article_id where the story is "
        "unknown (partitions written before story_id); count DISTINCT story_key(story_id, article_id) to count stories",
    ),
    Macro(
        "article_day",
        "published_date, ingest_date",
        "coalesce(published_date, ingest_date)",
        "the day an article is dated by in the reports: its own publication date, else the day it was "
        "ingested (an article whose date could not be read); article_day(published_date, ingest_date)",
    ),
    Macro(
        "engagement_pair_events",
        "since, until",
        _ENGAGEMENT_PAIR_EVENTS,
        "the events naming two countries or more with ingest_date in since..until (NULL: open), one row "
        "per event and pair of its countries (country_a < country_b): event_type, countries, topics, "
        "story_id (story_key), day (the article's own date, else its ingest date), country_a, country_b",
        table=True,
    ),
)


def define_macros(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Create (or replace) the :data:`MACROS` in ``con``'s database, each with its meaning as a
    comment. In a database file they persist: ``LAKE/khabar.duckdb`` carries them. DuckDB binds a
    table macro when it is created, so ``con`` must already have the tables it reads (``events``
    and ``articles``: :func:`connect` creates the views first)."""
    for macro in MACROS:
        table = "TABLE " if macro.table else ""
        con.execute(f"CREATE OR REPLACE MACRO {macro.name}({macro.parameters}) AS {table}{macro.body}")
        con.execute(f"COMMENT ON MACRO {table}{macro.name} IS {_sql_text(macro.doc)}")
    return con


def connect(lake: str, database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with a view per lake table (``articles``, ``events`` ...) and the
    library's :data:`MACROS`."""
    con = duckdb.connect(database)
    if "://" in lake:
        con.register_filesystem(filesystem(lake)[0])
    for table in TABLES:
        con.execute(f'CREATE OR REPLACE VIEW "{table}" AS {_view_sql(con, lake, table)}')
    return define_macros(con)


def _view_sql(con: duckdb.DuckDBPyConnection, lake: str, table: str) -> str:
    """The definition of one table's view: its hive-partitioned Parquet files (absolute
    locations, so the view works from any directory), with every column of the schema;
    columns that older partitions lack (``story_id`` ...) read as NULL. A table with no file
    yet is an empty, typed relation."""
    schema = TABLES[table].append(pa.field(PARTITION_COLUMN, pa.date32()))
    expected = con.from_arrow(schema.empty_table())
    typed = dict(zip(expected.columns, expected.types, strict=True))
    files = _partition_source(lake, table)
    if files:
        source = f"read_parquet({files}, hive_partitioning = true, union_by_name = true)"
        present = set(con.sql(f"SELECT * FROM {source} LIMIT 0").columns)
        extra = "".join(f', CAST(NULL AS {t}) AS "{c}"' for c, t in typed.items() if c not in present)
        return f"SELECT *{extra} FROM {source}"
    columns = ", ".join(f'CAST(NULL AS {t}) AS "{c}"' for c, t in typed.items())
    return f"SELECT {columns} WHERE false"


def glob_literal(path: str) -> str:
    """``path`` as a DuckDB (and fsspec) glob that matches only itself: each of ``[ * ?`` in a
    folder name (``/data/lake[2025]``) becomes a one-character class (``[[]``), so that the
    lake's own folder is read and never another one the characters would match as a glob.

    >>> glob_literal("/data/lake[1]*?/articles")
    '/data/lake[[]1][*][?]/articles'
    """
    return re.sub(r"([\[*?])", r"[\1]", path)


#: A data file of a partition (what the views read), with its day for the error's advice.
_PARTITION_FILE = re.compile(r"/ingest_date=(\d{4}-\d{2}-\d{2})/[^/._][^/]*\.parquet$")


def _unreadable_file(lake: str) -> tuple[str, str] | None:
    """The first Parquet file of the lake whose footer cannot be read, with the reason.

    Called only after DuckDB failed, to name the file: reading every footer costs one small
    read per file, nothing when the lake is sound."""
    for table in TABLES:
        for uri in list_files(join(lake, table)):
            if not _PARTITION_FILE.search(uri):
                continue  # a backup copy or a hidden file: not what the views read
            fs, path = filesystem(uri)
            try:
                with fs.open(path, "rb") as handle:
                    pq.ParquetFile(handle).schema_arrow  # noqa: B018 - reads and checks the footer
            except (pa.ArrowException, OSError, ValueError) as exc:
                return uri, str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return None


def lake_error(lake: str, exc: duckdb.Error) -> LakeError:
    """A DuckDB failure over the lake as one line a person can act on: the unreadable file and
    what to do about it (re-run its day, which rewrites the partition, or move the file away),
    else DuckDB's own first line."""
    found = _unreadable_file(lake)
    if found is None:
        return LakeError(
            f"cannot read the lake {printable(lake)}: {printable(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)}"
        )
    uri, reason = found
    day = _PARTITION_FILE.search(uri)
    advice = (
        f"re-run its day (khabar run --date {day.group(1)}) or move the file out of the lake"
        if day
        else "move the file out of the lake"
    )
    return LakeError(f"unreadable Parquet file {printable(uri)} ({printable(reason)}): {advice}")


#: A partition folder's name as a DuckDB glob: ``ingest_date=`` and eight digits.
_PARTITION_GLOB = f"{PARTITION_COLUMN}=[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"


def _partition_source(lake: str, table: str) -> str | None:
    """The files of ``table``'s published partitions as a SQL literal for ``read_parquet``, or
    None if there are none. Only ``ingest_date=<valid date>`` folders are read (a backup copy
    ``ingest_date=D.bak`` or a stray file is ignored, see :func:`khabar.lake.store.published_dates`).
    On a local lake a glob over partition folders, so that a database file's views see days
    published later; on object storage the files the day manifests name (readers never see a
    day half published), or where a folder matches the glob but is no date, the list of files."""
    files = published_files(lake, table)
    if not files:
        return None
    fs, root = filesystem(join(lake, table))
    shaped = [
        n
        for n in (posixpath.basename(p.rstrip("/")) for p in fs.ls(root, detail=False))
        if fnmatch.fnmatchcase(n, _PARTITION_GLOB)
    ]
    if is_local(fs) and all(partition_date(n) for n in shaped):
        return _sql_text(
            f"{glob_literal(to_uri(fs, root))}/{_PARTITION_GLOB}/*.parquet"
        )  # the lake's own name read literally
    return "[" + ", ".join(_sql_text(to_uri(*filesystem(f))) for f in files) + "]"


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


#: The report queries that become views (``q_<name>``) in the analysts' database file.
LIBRARY = (
    "engagement_network", "engagement_pairs", "topics_by_month", "agency_coverage", "people_directory", "agreements_timeline",
    "story_clusters", "quality_panel", "topics", "events", "articles_by_day_agency",
    "quarantine_reasons", "runs", "organization_directory",
)  # fmt: skip


def analysts_views(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Add to a :func:`connect` connection a ``q_<name>`` view per library query (the whole
    date range) and the data dictionary as comments on every view and column."""
    for name in LIBRARY:
        query = load_sql(name).replace("$since", "CAST(NULL AS DATE)").replace("$until", "CAST(NULL AS DATE)")
        con.execute(f'CREATE OR REPLACE VIEW "q_{name}" AS {query}')
    for view, doc in dictionary().items():
        _comment(con, view, doc)
    return con


def write_database(lake: str, target: str | None = None) -> str:
    """Write ``LAKE/khabar.duckdb`` (or ``target``): a DuckDB database of views, one per lake
    table and one per report query (``q_engagement_network`` ...), for any DuckDB client.

    The views read the Parquet files where they are, so the file stays small and current as
    days are published. A lake on ``s3://`` needs S3 access in the client (``httpfs``, or an
    fsspec filesystem registered with the connection).
    """
    import tempfile

    target = target or join(lake, "khabar.duckdb")
    fs, path = filesystem(target)
    with tempfile.TemporaryDirectory() as tmp:
        local = os.path.join(tmp, "khabar.duckdb")
        try:
            analysts_views(connect(lake, local)).close()
        except duckdb.Error as exc:
            raise lake_error(lake, exc) from exc
        fs.makedirs(os.path.dirname(path), exist_ok=True)
        fs.put_file(local, path + ".tmp")
        fs.mv(path + ".tmp", path)  # a rename on a local disk: a client never sees half a file
    return target


_GRAIN = re.compile(r"^-- Grain: (.+)$", re.M)
_COLUMN_DOC = re.compile(r"^--   (\w+): (.+)$", re.M)


def query_doc(name: str) -> TableDoc:
    """The grain and column meanings a library query states in its header (``-- Grain:`` and
    the ``-- Columns:`` block), before its first statement."""
    text = load_sql(name)
    header = text[: re.search(r"^(WITH|SELECT)\b", text, re.M).start()]  # type: ignore[union-attr]
    grain = _GRAIN.search(header)
    if not grain:
        raise ValueError(f"{name}.sql states no grain (a '-- Grain:' line)")
    return TableDoc(grain.group(1).rstrip("."), dict(_COLUMN_DOC.findall(header)))


def dictionary() -> dict[str, TableDoc]:
    """What every view of the analysts' database holds: the lake's tables (from
    :data:`khabar.lake.schema.DOCS`) and the library's ``q_`` views (from their SQL headers)."""
    return {**DOCS, **{f"q_{name}": query_doc(name) for name in LIBRARY}}


def _comment(con: duckdb.DuckDBPyConnection, view: str, doc: TableDoc) -> None:
    con.execute(f'COMMENT ON VIEW "{view}" IS {_sql_text(doc.grain)}')
    for column in con.sql(f'SELECT * FROM "{view}" LIMIT 0').columns:
        if column not in doc.columns:
            raise ValueError(f"column {view}.{column} has no meaning in the data dictionary")
        con.execute(f'COMMENT ON COLUMN "{view}"."{column}" IS {_sql_text(doc.columns[column])}')


def render_dictionary() -> str:
    """``docs/data-dictionary.md``: every view of ``khabar.duckdb``, its grain and columns with
    their DuckDB types, from the same sources as the database's comments."""
    import tempfile

    with tempfile.TemporaryDirectory() as empty:
        con = connect(empty)  # an empty lake: typed, empty views
        try:
            return _dictionary_markdown(con)
        finally:
            con.close()


def _dictionary_markdown(con: duckdb.DuckDBPyConnection) -> str:
    out = io.StringIO()
    out.write(
        "# Data dictionary\n\n"
        "Generated by `khabar dictionary` from `include/khabar/lake/schema.py` (the tables) and the headers of\n"
        "`include/khabar/analytics/sql/*.sql` (the `q_` views); the same text is on every table, view and column of\n"
        "`LAKE/khabar.duckdb` as a DuckDB comment (`SELECT table_name, column_name, comment FROM\n"
        "duckdb_columns()`). Do not edit by hand: `make dictionary` writes it again.\n\n"
        "Lists stay lists (`VARCHAR[]`): `unnest()` them, or `array_to_string(x, ', ')` to print.\n"
        "To count stories, count `DISTINCT story_key(story_id, article_id)` (that is,\n"
        "`coalesce(story_id, article_id)`): copies of one report by several agencies are one story.\n"
        "The macros the queries share are listed at the end.\n"
    )
    for view, doc in dictionary().items():
        if view in TABLES:
            query = f'SELECT * FROM "{view}"'
        else:
            query = (
                load_sql(view[2:])
                .replace("$since", "CAST(NULL AS DATE)")
                .replace("$until", "CAST(NULL AS DATE)")
            )
        relation = con.sql(query)
        out.write(
            f"\n## `{view}`\n\n{_md_cell(doc.grain[0].upper() + doc.grain[1:])}.\n\n| column | type | meaning |\n|---|---|---|\n"
        )
        for column, kind in zip(relation.columns, relation.types, strict=True):
            out.write(f"| `{column}` | {kind} | {_md_cell(doc.columns.get(column, ''))} |\n")
    out.write(
        "\n## Macros\n\nDefined by `khabar.analytics.report.MACROS` in every connection khabar opens and stored in\n"
        "`LAKE/khabar.duckdb` (`COMMENT ON MACRO` holds the same text).\n\n| macro | kind | meaning |\n|---|---|---|\n"
    )
    for macro in MACROS:
        kind = "table" if macro.table else "scalar"
        out.write(f"| `{macro.name}({macro.parameters})` | {kind} | {_md_cell(macro.doc)} |\n")
    return out.getvalue()


@dataclass(frozen=True)
class Section:
    title: str
    query: str
    columns: list[str]
    rows: list[tuple[Any, ...]]


def run_sections(
    lake: str, since: dt.date | None = None, until: dt.date | None = None
) -> tuple[dict[str, Any], list[Section]]:
    """The report's headline figures and its sections."""
    con = connect(lake)
    params = {"since": since, "until": until}
    sections = []
    for title, name in SECTIONS:
        cursor = con.execute(load_sql(name), params)
        sections.append(Section(title, name, [d[0] for d in cursor.description], cursor.fetchall()))
    totals = con.execute(
        """
        SELECT
            (SELECT count(*) FROM articles WHERE in_window(ingest_date, $since, $until)),
            (SELECT count(*) FROM sources WHERE in_window(ingest_date, $since, $until)),
            (SELECT count(*) FROM sources WHERE outcome = 'duplicate' AND in_window(ingest_date, $since, $until)),
            (SELECT count(*) FROM sources WHERE outcome = 'quarantined' AND in_window(ingest_date, $since, $until)),
            (SELECT count(DISTINCT ingest_date) FROM sources WHERE in_window(ingest_date, $since, $until)),
            (SELECT count(DISTINCT story_key(story_id, article_id)) FROM articles WHERE in_window(ingest_date, $since, $until))
        """,
        params,
    ).fetchone()
    con.close()
    docs_fs, docs_path = filesystem(join(quality_uri(lake), "index.html"))
    summary = {
        "lake": lake,
        "articles": totals[0],
        "inputs": totals[1],
        "duplicates": totals[2],
        "quarantined": totals[3],
        "days": totals[4],
        "stories": totals[5],
        "data_docs": join(quality_uri(lake), "index.html") if docs_fs.exists(docs_path) else None,
    }
    return summary, sections


#: C0 controls but tab, newline and carriage return (ESC, BEL, NUL ...), DEL and the C1
#: controls (U+0080-U+009F, CSI U+009B among them): they drive a terminal (clear the screen,
#: set its title, colour what follows) and are never text.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: The bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): they
#: reorder the characters after them on screen (``evil\u202etxt.pdf`` shows as ``evilfdp.txt``).
#: The marks LRM, RLM and ALM and the joiners (ZWNJ is part of Persian spelling) are kept.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: What breaks a row of the text and Markdown tables.
_LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029]")


def printable(text: str) -> str:
    """``text`` safe to print: each control character becomes U+FFFD (seen, never obeyed) and
    bidi embeddings, overrides and isolates are dropped. Used for every value of every report
    format; the text and Markdown tables also turn line breaks into spaces (:func:`_one_line`)."""
    return _BIDI_CONTROLS.sub("", _CONTROLS.sub("\ufffd", text))


def _one_line(text: str) -> str:
    return _LINE_BREAKS.sub(" ", text)


def _cell(value: Any) -> str:
    """A value as report text: empty for NULL, floats short, made :func:`printable`."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):  # the library keeps lists as lists (parties, topics, roles)
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return printable(str(value))


def _md_cell(text: str) -> str:
    """A Markdown table cell: ``|`` escaped, and ``< > &`` as entities, so a value is never
    markup (an ``<img onerror=...>`` title stays text in any Markdown viewer)."""
    return html.escape(text, quote=False).replace("|", "\\|")


#: Longest cell of the text and Markdown reports (an evidence sentence can fill a screen).
MAX_CELL = 120


def _short(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _render_text(summary: dict[str, Any], sections: list[Section], markdown: bool) -> str:
    out = io.StringIO()
    head = "# khabar report" if markdown else "khabar report"
    out.write(f"{head}\n\n")
    out.write(
        f"lake: {_one_line(printable(summary['lake']))}\n"
        f"{summary['articles']} articles ({summary['stories']} stories) from {summary['inputs']} inputs over {summary['days']} day(s): "
        f"{summary['duplicates']} duplicates, {summary['quarantined']} quarantined\n"
    )
    if summary["data_docs"]:
        out.write(
            f"data quality (Great Expectations Data Docs): {_one_line(printable(summary['data_docs']))}\n"
        )
    for section in sections:
        out.write(f"\n{'## ' if markdown else ''}{section.title}\n")
        if not markdown:
            out.write("-" * len(section.title) + "\n")
        if not section.rows:
            out.write("(none)\n")
            continue
        cells = [[_short(_one_line(_cell(v))) for v in row] for row in section.rows[:MAX_ROWS]]
        if markdown:
            out.write("| " + " | ".join(section.columns) + " |\n")
            out.write("|" + "|".join("---" for _ in section.columns) + "|\n")
            for row in cells:
                out.write("| " + " | ".join(_md_cell(c) for c in row) + " |\n")
        else:
            widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(section.columns)]
            out.write(
                "  ".join(c.ljust(w) for c, w in zip(section.columns, widths, strict=True)).rstrip() + "\n"
            )
            for row in cells:
                out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
        if len(section.rows) > MAX_ROWS:
            out.write(
                f"({len(section.rows) - MAX_ROWS} more rows: khabar report --format csv, or include/khabar/analytics/sql/{section.query}.sql)\n"
            )
    return out.getvalue()


def _render_csv(sections: list[Section]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "row", "column", "value"])
    for section in sections:
        for n, row in enumerate(section.rows):
            for column, value in zip(section.columns, row, strict=True):
                writer.writerow([section.query, n, column, _cell(value)])
    return out.getvalue()


#: Chart ids (:data:`khabar.analytics.charts.CHARTS`) as the table of contents names them.
_CHART_TITLES = {
    "engagement": "Country engagement network", "topics": "Topics over time", "agencies": "Agency coverage",
    "people": "Officials in the news", "quality": "Data quality per day",
}  # fmt: skip
#: Column names as a reader says them, where the words differ from the SQL name's.
_HEADERS = {
    "country_a": "country",
    "country_b": "country",
    "ingest_date": "ingest date",
    "with_date": "with a date",
    "fa": "Persian",
    "prs": "Dari",
    "ar": "Arabic",
}
#: What a section's reader needs to know about its values.
_NOTES = {
    "articles_by_day_agency": "Agency <code>(unknown)</code>: the article names no outlet; <code>other</code>: it names one that is not "
    "in khabar's gazetteer (its name as written is in <code>articles.agency_name</code>). <em>with a date</em>: articles whose publication date was found.",
    "engagement_pairs": "Stories count copies of one report by several agencies once.",
}
#: Letters that Persian and Dari write and Arabic does not (پ چ ژ گ, Persian ک and ی).
_PERSIAN_LETTERS = frozenset("پچژگکی")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")


def _header(column: str) -> str:
    return _HEADERS.get(column, column.replace("_", " "))


def html_cell(value: Any) -> str:
    """A table cell: a date kept on one line, a number aligned, a text in Persian or Arabic
    marked with its language (so that the browser shapes and orders it right) and direction."""
    if isinstance(value, dt.date):
        return f"<td class='date'>{html.escape(value.isoformat())}</td>"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"<td class='num'>{html.escape(_cell(value))}</td>"
    text = _cell(value)
    if _ARABIC_SCRIPT.search(text):
        lang = "fa" if _PERSIAN_LETTERS & set(text) else "ar"
        return f"<td lang='{lang}' dir='auto'>{html.escape(text)}</td>"
    return f"<td dir='auto'>{html.escape(text)}</td>"


def _render_html(
    summary: dict[str, Any], sections: list[Section], charts: list[tuple[str, dict[str, Any]]] | None = None
) -> str:
    """A self-contained page: the headline figures, a table of contents, the charts
    (Vega-Lite, drawn as SVG by the inlined Vega bundle, so no network is needed) and every
    section as a table. The page is in English (``lang='en'``, left to right); each value in
    Persian or Arabic carries its own ``lang`` and direction."""
    from khabar.analytics.charts import vega_bundle

    parts = [
        "<!doctype html><html lang='en' dir='ltr'><head><meta charset='utf-8'><meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>khabar report</title>",
        "<style>body{font-family:Vazirmatn,'Noto Sans Arabic','Noto Naskh Arabic','DejaVu Sans',Tahoma,sans-serif;margin:2em;color:#222;max-width:1400px}"
        "table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:start;vertical-align:top}"
        "th{background:#f3f3f3;white-space:nowrap}td[dir=auto]{unicode-bidi:plaintext}td.date{white-space:nowrap}"
        "td.num{text-align:end;font-variant-numeric:tabular-nums}.chart{margin:1em 0 2em}nav.toc{columns:2;max-width:60em}"
        "nav.toc a{display:block;padding:.1em 0}.note{color:#555;max-width:60em}</style></head><body>",
        "<h1>khabar report</h1>",
        f"<p>{summary['articles']} articles ({summary['stories']} stories) from {summary['inputs']} inputs over {summary['days']} day(s): "
        f"{summary['duplicates']} duplicates, {summary['quarantined']} quarantined. Lake: <code>{html.escape(printable(summary['lake']))}</code></p>",
    ]
    if summary["data_docs"]:
        parts.append(
            f"<p><a href='{html.escape(printable(summary['data_docs']))}'>Data quality: Great Expectations Data Docs</a></p>"
        )
    toc = [(f"chart-{chart_id}", _CHART_TITLES.get(chart_id, chart_id)) for chart_id, _ in charts or []]
    toc += [(f"section-{section.query}", section.title) for section in sections]
    parts.append(
        "<h2>Contents</h2><nav class='toc'>"
        + "".join(f"<a href='#{anchor}'>{html.escape(title)}</a>" for anchor, title in toc)
        + "</nav>"
    )
    if charts:
        parts.append("<script>" + vega_bundle().replace("</script", "<\\/script") + "</script>")
        for chart_id, _ in charts:
            parts.append(f"<div class='chart' id='chart-{chart_id}'></div>")
        # every "<" as \u003c: no value (an official's name from the text) can close the script
        # or open a comment inside it ("</script>", "<!--<script>"); the JSON means the same
        payload = json.dumps(
            {f"chart-{chart_id}": spec for chart_id, spec in charts}, ensure_ascii=False, default=str
        ).replace("<", "\\u003c")
        parts.append(
            "<script>const specs = " + payload + ";\n"
            "for (const [id, spec] of Object.entries(specs)) {"
            " vegaEmbed('#' + id, spec, {renderer: 'svg', actions: false})"
            ".then(() => document.getElementById(id).setAttribute('data-drawn', 'true'))"
            ".catch(err => { document.getElementById(id).textContent = 'chart failed: ' + err; }); }</script>"
        )
    for section in sections:
        parts.append(f"<h2 id='section-{section.query}'>{html.escape(section.title)}</h2>")
        if section.query in _NOTES:
            parts.append(f"<p class='note'>{_NOTES[section.query]}</p>")
        if not section.rows:
            parts.append("<p>(none)</p>")
            continue
        parts.append(
            "<table><tr>" + "".join(f"<th>{html.escape(_header(c))}</th>" for c in section.columns) + "</tr>"
        )
        for row in section.rows[:MAX_ROWS]:
            parts.append("<tr>" + "".join(html_cell(v) for v in row) + "</tr>")
        parts.append("</table>")
        if len(section.rows) > MAX_ROWS:
            parts.append(
                f"<p>({len(section.rows) - MAX_ROWS} more rows: <code>include/khabar/analytics/sql/{section.query}.sql</code>, or <code>khabar sql</code>: <code>SELECT * FROM q_{section.query}</code>)</p>"
            )
    parts.append("</body></html>")
    return "\n".join(parts)


def render(
    lake: str,
    fmt: str = "text",
    since: dt.date | None = None,
    until: dt.date | None = None,
    docs_link: str | None = None,
) -> str:
    """The report over ``lake`` as text, Markdown, CSV or a self-contained HTML page.

    ``docs_link`` replaces the location of the Data Docs in the page: a page kept in the lake
    links them relatively (``../_quality/index.html``), so the link works from the file and
    from the Airflow UI, which serves both folders side by side."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; choose from {', '.join(FORMATS)}")
    try:
        return _render(lake, fmt, since, until, docs_link)
    except duckdb.Error as exc:  # a damaged file in the lake: one line naming it, not a traceback
        raise lake_error(lake, exc) from exc


def _render(
    lake: str, fmt: str, since: dt.date | None, until: dt.date | None, docs_link: str | None = None
) -> str:
    summary, sections = run_sections(lake, since, until)
    if docs_link and summary["data_docs"]:
        summary = {**summary, "data_docs": docs_link}
    if fmt == "csv":
        return _render_csv(sections)
    if fmt == "html":
        from khabar.analytics import charts  # Altair: only for the HTML page

        con = connect(lake)
        try:
            drawn = charts.charts(con, load_sql, since, until)
        finally:
            con.close()
        return _render_html(summary, sections, drawn)
    return _render_text(summary, sections, markdown=fmt == "md")


#: The Data Docs as a page in ``LAKE/_reports/`` reaches them.
REPORT_DOCS_LINK = "../_quality/index.html"


def _log_and_write(lake: str, name: str, since: dt.date | None, until: dt.date | None) -> str:
    """Log the text report and write its HTML page to ``LAKE/_reports/<name>.html``."""
    for line in render(lake, "text", since, until).splitlines():
        log.info("%s", line)
    target = join(lake, "_reports", f"{name}.html")
    fs, path = filesystem(target)
    fs.makedirs(os.path.dirname(path), exist_ok=True)
    with fs.open(path, "w", encoding="utf-8") as sink:
        sink.write(render(lake, "html", since, until, docs_link=REPORT_DOCS_LINK))
    return target


def write_daily_report(lake: str, ingest_date: str) -> str:
    """Log the day's text report and write its HTML page to ``LAKE/_reports/<date>.html``."""
    day = dt.date.fromisoformat(ingest_date)
    return _log_and_write(lake, ingest_date, day, day)


def write_lake_report(lake: str) -> str:
    """Log the text report over the whole lake and write its HTML page to ``LAKE/_reports/latest.html``."""
    return _log_and_write(lake, "latest", None, None)
