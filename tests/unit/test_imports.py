"""Every module of the package imports on its own, first, in a fresh interpreter.

An import cycle held together by import order (module A works only when B was imported
first) passes every other test, which import the package in one fixed order. Here each
module is the first of the package to be imported: one interpreter loads the third-party
libraries once, then forks a child per module, which starts with none of ours loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2] / "interview_app"
# Loaded by the parent so that each child only pays for our own modules.
THIRD_PARTY = [
    "reflex",
    "sqlmodel",
    "sqlalchemy",
    "starlette",
    "google.genai",
    "google.genai.types",
    "httpx",
    "authlib.integrations.starlette_client",
    "argon2",
    "pydantic_settings",
    "tenacity",
    "alembic",
    "click",
    "uvicorn",
]
RUNNER = """
import importlib, json, os, sys
modules, preload = json.loads(sys.argv[1]), json.loads(sys.argv[2])
for name in preload:
    importlib.import_module(name)
assert not any(name.startswith("interview_app") for name in sys.modules)
failures, running = {}, {}


def reap():
    pid, status = os.wait()
    name, reader = running.pop(pid)
    message = reader.read()
    reader.close()
    if status:
        failures[name] = message or f"exit status {status}"


for name in modules:
    while len(running) >= (os.cpu_count() or 1):
        reap()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            importlib.import_module(name)
        except BaseException as error:
            os.write(write, f"{type(error).__name__}: {error}".encode())
            os._exit(1)
        os._exit(0)
    os.close(write)
    running[pid] = (name, os.fdopen(read))
while running:
    reap()
print(json.dumps(failures))
"""


def package_modules() -> list[str]:
    """Return the dotted names of every module of the package but the migration scripts."""
    names = []
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        relative = path.relative_to(PACKAGE_ROOT.parent).with_suffix("")
        if "migrations" in relative.parts:
            continue
        parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
        names.append(".".join(parts))
    return names


def test_every_module_imports_first_in_a_fresh_interpreter(tmp_path: Path) -> None:
    modules = package_modules()
    assert "interview_app.services.transcripts.store" in modules
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, json.dumps(modules), json.dumps(THIRD_PARTY)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=PACKAGE_ROOT.parent,
        env={
            "PATH": "/usr/bin:/bin",
            "SECRET_KEY": "test-secret-key",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'imports.db'}",
            "HOME": str(tmp_path),
        },
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    failures = json.loads(result.stdout.strip().splitlines()[-1])
    assert failures == {}
