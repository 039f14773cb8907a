"""Business rules as plain typed functions; nothing here imports reflex or starlette.

One subpackage per domain, each importing only those below it (checked by `lint-imports`,
contract `services-acyclic`); highest first:

- `work`: resuming abandoned background work; deleting interviews past retention.
- `privacy`: the archive of everything the app holds about a user.
- `progress`: a candidate's interviews for one job side by side.
- `feedback`: feedback generation, its generators (Gemini, automatic rubric) and report.
- `calls`: starting a voice call, Gemini Live sessions, practice answers.
- `transcripts`: storing, reading, exporting and copying transcripts.
- `delivery`: delivery metrics of a transcript (pure).
- `interviews`: the interview lifecycle, plans, rate limit, claims on background work.
- `voice`: the voice provider interface, its registry and the providers' clients.
- `jobs`: job infos and their key terms.
- `accounts`: users, passwords, sign-in sessions, OpenID Connect.

The shared kernel sits at this level: `errors` (domain exceptions), `ids`, `validation`,
and `transcript_entry` (the normalised transcript form every domain speaks). Beside it,
`job_infos`, `permissions`, `hume` and `gemini_live` only re-export the service API whose
import paths SPEC §11 keeps stable (as do the `interviews`, `transcripts` and `feedback`
packages); no rule is written in them.
"""
