"""Engagement and reach. Twitter's counts exclude engagement by accounts it had actioned, so every
number here is a lower bound."""

from __future__ import annotations

import numpy as np
import pandas as pd

ENGAGEMENT = ("like_count", "retweet_count", "reply_count", "quote_count")
NAMES = {"like_count": "likes", "retweet_count": "retweets", "reply_count": "replies", "quote_count": "quotes"}


def totals(tweets: pd.DataFrame) -> pd.DataFrame:
    """Summed engagement per op: op, likes, retweets, replies, quotes (missing counts skipped)."""
    cols = [c for c in ENGAGEMENT if c in tweets]
    out = tweets.groupby("op", observed=False)[cols].sum(min_count=0).rename(columns=NAMES)
    return out.astype("Int64").reset_index()


def _counts_only(tweets: pd.DataFrame) -> pd.DataFrame:
    """The op column and the engagement counts present: per-op groups then copy these, not every
    column a notebook loaded (ids, names, times)."""
    return tweets[["op", *[c for c in ENGAGEMENT if c in tweets]]]


def zero_share(tweets: pd.DataFrame) -> pd.DataFrame:
    """Per op: share of tweets with no engagement at all (all four counts 0), and per count.
    Tweets with a missing count are left out of that count's denominator; for "any engagement" a tweet
    counts when its answer is known: some count above 0 (engaged) or all four counts 0 (not engaged).
    Columns: op, metric, share_zero, tweets."""
    rows = []
    for op, f in _counts_only(tweets).groupby("op", observed=False):
        engaged, none = np.zeros(len(f), dtype=bool), np.ones(len(f), dtype=bool)
        for c in ENGAGEMENT:  # column by column in numpy: a missing count (NaN) is neither > 0 nor 0
            v = f[c].to_numpy(dtype=float, na_value=np.nan)
            engaged |= v > 0
            none &= v == 0
        known = int((engaged | none).sum())
        rows.append({"op": op, "metric": "any engagement", "tweets": known,
                     "share_zero": float(none.sum() / known) if known else np.nan})
        for c in ENGAGEMENT:
            v = f[c].dropna()
            rows.append({"op": op, "metric": NAMES[c], "tweets": len(v),
                         "share_zero": float((v == 0).mean()) if len(v) else np.nan})
    return pd.DataFrame(rows)


def ccdf(tweets: pd.DataFrame) -> pd.DataFrame:
    """Complementary CDF per op and engagement count: share of tweets with at least `value`
    (value >= 1; the zeros are in `zero_share`). Columns: op, metric, value, share_at_least."""
    parts = []
    for op, f in tweets.groupby("op", observed=True):
        for c in ENGAGEMENT:
            v = f[c].dropna().to_numpy(dtype=np.int64)
            if not len(v):
                continue
            values, counts = np.unique(v[v > 0], return_counts=True)
            at_least = (counts[::-1].cumsum()[::-1]) / len(v)
            parts.append(pd.DataFrame({"op": op, "metric": NAMES[c], "value": values, "share_at_least": at_least}))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["op", "metric", "value", "share_at_least"])


def concentration(tweets: pd.DataFrame, top_tweets: float = 0.01, top_accounts: int = 10) -> pd.DataFrame:
    """Per op and count: the share of all engagement received by the top `top_tweets` fraction of
    tweets and by the top `top_accounts` accounts. Ties among tweets do not matter (a share of a sum).
    Columns: op, metric, total, top_tweets_share, top_accounts_share."""
    rows = []
    for op, f in tweets.groupby("op", observed=True):
        for c in ENGAGEMENT:
            v = f[c].fillna(0).to_numpy(dtype=np.int64)
            total = int(v.sum())
            # rounded first: 0.07 * 100 is 7.000000000000001, and the top 7% of 100 tweets is 7 tweets
            k = max(1, int(np.ceil(round(top_tweets * len(v), 9))))
            top_t = np.sort(v)[::-1][:k].sum()
            per_account = f.assign(_v=v).groupby("userid", observed=True)["_v"].sum().sort_values(ascending=False)
            top_a = per_account.head(top_accounts).sum()
            rows.append({"op": op, "metric": NAMES[c], "total": total,
                         "top_tweets_share": top_t / total if total else np.nan,
                         "top_accounts_share": top_a / total if total else np.nan})
    return pd.DataFrame(rows, columns=["op", "metric", "total", "top_tweets_share", "top_accounts_share"])


def lorenz(tweets: pd.DataFrame, column: str = "like_count", points: int = 200) -> pd.DataFrame:
    """Concentration curve per op: share of tweets (most engaged first) vs share of all engagement
    they received, sampled at `points` positions. Columns: op, tweet_share, engagement_share."""
    parts = []
    grid = np.linspace(0, 1, points + 1)
    for op, f in tweets.groupby("op", observed=True):
        v = np.sort(f[column].fillna(0).to_numpy(dtype=np.int64))[::-1]
        if not len(v) or v.sum() == 0:
            continue
        cum = np.concatenate(([0], np.cumsum(v))) / v.sum()
        idx = np.round(grid * len(v)).astype(int)
        parts.append(pd.DataFrame({"op": op, "tweet_share": grid, "engagement_share": cum[idx]}))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["op", "tweet_share", "engagement_share"])


def top_accounts(accounts: pd.DataFrame, n: int, unhashed_only: bool = True) -> pd.DataFrame:
    """Most-followed accounts per op (one row per account, its largest follower count), unhashed only
    by default: hashed accounts had under 5,000 followers and no public name.
    Columns: op, rank, userid, user_screen_name, follower_count."""
    f = accounts
    if unhashed_only:
        f = f[~f["user_is_hashed"].astype(bool)]
    f = f.sort_values(["op", "follower_count", "userid"], ascending=[True, False, True], kind="stable")
    f = f.drop_duplicates(["op", "userid"])
    f = f.assign(rank=f.groupby("op", observed=True).cumcount() + 1)
    f = f[f["rank"] <= n]
    return f[["op", "rank", "userid", "user_screen_name", "follower_count"]].reset_index(drop=True)


def account_totals(tweets: pd.DataFrame, column: str = "like_count") -> pd.DataFrame:
    """Engagement received per account, summed over its tweets (missing counts as 0), ranked within each
    op, most first, ties by userid: the accounts that carried an operation's reach (DFRLab Part 1).
    Columns: op, rank, userid, <likes|retweets|replies|quotes>."""
    from helpers.metrics.core import rank_within
    name = NAMES[column]
    f = pd.DataFrame({"op": tweets["op"], "userid": tweets["userid"],
                      name: tweets[column].fillna(0).to_numpy(dtype=np.int64)})
    out = f.groupby(["op", "userid"], observed=True)[name].sum().reset_index()
    return rank_within(out, "op", name, "userid", None)[["op", "rank", "userid", name]]
