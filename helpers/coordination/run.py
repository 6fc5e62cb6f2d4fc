"""The whole analysis for notebook 10: every network type, every operation of the run, in one call.

In: a `helpers.data.load.ReleaseData` and `Settings` (window, minimum weight, draws, shift, FDR, seed, sweep).
Out: `Result` with, per network type, the kept pairs (with p/q-values), the calibration row, the groups,
the example tweets of the largest groups (and, given a folder, the evidence CSV: every match behind every
kept pair); the per-operation coverage table (accounts and tweets in coordinated pairs); the window x weight
sweep; and `record()`, the parameters and results written to the run's manifest
(`reports/tables/coordination/manifest.json`).

Memory: the events hold codes only; the evidence and the coverage read the tweet ids and objects of the
events in kept pairs alone (`Events.meta`), never of every event; the matches (millions behind a few pairs
when two accounts push one object many times) are streamed to the CSV, and the sweep is counted in DuckDB.

A pair is *kept* when its weight reaches the minimum; it is *coordinated beyond chance* when it also
survives the FDR control of the calibration (`null`). Shares are of the accounts and tweets of each
operation in the run; tweets without a usable time are counted apart.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from helpers.coordination import NETWORKS, null, popular
from helpers.coordination import events as ev_mod
from helpers.coordination import groups as groups_mod
from helpers.coordination import pairs as pairs_mod
from helpers.data import engine, safecsv
from helpers.errors import ProjectError


@dataclass(frozen=True)
class Settings:
    networks: tuple = NETWORKS
    window: int = 60
    min_weight: int = 2
    draws: int = 20
    shift_hours: float = 12.0
    fdr: float = 0.05
    seed: int = 20181017
    sweep_windows: tuple = (1, 10, 60, 300, 900, 3600)
    sweep_weights: tuple = (1, 2, 3, 5)
    sweep_draws: int = 3
    max_accounts: int | None = None    # `popular`: no cap unless the user sets one

    @property
    def shift_seconds(self) -> int:
        """The null model's largest shift (`null.offsets`), in seconds."""
        return int(self.shift_hours * 3600)

    @classmethod
    def of(cls, p) -> Settings:
        """From `helpers.run.params.Params` (the coordination_* keys)."""
        return cls(networks=tuple(p.coordination_networks), window=p.coordination_window,
                   min_weight=p.coordination_min_weight, draws=p.coordination_draws,
                   shift_hours=p.coordination_shift_hours, fdr=p.coordination_fdr, seed=p.coordination_seed,
                   sweep_windows=tuple(p.coordination_sweep_windows), sweep_weights=tuple(p.coordination_sweep_weights),
                   max_accounts=p.coordination_max_accounts)


@dataclass
class NetworkResult:
    network: str
    events: ev_mod.Events               # after `analyse`: the counts only (its event table is released)
    step: int
    edges: pd.DataFrame                 # u1, u2, weight, null_mean, null_reached, p, q, q_weight, survives
    calibration: null.Calibration
    groups: pd.DataFrame = field(default_factory=pd.DataFrame)
    graph: object = None
    examples: pd.DataFrame = field(default_factory=pd.DataFrame)   # the first tweets of the largest groups
    evidence_file: Path | None = None                              # `write_evidence`'s CSV, if written
    evidence_rows: int = 0


@dataclass
class Result:
    settings: Settings
    accounts: ev_mod.Accounts
    networks: dict
    coverage: pd.DataFrame
    calibration: pd.DataFrame
    sweep: pd.DataFrame
    tweets_per_op: dict
    left_out: pd.DataFrame = field(default_factory=pd.DataFrame)   # `popular.per_op` of every network (a cap set)
    heaviest: pd.DataFrame = field(default_factory=pd.DataFrame)   # network, object, events, accounts (a cap set)

    def record(self) -> dict:
        """Parameters and results for the run's manifest (plain JSON types)."""
        return {"parameters": {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self.settings).items()},
                "time_resolution_seconds": {n: r.step for n, r in self.networks.items()},
                "calibration": _records(self.calibration), "coverage": _records(self.coverage),
                **({"popular_objects_left_out": {"per_operation": _records(self.left_out),
                                                 "heaviest": _records(self.heaviest)}}
                   if self.settings.max_accounts is not None else {})}


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: (None if pd.isna(v) else (v.item() if hasattr(v, "item") else v)) for k, v in row.items()}
            for row in frame.to_dict("records")]


def _kept_meta(con, res: NetworkResult, release, window: int) -> pa.Table:
    """(eid, op, tweetid, object) of the events in kept pairs only (both sides), sorted by eid: all the
    evidence and the coverage need, never the meta of every event."""
    if not len(res.edges):
        return res.events.meta(release, [])
    kept = pa.Table.from_pandas(res.edges[["u1", "u2"]].astype("int32"), preserve_index=False)
    eids = pairs_mod.tweets_in_pairs(con, res.events.ev, window, kept).column("eid").to_numpy()
    return res.events.meta(release, eids)


def _rows_of(meta: pa.Table, eids: np.ndarray) -> np.ndarray:
    """Positions in `meta` (sorted by eid) of the given eids, each of which it holds."""
    return np.searchsorted(meta.column("eid").to_numpy(), eids)


EVIDENCE_COLUMNS = ["network", "userid_1", "account_1", "userid_2", "account_2", "tweetid_1", "time_1", "tweetid_2",
                    "time_2", "seconds_apart", "shared_object"]


def _take(meta: pa.Table, column: str, rows: np.ndarray) -> np.ndarray:
    """The values of `meta`'s column at `rows`, as Python objects: only those rows leave Arrow (the kept
    events' texts of a co-tweet network are hundreds of MB as Python strings, and a batch needs a few)."""
    return np.array(meta.column(column).take(pa.array(rows, pa.int64())).to_pylist(), dtype=object)


def _evidence_rows(network: str, m: pd.DataFrame, ids: np.ndarray, names: np.ndarray, meta: pa.Table
                   ) -> pd.DataFrame:
    """Matches (u1, u2, eid1, eid2, t1, t2) in words: both accounts, both tweets, their times, the shared object."""
    e1, e2 = _rows_of(meta, m["eid1"].to_numpy()), _rows_of(meta, m["eid2"].to_numpy())
    _check_codes(network, *(meta.column("object").take(pa.array(e, pa.int64())) for e in (e1, e2)))
    obj = _take(meta, "object", e1)
    return pd.DataFrame({
        "network": network, "userid_1": ids[m["u1"]], "account_1": names[m["u1"]],
        "userid_2": ids[m["u2"]], "account_2": names[m["u2"]], "tweetid_1": _take(meta, "tweetid", e1),
        "time_1": pd.to_datetime(m["t1"], unit="s", utc=True), "tweetid_2": _take(meta, "tweetid", e2),
        "time_2": pd.to_datetime(m["t2"], unit="s", utc=True), "seconds_apart": (m["t2"] - m["t1"]).abs(),
        "shared_object": obj}, columns=EVIDENCE_COLUMNS)


def write_evidence(con, res: NetworkResult, accounts, window: int, meta: pa.Table, path: Path,
                   rows: int = 100_000) -> int:
    """Every match behind every kept pair (both tweets, their times, the shared object) into the CSV `path`, a
    batch of `rows` matches at a time; returns the number of matches. The matches of a few pairs can number
    millions, so they are streamed from DuckDB and never held (the file is the same whatever `rows`)."""
    kept = pa.Table.from_pandas(res.edges[["u1", "u2"]].astype("int32"), preserve_index=False)
    ids = np.array(accounts.table.column("userid").to_pylist(), dtype=object)
    names = groups_mod.display_names(accounts)
    written = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        safecsv.SafeCsvWriter(out).writerow(EVIDENCE_COLUMNS)
        for batch in pairs_mod.matches_reader(con, res.events.ev, window, kept, rows):
            frame = _evidence_rows(res.network, batch.to_pandas(), ids, names, meta)
            safecsv.write_frame(frame, out, header=False)   # names and shared texts are the accounts' own
            written += len(frame)
    return written


def _examples(con, res: NetworkResult, accounts, window: int, meta: pa.Table, groups: int = 3,
              per_group: int = 3) -> pd.DataFrame:
    """The first matched tweets of each of the `groups` largest groups beyond chance (group, account, time,
    tweetid: the first `per_group` distinct tweets of the group's members by time, each as the first account of
    a kept pair), for `report.example_texts`; read from the matches by a query, never from the whole evidence."""
    cols = ["group", "account", "time", "tweetid"]
    g = res.graph
    if not len(res.edges) or g is None or g.vcount() == 0:
        return pd.DataFrame(columns=cols)
    uid_of = {u: i for i, u in enumerate(accounts.table.column("userid").to_pylist())}
    ranked = pd.Series(g.vs["group"]).value_counts().index.tolist()[:groups]   # largest first
    members = [(uid_of[v["userid"]], rank) for rank, gid in enumerate(ranked, 1) for v in g.vs.select(group_eq=gid)]
    members = pa.table({"u": pa.array([m[0] for m in members], pa.int32()),
                        "grp": pa.array([m[1] for m in members], pa.int32())})
    kept = pa.Table.from_pandas(res.edges[["u1", "u2"]].astype("int32"), preserve_index=False)
    first = pairs_mod.first_matches(con, res.events.ev, window, kept, members, meta, per_group).to_pandas()
    names = groups_mod.display_names(accounts)
    return pd.DataFrame({"group": first["grp"].to_numpy(), "account": names[first["u1"]],
                         "time": pd.to_datetime(first["t1"], unit="s", utc=True),
                         "tweetid": _take(meta, "tweetid", _rows_of(meta, first["eid1"].to_numpy()))}, columns=cols)


def _check_codes(network: str, first: pa.Array, second: pa.Array) -> None:
    """Both events of every match share the object itself, not only its 64-bit code (`events.object_codes`);
    compared in Arrow (the texts of a batch of matches need not become Python strings twice)."""
    differ = pc.fill_null(pc.not_equal(first, second), False)
    if pc.any(differ).as_py():
        a, b = first.filter(differ)[0].as_py(), second.filter(differ)[0].as_py()
        raise ProjectError(f"{network}: two different objects share a 64-bit code ({a!r} and {b!r}); the evidence "
                           "would be wrong: report this as a bug")


def _coverage(con, res: NetworkResult, accounts, window: int, meta: pa.Table, active: dict,
              tweets: dict) -> list[dict]:
    """Per operation: accounts and tweets in kept pairs and in pairs surviving the FDR control."""
    ops_of = np.array(accounts.table.column("op").to_pylist(), dtype=object)
    rows = []
    parts = {"kept": res.edges, "beyond chance": res.edges[res.edges["survives"]]}
    found = {}
    for label, e in parts.items():
        uids = np.unique(np.concatenate([e["u1"].to_numpy(), e["u2"].to_numpy()])) if len(e) else np.array([], int)
        kept = pa.Table.from_pandas(e[["u1", "u2"]].astype("int32"), preserve_index=False)
        eids = (_rows_of(meta, pairs_mod.tweets_in_pairs(con, res.events.ev, window, kept).column("eid").to_numpy())
                if len(e) else np.array([], int))
        found[label] = (pd.Series(ops_of[uids]).value_counts(),
                        pd.Series(_take(meta, "tweetid", eids)).groupby(_take(meta, "op", eids)).nunique()
                        if len(eids) else pd.Series(dtype=int))
    for op in active:
        row = {"op": op, "network": res.network, "accounts": active[op], "tweets": tweets[op]}
        for label, (acc, tw) in found.items():
            a, t = int(acc.get(op, 0)), int(tw.get(op, 0))
            row[f"accounts {label}"] = a
            row[f"accounts {label} share"] = a / active[op] if active[op] else None
            row[f"tweets {label}"] = t
            row[f"tweets {label} share"] = t / tweets[op] if tweets[op] else None
        rows.append(row)
    return rows


def _reachable(con, ev: pa.Table, s: Settings, with_sweep: bool) -> pa.Table:
    """The events any window of the run (the calibration's, and the sweep's when it runs) could match in the data
    or in a shuffled copy (`pairs.matchable` with the widest window, at any weight): computed once per network
    type, and all the cap and the pairs then look at. The cap (`popular`) leaves out and counts the same events
    on them as on every event: a crowded cell (more than the cap, at least 2, of accounts on one object within
    one window) puts each of its events within a window of another account's, so all of them are here."""
    windows = [s.window, *(s.sweep_windows if with_sweep else ())]
    return pairs_mod.matchable(con, ev, max(windows), s.shift_seconds)


def _sweep(con, network: str, reach: pa.Table, s: Settings, n_accounts: int, step: int) -> list[dict]:
    """Pairs per window and weight threshold, real and (few draws) shuffled, counted on `reach` (`_reachable`:
    the same counts); with a cap (`popular`), each window's own crowded cells are left out, and the row says
    how many events that was."""
    rows = []
    rng = np.random.default_rng(s.seed + 1)
    weights = list(s.sweep_weights)
    for w in s.sweep_windows:
        capped = popular.cap_events(con, reach, w, s.max_accounts)
        ev = capped.ev
        real = pairs_mod.pair_counts(con, ev, w, weights)
        nulls = []
        for _ in range(s.sweep_draws):
            off = null.offsets(n_accounts, s.shift_seconds, step, rng)
            t = pc.add(ev.column("t"), pa.array(off).take(ev.column("uid")))
            nulls.append(pairs_mod.pair_counts(con, ev.set_column(2, "t", t), w, weights))
        for i, k in enumerate(weights):
            n_null = [draw[i] for draw in nulls]
            rows.append({"network": network, "window (s)": w, "min weight": k, "pairs": real[i],
                         "pairs shuffled (mean)": float(np.mean(n_null)) if n_null else None,
                         **({"events left out": capped.events_left} if s.max_accounts is not None else {})})
        del capped, ev
    return rows


def _heaviest(release, e: ev_mod.Events, capped: popular.Capped, n: int = 5) -> pd.DataFrame:
    """The objects the cap took most events of (network, object, events, accounts), their text read from one
    event each."""
    top = popular.heaviest(capped, n)
    if top.empty:   # nothing left out: no need to read the release again for the texts
        return pd.DataFrame(columns=["network", "object", "events left out", "accounts"])
    text = e.meta(release, np.sort(top["first_eid"].to_numpy()))
    words = dict(zip(text.column("eid").to_pylist(), text.column("object").to_pylist()))
    return pd.DataFrame({"network": e.network, "object": [words.get(i) for i in top["first_eid"]],
                         "events left out": top["events"].astype(int), "accounts": top["accounts"].astype(int)})


@contextmanager
def _connection(release):
    """A DuckDB connection for one network type, closed after it: DuckDB's allocator keeps the memory its
    queries freed until the connection closes (0.46 GB after the co-retweet calibration of October 2018 at full
    scale), so one connection for every network carried each network's leftovers into the next, and the peak of
    notebook 10 was the last calibration on top of them (2.07 GB in the co-hashtag one)."""
    opts = getattr(release, "engine_options", {}) or {}    # the run's engine_memory_limit and engine_threads
    con = pairs_mod.connect(opts.get("memory_limit") or pairs_mod.DEFAULT_MEMORY, opts.get("threads"),
                            temp_dir=engine.spill_folder(release.cache_dir))
    try:
        yield con
    finally:
        con.close()


def analyse(release, s: Settings, with_sweep: bool = True, evidence_to: Path | None = None) -> Result:
    """Every network type for every operation of the run (see the module docstring); with `evidence_to` (a
    folder), each network's evidence is written there as `<network>_evidence.csv` (`write_evidence`)."""
    accounts = ev_mod.accounts_of(release)
    n_acc = len(accounts.table)
    ops = list(release.ops_with("tweets"))
    active = pd.Series(accounts.table.column("op").to_pylist(), dtype=object).value_counts()
    active = {op: int(active.get(op, 0)) for op in ops}
    tweets = {op: sum(b.num_rows for b in release.arrow_batches(op, "tweets", ["tweet_time"])) for op in ops}
    results, coverage, calib, sweep, left_out, heaviest = {}, [], [], [], [], []
    ops_of_uid = np.array(accounts.table.column("op").to_pylist(), dtype=object)
    for i, network in enumerate(s.networks):
        with _connection(release) as con:   # one per network: see _connection
            every = ev_mod.events(release, network, accounts)
            step = ev_mod.resolution(every.ev)
            reach = _reachable(con, every.ev, s, with_sweep)       # the same results as every event gives
            read = len(every)
            every = replace(every, ev=every.ev.schema.empty_table())  # not needed beside `reach` (memory)
            capped = popular.cap_events(con, reach, s.window, s.max_accounts)
            # the events matched (all of them without a cap), narrowed to this window and minimum weight
            e = replace(every, ev=pairs_mod.matchable(con, capped.ev, s.window, s.shift_seconds, s.min_weight))
            cal = null.calibrate(con, e.ev, s.window, s.min_weight, s.draws, s.shift_seconds, s.seed + i, step, n_acc,
                                 s.fdr)
            res = NetworkResult(network, e, step, cal.edges, cal)
            g = groups_mod.graph(cal.edges[cal.edges["survives"]], accounts)
            res.graph = g
            res.groups = groups_mod.group_table(g, groups_mod.communities(g, s.seed))
            meta = _kept_meta(con, res, release, s.window)
            res.examples = _examples(con, res, accounts, s.window, meta)
            if evidence_to is not None:
                res.evidence_file = Path(evidence_to) / f"{network}_evidence.csv"
                res.evidence_file.parent.mkdir(parents=True, exist_ok=True)
                res.evidence_rows = write_evidence(con, res, accounts, s.window, meta, res.evidence_file)
            coverage += _coverage(con, res, accounts, s.window, meta, active, tweets)
            calib.append({"network": network, "events": read, "undated": e.undated, **cal.row(),
                          **({"events left out": capped.events_left, "objects left out": capped.objects_left}
                             if s.max_accounts is not None else {})})
            if s.max_accounts is not None:
                left_out.append(popular.per_op(capped, ops_of_uid, network))
                heaviest.append(_heaviest(release, every, capped))
            if with_sweep:
                sweep += _sweep(con, network, reach, s, n_acc, step)
            res.events = replace(e, ev=e.ev.schema.empty_table())   # joins done: the events need not stay (0.4 GB at
            results[network] = res                                   # full scale for the first three types)
            del e, every, reach, capped, meta, cal
    return Result(s, accounts, results, pd.DataFrame(coverage), pd.DataFrame(calib), pd.DataFrame(sweep), tweets,
                  _concat(left_out), _concat(heaviest))


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
