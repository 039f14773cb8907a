"""The registry of feedback generators: one table, the first configured one writes (SPEC §7).

A generator turns an interview's inputs into a `FeedbackReport` with a review of every
answer, and reviews one answer alone (a retried question) as an `AnswerReview`. The
order of `GENERATORS` is the preference: an OpenAI-compatible model the operator set up
(`LLM_BASE_URL` and `LLM_MODEL`, often one a team runs itself so that no interview leaves
its servers) comes before Gemini, whose key may be there for voice interviews alone; with
neither, the automatic rubric writes both. Whoever wrote
them, every quote shown as the candidate's words is checked against the transcript before
it is returned (`quotes`). Adding a generator is one module with a `Generator` subclass
and one row in `GENERATORS`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from interview_app.config import Settings
from interview_app.services.feedback.answers import AnswerInputs, review_answer_automatically
from interview_app.services.feedback.gemini import report_from_gemini, review_from_gemini
from interview_app.services.feedback.llm import report_from_llm, review_from_llm
from interview_app.services.feedback.prompt import FeedbackInputs
from interview_app.services.feedback.quotes import candidate_text, verify_quotes, verify_review
from interview_app.services.feedback.report import AnswerReview, FeedbackReport
from interview_app.services.feedback.rubric import automatic_feedback_for
from interview_app.services.llm.chat import llm_configured


class Generator(ABC):
    """One way of writing feedback: a row of `GENERATORS`.

    Attributes:
        name: The generator's name, as the report labels it.
        uses_model: Whether it calls a model on the operator's key (counted against
            `MODEL_CALLS_PER_USER_PER_DAY`).
        needs: The settings it needs, as a message says it ("" when none).
    """

    name: ClassVar[str]
    uses_model: ClassVar[bool]
    needs: ClassVar[str] = ""

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
        """Write the report of one interview, with a review of every answer.

        Args:
            inputs: The interview's transcript, candidate and job.
            settings: The settings.

        Returns:
            The report, its quotes checked against the transcript.

        Raises:
            FeedbackError: The generator failed; the message is safe to show.
        """

    @abstractmethod
    async def review_answer(self, inputs: AnswerInputs, settings: Settings) -> AnswerReview:
        """Review one answer alone (a retried question), as a report reviews each answer.

        Args:
            inputs: The question, the answer's messages and the job.
            settings: The settings.

        Returns:
            The review, its quotes checked against the answer.

        Raises:
            FeedbackError: The generator failed; the message is safe to show.
        """


class LlmGenerator(Generator):
    """Any OpenAI-compatible model writes the feedback (`services.feedback.llm`)."""

    name: ClassVar[str] = "llm"
    uses_model: ClassVar[bool] = True
    needs: ClassVar[str] = "LLM_BASE_URL and LLM_MODEL"

    def configured(self, settings: Settings) -> bool:
        """Whether `LLM_BASE_URL` and `LLM_MODEL` are set."""
        return llm_configured(settings)

    async def generate(self, inputs: FeedbackInputs, settings: Settings) -> FeedbackReport:
        """Ask the model for the report."""
        report = await report_from_llm(inputs, settings)
        return verify_quotes(report, inputs.transcript)

    async def review_answer(self, inputs: AnswerInputs, settings: Settings) -> AnswerReview:
        """Ask the model to review the answer."""
        review = await review_from_llm(inputs, settings)
        return verify_review(review, candidate_text(inputs.answer))[0]


class GeminiGenerator(Generator):
    """Gemini writes the feedback (`services.feedback.gemini`)."""

    name: ClassVar[str] = "gemini"
    uses_model: ClassVar[bool] = True
    needs: ClassVar[str] = "GEMINI_API_KEY"

    def configured(self, settings: Settings) -> bool:
        """Whether `GEMINI_API_KEY` is set."""
        return bool(settings.gemini_api_key)

    async def generate(self, inputs: FeedbackInputs, settings: Settings) -> FeedbackReport:
        """Ask Gemini for the report."""
        report = await report_from_gemini(inputs, settings)
        return verify_quotes(report, inputs.transcript)

    async def review_answer(self, inputs: AnswerInputs, settings: Settings) -> AnswerReview:
        """Ask Gemini to review the answer."""
        review = await review_from_gemini(inputs, settings)
        return verify_review(review, candidate_text(inputs.answer))[0]


class AutomaticGenerator(Generator):
    """The rubric over the delivery metrics writes the feedback; no key, no AI."""

    name: ClassVar[str] = "automatic"
    uses_model: ClassVar[bool] = False

    def configured(self, settings: Settings) -> bool:
        """Always: the rubric needs nothing."""
        return True

    async def generate(self, inputs: FeedbackInputs, settings: Settings) -> FeedbackReport:
        """Write the report, labelled `automatic`."""
        report = automatic_feedback_for(
            transcript=inputs.transcript,
            job_description=inputs.job_description,
            language=inputs.language,
            resume_text=inputs.resume_text,
        )
        return verify_quotes(report, inputs.transcript)

    async def review_answer(self, inputs: AnswerInputs, settings: Settings) -> AnswerReview:
        """Review the answer with the rubric's per-answer review."""
        review = review_answer_automatically(inputs)
        return verify_review(review, candidate_text(inputs.answer))[0]


# The preference, first configured first: the operator's own choice of model, then Gemini.
GENERATORS: tuple[Generator, ...] = (LlmGenerator(), GeminiGenerator(), AutomaticGenerator())


def select_generator(settings: Settings) -> Generator:
    """Return the generator that writes this installation's feedback.

    Args:
        settings: The settings.

    Returns:
        The first configured row of `GENERATORS` (the automatic one always is).
    """
    return next(row for row in GENERATORS if row.configured(settings))
