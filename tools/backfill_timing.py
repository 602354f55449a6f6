"""Time an archive backfill on the distributed engine with 1 and 2 Celery worker slots.

Builds a ``.tar.gz`` of ``--articles`` distinct articles (one JSON file each, in
``YYYY/MM/DD/`` folders over ``--days`` dates) from the real corpus (or the seeds), then for
each ``--slots`` value starts PostgreSQL, Redis and Airflow with one Celery worker of that
many slots (``tests/integration/services.py``), triggers ``khabar_archive`` on the archive
with a fresh landing zone and lake, and times the run from trigger to success.

    .venv/bin/python -m tools.backfill_timing --articles 20000 --slots 1 2 --json data/backfill.json

Run from the repository root. Figures and method: docs/deploy.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from tests.integration import services

from khabar.analytics.report import connect
from khabar.devtools import bench


def build_archive(path: Path, articles: int, days: int) -> dict:
    records, origin = bench.source_records()
    first = dt.date(2024, 1, 1)
    size = 0
    with tarfile.open(path, "w:gz") as out:
        for i, record in enumerate(bench.variants(records, articles)):
            day = first + dt.timedelta(days=i % days)
            data = json.dumps(record, ensure_ascii=False).encode("utf-8")
            info = tarfile.TarInfo(f"{day:%Y/%m/%d}/{i:06d}.json")
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
            size += len(data)
    return {
        "archive": str(path),
        "articles": articles,
        "days": days,
        "bytes": size,
        "compressed_bytes": path.stat().st_size,
        "from": origin,
    }


def time_backfill(archive: Path, slots: int, workdir: Path, timeout: float) -> dict:
    root = workdir / f"slots-{slots}"
    landing, lake = root / "landing", root / "lake"
    landing.mkdir(parents=True)
    with services.celery_airflow(root, landing, lake, concurrency=slots) as airflow:
        started = time.monotonic()
        run_id = airflow.trigger(
            "khabar_archive",
            f"timing_{slots}",
            None,
            {"location": str(archive), "date_by": "folder", "date": "2024-01-01"},
        )
        state = airflow.wait_run("khabar_archive", run_id, timeout)
        seconds = time.monotonic() - started
        tasks: list[dict] = []
        while True:  # the API pages task instances (100 at most per page)
            page = airflow.api(
                "GET", f"/dags/khabar_archive/dagRuns/{run_id}/taskInstances?limit=100&offset={len(tasks)}"
            )["task_instances"]
            tasks.extend(page)
            if len(page) < 100:
                break
    mapped = {}
    for ti in tasks:
        mapped[ti["task_id"]] = mapped.get(ti["task_id"], 0) + 1
    con = connect(str(lake))
    articles, inputs = con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sources)"
    ).fetchone()
    return {
        "slots": slots,
        "state": state,
        "seconds": round(seconds, 1),
        "tasks": mapped,
        "articles": articles,
        "inputs": inputs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=20)
    parser.add_argument(
        "--slots", type=int, nargs="+", default=[1, 2], help="Celery worker slots, one run each"
    )
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--workdir", help="default: a new temporary folder")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args(argv)
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="khabar-backfill-"))
    workdir.mkdir(parents=True, exist_ok=True)
    built = build_archive(workdir / "archive.tar.gz", args.articles, args.days)
    print(
        f"archive: {built['articles']} articles over {built['days']} days, {built['bytes'] / 1e6:.1f} MB ({built['compressed_bytes'] / 1e6:.1f} MB compressed)",
        flush=True,
    )
    runs = []
    for slots in args.slots:
        result = time_backfill(Path(built["archive"]), slots, workdir, args.timeout)
        runs.append(result)
        print(
            f"{slots} slot(s): {result['state']} in {result['seconds']:.1f} s; {result['articles']} articles from {result['inputs']} inputs; tasks {result['tasks']}",
            flush=True,
        )
    if len(runs) > 1 and runs[0]["seconds"]:
        print(
            f"speed-up {runs[-1]['slots']} vs {runs[0]['slots']} slot(s): {runs[0]['seconds'] / runs[-1]['seconds']:.2f}x"
        )
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(
            json.dumps({"archive": built, "runs": runs}, indent=2) + "\n", encoding="utf-8"
        )
    return 0 if all(r["state"] == "success" for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
