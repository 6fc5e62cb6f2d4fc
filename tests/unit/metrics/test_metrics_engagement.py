"""helpers.metrics.engagement: totals, zero engagement, CCDF, concentration, the most-followed accounts."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers.metrics import engagement

OPS3 = ["ira", "iranian", "venezuela"]


def counts(like=0, retweet=0, reply=0, quote=0, **extra):
    return {"like_count": like, "retweet_count": retweet, "reply_count": reply, "quote_count": quote, **extra}


@pytest.fixture
def engaged(frames):
    return frames.tweets([
        counts(op="ira"), counts(op="ira"), counts(op="ira", like=1), counts(op="ira", quote=2),
        counts(op="iranian", like=None), counts(op="iranian", like=3, retweet=4, reply=5, quote=6),
    ], ops=OPS3)


def test_totals_skip_missing_counts(engaged):
    tot = engagement.totals(engaged).set_index("op")
    assert list(tot.columns) == ["likes", "retweets", "replies", "quotes"]
    assert tot.loc["ira"].tolist() == [1, 0, 0, 2]
    assert tot.loc["iranian"].tolist() == [3, 4, 5, 6]
    assert tot.loc["venezuela"].tolist() == [0, 0, 0, 0]


def test_zero_share(engaged):
    z = engagement.zero_share(engaged).set_index(["op", "metric"])
    assert z.loc[("ira", "any engagement"), "share_zero"] == pytest.approx(0.5)
    assert z.loc[("ira", "any engagement"), "tweets"] == 4
    assert z.loc[("ira", "likes"), "share_zero"] == pytest.approx(0.75)
    assert z.loc[("ira", "quotes"), "share_zero"] == pytest.approx(0.75)
    # a missing like count leaves that tweet out of the likes denominator only
    assert z.loc[("iranian", "likes"), "tweets"] == 1
    assert z.loc[("iranian", "likes"), "share_zero"] == pytest.approx(0.0)
    assert z.loc[("iranian", "retweets"), "share_zero"] == pytest.approx(0.5)
    assert math.isnan(z.loc[("venezuela", "any engagement"), "share_zero"])


def test_zero_share_a_tweet_with_a_known_positive_count_is_engaged(frames):
    t = frames.tweets([counts(like=None, retweet=3), counts(), counts(like=None)])
    z = engagement.zero_share(t).set_index("metric")
    # tweet 1 surely had engagement; tweet 2 surely had none; tweet 3 is unknown (a missing count, zeros else)
    assert z.loc["any engagement", "tweets"] == 2
    assert z.loc["any engagement", "share_zero"] == pytest.approx(0.5)


def test_ccdf(frames):
    t = frames.tweets([counts(like=v) for v in (0, 0, 1, 1, 3, None)])
    c = engagement.ccdf(t)
    likes = c[c["metric"] == "likes"]
    assert likes["value"].tolist() == [1, 3]
    assert likes["share_at_least"].tolist() == pytest.approx([3 / 5, 1 / 5])
    assert c[c["metric"] == "retweets"].empty  # all zero: nothing at >= 1
    assert engagement.ccdf(frames.tweets([], ops=["ira"])).empty


def test_concentration_top_one_percent_and_top_accounts(frames):
    rows = [counts(like=50, userid="big"), counts(like=30, userid="mid")]
    rows += [counts(like=1, userid=f"small{i % 20}") for i in range(198)]
    rows += [counts(op="iranian")]
    t = frames.tweets(rows, ops=OPS3)
    c = engagement.concentration(t, top_tweets=0.01, top_accounts=2).set_index(["op", "metric"])
    likes = c.loc[("ira", "likes")]
    assert likes["total"] == 278
    assert likes["top_tweets_share"] == pytest.approx(80 / 278)       # 1% of 200 tweets = 2 tweets
    assert likes["top_accounts_share"] == pytest.approx(80 / 278)
    assert math.isnan(c.loc[("ira", "retweets"), "top_tweets_share"])  # nothing to share
    assert math.isnan(c.loc[("iranian", "likes"), "top_tweets_share"])
    assert "venezuela" not in c.index.get_level_values("op")


def test_concentration_counts_exactly_the_top_fraction(frames):
    t = frames.tweets([counts(like=v, userid=f"u{v}") for v in range(1, 101)])
    c = engagement.concentration(t, top_tweets=0.07, top_accounts=1).set_index("metric")
    # 7% of 100 tweets is 7 tweets (0.07 * 100 is 7.000000000000001 in floating point)
    assert c.loc["likes", "top_tweets_share"] == pytest.approx(sum(range(94, 101)) / 5050)
    assert c.loc["likes", "top_accounts_share"] == pytest.approx(100 / 5050)


def test_concentration_of_no_tweets_is_an_empty_table(frames):
    c = engagement.concentration(frames.tweets([], ops=["ira"]))
    assert c.empty and {"op", "metric", "total", "top_tweets_share", "top_accounts_share"} <= set(c.columns)


def test_lorenz(frames):
    t = frames.tweets([counts(like=v) for v in (6, 3, 1, 0)])
    curve = engagement.lorenz(t, "like_count", points=4)
    assert curve["tweet_share"].tolist() == pytest.approx([0, 0.25, 0.5, 0.75, 1.0])
    assert curve["engagement_share"].tolist() == pytest.approx([0, 0.6, 0.9, 1.0, 1.0])
    assert engagement.lorenz(frames.tweets([counts()]), "like_count").empty  # no likes: no curve


def test_top_accounts(frames):
    users = frames.users([
        {"op": "ira", "userid": "TEN_GOP", "follower_count": 100_000, "user_is_hashed": False},
        {"op": "ira", "userid": "Pamela_Moore13", "follower_count": 50_000, "user_is_hashed": False},
        {"op": "ira", "userid": "Pamela_Moore13", "follower_count": 70_000, "user_is_hashed": False},
        {"op": "ira", "userid": "aaa_tie", "follower_count": 50_000, "user_is_hashed": False},
        {"op": "ira", "userid": "zzz_tie", "follower_count": 50_000, "user_is_hashed": False},
        {"op": "ira", "userid": "hashed", "follower_count": 4_000_000, "user_is_hashed": True},
        {"op": "iranian", "userid": "x", "follower_count": 6_000, "user_is_hashed": False},
    ], ops=OPS3)
    top = engagement.top_accounts(users, 3)
    ira = top[top["op"] == "ira"]
    assert ira["userid"].tolist() == ["TEN_GOP", "Pamela_Moore13", "aaa_tie"]  # its largest count; ties by id
    assert ira["follower_count"].tolist() == [100_000, 70_000, 50_000]
    assert ira["rank"].tolist() == [1, 2, 3]
    assert top[top["op"] == "iranian"]["userid"].tolist() == ["x"]
    everyone = engagement.top_accounts(users, 1, unhashed_only=False)
    assert everyone[everyone["op"] == "ira"]["userid"].tolist() == ["hashed"]


def test_empty_operation_gives_empty_tables(frames):
    empty = frames.tweets([], ops=["ira"])
    assert engagement.totals(empty).set_index("op").loc["ira"].tolist() == [0, 0, 0, 0]
    assert engagement.lorenz(empty).empty
    assert engagement.top_accounts(empty, 5).empty
    z = engagement.zero_share(empty)
    assert z["tweets"].tolist() == [0] * 5 and z["share_zero"].isna().all()
    assert np.isnan(z["share_zero"]).all()


@pytest.mark.parametrize("top", [0, -0.5, 1.5, 2.0])
def test_concentration_refuses_a_top_fraction_outside_zero_to_one(frames, top):
    """Above 1 the top tweets ran past the last one (likes 5 and 3 with top_tweets=2.0 gave a share of 1.75)."""
    with pytest.raises(ValueError, match=rf"top_tweets is a fraction .* at most 1; got {top}"):
        engagement.concentration(frames.tweets([counts(like=5), counts(like=3)], ops=["ira"]), top_tweets=top)


def test_concentration_of_every_tweet_is_the_whole_engagement(frames):
    got = engagement.concentration(frames.tweets([counts(like=5), counts(like=3)], ops=["ira"]), top_tweets=1.0)
    assert got.set_index("metric").loc["likes", ["total", "top_tweets_share"]].tolist() == [8, 1.0]
