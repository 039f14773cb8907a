"""Hume EVI: `fetch_access_token`, `fetch_chat_messages`.

A stable import path of SPEC §11 (acceptance checks import it); the code lives in
`interview_app.services.voice.hume`. Nothing but these names belongs here.
"""

from interview_app.services.voice.hume import fetch_access_token, fetch_chat_messages

__all__ = ["fetch_access_token", "fetch_chat_messages"]
