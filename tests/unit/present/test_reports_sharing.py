"""Reports a reader can check, cite and share (helpers/present/reports/methods.py, pages.py, landing.py): the
methods and limitations page and its sources, the link to it from every page, how to cite the run
(CITATION.cff and the landing page), and the reports folder shared alone: each figure's files and CSV
inside it, captions linking the CSV, named tables linked, no broken link once zipped."""

from __future__ import annotations

import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from test_reports import _executed, _manifest, _png

import helpers
from helpers.present import prose, references, reports

ROOT = Path(__file__).resolve().parents[3]


def _figures(tmp_path: Path, stem: str) -> Path:
    """The files Session.figure writes for the crafted notebook's figure, and its record."""
    figures = tmp_path / "figures"
    figures.mkdir(exist_ok=True)
    import base64
    name = f"{stem[:2]}_chart"
    (figures / f"{name}.png").write_bytes(base64.b64decode(_png()))
    (figures / f"{name}.csv").write_text("op,value\nira,1\n", encoding="utf-8")
    record = {"name": name, "number": f"{int(stem[:2])}.1", "notebook": stem, "title": "A chart", "caption": "c",
              "files": [f"{name}.png"], "data": f"{name}.csv", "made_by": [], "columns": []}
    (tmp_path / "reports" / "figures").mkdir(parents=True, exist_ok=True)
    (tmp_path / "reports" / "figures" / f"{stem}.json").write_text(json.dumps([record]), encoding="utf-8")
    return figures


@pytest.fixture
def shared(tmp_path):
    """A reports folder as a run leaves it: two rendered reports, a named table, the landing page."""
    out = tmp_path / "reports"
    nb_dir = tmp_path / "notebooks"
    nb_dir.mkdir()
    (out / "tables").mkdir(parents=True)
    (out / "tables" / "summary.csv").write_text("a\n1\n", encoding="utf-8")
    for stem in ("01_first", "02_second"):
        executed = _executed(tmp_path, stem, hostile=False)
        (executed.parent.parent / "notebooks" / f"{stem}.ipynb").write_bytes(executed.read_bytes())
        figures = _figures(tmp_path, stem)
        reports.render_notebook(executed, out / f"{stem}.html", figures_dir=figures)
    reports.write_index(out, tmp_path / "figures", _manifest(tmp_path, True), sorted(nb_dir.glob("*.ipynb")),
                        commit="0123456789ab")
    return out


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append(attrs[key])


def _parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_the_reports_folder_zipped_alone_has_no_broken_link(shared, tmp_path):
    archive = tmp_path / "reports.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in shared.rglob("*"):
            z.write(f, f.relative_to(shared.parent))
    elsewhere = tmp_path / "elsewhere"
    zipfile.ZipFile(archive).extractall(elsewhere)
    pages = sorted((elsewhere / "reports").glob("*.html"))
    assert {p.name for p in pages} == {"01_first.html", "02_second.html", "index.html", "methods.html"}
    checked = 0
    for page in pages:
        for link in _parse(page).links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto", "data"):
                continue
            assert not parts.scheme and not link.startswith("/"), (page.name, link)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.name}: {link} is broken once reports/ is shared alone"
            assert (elsewhere / "reports") in target.parents, f"{page.name}: {link} leaves reports/"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in _parse(target).ids, (page.name, link)
            checked += 1
    assert checked > 30


def test_figures_and_their_data_are_inside_reports_and_captions_link_the_csv(shared):
    assert (shared / "figures" / "01_chart.png").is_file() and (shared / "figures" / "01_chart.csv").is_file()
    page = (shared / "01_first.html").read_text(encoding="utf-8")
    caption = re.search(r'<p class="figure-caption" id="caption-01_chart">.*?</p>', page, re.S).group(0)
    assert caption.endswith('<a class="data-link" href="figures/01_chart.csv">data (CSV)</a></p>')
    landing = (shared / "index.html").read_text(encoding="utf-8")
    assert '<img src="figures/01_chart.png"' in landing and 'href="figures/01_chart.csv">data (CSV)</a>' in landing


def test_a_figure_without_its_csv_gets_no_data_link(tmp_path):
    executed = _executed(tmp_path, "01_first", hostile=False)
    figures = _figures(tmp_path, "01_first")
    (figures / "01_chart.csv").unlink()
    page = reports.render_notebook(executed, tmp_path / "reports" / "01_first.html", figures_dir=figures)
    assert "data (CSV)" not in page.read_text(encoding="utf-8")
    assert (tmp_path / "reports" / "figures" / "01_chart.png").is_file()


def test_tables_a_page_names_are_linked_when_they_exist(shared):
    page = reports.link_tables('<main><p>Written: <code>reports/tables/summary.csv</code> and tables/absent.csv.'
                               '</p><a href="tables/summary.csv">tables/summary.csv</a></main>', shared)
    assert '<code><a class="table-link" href="tables/summary.csv">reports/tables/summary.csv</a></code>' in page
    assert "and tables/absent.csv." in page                        # not written: no link
    assert page.endswith('<a href="tables/summary.csv">tables/summary.csv</a></main>')   # already a link
    twice = reports.link_tables(page, shared)
    assert twice == page                                            # a link is not linked again


def test_every_page_links_the_methods_page(shared):
    for name in ("01_first.html", "02_second.html", "index.html", "methods.html"):
        nav = re.findall(r'<nav class="pages">(.*?)</nav>', (shared / name).read_text(encoding="utf-8"), re.S)
        if name == "index.html":
            assert 'href="methods.html"' in (shared / name).read_text(encoding="utf-8")
            continue
        assert nav and all('href="methods.html">Methods and limitations</a>' in n for n in nav), name


def test_the_methods_page_states_the_limits_and_resolves_every_source(shared):
    page = (shared / "methods.html").read_text(encoding="utf-8")
    shown = reports._shown_text(page.split('<section class="references">')[0])
    for words in ("Attribution is Twitter", "fewer than 5,000 followers", "Deleted tweets", "lower bound",
                  "language", "3,841", "3,836", "Retweet share", "Registered domain", "Denominators", "UTC",
                  prose.synthetic_statement({"seed": 20181017, "scale": 0.002,
                                             "generator": "helpers.synthetic.sample"}).replace("'", "&#x27;")):
        assert words in shown, words
    tags = references.cited(shown)
    assert {"T", "Z"} <= set(tags) and references.citing(tags) == tags      # every tag shown resolves ...
    for tag in tags:                                                        # ... in full, on the page
        for ref in references.resolve(tag):
            assert f'id="ref-{tag}-{ref.key}"' in page and prose.html(ref.urls[0]) in page


def test_the_methods_page_of_a_real_release_has_no_synthetic_statement(tmp_path):
    out = reports.write_methods(tmp_path, _manifest(tmp_path, False), "unknown", "2026-01-01")
    page = out.read_text(encoding="utf-8")
    assert "Synthetic sample" not in page and "Attribution is Twitter" in page
    assert str(tmp_path) not in page                                        # no path of this machine


def test_how_to_cite_names_the_version_and_the_commit_of_the_run(shared):
    landing = (shared / "index.html").read_text(encoding="utf-8")
    cite = re.search(r'<p class="cite"><b>How to cite:</b>(.*?)</p>', landing, re.S).group(1)
    assert f"version {helpers.__version__}" in cite and "commit 0123456789ab" in cite and "CITATION.cff" in cite


def test_the_commit_is_looked_up_or_unknown(tmp_path):
    assert reports.git_commit(tmp_path) == "unknown"                          # not a git checkout
    here = reports.git_commit(ROOT)
    assert here == "unknown" or re.fullmatch(r"[0-9a-f]{12}( \+ local changes)?", here)


CFF_KEYS = {"abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi", "identifiers",
            "keywords", "license", "license-url", "message", "preferred-citation", "references", "repository",
            "repository-artifact", "repository-code", "title", "type", "url", "version"}


def test_citation_cff_is_valid_cff_1_2_0_and_matches_the_package():
    """The keys and types CFF 1.2.0's schema requires and allows (checked with cffconvert 2.0 once; no
    network here)."""
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert {"cff-version", "message", "title", "authors"} <= set(cff) <= CFF_KEYS
    assert isinstance(cff["message"], str) and isinstance(cff["title"], str) and cff["title"].strip()
    assert cff["authors"] and all(isinstance(a, dict) and (a.get("name") or a.get("family-names"))
                                  for a in cff["authors"])
    assert cff["type"] in ("software", "dataset")
    assert str(cff["version"]) == helpers.__version__
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{cff["version"]}"' in pyproject and f'license = {{text = "{cff["license"]}"}}' in pyproject
