"""``khabar sql``: the analysts' SQL shell over the lake, with nothing to install.

The connection is the one the report uses (:func:`khabar.analytics.report.connect`: a view per table over
the Parquet files) with the report library's ``q_`` views and the data dictionary's comments
(:func:`khabar.analytics.report.analysts_views`), the same as ``LAKE/khabar.duckdb`` holds for any other
DuckDB client. Statements are split by DuckDB's own parser (a ``;`` inside a string stays), and
results print as a table, CSV or JSON Lines. Interactive, it reads statements that end with
``;`` and knows four dot commands: ``.tables``, ``.schema NAME``, ``.help``, ``.quit``.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import decimal
import json
import shutil
import sys
from dataclasses import dataclass, field
from typing import Any, TextIO

import duckdb

from khabar.analytics.report import analysts_views, connect, lake_error, printable

HELP = """\
Statements end with ; and may span lines. Every lake table (articles, events, mentions,
sources, comments, quarantine, runs) and every report query (q_engagement_pairs,
q_people_directory, ...) is a view. Lists (parties, topics, roles) are DuckDB lists:
unnest(x) to get rows, array_to_string(x, ', ') to print.
  .tables        the views and what one row of each is
  .schema NAME   the columns of a view, their types and meanings
  .help          this text
  .quit          leave (or Ctrl-D)
Examples:
  SELECT * FROM q_engagement_pairs LIMIT 10;
  SELECT agency, count(*) AS articles FROM articles GROUP BY ALL ORDER BY 2 DESC;
  COPY (SELECT * FROM q_agreements_timeline) TO 'timeline.csv' (HEADER);
"""


def _plain(value: Any) -> Any:
    """A DuckDB value as JSON: dates and decimals as text, lists and structs kept."""
    if isinstance(value, (dt.date, dt.datetime, dt.time, decimal.Decimal)):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass
class Shell:
    con: duckdb.DuckDBPyConnection
    format: str = "table"
    out: TextIO = field(default_factory=lambda: sys.stdout)  # the streams of the moment it opens
    err: TextIO = field(default_factory=lambda: sys.stderr)

    @classmethod
    def open(cls, lake: str, fmt: str = "table") -> Shell:
        try:
            return cls(analysts_views(connect(lake)), fmt)
        except duckdb.Error as exc:
            raise lake_error(lake, exc) from exc

    def run_script(self, text: str) -> int:
        """Run every statement and dot command of ``text`` (a dot command on a line of its
        own, between statements); stop at the first error (exit status 1)."""
        buffer: list[str] = []
        for line in text.splitlines():
            pending = "\n".join(buffer).strip()
            if line.strip().startswith(".") and (
                not pending or pending.endswith(";")
            ):  # not inside a statement
                if pending and self._statements(pending):
                    return 1
                buffer = []
                done = self._dot(line.strip())
                if done is None:
                    return 1
                if not done:
                    return 0
                continue
            buffer.append(line)
        return self._statements("\n".join(buffer))

    def _statements(self, text: str) -> int:
        try:
            statements = self.con.extract_statements(text)
        except duckdb.Error as exc:
            self._error(exc)
            return 1
        for statement in statements:
            if not self._execute(statement.query):
                return 1
        return 0

    def interactive(self, prompt: str = "khabar> ") -> int:
        with contextlib.suppress(ImportError):  # not on every platform
            import readline  # noqa: F401 - line editing and history for input()
        self.out.write(
            "khabar sql: the lake's tables and the report's q_ views; .help for help, .quit to leave\n"
        )
        buffer: list[str] = []
        while True:
            try:
                line = input(prompt if not buffer else "   ...> ")
            except EOFError:
                self.out.write("\n")
                return 0
            except KeyboardInterrupt:
                self.out.write("\n")
                buffer = []
                continue
            if not buffer and line.strip().startswith("."):
                if self._dot(line.strip()) is False:
                    return 0
                continue
            buffer.append(line)
            if line.rstrip().endswith(";"):
                self._statements("\n".join(buffer))
                buffer = []

    def _dot(self, line: str) -> bool | None:
        """A dot command: True to go on, False to leave, None for a command that failed."""
        word, _, rest = line.partition(" ")
        name = rest.strip()
        if word in (".quit", ".exit", ".q"):
            return False
        if word == ".help":
            self.out.write(HELP)
        elif word == ".tables":
            self._print(
                self.con.sql(
                    "SELECT view_name AS name, comment AS grain FROM duckdb_views() WHERE NOT internal ORDER BY view_name LIKE 'q\\_%' ESCAPE '\\', view_name"
                )
            )
        elif word == ".schema" and name:
            query = "SELECT column_name, data_type, comment FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index"
            rows = self.con.execute(query, [name]).fetchall()
            if not rows:
                self.err.write(f"no view named {name!r} (.tables lists them)\n")
                return None
            self._write_rows(["column", "type", "meaning"], rows)
        else:
            self.err.write(f"unknown command {line!r}: .tables, .schema NAME, .help, .quit\n")
            return None
        return True

    def _execute(self, query: str) -> bool:
        try:
            relation = self.con.sql(query)
            if relation is not None:
                self._print(relation)
        except duckdb.Error as exc:
            self._error(exc)
            return False
        return True

    def _error(self, exc: duckdb.Error) -> None:
        self.err.write(f"khabar sql: {printable(str(exc)).strip()}\n")

    def _print(self, relation: duckdb.DuckDBPyRelation) -> None:
        if self.format == "table":
            self.out.write(_shown(relation, shutil.get_terminal_size((160, 40)).columns))
            return
        self._write_rows(relation.columns, relation.fetchall())

    def _write_rows(self, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        if self.format == "json":
            for row in rows:
                self.out.write(
                    json.dumps(dict(zip(columns, map(_plain, row), strict=True)), ensure_ascii=False) + "\n"
                )
        elif self.format == "csv":
            writer = csv.writer(self.out, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows(
                [[", ".join(map(str, v)) if isinstance(v, list) else v for v in row] for row in rows]
            )
        else:
            widths = [max([len(c), *(len(str(r[i])) for r in rows)]) for i, c in enumerate(columns)]
            for row in [columns, *rows]:
                self.out.write(
                    "  ".join(
                        str(v if v is not None else "").ljust(w) for v, w in zip(row, widths, strict=True)
                    ).rstrip()
                    + "\n"
                )


def _shown(relation: duckdb.DuckDBPyRelation, width: int) -> str:
    """DuckDB's box table of a result, as its own CLI draws it, fitted to ``width`` columns."""
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        relation.show(max_width=width)
    return buffer.getvalue()
