"""JavaScript and CSS each page of a frontend build makes the browser load, gzipped.

For each page (sign-in, dashboard, job hub, interview page): the modules a first visit
loads (the HTML's module preloads, or for a dynamic route the app shell's plus the route
module) with everything they import statically, then the stylesheets they link or import,
summed raw and gzipped, and the count of files. Modules imported dynamically (`import()`)
load only when used and are left out.

Compares builds side by side, e.g. one of the previous commit and one of the working tree:

    .venv/bin/interview-app build --public-url http://127.0.0.1:9999  # with REFLEX_WEB_WORKDIR
    .venv/bin/python benchmarks/bench_page_weight.py before=/tmp/a/.web after=/tmp/b/.web

With no argument it builds the working tree into a temporary folder and measures that.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROUTE_MODULES = {
    "sign-in": "_sign-in_._index-",
    "dashboard": "_app_._index-",
    "job hub": "_app_._job-infos_.__job_info_id_._index-",
    "interview page": "_app_._job-infos_.__job_info_id_._interviews_.__interview_id_._index-",
}
_STATIC_IMPORT = re.compile(r'(?:from|import)\s*"\./([^"]+\.(?:js|css))"')
_PRELOAD = re.compile(
    r'rel="modulepreload" href="/assets/([^"]+)"|href="/assets/([^"]+)" rel="modulepreload"'
)
_STYLESHEET = re.compile(r'href="/assets/([^"]+\.css)"')


def _gzipped_size(path: Path) -> int:
    packed = path.with_name(path.name + ".gz")
    if packed.exists():
        return packed.stat().st_size
    return len(gzip.compress(path.read_bytes(), 9))


def _closure(assets: Path, roots: set[str]) -> set[str]:
    seen: set[str] = set()
    pending = list(roots)
    while pending:
        name = pending.pop()
        if name in seen or not (assets / name).exists():
            continue
        seen.add(name)
        if name.endswith(".js"):
            pending.extend(_STATIC_IMPORT.findall((assets / name).read_text(errors="replace")))
    return seen


def _shell_roots(client: Path) -> tuple[set[str], set[str]]:
    html = (client / "__spa-fallback.html").read_text()
    modules = {a or b for a, b in _PRELOAD.findall(html)}
    return modules, set(_STYLESHEET.findall(html))


def measure(web_dir: Path) -> dict[str, tuple[int, int, int, int, int]]:
    """Return per page: JS raw, JS gzipped, CSS raw, CSS gzipped, files."""
    client = web_dir / "build" / "client"
    assets = client / "assets"
    shell_modules, shell_styles = _shell_roots(client)
    figures = {}
    for page, prefix in ROUTE_MODULES.items():
        (route,) = [
            p.name for p in assets.glob(f"{prefix}*.js") if p.name[len(prefix) :].count(".") == 1
        ]
        files = _closure(assets, shell_modules | shell_styles | {route})
        scripts = [assets / name for name in files if name.endswith(".js")]
        styles = [assets / name for name in files if name.endswith(".css")]
        figures[page] = (
            sum(p.stat().st_size for p in scripts),
            sum(_gzipped_size(p) for p in scripts),
            sum(p.stat().st_size for p in styles),
            sum(_gzipped_size(p) for p in styles),
            len(files),
        )
    return figures


def _build_working_tree(into: Path) -> Path:
    web_dir = into / ".web"
    environment = {**os.environ, "REFLEX_WEB_WORKDIR": str(web_dir), "DATABASE_URL": "sqlite://"}
    environment.setdefault("SECRET_KEY", "bench")
    command = [str(Path(sys.executable).with_name("interview-app")), "build", "--public-url"]
    subprocess.run([*command, "http://127.0.0.1:9999"], env=environment, check=True)
    return web_dir


def main() -> None:
    builds = [argument.split("=", 1) for argument in sys.argv[1:]]
    with tempfile.TemporaryDirectory() as directory:
        if not builds:
            builds = [["working tree", str(_build_working_tree(Path(directory)))]]
        measured = {label: measure(Path(path)) for label, path in builds}
        print(f"{'page':<16}{'build':<14}{'JS gz':>10}{'JS raw':>11}{'CSS gz':>10}{'files':>7}")
        for page in ROUTE_MODULES:
            for label, figures in measured.items():
                js_raw, js_gz, _css_raw, css_gz, files = figures[page]
                print(
                    f"{page:<16}{label:<14}{js_gz / 1000:>7.0f} kB{js_raw / 1000:>8.0f} kB"
                    f"{css_gz / 1000:>7.0f} kB{files:>7}"
                )


if __name__ == "__main__":
    main()
