from __future__ import annotations

import pytest

from khabar.html_text import html_to_page, looks_like_html


def test_page_text_title_and_date() -> None:
    page = html_to_page(
        """<html><head><title>سایت | خبر</title>
        <meta property="article:published_time" content="2023-10-26T16:45:00+03:30">
        <meta property="og:site_name" content="ایرنا">
        <style>p{color:red}</style><script>alert("x")</script></head>
        <body><header>سربرگ</header><nav><a>خانه</a></nav>
        <h1>دیدار وزیران</h1><p>بند اول&nbsp;خبر.</p><div>بند دوم<br>ادامه</div>
        <aside>اخبار مرتبط</aside><footer>کپی رایت</footer></body></html>"""
    )
    assert page.title == "دیدار وزیران"
    assert page.published == "2023-10-26T16:45:00+03:30"
    assert page.site_name == "ایرنا"
    assert page.text.splitlines() == ["دیدار وزیران", "بند اول خبر.", "بند دوم", "ادامه"]
    for hidden in ("alert", "color", "سربرگ", "خانه", "اخبار مرتبط", "کپی رایت"):
        assert hidden not in page.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", False), ("متن ساده بدون برچسب", False), ("<p>متن</p>", True), ("متن&zwnj;ها", True), ("a < b and c > d", False)],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected
