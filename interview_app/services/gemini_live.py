"""Gemini Live: `mint_session_token`.

A stable import path of SPEC §11 (acceptance checks import it); the code lives in
`interview_app.services.calls.gemini_live`. Nothing but these names belongs here.
"""

from interview_app.services.calls.gemini_live import mint_session_token

__all__ = ["mint_session_token"]
