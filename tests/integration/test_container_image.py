"""The self-host kit: the compose file's promises, and the image where a container engine runs."""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import yaml

from tests.support import free_port

ROOT = Path(__file__).resolve().parents[2]


def _engine_problem() -> str | None:
    docker = shutil.which("docker")
    if docker is None:
        return "no `docker` command on this machine"
    info = subprocess.run([docker, "info"], capture_output=True, text=True, check=False)
    if info.returncode != 0:
        return f"no container engine answers `docker info` ({info.stderr.strip()[:200]})"
    return None


def test_compose_runs_the_app_on_postgres_and_redis_with_health_checks() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"app", "postgres", "redis"}
    assert all("healthcheck" in service for service in services.values())
    app = services["app"]
    assert app["build"]["context"] == "."
    assert app["environment"]["WORKERS"] == "2"
    assert app["environment"]["DATABASE_URL"].startswith("postgresql+psycopg://")
    assert app["environment"]["REDIS_URL"] == "redis://redis:6379/0"
    assert app["environment"]["SECRET_KEY"] == "${SECRET_KEY:?set SECRET_KEY}"
    assert "/health" in " ".join(app["healthcheck"]["test"])
    assert {name: dep["condition"] for name, dep in app["depends_on"].items()} == {
        "postgres": "service_healthy",
        "redis": "service_healthy",
    }
    assert "postgres-data:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    assert "postgres-data" in compose["volumes"]


def test_the_image_builds_and_its_health_check_passes() -> None:
    if problem := _engine_problem():
        pytest.skip(f"Image not built: {problem}. Run this test where Docker or Podman runs.")
    tag = f"interview-app-test:{uuid.uuid4().hex[:8]}"
    name = f"interview-app-test-{uuid.uuid4().hex[:8]}"
    subprocess.run(["docker", "build", "-t", tag, str(ROOT)], check=True, timeout=1800)
    try:
        subprocess.run(
            [
                "docker",
                "run",
                "-d",
                "--name",
                name,
                "-e",
                "SECRET_KEY=image-test-key",
                "-p",
                f"127.0.0.1:{free_port()}:3000",
                tag,
            ],
            check=True,
        )
        deadline = time.monotonic() + 300
        status = ""
        while status != "healthy" and time.monotonic() < deadline:
            time.sleep(3)
            status = subprocess.run(
                ["docker", "inspect", "-f", "{{.State.Health.Status}}", name],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        assert status == "healthy"
    finally:
        subprocess.run(["docker", "rm", "-f", name], capture_output=True, check=False)
        subprocess.run(["docker", "rmi", "-f", tag], capture_output=True, check=False)
