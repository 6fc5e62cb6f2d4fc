"""Reports and landing page, without a browser: the sanitizer, escaped tables, a crafted executed
notebook rendered to HTML (offline, code folded, figures anchored and numbered, table of contents,
hostile raw outputs made inert), the landing page (data said first, sections, gallery) and the
sections notebooks leave for it, and how `Session.figure` and `Session.table` show their results."""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path
from types import SimpleNamespace

import nbformat
import numpy as np
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.data import catalog, operations
from helpers.metrics import core
from helpers.present import reports
from helpers.run import notebook

RLO, ZWSP = "\u202e", "\u200b"


# ----------------------------------------------------------------------------------- clean_html

AS_TEXT = object()  # the whole fragment shown as the text it is (escaped), nothing of it kept as markup


@pytest.mark.parametrize("hostile, absent, expected", [
    ("<script>alert(1)</script>", "<script", AS_TEXT),
    ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "<script", AS_TEXT),
    ('<img src=x onerror="alert(1)">', "<img", AS_TEXT),
    ('<svg onload=alert(1)><circle r="1"/></svg>', "<svg", AS_TEXT),
    ('<a href="javascript:alert(1)">x</a>', "javascript:", "<a>x</a>"),
    ('<a href=" JaVaScRiPt:alert(1)">x</a>', "javascript:", "<a>x</a>"),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', "ascript:", "<a>x</a>"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:", "<a>x</a>"),
    ('<p onclick="alert(1)" style="color:red">x</p>', "onclick", "<p>x</p>"),
    ("<iframe src='https://evil.example'></iframe>", "<iframe", AS_TEXT),
    ("<style>body{display:none}</style>", "<style", AS_TEXT),
    ('<form action="https://evil.example"><input name=q></form>', "<form", AS_TEXT),
    ('<link rel=stylesheet href="https://cdn.example/x.css">', "<link", AS_TEXT),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta", AS_TEXT),
])
def test_clean_html_makes_markup_inert(hostile, absent, expected):
    """The exact output, not one substring: an attribute let through (style, an event handler, a
    link's target) changes it."""
    out = reports.clean_html(hostile)
    assert absent not in out.lower()
    if expected is AS_TEXT:
        assert out == hostile.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    else:
        assert out == expected


def test_clean_html_shows_disallowed_tags_as_text():
    assert reports.clean_html("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_clean_html_keeps_what_readers_need():
    kept = ('<h2 id="the-files">The files<a class="anchor-link" href="#the-files">¶</a></h2>'
            '<p class="figure-caption" id="caption-01_x"><b>Figure 1.1.</b> <b>Title.</b> Caption</p>'
            '<figure class="table"><figcaption>Caption</figcaption><table class="data-table"><thead><tr>'
            '<th scope="col" class="num">n</th></tr></thead><tbody><tr><td class="num">1</td></tr></tbody>'
            '</table></figure><blockquote><p><strong>Synthetic</strong> <em>x</em> <code>make</code></p>'
            '</blockquote><ul><li><a href="04_content.html#figure-04_top_domains">Figure 4.5</a></li>'
            '<li><a href="https://example.org/page">source</a></li></ul>'
            '<details class="long-table"><summary>Show all</summary><p>rows</p></details>')
    assert reports.clean_html(kept) == kept


# ----------------------------------------------------------------------------------- html_table

def test_html_table_escapes_every_cell_and_shows_invisible_characters():
    frame = pd.DataFrame({"<b>name</b>": ["<script>x</script>", f"a{RLO}b{ZWSP}c", "[l](javascript:x)"],
                          "n": [1, 2000, 3]})
    out = reports.html_table(frame)
    assert "<script" not in out and "<b>name" not in out
    assert "&lt;script&gt;x&lt;/script&gt;" in out and "&lt;b&gt;name&lt;/b&gt;" in out
    assert RLO not in out and ZWSP not in out
    assert "a&lt;U+202E&gt;b&lt;U+200B&gt;c" in out


def test_html_table_aligns_numbers_and_formats_like_the_reports():
    frame = pd.DataFrame({"label": ["a", "b", "c"], "share": ["36.9%", "n/a", "4.0%"],
                          "x": [0.123456, np.nan, 12345.6], "count": [1, 22, 333], "when": ["2014-07-18: 114"] * 3})
    out = reports.html_table(frame)
    heads = re.findall(r"<th scope=\"col\"( class=\"num\")?>([^<]*)</th>", out)
    assert heads == [("", "label"), (' class="num"', "share"), (' class="num"', "x"),
                     (' class="num"', "count"), ("", "when")]
    assert "<td class=\"num\">0.123</td>" in out and "<td class=\"num\">12,346</td>" in out
    assert "<td class=\"num\">\u2013</td>" in out        # missing value


def test_html_table_with_index_names_the_index_and_drops_column_axis_names():
    wide = pd.DataFrame({"IRA (Russia)": [1.0], "Iran": [2.0]}, index=pd.Index(["likes"], name="metric"))
    wide.columns.name = "op"
    out = reports.html_table(wide, index=True)
    assert '<th scope="col">metric</th>' in out and '<th scope="row">likes</th>' in out
    assert ">op<" not in out
    flat = reports.html_table(wide.reset_index())                     # index=False: no axis name column
    assert ">op<" not in flat and flat.count("<th scope") == 3
    multi = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("likes", "ira"), ("likes", "iranian")]))
    assert ">likes / ira<" in reports.html_table(multi)


# ---------------------------------------------------------------------------- rendering a report

def _png(width=40, height=30) -> str:
    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (0, 114, 178)).save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode()


def _executed(folder: Path, stem: str, hostile: bool = True) -> Path:
    """An executed notebook as papermill leaves it, with every kind of output the reports show."""
    cells = [
        new_markdown_cell(f"# {stem[:2]} · Test report\n\n**Question.** Does the *report* render?\n\n"
                          "**Writes.** nothing."),
        new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
        new_code_cell("x = 2", metadata={"tags": ["injected-parameters"]}),
        new_code_cell("nb = start()", outputs=[
            new_output("stream", name="stdout", text="ingesting a.csv\n"),
            new_output("stream", name="stdout", text=f"  10 rows read from {RLO}evil_tweets.csv\n"),
            new_output("stream", name="stderr", text="progress 100%|#####|\n"),
            new_output("display_data", data={"text/markdown": "> **Synthetic sample, not evidence.** x"}),
            new_output("execute_result", data={"text/plain": "PosixPath('/tmp/x/summary.csv')"}, execution_count=3),
        ]),
        new_markdown_cell("## Section A\n\nSome $x$ text."),
        new_code_cell("nb.figure(...)", outputs=[
            new_output("display_data", data={"image/png": _png(), "text/plain": "<Image>"},
                       metadata={"image/png": {"figure": f"{stem[:2]}_chart", "number": f"{int(stem[:2])}.1",
                                               "title": "A <chart>", "alt": f"Figure {int(stem[:2])}.1: A <chart>"}}),
            new_output("display_data", data={"text/html": f'<p class="figure-caption" id="caption-{stem[:2]}_chart">'
                                                          f"<b>Figure {int(stem[:2])}.1.</b> Look here.</p>"}),
        ]),
        new_markdown_cell("### Sub-section B"),
        new_code_cell("nb.table(...)", outputs=[
            new_output("display_data", data={"text/html": '<figure class="table"><figcaption>T</figcaption>'
                                                          '<table class="data-table"><thead><tr><th>a</th></tr>'
                                                          '</thead><tbody><tr><td>1</td></tr></tbody></table></figure>'}),
        ]),
    ]
    if hostile:   # raw markup as if a notebook had forgotten to escape data: the sanitizer catches it
        cells.append(new_code_cell("oops", outputs=[
            new_output("display_data", data={"text/html": '<script>alert(1)</script><img src=x onerror=alert(2)>'
                                                          '<a href="javascript:alert(3)">click</a>'}),
            new_output("display_data", data={"text/markdown": "<script>alert(4)</script> [y](javascript:alert(5))"}),
            new_output("display_data", data={"application/javascript": "alert(6)", "text/plain": "js"}),
            new_output("error", ename="ValueError", evalue="bad <b>thing</b>",
                       traceback=[f"\x1b[0;31mValueError\x1b[0m: bad {ZWSP}<b>thing</b>"]),
        ]))
    nb = new_notebook(cells=cells, metadata={"kernelspec": {"name": "trolltracker", "display_name": "x",
                                                            "language": "python"}})
    path = folder / "executed" / f"{stem}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture
def rendered(tmp_path):
    for stem in ("01_first", "02_second", "03_third"):
        _executed(tmp_path, stem)
    out = reports.render_notebook(tmp_path / "executed" / "02_second.ipynb", tmp_path / "02_second.html")
    return out.read_text(encoding="utf-8")


def test_report_loads_nothing_from_a_network_and_holds_no_script(rendered):
    assert "<script" not in rendered.lower()
    assert not re.search(r'<(link|img|iframe)[^>]+(src|href)="(https?:)?//', rendered)
    for cdn in ("cdnjs", "require.min.js", "mathjax", "mermaid", "unpkg", "jsdelivr", "fonts.googleapis"):
        assert cdn not in rendered.lower(), cdn


def test_report_shows_headings_paragraphs_and_tables_as_markup(rendered):
    """nbconvert's own sanitizer escaped <h1>, <p>, <figure> and <th>: readers saw raw tags."""
    assert "&lt;h1" not in rendered and "&lt;p&gt;" not in rendered and "&lt;th&gt;" not in rendered
    assert re.search(r'<h2 id="Section-A">Section A', rendered)
    assert '<figure class="table"><figcaption>T</figcaption>' in rendered and "<th>a</th>" in rendered


def test_hostile_raw_outputs_are_inert(rendered):
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered       # shown as text
    assert "onerror" not in rendered.replace("onerror=alert(2)&gt;", "")
    assert "javascript:alert(3)" not in rendered.replace("[y](javascript:alert(5))", "")
    assert 'href="javascript' not in rendered.lower()
    assert "alert(6)" not in rendered                               # application/javascript dropped
    assert "bad &lt;b&gt;thing&lt;/b&gt;" in rendered or "ValueError" in rendered


def test_figures_are_anchored_numbered_and_listed(rendered):
    assert re.search(r'<div class="jp-RenderedImage[^"]*report-figure" id="figure-02_chart"[^>]*>', rendered)
    assert 'alt="Figure 2.1: A &lt;chart&gt;"' in rendered
    toc = re.search(r'<nav class="toc".*?</nav>', rendered, re.S).group(0)
    assert '<a href="#Section-A">Section A</a>' in toc and 'class="h3"' in toc
    assert '<a href="#figure-02_chart">Figure 2.1</a> A &lt;chart&gt;' in toc
    # after the introduction and data statement, before the first section
    assert rendered.index("Synthetic sample") < rendered.index('<nav class="toc"') < rendered.index('id="Section-A"')


def test_code_and_logs_are_folded_and_stderr_left_out(rendered):
    summaries = re.findall(r'<details class="code-input"><summary>([^<]+)</summary>', rendered)
    assert summaries[:2] == ["Parameters of this run", "Code"]        # the parameters that ran, once
    assert "Default parameters" not in rendered
    assert "<details open" not in rendered
    log = re.search(r'<details class="log[^"]*"[^>]*>\s*<summary>Log \(2 lines\)</summary>\s*<pre>(.*?)</pre>',
                    rendered, re.S)
    assert log and "ingesting a.csv" in log.group(1) and "10 rows read" in log.group(1)
    assert "progress 100%" not in rendered
    assert "PosixPath" not in rendered                 # a value the cell happened to end with
    assert RLO not in rendered and "&lt;U+202E&gt;evil_tweets.csv" in log.group(1)


def test_tracebacks_are_escaped_with_invisible_characters_shown(rendered):
    assert ZWSP not in rendered and "bad &lt;U+200B&gt;&lt;b&gt;thing&lt;/b&gt;" in rendered
    assert "ansi-red-fg" in rendered                   # ANSI colours still rendered


def test_report_links_to_the_index_and_its_neighbours(rendered):
    assert '<a class="back" href="index.html">' in rendered
    assert '<a href="01_first.html" rel="prev">' in rendered and '<a href="03_third.html" rel="next">' in rendered
    assert "<title>02 · Test report · TrollTracker reproduction</title>" in rendered
    assert '<html lang="en">' in rendered


# --------------------------------------------------------------------------------- landing page

def _manifest(tmp_path: Path, synthetic: bool) -> dict:
    files = {}
    for op in ("ira", "iranian"):
        for table in ("tweets", "users"):
            files[f"{op}/{table}"] = {"op": op, "table": table, "rows_read": 10, "rows_cached": 9,
                                      "rows_quarantined": 1,
                                      "source": {"name": f"{op}_{table}_csv_hashed.csv", "size": 12345,
                                                 "sha256": ("ab" if op == "ira" else "cd") * 32}}
    m = {"files": files, "synthetic": synthetic, "release_dir": str(tmp_path / "release"),
         "cache_dir": str(tmp_path / "cache")}
    if synthetic:
        m["sample"] = {"seed": 20181017, "scale": 0.002, "generator": "helpers.synthetic.sample"}
    return m


def _landing(tmp_path: Path, synthetic: bool = True, sections=None) -> str:
    reports_dir, figures_dir, nb_dir = tmp_path / "reports", tmp_path / "figures", tmp_path / "notebooks"
    for d in (reports_dir / "figures", figures_dir, nb_dir):
        d.mkdir(parents=True, exist_ok=True)
    for stem in ("01_first", "02_second"):
        nbformat.write(new_notebook(cells=[new_markdown_cell(f"# {stem[:2]} · {stem[3:].title()}\n\n"
                                                             f"**Question.** What about {stem}?")]),
                       nb_dir / f"{stem}.ipynb")
        (reports_dir / f"{stem}.html").write_text("<p>report</p>", encoding="utf-8")
    nbformat.write(new_notebook(), nb_dir / "03_not_rendered.ipynb")
    records = [{"name": "01_overview", "number": "1.1", "notebook": "01_first", "title": "Overview <b>",
                "caption": "Compare the bars.", "made_by": ["helpers.metrics.core.overview"],
                "files": ["01_overview.png"], "data": "01_overview.csv"},
               {"name": "02_missing", "number": "2.1", "notebook": "02_second", "title": "No PNG",
                "caption": "Gone.", "made_by": ["helpers.x"]}]
    (reports_dir / "figures" / "01_first.json").write_text(json.dumps(records[:1]), encoding="utf-8")
    (reports_dir / "figures" / "02_second.json").write_text(json.dumps(records[1:]), encoding="utf-8")
    (figures_dir / "01_overview.png").write_bytes(base64.b64decode(_png()))
    (figures_dir / "01_overview.csv").write_text("op,tweets\nira,3\n", encoding="utf-8")
    out = reports.write_index(reports_dir, figures_dir, _manifest(tmp_path, synthetic),
                              sorted(nb_dir.glob("*.ipynb")), extra_sections=sections)
    return out.read_text(encoding="utf-8")


def test_landing_page_says_synthetic_first(tmp_path):
    page = _landing(tmp_path)
    assert page.index("Synthetic sample, not evidence") < page.index("On 17 October 2018")
    assert page.index("Synthetic sample, not evidence") < page.index('id="reports"')
    assert "seed 20181017, scale 0.002" in page
    assert "<script" not in page.lower()


def test_landing_page_names_the_real_files_and_versions_first(tmp_path):
    page = _landing(tmp_path, synthetic=False)
    assert "Synthetic sample" not in page
    note = page[:page.index("On 17 October 2018")]
    assert "Data: the release files in" in note and "ira_tweets_csv_hashed.csv" in note
    assert "12,345 bytes" in note and "abababababababab" in note         # size and SHA-256 prefix
    assert "ab" * 32 in page                                             # the full hash in the files table


def test_landing_page_orders_summary_gallery_scorecard(tmp_path):
    summary = notebook.write_section(tmp_path / "s", "08_summary", "Comparison summary",
                                     pd.DataFrame({"indicator": ["x"], "IRA": ["1%"]}), "note")
    score = notebook.write_section(tmp_path / "s", "09_scorecard", "Reproduction scorecard",
                                   pd.DataFrame({"status": ["matches"], "claims": [3]}), "note")
    page = _landing(tmp_path, sections=[summary.read_text(), score.read_text()])
    order = [page.index(s) for s in ('id="reports"', 'id="08_summary"', 'id="figures"', 'id="09_scorecard"',
                                     'id="data"')]
    assert order == sorted(order)
    toc = re.search(r'<nav class="toc".*?</nav>', page, re.S).group(0)
    assert '<a href="#08_summary">Comparison summary</a>' in toc and '<a href="#09_scorecard">' in toc


def test_landing_page_lists_rendered_reports_with_their_questions(tmp_path):
    page = _landing(tmp_path)
    assert '<a href="01_first.html">01 · First</a>' in page and "What about 01_first?" in page
    assert "03_not_rendered" not in page


def test_gallery_links_every_figure_to_its_report(tmp_path):
    page = _landing(tmp_path)
    thumb = re.search(r'<figure class="thumb" id="thumb-01_overview">.*?</figure>', page, re.S).group(0)
    assert '<a href="01_first.html#figure-01_overview"><img src="figures/01_overview.png"' in thumb   # inside reports/
    assert (tmp_path / "reports" / "figures" / "01_overview.png").is_file()
    assert "<b>Figure 1.1.</b> <b>Overview &lt;b&gt;.</b> Compare the bars." in thumb
    assert 'alt="Figure 1.1: Overview &lt;b&gt;"' in thumb
    assert "loading=" not in thumb                     # every figure loads (checked in the browser test)
    missing = re.search(r'<figure class="thumb" id="thumb-02_missing">.*?</figure>', page, re.S).group(0)
    assert "<img" not in missing and "no PNG written" in missing
    assert re.search(r'<h3 id="gallery-01_first"><a href="01_first.html">01 · First</a></h3>', page)


def test_sections_from_notebooks_are_sanitized_on_the_landing_page(tmp_path):
    page = _landing(tmp_path, sections=['<h2 id="08_x">X</h2><script>alert(1)</script><p onclick="y">t</p>'])
    assert "<script" not in page.lower() and "onclick" not in page


# ------------------------------------------------------------------------------ write_section

def test_write_section_escapes_and_folds_long_tables(tmp_path):
    hostile = pd.DataFrame({"claim": [f"<img src=x onerror=alert(1)> {RLO}"], "n": [1]})
    short = notebook.write_section(tmp_path, "09_x", "Title <i>", hostile, "a <b>note</b>").read_text()
    assert "<img" not in short and RLO not in short and "&lt;U+202E&gt;" in short
    assert "Title &lt;i&gt;" in short and "a &lt;b&gt;note&lt;/b&gt;" in short and "<details" not in short
    long = notebook.write_section(tmp_path, "09_y", "Long", pd.DataFrame({"n": range(notebook.LONG_TABLE + 5)}),
                                  "n").read_text()
    assert f'<details class="long-table"><summary>Show all {notebook.LONG_TABLE + 5} rows</summary>' in long


# ------------------------------------------------------------------- Session.table / figure

@pytest.fixture
def session(tmp_path, monkeypatch):
    """A Session on a stand-in release; `shown` collects what it displays."""
    from helpers.run import params
    p = params.from_file(None, figures_dir=str(tmp_path / "figures"), reports_dir=str(tmp_path / "reports"),
                    figure_formats=["png"])
    release = SimpleNamespace(ops=["ira"], synthetic=True, manifest={"files": {"ira/tweets": {
        "op": "ira", "source": {"name": "ira_tweets_csv_hashed.csv"}}}})
    shown = []
    monkeypatch.setattr(notebook, "display", shown.append)
    s = notebook.Session("04_content", p, release)
    s.shown = shown
    return s


def test_session_figure_tags_the_image_for_its_anchor_and_numbers_the_caption(session):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2])
    session.figure(fig, "bars", title="Two <bars>", caption="Compare a with b.", made_by=[core.overview],
                   columns=["c"])
    image, caption = session.shown
    assert image.metadata == {"figure": "04_bars", "number": "4.1", "title": "Two <bars>",
                              "alt": "Figure 4.1: Two <bars>"}
    assert caption.data == ('<p class="figure-caption" id="caption-04_bars"><b>Figure 4.1.</b> '
                            '<b>Two &lt;bars&gt;.</b> Compare a with b.</p>')
    record = json.loads((session.params.reports_path / "figures" / "04_content.json").read_text())
    assert record[0]["name"] == "04_bars" and record[0]["number"] == "4.1"
    assert record[0]["made_by"] == ["helpers.metrics.core.overview"]  # the name, taken from the function


def test_session_table_is_escaped_with_its_caption(session):
    session.table(pd.DataFrame({"tag": [f"<script>{ZWSP}"], "n": [3]}), "Top <tags>")
    html = session.shown[0].data
    assert html.startswith('<figure class="table"><figcaption>Top &lt;tags&gt;</figcaption><table')
    assert "<script" not in html and ZWSP not in html and "&lt;script&gt;&lt;U+200B&gt;" in html


def test_landing_page_writer_links_each_report_to_the_next_once_it_exists(tmp_path):
    """Reports are rendered one by one as the sequence runs: the first has no next page yet."""
    first = _executed(tmp_path, "01_first", hostile=False)
    reports.render_notebook(first, tmp_path / "01_first.html")
    assert 'rel="next"' not in (tmp_path / "01_first.html").read_text(encoding="utf-8")
    second = _executed(tmp_path, "02_second", hostile=False)
    reports.render_notebook(second, tmp_path / "02_second.html")
    reports.write_index(tmp_path, tmp_path / "figures", _manifest(tmp_path, True), [first, second])
    page = (tmp_path / "01_first.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<a href="02_second.html" rel="next">02 · Test report (›|&rsaquo;)</a>', page)) == 2
    assert 'rel="prev"' not in page
    assert re.search(r'<a href="01_first.html" rel="prev">', (tmp_path / "02_second.html").read_text(encoding="utf-8"))


def test_a_section_links_to_the_report_it_comes_from(tmp_path):
    section = notebook.write_section(tmp_path / "s", "02_summary", "Summary",
                                     pd.DataFrame({"indicator": ["x"]}), "note").read_text()
    page = _landing(tmp_path, sections=[section])
    part = page[page.index('id="02_summary"'):page.index('id="figures"')]
    assert '<a href="02_second.html">The full report: 02 · Second ›</a>' in part.replace("&rsaquo;", "›")


def test_landing_page_uses_the_october_2018_framing_only_for_the_october_2018_operations(tmp_path):
    """ira + iranian: DFRLab's #TrollTracker lead; a 2019 dataset and an unknown one: their labels, the
    attribution and disclosure month from the catalog, and no October 2018 lead, title or re-issue note."""
    oct18 = _landing(tmp_path / "a", synthetic=False)
    assert "<title>TrollTracker reproduction: the October 2018 release, IRA and Iran</title>" in oct18
    assert "compared the two in its #TrollTracker series" in oct18
    assert "Russia IRA (Oct 2018): Russia (Internet Research Agency), disclosed October 2018" in oct18
    assert "Twitter re-issued the October 2018 files in February 2019" in oct18

    title, h1, lead = reports.release_heading(["iran_201901_1", "zz_new"], operations.label)
    assert title == "TrollTracker reproduction: Iran (Jan 2019), zz_new"
    assert "October 2018 release, reproduced" not in h1
    assert "Iran (Jan 2019): Iran, disclosed January 2019" in lead and "zz_new: not in the release catalog" in lead
    assert "2 datasets, disclosed January 2019" in lead
    assert "#TrollTracker" not in lead and "On 17 October 2018" not in lead
    many = reports.release_heading([d.op for d in catalog.datasets()][2:8], operations.label)
    assert many[0] == "TrollTracker reproduction: 6 datasets of Twitter's archive"
    assert "disclosed January 2019 to June 2019" in many[2]

    files = {"mx_0621/tweets": {"op": "mx_0621", "table": "tweets", "rows_read": 5, "rows_cached": 5,
                                "rows_quarantined": 0, "source": {"name": "MX_0621_tweets_csv_hashed_2011.csv",
                                                                  "size": 10, "sha256": "ef" * 32}}}
    page = reports.write_index(tmp_path / "b", tmp_path / "b" / "figures",
                               {"files": files, "synthetic": False, "release_dir": "r", "cache_dir": "c"}, [])
    page = page.read_text(encoding="utf-8")
    assert "<title>TrollTracker reproduction: Mexico (Dec 2021)</title>" in page
    assert "October 2018" not in page.split("</h1>")[0] and "Twitter re-issued" not in page
    assert "Mexico (Dec 2021): Mexico (government-linked), disclosed December 2021" in page
