"""helpers.metrics.accounts: exact tables where mutation testing showed the tests of
tests/test_metrics_accounts.py left room (docs/mutation-testing.md)."""

from __future__ import annotations

import pandas as pd

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
