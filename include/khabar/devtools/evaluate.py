"""Scoring extraction against a hand-annotated gold file (``khabar evaluate``).

The gold file is JSON Lines, one annotated input per line::

    {"file": "articles/fa_irna_01.txt",          # relative to the gold file
     "lang": "fa", "title": "...", "agency": "IRNA", "news_code": "123", "published": "2023-10-26",
     "countries": ["IRN", "OMN"], "topics": ["data_transit"],
     "events": [{"type": "meeting", "countries": ["IRN", "OMN"]}],
     "persons": [{"name": "عیسی زارعپور", "role": "وزیر ارتباطات", "country": "IRN"}],
     "organizations": ["Omantel"]}

Single-valued fields (lang, agency key, news code, publication date, title) are
scored by accuracy; set-valued fields (countries, topics, events as
(type, parties), person names, organisation keys) by micro-averaged precision,
recall and F1. Titles and names are compared after folding (ي/ی, ZWNJ, spaces).
Organisations match as the evaluation sets' scorer matches them: a gold value is found by a
predicted organisation whose key or name it is, or one of the gazetteer's written forms of
that key («الاتحاد الأوروبي» by ``EU``), all compared folded and without spaces; ministries
are never organisations and are ignored in predictions.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khabar.core.errors import InputRejected
from khabar.extraction.gazetteer import read_tsv
from khabar.extraction.persons import same_person
from khabar.text.normalize import fold, fold_phrase

SINGLE_FIELDS = ("lang", "agency", "news_code", "published", "title")
SET_FIELDS = ("countries", "topics", "events", "persons", "organizations")


@dataclass
class SetScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    articles: int = 0
    single: dict[str, list[bool]] = field(default_factory=lambda: {f: [] for f in SINGLE_FIELDS})
    sets: dict[str, SetScore] = field(default_factory=lambda: {f: SetScore() for f in SET_FIELDS})
    errors: list[dict[str, Any]] = field(default_factory=list)  # per-article differences

    def accuracy(self, name: str) -> float:
        values = self.single[name]
        return sum(values) / len(values) if values else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "accuracy": {f: round(self.accuracy(f), 4) for f in SINGLE_FIELDS},
            "sets": {
                f: {
                    "precision": round(s.precision, 4),
                    "recall": round(s.recall, 4),
                    "f1": round(s.f1, 4),
                    "tp": s.tp,
                    "fp": s.fp,
                    "fn": s.fn,
                }
                for f, s in self.sets.items()
            },
        }


def _norm_text(value: str | None) -> str | None:
    return " ".join(fold(value).split()) if value else None  # fold turns ZWNJ into a space


def _single_values(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "lang": record.get("lang"),
        "agency": (record.get("agency") or {}).get("key")
        if isinstance(record.get("agency"), dict)
        else record.get("agency"),
        "news_code": record.get("news_code"),
        "published": (record.get("published") or {}).get("date")
        if isinstance(record.get("published"), dict)
        else record.get("published"),
        "title": _norm_text(record.get("title")),
    }


def _set_values(record: dict[str, Any]) -> dict[str, set[Any]]:
    countries = {c["code"] if isinstance(c, dict) else c for c in record.get("countries", [])}
    topics = {t["key"] if isinstance(t, dict) else t for t in record.get("topics", [])}
    events = {(e["type"], tuple(sorted(e["countries"]))) for e in record.get("events", [])}
    organizations = {o["key"] if isinstance(o, dict) else o for o in record.get("organizations", [])}
    persons = {p["name"] for p in record.get("persons", [])}
    return {
        "countries": countries,
        "topics": topics,
        "events": events,
        "organizations": organizations,
        "persons": persons,
    }


#: A ministry is never an organisation of the record (SPEC §4, the evaluation sets' scorer).
_MINISTRY = re.compile(r"وزارت|وزاره|ministry", re.IGNORECASE)


def _org_form(value: str) -> str:
    """An organisation's key or name as compared: folded, without diacritics, case or spaces."""
    return "".join(fold_phrase(value).lower().split())


@functools.cache
def _org_surfaces() -> dict[str, frozenset[str]]:
    """Organisation key -> its written forms in ``organizations.tsv``, as compared."""
    forms: dict[str, set[str]] = {}
    for row in read_tsv("organizations.tsv"):
        forms.setdefault(row["key"], set()).add(_org_form(row["surface"]))
    return {key: frozenset(values) for key, values in forms.items()}


def _org_predictions(record: dict[str, Any]) -> list[tuple[str, frozenset[str]]]:
    """(key, the forms a gold value may take to match it) of each predicted organisation
    that is not a ministry."""
    found = []
    for org in record.get("organizations", []):
        key, name = (org.get("key") or "", org.get("name") or "") if isinstance(org, dict) else (org, "")
        if _MINISTRY.search(fold(key + " " + name)):
            continue
        forms = {_org_form(key), _org_form(name)} | _org_surfaces().get(key, frozenset())
        found.append((key, frozenset(forms - {""})))
    return found


def _match_organizations(gold: set[str], record: dict[str, Any]) -> tuple[int, set[str], set[str]]:
    """(true positives, unmatched predicted keys, missed gold values): each gold value takes
    at most one predicted organisation whose key, name or gazetteer form it is."""
    unmatched = _org_predictions(record)
    tp = 0
    missed = set()
    for value in sorted(gold):
        hit = next((p for p in unmatched if _org_form(value) in p[1]), None)
        if hit is None:
            missed.add(value)
        else:
            tp += 1
            unmatched.remove(hit)
    return tp, {key for key, _ in unmatched}, missed


def _match_persons(gold: set[str], predicted: set[str]) -> tuple[int, set[str], set[str]]:
    unmatched = set(predicted)
    tp = 0
    missed = set()
    for name in gold:
        hit = next((p for p in unmatched if same_person(name, p)), None)
        if hit is None:
            missed.add(name)
        else:
            tp += 1
            unmatched.discard(hit)
    return tp, unmatched, missed


def score(pairs: Iterable[tuple[dict[str, Any], dict[str, Any] | None]]) -> Evaluation:
    """Score (gold, predicted record or None when extraction rejected the input) pairs."""
    result = Evaluation()
    for gold, predicted in pairs:
        result.articles += 1
        pred = predicted or {}
        diff: dict[str, Any] = {"file": gold["file"]}
        gold_single, pred_single = _single_values(gold), _single_values(pred)
        for name in SINGLE_FIELDS:
            ok = gold_single[name] == pred_single[name]
            result.single[name].append(ok)
            if not ok:
                diff[name] = {"gold": gold_single[name], "got": pred_single[name]}
        gold_sets, pred_sets = _set_values(gold), _set_values(pred)
        for name in SET_FIELDS:
            g, p = gold_sets[name], pred_sets[name]
            if name == "persons":
                tp, extra, missed = _match_persons(g, p)
            elif name == "organizations":
                tp, extra, missed = _match_organizations(g, pred)
            else:
                tp, extra, missed = len(g & p), p - g, g - p
            bucket = result.sets[name]
            bucket.tp += tp
            bucket.fp += len(extra)
            bucket.fn += len(missed)
            if extra or missed:
                diff[name] = {"missed": sorted(map(str, missed)), "extra": sorted(map(str, extra))}
        if len(diff) > 1:
            result.errors.append(diff)
    return result


def load_gold(path: Path) -> list[dict[str, Any]]:
    gold = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("//"):
            try:
                gold.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not valid JSON: {exc}") from exc
    return gold


def evaluate_gold(path: Path, ingest_date: dt.date | None = None) -> Evaluation:
    """Extract every input named in the gold file and score the records against it."""
    from khabar.ingest.records import extract_record
    from khabar.ingest.sources import InputFile, Limits, read_records

    pairs = []
    for gold in load_gold(path):
        file = path.parent / gold["file"]
        records = list(read_records(InputFile(str(file), file.stat().st_size), Limits()))
        index = gold.get("record_index", 0)
        record = next((r for r in records if r.record_index == index), None)
        predicted = None
        if record is not None:
            try:
                predicted = extract_record(record, ingest_date)[0].to_record()
            except InputRejected:
                predicted = None
        pairs.append((gold, predicted))
    return score(pairs)


def render(result: Evaluation) -> str:
    lines = [f"khabar evaluate: {result.articles} articles", "", f"{'field':<14} {'accuracy':>9}"]
    lines += [f"{name:<14} {result.accuracy(name):>9.3f}" for name in SINGLE_FIELDS]
    lines += ["", f"{'field':<14} {'precision':>9} {'recall':>9} {'f1':>9} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for name, s in result.sets.items():
        lines.append(
            f"{name:<14} {s.precision:>9.3f} {s.recall:>9.3f} {s.f1:>9.3f} {s.tp:>5} {s.fp:>5} {s.fn:>5}"
        )
    return "\n".join(lines) + "\n"
