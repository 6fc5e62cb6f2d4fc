"""helpers.metrics.concentration: exact tables where mutation testing showed the tests of
tests/unit/metrics/test_metrics_concentration.py left room (docs/mutation-testing.md): whole frames compared
(columns, dtypes, order), from frames and from the out-of-core engine (`Engine.of_frames`), which is what
notebook 06 uses."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from helpers.data.engine import Engine
from helpers.metrics import concentration

OPS3 = ["ira", "iranian", "venezuela"]
HASH = "ab" * 32


@pytest.fixture
def tweets(frames):
    """ira: HASH (hashed) 4 tweets (engagement 5, 10 with a missing like count, 0, 0), '42' @TEN_GOP 1 tweet
    (5), '43' with an empty screen name 1 tweet (2); iranian: 'x' @x 1 tweet (1); venezuela: none."""
    return frames.tweets([
        {"op": "ira", "tweetid": "900000000000000001", "userid": HASH, "user_screen_name": HASH, "like_count": 5,
         "tweet_text": "a"},
        {"op": "ira", "tweetid": "99", "userid": "42", "user_screen_name": "TEN_GOP", "user_is_hashed": False,
         "retweet_count": 5, "tweet_text": "b"},
        {"op": "ira", "tweetid": "100", "userid": HASH, "user_screen_name": HASH, "quote_count": 9, "reply_count": 1,
         "like_count": None},
        {"op": "ira", "tweetid": "7", "userid": HASH, "user_screen_name": HASH},
        {"op": "ira", "tweetid": "8", "userid": "43", "user_screen_name": "", "user_is_hashed": False, "like_count": 2},
        {"op": "ira", "tweetid": "6", "userid": HASH, "user_screen_name": HASH},
        {"op": "iranian", "tweetid": "1207965844074107000", "userid": "x", "user_screen_name": "x", "like_count": 1,
         "user_is_hashed": False},
    ], ops=OPS3)


def _per_account_expected() -> pd.DataFrame:
    return pd.DataFrame({
        "op": pd.Categorical(["ira", "ira", "ira", "iranian"], categories=OPS3),
        "userid": pd.array(["42", "43", HASH, "x"], dtype="string"),
        "tweets": np.array([1, 1, 4, 1], dtype=np.int64),
        "engagement": np.array([5, 2, 15, 1], dtype=np.int64)})


def test_engagement_of_sums_the_four_counts_a_missing_one_adding_nothing(tweets):
    got = concentration.engagement_of(tweets)
    assert got.dtype == np.int64 and got.tolist() == [5, 5, 10, 0, 2, 0, 1]
    # a frame holding only some of the counts: the others add nothing
    assert concentration.engagement_of(tweets[["like_count"]]).tolist() == [5, 0, 0, 0, 2, 0, 1]


def test_per_account_exact_table_from_frames_and_from_the_engine(tweets):
    expected = _per_account_expected()
    pd.testing.assert_frame_equal(concentration.per_account(tweets), expected)
    pd.testing.assert_frame_equal(concentration.per_account(Engine.of_frames(tweets)), expected)
    # the input order does not matter
    shuffled = tweets.iloc[::-1].reset_index(drop=True)
    pd.testing.assert_frame_equal(concentration.per_account(Engine.of_frames(shuffled)), expected)
    pd.testing.assert_frame_equal(concentration.per_account(shuffled), expected)


def test_summary_exact_table():
    got = concentration.summary(_per_account_expected())
    expected = pd.DataFrame({
        "op": ["ira", "ira", "iranian", "iranian"], "quantity": ["tweets", "engagement"] * 2,
        "accounts": [3, 3, 1, 1], "total": [6, 22, 1, 1], "top_accounts": [1, 1, 1, 1],
        "top_share": [4 / 6, 15 / 22, 1.0, 1.0], "threshold": [4, 15, 1, 1], "median": [1.0, 5.0, 1.0, 1.0],
        "gini": [concentration.gini([1, 1, 4]), concentration.gini([5, 2, 15]), 0.0, 0.0]})
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert got[["accounts", "total", "top_accounts", "threshold"]].dtypes.tolist() == [np.int64] * 4
    assert got["gini"].tolist() == pytest.approx([1 / 3, 13 / 33, 0.0, 0.0])


def test_summary_with_a_larger_fraction_takes_more_top_accounts():
    accounts = pd.DataFrame({"op": ["ira"] * 4, "userid": list("abcd"), "tweets": [1, 2, 3, 4],
                             "engagement": [0, 0, 0, 8]})
    got = concentration.summary(accounts, fraction=0.5).set_index("quantity")
    assert got.loc["tweets", ["top_accounts", "threshold", "total"]].tolist() == [2, 3, 10]
    assert got.loc["tweets", "top_share"] == pytest.approx(0.7)
    assert got.loc["engagement", ["top_accounts", "threshold", "total"]].tolist() == [2, 0, 8]
    assert got.loc["engagement", "median"] == 0.0 and got.loc["engagement", "top_share"] == 1.0


def test_ccdf_exact_table():
    got = concentration.ccdf(_per_account_expected())
    expected = pd.DataFrame({
        "op": ["ira"] * 5 + ["iranian"] * 2,
        "quantity": ["tweets", "tweets", "engagement", "engagement", "engagement", "tweets", "engagement"],
        "value": np.array([1, 4, 2, 5, 15, 1, 1], dtype=np.int64),
        "accounts_at_least": np.array([3, 1, 3, 2, 1, 1, 1], dtype=np.int64),
        "share_at_least": [1.0, 1 / 3, 1.0, 2 / 3, 1 / 3, 1.0, 1.0]})
    pd.testing.assert_frame_equal(got.astype({"op": str, "quantity": str}),
                                  expected.astype({"op": str, "quantity": str}))


def test_top_tweets_exact_table_from_frames_and_from_the_engine(tweets):
    """Most engaged first, ties by tweet id in numeric order (99 before 900000000000000001), tweets without
    engagement never examples, at most n per op; hashed accounts by their hash, others by @name, by id
    when the name is empty; counts as nullable integers (a missing like count stays missing)."""
    expected = pd.DataFrame({
        "op": pd.Categorical(["ira", "ira", "ira", "iranian"], categories=OPS3),
        "rank": np.array([1, 2, 3, 1], dtype=np.int64),
        "tweetid": ["100", "99", "900000000000000001", "1207965844074107000"],
        "userid": [HASH, "42", HASH, "x"],
        "account": [HASH, "@TEN_GOP", HASH, "@x"],
        "engagement": np.array([10, 5, 5, 1], dtype=np.int64),
        "likes": pd.array([None, 0, 5, 1], dtype="Int64"), "retweets": pd.array([0, 5, 0, 0], dtype="Int64"),
        "replies": pd.array([1, 0, 0, 0], dtype="Int64"), "quotes": pd.array([9, 0, 0, 0], dtype="Int64"),
        "tweet_text": pd.array(["", "b", "a", ""], dtype="string")})
    for source in (tweets, Engine.of_frames(tweets)):
        got = concentration.top_tweets(source, 3)
        assert list(got.columns) == ["op", "rank", "tweetid", "userid", "account", "tweet_time", *expected.columns[5:]]
        assert got["tweet_time"].astype(str).tolist() == ["2016-01-01 12:00:00+00:00"] * 4
        pd.testing.assert_frame_equal(got.drop(columns="tweet_time"), expected)
        assert got["tweetid"].map(type).eq(str).all() and got["userid"].map(type).eq(str).all()
    four = concentration.top_tweets(tweets, 4)
    assert four["tweetid"].tolist() == ["100", "99", "900000000000000001", "8", "1207965844074107000"]
    assert four["account"].tolist()[3] == "43"  # an empty screen name: shown by id
    assert concentration.top_tweets(Engine.of_frames(tweets), 1)["tweetid"].tolist() == ["100", "1207965844074107000"]


def test_account_name_hashed_flag_missing_and_empty_names():
    assert concentration.account_name("1", "name", np.bool_(True)) == "1"
    assert concentration.account_name("1", "name", np.bool_(False)) == "@name"
    assert concentration.account_name("1", np.nan, False) == "1"
    assert concentration.account_name("1", pd.NA, False) == "1"
    assert concentration.account_name("1", "", False) == "1"
    assert concentration.account_name(12, None, False) == "12"


def test_a_tweet_without_a_userid_is_still_counted_from_frames_and_from_the_engine(frames):
    """No default may hide rows: a tweet whose userid is missing is its own (missing) account, so the
    accounts' tweets add up to all tweets, the same from frames and from the engine (dropna=False)."""
    t = frames.tweets([{"op": "ira", "userid": "a", "like_count": 1}, {"op": "ira", "userid": None, "like_count": 2},
                       {"op": "ira", "userid": None}], ops=OPS3)
    expected = pd.DataFrame({"op": pd.Categorical(["ira", "ira"], categories=OPS3),
                             "userid": pd.array(["a", None], dtype="string"),
                             "tweets": np.array([1, 2], dtype=np.int64),
                             "engagement": np.array([1, 2], dtype=np.int64)})
    pd.testing.assert_frame_equal(concentration.per_account(t), expected)
    pd.testing.assert_frame_equal(concentration.per_account(Engine.of_frames(t)), expected)


def test_gini_of_zeros_is_nan_without_dividing_by_zero():
    """Nothing to spread: NaN decided before dividing (0 / 0 would warn in the notebook's output)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isnan(concentration.gini([0, 0, 0])) and np.isnan(concentration.gini([]))
        assert concentration.gini(np.array([0.5, 1.5])) == pytest.approx(0.25)


def test_summary_of_nothing_keeps_its_columns():
    empty = concentration.per_account(pd.DataFrame({"op": pd.Categorical([], categories=OPS3),
                                                    "userid": pd.array([], dtype="string"),
                                                    "like_count": pd.array([], dtype="Int64")}))
    assert list(concentration.summary(empty).columns) == [
        "op", "quantity", "accounts", "total", "top_accounts", "top_share", "threshold", "median", "gini"]


def test_top_count_rounds_the_product_to_nine_digits_before_rounding_up():
    """0.17 * 2,649,200 is 450,364.00000000006 in floating point: 450,364 accounts, not 450,365 (rounding to
    ten digits would keep the error)."""
    assert concentration.top_count(2_649_200, 0.17) == 450_364
    assert concentration.top_count(700, 0.07) == 49 and concentration.top_count(3, 0.5) == 2


def test_tweets_without_engagement_are_never_examples_even_when_n_leaves_room(tweets):
    for source in (tweets, Engine.of_frames(tweets)):
        got = concentration.top_tweets(source, 10)
        assert got["tweetid"].tolist() == ["100", "99", "900000000000000001", "8", "1207965844074107000"]
        assert (got["engagement"] > 0).all() and got["rank"].tolist() == [1, 2, 3, 4, 1]


# Survivors of mutmut's run of 30 November (docs/mutation-testing.md), each checked by planting the mutant by hand.

def test_top_tweets_orders_ids_by_length_past_99_digits_from_frames_and_from_the_engine(frames):
    """Ids in numeric order at any length: the length prefix is an integer ('0099' before '0100'), never a float
    ('99.0' would come after '100.0')."""
    long, longer = "9" * 99, "1" + "0" * 99
    t = frames.tweets([{"op": "ira", "tweetid": longer, "userid": "a", "like_count": 1},
                       {"op": "ira", "tweetid": long, "userid": "b", "like_count": 1}], ops=OPS3)
    for source in (t, Engine.of_frames(t)):
        assert concentration.top_tweets(source, 2)["tweetid"].tolist() == [long, longer]


def test_a_tweet_without_a_tweetid_does_not_stop_the_examples_from_frames_and_from_the_engine(tweets, frames):
    """A missing tweet id (a damaged row) has a missing sort key, not an error; without engagement it is no example."""
    t = pd.concat([tweets, frames.tweets([{"op": "ira", "tweetid": None, "userid": "z"}], ops=OPS3)],
                  ignore_index=True)
    assert t["tweetid"].isna().sum() == 1
    for source in (t, Engine.of_frames(t)):
        assert concentration.top_tweets(source, 10)["tweetid"].tolist() == [
            "100", "99", "900000000000000001", "8", "1207965844074107000"]


def test_ccdf_of_nothing_is_the_empty_table_with_its_columns_only(frames):
    """No account in any op (the ops are categories without rows): the plain empty table (object columns), not
    one empty part per unobserved op."""
    got = concentration.ccdf(concentration.per_account(frames.tweets([], ops=OPS3)))
    assert got.shape == (0, 5) and got.dtypes.tolist() == [np.dtype(object)] * 5


def test_summary_and_ccdf_refuse_a_missing_count():
    """A count is an integer: a missing one (nullable Int64) is refused, never read as NaN and silently dropped or
    sorted first."""
    accounts = pd.DataFrame({"op": pd.Categorical(["ira", "ira"], categories=OPS3), "userid": ["a", "b"],
                             "tweets": pd.array([3, None], dtype="Int64"),
                             "engagement": pd.array([1, None], dtype="Int64")})
    with pytest.raises(ValueError, match="missing values"):
        concentration.summary(accounts)
    with pytest.raises(ValueError, match="missing values"):
        concentration.ccdf(accounts)


def test_summary_without_engagement_is_nan_without_dividing_by_zero():
    """top_share of a zero total: NaN decided before dividing (0 / 0 would warn in the notebook's output)."""
    accounts = pd.DataFrame({"op": pd.Categorical(["ira", "ira"], categories=OPS3), "userid": ["a", "b"],
                             "tweets": np.array([2, 1], dtype=np.int64),
                             "engagement": np.array([0, 0], dtype=np.int64)})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = concentration.summary(accounts).set_index("quantity")
    assert np.isnan(got.loc["engagement", "top_share"]) and got.loc["engagement", "total"] == 0
    assert got.loc["tweets", "top_share"] == 2 / 3


def test_gini_of_large_integer_counts_does_not_overflow():
    """gini works in floats: int64 counts whose weighted sum passes 2**63 (3 * 2**62 here) give the exact value,
    not an integer overflow (-0.25)."""
    assert concentration.gini(np.array([0, 0, 0, 2**62], dtype=np.int64)) == 0.75
    assert concentration.gini([2**62, 0, 0, 0]) == 0.75


def test_summary_and_ccdf_read_counts_stored_as_text_as_integers():
    """Counts in an object column (a table read without types): read as integers, so '10' is ten, the largest,
    not text sorted after '3'."""
    accounts = pd.DataFrame({"op": pd.Categorical(["ira"] * 3, categories=OPS3), "userid": ["a", "b", "c"],
                             "tweets": pd.Series(["3", "1", "10"], dtype=object),
                             "engagement": pd.Series([0, 0, 5], dtype=object)})
    got = concentration.summary(accounts).set_index("quantity")
    columns = ["accounts", "total", "top_accounts", "threshold", "median"]
    assert got.loc["tweets", columns].tolist() == [3, 14, 1, 10, 3.0]
    assert got.loc["tweets", "top_share"] == 10 / 14
    c = concentration.ccdf(accounts)
    assert c["value"].tolist() == [1, 3, 10, 5] and c["value"].dtype == np.int64
    assert c["accounts_at_least"].tolist() == [3, 2, 1, 1]


# The engine paths (issue 16), measured with tests/unit/metrics/test_metrics_engine.py (30 November, 21:00).

def test_top_tweets_from_the_engine_cut_a_tie_by_id_length_then_text(tweets):
    """n falls inside a tie (ira: 10, then 5 and 5): DuckDB keeps '99' (shorter id, numerically smaller) and
    leaves '900000000000000001', which comes first as text; the frame path agrees."""
    for source in (tweets, Engine.of_frames(tweets)):
        got = concentration.top_tweets(source, 2)
        assert got["tweetid"].tolist() == ["100", "99", "1207965844074107000"]
        assert got["rank"].tolist() == [1, 2, 1]


def test_per_account_from_the_engine_keeps_the_operations_order_not_the_alphabet(frames):
    """Operations listed out of alphabetical order (venezuela first, ira without tweets): rows and the op
    column's categories follow the run's order, from the engine as from the frame."""
    ops = ["venezuela", "iranian", "ira"]
    t = frames.tweets([{"op": "iranian", "userid": "b", "like_count": 2}, {"op": "venezuela", "userid": "a",
                                                                           "reply_count": 1},
                       {"op": "iranian", "userid": "a", "quote_count": 3}], ops=ops)
    expected = pd.DataFrame({"op": pd.Categorical(["venezuela", "iranian", "iranian"], categories=ops),
                             "userid": pd.array(["a", "a", "b"], dtype="string"),
                             "tweets": np.array([1, 1, 1], dtype=np.int64),
                             "engagement": np.array([1, 3, 2], dtype=np.int64)})
    pd.testing.assert_frame_equal(concentration.per_account(Engine.of_frames(t)), expected)
    pd.testing.assert_frame_equal(concentration.per_account(t), expected)
    top = concentration.top_tweets(Engine.of_frames(t), 1)
    assert list(top["op"].cat.categories) == ops and top["tweetid"].tolist() == concentration.top_tweets(t, 1)[
        "tweetid"].tolist()


def test_top_tweets_of_none_or_of_more_than_there_are_from_the_engine_as_from_frames(tweets):
    """n = 0 gives no example; n past an op's engaged tweets gives all of them (the engine ranks only the
    tweets at or above each op's n-th highest engagement: with fewer, that is every engaged tweet)."""
    for n in (0, 50):
        pd.testing.assert_frame_equal(concentration.top_tweets(Engine.of_frames(tweets), n),
                                      concentration.top_tweets(tweets, n))
    assert concentration.top_tweets(Engine.of_frames(tweets), 0).empty
    assert len(concentration.top_tweets(Engine.of_frames(tweets), 50)) == 5
