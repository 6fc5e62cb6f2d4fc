"""helpers.metrics.engagement: exact tables where mutation testing showed the tests of
tests/test_metrics_engagement.py left room (docs/mutation-testing.md): whole frames compared, columns,
dtypes and order included."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from helpers.data.engine import Engine
from helpers.metrics import engagement

OPS3 = ["ira", "iranian", "venezuela"]


def counts(like=0, retweet=0, reply=0, quote=0, **extra):
    return {"like_count": like, "retweet_count": retweet, "reply_count": reply, "quote_count": quote, **extra}


def test_account_totals_ranked_within_each_op_missing_counts_as_zero_ties_by_userid(frames):
    t = frames.tweets([counts(op="ira", userid="u1", like=3, retweet=1), counts(op="ira", userid="u1", like=None),
                       counts(op="ira", userid="u2", like=5), counts(op="ira", userid="u3", like=2, retweet=1),
                       counts(op="ira", userid="u0", like=3),
                       counts(op="iranian", userid="u4", like=1, retweet=7)], ops=OPS3)
    got = engagement.account_totals(t)
    assert list(got.columns) == ["op", "rank", "userid", "likes"]
    assert got.astype({"op": str}).values.tolist() == [
        ["ira", 1, "u2", 5], ["ira", 2, "u0", 3], ["ira", 3, "u1", 3], ["ira", 4, "u3", 2], ["iranian", 1, "u4", 1]]
    assert got["likes"].dtype == np.int64
    rt = engagement.account_totals(t, "retweet_count")
    assert list(rt.columns) == ["op", "rank", "userid", "retweets"]
    ira = rt[rt["op"] == "ira"]
    assert ira[["userid", "retweets", "rank"]].values.tolist() == [["u1", 1, 1], ["u3", 1, 2], ["u0", 0, 3],
                                                                   ["u2", 0, 4]]


def test_totals_are_nullable_integers(frames):
    t = frames.tweets([counts(op="ira", like=2), counts(op="ira", like=None)], ops=["ira", "iranian"])
    got = engagement.totals(t)
    assert got.dtypes.astype(str).tolist() == ["category", "Int64", "Int64", "Int64", "Int64"]
    assert got.astype({"op": str}).values.tolist() == [["ira", 2, 0, 0, 0], ["iranian", 0, 0, 0, 0]]


def test_ccdf_every_op_and_count_in_one_frame(frames):
    """An op whose likes are all missing still has its retweets (the loop goes on to the next count)."""
    t = frames.tweets([counts(op="ira", like=1), counts(op="ira", like=2),
                       counts(op="iranian", like=None, retweet=4)], ops=OPS3)
    got = engagement.ccdf(t)
    expected = pd.DataFrame({"op": ["ira", "ira", "iranian"], "metric": ["likes", "likes", "retweets"],
                             "value": np.array([1, 2, 4], dtype=np.int64), "share_at_least": [1.0, 0.5, 1.0]})
    pd.testing.assert_frame_equal(got.astype({"op": str}), expected)


def test_ccdf_and_lorenz_of_no_tweets_keep_their_columns(frames):
    empty = frames.tweets([], ops=["ira"])
    assert list(engagement.ccdf(empty).columns) == ["op", "metric", "value", "share_at_least"]
    assert list(engagement.lorenz(empty).columns) == ["op", "tweet_share", "engagement_share"]


def test_lorenz_defaults_to_likes_at_200_points_for_every_op_with_engagement(frames):
    """An op without likes (first here) gets no curve, and the ops after it still do; missing counts are 0."""
    t = frames.tweets([counts(op="ira", like=0, retweet=9), counts(op="iranian", like=3),
                       counts(op="iranian", like=None)], ops=OPS3)
    got = engagement.lorenz(t)
    assert list(got.columns) == ["op", "tweet_share", "engagement_share"]
    assert got.index.tolist() == list(range(201))
    assert set(got["op"].astype(str)) == {"iranian"}
    assert got["tweet_share"].tolist() == np.linspace(0, 1, 201).tolist()
    # two tweets, one with all the likes (the missing count is 0): the first tweet holds everything; the
    # grid is read at the nearest tweet (0.25 of two tweets rounds to none)
    assert got["engagement_share"].tolist() == [0.0] * 51 + [1.0] * 150


def test_lorenz_of_two_ops_has_a_fresh_index(frames):
    t = frames.tweets([counts(op="ira", like=1), counts(op="iranian", like=1)], ops=OPS3)
    got = engagement.lorenz(t, points=2)
    assert got.index.tolist() == list(range(6))
    assert got["op"].astype(str).tolist() == ["ira"] * 3 + ["iranian"] * 3


def test_concentration_defaults_top_1_percent_of_tweets_and_top_10_accounts(frames):
    """120 tweets: 1% is 1.2 tweets, so the top 2 tweets (rounded up, never to the nearest); 12 accounts,
    the top 10 of them. A missing count is 0."""
    rows = [counts(op="ira", userid=f"a{i:02d}", like=i + 1) for i in range(12)]
    rows += [counts(op="ira", userid="a00", like=0) for _ in range(107)]
    rows += [counts(op="ira", userid="a00", like=None)]
    t = frames.tweets(rows, ops=OPS3)
    got = engagement.concentration(t).set_index(["op", "metric"])
    likes = got.loc[("ira", "likes")]
    assert likes["total"] == 78
    assert likes["top_tweets_share"] == (12 + 11) / 78
    assert likes["top_accounts_share"] == sum(range(3, 13)) / 78


def test_no_division_warning_for_an_op_without_engagement(frames):
    """Shares of nothing are NaN by choice, not by a 0 / 0 that warns in the notebook output."""
    t = frames.tweets([counts(op="ira", like=None, retweet=None, reply=None, quote=None), counts(op="ira")],
                      ops=["ira", "iranian"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        z = engagement.zero_share(t)
        c = engagement.concentration(t)
    assert z.loc[z["op"] == "iranian", "share_zero"].isna().all()
    assert c["top_tweets_share"].isna().all() and c["top_accounts_share"].isna().all()


def test_top_accounts_exact_frame_ops_in_order(frames):
    users = frames.users([
        {"op": "iranian", "userid": "x", "follower_count": 6_000, "user_is_hashed": False},
        {"op": "ira", "userid": "a", "follower_count": 10, "user_is_hashed": False},
        {"op": "ira", "userid": "b", "follower_count": 20, "user_is_hashed": False},
    ], ops=OPS3)
    got = engagement.top_accounts(users, 5)
    assert list(got.columns) == ["op", "rank", "userid", "user_screen_name", "follower_count"]
    assert got.index.tolist() == [0, 1, 2]
    assert got.astype({"op": str})[["op", "rank", "userid", "follower_count"]].values.tolist() == [
        ["ira", 1, "b", 20], ["ira", 2, "a", 10], ["iranian", 1, "x", 6_000]]


def test_concentration_takes_at_least_one_tweet_and_no_more(frames):
    """Ten tweets: 1% of them is a tenth of a tweet, so the top tweet alone."""
    t = frames.tweets([counts(op="ira", userid="a", like=v) for v in (5, 4, 1, 0, 0, 0, 0, 0, 0, 0)])
    got = engagement.concentration(t).set_index("metric")
    assert got.loc["likes", "top_tweets_share"] == 0.5
    assert got.loc["likes", "top_accounts_share"] == 1.0


# ---------------------------------------------------------------- engine paths (run of 30 November, 19:35)
# Each source below is a crafted frame and the out-of-core engine over the same rows (`Engine.of_frames`),
# built once for the module (mutmut reruns these tests per mutant); the frame path is the oracle.

BIG = 2**53   # the first integer a float64 cannot tell from its successor: sums must stay integers


@pytest.fixture(scope="module")
def crafted():
    """name -> (frame, engine) of hand-made tweets; answers known by construction."""
    from conftest import FrameBuilder
    build = FrameBuilder()
    sources = {
        # operations in the run's order, not alphabetical; "iranian" has no tweet
        "order": build.tweets([counts(op="venezuela", like=4, retweet=1), counts(op="venezuela", like=None),
                               counts(op="ira", like=1), counts(op="ira", like=2, quote=5)],
                              ops=["venezuela", "ira", "iranian"]),
        "none": build.tweets([], ops=[]),
        # two likes missing (0 in concentration), and an operation whose only like is missing
        "missing": build.tweets([counts(op="ira", userid="a", like=3), counts(op="ira", userid="b", like=1),
                                 counts(op="ira", userid="c", like=None), counts(op="ira", userid="d", like=None),
                                 counts(op="iranian", userid="e", like=None)], ops=["ira", "iranian"]),
        "repeated": build.tweets([counts(op="ira", like=2), counts(op="ira", like=2), counts(op="ira", like=0)],
                                 ops=["ira"]),
        # counts beyond float64's exact integers: an account of BIG likes and two of one like
        "big": build.tweets([counts(op="ira", userid="a", like=BIG), counts(op="ira", userid="b", like=1),
                             counts(op="ira", userid="c", like=1)], ops=["ira"]),
        "bigger": build.tweets([counts(op="ira", like=BIG + 1), counts(op="ira", like=1), counts(op="ira", like=1)],
                               ops=["ira"]),
    }
    return {name: (frame, Engine.of_frames(tweets=frame)) for name, frame in sources.items()}


def test_mean_per_tweet_per_op_in_the_run_order_nan_without_any_count(crafted):
    """Both paths: one value per operation of the run, in its order (the categories too), NaN for an
    operation without tweets and a float for the others. Kills mean_per_tweet _13 and _16 (categories
    sorted), _29 and _31 (an op absent from the engine's result looked up), _38 and _41 (observed=True
    drops the op without tweets)."""
    ops = ["venezuela", "ira", "iranian"]
    index = pd.CategoricalIndex(ops, categories=ops, name="op")
    for source in crafted["order"]:
        pd.testing.assert_series_equal(engagement.mean_per_tweet(source),
                                       pd.Series([4.0, 1.5, np.nan], index=index, name="like_count"))
        pd.testing.assert_series_equal(engagement.mean_per_tweet(source, "quote_count"),
                                       pd.Series([0.0, 2.5, np.nan], index=index, name="quote_count"))


def test_mean_per_tweet_of_a_run_without_operations_is_an_empty_float_series(crafted):
    """Kills mean_per_tweet _22 and _26 (without dtype=float an empty Series is of objects)."""
    for source in crafted["none"]:
        got = engagement.mean_per_tweet(source)
        assert len(got) == 0 and got.dtype == np.float64 and got.name == "like_count"


def test_totals_per_op_in_the_run_order_categories_included(crafted):
    """Kills totals _25 and _28 (the engine's op categories sorted instead of the run's order)."""
    ops = ["venezuela", "ira", "iranian"]
    sums = {"likes": [4, 3, 0], "retweets": [1, 0, 0], "replies": [0, 0, 0], "quotes": [0, 5, 0]}
    expected = pd.DataFrame({"op": pd.Categorical(ops, categories=ops),
                             **{name: pd.array(values, dtype="Int64") for name, values in sums.items()}})
    for source in crafted["order"]:
        pd.testing.assert_frame_equal(engagement.totals(source), expected)


def test_concentration_counts_a_missing_count_as_a_tweet_of_zero(crafted):
    """Four tweets, two likes missing: the top half is two tweets (3 and 1 likes, all of them), not one of
    the two known ones; an operation whose only like is missing keeps its row (total 0). Both paths.
    Kills concentration _8 (missing=None) and _13 (missing="ZERO"): missing counts skipped."""
    nan = np.nan
    expected = pd.DataFrame({"op": ["ira"] * 4 + ["iranian"] * 4,
                             "metric": ["likes", "retweets", "replies", "quotes"] * 2,
                             "total": [4, 0, 0, 0, 0, 0, 0, 0],
                             "top_tweets_share": [1.0, nan, nan, nan, nan, nan, nan, nan],
                             "top_accounts_share": [0.75, nan, nan, nan, nan, nan, nan, nan]})
    for source in crafted["missing"]:
        got = engagement.concentration(source, top_tweets=0.5, top_accounts=1)
        pd.testing.assert_frame_equal(got.astype({"op": str}), expected)


def test_lorenz_total_counts_every_tweet_of_a_repeated_value(crafted):
    """Likes 2, 2, 0: the total is 4 (a histogram's value times its tweets). Both paths.
    Kills lorenz _26 (value / tweets: a total of 1)."""
    expected = pd.DataFrame({"op": ["ira"] * 4, "tweet_share": np.linspace(0, 1, 4),
                             "engagement_share": [0.0, 0.5, 1.0, 1.0]})
    for source in crafted["repeated"]:
        pd.testing.assert_frame_equal(engagement.lorenz(source, points=3).astype({"op": str}), expected)


def test_concentration_sums_accounts_in_integers_beyond_float_precision(crafted):
    """An account of 2**53 likes and two of one like: the top accounts hold all 2**53 + 2 likes (a float
    sum would lose the two single likes). Both paths. Kills _account_sums _9 (the engine's sums as floats)."""
    for source in crafted["big"]:
        likes = engagement.concentration(source).set_index("metric").loc["likes"]
        assert likes["total"] == BIG + 2
        assert likes["top_accounts_share"] == 1.0
        assert likes["top_tweets_share"] == BIG / (BIG + 2)


def test_lorenz_sums_tweets_in_integers_beyond_float_precision(crafted):
    """Likes 2**53 + 1, 1, 1: the curve holds the exact integer sums of the top tweets over the total.
    Both paths. Kills lorenz _33 (the positions as floats, summed in floats)."""
    total = BIG + 3
    expected = np.array([0, BIG + 1, BIG + 2, BIG + 3], dtype=np.int64) / total
    assert expected[2] != BIG / total   # the float sum would give this
    for source in crafted["bigger"]:
        got = engagement.lorenz(source, points=3)
        assert got["engagement_share"].tolist() == expected.tolist()


def test_top_sums_of_an_empty_histogram_or_of_no_tweets_is_zero():
    """The sum of the m largest values is 0 for an empty histogram whatever m, and for m <= 0 (a negative
    m included). Kills _top_sums _39 (indexing an empty histogram), _40 (1 for an empty histogram's
    value) and _41 (no guard for m <= 0)."""
    empty = np.array([], dtype=np.int64)
    m = np.array([-1, 0, 1, 3])
    assert engagement._top_sums(empty, empty, m).tolist() == [0, 0, 0, 0]
    values, tweets = np.array([5, 2], dtype=np.int64), np.array([1, 3], dtype=np.int64)
    assert engagement._top_sums(values, tweets, np.array([-2, -1, 0, 1, 2, 4])).tolist() == [0, 0, 0, 5, 7, 11]
