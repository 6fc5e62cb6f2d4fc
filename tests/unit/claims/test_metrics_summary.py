"""helpers.claims.takeaways: the indicator table of notebook 08, computed with the shared metric functions."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from conftest import FrameBuilder

from helpers.claims import takeaways
from helpers.metrics import clients, engagement

CUTOFF = dt.date(2017, 9, 30)


def _release_frames(frames):
    """ira: 4 tweets by 2 accounts; iranian: 2 tweets by 1 account; venezuela: none."""
    t = frames.tweets([
        {"op": "ira", "userid": "a", "tweet_time": "2016-06-23 10:00", "tweet_language": "ru", "like_count": 9,
         "tweet_client_name": "twitterfeed", "urls": ["http://www.livejournal.com/1"], "is_retweet": True},
        {"op": "ira", "userid": "a", "tweet_time": "2016-06-23 11:00", "tweet_language": "ru", "like_count": 1,
         "tweet_client_name": "twitterfeed"},
        {"op": "ira", "userid": "a", "tweet_time": "2016-06-24 11:00", "tweet_language": "en",
         "tweet_client_name": "Twitter Web Client"},
        {"op": "ira", "userid": "b", "tweet_time": "2017-10-01 00:00", "tweet_language": "ru",
         "account_creation_date": "2017-08-01", "tweet_client_name": "twitterfeed",
         "urls": ["https://t.co/x", "https://t.co/y"]},
        {"op": "iranian", "userid": "c", "tweet_time": "2017-01-01 00:00", "tweet_language": "fr",
         "tweet_client_name": "IUVM Today", "urls": ["http://awdnews.com/a"], "retweet_count": 2},
        {"op": "iranian", "userid": "c", "tweet_time": "2017-01-02 00:00", "tweet_language": "en",
         "tweet_client_name": "IUVM Today"},
    ], ops=["ira", "iranian", "venezuela"])
    return t, frames.exploded(t, "urls")


@pytest.fixture
def release_frames(frames):
    return _release_frames(frames)


@pytest.fixture(scope="module")
def _table_once():
    """The indicator table of `release_frames`, computed once for the module (the frames never change).
    A pytest fixture, not a module-level cache: a cache would outlive the test session, and mutation
    testing (which runs the tests again in forked copies of one process) would see the first result."""
    return takeaways.indicators(*_release_frames(FrameBuilder()), CUTOFF)


@pytest.fixture
def table(_table_once):
    return _table_once.copy()


def value(table, op, indicator):
    rows = table[(table["op"] == op) & (table["indicator"] == indicator)]
    assert len(rows) == 1, f"{op}: {indicator} appears {len(rows)} times"
    return rows.iloc[0]


def test_indicators_known_values(table):
    assert list(table.columns) == ["takeaway", "title", "indicator", "op", "value", "shown", "is_share"]
    r = value(table, "ira", "tweet language #1")
    assert r["value"] == pytest.approx(0.75) and r["shown"] == "ru (75.0%)" and r["is_share"]
    assert not value(table, "ira", "tweet language #2")["is_share"]
    assert value(table, "ira", "busiest day (tweets)")["shown"] == "2016-06-23: 2"
    assert value(table, "ira", "busiest day vs median active day")["value"] == pytest.approx(2 / 1)
    assert value(table, "ira", "tweets via automation or own apps")["value"] == pytest.approx(0.75)
    assert value(table, "iranian", "tweets via automation or own apps")["shown"] == "100.0%"
    assert value(table, "ira", "top client app")["shown"] == "twitterfeed (75.0%)"
    top_domain = value(table, "ira", "top domain (links per 100 tweets)")     # a rate, said so: not a share
    assert top_domain["shown"] == "t.co (50.0 links per 100 tweets)" and top_domain["value"] == pytest.approx(2 / 4)
    assert value(table, "ira", "tweets with a URL")["value"] == pytest.approx(2 / 4)
    assert value(table, "ira", "tweets with zero engagement")["value"] == pytest.approx(0.5)
    assert value(table, "iranian", "tweets with zero engagement")["value"] == pytest.approx(0.5)
    assert value(table, "ira", "likes per tweet (mean)")["shown"] == "2.50"
    assert value(table, "ira", "likes to the top 10 accounts")["value"] == pytest.approx(1.0)
    assert value(table, "ira", "likes to the top 1% of tweets")["value"] == pytest.approx(0.9)
    after = value(table, "ira", f"accounts active after {CUTOFF}")
    assert after["value"] == 1 and after["shown"] == "1 of 2"
    assert value(table, "ira", f"tweets after {CUTOFF}")["value"] == 1
    assert value(table, "ira", "peak year")["shown"] == "2016 (3 tweets)"


def test_indicators_are_the_shared_metrics(release_frames, table):
    t, _ = release_frames
    auto = clients.automated_share(t)
    zero = engagement.zero_share(t).set_index(["op", "metric"])["share_zero"]
    for op in ("ira", "iranian"):
        assert value(table, op, "tweets via automation or own apps")["value"] == pytest.approx(auto[op])
        assert value(table, op, "tweets with zero engagement")["value"] == pytest.approx(zero[(op, "any engagement")])


def test_indicators_for_an_operation_without_tweets(table):
    empty = table[table["op"] == "venezuela"].set_index("indicator")
    assert math.isnan(empty.loc["tweets via automation or own apps", "value"])
    assert empty.loc["tweets via automation or own apps", "shown"] == "n/a"
    assert empty.loc["tweets with a URL", "shown"] == "n/a"
    assert empty.loc["likes per tweet (mean)", "shown"] == "n/a"
    assert "busiest day (tweets)" not in empty.index and "peak year" not in empty.index


@pytest.mark.parametrize("ops", [["ira"], ["ira", "iranian", "venezuela"]])
def test_indicators_with_no_tweets_at_all(frames, ops):
    t = frames.tweets([], ops=ops)
    table = takeaways.indicators(t, frames.exploded(t, "urls"), CUTOFF)
    assert set(table["op"]) == set(ops)
    assert (table[table["indicator"] == "tweets with a URL"]["shown"] == "n/a").all()


def test_indicators_when_like_counts_are_all_missing(frames):
    t = frames.tweets([{"like_count": None}, {"like_count": None}])
    table = takeaways.indicators(t, frames.exploded(t, "urls"), CUTOFF)
    r = value(table, "ira", "likes per tweet (mean)")
    assert math.isnan(r["value"]) and r["shown"] == "n/a"


def test_wide_one_row_per_indicator_one_column_per_operation(table):
    labels = {"ira": "IRA (Russia)", "iranian": "Iran", "venezuela": "Venezuela"}
    w = takeaways.wide(table, labels.get)
    assert list(w.columns[:3]) == ["takeaway", "title", "indicator"]
    assert set(w.columns[3:]) == {"IRA (Russia)", "Iran", "Venezuela"}
    assert w["indicator"].is_unique
    assert w["takeaway"].is_monotonic_increasing
    row = w[w["indicator"] == "tweets with zero engagement"].iloc[0]
    assert row["IRA (Russia)"] == "50.0%" and row["Iran"] == "50.0%"


def test_wide_keeps_take_away_order_when_operations_differ(frames):
    # ira writes in one language only, iranian in two: 'tweet language #2' first appears for the second op
    t = frames.tweets([{"op": "ira", "tweet_language": "ru"},
                       {"op": "iranian", "tweet_language": "fa"}, {"op": "iranian", "tweet_language": "en"}],
                      ops=["ira", "iranian"])
    w = takeaways.wide(takeaways.indicators(t, frames.exploded(t, "urls"), CUTOFF), str)
    assert w["takeaway"].is_monotonic_increasing
    assert w["indicator"].tolist()[:2] == ["tweet language #1", "tweet language #2"]
    assert pd.isna(w.loc[1, "ira"]) and w.loc[1, "iranian"] == "fa (50.0%)"
