"""Delivery: how the candidate spoke and answered, measured from a transcript (pure).

`metrics` computes pace, pauses, fillers, talk share, STAR parts and key-term coverage.
"""
