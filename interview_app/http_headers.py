"""Lenient parsers of what arrives in HTTP headers, shared by the web routes and the states.

Who is on the other end of a request: its address, its scheme, whether its Origin is ours,
and its cookies. Forwarded headers are believed only from the reverse proxies the operator
names (`TRUSTED_PROXIES`); anyone else could write them. Every reader of the Cookie header
(HTTP routes and Reflex events alike) parses it with Starlette's lenient parser, so one
malformed cookie from another app on the same host cannot hide ours from some readers and
not from others.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from starlette.requests import cookie_parser

from interview_app.config import get_settings

_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.cache
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _is_trusted(address: str, trusted: Iterable[Network]) -> bool:
    try:
        parsed = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(parsed in network for network in trusted)


def _trusted_proxies() -> tuple[Network, ...]:
    return _networks(tuple(get_settings().trusted_proxies))


def client_address(peer: str, forwarded_for: str = "") -> str:
    """Return the address of the browser behind a request.

    Args:
        peer: The address of the TCP peer.
        forwarded_for: The X-Forwarded-For header, if any.

    Returns:
        The peer itself, unless it is a trusted proxy: then the right-most address in
        X-Forwarded-For that is not a trusted proxy (the left-most when all are).
    """
    trusted = _trusted_proxies()
    if not _is_trusted(peer, trusted):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, trusted):
            return hop
    return hops[0] if hops else peer


def is_https(scheme: str, peer: str, headers: Mapping[str, str]) -> bool:
    """Tell whether the browser reached us over https, directly or through a trusted proxy.

    Args:
        scheme: The scheme the server saw ("http", "https", "ws", "wss").
        peer: The address of the TCP peer.
        headers: The request headers (lower-case names).

    Returns:
        True when the browser's connection is encrypted.
    """
    if scheme in ("https", "wss"):
        return True
    if not _is_trusted(peer, _trusted_proxies()):
        return False
    return headers.get("x-forwarded-proto", "").split(",")[0].strip().lower() == "https"


def _host_and_port(netloc: str, scheme: str) -> tuple[str, int] | None:
    try:
        parts = urlsplit(f"{scheme}://{netloc}")
        port = parts.port or _DEFAULT_PORTS.get(scheme)
    except ValueError:
        return None
    if not parts.hostname or port is None:
        return None
    return parts.hostname.lower(), port


def is_own_origin(origin: str, host: str) -> bool:
    """Tell whether a browser's Origin header names this app.

    The app's own origin is the host the request was sent to (its Host header), so the
    app works at any address and port; `ALLOWED_ORIGINS` adds origins for a proxy that
    rewrites the Host header. The scheme is not compared, so a proxy that ends TLS and
    passes the Host header on needs no setting.

    Args:
        origin: The Origin header ("null" from opaque origins, which never match).
        host: The Host header.

    Returns:
        True when the origin is the app's own or one the operator listed.
    """
    origin = origin.strip()
    allowed = {item.rstrip("/").lower() for item in get_settings().allowed_origins}
    if origin.lower() in allowed:
        return True
    scheme = urlsplit(origin).scheme.lower() if "://" in origin else ""
    if scheme not in ("http", "https"):
        return False
    from_origin = _host_and_port(origin.split("://", 1)[1], scheme)
    return from_origin is not None and from_origin == _host_and_port(host.strip(), scheme)


# A random value per browser, readable by no script: a sign-in ticket is issued to the
# browser that holds it, and only that browser can redeem it.
BROWSER_COOKIE = "interview_browser"


def cookie_value(raw_cookie_header: str | None, name: str) -> str | None:
    """Return one cookie from a raw Cookie header, whatever else the header holds.

    Args:
        raw_cookie_header: The Cookie header as the browser sent it.
        name: The cookie's name.

    Returns:
        Its value, or None when absent or empty.
    """
    if not raw_cookie_header:
        return None
    return cookie_parser(raw_cookie_header).get(name) or None


def accepts_encoding(accept_encoding: str | None, encoding: str) -> bool:
    """Tell whether an Accept-Encoding header lets us send a body in `encoding`.

    Args:
        accept_encoding: The header as the browser sent it (may be absent or malformed).
        encoding: A content coding such as "gzip".

    Returns:
        True when the coding, or "*", is listed with a quality above zero; a malformed
        quality counts as a refusal.
    """
    qualities: dict[str, bool] = {}
    for part in (accept_encoding or "").split(","):
        name, _, parameters = part.partition(";")
        name = name.strip().lower()
        if not name:
            continue
        quality = parameters.strip()
        value = quality.split("=", 1)[1].strip() if quality.lower().startswith("q=") else "1"
        try:
            qualities[name] = 0 < float(value) <= 1
        except ValueError:
            qualities[name] = False
    return qualities.get(encoding.lower(), qualities.get("*", False))
