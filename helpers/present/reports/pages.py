"""Report pages: one executed notebook -> one offline HTML page.

nbconvert's stock templates load require.js, MathJax and Mermaid from a CDN; ours (templates/offline)
load nothing: every style is inlined, every figure is embedded, and no page holds a script. Code is folded
away under "Code" (a `<details>` element: no script needed to open it), run logs under "Log"; every page
has a table of contents (sections and numbered figures), links back to the landing page and to the
previous and next report, and a References block resolving every source tag it shows.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from helpers import files, paths
from helpers.present import prose, references
from helpers.present.reports.sanitize import clean_html

if TYPE_CHECKING:
    import nbformat
    from nbconvert import HTMLExporter

# nbformat and nbconvert are imported where they are used: notebooks import the reports package for its
# table writer, and nbformat's schema validation costs a kernel seconds to import.

TEMPLATES = Path(__file__).parents[1] / "templates"
CSS_FILE = TEMPLATES / "report.css"

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
    metadata; merge consecutive stdout streams (shown folded as one log); keep results and errors. When
    papermill injected this run's parameters, the notebook's default parameters cell goes: a reader sees
    the parameters that ran, once."""
    tags = [set(c.metadata.get("tags", [])) for c in nb.cells]
    if any("injected-parameters" in t for t in tags):
        nb.cells = [c for c, t in zip(nb.cells, tags) if "parameters" not in t]
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


METHODS_HREF = "methods.html"      # the methods and limitations page (`reports.methods`), linked from every page


def nav_html(index_href: str, prev: tuple[str, str] | None, nxt: tuple[str, str] | None) -> str:
    """'<- All reports · Methods and limitations · < previous report · next report >' (each neighbour:
    (file stem, title))."""
    links = [f'<a class="back" href="{prose.html(index_href)}">&larr; All reports</a>',
             f'<a class="methods" href="{METHODS_HREF}">Methods and limitations</a>']
    if prev is not None:
        links.append(f'<a href="{prose.html(prev[0])}.html" rel="prev">&lsaquo; {prose.html(prev[1])}</a>')
    if nxt is not None:
        links.append(f'<a href="{prose.html(nxt[0])}.html" rel="next">{prose.html(nxt[1])} &rsaquo;</a>')
    return " · ".join(links)


def _nav(executed: Path, index_href: str) -> str:
    prev, nxt = _neighbours(executed)
    return nav_html(index_href, prev and (prev.stem, notebook_title(prev)), nxt and (nxt.stem, notebook_title(nxt)))


_PAGES_NAV = re.compile(r'(<nav class="pages">).*?(</nav>)', re.S)


def relink(reports_dir: Path, pages: list[tuple[str, str]], index_href: str = "index.html") -> None:
    """Point every report's previous/next links at the reports that exist now, in sequence order
    (`pages`: (file stem, title) of each existing report). Pages are rendered one by one while the
    sequence runs, before their successors exist: the landing page's writer calls this at the end."""
    for i, (stem, _) in enumerate(pages):
        path = Path(reports_dir) / f"{stem}.html"
        text = path.read_text(encoding="utf-8")
        nav = nav_html(index_href, pages[i - 1] if i > 0 else None, pages[i + 1] if i + 1 < len(pages) else None)
        fixed = _PAGES_NAV.sub(lambda m: m.group(1) + nav + m.group(2), text)  # noqa: B023 (called at once)
        if fixed != text:
            files.write_text(path, fixed)


def exporter() -> HTMLExporter:
    """nbconvert, configured for reports: offline template, code folded, our sanitizer."""
    from nbconvert import HTMLExporter
    return HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)],
                        exclude_input=False, exclude_input_prompt=True, exclude_output_prompt=True,
                        sanitize_html=True, filters={"clean_html": clean_html})


def render_notebook(executed: Path, out: Path, index_href: str = "index.html",
                    figures_dir: Path | None = None) -> Path:
    """Render one executed notebook to a self-contained offline HTML page (written atomically).

    With `figures_dir`, the files of the notebook's figures and the CSV of the numbers each one plots are
    copied into `<reports>/figures/` and each caption links its CSV ("data (CSV)"): the reports folder can
    be shared alone. Tables the page names (`reports/tables/*.csv`) are linked where they exist."""
    import nbformat
    executed, out = Path(executed), Path(out)
    nb = _clean(nbformat.read(executed, as_version=4))
    title = _title(nb, executed.stem)
    nb.metadata["title"] = f"{title} · TrollTracker reproduction"
    nav = _nav(executed, index_href)
    resources = {"report_css": CSS_FILE.read_text(encoding="utf-8"),
                 "report_header": f'<nav class="pages">{nav}</nav><p class="source">Rendered from '
                                  f'<code>notebooks/{prose.html(executed.name)}</code>; the code is folded '
                                  f'under each "Code" mark. {prose.html(prose.ROUNDING_RULE_SHORT)} '
                                  f'(<a href="{METHODS_HREF}#numbers">how numbers are written</a>).</p>',
                 "report_footer": f'<nav class="pages">{nav}</nav>'}
    body, _ = exporter().from_notebook_node(nb, resources=resources)
    mine = [r for r in figure_records(out.parent) if r.get("notebook") == executed.stem]
    if figures_dir is not None:
        mine = copy_figure_files(mine, Path(figures_dir), out.parent)
        body = link_figure_data(body, mine)
    body = link_tables(body, out.parent)
    body = _insert_references(body)
    body = _insert_toc(body, _toc(body, figures_in(nb)))
    files.write_text(out, body)
    return out


FIGURES_SUBDIR = "figures"   # <reports>/figures/: each figure's files and CSV (beside the notebooks' records)


def copy_figure_files(records: list[dict], figures_dir: Path, reports_dir: Path) -> list[dict]:
    """Copy each figure's image files and its data CSV (record key "data") from `figures_dir` into
    `<reports>/figures/`; return the records whose files were found (a CSV that is missing is left out of
    the record, so no page links to it)."""
    target = Path(reports_dir) / FIGURES_SUBDIR
    copied = []
    for rec in records:
        rec = dict(rec)
        for name in [*rec.get("files", []), rec.get("data")]:
            source = Path(figures_dir) / name if name else None
            if source is None or not source.is_file():
                if name and name == rec.get("data"):
                    rec.pop("data")
                continue
            if source.resolve() != (target / name).resolve():
                with files.replacing(target / name) as tmp:
                    shutil.copyfile(source, tmp)
        copied.append(rec)
    return copied


def data_href(record: dict) -> str | None:
    """The link to a figure's CSV from a page in <reports>/ (None when the figure has none)."""
    return f"{FIGURES_SUBDIR}/{record['data']}" if record.get("data") else None


def link_figure_data(body: str, records: list[dict]) -> str:
    """Append "data (CSV)" to the caption of each figure that has one (the caption `Session.figure` writes,
    id "caption-<name>")."""
    for rec in records:
        href = data_href(rec)
        if href is None:
            continue
        caption = re.compile(rf'(<p class="figure-caption" id="caption-{re.escape(rec["name"])}">.*?)(</p>)', re.S)
        link = f' <a class="data-link" href="{prose.html(href)}">data (CSV)</a>'
        body = caption.sub(lambda m: m.group(1) + link + m.group(2), body, count=1)  # noqa: B023 (called at once)
    return body


_TABLE_PATH = re.compile(r"(?<![\w/\"'=.-])((?:reports/)?tables/([\w.-]+\.(?:csv|json)))\b")


def link_tables(page: str, reports_dir: Path) -> str:
    """Make each `reports/tables/<file>` a page names in its text a link to that file, where it exists."""
    def link(m: re.Match) -> str:
        if not (Path(reports_dir) / "tables" / m.group(2)).is_file():
            return m.group(0)
        return f'<a class="table-link" href="tables/{prose.html(m.group(2))}">{m.group(1)}</a>'
    parts = re.split(r"(<[^>]+>)", page)
    inside_link = False
    for i, part in enumerate(parts):
        if part.startswith("<"):
            inside_link = (inside_link or part.startswith("<a ")) and not part.startswith("</a")
        elif not inside_link and "tables/" in part:
            parts[i] = _TABLE_PATH.sub(link, part)
    return "".join(parts)


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


def figure_records(reports_dir: Path) -> list[dict]:
    """Every figure recorded by the notebooks of the last run, in notebook and figure order."""
    records = []
    for path in sorted((reports_dir / "figures").glob("*.json")):
        records.extend(json.loads(path.read_text(encoding="utf-8")))
    return records


def _rel(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start)).as_posix()
