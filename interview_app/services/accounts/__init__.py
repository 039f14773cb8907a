"""Accounts: who a person is and how they prove it.

Users and their plans (`users`), password hashing (`passwords`), sign-in sessions, tickets
and throttling (`sessions`), and sign-in with an OpenID Connect provider (`oidc`).
"""
