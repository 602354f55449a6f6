"""Progress of long work (``khabar run``, ``khabar archive``, ``khabar bench``) for whoever runs it.

The pipeline reports stages and steps to a :class:`Progress`: :class:`Silent` does nothing (the
log lines that every stage writes are the progress under Airflow or in a pipe), and on a
terminal the command line uses :class:`Bars`, rich's progress bars with the elapsed time and an
estimate of the time left, and a spinner for a stage with no count (Great Expectations
validating, a publish).
"""

from __future__ import annotations

import sys
from typing import Any, Protocol


class Progress(Protocol):
    def stage(self, name: str, total: int | None = None) -> None:
        """A new stage: ``total`` steps (None: a stage with no count)."""

    def advance(self, steps: int = 1) -> None:
        """``steps`` more steps of the current stage done."""

    def note(self, message: str) -> None:
        """A line for the reader (a measurement, a warning), above any bar."""

    def close(self) -> None:
        """The work ended (or failed): the display is cleared."""


class Silent:
    """No display: the log lines are the progress (notes go to stderr as lines)."""

    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        pass

    def note(self, message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    def close(self) -> None:
        pass


class Bars:
    """rich progress bars on stderr: one line per stage, the finished ones kept."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._bars = Progress(
            SpinnerColumn(), TextColumn("{task.description:<22}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(), console=Console(stderr=True), transient=False,
        )  # fmt: skip
        self._bars.start()
        self._task: Any = None
        self._total: int | None = None

    def stage(self, name: str, total: int | None = None) -> None:
        self._finish()
        self._task = self._bars.add_task(name, total=total)
        self._total = total

    def advance(self, steps: int = 1) -> None:
        if self._task is not None:
            self._bars.advance(self._task, steps)

    def note(self, message: str) -> None:
        self._bars.console.print(message, highlight=False, markup=False)

    def _finish(self) -> None:
        """The stage before shown as done (a stage with no count as one step of one)."""
        if self._task is not None:
            done = self._total if self._total is not None else 1
            self._bars.update(self._task, total=done, completed=done)

    def close(self) -> None:
        self._finish()
        self._bars.stop()


def for_terminal(stream: Any = None) -> Progress:
    """Bars when ``stream`` (stderr) is a terminal, else :class:`Silent`."""
    stream = stream if stream is not None else sys.stderr
    return Bars() if getattr(stream, "isatty", lambda: False)() else Silent()
