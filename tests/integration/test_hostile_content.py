"""Hostile content: a release whose tweets, names, descriptions, hashtags, URLs, client names and language
codes carry markup, script, `javascript:` links, Markdown and LaTeX control characters, right-to-left
overrides and zero-width characters. The notebooks that show such fields run on it (01, 02, 04, 05, 06,
08) and the rendered HTML is inspected: every hostile string must appear as inert, visible text, never
as markup; the landing page too; the exported summary CSV must not hold a spreadsheet formula.

Where each string is shown (so that each check below can fail):
- hashtags: notebook 04 (prose "Top hashtags", table "Top 3 hashtags per year", case-study prose), and
  the case-study figure labels;
- URL domains (a host with markup and LaTeX): notebook 04 (prose "the top domain is ...", figure labels),
  notebook 08 and the landing page summary ("top domain");
- screen names of unhashed accounts: notebook 06 ("The most-followed accounts" prose, figure labels);
- client names: notebook 05 (prose), notebook 08 and the landing page summary ("top client app");
- tweet languages: notebook 02 (prose), notebook 08 and the landing page summary ("tweet language #1");
- the second operation's name (taken from its file names): every report and the landing page (table
  headers, prose, figure panels, the files table, run logs);
- tweet texts, display names, profile descriptions and locations are read but not shown: they must not
  appear raw either.
"""

from __future__ import annotations

import csv
import html
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import Hashed, ReleaseBuilder

pytestmark = pytest.mark.slow

NOTEBOOKS = ["01", "02", "04", "05", "06", "08"]

SCRIPT = "<script>alert('xss')</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "[click me](javascript:alert(1))"
MARKDOWN = "**bold**_it_`code`~~del~~"
LATEX = r"$\frac{1}{0}$"
RLO = "\u202eevil\u202c"            # right-to-left override ... pop directional formatting
ZERO_WIDTH = "zero\u200bwidth\u200d"
FORMULA = '=HYPERLINK("http://evil.example","click")'
INVISIBLE = "\u202e\u202c\u200b\u200d\u2066\u2069"

# The second operation's files are named after it, so its name (from the file name) labels every table,
# figure panel and sentence about it.
OP = "<img src=x onerror=alert(7)>$x$\u202e"
# Where they go (hashtags and URLs are list items: no ", " inside them). The reports' prose names the
# top 5 hashtags and the top 3 accounts of each operation, so each operation gets three of each.
HASHTAGS = {"ira": [RLO, SCRIPT, ZERO_WIDTH], OP: [IMG, LATEX, MARKDOWN]}
SCREEN_NAMES = {"ira": [IMG, JS_LINK, RLO], OP: [f"{LATEX}{MARKDOWN}", SCRIPT, ZERO_WIDTH]}
# A host may hold anything but whitespace and / ? #: this one becomes the top "domain" of both operations.
DOMAIN = "$\\alpha$**b**<script>alert(2).com"
URLS = [f"https://{DOMAIN}/x?q=<img src=x onerror=alert(1)>", f"http://{DOMAIN}/", "javascript:alert(document.domain)",
        "https://evil.example.com/<script>alert(3)</script>", "http://a\u202eb.com/x"]
CLIENTS = [FORMULA, FORMULA, SCRIPT]
LANGUAGE = "<b>xx</b>"


def _hostile_release(folder: Path, cache: Path) -> ReleaseBuilder:
    b = ReleaseBuilder(folder, cache)
    for op, n_tweets in (("ira", 90), (OP, 60)):
        names = SCREEN_NAMES[op]
        unhashed = [str(700000000 + 10 * i + (op == OP)) for i in range(len(names))]
        hashed = [Hashed(f"{op}-{i}") for i in range(4)]
        users = [b.user(user=uid, user_screen_name=name, user_display_name=f"{SCRIPT} {RLO}",
                        user_profile_description=f"{IMG} {JS_LINK} {MARKDOWN} {LATEX} {ZERO_WIDTH}",
                        user_reported_location=f"{RLO} {SCRIPT}", follower_count=50_000 - 1000 * i,
                        account_language=LANGUAGE if i == 0 else "en")
                 for i, (uid, name) in enumerate(zip(unhashed, names))]
        users += [b.user(user=h, follower_count=100 + i) for i, h in enumerate(hashed)]
        accounts = [(u["userid"], u["user_screen_name"]) for u in users]
        tweets = []
        days = ["2014-07-16 10:00", "2014-07-17 11:00", "2016-06-23 09:30", "2016-06-24 12:00",
                "2017-03-01 08:00", "2017-11-05 15:45"]
        for k in range(n_tweets):
            uid, name = accounts[k % len(accounts)]
            tweets.append(b.tweet(
                user=uid, user_screen_name=name, user_display_name=f"{SCRIPT}{RLO}",
                user_profile_description=f"{IMG} {JS_LINK}", user_reported_location=ZERO_WIDTH,
                tweet_text=f"{SCRIPT} {IMG} {JS_LINK} {MARKDOWN} {LATEX} {RLO} {ZERO_WIDTH} Iran Trump",
                tweet_time=days[k % len(days)], tweet_language=LANGUAGE if k % 3 else "en",
                tweet_client_name=CLIENTS[k % len(CLIENTS)],
                hashtags=HASHTAGS[op][: 1 + k % 3] + (["ReasonsToLeaveEU"] if k % 4 == 0 else []),
                urls=[URLS[k % len(URLS)]], like_count=k % 7, retweet_count=k % 5,
                is_retweet=k % 5 == 0, account_creation_date="2013-01-0" + str(1 + k % 9)))
        b.write(f"{op}_tweets_csv_hashed.csv", tweets)
        b.write(f"{op}_users_csv_hashed.csv", users)
    return b


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    import yaml

    from helpers.run import params, pipeline
    root = tmp_path_factory.mktemp("hostile")
    _hostile_release(root / "release", root / "cache")
    path = root / "params.yaml"
    path.write_text(yaml.safe_dump({"data_dir": str(root / "release"), "cache_dir": str(root / "cache"),
                                    "figures_dir": str(root / "figures"), "reports_dir": str(root / "reports"),
                                    "figure_formats": ["png"]}), encoding="utf-8")
    lines: list[str] = []
    code = pipeline.run(str(path), only=NOTEBOOKS, log=lambda *a: lines.append(" ".join(map(str, a))))
    p = params.from_file(path)
    return {"code": code, "log": "\n".join(lines), "reports": p.reports_path, "figures": p.figures_path}


class _Page(HTMLParser):
    """Every tag with its attributes, and the text a reader sees (script/style contents apart)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def _parse(path: Path) -> tuple[str, _Page]:
    raw = path.read_text(encoding="utf-8")
    page = _Page()
    page.feed(raw)
    return raw, page


def _pages(run) -> list[Path]:
    pages = [run["reports"] / "index.html", *sorted(run["reports"].glob("[0-9][0-9]_*.html"))]
    assert len(pages) == 1 + len(NOTEBOOKS), pages
    return pages


def _visible(s: str) -> str:
    """How `helpers.present.prose` shows a string: invisible and direction characters as <U+XXXX>."""
    return re.sub(f"[{INVISIBLE}]", lambda m: f"<U+{ord(m.group()):04X}>", s)


def _text(page: _Page) -> str:
    return re.sub(r"\s+", " ", "".join(page.text))


def test_the_notebooks_run_on_hostile_data(hostile_run):
    """Hostile labels (mathtext in `$...$`, markup, controls) do not break a notebook or a figure."""
    assert hostile_run["code"] == 0, hostile_run["log"]
    for name in ("04_top_hashtags", "04_top_domains", "05_top_clients", "06_top_accounts"):
        assert (hostile_run["figures"] / f"{name}.png").stat().st_size > 5_000


def test_no_page_holds_markup_from_the_data(hostile_run):
    for path in _pages(hostile_run):
        raw, page = _parse(path)
        assert "<script" not in raw.lower(), f"{path.name} holds a <script> element"
        for tag, attrs in page.tags:
            for name, value in attrs:
                assert not name.lower().startswith("on"), f"{path.name}: <{tag} {name}=...>"
                if name in ("href", "src") and value:
                    scheme = urlsplit(re.sub(r"[\s\x00-\x20]", "", value).lower()).scheme
                    if scheme not in ("", "http", "https", "mailto"):
                        assert tag == "img" and re.match(r"data:image/(png|svg\+xml);base64,", value), \
                            f"{path.name}: <{tag} {name}={value[:60]!r}>"
        # No element was made from the hostile strings: no <b>xx</b>, <strong>bold</strong>, link to javascript.
        assert not any(tag == "img" and dict(attrs).get("src") == "x" for tag, attrs in page.tags)
        assert "<strong>bold</strong>" not in raw and "<em>it</em>" not in raw and "<b>xx</b>" not in raw
        assert "<del>del</del>" not in raw and "<s>del</s>" not in raw


def test_invisible_and_direction_characters_never_reach_a_page_raw(hostile_run):
    for path in _pages(hostile_run):
        raw = path.read_text(encoding="utf-8")
        found = sorted({f"U+{ord(c):04X}" for c in raw if c in INVISIBLE})
        assert not found, f"{path.name} holds raw {found}"


def test_hostile_strings_are_shown_as_text_where_the_data_is_shown(hostile_run):
    """The strings are not silently dropped: a reader sees them, literally, as text."""
    r = hostile_run["reports"]
    hashtags = _text(_parse(r / "04_content.html")[1])
    for tag in HASHTAGS["ira"] + HASHTAGS[OP]:
        assert "#" + _visible(tag) in hashtags, tag       # prose and the table of top hashtags per year
    assert f"the top domain is {DOMAIN.lower()}" in hashtags   # the domain of a hostile URL
    accounts = _text(_parse(r / "06_engagement_reach.html")[1])
    for name in SCREEN_NAMES["ira"] + SCREEN_NAMES[OP]:
        assert "@" + _visible(name) in accounts, name
    clients = _text(_parse(r / "05_automation_clients.html")[1])
    assert FORMULA in clients and SCRIPT in clients
    assert LANGUAGE in _text(_parse(r / "02_timeline_languages.html")[1])
    for page in ("01_ingest_overview", "04_content", "06_engagement_reach", "08_comparison_summary", "index"):
        assert _visible(OP) in _text(_parse(r / f"{page}.html")[1]), page     # the operation's name


def test_in_a_browser_nothing_runs_and_nothing_is_fetched(hostile_run):
    """Chromium opens every hostile page from disk: no script runs (no alert dialog), no request leaves,
    no console error (skipped without Chromium, as the browser tests are)."""
    from helpers.present import browser
    try:
        browser.find_chromium()
    except browser.BrowserUnavailable as exc:
        if os.environ.get("TROLLTRACKER_REQUIRE_BROWSER") == "1":
            pytest.fail(str(exc))
        pytest.skip(f"browser check skipped: {exc}")
    results = browser.check_pages(_pages(hostile_run), hostile_run["reports"] / "screenshots")
    assert {r.page: r.failures for r in results if r.failures} == {}


def test_latex_and_markdown_specials_stay_literal(hostile_run):
    text = _text(_parse(hostile_run["reports"] / "04_content.html")[1])
    assert "#" + LATEX in text and "#" + MARKDOWN in text
    assert "\\$" not in text and "\\*" not in text and "\\_" not in text   # no escape left visible


def test_the_landing_page_shows_the_summary_as_text(hostile_run):
    raw, page = _parse(hostile_run["reports"] / "index.html")
    text = _text(page)
    assert "Comparison summary" in text
    assert FORMULA in text                                   # top client app, as text
    assert DOMAIN.lower() in text                            # top domain
    assert html.escape(LANGUAGE, quote=False) in raw          # tweet language #1, escaped in the source


def test_exported_summary_csv_holds_no_formula(hostile_run):
    path = hostile_run["reports"] / "tables" / "summary.csv"
    with open(path, encoding="utf-8", newline="") as f:
        cells = [c for row in csv.reader(f) for c in row]
    assert any(FORMULA in c for c in cells), "the hostile client name should be in the summary"
    bad = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not _number(c)]
    assert not bad, bad


def _number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False
