"""The metrics counted by the out-of-core engine (`helpers.data.engine`) give the tables the pandas path
gives: on a synthetic sample (every metric a notebook draws, with and without a date window) and on
hand-made edge cases (an operation without tweets, tweets without a time, ties in a top-N, missing fields).

The pandas path (frames as `ReleaseData` loads them) is the oracle: it is what the notebooks computed
before the engine, and what the scorecard still computes."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from helpers.data.engine import Engine
from helpers.metrics import accounts, clients, content, core, engagement, timeline

TWEET_COLUMNS = ["tweetid", "userid", "tweet_time", "tweet_language", "tweet_client_name", "user_is_hashed",
                 "account_creation_date", *core.KIND_COLUMNS, *engagement.ENGAGEMENT]


def same(engine_table, pandas_table, sort: list[str] | None = None, **kwargs) -> None:
    """Identical tables (values, column order, dtypes); `sort` for tables whose row order is not part of
    their contract (one row per account)."""
    if sort:
        engine_table = engine_table.sort_values(sort).reset_index(drop=True)
        pandas_table = pandas_table.sort_values(sort).reset_index(drop=True)
    pd.testing.assert_frame_equal(engine_table, pandas_table, **kwargs)


def _open(root, **window):
    from helpers.data import load
    return load.open_release(root / "release", cache_root=root / "cache", progress=False, log=lambda *a: None,
                             **window)


WINDOWS = [{}, {"start": dt.date(2014, 7, 16), "end": dt.date(2016, 6, 23)}]


@pytest.fixture(scope="module", params=WINDOWS, ids=["whole release", "window"])
def both(request, small_sample):
    """(engine, frames) of the sample: the same release, window and operations."""
    release = _open(small_sample, **request.param)
    frames = {"tweets": release.tweets(TWEET_COLUMNS), "users": release.users(["userid", "user_is_hashed"]),
              "tags": release.exploded("hashtags", ["tweetid", "tweet_time"]),
              "urls": release.exploded("urls", ["tweetid"])}
    return release.engine(), frames, release


def test_window_counts_equal_the_arrow_count(both):
    eng, _, release = both
    pd.testing.assert_frame_equal(release.window_counts(), release._count_window_arrow())
    assert release.window_counts()["tweets"].sum() > 0


def test_core_tables_equal(both):
    eng, f, _ = both
    t = f["tweets"]
    same(core.kind_counts(eng), core.kind_counts(t))
    pd.testing.assert_series_equal(core.retweet_share(eng), core.retweet_share(t))
    pd.testing.assert_series_equal(core.tweets_per_op(eng), core.tweets_per_op(t))
    for column in ("tweet_language", "tweet_client_name"):
        for n in (3, None):
            same(core.top_values(eng, column, n), core.top_values(t, column, n))
    same(core.overview(eng, f["users"]), core.overview(t, f["users"]))
    same(core.overview(eng, None), core.overview(t, None))


def test_timeline_tables_equal(both):
    eng, f, _ = both
    t = f["tweets"]
    for freq in ("D", "W", "M", "Y"):
        same(timeline.counts_by_period(eng, freq), timeline.counts_by_period(t, freq))
    drawn = timeline.languages_drawn(t, {op: [] for op in eng.ops})
    assert drawn == timeline.languages_drawn(eng, {op: [] for op in eng.ops})
    same(timeline.counts_by_period(eng, "M", by="tweet_language", keep=drawn),
         timeline.counts_by_period(t, "M", by="tweet_language", keep=drawn))
    kinds = t.assign(kind=core.tweet_kind(t))
    same(timeline.counts_by_period(eng, "M", by="kind"), timeline.counts_by_period(kinds, "M", by="kind"))
    same(timeline.yearly(eng), timeline.yearly(t))
    same(timeline.daily(eng, "2016-06-16", "2016-06-30"), timeline.daily(t, "2016-06-16", "2016-06-30"))
    zones = {"ira": "Europe/Moscow", "iranian": "Asia/Tehran"}
    for weekly in (False, True):
        same(timeline.hour_profile(eng, zones, weekly), timeline.hour_profile(t, zones, weekly))
        same(timeline.hour_profile(eng, {}, weekly), timeline.hour_profile(t, {}, weekly))


def test_client_tables_equal(both):
    eng, f, _ = both
    t = f["tweets"]
    same(clients.class_shares(eng), clients.class_shares(t))
    pd.testing.assert_series_equal(clients.automated_share(eng), clients.automated_share(t))
    same(timeline.counts_by_period(clients.with_class(eng), "M", by="client_class"),
         timeline.counts_by_period(clients.with_class(t), "M", by="client_class"))


def test_account_tables_equal(both):
    eng, f, _ = both
    t = f["tweets"]
    act_e, act_p = accounts.activity(eng), accounts.activity(t)
    same(act_e.astype({"userid": str}), act_p.astype({"userid": str}), sort=["op", "userid"])
    same(accounts.active_after(act_e, "2017-09-30"), accounts.active_after(act_p, "2017-09-30"))
    same(accounts.cohort_activity(eng, "M"), accounts.cohort_activity(t, "M"))
    same(accounts.tweets_after(eng, "2017-09-30"), accounts.tweets_after(t, "2017-09-30"))


def test_engagement_tables_equal(both):
    eng, f, _ = both
    t = f["tweets"]
    same(engagement.totals(eng), engagement.totals(t))
    same(engagement.zero_share(eng), engagement.zero_share(t))
    same(engagement.ccdf(eng), engagement.ccdf(t))
    same(engagement.concentration(eng), engagement.concentration(t))
    same(engagement.concentration(eng, 0.07, 3), engagement.concentration(t, 0.07, 3))
    same(engagement.lorenz(eng, "like_count"), engagement.lorenz(t, "like_count"))
    same(engagement.lorenz(eng, "retweet_count", 37), engagement.lorenz(t, "retweet_count", 37))
    pd.testing.assert_series_equal(engagement.mean_per_tweet(eng), engagement.mean_per_tweet(t))
    for column in engagement.ENGAGEMENT:   # one row per account, ranked: rows in the same order, ties included
        got = engagement.account_totals(eng, column)
        same(got, engagement.account_totals(t, column))
        assert got[engagement.NAMES[column]].duplicated().any()   # ties to break (by userid) are there


def test_content_tables_equal(both):
    eng, f, _ = both
    tags, urls = eng.items("hashtags"), eng.items("urls")
    same(content.top_items(tags, 20), content.top_items(f["tags"], 20))
    same(content.top_items(tags, None), content.top_items(f["tags"], None))
    by_year = f["tags"].assign(year=f["tags"]["tweet_time"].dt.year)
    same(content.top_items(tags, 3, by=["year"]), content.top_items(by_year, 3, by=["year"]), check_dtype=False)
    same(content.top_items_over_time(tags, 10, "Y"), content.top_items_over_time(f["tags"], 10, "Y"))
    same(content.item_per_day(tags, "reasonstoleaveeu", "2016-06-16", "2016-06-30"),
         content.item_per_day(f["tags"], "reasonstoleaveeu", "2016-06-16", "2016-06-30"))
    focus = content.top_items(tags.scoped(["ira"], "2016-06-23", "2016-06-23"), 5)
    expected = content.top_items(content.in_window(f["tags"][f["tags"]["op"] == "ira"], "2016-06-23",
                                                   "2016-06-23"), 5)
    same(focus, expected)
    pd.testing.assert_series_equal(content.tweets_with_url(urls), content.tweets_with_url(f["urls"]))
    per_op = core.tweets_per_op(eng)
    doms_e, doms_p = content.with_domains(urls), content.with_domains(f["urls"])
    same(content.top_domains(doms_e, per_op, 20), content.top_domains(doms_p, per_op, 20))
    top = content.top_domains(doms_p, per_op, 1)
    for domain in [*top["item"], "no-such-domain.example"]:
        same(content.domain_reach(doms_e, per_op, domain), content.domain_reach(doms_p, per_op, domain))


def test_the_sample_has_rows_in_every_compared_table(both):
    """The comparisons above are not vacuous: each table the notebooks draw has rows in the sample."""
    eng, f, _ = both
    assert len(f["tweets"]) > 1000 and len(f["tags"]) > 100 and len(f["urls"]) > 100
    assert set(timeline.yearly(eng)["op"]) == {"ira", "iranian"}
    assert content.item_per_day(eng.items("hashtags"), "reasonstoleaveeu", "2016-06-16", "2016-06-30")[
        "tweets"].sum() > 0 or f["tags"]["item"].str.casefold().eq("reasonstoleaveeu").sum() == 0


# ------------------------------------------------------------------------------- crafted edge cases

def _pair(frames, rows, ops=("ira", "iran")):
    t = frames.tweets(rows, ops=list(ops))
    return Engine.of_frames(tweets=t), t


def test_an_operation_without_tweets_gets_zeros_or_no_rows_as_in_pandas(frames):
    eng, t = _pair(frames, [{"tweet_time": "2016-01-01 10:00", "like_count": 3}])
    same(core.kind_counts(eng), core.kind_counts(t))
    assert list(core.kind_counts(eng).query("op == 'iran'")["tweets"]) == [0, 0, 0, 0]
    pd.testing.assert_series_equal(core.retweet_share(eng), core.retweet_share(t))
    assert np.isnan(core.retweet_share(eng)["iran"])
    for fn in (engagement.totals, engagement.zero_share, engagement.ccdf, engagement.concentration,
               timeline.yearly, core.tweets_per_op.__call__):
        a, b = fn(eng), fn(t)
        (pd.testing.assert_series_equal if isinstance(a, pd.Series) else same)(a, b)
    same(accounts.tweets_after(eng, "2015-01-01"), accounts.tweets_after(t, "2015-01-01"))
    assert accounts.tweets_after(eng, "2015-01-01")["tweets"].tolist() == [1, 0]


def test_account_totals_missing_counts_as_zero_ties_by_userid_text(frames):
    """The engine sums per account in SQL; ties break by the userid's text on both paths (the loader's
    categorical ids would otherwise break them in order of first appearance)."""
    rows = [{"userid": "u9", "like_count": 2}, {"userid": "u1", "like_count": None},
            {"userid": "u1", "like_count": 2}, {"userid": "u5", "like_count": 4, "op": "iran"}]
    eng, t = _pair(frames, rows)
    got = engagement.account_totals(eng)
    same(got, engagement.account_totals(t))
    assert got.astype({"op": str}).values.tolist() == [["ira", 1, "u1", 2], ["ira", 2, "u9", 2],
                                                       ["iran", 1, "u5", 4]]


def test_tweets_without_a_time_are_in_no_period_but_counted_as_tweets(frames):
    rows = [{"tweet_time": None}, {"tweet_time": None, "is_retweet": True}, {"tweet_time": "2016-03-01 00:00"}]
    eng, t = _pair(frames, rows, ops=("ira",))
    same(timeline.counts_by_period(eng, "M"), timeline.counts_by_period(t, "M"))
    assert timeline.counts_by_period(eng, "M")["tweets"].tolist() == [1]
    # the frame path's years are int64 when some time is missing (int32 otherwise); the engine's always int32
    same(timeline.yearly(eng), timeline.yearly(t), check_dtype=False)
    same(timeline.hour_profile(eng, {"ira": "Asia/Tehran"}), timeline.hour_profile(t, {"ira": "Asia/Tehran"}))
    same(core.overview(eng, None), core.overview(t, None))
    assert core.overview(eng, None)["tweets"].tolist() == [3]
    act_e, act_p = accounts.activity(eng), accounts.activity(t)
    same(act_e.astype({"userid": str}), act_p.astype({"userid": str}), sort=["op", "userid"])


def test_all_undated(frames):
    eng, t = _pair(frames, [{"tweet_time": None}, {"tweet_time": None}], ops=("ira",))
    same(timeline.hour_profile(eng, {}), timeline.hour_profile(t, {}))
    assert timeline.hour_profile(eng, {})["share"].isna().all()
    assert len(timeline.counts_by_period(eng, "Y")) == 0 and len(timeline.yearly(eng)) == 0
    counts = eng.window_counts()
    assert counts[["tweets", "undated", "inside"]].iloc[0].tolist() == [2, 2, 0]
    assert counts["first_tweet"].isna().all()


def test_window_edges_are_utc_days_both_included(frames):
    rows = [{"tweet_time": "2016-06-22 23:59"}, {"tweet_time": "2016-06-23 00:00"},
            {"tweet_time": "2016-06-23 23:59"}, {"tweet_time": "2016-06-24 00:00"}]
    eng, t = _pair(frames, rows, ops=("ira",))
    # the frame path's day resolution follows its input frame here (ms); values must be the same
    same(timeline.daily(eng, "2016-06-23", "2016-06-23"), timeline.daily(t, "2016-06-23", "2016-06-23"),
         check_dtype=False)
    assert timeline.daily(eng, "2016-06-23", "2016-06-23")["tweets"].tolist() == [2]
    counts = eng.window_counts("2016-06-23", "2016-06-23")
    assert counts[["before", "inside", "after"]].iloc[0].tolist() == [1, 2, 1]
    assert eng.scoped(start="2016-06-23", end="2016-06-23").whole().query("SELECT count(*) AS n FROM {tweets}")[
        "n"].iloc[0] == 4
    assert eng.scoped(start="2016-06-23", end="2016-06-23").query("SELECT count(*) AS n FROM {tweets}")[
        "n"].iloc[0] == 2


def test_ties_in_top_n_are_broken_alphabetically_as_in_pandas(frames):
    rows = ([{"tweet_language": lang} for lang in ("fr", "de", "en", "es") for _ in range(2)]
            + [{"tweet_language": None}, {"tweet_language": ""}, {"tweet_language": "zz"}])
    eng, t = _pair(frames, rows, ops=("ira",))
    top = core.top_values(eng, "tweet_language", 3)
    same(top, core.top_values(t, "tweet_language", 3))
    assert top["value"].tolist() == ["(empty)", "de", "en"]   # missing and '' together: 2, like each tie
    tagged = frames.tweets([{"hashtags": ["b", "a"]}, {"hashtags": ["c", "a", "b"]}, {"hashtags": []}], ops=["ira"])
    long = frames.exploded(tagged, "hashtags", ["tweetid", "tweet_time"])
    got = content.top_items(Engine.of_frames(tweets=tagged).items("hashtags"), 2)
    same(got, content.top_items(long, 2))
    assert got["item"].tolist() == ["a", "b"]


def test_missing_fields(frames):
    rows = [{"like_count": None, "retweet_count": 0, "reply_count": 0, "quote_count": 0},
            {"like_count": 0, "retweet_count": 0, "reply_count": 0, "quote_count": 0},
            {"like_count": 5, "retweet_count": None, "reply_count": 1, "quote_count": 0, "userid": "u1"},
            {"like_count": 2, "tweet_client_name": None, "tweet_language": None, "userid": "u1"}]
    eng, t = _pair(frames, rows)
    for fn in (engagement.zero_share, engagement.ccdf, engagement.concentration, engagement.totals,
               clients.class_shares):
        same(fn(eng), fn(t))
    same(engagement.lorenz(eng), engagement.lorenz(t))
    zero = engagement.zero_share(eng).set_index(["op", "metric"])
    assert zero.loc[("ira", "likes"), "tweets"] == 3   # the missing like count is not in the denominator
    # known answers: the all-zero tweet (none) and the two with a like (engaged); the first is unknown
    assert zero.loc[("ira", "any engagement"), ["tweets", "share_zero"]].tolist() == [3, 1 / 3]


def test_top_sums_from_a_histogram_match_sorting():
    rng = np.random.default_rng(5)
    v = rng.integers(0, 20, 500)
    values, counts = np.unique(v, return_counts=True)
    m = np.arange(0, 501)
    expected = np.concatenate(([0], np.cumsum(np.sort(v)[::-1])))
    assert (engagement._top_sums(values[::-1], counts[::-1], m) == expected).all()


def test_term_counts_read_in_batches_equal_the_frame(both, monkeypatch):
    """The multilingual terms are matched in Python, batch by batch of texts from the engine: the same
    table as from a frame of every text, whatever the batch size (three batches here, not one)."""
    eng, _, release = both
    terms = {"Ukraine": ["Ukraine", "Украина", "Украины", "Украине", "Украину"], "USA": ["USA", "США"],
             "Iran": ["Iran", "ایران", "إيران"], "nobody": ["zzzyzx"]}
    texts = release.tweets(["tweet_text"])
    expected = content.term_counts(texts, terms)
    assert set(expected["term"]) >= {"Ukraine", "Iran"} and "nobody" not in set(expected["term"])
    batches = eng.batches
    monkeypatch.setattr(eng, "batches", lambda text: batches(text, rows=len(texts) // 3 + 1))
    got = content.term_counts(eng, terms)
    same(got.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=False, check_categorical=False)


def test_the_summary_indicators_from_the_engine_equal_those_from_frames(both):
    """Notebook 08's table (every take-away indicator, numbers and words) is the same from the engine as
    from frames of every tweet: the frame path stays the oracle of the claims."""
    from helpers.claims import takeaways
    eng, _, release = both
    cutoff = dt.date(2017, 9, 30)
    expected = takeaways.indicators(release.tweets(list(takeaways.SUMMARY_COLUMNS)),
                                    release.exploded("urls", ["tweetid"]), cutoff)
    assert len(expected) > 20
    pd.testing.assert_frame_equal(takeaways.indicators(eng, eng.items("urls"), cutoff), expected)


def test_the_per_account_view_from_the_engine_equals_the_frames(both):
    """Notebook 06's per-account table and its example tweets: the same from the engine (only the small
    tables come back) as from frames of every tweet, ties among the top tweets included."""
    from helpers.metrics import concentration
    eng, _, release = both
    columns = ["tweetid", "userid", "user_screen_name", "user_is_hashed", "tweet_time", "tweet_text",
               *engagement.ENGAGEMENT]
    frame = release.tweets(columns)
    expected = concentration.per_account(frame)
    assert len(expected) > 100
    same(concentration.per_account(eng), expected)
    top = concentration.top_tweets(frame, 5)
    assert len(top) == 5 * len(release.ops)
    same(concentration.top_tweets(eng, 5), top, check_dtype=False)
