"""The Data Docs' safety pieces one by one (``khabar.lake.data_docs``, ``quality.docs_run_name``):
values escaped, CDN links turned into the shipped copies, run names. The whole site is tested
in ``tests/e2e/test_attacks_report.py``."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import great_expectations
import pytest

from khabar.lake import data_docs
from khabar.lake.quality import docs_run_name

GX_TEMPLATES = Path(great_expectations.__file__).parent / "render" / "view" / "templates"


def test_every_cdn_resource_of_gx_templates_has_a_shipped_copy() -> None:
    """A GX upgrade that loads something new from the web fails here, not in a user's browser."""
    urls = set()
    for template in ("page.j2", "page_minimal.j2", "index_page.j2", "js_script_imports.j2"):
        text = (GX_TEMPLATES / template).read_text(encoding="utf-8")
        urls |= set(re.findall(r"<(?:script|link)\b[^>]*?\b(?:src|href)=\"(https?://[^\"]+)\"", text))
    assert urls
    missing = {u for u in urls if u not in data_docs.CDN_COPIES and not data_docs.UNUSED.match(u)}
    assert not missing
    for local in data_docs.CDN_COPIES.values():
        assert (data_docs.ASSETS / local).is_file(), local
    for licence in (
        "bootstrap",
        "jquery",
        "popper.js",
        "bootstrap-table",
        "bootstrap-datepicker",
        "bootstrap-dark",
        "fontawesome-free",
    ):
        assert (data_docs.ASSETS / "LICENSES" / f"{licence}.txt").is_file(), licence


PAGE = """<html><head>
<link rel="stylesheet" href="https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css"/>
<script src="https://cdn.jsdelivr.net/npm/vega@5"></script>
<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>
<script src="https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js" integrity="sha384-x" crossorigin="anonymous"></script>
<script src="https://example.org/tracker.js"></script>
<link rel="preconnect" href="https://fonts.example.org">
<link rel="shortcut icon" href="../../../../static/images/favicon.ico" type="image/x-icon"/>
<style>.x { background: url('https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/full_logo_dark.png') 0 0; }
.y { background: url(https://example.org/pixel.gif) }</style>
</head><body>
<img
  class="NO-CACHE"
  src="https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/logo-long.png?d=20250115T000000Z&dataContextId=1"
  alt="Great Expectations"/>
<img src="https://example.org/beacon.png">
<a href="https://greatexpectations.io">Great Expectations</a>
<p>&lt;script src="https://example.org/x.js"&gt;&lt;/script&gt;</p>
</body></html>"""


def test_offline_page_points_at_the_copies_at_the_pages_depth(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="khabar.lake.data_docs"):
        page = data_docs.offline_page(PAGE, 5)
    up = "../../../../../"
    assert f'<link rel="stylesheet" href="{up}static/khabar/css/bootstrap.min.css"/>' in page
    assert f'<script src="{up}static/khabar/js/jquery.min.js"></script>' in page
    assert (
        f'<script src="{up}static/khabar/js/popper.min.js"></script>' in page
    )  # no SRI/CORS attributes on a local file
    assert (
        f'src="{up}static/images/logo-long.png"' in page and f"url('{up}static/images/logo-long.png')" in page
    )
    assert f'href="{up}static/images/favicon.ico"' in page  # GX's one-folder-short link, at the right depth
    assert "background: url(none)" not in page and "background: none" in page
    assert not re.search(r"<(script|link|img)\b[^>]*(src|href)=\"https?:", page)
    assert '<a href="https://greatexpectations.io">' in page  # a link a person may follow is not a load
    assert '&lt;script src="https://example.org/x.js"&gt;' in page  # escaped text stays text
    dropped = " ".join(r.getMessage() for r in caplog.records)
    assert (
        "tracker.js" in dropped
        and "beacon.png" in dropped
        and "pixel.gif" in dropped
        and "fonts.example.org" in dropped
    )
    assert "vega" not in dropped  # known and unused: dropped silently


def test_offline_page_at_the_root() -> None:
    page = data_docs.offline_page(PAGE, 0)
    assert '<script src="static/khabar/js/jquery.min.js"></script>' in page
    assert 'href="static/images/favicon.ico"' in page


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("a \"quoted\" 'value' & more", "a &quot;quoted&quot; &#x27;value&#x27; &amp; more"),
        ("plain", "plain"),
        (["/a.zip!/<b>.txt", 0, None], ["/a.zip!/&lt;b&gt;.txt", "0", "None"]),
        ([["<i>"]], ["[&#x27;&lt;i&gt;&#x27;]"]),
        (7, 7),
        (None, None),
        (
            {"content_block_type": "string_template", "string_template": {"template": "<b>$x</b>"}},
            {"content_block_type": "string_template", "string_template": {"template": "<b>$x</b>"}},
        ),
        (
            'Failed expectations <span class="mr-3 triangle"></span>',
            'Failed expectations <span class="mr-3 triangle"></span>',
        ),  # GX's own header
    ],
)
def test_plain_values_are_escaped_blocks_are_left_to_gx(block: object, expected: object) -> None:
    assert data_docs._escaped(block) == expected


@pytest.mark.parametrize(
    ("run_id", "expected"),
    [
        ("cli-20250115T000000-abc123", "2025-01-15_cli-20250115T000000-abc123"),
        ("manual__2025-01-15T00:00:00+00:00", "2025-01-15_manual__2025-01-15T00_00_00+00_00"),
        ("../../etc/<x>", "2025-01-15_.._.._etc__x_"),
        ("اجرا", "2025-01-15_____"),
    ],
)
def test_docs_run_name(run_id: str, expected: str) -> None:
    assert docs_run_name("2025-01-15", run_id) == expected


def test_an_exception_traceback_is_escaped_once() -> None:
    """GX puts a traceback in the template of a string template, which it does not escape; an
    exception's text can quote a value ("invalid literal: '<img ...>'")."""
    block = {
        "content_block_type": "collapse",
        "collapse_toggle_link": "Show exception traceback...",
        "collapse": [
            {
                "content_block_type": "string_template",
                "string_template": {"template": "ValueError: '<img src=x onerror=alert(1)>'", "tag": "code"},
            }
        ],
    }
    once = data_docs._escaped(block)
    data_docs._escaped(once)
    assert (
        once["collapse"][0]["string_template"]["template"]
        == "ValueError: &#x27;&lt;img src=x onerror=alert(1)&gt;&#x27;"
    )
