"""Measuring: the benchmark release, and each step run as a watched process tree (wall, CPU, peak memory).

In: a scale and the step's options. Out: one measurement record per run (`procmem` numbers, the files and
code version measured); every process tree is watched by `benchmarks/procmem.py`, Jupyter kernels included.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

from benchmarks import procmem

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
PY = sys.executable
SEED = 20181017
SAMPLE_SCALE = 0.01
GB = 1e9
MB = 1e6
LOGS = BENCH / "logs"  # set per scale in main(): bench/logs/scale<S>/


def log(msg: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {msg}", flush=True)


def fmt_scale(scale: float) -> str:
    return f"{scale:g}"


# ------------------------------------------------------------------------------------------ the release

def generator_version() -> str:
    from helpers.synthetic import sample
    return sample.GENERATOR_VERSION


def ensure_release(scale: float, seed: int = SEED) -> tuple[Path, dict | None]:
    """The release folder for `scale`, generated unless a complete one of the same generator version,
    seed and scale is already there. Returns (folder, generation measurement or None when reused)."""
    folder = BENCH / f"release-scale{fmt_scale(scale)}"
    marker_path = folder / "synthetic-sample.json"
    if marker_path.exists():
        m = json.loads(marker_path.read_text())
        if (m.get("complete") and m.get("generator_version") == generator_version()
                and float(m.get("scale")) == float(scale) and int(m.get("seed")) == seed):
            log(f"reusing the release {folder.relative_to(ROOT)} (generator {m['generator_version']})")
            return folder, None
    log(f"generating the synthetic release at scale {scale} in {folder.relative_to(ROOT)} ...")
    LOGS.mkdir(parents=True, exist_ok=True)
    rec = procmem.run([PY, "-m", "helpers.synthetic.sample", "--out", str(folder), "--scale", str(scale),
                       "--seed", str(seed), "--quiet"], cwd=ROOT, interval=0.5,
                      stdout_path=LOGS / "generate.out", stderr_path=LOGS / "generate.err")
    if rec["returncode"]:
        raise SystemExit(f"generation failed; see {LOGS / 'generate.err'}")
    log(f"  generated in {rec['wall_s']:.0f} s")
    return folder, slim(rec)


def release_files(folder: Path) -> list[dict]:
    marker = json.loads((folder / "synthetic-sample.json").read_text())
    out = []
    for name, info in sorted(marker["files"].items()):
        out.append({"file": name, "bytes": (folder / name).stat().st_size, "rows": info["rows"],
                    "table": "tweets" if "_tweets_" in name else "users"})
    return out


def warm(folder: Path) -> float:
    """Read every file of the release once, so that each measurement starts from the page cache
    (the machine holds the whole release in memory); returns seconds."""
    t0 = time.perf_counter()
    for p in sorted(folder.glob("*.csv")):
        with open(p, "rb") as f:
            while f.read(1 << 24):
                pass
    return time.perf_counter() - t0


# -------------------------------------------------------------------------------------- measurements

def slim(rec: dict, keep_processes: bool = True) -> dict:
    """A procmem record with the fields the report uses (process list kept, command lines trimmed)."""
    out = {k: rec[k] for k in ("wall_s", "returncode", "max_process_rss_bytes", "tree_rss_peak_bytes",
                               "wait4_maxrss_bytes", "cpu_user_s", "cpu_system_s", "samples",
                               "foreign_cpu_s", "loadavg_start", "loadavg_end", "code") if k in rec}
    if keep_processes:
        out["processes"] = [{k: p.get(k) for k in ("pid", "label", "peak_rss_bytes", "cpu_s", "first_seen_s",
                                                   "last_seen_s")} for p in rec["processes"]]
    return out


def code_version() -> str:
    """The commit the measured code was at, '+dirty' when helpers/ or notebooks/ had uncommitted changes
    (the tree is shared: the code can change between two measurements of one run)."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "helpers", "notebooks"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return commit + ("+dirty" if dirty else "")
    except OSError:
        return "?"


def measured(cmd: list[str], name: str, interval: float = 0.2, env: dict | None = None,
             check: bool = True) -> dict:
    """procmem.run with the machine's load around it: CPU seconds used by other processes meanwhile
    (the machine is shared; a busy neighbour slows a run)."""
    logs = LOGS
    before = psutil.cpu_times()
    load0 = os.getloadavg()
    rec = procmem.run(cmd, cwd=ROOT, env=env, interval=interval, stdout_path=logs / f"{name}.out",
                      stderr_path=logs / f"{name}.err")
    after = psutil.cpu_times()
    busy = sum(getattr(after, f) - getattr(before, f) for f in ("user", "nice", "system", "irq", "softirq", "steal"))
    rec["foreign_cpu_s"] = max(0.0, busy - rec["cpu_user_s"] - rec["cpu_system_s"])
    rec["loadavg_start"], rec["loadavg_end"] = load0[0], os.getloadavg()[0]
    rec["code"] = code_version()
    if rec["returncode"] and check:
        err = (logs / f"{name}.err").read_text(errors="replace")[-3000:]
        raise SystemExit(f"{name} failed (exit {rec['returncode']}); {logs / (name + '.err')} ends:\n{err}")
    return rec


def measure_parse(release: Path, runs: int, first: int = 1) -> dict:
    files = [str(p) for p in sorted(release.glob("*_tweets_csv_hashed.csv"))]
    results = []
    for i in range(first - 1, first - 1 + runs):
        rec = measured([PY, "-m", "benchmarks.parse_limit", *files], f"parse-{i + 1}")
        out = json.loads((LOGS / f"parse-{i + 1}.out").read_text().strip().splitlines()[-1])
        rec = slim(rec, keep_processes=False)
        rec["parse_s"] = out["seconds"]          # inside the process: no interpreter start-up
        rec["files"] = out["files"]
        rec["block_bytes"] = out.get("block_bytes")
        results.append(rec)
        log(f"  parse run {i + 1}: {out['seconds']:.1f} s ({out['rows']:,} rows), "
            f"peak {rec['max_process_rss_bytes'] / GB:.2f} GB")
    return {"runs": results}


INGEST_SCRIPT = """
import json, sys, time
from pathlib import Path
from helpers.data.ingest import ingest_release
t0 = time.perf_counter()
m = ingest_release(sys.argv[1], cache_root=Path(sys.argv[2]), progress=False, log=lambda *a: None)
print(json.dumps({"seconds": time.perf_counter() - t0, "files": m["files"]}))
"""


def measure_ingest(release: Path, cache_root: Path, runs: int, first: int = 1) -> dict:
    results = []
    for i in range(first - 1, first - 1 + runs):
        shutil.rmtree(cache_root, ignore_errors=True)
        rec = measured([PY, "-c", INGEST_SCRIPT, str(release), str(cache_root)], f"ingest-{i + 1}")
        out = json.loads((LOGS / f"ingest-{i + 1}.out").read_text().strip().splitlines()[-1])
        rec = slim(rec, keep_processes=False)
        rec["ingest_s"] = out["seconds"]
        rec["files"] = {k: {f: e.get(f) for f in ("parser", "rows_read", "rows_cached", "rows_quarantined",
                                                    "seconds", "cache_bytes", "decompressed_bytes",
                                                    "fast_parser_declined")}
                        for k, e in out["files"].items()}
        results.append(rec)
        log(f"  ingest run {i + 1}: {rec['wall_s']:.1f} s, peak {rec['max_process_rss_bytes'] / GB:.2f} GB, "
            f"parsers {sorted({e['parser'] for e in rec['files'].values()})}")
    return {"runs": results}


def duckdb_once(files: list[Path], out_dir: Path, name: str) -> dict:
    """One run of DuckDB's own CSV-to-Parquet conversion of `files` (benchmarks/duckdb_convert.py) in a fresh
    process, its output removed afterwards: the one definition both `make bench` steps measure."""
    rec = slim(measured([PY, "-m", "benchmarks.duckdb_convert", str(out_dir), *map(str, files)], name),
               keep_processes=False)
    out = json.loads((LOGS / f"{name}.out").read_text().strip().splitlines()[-1])
    rec.update(convert_s=out["seconds"], rows=out["rows"], duckdb=out["duckdb"], threads=out["threads"],
               parquet_bytes=sum(f["parquet_bytes"] for f in out["files"]))
    shutil.rmtree(out_dir, ignore_errors=True)
    log(f"  DuckDB {name}: {rec['wall_s']:.1f} s, peak {rec['max_process_rss_bytes'] / GB:.2f} GB")
    return rec


def measure_duckdb(release: Path, out_dir: Path, runs: int) -> dict:
    """DuckDB's conversion of the files our ingest reads, `runs` times."""
    files = [release / f["file"] for f in release_files(release)]
    return {"runs": [duckdb_once(files, out_dir, f"duckdb-{i + 1}") for i in range(runs)]}


def write_params(run_dir: Path, release: Path, **extra) -> Path:
    """A params file pointing every output of the sequence into bench/ (and any `extra` parameters)."""
    run_dir.mkdir(parents=True, exist_ok=True)
    path = run_dir / "params.yaml"
    path.write_text("# written by benchmarks/run.py: the sequence on the benchmark release, outputs in bench/\n"
                    f"data_dir: {json.dumps(str(release))}\n"
                    f"figures_dir: {json.dumps(str(run_dir / 'figures'))}\n"
                    f"reports_dir: {json.dumps(str(run_dir / 'reports'))}\n"
                    f"cache_dir: {json.dumps(str(run_dir / 'cache'))}\n"
                    + "".join(f"{k}: {json.dumps(v)}\n" for k, v in extra.items()))
    return path


_RUNNING = re.compile(r"^running notebooks/(\S+)\.ipynb")
_DONE = re.compile(r"^\s+done in ([0-9.]+) s")


def notebook_table(stdout: str, rec: dict) -> list[dict]:
    """Per notebook: wall seconds (from the pipeline's log) and its kernel's peak RSS (the i-th kernel
    started belongs to the i-th notebook: papermill runs them one after the other)."""
    rows, current = [], None
    for line in stdout.splitlines():
        if m := _RUNNING.match(line):
            current = m.group(1)
        elif (m := _DONE.match(line)) and current:
            rows.append({"notebook": current, "wall_s": float(m.group(1))})
            current = None
    kernels = [p for p in rec["processes"] if p["label"] == "kernel"]
    for row, k in zip(rows, kernels):
        row["kernel_peak_rss_bytes"] = k["peak_rss_bytes"]
        if k.get("cpu_s") is not None:
            row["kernel_cpu_s"] = k["cpu_s"]
    return rows


# Notebooks the sequence runs (`python -m benchmarks.run --only 01 02 ...`; None: all). Set when one notebook
# cannot run at this scale yet: the report names those left out.
PIPELINE_ONLY: list[str] | None = None


def measure_pipeline(params: Path, name: str, env: dict | None = None) -> dict:
    only = ["--only", *PIPELINE_ONLY] if PIPELINE_ONLY else []
    rec = measured([PY, "-m", "helpers.run.pipeline", "--params", str(params), *only], name, interval=0.2, env=env)
    stdout = (LOGS / f"{name}.out").read_text(errors="replace")
    out = slim(rec)
    out["notebooks"] = notebook_table(stdout, rec)
    out["driver_peak_rss_bytes"] = max((p["peak_rss_bytes"] for p in rec["processes"]
                                        if p["label"] == "helpers.run.pipeline"), default=0)
    return out


def measure_naive(release: Path, out_dir: Path) -> dict:
    shutil.rmtree(out_dir, ignore_errors=True)
    rec = measured([PY, "-m", "benchmarks.naive_baseline", "--release", str(release), "--out", str(out_dir)],
                   "naive", interval=0.25, check=False)
    out = slim(rec)
    try:
        done = json.loads((LOGS / "naive.out").read_text().strip().splitlines()[-1])
    except (IndexError, ValueError):  # killed (out of memory?) before it could say anything
        done = {"notebooks": [], "failed": "?"}
    out["notebooks"] = done["notebooks"]
    if rec["returncode"]:  # recorded, not fatal: a baseline that cannot finish on this machine is a result
        out["failed"] = {"notebook": done.get("failed"), "returncode": rec["returncode"],
                         "stderr_tail": (LOGS / "naive.err").read_text(errors="replace")[-1500:]}
    nb_procs = [p for p in rec["processes"] if p["label"] == "benchmarks.naive_baseline"][1:]
    for row, p in zip(out["notebooks"], nb_procs):
        row["peak_rss_bytes"] = p["peak_rss_bytes"]
    return out


def measure_tables(release: Path, cache_root: Path, out_dir: Path) -> dict:
    """The naive baseline's tables through the project's data path, from an empty cache."""
    shutil.rmtree(cache_root, ignore_errors=True)
    shutil.rmtree(out_dir, ignore_errors=True)
    rec = measured([PY, "-m", "benchmarks.same_tables", "--release", str(release), "--cache", str(cache_root),
                    "--out", str(out_dir)], "tables", interval=0.25)
    out = slim(rec)
    out["notebooks"] = json.loads((LOGS / "tables.out").read_text().strip().splitlines()[-1])["notebooks"]
    procs = [p for p in rec["processes"] if p["label"] == "benchmarks.same_tables"][1:]
    for row, p in zip(out["notebooks"], procs):
        row["peak_rss_bytes"] = p["peak_rss_bytes"]
    return out


def machine() -> dict:
    import numpy
    import pandas
    import pyarrow
    vm = psutil.virtual_memory()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    versions = {"python": platform.python_version(), "pandas": pandas.__version__, "pyarrow": pyarrow.__version__,
                "numpy": numpy.__version__, "psutil": psutil.__version__}
    for mod in ("papermill", "nbclient", "ipykernel", "matplotlib", "tldextract"):
        with contextlib.suppress(Exception):
            versions[mod] = __import__(mod).__version__
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "helpers", "notebooks"], cwd=ROOT,
                               capture_output=True, text=True).stdout.split("\n")
        dirty = [line[3:] for line in dirty if line.strip()]
    except OSError:
        commit, dirty = "?", []
    return {"cores": psutil.cpu_count(logical=True), "physical_cores": psutil.cpu_count(logical=False),
            "cpu": cpu, "memory_bytes": vm.total, "os": platform.platform(), "versions": versions,
            "git_commit": commit, "uncommitted_in_helpers_or_notebooks": dirty,
            "disk_free_bytes": shutil.disk_usage(ROOT).free}
