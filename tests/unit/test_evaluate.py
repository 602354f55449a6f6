"""``khabar evaluate``: the scorer itself, and the gold set's figures (issue 3 thresholds)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from khabar.devtools.evaluate import evaluate_gold, score

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "gold" / "gold.jsonl"


def test_scores_by_field() -> None:
    gold = {"file": "a", "lang": "fa", "agency": "IRNA", "news_code": None, "published": "2023-10-26", "title": "تیتر",
            "countries": ["IRN", "OMN"], "topics": ["sanctions"], "events": [{"type": "meeting", "countries": ["OMN", "IRN"]}],
            "persons": [{"name": "عیسی زارعپور"}], "organizations": []}  # fmt: skip
    predicted = {"lang": "fa", "agency": {"key": "IRNA", "name": "ایرنا"}, "news_code": None, "published": {"date": "2023-10-27"},
                 "title": "تيتر", "countries": [{"code": "IRN"}, {"code": "KAZ"}], "topics": [{"key": "sanctions", "score": 0.5}],
                 "events": [{"type": "meeting", "countries": ["IRN", "OMN"]}], "persons": [{"name": "عیسی زارع پور"}], "organizations": []}  # fmt: skip
    result = score([(gold, predicted)])
    assert (
        result.accuracy("lang") == result.accuracy("agency") == result.accuracy("title") == 1.0
    )  # ي/ی folded
    assert result.accuracy("published") == 0.0
    countries = result.sets["countries"]
    assert (countries.tp, countries.fp, countries.fn) == (1, 1, 1)
    assert countries.f1 == pytest.approx(0.5)
    assert result.sets["events"].f1 == 1.0  # parties compared as sets
    assert result.sets["persons"].f1 == 1.0  # spelling variant of one name


def test_a_rejected_input_counts_as_all_missed() -> None:
    gold = {
        "file": "a",
        "lang": "ar",
        "countries": ["KEN"],
        "topics": [],
        "events": [],
        "persons": [],
        "organizations": [],
    }
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


CORPUS_GOLD = GOLD.parent / "corpus" / "gold.jsonl"
#: Floors on the hand-annotated real corpus records (tests/fixtures/gold/corpus/README.md),
#: a little under what the extractor scored when the set was added: a regression guard on
#: real general news, which is far harder than the tuned gold above.
CORPUS_FLOORS = {"lang": 1.0, "agency": 0.95, "published": 0.95, "news_code": 0.95, "title": 0.75}
CORPUS_F1_FLOORS = {"countries": 0.7, "events": 0.44, "organizations": 0.8, "persons": 0.63}


@pytest.fixture(scope="module")
def corpus_result():
    if not (GOLD.parents[3].parent / "shared" / "corpus" / "real").is_dir():
        pytest.skip("the real corpus (../shared/corpus/real) is not present")
    return evaluate_gold(CORPUS_GOLD, dt.date(2026, 1, 1))


def test_corpus_gold_covers_the_real_files(corpus_result) -> None:
    assert corpus_result.articles == 30


@pytest.mark.parametrize(("field", "floor"), sorted(CORPUS_FLOORS.items()))
def test_corpus_gold_accuracy(corpus_result, field: str, floor: float) -> None:
    assert corpus_result.accuracy(field) >= floor, corpus_result.errors


@pytest.mark.parametrize(("field", "floor"), sorted(CORPUS_F1_FLOORS.items()))
def test_corpus_gold_f1(corpus_result, field: str, floor: float) -> None:
    assert corpus_result.sets[field].f1 >= floor, corpus_result.errors
