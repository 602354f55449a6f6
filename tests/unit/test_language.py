from __future__ import annotations

import json

import pytest

from khabar.extraction.language import detect_language
from tests.conftest import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("Breaking news from Tehran", None),  # not Arabic script
        ("وزیر مخابرات و تکنالوژی معلوماتی از سکتور مخابرات بازدید کرد", "prs"),
        ("ریاست مخابرات ولایت هرات پروژه فایبر نوری را در ولسوالی ها تکمیل کرد", "prs"),
        ("وزیر ارتباطات و فناوری اطلاعات به مسقط سفر کرد و گفت که این سفر مهم است", "fa"),
        ("وزير الاتصالات التقى نظيره في الجزائر خلال زيارة رسمية", "ar"),
        # Old Iranian sites type Arabic ي/ك: still Persian, not Arabic.
        ("وزير ارتباطات گفت كه اين طرح براي توسعه اينترنت است", "fa"),
        # Dari written with a Dari month name in its dateline.
        ("کابل، ۱۲ حمل ۱۴۰۳: وزارت معارف اعلام کرد که مکاتب باز می شود", "prs"),
    ],
)
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("seed", "lang"),
    [(SEED_000, "prs"), (SEED_001, "fa"), (SEED_002, "fa"), (SEED_003, "ar"), (SEED_004, "fa")],
)
def test_seed_languages(seed, lang: str) -> None:
    assert detect_language(seed.read_text(encoding="utf-8")) == lang


@pytest.mark.corpus
def test_language_accuracy_on_real_corpus(corpus) -> None:
    """fa and ar labels of the real corpus; every Dari text must come out as prs."""
    total = correct = 0
    dari_wrong = []
    for path in sorted(corpus.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            got = detect_language((record.get("title") or "") + "\n" + record["text"])
            total += 1
            correct += got == record["lang"]
            if record["lang"] == "prs" and got != "prs":
                dari_wrong.append(record["id"])
    assert total > 5000
    assert correct / total >= 0.995
    assert dari_wrong == []
