"""The extraction record of each seed: the values an analyst checks first."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.extraction.extract import content_id, extract_text
from tests.conftest import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004

INGEST = dt.date(2025, 1, 15)


def record(seed) -> dict:
    return extract_text(seed.read_text(encoding="utf-8"), str(seed), ingest_date=INGEST).to_record()


def codes(rec: dict) -> set[str]:
    return {c["code"] for c in rec["countries"]}


def test_seed_002() -> None:
    rec = record(SEED_002)
    assert rec["lang"] == "fa"
    assert rec["published"] == {
        "date": "2023-10-26",
        "time": "16:45",
        "calendar": "solar_hijri",
        "raw": "1402/08/04",
    }
    assert rec["news_code"] == "101870"
    assert codes(rec) == {"IRN", "OMN"}
    assert rec["agency"]["key"] == "ILNA"
    assert "انتهای پیام" not in rec["body"]
    assert rec["title"] == "تاکید بر تسریع اجرایی شدن توافقات تهران-مسقط در حوزه ارتباطات"
    assert {"data_transit", "submarine_cables", "data_centers", "digital_government", "postal_services"} <= {
        t["key"] for t in rec["topics"]
    }
    assert ("meeting", ["IRN", "OMN"]) in [(e["type"], e["countries"]) for e in rec["events"]]
    assert {p["name"] for p in rec["persons"]} == {"عیسی زارعپور", "سعیدبن حمود المعولی"}
    assert {o["key"] for o in rec["organizations"]} == {"Omantel", "TIC"}


def test_seed_000() -> None:
    rec = record(SEED_000)
    assert rec["lang"] == "prs"
    assert codes(rec) == {"AFG", "KAZ"}
    assert rec["agency"] is None  # a ministry press release names no outlet
    assert rec["published"] is None
    assert {"fiber_optic", "digital_government", "cybersecurity"} <= {t["key"] for t in rec["topics"]}
    assert {"meeting", "invitation"} <= {e["type"] for e in rec["events"]}
    assert rec["quantities"] == [{"value": 94.0, "unit": "percent", "surface": "۹۴ ٪ خدمات"}]
    kashevich = [p for p in rec["persons"] if "کاشویچ" in p["name"]]
    assert len(kashevich) == 1 and kashevich[0]["country"] == "KAZ"  # two spellings, one person


def test_seed_003() -> None:
    rec = record(SEED_003)
    assert rec["lang"] == "ar"
    assert codes(rec) == {"IRN", "KEN", "DZA"}
    assert rec["title"] is None
    assert rec["agency"]["key"] == "Mehr"
    assert "ی" not in rec["body"] and "ک" not in rec["body"]  # Arabic stays Arabic
    pairs = {tuple(e["countries"]) for e in rec["events"] if e["type"] == "meeting"}
    assert ("DZA", "IRN") in pairs and ("IRN", "KEN") in pairs
    assert {"digital_government", "digital_economy", "cybersecurity", "space_satellite"} <= {
        t["key"] for t in rec["topics"]
    }
    assert {(q["value"], q["unit"]) for q in rec["quantities"]} == {(10.0, "percent"), (2400.0, "count")}


def test_seed_004() -> None:
    rec = record(SEED_004)
    assert rec["lang"] == "fa"
    assert rec["agency"]["key"] == "YJC"
    assert rec["published"] is None  # the reader comment's date is not the article's
    # comment text is normalised like the body (hazm drops the tanwin of «لطفاً»)
    assert rec["comments"] == [
        {
            "author": "میلاد",
            "posted_at": "2019-12-06T14:56",
            "text": "اینترنت سیستان و بلوچستان هنوز قطع است لطفا پیگیری شود",
        }
    ]
    assert "سیستان" not in rec["body"]
    assert {"IRN", "AZE", "AFG"} <= codes(rec)
    assert {o["key"] for o in rec["organizations"]} == {"ITU"}
    assert "sanctions" in {t["key"] for t in rec["topics"]}


def test_seed_001() -> None:
    rec = record(SEED_001)
    assert rec["kicker"] == "در نخستین روز از اجلاس اسکاپ صورت گرفت"
    assert rec["title"] == "پیگیری دیپلماسی فناوری در قزاقستان"
    assert codes(rec) == {"KAZ", "KGZ", "IRN"}  # «بغداد موسیم» is a person, not Iraq
    assert {"ESCAP", "Kazakhtelecom"} <= {o["key"] for o in rec["organizations"]}
    assert {"mou", "working_group"} <= {e["type"] for e in rec["events"]}


@pytest.mark.parametrize("seed", [SEED_000, SEED_001, SEED_002, SEED_003, SEED_004])
def test_record_fields_and_offsets(seed) -> None:
    ex = extract_text(seed.read_text(encoding="utf-8"), str(seed), ingest_date=INGEST)
    rec = ex.to_record()
    assert set(rec) == {
        "article_id", "source_uri", "lang", "ict", "kicker", "title", "lead", "body", "agency", "news_code",
        "published", "countries", "persons", "organizations", "topics", "events", "quantities", "comments",
    }  # fmt: skip
    assert isinstance(rec["ict"], bool)
    assert all(set(p) == {"key", "name", "role", "country"} for p in rec["persons"])  # SPEC §4
    for mention in ex.mentions:
        assert ex.body[mention["start"] : mention["end"]] == mention["surface"]
    for event in ex.events:
        assert ex.body[event.start : event.end] == event.evidence
    assert rec["lead"] and rec["body"].startswith(rec["lead"])


def test_same_text_with_other_spacing_has_the_same_id() -> None:
    text = SEED_002.read_text(encoding="utf-8")
    spaced = text.replace(" ", "  ").replace("\n", "\n\n")
    assert extract_text(text, "a").article_id == extract_text(spaced, "b").article_id
    assert content_id("الف") != content_id("ب")


def test_seed_003_has_no_three_way_meeting() -> None:
    """A sentence naming two counterparts of one minister is two bilateral meetings."""
    rec = record(SEED_003)
    assert all(len(e["countries"]) == 2 for e in rec["events"])
    assert {tuple(e["countries"]) for e in rec["events"]} == {("DZA", "IRN"), ("IRN", "KEN")}


def test_seed_001_meetings_include_the_reporting_side() -> None:
    """The Iranian minister's separate meetings with Kazakh and Kyrgyz counterparts."""
    rec = record(SEED_001)
    meetings = {tuple(e["countries"]) for e in rec["events"] if e["type"] == "meeting"}
    assert meetings == {("IRN", "KAZ"), ("IRN", "KGZ")}
