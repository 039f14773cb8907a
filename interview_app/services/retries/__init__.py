"""Retrying one question of a finished interview, and comparing the attempts (coaching)."""
