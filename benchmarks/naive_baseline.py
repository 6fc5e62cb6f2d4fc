"""The approach of the public notebooks on this data, as a baseline: every notebook of the sequence
starts with `pd.read_csv` of each operation's whole tweets CSV (plain: no usecols, no dtypes, no
cache), then computes its tables from the frame.

Each notebook runs in a fresh Python process (as each notebook gets its own kernel), the notebooks one
after the other. The tables are the ones the issue names, computed where the project computes them:

    02 timeline   tweets per month and language
    04 content    top hashtags, top linked domains
    05 clients    tweets per client application
    08 summary, 09 scorecard   all four (they compare everything)
    01, 03, 06, 07             the read, and a row count (their own analyses are not charged)

so the baseline is, if anything, cheaper than those notebooks. The tables are written as CSV files to
--out so that they can be compared with the project's.

    python -m benchmarks.naive_baseline --release DIR --out DIR [--top-n 20]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

NOTEBOOKS = {
    "01_ingest_overview": [], "02_timeline_languages": ["monthly"], "03_accounts": [],
    "04_content": ["hashtags", "domains"], "05_automation_clients": ["clients"],
    "06_engagement_reach": [], "07_activity_patterns": [],
    "08_comparison_summary": ["monthly", "hashtags", "domains", "clients"],
    "09_scorecard": ["monthly", "hashtags", "domains", "clients"],
}
LANGUAGES = ["ru", "en", "fr", "ar", "fa", "und"]


def tweets_files(release: Path) -> dict[str, Path]:
    return {p.name.split("_tweets_csv_hashed")[0]: p for p in sorted(release.glob("*_tweets_csv_hashed.csv"))}


def _items(series):
    """'[a, b]' list cells -> one row per item (the usual str.strip / str.split / explode idiom)."""
    s = series.dropna().astype(str).str.strip("[]")
    s = s[s != ""].str.split(", ").explode().str.strip().str.strip("'\"")
    return s[s != ""]


def monthly(df):
    t = __import__("pandas").to_datetime(df["tweet_time"])
    lang = df["tweet_language"].where(df["tweet_language"].isin(LANGUAGES), "other")
    return df.groupby([t.dt.to_period("M").rename("month"), lang.rename("language")]).size().rename("tweets")


def hashtags(df, n):
    return _items(df["hashtags"]).value_counts().head(n).rename("occurrences")


def domains(df, n):
    import tldextract
    urls = _items(df["urls"])
    host = urls.str.extract(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//([^/?#\s]+)", expand=False).dropna()
    host = host.str.lower().str.removeprefix("www.")
    extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    mapping = {h: (extract(h).top_domain_under_public_suffix or h) for h in host.unique()}
    return host.map(mapping).value_counts().head(n).rename("urls")


def clients(df, n):
    return df["tweet_client_name"].value_counts().head(n).rename("tweets")


def run_notebook(name: str, release: Path, out: Path, top_n: int) -> dict:
    """One notebook: read every operation's tweets CSV whole, then its tables."""
    import pandas as pd
    timings = {"notebook": name, "read_s": 0.0, "tables_s": 0.0, "rows": {}}
    frames = {}
    for op, path in tweets_files(release).items():
        t0 = time.perf_counter()
        frames[op] = pd.read_csv(path)
        timings["read_s"] += time.perf_counter() - t0
        timings["rows"][op] = len(frames[op])
    t0 = time.perf_counter()
    for table in NOTEBOOKS[name]:
        for op, df in frames.items():
            result = (monthly(df) if table == "monthly" else
                      hashtags(df, top_n) if table == "hashtags" else
                      domains(df, top_n) if table == "domains" else clients(df, top_n))
            folder = out / name
            folder.mkdir(parents=True, exist_ok=True)
            result.to_csv(folder / f"{op}_{table}.csv")
    timings["tables_s"] = time.perf_counter() - t0
    return timings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.naive_baseline", description=__doc__.split("\n\n")[0])
    ap.add_argument("--release", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--top-n", type=int, default=20)
    ap.add_argument("--notebook", help=argparse.SUPPRESS)  # internal: run one notebook in this process
    args = ap.parse_args(argv)
    if args.notebook:
        print(json.dumps(run_notebook(args.notebook, args.release, args.out, args.top_n)))
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    return each_notebook_in_a_fresh_process(
        "benchmarks.naive_baseline", ["--release", str(args.release), "--out", str(args.out),
                                      "--top-n", str(args.top_n)],
        lambda r: f"read {r['read_s']:.1f} s, tables {r['tables_s']:.1f} s")


def each_notebook_in_a_fresh_process(module: str, args: list[str], describe) -> int:
    """Runs `python -m module ARGS --notebook NAME` for every notebook, one process each (as a kernel
    is), and prints their timings as one JSON line; stops at the first failure, saying which."""
    runs = []
    for name in NOTEBOOKS:
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", module, *args, "--notebook", name],
                              capture_output=True, text=True)
        if done.returncode:
            sys.stderr.write(done.stderr)
            print(json.dumps({"notebooks": runs, "failed": name, "returncode": done.returncode}))
            return done.returncode
        rec = json.loads(done.stdout.strip().splitlines()[-1])
        rec["wall_s"] = time.perf_counter() - t0
        runs.append(rec)
        print(f"{name}: {rec['wall_s']:.1f} s ({describe(rec)})", file=sys.stderr, flush=True)
    print(json.dumps({"notebooks": runs}))
    return 0

if __name__ == "__main__":
    sys.exit(main())
