"""The notebooks in git: output-free, one tagged parameters cell matching params/default.yaml, one kernel,
and thin (no CSV parsing, no file reading: that lives in helpers)."""

import re

import nbformat
import pytest

from helpers.paths import NOTEBOOKS_DIR
from helpers.run import nbsync, pipeline

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def test_there_is_a_numbered_sequence():
    names = [p.name for p in NOTEBOOKS]
    assert len(names) >= 8
    assert [n[:2] for n in names] == [f"{i:02d}" for i in range(1, len(names) + 1)]
    assert pipeline.notebooks() == NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_clean_and_in_sync(path):
    assert nbsync.problems(path, nbsync.parameters_source()) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_thin(path):
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for banned in (r"read_csv", r"\bopen\(", r"sys\.path", r"pd\.read_", r"pyarrow\.csv"):
        assert not re.search(banned, code), f"{path.name} uses {banned}: move it into helpers/"
    first = nb.cells[0]
    assert first.cell_type == "markdown" and "**Question.**" in first.source and "**Writes.**" in first.source
