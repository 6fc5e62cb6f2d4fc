"""helpers.metrics.clients: client classes from clients.yaml, class shares, the automated share."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.metrics import clients
from helpers.metrics.core import EMPTY

OPS3 = ["ira", "iranian", "venezuela"]
OFFICIAL, SCHEDULING, CUSTOM = (clients.client_classes()[k][0] for k in ("official", "scheduling", "custom"))


def test_class_labels_in_file_order_then_other_and_empty():
    assert clients.class_labels() == [OFFICIAL, SCHEDULING, CUSTOM, clients.OTHER, EMPTY]


@pytest.mark.parametrize("name, label", [
    ("Twitter Web Client", OFFICIAL),
    ("twitter web client", OFFICIAL),           # exact names, any case
    ("TWEETDECK", OFFICIAL),
    ("Twitter Web Client Pro", clients.OTHER),  # exact, not a prefix
    ("dlvr.it", SCHEDULING),
    ("IFTTT", SCHEDULING),
    ("bronislav", CUSTOM),
    ("GenerationΠ", CUSTOM),                     # case folding beyond ASCII
    ("IUVM Today", CUSTOM),                      # pattern ^iuvm
    ("iuvmpressbot", CUSTOM),
    ("my iuvmonline app", CUSTOM),               # pattern iuvmonline anywhere
    ("Xiuvm", clients.OTHER),                    # ^iuvm only at the start
    (" bronislav ", CUSTOM),                     # stray spaces around a name
    ("Unknown App", clients.OTHER),
    (None, EMPTY),
    ("", EMPTY),
    ("   ", EMPTY),
])
def test_classify(name, label):
    names = pd.Series(pd.Categorical([name, "Twitter for iPhone"]))
    got = clients.classify(names)
    assert got.tolist() == [label, OFFICIAL]
    assert list(got.cat.categories) == clients.class_labels()


def test_classify_keeps_the_index():
    names = pd.Series(pd.Categorical(["IFTTT", None]), index=[7, 3])
    assert clients.classify(names).to_dict() == {7: SCHEDULING, 3: EMPTY}


@pytest.fixture
def client_tweets(frames):
    names = ["Twitter Web Client", "twitterfeed", "twitterfeed", "bronislav", "Some App", None, "IUVM Today",
             "Twitter for Android"]
    ops = ["ira"] * 6 + ["iranian"] * 2
    return frames.tweets([{"op": o, "tweet_client_name": n} for o, n in zip(ops, names)], ops=OPS3)


def test_class_shares(client_tweets):
    c = clients.class_shares(client_tweets).set_index(["op", "client_class"])
    assert len(c) == 3 * 5  # every op x class
    assert c.loc[("ira", SCHEDULING), "tweets"] == 2
    assert c.loc[("ira", SCHEDULING), "share"] == pytest.approx(2 / 6)
    assert c.loc[("ira", EMPTY), "share"] == pytest.approx(1 / 6)
    assert c.loc[("ira", clients.OTHER), "tweets"] == 1
    assert c.loc[("iranian", CUSTOM), "share"] == pytest.approx(0.5)
    assert c.loc[("venezuela", OFFICIAL), "tweets"] == 0
    assert math.isnan(c.loc[("venezuela", OFFICIAL), "share"])


def test_automated_share(client_tweets):
    auto = clients.automated_share(client_tweets)
    assert list(auto.index) == OPS3
    assert auto["ira"] == pytest.approx(3 / 6)      # twitterfeed x2 + bronislav
    assert auto["iranian"] == pytest.approx(1 / 2)
    assert math.isnan(auto["venezuela"])           # no tweets: unknown, not 0%


def test_automated_share_single_op_none_automated(frames):
    t = frames.tweets([{"tweet_client_name": "Twitter for iPhone"}])
    assert clients.automated_share(t).tolist() == [0.0]
