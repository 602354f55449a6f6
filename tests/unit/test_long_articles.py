"""Long articles: extraction does work linear in the text, and an article over
``KHABAR_MAX_ARTICLE_CHARS`` is rejected as ``too_large`` before any of it.

Performance itself is the benchmark's business (``khabar bench --part long``); these tests
count the Python lines extraction executes, which is deterministic: a nested scan (every
person against every earlier one, every sentence against every country) shows as a count
that grows with the square of the text.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from khabar.core import settings
from khabar.core.errors import InputRejected, QuarantineReason
from khabar.extraction.extract import SourceHints, extract_text
from tests.conftest import SEED_000, SEEDS

KHABAR = str(Path(settings.__file__).parent)


def _paragraphs() -> list[str]:
    """Body paragraphs of the Persian and Dari seeds: officials, roles, countries, events."""
    texts = [
        p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")) if not p.name.startswith("003")
    ]
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

    def local(frame, event, arg):  # sys.settrace's protocol
        nonlocal count
        if event == "line":
            count += 1
        return local

    def scope(frame, event, arg):
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


# --- the article limit -----------------------------------------------------------------------


def test_an_article_over_the_limit_is_too_large_with_its_size_in_the_detail() -> None:
    text = long_text(5_000)
    with pytest.raises(InputRejected) as rejected:
        extract_text(text, "test://big", max_chars=len(text) - 1)
    assert rejected.value.reason is QuarantineReason.TOO_LARGE
    assert (
        rejected.value.detail
        == f"article of {len(text)} characters > limit of {len(text) - 1} (KHABAR_MAX_ARTICLE_CHARS)"
    )
    assert extract_text(text, "test://big", max_chars=len(text)).body  # at the limit: an article


def test_the_limit_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    text = SEED_000.read_text(encoding="utf-8")
    assert settings.max_article_chars() == settings.DEFAULT_MAX_ARTICLE_CHARS == 1_000_000
    monkeypatch.setenv("KHABAR_MAX_ARTICLE_CHARS", str(len(text) - 1))
    with pytest.raises(InputRejected, match=r"too_large: article of \d+ characters > limit of \d+"):
        extract_text(text, "test://seed")
    monkeypatch.setenv("KHABAR_MAX_ARTICLE_CHARS", "lots")
    with pytest.raises(ValueError, match="KHABAR_MAX_ARTICLE_CHARS must be a whole number, got .lots."):
        extract_text(text, "test://seed")


def test_the_limit_counts_the_text_of_a_page_not_its_markup() -> None:
    text = SEED_000.read_text(encoding="utf-8")
    page = (
        "<html><body>"
        + "".join(f'<p class="{"x" * 200}">{line}</p>' for line in text.split("\n") if line)
        + "</body></html>"
    )
    ex = extract_text(page, "test://page.html", hints=SourceHints(html=True), max_chars=len(text))
    assert len(page) > len(text) and "قزاقستان" in ex.body


def test_the_default_limit_leaves_a_wide_margin_over_the_longest_real_article(corpus: Path) -> None:
    import json

    longest = max(
        len(json.loads(line).get("text") or "")
        for path in corpus.glob("*.jsonl")
        for line in path.open(encoding="utf-8")
        if line.strip()
    )
    assert 10 * longest < settings.DEFAULT_MAX_ARTICLE_CHARS
