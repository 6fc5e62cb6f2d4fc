"""Where things live. Relative paths in parameters are resolved against the project root, so a notebook
gives the same answer whether papermill runs it from the root or a student runs it in JupyterLab from
`notebooks/`."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
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


# ------------------------------------------------------------------------ paths shown to readers
# Reports are published: a path of the machine that ran them (/home/alice/..., a temporary folder, the
# checkout's location) says nothing to a reader and tells the world about the user's disk. Every path
# that reaches a report, a table, a figure, an export or a log shown in a report goes through `shown`.

def _inside(path: Path, folder: Path) -> Path | None:
    """`path` relative to `folder` when it lies inside it (as written or with links resolved)."""
    for p, f in ((path, folder), (path.resolve(), folder.resolve())):
        try:
            return p.relative_to(f)
        except ValueError:
            continue
    return None


def shown(path: str | os.PathLike, folder: str | os.PathLike | None = None) -> str:
    """A path as readers see it, never an absolute path of this machine: relative to `folder` when given
    and inside it (cache files relative to the cache folder), else relative to the project root when
    inside the project, else only its name (the data folder is shown by its name)."""
    p = Path(os.path.expanduser(str(path)))
    if not p.is_absolute():
        return p.as_posix()
    for base in ([Path(folder)] if folder is not None else []) + [ROOT]:
        rel = _inside(p, base)
        if rel is not None:
            return rel.as_posix() if rel.parts else (p.name if base != ROOT else ".")
    return p.name or p.as_posix()


def elided(folder: str | os.PathLike) -> str:
    """How a folder of the run is written in code and logs shown to readers: relative to the project root
    when inside it, else `…/<name>` (visibly shortened: not a path to be used as it stands)."""
    p = Path(folder)
    rel = _inside(p, ROOT) if p.is_absolute() else p
    return rel.as_posix() if rel is not None else f"\u2026/{p.name}"


def scrub(text: str, folders: Iterable[str | os.PathLike] = ()) -> str:
    """Text (a log, a traceback, code with the run's parameters) with the machine's absolute paths
    replaced: each of `folders` by `elided(folder)`, then the project root (made relative), the Python
    installation (`<python>`) and the home folder (`~`). For text we do not format ourselves."""
    swaps = {str(Path(f)): elided(f) for f in folders}
    swaps[str(ROOT)] = "."
    for prefix in (sys.prefix, sys.base_prefix, sys.exec_prefix):
        swaps.setdefault(prefix, "<python>")
    home = os.path.expanduser("~")
    if home not in ("/", "~", ""):
        swaps.setdefault(home, "~")
    for raw in list(swaps):
        swaps.setdefault(os.path.realpath(raw), swaps[raw])
    for raw in sorted(swaps, key=len, reverse=True):   # longest first: a folder inside another one
        nice = swaps[raw]
        # not inside a longer name (/root is not /rooted); "<root>/x" becomes "x", not "./x"
        text = re.sub(re.escape(raw) + r"(?![\w.-])(/)?",
                      lambda m, nice=nice: (nice + (m.group(1) or "")) if nice != "." else ("" if m.group(1) else "."),
                      text)
    return text


# ------------------------------------------------------------------------ names of outputs

def case_slug(name: str) -> str:
    """A case study's part of its figure's name (after the notebook number): `case_` and the name lower-cased,
    each run of other characters as one `_` ("#ReasonsToLeaveEU" -> `case_reasonstoleaveeu`). One
    definition: notebook 04 names the figure with it (`CaseStudy.slug`) and the take-aways link to it."""
    return "case_" + re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
