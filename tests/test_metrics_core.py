"""helpers.metrics.core: tweet kinds, shares, ranking with deterministic ties, the overview table."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers.metrics import core

OPS3 = ["ira", "iranian", "venezuela"]


def test_ops_of_keeps_display_order_and_empty_operations(frames):
    t = frames.tweets([{"op": "iranian"}, {"op": "ira"}], ops=OPS3)
    assert core.ops_of(t) == OPS3
    plain = pd.DataFrame({"op": ["b", "a", "b"]})
    assert core.ops_of(plain) == ["b", "a"]


def test_labelled_names_missing_values():
    s = pd.Series(pd.Categorical(["ru", None, "en"]))
    assert core.labelled(s).tolist() == ["ru", core.EMPTY, "en"]


def test_tweet_kind_precedence(frames):
    t = frames.tweets([
        {},                                                               # original
        {"is_retweet": True, "in_reply_to_tweetid": "5", "in_reply_to_userid": "u9"},  # retweet of a reply
        {"is_retweet": True, "quoted_tweet_tweetid": "6"},                # retweet of a quote
        {"in_reply_to_tweetid": "7", "quoted_tweet_tweetid": "8"},        # reply quoting: a reply
        {"in_reply_to_userid": "u2"},                                      # reply known by user only
        {"quoted_tweet_tweetid": "9"},                                     # quote
    ])
    kinds = core.tweet_kind(t)
    assert kinds.tolist() == ["original", "retweet", "retweet", "reply", "reply", "quote"]
    assert list(kinds.cat.categories) == list(core.KINDS)
    assert kinds.index.equals(t.index)


def test_tweet_kind_keeps_the_frame_index(frames):
    t = frames.tweets([{}, {"is_retweet": True}, {"quoted_tweet_tweetid": "1"}])
    sub = t.iloc[[2, 1]]
    assert core.tweet_kind(sub).to_dict() == {2: "quote", 1: "retweet"}


def test_kind_counts_three_ops_one_empty(frames):
    t = frames.tweets([
        {"op": "ira", "is_retweet": True}, {"op": "ira", "is_retweet": True}, {"op": "ira"},
        {"op": "ira", "in_reply_to_tweetid": "1"},
        {"op": "venezuela", "quoted_tweet_tweetid": "2"},
    ], ops=OPS3)
    k = core.kind_counts(t).set_index(["op", "kind"])
    assert len(k) == 12  # every op x kind, also for the op without tweets
    assert k.loc[("ira", "retweet"), "tweets"] == 2
    assert k.loc[("ira", "retweet"), "share"] == pytest.approx(0.5)
    assert k.loc[("ira", "original"), "share"] == pytest.approx(0.25)
    assert k.loc[("ira", "quote"), "tweets"] == 0
    assert k.loc[("venezuela", "quote"), "share"] == pytest.approx(1.0)
    assert k.loc[("iranian", "original"), "tweets"] == 0
    assert math.isnan(k.loc[("iranian", "original"), "share"])


@pytest.mark.parametrize("ops", [["ira"], ["ira", "iranian"], OPS3])
def test_retweet_share_by_op(frames, ops):
    rows = [{"op": "ira", "is_retweet": r} for r in (True, True, True, False)]
    if len(ops) > 1:
        rows += [{"op": "iranian", "is_retweet": r} for r in (True, False, False, False, False)]
    t = frames.tweets(rows, ops=ops)
    s = core.retweet_share(t)
    assert list(s.index) == ops
    assert s["ira"] == pytest.approx(0.75)
    if len(ops) > 1:
        assert s["iranian"] == pytest.approx(0.2)
    if len(ops) == 3:
        assert math.isnan(s["venezuela"])  # no tweets: no share, not 0


def test_share_table_zero_total_gives_nan():
    counts = pd.DataFrame({"op": ["a", "a", "b"], "tweets": [1, 3, 0]})
    out = core.share_table(counts)
    assert out["share"].iloc[:2].tolist() == [0.25, 0.75]
    assert math.isnan(out["share"].iloc[2])
    assert "share" not in counts  # input left alone


def test_rank_within_breaks_ties_by_key_whatever_the_input_order():
    base = pd.DataFrame({"op": ["a"] * 4 + ["b"] * 2, "value": [5, 5, 7, 5, 1, 1],
                         "key": ["d", "b", "z", "c", "y", "x"]})
    expected = None
    for seed in range(5):
        shuffled = base.sample(frac=1, random_state=seed)
        out = core.rank_within(shuffled, "op", "value", "key", 3)
        got = list(zip(out["op"], out["rank"], out["key"]))
        assert got == [("a", 1, "z"), ("a", 2, "b"), ("a", 3, "c"), ("b", 1, "x"), ("b", 2, "y")]
        expected = expected or got
        assert got == expected


def test_top_values_counts_shares_ties_and_empty(frames):
    langs = ["ru"] * 3 + ["en"] * 2 + ["fr"] * 2 + [None]
    t = frames.tweets([{"op": "ira", "tweet_language": x} for x in langs]
                      + [{"op": "venezuela", "tweet_language": "es"}], ops=OPS3)
    top = core.top_values(t, "tweet_language", 3)
    ira = top[top["op"] == "ira"]
    assert ira["value"].tolist() == ["ru", "en", "fr"]  # en and fr tie at 2: alphabetical
    assert ira["rank"].tolist() == [1, 2, 3]
    assert ira["tweets"].tolist() == [3, 2, 2]
    assert ira["share"].tolist() == pytest.approx([3 / 8, 2 / 8, 2 / 8])
    everything = core.top_values(t, "tweet_language", None)
    assert core.EMPTY in everything["value"].tolist()
    assert everything.loc[everything["value"] == core.EMPTY, "share"].item() == pytest.approx(1 / 8)
    assert top[top["op"] == "iranian"].empty
    assert top[top["op"] == "venezuela"]["value"].tolist() == ["es"]


def test_top_values_unit_and_accounts(frames):
    users = frames.users([{"account_language": "en"}, {"account_language": "en-gb"}, {"account_language": "en"}])
    top = core.top_values(users, "account_language", 1, unit="accounts")
    assert list(top.columns) == ["op", "rank", "value", "accounts", "share"]
    assert top[["value", "accounts"]].values.tolist() == [["en", 2]]


def test_overview_counts_accounts_tweets_kinds_and_dates(frames):
    t = frames.tweets([
        {"op": "ira", "userid": "a", "tweet_time": "2014-01-02 03:04", "is_retweet": True, "user_is_hashed": True},
        {"op": "ira", "userid": "a", "tweet_time": "2016-05-06 07:08", "in_reply_to_tweetid": "1",
         "user_is_hashed": True},
        {"op": "ira", "userid": "TEN_GOP", "tweet_time": "2015-01-01 00:00", "quoted_tweet_tweetid": "2",
         "user_is_hashed": False},
        {"op": "ira", "userid": "b", "tweet_time": "2015-01-01 00:00", "user_is_hashed": True},
        {"op": "iranian", "userid": "c", "tweet_time": "2017-01-01 00:00", "user_is_hashed": True},
    ], ops=OPS3)
    users = frames.users([{"op": "ira", "userid": u, "user_is_hashed": h}
                          for u, h in (("a", True), ("b", True), ("TEN_GOP", False), ("silent", True))],
                         ops=["ira"])
    ov = core.overview(t, users).set_index("op")
    assert list(ov.index) == OPS3
    ira = ov.loc["ira"]
    assert ira["tweets"] == 4 and ira["accounts_with_tweets"] == 3
    assert ira["accounts_in_users_file"] == 4 and ira["accounts_without_tweets"] == 1
    assert ira["accounts_source"] == "users file"
    assert (ira["hashed_accounts"], ira["unhashed_accounts"]) == (3, 1)
    assert (ira["retweet_share"], ira["reply_share"], ira["quote_share"], ira["original_share"]) == \
        pytest.approx((0.25, 0.25, 0.25, 0.25))
    assert ira["first_tweet"] == pd.Timestamp("2014-01-02 03:04", tz="UTC")
    assert ira["last_tweet"] == pd.Timestamp("2016-05-06 07:08", tz="UTC")
    iran = ov.loc["iranian"]
    assert iran["accounts_source"] == "tweets file" and np.isnan(iran["accounts_in_users_file"])
    assert iran["hashed_accounts"] == 1 and iran["tweets"] == 1
    empty = ov.loc["venezuela"]
    assert empty["tweets"] == 0 and np.isnan(empty["retweet_share"]) and pd.isna(empty["first_tweet"])


def test_overview_single_operation_without_users(frames):
    t = frames.tweets([{"userid": "x", "user_is_hashed": False}, {"userid": "x", "user_is_hashed": False}])
    ov = core.overview(t, None)
    assert ov["op"].tolist() == ["ira"]
    assert ov.loc[0, "accounts_with_tweets"] == 1 and ov.loc[0, "unhashed_accounts"] == 1
    assert ov.loc[0, "accounts_source"] == "tweets file"
