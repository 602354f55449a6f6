"""Precision audit of events and persons on the real corpus (issue 15).

The real corpus (``../shared/corpus/real``, internal use only) has no gold. Its precision is
measured by reading: extract the whole corpus, draw a fixed-seed sample of events and of
persons, judge each one by reading its evidence, and count. The sample file keeps only
references and extracted values (record, type, parties, name, role, offsets) and the
judgements, never the corpus text, so it can live in ``tests/fixtures/audit/``; ``show``
prints the evidence again from the corpus for whoever judges.

Usage::

    python tools/corpus_audit.py sample --out tests/fixtures/audit/audit-2026-12.jsonl   # extract, draw 100 + 100
    python tools/corpus_audit.py show tests/fixtures/audit/audit-2026-12.jsonl          # items with their evidence
    python tools/corpus_audit.py score tests/fixtures/audit/audit-2026-12.jsonl         # precision of the judged items
    python tools/corpus_audit.py recheck tests/fixtures/audit/audit-2026-12.jsonl       # which items today's code still extracts

A judgement is ``"ok"`` (right: an engagement really reported, with exactly these parties; a
real person in a public role, with a right role and country) or ``"wrong"``, with a short
``why`` in English (the class of error, e.g. ``"outlet country added"``, ``"fragment"``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "real"
#: The corpus articles are judged as if they had landed on this date (all are older).
INGEST_DATE = dt.date(2026, 12, 1)


def _records(corpus: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for path in sorted(corpus.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for index, line in enumerate(lines):
                if line.strip():
                    yield f"{path.name}#{index}", json.loads(line)


def _extract(item: tuple[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The events and persons of one corpus record (None when it is not an article)."""
    from khabar.core.errors import InputRejected
    from khabar.ingest.records import extract_record
    from khabar.ingest.sources import RawRecord

    ref, fields = item
    raw = json.dumps(fields, ensure_ascii=False).encode("utf-8")
    record = RawRecord(ref, 0, "", len(raw), "json", data=raw, fields=fields)
    try:
        extraction, _ = extract_record(record, INGEST_DATE)
    except InputRejected:
        return None
    return {
        "ref": ref,
        "events": [
            {"type": e.event_type, "countries": list(e.countries), "start": e.start, "end": e.end}
            for e in extraction.events
        ],
        "persons": [
            {
                "name": p.name,
                "role": p.role,
                "country": p.country,
                "start": p.spans[0][0],
                "end": p.spans[0][1],
            }
            for p in extraction.persons
        ],
        "body": extraction.body,
    }


def extract_corpus(corpus: Path, workers: int = 2) -> Iterator[dict[str, Any]]:
    """Every article of the corpus with its events and persons, in corpus order."""
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for result in pool.map(_extract, _records(corpus), chunksize=32):
            if result is not None:
                yield result


def _commit() -> str | None:
    """The commit of the code that extracted the sample (None outside a git checkout)."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=Path(__file__).parent,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def sample(corpus: Path, out: Path, n: int, seed: int) -> None:
    """Extract the corpus and write ``n`` events and ``n`` persons drawn with ``seed``."""
    events, persons = [], []
    articles = 0
    for article in extract_corpus(corpus):
        articles += 1
        events += [{"kind": "event", "ref": article["ref"], **e} for e in article["events"]]
        persons += [{"kind": "person", "ref": article["ref"], **p} for p in article["persons"]]
    rng = random.Random(seed)
    drawn = rng.sample(events, min(n, len(events))) + rng.sample(persons, min(n, len(persons)))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as sink:
        header = {
            "kind": "header", "seed": seed, "articles": articles, "events": len(events), "persons": len(persons),
            "drawn_on": dt.date.today().isoformat(), "code": _commit(),
        }  # fmt: skip
        sink.write(json.dumps(header, ensure_ascii=False) + "\n")
        for item in drawn:
            sink.write(json.dumps({**item, "judgement": None, "why": ""}, ensure_ascii=False) + "\n")
    print(
        f"{articles} articles, {len(events)} events, {len(persons)} persons; sample of {len(drawn)} written to {out}"
    )


def _load(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[0], rows[1:]


def _bodies(corpus: Path, refs: set[str]) -> dict[str, str]:
    wanted = [(ref, fields) for ref, fields in _records(corpus) if ref in refs]
    with ProcessPoolExecutor(max_workers=2) as pool:
        return {r["ref"]: r["body"] for r in pool.map(_extract, wanted) if r}


def show(corpus: Path, path: Path) -> None:
    """Print every sampled item with its evidence (the sentence, and the title of the record)."""
    _, items = _load(path)
    bodies = _bodies(corpus, {i["ref"] for i in items})
    for n, item in enumerate(items, start=1):
        body = bodies.get(item["ref"], "")
        start, end = item["start"], item["end"]
        context = body[max(0, start - 200) : end + 200].replace("\n", " / ")
        what = (
            f"{item['type']} {item['countries']}"
            if item["kind"] == "event"
            else f"{item['name']} | role={item['role']} | country={item['country']}"
        )
        print(f"--- {n} {item['kind']} {item['ref']}: {what}  [judged: {item['judgement']} {item['why']}]")
        print(f"    evidence: {body[start:end]}")
        print(f"    context: {context}")


def score(path: Path) -> dict[str, Any]:
    """Precision per kind over the judged items, and the reasons of the wrong ones."""
    _, items = _load(path)
    result: dict[str, Any] = {}
    for kind in ("event", "person"):
        judged = [i for i in items if i["kind"] == kind and i["judgement"] in ("ok", "wrong")]
        ok = sum(i["judgement"] == "ok" for i in judged)
        result[kind] = {
            "judged": len(judged),
            "ok": ok,
            "precision": round(ok / len(judged), 3) if judged else None,
            "wrong_because": Counter(i["why"] for i in judged if i["judgement"] == "wrong").most_common(),
        }
    return result


def recheck(corpus: Path, path: Path) -> dict[str, Any]:
    """Which sampled items today's code still extracts (same record, type or name, parties or role)."""
    _, items = _load(path)
    refs = {i["ref"] for i in items}
    wanted = [(ref, fields) for ref, fields in _records(corpus) if ref in refs]
    with ProcessPoolExecutor(max_workers=2) as pool:
        now = {r["ref"]: r for r in pool.map(_extract, wanted) if r}
    tally: Counter[str] = Counter()
    for item in items:
        current = now.get(item["ref"], {"events": [], "persons": []})
        if item["kind"] == "event":
            kept = any(
                e["type"] == item["type"] and e["countries"] == item["countries"] for e in current["events"]
            )
        else:
            kept = any(p["name"] == item["name"] for p in current["persons"])
        tally[f"{item['kind']} {item['judgement']} {'kept' if kept else 'gone'}"] += 1
    return dict(sorted(tally.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of the real corpus (JSON Lines)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("sample", help="extract the corpus and draw a fixed-seed sample of events and persons")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--n", type=int, default=100, help="items of each kind (default 100)")
    p.add_argument("--seed", type=int, default=15)
    for name, text in (
        ("show", "print the sampled items with their evidence"),
        ("score", "precision of the judged items"),
        ("recheck", "which sampled items today's code still extracts"),
    ):
        sub.add_parser(name, help=text).add_argument("file", type=Path)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"error: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    if args.command == "sample":
        sample(args.corpus, args.out, args.n, args.seed)
    elif args.command == "show":
        show(args.corpus, args.file)
    elif args.command == "score":
        print(json.dumps(score(args.file), ensure_ascii=False, indent=1))
    else:
        print(json.dumps(recheck(args.corpus, args.file), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
