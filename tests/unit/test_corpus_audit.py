"""tools/corpus_audit.py: the precision of judged audit items (the real corpus itself is not needed)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

TOOL = Path(__file__).resolve().parents[2] / "tools" / "corpus_audit.py"
AUDITS = Path(__file__).resolve().parents[1] / "fixtures" / "audit"


def _tool():
    spec = importlib.util.spec_from_file_location("corpus_audit", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_score_counts_judged_items_per_kind_and_their_reasons(tmp_path: Path) -> None:
    items = [
        {"kind": "header", "seed": 15},
        {"kind": "event", "ref": "a#1", "judgement": "ok", "why": "ok"},
        {"kind": "event", "ref": "a#2", "judgement": "wrong", "why": "outlet country added"},
        {"kind": "event", "ref": "a#3", "judgement": "wrong", "why": "outlet country added"},
        {"kind": "event", "ref": "a#4", "judgement": None, "why": ""},  # not judged: not counted
        {"kind": "person", "ref": "b#1", "judgement": "ok", "why": "ok"},
    ]
    path = tmp_path / "audit.jsonl"
    path.write_text("\n".join(json.dumps(i) for i in items) + "\n", encoding="utf-8")
    result = _tool().score(path)
    assert result["event"]["judged"] == 3 and result["event"]["ok"] == 1
    assert result["event"]["precision"] == 0.333
    assert result["event"]["wrong_because"] == [("outlet country added", 2)]
    assert result["person"]["precision"] == 1.0


def test_every_kept_audit_is_fully_judged() -> None:
    tool = _tool()
    paths = sorted(AUDITS.glob("audit-*.jsonl"))
    assert len(paths) >= 3
    for path in paths:
        items = [
            json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()
        ]
        assert {i["judgement"] for i in items} <= {"ok", "wrong"}, path.name  # nothing left unjudged
        result = tool.score(path)
        assert result["event"]["judged"] >= 100 and result["person"]["judged"] >= 100, path.name
        assert result["event"]["judged"] + result["person"]["judged"] == len(items), path.name
