"""Helpers the tests share: reading a lake with DuckDB and building archives in memory."""

from __future__ import annotations

import io
import tarfile
import warnings
import zipfile
from pathlib import Path

import duckdb


def query_lake(lake: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Run ``sql`` over the lake, each table folder that holds Parquet partitions a view of its name."""
    con = duckdb.connect()
    for table in sorted(p.name for p in lake.iterdir() if p.is_dir() and any(p.glob("*/*.parquet"))):
        con.read_parquet(str(lake / table / "*" / "*.parquet"), hive_partitioning=True).create_view(table)
    return con.execute(sql, params or []).fetchall()


def zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    """A zip that may hold several members of the same name (as old tools wrote them)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": on purpose
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def tar_bytes(members: list[tuple[bytes, bytes]]) -> bytes:
    """A tar.gz whose member names are raw bytes (GNU format writes them as they are)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", format=tarfile.GNU_FORMAT) as archive:
        for name, data in members:
            info = tarfile.TarInfo(name.decode("utf-8", "surrogateescape"))
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()
