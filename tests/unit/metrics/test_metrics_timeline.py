"""helpers.metrics.timeline: counts per period (UTC), per day, per local hour; peaks; office hours."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from helpers.metrics import timeline

OPS3 = ["ira", "iranian", "venezuela"]
ZONES = {"ira": "Europe/Moscow", "iranian": "Asia/Tehran"}


@pytest.fixture
def monthly_release(frames):
    """ira: Jan 2016 ru x2 + en x1, Feb 2016 ru x1 + fr x1 + (empty) x1; iranian: Jan 2016 fa x2."""
    rows = [
        {"op": "ira", "tweet_time": "2016-01-01 00:00", "tweet_language": "ru"},
        {"op": "ira", "tweet_time": "2016-01-31 23:59", "tweet_language": "ru"},  # still January in UTC
        {"op": "ira", "tweet_time": "2016-01-15 12:00", "tweet_language": "en"},
        {"op": "ira", "tweet_time": "2016-02-01 00:00", "tweet_language": "ru"},
        {"op": "ira", "tweet_time": "2016-02-10 00:00", "tweet_language": "fr"},
        {"op": "ira", "tweet_time": "2016-02-11 00:00", "tweet_language": None},
        {"op": "iranian", "tweet_time": "2016-01-05 00:00", "tweet_language": "fa"},
        {"op": "iranian", "tweet_time": "2016-01-06 00:00", "tweet_language": "fa"},
    ]
    return frames.tweets(rows, ops=OPS3)


def as_dict(table, *keys, value="tweets"):
    return {tuple(str(r[k])[:10] if isinstance(r[k], pd.Timestamp) else r[k] for k in keys): r[value]
            for _, r in table.iterrows()}


def test_monthly_counts_per_language_with_other_and_empty(monthly_release):
    out = timeline.counts_by_period(monthly_release, "M", by="tweet_language", keep=["ru", "en", "fa", "(empty)"])
    assert list(out.columns) == ["op", "period", "tweet_language", "tweets"]
    assert as_dict(out, "op", "period", "tweet_language") == {
        ("ira", "2016-01-01", "en"): 1, ("ira", "2016-01-01", "ru"): 2,
        ("ira", "2016-02-01", "(empty)"): 1, ("ira", "2016-02-01", "other"): 1, ("ira", "2016-02-01", "ru"): 1,
        ("iranian", "2016-01-01", "fa"): 2,
    }
    assert out["period"].dt.tz is None  # naive period starts, for plotting


def test_counts_by_period_without_by_and_yearly(monthly_release):
    out = timeline.counts_by_period(monthly_release, "Y")
    assert as_dict(out, "op", "period") == {("ira", "2016-01-01"): 6, ("iranian", "2016-01-01"): 2}


def test_yearly_retweet_share_per_year(frames):
    t = frames.tweets([
        {"op": "ira", "tweet_time": "2015-03-01 00:00", "is_retweet": True},
        {"op": "ira", "tweet_time": "2015-12-31 23:59", "is_retweet": False},
        {"op": "ira", "tweet_time": "2016-01-01 00:00", "is_retweet": True},
        {"op": "ira", "tweet_time": "2016-07-01 00:00", "is_retweet": True},
        {"op": "ira", "tweet_time": "2016-08-01 00:00", "is_retweet": True},
        {"op": "venezuela", "tweet_time": "2018-01-01 00:00", "is_retweet": False},
    ], ops=OPS3)
    y = timeline.yearly(t)
    assert y[["op", "year", "tweets", "retweets"]].values.tolist() == [
        ["ira", 2015, 2, 1], ["ira", 2016, 3, 3], ["venezuela", 2018, 1, 0]]
    assert y["retweet_share"].tolist() == pytest.approx([0.5, 1.0, 0.0])
    assert "iranian" not in set(y["op"])


def test_daily_is_zero_filled_and_inclusive(frames):
    t = frames.tweets([
        {"op": "ira", "tweet_time": "2014-07-16 00:00"},
        {"op": "ira", "tweet_time": "2014-07-16 23:59"},
        {"op": "ira", "tweet_time": "2014-07-18 23:59"},   # the end day is included
        {"op": "ira", "tweet_time": "2014-07-19 00:00"},   # the day after is not
        {"op": "ira", "tweet_time": "2014-07-15 23:59"},   # the day before is not
    ], ops=OPS3)
    d = timeline.daily(t, dt.date(2014, 7, 16), dt.date(2014, 7, 18))
    assert list(d.columns) == ["op", "day", "tweets"]
    assert d[d["op"] == "ira"]["tweets"].tolist() == [2, 0, 1]
    assert d[d["op"] == "ira"]["day"].dt.strftime("%Y-%m-%d").tolist() == ["2014-07-16", "2014-07-17", "2014-07-18"]
    for op in ("iranian", "venezuela"):  # operations with no tweets get zero days, not an error
        assert d[d["op"] == op]["tweets"].tolist() == [0, 0, 0]


def test_daily_with_no_tweets_in_the_range(frames):
    t = frames.tweets([{"op": "ira", "tweet_time": "2016-01-01 00:00"}], ops=["ira"])
    d = timeline.daily(t, "2014-07-16", "2014-07-17")
    assert d["tweets"].tolist() == [0, 0] and d["op"].tolist() == ["ira", "ira"]
    empty = frames.tweets([], ops=["ira", "iranian"])
    d = timeline.daily(empty, "2014-07-16", "2014-07-16")
    assert d[["op", "tweets"]].values.tolist() == [["ira", 0], ["iranian", 0]]


def test_hour_profile_uses_the_zone_rules_of_the_time(frames):
    t = frames.tweets([
        # Moscow was UTC+4 until 26 October 2014 and UTC+3 after
        {"op": "ira", "tweet_time": "2014-10-24 20:30"},   # 00:30 on the 25th in Moscow
        {"op": "ira", "tweet_time": "2014-10-27 20:30"},   # 23:30 in Moscow
        # Tehran: UTC+3:30 in winter, UTC+4:30 in summer (2016)
        {"op": "iranian", "tweet_time": "2016-01-10 20:45"},  # 00:15 on Monday 11 January
        {"op": "iranian", "tweet_time": "2016-06-10 19:45"},  # 00:15 on Saturday 11 June
        {"op": "iranian", "tweet_time": "2016-06-10 19:00"},  # 23:30 on Friday 10 June
    ], ops=OPS3)
    p = timeline.hour_profile(t, ZONES)
    assert len(p) == 48  # 24 hours for each op with tweets; none for the op without
    ira = p[p["op"] == "ira"].set_index("hour")
    assert ira.loc[0, "tweets"] == 1 and ira.loc[23, "tweets"] == 1 and ira["tweets"].sum() == 2
    assert (ira["zone"] == "Europe/Moscow").all()
    iran = p[p["op"] == "iranian"].set_index("hour")
    assert iran.loc[0, "tweets"] == 2 and iran.loc[23, "tweets"] == 1
    assert iran.loc[0, "share"] == pytest.approx(2 / 3)
    assert p.groupby("op", observed=True)["share"].sum().tolist() == pytest.approx([1.0, 1.0])
    utc = timeline.hour_profile(t, {}).set_index(["op", "hour"])
    assert utc.loc[("ira", 20), "tweets"] == 2 and (utc["zone"] == "UTC").all()


def test_hour_profile_weekly(frames):
    t = frames.tweets([
        {"op": "iranian", "tweet_time": "2016-01-10 20:45"},  # Monday 00:15 in Tehran -> hour 0
        {"op": "iranian", "tweet_time": "2016-01-10 20:00"},  # Sunday 23:30 in Tehran -> hour 167
    ], ops=["iranian"])
    w = timeline.hour_profile(t, ZONES, weekly=True).set_index("hour")
    assert len(w) == 168
    assert w.loc[0, "tweets"] == 1 and w.loc[167, "tweets"] == 1
    assert (w.loc[167, "day"], w.loc[167, "hour_of_day"]) == (6, 23)


def test_hour_profile_of_no_tweets_is_an_empty_table(frames):
    empty = frames.tweets([], ops=["ira"])
    for weekly in (False, True):
        p = timeline.hour_profile(empty, ZONES, weekly=weekly)
        assert p.empty and {"op", "zone", "hour", "tweets", "share"} <= set(p.columns)
    assert timeline.working_hours_share(timeline.hour_profile(empty, ZONES, weekly=True)).empty


def test_working_hours_share_uses_each_zone_working_week(frames):
    t = frames.tweets([
        # Tehran 2016-01 (UTC+3:30): Saturday is a working day, Friday is not; 18:00 is after hours
        {"op": "iranian", "tweet_time": "2016-01-09 06:30"},  # Sat 10:00 local: counted
        {"op": "iranian", "tweet_time": "2016-01-08 06:30"},  # Fri 10:00 local: weekend
        {"op": "iranian", "tweet_time": "2016-01-09 14:30"},  # Sat 18:00 local: after hours
        {"op": "iranian", "tweet_time": "2016-01-09 05:30"},  # Sat 09:00 local: counted
        # Moscow 2016 (UTC+3): Monday to Friday
        {"op": "ira", "tweet_time": "2016-01-09 07:00"},      # Sat 10:00 local: weekend
        {"op": "ira", "tweet_time": "2016-01-11 06:00"},      # Mon 09:00 local: counted
        {"op": "ira", "tweet_time": "2016-01-11 14:59"},      # Mon 17:59 local: counted
    ], ops=["ira", "iranian"])
    share = timeline.working_hours_share(timeline.hour_profile(t, ZONES, weekly=True))
    assert share["iranian"] == pytest.approx(0.5)
    assert share["ira"] == pytest.approx(2 / 3)


def test_peaks_share_and_earliest_peak(monthly_release, frames):
    monthly = timeline.counts_by_period(monthly_release, "M", by="tweet_language")
    p = timeline.peaks(monthly, "tweet_language")
    ira = p[p["op"] == "ira"]
    assert ira["tweet_language"].tolist() == ["ru", "(empty)", "en", "fr"]  # share desc, then name
    ru = ira.iloc[0]
    assert ru["tweets"] == 3 and ru["share"] == pytest.approx(0.5)
    assert ru["peak_period"] == pd.Timestamp("2016-01-01") and ru["peak_tweets"] == 2
    tie = frames.tweets([{"op": "ira", "tweet_time": "2016-03-01 00:00"},
                         {"op": "ira", "tweet_time": "2016-01-01 00:00"}])
    p = timeline.peaks(timeline.counts_by_period(tie, "M", by="tweet_language"), "tweet_language")
    assert p.loc[0, "peak_period"] == pd.Timestamp("2016-01-01")  # tie: the earlier month


def test_empty_operation_gives_empty_tables(frames):
    empty = frames.tweets([], ops=["ira"])
    assert timeline.counts_by_period(empty, "M", by="tweet_language", keep=["ru"]).empty
    assert timeline.yearly(empty).empty
    assert timeline.peaks(timeline.counts_by_period(empty, "M", by="tweet_language"), "tweet_language").empty


def test_daily_for_chosen_operations(frames):
    t = frames.tweets([{"op": "ira", "tweet_time": "2014-07-16 10:00"},
                       {"op": "iranian", "tweet_time": "2014-07-16 10:00"}], ops=OPS3)
    d = timeline.daily(t[t["op"] == "ira"], "2014-07-16", "2014-07-17", ops=["ira"])
    assert d[["op", "tweets"]].values.tolist() == [["ira", 1], ["ira", 0]]  # one case study: one operation


def test_daily_keeps_operations_quiet_in_the_window_with_text_ops():
    """Only the window's rows are looked at, but every operation of the frame is listed (also with an
    `op` column of plain text, whose operations are those of its rows)."""
    t = pd.DataFrame({"op": ["ira", "iranian"],
                      "tweet_time": pd.to_datetime(["2014-07-16 10:00", "2016-01-01 10:00"], utc=True)})
    d = timeline.daily(t, "2014-07-16", "2014-07-16")
    assert d[["op", "tweets"]].values.tolist() == [["ira", 1], ["iranian", 0]]


def test_counts_by_period_keeps_each_operations_own_languages(monthly_release):
    """A list per operation: ira keeps ru and fr, iranian keeps en only (its fa becomes 'other')."""
    out = timeline.counts_by_period(monthly_release, "M", by="tweet_language",
                                    keep={"ira": ["ru", "fr"], "iranian": ["en"]})
    assert as_dict(out, "op", "period", "tweet_language") == {
        ("ira", "2016-01-01", "other"): 1, ("ira", "2016-01-01", "ru"): 2,
        ("ira", "2016-02-01", "fr"): 1, ("ira", "2016-02-01", "other"): 1, ("ira", "2016-02-01", "ru"): 1,
        ("iranian", "2016-01-01", "other"): 2,
    }
    assert out["tweets"].sum() == len(monthly_release)   # grouping never loses a tweet


def test_languages_drawn_per_operation_catalog_first_then_own_top_languages(frames):
    """ira has catalog languages (kept even if rare, plus und / (empty) where present); 'zz' has none:
    its languages with at least 5% of its tweets (und and (empty) only as such, never as 'main')."""
    rows = ([{"op": "ira", "tweet_time": "2016-01-01 00:00", "tweet_language": v} for v in ["en"] * 9 + [None]]
            + [{"op": "zz", "tweet_time": "2016-01-01 00:00", "tweet_language": v}
               for v in ["es"] * 80 + ["pt"] * 10 + ["it"] * 4 + ["und"] * 6]
)
    t = frames.tweets(rows, ops=["ira", "zz", "quiet"])
    drawn = timeline.languages_drawn(t, {"ira": ("ru", "en"), "zz": (), "quiet": ()})
    assert drawn == {"ira": ["ru", "en", "(empty)"], "zz": ["es", "pt", "und"], "quiet": []}
    assert timeline.language_order(drawn) == ["ru", "en", "(empty)", "es", "pt", "und", "other"]
    forced = timeline.languages_drawn(t, {"ira": ("ru",), "zz": ()}, forced=["en", "fa"])
    assert forced == {"ira": ["en", "fa"], "zz": ["en", "fa"]}


def test_describe_drawn_names_each_operations_languages():
    text = timeline.describe_drawn({"ira": ["ru", "en"], "zz": []}, str.upper)
    assert text == "IRA: ru, en; ZZ: none"


def test_tweets_without_a_time_are_counted_and_never_crash_a_timeline(frames):
    """A tweet whose time was unreadable is kept with a null time: every count over time leaves it out
    without failing, and `untimed` says how many there are."""
    from helpers.metrics import accounts, core
    t = frames.tweets([{"op": "ira", "tweet_time": "2016-01-01 12:00", "userid": "a"},
                       {"op": "ira", "tweet_time": None, "userid": "a"},
                       {"op": "iranian", "tweet_time": None, "userid": "b"}], ops=OPS3)
    assert timeline.untimed(t).to_dict("records") == [{"op": "ira", "tweets": 1}, {"op": "iranian", "tweets": 1},
                                                      {"op": "venezuela", "tweets": 0}]
    assert timeline.counts_by_period(t)["tweets"].tolist() == [1]
    years = timeline.yearly(t)
    assert years["year"].tolist() == [2016] and years["year"].dtype == "int64"
    assert timeline.daily(t, "2016-01-01", "2016-01-01")["tweets"].tolist() == [1, 0, 0]
    hours = timeline.hour_profile(t, ZONES)
    assert hours.loc[hours["op"] == "ira", "tweets"].sum() == 1
    assert hours.loc[hours["op"] == "iranian", "tweets"].sum() == 0
    ov = core.overview(t, None).set_index("op")
    assert ov.loc["ira", "tweets"] == 2 and ov.loc["ira", "first_tweet"] == ov.loc["ira", "last_tweet"]
    assert pd.isna(ov.loc["iranian", "first_tweet"])
    assert len(accounts.activity(t)) == 2
