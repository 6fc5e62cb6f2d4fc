"""Client applications: the top apps, their mix over time, and how much went through automation.

Classes come from `helpers/metrics/clients.yaml` (sources there): Twitter's own apps, scheduling and automation
services, custom apps run by the operations, and other apps.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from helpers.metrics.core import EMPTY, _label, is_engine, labelled, recode

CLASSES_FILE = Path(__file__).with_name("clients.yaml")
OTHER = "other apps"
AUTOMATED = ("scheduling", "custom")   # the classes whose tweets count as automated (keys of clients.yaml)


@lru_cache(maxsize=1)
def client_classes() -> dict:
    """The classes as {key: (label, lower-cased names, compiled patterns)}, in file order."""
    raw = yaml.safe_load(CLASSES_FILE.read_text(encoding="utf-8"))
    return {k: (v["label"], frozenset(n.casefold() for n in v["names"]),
                tuple(re.compile(p, re.I) for p in v.get("patterns", [])))
            for k, v in raw.items()}


def class_labels() -> list[str]:
    return [label for label, _, _ in client_classes().values()] + [OTHER, EMPTY]


def automated_labels() -> set[str]:
    """Labels of the client classes counted as automation (scheduling services, the operations' own apps):
    `automated_share` and the cross-operation fingerprint count the same classes."""
    return {client_classes()[k][0] for k in AUTOMATED}


def _class_of(name: str | None) -> str:
    clean = (name or "").strip()
    if name == EMPTY or not clean:
        return EMPTY
    for label, exact, patterns in client_classes().values():
        if clean.casefold() in exact or any(p.search(clean) for p in patterns):
            return label
    return OTHER


def classify(names: pd.Series) -> pd.Series:
    """Each tweet's client class label (`EMPTY` when the client name is missing or blank).
    Names are compared without surrounding spaces; each distinct name is classified once."""
    out = recode(labelled(names), _class_of, categories=class_labels())
    return out.rename("client_class")


def with_class(tweets):
    """The tweets with their `client_class` column (`classify`): a frame gains the column; the engine's
    tweets view gains it by a join on each distinct client name, classified once."""
    if is_engine(tweets):
        return tweets.with_recoded("tweet_client_name", lambda v: _class_of(_label(v)), "client_class")
    return tweets.assign(client_class=classify(tweets["tweet_client_name"]))


def class_shares(tweets: pd.DataFrame) -> pd.DataFrame:
    """Share of each op's tweets per client class: op, client_class, tweets, share."""
    if is_engine(tweets):
        got = with_class(tweets).query("SELECT op, client_class, count(*) AS n FROM {tweets} GROUP BY ALL")
        got = got.set_index(["op", "client_class"])["n"]
        grid = pd.MultiIndex.from_product([tweets.ops, class_labels()])
        out = pd.DataFrame({"op": pd.Categorical(grid.get_level_values(0), categories=tweets.ops),
                            "client_class": pd.Categorical(grid.get_level_values(1), categories=class_labels()),
                            "tweets": [int(got.get(k, 0)) for k in grid]})
    else:
        f = pd.DataFrame({"op": tweets["op"], "client_class": classify(tweets["tweet_client_name"])})
        out = f.groupby(["op", "client_class"], observed=False).size().rename("tweets").reset_index()
    totals = out.groupby("op", observed=False)["tweets"].transform("sum")
    out["share"] = (out["tweets"] / totals.where(totals > 0)).astype(float)
    return out


def automated_share(tweets: pd.DataFrame) -> pd.Series:
    """Share of each op's tweets posted through scheduling/automation services or custom apps."""
    c = class_shares(tweets)
    labels = automated_labels()
    # min_count=1: an operation without tweets has no share (NaN), not 0%
    return (c[c["client_class"].isin(labels)].groupby("op", observed=False)["share"].sum(min_count=1)
            .rename("automated_share"))
