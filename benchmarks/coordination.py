"""`make bench` (coordination part): our engine and coordination-network-toolkit side by side, one run.

    python -m benchmarks.coordination [--scale 1.0] [--side-by-side 0.02,0.05] [--window 60]

On the synthetic releases of `make bench` (bench/release-scale<S>/, generated when missing or made by another
generator version), each ingested into its own cache (bench/coordination-scale<S>/), after ingest: co-retweet
+ co-tweet + co-link pairs for one window, by
  ours     helpers.coordination (events from the cache, DuckDB windowed self-join, directed weights)
  toolkit  coordination-network-toolkit: load into its SQLite database, then its three computations
each in a fresh process watched by benchmarks/procmem.py (wall time, CPU time, peak RSS of the process
tree), with the machine's load around it (load average, CPU seconds used by other processes meanwhile:
the machine is shared). Both produce the same directed pairs (the peer test checks this on small
releases); here the pair counts are compared too.

Why two kinds of scale: the toolkit took 111 s at scale 0.02, so at full scale (10.2M tweets) it needs
more than an hour, which a shared 2-core machine cannot give one benchmark. Both tools therefore run side
by side at the `--side-by-side` scales; ours also runs at `--scale` (full by default). From two side-by-side
scales the growth of each tool is measured (time ~ scale^b, b from the two points) and the toolkit's time at
`--scale` extrapolated and labelled as such; `--toolkit-at-scale` runs the toolkit there too.
Targets (issue 15): ours <= 60 s and <= 2 GB at scale 1.0, toolkit / ours >= 5 (side by side).
With `--write` (default when --scale is 1.0), the result replaces the "Coordination" section of
BENCHMARKS.md; always written to bench/coordination-result.json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

import psutil

from benchmarks import procmem

ROOT = Path(__file__).resolve().parents[1]
NETWORKS = ("co_retweet", "co_tweet", "co_link")
TARGETS = {"ours_wall_s": 60.0, "ours_peak_rss_bytes": 2e9, "toolkit_over_ours": 5.0}
SIDE_BY_SIDE = (0.02, 0.05)


def _open(folder: Path, release: Path):
    from helpers.data import load
    return load.open_release(release, cache_root=folder / "cache", progress=False, log=lambda *a: None)


def phase_ours(folder: Path, release: Path, window: int) -> dict:
    from helpers.coordination import events as ev_mod
    from helpers.coordination import pairs
    data = _open(folder, release)
    acc = ev_mod.accounts_of(data)
    con = pairs.connect()
    return {n: pairs.directed(con, ev_mod.events(data, n, acc).ev, window).num_rows for n in NETWORKS}


def phase_toolkit(folder: Path, release: Path, window: int) -> dict:
    from helpers.coordination import peer
    db = folder / "toolkit.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    peer.load(_open(folder, release), db)
    out = {}
    for n in NETWORKS:
        peer.compute(db, n, window, n_threads=2)
        out[n] = len(peer.edges(db, n))
    return out


def _measured(folder: Path, release: Path, phase: str, window: int) -> dict:
    """One phase in a fresh process (procmem), with the load around it: CPU seconds of other processes
    meanwhile and the 1-minute load average at start and end (as benchmarks/run.py records them)."""
    out = folder / f"{phase}.json"
    before, load0 = psutil.cpu_times(), os.getloadavg()[0]
    rec = procmem.run([sys.executable, "-m", "benchmarks.coordination", "--phase", phase, "--folder", str(folder),
                       "--release", str(release), "--window", str(window), "--out", str(out)], cwd=ROOT,
                      stdout_path=folder / f"{phase}.log", stderr_path=folder / f"{phase}.err")
    after = psutil.cpu_times()
    busy = sum(getattr(after, f) - getattr(before, f) for f in ("user", "nice", "system", "irq", "softirq", "steal"))
    rec["foreign_cpu_s"] = max(0.0, busy - rec["cpu_user_s"] - rec["cpu_system_s"])
    rec["loadavg_start"], rec["loadavg_end"] = load0, os.getloadavg()[0]
    rec["pairs"] = json.loads(out.read_text()) if out.exists() and rec["returncode"] == 0 else None
    from benchmarks.measure import code_version
    rec["code"] = code_version()
    rec.pop("processes", None)
    return rec


def _release(scale: float) -> tuple[Path, Path, int]:
    """This scale's folder (cache, toolkit database, logs), the synthetic release of the scale, shared with
    the rest of `make bench` (bench/release-scale<S>, made when missing or stale: one 5.6 GB release at
    full scale, not two), ingested into the folder's cache; and its tweet rows."""
    from benchmarks.measure import ensure_release
    from helpers.data import ingest
    folder = ROOT / "bench" / f"coordination-scale{scale:g}"
    release, _ = ensure_release(scale)
    marker = json.loads((release / "synthetic-sample.json").read_text())
    ingest.ingest_release(release, cache_root=folder / "cache", progress=False, log=lambda *x: None)
    rows = sum(f["rows"] for name, f in marker["files"].items() if "tweets" in name)
    return folder, release, rows


def wall(r: dict | None) -> float | None:
    return None if not r else r.get("wall_s")


def cpu(r: dict) -> float:
    return r["cpu_user_s"] + r["cpu_system_s"]


def peak(r: dict) -> int:
    """All processes of the run together (the toolkit forks workers)."""
    return r.get("tree_rss_peak_bytes") or r.get("max_process_rss_bytes") or 0


def growth(points: list[tuple[float, float]]) -> float | None:
    """b in time ~ scale^b, from the smallest and largest of (scale, seconds); None with fewer than two."""
    pts = sorted(p for p in points if p[1])
    if len(pts) < 2 or pts[0][0] == pts[-1][0]:
        return None
    (s1, t1), (s2, t2) = pts[0], pts[-1]
    return math.log(t2 / t1) / math.log(s2 / s1)


def extrapolate(points: list[tuple[float, float]], scale: float) -> float | None:
    """Seconds at `scale` from the largest measured point and the measured growth (never below linear)."""
    b = growth(points)
    if b is None:
        return None
    s2, t2 = max(p for p in points if p[1])
    return t2 * (scale / s2) ** max(b, 1.0)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.coordination")
    ap.add_argument("--scale", type=float, default=1.0, help="scale at which ours runs (the full release: 1.0)")
    ap.add_argument("--side-by-side", default=",".join(f"{s:g}" for s in SIDE_BY_SIDE),
                    help="comma-separated scales at which both tools run")
    ap.add_argument("--toolkit-at-scale", action="store_true", help="run the toolkit at --scale too (hours at 1.0)")
    ap.add_argument("--window", type=int, default=60)
    ap.add_argument("--write", action=argparse.BooleanOptionalAction, default=None,
                    help="write the BENCHMARKS.md section (default: when --scale is 1.0)")
    ap.add_argument("--ours-again", action="store_true",
                    help="measure ours again at --scale (after a change to our code), keeping the toolkit's runs of "
                         "bench/coordination-result.json: hours of the toolkit are not repeated for our change")
    ap.add_argument("--section-only", action="store_true",
                    help="write the BENCHMARKS.md section from bench/coordination-result.json (runs done so far)")
    ap.add_argument("--phase", choices=("ours", "toolkit"))
    ap.add_argument("--folder")
    ap.add_argument("--release")
    ap.add_argument("--out")
    a = ap.parse_args(argv)
    if a.phase:
        result = (phase_ours if a.phase == "ours" else phase_toolkit)(Path(a.folder), Path(a.release), a.window)
        Path(a.out).write_text(json.dumps(result))
        return 0
    out = ROOT / "bench" / "coordination-result.json"
    if a.section_only:
        runs = json.loads(out.read_text())["runs"]
        write_section(summarise(runs, max(r["scale"] for r in runs), runs[0].get("window_s", a.window)))
        return 0
    if a.ours_again:
        res = json.loads(out.read_text())
        runs = res["runs"]
        for rec in (r for r in runs if r["scale"] == a.scale):
            folder, release, _ = _release(a.scale)
            rec.setdefault("ours_superseded", []).append(rec["ours"])
            rec["ours"] = _measured(folder, release, "ours", a.window)
            if "toolkit" in rec:
                rec["same_pair_counts"] = rec["ours"]["pairs"] == rec["toolkit"]["pairs"]
        out.write_text(json.dumps(summarise(runs, res["scale"], res["window_s"]), indent=2, default=str))
        if a.write if a.write is not None else res["scale"] == 1.0:
            write_section(summarise(runs, res["scale"], res["window_s"]))
        return 0
    both = sorted({float(s) for s in a.side_by_side.split(",") if s.strip()})
    runs = []
    for scale in sorted(set(both) | {a.scale}):    # the largest last: the runs so far are kept if it fails
        folder, release, rows = _release(scale)
        rec = {"scale": scale, "tweets": rows, "window_s": a.window,
               "ours": _measured(folder, release, "ours", a.window)}
        if scale in both or a.toolkit_at_scale:
            rec["toolkit"] = _measured(folder, release, "toolkit", a.window)
            rec["same_pair_counts"] = rec["ours"]["pairs"] == rec["toolkit"]["pairs"]
        runs.append(rec)
        print(json.dumps({"scale": scale, "tweets": rows, "ours_s": wall(rec["ours"]),
                          "toolkit_s": wall(rec.get("toolkit"))}), flush=True)
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(summarise(runs, scale, a.window), indent=2, default=str))
    if a.write if a.write is not None else a.scale == 1.0:
        write_section(summarise(runs, a.scale, a.window))
    return 0


def summarise(runs: list[dict], scale: float, window: int) -> dict:
    """The runs, the growth of each tool between the side-by-side scales and the extrapolation to `scale`."""
    ours = [(r["scale"], wall(r["ours"])) for r in runs if "toolkit" in r]
    theirs = [(r["scale"], wall(r["toolkit"])) for r in runs if "toolkit" in r]
    at = next(r for r in runs if r["scale"] == scale)
    return {"window_s": window, "networks": list(NETWORKS), "targets": TARGETS, "date": time.strftime("%Y-%m-%d"),
            "cpu_count": os.cpu_count(), "runs": runs, "scale": scale,
            "growth": {"ours": growth(ours), "toolkit": growth(theirs)},
            "toolkit_at_scale_s": wall(at.get("toolkit")) or extrapolate(theirs, scale),
            "toolkit_at_scale_measured": "toolkit" in at,
            "ours_at_scale_s": wall(at["ours"]), "ours_at_scale_peak_bytes": peak(at["ours"]),
            "at_full_scale_s": {"ours": wall(at["ours"]) if scale == 1.0 else
                                extrapolate([(r["scale"], wall(r["ours"])) for r in runs], 1.0),
                                "toolkit": wall(at.get("toolkit")) if scale == 1.0 else extrapolate(theirs, 1.0)}}


def _load(r: dict) -> str:
    return f"{r['loadavg_start']:.1f} / {r['loadavg_end']:.1f}"


def _table_rows(runs: list[dict]) -> list[str]:
    """One table row per tool and scale (a stopped toolkit run as a lower bound, superseded runs of ours kept)."""
    L: list[str] = []
    for r in runs:
        for tool, name in (("ours", "ours (DuckDB)"), ("toolkit", "toolkit 1.5.2 (SQLite)")):
            m = r.get(tool)
            if not m:
                continue
            p = m["pairs"] or {}
            pairs = (" / ".join(f"{p.get(n, 0):,}" for n in NETWORKS) if p else
                     f"stopped: {m['stopped']}" if m.get("stopped") else "failed")
            at_least = "\u2265 " if m.get("stopped") else ""
            L.append(f"| {r['scale']:g} | {r['tweets']:,} | {name} | {m.get('code', '-')} | {at_least}{wall(m):.1f} | "
                     f"{at_least}{cpu(m):.1f} | {peak(m) / 1e9:.2f} | {_load(m)} | {m['foreign_cpu_s']:.0f} "
                     f"| {pairs} |")
        for m in r.get("ours_superseded", []):
            L.append(f"| {r['scale']:g} | {r['tweets']:,} | ours, superseded (earlier code) | {m.get('code', '-')} | "
                     f"{wall(m):.1f} | {cpu(m):.1f} | {peak(m) / 1e9:.2f} | {_load(m)} | {m['foreign_cpu_s']:.0f} | "
                     "- |")
    return L


def section(res: dict) -> str:
    """The Coordination section of BENCHMARKS.md (markdown, between its markers)."""
    L = ["<!-- coordination:start -->", "## Coordination (issue 15): ours and coordination-network-toolkit", "",
         f"Written by `python -m benchmarks.coordination` (part of `make bench`) on {res['date']}; "
         f"machine-readable: `bench/coordination-result.json`. Co-retweet + co-tweet + co-link directed pairs, "
         f"{res['window_s']} s window, on the synthetic release at each scale (scale 1 = 10.2M tweets), each tool "
         f"in a fresh process after the ingest. The machine ({res['cpu_count']} cores) is shared: the load average "
         "and the CPU seconds other processes used meanwhile are recorded with every run.", "",
         "| scale | tweets | tool | code | wall (s) | CPU (s) | peak RSS, process tree (GB) | load avg start / end "
         "| foreign CPU (s) | directed pairs (retweet / tweet / link) |",
         "|---:|---:|---|---|---:|---:|---:|---|---:|---|"]
    L += _table_rows(res["runs"])
    L.append("")
    for r in res["runs"]:
        if "toolkit" in r and r["toolkit"].get("stopped"):
            L.append(f"- Scale {r['scale']:g}: the toolkit was stopped before it finished ({r['toolkit']['stopped']}): "
                     f"toolkit / ours is at least {wall(r['toolkit']) / wall(r['ours']):.1f}x wall and at least "
                     f"{cpu(r['toolkit']) / cpu(r['ours']):.1f}x CPU (a lower bound, measured); its pairs could not "
                     "be compared here (the peer test and the smaller scales compare them).")
        elif "toolkit" in r:
            L.append(f"- Scale {r['scale']:g}: toolkit / ours = {wall(r['toolkit']) / wall(r['ours']):.1f}x wall, "
                     f"{cpu(r['toolkit']) / cpu(r['ours']):.1f}x CPU; same pair counts: "
                     f"{'yes' if r['same_pair_counts'] else 'NO'}.")
    g = res["growth"]
    if g["toolkit"] is not None:
        L.append(f"- Growth between the side-by-side scales (time ~ scale^b): ours b = {g['ours']:.2f}, toolkit "
                 f"b = {g['toolkit']:.2f}.")
    s, t_o, t_t = res["scale"], res["ours_at_scale_s"], res["toolkit_at_scale_s"]
    stopped = next((r["toolkit"].get("stopped") for r in res["runs"] if r["scale"] == s and "toolkit" in r), None)
    if res["toolkit_at_scale_measured"] and stopped:
        L.append(f"- Scale {s:g}, both measured: ours {t_o:.1f} s; the toolkit more than {t_t:.1f} s (stopped), "
                 f"more than {t_t / t_o:.1f}x.")
    elif res["toolkit_at_scale_measured"]:
        L.append(f"- Scale {s:g}, both measured: ours {t_o:.1f} s, toolkit {t_t:.1f} s ({t_t / t_o:.1f}x).")
    elif t_t:
        L.append(f"- Scale {s:g}: ours measured, {t_o:.1f} s and {res['ours_at_scale_peak_bytes'] / 1e9:.2f} GB. The "
                 f"toolkit was not run there (too long for a shared machine); extrapolated from the largest "
                 f"side-by-side scale with the growth measured above (at least linear): about {t_t / 60:.0f} min, "
                 f"{t_t / t_o:.0f}x ours. An extrapolation from two points, not a measurement.")
    full = res["at_full_scale_s"]
    if s != 1.0 and full["ours"] and full["toolkit"]:
        L.append(f"- Full scale (10.2M tweets), extrapolated the same way, not measured: ours about "
                 f"{full['ours']:.0f} s, "
                 f"the toolkit about {full['toolkit'] / 3600:.1f} h ({full['toolkit'] / full['ours']:.0f}x).")
    cpu_pts = {t: [(r["scale"], cpu(r[t])) for r in res["runs"] if t in r] for t in ("ours", "toolkit")}
    cpu_full = {t: extrapolate(p, 1.0) for t, p in cpu_pts.items()}
    if s != 1.0 and cpu_full["ours"] and cpu_full["toolkit"]:
        L.append(f"- On CPU time (user + system of the process tree: steadier than wall time when the machine is "
                 f"busy), growth ours b = {growth(cpu_pts['ours']):.2f}, toolkit b = {growth(cpu_pts['toolkit']):.2f}; "
                 f"full scale extrapolated (at least linear): ours about {cpu_full['ours']:.0f} CPU s, the toolkit "
                 f"about {cpu_full['toolkit']:.0f} CPU s ({cpu_full['toolkit'] / cpu_full['ours']:.0f}x). Wall "
                 "times above are inflated by the load average (a process got a fraction of a core).")
    ok = t_o <= TARGETS["ours_wall_s"] and res["ours_at_scale_peak_bytes"] <= TARGETS["ours_peak_rss_bytes"]
    ratios = [wall(r["toolkit"]) / wall(r["ours"]) for r in res["runs"] if "toolkit" in r]
    faster = "n/a" if not ratios else "PASS" if min(ratios) >= TARGETS["toolkit_over_ours"] else "MISS"
    if s == 1.0:
        target = (f"ours <= 60 s and <= 2 GB: {'PASS' if ok else 'MISS'} ({t_o:.1f} s, "
                  f"{res['ours_at_scale_peak_bytes'] / 1e9:.2f} GB)")
    else:
        guess = full["ours"]
        target = ("ours <= 60 s and <= 2 GB at full scale: NOT MEASURED (largest scale run: "
                  f"{s:g}, {t_o:.1f} s, {res['ours_at_scale_peak_bytes'] / 1e9:.2f} GB"
                  + (f"; extrapolated {guess:.0f} s" if guess else "") + ")")
    if any("toolkit" in r for r in res["runs"]):
        L.append("- The toolkit's peak memory includes the adapter that feeds it our cache "
                 "(`helpers/coordination/peer.py`: each operation's columns read whole into Arrow, handed over 200,000 "
                 "rows at a time): at full scale that is several GB of the peak shown; memory is not compared here. "
                 "Where other processes used the machine meanwhile (foreign CPU), wall times are inflated and the CPU "
                 "ratio is the conservative one.")
    L += [f"- Targets: {target}; toolkit / ours >= 5x side by side: {faster}.", "<!-- coordination:end -->", ""]
    return "\n".join(L)


def write_section(res: dict) -> None:
    """Replace (or add) the Coordination section of BENCHMARKS.md."""
    from benchmarks.report import replace_section
    replace_section(ROOT / "BENCHMARKS.md", "coordination", section(res))


if __name__ == "__main__":
    sys.exit(main())
