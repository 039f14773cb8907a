"""Render assets/icon.svg into the PNG icons and favicon.ico the app serves.

Run after changing the SVG: `.venv/bin/python scripts/make_icons.py` (uses Debian's
Chromium through Playwright, as the tests do).
"""

from __future__ import annotations

import struct
from pathlib import Path

from playwright.sync_api import sync_playwright

ASSETS = Path(__file__).resolve().parent.parent / "assets"
PNG_SIZES = {"apple-touch-icon.png": 180, "icon-192.png": 192, "icon-512.png": 512}
ICO_SIZES = (16, 32, 48)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def _ico(pngs: dict[int, bytes]) -> bytes:
    # An ICO file may hold PNG images as they are: a header, a directory, the images.
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    directory, images = b"", b""
    for size, data in sorted(pngs.items()):
        side = size % 256  # 0 stands for 256
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        images += data
    return header + directory + images


def main() -> None:
    """Write the PNG icons and favicon.ico next to icon.svg."""
    svg = (ASSETS / "icon.svg").read_text()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page()

        def render(size: int) -> bytes:
            page.set_viewport_size({"width": size, "height": size})
            page.set_content(
                f"<style>*{{margin:0}}svg{{width:{size}px;height:{size}px;display:block}}</style>"
                + svg
            )
            return page.screenshot(omit_background=True)

        for name, size in PNG_SIZES.items():
            (ASSETS / name).write_bytes(render(size))
        (ASSETS / "favicon.ico").write_bytes(_ico({size: render(size) for size in ICO_SIZES}))
        browser.close()


if __name__ == "__main__":
    main()
