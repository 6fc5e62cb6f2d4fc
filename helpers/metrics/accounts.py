"""Accounts: when they were created, how many followed them, how long they tweeted, who came back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers.metrics.core import is_engine, share_table

# Gubello's follower/following bins (upper bounds; "more" above the last): [G] in published-figures.md.
FOLLOWER_BINS = (0, 10, 50, 100, 500, 1000, 2000)


def created(accounts: pd.DataFrame, freq: str = "Y") -> pd.DataFrame:
    """Accounts created per op and period (Y year, W week, M month) from `account_creation_date`,
    one row per account (`userid` de-duplicated). Columns: op, period, accounts."""
    a = accounts.drop_duplicates(["op", "userid"])
    day = pd.to_datetime(a["account_creation_date"])
    f = pd.DataFrame({"op": a["op"], "period": day.dt.to_period(freq).dt.start_time})
    out = f.dropna().groupby(["op", "period"], observed=True).size().rename("accounts").reset_index()
    return out


def created_per_year(accounts: pd.DataFrame) -> pd.DataFrame:
    """Accounts created per op and calendar year: op, year, accounts, share."""
    out = created(accounts, "Y")
    out.insert(1, "year", out.pop("period").dt.year)
    return share_table(out, value="accounts")


def ecdf(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Empirical CDF of `column` per op: op, value, accounts (at most value), cdf. Missing values skipped."""
    parts = []
    for op, f in frame.groupby("op", observed=True):
        v = f[column].dropna().astype(float)
        if v.empty:
            continue
        counts = v.value_counts().sort_index()
        parts.append(pd.DataFrame({"op": op, "value": counts.index.to_numpy(),
                                   "accounts": counts.cumsum().to_numpy(),
                                   "cdf": counts.cumsum().to_numpy() / len(v)}))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["op", "value", "accounts", "cdf"])


def binned(frame: pd.DataFrame, column: str, edges: Sequence[int] = FOLLOWER_BINS) -> pd.DataFrame:
    """Accounts per bin of `column` ('0', '<=10', ..., 'more'), as printed by Gubello [G]:
    op, bin, accounts, share. One row per account."""
    labels = ["0" if e == 0 else f"<={e:,}" for e in edges] + ["more"]
    bins = [-np.inf, *edges, np.inf]
    parts = []
    for op, f in frame.groupby("op", observed=True):
        v = f.drop_duplicates("userid")[column].dropna().astype(float)
        cut = pd.cut(v, bins=bins, labels=labels, right=True)
        c = cut.value_counts().reindex(labels, fill_value=0)
        parts.append(pd.DataFrame({"op": op, "bin": labels, "accounts": c.to_numpy()}))
    if not parts:  # no accounts at all: an empty table, not a crash
        return pd.DataFrame(columns=["op", "bin", "accounts", "share"])
    out = pd.concat(parts, ignore_index=True)
    return share_table(out, value="accounts")


def activity(tweets: pd.DataFrame) -> pd.DataFrame:
    """Per account: op, userid, first and last tweet, tweets, lifetime_days (first to last tweet),
    creation_year (from the profile snapshots on its tweets: the earliest creation date, on both paths, when
    the snapshots disagree)."""
    if is_engine(tweets):
        return _activity_engine(tweets)
    g = tweets.groupby(["op", "userid"], observed=True)
    out = g.agg(first=("tweet_time", "min"), last=("tweet_time", "max"), tweets=("tweet_time", "size"))
    if "account_creation_date" in tweets:
        out["creation_year"] = g["account_creation_date"].min().pipe(pd.to_datetime).dt.year.astype("Int64")
    out["lifetime_days"] = (out["last"] - out["first"]).dt.total_seconds() / 86400
    return out.reset_index()


def cohort_activity(tweets: pd.DataFrame, freq: str = "M") -> pd.DataFrame:
    """Tweets per op, period and creation-year cohort of the posting account:
    op, period, cohort, tweets (cohort = year the account was created)."""
    if is_engine(tweets):
        from helpers.metrics.timeline import _as_period, _period_sql
        out = tweets.query(f"SELECT op, {_period_sql(freq)} AS period, year(account_creation_date) AS cohort, "
                           "count(*) AS tweets FROM {tweets} WHERE tweet_time IS NOT NULL AND "
                           "account_creation_date IS NOT NULL GROUP BY ALL")
        out = out.astype({"cohort": "int64", "tweets": "int64"}).assign(period=lambda f: _as_period(f["period"]))
        out["op"] = tweets.op_categorical(out["op"])
        return out.sort_values(["op", "period", "cohort"], kind="stable").reset_index(drop=True)
    period = tweets["tweet_time"].dt.tz_convert("UTC").dt.tz_localize(None).dt.to_period(freq).dt.start_time
    cohort = pd.to_datetime(tweets["account_creation_date"]).dt.year
    f = pd.DataFrame({"op": tweets["op"], "period": period, "cohort": cohort}).dropna()
    f["cohort"] = f["cohort"].astype(int)
    return f.groupby(["op", "period", "cohort"], observed=True).size().rename("tweets").reset_index()


def _day_after(cutoff) -> pd.Timestamp:
    """Start (00:00 UTC) of the UTC day after the `cutoff` day: a date, a date string or a timestamp
    (naive ones are taken as UTC, a time of day is ignored)."""
    ts = pd.Timestamp(cutoff)
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    return ts.normalize() + pd.Timedelta(days=1)


def active_after(act: pd.DataFrame, cutoff: str | dt.date) -> pd.DataFrame:
    """Per op and creation-year cohort: accounts with tweets, accounts still tweeting after `cutoff`
    (a last tweet on a later UTC day), their share, and their tweets after it need the raw tweets
    (see `tweets_after`). Columns: op, cohort, accounts, active_after, share. Accounts without a
    creation date are kept, in a cohort of their own (missing)."""
    limit = _day_after(cutoff)
    cohort = act["creation_year"] if "creation_year" in act else pd.Series(pd.NA, index=act.index, dtype="Int64")
    f = act.assign(after=act["last"] >= limit, cohort=cohort)
    out = f.groupby(["op", "cohort"], observed=True, dropna=False).agg(accounts=("userid", "size"),
                                                                       active_after=("after", "sum"))
    out = out.reset_index()
    out["share"] = (out["active_after"] / out["accounts"]).astype(float)
    return out


def tweets_after(tweets: pd.DataFrame, cutoff: str | dt.date) -> pd.DataFrame:
    """Tweets per op posted after the `cutoff` day (UTC), and by how many accounts: op, tweets, accounts."""
    if is_engine(tweets):
        got = tweets.query("SELECT op, count(*) AS tweets, count(DISTINCT userid) AS accounts FROM {tweets} "
                           f"WHERE tweet_time >= TIMESTAMPTZ '{_day_after(cutoff):%Y-%m-%d %H:%M:%S}+00' GROUP BY op")
        got = got.set_index("op")
        return pd.DataFrame({"op": pd.Categorical(tweets.ops, categories=tweets.ops),
                             "tweets": [int(got["tweets"].get(op, 0)) for op in tweets.ops],
                             "accounts": [int(got["accounts"].get(op, 0)) for op in tweets.ops]})
    late = tweets[tweets["tweet_time"] >= _day_after(cutoff)]
    g = late.groupby("op", observed=False)
    return pd.DataFrame({"tweets": g.size(), "accounts": g["userid"].nunique()}).reset_index()


def busiest_years(per_year: pd.DataFrame, width: int = 2) -> pd.DataFrame:
    """Per op, the `width` consecutive years in which most accounts were created, and their share
    (Gubello: 68.8% of IRA accounts were created in 2013-14). Columns: op, first_year, last_year,
    accounts, share. Ties go to the earlier window."""
    rows = []
    for op, f in per_year.groupby("op", observed=True):
        s = f.set_index("year")["accounts"]
        first, last = int(s.index.min()), int(s.index.max())
        years = range(first, max(last, first + width - 1) + 1)  # at least one full window
        s = s.reindex(years, fill_value=0)
        windows = s.rolling(width, min_periods=width).sum().dropna()
        if windows.empty:
            continue
        end = int(windows.idxmax())
        rows.append({"op": op, "first_year": end - width + 1, "last_year": end, "accounts": int(windows.max()),
                     "share": float(windows.max() / s.sum())})
    return pd.DataFrame(rows, columns=["op", "first_year", "last_year", "accounts", "share"])


def cohort_label(year: float) -> str:
    """Creation cohorts as drawn: each year from 2013 on, earlier years together."""
    return "before 2013" if year < 2013 else str(int(year))


def _activity_engine(tweets) -> pd.DataFrame:
    """`activity` counted by the engine: one row per account comes back, never one per tweet. An
    account's creation date is the snapshot on its tweets (one value per account in the files; should
    they disagree, the earliest)."""
    year = ", year(min(account_creation_date)) AS creation_year" if "account_creation_date" in \
        tweets.columns["tweets"] else ""
    out = tweets.query("SELECT op, userid, min(tweet_time) AS first, max(tweet_time) AS last, count(*) AS tweets"
                       f"{year} FROM {{tweets}} GROUP BY ALL")
    out["op"] = tweets.op_categorical(out["op"])
    out["userid"] = out["userid"].astype("category")   # as the loader reads user ids (dictionaries)
    out["tweets"] = out["tweets"].astype("int64")
    if year:
        out["creation_year"] = out["creation_year"].astype("Int64")
    out["lifetime_days"] = (out["last"] - out["first"]).dt.total_seconds() / 86400
    return out.sort_values(["op", "userid"], kind="stable").reset_index(drop=True)
