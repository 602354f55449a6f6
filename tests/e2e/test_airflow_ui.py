"""khabar inside the Airflow UI: the plugin (plugins/khabar_plugin.py) served by a real
``airflow api-server`` on loopback, with Airflow's simple auth manager and one viewer account.

A request without a session is refused; with a token every page answers with the lake's data;
and headless Chromium logs in through Airflow's own form, opens the khabar view from the
navigation, sees the report's charts drawn and a quarantined input listed. Screenshots are
taken (docs/airflow-khabar-view.png and docs/airflow-khabar-quarantine.png come from them)."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

import pytest

from khabar.analytics.charts import CHARTS
from khabar.analytics.report import write_daily_report, write_lake_report
from khabar.pipeline.daily import safe_run_id
from tests.cdp import Browser, require_chromium
from tests.conftest import two_day_lake
from tests.integration.services import Airflow, free_port, wait_for

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parents[2]
USER, PASSWORD = "analyst", "a-long-test-password"
DAILY_RUN = "scheduled__2025-01-16T00:00:00+00:00"
BROKEN = b'{"title": "not closed'


@pytest.fixture(scope="module")
def lake(tmp_path_factory) -> Path:
    lake = two_day_lake(tmp_path_factory.mktemp("ui"), {"broken.json": BROKEN}, run_id=safe_run_id(DAILY_RUN))
    for date in ("2025-01-15", "2025-01-16"):
        write_daily_report(str(lake), date)
    write_lake_report(str(lake))
    return lake


@pytest.fixture(scope="module")
def server(lake: Path, tmp_path_factory):
    """``airflow api-server`` on 127.0.0.1 with the khabar plugin; yields its base URL."""
    home = tmp_path_factory.mktemp("airflow-home")
    passwords = home / "passwords.json"
    passwords.write_text(json.dumps({USER: PASSWORD}), encoding="utf-8")
    port = free_port()
    env = {
        **os.environ,
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(home / "no-dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{USER}:viewer",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(passwords),
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__API_AUTH__JWT_SECRET": "khabar-ui-test-secret-of-sufficient-length",
        "GX_ANALYTICS_ENABLED": "False",
        "KHABAR_LAKE": str(lake),
    }
    env.pop("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS", None)
    airflow = Airflow(home, env, str(Path(sys.executable).parent / "airflow"))
    try:
        airflow.cli("db", "migrate", timeout=600)
        airflow.start("api-server", "api-server", "--host", "127.0.0.1", "--port", str(port))
        base = f"http://127.0.0.1:{port}"
        wait_for(
            lambda: get(f"{base}/api/v2/monitor/health")[0] == 200,
            "the API server",
            180,
            home / "api-server.log",
        )
        yield base
    finally:
        airflow.stop()


def get(url: str, token: str | None = None) -> tuple[int, bytes, Message]:
    """GET without following redirects: status, body, headers (case-insensitive)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=60) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


@pytest.fixture(scope="module")
def token(server: str) -> str:
    request = urllib.request.Request(
        f"{server}/auth/token",
        data=json.dumps({"username": USER, "password": PASSWORD}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())["access_token"]


def download_path(page: str) -> str:
    return re.search(r"href='(/khabar/quarantine/2025-01-16/[0-9a-f]{64})'", page).group(1)


def test_a_request_without_a_session_is_refused(server: str, token: str) -> None:
    page = get(f"{server}/khabar/quarantine", token)[1].decode()
    for path in (
        "/khabar/",
        "/khabar/quarantine",
        download_path(page),
        "/khabar/_reports/latest.html",
        "/khabar/_quality/index.html",
        "/khabar/people",
    ):
        status, body, _ = get(server + path)
        assert status == 401, path  # Airflow's own authentication guards every route of the plugin
        assert b"quarantine" not in body.lower() and b"<table" not in body
        assert get(server + path, "not.a.token")[0] == 403, path


def test_the_khabar_pages_show_the_lake(server: str, token: str) -> None:
    status, body, _ = get(f"{server}/khabar/", token)
    overview = body.decode()
    assert status == 200
    assert re.search(
        r"<td dir='auto'>articles</td>.*?<td class='num'>1</td><td class='num'>5</td>", overview
    )  # 1 partition, 5 articles
    assert "/khabar/_reports/2025-01-16.html" in overview and "whole lake" in overview
    quarantine = get(f"{server}/khabar/quarantine", token)[1].decode()
    assert "malformed_json" in quarantine and "broken.json" in quarantine
    status, original, headers = get(server + download_path(quarantine), token)
    assert (status, original) == (200, BROKEN)  # the bytes as they arrived
    assert headers["Content-Disposition"] == "attachment; filename*=UTF-8''broken.json"
    people = get(f"{server}/khabar/people?q={urllib.request.quote('زارع')}", token)[1].decode()
    assert "عیسی زارعپور" in people and "وزیر ارتباطات" in people  # the minister, found by part of his name
    assert "(none)" in get(f"{server}/khabar/people?q=nobody-of-that-name", token)[1].decode()
    organizations = get(f"{server}/khabar/organizations", token)[1].decode()
    assert "ITU" in organizations and "اتحادیه جهانی مخابرات" in organizations
    report = get(f"{server}/khabar/_reports/latest.html", token)[1].decode()
    assert "href='../_quality/index.html'" in report  # the Data Docs, relative: here as in the lake's file
    assert get(f"{server}/khabar/_quality/index.html", token)[0] == 200
    assert get(f"{server}/khabar/_quality/%2e%2e/%2e%2e/etc/passwd", token)[0] == 404
    assert get(f"{server}/khabar/quarantine?day=yesterday", token)[0] == 400


def test_a_daily_run_links_to_its_report(server: str, token: str) -> None:
    status, _, headers = get(
        f"{server}/khabar/run?dag_id=khabar_daily&run_id={urllib.request.quote(DAILY_RUN)}", token
    )
    assert (status, headers["location"]) == (307, "/khabar/_reports/2025-01-16.html")
    assert (
        get(f"{server}/khabar/run?dag_id=khabar_report&run_id=any", token)[2]["location"]
        == "/khabar/_reports/latest.html"
    )
    status, body, _ = get(f"{server}/khabar/run?dag_id=khabar_daily&run_id=manual__2030-01-01", token)
    assert status == 404 and b"No khabar report" in body
    plugins = json.loads(get(f"{server}/api/v2/plugins", token)[1])["plugins"]
    khabar = next(p for p in plugins if p["name"] == "khabar")
    assert {(v["destination"], v["href"]) for v in khabar["external_views"]} == {
        ("nav", "/khabar/"), ("dag_run", "/khabar/run?dag_id={DAG_ID}&run_id={RUN_ID}"),
    }  # fmt: skip


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    opened = Browser(require_chromium(), tmp_path_factory.mktemp("chromium"))
    yield opened
    opened.close()


FRAME = "document.querySelector('iframe[title=khabar]').contentDocument"


def test_an_analyst_logs_in_and_reads_the_report_in_airflow(
    server: str, browser: Browser, tmp_path: Path
) -> None:
    browser.goto(f"{server}/auth/login/?next={server}/")
    browser.wait_for("document.querySelectorAll('input[name=username], input[name=password]').length === 2")
    for name, text in (("username", USER), ("password", PASSWORD)):
        browser.evaluate(f"document.querySelector('input[name={name}]').focus()")
        browser.send("Input.insertText", text=text)
    browser.evaluate("document.querySelector('button[type=submit]').click()")
    # Airflow's home page, then Browse › khabar in its navigation
    browser.wait_for(
        "Array.from(document.querySelectorAll('button')).some(b => b.innerText.trim() === 'Browse')"
    )
    browser.evaluate(
        "Array.from(document.querySelectorAll('button')).find(b => b.innerText.trim() === 'Browse').click()"
    )
    browser.wait_for("Array.from(document.querySelectorAll('a')).some(a => a.innerText.trim() === 'khabar')")
    browser.evaluate(
        "Array.from(document.querySelectorAll('a')).find(a => a.innerText.trim() === 'khabar').click()"
    )
    browser.wait_for("location.pathname.startsWith('/plugin/khabar')")
    assert (
        browser.wait_for(f"{FRAME} && {FRAME}.querySelector('h1') && {FRAME}.querySelector('h1').textContent")
        == "khabar lake"
    )
    assert "2025-01-16" in browser.evaluate(f"{FRAME}.body.innerText")  # the lake's last partition and report
    keep(browser, tmp_path / "view.png", "KHABAR_UI_SCREENSHOT")
    # the report, opened from the view's own link: every chart drawn
    browser.evaluate(
        f"Array.from({FRAME}.querySelectorAll('nav a')).find(a => a.textContent === 'Report').click()"
    )
    for chart_id, _, _ in CHARTS:
        browser.wait_for(f"!!{FRAME}.querySelector('#chart-{chart_id}[data-drawn=true] svg')", 90)
    assert not browser.evaluate(f"{FRAME}.body.innerText.includes('chart failed')")
    # back to the view, then its quarantine browser: the malformed input with its download
    browser.evaluate("document.querySelector('iframe[title=khabar]').contentWindow.history.back()")
    browser.wait_for(
        f"{FRAME}.querySelector('h1') && {FRAME}.querySelector('h1').textContent === 'khabar lake'"
    )
    browser.evaluate(
        f"Array.from({FRAME}.querySelectorAll('nav a')).find(a => a.textContent === 'Quarantine').click()"
    )
    browser.wait_for(
        f"{FRAME}.querySelector('h1') && {FRAME}.querySelector('h1').textContent === 'Quarantine'"
    )
    row = browser.wait_for(
        f"{FRAME}.querySelector('table:last-of-type tr:nth-child(2)') && {FRAME}.querySelector('table:last-of-type tr:nth-child(2)').innerText"
    )
    assert "malformed_json" in row and "broken.json" in row and "download" in row
    keep(browser, tmp_path / "quarantine.png", "KHABAR_UI_QUARANTINE_SCREENSHOT")


def keep(browser: Browser, shot: Path, variable: str) -> None:
    browser.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    target = os.environ.get(variable)  # where to keep it (docs/ when refreshing the docs)
    if target:
        shutil.copy(shot, target)
