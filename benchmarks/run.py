"""`make bench`: full-scale benchmark of ingest and the notebook sequence against the targets of issue 6.

    python -m benchmarks.run [--scale 1.0] [--parse-runs 3] [--ingest-runs 3] [--cached-runs 2]
                             [--skip naive,first,...]

On one generated synthetic release (helpers.synthetic.sample, reused between runs when its marker shows the same
generator version, seed and scale), in one run:
  parse    pyarrow's CSV reader alone over the tweets files: the floor for any ingest
  ingest   helpers.data.ingest.ingest_release from an empty cache: wall time, MB/s, rows/s, peak RSS
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
from benchmarks.report import render
from benchmarks.summarise import summarize

# ------------------------------------------------------------------------------------------------ main

STEPS = ("parse", "ingest", "cached", "first", "naive", "tables", "sample")


def main(argv: list[str] | None = None) -> int:  # noqa: C901 (one branch per figure)
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
    ap.add_argument("--report-only", action="store_true",
                    help="rewrite the report from the results file (after editing benchmarks/findings.md)")
    args = ap.parse_args(argv)
    skip = {x.strip() for x in args.skip.split(",") if x.strip()}
    if skip - set(STEPS):
        ap.error(f"unknown step(s) {', '.join(sorted(skip - set(STEPS)))}")
    full = args.scale == 1.0
    results_file = (ROOT / "benchmarks" / "results.json" if full
                    else BENCH / f"results-scale{fmt_scale(args.scale)}.json")
    report_file = ROOT / "BENCHMARKS.md" if full else BENCH / f"BENCHMARKS-scale{fmt_scale(args.scale)}.md"
    findings_file = ROOT / "benchmarks" / "findings.md"
    findings = findings_file.read_text() if findings_file.exists() and full else ""
    if args.report_only:
        res = json.loads(results_file.read_text())
        report_file.write_text(render(res, findings))
        log(f"wrote {report_file.relative_to(ROOT)}")
        return 0

    measure.LOGS = BENCH / "logs" / f"scale{fmt_scale(args.scale)}"  # every measurement logs there
    measure.LOGS.mkdir(parents=True, exist_ok=True)
    res: dict = {"started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                 "results_file": str(results_file.relative_to(ROOT)), "machine": machine(), "measurements": {}}
    earlier: dict = {}
    if args.resume and results_file.exists():
        old = json.loads(results_file.read_text())
        earlier = old.get("measurements", {})
        res["measurements"] = dict(earlier)
        res["started"] = old.get("started", res["started"])
        res["resumed"] = old.get("resumed", []) + [dt.datetime.now(dt.UTC).isoformat(timespec="seconds")]
        for step in [x.strip() for x in args.fresh.split(",") if x.strip()]:
            if step in earlier:  # noqa: SIM102
                res["measurements"].setdefault("superseded", {}).setdefault(step, []).append(earlier[step])
                res["measurements"].pop(step)
                earlier = {k: v for k, v in earlier.items() if k != step}
    release, generation = ensure_release(args.scale)
    res["input"] = {"scale": args.scale, "seed": SEED, "generator_version": generator_version(),
                    "release_dir": str(release.relative_to(ROOT)), "files": release_files(release),
                    "generation": generation}
    run_dir = BENCH / f"run-scale{fmt_scale(args.scale)}"
    cache_root = run_dir / "cache"
    params = write_params(run_dir, release)
    m = res["measurements"]

    def save():
        res["summary"] = summarize(res)
        res["finished"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        results_file.write_text(json.dumps(res, indent=1) + "\n")
        report_file.write_text(render(res, findings))

    if "parse" not in skip:
        log(f"warm page cache ({warm(release):.0f} s); parse limit x{args.parse_runs} ...")
        m["parse"] = measure_parse(release, args.parse_runs, 1 + len(earlier.get("parse", {}).get("runs", [])))
        m["parse"]["runs"] = earlier.get("parse", {}).get("runs", []) + m["parse"]["runs"]
        save()
    if "ingest" not in skip:
        log(f"warm page cache ({warm(release):.0f} s); ingest x{args.ingest_runs} ...")
        m["ingest"] = measure_ingest(release, cache_root, args.ingest_runs,
                                     1 + len(earlier.get("ingest", {}).get("runs", [])))
        m["ingest"]["runs"] = earlier.get("ingest", {}).get("runs", []) + m["ingest"]["runs"]
        save()
    if "cached" not in skip:
        if not (cache_root.exists() and any(cache_root.iterdir())):
            log("building the cache for the cached reruns ...")
            subprocess.run([PY, "-c", INGEST_SCRIPT, str(release), str(cache_root)], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
        runs = list(earlier.get("cached", {}).get("runs", []))
        for i in range(args.cached_runs):
            log(f"warm page cache ({warm(release):.0f} s); make reproduce with the cache built, run {i + 1} ...")
            rec = measure_pipeline(params, f"cached-{len(runs) + 1}")
            runs.append(rec)
            log(f"  {rec['wall_s']:.0f} s, largest process {rec['max_process_rss_bytes'] / GB:.2f} GB")
            m["cached"] = {"runs": runs}
            save()
    if "first" not in skip:
        shutil.rmtree(cache_root, ignore_errors=True)
        log(f"warm page cache ({warm(release):.0f} s); make reproduce from an empty cache ...")
        m["first"] = measure_pipeline(params, "first")
        log(f"  {m['first']['wall_s']:.0f} s, largest process {m['first']['max_process_rss_bytes'] / GB:.2f} GB")
        save()
    if "naive" not in skip:
        log(f"warm page cache ({warm(release):.0f} s); naive baseline ...")
        m["naive"] = measure_naive(release, run_dir / "naive-tables")
        log(f"  {m['naive']['wall_s']:.0f} s, largest process {m['naive']['max_process_rss_bytes'] / GB:.2f} GB")
        save()
    if "tables" not in skip:
        log(f"warm page cache ({warm(release):.0f} s); the naive baseline's tables the project's way ...")
        m["tables"] = measure_tables(release, run_dir / "cache-tables", run_dir / "same-tables")
        shutil.rmtree(run_dir / "cache-tables", ignore_errors=True)
        log(f"  {m['tables']['wall_s']:.0f} s, largest process {m['tables']['max_process_rss_bytes'] / GB:.2f} GB")
        save()
    if "sample" not in skip:
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
        m["sample"] = {"generate": slim(gen, keep_processes=False), "first": first, "cached": cached}
        log(f"  generate {gen['wall_s']:.0f} s + reproduce {first['wall_s']:.0f} s; cached {cached['wall_s']:.0f} s")
        save()
    save()
    log(f"wrote {report_file.relative_to(ROOT)} and {results_file.relative_to(ROOT)}")
    for c in res["summary"]["checks"]:
        log(f"  {'PASS' if c['pass'] else 'MISS'}  {c['target']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
