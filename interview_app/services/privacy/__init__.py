"""A user's data is theirs: everything the app holds about them, in one archive.

`export` builds the archive (account, job infos, interviews with their transcripts,
feedback and delivery metrics) as JSON and Markdown. Deleting an account is
`services.accounts.deletion`.
"""
