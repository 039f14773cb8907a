"""Reflex configuration. Everything operators set lives in `interview_app.config` (SPEC §9)."""

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from interview_app.config import get_settings

# One source of settings for Reflex and the app: the environment, then `.env`.
settings = get_settings()

config = rx.Config(
    app_name="interview_app",
    show_built_with_reflex=False,
    telemetry_enabled=False,
    # Several backend workers share state only through Redis.
    redis_url=settings.redis_url or None,
    disable_plugins=[SitemapPlugin],
    plugins=[rx.plugins.RadixThemesPlugin(theme=rx.theme(accent_color="indigo", radius="medium"))],
)
