"""Transcripts we own: stored once, read by everything else.

`store` writes and reads an interview's messages and says where its transcript stands;
`browser` parses what a browser reports; `sync` copies a transcript from a provider that
keeps chat histories; `export` renders the download. The entry type itself is the shared
kernel's `services.transcript_entry`.
"""
