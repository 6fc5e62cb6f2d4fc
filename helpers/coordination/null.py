"""Calibration: how many pairs would chance alone produce? A null model that breaks only the timing.

In: events (`Events.ev`), the window and minimum weight, the real undirected pairs (any weight), the
number of draws, the largest shift and a seed.
Out: `Calibration`: per draw the pairs (weight >= minimum) and coordinated accounts of the shuffled data
(`draws`), the same for the real data (`real_pairs`, `real_accounts`), and per real pair its null mean
weight, how many draws reached its weight, a p-value and its Benjamini-Hochberg q-value (`edges`).

Null model: each account's whole timeline is moved by one random offset, uniform in whole
resolution steps (minutes on the real files) within +-`shift` seconds, a new offset per account and
draw. Each account keeps its activity (what, how often, its rhythm), each object keeps its popularity;
only the alignment between accounts is broken.

Two questions, both asked of every kept pair; it survives (is *coordinated beyond chance*) when both
answers are at most `fdr`:
- Is this pair's weight unusual for this pair? Its p-value P(X >= w) for X ~ Poisson(lambda), lambda the
  pair's mean null weight over the draws with one pseudo-draw of weight 1 added (a pair never seen in the
  null is not given lambda = 0): lambda = (sum of null weights + 1) / (draws + 1); `q` is its
  Benjamini-Hochberg q-value over the kept pairs.
- Do pairs of this weight stand out from the pairs chance makes? Only the pairs whose real weight reached
  the minimum are tested, so the per-pair test alone does not see how many of all possible pairs reach a
  weight by chance: with dense activity (many accounts on the same objects, on the same daily rhythm)
  thousands of pairs reach weight 2 in every shuffled copy, and each of them, rare for itself, would pass.
  `q_weight` is the shuffled copies' answer (the target-decoy estimate of the false discovery rate): for a
  threshold t, FDR(t) = (mean number of shuffled pairs with weight >= t) / (real pairs with weight >= t),
  capped at 1; a pair of weight w gets the smallest FDR(t) over the thresholds t <= w it passes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from helpers.coordination import pairs as pairs_mod


@dataclass
class Calibration:
    draws: pd.DataFrame      # draw, pairs, accounts (in the shuffled data, weight >= min_weight)
    edges: pd.DataFrame      # u1, u2, weight, null_mean, null_reached, p, q, q_weight, survives
    real_pairs: int
    real_accounts: int
    min_weight: int
    fdr: float

    def row(self) -> dict:
        """One line of the calibration table: real against the null distribution."""
        d = self.draws
        n = len(d)
        pairs_null = d["pairs"] if n else pd.Series([0])
        acc_null = d["accounts"] if n else pd.Series([0])
        return {"pairs": self.real_pairs, "pairs null mean": float(pairs_null.mean()),
                "pairs null 95th pct": float(np.percentile(pairs_null, 95)),
                "pairs p (empirical)": (1 + int((pairs_null >= self.real_pairs).sum())) / (n + 1),
                "accounts": self.real_accounts, "accounts null mean": float(acc_null.mean()),
                "accounts null 95th pct": float(np.percentile(acc_null, 95)),
                "pairs surviving FDR": int(self.edges["survives"].sum()),
                "accounts surviving FDR": _accounts(self.edges[self.edges["survives"]])}


def _accounts(edges: pd.DataFrame) -> int:
    return int(pd.unique(np.concatenate([edges["u1"].to_numpy(), edges["u2"].to_numpy()])).size) if len(edges) else 0


def offsets(n_accounts: int, shift: int, step: int, rng: np.random.Generator) -> np.ndarray:
    """One offset per account: whole steps within +-shift seconds."""
    k = max(int(shift) // max(int(step), 1), 0)
    return rng.integers(-k, k + 1, size=n_accounts, dtype=np.int64) * int(step)


def poisson_tail(w: np.ndarray, lam: np.ndarray, chunk: int = 1_000) -> np.ndarray:
    """P(X >= w), X ~ Poisson(lam), elementwise, accurate when small (summed from w upward); `chunk` pairs
    at a time (400 terms each, through `np.vectorize(math.lgamma)`, whose temporaries are Python floats:
    20,000 pairs at a time took 0.86 GB, the peak of notebook 10 on October 2018 at full scale; 1,000 take
    about 45 MB, in the same time)."""
    w = np.asarray(w, dtype=np.int64)
    lam = np.asarray(lam, dtype=float)
    if len(w) > chunk:
        return np.concatenate([_poisson_tail(w[i:i + chunk], lam[i:i + chunk]) for i in range(0, len(w), chunk)])
    return _poisson_tail(w, lam)


def _poisson_tail(w: np.ndarray, lam: np.ndarray) -> np.ndarray:
    out = np.ones(len(w))
    lgam = np.vectorize(math.lgamma, otypes=[float])
    if len(w) == 0:
        return out
    k = w[:, None] + np.arange(0, 400)[None, :]
    with np.errstate(divide="ignore"):
        logterms = -lam[:, None] + k * np.log(lam[:, None]) - lgam(k + 1.0)
    tail = np.exp(logterms).sum(axis=1)
    small = (w > 0) & (lam < w)
    out[small] = np.minimum(tail[small], 1.0)
    big = (w > 0) & ~small     # lam >= w: p is not small; 1 - cdf is accurate enough
    if big.any():
        kk = np.arange(0, int(w[big].max()))[None, :]
        with np.errstate(divide="ignore"):
            terms = np.exp(-lam[big][:, None] + kk * np.log(lam[big][:, None]) - lgam(kk + 1.0))
        terms = np.where(kk < w[big][:, None], terms, 0.0)
        out[big] = np.clip(1.0 - terms.sum(axis=1), 0.0, 1.0)
    return out


def bh(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg q-values (step-up, monotone), in the order of `p`."""
    p = np.asarray(p, dtype=float)
    n = len(p)
    if n == 0:
        return p
    order = np.argsort(p)
    ranked = p[order] * n / np.arange(1, n + 1)
    q = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(n)
    out[order] = np.minimum(q, 1.0)
    return out


def weight_fdr(real_weights: np.ndarray, null_counts: dict[int, int], draws: int) -> np.ndarray:
    """`q_weight` of each real weight (see the module docstring): `null_counts` maps a weight to the number of
    shuffled pairs with exactly that weight, summed over the `draws` copies."""
    w = np.asarray(real_weights, dtype=np.int64)
    if not len(w):
        return np.array([], dtype=float)
    levels = np.unique(w)                                           # thresholds: the weights the real pairs have
    real_ge = np.array([(w >= t).sum() for t in levels], dtype=float)
    null_w = np.array(sorted(null_counts), dtype=np.int64)
    null_n = np.array([null_counts[k] for k in null_w], dtype=float)
    null_ge = np.array([null_n[null_w >= t].sum() for t in levels]) / max(int(draws), 1)
    fdr = np.minimum(null_ge / real_ge, 1.0)
    q = np.minimum.accumulate(fdr)                                  # the best threshold at or below each weight
    return q[np.searchsorted(levels, w)]


def calibrate(con, ev: pa.Table, window: int, min_weight: int, draws: int, shift: int, seed: int,
              step: int, n_accounts: int, fdr: float = 0.05) -> Calibration:
    """Real pairs against `draws` shifted copies (see the module docstring)."""
    con.register("ev", ev)
    con.execute(f"CREATE OR REPLACE TEMP TABLE real AS SELECT * FROM ({pairs_mod.undirected_sql('ev', window)}) "
                f"WHERE weight >= {int(min_weight)}")
    con.execute("CREATE OR REPLACE TEMP TABLE acc (u1 INTEGER, u2 INTEGER, s BIGINT, reached BIGINT)")
    rng = np.random.default_rng(seed)
    rows, null_counts = [], {}
    for d in range(int(draws)):
        con.register("offs", pa.table({"uid": pa.array(np.arange(n_accounts, dtype=np.int32)),
                                       "off": pa.array(offsets(n_accounts, shift, step, rng))}))
        con.execute("CREATE OR REPLACE TEMP TABLE shifted AS "
                    "SELECT ev.eid, ev.uid, ev.t + offs.off AS t, ev.oid FROM ev JOIN offs USING (uid)")
        con.execute(f"CREATE OR REPLACE TEMP TABLE np AS {pairs_mod.undirected_sql('shifted', window)}")
        n_pairs, n_acc = con.sql(f"""
            SELECT (SELECT count(*) FROM np WHERE weight >= {int(min_weight)}),
                   (SELECT count(DISTINCT u) FROM (SELECT u1 AS u FROM np WHERE weight >= {int(min_weight)}
                                                   UNION ALL SELECT u2 FROM np WHERE weight >= {int(min_weight)}))
        """).fetchall()[0]
        rows.append({"draw": d, "pairs": int(n_pairs), "accounts": int(n_acc)})
        for weight, n in con.sql(f"SELECT weight, count(*) FROM np WHERE weight >= {int(min_weight)} "
                                 "GROUP BY weight").fetchall():
            null_counts[int(weight)] = null_counts.get(int(weight), 0) + int(n)
        con.execute("""INSERT INTO acc SELECT r.u1, r.u2, np.weight, (np.weight >= r.weight)::BIGINT
                       FROM real r JOIN np ON r.u1 = np.u1 AND r.u2 = np.u2""")
    edges = con.execute("""
        SELECT r.u1, r.u2, r.weight, coalesce(sum(a.s), 0) AS null_sum, coalesce(sum(a.reached), 0) AS null_reached
        FROM real r LEFT JOIN acc a ON r.u1 = a.u1 AND r.u2 = a.u2
        GROUP BY r.u1, r.u2, r.weight ORDER BY r.weight DESC, r.u1, r.u2""").df()
    for table in ("real", "acc", "shifted", "np"):   # DuckDB would hold them (up to its memory cap) until the end
        con.execute(f"DROP TABLE IF EXISTS {table}")
    lam = (edges["null_sum"].to_numpy(dtype=float) + 1.0) / (int(draws) + 1)
    edges["null_mean"] = edges["null_sum"] / max(int(draws), 1)
    edges["p"] = poisson_tail(edges["weight"].to_numpy(), lam)
    edges["q"] = bh(edges["p"].to_numpy())
    edges["q_weight"] = weight_fdr(edges["weight"].to_numpy(), null_counts, int(draws))
    edges["survives"] = (edges["q"] <= fdr) & (edges["q_weight"] <= fdr)
    edges = edges.drop(columns="null_sum")
    return Calibration(pd.DataFrame(rows, columns=["draw", "pairs", "accounts"]), edges,
                       real_pairs=len(edges), real_accounts=_accounts(edges), min_weight=int(min_weight),
                       fdr=float(fdr))
