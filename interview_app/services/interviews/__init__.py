"""Interviews: their lifecycle and the rules on starting one.

`lifecycle` creates, reads, updates and deletes interviews, owner-checked through their
job info; `plans` says what a plan allows; `rate_limit` is the token bucket; `model_budget`
bounds model calls per user and day; `claims` is the lease on background work of an
interview (feedback, transcript copies).

`create_interview` and `update_interview` are re-exported here: their import path is
stable (SPEC §11).
"""

from interview_app.services.interviews.lifecycle import create_interview, update_interview

__all__ = ["create_interview", "update_interview"]
