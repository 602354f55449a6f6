"""Hostile input through a whole run: every case has a documented outcome and none crashes the run.

The table below is the outcome table of docs/reliability.md.
"""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from khabar.ingest.sources import Limits
from khabar.pipeline.daily import RunConfig, run_day
from tests.conftest import SEED_000, SEED_002, SEED_003

pytestmark = pytest.mark.e2e

ARTICLE = SEED_002.read_text(encoding="utf-8")
ARABIC = SEED_003.read_text(encoding="utf-8")
LIMIT = 200_000  # KHABAR_MAX_FILE_BYTES for this run


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _tar_with_link() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        link = tarfile.TarInfo("etc-link.txt")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        archive.addfile(link)
    return buffer.getvalue()


def _mojibake() -> bytes:
    return ARABIC.encode("utf-8").decode("latin-1").encode("utf-8")


def _cp1256_persian() -> bytes:
    return "وزير ارتباطات و فناوري اطلاعات با همتاي عماني در مسقط ديدار كرد و دو طرف بر همكاري در زمينه فيبر نوري تاكيد كردند.".encode(
        "cp1256"
    )


#: (file name, bytes, source_uri suffix to check (None: the file itself), expected outcome or reason)
CASES: list[tuple[str, Callable[[], bytes], str | None, str]] = [
    ("empty.txt", lambda: b"", None, "empty"),
    ("whitespace.txt", lambda: b" \n\t \r\n ", None, "empty"),
    ("noise.txt", lambda: bytes(range(256)) * 40, None, "undecodable"),
    (
        "truncated.txt",
        lambda: (ARABIC.strip() + " نهاية").encode("utf-8")[:-1],
        None,
        "article",
    ),  # cut inside «ة»
    ("utf16.txt", lambda: ARABIC.replace("الاتصالات", "الاتصالات المحلية").encode("utf-16"), None, "article"),
    ("cp1256.txt", _cp1256_persian, None, "article"),
    ("mojibake.txt", _mojibake, None, "duplicate"),  # repaired, it is the same text as arabic.txt
    ("arabic.txt", lambda: ARABIC.encode("utf-8"), None, "article"),
    ("too large.txt", lambda: ARTICLE.encode("utf-8") * 60, None, "too_large"),
    (
        "long line.txt",
        lambda: ((ARTICLE.replace("\n", " ") + " ") * 16).encode("utf-8"),
        None,
        "article",
    ),  # one 150 kB line
    (
        "page.html",
        lambda: (
            f"<html><head><script>{'x' * 5000}</script><style>p{{}}</style></head><body><nav>منو</nav><p>{ARTICLE[:1500]}</p></body></html>".encode()
        ),
        None,
        "article",
    ),
    ("broken.json", lambda: b'{"title": "x", "text": ', None, "malformed_json"),
    ("empty list.json", lambda: b"[]", None, "empty"),
    ("no text.json", lambda: json.dumps({"title": "فقط تیتر"}, ensure_ascii=False).encode(), None, "no_text"),
    (
        "feed.jsonl",
        lambda: (json.dumps({"text": ARABIC + " إضافة"}, ensure_ascii=False) + "\n{bad\n").encode(),
        "feed.jsonl",
        "malformed_json",
    ),
    ("traversal.zip", lambda: _zip({"../../etc/passwd": b"x"}), "!/../../etc/passwd", "unsafe_archive"),
    ("absolute.zip", lambda: _zip({"/etc/passwd": b"x"}), "!//etc/passwd", "unsafe_archive"),
    ("bomb.zip", lambda: _zip({"zeros.txt": b"0" * 3_000_000}), "!/zeros.txt", "unsafe_archive"),
    ("links.tar.gz", _tar_with_link, "!/etc-link.txt", "unsafe_archive"),
    ("nested.zip", lambda: _zip({"inner.zip": _zip({"a.txt": b"x"})}), "!/inner.zip", "unsupported_type"),
    ("not a zip.zip", lambda: b"PK\x03\x04garbage", None, "bad_archive"),
    ("report.pdf", lambda: b"%PDF-1.4", None, "unsupported_type"),
    ("english.txt", lambda: b"Nothing in this file is Persian or Arabic.", None, "unknown_language"),
    ("خبر فارسی با فاصله.txt", lambda: SEED_000.read_bytes(), None, "article"),
    ("a original.txt", lambda: ARTICLE.encode("utf-8"), None, "article"),
    ("exact copy.txt", lambda: ARTICLE.encode("utf-8"), None, "duplicate"),
    (
        "respaced copy.txt",
        lambda: ARTICLE.replace(" ", "   ").replace("\n", "\n\n").encode("utf-8"),
        None,
        "duplicate",
    ),
]


@pytest.fixture(scope="module")
def lake(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    day = root / "landing" / "2025-01-15"
    day.mkdir(parents=True)
    for name, make, _, _ in CASES:
        (day / name).write_bytes(make())
    summary = run_day(
        RunConfig(
            landing=str(root / "landing"),
            lake=str(root / "lake"),
            ingest_date="2025-01-15",
            limits=Limits(max_file_bytes=LIMIT),
        )
    )
    assert summary["validation"]["success"]
    assert summary["records_seen"] == summary["articles"] + summary["duplicates"] + summary["quarantined"]
    return root / "lake"


def _outcomes(lake: Path) -> dict[str, str]:
    rows = (
        duckdb.connect()
        .execute(
            "SELECT source_uri, coalesce(reason, outcome) FROM read_parquet(?, hive_partitioning = true)",
            [str(lake / "sources" / "*" / "*.parquet")],
        )
        .fetchall()
    )
    return dict(rows)


@pytest.mark.parametrize(
    ("name", "suffix", "expected"), [(n, s, e) for n, _, s, e in CASES], ids=[c[0] for c in CASES]
)
def test_outcome(lake: Path, name: str, suffix: str | None, expected: str) -> None:
    outcomes = _outcomes(lake)
    matching = {
        uri: o
        for uri, o in outcomes.items()
        if f"/{name}" in uri and (suffix is None or uri.endswith(suffix))
    }
    if suffix == "feed.jsonl":  # the bad second record of a JSON Lines file among good ones
        matching = {uri: o for uri, o in matching.items() if o != "article"}
    assert expected in matching.values(), outcomes


def test_every_input_has_one_sources_row(lake: Path) -> None:
    con = duckdb.connect()
    total, distinct = con.execute(
        "SELECT count(*), count(DISTINCT (source_uri, record_index)) FROM read_parquet(?, hive_partitioning = true)",
        [str(lake / "sources" / "*" / "*.parquet")],
    ).fetchone()
    assert total == distinct == len(CASES) + 1  # + the good record of feed.jsonl


def test_quarantined_originals_are_kept_byte_for_byte(lake: Path) -> None:
    rows = (
        duckdb.connect()
        .execute(
            "SELECT source_uri, source_sha256, stored_copy FROM read_parquet(?, hive_partitioning = true)",
            [str(lake / "quarantine" / "*" / "*.parquet")],
        )
        .fetchall()
    )
    assert rows
    import hashlib

    for _, sha, copy in rows:
        assert hashlib.sha256(Path(copy).read_bytes()).hexdigest() == sha
