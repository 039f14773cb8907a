"""Work that outlives its worker: feedback generations and transcript syncs (issue 13).

Both are claimed in the database before they start, so when the worker running one dies
or stops, its claim tells every other worker (and this installation's next start) that
it is owed. `resume_abandoned_work` is what each worker runs now and then to take such
work up again: claims are atomic, so one worker resumes each piece and it never runs
twice at once.
"""

from __future__ import annotations

import dataclasses

from interview_app.services.feedback.generation import resume_abandoned_feedback
from interview_app.services.transcripts.sync import resume_abandoned_syncs


@dataclasses.dataclass(frozen=True, slots=True)
class ResumedWork:
    """What one sweep resumed.

    Attributes:
        syncs: Transcript syncs resumed (stored or failed).
        generations: Feedback generations resumed (finished or failed).
    """

    syncs: int
    generations: int


async def resume_abandoned_work(*, limit: int = 10) -> ResumedWork:
    """Resume abandoned transcript syncs, then abandoned feedback generations.

    Syncs go first: a feedback generation can only start once its transcript is stored.

    Args:
        limit: At most this many of each are resumed by one call.

    Returns:
        What was resumed.
    """
    syncs = await resume_abandoned_syncs(limit=limit)
    generations = await resume_abandoned_feedback(limit=limit)
    return ResumedWork(syncs=syncs, generations=generations)
