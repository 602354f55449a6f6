"""`make airflow` / `make stop` (tools/airflow_local.py) on a fresh Airflow home: the components
start on loopback with the machine's parallelism, the UI answers with the printed password,
khabar_report is not paused, and stop leaves no process behind."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.integration.services import free_port

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parents[2]


def listening_ports(pids: set[int]) -> set[tuple[str, int]]:
    """(address, port) of the TCP sockets these processes listen on (from /proc)."""
    inodes = set()
    for pid in pids:
        with_fd = Path(f"/proc/{pid}/fd")
        for fd in with_fd.glob("*") if with_fd.exists() else []:
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    found = set()
    for table, v6 in (("/proc/net/tcp", False), ("/proc/net/tcp6", True)):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # LISTEN
                address, port = fields[1].split(":")
                found.add(
                    (
                        "v6:" + address
                        if v6
                        else ".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0)),
                        int(port, 16),
                    )
                )
    return found


def group_members(pgids: set[int]) -> set[int]:
    members = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) in pgids:
            members.add(int(stat.parent.name))
    return members


def test_make_airflow_starts_on_loopback_and_make_stop_stops_everything(tmp_path: Path) -> None:
    home = tmp_path / "home"
    port = free_port()
    env = {
        **os.environ, "AIRFLOW_HOME": str(home), "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"), "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False", "KHABAR_AIRFLOW_PORT": str(port), "KHABAR_LAKE": str(tmp_path / "lake"),
        "KHABAR_LANDING": str(tmp_path / "landing"), "GX_ANALYTICS_ENABLED": "False",
    }  # fmt: skip
    env.pop("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS", None)
    airflow = str(Path(sys.executable).parent / "airflow")
    subprocess.run([airflow, "db", "migrate"], env=env, check=True, capture_output=True, timeout=600)
    tool = [sys.executable, str(REPO / "tools" / "airflow_local.py")]
    started = subprocess.run([*tool, "start"], env=env, capture_output=True, text=True, timeout=300)
    pgids = {int(p.read_text()) for p in (home / "run").glob("*.pid")}
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        assert f"http://127.0.0.1:{port}" in started.stdout
        password = re.search(r"password in (\S+): (\S+)", started.stdout)
        assert password and json.loads(Path(password.group(1)).read_text())["admin"] == password.group(2)
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/auth/token", data=json.dumps({"username": "admin", "password": password.group(2)}).encode(),
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=30) as response:
            token = json.loads(response.read())["access_token"]

        def dags() -> dict[str, bool]:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/v2/dags", headers={"Authorization": f"Bearer {token}"}
            )
            with urllib.request.urlopen(request, timeout=30) as response:
                return {d["dag_id"]: d["is_paused"] for d in json.loads(response.read())["dags"]}

        deadline = time.monotonic() + 180
        while "khabar_report" not in dags() and time.monotonic() < deadline:
            time.sleep(2)
        paused = dags()
        assert (
            paused["khabar_report"] is False and paused["khabar_daily"] is True
        )  # the report follows publishes from the first
        members = group_members(pgids)
        assert len(members) <= 16, f"{len(members)} processes"  # not 34: parallelism is the machine's cores
        listening = listening_ports(members)
        assert (("127.0.0.1", port)) in listening
        assert all(address == "127.0.0.1" for address, _ in listening), listening  # nothing on 0.0.0.0
        assert (
            "already running"
            in subprocess.run([*tool, "start"], env=env, capture_output=True, text=True, timeout=60).stdout
        )
    finally:
        stopped = subprocess.run([*tool, "stop"], env=env, capture_output=True, text=True, timeout=120)
    assert stopped.stdout.strip() == ">> stopped: api-server, scheduler, dag-processor, triggerer"
    time.sleep(1)
    assert group_members(pgids) == set()  # no process left behind
