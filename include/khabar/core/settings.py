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
| ``KHABAR_CACHE_DIR`` | ``~/.cache/khabar`` | hazm's tables, cached (:mod:`khabar.text.fast_hazm`) |
| ``KHABAR_TIMEOUT_<TASK>`` | see :func:`task_timeout` | minutes a DAG task may run (``KHABAR_TIMEOUT_PROCESS_BATCH=45``) |
| ``KHABAR_LANDING_WAIT_MINUTES`` | 360 | how long a daily run waits for its landing folder before it is skipped |
| ``KHABAR_LANDING_POKE_SECONDS`` | 300 | how often it looks while it waits (deferred: no worker slot held) |
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import os
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from khabar.core.errors import ConfigError

#: The repository root when khabar runs from a checkout (editable install).
PROJECT_ROOT = Path(__file__).resolve().parents[3]

#: Defaults of the batch and input limits (:mod:`khabar.pipeline.daily` and :mod:`khabar.ingest.sources`
#: name the same values; a test keeps them equal).
DEFAULT_BATCH_FILES = 250
DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024


def landing_uri() -> str:
    return load().landing or str(PROJECT_ROOT / "data" / "landing")


def lake_uri() -> str:
    return load().lake or str(PROJECT_ROOT / "data" / "lake")


def env_int(name: str, default: int) -> int:
    """An integer variable outside :class:`Settings` (``KHABAR_TIMEOUT_<TASK>``)."""
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {value!r}") from None


#: The longest article text extracted, in characters: 21 times the longest article of the
#: real corpus (46,855). Extraction is linear in the text, but a longer "article" is a dump
#: or a scraper fault, and quarantined with its size (``too_large``), its original kept.
DEFAULT_MAX_ARTICLE_CHARS = 1_000_000


def max_article_chars() -> int:
    """``KHABAR_MAX_ARTICLE_CHARS``: longer article texts are quarantined as ``too_large``
    (asked for every article: validated once per value)."""
    return _article_chars(os.environ.get("KHABAR_MAX_ARTICLE_CHARS"))


@functools.lru_cache(maxsize=8)
def _article_chars(raw: str | None) -> int:
    return load().max_article_chars


# --- time limits of the DAG tasks ---------------------------------------------------------

#: The defaults of ``KHABAR_BATCH_BYTES`` (:data:`khabar.pipeline.daily.DEFAULT_BATCH_BYTES`) and of an
#: archive shard (:data:`khabar.pipeline.archive.DEFAULT_SHARD_BYTES`), kept here so that DAG files can
#: size their tasks without importing the pipeline.
DEFAULT_BATCH_BYTES = 32 * 1024 * 1024
DEFAULT_SHARD_BYTES = 16 * 1024 * 1024
#: The slowest extraction a time limit allows for, in bytes of input per second: a sixth of
#: the slowest measured (``khabar bench --part long``: 0.15 MB/s on one loaded core, for text
#: dense with officials and events; real articles run at 0.3 to 1 MB/s), for archives that
#: expand and machines busier still. Extraction is linear in the text, so one long article
#: is no slower per byte.
SLOWEST_BYTES_PER_SECOND = 25_000
#: Minutes every batch task gets on top of its extraction (start-up, reading, writing Parquet).
TASK_START_UP_MINUTES = 10
#: Minutes of the tasks that handle a whole day, an archive or the lake rather than a batch.
TASK_TIMEOUT_MINUTES = {
    "plan": 30,  # list the landing, cut batches (the archive DAG's: list every member)
    "consolidate": 120,  # a day's batches against each other and the lake
    "validate": 120,  # Great Expectations over the day, in chunks
    "publish": 60,  # swap the partitions in
    "report": 30,  # the daily report; the report DAG's whole-lake report
    "database": 30,  # the DuckDB views
    "plan_days": 30,  # the archive's dates and their batches
    "publish_days": 24 * 60,  # consolidate, validate and publish every date of an archive
}


def _minutes_for(nbytes: int) -> int:
    return TASK_START_UP_MINUTES + math.ceil(nbytes / SLOWEST_BYTES_PER_SECOND / 60)


def task_timeout(task: str) -> dt.timedelta:
    """How long a DAG task may run (its ``execution_timeout``) before Airflow stops it and
    retries: ``KHABAR_TIMEOUT_<TASK>`` minutes when set, else sized from what it handles.

    A batch (``process_batch``) or an archive shard (``unpack``) gets the time to extract
    its bytes (``KHABAR_BATCH_BYTES``; 16 MiB) at :data:`SLOWEST_BYTES_PER_SECOND`, plus
    :data:`TASK_START_UP_MINUTES`: 33 and 22 minutes by default. A stuck task then fails
    instead of holding up every later day (the DAGs run one date at a time).

    >>> task_timeout("process_batch"), task_timeout("unpack"), task_timeout("validate")
    (datetime.timedelta(seconds=1980), datetime.timedelta(seconds=1320), datetime.timedelta(seconds=7200))

    Raises:
        ValueError: ``KHABAR_TIMEOUT_<TASK>`` is not a whole number of minutes of at least 1,
            or ``task`` is not a task of khabar's DAGs.
    """
    name = f"KHABAR_TIMEOUT_{task.upper()}"
    minutes = env_int(name, 0)
    if os.environ.get(name) and minutes < 1:
        raise ConfigError(f"{name} must be at least 1 (minutes), got {os.environ[name]!r}")
    if not minutes:
        if task == "process_batch":
            minutes = _minutes_for(load().batch_bytes)
        elif task == "unpack":
            minutes = _minutes_for(DEFAULT_SHARD_BYTES)
        elif (
            task == "wait_for_landing"
        ):  # the limit covers the deferred waits: the whole wait, and time to look
            minutes = round(landing_wait().total_seconds() / 60) + TASK_TIMEOUT_MINUTES["plan"]
        elif task in TASK_TIMEOUT_MINUTES:
            minutes = TASK_TIMEOUT_MINUTES[task]
        else:
            raise ValueError(f"no time limit for a task named {task!r}")
    return dt.timedelta(minutes=minutes)


# --- waiting for a day's landing ---------------------------------------------------------

#: How long a scheduled day waits for ``LANDING/<date>/`` before its run ends as skipped:
#: files for a date may arrive hours late; a day that never arrives must not fail the run.
DEFAULT_LANDING_WAIT_MINUTES = 360
DEFAULT_LANDING_POKE_SECONDS = 300


def landing_wait() -> dt.timedelta:
    """``KHABAR_LANDING_WAIT_MINUTES`` (0: do not wait)."""
    return dt.timedelta(minutes=load().landing_wait_minutes)


def landing_poke() -> dt.timedelta:
    """``KHABAR_LANDING_POKE_SECONDS``: the pause between two looks at the landing folder."""
    return dt.timedelta(seconds=load().landing_poke_seconds)


# --- every setting, validated -----------------------------------------------------------


class Settings(BaseSettings):
    """Every ``KHABAR_*`` variable, read and validated in one place: a bad value is one clear
    line (:func:`load`), not a traceback far from where it was set. An empty variable counts
    as unset."""

    model_config = SettingsConfigDict(env_prefix="KHABAR_", env_ignore_empty=True, extra="ignore")

    landing: str = Field("", description="landing zone (path or URI)")
    lake: str = Field("", description="Parquet lake (path or URI)")
    batch_files: int = Field(DEFAULT_BATCH_FILES, ge=1, description="files per batch")
    batch_bytes: int = Field(DEFAULT_BATCH_BYTES, ge=1, description="bytes per batch")
    max_file_bytes: int = Field(
        DEFAULT_MAX_FILE_BYTES, ge=1, description="larger inputs are quarantined as too_large"
    )
    max_article_chars: int = Field(
        DEFAULT_MAX_ARTICLE_CHARS, ge=1, description="longer article texts are quarantined as too_large"
    )
    parallelism: int = Field(2, ge=1, description="workers sharing a day's batches")
    allow_empty: bool = Field(False, description="an empty landing folder may replace a published day")
    landing_wait_minutes: int = Field(
        DEFAULT_LANDING_WAIT_MINUTES, ge=0, description="how long a daily run waits for its landing folder"
    )
    landing_poke_seconds: int = Field(
        DEFAULT_LANDING_POKE_SECONDS, ge=1, description="how often it looks while it waits"
    )


def load() -> Settings:
    """The validated settings of the environment now (validated once per set of values: an
    article's extraction asks for its limit, and validating costs 0.4 ms).

    Raises:
        ConfigError: every bad variable in one line, e.g. ``KHABAR_BATCH_FILES must be a whole
            number, got 'abc'; KHABAR_PARALLELISM must be a whole number >= 1, got '0'``.
    """
    return _load(tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("KHABAR_"))))


@functools.lru_cache(maxsize=16)
def _load(snapshot: tuple[tuple[str, str], ...]) -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        raise ConfigError("; ".join(_problem(error) for error in exc.errors())) from None


def _problem(error: Any) -> str:
    """One bad variable in words: ``KHABAR_PARALLELISM must be a whole number >= 1, got '0'``."""
    name = "KHABAR_" + str(error["loc"][0]).upper()
    if error["type"] == "bool_parsing":
        wanted = "true or false"
    elif error["type"] == "greater_than_equal":
        wanted = f"a whole number >= {error['ctx']['ge']}"
    elif error["type"].startswith("int"):
        wanted = "a whole number"
    else:
        wanted = error["msg"].lower()
    return f"{name} must be {wanted}, got {error.get('input')!r}"
