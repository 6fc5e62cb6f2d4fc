"""helpers.metrics.clients: what mutation testing showed no other test pinned down (docs/mutation-testing.md):
the names of the columns the notebooks join on."""

from __future__ import annotations

import pandas as pd

from helpers.metrics import clients


def test_classify_names_its_result_client_class():
    got = clients.classify(pd.Series(["IFTTT"], name="tweet_client_name"))
    assert got.name == "client_class"


def test_automated_share_is_named_automated_share(frames):
    t = frames.tweets([{"op": "ira", "tweet_client_name": "IFTTT"}, {"op": "ira", "tweet_client_name": "x"}])
    got = clients.automated_share(t)
    assert got.name == "automated_share"
    assert got.to_dict() == {"ira": 0.5}


# The engine path (issue 16), measured with tests/unit/metrics/test_metrics_engine.py (30 November, 21:00).

def test_class_shares_from_the_engine_keep_the_operations_order_not_the_alphabet(frames):
    """Operations listed out of alphabetical order (venezuela before ira; iranian without tweets): every op
    and class gets a row, in the run's order of operations, and the op column's categories keep that order
    (notebook 05 draws the operations in it); the same table as from the frame. Kills
    x_class_shares__mutmut_23 (categories=None: sorted)."""
    from helpers.data.engine import Engine
    ops = ["venezuela", "ira", "iranian"]
    t = frames.tweets([{"op": "venezuela", "tweet_client_name": "IFTTT"},
                       {"op": "venezuela", "tweet_client_name": "bronislav"},
                       {"op": "venezuela", "tweet_client_name": "Twitter Web Client"},
                       {"op": "ira", "tweet_client_name": None}], ops=ops)
    labels = clients.class_labels()
    expected_tweets = {("venezuela", "Twitter's own apps"): 1, ("venezuela", "scheduling and automation services"): 1,
                       ("venezuela", "custom apps run by the operations"): 1, ("ira", "(empty)"): 1}
    expected = pd.DataFrame({
        "op": pd.Categorical([op for op in ops for _ in labels], categories=ops),
        "client_class": pd.Categorical(labels * len(ops), categories=labels),
        "tweets": [expected_tweets.get((op, c), 0) for op in ops for c in labels]})
    totals = {"venezuela": 3, "ira": 1, "iranian": 0}
    expected["share"] = [n / totals[op] if totals[op] else float("nan")
                         for op, n in zip(expected["op"], expected["tweets"])]
    got = clients.class_shares(Engine.of_frames(t))
    pd.testing.assert_frame_equal(got, expected)
    pd.testing.assert_frame_equal(clients.class_shares(t), expected)
    assert list(got["op"].cat.categories) == ops
    auto = clients.automated_share(Engine.of_frames(t))
    assert auto.index.tolist() == ops and auto.iloc[:2].tolist() == [2 / 3, 0.0] and pd.isna(auto.iloc[2])
