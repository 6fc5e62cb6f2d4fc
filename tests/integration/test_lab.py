"""`make lab`: a student opens a notebook in JupyterLab (kernel `trolltracker`, working directory
`notebooks/`, no parameters injected: the student edits the parameters cell) and runs it top to bottom.
The results must be those of papermill in `make reproduce`: the same prose and tables, byte-identical
figures."""

from __future__ import annotations

import nbformat
import pytest

from helpers.paths import NOTEBOOKS_DIR

pytestmark = pytest.mark.slow

NOTEBOOK = "02_timeline_languages"


def _shown(nb) -> list[str]:
    """What the notebook showed a reader: Markdown and HTML outputs of the code cells, in order
    (papermill's injected-parameters cell and the run logs apart)."""
    out = []
    for cell in nb.cells:
        if cell.cell_type != "code" or "injected-parameters" in cell.metadata.get("tags", []):
            continue
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            out += [data[k] for k in ("text/markdown", "text/html") if k in data]
    return out


def test_a_notebook_run_as_in_jupyterlab_matches_papermill(sequence_run, tmp_path):
    from nbclient import NotebookClient
    assert sequence_run["code"] == 0, sequence_run["log"]
    p = sequence_run["params"]
    nb = nbformat.read(NOTEBOOKS_DIR / f"{NOTEBOOK}.ipynb", as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "trolltracker"
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    cell.source += (f"\n# edited by the student\ndata_dir = {str(p.release_dir)!r}\ncache_dir = {str(p.cache_path)!r}\n"
                    f"figures_dir = {str(tmp_path / 'figures')!r}\nreports_dir = {str(tmp_path / 'reports')!r}\n")
    NotebookClient(nb, kernel_name="trolltracker", timeout=None,  # no clock: a slow machine only takes longer
                   resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}).execute()   # Lab's cwd: notebooks/

    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    papermill = nbformat.read(p.reports_path / "executed" / f"{NOTEBOOK}.ipynb", as_version=4)
    lab, reference = _shown(nb), _shown(papermill)
    assert len(lab) >= 5 and lab == reference
    figures = sorted(f.name for f in (tmp_path / "figures").glob("02_*.png"))
    assert len(figures) == 4
    for name in figures:
        assert (tmp_path / "figures" / name).read_bytes() == (p.figures_path / name).read_bytes(), name
