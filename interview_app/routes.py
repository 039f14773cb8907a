"""Route constants and URL builders, so no page spells a path by hand.

The builders take plain ids, or Reflex vars holding them (pages build links from state):
either way the path comes out of one f-string here.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlencode

LANDING = "/"
SIGN_IN = "/sign-in"
SIGN_UP = "/sign-up"
DASHBOARD = "/app"
NEW_JOB_INFO = "/app/job-infos/new"
JOB_INFO = "/app/job-infos/[job_info_id]"
EDIT_JOB_INFO = "/app/job-infos/[job_info_id]/edit"
INTERVIEWS = "/app/job-infos/[job_info_id]/interviews"
NEW_INTERVIEW = "/app/job-infos/[job_info_id]/interviews/new"
INTERVIEW = "/app/job-infos/[job_info_id]/interviews/[interview_id]"
UPGRADE = "/app/upgrade"
ACCOUNT = "/app/account"
RESUMES = "/app/resumes"
# Reflex's name for the page shown at any address the app does not have.
NOT_FOUND = "404"

# HTTP routes served next to Reflex (they set or clear the HttpOnly session cookie).
AUTH_SESSION = "/auth/session"
# Where the sign-in and sign-up forms post when their JavaScript has not loaded.
AUTH_SIGN_IN = "/auth/sign-in"
AUTH_SIGN_UP = "/auth/sign-up"
AUTH_SIGN_OUT = "/auth/sign-out"
OIDC_LOGIN = "/auth/oidc/login"
OIDC_CALLBACK = "/auth/oidc/callback"
# HTTP routes of an interview's call and transcript.
VOICE_CALL = "/api/interviews/{interview_id}/voice-call"
TRANSCRIPT_DOWNLOAD = "/api/interviews/{interview_id}/transcript.{file_format}"
GEMINI_LIVE_SESSION = "/api/gemini-live/session"
ACCOUNT_EXPORT = "/api/account/export"
# Spoken answers: whether speech is recognised here, and one answer's recording.
SPEECH_STATUS = "/api/speech"
ANSWER_AUDIO = "/api/interviews/{interview_id}/answer-audio"
ANSWER_AUDIO_FILE = "/api/interviews/{interview_id}/answer-audio/{recording_id}"

# Why the HTTP routes sent the browser back to the sign-in page (`?error=`), which the
# sign-in page words for people.
ERROR_FORM = "form"
ERROR_OIDC_CANCELLED = "oidc_cancelled"
ERROR_OIDC_FAILED = "oidc_failed"
ERROR_OIDC_UNAVAILABLE = "oidc_unavailable"
ERROR_OIDC_ACCOUNT = "oidc_account"


def job_info_url(job_info_id: object) -> str:
    """Return the hub page of a job info."""
    return f"/app/job-infos/{job_info_id}"


def edit_job_info_url(job_info_id: object) -> str:
    """Return the edit page of a job info."""
    return f"/app/job-infos/{job_info_id}/edit"


def interviews_url(job_info_id: object) -> str:
    """Return the list of a job info's interviews."""
    return f"/app/job-infos/{job_info_id}/interviews"


def new_interview_url(job_info_id: object) -> str:
    """Return the page that starts a new interview for a job info."""
    return f"/app/job-infos/{job_info_id}/interviews/new"


def interview_url(job_info_id: object, interview_id: object) -> str:
    """Return the page of one interview."""
    return f"/app/job-infos/{job_info_id}/interviews/{interview_id}"


def answer_audio_url(interview_id: object, recording_id: object) -> str:
    """Return the kept recording of one spoken answer (`KEEP_ANSWER_AUDIO`)."""
    return f"/api/interviews/{interview_id}/answer-audio/{recording_id}"


def resumes_url(resume_id: object = None) -> str:
    """Return the résumés page, opened on one résumé when its id is given."""
    # A uuid needs no escaping, and a Var (a page's link) cannot be url-encoded here.
    return RESUMES if resume_id is None else f"{RESUMES}?resume={resume_id}"


def sign_in_url(next_path: str | None = None) -> str:
    """Return the sign-in page, asking to come back to `next_path` afterwards."""
    return f"{SIGN_IN}?{urlencode({'next': next_path})}" if next_path else SIGN_IN


def session_handoff_url(ticket: str) -> str:
    """Return the route that trades a sign-in ticket for the session cookie."""
    return f"{AUTH_SESSION}?{urlencode({'ticket': ticket})}"


def oidc_login_url(next_path: str | None = None) -> str:
    """Return the route that starts sign-in with the identity provider."""
    return f"{OIDC_LOGIN}?{urlencode({'next': next_path})}" if next_path else OIDC_LOGIN


def voice_call_url(interview_id: str) -> str:
    """Return the route that mints an interview's voice call."""
    return VOICE_CALL.format(interview_id=interview_id)


def transcript_download_url(interview_id: str, file_format: Literal["md", "json"]) -> str:
    """Return the download of an interview's transcript as Markdown or JSON."""
    return TRANSCRIPT_DOWNLOAD.format(interview_id=interview_id, file_format=file_format)
