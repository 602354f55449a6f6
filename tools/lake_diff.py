"""Are two lakes the same, row for row? The check behind every change that must not change output.

A refactoring (issue 17) must leave what ``khabar run`` writes untouched. Build a lake with the
code before and one with the code after, over the same landing folder, then compare them here:
every table of ``schema.TABLES`` is read from both lakes with DuckDB and compared as multisets
(``EXCEPT ALL`` both ways), so a changed, missing or duplicated row is reported with a sample.
Columns that differ between any two runs by nature (the run id, clock times and durations) are
left out; everything else, lists and structs included, must be equal.

Usage::

    # the lake of the code at a commit, over the corpus and the seeds (about 40 s each)
    python tools/lake_diff.py build --code /path/to/clone/include --landing /tmp/landing \
        --date 2025-01-15 --lake /tmp/lake_before
    python tools/lake_diff.py compare /tmp/lake_before /tmp/lake_after

``compare`` exits 0 when every table is identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import duckdb

# Columns whose values depend on when and as which run the lake was written, not on the inputs.
VOLATILE = {"run_id", "started_at", "finished_at"}
VOLATILE_PREFIXES = ("seconds_",)
TABLES = ("articles", "mentions", "events", "comments", "sources", "quarantine", "runs")


def _columns(con: duckdb.DuckDBPyConnection, glob: str) -> list[tuple[str, str]]:
    described = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{glob}')").fetchall()
    return [(n, t) for n, t, *_ in described if n not in VOLATILE and not n.startswith(VOLATILE_PREFIXES)]


def _select(cols: list[tuple[str, str]], lake: Path) -> str:
    """The compared columns; a text naming the lake's own location (a quarantine copy) names ``LAKE``."""
    return ", ".join(
        f"replace(\"{n}\", '{lake}', 'LAKE') AS \"{n}\"" if t == "VARCHAR" else f'"{n}"' for n, t in cols
    )


def compare(before: Path, after: Path, *, show: int = 3) -> bool:
    """Print one line per table; return True when every table holds the same rows in both lakes."""
    con = duckdb.connect()
    same = True
    for table in TABLES:
        globs = [str(lake / table / "*" / "*.parquet") for lake in (before, after)]
        present = [bool(list((lake / table).glob("*/*.parquet"))) for lake in (before, after)]
        if not any(present):
            print(f"{table:11} absent from both")
            continue
        if not all(present):
            print(f"{table:11} DIFFERS: present in only one lake")
            same = False
            continue
        cols = _columns(con, globs[0])
        if cols != _columns(con, globs[1]):
            print(f"{table:11} DIFFERS: columns {cols} vs {_columns(con, globs[1])}"[:400])
            same = False
            continue
        a, b = (
            f"SELECT {_select(cols, lake)} FROM read_parquet('{g}', hive_partitioning = true)"
            for lake, g in zip((before, after), globs, strict=True)
        )
        rows = con.execute(f"SELECT count(*) FROM ({a})").fetchone()[0]
        only_a = con.execute(f"SELECT count(*) FROM ({a} EXCEPT ALL {b})").fetchone()[0]
        only_b = con.execute(f"SELECT count(*) FROM ({b} EXCEPT ALL {a})").fetchone()[0]
        if only_a or only_b:
            same = False
            print(f"{table:11} DIFFERS: {only_a} rows only before, {only_b} only after (of {rows})")
            for row in con.execute(f"({a} EXCEPT ALL {b}) LIMIT {show}").fetchall():
                print(f"    before: {row}"[:400])
            for row in con.execute(f"({b} EXCEPT ALL {a}) LIMIT {show}").fetchall():
                print(f"    after:  {row}"[:400])
        else:
            print(f"{table:11} identical: {rows} rows, {len(cols)} columns compared")
    return same


def build(code: Path, landing: Path, date: str, lake: Path) -> None:
    """Run ``khabar run`` with the package found under ``code`` (a clone's ``include/``)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    script = "import sys; from khabar.cli import main; sys.argv[0] = 'khabar'; main()"
    args = ["run", "--landing", str(landing), "--lake", str(lake), "--date", date]
    cmd = [sys.executable, "-c", script, *args]
    subprocess.run(cmd, env=env, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="write a lake with the code under --code")
    b.add_argument("--code", type=Path, required=True, help="the include/ folder whose khabar package runs")
    b.add_argument("--landing", type=Path, required=True)
    b.add_argument("--date", required=True)
    b.add_argument("--lake", type=Path, required=True)
    c = sub.add_parser("compare", help="compare two lakes row for row")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "build":
        build(args.code, args.landing, args.date, args.lake)
        return 0
    return 0 if compare(args.before, args.after) else 1


if __name__ == "__main__":
    sys.exit(main())
