"""Domain exceptions. Each one's `str()` is the message a user may see (SPEC §3, §4)."""

from __future__ import annotations

PERMISSION_DENIED_MESSAGE = "You don't have permission to do this"
PLAN_LIMIT_MESSAGE = "You have reached your plan limit."
RATE_LIMIT_TITLE = "Woah! Slow down."
RATE_LIMIT_DESCRIPTION = "You are making too many requests. Please try again later."


class DomainError(Exception):
    """A refusal or failure whose message is safe to show to the user."""

    default_message = "Something went wrong. Please try again."
    code: str | None = None

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)


class PermissionDeniedError(DomainError):
    """The acting user may not do this (not signed in, or not the owner)."""

    default_message = PERMISSION_DENIED_MESSAGE


class NotFoundError(PermissionDeniedError):
    """The record does not exist for this user.

    Another user's record is reported exactly like a missing one, so ids reveal nothing;
    it is a kind of permission refusal, hence the base class.
    """

    default_message = "Not found"


class PlanLimitError(DomainError):
    """The user's plan allows no more interviews."""

    default_message = PLAN_LIMIT_MESSAGE
    code = "PLAN_LIMIT"


class ModelBudgetError(DomainError):
    """The user made today's allowance of model calls (`MODEL_CALLS_PER_USER_PER_DAY`)."""

    default_message = (
        "You have used today's AI requests on this installation. They renew at midnight UTC."
    )
    code = "MODEL_BUDGET"


class RateLimitError(DomainError):
    """The user created interviews faster than the rate limit allows."""

    default_message = f"{RATE_LIMIT_TITLE} {RATE_LIMIT_DESCRIPTION}"
    code = "RATE_LIMIT"
    title = RATE_LIMIT_TITLE
    description = RATE_LIMIT_DESCRIPTION


class NotCompletedError(DomainError):
    """Feedback was asked for an interview that has no voice chat yet."""

    default_message = "Interview has not been completed yet"


class VoiceNotConfiguredError(DomainError):
    """An interview was asked of a voice provider this installation has no keys for."""

    default_message = "This kind of interview is not configured on this installation."


class FeedbackError(DomainError):
    """The AI did not produce feedback."""

    default_message = "Failed to generate feedback"


class InvalidInputError(DomainError):
    """Form input broke a rule; `field_errors` maps each field to its message."""

    default_message = "Please correct the highlighted fields."

    def __init__(self, field_errors: dict[str, str]) -> None:
        super().__init__()
        self.field_errors = field_errors


class InvalidCredentialsError(DomainError):
    """Sign-in failed; the message never says whether the email exists."""

    default_message = "Incorrect email or password."


class TooManyAttemptsError(DomainError):
    """Too many failed sign-ins for this email in a short time."""

    default_message = "Too many failed sign-in attempts. Please wait a few minutes and try again."


class AccountExistsError(DomainError):
    """Sign-up with an email that already has an account."""

    default_message = "An account with this email already exists. Please sign in instead."


class SignUpDisabledError(DomainError):
    """The operator turned local sign-up off."""

    default_message = "Sign-up with email and password is turned off on this installation."


class VoiceProviderError(DomainError):
    """The voice provider refused or could not be reached (after retries)."""

    default_message = "The voice service could not be reached. Please try again in a moment."


class VoiceChatNotFoundError(VoiceProviderError):
    """The voice provider does not know the chat (any more)."""

    default_message = "The voice service no longer has this conversation."


class ChatIdRefusedError(DomainError):
    """A chat id that cannot belong to this interview: taken, already set, or not ours."""

    default_message = "This conversation cannot be attached to this interview."


class TranscriptSyncInProgressError(DomainError):
    """Another sync of the same transcript is under way."""

    default_message = "The transcript is being fetched. It appears here in a moment."
