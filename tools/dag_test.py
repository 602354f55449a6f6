"""``make day``: run one day through the real ``khabar_daily`` DAG (``airflow dags test``) and
show its progress as it happens.

The full Airflow output goes to a log file; the pipeline's own progress lines (``[khabar.*]``:
planned, batch n/N, validation, published) are printed as they come. On failure the root cause
is printed first (the last exception message, such as ``LandingError: landing folder for
2025-02-02 not found``), then the end of the log. A day whose landing folder does not exist is
refused before Airflow starts: ``airflow dags test`` would otherwise wait for it
(``KHABAR_LANDING_WAIT_MINUTES``).

Usage: ``python tools/dag_test.py DATE LOG`` (the Makefile passes both).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

#: A progress line of khabar's own loggers in Airflow's output.
_PROGRESS = re.compile(
    r"\[khabar\.(?!analytics\.report\])[a-z_.]+\]"
)  # the report is printed whole after the run
_TIMESTAMP = re.compile(r"^\S+\s+\[[a-z]+\s*\]\s+")
_LOCATION = re.compile(r"\s+\[khabar[^\]]*\](\s+\S+=\S+)*\s*$")
#: An exception's last line: ``LandingError: ...``, ``khabar.core.errors.QualityError: ...``.
_EXCEPTION = re.compile(r"^\s*((?:[A-Za-z_][\w]*\.)*[A-Z]\w*(?:Error|Exception|Exit)): (.+)$")


def progress_line(line: str) -> str | None:
    """The message of a khabar progress line, without Airflow's timestamp and location."""
    if not _PROGRESS.search(line):
        return None
    return _LOCATION.sub("", _TIMESTAMP.sub("", line)).rstrip()


def root_cause(log: str) -> str | None:
    """The failure's root cause in an ``airflow dags test`` log: the last exception message,
    khabar's own first, then any but Airflow's wrappers (raised after what they wrap)."""
    found = [m for m in (_EXCEPTION.match(line) for line in log.splitlines()) if m]
    if not found:
        return None
    names = _khabar_errors()
    ours = [m for m in found if "khabar" in m.group(1) or m.group(1).split(".")[-1] in names]
    underneath = [m for m in found if not m.group(1).startswith("airflow.")]  # what Airflow's wrapper wraps
    match = (ours or underneath or found)[-1]
    return f"{match.group(1).split('.')[-1]}: {match.group(2)}"


def _khabar_errors() -> set[str]:
    """khabar's exception classes (khabar/core/errors.py), as a traceback's last line names them."""
    from khabar.core.errors import KhabarError

    return {KhabarError.__name__, *(cls.__name__ for cls in KhabarError.__subclasses__())}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.split("\n\n")[-1], file=sys.stderr)
        return 2
    date, log_path = argv
    from khabar.core.errors import LandingError
    from khabar.core.settings import landing_uri
    from khabar.ingest.sources import landing_arrived

    try:
        if not landing_arrived(landing_uri(), date):
            print(f"error: no landing folder for {date}: {landing_uri()}/{date} does not exist. Put the day's files there first "
                  f"(make stage-seeds DATE={date} stages the seeds).", file=sys.stderr)  # fmt: skip
            return 1
    except LandingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    airflow = str(Path(sys.executable).parent / "airflow")
    print(f">> airflow dags test khabar_daily {date}  (full log: {log_path})", flush=True)
    started = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [airflow, "dags", "test", "khabar_daily", date],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
            env=os.environ,
        )
        assert process.stdout is not None
        seen: set[str] = set()
        for line in process.stdout:
            log.write(line)
            message = progress_line(line)
            if message:
                print(f"   {message}", flush=True)
            error = _EXCEPTION.match(line)
            if (
                error and f"{error.group(1)}: {error.group(2)}" not in seen
            ):  # a task failed: say why now, not after its retries
                seen.add(f"{error.group(1)}: {error.group(2)}")
                print(
                    f"   ! {error.group(1).split('.')[-1]}: {error.group(2)}  (the task is retried; full traceback in the log)",
                    flush=True,
                )
        status = process.wait()
    text = Path(log_path).read_text(encoding="utf-8", errors="replace")
    failed = status != 0 or re.search(
        r"state=failed|DagRun Finished: .*state=failed|Marking run <DagRun .* failed>", text
    )
    if failed:
        cause = root_cause(text)
        print(
            f"error: the khabar_daily run for {date} failed" + (f": {cause}" if cause else ""),
            file=sys.stderr,
        )
        print("---- end of the log ----", file=sys.stderr)
        print("\n".join(text.splitlines()[-40:]), file=sys.stderr)
        return 1
    print(f">> khabar_daily {date} done in {time.monotonic() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
