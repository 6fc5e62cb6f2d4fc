"""What notebook 10 shows and writes: tables in words and numbers, and the files behind them.

In: a `run.Result` (and the release, for example texts and file names), display labels.
Out: frames ready for `Session.table` (`main_table`, `calibration_table`, `sweep_table`,
`example_texts`), the tidy tables the report's figures draw (`null_draws`, `coverage_long`, `sweep_long`),
sentences (`resolution_statement`, `popular_statement`, `context_statement`), and `export`, which writes
under `reports/tables/coordination/` (`evidence_folder`, where `run.analyse` streamed each network's evidence
CSV: every match behind every kept pair) the pairs with their p- and q-values, GraphML and CSV edge lists
of the pairs beyond chance; the coverage, calibration, sweep and amplification tables; and `manifest.json`
(parameters and results of the run, with the names, sizes and SHA-256 of the files read, never a local path).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from helpers.coordination import groups as groups_mod
from helpers.data import safecsv
from helpers.data.manifest import files_table

FOLDER = Path("tables") / "coordination"


def evidence_folder(reports_dir: Path) -> Path:
    """Where `export` writes, and so where `run.analyse` streams the evidence CSVs."""
    return Path(reports_dir) / FOLDER


def main_table(result, label=lambda op: op) -> pd.DataFrame:
    """Per operation and network: accounts and tweets in pairs beyond chance (and kept), with shares."""
    c = result.coverage
    if c.empty:
        return pd.DataFrame(columns=["operation", "network", "accounts"])
    return pd.DataFrame({
        "operation": c["op"].map(label), "network": c["network"], "accounts": c["accounts"],
        "in kept pairs": c["accounts kept"], "beyond chance": c["accounts beyond chance"],
        "share of accounts": c["accounts beyond chance share"], "tweets": c["tweets"],
        "tweets beyond chance": c["tweets beyond chance"], "share of tweets": c["tweets beyond chance share"]})


def calibration_table(result) -> pd.DataFrame:
    return result.calibration.copy()


def sweep_table(result) -> pd.DataFrame:
    """Window x weight: real pairs against the shuffled mean, wide by weight threshold."""
    s = result.sweep
    if s.empty:
        return s
    s = s.assign(cell=[f"{p:,} vs {m:,.1f}" for p, m in zip(s["pairs"], s["pairs shuffled (mean)"])])
    wide = s.pivot_table(index=["network", "window (s)"], columns="min weight", values="cell", aggfunc="first")
    wide.columns = [f"weight >= {k}" for k in wide.columns]
    return wide.reset_index()


def null_draws(result) -> pd.DataFrame:
    """Figure data, real against chance: per network the real pair count and the pair count of every
    shuffled draw (network, series 'real' or 'shuffled', draw, pairs, accounts; weight >= the minimum)."""
    rows = []
    for network, res in result.networks.items():
        cal = res.calibration
        rows.append({"network": network, "series": "real", "draw": None, "pairs": cal.real_pairs,
                     "accounts": cal.real_accounts})
        rows += [{"network": network, "series": "shuffled", "draw": int(d["draw"]), "pairs": int(d["pairs"]),
                  "accounts": int(d["accounts"])} for d in cal.draws.to_dict("records")]
    out = pd.DataFrame(rows, columns=["network", "series", "draw", "pairs", "accounts"])
    return out.astype({"draw": "Int64"})


def coverage_long(result) -> pd.DataFrame:
    """Figure data: per operation, network and measure (accounts, tweets) the number and share in pairs
    coordinated beyond chance."""
    c = result.coverage
    cols = ["op", "network", "measure", "in pairs beyond chance", "of", "share"]
    if c.empty:
        return pd.DataFrame(columns=cols)
    parts = [pd.DataFrame({"op": c["op"], "network": c["network"], "measure": m,
                           "in pairs beyond chance": c[f"{m} beyond chance"], "of": c[m],
                           "share": c[f"{m} beyond chance share"]}) for m in ("accounts", "tweets")]
    return pd.concat(parts, ignore_index=True)[cols]


def sweep_long(result, min_weight: int | None = None) -> pd.DataFrame:
    """Figure data: pairs per network and window at one weight threshold (the run's minimum by default),
    real and the shuffled mean (network, window (s), min weight, series, pairs)."""
    s = result.sweep
    cols = ["network", "window (s)", "min weight", "series", "pairs"]
    if s.empty:
        return pd.DataFrame(columns=cols)
    k = result.settings.min_weight if min_weight is None else min_weight
    s = s[s["min weight"] == k]
    real = s.assign(series="real")[["network", "window (s)", "min weight", "series", "pairs"]]
    shuffled = s.assign(series="shuffled mean", pairs=s["pairs shuffled (mean)"])[cols]
    return pd.concat([real, shuffled], ignore_index=True)[cols]


def resolution_statement(result) -> str:
    """How windows treat the times of this release (minute resolution in the real files)."""
    counts = dict(zip(result.calibration["network"], result.calibration["events"])) if len(result.calibration) else {}
    steps = {r.step for n, r in result.networks.items() if counts.get(n)}
    w = result.settings.window
    if steps == {60}:
        note = (f"Every time in these files is on a whole minute (as in Twitter's files, e.g. 2017-06-22 16:03): "
                f"two tweets of the same minute are 0 s apart, tweets of neighbouring minutes 60 s apart. A window "
                f"under 60 s therefore means 'the same minute', and the {w} s window used here "
                + ("takes the same and the neighbouring minute (edges included)." if w >= 60 else "means the same "
                                                                                                  "minute."))
    else:
        note = f"Times here have second resolution; the window is {w} s, both edges included."
    return note + " The shuffled copies move whole timelines by whole minutes (or seconds), keeping that resolution."


def popular_statement(result, label=lambda op: op) -> str:
    """What the cap on popular objects (`popular`) left out, per network and operation: a narrowed run says
    so in every report. Empty when no cap was set (every event matched)."""
    cap = result.settings.max_accounts
    if cap is None:
        return ""
    head = (f"Narrowed: an object acted on by more than {cap:,} accounts within one "
            f"{result.settings.window} s window was left out of that window (`coordination_max_accounts`; the sweep "
            "applies the same cap with each of its windows).")
    c = result.calibration
    if c.empty or not int(c["events left out"].sum()):
        return head + " No object was that crowded in this run: nothing was left out."
    parts = []
    for row in c[c["events left out"] > 0].to_dict("records"):
        share = row["events left out"] / row["events"] if row["events"] else 0.0
        ops = result.left_out[result.left_out["network"] == row["network"]]
        by_op = ", ".join(f"{label(o)} {n:,}" for o, n in zip(ops["op"], ops["events left out"]))
        n_obj = int(row["objects left out"])
        parts.append(f"{row['network']}: {int(row['events left out']):,} of {int(row['events']):,} events "
                     f"({share:.1%}) on {n_obj:,} object{'' if n_obj == 1 else 's'} ({by_op})")
    top = result.heaviest
    heavy = "; ".join(f"{n}: '{o}' ({e:,} events, {a:,} accounts)" for n, o, e, a in
                      zip(top["network"], top["object"], top["events left out"], top["accounts"]))
    return head + " Left out: " + "; ".join(parts) + ". The objects that weighed most: " + heavy + "."


def context_statement() -> str:
    """What the published work says, and why it gives no per-operation claim for the scorecard."""
    return ("Context, not a claim: Schoch et al. (Scientific Reports 2022, [S2022]) report that on average 74% of "
            "the accounts in each campaign of Twitter's archive co-tweeted or co-retweeted (the same content within "
            "one minute). That is an average over campaigns, not a number for the IRA or the Iranian operation, "
            "so it is not on the scorecard; neither is any number from Pacheco et al. (ICWSM 2021, [P2021]), "
            "whose method this follows. Our references hold no per-operation coordination number for these two "
            "operations: the scorecard gains no claim from this notebook.")


def example_texts(release, result, network: str) -> pd.DataFrame:
    """The texts of the first tweets of the largest groups beyond chance (`run._examples` chose them)."""
    picks = result.networks[network].examples
    cols = ["group", "account", "time", "text"]
    if picks.empty:
        return pd.DataFrame(columns=cols)
    ids = pa.array(picks["tweetid"].astype(str).tolist(), pa.string())
    texts = {}
    for op in release.ops_with("tweets"):   # a batch at a time: only the few texts shown are kept
        for t in release.arrow_batches(op, "tweets", ["tweetid", "tweet_text"]):
            t = t.filter(pc.is_in(t.column("tweetid").cast(pa.string()), value_set=ids))
            texts.update(zip(t.column("tweetid").cast(pa.string()).to_pylist(), t.column("tweet_text").to_pylist()))
    return pd.DataFrame({"group": picks["group"], "account": picks["account"], "time": picks["time"],
                         "text": [texts.get(str(i), "") for i in picks["tweetid"]]})[cols]


def read_coverage(reports_dir: Path, release) -> pd.DataFrame | None:
    """The coverage `export` recorded in `manifest.json` (one row per op and network), if it was computed
    on the files of `release` (the same names, sizes and SHA-256); else None: a manifest left by a run on
    other files never passes for this one's. (The window is checked by the reader: see
    `fingerprint.with_coordination`.)"""
    try:
        record = json.loads((Path(reports_dir) / FOLDER / "manifest.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    ours = sorted((f.file, int(f.bytes), f.sha256) for f in files_table(release.manifest).itertuples())
    theirs = sorted((f.get("name"), int(f.get("bytes") or 0), f.get("sha256")) for f in record.get("files_read", []))
    if ours != theirs or not record.get("coverage"):
        return None
    frame = pd.DataFrame(record["coverage"])
    frame.attrs["parameters"] = record.get("parameters", {})
    return frame


def coverage_note(coverage: pd.DataFrame | None) -> str:
    """For a report reading `read_coverage`: if notebook 10 left popular objects out, a sentence saying so
    (the shares then count the rest only); else empty."""
    cap = (coverage.attrs.get("parameters", {}) if coverage is not None else {}).get("max_accounts")
    if cap is None:
        return ""
    return (f"Notebook 10 ran narrowed: objects acted on by more than {int(cap):,} accounts within one window were "
            "left out (its report says which), so these shares count the other events only.")


def export(result, amplification: tuple, release, reports_dir: Path) -> list[Path]:
    """Write every file of the coordination analysis (see the module docstring); returns their paths."""
    out = evidence_folder(reports_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for network, res in result.networks.items():
        e = res.edges.copy()
        ids = np.array(result.accounts.table.column("userid").to_pylist(), dtype=object)
        names = groups_mod.display_names(result.accounts)
        pairs = pd.DataFrame({"userid_1": ids[e["u1"]], "account_1": names[e["u1"]], "userid_2": ids[e["u2"]],
                              "account_2": names[e["u2"]], "weight": e["weight"], "null_mean": e["null_mean"],
                              "p": e["p"], "q": e["q"], "q_weight": e["q_weight"],
                              "beyond_chance": e["survives"]})
        written.append(safecsv.write_csv(pairs, out / f"{network}_pairs.csv"))
        if res.evidence_file is not None:   # streamed there by `run.analyse(..., evidence_to=evidence_folder(...))`
            written.append(res.evidence_file)
        written += groups_mod.write_graph(res.graph, out, f"{network}_beyond_chance")
    shares, targets = amplification
    for frame, name in ((result.coverage, "coverage.csv"), (result.calibration, "calibration.csv"),
                        (result.sweep, "sweep.csv"), (shares, "amplification_shares.csv"),
                        (targets, "amplification_targets.csv"),
                        *(((result.left_out, "popular_left_out.csv"), (result.heaviest, "popular_heaviest.csv"))
                          if result.settings.max_accounts is not None else ())):
        written.append(safecsv.write_csv(frame, out / name))
    record = result.record()
    record["files_read"] = [{"name": f.file, "bytes": int(f.bytes), "sha256": f.sha256}
                            for f in files_table(release.manifest).itertuples()]
    record["synthetic"] = bool(release.synthetic)
    (out / "manifest.json").write_text(json.dumps(record, indent=2, ensure_ascii=False, default=str) + "\n",
                                       encoding="utf-8")
    written.append(out / "manifest.json")
    return written
