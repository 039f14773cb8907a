"""Pages with an id in their path name all their code up front (issue 22)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from interview_app.web.route_shells import (
    SPA_FALLBACK_NAME,
    ServeRouteShells,
    build_route_shells,
)

FALLBACK = (
    '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>'
    '<link href="/assets/styles-1.css" rel="stylesheet"/></head><body>'
    '<script type="module" async="">import "/assets/manifest-abc.js";\n'
    'import * as route0 from "/assets/root-1.js";\n'
    'import("/assets/entry.client-1.js");</script></body></html>'
)
MANIFEST = {
    "entry": {"module": "/assets/entry.client-1.js", "imports": ["/assets/react-1.js"], "css": []},
    "routes": {
        "root": {
            "id": "root",
            "path": "",
            "module": "/assets/root-1.js",
            "imports": ["/assets/react-1.js", "/assets/theme-1.js"],
            "css": [],
        },
        "hub": {
            "id": "hub",
            "parentId": "root",
            "path": "app/job-infos/:job_info_id",
            "module": "/assets/hub-1.js",
            "imports": ["/assets/job_infos-1.js", "/assets/theme-1.js"],
            "css": ["/assets/hub-1.css"],
        },
        "interview": {
            "id": "interview",
            "parentId": "root",
            "path": "app/job-infos/:job_info_id/interviews/:interview_id",
            "module": "/assets/interview-1.js",
            "imports": ["/assets/interviews-1.js"],
            "css": [],
        },
        "new": {
            "id": "new",
            "parentId": "root",
            "path": "app/job-infos/new",
            "module": "/assets/new-1.js",
            "imports": [],
            "css": [],
        },
    },
}


def _write_build(client_dir: Path, manifest: dict = MANIFEST) -> None:
    (client_dir / "assets").mkdir(parents=True, exist_ok=True)
    (client_dir / SPA_FALLBACK_NAME).write_text(FALLBACK)
    (client_dir / "assets" / "manifest-abc.js").write_text(
        "window.__reactRouterManifest=" + json.dumps(manifest) + ";"
    )


def _preloads(html: str) -> list[str]:
    return [part.split('"', 1)[0] for part in html.split('rel="modulepreload" href="')[1:]]


def test_a_hub_names_its_module_its_imports_and_the_shells_imports(tmp_path: Path) -> None:
    _write_build(tmp_path)
    shells = build_route_shells(tmp_path)
    shell = shells.for_path("/app/job-infos/2b6c1f4e-0000-4000-8000-000000000001")
    assert shell is not None
    html = shell.html.decode()
    assert _preloads(html) == [
        "/assets/react-1.js",
        "/assets/theme-1.js",
        "/assets/hub-1.js",
        "/assets/job_infos-1.js",
    ]
    assert '<link rel="preload" as="style" href="/assets/hub-1.css"/>' in html
    # The rest of the document is the fallback as built, so React hydrates it as before.
    assert html.startswith(FALLBACK.split("</head>")[0])
    assert html.endswith(FALLBACK.split("</head>")[1])
    assert gzip.decompress(shell.gzipped) == shell.html


def test_each_route_gets_its_own_code_and_prerendered_pages_are_left_alone(
    tmp_path: Path,
) -> None:
    _write_build(tmp_path)
    shells = build_route_shells(tmp_path)
    interview = shells.for_path("/app/job-infos/a/interviews/b/")
    assert interview is not None
    assert "/assets/interviews-1.js" in _preloads(interview.html.decode())
    assert "/assets/job_infos-1.js" not in _preloads(interview.html.decode())
    assert shells.for_path("/app/job-infos/new") is None
    assert shells.for_path("/app/job-infos/a/b/c") is None
    assert shells.for_path("/assets/hub-1.js") is None
    assert shells.for_path("/") is None


def test_a_fallback_without_a_manifest_is_refused(tmp_path: Path) -> None:
    (tmp_path / SPA_FALLBACK_NAME).write_text("<html><head></head><body></body></html>")
    with pytest.raises(ValueError, match="manifest"):
        build_route_shells(tmp_path)


async def _passed_on(_request: object) -> PlainTextResponse:
    return PlainTextResponse("passed on")


def _client(client_dir: Path) -> TestClient:
    inner = Starlette(routes=[Route("/{path:path}", _passed_on, methods=["GET", "HEAD", "POST"])])
    return TestClient(ServeRouteShells(inner, client_dir=lambda: client_dir))


def test_the_middleware_sends_shells_compressed_and_revalidates_them(tmp_path: Path) -> None:
    _write_build(tmp_path)
    client = _client(tmp_path)
    page = client.get("/app/job-infos/7", headers={"Accept-Encoding": "gzip"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["content-encoding"] == "gzip"
    assert "/assets/hub-1.js" in page.text
    again = client.get("/app/job-infos/7", headers={"If-None-Match": page.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    plain = client.get("/app/job-infos/7", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert "/assets/hub-1.js" in plain.text
    head = client.head("/app/job-infos/7")
    assert head.status_code == 200
    assert head.content == b""
    assert client.get("/app/job-infos/new").text == "passed on"
    assert client.post("/app/job-infos/7").text == "passed on"


def test_without_a_usable_build_everything_is_passed_on(tmp_path: Path) -> None:
    assert _client(tmp_path / "missing").get("/app/job-infos/7").text == "passed on"
    _write_build(tmp_path, manifest={"entry": {}})
    assert _client(tmp_path).get("/app/job-infos/7").text == "passed on"


def test_a_new_build_is_picked_up_without_a_restart(tmp_path: Path) -> None:
    _write_build(tmp_path)
    client = _client(tmp_path)
    assert "/assets/hub-1.js" in client.get("/app/job-infos/7").text
    rebuilt = json.loads(json.dumps(MANIFEST))
    rebuilt["routes"]["hub"]["module"] = "/assets/hub-2.js"
    _write_build(tmp_path, manifest=rebuilt)
    fallback = tmp_path / SPA_FALLBACK_NAME
    fallback.write_text(FALLBACK + "\n")
    assert "/assets/hub-2.js" in client.get("/app/job-infos/7").text
