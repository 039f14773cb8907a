"""Calls: the voice call of one interview, from its start to its transcript.

`start` mints a provider token for the browser; `gemini_live` checks and records each
Gemini Live session of an interview; `practice` stores a practice interview's answers.
"""
