"""Hypothesis profiles for the property and fuzz tests, and the fuzz run's findings report.

Profiles (``settings.max_examples`` is per property):

* ``ci`` (the default): 1,000 examples per property, 10 whole days for the end-to-end
  property (:data:`DAYS`: each is a full run with validation, seconds apiece);
  derandomised (each test's seed comes from its name), so a CI failure reproduces on any
  machine with the same code;
* ``long`` (``make fuzz``): 20,000 examples per property (100,000 inputs through the
  five fuzz properties alone) and 50 whole days, random seeds, and *collect mode*: a
  property records each distinct failure (its smallest example, the exception and where
  it was raised) and keeps going instead of stopping at the first one; the summary at
  the end lists the examples run and the failures found per property, and the run
  fails if there was any;
* ``dev``: 50 examples, for a quick look while writing a property.

Choose one with ``--hypothesis-profile=NAME`` (when pytest is given ``tests/property``)
or ``KHABAR_FUZZ_PROFILE=NAME``; ``KHABAR_FUZZ_EXAMPLES`` and ``KHABAR_FUZZ_DAYS``
override the counts, ``KHABAR_FUZZ_REPORT=path.json`` also writes the findings as JSON.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import traceback
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

#: Examples per fuzz property (properties 1-5) and days per end-to-end property, by profile.
EXAMPLES = {"ci": 1_000, "long": 20_000, "dev": 50}
DAYS = {"ci": 10, "long": 50, "dev": 3}
#: Largest repeat of seed paragraphs in a long article (about 5 kB a repeat), by profile.
HUGE_REPEATS = {"ci": 10, "long": 30, "dev": 10}
_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile(
    "ci",
    max_examples=EXAMPLES["ci"],
    deadline=None,
    derandomize=True,
    suppress_health_check=_SLOW,
    print_blob=True,
)
settings.register_profile(
    "long", max_examples=EXAMPLES["long"], deadline=None, suppress_health_check=_SLOW, print_blob=True
)
settings.register_profile(
    "dev", max_examples=EXAMPLES["dev"], deadline=None, suppress_health_check=_SLOW, print_blob=True
)

if os.environ.get("KHABAR_FUZZ_PROFILE"):
    settings.load_profile(os.environ["KHABAR_FUZZ_PROFILE"])
elif settings.get_current_profile_name() == "default":  # --hypothesis-profile loads before us when given
    settings.load_profile("ci")


def profile_name() -> str:
    """The loaded profile (``ci``, ``long``, ``dev``, or one the caller registered)."""
    return settings.get_current_profile_name()


def fuzz_examples() -> int:
    """Examples per fuzz property: the profile's, unless ``KHABAR_FUZZ_EXAMPLES`` says otherwise."""
    return int(os.environ.get("KHABAR_FUZZ_EXAMPLES") or settings.default.max_examples)


def day_examples() -> int:
    """Days drawn by the end-to-end property (each one a full run with validation: seconds each)."""
    return int(os.environ.get("KHABAR_FUZZ_DAYS") or DAYS.get(profile_name(), DAYS["ci"]))


def huge_repeats() -> int:
    return HUGE_REPEATS.get(profile_name(), HUGE_REPEATS["ci"])


def collect_mode() -> bool:
    """Record failures and keep going (the long run) instead of failing at the first one."""
    return os.environ.get("KHABAR_FUZZ_COLLECT", "1" if profile_name() == "long" else "0") == "1"


@dataclass
class Finding:
    """One distinct failure of a property: where it was raised, and its smallest example."""

    prop: str
    signature: str
    exception: str
    example: str
    traceback: str
    count: int = 1


class Findings:
    """Examples run and distinct failures per property, for the end-of-run summary."""

    def __init__(self) -> None:
        self.examples: Counter[str] = Counter()
        self.failures: dict[tuple[str, str], Finding] = {}

    def record(self, prop: str, exc: BaseException, example: Any) -> None:
        frames = traceback.extract_tb(exc.__traceback__)
        ours = [f for f in frames if "/khabar/" in f.filename]
        where = [f"{Path(f.filename).name}:{f.lineno}" for f in (ours[-1:] + frames[-1:])]
        signature = f"{type(exc).__name__} at {' <- '.join(dict.fromkeys(reversed(where)))}"
        if isinstance(exc, AssertionError):  # one line of a property checks many things: say which
            signature += ": " + re.sub(r"\d+", "#", str(exc).split(":", 1)[0].split("\n", 1)[0])[:80]
        shown = _shorten(repr(example), 600)
        head = f"{type(exc).__name__}: {_shorten(str(exc), 300)}"
        key = (prop, signature)
        if key in self.failures:
            known = self.failures[key]
            known.count += 1
            if len(shown) < len(known.example):
                known.example, known.exception = shown, head
            return
        tb = "".join(traceback.format_exception(exc, limit=-6))
        self.failures[key] = Finding(prop, signature, head, shown, _shorten(tb, 3000))

    def summary_lines(self) -> list[str]:
        lines = [f"{'property':<58} {'examples':>9} {'failures':>9}"]
        for prop in sorted(self.examples):
            found = [f for f in self.failures.values() if f.prop == prop]
            lines.append(f"{prop:<58} {self.examples[prop]:>9,} {len(found):>9}")
        lines.append(f"{'total':<58} {sum(self.examples.values()):>9,} {len(self.failures):>9}")
        for finding in self.failures.values():
            lines += [
                "",
                f"[{finding.prop}] {finding.signature} (seen {finding.count} times)",
                f"  {finding.exception}",
                f"  smallest example: {finding.example}",
            ]
        return lines


FINDINGS = Findings()


def _shorten(text: str, limit: int) -> str:
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")  # lone surrogates stay printable
    return (
        text
        if len(text) <= limit
        else f"{text[: limit // 2]} ...[{len(text) - limit} chars]... {text[-limit // 2 :]}"
    )


@contextlib.contextmanager
def fuzz_case(prop: str, example: Any) -> Iterator[None]:
    """Count one example of ``prop``; in collect mode, record a failure instead of raising it."""
    FINDINGS.examples[prop] += 1
    try:
        yield
    except Exception as exc:
        if not collect_mode():
            raise
        FINDINGS.record(prop, exc, example)


def pytest_report_header(config: pytest.Config) -> str:
    return f"khabar fuzz: profile {profile_name()!r}, {fuzz_examples()} examples per fuzz property, {day_examples()} days, collect mode {collect_mode()}"


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if not FINDINGS.examples or not (collect_mode() or os.environ.get("KHABAR_FUZZ_REPORT")):
        return
    terminalreporter.section(f"khabar fuzz summary (profile {profile_name()})")
    for line in FINDINGS.summary_lines():
        terminalreporter.write_line(line)
    report = os.environ.get("KHABAR_FUZZ_REPORT")
    if report:
        payload = {
            "profile": profile_name(),
            "examples": dict(FINDINGS.examples),
            "failures": [asdict(f) for f in FINDINGS.failures.values()],
        }
        Path(report).parent.mkdir(parents=True, exist_ok=True)
        Path(report).write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
        terminalreporter.write_line(f"findings written to {report}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if collect_mode() and FINDINGS.failures and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
