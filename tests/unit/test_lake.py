from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from khabar import lake
from khabar.schema import TABLES, to_table


def _write(path: Path, ids: list[str]) -> None:
    rows = [{"source_uri": "s", "record_index": 0, "source_sha256": "0" * 64, "size_bytes": 1, "reason": "empty", "detail": i, "stored_copy": "x"} for i in ids]
    lake.write_table(str(path), to_table("quarantine", rows))


def _details(uri: str) -> list[str]:
    return sorted(lake.read_files(lake.list_files(uri), "quarantine").column("detail").to_pylist())


def test_publish_replaces_a_partition(tmp_path: Path) -> None:
    root = str(tmp_path / "lake")
    _write(tmp_path / "stage1" / "part-a.parquet", ["old"])
    lake.publish_day(root, "2025-01-15", {"quarantine": str(tmp_path / "stage1")}, "run-a")
    _write(tmp_path / "stage2" / "part-b.parquet", ["new"])
    lake.publish_day(root, "2025-01-15", {"quarantine": str(tmp_path / "stage2")}, "run-b")
    partition = lake.partition_uri(root, "quarantine", "2025-01-15")
    assert _details(partition) == ["new"]
    assert [Path(p).name for p in lake.list_files(partition)] == ["part-b.parquet"]
    assert not (tmp_path / "lake" / "_trash" / "run-b").exists()


def test_recover_rolls_back_an_interrupted_publish(tmp_path: Path) -> None:
    """A crash after one of two tables was swapped: both go back to the previous run."""
    root = str(tmp_path / "lake")
    _write(tmp_path / "a1" / "part.parquet", ["a-old"])
    lake.publish_day(root, "2025-01-15", {"quarantine": str(tmp_path / "a1")}, "run-a")
    # run-b journals two tables, swaps the first, then dies
    _write(tmp_path / "b1" / "part.parquet", ["b-new"])
    lake._write_journal(root, "run-b", {"ingest_date": "2025-01-15", "tables": ["quarantine", "other"], "state": "swapping"})
    partition = Path(lake.partition_uri(root, "quarantine", "2025-01-15"))
    trash = tmp_path / "lake" / "_trash" / "run-b" / "quarantine@ingest_date=2025-01-15"
    partition.rename(trash)
    (tmp_path / "b1").rename(partition)
    assert _details(str(partition)) == ["b-new"]
    assert lake.recover(root) == ["quarantine/ingest_date=2025-01-15"]  # «other» was not touched yet
    assert _details(str(partition)) == ["a-old"]
    assert not (tmp_path / "lake" / "_trash").exists() or not any((tmp_path / "lake" / "_trash").iterdir())


def test_recover_keeps_a_committed_publish(tmp_path: Path) -> None:
    root = str(tmp_path / "lake")
    _write(tmp_path / "s" / "part.parquet", ["done"])
    lake.publish_day(root, "2025-01-15", {"quarantine": str(tmp_path / "s")}, "run-a")
    lake._write_journal(root, "run-a", {"ingest_date": "2025-01-15", "tables": ["quarantine"], "state": "committed"})
    assert lake.recover(root) == []
    assert _details(lake.partition_uri(root, "quarantine", "2025-01-15")) == ["done"]


def test_read_files_of_nothing_is_an_empty_typed_table() -> None:
    table = lake.read_files([], "articles")
    assert table.num_rows == 0 and table.schema == TABLES["articles"]
    assert lake.read_files([], "articles", ["article_id"]).schema == pa.schema([TABLES["articles"].field("article_id")])


def test_published_among_finds_the_days_ids_on_other_dates(tmp_path: Path) -> None:
    root = tmp_path / "lake"
    day = pa.array(["a", "b", "c"], pa.string())
    assert lake.published_among(str(root), "2025-01-15", day) == set()  # no lake yet
    for date, idents in (("2025-01-14", ["a", "x"]), ("2025-01-15", ["b"]), ("2025-01-16", ["c", "y", "z"])):
        rows = [{"article_id": i, "source_uri": "s", "record_index": 0, "source_sha256": "0" * 64, "lang": "fa", "ict": False, "body": "x", "word_count": 1, "comment_count": 0, "extractor_version": "v"} for i in idents]
        lake.write_table(str(root / "articles" / f"ingest_date={date}" / "p.parquet"), to_table("articles", rows))
    assert lake.published_among(str(root), "2025-01-15", day) == {"a", "c"}  # b is this date's own
    assert lake.published_among(str(root), "2025-01-16", day) == {"a", "b"}
    assert lake.published_among(str(root), "2025-01-15", pa.array([], pa.string())) == set()


def test_row_groups_are_bounded_in_bytes_and_readers_take_wide_rows_in_small_chunks(tmp_path: Path) -> None:
    """A reader holds one row group: 3,000 rows of 8 KB texts go in groups of ~1,000 rows,
    whether written at once or streamed, and come back in chunks of WIDE_CHUNK_ROWS."""
    wide = pa.table({"detail": ["ب" * 4_000 + str(i) for i in range(3_000)]})
    assert lake.row_group_rows(wide) == lake.ROW_GROUP_BYTES // (wide.nbytes // 3_000) < 1_100
    assert lake.row_group_rows(pa.table({"n": list(range(50_000))})) == lake.ROW_GROUP_SIZE
    rows = [{"source_uri": "s", "record_index": i, "source_sha256": "0" * 64, "size_bytes": 1, "reason": "empty", "detail": "ب" * 4_000, "stored_copy": "x"} for i in range(3_000)]
    streamed = tmp_path / "streamed.parquet"
    writer = lake.TableWriter(str(streamed), TABLES["quarantine"])
    writer.write(to_table("quarantine", rows))
    writer.close()
    metadata = pq.ParquetFile(streamed).metadata
    assert metadata.num_rows == 3_000 and metadata.num_row_groups >= 3
    assert max(metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)) <= 1_100
    assert [t.num_rows for t in lake.iter_chunks(str(streamed), "quarantine")] == [3_000]  # no article texts: big chunks
    schema = TABLES["articles"]
    blank = {pa.types.is_string: "x", pa.types.is_integer: 0, pa.types.is_list: [], pa.types.is_binary: b"x", pa.types.is_boolean: False}
    columns = {f.name: pa.array([next((v for test, v in blank.items() if test(f.type)), None)] * 2_500, f.type) for f in schema}
    articles = tmp_path / "articles.parquet"
    lake.write_table(str(articles), pa.table(columns, schema=schema))
    assert [t.num_rows for t in lake.iter_chunks(str(articles), "articles")] == [1_000, 1_000, 500]
    assert [t.num_rows for t in lake.iter_chunks(str(articles), "articles", ["article_id"])] == [2_500]
