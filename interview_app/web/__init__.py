"""The HTTP adapter: routes and middleware served in front of Reflex's own."""

from interview_app.web.app import build_http_app

__all__ = ["build_http_app"]
