"""The landing page, `reports/index.html`: which data (the synthetic sample said first), the reports,
the sections notebooks leave (comparison summary, scorecard), a gallery of every figure, the files loaded.

The page is `templates/landing.html.j2` (beside the nbconvert template of the report pages); this module
computes its parts, each escaped here (`prose.html`) and handed to the template as markup. Also
`figures/index.json`, the figure index.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from helpers import files, paths
from helpers.data import catalog, operations
from helpers.data.manifest import files_table
from helpers.present import prose
from helpers.present.reports.methods import METHODS_PAGE, METHODS_TITLE, citation, git_commit, write_methods
from helpers.present.reports.pages import (
    CSS_FILE,
    FIGURES_SUBDIR,
    TEMPLATES,
    _insert_references,
    _rel,
    copy_figure_files,
    data_href,
    figure_records,
    link_tables,
    notebook_question,
    notebook_title,
    relink,
)
from helpers.present.reports.sanitize import clean_html
from helpers.present.reports.tables import html_table


def _href(path: str) -> str:
    """A relative path as an attribute value (each segment percent-encoded, then HTML-escaped)."""
    from urllib.parse import quote
    return prose.html(quote(path, safe="/#-._~"))


def _data_note(manifest: dict, ops: list[str]) -> str:
    if manifest.get("synthetic"):
        return (f'<blockquote class="data-note synthetic"><p><b>{prose.html(prose.SYNTHETIC_TITLE)}</b> '
                f'{prose.html(prose.synthetic_statement(manifest.get("sample")))}</p></blockquote>')
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
                ops: list[str] | None = None, label: Callable[[str], str] | None = None,
                commit: str | None = None) -> Path:
    """The landing page: which data (the synthetic sample said first), what the release is, how to cite
    the run, the reports, the comparison summary, a gallery of every figure (caption, link to its report
    and to its data), the scorecard, the files loaded. Also writes the methods page (`methods.py`) and
    copies every figure's files and CSV into `<reports>/figures/`, so that the folder can be shared alone.
    `extra_sections` are the HTML fragments notebooks leave (`write_section`): the scorecard's go after the
    gallery, the others (the comparison summary) before it. `commit`: the code's git commit (looked up
    when not given)."""
    reports_dir, figures_dir = Path(reports_dir), Path(figures_dir)
    titles, report_items = _report_list(reports_dir, notebooks)
    relink(reports_dir, list(titles.items()))
    sections = _sections(extra_sections, titles)
    after = [s for s in sections if "scorecard" in _section_id(s)]
    before = [s for s in sections if s not in after]
    records = copy_figure_files(figure_records(reports_dir), figures_dir, reports_dir)
    gallery = _gallery(records, titles, reports_dir)

    on_page = [("reports", "Reports")]
    on_page += [(_section_id(s), _section_title(s)) for s in before]
    on_page += [("figures", f"Figures ({len(records)})")]
    on_page += [(_section_id(s), _section_title(s)) for s in after]
    on_page += [("data", "Data loaded")]
    toc = "".join(f'<li><a href="#{prose.html(i)}">{prose.html(t)}</a></li>' for i, t in on_page if i)
    toc += f'<li><a href="{METHODS_PAGE}">{METHODS_TITLE}</a></li>'
    date = (run_date or dt.date.today()).isoformat()
    commit = commit or git_commit()
    write_methods(reports_dir, manifest, commit, date)
    ops = list(ops) if ops else loaded_ops(manifest)
    title, h1, lead = release_heading(ops, label or operations.label)
    page = _template().render(
        css=Markup(CSS_FILE.read_text(encoding="utf-8")), title=Markup(prose.html(title)),
        h1=Markup(prose.html(h1)), data_note=Markup(_data_note(manifest, ops)), lead=Markup(lead), date=date,
        toc=Markup(toc), reports=Markup("".join(report_items)), before=Markup("".join(before)),
        gallery=Markup(gallery), after=Markup("".join(after)), files=Markup(_files_table(manifest)),
        cache_dir=Markup(prose.html(paths.shown(manifest.get("cache_dir", "?")))),
        figures_dir=Markup(prose.html(paths.shown(figures_dir))), methods=Markup(METHODS_PAGE),
        citation=Markup(prose.html(citation(commit, date))))
    out = reports_dir / "index.html"
    files.write_text(out, _insert_references(link_tables(page, reports_dir)))
    return out


def _report_list(reports_dir: Path, notebooks: list[Path]) -> tuple[dict[str, str], list[str]]:
    """The reports rendered in this run: {file stem: title} and the list items (title, question)."""
    titles, items = {}, []
    for nb in map(Path, notebooks):
        html_path = reports_dir / f"{nb.stem}.html"
        if not html_path.exists():
            continue
        titles[nb.stem] = notebook_title(nb)
        question = notebook_question(nb)
        items.append(f'<li><a href="{_href(html_path.name)}">{prose.html(titles[nb.stem])}</a>'
                     + (f'<br><span class="question">{prose.html(question)}</span>' if question else "")
                     + "</li>")
    return titles, items


def _sections(fragments: list[str] | None, titles: dict[str, str]) -> list[str]:
    """The notebooks' sections, sanitised, each with a link to the report it comes from."""
    sections = []
    for fragment in fragments or []:
        section = clean_html(fragment)
        stem = next((s for s in titles if _section_id(section)[:3] == s[:3]), None)
        if stem:   # from the summary to the evidence: the report the section comes from
            section += (f'<p class="more"><a href="{_href(stem + ".html")}">The full report: '
                        f'{prose.html(titles[stem])} &rsaquo;</a></p>')
        sections.append(section)
    return sections


def _gallery(records: list[dict], titles: dict[str, str], reports_dir: Path) -> str:
    """Every figure by report: thumbnail (from <reports>/figures/), caption, links to the report and the CSV."""
    gallery, current = [], None
    for rec in records:
        if rec["notebook"] != current:
            if current is not None:
                gallery.append("</div>")
            current = rec["notebook"]
            title = titles.get(current, current)
            gallery.append(f'<h3 id="gallery-{prose.html(current)}"><a href="{_href(current + ".html")}">'
                           f'{prose.html(title)}</a></h3><div class="gallery">')
        png = reports_dir / FIGURES_SUBDIR / f"{rec['name']}.png"
        link = _href(f"{rec['notebook']}.html#figure-{rec['name']}")
        img = (f'<img src="{_href(_rel(png, reports_dir))}" alt="Figure {prose.html(rec["number"])}: '
               f'{prose.html(rec["title"])}">' if png.exists() else
               '<span class="no-image">(no PNG written: see the report)</span>')
        data = data_href(rec)
        data_link = f' · <a class="data-link" href="{_href(data)}">data (CSV)</a>' if data else ""
        gallery.append(
            f'<figure class="thumb" id="thumb-{prose.html(rec["name"])}"><a href="{link}">{img}</a>'
            f'<figcaption><b>Figure {prose.html(rec["number"])}.</b> <b>{prose.html(rec["title"])}.</b> '
            f'{prose.html(rec["caption"])} <a class="more" href="{link}">In the report &rsaquo;</a>{data_link}'
            f'</figcaption></figure>')
    if current is not None:
        gallery.append("</div>")
    return "".join(gallery) if gallery else "<p>No figures were recorded in this run.</p>"


LANDING_TEMPLATE = "landing.html.j2"


def _template():
    """The landing page's Jinja template. Every value handed to it is escaped here first (`prose.html`)
    and passed as `Markup`; autoescape stays on, so a value passed as a plain string is escaped too."""
    import jinja2
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    return env.get_template(LANDING_TEMPLATE)


def write_figure_index(records: list[dict], figures_dir: Path) -> Path:
    """figures/index.json: for every committed figure, the notebook, helpers and columns behind it, and the
    CSV of the numbers it draws (`data`)."""
    out = figures_dir / "index.json"
    slim = [{k: r[k] for k in ("name", "number", "notebook", "title", "caption", "files", "made_by",
                               "columns", "synthetic", "data") if k in r} for r in records]
    files.write_text(out, json.dumps(slim, indent=2, ensure_ascii=False) + "\n")
    return out
