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
    for seed in range(5):
        shuffled = base.sample(frac=1, random_state=seed)
        out = core.rank_within(shuffled, "op", "value", "key", 3)
        got = list(zip(out["op"], out["rank"], out["key"], out["value"]))
        # three of a's four rows (the top 3: 7, then the 5s by key b < c; d is 4th and cut), both of b's
        assert got == [("a", 1, "z", 7), ("a", 2, "b", 5), ("a", 3, "c", 5), ("b", 1, "x", 1), ("b", 2, "y", 1)]
        assert out.index.tolist() == [0, 1, 2, 3, 4]  # a fresh index, not the shuffled one
        assert out["rank"].dtype.kind == "i"
    every = core.rank_within(base, "op", "value", "key", None)  # n=None: every row, ranked
    assert list(zip(every["op"], every["rank"], every["key"])) == [
        ("a", 1, "z"), ("a", 2, "b"), ("a", 3, "c"), ("a", 4, "d"), ("b", 1, "x"), ("b", 2, "y")]
    assert core.rank_within(base, "op", "value", "key", 1)["key"].tolist() == ["z", "x"]


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
                          for u, h in (("a", True), ("b", True), ("TEN_GOP", False), ("silent", True),
                                       ("silent", True))],  # one account listed twice
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


# ------------------------------------------------------------- every metric, any number of operations

def _metric_calls():
    """Every public metric of the package, called as the notebooks call it: name -> f(tweets, users, tags, urls)."""
    import datetime as dt

    from helpers.claims import takeaways
    from helpers.metrics import accounts, clients, concentration, content, engagement, timeline
    day0, day1 = dt.date(2016, 6, 22), dt.date(2016, 6, 24)
    zones = {"ira": "Europe/Moscow", "iranian": "Asia/Tehran"}
    per_op = lambda t: t.groupby("op", observed=False).size()  # noqa: E731
    return {
        "core.kind_counts": lambda t, u, h, l: core.kind_counts(t),
        "core.retweet_share": lambda t, u, h, l: core.retweet_share(t),
        "core.top_values": lambda t, u, h, l: core.top_values(t, "tweet_language", 3),
        "core.overview": lambda t, u, h, l: core.overview(t, u),
        "timeline.counts_by_period": lambda t, u, h, l: timeline.counts_by_period(t, "M", by="tweet_language"),
        "timeline.yearly": lambda t, u, h, l: timeline.yearly(t),
        "timeline.daily": lambda t, u, h, l: timeline.daily(t, day0, day1),
        "timeline.hour_profile": lambda t, u, h, l: timeline.hour_profile(t, zones),
        "timeline.working_hours_share": lambda t, u, h, l: timeline.working_hours_share(
            timeline.hour_profile(t, zones, weekly=True)),
        "timeline.peaks": lambda t, u, h, l: timeline.peaks(
            timeline.counts_by_period(t, "M", by="tweet_language"), "tweet_language"),
        "accounts.created_per_year": lambda t, u, h, l: accounts.created_per_year(u),
        "accounts.created": lambda t, u, h, l: accounts.created(u, "W"),
        "accounts.ecdf": lambda t, u, h, l: accounts.ecdf(u, "follower_count"),
        "accounts.binned": lambda t, u, h, l: accounts.binned(u, "follower_count"),
        "accounts.busiest_years": lambda t, u, h, l: accounts.busiest_years(accounts.created_per_year(u)),
        "accounts.activity": lambda t, u, h, l: accounts.activity(t),
        "accounts.cohort_activity": lambda t, u, h, l: accounts.cohort_activity(t),
        "accounts.active_after": lambda t, u, h, l: accounts.active_after(accounts.activity(t), day0),
        "accounts.tweets_after": lambda t, u, h, l: accounts.tweets_after(t, day0),
        "content.top_items": lambda t, u, h, l: content.top_items(h, 3),
        "content.top_items_over_time": lambda t, u, h, l: content.top_items_over_time(h, 3),
        "content.item_per_day": lambda t, u, h, l: content.item_per_day(h, "Brexit", day0, day1),
        "content.in_window": lambda t, u, h, l: content.in_window(h, day0, day1),
        "content.top_domains": lambda t, u, h, l: content.top_domains(l, per_op(t), 3),
        "content.domain_reach": lambda t, u, h, l: content.domain_reach(l, per_op(t), "bbc.co.uk"),
        "content.term_counts": lambda t, u, h, l: content.term_counts(t, ["Brexit", "USA"]),
        "clients.class_shares": lambda t, u, h, l: clients.class_shares(t),
        "clients.automated_share": lambda t, u, h, l: clients.automated_share(t),
        "engagement.totals": lambda t, u, h, l: engagement.totals(t),
        "engagement.zero_share": lambda t, u, h, l: engagement.zero_share(t),
        "engagement.ccdf": lambda t, u, h, l: engagement.ccdf(t),
        "engagement.concentration": lambda t, u, h, l: engagement.concentration(t),
        "engagement.lorenz": lambda t, u, h, l: engagement.lorenz(t),
        "engagement.top_accounts": lambda t, u, h, l: engagement.top_accounts(u, 3, unhashed_only=False),
        "summary.indicators": lambda t, u, h, l: takeaways.indicators(t, l, day0),
        "concentration.per_account": lambda t, u, h, l: concentration.per_account(t),
        "concentration.summary": lambda t, u, h, l: concentration.summary(concentration.per_account(t)),
        "concentration.ccdf": lambda t, u, h, l: concentration.ccdf(concentration.per_account(t)),
        "concentration.top_tweets": lambda t, u, h, l: concentration.top_tweets(t, 3),
    }


METRICS = _metric_calls()
ROW = {"tweet_time": "2016-06-23 10:00", "hashtags": ["Brexit"], "urls": ["http://www.bbc.co.uk/news"],
       "tweet_text": "Brexit now", "like_count": 2, "tweet_client_name": "twitterfeed", "is_retweet": True}


def _ops_in(result):
    if isinstance(result, pd.Series):
        return set(result.dropna().index)
    return set(result["op"].astype(str)) if "op" in result else set()


def _inputs(frames, ops, with_rows):
    rows = [dict(ROW, op=op, userid=f"{op}-{i}") for op in with_rows for i in range(2)]
    t = frames.tweets(rows, ops=ops)
    users = frames.users([{"op": op, "userid": f"{op}-0", "follower_count": 7} for op in with_rows], ops=ops)
    return t, users, frames.exploded(t, "hashtags", ["tweetid", "tweet_time"]), frames.exploded(t, "urls")


def _row(out: pd.DataFrame, **where) -> pd.Series:
    """The one row of `out` whose columns have the given values."""
    hit = out
    for column, value in where.items():
        hit = hit[hit[column].astype(str) == str(value)]
    assert len(hit) == 1, where
    return hit.iloc[0]


# For the one-operation input (two retweets by ira-0 and ira-1 on 2016-06-23 10:00 UTC, each with #Brexit,
# a bbc.co.uk link, 2 likes, via twitterfeed, accounts created 2013-06-01; one users row, ira-0 with 7
# followers): each metric's rows and one value known by construction.
ONE_OP = {
    "accounts.active_after": (1, lambda o: _row(o, cohort=2013)["active_after"] == 2),
    "accounts.activity": (2, lambda o: o["tweets"].tolist() == [1, 1] and (o["lifetime_days"] == 0).all()),
    "accounts.binned": (8, lambda o: _row(o, bin="<=10")["accounts"] == 1 and o["accounts"].sum() == 1),
    "accounts.busiest_years": (1, lambda o: _row(o, op="ira")[["first_year", "accounts"]].tolist() == [2013, 1]),
    "accounts.cohort_activity": (1, lambda o: _row(o, cohort=2013)["tweets"] == 2),
    "accounts.created": (1, lambda o: str(_row(o, op="ira")["period"].date()) == "2013-05-27"),  # its Monday
    "accounts.created_per_year": (1, lambda o: _row(o, year=2013)["accounts"] == 1),
    "accounts.ecdf": (1, lambda o: _row(o, op="ira")[["value", "cdf"]].tolist() == [7.0, 1.0]),
    "accounts.tweets_after": (1, lambda o: _row(o, op="ira")[["tweets", "accounts"]].tolist() == [2, 2]),
    "clients.automated_share": (1, lambda o: o["ira"] == 1.0),
    "clients.class_shares": (5, lambda o: o["tweets"].sum() == 2
                             and _row(o, client_class="scheduling and automation services")["tweets"] == 2),
    "concentration.ccdf": (2, lambda o: o["value"].tolist() == [1, 2] and (o["share_at_least"] == 1.0).all()),
    "concentration.per_account": (2, lambda o: o["tweets"].tolist() == [1, 1] and o["engagement"].tolist() == [2, 2]),
    "concentration.summary": (2, lambda o: _row(o, quantity="tweets")[["total", "top_accounts", "top_share"]]
                              .tolist() == [2, 1, 0.5] and _row(o, quantity="engagement")["total"] == 4),
    "concentration.top_tweets": (2, lambda o: o["rank"].tolist() == [1, 2] and o["engagement"].tolist() == [2, 2]),
    "content.domain_reach": (1, lambda o: _row(o, domain="bbc.co.uk")[["tweets_linking", "share_of_tweets"]]
                             .tolist() == [2, 1.0]),
    "content.in_window": (2, lambda o: o["item"].tolist() == ["Brexit", "Brexit"]),
    "content.item_per_day": (3, lambda o: o["tweets"].tolist() == [0, 2, 0]),
    # USA: no operation mentions it, so it is dropped
    "content.term_counts": (1, lambda o: o.set_index("term")["tweets"].to_dict() == {"Brexit": 2}),
    "content.top_domains": (1, lambda o: _row(o, item="bbc.co.uk")[["urls", "per_tweet"]].tolist() == [2, 1.0]),
    "content.top_items": (1, lambda o: _row(o, item="Brexit")[["rank", "occurrences"]].tolist() == [1, 2]),
    "content.top_items_over_time": (1, lambda o: _row(o, item="Brexit")["occurrences"] == 2
                                    and str(_row(o, item="Brexit")["period"].date()) == "2016-01-01"),
    "core.kind_counts": (4, lambda o: o.set_index("kind")["tweets"].to_dict()
                         == {"original": 0, "retweet": 2, "reply": 0, "quote": 0}),
    "core.overview": (1, lambda o: _row(o, op="ira")[["accounts_in_users_file", "accounts_with_tweets", "tweets"]]
                      .tolist() == [1, 2, 2]),
    "core.retweet_share": (1, lambda o: o["ira"] == 1.0),
    "core.top_values": (1, lambda o: _row(o, value="en")[["rank", "tweets"]].tolist() == [1, 2]),
    "engagement.ccdf": (1, lambda o: _row(o, metric="likes")[["value", "share_at_least"]].tolist() == [2, 1.0]),
    "engagement.concentration": (4, lambda o: _row(o, metric="likes")[["total", "top_tweets_share"]].tolist()
                                 == [4, 0.5]),
    "engagement.lorenz": (201, lambda o: o["engagement_share"].iloc[[0, -1]].tolist() == [0.0, 1.0]
                          and o["tweet_share"].iloc[-1] == 1.0),
    "engagement.top_accounts": (1, lambda o: _row(o, rank=1)[["userid", "follower_count"]].tolist() == ["ira-0", 7]),
    "engagement.totals": (1, lambda o: _row(o, op="ira")[["likes", "retweets"]].tolist() == [4, 0]),
    "engagement.zero_share": (5, lambda o: o.set_index("metric")["share_zero"].to_dict()
                              == {"any engagement": 0.0, "likes": 0.0, "retweets": 1.0, "replies": 1.0, "quotes": 1.0}),
    "summary.indicators": (14, lambda o: _row(o, indicator="busiest day (tweets)")["shown"] == "2016-06-23: 2"),
    "timeline.counts_by_period": (1, lambda o: _row(o, tweet_language="en")["tweets"] == 2),
    "timeline.daily": (3, lambda o: o["tweets"].tolist() == [0, 2, 0]),
    "timeline.hour_profile": (24, lambda o: _row(o, hour=13)["tweets"] == 2 and o["tweets"].sum() == 2),  # UTC+3
    "timeline.peaks": (1, lambda o: _row(o, tweet_language="en")["peak_tweets"] == 2),
    "timeline.working_hours_share": (1, lambda o: o["ira"] == 1.0),
    "timeline.yearly": (1, lambda o: _row(o, year=2016)[["tweets", "retweets"]].tolist() == [2, 2]),
}


def test_every_metric_has_a_known_answer_below():
    assert set(ONE_OP) == set(METRICS)


@pytest.mark.parametrize("name", sorted(METRICS))
def test_every_metric_with_one_operation(frames, name):
    out = METRICS[name](*_inputs(frames, ["ira"], ["ira"]))
    rows, known = ONE_OP[name]
    assert len(out) == rows
    assert _ops_in(out) == {"ira"}
    assert known(out)


@pytest.mark.parametrize("name", sorted(METRICS))
def test_every_metric_with_three_operations_one_without_rows(frames, name):
    out = METRICS[name](*_inputs(frames, OPS3, ["ira", "venezuela"]))
    assert _ops_in(out) <= set(OPS3)
    if isinstance(out, pd.DataFrame) and "op" in out and name != "content.in_window":
        assert {"ira", "venezuela"} <= _ops_in(out)  # both operations with rows are there
    numbers = [c for c in ("tweets", "accounts", "occurrences", "urls", "active_after", "tweets_linking")
               if isinstance(out, pd.DataFrame) and c in out]
    for c in numbers:  # the operation without rows is absent or counted as zero, never invented
        assert (out.loc[out["op"].astype(str) == "iranian", c].fillna(0) == 0).all(), c
    if name not in ("summary.indicators", "content.in_window"):  # the others answer per op: ira's as alone
        rows, known = ONE_OP[name]
        ira = out[out["op"].astype(str) == "ira"] if isinstance(out, pd.DataFrame) else out
        assert known(ira.reset_index(drop=True) if isinstance(ira, pd.DataFrame) else ira)
        if isinstance(ira, pd.DataFrame):
            assert len(ira) == rows


@pytest.mark.parametrize("name", sorted(METRICS))
def test_every_metric_with_no_rows_at_all(frames, name):
    out = METRICS[name](*_inputs(frames, ["ira", "iranian"], []))
    if isinstance(out, pd.Series):
        assert out.isna().all() or out.empty or (out == 0).all()
        assert set(out.index.astype(str)) <= {"ira", "iranian"}
    else:
        assert isinstance(out, pd.DataFrame)
        if "op" in out:  # whatever rows there are belong to the two operations asked for
            assert set(out["op"].astype(str)) <= {"ira", "iranian"}
        for c in ("tweets", "accounts", "occurrences", "urls", "active_after", "tweets_linking"):
            if c in out:
                assert (out[c].fillna(0) == 0).all(), c


def test_recode_works_per_category_and_reads_none_as_missing():
    calls = []

    def first_letter(v):
        calls.append(v)
        return None if v is None or v == "" else v[0]

    values = pd.Series(pd.Categorical(["apple", "avocado", None, "banana", "apple", ""]), name="fruit")
    out = core.recode(values, first_letter)
    assert out.tolist()[:2] == ["a", "a"] and pd.isna(out[2]) and out[3] == "b" and pd.isna(out[5])
    assert list(out.cat.categories) == ["a", "b"] and out.name == "fruit"   # None is no category
    assert sorted(calls, key=str) == sorted(["", "apple", "avocado", "banana", None], key=str)  # once each
    fixed = core.recode(values, first_letter, categories=["b", "a", "c"])
    assert list(fixed.cat.categories) == ["b", "a", "c"] and fixed.tolist()[3] == "b"
