"""helpers.metrics.concentration: tweets and engagement per account (CCDF, top 1%, Gini), example tweets."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.metrics import concentration

OPS3 = ["ira", "iranian", "venezuela"]


def _rows(op, userid, n, likes=0, **extra):
    return [dict({"op": op, "userid": userid, "like_count": likes}, **extra) for _ in range(n)]


@pytest.mark.parametrize("values, expected", [
    ([5, 5, 5, 5], 0.0),              # everyone the same
    ([0, 0, 0, 10], 0.75),            # one of four has all: (n - 1) / n
    ([1, 2, 3, 4], 0.25),             # sum |xi - xj| / (2 n^2 mean) = 20 / 80
    ([7], 0.0),
])
def test_gini_known_values(values, expected):
    assert concentration.gini(values) == pytest.approx(expected)
    assert concentration.gini(list(reversed(values))) == pytest.approx(expected)  # order does not matter


@pytest.mark.parametrize("values", [[], [0, 0, 0]])
def test_gini_without_anything_to_spread_is_nan(values):
    assert np.isnan(concentration.gini(values))


@pytest.mark.parametrize("n, k", [(0, 0), (1, 1), (50, 1), (100, 1), (101, 2), (3667, 37), (700, 7)])
def test_top_count_rounds_up_and_keeps_at_least_one(n, k):
    assert concentration.top_count(n) == k


def test_per_account_counts_tweets_and_all_four_kinds_of_engagement(frames):
    t = frames.tweets([
        {"op": "ira", "userid": "a", "like_count": 2, "retweet_count": 1, "reply_count": 1, "quote_count": 1},
        {"op": "ira", "userid": "a", "like_count": None, "retweet_count": 3},   # a missing count adds nothing
        {"op": "ira", "userid": "b"},
        {"op": "venezuela", "userid": "a", "like_count": 7},                    # the same id in another op
    ], ops=OPS3)
    got = concentration.per_account(t)
    assert got[["op", "userid", "tweets", "engagement"]].astype(str).values.tolist() == [
        ["ira", "a", "2", "8"], ["ira", "b", "1", "0"], ["venezuela", "a", "1", "7"]]
    assert got["userid"].map(type).eq(str).all()


def test_summary_top_share_threshold_median_and_gini(frames):
    # 100 accounts: one wrote 901 tweets (10 likes each), 99 wrote one (no likes)
    rows = _rows("ira", "big", 901, likes=10) + [r for i in range(99) for r in _rows("ira", f"u{i:02d}", 1)]
    s = concentration.summary(concentration.per_account(frames.tweets(rows, ops=OPS3))).set_index("quantity")
    tw, en = s.loc["tweets"], s.loc["engagement"]
    assert (tw["accounts"], tw["total"], tw["top_accounts"], tw["threshold"], tw["median"]) == (100, 1000, 1, 901, 1)
    assert tw["top_share"] == pytest.approx(0.901)
    assert tw["gini"] == pytest.approx(concentration.gini([901] + [1] * 99))
    assert (en["total"], en["top_share"], en["median"]) == (9010, 1.0, 0)
    assert en["gini"] == pytest.approx(0.99)
    assert set(s["op"]) == {"ira"}  # operations without tweets have no accounts to spread over


def test_summary_without_engagement_says_nan_not_zero(frames):
    s = concentration.summary(concentration.per_account(frames.tweets(_rows("ira", "a", 3), ops=OPS3)))
    en = s[s["quantity"] == "engagement"].iloc[0]
    assert en["total"] == 0 and np.isnan(en["top_share"]) and np.isnan(en["gini"])


def test_ccdf_counts_every_account_in_the_denominator(frames):
    rows = _rows("ira", "a", 3, likes=1) + _rows("ira", "b", 1, likes=5) + _rows("ira", "c", 1)
    c = concentration.ccdf(concentration.per_account(frames.tweets(rows, ops=OPS3)))
    tw = c[c["quantity"] == "tweets"]
    assert tw["value"].tolist() == [1, 3] and tw["accounts_at_least"].tolist() == [3, 1]
    assert tw["share_at_least"].tolist() == pytest.approx([1.0, 1 / 3])
    en = c[c["quantity"] == "engagement"]  # c has no engagement: not drawn (log axis), still counted
    assert en["value"].tolist() == [3, 5] and en["share_at_least"].tolist() == pytest.approx([2 / 3, 1 / 3])


def test_ccdf_and_summary_of_nothing_are_empty(frames):
    acc = concentration.per_account(frames.tweets([], ops=OPS3))
    assert concentration.ccdf(acc).empty and concentration.summary(acc).empty
    assert list(concentration.ccdf(acc).columns) == ["op", "quantity", "value", "accounts_at_least",
                                                     "share_at_least"]


def test_account_name_hash_or_screen_name():
    h = "249064136b1c5cb00a705316ab73dd9b53785748ab757f02df7e7a9876906139"
    assert concentration.account_name(h, h, True) == h
    assert concentration.account_name("2572896396", "TEN_GOP", False) == "@TEN_GOP"
    assert concentration.account_name("2572896396", None, False) == "2572896396"


def test_top_tweets_ranked_deterministically_with_string_ids(frames):
    h = "ab" * 32
    t = frames.tweets([
        {"op": "ira", "tweetid": "900000000000000001", "userid": h, "user_screen_name": h, "like_count": 5,
         "tweet_text": "<script>alert(1)</script> $x$"},
        {"op": "ira", "tweetid": "99", "userid": "42", "user_screen_name": "TEN_GOP", "user_is_hashed": False,
         "retweet_count": 5},                                                    # tie on 5: the smaller id first
        {"op": "ira", "tweetid": "100", "userid": h, "user_screen_name": h, "quote_count": 9, "reply_count": 1},
        {"op": "ira", "tweetid": "7", "userid": h, "user_screen_name": h},     # no engagement: never an example
        {"op": "iranian", "tweetid": "1207965844074107000", "userid": "x", "user_screen_name": "x", "like_count": 1},
    ], ops=OPS3)
    got = concentration.top_tweets(t, 2)
    ira = got[got["op"] == "ira"]
    assert ira["tweetid"].tolist() == ["100", "99"] and ira["rank"].tolist() == [1, 2]
    assert ira["engagement"].tolist() == [10, 5] and ira["account"].tolist() == [h, "@TEN_GOP"]
    assert got[got["op"] == "iranian"]["tweetid"].tolist() == ["1207965844074107000"]  # never through float
    # shuffled input, same table
    again = concentration.top_tweets(t.sample(frac=1, random_state=3), 2)
    pd.testing.assert_frame_equal(got, again)
    assert concentration.top_tweets(t, 3)[lambda f: f["op"] == "ira"]["tweetid"].tolist() == \
        ["100", "99", "900000000000000001"]
