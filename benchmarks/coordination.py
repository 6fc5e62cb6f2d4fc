"""`make bench` (coordination part): our engine and coordination-network-toolkit side by side, one run.

    python -m benchmarks.coordination [--scale 1.0] [--window 60]

On a synthetic release of the given scale (bench/coordination-scale<S>/, generated when missing), after
ingest: co-retweet + co-tweet + co-link pairs for one window, by
  ours     helpers.coordination (events from the cache, DuckDB windowed self-join, directed weights)
  toolkit  coordination-network-toolkit: load into its SQLite database, then its three computations
each in a fresh process watched by benchmarks/procmem.py (wall time, peak RSS of the process tree).
Both runs produce the same directed pairs (the peer test checks this on small releases); here the pair
counts are compared too. Targets (issue 15): ours <= 60 s and <= 2 GB at scale 1.0, toolkit / ours >= 5.
At scale 1.0 the result goes to BENCHMARKS.md (section "Coordination"), otherwise to
bench/coordination-scale<S>.json only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from benchmarks import procmem

ROOT = Path(__file__).resolve().parents[1]
NETWORKS = ("co_retweet", "co_tweet", "co_link")
TARGETS = {"ours_wall_s": 60.0, "ours_peak_rss_bytes": 2e9, "toolkit_over_ours": 5.0}


def _open(folder: Path):
    from helpers.data import load
    return load.open_release(folder / "release", cache_root=folder / "cache", progress=False, log=lambda *a: None)


def phase_ours(folder: Path, window: int) -> dict:
    from helpers.coordination import events as ev_mod
    from helpers.coordination import pairs
    data = _open(folder)
    acc = ev_mod.accounts_of(data)
    con = pairs.connect()
    return {n: pairs.directed(con, ev_mod.events(data, n, acc).ev, window).num_rows for n in NETWORKS}


def phase_toolkit(folder: Path, window: int) -> dict:
    from helpers.coordination import peer
    db = folder / "toolkit.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    peer.load(_open(folder), db)
    out = {}
    for n in NETWORKS:
        peer.compute(db, n, window, n_threads=2)
        out[n] = len(peer.edges(db, n))
    return out


def _measured(folder: Path, phase: str, window: int) -> dict:
    out = folder / f"{phase}.json"
    rec = procmem.run([sys.executable, "-m", "benchmarks.coordination", "--phase", phase, "--folder", str(folder),
                       "--window", str(window), "--out", str(out)], cwd=ROOT,
                      stdout_path=folder / f"{phase}.log", stderr_path=folder / f"{phase}.err")
    rec["pairs"] = json.loads(out.read_text()) if out.exists() else None
    return rec


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.coordination")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--window", type=int, default=60)
    ap.add_argument("--phase", choices=("ours", "toolkit"))
    ap.add_argument("--folder")
    ap.add_argument("--out")
    a = ap.parse_args(argv)
    if a.phase:
        result = (phase_ours if a.phase == "ours" else phase_toolkit)(Path(a.folder), a.window)
        Path(a.out).write_text(json.dumps(result))
        return 0
    from helpers.data import ingest
    from helpers.data import release as rel
    from helpers.synthetic import sample
    folder = ROOT / "bench" / f"coordination-scale{a.scale:g}"
    marker = rel.read_marker(folder / "release") if (folder / "release").exists() else None
    if not marker or marker.get("generator_version") != sample.GENERATOR_VERSION or marker.get("scale") != a.scale:
        sample.write_sample_release(folder / "release", scale=a.scale, seed=sample.DEFAULT_SEED, progress=True)
    ingest.ingest_release(folder / "release", cache_root=folder / "cache", progress=False, log=lambda *x: None)
    ours = _measured(folder, "ours", a.window)
    theirs = _measured(folder, "toolkit", a.window)
    wall = lambda r: r.get("wall_s") or r.get("wall")  # noqa: E731
    peak = lambda r: r.get("tree_rss_peak_bytes")  # all processes of the run together (the toolkit forks)  # noqa: E731
    rec = {"scale": a.scale, "window_s": a.window, "networks": list(NETWORKS), "ours": ours, "toolkit": theirs,
           "toolkit_over_ours": (wall(theirs) / wall(ours)) if wall(ours) else None,
           "same_pair_counts": ours["pairs"] == theirs["pairs"], "targets": TARGETS,
           "date": time.strftime("%Y-%m-%d")}
    (folder / "result.json").write_text(json.dumps(rec, indent=2, default=str))
    print(json.dumps({k: rec[k] for k in ("scale", "toolkit_over_ours", "same_pair_counts")}),
          "ours", wall(ours), peak(ours), "toolkit", wall(theirs), peak(theirs))
    if a.scale == 1.0:
        _write_section(rec, wall, peak)
    return 0


def _write_section(rec: dict, wall, peak) -> None:
    """Replace (or add) the Coordination section of BENCHMARKS.md."""
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    o, t = rec["ours"], rec["toolkit"]
    section = (
        "<!-- coordination:start -->\n## Coordination (issue 15): ours and coordination-network-toolkit\n\n"
        f"Scale {rec['scale']}, window {rec['window_s']} s, co-retweet + co-tweet + co-link, measured side by side "
        f"in one run on {rec['date']}.\n\n| | wall (s) | peak RSS, whole process tree (GB) | pairs "
        f"|\n|---|---:|---:|---|\n"
        f"| ours (DuckDB) | {wall(o):.1f} | {peak(o) / 1e9:.2f} | {o['pairs']} |\n"
        f"| coordination-network-toolkit | {wall(t):.1f} | {peak(t) / 1e9:.2f} | {t['pairs']} |\n\n"
        f"Toolkit / ours: {rec['toolkit_over_ours']:.1f}x (target >= 5x); ours within 60 s and 2 GB: "
        f"{'yes' if wall(o) <= 60 and peak(o) <= 2e9 else 'NO'}.\n<!-- coordination:end -->\n")
    if "<!-- coordination:start -->" in text:
        text = re.sub(r"<!-- coordination:start -->.*<!-- coordination:end -->\n", section, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
