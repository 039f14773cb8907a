"""The HTML of pages whose path holds an id, naming all of their code up front.

React Router prerenders every page without an id in its path (sign-in, the dashboard) with
`<link rel="modulepreload">` for all the code it runs. A path with an id (a job's hub, an
interview) gets the build's one SPA fallback instead, which names only the app shell: the
browser finds the rest a level at a time (the shell, then the shell's imports, then the page's
module from the route manifest, then that module's imports). Here each such route gets a copy
of the fallback that also names its module and every import, read from the build's route
manifest, so a first visit fetches them all at once. The document is otherwise the fallback
byte for byte, so React hydrates it exactly as before.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import logging
import re
from collections.abc import Callable
from html import escape
from pathlib import Path

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from interview_app.http_headers import accepts_encoding

logger = logging.getLogger(__name__)

SPA_FALLBACK_NAME = "__spa-fallback.html"
_MANIFEST_IMPORT = re.compile(r'import\s+"(/assets/manifest-[^"]+\.js)"')
_MANIFEST_PREFIX = "window.__reactRouterManifest="
_HEAD_END = "</head>"


@dataclasses.dataclass(frozen=True, slots=True)
class RouteShell:
    """One dynamic route's document, ready to send.

    Attributes:
        html: The document, encoded.
        gzipped: The same, gzip-compressed.
        etag: A validator of its content.
    """

    html: bytes
    gzipped: bytes
    etag: str


@dataclasses.dataclass(frozen=True, slots=True)
class RouteShells:
    """The shells of one build's dynamic routes, with the patterns that pick them.

    Attributes:
        static_paths: Paths React Router prerendered (a static segment outranks an id, so
            `/app/job-infos/new` is never the hub of a job called "new").
        shells: Each dynamic route's path pattern and its shell.
    """

    static_paths: frozenset[str]
    shells: tuple[tuple[re.Pattern[str], RouteShell], ...]

    def for_path(self, path: str) -> RouteShell | None:
        """Return the shell of the dynamic route that `path` opens, if it opens one.

        Args:
            path: The request path.

        Returns:
            The shell, or None for prerendered pages, files and unknown paths.
        """
        normalized = path.strip("/")
        if normalized in self.static_paths:
            return None
        for pattern, shell in self.shells:
            if pattern.fullmatch(normalized):
                return shell
        return None


def _pattern(route_path: str) -> re.Pattern[str]:
    segments = [
        "[^/]+" if segment.startswith(":") else re.escape(segment)
        for segment in route_path.strip("/").split("/")
    ]
    return re.compile("/".join(segments))


def _read_manifest(client_dir: Path, fallback: str) -> dict:
    found = _MANIFEST_IMPORT.search(fallback)
    if found is None:
        msg = "the SPA fallback imports no route manifest"
        raise ValueError(msg)
    text = (client_dir / found.group(1).lstrip("/")).read_text(encoding="utf-8").strip()
    if not text.startswith(_MANIFEST_PREFIX):
        msg = "the route manifest has an unexpected form"
        raise ValueError(msg)
    return json.loads(text.removeprefix(_MANIFEST_PREFIX).rstrip(";"))


def _chain(routes: dict, route: dict) -> list[dict]:
    """Return the route and its parents, outermost first."""
    chain = [route]
    while (parent_id := chain[0].get("parentId")) and parent_id in routes:
        chain.insert(0, routes[parent_id])
    return chain


def _shell(fallback: str, manifest: dict, route: dict) -> RouteShell:
    modules: list[str] = [manifest["entry"]["module"], *manifest["entry"].get("imports", [])]
    styles: list[str] = list(manifest["entry"].get("css", []))
    for level in _chain(manifest["routes"], route):
        modules += [level["module"], *level.get("imports", [])]
        styles += level.get("css", [])
    links = [
        f'<link rel="modulepreload" href="{escape(url)}"/>'
        for url in dict.fromkeys(modules)
        if f'"{url}"' not in fallback
    ] + [f'<link rel="preload" as="style" href="{escape(url)}"/>' for url in dict.fromkeys(styles)]
    html = fallback.replace(_HEAD_END, "".join(links) + _HEAD_END, 1).encode()
    return RouteShell(
        html=html,
        gzipped=gzip.compress(html, compresslevel=9, mtime=0),
        etag=f'"shell-{hashlib.sha256(html).hexdigest()[:32]}"',
    )


def build_route_shells(client_dir: Path) -> RouteShells:
    """Read a build's SPA fallback and route manifest and make each dynamic route's shell.

    Args:
        client_dir: The build's folder of files served to browsers.

    Returns:
        The shells.

    Raises:
        OSError: A file of the build cannot be read.
        ValueError: The fallback or the manifest is not of the form React Router writes.
    """
    fallback = (client_dir / SPA_FALLBACK_NAME).read_text(encoding="utf-8")
    if _HEAD_END not in fallback:
        msg = "the SPA fallback has no head"
        raise ValueError(msg)
    manifest = _read_manifest(client_dir, fallback)
    routes = manifest["routes"]
    static_paths: set[str] = set()
    shells: list[tuple[re.Pattern[str], RouteShell]] = []
    for route in routes.values():
        path = route.get("path")
        if path is None or route["id"] == "root":
            continue
        if ":" in path:
            shells.append((_pattern(path), _shell(fallback, manifest, route)))
        else:
            static_paths.add(path.strip("/"))
    return RouteShells(static_paths=frozenset(static_paths), shells=tuple(shells))


class _ShellCache:
    """The shells of the build on disk, made again when the build changes."""

    def __init__(self, client_dir: Callable[[], Path]) -> None:
        self._client_dir = client_dir
        # Where the build is does not change while the app runs: found on the first request.
        self._directory: Path | None = None
        self._key: tuple[int, int] | None = None
        self._shells: RouteShells | None = None

    def current(self) -> RouteShells | None:
        if self._directory is None:
            self._directory = self._client_dir()
        directory = self._directory
        try:
            stat = (directory / SPA_FALLBACK_NAME).stat()
        except OSError:
            return None
        key = (stat.st_mtime_ns, stat.st_size)
        if key != self._key:
            self._key = key
            try:
                self._shells = build_route_shells(directory)
            except (OSError, ValueError, KeyError, TypeError) as error:
                # Pages still work from the plain fallback; they just fetch their code later.
                logger.warning("Pages with an id are served the plain SPA fallback: %s", error)
                self._shells = None
        return self._shells


def built_client_dir() -> Path:
    """Return the folder of the production build that Reflex serves to browsers."""
    from reflex import constants
    from reflex.config import get_config
    from reflex.utils import prerequisites

    return (
        prerequisites.get_web_dir() / constants.Dirs.STATIC / get_config().frontend_path.strip("/")
    )


class ServeRouteShells:
    """Answer a page load of a route with an id with its shell instead of the plain fallback.

    Only GET and HEAD of such a route; everything else (prerendered pages, assets, events)
    passes through. Sits inside the sign-in guard, so signed-out visitors are still sent to
    sign in first.
    """

    def __init__(self, app: ASGIApp, client_dir: Callable[[], Path] = built_client_dir) -> None:
        """Wrap the app.

        Args:
            app: The app to pass other requests to.
            client_dir: Where the build's browser files are (asked once, on the first
                request).
        """
        self.app = app
        self.cache = _ShellCache(client_dir)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Send the shell of a dynamic route's page; pass everything else on."""
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        shells = self.cache.current()
        shell = shells.for_path(scope["path"]) if shells is not None else None
        if shell is None:
            await self.app(scope, receive, send)
            return
        await _shell_response(shell, Headers(scope=scope), scope["method"])(scope, receive, send)


def _shell_response(shell: RouteShell, request: Headers, method: str) -> Response:
    headers = {"ETag": shell.etag, "Vary": "Accept-Encoding"}
    if shell.etag in (tag.strip() for tag in request.get("if-none-match", "").split(",")):
        return Response(status_code=304, headers=headers)
    body = shell.html
    if accepts_encoding(request.get("accept-encoding", ""), "gzip"):
        body = shell.gzipped
        headers["Content-Encoding"] = "gzip"
    headers["Content-Length"] = str(len(body))
    return Response(
        b"" if method == "HEAD" else body,
        media_type="text/html; charset=utf-8",
        headers=headers,
    )
