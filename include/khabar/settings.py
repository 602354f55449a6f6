"""Configuration from the environment, with the embedded defaults.

| variable | default | meaning |
|---|---|---|
| ``KHABAR_LANDING`` | ``<repo>/data/landing`` | landing zone (path or URI) |
| ``KHABAR_LAKE`` | ``<repo>/data/lake`` | Parquet lake (path or URI) |
| ``KHABAR_BATCH_FILES`` | 250 | files per batch (one mapped task each) |
| ``KHABAR_BATCH_BYTES`` | 33554432 | bytes per batch |
| ``KHABAR_MAX_FILE_BYTES`` | 67108864 | larger inputs are quarantined as ``too_large`` |
| ``KHABAR_MAX_ARTICLE_CHARS`` | 1000000 | longer article texts are quarantined as ``too_large`` |
| ``KHABAR_PARALLELISM`` | 2 | workers sharing a day's batches (at least four batches each) |
| ``KHABAR_CACHE_DIR`` | ``~/.cache/khabar`` | hazm's tables, cached (:mod:`khabar.fast_hazm`) |
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root when khabar runs from a checkout (editable install).
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def landing_uri() -> str:
    return os.environ.get("KHABAR_LANDING") or str(PROJECT_ROOT / "data" / "landing")


def lake_uri() -> str:
    return os.environ.get("KHABAR_LAKE") or str(PROJECT_ROOT / "data" / "lake")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, got {value!r}") from exc


#: The longest article text extracted, in characters: 21 times the longest article of the
#: real corpus (46,855). Extraction is linear in the text, but a longer "article" is a dump
#: or a scraper fault, and quarantined with its size (``too_large``), its original kept.
DEFAULT_MAX_ARTICLE_CHARS = 1_000_000


def max_article_chars() -> int:
    """``KHABAR_MAX_ARTICLE_CHARS``: longer article texts are quarantined as ``too_large``."""
    return env_int("KHABAR_MAX_ARTICLE_CHARS", DEFAULT_MAX_ARTICLE_CHARS)
