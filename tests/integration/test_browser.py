"""The reports as readers see them, in a real browser: headless Chromium (Debian's `chromium` package,
installed by `make browser`, a prerequisite of `make test`), networking disabled, opens the landing
page and every report of the shared sequence run from disk (see `helpers.present.browser` for the checks) and
saves screenshots to `<reports>/screenshots/` for a person to look at.

Without Chromium the tests are skipped with the reason; with TROLLTRACKER_REQUIRE_BROWSER=1 (set by
`make test` when CI is set) they fail instead, so that CI cannot pass without looking.
"""

from __future__ import annotations

import os

import pytest

from helpers.present import browser

pytestmark = pytest.mark.slow


def _require_browser() -> None:
    try:
        browser.find_chromium()
        import playwright.sync_api  # noqa: F401
    except (browser.BrowserUnavailable, ImportError) as exc:
        if os.environ.get("TROLLTRACKER_REQUIRE_BROWSER") == "1":
            pytest.fail(f"the browser test is required here but cannot run: {exc}")
        pytest.skip(f"browser test skipped: {exc}")


@pytest.fixture(scope="module")
def checked(request):
    """Every page of the shared sequence run checked once in Chromium (results per page)."""
    _require_browser()                                     # before the sequence runs: skip early
    sequence_run = request.getfixturevalue("sequence_run")
    assert sequence_run["code"] == 0, sequence_run["log"]
    reports = sequence_run["params"].reports_path
    return {"reports": reports, "results": {r.page: r for r in browser.check_reports(reports)}}


def test_every_page_loads_offline_without_errors(checked):
    """No request leaves the machine, no console or page error, no script, every image decoded with a
    size, every local link and #anchor resolves, nothing scrolls sideways."""
    results = checked["results"]
    pages = {p.name for p in browser.report_pages(checked["reports"])}
    assert pages <= set(results), pages - set(results)
    failures = {name: r.failures for name, r in results.items() if r.failures}
    assert not failures, failures


def test_every_figure_is_shown(checked):
    """The landing page shows every recorded figure; each report shows its own figures."""
    from helpers.present import reports as rep
    results = checked["results"]
    records = rep.figure_records(checked["reports"])
    assert len(records) >= 20
    assert results["index.html"].images == len(records)
    for nb in {r["notebook"] for r in records}:
        expected = sum(r["notebook"] == nb for r in records)
        assert results[f"{nb}.html"].images == expected, nb


def test_screenshots_are_saved_for_a_person(checked):
    from PIL import Image
    shots = checked["reports"] / "screenshots"
    expected = ["index", "view-figure-link", "view-code-opened",
                *[p.stem for p in browser.report_pages(checked["reports"])[1:]]]
    for name in expected:
        with Image.open(shots / f"{name}.png") as img:
            assert img.width == browser.VIEWPORT["width"] and img.height >= browser.VIEWPORT["height"]
            assert img.convert("L").getextrema()[0] < 128, f"{name}.png is blank"   # something dark: text


def test_the_checker_catches_network_requests_broken_images_and_scripts(tmp_path):
    """The checks can fail: a page with a CDN script, a remote image, a missing local image, an inline
    handler, an inline script and a dangling anchor is reported on each count."""
    _require_browser()
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html><head><script src="https://cdn.example.com/require.min.js"></script></head>'
        '<body><p>' + "text " * 60 + '</p><img src="https://example.com/x.png" alt="remote">'
        '<img src="missing.png" alt="missing"><a href="other.html#nowhere">x</a>'
        '<a href="#gone" onclick="return 1">y</a><script>alert("ran")</script></body></html>', encoding="utf-8")
    (tmp_path / "other.html").write_text("<p id='here'>other</p>", encoding="utf-8")
    [result] = browser.check_pages([bad], tmp_path / "shots")
    text = "\n".join(result.failures)
    assert "request to the network: https://cdn.example.com/require.min.js" in text
    assert "request to the network: https://example.com/x.png" in text
    assert "image 'missing' not decoded" in text
    assert "script element" in text and "onclick" in text
    assert "a script ran: alert dialog 'ran'" in text
    assert "no element with id 'nowhere' in other.html" in text
    assert (tmp_path / "shots" / "bad.png").exists()
