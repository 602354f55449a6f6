"""The multi-machine deployment files are consistent with each other and with the project.

No Docker engine runs here, so ``docker compose config`` cannot check docker-compose.yaml:
these tests parse it (YAML anchors and merge keys resolved) and check what compose would
only find at ``up`` time: services, images, commands, environment, volumes, dependencies,
healthchecks, and the variables the ``.env`` file must define.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
COMPOSE = REPO / "docker-compose.yaml"
AIRFLOW_SERVICES = {
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
    "airflow-worker",
    "airflow-init",
}
LONG_RUNNING = {
    "postgres",
    "redis",
    "minio",
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
    "airflow-worker",
}
ONE_SHOT = {"airflow-init", "minio-init"}
_VARIABLE = re.compile(r"\$\{([A-Z0-9_]+)(:?[-?][^}]*)?\}")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose: dict) -> dict:
    return compose["services"]


def env_example() -> dict[str, str]:
    pairs = [
        line.split("=", 1)
        for line in (REPO / ".env.example").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return {key.strip(): value.strip() for key, value in pairs}


def test_the_official_topology_plus_object_storage(services: dict) -> None:
    assert AIRFLOW_SERVICES | {"postgres", "redis", "minio", "minio-init"} <= set(services)
    commands = {name: services[name]["command"] for name in AIRFLOW_SERVICES - {"airflow-init"}}
    assert commands == {
        "airflow-apiserver": "api-server", "airflow-scheduler": "scheduler", "airflow-dag-processor": "dag-processor",
        "airflow-triggerer": "triggerer", "airflow-worker": "celery worker",
    }  # fmt: skip


def test_every_airflow_service_runs_the_khabar_image_with_the_same_configuration(services: dict) -> None:
    images = {services[name]["image"] for name in AIRFLOW_SERVICES}
    assert images == {"${KHABAR_IMAGE:-khabar-airflow:latest}"}
    for name in AIRFLOW_SERVICES:
        env = services[name]["environment"]
        assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor", name
        assert env["AIRFLOW__CELERY__BROKER_URL"] == "redis://redis:6379/0", name
        assert "@postgres/" in env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"], name
        assert env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"] == "http://airflow-apiserver:8080/execution/", (
            name
        )
        # every component signs and checks task tokens with the same secret
        assert env["AIRFLOW__API_AUTH__JWT_SECRET"].startswith("${AIRFLOW_JWT_SECRET"), name
        assert env["KHABAR_LAKE"].startswith("s3://") and env["KHABAR_LANDING"].startswith("s3://"), name
        assert env["AWS_ENDPOINT_URL"] == "http://minio:9000", name
        assert "./dags:/opt/airflow/dags" in services[name]["volumes"], name
        assert "./plugins:/opt/airflow/plugins" in services[name]["volumes"], name  # khabar in the Airflow UI


def test_the_worker_can_be_scaled(services: dict) -> None:
    worker = services["airflow-worker"]
    assert "container_name" not in worker and "ports" not in worker  # --scale airflow-worker=N
    assert worker["environment"]["AIRFLOW__CELERY__WORKER_CONCURRENCY"] == "${WORKER_CONCURRENCY:-2}"


def test_dependencies_exist_and_wait_for_health_or_completion(services: dict) -> None:
    for name, service in services.items():
        for target, spec in (service.get("depends_on") or {}).items():
            assert target in services, f"{name} depends on unknown {target}"
            condition = spec["condition"]
            if condition == "service_healthy":
                assert "healthcheck" in services[target], (
                    f"{name} waits for {target}, which has no healthcheck"
                )
            elif condition == "service_completed_successfully":
                assert target in ONE_SHOT, f"{name} waits for {target} to exit, but it runs forever"
            else:
                pytest.fail(f"{name}: unexpected condition {condition}")
    for name in AIRFLOW_SERVICES - {"airflow-init"}:
        assert services[name]["depends_on"]["airflow-init"]["condition"] == "service_completed_successfully"
    assert services["airflow-worker"]["depends_on"]["airflow-apiserver"]["condition"] == "service_healthy"


def test_long_running_services_have_healthchecks_and_restart(services: dict) -> None:
    for name in LONG_RUNNING:
        check = services[name].get("healthcheck")
        assert check and check["test"][0] in ("CMD", "CMD-SHELL"), name
        assert services[name].get("restart") == "always", name
    for name in ONE_SHOT:
        assert "restart" not in services[name], name


def test_named_volumes_are_declared(compose: dict, services: dict) -> None:
    declared = set(compose["volumes"])
    used = {
        v.split(":", 1)[0]
        for s in services.values()
        for v in s.get("volumes", [])
        if not v.startswith((".", "/"))
    }
    assert used == declared


def test_the_bucket_of_the_lake_is_created_at_start_up(services: dict) -> None:
    init = services["minio-init"]
    assert "mc mb --ignore-existing" in init["command"][-1]
    assert init["environment"]["KHABAR_BUCKET"] == "${KHABAR_BUCKET:-khabar}"
    assert services["airflow-worker"]["environment"]["KHABAR_LAKE"] == "s3://${KHABAR_BUCKET:-khabar}/lake"
    # the S3 keys are MinIO's own credentials
    env = services["airflow-worker"]["environment"]
    assert env["AWS_ACCESS_KEY_ID"].startswith("${MINIO_ROOT_USER") and env[
        "AWS_SECRET_ACCESS_KEY"
    ].startswith("${MINIO_ROOT_PASSWORD")


def test_every_variable_is_in_env_example() -> None:
    text = COMPOSE.read_text(encoding="utf-8").replace("$$", "")  # $$ escapes a container-side variable
    used = {m.group(1) for m in _VARIABLE.finditer(text)}
    required = {
        m.group(1) for m in _VARIABLE.finditer(text) if (m.group(2) or "").lstrip(":").startswith("?")
    }
    example = env_example()
    assert used <= set(example), f"missing from .env.example: {sorted(used - set(example))}"
    assert required, "secrets have no default: compose must refuse to start without them"
    assert all(example[name] for name in required)
    for secret in (
        "POSTGRES_PASSWORD",
        "AIRFLOW_FERNET_KEY",
        "AIRFLOW_JWT_SECRET",
        "MINIO_ROOT_PASSWORD",
        "AIRFLOW_ADMIN_PASSWORD",
    ):
        assert secret in required, f"{secret} must be required (${{{secret}:?...}}), never defaulted"
    assert not (REPO / ".env").exists() or ".env" in (REPO / ".gitignore").read_text(encoding="utf-8")


def test_dockerfile_extends_the_pinned_airflow_image_with_the_lock() -> None:
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    pins = dict(
        line.split("==")
        for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    )
    assert re.search(
        rf"^FROM apache/airflow:{re.escape(pins['apache-airflow'])}-python3\.12$", dockerfile, re.M
    )
    assert "-r /opt/khabar/requirements.txt -c /opt/khabar/constraints.txt" in dockerfile
    for line in dockerfile.splitlines():
        if line.startswith("COPY"):
            for source in line.split()[1:-1]:
                if not source.startswith("--"):
                    assert (REPO / source).exists(), f"Dockerfile copies {source}, which does not exist"
