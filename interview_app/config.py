"""Typed settings read from the environment and an optional `.env` file (SPEC §9)."""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
import tempfile
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_PLAN_FEATURES: dict[str, list[str]] = {
    "free": ["1_interview"],
    "pro": ["unlimited_interviews"],
}


class Settings(BaseSettings):
    """Operator configuration; every value is optional for the embedded default."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = "sqlite:///interview_app.db"
    secret_key: str | None = None
    secret_key_file: Path = Path(".interview_app_secret")

    session_cookie_name: str = "interview_session"
    session_lifetime_days: int = Field(default=30, ge=1)
    sign_in_max_failures: int = Field(default=5, ge=1)
    sign_in_lockout_minutes: int = Field(default=15, ge=1)
    local_sign_up_enabled: bool = True

    plans: dict[str, list[str]] = Field(default_factory=lambda: dict(DEFAULT_PLAN_FEATURES))
    default_plan: str = "free"
    free_interview_allowance: int = Field(default=2, ge=0)

    rate_limit_capacity: int = Field(default=12, ge=1)
    rate_limit_refill_tokens: int = Field(default=4, ge=1)
    rate_limit_refill_seconds: int = Field(default=86_400, ge=1)
    rate_limit_dry_run: bool = False

    hume_api_key: str | None = None
    hume_secret_key: str | None = None
    hume_config_id: str | None = None
    hume_base_url: str = "https://api.hume.ai"

    gemini_api_key: str | None = None
    gemini_model: str = "gemini-2.5-flash"
    gemini_base_url: str | None = None
    gemini_live_model: str = "gemini-3.8-live"
    # How long a call waits for the interviewer's first audio before it ends with a message.
    gemini_live_no_answer_seconds: float = Field(default=20, gt=0, le=120)
    # Length cap of one voice interview; Live tokens expire with it (an hour at most).
    interview_max_minutes: int = Field(default=30, ge=2, le=60)
    # Gemini Live connections one interview may mint: its first and the client's reconnects.
    gemini_live_sessions_per_interview: int = Field(default=12, ge=1)
    # Model calls (AI feedback, Gemini Live connections) per user per UTC day; 0: no limit.
    model_calls_per_user_per_day: int = Field(default=60, ge=0)
    # Interviews (transcripts, feedback) older than this many days are deleted; 0: kept.
    interview_retention_days: int = Field(default=0, ge=0)
    # One feedback request: its time limit, and how often 429/5xx/timeouts are tried in all.
    gemini_timeout_seconds: float = Field(default=120.0, gt=0)
    gemini_retry_attempts: int = Field(default=4, ge=1)
    gemini_retry_initial_delay_seconds: float = Field(default=1.0, ge=0)
    # Any OpenAI-compatible chat-completions server (a team's own Ollama, vLLM or llama.cpp
    # server, or a hosted one) writes feedback and practice follow-ups when both the base
    # URL and the model are set; it comes before Gemini in the generators' table.
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout_seconds: float = Field(default=120.0, gt=0)
    llm_retry_attempts: int = Field(default=4, ge=1)
    llm_retry_initial_delay_seconds: float = Field(default=1.0, ge=0)
    # A candidate waits for a follow-up question: past this, the rule-based one is asked.
    llm_follow_up_timeout_seconds: float = Field(default=20.0, gt=0, le=120)
    # A feedback generation claimed longer ago than this is taken to have died.
    feedback_claim_timeout_seconds: int = Field(default=600, ge=10)
    # Every worker looks this often for feedback generations and transcript syncs whose
    # worker died or stopped, and resumes each at most this many times in all.
    resume_interval_seconds: float = Field(default=30.0, gt=0)
    resume_max_attempts: int = Field(default=3, ge=1)

    # `gemini` | `hume`; unset: gemini when GEMINI_API_KEY is set, else hume when its keys are.
    voice_provider: str | None = None

    # Spoken practice answers are recognised on the server by faster-whisper: a model name
    # (fetched from the model hub on first use) or a local CTranslate2 model directory.
    whisper_model: str = "base"
    # The language answers are spoken in (e.g. `en`); unset: the interview's language (the
    # `transcribe` command, which has no interview, detects it).
    whisper_language: str | None = None
    # Answers recognised at once by each worker (each takes the CPU cores it can get).
    speech_max_concurrent: int = Field(default=1, ge=1, le=16)
    # The longest spoken answer accepted, in seconds.
    speech_max_seconds: int = Field(default=300, ge=10, le=1_800)
    # Keep each answer's recording with it; by default it is dropped once recognised.
    keep_answer_audio: bool = False

    # The largest résumé file accepted (bytes), the most pages of a PDF résumé read, and
    # how many résumés one user may keep.
    resume_max_bytes: int = Field(default=2_000_000, ge=10_000, le=20_000_000)
    resume_max_pages: int = Field(default=10, ge=1, le=100)
    resumes_per_user: int = Field(default=20, ge=1, le=1_000)

    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    oidc_provider_name: str = "your identity provider"

    # How long every command waits for the database to accept connections at start (a
    # container platform may start the app before its database).
    database_wait_seconds: float = Field(default=30.0, ge=0)

    redis_url: str | None = None
    # With Redis, how long a worker keeps a tab's state after an event (0: not at all); must
    # stay below Reflex's Redis lock expiration (10 s).
    redis_state_hold_seconds: float = Field(default=1.0, ge=0, le=5)
    # The address browsers use (scheme, host, port): the frontend opens its socket at
    # `{public_url}/_event`. Unset: `http://localhost:<port>`, which browsers read as "this
    # host, this port" (and "this host, port 443" once served over https).
    public_url: str | None = None
    arcjet_key: str | None = None

    # Browser origins accepted besides the one of the host a request was sent to, for a
    # proxy that rewrites the Host header (comma-separated, e.g. https://coach.example.org).
    allowed_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Addresses or networks (comma-separated) of the reverse proxies whose
    # X-Forwarded-For and X-Forwarded-Proto headers are believed.
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)
    sign_in_max_failures_per_address: int = Field(default=50, ge=1)

    @field_validator("allowed_origins", "trusted_proxies", mode="before")
    @classmethod
    def _split_commas(cls, value: object) -> object:
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    def resolved_secret_key(self) -> str:
        """Return `SECRET_KEY`, or a random key kept in `secret_key_file` across restarts.

        Returns:
            The key used to sign short-lived browser data (OAuth state).
        """
        if self.secret_key:
            return self.secret_key
        if not self.secret_key_file.exists():
            _create_secret_key_file(self.secret_key_file)
        # Whichever process created the file first won; every process uses its key.
        return self.secret_key_file.read_text().strip()

    def resolved_public_url(self, port: int) -> str:
        """Return `PUBLIC_URL` without a trailing slash, or the default for `port`.

        Args:
            port: The port the app listens on.

        Returns:
            The public URL the frontend is built for.
        """
        return (self.public_url or f"http://localhost:{port}").rstrip("/")


def _create_secret_key_file(path: Path) -> None:
    # Written whole and private in a temporary file, then linked into place: the link
    # fails when another process got there first, so no one ever reads a partial key,
    # and no two processes keep different keys.
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(48))
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)


@functools.cache
def get_settings() -> Settings:
    """Return the process-wide settings, read once.

    Returns:
        The settings.
    """
    return Settings()
