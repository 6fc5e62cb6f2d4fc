"""HTML reports: executed notebooks -> one offline HTML page each, and `reports/index.html`.

Readers open these pages from disk, without a network. nbconvert's stock templates load require.js,
MathJax and Mermaid from a CDN; ours (templates/offline) load nothing: every style is inlined, every
figure is embedded, and no page holds a script. Code is folded away under "Code" (a `<details>`
element: no script needed to open it), run logs under "Log"; every page has a table of contents
(sections and numbered figures), links back to the landing page and to the previous and next report.

Hostile data. Tweets, names and hashtags were written by troll accounts. The notebooks escape data
values where they insert them (`helpers.present.prose`, `html_table`); on top of that every Markdown cell and
every HTML or Markdown output passes through `clean_html`, an allowlist sanitizer that keeps what
readers need (headings, paragraphs, lists, tables, figure captions and their anchors, links to local
pages and to http(s) sites) and turns anything else (`<script>`, `<img onerror=...>`, `javascript:`
links, styles, forms, frames) into visible, inert text or drops the attribute.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import numbers
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import bleach
import numpy as np
import pandas as pd

from helpers import files, paths
from helpers.data import catalog, operations
from helpers.data.manifest import files_table
from helpers.present import prose, references

if TYPE_CHECKING:
    import nbformat
    from nbconvert import HTMLExporter

# nbformat and nbconvert are imported where they are used: notebooks import this module for its table
# and section writers, and nbformat's schema validation costs a kernel seconds to import.

TEMPLATES = Path(__file__).parent / "templates"
CSS_FILE = TEMPLATES / "report.css"
SCREENSHOTS = "screenshots"      # <reports>/screenshots/: written by the browser check, not committed

# ------------------------------------------------------------------------------------ sanitizing

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "u", "ul", "var",
})
_GLOBAL_ATTRIBUTES = {"class", "id", "title", "lang"}
_TAG_ATTRIBUTES = {
    "a": {"href"}, "ol": {"start", "reversed"}, "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"}, "details": {"open"}, "abbr": set(), "q": {"cite"},
}
# Links may go to local pages (relative URLs, #anchors), http(s) and mail; nothing else (javascript:,
# data:, vbscript:, file: ... are dropped by bleach's protocol check).
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    return name in _GLOBAL_ATTRIBUTES or name in _TAG_ATTRIBUTES.get(tag, ())


def clean_html(fragment) -> str:
    """HTML as readers may see it: allowed tags and attributes kept, anything else shown as text.

    Disallowed tags are escaped (a `<script>` shows as the text "<script>", it never runs), event
    handler and style attributes are dropped, links keep only local, http(s) and mailto targets, and
    comments go. Used for every Markdown cell and every HTML and Markdown output of a report.
    """
    text = fragment.decode() if isinstance(fragment, bytes) else str(fragment)
    return bleach.clean(text, tags=ALLOWED_TAGS, attributes=_allowed_attribute,
                        protocols=ALLOWED_PROTOCOLS, strip=False, strip_comments=True)


# ---------------------------------------------------------------------------------------- tables

_NUM = ' class="num"'
_LONG = ' class="long"'              # a cell holding a long unbroken token (a hash, a URL): may wrap anywhere
_LONG_TOKEN = re.compile(r"\S{40,}")
_NUMBER = re.compile(r"^\s*[-+\u2212]?(\d[\d,]*)?(\.\d+)?(e[-+]?\d+)?\s*(%|x)?\s*$", re.I)


def default_float(x: float) -> str:
    """3 significant digits below 1,000, whole numbers with separators above (from 999.5, which three
    significant digits would show as '1e+03')."""
    if not math.isfinite(x):
        return "n/a"
    return f"{x:,.3g}" if abs(x) < 999.5 else f"{x:,.0f}"


def _cell_text(value, na_rep: str, float_format: Callable[[float], str]) -> str:
    if prose.is_missing(value):
        return na_rep
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (float, np.floating)):
        return float_format(float(value))
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)


def _numeric_like(value, text: str) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return False
    if isinstance(value, numbers.Number):
        return True
    return bool(text.strip()) and bool(_NUMBER.match(text)) and any(ch.isdigit() for ch in text)


def _label(value) -> str:
    if isinstance(value, tuple):
        return " / ".join(str(v) for v in value if str(v) != "")
    return "" if value is None else str(value)


def html_table(frame: pd.DataFrame, index: bool = False, na_rep: str = "\u2013",
               float_format: Callable[[float], str] | None = None, classes: str = "data-table") -> str:
    """A table as escaped HTML: every header and cell through `prose.html` (markup escaped, invisible
    and direction-changing characters made visible); columns holding only numbers are right-aligned."""
    fmt = float_format or default_float
    columns = list(frame.columns)
    values = [list(frame.iloc[:, j]) for j in range(len(columns))]
    texts = [[_cell_text(v, na_rep, fmt) for v in col] for col in values]
    numeric = []
    for col, txt in zip(values, texts):
        present = [(v, t) for v, t in zip(col, txt) if not prose.is_missing(v) and t not in ("n/a", na_rep)]
        numeric.append(bool(present) and all(_numeric_like(v, t) for v, t in present))
    head = []
    if index:
        names = [n for n in frame.index.names]
        if not any(n is not None for n in names) and frame.columns.name is not None:
            names = [frame.columns.name] + [None] * (len(names) - 1)
        head += [f'<th scope="col">{prose.html(_label(n))}</th>' for n in names]
    head += [f'<th scope="col"{_NUM if num else ""}>{prose.html(_label(c))}</th>'
             for c, num in zip(columns, numeric)]
    rows = []
    for i in range(len(frame)):
        cells = []
        if index:
            key = frame.index[i]
            keys = key if isinstance(key, tuple) else (key,)
            cells += [f'<th scope="row">{prose.html(_cell_text(k, na_rep, fmt))}</th>' for k in keys]
        cells += [f'<td{_NUM if num else _LONG if _LONG_TOKEN.search(txt[i]) else ""}>{prose.html(txt[i])}</td>'
                  for txt, num in zip(texts, numeric)]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table class="{prose.html(classes)}"><thead><tr>{"".join(head)}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


# --------------------------------------------------------------------------------- report pages

HEADING = re.compile(r'<h([23])\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_ANCHOR_LINK = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>', re.S)
_CELL = re.compile(r'<div\b[^>]*\bclass="jp-Cell (jp-\w+Cell)')


def _insert_toc(body: str, toc: str) -> str:
    """The table of contents goes after the introduction and the data statement: before the second
    Markdown cell (the first section), or at the end of the page when there is none."""
    markdown = [m.start() for m in _CELL.finditer(body) if m.group(1) == "jp-MarkdownCell"]
    if len(markdown) >= 2:
        return body[:markdown[1]] + toc + body[markdown[1]:]
    end = body.rfind("</main>")
    return body[:end] + toc + body[end:] if end >= 0 else body + toc


def _clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop stderr streams, the plain-text value a cell happens to end with (e.g. the path a helper
    returned: readers see what notebooks show with Session.say/table/figure) and papermill's run
    metadata; merge consecutive stdout streams (shown folded as one log); keep results and errors."""
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        outputs = []
        for o in cell.get("outputs", []):
            if o.get("output_type") == "execute_result" and set(o.get("data", {})) <= {"text/plain"}:
                continue
            if o.get("output_type") == "error":   # a traceback names files: no path of this machine
                o["evalue"] = prose.visible(paths.scrub(str(o.get("evalue", ""))), ansi=True)
                o["traceback"] = [prose.visible(paths.scrub(line), ansi=True) for line in o.get("traceback", [])]
            if o.get("output_type") == "stream":
                if o.get("name") == "stderr":
                    continue
                o["text"] = prose.visible(paths.scrub(o["text"]), ansi=True)
                if outputs and outputs[-1].get("output_type") == "stream" and outputs[-1].get("name") == o.get("name"):
                    outputs[-1]["text"] += o["text"]
                    continue
            outputs.append(o)
        cell.outputs = outputs
    nb.metadata.pop("papermill", None)
    return nb


def _title(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return fallback


def notebook_title(path: Path) -> str:
    """The first `# heading` of a notebook (its file stem when it has none)."""
    import nbformat
    try:
        return _title(nbformat.read(path, as_version=4), path.stem)
    except (OSError, ValueError):
        return path.stem


def notebook_question(path: Path) -> str:
    """The "**Question.**" paragraph of a notebook's introduction, as plain text ('' when none)."""
    import nbformat
    try:
        nb = nbformat.read(path, as_version=4)
    except (OSError, ValueError):
        return ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"\*\*Question\.\*\*\s*(.+?)(?:\n\s*\n|$)", cell.source, re.S)
            if m:
                return re.sub(r"\s+", " ", re.sub(r"[*`]", "", m.group(1))).strip()
    return ""


def figures_in(nb: nbformat.NotebookNode) -> list[dict]:
    """The figures a notebook showed (`Session.figure` tags their image outputs): name, number, title."""
    found = []
    for cell in nb.cells:
        for o in cell.get("outputs", []) if cell.cell_type == "code" else []:
            for meta in (o.get("metadata") or {}).values():
                if isinstance(meta, dict) and meta.get("figure"):
                    found.append({"name": str(meta["figure"]), "number": str(meta.get("number", "")),
                                  "title": str(meta.get("title") or meta.get("alt") or meta["figure"])})
    return found


def _toc(body: str, figures: list[dict]) -> str:
    items = []
    for level, anchor, text in HEADING.findall(body):
        label = re.sub(r"<[^>]+>", "", _ANCHOR_LINK.sub("", text)).strip()
        items.append(f'<li class="h{level}"><a href="#{anchor}">{label}</a></li>')
    figs = [f'<li><a href="#figure-{prose.html(f["name"])}">Figure {prose.html(f["number"])}</a> '
            f'{prose.html(f["title"])}</li>' for f in figures]
    if not items and not figs:
        return ""
    parts = ['<nav class="toc" aria-label="Contents">']
    if items:
        parts.append(f'<div><b>Contents</b><ol>{"".join(items)}</ol></div>')
    if figs:
        parts.append(f'<div><b>Figures</b><ul class="figure-list">{"".join(figs)}</ul></div>')
    parts.append("</nav>")
    return "".join(parts)


def _neighbours(executed: Path) -> tuple[Path | None, Path | None]:
    """The executed notebooks before and after this one in the run's sequence (by number)."""
    sequence = sorted(executed.parent.glob("[0-9][0-9]_*.ipynb"))
    if executed not in sequence:
        return None, None
    i = sequence.index(executed)
    return (sequence[i - 1] if i > 0 else None), (sequence[i + 1] if i + 1 < len(sequence) else None)


def _nav_html(index_href: str, prev: tuple[str, str] | None, nxt: tuple[str, str] | None) -> str:
    """'<- All reports · < previous report · next report >' (each neighbour: (file stem, title))."""
    links = [f'<a class="back" href="{prose.html(index_href)}">&larr; All reports</a>']
    if prev is not None:
        links.append(f'<a href="{prose.html(prev[0])}.html" rel="prev">&lsaquo; {prose.html(prev[1])}</a>')
    if nxt is not None:
        links.append(f'<a href="{prose.html(nxt[0])}.html" rel="next">{prose.html(nxt[1])} &rsaquo;</a>')
    return " · ".join(links)


def _nav(executed: Path, index_href: str) -> str:
    prev, nxt = _neighbours(executed)
    return _nav_html(index_href, prev and (prev.stem, notebook_title(prev)), nxt and (nxt.stem, notebook_title(nxt)))


_PAGES_NAV = re.compile(r'(<nav class="pages">).*?(</nav>)', re.S)


def relink(reports_dir: Path, pages: list[tuple[str, str]], index_href: str = "index.html") -> None:
    """Point every report's previous/next links at the reports that exist now, in sequence order
    (`pages`: (file stem, title) of each existing report). Pages are rendered one by one while the
    sequence runs, before their successors exist: the landing page's writer calls this at the end."""
    for i, (stem, _) in enumerate(pages):
        path = Path(reports_dir) / f"{stem}.html"
        text = path.read_text(encoding="utf-8")
        nav = _nav_html(index_href, pages[i - 1] if i > 0 else None, pages[i + 1] if i + 1 < len(pages) else None)
        fixed = _PAGES_NAV.sub(lambda m: m.group(1) + nav + m.group(2), text)  # noqa: B023 (called at once)
        if fixed != text:
            _write(path, fixed)


def exporter() -> HTMLExporter:
    """nbconvert, configured for reports: offline template, code folded, our sanitizer."""
    from nbconvert import HTMLExporter
    return HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)],
                        exclude_input=False, exclude_input_prompt=True, exclude_output_prompt=True,
                        sanitize_html=True, filters={"clean_html": clean_html})


def render_notebook(executed: Path, out: Path, index_href: str = "index.html") -> Path:
    """Render one executed notebook to a self-contained offline HTML page (written atomically)."""
    import nbformat
    executed, out = Path(executed), Path(out)
    nb = _clean(nbformat.read(executed, as_version=4))
    title = _title(nb, executed.stem)
    nb.metadata["title"] = f"{title} · TrollTracker reproduction"
    nav = _nav(executed, index_href)
    resources = {"report_css": CSS_FILE.read_text(encoding="utf-8"),
                 "report_header": f'<nav class="pages">{nav}</nav><p class="source">Rendered from '
                                  f'<code>notebooks/{prose.html(executed.name)}</code>; the code is folded '
                                  f'under each "Code" mark.</p>',
                 "report_footer": f'<nav class="pages">{nav}</nav>'}
    body, _ = exporter().from_notebook_node(nb, resources=resources)
    body = _insert_references(body)
    body = _insert_toc(body, _toc(body, figures_in(nb)))
    _write(out, body)
    return out


def _shown_text(page: str) -> str:
    """What a page shows, roughly: its HTML without the inline style sheet and the tags."""
    page = re.sub(r"<style\b.*?</style>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", "", page)


def _insert_references(page: str) -> str:
    """The References block (`helpers.present.references`), before the end of the main content, when the page
    cites a source by tag ([G], [D1]-[D3], ...): every tag a reader sees resolves on the same page."""
    block = references.block_html(references.cited(_shown_text(page)))
    if not block:
        return page
    end = page.rfind("</main>")
    return page[:end] + block + page[end:] if end >= 0 else page + block


def _write(path: Path, text: str) -> None:
    files.write_text(path, text)


def figure_records(reports_dir: Path) -> list[dict]:
    """Every figure recorded by the notebooks of the last run, in notebook and figure order."""
    records = []
    for path in sorted((reports_dir / "figures").glob("*.json")):
        records.extend(json.loads(path.read_text(encoding="utf-8")))
    return records


def _rel(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start)).as_posix()


# ---------------------------------------------------------------------------------- landing page

def _href(path: str) -> str:
    """A relative path as an attribute value (each segment percent-encoded, then HTML-escaped)."""
    from urllib.parse import quote
    return prose.html(quote(path, safe="/#-._~"))


def _data_note(manifest: dict, ops: list[str]) -> str:
    if manifest.get("synthetic"):
        sample = manifest.get("sample") or {}
        return ('<blockquote class="data-note synthetic"><p><b>Synthetic sample, not evidence.</b> Every '
                "number and figure below comes from a generated stand-in for Twitter's October 2018 release "
                f"(generator {prose.html(sample.get('generator', 'helpers.synthetic.sample'))}, seed "
                f"{prose.html(sample.get('seed', '?'))}, scale {prose.html(sample.get('scale', '?'))}), "
                "calibrated to published counts: agreement with them is by construction. Run "
                "<code>make reproduce DATA_DIR=/path/to/release</code> on the real files for findings."
                "</p></blockquote>")
    files = [f"<li><code>{prose.html(f.file)}</code>: {int(f.bytes):,} bytes, SHA-256 "
             f"<code>{prose.html(str(f.sha256)[:16])}…</code>, {int(f.rows_cached):,} rows</li>"
             for f in files_table(manifest).itertuples()]
    return (f'<div class="data-note real"><p><b>Data: the release files in '
            f"<code>{prose.html(paths.shown(manifest.get('release_dir', '?')))}</code></b> ({_versions_hint(ops)}: "
            "compare the SHA-256 values before comparing numbers with another "
            f'run; full list under <a href="#data">Data loaded</a>).</p><ul>{"".join(files)}</ul></div>')


def _versions_hint(ops: list[str]) -> str:
    """Why file versions matter, for the datasets loaded (the Feb 2019 re-issue concerns October 2018)."""
    if any((d := catalog.lookup(op)) is not None and d.release_month == operations.OCTOBER_2018 for op in ops):
        return "Twitter re-issued the October 2018 files in February 2019"
    return "copies of the same dataset can differ, and notebook 01 compares the rows with the published counts"


def _files_table(manifest: dict) -> str:
    rows = [{"operation": f.op, "table": f.table, "file": f.file, "bytes": f"{int(f.bytes):,}", "SHA-256": f.sha256,
             "rows read": f"{int(f.rows_read):,}", "cached": f"{int(f.rows_cached):,}",
             "quarantined": f"{int(f.rows_quarantined):,}"} for f in files_table(manifest).itertuples()]
    frame = pd.DataFrame(rows, columns=["operation", "table", "file", "bytes", "SHA-256", "rows read",
                                        "cached", "quarantined"])
    return f'<figure class="table">{html_table(frame, classes="data-table files")}</figure>'


def _section_id(section: str) -> str:
    m = re.search(r'<h2[^>]*\bid="([^"]*)"', section)
    return m.group(1) if m else ""


def _section_title(section: str) -> str:
    m = re.search(r"<h2[^>]*>(.*?)</h2>", section, re.S)
    return re.sub(r"<[^>]+>", "", m.group(1)).strip() if m else ""


def loaded_ops(manifest: dict) -> list[str]:
    """The operations of a manifest, in disclosure order (as the notebooks show them by default)."""
    ops = manifest.get("ops") or sorted({e["op"] for e in manifest.get("files", {}).values()})
    return catalog.disclosure_order(list(ops))


def release_heading(ops: list[str], label: Callable[[str], str]) -> tuple[str, str, str]:
    """The landing page's <title> and <h1> (text) and its lead (HTML) for the operations loaded: DFRLab's
    #TrollTracker framing only when they are the October 2018 ones (ira and/or iranian); otherwise which
    datasets (label, attribution, disclosure month)."""
    listing = "".join(f"<li>{prose.html(operations.description(op, label))}</li>" for op in ops)
    loaded = f'<p>Loaded in this run:</p><ul class="ops">{listing}</ul>'
    if operations.is_october_2018(ops):
        return ("TrollTracker reproduction: the October 2018 release, IRA and Iran",
                "State-backed troll operations on Twitter: the October 2018 release, reproduced",
                _OCTOBER_2018_LEAD + "</p>" + loaded)
    names = [label(op) for op in ops]
    short = ", ".join(names) if len(names) <= 3 else f"{len(names)} datasets of Twitter's archive"
    months = sorted({d.release_month for d in map(catalog.lookup, ops) if d is not None})
    span = ""
    if months:
        span = f", disclosed {operations.month_name(months[0])}"
        span += f" to {operations.month_name(months[-1])}" if months[-1] != months[0] else ""
    lead = (f'<p class="lead">Twitter published the tweets and accounts of state-backed information operations '
            f"it had suspended; this run loaded {prose.plural(len(ops), 'dataset')}{prose.html(span)}. The "
            "reports ask the same questions of each, one question per report, with every figure traced to the "
            "helper functions and columns behind it. The published comparison and the scorecard's numbers "
            "concern the October 2018 release (IRA and Iran) only.</p>"
            + loaded)
    return f"TrollTracker reproduction: {short}", f"State-backed operations on Twitter: {short}", lead


_OCTOBER_2018_LEAD = """<p class="lead">On 17 October 2018 Twitter published the tweets and accounts of two
state-backed information operations it had suspended: Russia's Internet Research Agency (IRA: 3,841 accounts,
about 9 million tweets) and an Iranian operation (770 accounts, about 1.1 million tweets). The same day the
Atlantic Council's Digital Forensic Research Lab (DFRLab) compared the two in its #TrollTracker series. These
reports recompute that comparison from the files loaded in this run, one question per report, with every figure
traced to the helper functions and columns behind it."""


def write_index(reports_dir: Path, figures_dir: Path, manifest: dict, notebooks: list[Path],
                extra_sections: list[str] | None = None, run_date: dt.date | None = None,
                ops: list[str] | None = None, label: Callable[[str], str] | None = None) -> Path:
    """The landing page: which data (the synthetic sample said first), what the release is, the reports,
    the comparison summary, a gallery of every figure (caption and link to its report), the scorecard,
    the files loaded. `extra_sections` are the HTML fragments notebooks leave (`write_section`): the
    scorecard's go after the gallery, the others (the comparison summary) before it."""
    reports_dir, figures_dir = Path(reports_dir), Path(figures_dir)
    titles, report_items = {}, []
    for nb in notebooks:
        nb = Path(nb)
        html_path = reports_dir / f"{nb.stem}.html"
        if not html_path.exists():
            continue
        titles[nb.stem] = notebook_title(nb)
        question = notebook_question(nb)
        report_items.append(f'<li><a href="{_href(html_path.name)}">{prose.html(titles[nb.stem])}</a>'
                            + (f'<br><span class="question">{prose.html(question)}</span>' if question else "")
                            + "</li>")

    relink(reports_dir, list(titles.items()))

    sections = []
    for fragment in extra_sections or []:
        section = clean_html(fragment)
        stem = next((s for s in titles if _section_id(section)[:3] == s[:3]), None)
        if stem:   # from the summary to the evidence: the report the section comes from
            section += (f'<p class="more"><a href="{_href(stem + ".html")}">The full report: '
                        f'{prose.html(titles[stem])} &rsaquo;</a></p>')
        sections.append(section)
    after = [s for s in sections if "scorecard" in _section_id(s)]
    before = [s for s in sections if s not in after]

    gallery, current = [], None
    records = figure_records(reports_dir)
    for rec in records:
        if rec["notebook"] != current:
            if current is not None:
                gallery.append("</div>")
            current = rec["notebook"]
            title = titles.get(current, current)
            gallery.append(f'<h3 id="gallery-{prose.html(current)}"><a href="{_href(current + ".html")}">'
                           f'{prose.html(title)}</a></h3><div class="gallery">')
        png = figures_dir / f"{rec['name']}.png"
        link = _href(f"{rec['notebook']}.html#figure-{rec['name']}")
        img = (f'<img src="{_href(_rel(png, reports_dir))}" alt="Figure {prose.html(rec["number"])}: '
               f'{prose.html(rec["title"])}">' if png.exists() else
               '<span class="no-image">(no PNG written: see the report)</span>')
        gallery.append(
            f'<figure class="thumb" id="thumb-{prose.html(rec["name"])}"><a href="{link}">{img}</a>'
            f'<figcaption><b>Figure {prose.html(rec["number"])}.</b> <b>{prose.html(rec["title"])}.</b> '
            f'{prose.html(rec["caption"])} <a class="more" href="{link}">In the report &rsaquo;</a>'
            f'</figcaption></figure>')
    if current is not None:
        gallery.append("</div>")

    on_page = [("reports", "Reports")]
    on_page += [(_section_id(s), _section_title(s)) for s in before]
    on_page += [("figures", f"Figures ({len(records)})")]
    on_page += [(_section_id(s), _section_title(s)) for s in after]
    on_page += [("data", "Data loaded")]
    toc = "".join(f'<li><a href="#{prose.html(i)}">{prose.html(t)}</a></li>' for i, t in on_page if i)
    date = (run_date or dt.date.today()).isoformat()
    ops = list(ops) if ops else loaded_ops(manifest)
    title, h1, lead = release_heading(ops, label or operations.label)
    css = CSS_FILE.read_text(encoding="utf-8")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="trolltracker-reproduction">
<title>{prose.html(title)}</title><style>{css}</style></head>
<body class="report report-index"><main>
<h1>{prose.html(h1)}</h1>
{_data_note(manifest, ops)}
{lead}
<p>Run date: {date}.</p>
<nav class="toc" aria-label="On this page"><b>On this page</b><ol>{toc}</ol></nav>
<h2 id="reports">Reports</h2>
<p>Each report answers one question; read them in order, or start from a figure below.</p>
<ul class="reports">{''.join(report_items)}</ul>
{''.join(before)}
<h2 id="figures">Figures</h2>
<p>Every figure of this run, by report. Click a figure to see it in its report, with the numbers around it.</p>
{''.join(gallery) if gallery else '<p>No figures were recorded in this run.</p>'}
{''.join(after)}
<h2 id="data">Data loaded</h2>{_files_table(manifest)}
<p>Every row read was either cached or quarantined (rows read = cached + quarantined); quarantined rows are
listed with file, line and reason in the cache folder
<code>{prose.html(paths.shown(manifest.get('cache_dir', '?')))}</code>.</p>
</main>
<footer class="report-footer">Made by <code>make reproduce</code> (<code>python -m helpers.run.pipeline</code>);
figures in <code>{prose.html(paths.shown(figures_dir))}</code>.</footer>
</body></html>
"""
    out = reports_dir / "index.html"
    _write(out, _insert_references(page))
    return out


def write_figure_index(records: list[dict], figures_dir: Path) -> Path:
    """figures/index.json: for every committed figure, the notebook, helpers and columns behind it."""
    out = figures_dir / "index.json"
    slim = [{k: r[k] for k in ("name", "number", "notebook", "title", "caption", "files", "made_by",
                               "columns", "synthetic")} for r in records]
    _write(out, json.dumps(slim, indent=2, ensure_ascii=False) + "\n")
    return out

