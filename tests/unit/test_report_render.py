"""The report's renderers with hostile values: nothing from the data drives a terminal, reorders
the screen, breaks a table row or becomes markup, in any format; the data itself is kept."""

from __future__ import annotations

import csv
import io

import pytest

from khabar.analytics.report import Section, _render_csv, _render_html, _render_text, glob_literal, printable

SUMMARY = {
    "lake": "/data/lake\x1b[2J",
    "articles": 1,
    "stories": 1,
    "inputs": 1,
    "duplicates": 0,
    "quarantined": 0,
    "days": 1,
    "data_docs": None,
}
TITLE = "خبر\u200cها \x1b]0;owned\x07<img src=x onerror=alert(1)>|\u202eevil\u2069\nsecond line"


def sections() -> list[Section]:
    return [Section("Stories", "story_clusters", ["story_id", "title"], [("s1", TITLE)])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("plain", "plain"),
        ("\x1b[31mred", "\ufffd[31mred"),  # ESC
        ("bell\x07", "bell\ufffd"),  # BEL
        ("nul\x00", "nul\ufffd"),
        ("del\x7f", "del\ufffd"),
        ("csi\x9b1m", "csi\ufffd1m"),  # C1 CSI
        ("evil\u202etxt.pdf", "eviltxt.pdf"),  # RLO
        ("\u202bمتن\u202c", "متن"),  # RLE ... PDF, common in scraped Persian: dropped
        ("\u2066a\u2067b\u2068c\u2069", "abc"),  # isolates
        ("می\u200cخواهم", "می\u200cخواهم"),  # ZWNJ is spelling: kept
        ("a\u200fb\u200ec\u061cd", "a\u200fb\u200ec\u061cd"),  # RLM, LRM, ALM: kept
        ("tab\tnew\nline\r", "tab\tnew\nline\r"),  # layout is kept by printable (the tables flatten it)
    ],
)
def test_printable(text: str, expected: str) -> None:
    assert printable(text) == expected


@pytest.mark.parametrize("markdown", [False, True])
def test_text_and_markdown_rows_are_one_safe_line(markdown: bool) -> None:
    out = _render_text(SUMMARY, sections(), markdown=markdown)
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "\u2069" not in out
    assert "\u200c" in out  # the Persian spelling survives
    (row,) = [line for line in out.splitlines() if "s1" in line]
    assert "second line" in row  # the newline in the title did not break the row
    assert "lake: /data/lake\ufffd[2J" in out
    if markdown:
        assert "&lt;img src=x onerror=alert(1)&gt;" in row and "<img" not in row
        assert "\\|" in row
        assert row.count(" | ") == 1  # two cells: the | in the title is escaped


def test_csv_keeps_the_value_but_no_control() -> None:
    out = _render_csv(sections())
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    rows = list(csv.reader(io.StringIO(out)))
    (title,) = [r[3] for r in rows if r[2] == "title"]
    assert (
        title == "خبر\u200cها \ufffd]0;owned\ufffd<img src=x onerror=alert(1)>|evil\nsecond line"
    )  # whole, newline kept


def test_html_escapes_and_drops_controls() -> None:
    out = _render_html(SUMMARY, sections())
    assert "<img src=x" not in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "\x1b" not in out and "\u202e" not in out


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/data/lake", "/data/lake"),
        ("/d/lake[1]", "/d/lake[[]1]"),
        ("/d/*x?", "/d/[*]x[?]"),
        ("s3://b/l[a]", "s3://b/l[[]a]"),
        ("/d/{a,b}", "/d/{a,b}"),
    ],
)
def test_glob_literal(path: str, expected: str) -> None:
    assert glob_literal(path) == expected


def test_chart_data_cannot_close_or_comment_out_its_script() -> None:
    name = "</script><!--<script>alert(1)//"
    out = _render_html(SUMMARY, sections(), charts=[("people", {"data": {"values": [{"name": name}]}})])
    script = out[out.index("const specs = ") :]
    script = script[: script.index("</script>")]
    assert "<" not in script  # nothing in the data can end or bend the script element
    assert "\\u003c/script>\\u003c!--\\u003cscript>alert(1)//" in script  # the name itself, in JSON


def test_chart_tooltips_join_lists_and_keep_null_lists() -> None:
    """A NULL list reaches pandas as None or as pd.NA (DuckDB 2 hands NA): the chart keeps it
    instead of failing the whole HTML report."""
    import pandas as pd

    from khabar.analytics.charts import _lists_as_text

    frame = pd.DataFrame({"parties": [["IRN", "AFG"], pd.NA, None, []], "n": [1, 2, 3, 4]})
    out = _lists_as_text(frame)
    assert out["parties"].iloc[0] == "IRN, AFG"
    assert pd.isna(out["parties"].iloc[1]) and pd.isna(out["parties"].iloc[2])
    assert out["parties"].iloc[3] == ""
    assert list(out["n"]) == [1, 2, 3, 4]
