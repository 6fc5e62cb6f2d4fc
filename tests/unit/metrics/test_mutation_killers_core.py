"""helpers.metrics.core: exact values where mutation testing showed the tests of tests/test_metrics_core.py
left room (docs/mutation-testing.md)."""

from __future__ import annotations

import pandas as pd

from helpers.metrics import core


def test_labelled_empty_text_is_empty_and_numbers_are_their_text():
    assert core.labelled(pd.Series(["", "a", None])).astype(str).tolist() == [core.EMPTY, "a", core.EMPTY]
    assert core.labelled(pd.Series([1.5, 2.0])).astype(str).tolist() == ["1.5", "2.0"]


def test_in_window_from_the_first_midnight_to_before_the_midnight_after_the_end(frames):
    times = ["2016-01-01 00:00:00", "2015-12-31 23:59:59", "2016-01-02 23:59:59", "2016-01-03 00:00:00",
             "2016-01-03 12:00:00"]
    t = frames.tweets([{"tweet_time": x} for x in times])
    got = core.in_window(t, "2016-01-01", "2016-01-02")
    assert got["tweet_time"].dt.strftime("%Y-%m-%d %H:%M:%S").tolist() == [times[0], times[2]]


def test_tweet_kind_missing_retweet_flag_is_not_a_retweet_and_the_series_is_named_kind(frames):
    t = frames.tweets([{"is_retweet": None}, {"is_retweet": True}])
    got = core.tweet_kind(t)
    assert got.name == "kind"
    assert got.astype(str).tolist() == ["original", "retweet"]


def test_retweet_share_is_named_retweet_share(frames):
    got = core.retweet_share(frames.tweets([{"is_retweet": True}, {"is_retweet": False}]))
    assert got.name == "retweet_share" and got.tolist() == [0.5]


def test_top_values_ties_alphabetical_not_first_seen(frames):
    t = frames.tweets([{"tweet_language": "ru"}, {"tweet_language": "en"}])
    got = core.top_values(t, "tweet_language", None)
    assert got[["rank", "value"]].values.tolist() == [[1, "en"], [2, "ru"]]


def test_overview_counts_each_account_once_however_its_rows_differ(frames):
    t = frames.tweets([{"op": "ira", "userid": "a", "tweet_time": "2016-01-01", "user_is_hashed": True},
                       {"op": "ira", "userid": "a", "tweet_time": "2016-01-02", "user_is_hashed": True}])
    got = core.overview(t, None).iloc[0]
    assert (got["hashed_accounts"], got["unhashed_accounts"]) == (1, 0)
    users = frames.users([{"op": "ira", "userid": "a", "follower_count": 1, "user_is_hashed": True},
                          {"op": "ira", "userid": "a", "follower_count": 2, "user_is_hashed": True}])
    got = core.overview(t, users).iloc[0]
    assert (got["hashed_accounts"], got["unhashed_accounts"]) == (1, 0)


def test_rank_within_has_a_fresh_index_and_no_index_column():
    f = pd.DataFrame({"op": ["a", "a", "b"], "n": [1, 2, 3], "k": ["x", "y", "z"]}, index=[9, 8, 7])
    got = core.rank_within(f, "op", "n", "k", None)
    assert list(got.columns) == ["op", "n", "k", "rank"] and got.index.tolist() == [0, 1, 2]
    assert got[["k", "rank"]].values.tolist() == [["y", 1], ["x", 2], ["z", 1]]


def test_recode_keeps_the_index():
    got = core.recode(pd.Series(["a", None], index=[7, 3], name="s"), lambda v: "none" if v is None else v.upper())
    assert got.to_dict() == {7: "A", 3: "none"} and got.name == "s"
