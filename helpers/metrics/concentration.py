"""The per-account view: how an operation's tweets, and the engagement they received, are spread over its
accounts (DFRLab Part 1: a few accounts carried the reach), and its most engaged tweets as examples.

In: the out-of-core engine (`ReleaseData.engine()`: only the per-account table and each op's top tweets
come back) or tweets as `ReleaseData.tweets()` returns them (op, userid and the engagement counts; for the examples
also tweetid, user_screen_name, user_is_hashed, tweet_time, tweet_text). Out: small tidy tables per op.
Only accounts with at least one tweet in the tweets file (and the date window) are counted: an account of
the users file that never tweeted has no tweets and no engagement to spread. Engagement of a tweet is
likes + retweets + replies + quotes; a missing (damaged) count adds nothing, so, like Twitter's counts
themselves (which leave out engagement by actioned accounts), every engagement number is a lower bound.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.metrics.core import is_engine
from helpers.metrics.engagement import ENGAGEMENT, NAMES

QUANTITIES = ("tweets", "engagement")
TOP_ACCOUNTS = 0.01  # "the top 1% of accounts"


def engagement_of(tweets: pd.DataFrame) -> np.ndarray:
    """Each tweet's engagement (likes + retweets + replies + quotes; a missing count adds nothing)."""
    total = np.zeros(len(tweets), dtype=np.int64)
    for c in ENGAGEMENT:
        if c in tweets:
            total += tweets[c].to_numpy(dtype=float, na_value=0).astype(np.int64)
    return total


def _engagement_sql() -> str:
    """`engagement_of` in SQL: the four counts summed, a missing one adding nothing."""
    return " + ".join(f"coalesce({c}, 0)" for c in ENGAGEMENT)


def per_account(tweets) -> pd.DataFrame:
    """Tweets and engagement per account that tweeted, per op. Columns: op, userid, tweets, engagement.
    Rows are sorted by op and userid (ids as strings), so the table is the same on every run."""
    if is_engine(tweets):
        out = tweets.query(f"SELECT op, CAST(userid AS VARCHAR) AS userid, count(*) AS tweets, "
                           f"sum({_engagement_sql()}) AS engagement FROM {{tweets}} GROUP BY ALL")
        out["op"] = tweets.op_categorical(out["op"])
        out["userid"] = out["userid"].astype("string")
        out["tweets"] = out["tweets"].astype(np.int64)
        out["engagement"] = out["engagement"].astype(np.int64)
        return out.sort_values(["op", "userid"], kind="stable").reset_index(drop=True)
    f = pd.DataFrame({"op": tweets["op"], "userid": tweets["userid"].astype("string"),
                      "engagement": engagement_of(tweets)})
    grouped = f.groupby(["op", "userid"], observed=True, dropna=False)["engagement"]
    out = pd.DataFrame({"tweets": grouped.size(), "engagement": grouped.sum()}).reset_index()
    out["tweets"] = out["tweets"].astype(np.int64)
    out["engagement"] = out["engagement"].astype(np.int64)
    return out.sort_values(["op", "userid"], kind="stable").reset_index(drop=True)


def gini(values) -> float:
    """Gini coefficient of non-negative values: 0 when every account has the same, near 1 when one has all.
    NaN without values or with a zero total (nothing to spread)."""
    x = np.sort(np.asarray(values, dtype=float))
    n, total = len(x), float(x.sum()) if len(x) else 0.0
    if n == 0 or total == 0:
        return float("nan")
    ranks = np.arange(1, n + 1)
    return float(((2 * ranks - n - 1) * x).sum() / (n * total))


def top_count(n: int, fraction: float = TOP_ACCOUNTS) -> int:
    """How many of n accounts are "the top `fraction`": rounded up, at least one (the top 1% of 50
    accounts is 1 account, of 3,667 it is 37). Rounded first: 0.07 * 100 is 7.000000000000001."""
    return max(1, int(np.ceil(round(fraction * n, 9)))) if n else 0


def summary(accounts: pd.DataFrame, fraction: float = TOP_ACCOUNTS) -> pd.DataFrame:
    """Per op and quantity (tweets, engagement) of `per_account`'s table: accounts, total, the number of
    top accounts and their share of the total, the value at which the top accounts start (`threshold`:
    the smallest value among them), the median account's value and the Gini coefficient.
    Columns: op, quantity, accounts, total, top_accounts, top_share, threshold, median, gini."""
    rows = []
    for op, f in accounts.groupby("op", observed=True):
        for q in QUANTITIES:
            v = np.sort(f[q].to_numpy(dtype=np.int64))[::-1]
            k, total = top_count(len(v), fraction), int(v.sum())
            rows.append({"op": op, "quantity": q, "accounts": len(v), "total": total, "top_accounts": k,
                         "top_share": float(v[:k].sum() / total) if total else np.nan,
                         "threshold": int(v[k - 1]) if k else np.nan,
                         "median": float(np.median(v)) if len(v) else np.nan, "gini": gini(v)})
    return pd.DataFrame(rows, columns=["op", "quantity", "accounts", "total", "top_accounts", "top_share",
                                       "threshold", "median", "gini"])


def ccdf(accounts: pd.DataFrame) -> pd.DataFrame:
    """Complementary CDF per op and quantity: the share of accounts with at least `value` tweets (or
    engagement), for every value of 1 or more that occurs (accounts with none stay in the denominator;
    log axes cannot show 0). Columns: op, quantity, value, accounts_at_least, share_at_least."""
    parts = []
    for op, f in accounts.groupby("op", observed=True):
        for q in QUANTITIES:
            v = f[q].to_numpy(dtype=np.int64)
            values, counts = np.unique(v[v > 0], return_counts=True)
            at_least = counts[::-1].cumsum()[::-1]
            parts.append(pd.DataFrame({"op": op, "quantity": q, "value": values, "accounts_at_least": at_least,
                                       "share_at_least": at_least / len(v)}))
    columns = ["op", "quantity", "value", "accounts_at_least", "share_at_least"]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)


def account_name(userid, screen_name, hashed) -> str:
    """How an account is shown: a hashed account (under 5,000 followers; Twitter replaced its id and name
    with the same hash) by its hash, an unhashed one by @screen name (its id when the name is missing)."""
    if bool(hashed) or screen_name is None or pd.isna(screen_name) or not str(screen_name):
        return str(userid)
    return "@" + str(screen_name)


def _id_key(ids: pd.Series) -> pd.Series:
    """Numeric ids in numeric order without ever becoming numbers: shorter first, then as text."""
    s = ids.astype("string")
    return s.str.len().astype("Int64").astype(str).str.zfill(4) + s


def top_tweets(tweets, n: int) -> pd.DataFrame:
    """Each op's `n` most engaged tweets (likes + retweets + replies + quotes), most first, ties by tweet
    id: the examples a reader can look up. Tweets with no engagement are never examples.
    Columns: op, rank, tweetid, userid, account (see `account_name`), tweet_time, engagement, likes,
    retweets, replies, quotes, tweet_text. Ids stay strings. From the engine, DuckDB picks each op's `n`
    first rows in the same order (ids by length, then as text) and only those come back. Only the tweets at or
    above each op's `n`-th highest engagement (`max(x, n)`, a streaming top-n) are ranked: ranking every
    engaged tweet sorted their texts too (96 s of notebook 06's 117 s at 50 million tweets; now 7 s)."""
    if is_engine(tweets):
        eng, tid = _engagement_sql(), "CAST(tweetid AS VARCHAR)"
        small = tweets.query(
            f"SELECT * EXCLUDE (_r) FROM (SELECT t.op, tweetid, userid, user_screen_name, user_is_hashed, "
            f"tweet_time, tweet_text, {', '.join(ENGAGEMENT)}, row_number() OVER (PARTITION BY t.op ORDER BY {eng} "
            f"DESC, length({tid}), {tid}) AS _r FROM {{tweets}} t JOIN (SELECT op, "
            f"list_min(max({eng}, {max(int(n), 1)})) AS lo FROM {{tweets}} WHERE {eng} > 0 GROUP BY op) th "
            f"ON t.op = th.op WHERE {eng} >= th.lo) "
            f"WHERE _r <= {int(n)}")
        small["op"] = tweets.op_categorical(small["op"])
        return top_tweets(small, n)
    f = tweets.assign(engagement=engagement_of(tweets), _key=_id_key(tweets["tweetid"]))
    f = f[f["engagement"] > 0].sort_values(["op", "engagement", "_key"], ascending=[True, False, True],
                                          kind="stable")
    f = f.assign(rank=f.groupby("op", observed=True).cumcount() + 1)
    f = f[f["rank"] <= n]
    names = [account_name(u, s, h) for u, s, h in zip(f["userid"], f["user_screen_name"], f["user_is_hashed"])]
    out = f.assign(account=names, tweetid=f["tweetid"].astype(str), userid=f["userid"].astype(str))
    counts = {c: NAMES[c] for c in ENGAGEMENT if c in out}
    out = out.rename(columns=counts)
    for name in counts.values():
        out[name] = out[name].astype("Int64")
    columns = ["op", "rank", "tweetid", "userid", "account", "tweet_time", "engagement", *counts.values(),
               "tweet_text"]
    return out[columns].reset_index(drop=True)
