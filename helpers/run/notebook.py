"""What every notebook does first, and how it shows results: keeps the notebooks thin.

`start()` checks the parameters, opens the release (ingesting it if the cache is stale), applies the
house style and says which data the notebook is looking at (the synthetic sample is said first).
`Session.figure()` finishes, saves, shows and records a figure; `Session.say()` writes prose whose data
values are escaped; `Session.table()` shows a table as escaped HTML.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, SVG, Image, Markdown, display

from helpers import files, paths
from helpers.data import catalog, load, operations
from helpers.data.manifest import files_table
from helpers.errors import ProjectError
from helpers.present import exports, plots, prose, reports
from helpers.present.plots import rules
from helpers.run import params as params_mod
from helpers.run.params import Params


def helper_name(fn: Callable) -> str:
    """The dotted name of a helper function (`helpers.metrics.core.overview`), from the function itself, so a
    renamed or moved function cannot leave a stale name in figures/index.json."""
    return f"{fn.__module__}.{fn.__qualname__}"

@dataclass
class Session:
    """One notebook's run: its parameters, its data and the figures it wrote."""

    notebook: str                 # file stem, e.g. "02_timeline_languages"
    params: Params
    release: load.ReleaseData
    figures: list[dict] = field(default_factory=list)
    loaded: list[str] = field(default_factory=list)   # every operation of the run (ops shown: `ops`)

    @property
    def number(self) -> str:
        return self.notebook.split("_", 1)[0]

    @property
    def ops(self) -> list[str]:
        return self.release.ops

    def label(self, op: str) -> str:
        return self.params.label(op)

    # -- output ------------------------------------------------------------------------------------
    def say(self, template: str, **values) -> None:
        """Markdown prose; every value is data and is escaped (`prose.md`) before it is inserted."""
        display(Markdown(template.format(**{k: prose.md(v) for k, v in values.items()})))

    def table(self, frame: pd.DataFrame, caption: str, index: bool = False) -> None:
        """A table as escaped HTML (`reports.html_table`: every cell escaped, invisible characters made
        visible, numbers right-aligned), with a caption (plain text) above it."""
        body = reports.html_table(frame, index=index)
        display(HTML(f'<figure class="table"><figcaption>{prose.html(caption)}</figcaption>{body}</figure>'))

    def html(self, fragment: str) -> None:
        """An HTML fragment built by a helper that escaped every data value in it (e.g.
        `scorecard.html_view`); the report's sanitizer (`reports.clean_html`) passes it once more."""
        display(HTML(fragment))

    def figure(self, fig: plt.Figure, slug: str, *, title: str, caption: str, made_by: Sequence[Callable],
               columns: Sequence[str], data: pd.DataFrame | None = None) -> Path:
        """Finish (title, source line, synthetic mark), save to figures/, show it, and record it.

        `made_by` are the helper functions behind the figure (their dotted names are recorded, taken from
        the functions themselves) and `columns` the cache columns they read: the figure index
        (figures/index.json, the README table) is built from these records. `data` is the tidy table the
        figure plots: written beside the images as `<name>.csv` (record key "data") so that a reader can
        check and reuse the numbers drawn. The figure rules (`plots.rules`: shared scales, text, watermark,
        colours, and that every number drawn is in `data`) are checked on the finished figure and their
        violations recorded (key "rules", empty when it passes; tests/integration fail on any).
        """
        name = f"{self.number}_{slug}"
        num = f"{int(self.number)}.{len(self.figures) + 1}"
        files = source_files(self.release.manifest, self.ops)
        source = f"Data: {files}. Figure {num}, notebooks/{self.notebook}.ipynb"
        plots.finish(fig, prose.safe_text(title), prose.safe_text(source), self.release.synthetic,
                     prose.synthetic_figure_note(self.release.manifest.get("sample")))
        broken = [v.as_dict() for v in rules.check(fig, data)]
        if data is None:
            broken.append({"rule": "data", "detail": "no table passed (data=...): no CSV beside the figure"})
        written = plots.save_figure(fig, name, self.params.figures_path, self.params.figure_formats)
        plt.close(fig)
        table = None if data is None else exports.write_csv(data, self.params.figures_path / f"{name}.csv")
        shown = next((p for p in written if p.suffix == ".png"), written[0])
        # The report template gives the image the anchor id "figure-<name>" and this alt text.
        meta = {"figure": name, "number": num, "title": title, "alt": f"Figure {num}: {title}"}
        if shown.suffix == ".png":
            display(Image(filename=str(shown), metadata=meta))
        elif shown.suffix == ".svg":
            display(SVG(filename=str(shown), metadata=meta))
        else:
            display(HTML(f'<p id="figure-{prose.html(name)}"><a '
                         f'href="{prose.html(reports._rel(shown, self.params.reports_path))}">'
                         f'{prose.html(shown.name)}</a></p>'))
        display(HTML(f'<p class="figure-caption" id="caption-{prose.html(name)}"><b>Figure {num}.</b> '
                     f'<b>{prose.html(title)}.</b> {prose.html(caption)}</p>'))
        self.figures.append({
            "name": name, "number": num, "notebook": self.notebook, "title": title, "caption": caption,
            "files": [p.name for p in written], "made_by": [helper_name(f) for f in made_by],
            "columns": sorted(set(columns)),
            "synthetic": self.release.synthetic,
            **({} if table is None else {"data": table.name}),
            "rules": broken,
        })
        self._write_records()
        return written[0]

    def _write_records(self) -> None:
        out = self.params.reports_path / "figures" / f"{self.notebook}.json"
        files.write_text(out, json.dumps(self.figures, indent=2, ensure_ascii=False) + "\n")

    def figure_links(self, names: Sequence[str]) -> None:
        """Links to figures recorded by the notebooks of this run (their report pages and anchors)."""
        known = {r["name"]: r for r in reports.figure_records(self.params.reports_path)}
        links = [f'<a href="{prose.html(known[n]["notebook"])}.html#figure-{prose.html(n)}">Figure '
                 f'{prose.html(known[n]["number"])}</a> ({prose.html(known[n]["title"])})' for n in names if n in known]
        if links:
            display(HTML("<p>Supporting figures: " + ", ".join(links) + "</p>"))

    def missing(self, message: str) -> None:
        """Say plainly that something could not be shown and why."""
        display(Markdown(f"> **Not shown:** {prose.md(message)}"))


FILES_NAMED = 4   # a figure's source line names at most this many files (a long list would cover the plot)


def source_files(manifest: dict, ops: Sequence[str]) -> str:
    """The files behind a figure, for its source line: named when few, else counted (report 01 lists them
    with their sizes and SHA-256)."""
    names = sorted(set(files_table(manifest, ops)["file"]))
    if len(names) <= FILES_NAMED:
        return ", ".join(names)
    return f"{len(names)} files of {len(set(ops))} operations (listed in report 01 with their SHA-256)"


def data_statement(release: load.ReleaseData, p: Params) -> str:
    """The first thing every notebook says: which data, synthetic or real (Markdown)."""
    m = release.manifest
    scope = (f"Operations: {prose.md(', '.join(p.label(op) for op in release.ops))}. "
             f"{window_statement(release.window_counts(), p)}")
    if release.synthetic:
        return (f"> **{prose.md(prose.SYNTHETIC_TITLE)}** {prose.md(prose.synthetic_statement(m.get('sample')))}"
                f"\n>\n> {scope}")
    files = "; ".join(f"{prose.md(f.file)} ({int(f.bytes):,} bytes, SHA-256 {f.sha256[:12]}…)"
                      for f in files_table(m).itertuples())
    return f"> **Data:** the release folder {prose.md(paths.shown(m['release_dir']))}: {files}.\n>\n> {scope}"


def window_statement(counts: pd.DataFrame, p: Params) -> str:
    """What the run covers in time, per operation (Markdown): the whole release unless the user set a
    window, and then how many tweets of each operation fell before and after it (`window_counts`)."""
    undated = [f"{prose.md(p.label(r.op))} {prose.count(r.undated)}" for r in counts.itertuples() if r.undated]
    no_time = (f" Tweets without a usable time (in no timeline): {', '.join(undated)}." if undated else "")
    if not p.windowed:
        spans = [f"{prose.md(p.label(r.op))} {r.first_tweet:%Y-%m-%d} to {r.last_tweet:%Y-%m-%d}"
                 for r in counts.itertuples() if r.tweets > r.undated]
        covered = f" ({'; '.join(spans)}, UTC)" if spans else ""
        return f"No date window: every tweet of every operation{covered}.{no_time}"
    window = f"{p.start or 'the first tweet'} to {p.end or 'the last tweet'}"
    outside = []
    for r in counts.itertuples():
        if r.before or r.after:
            share = prose.pct((r.before + r.after) / r.tweets)
            outside.append(f"{prose.md(p.label(r.op))} {prose.count(r.before)} before and "
                           f"{prose.count(r.after)} after ({share} of its {prose.plural(r.tweets, 'tweet')})")
    left = ("Outside it, left out of every figure and table: " + "; ".join(outside) + "."
            if outside else "No tweet of any operation falls outside it.")
    return f"**Date window set: {window} (UTC days, both included).** {left}{no_time}"


def catalog_statement(ops: Sequence[str], p: Params) -> str:
    """What the release catalog says about each operation shown (label, attribution, disclosure month,
    home time zone, main languages), and plainly which operations it does not know (Markdown)."""
    lines = []
    for op in ops:
        d = catalog.lookup(op)
        if d is None:
            lines.append(operations.catalog_note([op], p.time_zones))
            continue
        zone = p.time_zone(op) + (" (time_zones parameter)" if op in p.time_zones else "")
        langs = ", ".join(d.main_languages) or "none published (taken from its own tweets)"
        lines.append(f"{operations.description(op, p.label)}; home time zone {zone}; main languages {langs}.")
    return "> **Release catalog** (`helpers/data/catalog.csv`):\n>\n" + "\n".join(f"> - {prose.md(x)}" for x in lines)


CROSS_OPERATION_REPORT = "11_cross_operation"


def tweets_cached(release: load.ReleaseData, op: str) -> int:
    """An operation's cached tweets, from the manifest (no data read): the size the reports rank by."""
    return int(sum(e.get("rows_cached", 0) for e in release.entries(op, "tweets")))


def shown_ops(release: load.ReleaseData, p: Params, wanted: Sequence[str] = ()) -> tuple[list[str], str]:
    """The operations a per-operation report draws, and why those (empty when it draws every one).

    The `shown_ops` parameter when set; else every operation when there are at most `shown_max`; else the
    operations the notebook itself is about (`wanted`, e.g. the scorecard's claims) found in the run; else
    the `shown_max` largest by cached tweets. Always in the run's order (disclosure order by default)."""
    loaded = list(release.ops)
    if p.shown_ops:
        unknown = [op for op in p.shown_ops if op not in loaded]
        if unknown:
            raise ProjectError(f"parameter 'shown_ops': {', '.join(unknown)} not in this run (it holds: "
                               f"{', '.join(loaded)})")
        return list(p.shown_ops), "named by the shown_ops parameter"
    if len(loaded) <= p.shown_max:
        return loaded, ""
    own = [op for op in loaded if op in {p.op_names.get(w, w) for w in wanted}]
    if own:
        return own, "the operations this report is about"
    size = {op: tweets_cached(release, op) for op in loaded}
    top = set(sorted(loaded, key=lambda op: (-size[op], loaded.index(op)))[: p.shown_max])
    return [op for op in loaded if op in top], f"the {p.shown_max} largest by tweets (parameter shown_max)"


def shown_statement(release: load.ReleaseData, loaded: Sequence[str], why: str, p: Params) -> str:
    """What a report leaves out when it draws only some of the run's operations (Markdown): which ones, with
    their tweets, and where they are (report 01 accounts for their rows, report 11 compares them all)."""
    left = [op for op in loaded if op not in release.ops]
    if not left:
        return ""
    others = "; ".join(f"{p.label(op)} ({prose.plural(tweets_cached(release, op), 'tweet')})" for op in left)
    return (f"> **Operations shown: {len(release.ops)} of the {len(loaded)} in this run**, {prose.md(why)}: "
            f"{prose.md(', '.join(p.label(op) for op in release.ops))}. **Not shown in this report**: "
            f"{prose.md(others)}. Every operation is compared in the cross-operation report "
            f"([{CROSS_OPERATION_REPORT}]({CROSS_OPERATION_REPORT}.html)), and report 01 accounts for every row "
            "read; set `shown_ops` to draw others here.")


def start(namespace: dict, notebook: str, every_op: bool = False, wanted: Sequence[str] = ()) -> Session:
    """Check the parameters in the notebook's namespace, open the release, say what it is.

    A per-operation report draws the operations `shown_ops` chooses (all of them when there are few, or
    with `every_op`: report 01's accounting, report 11's comparison) and says which it leaves out."""
    p = params_mod.from_namespace(namespace)
    release = load.open_release(p.release_dir, ops=p.ops or None, start=p.start, end=p.end,
                                cache_root=p.cache_path, rename=p.op_names, progress=True)
    loaded = list(release.ops)
    shown, why = (loaded, "") if every_op else shown_ops(release, p, wanted)
    if shown != loaded:
        release = dataclasses.replace(release, ops=shown)
    release.engine_options = {"memory_limit": p.engine_memory_limit, "threads": p.engine_threads}
    plots.apply_style()
    session = Session(notebook, p, release, loaded=loaded)
    session._write_records()
    display(Markdown(data_statement(release, p)))
    left = shown_statement(release, loaded, why, p)
    if left:
        display(Markdown(left))
    display(Markdown(catalog_statement(release.ops, p)))
    return session


LONG_TABLE = 30   # rows: a landing-page table longer than this is folded (one click to open)


def write_section(reports_dir: Path, name: str, title: str, frame: pd.DataFrame, note: str) -> Path:
    """An escaped HTML fragment for the landing page (`reports/index.html`), e.g. the summary table.

    `name` is also the section's anchor on the landing page; a table longer than LONG_TABLE rows is
    folded under a "Show all N rows" mark."""
    body = reports.html_table(frame, index=False)
    if len(frame) > LONG_TABLE:
        body = (f'<details class="long-table"><summary>Show all {len(frame):,} rows</summary>{body}'
                f'</details>')
    html = (f'<section class="from-notebook"><h2 id="{prose.html(name)}">{prose.html(title)}</h2>'
            f'<p>{prose.html(note)}</p><figure class="table">{body}</figure></section>')
    out = reports_dir / "sections" / f"{name}.html"
    return files.write_text(out, html)
