"""Modelled coordination for the synthetic sample (MODELLED, not evidence): a small step applied to each
generated chunk of tweets before it is written.

In: one chunk's columns (`dict` of Arrow string arrays, as `helpers.synthetic.sample.chunk_rows` makes them), the
planted groups (`groups_of`: user id -> group) and the file style's word for true.
Out: the same columns, where chosen groups of accounts act together on a day:
- retweet rings: the retweets a group made on one day all retweet the first one's tweet
  (`retweet_tweetid`, `retweet_userid`) in its minute;
- link rings (news-feed accounts, Iran's AWDnews-like sites): a planted account's single-link tweet on a day
  takes the first planted URL of that site that day, in its minute (text and `urls` together);
- co-tweets: a group's tweets of one day with the same text move to the first one's minute.
Only times within the day, retweet targets and URLs within a site change: every row, account, day,
retweet flag, language, client, hashtag and domain count stays as generated, so the yearly, monthly and
daily marginals and the scorecard claims are as before. About 1.2% of each operation's accounts (its most active) are in
4 groups (`groups_of`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

SHARE = 0.012          # of each operation's accounts, at least GROUPS * 3
GROUPS = 4
SNOWFLAKE_DAY = "2010-11-05"   # the first whole day of snowflake tweet ids (their epoch: 2010-11-04 01:42 UTC)
DESCRIPTION = ("modelled coordination (helpers.synthetic.plant): about 1.2% of each operation's accounts, "
               "its most active ones, in 4 groups whose same-day retweets, same-site links and same texts are "
               "aligned to one minute")


def groups_of(userids, weight, start) -> dict:
    """userid -> group (0..GROUPS-1) for the planted accounts: the most active ones (by the generator's
    activity weight), ordered by the day they usually start tweeting and cut into GROUPS consecutive
    blocks, so that the members of a group are active in the same years."""
    k = max(GROUPS * 3, int(round(SHARE * len(userids))))
    top = np.argsort(-np.asarray(weight, float), kind="stable")[:k]
    top = top[np.argsort(np.asarray(start)[top], kind="stable")]
    return {str(userids[i]): int(j * GROUPS // len(top)) for j, i in enumerate(top)}


def _align(frame: pd.DataFrame, rows: pd.Index, key: list[str], copy: list[str]) -> None:
    """Within each key group of `rows`, give every later row of another account the first row's `copy`."""
    sub = frame.loc[rows]
    first = sub.groupby(key, sort=False).head(1)
    lead = first.set_index(key)
    joined = sub.join(lead[copy + ["userid"]].add_suffix("_lead"), on=key)
    follow = joined.index[(joined["userid"] != joined["userid_lead"])]
    for c in copy:
        frame.loc[follow, c] = joined.loc[follow, c + "_lead"]


def _restamped(ids: list[str], times: pd.Series, moved: pd.Index, epoch_ms: int) -> list[str]:
    """Ids of the tweets moved to another minute, made to encode that minute as snowflake ids do
    ((ms since epoch) << 22 | 5 bits op code | 17 bits rank in minute): the op code and the second within
    the minute stay, the rank counts down from the top of the minute (rows keep the low ranks), so no id
    of the chunk is repeated."""
    out = list(ids)
    minutes = pd.to_datetime(times.loc[moved], format="%Y-%m-%d %H:%M", utc=True)
    minute_ms = ((minutes - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(milliseconds=1)).tolist()
    taken: dict[tuple[int, int], int] = {}
    for row, m_ms in zip(moved, minute_ms):
        old = int(out[row])
        code, within = (old >> 17) & 31, ((old >> 22) + epoch_ms) % 60_000
        k = taken.get((m_ms, code), 0)
        taken[(m_ms, code)] = k + 1
        out[row] = str(((m_ms + within - epoch_ms) << 22) | (code << 17) | ((1 << 17) - 1 - k))
    return out


def _retweet_the_lead(f: pd.DataFrame, ring: pd.Index) -> None:
    """A group's retweets of one day all retweet its first retweet's tweet, in its minute: the retweeted
    tweet and account, and with them the text's `RT @name:` and the first mention (the retweeted account),
    so that text, mentions and `retweet_userid` agree; the rest of each text and its entities stay."""
    if not len(ring):
        return
    f.loc[ring, "rt_prefix"] = f.loc[ring, "tweet_text"].str.extract(r"^(RT @\w+: )", expand=False)
    f.loc[ring, "first_mention"] = f.loc[ring, "user_mentions"].str.extract(r"^\[([^,\]]*)", expand=False)
    before = f.loc[ring, ["rt_prefix", "first_mention"]].copy()
    _align(f, ring, ["day", "g"], ["retweet_tweetid", "retweet_userid", "tweet_time", "rt_prefix",
                                   "first_mention"])
    moved = ring[(f.loc[ring, "rt_prefix"] != before["rt_prefix"])
                 | (f.loc[ring, "first_mention"] != before["first_mention"])]
    f.loc[moved, "tweet_text"] = [p + t[len(o):] for p, t, o in zip(
        f.loc[moved, "rt_prefix"], f.loc[moved, "tweet_text"], before.loc[moved, "rt_prefix"])]
    f.loc[moved, "user_mentions"] = ["[" + m + u[1 + len(o):] for m, u, o in zip(
        f.loc[moved, "first_mention"], f.loc[moved, "user_mentions"], before.loc[moved, "first_mention"])]


def apply(cols: dict, groups: dict, true: str, epoch_ms: int | None = None) -> dict:
    """The chunk's columns with the groups' actions aligned (see the module docstring); with `epoch_ms`
    (the snowflake epoch), the tweets moved to another minute get ids of that minute."""
    f = pd.DataFrame({c: cols[c].to_pylist() for c in ("userid", "tweet_time", "is_retweet", "retweet_tweetid",
                                                        "retweet_userid", "urls", "tweet_text", "user_mentions",
                                                        "in_reply_to_tweetid", "quoted_tweet_tweetid")})
    if f.empty:
        return cols
    f["g"] = f["userid"].map(groups).fillna(-1).astype(int)
    f["day"] = f["tweet_time"].str.slice(0, 10)
    rt = f["is_retweet"] == true
    # Snowflake-era tweets only (their ids are re-made for the new minute; older ids grow with time and
    # are kept); replies and quotes keep their time (what they point at must stay older than they are).
    member = (f["g"] >= 0) & (f["tweet_time"] >= SNOWFLAKE_DAY)
    plain = (f["in_reply_to_tweetid"] == "") & (f["quoted_tweet_tweetid"] == "")
    before = f.copy()
    ring = f.index[member & rt & (f["retweet_tweetid"] != "") & f["tweet_text"].str.match(r"^RT @\w+: ")]
    _retweet_the_lead(f, ring)
    single = f["urls"].str.match(r"^\[[^ ,\]]+\]$")
    links = f.index[member & plain & ~rt & single]
    if len(links):
        f.loc[links, "site"] = f.loc[links, "urls"].str.extract(r"^\[(?:https?://)?([^/\]]+)", expand=False)
        _align(f, links, ["day", "site"], ["urls", "tweet_time"])   # any planted accounts, one site
        moved = links[f.loc[links, "urls"] != before.loc[links, "urls"]]
        old = before.loc[moved, "urls"].str.slice(1, -1)
        new = f.loc[moved, "urls"].str.slice(1, -1)
        f.loc[moved, "tweet_text"] = [t.replace(o, n) for t, o, n in zip(f.loc[moved, "tweet_text"], old, new)]
    _align(f, f.index[member & plain & ~rt], ["day", "g", "tweet_text"], ["tweet_time"])
    out = dict(cols)
    for c in ("tweet_time", "retweet_tweetid", "retweet_userid", "urls", "tweet_text", "user_mentions"):
        out[c] = pa.array(f[c].tolist(), pa.string())
    moved = f.index[f["tweet_time"] != before["tweet_time"]]
    if epoch_ms is not None and len(moved):
        out["tweetid"] = pa.array(_restamped(cols["tweetid"].to_pylist(), f["tweet_time"], moved, epoch_ms),
                                  pa.string())
    return out
