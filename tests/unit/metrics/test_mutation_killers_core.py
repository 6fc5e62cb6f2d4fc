"""helpers.metrics.core: exact values where mutation testing showed the tests of tests/test_metrics_core.py
left room (docs/mutation-testing.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.data.engine import Engine
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


# The engine paths (issue 16), measured with tests/unit/metrics/test_metrics_engine.py (30 November, 21:00): what
# the sample cannot show (operations out of alphabetical order, one with users but no tweets, one with tweets but
# no users file, a tweet without a time, a missing retweet flag), from a crafted engine built once for the module.

ENGINE_OPS = ["venezuela", "ira", "iranian"]


@pytest.fixture(scope="module")
def crafted():
    """(tweets, users, engine): ira 'a' (unhashed) a retweet and a reply, 'b' a quote without a time; venezuela
    'v' one tweet whose retweet flag is missing; iranian no tweet. Users: ira 'a' (unhashed) alone (one row),
    iranian 'q' (no tweet) in two rows that differ in another column; venezuela has no users file."""
    from conftest import FrameBuilder
    fb = FrameBuilder()
    t = fb.tweets([
        {"op": "ira", "userid": "a", "tweet_time": "2016-03-01 10:00", "is_retweet": True, "user_is_hashed": False},
        {"op": "ira", "userid": "a", "tweet_time": "2016-03-03 22:00", "in_reply_to_userid": "x",
         "user_is_hashed": False},
        {"op": "ira", "userid": "b", "tweet_time": None, "quoted_tweet_tweetid": "5"},
        {"op": "venezuela", "userid": "v", "tweet_time": "2019-01-01 00:00", "is_retweet": None},
    ], ops=ENGINE_OPS)
    u = fb.users([{"op": "ira", "userid": "a", "user_is_hashed": False},
                  {"op": "iranian", "userid": "q", "follower_count": 3},
                  {"op": "iranian", "userid": "q", "follower_count": 4}], ops=ENGINE_OPS)
    return t, u, Engine.of_frames(t)


def test_overview_from_the_engine_exact_table(crafted):
    """Accounts from the users file where there is one, even of one row (else the tweeting accounts), each
    account once however its rows differ; shares of the op's tweets (NaN without tweets, or without a
    known retweet flag), first and last time (NaT without tweets); the frame path gives the same. Kills
    x__overview_engine__mutmut_23, _46, _47, _49, _87, _95, _103 (checked with MUTANT_UNDER_TEST)."""
    t, u, eng = crafted
    nan = np.nan
    expected = pd.DataFrame({
        "op": ENGINE_OPS,
        "accounts_in_users_file": [nan, 1.0, 1.0],
        "accounts_with_tweets": [1, 2, 0],
        "accounts_without_tweets": [nan, 0.0, 1.0],
        "tweets": [1, 3, 0],
        "retweet_share": [nan, 1 / 3, nan],
        "reply_share": [0.0, 1 / 3, nan],
        "quote_share": [0.0, 1 / 3, nan],
        "original_share": [1.0, 0.0, nan],
        "first_tweet": pd.Series(pd.to_datetime(["2019-01-01 00:00", "2016-03-01 10:00", None], utc=True)
                                 ).astype("datetime64[ms, UTC]"),
        "last_tweet": pd.Series(pd.to_datetime(["2019-01-01 00:00", "2016-03-03 22:00", None], utc=True)
                                ).astype("datetime64[ms, UTC]"),
        "hashed_accounts": [1, 0, 1],
        "unhashed_accounts": [0, 1, 0],
        "accounts_source": ["tweets file", "users file", "users file"]})
    pd.testing.assert_frame_equal(core.overview(eng, u), expected)
    pd.testing.assert_frame_equal(core.overview(t, u), expected)
    without = core.overview(eng, None)
    assert without["accounts_source"].tolist() == ["tweets file"] * 3
    assert without["accounts_in_users_file"].isna().all() and without["accounts_without_tweets"].isna().all()
    assert without[["hashed_accounts", "unhashed_accounts"]].values.tolist() == [[1, 0], [1, 1], [0, 0]]
    pd.testing.assert_frame_equal(without, core.overview(t, None))


def test_counts_from_the_engine_keep_the_operations_order_with_zeros(crafted):
    """tweets_per_op, retweet_share and kind_counts from the engine: every op in the run's order (not the
    alphabet), zeros and NaN for the op without tweets, the same as from the frame."""
    t, _, eng = crafted
    per_op = core.tweets_per_op(eng)
    pd.testing.assert_series_equal(per_op, pd.Series([1, 3, 0], dtype="int64", index=pd.CategoricalIndex(
        ENGINE_OPS, categories=ENGINE_OPS, name="op")))
    pd.testing.assert_series_equal(per_op, core.tweets_per_op(t))
    rt = core.retweet_share(eng)
    assert rt.index.tolist() == ENGINE_OPS and rt.name == "retweet_share"
    assert np.isnan(rt["venezuela"]) and rt["ira"] == 1 / 3 and np.isnan(rt["iranian"])
    pd.testing.assert_series_equal(rt, core.retweet_share(t))
    kinds = core.kind_counts(eng)
    assert list(kinds["op"].cat.categories) == ENGINE_OPS and list(kinds["kind"].cat.categories) == list(core.KINDS)
    assert kinds["tweets"].tolist() == [1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0]
    pd.testing.assert_frame_equal(kinds, core.kind_counts(t))


def test_top_values_from_the_engine_exact_table(crafted):
    t, _, eng = crafted
    expected = pd.DataFrame({"op": pd.Categorical(["venezuela", "ira", "ira"], categories=ENGINE_OPS),
                             "rank": np.array([1, 1, 2], dtype=np.int64), "value": ["en", "en", "x"],
                             "tweets": np.array([1, 2, 1], dtype=np.int64), "share": [1.0, 2 / 3, 1 / 3]})
    langs = t.assign(tweet_language=pd.array(["en", "x", "en", "en"], dtype="string"))
    got = core.top_values(Engine.of_frames(langs), "tweet_language", None)
    pd.testing.assert_frame_equal(got, expected)
    pd.testing.assert_frame_equal(core.top_values(langs, "tweet_language", None), expected)


def test_with_kind_adds_the_kind_to_a_frame_and_leaves_the_engine_as_it_is(crafted):
    """Notebook 07 draws kinds over time from `with_kind`: a frame gains `kind` (retweet before reply before
    quote), its other columns unchanged; the engine's tweets view has the column already."""
    t, _, eng = crafted
    got = core.with_kind(t)
    assert got["kind"].astype(str).tolist() == ["retweet", "reply", "quote", "original"]
    pd.testing.assert_frame_equal(got.drop(columns="kind"), t)
    assert "kind" not in t
    assert core.with_kind(eng) is eng
