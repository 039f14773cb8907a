"""`interview-app build` on a busy machine: React Router's fixed 10 s prerender timeout.

The export is replaced by a script that behaves like it: it prints its output and fails the
way a timed-out prerender fails, or for another reason.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from interview_app import server
from interview_app.server import BUILD_STAMP_NAME, ServerConfigError, build_frontend

PUBLIC_URL = "http://127.0.0.1:3000"
TIMED_OUT = "error: Prerender: Request failed for /: The operation timed out."


@pytest.fixture
def web(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    web = tmp_path / "install" / ".web"
    (web / "build").mkdir(parents=True)
    monkeypatch.setenv("REFLEX_WEB_WORKDIR", str(web))
    return web


def _fake_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, failures: int, message: str
) -> Path:
    """Make `reflex export` fail `failures` times with `message`, then succeed.

    Returns:
        The file counting the runs.
    """
    runs = tmp_path / "runs"
    runs.write_text("0")
    script = tmp_path / "reflex"
    script.write_text(
        "#!/bin/sh\n"
        f'n=$(( $(cat "{runs}") + 1 )); echo "$n" > "{runs}"\n'
        'echo "Compiling production app"\n'
        f'if [ "$n" -le {failures} ]; then echo "{message}"; exit 1; fi\n'
        'echo "Exported"\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(server, "_reflex_command", lambda: str(script))
    return runs


def test_a_prerender_that_timed_out_is_built_again(
    web: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    runs = _fake_export(tmp_path, monkeypatch, failures=1, message=TIMED_OUT)
    build_frontend(PUBLIC_URL)
    assert runs.read_text().strip() == "2"
    output = capsys.readouterr().out
    assert TIMED_OUT in output
    assert "building again" in output
    stamp = json.loads((web / "build" / BUILD_STAMP_NAME).read_text())
    assert stamp["public_url"] == PUBLIC_URL


def test_a_timeout_message_wrapped_by_the_console_is_recognised(
    web: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrapped = "error: Prerender: Request failed for /interviews/[id]: The operation\ntimed out."
    runs = _fake_export(tmp_path, monkeypatch, failures=1, message=wrapped)
    build_frontend(PUBLIC_URL)
    assert runs.read_text().strip() == "2"


def test_a_prerender_that_keeps_timing_out_fails_after_three_builds(
    web: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = _fake_export(tmp_path, monkeypatch, failures=5, message=TIMED_OUT)
    with pytest.raises(ServerConfigError, match="exit code 1"):
        build_frontend(PUBLIC_URL)
    assert runs.read_text().strip() == "3"
    assert not (web / "build" / BUILD_STAMP_NAME).exists()


def test_any_other_failure_is_not_built_again(
    web: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = _fake_export(tmp_path, monkeypatch, failures=1, message="SyntaxError: Unexpected token")
    with pytest.raises(ServerConfigError):
        build_frontend(PUBLIC_URL)
    assert runs.read_text().strip() == "1"
