"""helpers.claims.takeaways: the whole indicator table of a small release, every row worked out by hand,
where mutation testing showed the tests of tests/unit/claims/test_metrics_summary.py left room
(docs/mutation-testing.md). Through the public `indicators` and `wide` only."""

from __future__ import annotations

import datetime as dt
import math
import warnings

import pandas as pd
import pytest
from test_metrics_summary import _release_frames

from helpers.claims import takeaways

CUTOFF = dt.date(2017, 9, 30)
NAN = float("nan")


@pytest.fixture
def release(frames):
    """ira: 4 tweets by accounts a (3, 2016) and b (1, after the cutoff); iranian: 2 tweets by c in 2017;
    venezuela: none (the release of test_metrics_summary.py)."""
    return _release_frames(frames)


# (take-away, indicator, op, value, shown, is_share), in the order the table gives them
EXPECTED = [
    # ira: ru 3 of 4 tweets, en 1; busiest day 23 June 2016 (2 tweets; median active day 1); twitterfeed 3
    # of 4 (automation); t.co twice in 4 tweets; 2 of 4 tweets with a URL; 2 of 4 liked (9 and 1 likes:
    # mean 2.5); the top 10 accounts get all 10 likes, the top 1% (1 tweet) 9 of them; b tweets after the
    # cutoff (1 tweet), a does not; 2016 has 3 tweets.
    (1, "tweet language #1", "ira", 0.75, "ru (75.0%)", True),
    (1, "tweet language #2", "ira", 0.25, "en (25.0%)", False),
    (2, "busiest day (tweets)", "ira", 2.0, "2016-06-23: 2", False),
    (2, "busiest day vs median active day", "ira", 2.0, "2×", False),
    (3, "tweets via automation or own apps", "ira", 0.75, "75.0%", True),
    (3, "top client app", "ira", 0.75, "twitterfeed (75.0%)", False),
    (4, "top domain (links per 100 tweets)", "ira", 0.5, "t.co (50.0 links per 100 tweets)", False),
    (4, "tweets with a URL", "ira", 0.5, "50.0%", True),
    (5, "tweets with zero engagement", "ira", 0.5, "50.0%", True),
    (5, "likes per tweet (mean)", "ira", 2.5, "2.50", False),
    (6, "likes to the top 10 accounts", "ira", 1.0, "100.0%", True),
    (6, "likes to the top 1% of tweets", "ira", 0.9, "90.0%", True),
    (7, f"accounts active after {CUTOFF}", "ira", 1.0, "1 of 2", False),
    (7, f"tweets after {CUTOFF}", "ira", 1.0, "1", False),
    (7, "peak year", "ira", 2016.0, "2016 (3 tweets)", False),
    # iranian: en and fr one tweet each (ties alphabetical); two days of one tweet (the first is the
    # busiest); IUVM Today is the operation's own app; awdnews once in 2 tweets; one tweet retweeted,
    # none liked (no like at all: no concentration); c's last tweet is before the cutoff; 2017: 2 tweets.
    (1, "tweet language #1", "iranian", 0.5, "en (50.0%)", True),
    (1, "tweet language #2", "iranian", 0.5, "fr (50.0%)", False),
    (2, "busiest day (tweets)", "iranian", 1.0, "2017-01-01: 1", False),
    (2, "busiest day vs median active day", "iranian", 1.0, "1×", False),
    (3, "tweets via automation or own apps", "iranian", 1.0, "100.0%", True),
    (3, "top client app", "iranian", 1.0, "IUVM Today (100.0%)", False),
    (4, "top domain (links per 100 tweets)", "iranian", 0.5, "awdnews.com (50.0 links per 100 tweets)", False),
    (4, "tweets with a URL", "iranian", 0.5, "50.0%", True),
    (5, "tweets with zero engagement", "iranian", 0.5, "50.0%", True),
    (5, "likes per tweet (mean)", "iranian", 0.0, "0.00", False),
    (6, "likes to the top 10 accounts", "iranian", NAN, "n/a", True),
    (6, "likes to the top 1% of tweets", "iranian", NAN, "n/a", True),
    (7, f"accounts active after {CUTOFF}", "iranian", 0.0, "0 of 1", False),
    (7, f"tweets after {CUTOFF}", "iranian", 0.0, "0", False),
    (7, "peak year", "iranian", 2017.0, "2017 (2 tweets)", False),
    # venezuela: no tweet: the shares say n/a; no account and no tweet after the cutoff; no day, client,
    # domain, concentration or year to name
    (3, "tweets via automation or own apps", "venezuela", NAN, "n/a", True),
    (4, "tweets with a URL", "venezuela", NAN, "n/a", True),
    (5, "tweets with zero engagement", "venezuela", NAN, "n/a", True),
    (5, "likes per tweet (mean)", "venezuela", NAN, "n/a", False),
    (7, f"accounts active after {CUTOFF}", "venezuela", 0.0, "0 of 0", False),
    (7, f"tweets after {CUTOFF}", "venezuela", 0.0, "0", False),
]


def _same(a, b) -> bool:
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return a == pytest.approx(b) if isinstance(a, float) else a == b


def test_the_whole_indicator_table_row_by_row(release):
    table = takeaways.indicators(*release, CUTOFF)
    assert list(table.columns) == ["takeaway", "title", "indicator", "op", "value", "shown", "is_share"]
    got = [(r.takeaway, r.indicator, r.op, r.value, r.shown, r.is_share) for r in table.itertuples()]
    assert [g[:3] for g in got] == [e[:3] for e in EXPECTED]
    for g, e in zip(got, EXPECTED):
        assert all(_same(x, y) for x, y in zip(e, g)), (e, g)
        assert type(g[3]) is float and type(g[5]) is bool, g
    titles = dict(zip(table["takeaway"], table["title"]))
    assert titles == {t.number: t.title for t in takeaways.TAKEAWAYS}


def test_the_busiest_day_is_the_earliest_of_equal_days_and_the_ratio_uses_the_median(frames):
    t = frames.tweets([{"tweet_time": x} for x in (
        "2016-03-02 10:00", "2016-03-02 11:00", "2016-03-01 09:00", "2016-03-01 23:59", "2016-03-05 00:00",
        "2016-03-06 00:00", "2016-03-07 00:00")])
    table = takeaways.indicators(t, frames.exploded(t, "urls"), CUTOFF).set_index("indicator")
    assert table.loc["busiest day (tweets)", "shown"] == "2016-03-01: 2"
    # days: 2, 2, 1, 1, 1 tweets: median 1
    assert table.loc["busiest day vs median active day", "value"] == pytest.approx(2.0)


def test_the_peak_year_is_the_earliest_of_equal_years(frames):
    t = frames.tweets([{"tweet_time": x} for x in ("2015-05-01 10:00", "2014-05-01 10:00", "2016-01-01 00:00",
                                                   "2015-06-01 10:00", "2014-06-01 10:00")])
    row = takeaways.indicators(t, frames.exploded(t, "urls"), CUTOFF).set_index("indicator").loc["peak year"]
    assert row["value"] == 2014.0 and row["shown"] == "2014 (2 tweets)"


def test_days_are_utc_calendar_days(frames):
    t = frames.tweets([{"tweet_time": "2016-03-01 23:30"}, {"tweet_time": "2016-03-01 00:10"},
                       {"tweet_time": "2016-03-02 00:30"}])
    row = takeaways.indicators(t, frames.exploded(t, "urls"), CUTOFF).set_index("indicator")
    assert row.loc["busiest day (tweets)", "shown"] == "2016-03-01: 2"


def test_wide_has_every_indicator_in_take_away_order_with_labelled_columns(release):
    table = takeaways.indicators(*release, CUTOFF)
    w = takeaways.wide(table, {"ira": "IRA", "iranian": "Iran", "venezuela": "Venezuela"}.get)
    assert list(w.columns) == ["takeaway", "title", "indicator", "IRA", "Iran", "Venezuela"]
    assert w["indicator"].tolist() == [e[1] for e in EXPECTED[:15]]
    assert w["takeaway"].tolist() == [e[0] for e in EXPECTED[:15]]
    ira = dict(zip(w["indicator"], w["IRA"]))
    assert ira == {e[1]: e[4] for e in EXPECTED if e[2] == "ira"}
    ven = w.set_index("indicator")["Venezuela"]
    assert ven["likes per tweet (mean)"] == "n/a" and pd.isna(ven["peak year"])
    assert w.index.tolist() == list(range(15))


# --- survivors of the first measurement of claims.takeaways ------------------------------------------------


def test_only_the_top_two_languages_and_the_busiest_day_over_the_median_day(frames):
    """Three languages: only #1 and #2 are indicators. Active days of 4, 2 and 2 tweets: the busiest day is
    twice the median day (a median of 1 would hide a product for a ratio).
    Kills indicators 10 and 16 (all languages, three), 135 (peak times the median)."""
    rows = [(f"2016-03-01 0{i}:00", lang) for i, lang in enumerate(["ru", "ru", "ru", "en"])] + [
        ("2016-03-02 10:00", "en"), ("2016-03-02 11:00", "fr"), ("2016-03-04 10:00", "ru"), ("2016-03-04 11:00", "fr")]
    t = frames.tweets([{"tweet_time": time, "tweet_language": lang} for time, lang in rows])
    table = takeaways.indicators(t, frames.exploded(t, "urls"), CUTOFF)
    first = table[table["takeaway"] <= 2][["indicator", "value", "shown", "is_share"]].values.tolist()
    assert first == [["tweet language #1", 0.5, "ru (50.0%)", True], ["tweet language #2", 0.25, "en (25.0%)", False],
                     ["busiest day (tweets)", 4.0, "2016-03-01: 4", False],
                     ["busiest day vs median active day", 2.0, "2\u00d7", False]]


def test_the_engine_gives_the_indicator_table_of_the_frames(release):
    """Notebook 08 runs on the engine (`ReleaseData.engine()`): the same table as from frames, every
    metric's engine path included. Kills indicators 24 (a day period written 'd', which the engine refuses)."""
    from helpers.data.engine import Engine
    tweets, urls = release
    eng = Engine.of_frames(tweets)
    expected = takeaways.indicators(tweets, urls, CUTOFF)
    assert len(expected) == len(EXPECTED)
    pd.testing.assert_frame_equal(takeaways.indicators(eng, eng.items("urls"), CUTOFF), expected)


def test_wide_keeps_first_appearance_order_within_a_take_away_when_the_first_op_has_few_rows(release):
    """An operation without tweets listed first gives its few indicators first; within each take-away
    the order of first appearance stays (a stable sort), e.g. 'tweets with a URL' before 'top domain'.
    Kills wide 3 and 5 (the default quicksort, not stable here)."""
    tweets, urls = release
    tweets = tweets.assign(op=tweets["op"].cat.reorder_categories(["venezuela", "ira", "iranian"]))
    w = takeaways.wide(takeaways.indicators(tweets, urls, CUTOFF), str.upper)
    assert list(w.columns) == ["takeaway", "title", "indicator", "IRA", "IRANIAN", "VENEZUELA"]
    assert w["indicator"].tolist() == [
        "tweet language #1", "tweet language #2", "busiest day (tweets)", "busiest day vs median active day",
        "tweets via automation or own apps", "top client app", "tweets with a URL",
        "top domain (links per 100 tweets)", "tweets with zero engagement", "likes per tweet (mean)",
        "likes to the top 10 accounts", "likes to the top 1% of tweets", f"accounts active after {CUTOFF}",
        f"tweets after {CUTOFF}", "peak year"]
    assert w["VENEZUELA"].fillna("-").tolist()[4:10] == ["n/a", "-", "n/a", "-", "n/a", "n/a"]


def test_an_operation_without_tweets_reads_n_a_without_a_numpy_warning(release):
    """venezuela has no tweets: its URL share is n/a, decided before dividing (0 / 0 would put a numpy
    RuntimeWarning in the notebook's output). Kills indicators 280 and 289 (`n or True`)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = takeaways.indicators(*release, CUTOFF)
    row = table[(table["op"] == "venezuela") & (table["indicator"] == "tweets with a URL")].iloc[0]
    assert math.isnan(row["value"]) and row["shown"] == "n/a"


def test_operations_as_plain_text_an_operation_without_urls_has_none(release):
    """ops_of also takes a plain-text op column: there an operation whose tweets carry no URL is absent from
    the URL table, and its share of tweets with a URL is 0, not missing or one tweet.
    Kills indicators 283 285 286 292 294 295 (the default of url_tweets.get)."""
    tweets, urls = release
    tweets = tweets.astype({"op": str})
    urls = urls.astype({"op": str})
    table = takeaways.indicators(tweets, urls[urls["op"] != "iranian"], CUTOFF)
    rows = table[table["indicator"] == "tweets with a URL"]
    assert rows[["op", "value", "shown", "is_share"]].values.tolist() == [
        ["ira", 0.5, "50.0%", True], ["iranian", 0.0, "0.0%", True]]
