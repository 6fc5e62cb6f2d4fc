"""The reports as readers see them: open `index.html` and every report from disk in headless Chromium
(Debian's `chromium` package), with networking disabled, and check each page; save screenshots.

    python -m helpers.present.browser [REPORTS_DIR]        (default: reports/; `make screenshots`)

Checks, per page: it loads from disk; no script runs (no dialog opens); no request leaves the machine (every request
that is not `file:`, `data:`, `blob:` or `about:` is aborted and counted as a failure); no console error and no
uncaught page error; the page holds no script and no `on...` handler attribute; every image is
decoded with a non-zero natural and displayed size; every local link points to a file that exists,
and a link with `#anchor` to an element with that id; the page does not scroll sideways at 1280 px.
The landing page must link to every report. Screenshots go to `REPORTS_DIR/screenshots/`.

The browser is Debian's Chromium, launched through Playwright's Python package (`playwright install`
is never needed): `make browser` installs it where missing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from helpers.paths import REPORTS_DIR

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
LOCAL_SCHEMES = ("file", "data", "blob", "about")
VIEWPORT = {"width": 1280, "height": 900}
# Headless, no sandbox (root in CI), nothing in the background, and no way out: every host resolves to
# nothing and every connection would go to a closed local port.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--disable-extensions", "--disable-domain-reliability",
        "--metrics-recording-only", "--disable-features=Translate,OptimizationHints,MediaRouter",
        "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]

# Run in the page after load: scripts, handler attributes, images (decoded, sizes), links, overflow.
INSPECT = """async () => {
  const images = Array.from(document.images);
  const decoded = await Promise.all(images.map(img =>
      img.decode().then(() => null, e => String(e && e.name || e))));
  const handlers = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) { if (/^on/i.test(a.name)) handlers.push(el.tagName + ' ' + a.name); }
  }
  return {
    title: document.title,
    scripts: document.scripts.length,
    handlers: handlers.slice(0, 10),
    textLength: document.body ? document.body.innerText.length : 0,
    images: images.map((img, i) => {
      const r = img.getBoundingClientRect();
      return {src: (img.getAttribute('src') || '').slice(0, 100), alt: img.alt, error: decoded[i],
              naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight,
              width: r.width, height: r.height, hidden: !img.checkVisibility()};
    }),
    links: Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href')),
    overflow: document.documentElement.scrollWidth - window.innerWidth,
  };
}"""


class BrowserUnavailable(RuntimeError):
    """No Chromium (or no Playwright) on this machine: the browser check cannot run."""


@dataclass
class PageResult:
    page: str
    failures: list[str] = field(default_factory=list)
    images: int = 0
    screenshot: Path | None = None
    title: str = ""


def find_chromium() -> str:
    """Path of the Chromium to use: $CHROMIUM, else Debian's `chromium` on the PATH."""
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        if Path(explicit).is_file() and os.access(explicit, os.X_OK):
            return explicit
        raise BrowserUnavailable(f"CHROMIUM={explicit} is not an executable file")
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserUnavailable("Chromium is not installed: run `make browser` (Debian's `chromium` package; "
                             "needs root or passwordless sudo), or set CHROMIUM=/path/to/chromium")


def _launch(playwright, executable: str, profile: str):
    # A persistent context is the only way to give Chromium a fresh --user-data-dir of our own.
    return playwright.chromium.launch_persistent_context(
        profile, executable_path=executable, headless=True, args=ARGS, viewport=VIEWPORT,
        offline=False, service_workers="block", java_script_enabled=True, locale="en-GB",
        timezone_id="UTC", color_scheme="light")


def _local_target(base: Path, href: str) -> tuple[Path | None, str]:
    """(file, fragment) of a link relative to the page at `base`; (None, '') for other schemes."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None, ""
    target = base if not parts.path else (base.parent / unquote(parts.path)).resolve()
    return target, unquote(parts.fragment)


_ID_CACHE: dict[Path, set[str]] = {}


def _ids(path: Path) -> set[str]:
    if path not in _ID_CACHE:
        text = path.read_text(encoding="utf-8", errors="replace")
        _ID_CACHE[path] = {unquote(m) for m in re.findall(r'\bid="([^"]*)"', text)} | \
                          set(re.findall(r'\bid="([^"]*)"', text))
    return _ID_CACHE[path]


def check_pages(pages: list[Path], screenshots: Path | None = None, full_page: tuple[str, ...] = ("index.html",),
                extra: list[tuple[str, str]] | None = None) -> list[PageResult]:
    """Open every page from disk and check it (see the module docstring). `extra` lists additional
    (screenshot name, URL suffix) views, e.g. ("figure-anchor", "04_content.html#figure-04_top_domains"),
    opened relative to the first page's folder and screenshotted as they appear."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is pinned in requirements.txt
        raise BrowserUnavailable(f"the playwright Python package is missing: {exc}") from exc
    executable = find_chromium()
    _ID_CACHE.clear()
    if screenshots is not None:
        screenshots.mkdir(parents=True, exist_ok=True)
    results: list[PageResult] = []
    with tempfile.TemporaryDirectory(prefix="trolltracker-chromium-") as profile, sync_playwright() as pw:
        try:
            context = _launch(pw, executable, profile)
        except PlaywrightError as exc:
            raise BrowserUnavailable(f"{executable} did not start: {str(exc).splitlines()[0]}") from exc
        outside: list[str] = []

        def route(r):
            scheme = urlsplit(r.request.url).scheme
            if scheme in LOCAL_SCHEMES:
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort("internetdisconnected")

        context.route("**/*", route)
        try:
            for path in pages:
                results.append(_check_one(context, Path(path).resolve(), screenshots, outside,
                                          Path(path).name in full_page))
            for name, suffix in extra or []:
                if pages:
                    _screenshot_view(context, Path(pages[0]).resolve().parent, name, suffix, screenshots, results)
        finally:
            context.close()
    return results


def _check_one(context, path: Path, screenshots: Path | None,  # noqa: C901 (one check per failure kind)
               outside: list[str], full: bool) -> PageResult:
    result = PageResult(path.name)
    if not path.is_file():
        result.failures.append(f"{path} does not exist")
        return result
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (errors.append(f"a script ran: {d.type} dialog {d.message[:80]!r}"), d.dismiss()))
    page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url[:120]} ({r.failure})")
            if urlsplit(r.url).scheme in LOCAL_SCHEMES else None)
    before = len(outside)
    try:
        # no time limits (0): a slow machine loads the same local page, later (the checks decide, not a clock)
        page.goto(path.as_uri(), wait_until="load", timeout=0)
        page.wait_for_load_state("networkidle", timeout=0)
        info = page.evaluate(INSPECT)
    except Exception as exc:  # a page that does not load is a failure of that page, not of the run
        result.failures.append(f"did not load: {str(exc).splitlines()[0]}")
        page.close()
        return result
    result.title = info["title"]
    result.images = len(info["images"])
    left = outside[before:] + [u for u in requests if urlsplit(u).scheme not in LOCAL_SCHEMES]
    for url in dict.fromkeys(left):
        result.failures.append(f"request to the network: {url[:160]}")
    result.failures += errors
    if info["scripts"]:
        result.failures.append(f"{info['scripts']} script element(s) in the page")
    for h in info["handlers"]:
        result.failures.append(f"event handler attribute: {h}")
    if info["textLength"] < 200:
        result.failures.append(f"almost no visible text ({info['textLength']} characters)")
    for img in info["images"]:
        what = f"image {img['alt'] or img['src']!r}"
        if img["error"]:
            result.failures.append(f"{what} not decoded: {img['error']}")
        elif not (img["naturalWidth"] > 0 and img["naturalHeight"] > 0):
            result.failures.append(f"{what} has no size ({img['naturalWidth']}x{img['naturalHeight']})")
        elif not img["hidden"] and not (img["width"] > 0 and img["height"] > 0):
            result.failures.append(f"{what} is displayed at zero size")
    for href in info["links"]:
        target, fragment = _local_target(path, href)
        if target is None:
            continue
        if not target.is_file():
            result.failures.append(f"link {href!r}: {target.name} does not exist")
        elif fragment and target.suffix == ".html" and fragment not in _ids(target):
            result.failures.append(f"link {href!r}: no element with id {fragment!r} in {target.name}")
    if info["overflow"] > 1:
        result.failures.append(f"the page scrolls sideways by {info['overflow']} px at {VIEWPORT['width']} px")
    if screenshots is not None:
        shot = screenshots / f"{path.stem}.png"
        page.screenshot(path=str(shot), full_page=full)
        result.screenshot = shot
    page.close()
    return result


def _screenshot_view(context, folder: Path, name: str, suffix: str, screenshots: Path | None,
                     results: list[PageResult]) -> None:
    """A view of a page as a reader gets it after an action: a link to #anchor, or code opened."""
    result = PageResult(name)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    file, _, rest = suffix.partition("#")
    action = ""
    if "|" in file:
        file, action = file.split("|", 1)
    url = (folder / file).as_uri() + (f"#{rest}" if rest else "")
    page.goto(url, wait_until="load", timeout=0)  # no time limit: see _check_one
    if rest:
        box = page.evaluate("id => { const e = document.getElementById(id); if (!e) return null;"
                            " const r = e.getBoundingClientRect(); return {top: r.top, height: r.height}; }", rest)
        if box is None:
            result.failures.append(f"{file}: no element with id {rest!r}")
        elif not (-2 <= box["top"] < VIEWPORT["height"] / 3):
            result.failures.append(f"{file}#{rest}: the target is not at the top of the window (top {box['top']:.0f} "
                                   f"px)")
    if action == "open-code":
        summary = page.locator("details.code-input > summary", has_text="Code").first
        summary.scroll_into_view_if_needed()
        if summary.evaluate("s => s.parentElement.open"):
            result.failures.append(f"{file}: code is shown before a click")
        summary.click()
        if not summary.evaluate("s => s.parentElement.open && s.parentElement.innerText.length > 20"):
            result.failures.append(f"{file}: a click on 'Code' did not show the code")
    result.failures += errors
    if screenshots is not None:
        shot = screenshots / f"{name}.png"
        page.screenshot(path=str(shot))
        result.screenshot = shot
    page.close()
    results.append(result)


def report_pages(reports_dir: Path) -> list[Path]:
    """index.html first, then every report page (NN_name.html) in order."""
    reports_dir = Path(reports_dir)
    return [reports_dir / "index.html", *sorted(reports_dir.glob("[0-9][0-9]_*.html"))]


def default_views(reports_dir: Path) -> list[tuple[str, str]]:
    """Reader's views worth a screenshot: a gallery link followed to its figure (the second figure of
    the report with most figures, so that the page can scroll it to the top), and code opened."""
    from helpers.present.reports import figure_records
    reports_dir = Path(reports_dir)
    pages = sorted(reports_dir.glob("[0-9][0-9]_*.html"))
    views = []
    records = [r for r in figure_records(reports_dir) if (reports_dir / f"{r['notebook']}.html").exists()]
    if records:
        counts = {}
        for r in records:
            counts[r["notebook"]] = counts.get(r["notebook"], 0) + 1
        busiest = max(counts, key=lambda nb: (counts[nb], nb))
        pick = [r for r in records if r["notebook"] == busiest][min(1, counts[busiest] - 1)]
        views.append(("view-figure-link", f"{pick['notebook']}.html#figure-{pick['name']}"))
    if pages:
        views.append(("view-code-opened", f"{pages[0].name}|open-code"))
    return views


def check_reports(reports_dir: Path = REPORTS_DIR, screenshots: bool = True) -> list[PageResult]:
    """Check the landing page, every report and the reader's views; screenshots to REPORTS_DIR/screenshots."""
    reports_dir = Path(reports_dir)
    pages = report_pages(reports_dir)
    results = check_pages(pages, reports_dir / "screenshots" if screenshots else None,
                          extra=default_views(reports_dir))
    index = reports_dir / "index.html"
    if index.exists():
        text = index.read_text(encoding="utf-8")
        for page in pages[1:]:
            if f'href="{page.name}"' not in text:
                results[0].failures.append(f"index.html does not link to {page.name}")
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m helpers.present.browser", description=__doc__.split("\n\n")[0])
    ap.add_argument("reports_dir", nargs="?", default=str(REPORTS_DIR), help="folder holding index.html")
    args = ap.parse_args(argv)
    folder = Path(args.reports_dir)
    if not (folder / "index.html").exists():
        print(f"error: {folder / 'index.html'} does not exist: run `make reproduce` first", file=sys.stderr)
        return 2
    try:
        results = check_reports(folder)
    except BrowserUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    bad = 0
    for r in results:
        status = "ok" if not r.failures else "FAILED"
        shot = f" -> {r.screenshot}" if r.screenshot else ""
        print(f"{status:6} {r.page} ({r.images} images){shot}")
        for f in r.failures:
            print(f"         {f}")
        bad += bool(r.failures)
    print(f"\n{len(results) - bad} pages passed, {bad} failed; screenshots in {folder / 'screenshots'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
