"""helpers.metrics.accounts: creation, follower bins, activity, regeneration after a cutoff day."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from helpers.metrics import accounts

OPS3 = ["ira", "iranian", "venezuela"]


def test_created_counts_each_account_once(frames):
    users = frames.users([
        {"op": "ira", "userid": "a", "account_creation_date": "2013-05-01"},
        {"op": "ira", "userid": "a", "account_creation_date": "2013-05-01"},   # same account twice
        {"op": "ira", "userid": "b", "account_creation_date": "2013-12-31"},
        {"op": "ira", "userid": "c", "account_creation_date": "2014-01-01"},
        {"op": "ira", "userid": "d", "account_creation_date": None},           # unknown: not counted
        {"op": "iranian", "userid": "a", "account_creation_date": "2017-02-02"},  # same id, other op
    ], ops=OPS3)
    per_year = accounts.created_per_year(users)
    assert per_year[["op", "year", "accounts"]].values.tolist() == [
        ["ira", 2013, 2], ["ira", 2014, 1], ["iranian", 2017, 1]]
    assert per_year["share"].tolist() == pytest.approx([2 / 3, 1 / 3, 1.0])
    weekly = accounts.created(users, "W")
    ira = weekly[weekly["op"] == "ira"]
    # 2013-12-31 (Tuesday) and 2014-01-01 (Wednesday) fall in the week starting Monday 2013-12-30
    assert ira.set_index("period")["accounts"].to_dict() == {
        pd.Timestamp("2013-04-29"): 1, pd.Timestamp("2013-12-30"): 2}


def test_ecdf_per_op(frames):
    users = frames.users([{"op": "ira", "follower_count": v} for v in (0, 5, 5, 100)]
                         + [{"op": "ira", "follower_count": None}], ops=OPS3)
    e = accounts.ecdf(users, "follower_count")
    assert e["value"].tolist() == [0, 5, 100]
    assert e["accounts"].tolist() == [1, 3, 4]
    assert e["cdf"].tolist() == pytest.approx([0.25, 0.75, 1.0])  # the missing count is skipped
    assert set(e["op"]) == {"ira"}
    assert accounts.ecdf(frames.users([], ops=["ira"]), "follower_count").empty


def test_binned_edges(frames):
    values = {"z": 0, "ten": 10, "eleven": 11, "fifty": 50, "k": 1000, "k1": 1001, "two_k": 2000, "big": 2001}
    users = frames.users([{"op": "ira", "userid": u, "follower_count": v} for u, v in values.items()]
                         + [{"op": "ira", "userid": "ten", "follower_count": 10}], ops=OPS3)  # a repeat row
    b = accounts.binned(users, "follower_count")
    assert b["bin"].tolist() == ["0", "<=10", "<=50", "<=100", "<=500", "<=1,000", "<=2,000", "more"]
    assert b.set_index("bin")["accounts"].to_dict() == {
        "0": 1, "<=10": 1, "<=50": 2, "<=100": 0, "<=500": 0, "<=1,000": 1, "<=2,000": 2, "more": 1}
    assert b["share"].sum() == pytest.approx(1.0)
    assert set(b["op"]) == {"ira"}


def test_binned_with_no_accounts_is_empty(frames):
    b = accounts.binned(frames.users([], ops=["ira"]), "follower_count")
    assert b.empty and {"op", "bin", "accounts", "share"} <= set(b.columns)


@pytest.fixture
def regeneration(frames):
    """Accounts around the cutoff day 2017-09-30 (UTC)."""
    return frames.tweets([
        {"op": "ira", "userid": "old", "account_creation_date": "2013-01-01", "tweet_time": "2014-01-01 00:00"},
        {"op": "ira", "userid": "old", "account_creation_date": "2013-01-01", "tweet_time": "2017-09-30 23:59"},
        {"op": "ira", "userid": "late", "account_creation_date": "2013-06-01", "tweet_time": "2017-10-01 00:00"},
        {"op": "ira", "userid": "new", "account_creation_date": "2017-08-01", "tweet_time": "2017-09-01 00:00"},
        {"op": "ira", "userid": "new", "account_creation_date": "2017-08-01", "tweet_time": "2018-03-01 00:00"},
        {"op": "ira", "userid": "new", "account_creation_date": "2017-08-01", "tweet_time": "2018-03-02 12:00"},
        {"op": "iranian", "userid": "x", "account_creation_date": "2016-01-01", "tweet_time": "2016-01-01 00:00"},
    ], ops=OPS3)


def test_activity_per_account(regeneration):
    act = accounts.activity(regeneration).set_index("userid")
    assert act.loc["old", "tweets"] == 2
    assert act.loc["old", "first"] == pd.Timestamp("2014-01-01", tz="UTC")
    assert act.loc["new", "lifetime_days"] == pytest.approx(182.5)
    assert act.loc["x", "lifetime_days"] == 0
    assert act.loc["new", "creation_year"] == 2017 and act.loc["x", "op"] == "iranian"


@pytest.mark.parametrize("cutoff", [dt.date(2017, 9, 30), "2017-09-30", pd.Timestamp("2017-09-30"),
                                    pd.Timestamp("2017-09-30", tz="UTC"), dt.datetime(2017, 9, 30, 15, 0)])
def test_active_after_a_cutoff_day(regeneration, cutoff):
    act = accounts.activity(regeneration)
    a = accounts.active_after(act, cutoff)
    assert a[["op", "cohort", "accounts", "active_after"]].values.tolist() == [
        ["ira", 2013, 2, 1],    # 'old' tweeted last ON the cutoff day: not after; 'late' the next day
        ["ira", 2017, 1, 1],
        ["iranian", 2016, 1, 0]]
    assert a["share"].tolist() == pytest.approx([0.5, 1.0, 0.0])
    late = accounts.tweets_after(regeneration, cutoff).set_index("op")
    assert list(late.index) == OPS3
    assert late.loc["ira"].tolist() == [3, 2]
    assert late.loc["iranian"].tolist() == [0, 0] and late.loc["venezuela"].tolist() == [0, 0]


def test_active_after_keeps_accounts_without_creation_date(frames):
    t = frames.tweets([{"userid": "a", "account_creation_date": None, "tweet_time": "2018-01-01 00:00"},
                       {"userid": "b", "account_creation_date": "2014-01-01", "tweet_time": "2018-01-01 00:00"}])
    a = accounts.active_after(accounts.activity(t), "2017-09-30")
    assert a["accounts"].sum() == 2 and a["active_after"].sum() == 2


def test_cohort_activity(regeneration):
    c = accounts.cohort_activity(regeneration, "Y")
    assert c.groupby(["op", "cohort"], observed=True)["tweets"].sum().to_dict() == {
        ("ira", 2013): 3, ("ira", 2017): 3, ("iranian", 2016): 1}
    per = c[(c["op"] == "ira") & (c["cohort"] == 2017)].set_index("period")["tweets"].to_dict()
    assert per == {pd.Timestamp("2017-01-01"): 1, pd.Timestamp("2018-01-01"): 2}


def test_busiest_years_window_ties_and_single_year():
    per_year = pd.DataFrame({"op": ["ira"] * 4 + ["iranian"],
                             "year": [2012, 2013, 2014, 2016, 2017], "accounts": [5, 5, 5, 10, 7]})
    b = accounts.busiest_years(per_year).set_index("op")
    # windows: 2012-13 = 10, 2013-14 = 10, 2014-15 = 5, 2015-16 = 10: the earliest wins
    assert (b.loc["ira", "first_year"], b.loc["ira", "last_year"], b.loc["ira", "accounts"]) == (2012, 2013, 10)
    assert b.loc["ira", "share"] == pytest.approx(10 / 25)
    # every account created in one year: that year is in the busiest window, with all accounts
    assert b.loc["iranian", "accounts"] == 7 and b.loc["iranian", "share"] == pytest.approx(1.0)
    assert b.loc["iranian", "first_year"] <= 2017 <= b.loc["iranian", "last_year"]


def test_busiest_years_of_nothing_is_an_empty_table():
    empty = pd.DataFrame({"op": [], "year": [], "accounts": []})
    out = accounts.busiest_years(empty)
    assert out.empty and {"op", "first_year", "last_year", "accounts", "share"} <= set(out.columns)


def test_cohort_label():
    assert [accounts.cohort_label(y) for y in (2009, 2012, 2013, 2017.0)] == [
        "before 2013", "before 2013", "2013", "2017"]


def test_empty_operation_gives_empty_tables(frames):
    empty = frames.tweets([], ops=["ira"])
    assert accounts.created_per_year(empty).empty
    act = accounts.activity(empty)
    assert act.empty
    assert accounts.active_after(act, "2017-09-30").empty
    assert accounts.cohort_activity(empty).empty
    assert accounts.tweets_after(empty, "2017-09-30")[["op", "tweets", "accounts"]].values.tolist() == [["ira", 0, 0]]
