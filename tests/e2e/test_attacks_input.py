"""Attacks on the input edge (issue 14): text that is not valid Unicode, deep JSON, archive members
that collide, links and FIFOs in the landing, object-store folder markers. Each one once crashed a
day or lost inputs; each now has a documented outcome and the day (or the backfill) publishes.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from khabar.cli import main
from khabar.ingest import records
from khabar.pipeline import daily as daily_pipeline
from tests.conftest import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004
from tests.helpers import query_lake as q
from tests.helpers import tar_bytes, zip_bytes

pytestmark = pytest.mark.e2e
DAY = "2025-01-15"
TEXT = SEED_001.read_text(encoding="utf-8")
LEGACY_MEMBER = "اخبار/گزارش مهم.txt"  # written in Windows-1256 by an old Windows archiver


def run_cli(landing: Path | str, lake: Path | str, *extra: str) -> int:
    """``khabar run`` of DAY over ``landing`` into ``lake``; its exit status."""
    return main(["run", "--landing", str(landing), "--lake", str(lake), "--date", DAY, *extra])


def legacy_zip(name: bytes, data: bytes) -> bytes:
    """A zip whose member name is Windows-1256 bytes without the UTF-8 flag (what Windows' own
    zip tool wrote on a Persian system): written under an ASCII stand-in, then patched."""
    stand_in = b"N" * len(name)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(stand_in.decode("ascii"), data)
    return buffer.getvalue().replace(stand_in, name)


def json_record(**fields: str) -> bytes:
    """A JSON object as a JavaScript scraper writes it: lone surrogates as ``\\uXXXX`` escapes."""
    return json.dumps(fields, ensure_ascii=True).encode("ascii")


#: (name in the landing (bytes: a raw file name), content, source_uri suffix, record_index, expected reason, or
#: "kept" for an article or a duplicate: the inputs share seed texts)
CASES: list[tuple[str | bytes, Callable[[], bytes], str, int, str]] = [
    (
        "surrogate title.json",
        lambda: json_record(title="x \ud83d", text=TEXT),
        "/surrogate title.json",
        0,
        "kept",
    ),
    (
        "surrogate date.json",
        lambda: json_record(
            title="تیتر", date="2024-01-05 \ud83d", text=SEED_003.read_text(encoding="utf-8")
        ),
        "/surrogate date.json",
        0,
        "kept",
    ),
    (
        "surrogate agency.jsonl",
        lambda: json_record(agency="\udc80ناشناس", text=SEED_000.read_text(encoding="utf-8")) + b"\n",
        "/surrogate agency.jsonl",
        0,
        "kept",
    ),
    (b"bad \xff name.txt", SEED_000.read_bytes, "/bad %FF name.txt", 0, "kept"),
    ("خبر".encode("cp1256") + b" legacy.txt", lambda: SEED_002.read_bytes(), "/خبر legacy.txt", 0, "kept"),
    (
        "legacy.tar.gz",
        lambda: tar_bytes(
            [
                (
                    LEGACY_MEMBER.encode("cp1256"),
                    SEED_003.read_bytes().replace("مسقط".encode(), "صلالة".encode()),
                )
            ]
        ),
        f"legacy.tar.gz!/{LEGACY_MEMBER}",
        0,
        "kept",
    ),
    (
        "legacy.zip",
        lambda: legacy_zip(
            LEGACY_MEMBER.encode("cp1256"), SEED_000.read_bytes() + "\nاین خبر به روز شد.".encode()
        ),
        f"legacy.zip!/{LEGACY_MEMBER}",
        0,
        "kept",
    ),
    (
        "noise name.tar.gz",
        lambda: tar_bytes([(b"x\xff\xfe.txt", SEED_004.read_bytes() + "\nپایان".encode())]),
        "noise name.tar.gz!/x%FF%FE.txt",
        0,
        "kept",
    ),
    ("deep.json", lambda: b"[" * 5000 + b"]" * 5000, "/deep.json", 0, "malformed_json"),
    (
        "deep.jsonl",
        lambda: json_record(text=TEXT + " بیشتر") + b"\n" + b"[" * 5000 + b"]" * 5000 + b"\n",
        "/deep.jsonl",
        1,
        "malformed_json",
    ),
    (
        "twins.zip",
        lambda: zip_bytes(
            [
                ("news/a.txt", SEED_002.read_bytes() + "\nیک".encode()),
                ("news/a.txt", SEED_004.read_bytes() + "\nدو".encode()),
            ]
        ),
        "twins.zip!/news/a.txt",
        0,
        "kept",
    ),
    ("twins.zip", lambda: b"", "twins.zip!/news/a~1.txt", 0, "kept"),  # the second member of the same name
]


@pytest.fixture(scope="module")
def daily(tmp_path_factory) -> tuple[int, Path, str]:
    """One ``khabar run`` over a landing holding every case, a symbolic link and a FIFO."""
    root = tmp_path_factory.mktemp("attacks")
    day = root / "landing" / DAY
    day.mkdir(parents=True)
    for name, make, _, _, _ in CASES:
        path = os.path.join(os.fsencode(day), name if isinstance(name, bytes) else name.encode())
        data = make()
        if data or not os.path.exists(path):
            with open(path, "wb") as sink:
                sink.write(data)
    (root / "outside.txt").write_bytes(SEED_001.read_bytes())
    (day / "link.txt").symlink_to(root / "outside.txt")
    os.mkfifo(day / "pipe.txt")
    code = run_cli(str(root / "landing"), str(root / "lake"), "--workers", "1")
    return code, root / "lake", str(day)


def test_the_day_publishes(daily) -> None:
    code, lake, _ = daily
    assert code == 0
    assert q(lake, "SELECT status, validation_success FROM runs") == [("published", True)]


@pytest.mark.parametrize(
    ("suffix", "index", "expected"), [(c[2], c[3], c[4]) for c in CASES], ids=[c[2] for c in CASES]
)
def test_outcome(daily, suffix: str, index: int, expected: str) -> None:
    _, lake, _ = daily
    rows = q(
        lake,
        "SELECT source_uri, coalesce(reason, CASE WHEN outcome IN ('article', 'duplicate') THEN 'kept' END) FROM sources WHERE record_index = ?",
        [index],
    )
    assert [o for uri, o in rows if uri.endswith(suffix)] == [expected], rows


def test_every_string_in_the_lake_is_valid_and_clean(daily) -> None:
    _, lake, _ = daily
    for table in ("articles", "sources", "quarantine"):
        for row in q(lake, f"SELECT * FROM {table}"):
            for value in row:
                if isinstance(value, str):
                    value.encode("utf-8")  # strict: no lone surrogate anywhere
                    assert "\x00" not in value and "\u202e" not in value
    titles = dict(q(lake, "SELECT s.source_uri, a.title FROM articles a JOIN sources s USING (article_id)"))
    title = next(t for uri, t in titles.items() if uri.endswith("surrogate title.json"))
    assert title is None or "\ufffd" in title or title.startswith("x")


def test_links_and_fifos_are_rows_not_silence(daily) -> None:
    _, lake, day = daily
    rows = dict(
        q(
            lake,
            "SELECT s.source_uri, q.reason || ': ' || q.detail FROM quarantine q JOIN sources s USING (source_uri, record_index)",
        )
    )
    assert rows[f"{day}/link.txt"].startswith("unsupported_type: symbolic link")
    assert rows[f"{day}/pipe.txt"].startswith("unsupported_type: FIFO")


def test_json_fields_are_cleaned_where_they_enter(tmp_path: Path) -> None:
    day = tmp_path / "landing" / DAY
    day.mkdir(parents=True)
    (day / "controls.json").write_bytes(
        json_record(title="\u202eخبر\x00 مهم\u200b", kicker="\u2067گزارش\u2069", text=TEXT)
    )
    assert run_cli(str(tmp_path / "landing"), str(tmp_path / "lake"), "--workers", "1") == 0
    ((title, kicker),) = q(tmp_path / "lake", "SELECT title, kicker FROM articles")
    assert title == "خبر مهم"
    assert kicker == "گزارش"


def test_a_landing_of_only_links_is_not_an_empty_day(tmp_path: Path) -> None:
    day = tmp_path / "landing" / DAY
    day.mkdir(parents=True)
    for seed in (SEED_000, SEED_001):
        (day / seed.name).symlink_to(seed)
    assert run_cli(str(tmp_path / "landing"), str(tmp_path / "lake"), "--workers", "1") == 0
    assert q(tmp_path / "lake", "SELECT outcome, reason, count(*) FROM sources GROUP BY ALL") == [
        ("quarantined", "unsupported_type", 2)
    ]
    assert q(tmp_path / "lake", "SELECT files_seen, records_seen, quarantined FROM runs") == [(2, 2, 2)]


# --- the per-record boundary -------------------------------------------------------------


def test_a_row_that_cannot_be_written_is_quarantined(tmp_path: Path, monkeypatch) -> None:
    """Whatever an extraction returns, a row that cannot be encoded becomes a quarantine row."""
    day = tmp_path / "landing" / DAY
    day.mkdir(parents=True)
    for seed in (SEED_000, SEED_003):
        (day / seed.name).write_bytes(seed.read_bytes())
    real = daily_pipeline.article_rows

    def poisoned(ex, record):
        rows = real(ex, record)
        if record.source_uri.endswith(SEED_003.name):
            rows["articles"][0]["title"] = "x \ud83d"
        return rows

    monkeypatch.setattr(daily_pipeline, "article_rows", poisoned)
    assert run_cli(str(tmp_path / "landing"), str(tmp_path / "lake"), "--workers", "1") == 0
    rows = dict(q(tmp_path / "lake", "SELECT source_uri, coalesce(reason, outcome) FROM sources"))
    assert rows == {str(day / SEED_000.name): "article", str(day / SEED_003.name): "extraction_error"}
    (detail,) = q(tmp_path / "lake", "SELECT detail FROM quarantine")[0]
    assert "cannot be written" in detail


@pytest.mark.parametrize(
    "error",
    [RecursionError("maximum recursion depth exceeded"), MemoryError()],
    ids=["RecursionError", "MemoryError"],
)
def test_an_error_of_one_record_is_quarantined(tmp_path: Path, monkeypatch, error: BaseException) -> None:
    day = tmp_path / "landing" / DAY
    day.mkdir(parents=True)
    for seed in (SEED_000, SEED_003):
        (day / seed.name).write_bytes(seed.read_bytes())
    real = records.extract_text

    def failing(text, source_uri, **kwargs):
        if source_uri.endswith(SEED_003.name):
            raise error
        return real(text, source_uri, **kwargs)

    monkeypatch.setattr(records, "extract_text", failing)
    assert run_cli(str(tmp_path / "landing"), str(tmp_path / "lake"), "--workers", "1") == 0
    rows = dict(q(tmp_path / "lake", "SELECT source_uri, coalesce(reason, outcome) FROM sources"))
    assert rows == {str(day / SEED_000.name): "article", str(day / SEED_003.name): "extraction_error"}
    assert q(tmp_path / "lake", "SELECT detail FROM quarantine")[0][0].startswith(type(error).__name__)


# --- khabar archive ------------------------------------------------------------------------


def archive(location: Path, tmp_path: Path, capsys, *extra: str) -> tuple[int, dict]:
    code = main(
        [
            "archive",
            str(location),
            "--landing",
            str(tmp_path / "landing"),
            "--lake",
            str(tmp_path / "lake"),
            "--workers",
            "1",
            *extra,
        ]
    )
    out = capsys.readouterr().out
    return code, json.loads(out) if code == 0 else {}


def test_archive_lands_every_member_whose_paths_collide(tmp_path: Path, capsys) -> None:
    texts = [s.read_bytes() for s in (SEED_000, SEED_001, SEED_002, SEED_003, SEED_004)] + [
        SEED_002.read_bytes() + "\nششم".encode()
    ]
    names = ["news/x.txt", "news/x.txt", "news\\y.txt", "news/y.txt", "/news/z.txt", "news/z.txt"]
    (tmp_path / "collide.zip").write_bytes(zip_bytes(list(zip(names, texts, strict=True))))
    code, result = archive(tmp_path / "collide.zip", tmp_path, capsys, "--date-by", "fixed", "--date", DAY)
    assert code == 0
    assert (result["members"], result["inputs"], result["articles"] + result["duplicates"]) == (6, 6, 6)
    landed = sorted(
        p.relative_to(tmp_path / "landing" / DAY / "archive" / "collide.zip").as_posix()
        for p in (tmp_path / "landing").rglob("*.txt")
    )
    assert len(landed) == 6 and {"news/x.txt", "news/y.txt", "news/z.txt"} <= set(landed)
    assert sorted(b for p in (tmp_path / "landing").rglob("*.txt") for b in [p.read_bytes()]) == sorted(texts)


def test_archive_with_brackets_in_its_name_leaves_other_archives_alone(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a1.zip").write_bytes(zip_bytes([("2024-03-01/one.txt", SEED_000.read_bytes())]))
    (tmp_path / "in2").mkdir()
    (tmp_path / "in2" / "a[1].zip").write_bytes(zip_bytes([("2024-03-02/two.txt", SEED_003.read_bytes())]))
    assert archive(tmp_path / "in" / "a1.zip", tmp_path, capsys)[0] == 0
    assert archive(tmp_path / "in2" / "a[1].zip", tmp_path, capsys)[0] == 0
    assert (tmp_path / "landing" / "2024-03-01" / "archive" / "a1.zip" / "2024-03-01" / "one.txt").is_file()
    assert q(
        tmp_path / "lake", "SELECT CAST(ingest_date AS VARCHAR), count(*) FROM articles GROUP BY 1 ORDER BY 1"
    ) == [("2024-03-01", 1), ("2024-03-02", 1)]


def test_archive_of_legacy_and_undecodable_member_names(tmp_path: Path, capsys) -> None:
    (tmp_path / "old.tar.gz").write_bytes(tar_bytes([
        (LEGACY_MEMBER.encode("cp1256"), SEED_003.read_bytes()),
        (b"noise-\xff\xfe.txt", SEED_000.read_bytes()),
        (b"noise-\xff\xfe.txt", SEED_004.read_bytes()),  # the same name twice, in a tar
    ]))  # fmt: skip
    code, result = archive(tmp_path / "old.tar.gz", tmp_path, capsys, "--date-by", "fixed", "--date", DAY)
    assert code == 0
    assert (result["members"], result["inputs"], result["articles"]) == (3, 3, 3)
    folder = tmp_path / "landing" / DAY / "archive" / "old.tar.gz"
    assert (folder / LEGACY_MEMBER).read_bytes() == SEED_003.read_bytes()
    assert sorted(p.name for p in folder.glob("noise-*")) == ["noise-%FF%FE.txt", "noise-%FF%FE~2.txt"]
    manifests = list((tmp_path / "lake" / "_archives").rglob("manifest.json"))
    assert LEGACY_MEMBER in {
        m["name"]
        for s in json.loads(manifests[0].read_text(encoding="utf-8"))["shards"]
        for m in s["members"]
    }


# --- object storage -------------------------------------------------------------------------


def test_s3_folder_markers_are_not_inputs(tmp_path: Path, monkeypatch) -> None:
    """A zero-byte object whose key ends in / (what consoles and sync tools write for a
    folder) below the day's prefix is a folder, not an ``unsupported_type`` input."""
    from moto.server import ThreadedMotoServer
    from s3fs import S3FileSystem

    from khabar.core.storage import filesystem

    S3FileSystem.clear_instance_cache()

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        for key, value in {
            "AWS_ACCESS_KEY_ID": "khabar",
            "AWS_SECRET_ACCESS_KEY": "khabar-secret",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ENDPOINT_URL": f"http://{host}:{port}",
        }.items():
            monkeypatch.setenv(key, value)
        fs, _ = filesystem("s3://khabar-markers")
        fs.mkdir("khabar-markers")
        fs.pipe(f"khabar-markers/landing/{DAY}/", b"")
        fs.pipe(f"khabar-markers/landing/{DAY}/irna/", b"")
        fs.pipe(f"khabar-markers/landing/{DAY}/irna/{SEED_003.name}", SEED_003.read_bytes())
        assert run_cli("s3://khabar-markers/landing", str(tmp_path / "lake"), "--workers", "1") == 0
    finally:
        server.stop()
        S3FileSystem.clear_instance_cache()  # fsspec caches the client of this server: other tests start their own
    assert q(tmp_path / "lake", "SELECT source_uri, outcome FROM sources") == [
        (f"s3://khabar-markers/landing/{DAY}/irna/{SEED_003.name}", "article")
    ]


def test_archive_with_a_corrupt_member_lands_the_others(tmp_path: Path, capsys) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
        for name, seed in (("a.txt", SEED_000), ("b.txt", SEED_003), ("c.txt", SEED_004)):
            out.writestr(name, seed.read_bytes())
    middle = SEED_003.read_bytes()
    (tmp_path / "crc.zip").write_bytes(buffer.getvalue().replace(middle, middle[:-10] + b"corrupted!"))
    code, result = archive(tmp_path / "crc.zip", tmp_path, capsys, "--date-by", "fixed", "--date", DAY)
    assert code == 0
    assert (result["members"], result["inputs"], result["articles"]) == (3, 2, 2)
    assert [(s["name"], s["problem"].split(":")[0]) for s in result["skipped"]] == [
        ("b.txt", "cannot read member")
    ]
    assert sorted(p.name for p in (tmp_path / "landing").rglob("*.txt")) == [
        "a.txt",
        "c.txt",
    ]  # nothing half-written
