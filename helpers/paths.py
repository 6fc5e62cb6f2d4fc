"""Where things live. Relative paths in parameters are resolved against the project root, so a notebook
gives the same answer whether papermill runs it from the root or a student runs it in JupyterLab from
`notebooks/`."""

from __future__ import annotations

import os
from pathlib import Path

# `helpers` is installed in editable mode (`make setup`), so its folder sits in the checkout.
ROOT = Path(os.environ.get("TROLLTRACKER_ROOT", Path(__file__).resolve().parents[1]))

SAMPLE_DIR = ROOT / "data" / "sample"     # the generated synthetic release (not in git)
CACHE_DIR = ROOT / "cache"                # typed Parquet caches, one folder per release
FIGURES_DIR = ROOT / "figures"
REPORTS_DIR = ROOT / "reports"
NOTEBOOKS_DIR = ROOT / "notebooks"
PARAMS_DIR = ROOT / "params"

# A release folder holding this file is the synthetic sample; the loader copies it into the manifest.
SAMPLE_MARKER = "synthetic-sample.json"


def resolve(path: str | os.PathLike | None, default: Path) -> Path:
    """An absolute path: `default` when empty, relative paths against the project root."""
    if path is None or str(path).strip() == "":
        return default
    p = Path(os.path.expanduser(str(path)))
    return p if p.is_absolute() else ROOT / p
