"""Engagement and reach. Twitter's counts exclude engagement by accounts it had actioned, so every
number here is a lower bound."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.metrics.core import is_engine

ENGAGEMENT = ("like_count", "retweet_count", "reply_count", "quote_count")
NAMES = {"like_count": "likes", "retweet_count": "retweets", "reply_count": "replies", "quote_count": "quotes"}


def totals(tweets: pd.DataFrame) -> pd.DataFrame:
    """Summed engagement per op: op, likes, retweets, replies, quotes (missing counts skipped)."""
    if is_engine(tweets):
        cols = [c for c in ENGAGEMENT if c in tweets.columns["tweets"]]
        sums = ", ".join(f"CAST(coalesce(sum({c}), 0) AS BIGINT) AS {NAMES[c]}" for c in cols)
        got = tweets.query(f"SELECT op, {sums} FROM {{tweets}} GROUP BY op").set_index("op")
        out = pd.DataFrame({NAMES[c]: [got[NAMES[c]].get(op, 0) for op in tweets.ops] for c in cols},
                           index=pd.CategoricalIndex(tweets.ops, categories=tweets.ops, name="op"))
        return out.astype("Int64").reset_index()
    cols = [c for c in ENGAGEMENT if c in tweets]
    out = tweets.groupby("op", observed=False)[cols].sum(min_count=0).rename(columns=NAMES)
    return out.astype("Int64").reset_index()


def mean_per_tweet(tweets, column: str = "like_count") -> pd.Series:
    """Mean engagement per tweet, per op (missing counts skipped, as in `totals`; NaN without any)."""
    if is_engine(tweets):
        got = tweets.query(f"SELECT op, avg({column}) AS m FROM {{tweets}} GROUP BY op").set_index("op")["m"]
        index = pd.CategoricalIndex(tweets.ops, categories=tweets.ops, name="op")
        return pd.Series([float(got[op]) if op in got.index and pd.notna(got[op]) else np.nan for op in tweets.ops],
                         index=index, dtype=float, name=column)
    return tweets.groupby("op", observed=False)[column].mean().astype(float)


def _counts_only(tweets: pd.DataFrame) -> pd.DataFrame:
    """The op column and the engagement counts present: per-op groups then copy these, not every
    column a notebook loaded (ids, names, times)."""
    return tweets[["op", *[c for c in ENGAGEMENT if c in tweets]]]


def zero_share(tweets: pd.DataFrame) -> pd.DataFrame:
    """Per op: share of tweets with no engagement at all (all four counts 0), and per count.
    Tweets with a missing count are left out of that count's denominator; for "any engagement" a tweet
    counts when its answer is known: some count above 0 (engaged) or all four counts 0 (not engaged).
    Columns: op, metric, share_zero, tweets."""
    if is_engine(tweets):
        return _zero_share_engine(tweets)
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


def _zero_share_engine(tweets) -> pd.DataFrame:
    """`zero_share` counted by the engine (one row per op comes back)."""
    engaged = " OR ".join(f"coalesce({c} > 0, false)" for c in ENGAGEMENT)
    none = " AND ".join(f"coalesce({c} = 0, false)" for c in ENGAGEMENT)
    per = ", ".join(f"count({c}) AS n_{c}, count_if({c} = 0) AS z_{c}" for c in ENGAGEMENT)
    got = tweets.query(f"SELECT op, count_if({engaged}) AS engaged, count_if({none}) AS none, {per} "
                       "FROM {tweets} GROUP BY op").set_index("op")
    rows = []
    for op in tweets.ops:
        r = got.loc[op] if op in got.index else None
        none_n = int(r["none"]) if r is not None else 0
        known = none_n + (int(r["engaged"]) if r is not None else 0)
        rows.append({"op": op, "metric": "any engagement", "tweets": known,
                     "share_zero": float(none_n / known) if known else np.nan})
        for c in ENGAGEMENT:
            n, z = (int(r[f"n_{c}"]), int(r[f"z_{c}"])) if r is not None else (0, 0)
            rows.append({"op": op, "metric": NAMES[c], "tweets": n, "share_zero": float(z / n) if n else np.nan})
    return pd.DataFrame(rows)


def ccdf(tweets: pd.DataFrame) -> pd.DataFrame:
    """Complementary CDF per op and engagement count: share of tweets with at least `value`
    (value >= 1; the zeros are in `zero_share`). Columns: op, metric, value, share_at_least."""
    parts = []
    for op, c, values, counts, n in _histograms(tweets, ENGAGEMENT, missing="skip"):
        if n:
            values, counts = values[::-1][values[::-1] > 0], counts[::-1][values[::-1] > 0]   # ascending
            at_least = (counts[::-1].cumsum()[::-1]) / n
            parts.append(pd.DataFrame({"op": op, "metric": NAMES[c], "value": values, "share_at_least": at_least}))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["op", "metric", "value", "share_at_least"])


def concentration(tweets: pd.DataFrame, top_tweets: float = 0.01, top_accounts: int = 10) -> pd.DataFrame:
    """Per op and count: the share of all engagement received by the top `top_tweets` fraction of
    tweets and by the top `top_accounts` accounts. Ties among tweets do not matter (a share of a sum).
    Columns: op, metric, total, top_tweets_share, top_accounts_share."""
    if not 0 < top_tweets <= 1:   # above 1 the top tweets would run past the last one: shares above 100%
        raise ValueError(f"top_tweets is a fraction of an operation's tweets, above 0 and at most 1; got {top_tweets}")
    rows = []
    per_accounts = _account_sums(tweets)
    for op, c, values, counts, n in _histograms(tweets, ENGAGEMENT, missing="zero"):
        total = int((values * counts).sum())
        # rounded first: 0.07 * 100 is 7.000000000000001, and the top 7% of 100 tweets is 7 tweets
        k = max(1, int(np.ceil(round(top_tweets * n, 9))))
        top_t = _top_sums(values, counts, np.array([k]))[0]
        per_account = per_accounts(op, c).sort_values(ascending=False)
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
    for op, _, values, counts, n in _histograms(tweets, (column,), missing="zero"):
        total = int((values * counts).sum())
        if not n or total == 0:
            continue
        idx = np.round(grid * n).astype(int)
        cum = _top_sums(values, counts, idx) / total
        parts.append(pd.DataFrame({"op": op, "tweet_share": grid, "engagement_share": cum}))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["op", "tweet_share", "engagement_share"])


def _histograms(tweets, columns, missing: str):
    """(op, column, values, tweets, n) per operation with tweets and engagement column: the distinct
    values in descending order with their tweets, and n the tweets counted. `missing`: "skip" leaves
    missing counts out (and an operation whose counts are all missing), "zero" counts them as 0.
    From the engine only this histogram comes back (a few thousand values), never a row per tweet."""
    if is_engine(tweets):
        value = "coalesce({c}, 0)" if missing == "zero" else "{c}"
        where = "true" if missing == "zero" else "{c} IS NOT NULL"
        sql = " UNION ALL ".join(f"SELECT op, '{c}' AS c, CAST({value.format(c=c)} AS BIGINT) AS v, count(*) AS n "
                                 f"FROM {{tweets}} WHERE {where.format(c=c)} GROUP BY ALL" for c in columns)
        got = tweets.query(sql)
        for op in tweets.ops:
            for c in columns:
                g = got[(got["op"] == op) & (got["c"] == c)].sort_values("v", ascending=False)
                if len(g) or (missing == "zero" and op in set(got["op"])):
                    yield (op, c, g["v"].to_numpy(dtype=np.int64), g["n"].to_numpy(dtype=np.int64),
                           int(g["n"].sum()))
        return
    for op, f in tweets.groupby("op", observed=True):
        for c in columns:
            v = f[c].fillna(0) if missing == "zero" else f[c].dropna()
            if missing == "skip" and not len(v):
                continue
            values, counts = np.unique(v.to_numpy(dtype=np.int64), return_counts=True)
            yield op, c, values[::-1], counts[::-1], len(v)


def _top_sums(values: np.ndarray, counts: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Sum of the m largest values, for each m, from a histogram in descending order of value (exact
    integers: the sum of whole buckets, then part of the next one)."""
    upto = np.concatenate(([0], np.cumsum(counts)))
    sums = np.concatenate(([0], np.cumsum(values * counts)))
    j = np.clip(np.searchsorted(upto, m, side="left") - 1, 0, max(len(values) - 1, 0))
    part = (m - upto[j]) * (values[j] if len(values) else 0)
    return np.where(m <= 0, 0, sums[j] + part)


def _account_sums(tweets):
    """op, column -> engagement per account (missing counts as 0), as a Series."""
    if is_engine(tweets):
        sums = ", ".join(f"CAST(sum(coalesce({c}, 0)) AS BIGINT) AS {c}" for c in ENGAGEMENT)
        got = tweets.query(f"SELECT op, userid, {sums} FROM {{tweets}} GROUP BY ALL")
        return lambda op, c: got.loc[got["op"] == op, c].astype("int64").reset_index(drop=True)

    def of_frame(op, c):
        f = tweets[(tweets["op"] == op).to_numpy()]
        v = f[c].fillna(0).to_numpy(dtype=np.int64)
        return f.assign(_v=v).groupby("userid", observed=True)["_v"].sum()
    return of_frame


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


def account_totals(tweets, column: str = "like_count") -> pd.DataFrame:
    """Engagement received per account, summed over its tweets (missing counts as 0), ranked within each
    op, most first, ties by userid (as text: a frame's categorical ids would break ties in the loader's
    order of first appearance, the engine's in no order at all): the accounts that carried an operation's
    reach (DFRLab Part 1). From the engine one row per account comes back (SQL group by account), never
    one per tweet. Columns: op, rank, userid (text), <likes|retweets|replies|quotes>."""
    from helpers.metrics.core import rank_within
    name = NAMES[column]
    if is_engine(tweets):
        out = tweets.query(f"SELECT op, userid, CAST(sum(coalesce({column}, 0)) AS BIGINT) AS {name} "
                           "FROM {tweets} GROUP BY ALL")
        out["op"] = tweets.op_categorical(out["op"])
    else:
        f = pd.DataFrame({"op": tweets["op"], "userid": tweets["userid"],
                          name: tweets[column].fillna(0).to_numpy(dtype=np.int64)})
        out = f.groupby(["op", "userid"], observed=True)[name].sum().reset_index()
    out = out.astype({"userid": str, name: "int64"})  # per account (a few thousand rows), not per tweet
    return rank_within(out, "op", name, "userid", None)[["op", "rank", "userid", name]]
