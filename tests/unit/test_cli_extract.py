"""``khabar extract`` as a user runs it: JSON per input, errors as JSON, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, SEEDS


def khabar(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "khabar", *args], capture_output=True, text=True, cwd=REPO, timeout=120
    )


def test_extract_seeds() -> None:
    seeds = sorted(str(p) for p in SEEDS.glob("*.txt"))
    result = khabar("extract", *seeds)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source_uri"] for r in records] == seeds
    assert [r["lang"] for r in records] == ["prs", "fa", "fa", "ar", "fa"]
    assert records[2]["news_code"] == "101870"
    assert records[2]["published"]["date"] == "2023-10-26"


def test_extract_bad_input_is_json_and_non_zero(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(256)) * 4)
    good = SEEDS / "002_281cd1e16a81b240.txt"
    result = khabar("extract", str(empty), str(tmp_path / "missing.txt"), str(noise), str(good))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line.get("error", {}).get("code") for line in lines] == [
        "empty",
        "not_found",
        "undecodable",
        None,
    ]
    assert lines[3]["lang"] == "fa"
    assert all(line["error"]["message"] for line in lines[:3])


def test_python_m_khabar_help() -> None:
    result = khabar("--help")
    assert result.returncode == 0
    for command in ("extract", "run", "report"):
        assert command in result.stdout
