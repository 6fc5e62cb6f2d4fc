"""Concepts every notebook uses: tweet kinds, shares, top-N tables, the per-operation overview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

EMPTY = "(empty)"  # label of a missing category value (no language code, no client name)
KINDS = ("original", "retweet", "reply", "quote")
KIND_COLUMNS = ("is_retweet", "in_reply_to_tweetid", "in_reply_to_userid", "quoted_tweet_tweetid")


def ops_of(frame: pd.DataFrame) -> list[str]:
    """Operations in their display order (the categories of `op`), also those with no rows."""
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


def kind_counts(tweets: pd.DataFrame) -> pd.DataFrame:
    """Tweets per op and kind (original, retweet, reply, quote) with each kind's share: op, kind, tweets, share."""
    f = pd.DataFrame({"op": tweets["op"], "kind": tweet_kind(tweets)})
    counts = f.groupby(["op", "kind"], observed=False).size().rename("tweets").reset_index()
    return share_table(counts)


def retweet_share(tweets: pd.DataFrame) -> pd.Series:
    """Share of an operation's tweets that are retweets (`is_retweet` true), by op.

    The single definition of "retweet share" in the project (figures, prose and scorecard).
    """
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
