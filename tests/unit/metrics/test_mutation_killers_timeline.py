"""helpers.metrics.timeline: exact tables where mutation testing showed the tests of
tests/test_metrics_timeline.py left room (docs/mutation-testing.md)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.data.engine import Engine
from helpers.metrics import timeline

ZONES = {"ira": "Europe/Moscow", "iranian": "Asia/Tehran"}


def test_hour_profile_exact_columns_index_and_zero_hours(frames):
    t = frames.tweets([{"op": "ira", "tweet_time": "2016-07-05 00:30"},      # Tuesday, 03:30 in Moscow
                       {"op": "iranian", "tweet_time": "2016-07-05 00:30"}])  # Tuesday, 05:00 in Tehran
    daily = timeline.hour_profile(t, ZONES)
    assert list(daily.columns) == ["op", "zone", "hour", "tweets", "share"]
    assert daily.index.tolist() == list(range(48))
    assert daily["tweets"].tolist() == ([1 if h == 3 else 0 for h in range(24)]
                                        + [1 if h == 5 else 0 for h in range(24)])
    weekly = timeline.hour_profile(t, ZONES, weekly=True)
    assert list(weekly.columns) == ["op", "zone", "hour", "tweets", "day", "hour_of_day", "share"]
    hit = weekly[weekly["tweets"] == 1]
    assert hit[["op", "hour", "day", "hour_of_day"]].values.tolist() == [["ira", 27, 1, 3], ["iranian", 29, 1, 5]]


def test_hour_profile_of_no_tweets_keeps_its_columns(frames):
    empty = frames.tweets([], ops=["ira"])
    assert list(timeline.hour_profile(empty, ZONES).columns) == ["op", "zone", "hour", "tweets", "share"]
    assert list(timeline.hour_profile(empty, ZONES, weekly=True).columns) == [
        "op", "zone", "hour", "tweets", "day", "hour_of_day", "share"]


def test_working_hours_share_named_and_float_also_when_empty(frames):
    t = frames.tweets([{"op": "ira", "tweet_time": "2016-07-05 08:00"}])  # 12:00 Moscow, a Tuesday
    got = timeline.working_hours_share(timeline.hour_profile(t, ZONES, weekly=True))
    assert got.name == "working_hours_share" and got.to_dict() == {"ira": 1.0}
    none = timeline.hour_profile(frames.tweets([], ops=["ira"]), ZONES, weekly=True)
    empty = timeline.working_hours_share(none)
    assert empty.dtype == float and empty.name == "working_hours_share"


def test_languages_drawn_own_languages_from_exactly_5_percent_ties_alphabetical(frames):
    rows = [{"op": "zz", "tweet_language": lang} for lang in ["fr"] * 9 + ["de"] * 9 + ["it"]]
    rows += [{"op": "zz", "tweet_language": "es"}]   # 1 of 20: exactly 5%
    t = frames.tweets(rows)
    assert timeline.languages_drawn(t, {"zz": ()}, min_share=0.05) == {"zz": ["de", "fr", "es", "it"]}


def test_peaks_ops_in_order_with_a_fresh_index(frames):
    rows = [{"op": "ira", "tweet_time": f"2016-0{m}-01", "tweet_language": lang}
            for m, lang in [(1, "ru"), (1, "ru"), (1, "en"), (2, "ru"), (2, "fr"), (2, None)]]
    rows += [{"op": "iranian", "tweet_time": "2016-01-05", "tweet_language": "fa"}]
    counts = timeline.counts_by_period(frames.tweets(rows), "M", by="tweet_language")
    p = timeline.peaks(counts, "tweet_language")
    assert list(p.columns) == ["op", "tweet_language", "tweets", "share", "peak_period", "peak_tweets"]
    assert p.index.tolist() == list(range(len(p)))
    assert p["op"].astype(str).tolist() == ["ira"] * 4 + ["iranian"]


def test_untimed_with_text_ops_counts_zero_for_an_op_without_untimed_tweets(frames):
    t = frames.tweets([{"op": "ira", "tweet_time": None}, {"op": "iranian"}])
    t["op"] = t["op"].astype(str)
    assert timeline.untimed(t).values.tolist() == [["ira", 1], ["iranian", 0]]


def test_yearly_missing_retweet_flag_is_not_a_retweet_and_counts_are_integers(frames):
    t = frames.tweets([{"op": "ira", "tweet_time": "2016-01-01", "is_retweet": None},
                       {"op": "ira", "tweet_time": "2016-02-01", "is_retweet": True}])
    y = timeline.yearly(t)
    assert y[["year", "tweets", "retweets"]].values.tolist() == [[2016, 2, 1]]
    assert y["retweets"].dtype.kind == "i" and y["retweet_share"].tolist() == [0.5]


def test_hour_profile_weekly_tuesday_midnight_is_day_1(frames):
    t = frames.tweets([{"op": "ira", "tweet_time": "2016-07-05 00:30"}])  # Tuesday 00:30 UTC
    weekly = timeline.hour_profile(t, {}, weekly=True)
    assert weekly.loc[weekly["tweets"] == 1, ["hour", "day", "hour_of_day"]].values.tolist() == [[24, 1, 0]]


# ------------------------------------------------------- engine paths (issue 16; run of 30 November, 20:00)

@pytest.fixture(scope="module")
def quiet_op_engine():
    """Three operations over two UTC days, one of them without tweets, as a frame and as the engine over it
    (built once: mutmut reruns this file for every mutant)."""
    from conftest import FrameBuilder
    rows = [{"op": "ira", "tweet_time": "2016-06-23 10:00"},
            {"op": "iranian", "tweet_time": "2016-06-23 23:59"},
            {"op": "iranian", "tweet_time": "2016-06-24 00:00"}]
    t = FrameBuilder().tweets(rows, ops=["ira", "iranian", "quiet"])
    return Engine.of_frames(tweets=t), t


def test_daily_from_the_engine_keeps_only_the_operations_asked_for_in_their_order(quiet_op_engine):
    # kills x_daily__mutmut_15 (the ops asked for ignored: every op) and _17 (list(None): a TypeError)
    eng, t = quiet_op_engine
    days = pd.date_range("2016-06-23", "2016-06-24", freq="D")
    expected = pd.DataFrame({"op": ["quiet", "quiet", "iranian", "iranian"], "day": days.append(days),
                             "tweets": [0, 0, 1, 1]})
    got = timeline.daily(eng, "2016-06-23", "2016-06-24", ops=("quiet", "iranian"))
    pd.testing.assert_frame_equal(got, expected)
    pd.testing.assert_frame_equal(timeline.daily(t, "2016-06-23", "2016-06-24", ops=("quiet", "iranian")),
                                  expected, check_dtype=False)   # the frame path's days follow its frame (ms)


def test_counts_by_period_from_the_engine_refuses_an_unknown_period_naming_the_known_ones(quiet_op_engine):
    # kills x__period_sql__mutmut_4 (no message), _5 (join of None: a TypeError) and _6 ('XX, XX' between)
    eng, _ = quiet_op_engine
    with pytest.raises(ValueError) as refused:
        timeline.counts_by_period(eng, "Q")
    assert str(refused.value) == "period 'Q' not among M, Y, D, W"
