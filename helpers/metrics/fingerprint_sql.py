"""The SQL of the cross-operation fingerprint: small per-operation tables computed where the data lives.

In: a DuckDB connection and the names of two relations with the cache's columns and an `op` column
(`helpers.data.engine` makes them as views over the Parquet cache, the ones every metric reads).
Out: pandas tables whose size depends on the number of operations and of distinct
values (languages, clients, hosts, hours), never on the number of tweets: memory stays flat as the archive
grows. Plain SQL (no DuckDB-only syntax beyond `timezone()` and `regexp_extract`), so a cluster engine
could run it unchanged. `helpers.metrics.fingerprint` turns these tables into one row per operation with
the project's one definition of each concept (client classes, registered domains, working hours).
"""

from __future__ import annotations

import pandas as pd

# The host of a URL as `metrics.content` reads it (RE2, as Arrow's): scheme optional, host up to / ? # or space.
_SCHEME = r"^(?:[a-z][a-z0-9+.-]*:)?//"
_HOST = r"(?i)^(?:[a-z][a-z0-9+.-]*:)?//([^/?#\s]+)(?:[/?#]|$)"
KIND_SQL = ("CASE WHEN coalesce(is_retweet, false) THEN 'retweet' "
            "WHEN in_reply_to_tweetid IS NOT NULL OR in_reply_to_userid IS NOT NULL THEN 'reply' "
            "WHEN quoted_tweet_tweetid IS NOT NULL THEN 'quote' ELSE 'original' END")


def _q(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _df(con, sql: str) -> pd.DataFrame:
    return con.sql(sql).df()


def tweet_totals(con, tweets: str) -> pd.DataFrame:
    """Per op: tweets, first and last tweet (UTC), tweeting accounts, retweet share (mean of `is_retweet`
    over the tweets where it is known, as `core.retweet_share`), tweet kinds (`core.tweet_kind`'s
    precedence), engagement summed over the four counts (missing counts skipped, as
    `engagement.totals`), and tweets with no engagement among those whose answer is known (as
    `engagement.zero_share`'s "any engagement").

    The tweeting accounts are counted from a GROUP BY (op, userid), not `count(DISTINCT userid)` beside the
    other aggregates: that distinct set is held in memory whole, and at 50 million tweets it failed DuckDB's
    1 GB limit in one run of two; a grouped aggregate spills to disk beyond the limit. The same counts."""
    counts = ("like_count", "retweet_count", "reply_count", "quote_count")
    engaged = " OR ".join(f"{c} > 0" for c in counts)
    none = " AND ".join(f"{c} = 0" for c in counts)
    return _df(con, f"""
        WITH accounts AS (SELECT op, count(userid) AS accounts_with_tweets
                          FROM (SELECT op, userid FROM {tweets} GROUP BY op, userid) GROUP BY op)
        SELECT t.op, t.tweets, t.first_tweet, t.last_tweet, a.accounts_with_tweets,
               t.* EXCLUDE (op, tweets, first_tweet, last_tweet) FROM (
        SELECT op, count(*) AS tweets, min(tweet_time) AS first_tweet, max(tweet_time) AS last_tweet,
               avg(CAST(is_retweet AS DOUBLE)) AS retweet_share,
               avg(CASE WHEN {KIND_SQL} = 'reply' THEN 1.0 ELSE 0.0 END) AS reply_share,
               avg(CASE WHEN {KIND_SQL} = 'original' THEN 1.0 ELSE 0.0 END) AS original_share,
               {" + ".join(f"coalesce(sum({c}), 0)" for c in counts)} AS engagement,
               count(*) FILTER (WHERE {none}) AS tweets_without_engagement,
               count(*) FILTER (WHERE ({engaged}) OR ({none})) AS tweets_engagement_known,
               count(*) FILTER (WHERE tweet_time IS NULL) AS undated
        FROM {tweets} GROUP BY op) t JOIN accounts a ON t.op = a.op ORDER BY t.op""")


def _per_account(tweets: str, users: str, value: str) -> str:
    """One row per op, source and account with `value` (an aggregate over the account's rows), from the
    users file (source 'users file') and from the tweets (source 'tweets file')."""
    return (f"SELECT op, 'users file' AS source, userid, {value} FROM {users} GROUP BY op, userid UNION ALL "
            f"SELECT op, 'tweets file' AS source, userid, {value} FROM {tweets} GROUP BY op, userid")


def accounts(con, tweets: str, users: str) -> pd.DataFrame:
    """Per op and source: distinct accounts and hashed ones, one row per account (its first row), from
    the users file (source 'users file') and from the tweets (source 'tweets file'). `fingerprint` takes
    the users file where an operation has one, as `core.overview` does."""
    return _df(con, f"""
        WITH a AS ({_per_account(tweets, users, "bool_or(user_is_hashed) AS hashed")})
        SELECT op, source, count(*) AS accounts, count(*) FILTER (WHERE hashed) AS hashed_accounts
        FROM a GROUP BY op, source ORDER BY op, source""")


def created_per_year(con, tweets: str, users: str) -> pd.DataFrame:
    """Accounts created per op, source and calendar year (one row per account, as `accounts.created`):
    op, source, year, accounts. Accounts without a creation date are in no year."""
    return _df(con, f"""
        WITH a AS ({_per_account(tweets, users, "min(account_creation_date) AS created")})
        SELECT op, source, CAST(year(created) AS INTEGER) AS year, count(*) AS accounts
        FROM a WHERE created IS NOT NULL GROUP BY ALL ORDER BY op, source, year""")


def value_counts(con, tweets: str, column: str) -> pd.DataFrame:
    """Tweets per op and value of a categorical column (language, client): op, value, tweets. A missing
    value comes back as None (`core.labelled` names it '(empty)')."""
    if column not in ("tweet_language", "tweet_client_name", "account_language"):
        raise ValueError(f"{column} is not a categorical tweet column")
    return _df(con, f"""SELECT op, "{column}" AS value, count(*) AS tweets FROM {tweets}
                        GROUP BY op, "{column}" ORDER BY op, tweets DESC, value""")


def url_hosts(con, tweets: str) -> pd.DataFrame:
    """URL occurrences per op and host (the host part of each URL in `urls`, read as `content.domains`
    reads it): op, host, urls. URLs without a host are counted under a null host."""
    return _df(con, f"""
        WITH u AS (SELECT op, trim(unnest(urls)) AS url FROM {tweets}),
             s AS (SELECT op, CASE WHEN regexp_matches(url, {_q(_SCHEME)}, 'i') THEN url ELSE '//' || url END AS url
                   FROM u WHERE url IS NOT NULL)
        SELECT op, nullif(regexp_extract(url, {_q(_HOST)}, 1), '') AS host, count(*) AS urls
        FROM s GROUP BY ALL ORDER BY op, urls DESC, host""")


def top_hashtags(con, tweets: str, n: int = 1) -> pd.DataFrame:
    """The `n` most used hashtags per op (ties alphabetically, as `content.top_items`) with every hashtag
    occurrence of the op: op, rank, item, occurrences, total."""
    return _df(con, f"""
        WITH h AS (SELECT op, unnest(hashtags) AS item FROM {tweets}),
             c AS (SELECT op, item, count(*) AS occurrences FROM h WHERE item IS NOT NULL GROUP BY op, item),
             r AS (SELECT *, row_number() OVER (PARTITION BY op ORDER BY occurrences DESC, item) AS rank,
                          sum(occurrences) OVER (PARTITION BY op) AS total FROM c)
        SELECT op, rank, item, occurrences, total FROM r WHERE rank <= {int(n)} ORDER BY op, rank""")


def local_hours(con, tweets: str, zones: dict[str, str]) -> pd.DataFrame:
    """Tweets per op, local weekday (0 = Monday) and local hour in each op's home time zone (the zone
    rules of the time, as pandas' `tz_convert`): op, zone, day, hour_of_day, tweets. Ops missing from
    `zones` are counted in UTC; tweets without a time are in no hour."""
    pairs = ", ".join(f"({_q(op)}, {_q(zone)})" for op, zone in zones.items()) or "(NULL, NULL)"
    return _df(con, f"""
        WITH z(op, zone) AS (VALUES {pairs}),
             t AS (SELECT t.op, coalesce(z.zone, 'UTC') AS zone,
                          timezone(coalesce(z.zone, 'UTC'), t.tweet_time) AS local
                   FROM {tweets} t LEFT JOIN z ON t.op = z.op WHERE t.tweet_time IS NOT NULL)
        SELECT op, zone, CAST(isodow(local) - 1 AS INTEGER) AS day, CAST(hour(local) AS INTEGER) AS hour_of_day,
               count(*) AS tweets
        FROM t GROUP BY ALL ORDER BY op, day, hour_of_day""")
