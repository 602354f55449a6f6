"""Long articles: extraction does work linear in the text.

Performance itself is the benchmark's business (``khabar bench --part long``); these tests
count the Python lines extraction executes, which is deterministic: a nested scan (every
person against every earlier one, every sentence against every country) shows as a count
that grows with the square of the text.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from khabar import settings
from khabar.extract import extract_text
from tests.conftest import SEEDS

KHABAR = str(Path(settings.__file__).parent)


def _paragraphs() -> list[str]:
    """Body paragraphs of the Persian and Dari seeds: officials, roles, countries, events."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")) if not p.name.startswith("003")]
    return [line for text in texts for line in text.split("\n") if len(line.split()) >= 8]


def long_text(chars: int) -> str:
    """A headline, then the seeds' paragraphs over and over, each copy numbered, to ``chars``."""
    paragraphs = _paragraphs()
    lines = ["دیدار وزیر مخابرات و تکنالوژی معلوماتی با معاون نخست وزیر کشور قزاقستان"]
    size, k = 0, 0
    while size < chars:
        lines.append(f"{paragraphs[k % len(paragraphs)]} (بند {k})")
        size += len(lines[-1]) + 1
        k += 1
    return "\n".join(lines)


def lines_executed(work: Callable[[], object]) -> int:
    """How many lines of khabar's code (and of difflib, which persons call) ``work`` runs."""
    count = 0

    def local(frame, event, arg):  # noqa: ANN001, ANN202 - sys.settrace's protocol
        nonlocal count
        if event == "line":
            count += 1
        return local

    def scope(frame, event, arg):  # noqa: ANN001, ANN202
        name = frame.f_code.co_filename
        return local if name.startswith(KHABAR) or name.endswith("difflib.py") else None

    sys.settrace(scope)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def test_extraction_work_is_linear_in_the_length_of_the_article() -> None:
    """Four times the text runs about four times the lines (it ran 7.8 times as many when
    persons, events, topics and roles compared every mention with every other)."""
    extract_text(long_text(3_000), "test://warm-up")  # gazetteers and caches, not counted
    short, long = long_text(20_000), long_text(80_000)
    small = lines_executed(lambda: extract_text(short, "test://short"))
    large = lines_executed(lambda: extract_text(long, "test://long"))
    assert large / small < 4.6, f"{small} lines for {len(short)} characters, {large} for {len(long)}"


def test_the_long_text_is_a_real_article_with_officials_and_events() -> None:
    """The linearity test measures the expensive paths: persons, events, topics, quantities."""
    ex = extract_text(long_text(20_000), "test://long")
    assert {p.name for p in ex.persons} >= {"ژومان گارین ساریک ما کاشویچ"}
    assert {e.event_type for e in ex.events} >= {"meeting", "invitation"}
    assert ex.topics and ex.quantities and set(ex.country_counts) >= {"AFG", "KAZ"}
