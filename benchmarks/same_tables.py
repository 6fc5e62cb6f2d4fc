"""The naive baseline's work done the project's way: the same tables, in the same notebooks, each in a
fresh process, but through the project's data path (ingest once into the Parquet cache, then load only
the columns a table needs, list columns exploded in Arrow) and its metric functions.

This isolates the data-access design from everything else the real notebooks do (figures, prose, the
275 claims of the scorecard): `naive_baseline.py` against this script compares like with like, while
`make reproduce` against `naive_baseline.py` compares the whole sequence with four tables.

    python -m benchmarks.same_tables --release DIR --cache DIR --out DIR [--top-n 20]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from benchmarks.naive_baseline import LANGUAGES, NOTEBOOKS, each_notebook_in_a_fresh_process


def run_notebook(name: str, release: Path, cache: Path, out: Path, top_n: int) -> dict:
    from helpers.data import load
    from helpers.metrics import clients, content, core, timeline  # noqa: F401 - as a notebook imports them
    t0 = time.perf_counter()
    rd = load.open_release(release, cache_root=cache, progress=False, log=lambda *a: None)
    timings = {"notebook": name, "open_s": time.perf_counter() - t0}
    t0 = time.perf_counter()
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    tweets_per_op = None
    for table in NOTEBOOKS[name]:
        if table == "monthly":
            tw = rd.tweets(["tweet_time", "tweet_language"])
            result = timeline.counts_by_period(tw, "M", by="tweet_language", keep=[*LANGUAGES, "(empty)"])
        elif table == "hashtags":
            result = content.top_items(rd.exploded("hashtags"), top_n)
        elif table == "domains":
            if tweets_per_op is None:
                tweets_per_op = rd.tweets(["tweet_time"]).groupby("op", observed=False).size()
            result = content.top_domains(rd.exploded("urls"), tweets_per_op, top_n)
        else:
            result = core.top_values(rd.tweets(["tweet_client_name"]), "tweet_client_name", top_n)
        result.to_csv(folder / f"{table}.csv", index=False)
    if not NOTEBOOKS[name]:  # the naive notebooks count rows here: the overview of the cache does
        timings["rows"] = {op: rd.entry(op, "tweets")["rows_cached"] for op in rd.ops_with("tweets")}
    timings["tables_s"] = time.perf_counter() - t0
    return timings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.same_tables", description=__doc__.split("\n\n")[0])
    ap.add_argument("--release", required=True, type=Path)
    ap.add_argument("--cache", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--top-n", type=int, default=20)
    ap.add_argument("--notebook", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.notebook:
        print(json.dumps(run_notebook(args.notebook, args.release, args.cache, args.out, args.top_n)))
        return 0
    return each_notebook_in_a_fresh_process(
        "benchmarks.same_tables", ["--release", str(args.release), "--cache", str(args.cache),
                                   "--out", str(args.out), "--top-n", str(args.top_n)],
        lambda r: f"open/ingest {r['open_s']:.1f} s, tables {r['tables_s']:.1f} s")

if __name__ == "__main__":
    sys.exit(main())
