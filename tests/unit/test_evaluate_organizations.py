"""``khabar evaluate``: organisations match gold values as the evaluation sets' scorer does."""

from __future__ import annotations

import pytest

from khabar.devtools.evaluate import score


def org_counts(gold: list[str], predicted: list[dict[str, str]]) -> tuple[int, int, int]:
    result = score([({"file": "a", "organizations": gold}, {"organizations": predicted})])
    s = result.sets["organizations"]
    return s.tp, s.fp, s.fn


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        # a gold value written as the gazetteer writes the key's body (Arabic and Persian names of EU, IMF)
        (
            ["الاتحاد الأوروبي", "صندوق النقد الدولي"],
            [{"key": "EU", "name": "الاتحاد الأوروبي"}, {"key": "IMF", "name": "لصندوق النقد الدولي"}],
            (2, 0, 0),
        ),
        (
            ["اتحاديه اروپا"],
            [{"key": "EU", "name": "اتحادیه اروپای"}],
            (1, 0, 0),
        ),  # Arabic ي in the gold, ezafe in the text
        (["اپل"], [{"key": "Apple", "name": "Apple"}], (1, 0, 0)),
        # an open-set name: key folded, name as written; the gold matches either
        (
            ["الشركة السعودية للكهرباء"],
            [{"key": "الشرکه السعودیه للکهرباء", "name": "الشركة السعودية للكهرباء"}],
            (1, 0, 0),
        ),
        (["رایکا افزار پارس"], [{"key": "رایکا افزار پارس", "name": "شرکت رايكا افزار پارس"}], (1, 0, 0)),
        (["بانک‌ ملت"], [{"key": "Bank Mellat", "name": "بانک ملت"}], (1, 0, 0)),  # ZWNJ and spaces
        # the gold's own keys still match
        (
            ["Omantel", "ITU"],
            [{"key": "Omantel", "name": "عمانتل"}, {"key": "ITU", "name": "ITU"}],
            (2, 0, 0),
        ),
        # another body of the same umbrella is no match; a ministry is never counted
        (["UN"], [{"key": "UNSC", "name": "مجلس الأمن"}], (0, 1, 1)),
        ([], [{"key": "وزارت ارتباطات", "name": "وزارت ارتباطات"}], (0, 0, 0)),
        # one prediction matches one gold value
        (["EU", "الاتحاد الأوروبي"], [{"key": "EU", "name": "الاتحاد الأوروبي"}], (1, 0, 1)),
    ],
)
def test_organizations_match_key_name_or_gazetteer_form(
    gold: list[str], predicted: list[dict[str, str]], expected: tuple[int, int, int]
) -> None:
    assert org_counts(gold, predicted) == expected
