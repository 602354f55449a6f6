"""The HTML report in a real browser: headless Chromium (Debian's package) opens the file with
no network, the charts draw, and the Persian and Arabic labels are there, as SVG text the
browser lays out right to left. A screenshot is taken (docs/report.png comes from it)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from khabar.analytics.charts import CHARTS
from khabar.analytics.report import render
from tests.cdp import require_chromium
from tests.conftest import two_day_lake

pytestmark = pytest.mark.e2e
#: Flags for a root user on a machine with no network (no sandbox, no background fetches).
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--virtual-time-budget=20000",
]  # fmt: skip


@pytest.fixture(scope="module")
def chromium() -> str:
    return require_chromium()


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("html")
    lake = two_day_lake(root, {"empty.txt": b""})
    path = root / "report.html"
    path.write_text(render(str(lake), "html"), encoding="utf-8")
    return path


def browse(chromium: str, page: Path, tmp_path: Path, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *flags, page.as_uri()],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip


def test_the_page_needs_no_network(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=['\"]?https?:", text)
    assert "vegaEmbed" in text and len(text) > 500_000  # the Vega bundle is inlined


def test_charts_draw_with_rtl_labels(chromium: str, page: Path, tmp_path: Path) -> None:
    dom = browse(chromium, page, tmp_path, "--dump-dom").stdout
    for chart_id, _, _ in CHARTS:
        block = re.search(rf"<div[^>]*id=\"chart-{chart_id}\"[^>]*>.*?</svg>", dom, re.S)
        assert block, f"chart {chart_id} did not draw"
        assert 'data-drawn="true"' in block.group(0), chart_id
        assert "<path" in block.group(0) or "<rect" in block.group(0), chart_id
    assert not re.search(r">chart failed: ", dom)
    engagement = re.search(r"id=\"chart-engagement\".*?</svg>", dom, re.S).group(0)
    svg_text = " ".join(re.findall(r"<text[^>]*>([^<]+)</text>", engagement))
    assert "ایران (IRN)" in svg_text and "عمان (OMN)" in svg_text  # Persian country names as axis labels
    people = re.search(r"id=\"chart-people\".*?</svg>", dom, re.S).group(0)
    assert re.search(
        r"<text[^>]*>[^<]*[\u0600-\u06ff][^<]*</text>", people
    )  # officials' names in Persian or Arabic


def test_screenshot(chromium: str, page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    result = browse(chromium, page, tmp_path, f"--screenshot={shot}", "--window-size=1280,2400")
    assert shot.is_file(), result.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 60_000  # charts and tables, not a blank page
    target = os.environ.get(
        "KHABAR_SCREENSHOT"
    )  # where to keep it (docs/report.png when refreshing the docs)
    if target:
        shutil.copy(shot, target)


def test_the_page_has_contents_readable_headers_and_marked_languages(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html><html lang='en' dir='ltr'>")
    toc = re.search(r"<nav class='toc'>(.*?)</nav>", text).group(1)
    anchors = re.findall(r"href='#([^']+)'", toc)
    assert "chart-engagement" in anchors and "section-agreements_timeline" in anchors
    assert all(f"id='{a}'" in text for a in anchors)  # every entry leads somewhere
    assert "<th>ingest date</th>" in text and "ingest_date</th>" not in text  # headers in words
    assert re.search(r"<td class='date'>2025-01-1[56]</td>", text)  # a date stays on one line
    assert re.search(r"<td lang='fa' dir='auto'>[^<]*وزیر", text)  # Persian text marked as such
    assert "<code>(unknown)</code>: the article names no outlet" in text
