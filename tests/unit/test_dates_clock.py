"""The time beside a date on a 12-hour clock (Arabic «ص/م», Persian «ق.ظ/ب.ظ»), written for the test."""

from __future__ import annotations

import pytest

from khabar.extraction.dates import find_dates


@pytest.mark.parametrize(
    ("text", "lang", "time"),
    [
        ("18/6/2024 8:15 م", "ar", "20:15"),
        ("الثلاثاء 17 سبتمبر 2024 - ٠١:٠٥ م", "ar", "13:05"),
        ("5 فبراير 2024 الساعة 9:40 مساءً", "ar", "21:40"),
        ("5 فبراير 2024 الساعة 12:10 ص", "ar", "00:10"),
        ("5 فبراير 2024 الساعة 12:10 م", "ar", "12:10"),
        ("5 فبراير 2024 - 10:20", "ar", "10:20"),
        ("۱ بهمن ۱۴۰۳ ساعت ۳:۲۰ ب.ظ", "fa", "15:20"),
        ("۱ بهمن ۱۴۰۳ ساعت ۹:۲۰ ق.ظ", "fa", "09:20"),
        ("۲۰ حمل ۱۴۰۳ - ۰۴:۳۰ بعد از ظهر", "prs", "16:30"),
        ("۲۰ حمل ۱۴۰۳ - ۱۸:۳۰", "prs", "18:30"),
        ("22 فبراير 2024 م - 10:20", "ar", "10:20"),  # «م» of the year (Gregorian era), not of the time
    ],
)
def test_twelve_hour_clock(text: str, lang: str, time: str) -> None:
    assert find_dates(text, lang)[0].time == time
