"""Keep the notebooks in git clean and consistent (`python -m helpers.run.nbsync`, `make nbsync`).

For every notebook: the cell tagged `parameters` is rewritten from `params/default.yaml` (so the
defaults live in one place and a student running the notebook in JupyterLab gets the same values as
`make reproduce`), outputs and execution counts are removed, the kernel is pinned to `trolltracker`.
`--check` changes nothing and fails if a notebook is out of sync (used by the tests).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from helpers.paths import NOTEBOOKS_DIR
from helpers.run import params as params_mod
from helpers.run.kernel import KERNELSPEC, DateTranslator

HEADER = ("# Parameters: defaults from params/default.yaml (rewritten by `make nbsync`).\n"
          "# Change them here to explore; `make reproduce PARAMS=...` injects a file's values below.\n"
          "import datetime\n\n")


def parameters_source() -> str:
    values = params_mod.check(params_mod.defaults()).as_notebook_parameters()
    lines = [f"{name} = {DateTranslator.translate(values[name])}" for name in params_mod.NAMES]
    return HEADER + "\n".join(lines)


def clean(nb: nbformat.NotebookNode, source: str) -> nbformat.NotebookNode:
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            if "parameters" in cell.metadata.get("tags", []):
                cell.source = source
    nb.metadata = {"kernelspec": KERNELSPEC,
                   "language_info": {"name": "python", "pygments_lexer": "ipython3"}}
    return nb


def problems(path: Path, source: str) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    out = []
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    if len(tagged) != 1:
        out.append(f"{path.name}: {len(tagged)} cells tagged 'parameters' (want exactly 1)")
    elif tagged[0].source != source:
        out.append(f"{path.name}: the parameters cell differs from params/default.yaml")
    if any(c.cell_type == "code" and (c.outputs or c.execution_count) for c in nb.cells):
        out.append(f"{path.name}: code cells carry outputs or execution counts")
    if nb.metadata.get("kernelspec", {}).get("name") != KERNELSPEC["name"]:
        out.append(f"{path.name}: kernel is not '{KERNELSPEC['name']}'")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m helpers.run.nbsync", description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="report problems, change nothing")
    args = ap.parse_args(argv)
    source = parameters_source()
    paths = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    if args.check:
        found = [p for path in paths for p in problems(path, source)]
        print("\n".join(found) or f"{len(paths)} notebooks in sync")
        return 1 if found else 0
    for path in paths:
        nb = clean(nbformat.read(path, as_version=4), source)
        nbformat.write(nb, path)
    print(f"{len(paths)} notebooks synced")
    return 0


if __name__ == "__main__":
    sys.exit(main())
