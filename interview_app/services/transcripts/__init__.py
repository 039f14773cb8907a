"""Transcripts we own: stored once, read by everything else.

`store` writes and reads an interview's messages and says where its transcript stands;
`browser` parses what a browser reports; `sync` copies a transcript from a provider that
keeps chat histories; `export` renders the download. The entry type itself is the shared
kernel's `services.transcript_entry`.

`sync_transcript` is re-exported here: its import path is stable (SPEC §11).
"""

from interview_app.services.transcripts.sync import sync_transcript

__all__ = ["sync_transcript"]
