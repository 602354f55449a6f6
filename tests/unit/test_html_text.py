from __future__ import annotations

import pytest

from khabar.extraction.html_text import html_to_page, looks_like_html


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
    [
        ("", False),
        ("متن ساده بدون برچسب", False),
        ("<p>متن</p>", True),
        ("متن&zwnj;ها", True),
        ("a < b and c > d", False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_furniture_elements_inside_the_article_are_skipped() -> None:
    page = html_to_page(
        """<html><head><title>x</title></head><body>
        <div id="top-bar">یکشنبه ۱ مهر ۱۴۰۳ | سایت نمونه</div>
        <article><div class="breadcrumbs">خانه › اقتصاد</div><h1>دیدار وزیران ارتباطات</h1>
        <figure><img src="a.jpg"><figcaption>عکس: عکاس نمونه</figcaption></figure>
        <div class="article-body"><p>بند اول خبر.</p><p>بند دوم خبر.</p></div>
        <div class="post-tags">برچسب ها: <a>فیبر</a></div><div class="share-buttons">اشتراک: <a>تلگرام</a></div>
        <div class="app-promo">اپلیکیشن ما را نصب کنید</div></article>
        <section class="related-news"><h3>اخبار مرتبط</h3><ul><li><a>خبر دیگر</a></li></ul></section>
        <section class="comments"><h3>نظرات</h3><p>نظر خواننده</p></section></body></html>"""
    )
    assert page.text.splitlines() == [
        "دیدار وزیران ارتباطات",
        "بند اول خبر.",
        "بند دوم خبر.",
        "نظرات",
        "نظر خواننده",
    ]


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        # <title> minus the site's name and the section label
        (
            '<title>ایران و ترکیه فیبر نوری را گسترش می‌دهند | اقتصاد | سایت نمونه</title><meta property="og:site_name" content="سایت نمونه">',
            "<p>متن.</p>",
            "ایران و ترکیه فیبر نوری را گسترش می‌دهند",
        ),
        (
            "<title>الأردن والعراق يبحثان الربط - وكالة الأنباء النموذجية</title>",
            "<p>نص.</p>",
            "الأردن والعراق يبحثان الربط",
        ),
        # a «-» inside the headline stays
        (
            "<title>اتصال فیبر نوری میرجاوه - تفتان برقرار شد</title>",
            "<p>متن.</p>",
            "اتصال فیبر نوری میرجاوه - تفتان برقرار شد",
        ),
        # og:title before <title>
        (
            '<title>تیتر | سایت</title><meta property="og:title" content="تیتر کامل خبر امروز">',
            "<p>متن.</p>",
            "تیتر کامل خبر امروز",
        ),
        # the logo <h1> is not the headline: the <h1> that og:title repeats is
        (
            '<meta property="og:title" content="امضای تفاهم‌نامه فضایی"><meta property="og:site_name" content="خبرگزاری نمونه">',
            '<h1 class="logo">خبرگزاری نمونه</h1><h1>امضای تفاهم‌نامه فضایی</h1><p>متن.</p>',
            "امضای تفاهم‌نامه فضایی",
        ),
    ],
)
def test_headline_of_the_page(head: str, body: str, title: str) -> None:
    assert html_to_page(f"<html><head>{head}</head><body>{body}</body></html>").title == title


def test_furniture_filter_falls_back_when_it_takes_the_article() -> None:
    paragraph = "بند خبر درباره همکاری دو کشور در حوزه ارتباطات و فناوری اطلاعات است. " * 6
    page = html_to_page(
        f'<html><body><div class="sidebar-layout"><h1>تیتر</h1><p>{paragraph}</p></div></body></html>'
    )
    assert "همکاری دو کشور" in page.text


_BODY = (
    "<p>" + " ".join(["وزیر ارتباطات در دیدار با همتای خود درباره شبکه فیبر نوری گفت‌وگو کرد."] * 5) + "</p>"
)


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # the article's <time datetime> in a byline (a furniture element: its text is skipped, its stamp is not)
        (
            f'<article><h1>خبر</h1><div class="byline">نویسنده: نمونه | <time datetime="2025-03-02T09:15:00+04:30">۱۲ حوت ۱۴۰۳</time></div>{_BODY}</article>',
            "2025-03-02T09:15:00+04:30",
        ),
        # Arabic page: a related item's and a comment's <time> come first in the markup but are not the article's
        (
            f'<aside><time datetime="2024-11-01">١ نوفمبر</time></aside><div class="related-news"><time datetime="2024-11-02">قبل يوم</time></div>'
            f'<article><h1>خبر</h1><span class="date"><time datetime="2024-11-05T10:00:00+03:00">5 نوفمبر 2024</time></span>{_BODY}'
            f'<div class="comments"><time datetime="2024-11-06">تعليق</time></div></article>',
            "2024-11-05T10:00:00+03:00",
        ),
        # itemprop="datePublished" beats an earlier plain <time> and an update stamp
        (
            f'<header><time datetime="2025-01-07">امروز</time></header><article><h1>خبر</h1><time class="updated" datetime="2025-01-08">ويرايش</time>'
            f'<time datetime="2025-01-01">x</time><time itemprop="datePublished" datetime="2025-01-06T14:25">۱۷ دی ۱۴۰۳</time>{_BODY}</article>',
            "2025-01-06T14:25",
        ),
        # schema.org JSON-LD of the page (Dari page)
        (
            f'<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "2024-04-01T08:00:00+04:30"}}</script><h1>خبر</h1>{_BODY}',
            "2024-04-01T08:00:00+04:30",
        ),
        # no date evidence of the article: only a top bar's and a comment's
        (
            f'<div class="top-bar"><time datetime="2025-01-07">امروز</time></div><h1>خبر</h1>{_BODY}<div class="comment"><time datetime="2025-01-08">x</time></div>',
            None,
        ),
    ],
)
def test_published_time_of_the_article_only(markup: str, expected: str | None) -> None:
    assert (
        html_to_page(f"<html><head><title>خبر</title></head><body>{markup}</body></html>").published
        == expected
    )


@pytest.mark.parametrize("cls", ["comment-author", "comment_meta author", "reply-byline"])
def test_a_comments_author_element_is_kept(cls: str) -> None:
    page = html_to_page(
        f'<html><body><h1>خبر</h1>{_BODY}<section class="comments"><h3>التعليقات (1)</h3>'
        f'<div class="comment"><span class="{cls}">أبو سامي</span> <time datetime="2024-06-18T20:15">18/6/2024 8:15 م</time><p>تعليق قصير.</p></div></section></body></html>'
    )
    assert "أبو سامي" in page.text
