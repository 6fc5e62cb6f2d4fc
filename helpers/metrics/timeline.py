"""Counts over time: per month, year, day, hour; in UTC or an operation's home time zone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from helpers.data.engine import window_sql
from helpers.metrics.core import in_window, is_engine, label_sql, labelled, ops_of, share_table

# pandas period codes -> DuckDB's date_trunc parts (the week of both starts on Monday)
_TRUNC = {"M": "month", "Y": "year", "D": "day", "W": "week"}
QUARTER_HOURS = 900   # seconds: every time zone's offset is a multiple of 15 minutes since 1970


def _period_sql(freq: str, column: str = "tweet_time") -> str:
    """SQL of `_period`: the start of the UTC calendar period, naive (as drawn)."""
    if freq not in _TRUNC:
        raise ValueError(f"period {freq!r} not among {', '.join(_TRUNC)}")
    return f"date_trunc('{_TRUNC[freq]}', CAST({column} AS TIMESTAMP))"


# the type pandas gives a period's start (`to_period().start_time`), whatever its version's resolution
_PERIOD_START = pd.Series(pd.period_range("2000-01", periods=1, freq="M").start_time).dtype


def _as_period(values: pd.Series, like=_PERIOD_START) -> pd.Series:
    """Period starts (or days) from the engine typed as pandas makes them."""
    return pd.to_datetime(values).astype(like)


def _period(times: pd.Series, freq: str) -> pd.Series:
    """Start of the calendar period (UTC) holding each time, as naive timestamps for plotting."""
    naive = times.dt.tz_convert("UTC").dt.tz_localize(None)
    return naive.dt.to_period(freq).dt.start_time


def untimed(tweets: pd.DataFrame) -> pd.DataFrame:
    """Tweets per op without a time (unreadable in the source file: the row is kept with a null time and
    listed among the damaged fields). No period, day or hour holds them, so every count over time here
    leaves them out; this is how many. Columns: op, tweets (every op of the frame, zeros included)."""
    missing = tweets["op"][tweets["tweet_time"].isna().to_numpy()]
    counts = missing.value_counts()
    ops = ops_of(tweets)
    return pd.DataFrame({"op": ops, "tweets": [int(counts.get(op, 0)) for op in ops]})


def counts_by_period(tweets: pd.DataFrame, freq: str = "M", by: str | None = None,
                     keep: Sequence[str] | Mapping[str, Sequence[str]] | None = None,
                     other: str = "other") -> pd.DataFrame:
    """Tweets per op, period (M month, Y year, D day, W week) and optionally per value of `by`.

    With `keep`, values of `by` outside it are grouped as `other`: one list for every operation, or a
    list per operation ({op: [...]}, e.g. each operation's own languages; an op not in it keeps nothing).
    Periods with no tweets are absent. Columns: op, period, [by], tweets. Tweets without a time are in no
    period (see `untimed`).
    """
    keys = ["op", "period", *([by] if by is not None else [])]
    if is_engine(tweets):
        label = f", {label_sql(by)} AS {by}" if by is not None else ""
        out = tweets.query(f"SELECT op, {_period_sql(freq)} AS period{label}, count(*) AS tweets FROM {{tweets}} "
                           "WHERE tweet_time IS NOT NULL GROUP BY ALL")
        out["op"] = tweets.op_categorical(out["op"])
        out["period"] = _as_period(out["period"])
        out["tweets"] = out["tweets"].astype("int64")
        out = out.sort_values(keys, kind="stable").reset_index(drop=True)
    else:
        f = pd.DataFrame({"op": tweets["op"], "period": _period(tweets["tweet_time"], freq)})
        if by is not None:
            f[by] = labelled(tweets[by])
        out = f.groupby(keys, observed=True).size().rename("tweets").reset_index()
    if by is not None:  # labels as plain text: ties and order are alphabetical, not category order
        out[by] = out[by].astype(str)
        if keep is not None:  # grouped after counting: a few thousand rows, never the tweets
            per_op = keep if isinstance(keep, Mapping) else {op: keep for op in out["op"].unique()}
            pairs = pd.MultiIndex.from_tuples([(str(op), str(v)) for op, vs in per_op.items() for v in vs],
                                              names=["op", by])
            inside = pd.MultiIndex.from_arrays([out["op"].astype(str), out[by]]).isin(pairs)
            out[by] = out[by].where(inside, other)
            out = out.groupby(keys, observed=True, sort=False)["tweets"].sum().reset_index()
    return out.sort_values(keys, kind="stable").reset_index(drop=True)


MAIN_LANGUAGE_SHARE = 0.05          # an operation's own main languages: at least 5% of its tweets
UNCODED_LANGUAGES = ("und", "(empty)")   # drawn wherever present: they say how much is not classified


def languages_drawn(tweets: pd.DataFrame, main: Mapping[str, Sequence[str]], forced: Sequence[str] = (),
                    min_share: float = MAIN_LANGUAGE_SHARE) -> dict[str, list[str]]:
    """The tweet languages drawn separately for each operation of `main` (op -> its catalog languages).

    `forced` (the `languages` parameter), when not empty, is one list for all. Otherwise each operation
    gets its catalog languages, or, where it has none, the languages with at least `min_share` of its
    tweets (most tweets first); then `und` and `(empty)` where it has such tweets. The rest is "other".
    """
    if forced:
        return {op: list(forced) for op in main}
    if is_engine(tweets):
        counts = tweets.query(f"SELECT op, {label_sql('tweet_language')} AS lang, count(*) AS n FROM {{tweets}} "
                              "GROUP BY ALL")
        counts = counts.astype({"op": str, "lang": str, "n": "int64"})
    else:
        lang = pd.DataFrame({"op": tweets["op"].astype(str),
                             "lang": labelled(tweets["tweet_language"]).astype(str)})
        counts = lang.groupby(["op", "lang"]).size().rename("n").reset_index()
    out = {}
    for op, languages in main.items():
        c = counts[counts["op"] == op].sort_values(["n", "lang"], ascending=[False, True])
        present = set(c["lang"])
        own = list(languages)
        if not own and len(c):
            share = c["n"] / c["n"].sum()
            own = [v for v in c.loc[share >= min_share, "lang"] if v not in UNCODED_LANGUAGES]
        out[op] = own + [v for v in UNCODED_LANGUAGES if v in present and v not in own]
    return out


def describe_drawn(drawn: Mapping[str, Sequence[str]], label: Callable[[str], str]) -> str:
    """'Russia IRA (Oct 2018): ru, en, und; ...': which languages each panel draws (for captions)."""
    return "; ".join(f"{label(op)}: {', '.join(values) or 'none'}" for op, values in drawn.items())


def language_order(drawn: Mapping[str, Sequence[str]], other: str = "other") -> list[str]:
    """Every language drawn for any operation, first seen first, then `other`: one legend and one colour
    per language across all panels."""
    return [*dict.fromkeys(v for values in drawn.values() for v in values if v != other), other]


def yearly(tweets: pd.DataFrame) -> pd.DataFrame:
    """Tweets and retweets per op and calendar year (UTC): op, year, tweets, retweets, retweet_share."""
    if is_engine(tweets):
        out = tweets.query("SELECT op, CAST(year(tweet_time) AS INTEGER) AS year, count(*) AS tweets, "
                           "CAST(sum(CAST(coalesce(is_retweet, false) AS INTEGER)) AS BIGINT) AS retweets "
                           "FROM {tweets} WHERE tweet_time IS NOT NULL GROUP BY ALL")
        out = out.astype({"year": "int32", "tweets": "int64", "retweets": "int64"})
        out["op"] = tweets.op_categorical(out["op"])
        out = out.sort_values(["op", "year"], kind="stable").reset_index(drop=True)
        out["retweet_share"] = (out["retweets"] / out["tweets"]).astype(float)
        return out
    f = pd.DataFrame({"op": tweets["op"], "year": tweets["tweet_time"].dt.tz_convert("UTC").dt.year,
                      "retweet": tweets["is_retweet"].fillna(False).astype(bool)})
    if f["year"].isna().any():  # tweets without a time are in no year (see `untimed`); years stay integers
        f = f[f["year"].notna().to_numpy()].astype({"year": "int64"})
    out = f.groupby(["op", "year"], observed=True).agg(tweets=("retweet", "size"), retweets=("retweet", "sum"))
    out = out.reset_index()
    out["retweet_share"] = (out["retweets"] / out["tweets"]).astype(float)
    return out


def daily(tweets: pd.DataFrame, start: str | dt.date, end: str | dt.date, ops: list[str] | None = None) -> pd.DataFrame:
    """Tweets per op and UTC calendar day from `start` to `end` (inclusive), zero-filled, for `ops`
    (default: every operation of the frame, also one without tweets in the range)."""
    days = pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq="D")
    if is_engine(tweets):
        ops = tweets.ops if ops is None else list(ops)
        got = tweets.query(f"SELECT op, date_trunc('day', CAST(tweet_time AS TIMESTAMP)) AS day, count(*) AS tweets "
                           f"FROM {{tweets}} WHERE {window_sql(days[0], days[-1])} GROUP BY ALL")
        got = got.assign(op=tweets.op_categorical(got["op"]), day=_as_period(got["day"], days.dtype))
        counts = got.set_index(["op", "day"])["tweets"].astype("int64")
        full = pd.MultiIndex.from_product([ops, days], names=["op", "day"])
        return counts.reindex(full, fill_value=0).reset_index()
    ops = ops_of(tweets) if ops is None else list(ops)  # of the whole frame, also those quiet in the window
    tweets = in_window(tweets, days[0], days[-1])  # a few days' rows first, then their calendar days
    day = tweets["tweet_time"].dt.tz_convert("UTC").dt.tz_localize(None).dt.normalize()
    f = pd.DataFrame({"op": tweets["op"], "day": day})
    f = f[(f["day"] >= days[0]) & (f["day"] <= days[-1])]
    counts = f.groupby(["op", "day"], observed=True).size().rename("tweets")
    full = pd.MultiIndex.from_product([ops, days], names=["op", "day"])
    return counts.reindex(full, fill_value=0).reset_index()


def hour_profile(tweets: pd.DataFrame, zones: dict[str, str], weekly: bool = False) -> pd.DataFrame:
    """Share of each op's tweets per local hour of day (0-23) or hour of week (Monday 0h = 0 ... 167).

    `zones` maps op -> IANA zone name ('UTC' for UTC); zone rules of the time apply (Moscow was UTC+4
    until October 2014, UTC+3 after). Columns: op, zone, hour, tweets, share (weekly: also day 0-6 from
    Monday, hour_of_day).
    """
    parts = []
    for op, t, weights in _times_by_op(tweets):
        zone = zones.get(op, "UTC")
        local = t.dt.tz_convert(zone)
        hour = local.dt.hour + (24 * local.dt.day_of_week if weekly else 0)
        c = (hour.value_counts() if weights is None else
             pd.Series(weights.to_numpy(), index=hour.to_numpy()).groupby(level=0).sum()).rename("tweets")
        c = c.reindex(range(168 if weekly else 24), fill_value=0).rename_axis("hour").reset_index()
        if weekly:
            c["day"], c["hour_of_day"] = c["hour"] // 24, c["hour"] % 24
        c.insert(0, "zone", zone)
        c.insert(0, "op", op)
        parts.append(c)
    if not parts:  # no tweets at all: an empty table, not a crash
        columns = ["op", "zone", "hour", "tweets", *(["day", "hour_of_day"] if weekly else []), "share"]
        return pd.DataFrame(columns=columns)
    out = pd.concat(parts, ignore_index=True)
    return share_table(out)


def _times_by_op(tweets):
    """(op, times, weights) per operation with tweets: a frame's own times (weights None), or from the
    engine each quarter hour's start (UTC) and its tweets: every zone's offset is a whole number of
    quarter hours, so the local hour of a quarter hour is that of each of its tweets."""
    if not is_engine(tweets):
        for op, t in tweets.groupby("op", observed=True):
            yield op, t["tweet_time"], None
        return
    got = tweets.query(f"SELECT op, floor(epoch(tweet_time) / {QUARTER_HOURS}) AS q, count(*) AS n "
                       "FROM {tweets} GROUP BY ALL")
    for op in tweets.ops:
        g = got[got["op"] == op]
        if len(g):
            start = pd.to_datetime(g["q"].astype("float64").to_numpy() * QUARTER_HOURS, unit="s", utc=True)
            yield op, pd.Series(start, index=np.arange(len(g))), g["n"].astype("int64").reset_index(drop=True)


def peaks(counts: pd.DataFrame, by: str) -> pd.DataFrame:
    """For a `counts_by_period` table: per op and value, its share of the op's tweets and its peak
    period (the earliest one on ties). Sorted by op, then share (descending), then value.
    Columns: op, <by>, tweets, share, peak_period, peak_tweets."""
    totals = counts.groupby(["op", by], observed=True)["tweets"].sum().rename("tweets").reset_index()
    totals = share_table(totals)
    best = counts.sort_values(["op", by, "tweets", "period"], ascending=[True, True, False, True], kind="stable")
    best = best.drop_duplicates(["op", by]).rename(columns={"period": "peak_period", "tweets": "peak_tweets"})
    out = totals.merge(best[["op", by, "peak_period", "peak_tweets"]], on=["op", by])
    out = out.sort_values(["op", "share", by], ascending=[True, False, True], kind="stable")
    return out.reset_index(drop=True)


DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


# Working days by home time zone (0 = Monday): Iran's week runs Saturday to Wednesday.
WORKDAYS = {"Asia/Tehran": (5, 6, 0, 1, 2)}
WEEKDAYS = (0, 1, 2, 3, 4)


def working_hours_share(weekly_profile: pd.DataFrame, first: int = 9, last: int = 18) -> pd.Series:
    """Share of each op's tweets posted on local working days between `first`:00 and `last`:00 (from
    a weekly `hour_profile`; working days from WORKDAYS by zone, else Monday-Friday): an office rhythm
    suggests paid staff."""
    parts = {}
    for op, f in weekly_profile.groupby("op", observed=True):
        days = WORKDAYS.get(f["zone"].iloc[0], WEEKDAYS)
        office = f["day"].isin(days) & (f["hour_of_day"] >= first) & (f["hour_of_day"] < last)
        parts[op] = float(f.loc[office, "share"].sum())
    return pd.Series(parts, name="working_hours_share", dtype=float)
