"""The analysts' web pages over the lake: a FastAPI app the Airflow plugin mounts at ``/khabar``.

Pages: an overview (tables with their partitions and rows, the last runs and their validation,
the reports), the reports themselves (``_reports/latest.html`` and one per day, as the lake keeps
them), the quarantine browser (reason, source, the original bytes to download), the people and
organisation directories, and the Great Expectations Data Docs (``_quality/``). Reports and
Data Docs are served under the same names as in the lake, so the report's relative link to the
Data Docs works here as in the file.

The module knows nothing of Airflow (it imports FastAPI, which the Airflow API server runs on): the plugin passes Airflow's authentication as a FastAPI
dependency of every route (:func:`create_app`), and the lake is ``KHABAR_LAKE``.
"""

from __future__ import annotations

import datetime as dt
import html
import mimetypes
import posixpath
import re
import urllib.parse
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from khabar.analytics.report import html_cell
from khabar.core import settings
from khabar.core.storage import filesystem, join

#: A report's name in ``LAKE/_reports``: the whole lake's, or one ingest day's.
_REPORT_NAME = re.compile(r"^(latest|\d{4}-\d{2}-\d{2})$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
#: Rows a directory or the quarantine page shows (a search narrows them).
MAX_ROWS = 500

_STYLE = (
    "body{font-family:Vazirmatn,'Noto Sans Arabic','Noto Naskh Arabic','DejaVu Sans',Tahoma,sans-serif;margin:1.5em;color:#222}"
    "nav a{margin-inline-end:1.2em}table{border-collapse:collapse;margin:.5em 0 1.5em}"
    "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:start;vertical-align:top}th{background:#f3f3f3}"
    "td[dir=auto]{unicode-bidi:plaintext}.num{text-align:end;font-variant-numeric:tabular-nums}.bad{color:#b00020;font-weight:bold}"
    "form{margin:.5em 0 1em}.note{color:#555}"
)


def _table(columns: Sequence[str], rows: Sequence[Sequence[Any]], links: dict[int, Any] | None = None) -> str:
    """An HTML table, every value escaped (:func:`khabar.analytics.report.html_cell`); ``links`` maps a
    column to a function of the row that returns (href, text) for that cell."""
    if not rows:
        return "<p class='note'>(none)</p>"
    head = "".join(f"<th>{html.escape(c.replace('_', ' '))}</th>" for c in columns)
    body = []
    for row in rows:
        cells = []
        for n, value in enumerate(row):
            if links and n in links:
                href, text = links[n](row)
                cells.append(f"<td dir='auto'><a href='{html.escape(href)}'>{html.escape(text)}</a></td>")
            else:
                cells.append(html_cell(value))  # as the report shows it: dates, numbers, Persian and Arabic
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>" + "".join(body) + "</table>"


def _page(root: str, title: str, body: str) -> str:
    nav = " ".join(
        f"<a href='{html.escape(root + href)}'>{html.escape(text)}</a>"
        for href, text in (
            ("/", "Overview"), ("/_reports/latest.html", "Report"), ("/quarantine", "Quarantine"),
            ("/people", "People"), ("/organizations", "Organisations"), ("/_quality/index.html", "Data quality"),
        )
    )  # fmt: skip
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)} · khabar</title>"
        f"<style>{_STYLE}</style></head><body><nav>{nav}</nav><h1>{html.escape(title)}</h1>{body}</body></html>"
    )


def _rows(
    con: Any, query: str, params: Sequence[Any] | dict[str, Any] = ()
) -> tuple[list[str], list[tuple[Any, ...]]]:
    cursor = con.execute(query, params)
    return [d[0] for d in cursor.description], cursor.fetchall()


def _reports(lake: str) -> list[str]:
    """The report names the lake keeps, the whole lake's first, then the days, newest first."""
    fs, path = filesystem(join(lake, "_reports"))
    if not fs.isdir(path):
        return []
    names = [posixpath.basename(p)[: -len(".html")] for p in fs.ls(path, detail=False) if p.endswith(".html")]
    days = sorted((n for n in names if n != "latest" and _REPORT_NAME.match(n)), reverse=True)
    return (["latest"] if "latest" in names else []) + days


def overview(lake: str, root: str) -> str:
    from khabar.analytics.report import connect, load_sql
    from khabar.lake.schema import DOCS, TABLES

    con = connect(lake)
    try:
        tables = []
        for table in TABLES:
            rows, partitions, latest = con.execute(
                f'SELECT count(*), count(DISTINCT ingest_date), max(ingest_date) FROM "{table}"'
            ).fetchone()
            tables.append((table, DOCS[table].grain, partitions, rows, latest))
        run_columns, runs = _rows(con, load_sql("runs"), {"since": None, "until": None})
    finally:
        con.close()
    reports = _reports(lake)
    validation = run_columns.index("validation_success")
    body = [
        f"<p class='note'>Lake: <code>{html.escape(lake)}</code>. Each table is Parquet partitioned by ingest date; "
        f"<code>khabar sql</code> queries it (docs/data-dictionary.md).</p>",
        "<h2>Tables</h2>",
        _table(["table", "one row is", "partitions", "rows", "latest_partition"], tables),
        "<h2>Last runs</h2>",
        _table(
            run_columns,
            runs[:20],
            {validation: lambda r: (f"{root}/_quality/index.html", "passed" if r[validation] else "FAILED")},
        ),
        "<h2>Reports</h2>",
    ]
    if reports:
        body.append(
            "<ul>"
            + "".join(
                f"<li><a href='{html.escape(root)}/_reports/{n}.html'>{'whole lake' if n == 'latest' else n}</a></li>"
                for n in reports
            )
            + "</ul>"
        )
    else:
        body.append(
            "<p class='note'>No report yet: the khabar_report DAG writes one after every publish.</p>"
        )
    return _page(root, "khabar lake", "".join(body))


def quarantine(lake: str, root: str, day: dt.date | None, search: str | None) -> str:
    from khabar.analytics.report import connect

    con = connect(lake)
    try:
        reasons = con.execute(
            "SELECT reason, count(*) AS inputs, sum(size_bytes) AS bytes FROM quarantine WHERE $day IS NULL OR ingest_date = $day GROUP BY ALL ORDER BY inputs DESC, reason",
            {"day": day},
        ).fetchall()
        columns, rows = _rows(
            con,
            "SELECT ingest_date, reason, detail, source_uri, record_index, size_bytes, source_sha256 FROM quarantine "
            "WHERE ($day IS NULL OR ingest_date = $day) AND ($q IS NULL OR contains(lower(source_uri || ' ' || reason || ' ' || detail), lower($q))) "
            f"ORDER BY ingest_date DESC, source_uri, record_index LIMIT {MAX_ROWS + 1}",
            {"day": day, "q": search or None},
        )
    finally:
        con.close()
    more = len(rows) > MAX_ROWS
    download = columns.index("source_sha256")
    body = [
        _search_form(search, day, with_day=True),
        "<h2>Reasons</h2>",
        _table(["reason", "inputs", "bytes"], reasons),
        "<h2>Inputs set aside</h2>",
        "<p class='note'>Each was kept as it arrived; <em>original</em> downloads its bytes. Reason codes: docs/reliability.md.</p>",
        _table(
            [*columns[:-1], "original"],
            rows[:MAX_ROWS],
            {download: lambda r: (f"{root}/quarantine/{r[0]}/{r[download]}", "download")},
        ),
    ]
    if more:
        body.append(f"<p class='note'>Only the first {MAX_ROWS} are shown: choose a day or search.</p>")
    return _page(root, "Quarantine", "".join(body))


def quarantined_bytes(lake: str, day: dt.date, sha256: str) -> tuple[str, bytes] | None:
    """The original bytes of a quarantined input, with its file name; None when there is none."""
    from khabar.analytics.report import connect

    if not _SHA256.match(sha256):
        return None
    con = connect(lake)
    try:
        found = con.execute(
            "SELECT source_uri, stored_copy FROM quarantine WHERE ingest_date = ? AND source_sha256 = ? AND stored_copy IS NOT NULL LIMIT 1",
            [day, sha256],
        ).fetchone()
    finally:
        con.close()
    if not found:
        return None
    source, stored = found
    fs, path = filesystem(stored)
    with fs.open(path, "rb") as stream:
        data = stream.read()
    name = posixpath.basename(source.split("!/")[-1].rstrip("/")) or "input"
    return name, data


def directory(lake: str, root: str, kind: str, search: str | None) -> str:
    """The people (``kind`` = people) or organisation directory, one row per person or organisation."""
    from khabar.analytics.report import connect, load_sql

    query, title, columns_searched = {
        "people": (
            "people_directory",
            "People",
            "person || ' ' || key || ' ' || coalesce(array_to_string(roles, ' '), '')",
        ),
        "organizations": (
            "organization_directory",
            "Organisations",
            "organization || ' ' || key || ' ' || array_to_string(spellings, ' ')",
        ),
    }[kind]
    con = connect(lake)
    try:
        columns, rows = _rows(
            con,
            f"SELECT * FROM ({load_sql(query)}) WHERE $q IS NULL OR contains(lower({columns_searched}), lower($q)) LIMIT {MAX_ROWS + 1}",
            {"since": None, "until": None, "q": search or None},
        )
    finally:
        con.close()
    body = [_search_form(search), _table(columns, rows[:MAX_ROWS])]
    if len(rows) > MAX_ROWS:
        body.append(f"<p class='note'>The {MAX_ROWS} most reported are shown: search for others.</p>")
    return _page(root, title, "".join(body))


def _search_form(search: str | None, day: dt.date | None = None, with_day: bool = False) -> str:
    day_field = (
        f" <label>day <input type='date' name='day' value='{day.isoformat() if day else ''}'></label>"
        if with_day
        else ""
    )
    return (
        "<form method='get'><label>search <input type='search' name='q' dir='auto' "
        f"value='{html.escape(search or '')}'></label>{day_field} <button>show</button></form>"
    )


def lake_file(lake: str, folder: str, path: str) -> tuple[bytes, str] | None:
    """A file of ``LAKE/_reports`` or ``LAKE/_quality`` (Data Docs) with its media type; None
    for a path outside the folder or a file that does not exist."""
    clean = posixpath.normpath("/" + path).lstrip("/")
    if not clean or clean.startswith("..") or "\x00" in clean:
        return None
    if folder == "_reports" and not _REPORT_NAME.match(clean.removesuffix(".html")):
        return None
    fs, full = filesystem(join(lake, folder, clean))
    if not fs.isfile(full):
        return None
    with fs.open(full, "rb") as stream:
        data = stream.read()
    media = mimetypes.guess_type(clean)[0] or "application/octet-stream"
    return data, media


def run_report(lake: str, dag_id: str, run_id: str) -> str | None:
    """The report of an Airflow DAG run: a ``khabar_daily`` run's day (the lake's runs table
    names its ingest date), the whole lake's for the other DAGs; None when there is none."""
    from khabar.analytics.report import connect
    from khabar.pipeline.daily import safe_run_id

    if dag_id != "khabar_daily":
        return "latest" if "latest" in _reports(lake) else None
    con = connect(lake)
    try:
        found = con.execute(
            "SELECT max(ingest_date) FROM runs WHERE run_id = ?", [safe_run_id(run_id)]
        ).fetchone()
    finally:
        con.close()
    day = found[0] if found else None
    return day.isoformat() if day and day.isoformat() in _reports(lake) else None


def create_app(dependencies: Sequence[Any] = (), lake: str | None = None) -> Any:
    """The FastAPI app; ``dependencies`` run before every route (the plugin passes Airflow's
    authentication), ``lake`` defaults to ``KHABAR_LAKE`` read at each request."""
    app = FastAPI(
        title="khabar", dependencies=list(dependencies), docs_url=None, redoc_url=None, openapi_url=None
    )

    def _lake() -> str:
        return lake or settings.lake_uri()

    def _root(request: Request) -> str:
        return request.scope.get("root_path", "").rstrip("/")

    def _day(value: str | None) -> dt.date | None:
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise HTTPException(status_code=400, detail=f"not a date (YYYY-MM-DD): {value!r}") from exc

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request) -> str:
        return overview(_lake(), _root(request))

    @app.get("/quarantine", response_class=HTMLResponse)
    def quarantine_page(
        request: Request, day: str | None = None, q: str | None = Query(None, max_length=200)
    ) -> str:
        return quarantine(_lake(), _root(request), _day(day), q)

    @app.get("/quarantine/{day}/{sha256}")
    def quarantine_download(day: str, sha256: str) -> Response:
        found = quarantined_bytes(_lake(), _day(day), sha256)  # type: ignore[arg-type]
        if found is None:
            raise HTTPException(status_code=404, detail="no quarantined input with that day and SHA-256")
        name, data = found
        disposition = f"attachment; filename*=UTF-8''{urllib.parse.quote(name)}"
        return Response(
            data, media_type="application/octet-stream", headers={"Content-Disposition": disposition}
        )

    @app.get("/people", response_class=HTMLResponse)
    def people(request: Request, q: str | None = Query(None, max_length=200)) -> str:
        return directory(_lake(), _root(request), "people", q)

    @app.get("/organizations", response_class=HTMLResponse)
    def organizations(request: Request, q: str | None = Query(None, max_length=200)) -> str:
        return directory(_lake(), _root(request), "organizations", q)

    @app.get("/run")
    def run(request: Request, dag_id: str, run_id: str) -> Response:
        name = run_report(_lake(), dag_id, run_id)
        if name is None:
            body = f"<p>No khabar report for the run <code>{html.escape(run_id)}</code> of <code>{html.escape(dag_id)}</code> yet: a day's report is written when its run publishes.</p>"
            return HTMLResponse(_page(_root(request), "No report", body), status_code=404)
        return RedirectResponse(f"{_root(request)}/_reports/{name}.html", status_code=307)

    for folder in ("_reports", "_quality"):

        def serve(path: str, folder: str = folder) -> Response:
            found = lake_file(_lake(), folder, path)
            if found is None:
                what = "report" if folder == "_reports" else "Data Docs page"
                raise HTTPException(status_code=404, detail=f"no such {what}: {path}")
            data, media = found
            return Response(data, media_type=media)

        app.add_api_route(f"/{folder}/{{path:path}}", serve, methods=["GET"])
    return app
