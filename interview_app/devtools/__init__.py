"""Tools for local development and tests: fakes of the external services."""
