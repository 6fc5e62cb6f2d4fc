"""Words and tables of the cross-operation report (notebook 11), computed from its tables.

In: the fingerprint (`helpers.metrics.fingerprint`), the groups, traits and nearest neighbours of
`helpers.metrics.resemblance`, and a label function. Out: plain-text sentences (the notebook escapes them
through `Session.say`) and tables formatted for reading. Nothing here computes a statistic.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from helpers.metrics import fingerprint
from helpers.present import prose

SHOWN = {"tweets": "tweets", "accounts": "accounts", "first_tweet": "first tweet", "last_tweet": "last tweet",
         "top_language": "top language", "top_language_share": "its share", "automated_share": "automated",
         "retweet_share": "retweets", "hashed_share": "hashed accounts", "engagement_per_tweet": "engagement per tweet",
         "peak_local_hour": "peak hour (home)", "office_hours_share": "office hours (home)",
         "top_domain": "top domain", "top_hashtag": "top hashtag",
         "coordinated_co_retweet": "co-retweet beyond chance", "coordinated_co_tweet": "co-tweet beyond chance"}


def fingerprint_table(fp: pd.DataFrame, ops: Sequence[str], label: Callable[[str], str]) -> pd.DataFrame:
    """The fingerprint's main columns for reading, one row per operation in the order of `ops`."""
    f = fp.set_index("op").loc[list(ops)].reset_index()
    coordination = [ft.column for ft in fingerprint.features_of(f) if ft in fingerprint.COORDINATION_FEATURES]
    out = prose.present(f, shares=["top_language_share", "automated_share", "retweet_share", "hashed_share",
                                   "office_hours_share", *coordination], counts=["tweets", "accounts"],
                        dates=["first_tweet", "last_tweet"])
    out["engagement_per_tweet"] = [("n/a" if prose.is_missing(v) else f"{v:,.2f}") for v in f["engagement_per_tweet"]]
    out["peak_local_hour"] = [("n/a" if prose.is_missing(v) else f"{int(v):02d}h") for v in f["peak_local_hour"]]
    out.insert(0, "operation", [label(op) for op in f["op"]])
    shown = [c for c in SHOWN if c in out and (c not in fingerprint.COORDINATION.values() or c in coordination)]
    return out[["operation", *shown]].rename(columns=SHOWN).fillna("n/a")


def standouts(long: pd.DataFrame, label: Callable[[str], str], n: int = 3) -> str:
    """The `n` values furthest from the operations' mean (largest |z|), as a sentence."""
    top = long.dropna(subset=["z"]).assign(a=lambda f: f["z"].abs())
    top = top[top["a"] > 0].sort_values(["a", "op", "feature"], ascending=[False, True, True]).head(n)
    if top.empty:
        return "No operation stands out: every feature has the same value in every operation."
    items = [f"{label(r.op)} on {r.feature} (z {r.z:+.1f}, {_direction(r.z)} the mean)" for r in top.itertuples()]
    return f"The values furthest from the operations' mean: {prose.listing(items)}."


def _direction(z: float) -> str:
    return "above" if z > 0 else "below"


def group_sentences(membership: pd.DataFrame, traits: pd.DataFrame, label: Callable[[str], str]) -> list[str]:
    """One sentence per group: its operations, and the features that set it apart (mean z-score)."""
    out = []
    for c, group in membership.groupby("cluster", sort=True):
        t = traits[traits["cluster"] == c]
        names = prose.listing([label(op) for op in group["op"]])
        apart = [f"{_direction(z)} the mean on {f} (mean z {z:+.1f})"
                 for f, z in zip(t["feature"], t["mean_z"]) if abs(z) >= 0.05]
        marks = prose.listing(apart) if apart else ""
        size = prose.plural(len(group), "operation")
        out.append(f"Group {int(c)} ({size}: {names}): "
                   + (f"{marks}." if marks else "close to the mean of the operations on every feature."))
    return out


def nearest_table(near: pd.DataFrame, membership: pd.DataFrame, label: Callable[[str], str]) -> pd.DataFrame:
    """Each operation, its group, its nearest other operation and the distance between their fingerprints."""
    m = near.merge(membership, on="op", how="left")
    return pd.DataFrame({"operation": [label(op) for op in m["op"]], "group": m["cluster"],
                         "most similar operation": [label(op) for op in m["nearest"]],
                         "distance": [f"{d:.2f}" for d in m["distance"]]})


def closest_pair(near: pd.DataFrame, label: Callable[[str], str]) -> str:
    """The two operations whose fingerprints are closest, and the two furthest from any other."""
    if near.empty:
        return "With a single operation there is nothing to compare."
    best = near.sort_values(["distance", "op"]).iloc[0]
    lone = near.sort_values(["distance", "op"], ascending=[False, True]).head(2)
    loners = prose.listing([f"{label(r.op)} ({r.distance:.2f})" for r in lone.itertuples()])
    return (f"The closest fingerprints are {label(best.op)} and {label(best.nearest)} (distance "
            f"{best.distance:.2f}); the operations least like any other are {loners}.")
