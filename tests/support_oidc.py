"""Test helpers: a real OpenID Connect provider on loopback, and its login pages in a browser.

The provider is panva's `oidc-provider` (npm), run by `tests/oidc_provider/provider.mjs` with
Node.js. Any login name signs in; see that file for the accounts and claims it hands out.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric import rsa

from tests.support import free_port, stop_process_group

if TYPE_CHECKING:
    from playwright.sync_api import Page

PROVIDER_DIR = Path(__file__).resolve().with_name("oidc_provider")

# The pages of oidc-provider's built-in development interactions ("devInteractions").
LOGIN_FORM = 'form:has(input[name="prompt"][value="login"])'
LOGIN_INPUT = 'input[name="login"]'
PASSWORD_INPUT = 'input[name="password"]'
CONSENT_FORM = 'form:has(input[name="prompt"][value="consent"])'
SUBMIT_BUTTON = 'button[type="submit"]'  # "Sign-in" on the login form, "Continue" on consent
CANCEL_LINK = '.login-help a[href$="/abort"]'  # "[ Cancel ]" on both pages

# authlib sends client_secret_basic credentials without form-encoding them (RFC 6749 2.3.1
# wants them encoded) and oidc-provider decodes them, so only characters that encoding leaves
# alone are safe in the client_id and client_secret.
_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]+")


# Generous: at the end of a full run on a busy machine, Node took over 60 s to answer.
START_SECONDS = 180


def _pinned_version() -> str:
    package = json.loads((PROVIDER_DIR / "package.json").read_text())
    return package["dependencies"]["oidc-provider"]


def _installed_version() -> str | None:
    manifest = PROVIDER_DIR / "node_modules" / "oidc-provider" / "package.json"
    try:
        return json.loads(manifest.read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def ensure_provider_installed() -> None:
    """Install the provider's npm packages into `tests/oidc_provider/node_modules` if needed.

    Runs `npm ci` (or `npm install` when there is no lock file) unless the pinned version of
    oidc-provider is already there. Concurrent callers wait for each other.

    Raises:
        RuntimeError: npm is missing or the installation failed.
    """
    if _installed_version() == _pinned_version():
        return
    npm = shutil.which("npm")
    if npm is None:
        msg = "npm is not installed; the OpenID Connect test provider needs Node.js and npm."
        raise RuntimeError(msg)
    lock_path = Path(tempfile.gettempdir()) / f"oidc-provider-npm-{os.getuid()}.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _installed_version() == _pinned_version():
            return
        verb = "ci" if (PROVIDER_DIR / "package-lock.json").is_file() else "install"
        result = subprocess.run(
            [npm, verb, "--ignore-scripts", "--no-audit", "--no-fund"],
            cwd=PROVIDER_DIR,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if result.returncode != 0 or _installed_version() != _pinned_version():
            msg = (
                f"`npm {verb}` in {PROVIDER_DIR} failed ({result.returncode}):\n"
                f"{(result.stdout + result.stderr)[-4000:]}"
            )
            raise RuntimeError(msg)


def _base64url_uint(value: int) -> str:
    raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _fresh_signing_jwk() -> str:
    """Return a new RSA private key as a JWK (JSON), for the provider to sign ID tokens with.

    Made here rather than in Node: Node 20 sometimes deadlocks exporting a key it has just
    generated (see provider.mjs).
    """
    numbers = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_numbers()
    public = numbers.public_numbers
    fields = {
        "n": public.n,
        "e": public.e,
        "d": numbers.d,
        "p": numbers.p,
        "q": numbers.q,
        "dp": numbers.dmp1,
        "dq": numbers.dmq1,
        "qi": numbers.iqmp,
    }
    return json.dumps({"kty": "RSA", **{name: _base64url_uint(v) for name, v in fields.items()}})


@contextlib.contextmanager
def oidc_provider(client_id: str, client_secret: str, redirect_uri: str) -> Iterator[str]:
    """Run a real OpenID Connect provider on 127.0.0.1 for the duration of the block.

    The provider knows exactly one confidential client: authorization code flow with PKCE
    (S256 only, required), client_secret_basic (or client_secret_post) at the token endpoint,
    scopes `openid email profile`, and `email`, `email_verified`, `name` and `picture` in the
    ID token. Its login page accepts any login name (see `complete_provider_login`).

    Args:
        client_id: The client's client_id (letters, digits and `-._~` only).
        client_secret: The client's secret (letters, digits and `-._~` only).
        redirect_uri: The client's only registered redirect URI, matched exactly.

    Yields:
        The issuer URL, `http://127.0.0.1:<port>` without a trailing slash; its discovery
        document is at `<issuer>/.well-known/openid-configuration`.

    Raises:
        ValueError: The client_id or client_secret has characters that HTTP Basic
            client authentication would mangle.
        RuntimeError: Node.js is missing, or the provider did not start within `START_SECONDS`.
    """
    for name, value in (("client_id", client_id), ("client_secret", client_secret)):
        if not _UNRESERVED.fullmatch(value):
            msg = f"{name} {value!r} must use only letters, digits and -._~"
            raise ValueError(msg)
    node = shutil.which("node")
    if node is None:
        msg = "node is not installed; the OpenID Connect test provider needs Node.js."
        raise RuntimeError(msg)
    ensure_provider_installed()

    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    log_path = Path(tempfile.mkdtemp(prefix="oidc-provider-log-")) / "provider.log"
    env = {
        **os.environ,
        "OIDC_PORT": str(port),
        "OIDC_CLIENT_ID": client_id,
        "OIDC_CLIENT_SECRET": client_secret,
        "OIDC_REDIRECT_URI": redirect_uri,
        "OIDC_SIGNING_JWK": _fresh_signing_jwk(),
        # The provider exits when this pipe closes, even if this process is killed outright.
        "OIDC_EXIT_WITH_STDIN": "1",
    }
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [node, "provider.mjs"],
            cwd=PROVIDER_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_SECONDS
        discovery_url = f"{issuer}/.well-known/openid-configuration"
        while True:
            if process.poll() is not None:
                msg = (
                    f"The OpenID Connect provider exited with {process.returncode}:\n"
                    f"{log_path.read_text()[-4000:]}"
                )
                raise RuntimeError(msg)
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(discovery_url, timeout=5) as response,
            ):
                if response.status == 200:
                    break
            if time.monotonic() > deadline:
                msg = (
                    f"The OpenID Connect provider did not start in {START_SECONDS} s:\n"
                    f"{log_path.read_text()[-4000:]}"
                )
                raise RuntimeError(msg)
            time.sleep(0.1)
        yield issuer
    finally:
        stop_process_group(process, timeout=10)
        if process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()


def complete_provider_login(page: Page, login: str) -> None:
    """Sign in on the provider's login page as `login`, and grant consent if it is asked.

    Call it once the browser is on its way to (or already on) the provider's login page,
    for example right after clicking the app's "Sign in with OpenID Connect" button. It
    returns once the browser has left the provider's pages (the redirect back to the client
    has at least begun), so wait for the app's own page afterwards.

    The provider remembers a signed-in browser (its session cookie) and then skips the login
    page, so sign in from a fresh browser context each time; waiting for a login page that
    never comes fails after Playwright's default timeout.

    Args:
        page: The Playwright page on the provider's login page.
        login: Any login name; it decides the account (see `tests/oidc_provider/provider.mjs`):
            sub `sub-<login>`, email `<login>@example.com` (or `<login>` if it contains
            `@`), `email_verified` false only when the name starts with `unverified`,
            name `OIDC <login>`, picture `https://example.com/<login>.png`.
    """
    form = page.locator(LOGIN_FORM)
    form.wait_for(state="visible")
    form.locator(LOGIN_INPUT).fill(login)
    password = form.locator(PASSWORD_INPUT)
    if password.count():
        password.fill("any-password")
    with page.expect_navigation(wait_until="domcontentloaded"):
        form.locator(SUBMIT_BUTTON).click()
    consent = page.locator(CONSENT_FORM)
    if consent.count():
        with page.expect_navigation(wait_until="commit"):
            consent.locator(SUBMIT_BUTTON).click()


def cancel_provider_login(page: Page) -> None:
    """Press "[ Cancel ]" on the provider's login (or consent) page.

    The provider then redirects to the client with `error=access_denied` and the state.

    Args:
        page: The Playwright page on the provider's login or consent page.
    """
    cancel = page.locator(CANCEL_LINK)
    cancel.wait_for(state="visible")
    with page.expect_navigation(wait_until="commit"):
        cancel.click()
