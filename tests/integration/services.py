"""Real servers on loopback for the integration tests: PostgreSQL, Redis and the Airflow
components, each a child process with its log in a file, stopped at the end.

PostgreSQL comes from Debian's package (``/usr/lib/postgresql/*/bin``), Redis from
``redis-server`` (``.ci/run`` installs it). As root, PostgreSQL runs as the ``postgres`` user.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path


class ServiceUnavailable(RuntimeError):
    """A server binary this test needs is not installed."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, what: str, timeout: float, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if check():
                return
        time.sleep(0.5)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise TimeoutError(f"{what} not ready after {timeout:.0f} s\n{tail}")


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise ServiceUnavailable(
            "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin): apt-get install postgresql"
        )
    return Path(found[-1]).parent


@contextlib.contextmanager
def postgres(database: str = "airflow", user: str = "airflow", password: str = "airflow") -> Iterator[str]:
    """A PostgreSQL cluster in a temporary folder; yields its SQLAlchemy URL (psycopg2)."""
    bin_dir = _postgres_bin()
    root = Path(tempfile.mkdtemp(prefix="khabar-pg-"))
    as_root = os.geteuid() == 0
    run_as = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(root, "postgres")
    data, log = root / "data", root / "postgres.log"
    port = free_port()
    subprocess.run(
        [*run_as, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off"
    subprocess.run(
        [*run_as, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"],
        check=True,
        capture_output=True,
    )
    try:
        psql = [
            *run_as,
            str(bin_dir / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
        ]
        subprocess.run([*psql, f"CREATE USER {user} PASSWORD '{password}'"], check=True, capture_output=True)
        subprocess.run([*psql, f"CREATE DATABASE {database} OWNER {user}"], check=True, capture_output=True)
        yield f"postgresql+psycopg2://{user}:{password}@127.0.0.1:{port}/{database}"
    finally:
        subprocess.run(
            [*run_as, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def redis() -> Iterator[str]:
    """A Redis server on loopback without persistence; yields its URL."""
    binary = shutil.which("redis-server")
    if not binary:
        raise ServiceUnavailable("redis-server not found: apt-get install redis-server (.ci/run does)")
    port = free_port()
    root = Path(tempfile.mkdtemp(prefix="khabar-redis-"))
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(root)],
        stdout=(root / "redis.log").open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_for(lambda: _port_open(port), "redis", 30, root / "redis.log")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)


class Airflow:
    """The Airflow components of a CeleryExecutor deployment, each in its own process group."""

    def __init__(self, home: Path, env: dict[str, str], airflow: str) -> None:
        self.home = home
        self.env = env
        self.airflow = airflow
        self.processes: dict[str, subprocess.Popen] = {}
        self.api_port = int(env["AIRFLOW__API__PORT"])

    def cli(self, *args: str, timeout: float = 300) -> str:
        result = subprocess.run(
            [self.airflow, *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"airflow {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
            )
        return result.stdout

    def start(self, name: str, *args: str) -> None:
        log = (self.home / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(
            [self.airflow, *args], env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def log(self, name: str) -> str:
        path = self.home / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def check_alive(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise RuntimeError(
                    f"airflow {name} exited with {process.returncode}:\n{self.log(name)[-4000:]}"
                )

    def api(self, method: str, path: str, body: dict | None = None) -> dict:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.api_port}/api/v2{path}", method=method,
            data=json.dumps(body).encode() if body is not None else None, headers={"Content-Type": "application/json"},
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"{}")

    def api_ready(self) -> bool:
        try:
            return "version" in self.api("GET", "/version")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    def trigger(self, dag_id: str, run_id: str, logical_date: str | None, conf: dict | None = None) -> str:
        """Create a DAG run through the REST API and unpause the DAG; returns the run id."""
        self.api(
            "POST",
            f"/dags/{dag_id}/dagRuns",
            {"dag_run_id": run_id, "logical_date": logical_date, "conf": conf or {}},
        )
        self.api("PATCH", f"/dags/{dag_id}", {"is_paused": False})
        return run_id

    def wait_run(self, dag_id: str, run_id: str, timeout: float) -> str:
        """Wait for a DAG run to finish; returns its state."""
        deadline = time.monotonic() + timeout
        quoted = urllib.request.quote(run_id, safe="")
        while time.monotonic() < deadline:
            self.check_alive()
            state = self.api("GET", f"/dags/{dag_id}/dagRuns/{quoted}")["state"]
            if state in ("success", "failed"):
                return state
            time.sleep(2)
        raise TimeoutError(
            f"{dag_id} run {run_id} still running after {timeout:.0f} s\n{self.log('scheduler')[-3000:]}"
        )

    def stop(self) -> None:
        for process in self.processes.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)


REPO = Path(__file__).resolve().parents[2]


@contextlib.contextmanager
def celery_airflow(root: Path, landing: Path, lake: Path, concurrency: int = 2) -> Iterator[Airflow]:
    """PostgreSQL, Redis and Airflow (api-server, scheduler, dag-processor, one Celery worker
    with ``concurrency`` slots) serving this repository's DAGs, until the block ends.

    Raises:
        ServiceUnavailable: PostgreSQL or Redis is not installed.
    """
    with contextlib.ExitStack() as stack:
        database = stack.enter_context(postgres())
        broker = stack.enter_context(redis())
        home = root / "airflow-home"
        home.mkdir(parents=True, exist_ok=True)
        port = str(free_port())
        env = {
            **os.environ,
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": database,
            "AIRFLOW__CELERY__BROKER_URL": broker,
            "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + database,
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": str(concurrency),
            "AIRFLOW__API__PORT": port,
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
            "AIRFLOW__API_AUTH__JWT_SECRET": "khabar-integration-test-secret-of-sufficient-length",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "GX_ANALYTICS_ENABLED": "False",
            "KHABAR_LANDING": str(landing),
            "KHABAR_LAKE": str(lake),
            "KHABAR_PARALLELISM": str(concurrency),
        }
        airflow = Airflow(home, env, str(Path(sys.executable).parent / "airflow"))
        stack.callback(airflow.stop)
        airflow.cli("db", "migrate", timeout=600)
        airflow.start("api-server", "api-server", "--port", port)
        airflow.start("scheduler", "scheduler")
        airflow.start("dag-processor", "dag-processor")
        airflow.start("worker", "celery", "worker", "--concurrency", str(concurrency))
        wait_for(airflow.api_ready, "the API server", 180, home / "api-server.log")
        wait_for(
            lambda: airflow.api("GET", "/dags/khabar_archive")["dag_id"],
            "the DAGs to be parsed",
            180,
            home / "dag-processor.log",
        )
        yield airflow
