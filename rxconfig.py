"""Reflex configuration. Everything operators set lives in `interview_app.config` (SPEC §9)."""

from typing import Any

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from interview_app.config import get_settings

# One source of settings for Reflex and the app: the environment, then `.env`.
settings = get_settings()

# The colour scales the app uses: the accent (indigo), its natural gray (slate), and the
# color schemes and CSS variables in the pages (gray, red, green, amber, cyan).
USED_COLORS = ("indigo", "slate", "gray", "red", "green", "amber", "cyan")


class RadixThemesWithUsedColors(rx.plugins.RadixThemesPlugin):
    """Radix Themes with the colour scales the app uses, not all thirty.

    Radix's `styles.css` is its split files together: tokens (every colour's scale, light,
    dark and P3), components and utilities. The tokens of thirty colours are 35 of its 86
    kB gzipped; the seven used are 12 (base included).
    """

    def get_stylesheet_paths(self, **context: Any) -> tuple[str, ...]:
        """Return Radix's split stylesheets with only the used colours' tokens."""
        if not self.enabled:
            return ()
        return (
            "@radix-ui/themes/tokens/base.css",
            *(f"@radix-ui/themes/tokens/colors/{color}.css" for color in USED_COLORS),
            "@radix-ui/themes/components.css",
            "@radix-ui/themes/utilities.css",
        )


config = rx.Config(
    app_name="interview_app",
    show_built_with_reflex=False,
    telemetry_enabled=False,
    # Several backend workers share state only through Redis.
    redis_url=settings.redis_url or None,
    disable_plugins=[SitemapPlugin],
    plugins=[RadixThemesWithUsedColors(theme=rx.theme(accent_color="indigo", radius="medium"))],
)
