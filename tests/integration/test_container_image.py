"""The self-host kit: the compose file's promises, and the image where a container engine runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
import yaml

from tests.support import free_port

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BASE_IMAGE = "debian:bookworm-slim"
# What scripts/build-base-image.sh makes from Debian's archive, for hosts without a registry.
LOCAL_BASE_IMAGE = "localhost/interview-app-base:bookworm-slim"


def _run(*command: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=timeout)


def _last_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = (result.stderr or result.stdout).strip().splitlines()
    return lines[-1][:300] if lines else f"exit code {result.returncode}"


def _container_engine() -> tuple[str | None, str]:
    """Return the first of docker and podman that answers `info`, or None and why not."""
    problems = []
    for name in ("docker", "podman"):
        path = shutil.which(name)
        if path is None:
            problems.append(f"no `{name}` command")
            continue
        info = _run(path, "info")
        if info.returncode == 0:
            return path, ""
        problems.append(f"`{name} info` failed ({_last_line(info)})")
    return None, "; ".join(problems)


def _base_image(engine: str) -> tuple[str | None, str]:
    """Return the base image to build on, or None and why there is none."""
    if chosen := os.environ.get("INTERVIEW_APP_BASE_IMAGE"):
        return chosen, ""
    if _run(engine, "image", "inspect", LOCAL_BASE_IMAGE).returncode == 0:
        return LOCAL_BASE_IMAGE, ""
    pull = _run(engine, "pull", DEFAULT_BASE_IMAGE, timeout=600)
    if pull.returncode == 0:
        return DEFAULT_BASE_IMAGE, ""
    return None, (
        f"cannot pull {DEFAULT_BASE_IMAGE} ({_last_line(pull)}); build a base from Debian's "
        f"archive with `scripts/build-base-image.sh` (tags {LOCAL_BASE_IMAGE})"
    )


def _host_ca_bundle() -> str | None:
    """The CA bundle this host trusts, when set explicitly (e.g. for an intercepting proxy)."""
    for variable in ("PIP_CERT", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"):
        path = os.environ.get(variable)
        if path and Path(path).is_file():
            return path
    return None


def _health_status(engine: str, name: str) -> str:
    if Path(engine).name == "podman":
        # Podman schedules health checks through systemd timers, absent on many hosts:
        # run the image's check here, as the timer would.
        _run(engine, "healthcheck", "run", name, timeout=30)
    result = _run(engine, "inspect", "-f", "{{json .State.Health}}", name)
    return (json.loads(result.stdout or "null") or {}).get("Status", "")


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
    # Published on loopback by default: the reverse proxy in front terminates TLS.
    assert app["ports"] == ["${BIND_ADDRESS:-127.0.0.1}:${PORT:-3000}:3000"]
    assert {name: dep["condition"] for name, dep in app["depends_on"].items()} == {
        "postgres": "service_healthy",
        "redis": "service_healthy",
    }
    assert "postgres-data:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    assert "postgres-data" in compose["volumes"]


# No fixture says it: this one builds and runs the image where a container engine runs.
@pytest.mark.server
def test_the_image_builds_and_its_health_check_passes() -> None:
    engine, problem = _container_engine()
    if engine is None:
        pytest.skip(f"Image not built: {problem}. Run this test where Docker or Podman runs.")
    base, problem = _base_image(engine)
    if base is None:
        pytest.skip(f"Image not built: {problem}.")
    probe = _run(engine, "run", "--rm", base, "true")
    if probe.returncode != 0:
        pytest.skip(f"Image not built: {engine} cannot run containers ({_last_line(probe)}).")

    tag = f"localhost/interview-app-test:{uuid.uuid4().hex[:8]}"
    name = f"interview-app-test-{uuid.uuid4().hex[:8]}"
    build = [engine, "build", "-t", tag, "--build-arg", f"BASE_IMAGE={base}"]
    if Path(engine).name == "podman":
        build += ["--format", "docker"]  # OCI images drop HEALTHCHECK
    if ca_bundle := _host_ca_bundle():
        build += ["--secret", f"id=ca_bundle,src={ca_bundle}"]
    built = _run(*build, str(ROOT), timeout=1800)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    port = free_port()
    try:
        started = _run(
            engine, "run", "-d", "--name", name, "-e", "SECRET_KEY=image-test-key",
            "-p", f"127.0.0.1:{port}:3000", tag,
        )  # fmt: skip
        assert started.returncode == 0, started.stderr
        deadline = time.monotonic() + 300
        status = ""
        while status != "healthy" and time.monotonic() < deadline:
            time.sleep(3)
            status = _health_status(engine, name)
        logs = _run(engine, "logs", name).stdout[-2000:]
        assert status == "healthy", logs

        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=10) as response:
            assert json.loads(response.read())["database"] == "ok"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/sign-up/", timeout=10) as response:
            assert "Create account" in response.read().decode()
        # The app's user cannot rewrite the app's code or frontend, only its data directory.
        for path in ("/app/interview_app/__init__.py", "/app/.web", "/opt/venv/bin/python3"):
            probe = _run(engine, "exec", name, "sh", "-c", f"test -w {path}")
            assert probe.returncode != 0, f"{path} is writable by the app's user"
        assert _run(engine, "exec", name, "sh", "-c", "test -w /app/data").returncode == 0
    finally:
        _run(engine, "rm", "-f", name)
        _run(engine, "rmi", "-f", tag)
