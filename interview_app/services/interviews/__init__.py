"""Interviews: their lifecycle and the rules on starting one.

`lifecycle` creates, reads, updates and deletes interviews, owner-checked through their
job info; `plans` says what a plan allows; `rate_limit` is the token bucket; `claims` is
the lease on background work of an interview (feedback, transcript copies).
"""
