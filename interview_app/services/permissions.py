"""What a plan allows: `can_create_interview`.

A stable import path of SPEC §11 (acceptance checks import it); the code lives in
`interview_app.services.interviews.plans`. Nothing but these names belongs here.
"""

from interview_app.services.interviews.plans import can_create_interview

__all__ = ["can_create_interview"]
