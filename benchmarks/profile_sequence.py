"""Where the time and memory of a notebook go: its code run statement by statement, outside Jupyter.

Takes executed notebooks (papermill's output, whose injected-parameters cell holds the run's values),
runs each one's code cells in a fresh namespace one top-level statement at a time, and records each
statement's wall time, the process's RSS after it and the growth of its peak (VmHWM). A loop or an `if`
counts as one statement. Output goes to the terminal (slowest statements first) and, with --json, to a
file. Plots are drawn with the Agg backend and `display` prints nothing.

    python -m benchmarks.profile_sequence bench/run-scale1/reports/executed/04_content.ipynb [--json out.json]
    python -m benchmarks.profile_sequence --cprofile out.prof NOTEBOOK   # cProfile of the whole notebook
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import json
import os
import sys
import time
from pathlib import Path


def _status() -> tuple[int, int]:
    rss = hwm = 0
    with open("/proc/self/status", "rb") as f:
        for line in f:
            if line.startswith(b"VmRSS:"):
                rss = int(line.split()[1]) * 1024
            elif line.startswith(b"VmHWM:"):
                hwm = int(line.split()[1]) * 1024
    return rss, hwm


def statements(nb_path: Path) -> list[tuple[int, str]]:
    """(cell number, source) of every top-level statement of the notebook's code cells, in order."""
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    out = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        src = "".join(cell["source"])
        tree = ast.parse(src)
        lines = src.splitlines(keepends=True)
        for node in tree.body:
            out.append((i, "".join(lines[node.lineno - 1:node.end_lineno])))
    return out


def run(nb_path: Path, quiet: bool = True) -> list[dict]:
    os.environ.setdefault("MPLBACKEND", "Agg")
    import IPython.display as disp
    disp.display = lambda *a, **k: None  # noqa: E731 - nothing to show outside Jupyter
    namespace: dict = {"__name__": "__main__"}
    rows = []
    for cell, src in statements(nb_path):
        code = compile(src, f"<{nb_path.stem} cell {cell}>", "exec")
        before_rss, before_hwm = _status()
        t0 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()) if quiet else contextlib.nullcontext():
            exec(code, namespace)
        dt = time.perf_counter() - t0
        rss, hwm = _status()
        rows.append({"cell": cell, "statement": src.strip().splitlines()[0][:120], "seconds": dt,
                     "rss_after_bytes": rss, "peak_growth_bytes": hwm - before_hwm, "peak_bytes": hwm})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.profile_sequence", description=__doc__.split("\n\n")[0])
    ap.add_argument("notebooks", nargs="+", type=Path)
    ap.add_argument("--json", type=Path, help="write every statement's record here")
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--cprofile", type=Path, help="profile with cProfile into this file instead")
    args = ap.parse_args(argv)
    if len(args.notebooks) > 1:  # each notebook in its own process, as each gets its own kernel
        import subprocess
        allrows = {}
        for nb in args.notebooks:
            out = Path(f"/tmp/profile-{os.getpid()}-{nb.stem}.json")
            cmd = [sys.executable, "-m", "benchmarks.profile_sequence", str(nb), "--json", str(out),
                   "--top", str(args.top)]
            subprocess.run(cmd, check=True)
            allrows[nb.stem] = json.loads(out.read_text())
            out.unlink()
        if args.json:
            args.json.write_text(json.dumps(allrows, indent=1))
        return 0
    nb = args.notebooks[0]
    if args.cprofile:
        import cProfile
        prof = cProfile.Profile()
        prof.enable()
        run(nb)
        prof.disable()
        prof.dump_stats(str(args.cprofile))
        return 0
    t0 = time.perf_counter()
    rows = run(nb)
    total = time.perf_counter() - t0
    print(f"== {nb.stem}: {total:.1f} s in {len(rows)} statements, peak RSS {rows[-1]['peak_bytes'] / 1e9:.2f} GB")
    for r in sorted(rows, key=lambda r: -r["seconds"])[:args.top]:
        print(f"  {r['seconds']:7.2f} s  peak +{r['peak_growth_bytes'] / 1e9:5.2f} GB  rss "
              f"{r['rss_after_bytes'] / 1e9:5.2f} GB"
              f"  [cell {r['cell']}] {r['statement']}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
