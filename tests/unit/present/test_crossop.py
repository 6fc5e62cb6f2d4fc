"""The cross-operation report's figures and words (helpers.present.plots.crossop, helpers.present.crossop):
readable with the archive's 48 operations, words computed from the tables."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from helpers.data import catalog
from helpers.metrics import resemblance
from helpers.present import crossop
from helpers.present.plots import crossop as plots

OPS = [d.op for d in catalog.datasets()]


def label(op: str) -> str:
    return catalog.lookup(op).label


def _long(ops, features=("tweets (log)", "retweet share", "reply share")) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    rows = [{"op": op, "feature": f, "z": float(rng.normal())} for op in ops for f in features]
    rows[1]["z"] = float("nan")
    return pd.DataFrame(rows)


def _overlaps(fig, labels) -> int:
    fig.canvas.draw()
    boxes = [t.get_window_extent(fig.canvas.get_renderer()) for t in labels if t.get_text()]
    return sum(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_heatmap_of_48_operations_has_one_readable_label_per_row():
    fig = plots.fingerprint_heatmap(_long(OPS), OPS, label, {op: 1 + i % 3 for i, op in enumerate(OPS)}, [2, 7])
    ax = fig.axes[0]
    labels = ax.get_yticklabels()
    assert [t.get_text() for t in labels] == [label(op) for op in OPS]
    assert _overlaps(fig, labels) == 0 and _overlaps(fig, ax.get_xticklabels()) == 0
    assert fig.get_size_inches()[1] >= 48 * plots.ROW
    assert sum(t.get_text().startswith("group ") for t in ax.texts) == 48
    plt.close(fig)


def test_dendrogram_places_every_operation_once_without_overlap():
    points = np.random.default_rng(2).normal(size=(48, 4))
    membership, tree = resemblance.clusters(points, OPS)
    fig = plots.dendrogram(tree, OPS, label, dict(zip(membership["op"], membership["cluster"])))
    labels = fig.axes[0].get_yticklabels()
    assert sorted(t.get_text().split("  (group")[0] for t in labels) == sorted(label(op) for op in OPS)
    assert _overlaps(fig, labels) == 0
    plt.close(fig)


def test_group_sentences_name_members_and_what_sets_them_apart():
    membership = pd.DataFrame({"op": ["ira", "iranian", "gru_202012"], "cluster": [1, 1, 2]})
    traits = pd.DataFrame({"cluster": [1, 1, 2], "members": [2, 2, 1], "feature": ["retweet share", "reply share", "x"],
                           "mean_z": [1.25, -0.5, 0.01]})
    first, second = crossop.group_sentences(membership, traits, label)
    assert first.startswith("Group 1 (2 operations: Russia IRA (Oct 2018) and Iran (Oct 2018))")
    assert "above the mean on retweet share (mean z +1.2)" in first and "below the mean on reply share" in first
    assert second.endswith("close to the mean of the operations on every feature.")


def test_fingerprint_table_orders_and_formats():
    fp = pd.DataFrame({"op": ["iranian", "ira"], "tweets": [1000, 20], "accounts": [10, np.nan],
                       "first_tweet": pd.to_datetime(["2014-01-02", "2015-03-04"], utc=True),
                       "last_tweet": pd.to_datetime(["2018-01-02", "2016-03-04"], utc=True),
                       "top_language": ["fr", "ru"], "top_language_share": [0.5, 0.25], "automated_share": [0.1, 0],
                       "retweet_share": [0.2, 0.3], "hashed_share": [0.9, np.nan],
                       "engagement_per_tweet": [1.5, np.nan], "peak_local_hour": [7, np.nan],
                       "office_hours_share": [0.4, 0.5], "top_domain": ["a.example", None],
                       "top_hashtag": ["x", "y"]})
    t = crossop.fingerprint_table(fp, ["ira", "iranian"], label)
    assert t["operation"].tolist() == ["Russia IRA (Oct 2018)", "Iran (Oct 2018)"]
    assert t.loc[1, "tweets"] == "1,000" and t.loc[1, "peak hour (home)"] == "07h"
    assert t.loc[0, "peak hour (home)"] == "n/a"
    assert t.loc[0, "top domain"] == "n/a" and t.loc[1, "engagement per tweet"] == "1.50"


def test_closest_pair_and_nearest_table():
    near = pd.DataFrame({"op": ["ira", "iranian", "gru_202012"], "nearest": ["iranian", "ira", "ira"],
                         "distance": [0.5, 0.5, 2.25]})
    text = crossop.closest_pair(near, label)
    assert text.startswith("The closest fingerprints are Russia IRA (Oct 2018) and Iran (Oct 2018) (distance 0.50)")
    assert "Russia - state actors/GRU (Feb 2021) (2.25)" in text
    table = crossop.nearest_table(near, pd.DataFrame({"op": near["op"], "cluster": [1, 1, 2]}), label)
    assert table["most similar operation"].tolist()[2] == "Russia IRA (Oct 2018)"
    assert table["group"].tolist() == [1, 1, 2]
    assert crossop.closest_pair(near.iloc[:0], label).startswith("With a single operation")


@pytest.mark.parametrize("n", [1, 2])
def test_figures_draw_with_one_or_two_operations(n):
    ops = OPS[:n]
    fig = plots.fingerprint_heatmap(_long(ops), ops, label)
    assert len(fig.axes[0].get_yticklabels()) == n
    plt.close(fig)


def test_standouts_name_the_values_furthest_from_the_mean():
    long = pd.DataFrame({"op": ["ira", "iranian", "ira", "iranian"], "feature": ["a", "a", "b", "b"],
                         "z": [0.5, -0.5, 2.5, float("nan")]})
    text = crossop.standouts(long, label, n=2)
    assert text == ("The values furthest from the operations' mean: Russia IRA (Oct 2018) on b (z +2.5, above the "
                    "mean) and Russia IRA (Oct 2018) on a (z +0.5, above the mean).")
    assert crossop.standouts(long.assign(z=0.0), label).startswith("No operation stands out")


def test_fingerprint_table_shows_the_coordination_shares_only_when_known():
    base = {"op": ["ira", "iranian"], "tweets": [10, 20], "accounts": [2, 3], "first_tweet": pd.to_datetime(
        ["2015-01-01", "2016-01-01"]), "last_tweet": pd.to_datetime(["2015-02-01", "2016-02-01"]),
        "top_language": ["ru", "fa"], "top_language_share": [0.5, 0.25], "automated_share": [0.0, 0.5],
        "retweet_share": [0.5, 0.5], "hashed_share": [1.0, 1.0], "engagement_per_tweet": [1.0, 2.0],
        "peak_local_hour": [9, 10], "office_hours_share": [0.5, 0.5], "top_domain": ["a.ru", "b.ir"],
        "top_hashtag": ["x", "y"]}
    without = crossop.fingerprint_table(pd.DataFrame(base), ["ira", "iranian"], label)
    assert "co-retweet beyond chance" not in without and "co-tweet beyond chance" not in without
    known = pd.DataFrame(dict(base, coordinated_co_retweet=[0.125, np.nan], coordinated_co_tweet=[np.nan, np.nan]))
    with_shares = crossop.fingerprint_table(known, ["ira", "iranian"], label)
    assert "co-tweet beyond chance" not in with_shares          # no operation has a value: no column
    assert list(with_shares.columns[-1:]) == ["co-retweet beyond chance"]
    assert with_shares["co-retweet beyond chance"].tolist() == ["12.5%", "n/a"]
