"""Feedback on a finished interview.

`generation` claims and runs a generation (once across workers) and stores its report;
`generators` is the table of report writers: `gemini` (the model) and the automatic
`rubric`; `prompt` builds the model's input and reads its output; `report` is the report's
structure and its markdown. The automatic feedback reads answers by the interview
language's rules (`language_rules`), writes in its catalog (`messages`) and notes how each
answer fits the linked résumé (`resume_fit`).

`generate_interview_feedback` is re-exported here: its import path is stable (SPEC §11).
"""

from interview_app.services.feedback.generation import generate_interview_feedback

__all__ = ["generate_interview_feedback"]
