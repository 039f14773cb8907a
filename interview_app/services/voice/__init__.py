"""Voice providers: who holds an interview's conversation.

`base` is the interface every provider implements; `registry` is the one table of them
(asked for what is configured, how a call starts and where a transcript comes from). One
module per provider: `hume` (EVI client), `gemini_live` (Live token minting), `practice`
(keyless) with its question planner `practice_plan` and its words in each interview
language, `practice_bank`. Nothing here touches the database.
"""
