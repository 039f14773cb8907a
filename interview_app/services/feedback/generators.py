"""The registry of feedback generators: one table, the first configured one writes (SPEC §7).

A generator turns an interview's inputs into a `FeedbackReport`. With a Gemini key the
model writes it; without one, the automatic rubric over the delivery metrics does. Adding
a generator is one module with a `Generator` subclass and one row in `GENERATORS`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from interview_app.config import Settings
from interview_app.services.feedback.gemini import report_from_gemini
from interview_app.services.feedback.prompt import FeedbackInputs
from interview_app.services.feedback.report import FeedbackReport
from interview_app.services.feedback.rubric import automatic_feedback_for


class Generator(ABC):
    """One way of writing feedback: a row of `GENERATORS`.

    Attributes:
        name: The generator's name, as the report labels it.
        uses_model: Whether it calls a model on the operator's key (counted against
            `MODEL_CALLS_PER_USER_PER_DAY`).
    """

    name: ClassVar[str]
    uses_model: ClassVar[bool]

    @abstractmethod
    def configured(self, settings: Settings) -> bool:
        """Whether this installation can run the generator.

        Args:
            settings: The settings.

        Returns:
            True when it can write feedback here.
        """

    @abstractmethod
    async def generate(self, inputs: FeedbackInputs, settings: Settings) -> FeedbackReport:
        """Write the report of one interview.

        Args:
            inputs: The interview's transcript, candidate and job.
            settings: The settings.

        Returns:
            The report.

        Raises:
            FeedbackError: The generator failed; the message is safe to show.
        """


class GeminiGenerator(Generator):
    """Gemini writes the feedback (`services.feedback.gemini`)."""

    name: ClassVar[str] = "gemini"
    uses_model: ClassVar[bool] = True

    def configured(self, settings: Settings) -> bool:
        """Whether `GEMINI_API_KEY` is set."""
        return bool(settings.gemini_api_key)

    async def generate(self, inputs: FeedbackInputs, settings: Settings) -> FeedbackReport:
        """Ask Gemini for the report."""
        return await report_from_gemini(inputs, settings)


class AutomaticGenerator(Generator):
    """The rubric over the delivery metrics writes the feedback; no key, no AI."""

    name: ClassVar[str] = "automatic"
    uses_model: ClassVar[bool] = False

    def configured(self, settings: Settings) -> bool:
        """Always: the rubric needs nothing."""
        return True

    async def generate(self, inputs: FeedbackInputs, settings: Settings) -> FeedbackReport:
        """Write the report, labelled `automatic`."""
        return automatic_feedback_for(
            transcript=inputs.transcript, job_description=inputs.job_description
        )


GENERATORS: tuple[Generator, ...] = (GeminiGenerator(), AutomaticGenerator())


def select_generator(settings: Settings) -> Generator:
    """Return the generator that writes this installation's feedback.

    Args:
        settings: The settings.

    Returns:
        The first configured row of `GENERATORS` (the automatic one always is).
    """
    return next(row for row in GENERATORS if row.configured(settings))
