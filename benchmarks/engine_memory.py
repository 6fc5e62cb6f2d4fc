"""Kernel memory of the notebook sequence before and after the out-of-core engine, at two sample scales.

The question (issue 16): does a notebook's memory still grow with the number of tweets? For each scale
the synthetic sample is generated once (bench/engine/release-scale<S>/), then the notebooks run through
`helpers.run.pipeline` twice, each time with the cache built first: once with the code before the engine
(`git archive` of a commit into bench/engine/code-<sha>/) and once with the working tree. Every kernel's
peak RSS is read by `benchmarks.procmem` (VmHWM of every process of the tree, kernels included).

    python -m benchmarks.engine_memory --before eb108fa --scales 0.05 0.2 [--only 01 02 ...]

Writes bench/engine/results.json and prints a Markdown table: per notebook and version, the kernel peak
at each scale and its growth from the smaller to the larger scale.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks import procmem
from benchmarks.run import notebook_table

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "engine"
PY = sys.executable
GB = 1024 ** 3


def release(scale: float) -> Path:
    """The sample release at `scale` (generated once, reused when its marker says it is complete)."""
    folder = OUT / f"release-scale{scale:g}"
    marker = folder / "synthetic-sample.json"
    if not (marker.exists() and json.loads(marker.read_text()).get("complete")):
        subprocess.run([PY, "-m", "helpers.synthetic.sample", "--out", str(folder), "--scale", str(scale),
                        "--quiet"], cwd=ROOT, check=True)
    return folder


def code_of(commit: str) -> Path:
    """The project as it was at `commit`, unpacked beside the results (never a worktree of the repo)."""
    folder = OUT / f"code-{commit}"
    if not (folder / "helpers").exists():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def run_sequence(code: Path, data: Path, scale: float, label: str, only: list[str]) -> dict:
    """The notebooks of `code` on `data` (cache built by a first, unmeasured run), kernel peaks measured."""
    run_dir = OUT / f"run-{label}-scale{scale:g}"
    run_dir.mkdir(parents=True, exist_ok=True)
    params = run_dir / "params.yaml"
    params.write_text(f"data_dir: {json.dumps(str(data))}\nfigures_dir: {json.dumps(str(run_dir / 'figures'))}\n"
                      f"reports_dir: {json.dumps(str(run_dir / 'reports'))}\n"
                      f"cache_dir: {json.dumps(str(OUT / f'cache-{label}'))}\n")
    env = {**os.environ, "PYTHONPATH": str(code), "MPLBACKEND": "Agg"}
    ingest = ("import sys; from helpers.data import ingest; "
              "ingest.ingest_release(sys.argv[1], cache_root=sys.argv[2], progress=False, log=lambda *a: None)")
    subprocess.run([PY, "-c", ingest, str(data), str(OUT / f"cache-{label}")], cwd=code, env=env, check=True)
    cmd = [PY, "-m", "helpers.run.pipeline", "--params", str(params), "--only", *only]
    which = subprocess.run([PY, "-c", "import helpers; print(helpers.__file__)"], cwd=code, env=env,
                           capture_output=True, text=True, check=True).stdout.strip()
    assert which.startswith(str(code)), f"the {label} run would import {which}, not {code}"
    out = run_dir / "pipeline.out"
    rec = procmem.run(cmd, cwd=code, env=env, stdout_path=out, stderr_path=run_dir / "pipeline.err")
    if rec["returncode"]:
        raise SystemExit(f"{label} at scale {scale} failed: see {run_dir / 'pipeline.out'}")
    rows = notebook_table(out.read_text(errors="replace"), rec)
    return {"label": label, "scale": scale, "wall_s": rec["wall_s"], "notebooks": rows,
            "max_process_rss_bytes": rec["max_process_rss_bytes"]}


def table(results: list[dict], scales: list[float]) -> str:
    """Per notebook: kernel peak (GB) per version and scale, and its growth from the first to the last scale."""
    lo, hi = scales[0], scales[-1]
    by = {(r["label"], r["scale"]): {n["notebook"]: n["kernel_peak_rss_bytes"] for n in r["notebooks"]}
          for r in results}
    names = sorted({n for v in by.values() for n in v})
    head = ["notebook"] + [f"{v} {s:g}" for v in ("before", "after") for s in (lo, hi)] + ["growth before",
                                                                                          "growth after"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name in names:
        cells = [name]
        for v in ("before", "after"):
            cells += [f"{by.get((v, s), {}).get(name, 0) / GB:.2f}" for s in (lo, hi)]
        for v in ("before", "after"):
            a, b = by.get((v, lo), {}).get(name), by.get((v, hi), {}).get(name)
            cells.append(f"{(b - a) / GB:+.2f} GB" if a and b else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.engine_memory", description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", required=True, help="commit of the code before the engine")
    ap.add_argument("--scales", nargs=2, type=float, default=[0.05, 0.2])
    ap.add_argument("--only", nargs="*", default=["01", "02", "03", "04", "05", "06", "07"])
    a = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    results = []
    for scale in a.scales:
        data = release(scale)
        for label, code in (("before", code_of(a.before)), ("after", ROOT)):
            print(f"{label} at scale {scale:g} ...", flush=True)
            results.append(run_sequence(code, data, scale, label, a.only))
            (OUT / "results.json").write_text(json.dumps(results, indent=1))
    print(table(results, a.scales))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
