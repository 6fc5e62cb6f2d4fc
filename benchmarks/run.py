"""`make bench`: full-scale benchmark of ingest and the notebook sequence against the targets of issue 6.

    python -m benchmarks.run [--scale 1.0] [--parse-runs 3] [--ingest-runs 3] [--cached-runs 2]
                             [--skip naive,first,...]

On one generated synthetic release (helpers.synthetic.sample, reused between runs when its marker shows the same
generator version, seed and scale), in one run:
  parse    pyarrow's CSV reader alone over the tweets files: the floor for any ingest
  ingest   helpers.data.ingest.ingest_release from an empty cache: wall time, MB/s, rows/s, peak RSS
  duckdb   DuckDB's own CSV-to-Parquet conversion of the same files (benchmarks/duckdb_convert.py): the peer
  cached   `make reproduce` (helpers.run.pipeline) with the cache built: wall, peak RSS of every process
  first    the same from an empty cache
  naive    benchmarks/naive_baseline.py: pd.read_csv of every whole tweets CSV in every notebook
  tables   benchmarks/same_tables.py: the naive baseline's tables through the project's data path
  sample   the default sample (scale 0.01) as on a fresh clone: generate it, then reproduce
Every process tree is watched by benchmarks/procmem.py (Jupyter kernels included).

Everything generated goes under bench/ (git-ignored): the release, the cache, figures and reports of the
benchmark runs, logs. At scale 1.0 the results are written to BENCHMARKS.md and benchmarks/results.json;
at other scales to bench/BENCHMARKS-scale<S>.md and bench/results-scale<S>.json (a quick look).

The parts: `measure` (the release, each step as a watched process tree), `summarise` (medians, ratios, the
targets checked), `report` (BENCHMARKS.md from `findings.md`); this module runs the steps in order (`STEPS`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import measure
from benchmarks.measure import (
    BENCH,
    GB,
    INGEST_SCRIPT,
    PY,
    ROOT,
    SAMPLE_SCALE,
    SEED,
    ensure_release,
    fmt_scale,
    generator_version,
    log,
    machine,
    measure_duckdb,
    measure_ingest,
    measure_naive,
    measure_parse,
    measure_pipeline,
    measure_tables,
    measured,
    release_files,
    slim,
    warm,
    write_params,
)
from benchmarks.report import render, with_sections
from benchmarks.summarise import summarize

# ------------------------------------------------------------------------------------------------ steps

@dataclass
class Run:
    """What every step reads and writes: the options, the release and folders, the measurements so far (`m`),
    the earlier ones (`--resume`), and `save` (results file and report rewritten after each step)."""

    args: argparse.Namespace
    release: Path
    run_dir: Path
    params: Path
    earlier: dict
    m: dict
    save: Callable[[], None] = field(repr=False)

    @property
    def cache_root(self) -> Path:
        return self.run_dir / "cache"


def step_parse(r: Run) -> None:
    """pyarrow's CSV reader alone over the tweets files (runs appended with --resume)."""
    log(f"warm page cache ({warm(r.release):.0f} s); parse limit x{r.args.parse_runs} ...")
    earlier = r.earlier.get("parse", {}).get("runs", [])
    r.m["parse"] = measure_parse(r.release, r.args.parse_runs, 1 + len(earlier))
    r.m["parse"]["runs"] = earlier + r.m["parse"]["runs"]


def step_ingest(r: Run) -> None:
    """The ingest from an empty cache (runs appended with --resume)."""
    log(f"warm page cache ({warm(r.release):.0f} s); ingest x{r.args.ingest_runs} ...")
    earlier = r.earlier.get("ingest", {}).get("runs", [])
    r.m["ingest"] = measure_ingest(r.release, r.cache_root, r.args.ingest_runs, 1 + len(earlier))
    r.m["ingest"]["runs"] = earlier + r.m["ingest"]["runs"]


def step_duckdb(r: Run) -> None:
    """DuckDB's own CSV-to-Parquet conversion of the same files: the peer our ingest should keep ahead of."""
    log(f"warm page cache ({warm(r.release):.0f} s); DuckDB's CSV-to-Parquet conversion x{r.args.ingest_runs} ...")
    r.m["duckdb"] = measure_duckdb(r.release, r.run_dir / "duckdb-parquet", r.args.ingest_runs)


def step_cached(r: Run) -> None:
    """`make reproduce` with the cache built (built first if missing), saved after every run."""
    if not (r.cache_root.exists() and any(r.cache_root.iterdir())):
        log("building the cache for the cached reruns ...")
        subprocess.run([PY, "-c", INGEST_SCRIPT, str(r.release), str(r.cache_root)], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    runs = list(r.earlier.get("cached", {}).get("runs", []))
    for i in range(r.args.cached_runs):
        log(f"warm page cache ({warm(r.release):.0f} s); make reproduce with the cache built, run {i + 1} ...")
        rec = measure_pipeline(r.params, f"cached-{len(runs) + 1}")
        runs.append(rec)
        log(f"  {rec['wall_s']:.0f} s, largest process {rec['max_process_rss_bytes'] / GB:.2f} GB")
        r.m["cached"] = {"runs": runs}
        r.save()


def step_first(r: Run) -> None:
    """`make reproduce` from an empty cache."""
    shutil.rmtree(r.cache_root, ignore_errors=True)
    log(f"warm page cache ({warm(r.release):.0f} s); make reproduce from an empty cache ...")
    r.m["first"] = measure_pipeline(r.params, "first")
    log(f"  {r.m['first']['wall_s']:.0f} s, largest process {r.m['first']['max_process_rss_bytes'] / GB:.2f} GB")


def step_naive(r: Run) -> None:
    """The naive baseline: pd.read_csv of every whole tweets CSV in every notebook."""
    log(f"warm page cache ({warm(r.release):.0f} s); naive baseline ...")
    r.m["naive"] = measure_naive(r.release, r.run_dir / "naive-tables")
    log(f"  {r.m['naive']['wall_s']:.0f} s, largest process {r.m['naive']['max_process_rss_bytes'] / GB:.2f} GB")


def step_tables(r: Run) -> None:
    """The naive baseline's tables through the project's data path."""
    log(f"warm page cache ({warm(r.release):.0f} s); the naive baseline's tables the project's way ...")
    r.m["tables"] = measure_tables(r.release, r.run_dir / "cache-tables", r.run_dir / "same-tables")
    shutil.rmtree(r.run_dir / "cache-tables", ignore_errors=True)
    log(f"  {r.m['tables']['wall_s']:.0f} s, largest process {r.m['tables']['max_process_rss_bytes'] / GB:.2f} GB")


def step_sample(r: Run) -> None:
    """The default sample as on a fresh clone: generate it, reproduce from an empty cache, then cached."""
    sample_dir = BENCH / f"release-sample{fmt_scale(SAMPLE_SCALE)}"
    shutil.rmtree(sample_dir, ignore_errors=True)
    log("default sample as on a fresh clone: generate, reproduce from an empty cache, then cached ...")
    gen = measured([PY, "-m", "helpers.synthetic.sample", "--out", str(sample_dir), "--scale", str(SAMPLE_SCALE),
                    "--seed", str(SEED), "--quiet"], "sample-generate")
    sample_run = BENCH / f"run-sample{fmt_scale(SAMPLE_SCALE)}"
    shutil.rmtree(sample_run, ignore_errors=True)
    sp = write_params(sample_run, sample_dir)
    first = measure_pipeline(sp, "sample-first")
    cached = measure_pipeline(sp, "sample-cached")
    r.m["sample"] = {"generate": slim(gen, keep_processes=False), "first": first, "cached": cached}
    log(f"  generate {gen['wall_s']:.0f} s + reproduce {first['wall_s']:.0f} s; cached {cached['wall_s']:.0f} s")


# The steps in the order they run; each one's results are saved when it ends. A new benchmark is a function of
# a `Run` (in its own module) registered here under the name `--skip` and the results file use.
STEPS: dict[str, Callable[[Run], None]] = {
    "parse": step_parse, "ingest": step_ingest, "duckdb": step_duckdb, "cached": step_cached, "first": step_first,
    "naive": step_naive, "tables": step_tables, "sample": step_sample,
}


# ------------------------------------------------------------------------------------------------ main

def _arguments(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--parse-runs", type=int, default=3)
    ap.add_argument("--ingest-runs", type=int, default=3)
    ap.add_argument("--cached-runs", type=int, default=2)
    ap.add_argument("--skip", default="", help=f"comma-separated steps to leave out ({', '.join(STEPS)})")
    ap.add_argument("--resume", action="store_true",
                    help="keep the measurements of the results file and add this run's (repeated runs of a "
                         "step are appended: parse, ingest, cached; one-off steps are replaced)")
    ap.add_argument("--fresh", default="",
                    help="with --resume: steps whose earlier runs are set aside (kept under 'superseded' in the "
                         "results file, e.g. after the code they measured changed) and measured anew")
    ap.add_argument("--only", nargs="*", default=None,
                    help="run only the notebooks whose names start with these (the report names those left out)")
    ap.add_argument("--report-only", action="store_true",
                    help="rewrite the report from the results file (after editing benchmarks/findings.md)")
    args = ap.parse_args(argv)
    args.skip = {x.strip() for x in args.skip.split(",") if x.strip()}
    if args.skip - set(STEPS):
        ap.error(f"unknown step(s) {', '.join(sorted(args.skip - set(STEPS)))}")
    return args


def _resumed(res: dict, results_file: Path, fresh: str) -> dict:
    """With --resume: the earlier measurements kept in `res` (those of `fresh` steps set aside); returns them."""
    old = json.loads(results_file.read_text())
    earlier = old.get("measurements", {})
    res["measurements"] = dict(earlier)
    res["started"] = old.get("started", res["started"])
    res["resumed"] = old.get("resumed", []) + [dt.datetime.now(dt.UTC).isoformat(timespec="seconds")]
    for step in [x.strip() for x in fresh.split(",") if x.strip()]:
        if step in earlier:
            res["measurements"].setdefault("superseded", {}).setdefault(step, []).append(earlier[step])
            res["measurements"].pop(step)
            earlier = {k: v for k, v in earlier.items() if k != step}
    return earlier


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    full = args.scale == 1.0
    results_file = (ROOT / "benchmarks" / "results.json" if full
                    else BENCH / f"results-scale{fmt_scale(args.scale)}.json")
    report_file = ROOT / "BENCHMARKS.md" if full else BENCH / f"BENCHMARKS-scale{fmt_scale(args.scale)}.md"
    findings_file = ROOT / "benchmarks" / "findings.md"
    findings = findings_file.read_text() if findings_file.exists() and full else ""
    def write_report(res: dict) -> None:
        old = report_file.read_text(encoding="utf-8") if report_file.exists() else ""
        report_file.write_text(with_sections(render(res, findings), old), encoding="utf-8")

    if args.report_only:
        res = json.loads(results_file.read_text())
        res["summary"] = summarize(res)   # the checks of today's targets, on the stored measurements
        write_report(res)
        log(f"wrote {report_file.relative_to(ROOT)}")
        return 0

    measure.LOGS = BENCH / "logs" / f"scale{fmt_scale(args.scale)}"  # every measurement logs there
    measure.LOGS.mkdir(parents=True, exist_ok=True)
    res: dict = {"started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                 "results_file": str(results_file.relative_to(ROOT)), "machine": machine(), "measurements": {}}
    earlier = _resumed(res, results_file, args.fresh) if args.resume and results_file.exists() else {}
    measure.PIPELINE_ONLY = args.only
    release, generation = ensure_release(args.scale)
    res["input"] = {"scale": args.scale, "seed": SEED, "generator_version": generator_version(),
                    "release_dir": str(release.relative_to(ROOT)), "files": release_files(release),
                    "generation": generation, "notebooks_only": args.only}
    run_dir = BENCH / f"run-scale{fmt_scale(args.scale)}"

    def save():
        res["summary"] = summarize(res)
        res["finished"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        results_file.write_text(json.dumps(res, indent=1) + "\n")
        write_report(res)

    run = Run(args, release, run_dir, write_params(run_dir, release), earlier, res["measurements"], save)
    for name, step in STEPS.items():
        if name not in args.skip:
            step(run)
            save()
    save()
    log(f"wrote {report_file.relative_to(ROOT)} and {results_file.relative_to(ROOT)}")
    for c in res["summary"]["checks"]:
        log(f"  {'PASS' if c['pass'] else 'MISS'}  {c['target']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
