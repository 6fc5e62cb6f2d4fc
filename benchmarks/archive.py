"""`make bench ARCHIVE=1`: the synthetic archive of all 48 datasets (issue 16), ingest and sequence measured.

    python -m benchmarks.archive --tweets 50e6 [--also 10e6] [--skip parse,duckdb] [--write]

For each size (the `--also` sizes first, then `--tweets`), one after the other:
  disk     free space checked first, for every size at once: bytes per tweet of a small generated archive
           (bench/archive-probe) x tweets for the CSV (unless reused), x CACHE_SHARE for our Parquet cache
           and x DUCKDB_SHARE for DuckDB's (both removed after the size is measured); refused with what it needs
  archive  `python -m helpers.synthetic.archive --ops all --scale <tweets / published tweets>` into
           bench/archive-<size>/, reused when its marker shows the same generator version, seed and scale
  parse    the parse limit: pyarrow's CSV reader alone (benchmarks/parse_limit.py) over every tweets file;
           the zipped ones are extracted first (their decompression is not in the parse limit; ingest does it)
  ingest   helpers.data.ingest.ingest_release into an empty cache (wall, CPU, peak RSS; benchmarks/measure.py)
  duckdb   DuckDB's own CSV-to-Parquet conversion of the same tweets files (the zips extracted), in a fresh
           process (benchmarks/duckdb_convert.py, one Parquet file per CSV, every column as text)
  sequence helpers.run.pipeline with the cache built (params written by measure.write_params), peak of any process
Every step runs as a process tree watched by benchmarks/procmem.py. Results: bench/archive-result.json, and the
"Synthetic archive" section of BENCHMARKS.md (between `<!-- archive:start -->` and `<!-- archive:end -->`) with
`--write` (default when --tweets is at least 50 million); else bench/BENCHMARKS-archive.md.
Targets (issue 16), each PASS, MISS or NOT MEASURED: ingest <= 2x the parse limit and <= 2 GB; the sequence
<= 10 min with no process above 4 GB; the largest process at 50M <= 1.3x the one at 10M; ingest vs DuckDB
<= 1x its time and memory ("keep ahead"). Below 45 million tweets the targets are NOT MEASURED (the values
at the size measured are shown beside them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import sys
import zipfile
from pathlib import Path

from benchmarks import measure
from benchmarks.measure import BENCH, GB, PY, ROOT, SEED, log, machine, measured, slim

STEPS = ("parse", "ingest", "duckdb", "sequence")
CACHE_SHARE = 0.4        # our Parquet cache, as a share of the CSV bytes (about 0.3 measured; margin)
DUCKDB_SHARE = 0.4       # DuckDB's Parquet output of the tweets, the same
PROBE_SCALE = 2e-4       # the archive measured for bytes per tweet: about 43,000 tweets
TARGET_TWEETS = 50e6     # the size issue 16's targets are about; below TARGET_SHARE of it they are not measured
TARGET_SHARE = 0.9
TARGETS = {"ingest_over_parse": 2.0, "ingest_peak_bytes": 2e9, "sequence_wall_s": 600.0,
           "sequence_peak_bytes": 4e9, "growth_50m_over_10m": 1.3, "ingest_over_duckdb": 1.0}
SECTION = ("<!-- archive:start -->", "<!-- archive:end -->")
# The sequence's parameters besides the paths. A cap on popular objects (`helpers/coordination/popular.py`), set
# as a user running all 48 datasets would set it; the report says what it left out. Until generator 3.1.0 the
# archive drew every dataset's hashtags from seven shared ones, uniformly: within an hour nearly every two accounts
# of a dataset shared one (3.2 million co-hashtag pairs at 10 million tweets, notebook 10 1,570 s; BENCHMARKS.md
# findings section 6). Since 3.1.0 they are heavy-tailed over each dataset's own vocabulary, as in real files.
SEQUENCE_PARAMS = {"coordination_max_accounts": 100}


# ------------------------------------------------------------------------------------------ sizes and disk

def published_tweets() -> int:
    """Tweets of the 48 datasets as published (helpers/data/catalog.csv)."""
    from helpers.data import catalog
    return sum(d.tweets or 0 for d in catalog.datasets())


def label(tweets: float) -> str:
    """A folder-friendly size: 50M, 2.5M, 200k."""
    if tweets >= 1e6:
        return f"{tweets / 1e6:g}M"
    return f"{tweets / 1e3:g}k"


def archive_dir(tweets: float) -> Path:
    return BENCH / f"archive-{label(tweets)}"


def tweets_bytes(folder: Path) -> tuple[int, int]:
    """(bytes of the tweets CSVs as the parser reads them, zip members uncompressed; tweets) of an archive."""
    marker = json.loads((folder / "synthetic-sample.json").read_text())
    size = rows = 0
    for info in marker["ops"].values():
        for path, f in info["files"].items():
            if f["table"] != "tweets":
                continue
            rows += f["rows"]
            if f.get("member"):
                with zipfile.ZipFile(folder / path) as zf:
                    size += zf.getinfo(f["member"]).file_size
            else:
                size += (folder / path).stat().st_size
    return size, rows


def archive_bytes(folder: Path) -> int:
    """Bytes on disk of every file of an archive folder."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def disk_plan(bytes_per_tweet: float, sizes: list[float], reused: dict[float, bool], free: int) -> dict:
    """What the run needs on disk: every archive not reused (kept for the next run), plus, for the largest
    size, our cache and DuckDB's Parquet (removed after each size). `ok` when `free` covers it."""
    csv = {s: int(bytes_per_tweet * s) for s in sizes}
    archives = sum(b for s, b in csv.items() if not reused.get(s))
    scratch = int(max(csv.values()) * (CACHE_SHARE + DUCKDB_SHARE))
    need = archives + scratch
    return {"bytes_per_tweet": bytes_per_tweet, "csv_bytes": {label(s): b for s, b in csv.items()},
            "archives_to_write_bytes": archives, "cache_and_duckdb_bytes": scratch, "need_bytes": need,
            "free_bytes": free, "ok": free >= need}


def refusal(plan: dict, where: Path) -> str:
    """The message when the disk is too small: what the run needs, what is free, what to do."""
    return (f"not enough free disk on {where}: the archive benchmark needs about {plan['need_bytes'] / GB:.1f} GB "
            f"({plan['archives_to_write_bytes'] / GB:.1f} GB of CSV for the archives not yet generated, "
            f"{plan['cache_and_duckdb_bytes'] / GB:.1f} GB for the Parquet cache and DuckDB's output of the largest; "
            f"{plan['bytes_per_tweet']:.0f} bytes per tweet), {plan['free_bytes'] / GB:.1f} GB are free. Free some "
            "space (`make clean` removes bench/) or measure fewer tweets (--tweets, --also).")


def probe_bytes_per_tweet() -> float:
    """Bytes per tweet of the tweets files of a small archive generated for the purpose (reused)."""
    folder = BENCH / "archive-probe"
    if not _reusable(folder, PROBE_SCALE):
        _generate(folder, PROBE_SCALE, "probe")
    size, rows = tweets_bytes(folder)
    return size / rows


# ------------------------------------------------------------------------------------------ the archive

def _reusable(folder: Path, scale: float) -> bool:
    from helpers.synthetic import archive
    marker = folder / "synthetic-sample.json"
    if not marker.exists():
        return False
    m = json.loads(marker.read_text())
    return bool(m.get("complete") and m.get("generator_version") == archive.GENERATOR_VERSION
                and m.get("scale") is not None and float(m["scale"]) == float(scale) and int(m.get("seed")) == SEED)


def _generate(folder: Path, scale: float, name: str) -> dict:
    rec = measured([PY, "-m", "helpers.synthetic.archive", "--out", str(folder), "--ops", "all", "--scale",
                    repr(scale), "--seed", str(SEED)], f"generate-{name}", interval=0.5)
    return slim(rec, keep_processes=False)


def ensure_archive(tweets: float) -> tuple[Path, dict | None]:
    """The archive of about `tweets` tweets, generated unless a complete one of the same generator
    version, seed and scale is there. Returns (folder, generation measurement or None when reused)."""
    folder, scale = archive_dir(tweets), tweets / published_tweets()
    if _reusable(folder, scale):
        log(f"reusing {folder.relative_to(ROOT)}")
        return folder, None
    log(f"generating {folder.relative_to(ROOT)} (scale {scale:.6g}) ...")
    rec = _generate(folder, scale, label(tweets))
    log(f"  generated in {rec['wall_s']:.0f} s, peak {rec['max_process_rss_bytes'] / GB:.2f} GB")
    return folder, rec


def tweets_files(folder: Path, unzip_to: Path) -> list[Path]:
    """Every tweets CSV of an archive, the zip members extracted into `unzip_to` (for the parse limit and
    DuckDB, which read plain files)."""
    marker = json.loads((folder / "synthetic-sample.json").read_text())
    out = []
    for info in marker["ops"].values():
        for path, f in info["files"].items():
            if f["table"] != "tweets":
                continue
            if f.get("member"):
                unzip_to.mkdir(parents=True, exist_ok=True)
                with zipfile.ZipFile(folder / path) as zf:
                    out.append(Path(zf.extract(f["member"], unzip_to / Path(path).stem)))
            else:
                out.append(folder / path)
    return out


# ------------------------------------------------------------------------------------------ steps

def _last_json(name: str) -> dict:
    return json.loads((measure.LOGS / f"{name}.out").read_text().strip().splitlines()[-1])


def measure_parse(files: list[Path]) -> dict:
    rec = slim(measured([PY, "-m", "benchmarks.parse_limit", *map(str, files)], "parse"), keep_processes=False)
    out = _last_json("parse")
    rec.update(parse_s=out["seconds"], rows=out["rows"], bytes=out["bytes"])
    return rec


def measure_size(tweets: float, skip: set[str], keep_cache: bool, save=lambda partial: None,
                 only: list[str] | None = None) -> dict:
    """Every step at one size; the cache and DuckDB's output removed at the end (the archive is kept).
    `save` gets the results so far after each step (a run stopped in a long step keeps the steps before it)."""
    measure.LOGS = BENCH / "logs" / f"archive-{label(tweets)}"
    measure.LOGS.mkdir(parents=True, exist_ok=True)
    folder, generation = ensure_archive(tweets)
    run_dir = BENCH / f"archive-run-{label(tweets)}"
    size, rows = tweets_bytes(folder)
    res = {"tweets": rows, "target_tweets": tweets, "scale": tweets / published_tweets(), "tweets_bytes": size,
           "archive_bytes": archive_bytes(folder), "archive_dir": str(folder.relative_to(ROOT)),
           "generation": generation}
    files = tweets_files(folder, run_dir / "unzipped")
    res["tweets_files"] = len(files)
    if "parse" not in skip:
        log(f"parse limit over {len(files)} tweets files ...")
        res["parse"] = measure_parse(files)
        log(f"  {res['parse']['parse_s']:.1f} s")
        save(res)
    cache = run_dir / "cache"
    if "ingest" not in skip or "sequence" not in skip:
        log("ingest into an empty cache ...")
        res["ingest"] = measure.measure_ingest(folder, cache, 1)["runs"][0]
        res["ingest"]["cache_bytes"] = archive_bytes(cache)
        log(f"  {res['ingest']['ingest_s']:.1f} s, peak {res['ingest']['max_process_rss_bytes'] / GB:.2f} GB")
        save(res)
    if "duckdb" not in skip:
        log("DuckDB's CSV-to-Parquet conversion of the same files ...")
        res["duckdb"] = measure.duckdb_once(files, run_dir / "duckdb-parquet", "duckdb")
        save(res)
    if "sequence" not in skip:
        log("the whole sequence with the cache built ...")
        res["sequence_started"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        save(res)
        res["sequence_params"] = SEQUENCE_PARAMS
        if only:
            res["sequence_only"] = list(only)
        measure.PIPELINE_ONLY = list(only) if only else None
        res["sequence"] = measure.measure_pipeline(measure.write_params(run_dir, folder, **SEQUENCE_PARAMS), "sequence")
        log(f"  {res['sequence']['wall_s']:.0f} s, largest process "
            f"{res['sequence']['max_process_rss_bytes'] / GB:.2f} GB")
    shutil.rmtree(run_dir / "unzipped", ignore_errors=True)
    if not keep_cache:
        shutil.rmtree(cache, ignore_errors=True)
    return res


# ------------------------------------------------------------------------------------------ targets and report

def ratio(a: float | None, b: float | None) -> float | None:
    """a / b, or None when either was not measured."""
    return a / b if a is not None and b else None


def _gb(value: float | None) -> float | None:
    return None if value is None else value / GB


def _verdict(value: float | None, limit: float, at_target: bool) -> str:
    if value is None:
        return "NOT MEASURED"
    if not at_target:
        return f"NOT MEASURED (at this size it would {'PASS' if value <= limit else 'MISS'})"
    return "PASS" if value <= limit else "MISS"


def _get(d: dict | None, *keys):
    for k in keys:
        if d is None:
            return None
        d = d.get(k)
    return d


def targets(res: dict) -> list[dict]:
    """Issue 16's targets on the main size (and the growth from the smaller one): the values measured,
    the limits, the verdicts."""
    main = res["sizes"].get(res["main"], {})
    at_target = (main.get("tweets") or 0) >= TARGET_SHARE * TARGET_TWEETS
    ingest_s, parse_s = _get(main, "ingest", "ingest_s"), _get(main, "parse", "parse_s")
    ingest_peak = _get(main, "ingest", "max_process_rss_bytes")
    duck_s, duck_peak = _get(main, "duckdb", "convert_s"), _get(main, "duckdb", "max_process_rss_bytes")
    seq_s, seq_peak = _get(main, "sequence", "wall_s"), _get(main, "sequence", "max_process_rss_bytes")
    partial = bool(main.get("sequence_only"))
    growth = None
    smaller = [s for k, s in res["sizes"].items() if k != res["main"]]
    if smaller and main:
        ref = max(smaller, key=lambda s: s["tweets"])
        peaks = [ratio(_get(main, "ingest", "max_process_rss_bytes"), _get(ref, "ingest", "max_process_rss_bytes")),
                 ratio(*_common_kernel_peaks(main, ref)) if partial or ref.get("sequence_only") else
                 ratio(_get(main, "sequence", "max_process_rss_bytes"), _get(ref, "sequence", "max_process_rss_bytes"))]
        growth = max((p for p in peaks if p is not None), default=None)
    rows = [
        ("ingest <= 2x the parse limit", ratio(ingest_s, parse_s), TARGETS["ingest_over_parse"], "x"),
        ("ingest peak <= 2 GB", _gb(ingest_peak), TARGETS["ingest_peak_bytes"] / GB, "GB"),
        ("sequence (cache built) <= 10 min", None if seq_s is None else seq_s / 60, TARGETS["sequence_wall_s"] / 60,
         "min"),
        ("no process of the sequence above 4 GB", _gb(seq_peak), TARGETS["sequence_peak_bytes"] / GB, "GB"),
        ("largest process at 50M <= 1.3x at 10M (ingest, sequence)", growth, TARGETS["growth_50m_over_10m"], "x"),
        ("ingest / DuckDB time <= 1", ratio(ingest_s, duck_s), TARGETS["ingest_over_duckdb"], "x"),
        ("ingest / DuckDB peak memory <= 1", ratio(ingest_peak, duck_peak), TARGETS["ingest_over_duckdb"], "x"),
    ]
    out = [{"target": t, "value": v, "limit": lim, "unit": u, "verdict": _verdict(v, lim, at_target)}
           for t, v, lim, u in rows]
    if partial:   # a sequence of some notebooks only says nothing of the whole sequence's time and peak
        for row in out[2:4]:
            row["verdict"] = (f"NOT MEASURED (notebooks {', '.join(main['sequence_only'])} only: "
                              f"{'within' if row['value'] is not None and row['value'] <= row['limit'] else 'over'} "
                              "the limit)")
    return out


def _common_kernel_peaks(main: dict, ref: dict) -> tuple[float | None, float | None]:
    """The largest notebook kernel of each size over the notebooks both ran: like with like when one size
    ran part of the sequence."""
    a = {r["notebook"]: r.get("kernel_peak_rss_bytes") for r in _get(main, "sequence", "notebooks") or []}
    b = {r["notebook"]: r.get("kernel_peak_rss_bytes") for r in _get(ref, "sequence", "notebooks") or []}
    both = [n for n in a if n in b and a[n] and b[n]]
    if not both:
        return None, None
    return max(a[n] for n in both), max(b[n] for n in both)


def _num(v, unit: str = "") -> str:
    if v is None:
        return "-"
    return f"{v:,.2f}{' ' + unit if unit else ''}"


def _size_row(s: dict) -> str:
    """One size's row of the section's table."""
    ing = s.get("ingest")
    cpu = ing["cpu_user_s"] + ing["cpu_system_s"] if ing else None
    loads = [x for x in (s.get("ingest"), s.get("sequence")) if x]
    load = " / ".join(f"{x.get('loadavg_start', 0):.1f}-{x.get('loadavg_end', 0):.1f}" for x in loads) or "-"
    cells = [f"{s['tweets']:,}", f"{s['tweets_bytes'] / GB:.2f}", _num(_get(s, "generation", "wall_s")),
             _num(_get(s, "parse", "parse_s")), _num(_get(s, "ingest", "ingest_s")), _num(cpu),
             _num(_gb(_get(s, "ingest", "max_process_rss_bytes"))), _num(_get(s, "duckdb", "convert_s")),
             _num(_gb(_get(s, "duckdb", "max_process_rss_bytes"))), _num(_get(s, "sequence", "wall_s")),
             _num(_gb(_get(s, "sequence", "max_process_rss_bytes"))), load]
    return "| " + " | ".join(cells) + " |"


def _sequence_lines(res: dict) -> list[str]:
    """Per size whose sequence was measured: its parameters and each notebook's wall time and kernel peak."""
    out = []
    for s in sorted(res["sizes"].values(), key=lambda s: s["tweets"]):
        rows = _get(s, "sequence", "notebooks") or []
        if not rows:
            continue
        given = ", ".join(f"`{k}: {v}`" for k, v in (s.get("sequence_params") or {}).items()) or "the defaults"
        if s.get("sequence_only"):
            given += f"; notebooks {', '.join(s['sequence_only'])} only"
        cells = "; ".join(f"{r['notebook'][:2]} {r['wall_s']:,.0f} s / {_num(_gb(r.get('kernel_peak_rss_bytes')))} GB"
                          for r in rows)
        out += ["", f"Sequence at {s['tweets']:,} tweets ({given}), per notebook (wall / kernel peak): {cells}."]
    return out


def section(res: dict) -> str:
    """The Synthetic archive section of BENCHMARKS.md (markdown, between its markers)."""
    L = [SECTION[0], "## Synthetic archive (issue 16): 48 datasets, ingest and the sequence", "",
         "Written by `make bench ARCHIVE=1` (`python -m benchmarks.archive`); machine-readable: "
         "`bench/archive-result.json`. The archive: `helpers.synthetic.archive --ops all`, each dataset at its "
         "published size times one scale, in its disclosure's file names and format (synthetic, not calibrated)."]
    if not res.get("sizes"):
        L += ["", "Not measured yet: it needs about 45 GB of free disk and an hour (`make bench ARCHIVE=1`)."]
    else:
        L += ["", f"Run {res.get('started', '?')}; {res.get('machine', {}).get('cores', '?')} cores; "
              f"disk: {res['disk']['bytes_per_tweet']:.0f} bytes of CSV per tweet, "
              f"{res['disk']['need_bytes'] / GB:.1f} GB needed, {res['disk']['free_bytes'] / GB:.1f} GB free.", "",
              "| tweets | CSV GB | generate s | parse limit s | ingest s | ingest CPU s | ingest peak GB | "
              "DuckDB s | DuckDB peak GB | sequence s | sequence peak GB | load avg (ingest / sequence) |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
        L += [_size_row(s) for s in sorted(res["sizes"].values(), key=lambda s: s["tweets"])]
        L += _kept_lines(res)
        L += ["", "The parse limit and DuckDB read the zipped datasets' members extracted beforehand (ingest reads the "
              "zips); DuckDB: `read_csv(all_varchar=true, union_by_name=true)` to one Parquet file, default "
              "settings (all cores). Wall times inside the process for parse, ingest and DuckDB."]
        L += _sequence_lines(res)
    L += ["", "| target (issue 16) | measured | limit | verdict |", "| --- | ---: | ---: | --- |"]
    for t in targets(res) if res.get("sizes") else targets({"sizes": {}, "main": None}):
        L.append(f"| {t['target']} | {_num(t['value'], t['unit'])} | {_num(t['limit'], t['unit'])} | {t['verdict']} |")
    L += ["", SECTION[1]]
    return "\n".join(L) + "\n"


def _kept_lines(res: dict) -> list[str]:
    """Which steps of the table this run kept from an earlier one (`--resume`), with the earlier run's date."""
    kept = [(size["tweets"], step, size[step]["measured"]) for size in res["sizes"].values() for step in STEPS
            if isinstance(size.get(step), dict) and size[step].get("measured")]
    if not kept:
        return []
    return ["", "Kept from an earlier run (`--resume`), not measured again: " + "; ".join(
        f"{step} at {tweets:,} tweets (run {when})" for tweets, step, when in sorted(kept)) + "."]


def write_section(text: str, path: Path) -> None:
    """Replace (or add at the end) the Synthetic archive section of a markdown file."""
    old = path.read_text() if path.exists() else ""
    if SECTION[0] in old:
        new = re.sub(re.escape(SECTION[0]) + r".*" + re.escape(SECTION[1]) + r"\n?", lambda _: text, old, flags=re.S)
    else:
        new = old + ("\n" if old and not old.endswith("\n\n") else "") + text
    path.write_text(new)


# ------------------------------------------------------------------------------------------ main

def resumed(before: dict | None, now: dict, earlier: dict) -> dict:
    """One size's results: this run's, with the steps only an earlier run measured kept (dated by that run)."""
    if not before:
        return now
    out = dict(now)
    for step in STEPS:
        if step not in now and step in before:
            out[step] = {**before[step], "measured": before[step].get("measured", earlier.get("started"))}
            out.update({k: v for k, v in before.items() if k.startswith(f"{step}_")})   # how it was run
    return out


def _sizes(text: str) -> list[float]:
    return [float(x) for x in text.split(",") if x.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.archive", description=__doc__.split("\n\n")[0])
    ap.add_argument("--tweets", type=float, default=50e6, help="tweets of the archive the targets are about")
    ap.add_argument("--also", default="", help="smaller sizes measured first, comma-separated (e.g. 10e6)")
    ap.add_argument("--skip", default="", help=f"steps to leave out ({', '.join(STEPS)})")
    ap.add_argument("--keep-cache", action="store_true", help="keep each size's Parquet cache (bench/archive-run-*)")
    ap.add_argument("--only", nargs="+", metavar="NB",
                    help="the sequence of these notebooks only (e.g. 01 02 ... 11 without 10), said in the report")
    ap.add_argument("--resume", action="store_true",
                    help="keep the steps of bench/archive-result.json that this run skips (each with its own date)")
    ap.add_argument("--write", action=argparse.BooleanOptionalAction, default=None,
                    help="write the section of BENCHMARKS.md (default: when --tweets >= 50 million)")
    args = ap.parse_args(argv)
    skip = {x.strip() for x in args.skip.split(",") if x.strip()}
    if skip - set(STEPS):
        ap.error(f"unknown step(s) {', '.join(sorted(skip - set(STEPS)))}")
    sizes = sorted(set(_sizes(args.also)) - {args.tweets}) + [args.tweets]
    BENCH.mkdir(parents=True, exist_ok=True)
    measure.LOGS = BENCH / "logs" / "archive"
    measure.LOGS.mkdir(parents=True, exist_ok=True)
    bpt = probe_bytes_per_tweet()
    reused = {s: _reusable(archive_dir(s), s / published_tweets()) for s in sizes}
    plan = disk_plan(bpt, sizes, reused, shutil.disk_usage(BENCH).free)
    log(f"disk: {bpt:.0f} bytes per tweet; needs {plan['need_bytes'] / GB:.1f} GB, "
        f"{plan['free_bytes'] / GB:.1f} GB free")
    if not plan["ok"]:
        raise SystemExit(refusal(plan, BENCH))
    out_json = BENCH / "archive-result.json"
    earlier = json.loads(out_json.read_text()) if args.resume and out_json.exists() else {}
    res = {"started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "machine": machine(), "disk": plan,
           "main": label(args.tweets), "sizes": {}, "skipped": sorted(skip)}
    if earlier:
        res["resumed_from"] = earlier.get("started")
        res["sizes"] = dict(earlier.get("sizes", {}))   # the sizes this run has not reached yet keep their results
    report = ROOT / "BENCHMARKS.md" if (args.write if args.write is not None else args.tweets >= TARGET_TWEETS) \
        else BENCH / "BENCHMARKS-archive.md"
    for s in sizes:
        def save(partial: dict, size: float = s) -> None:
            res["sizes"][label(size)] = resumed(earlier.get("sizes", {}).get(label(size)), partial, earlier)
            res["targets"] = targets(res)
            res["finished"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            out_json.write_text(json.dumps(res, indent=1) + "\n")
            write_section(section(res), report)
        save(measure_size(s, skip, args.keep_cache, save, args.only))
    log(f"wrote {out_json.relative_to(ROOT)} and {report.relative_to(ROOT)}")
    for t in res["targets"]:
        log(f"  {t['verdict']:<12} {t['target']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
