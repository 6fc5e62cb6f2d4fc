"""helpers.metrics.accounts: exact tables where mutation testing showed the tests of
tests/test_metrics_accounts.py left room (docs/mutation-testing.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.data.engine import Engine
from helpers.metrics import accounts

OPS3 = ["ira", "iranian", "venezuela"]


def test_created_defaults_to_years_and_counts_an_account_once_even_with_other_columns_differing(frames):
    users = frames.users([
        {"op": "ira", "userid": "a", "account_creation_date": "2013-05-01", "follower_count": 1},
        {"op": "ira", "userid": "a", "account_creation_date": "2013-05-01", "follower_count": 2},
        {"op": "ira", "userid": "b", "account_creation_date": "2014-05-01"},
    ])
    got = accounts.created(users)
    assert got.astype({"op": str}).values.tolist() == [["ira", pd.Timestamp("2013-01-01"), 1],
                                                       ["ira", pd.Timestamp("2014-01-01"), 1]]
    per_year = accounts.created_per_year(users)
    assert list(per_year.columns) == ["op", "year", "accounts", "share"]


def test_binned_counts_an_account_once_even_with_other_columns_differing(frames):
    users = frames.users([{"op": "ira", "userid": "a", "follower_count": 5, "following_count": 1},
                          {"op": "ira", "userid": "a", "follower_count": 5, "following_count": 2}])
    got = accounts.binned(users, "follower_count")
    assert got["accounts"].tolist() == [0, 1, 0, 0, 0, 0, 0, 0]


def test_binned_and_ecdf_of_two_ops_have_a_fresh_index(frames):
    users = frames.users([{"op": "ira", "follower_count": 5}, {"op": "iranian", "follower_count": 7}], ops=OPS3)
    assert accounts.binned(users, "follower_count").index.tolist() == list(range(16))
    e = accounts.ecdf(users, "follower_count")
    assert e.index.tolist() == [0, 1]
    assert e[["value", "accounts", "cdf"]].values.tolist() == [[5.0, 1, 1.0], [7.0, 1, 1.0]]


def test_ecdf_goes_on_after_an_op_without_values_and_keeps_its_columns_when_empty(frames):
    users = frames.users([{"op": "ira", "follower_count": None}, {"op": "iranian", "follower_count": 3}])
    e = accounts.ecdf(users, "follower_count")
    assert e["op"].tolist() == ["iranian"]
    none = frames.users([{"op": "ira", "follower_count": None}])
    assert list(accounts.ecdf(none, "follower_count").columns) == ["op", "value", "accounts", "cdf"]


def test_activity_creation_year_is_a_nullable_integer(frames):
    t = frames.tweets([{"op": "ira", "userid": "a", "account_creation_date": "2013-05-01"}])
    assert str(accounts.activity(t)["creation_year"].dtype) == "Int64"


def test_active_after_without_creation_dates_puts_every_account_in_the_missing_cohort(frames):
    t = frames.tweets([{"op": "ira", "userid": "a", "tweet_time": "2018-01-01"},
                       {"op": "ira", "userid": "b", "tweet_time": "2016-01-01"}])
    act = accounts.activity(t).drop(columns="creation_year")
    act.index = [5, 9]
    got = accounts.active_after(act, "2017-06-30")
    assert str(got["cohort"].dtype) == "Int64"
    assert got["cohort"].isna().tolist() == [True]
    assert got[["accounts", "active_after", "share"]].values.tolist() == [[2, 1, 0.5]]


def test_cohort_activity_cohorts_are_integers(frames):
    t = frames.tweets([{"op": "ira", "tweet_time": "2016-01-01", "account_creation_date": "2013-05-01"}])
    got = accounts.cohort_activity(t)
    assert got["cohort"].tolist() == [2013] and got["cohort"].dtype.kind == "i"


def test_busiest_years_skips_an_op_without_accounts(frames):
    users = frames.users([{"op": "ira", "userid": "a", "account_creation_date": "2013-05-01"}], ops=OPS3)
    got = accounts.busiest_years(accounts.created_per_year(users))
    assert got.astype({"op": str}).values.tolist() == [["ira", 2013, 2014, 1, 1.0]]


def test_cohort_activity_cohorts_stay_integers_when_some_creation_dates_are_missing(frames):
    t = frames.tweets([{"op": "ira", "tweet_time": "2016-01-01", "account_creation_date": "2013-05-01"},
                       {"op": "ira", "tweet_time": "2016-01-01", "account_creation_date": None}])
    got = accounts.cohort_activity(t)
    assert got["cohort"].tolist() == [2013] and got["cohort"].dtype.kind == "i"


# The engine paths (issue 16), measured with tests/unit/metrics/test_metrics_engine.py (30 November, 21:00): what
# the sample cannot show (an operation without tweets, tweets without a time or a creation date, a tweets
# table without creation dates, the cutoff day's last minute), from a crafted engine built once for the module.

ENGINE_OPS = ["iranian", "ira", "venezuela"]   # not alphabetical: the run's order is kept


@pytest.fixture(scope="module")
def crafted():
    """(frame, engine) of five tweets: ira 'b' twice (2016-03-01 10:00 and 2016-03-03 22:00, created
    2014-02-01), ira 'a' once without a time and without a creation date, iranian 'c' at 2017-10-01 00:00
    and 2017-09-30 23:59 (created 2013-12-31); venezuela has none."""
    from conftest import FrameBuilder
    t = FrameBuilder().tweets([
        {"op": "ira", "userid": "b", "tweet_time": "2016-03-01 10:00", "account_creation_date": "2014-02-01"},
        {"op": "ira", "userid": "b", "tweet_time": "2016-03-03 22:00", "account_creation_date": "2014-02-01"},
        {"op": "ira", "userid": "a", "tweet_time": None, "account_creation_date": None},
        {"op": "iranian", "userid": "c", "tweet_time": "2017-10-01 00:00", "account_creation_date": "2013-12-31"},
        {"op": "iranian", "userid": "c", "tweet_time": "2017-09-30 23:59", "account_creation_date": "2013-12-31"},
    ], ops=ENGINE_OPS)
    return t, Engine.of_frames(t)


def _times(*texts) -> pd.Series:
    """UTC times as the cache stores them (milliseconds); None is missing."""
    return pd.Series(pd.to_datetime(list(texts), utc=True)).astype("datetime64[ms, UTC]")


def test_activity_from_the_engine_exact_table(crafted):
    """One row per account, sorted by op and userid, ids categorical as the loader reads them, the creation
    year a nullable integer (missing for 'a'), the lifetime in days; the frame path gives the same values."""
    t, eng = crafted
    got = accounts.activity(eng)
    expected = pd.DataFrame({
        "op": pd.Categorical(["iranian", "ira", "ira"], categories=ENGINE_OPS),
        "userid": pd.Categorical(pd.array(["c", "a", "b"], dtype="string"), categories=pd.array(
            ["a", "b", "c"], dtype="string")),
        "first": _times("2017-09-30 23:59", None, "2016-03-01 10:00"),
        "last": _times("2017-10-01 00:00", None, "2016-03-03 22:00"),
        "tweets": np.array([2, 1, 2], dtype=np.int64),
        "creation_year": pd.array([2013, None, 2014], dtype="Int64"),
        "lifetime_days": [1 / 1440, np.nan, 2.5]})
    pd.testing.assert_frame_equal(got, expected)
    pd.testing.assert_frame_equal(got.astype({"userid": str}), accounts.activity(t).astype({"userid": str}))


def test_activity_from_an_engine_without_creation_dates_has_no_creation_year(crafted):
    """A tweets table without `account_creation_date`: no creation_year column (as from a frame), not an
    SQL error and not an empty column."""
    t, _ = crafted
    bare = t.drop(columns="account_creation_date")
    got = accounts.activity(Engine.of_frames(bare))
    assert list(got.columns) == ["op", "userid", "first", "last", "tweets", "lifetime_days"]
    assert got["tweets"].tolist() == [2, 1, 2]
    pd.testing.assert_frame_equal(got.astype({"userid": str}), accounts.activity(bare).astype({"userid": str}))


def test_activity_takes_the_earliest_of_disagreeing_creation_dates_on_both_paths(frames):
    """One definition: the frame path took the first date it met (2014 here), the engine the earliest."""
    t = frames.tweets([{"userid": "a", "account_creation_date": "2014-02-01"},
                       {"userid": "a", "account_creation_date": None},
                       {"userid": "a", "account_creation_date": "2012-07-01"},
                       {"userid": "a", "account_creation_date": "2013-01-01"}])
    assert accounts.activity(Engine.of_frames(t))["creation_year"].tolist() == [2012]
    assert accounts.activity(t)["creation_year"].tolist() == [2012]


def test_cohort_activity_from_the_engine_exact_table(crafted):
    """Tweets per op, period and cohort: the tweet without a time or a creation date is in no period, the
    period is the UTC month (23:59 on 30 September is September), rows sorted, a fresh index."""
    t, eng = crafted
    expected = pd.DataFrame({
        "op": pd.Categorical(["iranian", "iranian", "ira"], categories=ENGINE_OPS),
        "period": pd.to_datetime(["2017-09-01", "2017-10-01", "2016-03-01"]).astype("datetime64[us]"),
        "cohort": np.array([2013, 2013, 2014], dtype=np.int64),
        "tweets": np.array([1, 1, 2], dtype=np.int64)})
    got = accounts.cohort_activity(eng)
    pd.testing.assert_frame_equal(got, expected, check_index_type=True)
    pd.testing.assert_frame_equal(accounts.cohort_activity(t), expected)
    yearly = accounts.cohort_activity(eng, "Y")
    assert yearly[["period", "tweets"]].astype({"period": str}).values.tolist() == [
        ["2017-01-01", 2], ["2016-01-01", 2]]


def test_tweets_after_from_the_engine_starts_at_midnight_after_the_cutoff_day(crafted):
    """Every op in the run's order (categories too), zeros included; 23:59 of the cutoff day is not after it,
    00:00 the next day is. Kills x_tweets_after__mutmut_16 and _18 (categories sorted)."""
    t, eng = crafted
    expected = pd.DataFrame({"op": pd.Categorical(ENGINE_OPS, categories=ENGINE_OPS),
                             "tweets": np.array([1, 0, 0], dtype=np.int64),
                             "accounts": np.array([1, 0, 0], dtype=np.int64)})
    pd.testing.assert_frame_equal(accounts.tweets_after(eng, "2017-09-30"), expected)
    pd.testing.assert_frame_equal(accounts.tweets_after(t, "2017-09-30"), expected)
    early = accounts.tweets_after(eng, "2016-03-01")
    assert early[["tweets", "accounts"]].values.tolist() == [[2, 1], [1, 1], [0, 0]]
    assert list(early["op"].cat.categories) == ENGINE_OPS
