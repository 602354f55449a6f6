"""``make airflow`` / ``make stop``: Airflow on this machine, for one analyst or developer.

``start`` runs the api-server, scheduler, dag-processor and triggerer (the triggerer runs the
deferred waits of ``wait_for_landing``) from ``.venv``, each in its own process group with its
log in ``AIRFLOW_HOME/run/<name>.log``; everything listens on 127.0.0.1 only (the scheduler and
triggerer do not start their log servers: with the LocalExecutor the api-server reads the task
logs from disk). Parallelism is the machine's cores, not Airflow's default of 32 worker
processes. It waits until the UI answers, then prints its URL, the user and the file that holds
the password. ``stop`` ends every process group it started (SIGTERM, then SIGKILL after 30 s)
and says what it stopped; ``status`` says what runs.

Usage: ``python tools/airflow_local.py start|stop|status`` (``KHABAR_AIRFLOW_PORT``, default 8080).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

COMPONENTS = {
    "api-server": ["api-server", "--host", "127.0.0.1", "--port", "{port}"],
    "scheduler": ["scheduler", "--skip-serve-logs"],
    "dag-processor": ["dag-processor"],
    "triggerer": ["triggerer", "--skip-serve-logs"],
}
USER = "admin"


def _home() -> Path:
    home = os.environ.get("AIRFLOW_HOME")
    if not home:
        sys.exit("error: AIRFLOW_HOME is not set (make airflow sets it to .airflow)")
    return Path(home)


def _pid_file(home: Path, name: str) -> Path:
    return home / "run" / f"{name}.pid"


def _alive(pid: int) -> bool:
    try:
        os.killpg(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def _running(home: Path) -> dict[str, int]:
    return {name: pid for name, pid in _read_pids(home).items() if _alive(pid)}


def _environment(home: Path, port: int) -> dict[str, str]:
    secret_file = home / "run" / "jwt_secret"
    if not secret_file.exists():
        secret_file.write_text(secrets.token_urlsafe(48))
        secret_file.chmod(0o600)
    cores = os.cpu_count() or 2
    return {
        **os.environ,
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__CORE__PARALLELISM": str(cores),  # task processes at once: the machine's cores, not 32
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__API__WORKERS": "1",
        "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{port}",
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
        "AIRFLOW__API_AUTH__JWT_SECRET": secret_file.read_text().strip(),  # one secret for every component
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": os.environ.get(
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS", f"{USER}:admin"
        ),
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "30",
    }


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def _ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/monitor/health", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def start() -> int:
    home = _home()
    (home / "run").mkdir(parents=True, exist_ok=True)
    port = int(os.environ.get("KHABAR_AIRFLOW_PORT", "8080"))
    running = _running(home)
    if running:
        print(
            f"Airflow is already running ({', '.join(running)}): http://127.0.0.1:{port}  (make stop to stop it)"
        )
        return 0
    if not _port_free(port):
        print(
            f"error: port {port} on 127.0.0.1 is taken; choose another: make airflow KHABAR_AIRFLOW_PORT=8081",
            file=sys.stderr,
        )
        return 1
    env = _environment(home, port)
    airflow = str(Path(sys.executable).parent / "airflow")
    started = time.monotonic()
    for name, args in COMPONENTS.items():
        log = (home / "run" / f"{name}.log").open("ab")
        process = subprocess.Popen(
            [airflow, *(a.format(port=port) for a in args)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        _pid_file(home, name).write_text(str(process.pid))
        print(f">> {name} started (pid {process.pid}, log {home / 'run' / f'{name}.log'})", flush=True)
    deadline = time.monotonic() + 180
    while not _ready(port):
        dead = [name for name, pid in _read_pids(home).items() if not _alive(pid)]
        if dead or time.monotonic() > deadline:
            why = f"{', '.join(dead)} exited" if dead else "the UI did not answer within 180 s"
            print(f"error: {why}; the logs are in {home / 'run'}", file=sys.stderr)
            for name in dead or ["api-server"]:
                tail = (home / "run" / f"{name}.log").read_text(errors="replace").splitlines()[-15:]
                print(f"---- {name}.log ----\n" + "\n".join(tail), file=sys.stderr)
            stop()
            return 1
        time.sleep(1)
    passwords = home / "simple_auth_manager_passwords.json.generated"
    print(
        f">> Airflow is up in {time.monotonic() - started:.0f} s: http://127.0.0.1:{port}  (khabar: Browse › khabar, or http://127.0.0.1:{port}/plugin/khabar)"
    )
    print(
        f">> user {USER}, password in {passwords}"
        + (f": {json.loads(passwords.read_text()).get(USER)}" if passwords.exists() else "")
    )
    print(">> make stop stops it")
    return 0


def _read_pids(home: Path) -> dict[str, int]:
    return {
        name: int(_pid_file(home, name).read_text().strip())
        for name in COMPONENTS
        if _pid_file(home, name).exists()
    }


def stop() -> int:
    home = _home()
    pids = _read_pids(home)
    alive = {name: pid for name, pid in pids.items() if _alive(pid)}
    for pid in alive.values():
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in alive.values()) and time.monotonic() < deadline:
        time.sleep(0.5)
    for pid in alive.values():
        if _alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
    for name in pids:
        _pid_file(home, name).unlink(missing_ok=True)
    print(f">> stopped: {', '.join(alive) or 'nothing was running'}")
    return 0


def status() -> int:
    running = _running(_home())
    print("running: " + (", ".join(f"{n} (pid {p})" for n, p in running.items()) or "nothing"))
    return 0


if __name__ == "__main__":
    commands = {"start": start, "stop": stop, "status": status}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(__doc__.split("Usage: ")[-1].strip())
    sys.exit(commands[sys.argv[1]]())
