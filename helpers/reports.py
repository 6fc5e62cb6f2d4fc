"""HTML reports: executed notebooks -> one offline HTML page each, and `reports/index.html`.

nbconvert's stock templates load require.js and MathJax from a CDN; ours (templates/offline) load
nothing, hide the code, embed the figures, add a table of contents and a link back to the index.
Stderr streams (progress bars, logs) are left out of the pages; errors are kept.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from helpers import prose
from helpers.paths import ROOT

TEMPLATES = Path(__file__).parent / "templates"
HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)<a class="anchor-link"', re.S)


def _clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop stderr streams and papermill's run metadata; keep results and errors."""
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    nb.metadata.pop("papermill", None)
    return nb


def _title(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return fallback


def _toc(body: str) -> str:
    items = []
    for level, anchor, text in HEADING.findall(body):
        label = re.sub(r"<[^>]+>", "", text).strip()
        items.append(f'<li class="h{level}"><a href="#{anchor}">{label}</a></li>')
    return f'<nav class="toc"><b>Contents</b><ol>{"".join(items)}</ol></nav>' if items else ""


def render_notebook(executed: Path, out: Path, index_href: str = "index.html") -> Path:
    """Render one executed notebook to a self-contained offline HTML page (written atomically)."""
    nb = _clean(nbformat.read(executed, as_version=4))
    title = _title(nb, executed.stem)
    nb.metadata["title"] = title
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                            sanitize_html=True)
    resources = {"report_css": (TEMPLATES / "report.css").read_text(encoding="utf-8"),
                 "report_header": f'<a class="back" href="{index_href}">&larr; All reports</a> · '
                                  f'notebooks/{prose.html(executed.name)} · <!--TOC-->'}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    body = body.replace("<!--TOC-->", _toc(body), 1)
    _write(out, body)
    return out


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.partial")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def figure_records(reports_dir: Path) -> list[dict]:
    """Every figure recorded by the notebooks of the last run, in notebook and figure order."""
    records = []
    for path in sorted((reports_dir / "figures").glob("*.json")):
        records.extend(json.loads(path.read_text(encoding="utf-8")))
    return records


def _rel(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start)).as_posix()


def write_index(reports_dir: Path, figures_dir: Path, manifest: dict, notebooks: list[Path],
                extra_sections: list[str] | None = None, run_date: dt.date | None = None) -> Path:
    """The landing page: the data (synthetic said first), the reports, a gallery of every figure."""
    synthetic = bool(manifest.get("synthetic"))
    rows = []
    for key, e in sorted(manifest["files"].items()):
        s = e["source"]
        rows.append(f"<tr><td>{prose.html(e['op'])}</td><td>{prose.html(e['table'])}</td>"
                    f"<td>{prose.html(s['name'])}</td><td>{s['size']:,}</td>"
                    f"<td><code>{prose.html(s['sha256'])}</code></td><td>{e['rows_read']:,}</td>"
                    f"<td>{e['rows_cached']:,}</td><td>{e['rows_quarantined']:,}</td></tr>")
    files_table = ("<table class='data-table'><tr><th>op</th><th>table</th><th>file</th><th>bytes</th>"
                   "<th>SHA-256</th><th>rows read</th><th>cached</th><th>quarantined</th></tr>"
                   + "".join(rows) + "</table>")
    if synthetic:
        sample = manifest.get("sample") or {}
        data_note = ("<blockquote><b>Synthetic sample, not evidence.</b> Every number and figure below "
                     "comes from a generated stand-in for Twitter's October 2018 release (seed "
                     f"{prose.html(sample.get('seed', '?'))}, scale {prose.html(sample.get('scale', '?'))}), "
                     "calibrated to published counts: agreement with them is by construction. Run "
                     "<code>make reproduce DATA_DIR=/path/to/release</code> on the real files for "
                     "findings.</blockquote>")
    else:
        data_note = (f"<p><b>Data:</b> the release in <code>{prose.html(manifest['release_dir'])}</code> "
                     "(file versions below: Twitter re-issued the October 2018 files in February 2019, "
                     "so compare SHA-256 values before comparing numbers).</p>")
    report_items = []
    for nb in notebooks:
        html_path = reports_dir / f"{nb.stem}.html"
        if html_path.exists():
            report_items.append(f'<li><a href="{prose.html(html_path.name)}">{prose.html(nb.stem)}</a></li>')
    gallery = []
    for rec in figure_records(reports_dir):
        png = figures_dir / f"{rec['name']}.png"
        img = (f'<img src="{prose.html(_rel(png, reports_dir))}" alt="{prose.html(rec["title"])}" '
               f'loading="lazy">' if png.exists() else "")
        link = f"{rec['notebook']}.html#figure-{rec['name']}"
        gallery.append(
            f'<figure class="thumb"><a href="{prose.html(link)}">{img}</a><figcaption><b>Figure '
            f'{prose.html(rec["number"])}</b> {prose.html(rec["title"])}. {prose.html(rec["caption"])} '
            f'<a href="{prose.html(link)}">Report</a> · <code>{prose.html(", ".join(rec["made_by"]))}</code>'
            f'</figcaption></figure>')
    css = (Path(__file__).parent / "templates" / "report.css").read_text(encoding="utf-8")
    css += ("\n.gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:1rem}"
            "\nfigure.thumb{margin:0;border:1px solid #e1e4e8;border-radius:4px;padding:.5rem;font-size:.8rem}"
            "\nfigure.thumb img{width:100%;height:auto;display:block}")
    date = (run_date or dt.date.today()).isoformat()
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>TrollTracker reproduction: reports</title><style>{css}</style></head>
<body class="jp-Notebook"><main>
<h1>State-backed troll operations on Twitter: the October 2018 release, reproduced</h1>
{data_note}
<p>Twitter's October 2018 election-integrity release holds the tweets and accounts of two operations:
Russia's Internet Research Agency (3,841 accounts named, about 9.0 million tweets) and an Iranian operation
(770 accounts, about 1.1 million tweets). These reports recompute the Atlantic Council DFRLab's
#TrollTracker comparison of the two from the files loaded in this run. Run date: {date}.</p>
{''.join(extra_sections or [])}
<h2 id="reports">Reports</h2><ol>{''.join(report_items)}</ol>
<h2 id="figures">Figures</h2><div class="gallery">{''.join(gallery)}</div>
<h2 id="data">Data loaded</h2>{files_table}
<p>Every row read was either cached or quarantined (rows read = cached + quarantined); quarantined rows are
listed with file, line and reason in the cache folder <code>{prose.html(manifest['cache_dir'])}</code>.</p>
</main></body></html>
"""
    out = reports_dir / "index.html"
    _write(out, page)
    return out


def write_figure_index(records: list[dict], figures_dir: Path) -> Path:
    """figures/index.json: for every committed figure, the notebook, helpers and columns behind it."""
    out = figures_dir / "index.json"
    slim = [{k: r[k] for k in ("name", "number", "notebook", "title", "caption", "files", "made_by",
                               "columns", "synthetic")} for r in records]
    _write(out, json.dumps(slim, indent=2, ensure_ascii=False) + "\n")
    return out


def relative_to_root(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)
