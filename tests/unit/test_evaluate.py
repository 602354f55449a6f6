"""``khabar evaluate``: the scorer itself, and the gold set's figures (issue 3 thresholds)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from khabar.evaluate import evaluate_gold, score

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "gold" / "gold.jsonl"


def test_scores_by_field() -> None:
    gold = {"file": "a", "lang": "fa", "agency": "IRNA", "news_code": None, "published": "2023-10-26", "title": "تیتر",
            "countries": ["IRN", "OMN"], "topics": ["sanctions"], "events": [{"type": "meeting", "countries": ["OMN", "IRN"]}],
            "persons": [{"name": "عیسی زارعپور"}], "organizations": []}  # fmt: skip
    predicted = {"lang": "fa", "agency": {"key": "IRNA", "name": "ایرنا"}, "news_code": None, "published": {"date": "2023-10-27"},
                 "title": "تيتر", "countries": [{"code": "IRN"}, {"code": "KAZ"}], "topics": [{"key": "sanctions", "score": 0.5}],
                 "events": [{"type": "meeting", "countries": ["IRN", "OMN"]}], "persons": [{"name": "عیسی زارع پور"}], "organizations": []}  # fmt: skip
    result = score([(gold, predicted)])
    assert result.accuracy("lang") == result.accuracy("agency") == result.accuracy("title") == 1.0  # ي/ی folded
    assert result.accuracy("published") == 0.0
    countries = result.sets["countries"]
    assert (countries.tp, countries.fp, countries.fn) == (1, 1, 1)
    assert countries.f1 == pytest.approx(0.5)
    assert result.sets["events"].f1 == 1.0  # parties compared as sets
    assert result.sets["persons"].f1 == 1.0  # spelling variant of one name


def test_a_rejected_input_counts_as_all_missed() -> None:
    gold = {"file": "a", "lang": "ar", "countries": ["KEN"], "topics": [], "events": [], "persons": [], "organizations": []}
    result = score([(gold, None)])
    assert result.accuracy("lang") == 0.0
    assert result.sets["countries"].recall == 0.0


@pytest.fixture(scope="module")
def gold_result():
    return evaluate_gold(GOLD, dt.date(2026, 1, 1))


def test_gold_set_is_large_enough(gold_result) -> None:
    assert gold_result.articles >= 5


@pytest.mark.parametrize("field", ["countries", "topics", "events", "persons", "organizations"])
def test_gold_f1(gold_result, field: str) -> None:
    assert gold_result.sets[field].f1 >= 0.90, gold_result.errors


@pytest.mark.parametrize("field", ["lang", "agency", "news_code", "published", "title"])
def test_gold_accuracy(gold_result, field: str) -> None:
    assert gold_result.accuracy(field) >= 0.95, gold_result.errors
