"""Compare the outputs of two `make reproduce` runs of two checkouts (before and after a refactor).

    python tools/compare_runs.py BEFORE_ROOT AFTER_ROOT

Compares byte for byte the figures (png, svg, csv, index.json), reports/tables/, reports/figures/, the HTML
reports and the generated sample (data/sample/); the executed notebooks by their outputs (execution counts
and output metadata set aside). Differences that say nothing about behaviour are counted apart and shown:
papermill's random id of the injected-parameters cell, the ingest's timings ("fast parser, 4.6 s") and the
cache folder's name (a hash of the release folder's path). Prints every other difference; exit status 1
when there is one, so "behaviour identical" is a claim this script can refute.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

BYTE_FOR_BYTE = ("figures/*", "reports/tables/**/*", "reports/figures/*", "reports/*.html", "reports/sections/*",
                 "data/sample/*")
# lines that differ between any two runs: the injected cell's random id, timings, the cache folder's hash
NOISE = re.compile(r'id="cell-id=[0-9a-f]+"|\(\w+ parser, \d+\.\d s\)|cache/[\w.-]+-[0-9a-f]{10}\b')


def _files(root: Path, pattern: str) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in root.glob(pattern) if p.is_file()}


def _outputs(notebook: Path) -> list[str]:
    """Each output of each cell as JSON, without execution counts or metadata (timings), nor the blank stderr
    left by a progress bar (where it falls among the stdout lines depends on timing)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [json.dumps({k: v for k, v in o.items() if k not in ("execution_count", "metadata")}, sort_keys=True)
            for c in cells for o in c.get("outputs", [])
            if not (o.get("name") == "stderr" and not "".join(o.get("text", "")).strip())]


def _real_changes(before: list[str], after: list[str]) -> list[str]:
    """Changed lines (diff `-`/`+`), once the run-to-run noise is masked."""
    diff = difflib.unified_diff([NOISE.sub("~", x) for x in before], [NOISE.sub("~", x) for x in after],
                                lineterm="", n=0)
    return [x for x in diff if x[:1] in "+-" and not x.startswith(("+++", "---"))]


def compare(before: Path, after: Path) -> list[str]:
    """Names of outputs whose content differs beyond the noise (missing ones included); prints a summary."""
    identical, noisy, differ = 0, 0, []
    pairs = [(n, p, after / n, False) for pattern in BYTE_FOR_BYTE for n, p in _files(before, pattern).items()]
    pairs += [(n, p, after / n, True) for n, p in _files(before, "reports/executed/*.ipynb").items()]
    extra = {n for pattern in BYTE_FOR_BYTE for n in _files(after, pattern)} - {n for n, *_ in pairs}
    differ += [f"{n} (only after)" for n in sorted(extra)]
    for name, b, a, by_outputs in pairs:
        if not a.exists():
            differ.append(f"{name} (only before)")
        elif by_outputs and _outputs(b) == _outputs(a) or not by_outputs and b.read_bytes() == a.read_bytes():
            identical += 1
        else:
            text = (_outputs(b), _outputs(a)) if by_outputs else (None, None)
            if text[0] is None and not name.endswith((".html", ".json", ".csv", ".svg", ".txt")):
                differ.append(name)
                continue
            if text[0] is None:
                text = (b.read_text(encoding="utf-8").splitlines(), a.read_text(encoding="utf-8").splitlines())
            changes = _real_changes(*text)
            if changes:
                differ.append(name)
                print(f"{name}:", *(f"    {c[:200]}" for c in changes[:6]), sep="\n")
            else:
                noisy += 1
    print(f"identical: {identical}; only run-to-run noise (cell ids, timings, cache folder name): {noisy}; "
          f"differ: {len(differ)}")
    return differ


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__.split("\n\n")[1])
        return 2
    differ = compare(Path(args[0]), Path(args[1]))
    for name in differ:
        print("DIFFERS:", name)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
