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
