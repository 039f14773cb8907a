"""Running the app and the test suite's setup leaves the working tree as it was committed.

Reflex rewrites files under the project (e.g. `reflex.lock/package.json`) as it builds; a
file it writes differently from the committed one shows up in `git status` after every run.
The check runs on a throwaway clone of HEAD, so uncommitted work can neither hide such a
change nor be touched by it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Any e2e test will do: `--setup-only` builds and starts the app (and the OpenID Connect
# provider) through the session fixtures, then stops without running the test itself.
SETUP_TARGET = "tests/e2e/test_screens.py::test_every_screen_signed_out[phone-light]"


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def _clean_environment() -> dict[str, str]:
    # The clone installs into and runs from its own virtualenv, not this one.
    venv_bin = str(PROJECT_ROOT / ".venv" / "bin")
    path = os.pathsep.join(
        entry for entry in os.environ.get("PATH", "").split(os.pathsep) if entry != venv_bin
    )
    return {
        **{key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"},
        "PATH": path,
    }


def test_the_app_and_the_test_setup_leave_git_status_empty(tmp_path: Path) -> None:
    if shutil.which("git") is None or not (PROJECT_ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    clone = tmp_path / "clone"
    _git("clone", "--quiet", str(PROJECT_ROOT), str(clone), cwd=tmp_path)
    assert _git("status", "--porcelain", cwd=clone) == ""

    result = subprocess.run(
        ["scripts/test.sh", "-q", "--setup-only", SETUP_TARGET],
        cwd=clone,
        env=_clean_environment(),
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    # The test servers build in folders of their own; build where `scripts/run.sh` does too.
    build = subprocess.run(
        [str(clone / ".venv" / "bin" / "interview-app"), "build"],
        cwd=clone,
        env={
            **_clean_environment(),
            "PATH": f"{clone / '.venv' / 'bin'}{os.pathsep}{_clean_environment()['PATH']}",
        },
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert build.returncode == 0, (build.stdout + build.stderr)[-4000:]
    assert (clone / ".web" / "build").is_dir(), "the app was not built in the clone"

    changed = _git("status", "--porcelain", cwd=clone)
    assert changed == "", f"running the app changed tracked or unignored files:\n{changed}"
