"""Concepts every notebook uses: tweet kinds, shares, top-N tables, the per-operation overview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from helpers.data.engine import Engine

EMPTY = "(empty)"  # label of a missing category value (no language code, no client name)
KINDS = ("original", "retweet", "reply", "quote")
KIND_COLUMNS = ("is_retweet", "in_reply_to_tweetid", "in_reply_to_userid", "quoted_tweet_tweetid")


def ops_of(frame) -> list[str]:
    """Operations in their display order (the categories of `op`, or the engine's), also those with no rows."""
    if is_engine(frame):
        return list(frame.ops)
    op = frame["op"]
    return list(op.cat.categories) if isinstance(op.dtype, pd.CategoricalDtype) else list(pd.unique(op))


def recode(values: pd.Series, func: Callable[[Any], Any], categories: list[str] | None = None) -> pd.Series:
    """Apply `func` to each distinct value of a categorical column (missing values as None) and return
    the result as a categorical: the work is per category, never per row, so 10 million client names
    with a few hundred distinct values cost a few hundred calls. `func` also receives None (for missing
    values); a None result is a missing value. Non-categorical input is encoded first.
    `categories` fixes the result's categories (and their order); by default, first-seen order."""
    cat = values if isinstance(values.dtype, pd.CategoricalDtype) else values.astype("category")
    mapped = [func(v) for v in cat.cat.categories] + [func(None)]
    cats = list(categories) if categories is not None else [m for m in dict.fromkeys(mapped) if m is not None]
    position = {c: i for i, c in enumerate(cats)}
    lut = np.array([position.get(m, -1) for m in mapped], dtype=np.int64)
    codes = cat.cat.codes.to_numpy()
    new = lut[np.where(codes >= 0, codes, len(mapped) - 1)]
    return pd.Series(pd.Categorical.from_codes(new, categories=cats), index=values.index, name=values.name)


def in_window(frame: pd.DataFrame, start: str | dt.date, end: str | dt.date,
              column: str = "tweet_time") -> pd.DataFrame:
    """Rows whose time falls on a UTC day from `start` to `end` (inclusive)."""
    lo = pd.Timestamp(start, tz="UTC")
    hi = pd.Timestamp(end, tz="UTC") + pd.Timedelta(days=1)
    return frame[((frame[column] >= lo) & (frame[column] < hi)).to_numpy()]


def is_engine(source) -> bool:
    """True when a metric is handed the out-of-core engine (`helpers.data.engine`) rather than a frame:
    the heavy counting then runs in DuckDB over the cache and only the small table comes back."""
    return isinstance(source, Engine)


def label_sql(column: str) -> str:
    """SQL of `labelled`: a missing or empty value is '(empty)', every other value its text."""
    text = f"CAST({column} AS VARCHAR)"
    return f"CASE WHEN {column} IS NULL OR {text} = '' THEN '{EMPTY}' ELSE {text} END"


def tweets_per_op(tweets) -> pd.Series:
    """Tweets per operation (every operation of the run, zeros included), indexed by op: the
    denominator of the per-tweet rates (links per 100 tweets)."""
    if is_engine(tweets):
        got = tweets.query("SELECT op, count(*) AS n FROM {tweets} GROUP BY op").set_index("op")["n"]
        index = pd.CategoricalIndex(tweets.ops, categories=tweets.ops, name="op")
        return pd.Series([int(got.get(op, 0)) for op in tweets.ops], index=index, dtype="int64")
    return tweets.groupby("op", observed=False).size()


def _label(v) -> str:
    return EMPTY if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) or str(v) == "" else str(v)


def labelled(values: pd.Series) -> pd.Series:
    """Values as labels (categorical), missing ones labelled '(empty)' as in the published tables."""
    return recode(values, _label)


def tweet_kind(tweets: pd.DataFrame) -> pd.Series:
    """Each tweet's kind, in this order of precedence: retweet, reply, quote, original.

    A retweet of a reply is a retweet (it is the operation amplifying); a reply quoting a tweet is a
    reply. Needs the columns in KIND_COLUMNS.
    """
    # codes into KINDS, never 10 million strings to factorize
    code = np.zeros(len(tweets), dtype=np.int8)
    code[tweets["quoted_tweet_tweetid"].notna().to_numpy()] = KINDS.index("quote")
    reply = (tweets["in_reply_to_tweetid"].notna() | tweets["in_reply_to_userid"].notna()).to_numpy()
    code[reply] = KINDS.index("reply")
    code[tweets["is_retweet"].fillna(False).to_numpy(dtype=bool)] = KINDS.index("retweet")
    return pd.Series(pd.Categorical.from_codes(code, categories=KINDS), index=tweets.index, name="kind")


def with_kind(tweets):
    """The tweets with their `kind` column (`tweet_kind`); the engine's tweets view has it already."""
    return tweets if is_engine(tweets) else tweets.assign(kind=tweet_kind(tweets))


def kind_counts(tweets: pd.DataFrame) -> pd.DataFrame:
    """Tweets per op and kind (original, retweet, reply, quote) with each kind's share: op, kind, tweets, share."""
    if is_engine(tweets):
        got = tweets.query("SELECT op, kind, count(*) AS n FROM {tweets} GROUP BY ALL").set_index(["op", "kind"])["n"]
        grid = pd.MultiIndex.from_product([tweets.ops, KINDS], names=["op", "kind"])
        counts = pd.DataFrame({"op": pd.Categorical(grid.get_level_values(0), categories=tweets.ops),
                               "kind": pd.Categorical(grid.get_level_values(1), categories=KINDS),
                               "tweets": [int(got.get(k, 0)) for k in grid]})
        return share_table(counts)
    f = pd.DataFrame({"op": tweets["op"], "kind": tweet_kind(tweets)})
    counts = f.groupby(["op", "kind"], observed=False).size().rename("tweets").reset_index()
    return share_table(counts)


def retweet_share(tweets: pd.DataFrame) -> pd.Series:
    """Share of an operation's tweets that are retweets (`is_retweet` true), by op.

    The single definition of "retweet share" in the project (figures, prose and scorecard).
    """
    if is_engine(tweets):
        got = tweets.query("SELECT op, avg(CAST(is_retweet AS DOUBLE)) AS s FROM {tweets} GROUP BY op")
        got = got.set_index("op")["s"]
        index = pd.CategoricalIndex(tweets.ops, categories=tweets.ops, name="op")
        return pd.Series([float(got[op]) if op in got.index and pd.notna(got[op]) else np.nan
                          for op in tweets.ops], index=index, dtype=float, name="retweet_share")
    return tweets.groupby("op", observed=False)["is_retweet"].mean().astype(float).rename("retweet_share")


def share_table(counts: pd.DataFrame, by: str = "op", value: str = "tweets", out: str = "share") -> pd.DataFrame:
    """Adds `out` = value / total of value within each `by` group."""
    totals = counts.groupby(by, observed=True)[value].transform("sum")
    counts = counts.copy()
    counts[out] = (counts[value] / totals.where(totals > 0)).astype(float)
    return counts


def rank_within(frame: pd.DataFrame, by: str | list[str], value: str, key: str, n: int | None) -> pd.DataFrame:
    """Top-n rows per group by `value` (descending), ties broken by `key` (ascending): deterministic."""
    by = [by] if isinstance(by, str) else list(by)
    ordered = frame.sort_values([*by, value, key], ascending=[True] * len(by) + [False, True], kind="stable")
    ordered["rank"] = ordered.groupby(by, observed=True).cumcount() + 1
    if n is not None:
        ordered = ordered[ordered["rank"] <= n]
    return ordered.reset_index(drop=True)


def top_values(frame: pd.DataFrame, column: str, n: int | None, unit: str = "tweets") -> pd.DataFrame:
    """Most frequent values of `column` per op: op, rank, value, <unit>, share (of the op's rows)."""
    if is_engine(frame):
        counts = frame.query(f"SELECT op, {label_sql(column)} AS value, count(*) AS {unit} FROM {{tweets}} "
                             "GROUP BY ALL")
        counts["op"] = frame.op_categorical(counts["op"])
        counts[unit] = counts[unit].astype("int64")
    else:
        f = pd.DataFrame({"op": frame["op"], "value": labelled(frame[column])})
        counts = f.groupby(["op", "value"], observed=True).size().rename(unit).reset_index()
    counts["value"] = counts["value"].astype(str)  # ties broken alphabetically, not by category order
    counts = share_table(counts, value=unit)
    return rank_within(counts, "op", unit, "value", n)[["op", "rank", "value", unit, "share"]]


def overview(tweets: pd.DataFrame, users: pd.DataFrame | None) -> pd.DataFrame:
    """One row per operation: accounts, tweets, kinds of tweets, first and last tweet, hashed accounts.

    `tweets` needs op, userid, tweet_time, user_is_hashed and KIND_COLUMNS; `users` (may be None, or
    miss some operations) needs op, userid, user_is_hashed. Accounts are counted in the users file where
    there is one, else among the tweeting accounts (the `accounts_source` column says which).
    """
    if is_engine(tweets):
        return _overview_engine(tweets, users)
    kinds = tweet_kind(tweets)
    retweets = retweet_share(tweets)
    per_op = tweets[["op", "userid", "tweet_time", "user_is_hashed", "is_retweet"]]  # not the id strings
    rows = []
    for op in ops_of(tweets):
        mask = (per_op["op"] == op).to_numpy()
        t = per_op[mask]
        k = kinds[mask]
        u = users[users["op"] == op] if users is not None and "op" in users else per_op.iloc[:0]  # none: no rows
        has_users = len(u) > 0
        accounts = u.drop_duplicates("userid") if has_users else t.drop_duplicates("userid")
        rows.append({
            "op": op,
            "accounts_in_users_file": u["userid"].nunique() if has_users else np.nan,  # accounts, not rows
            "accounts_with_tweets": t["userid"].nunique(),
            # distinct ids first: a set of the few thousand accounts, not of 9 million tweets' ids
            "accounts_without_tweets": (len(set(u["userid"].unique()) - set(t["userid"].unique()))
                                        if has_users else np.nan),
            "tweets": len(t),
            "retweet_share": float(retweets[op]) if len(t) else np.nan,
            "reply_share": float((k == "reply").mean()) if len(t) else np.nan,
            "quote_share": float((k == "quote").mean()) if len(t) else np.nan,
            "original_share": float((k == "original").mean()) if len(t) else np.nan,
            "first_tweet": t["tweet_time"].min(),
            "last_tweet": t["tweet_time"].max(),
            "hashed_accounts": int(accounts["user_is_hashed"].sum()),
            "unhashed_accounts": int((~accounts["user_is_hashed"].astype(bool)).sum()),
            "accounts_source": "users file" if has_users else "tweets file",
        })
    return pd.DataFrame(rows)


# the engine's per-op statistics of an operation without tweets
_NO_TWEETS = pd.Series({"tweets": 0, "rt": np.nan, "reply": 0, "quote": 0, "original": 0, "first": pd.NaT,
                        "last": pd.NaT})


def _overview_engine(tweets: Engine, users: pd.DataFrame | None) -> pd.DataFrame:
    """`overview` counted by the engine: per-op sums and the distinct accounts (a few thousand rows),
    never a row per tweet. `users` is a frame (one row per account: small)."""
    stats = tweets.query(
        "SELECT op, count(*) AS tweets, avg(CAST(is_retweet AS DOUBLE)) AS rt, count_if(kind = 'reply') AS reply, "
        "count_if(kind = 'quote') AS quote, count_if(kind = 'original') AS original, min(tweet_time) AS first, "
        "max(tweet_time) AS last FROM {tweets} GROUP BY op").set_index("op")
    posting = tweets.query("SELECT op, userid, first(user_is_hashed) AS user_is_hashed FROM {tweets} GROUP BY ALL")
    rows = []
    for op in tweets.ops:
        s = stats.loc[op] if op in stats.index else _NO_TWEETS
        n = int(s["tweets"])
        t = posting[posting["op"] == op]
        u = users[users["op"] == op] if users is not None and "op" in users else None
        if u is not None and len(u) > 0:
            accounts, in_file, source = u.drop_duplicates("userid"), u["userid"].nunique(), "users file"
            without: float = len(set(u["userid"].unique()) - set(t["userid"].unique()))
        else:
            accounts, in_file, without, source = t, np.nan, np.nan, "tweets file"
        rows.append({
            "op": op,
            "accounts_in_users_file": in_file,
            "accounts_with_tweets": t["userid"].nunique(),
            "accounts_without_tweets": without,
            "tweets": n,
            "retweet_share": float(s["rt"]) if n and pd.notna(s["rt"]) else np.nan,
            "reply_share": float(s["reply"] / n) if n else np.nan,
            "quote_share": float(s["quote"] / n) if n else np.nan,
            "original_share": float(s["original"] / n) if n else np.nan,
            "first_tweet": s["first"],
            "last_tweet": s["last"],
            "hashed_accounts": int(accounts["user_is_hashed"].sum()),
            "unhashed_accounts": int((~accounts["user_is_hashed"].astype(bool)).sum()),
            "accounts_source": source,
        })
    return pd.DataFrame(rows)
