"""End to end: the whole notebook sequence on a tiny synthetic release, and what a parameter change,
a failing notebook or a bad parameter does to a run."""

import json

import nbformat
import numpy as np
import pytest
from PIL import Image

from helpers.errors import ParameterError
from helpers.paths import ROOT
from helpers.present import references, reports
from helpers.run import pipeline
from helpers.run.kernel import KERNEL

pytestmark = pytest.mark.slow

EXPECTED_FIGURES = {
    "01_release_overview", "02_monthly_languages", "02_tweets_per_year", "02_tweet_languages",
    "02_account_languages", "03_accounts_created", "03_accounts_created_weekly", "03_followers",
    "03_account_lifetime", "03_regeneration", "04_top_hashtags", "04_hashtags_per_year", "04_case_mh17",
    "04_case_reasonstoleaveeu", "04_top_domains", "04_geopolitical_terms", "05_top_clients",
    "05_client_classes", "05_client_mix", "06_engagement_ccdf", "06_engagement_concentration",
    "06_top_accounts", "06_account_concentration", "07_hour_of_day", "07_hour_of_week", "07_tweet_kinds",
    "08_indicators",
}


def test_sequence_runs_and_writes_every_figure(sequence_run):
    assert sequence_run["code"] == 0, sequence_run["log"]
    p = sequence_run["params"]
    written = {f.stem for f in p.figures_path.glob("*.png")}
    assert written >= EXPECTED_FIGURES
    for name in EXPECTED_FIGURES:
        for fmt in p.figure_formats:
            assert (p.figures_path / f"{name}.{fmt}").stat().st_size > 5_000
        img = np.asarray(Image.open(p.figures_path / f"{name}.png").convert("L"), dtype=float)
        assert 600 <= img.shape[1] <= 3000 and 300 <= img.shape[0] <= 4000, (name, img.shape)
        assert img.std() > 5, f"{name}.png looks blank"


def test_every_notebook_has_a_report_and_the_index_lists_them(sequence_run):
    p = sequence_run["params"]
    index = (p.reports_path / "index.html").read_text(encoding="utf-8")
    for nb in pipeline.notebooks():
        html = (p.reports_path / f"{nb.stem}.html").read_text(encoding="utf-8")
        assert "Synthetic sample, not evidence" in html
        assert f'href="{nb.stem}.html"' in index
        assert "cdnjs" not in html and "require.min.js" not in html   # readable offline
    assert index.index("Synthetic sample") < index.index("Figures")


def test_figure_index_traces_every_figure(sequence_run):
    p = sequence_run["params"]
    records = json.loads((p.figures_path / "index.json").read_text())
    names = {r["name"] for r in records}
    assert names >= EXPECTED_FIGURES
    for r in records:
        assert r["notebook"].startswith(r["name"][:2]) and r["made_by"] and r["columns"]
        assert all(m.startswith("helpers.") for m in r["made_by"])


def _machine_paths(sequence_run) -> list[str]:
    """The absolute paths a run must not write for readers: its temporary folder and the project root
    (as given and with links resolved)."""
    found = {str(sequence_run["root"]), str(sequence_run["root"].resolve()), str(ROOT), str(ROOT.resolve())}
    return sorted(found, key=len, reverse=True)


def test_no_machine_path_in_any_artefact(sequence_run):
    """Every file the run wrote for readers (reports, executed notebooks, tables, JSON, figures in every
    format, the landing page's sections) holds neither the run's folder nor the project root; a failure
    names the file and the line. The cache (not for readers) and the input release are not searched."""
    root = sequence_run["root"]
    p = sequence_run["params"]
    assert sequence_run["code"] == 0, sequence_run["log"]
    needles = [n.encode() for n in _machine_paths(sequence_run)]
    artefacts = [f for folder in (p.reports_path, p.figures_path) for f in sorted(folder.rglob("*")) if f.is_file()]
    kinds = {f.suffix for f in artefacts}
    assert {".html", ".ipynb", ".csv", ".json", ".svg", ".png"} <= kinds, kinds   # the search covers them all
    leaks = []
    for f in artefacts:
        data = f.read_bytes()
        for needle in needles:
            at = data.find(needle)
            if at >= 0:
                line = data[:at].count(b"\n") + 1
                context = data[max(0, at - 60):at + len(needle) + 40].decode("utf-8", "replace")
                leaks.append(f"{f.relative_to(root)}, line {line}: ...{context}...")
                break
    assert not leaks, "absolute paths of this machine in artefacts:\n" + "\n".join(leaks)


def test_every_citing_report_has_its_references(sequence_run):
    """A page showing a source tag ([G], [D1], ...) lists that source in full in its References block."""
    p = sequence_run["params"]
    citing = {}
    for page in sorted(p.reports_path.glob("*.html")):
        html = page.read_text(encoding="utf-8")
        main = html.split('<section class="references">')[0]
        tags = references.citing(references.cited(reports._shown_text(main)))
        if tags:
            citing[page.name] = tags
            assert '<h2 id="references">References</h2>' in html, page.name
            for tag in tags:
                for ref in references.resolve(tag):
                    assert f'id="ref-{tag}-{ref.key}"' in html and ref.urls[0] in html, (page.name, tag)
    assert {"08_comparison_summary.html", "09_scorecard.html", "index.html"} <= set(citing)
    assert {"G", "Z", "T", "O", "D1", "D3"} <= set(citing["09_scorecard.html"])


def test_the_runs_reports_shared_alone_have_no_broken_link_and_link_the_methods_page(sequence_run, tmp_path):
    """reports/ zipped on its own: every local link and image of every page resolves inside it (figures and
    their CSVs included), and every page links the methods page."""
    import re
    import shutil
    import zipfile
    from urllib.parse import unquote, urlsplit
    p = sequence_run["params"]
    archive = shutil.make_archive(str(tmp_path / "reports"), "zip", p.reports_path.parent, p.reports_path.name)
    zipfile.ZipFile(archive).extractall(tmp_path / "elsewhere")
    shared = tmp_path / "elsewhere" / p.reports_path.name
    pages = sorted(shared.glob("*.html"))
    assert "methods.html" in {x.name for x in pages} and len(pages) >= 12
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert 'href="methods.html"' in html, page.name
        for link in re.findall(r'(?:href|src)="([^"]+)"', html):
            parts = urlsplit(link)
            if parts.scheme or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file() and shared.resolve() in target.parents, f"{page.name}: {link}"
    records = reports.figure_records(shared)
    assert all((shared / "figures" / f).is_file() for r in records for f in r["files"])
    assert all((shared / "figures" / r["data"]).is_file() for r in records if r.get("data"))


def test_reruns_write_byte_identical_figures(sequence_run):
    """Re-running a notebook on the same data rewrites byte-identical figure files (no dates in them)."""
    p = sequence_run["params"]
    before = {f.name: f.read_bytes() for f in p.figures_path.glob("02_*")}
    assert pipeline.run(str(sequence_run["params_file"]), only=["02"], log=lambda *a: None) == 0
    after = {f.name: f.read_bytes() for f in p.figures_path.glob("02_*")}
    assert before == after


def test_a_parameter_change_changes_what_is_plotted(sequence_run, tmp_path, write_params):
    root = sequence_run["root"]
    path = write_params(tmp_path / "narrow.yaml", data_dir=str(root / "release"), cache_dir=str(root / "cache"),
                        figures_dir=str(tmp_path / "figures"), reports_dir=str(tmp_path / "reports"),
                        ops=["iranian"], start="2017-01-01", end="2017-12-31")
    assert pipeline.run(str(path), only=["02"], log=lambda *a: None) == 0
    executed = nbformat.read(tmp_path / "reports" / "executed" / "02_timeline_languages.ipynb", as_version=4)
    text = "\n".join(o.get("data", {}).get("text/markdown", "") + o.get("data", {}).get("text/html", "")
                     for c in executed.cells if c.cell_type == "code" for o in c.outputs)
    assert "Russia IRA" not in text and "Iran" in text   # catalog labels; ira not loaded
    assert "2017" in text and "2016" not in text
    full = Image.open(sequence_run["params"].figures_path / "02_monthly_languages.png")
    narrow = Image.open(tmp_path / "figures" / "02_monthly_languages.png")
    assert narrow.size[1] < full.size[1]  # one operation: one panel


def test_a_failing_notebook_stops_the_run_and_keeps_earlier_reports(sequence_run, tmp_path, write_params):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    good = nbformat.read(pipeline.notebooks()[0], as_version=4)
    nbformat.write(good, folder / "01_ok.ipynb")
    bad = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"),
                                          nbformat.v4.new_code_cell("raise RuntimeError('boom')")])
    nbformat.write(bad, folder / "02_broken.ipynb")
    root = sequence_run["root"]
    path = write_params(tmp_path / "p.yaml", data_dir=str(root / "release"), cache_dir=str(root / "cache"),
                        figures_dir=str(tmp_path / "figures"), reports_dir=str(tmp_path / "reports"))
    lines = []
    code = pipeline.run(str(path), log=lambda *a: lines.append(" ".join(map(str, a))), notebook_dir=folder)
    assert code == 1
    log = "\n".join(lines)
    assert "02_broken.ipynb, cell 2 of 2 (`raise RuntimeError('boom')`)" in log and "RuntimeError: boom" in log
    assert (tmp_path / "reports" / "01_ok.html").exists()
    assert (tmp_path / "reports" / "executed" / "02_broken.ipynb").exists()   # kept for debugging
    assert not (tmp_path / "reports" / "02_broken.html").exists()


def test_bad_parameters_fail_before_any_work(tmp_path, write_params):
    path = write_params(tmp_path / "bad.yaml", top_n=0, data_dir=str(tmp_path / "nowhere"),
                        reports_dir=str(tmp_path / "reports"))
    with pytest.raises(ParameterError, match="top_n"):
        pipeline.run(str(path), log=lambda *a: None)
    assert not (tmp_path / "reports").exists()


def test_missing_data_dir_is_a_clear_error(tmp_path, write_params):
    from helpers.errors import ReleaseError
    path = write_params(tmp_path / "p.yaml", data_dir=str(tmp_path / "nowhere"), reports_dir=str(tmp_path / "r"))
    with pytest.raises(ReleaseError, match="does not exist"):
        pipeline.run(str(path), log=lambda *a: None)


def test_kernels_are_not_interrupted_on_shutdown_but_still_on_timeouts(monkeypatch):
    """The SIGINT jupyter_client sends before a shutdown made kernels print 'KeyboardInterrupt caught
    in kernel' in successful runs; an interrupt outside shutdown (a cell timeout) must still go out."""
    import asyncio

    from jupyter_client.manager import AsyncKernelManager
    sent = []

    async def interrupt(self):
        sent.append(self.shutting_down)

    monkeypatch.setattr(AsyncKernelManager, "_async_interrupt_kernel", interrupt)
    km = pipeline.QuietShutdownKernelManager(kernel_name=KERNEL)
    km.shutting_down = False
    asyncio.run(km._async_interrupt_kernel())
    km.shutting_down = True
    asyncio.run(km._async_interrupt_kernel())
    assert sent == [False]
