"""Modelled coordination for the synthetic sample (MODELLED, not evidence): a small step applied to each
generated chunk of tweets before it is written.

In: one chunk's columns (`dict` of Arrow string arrays, as `helpers.sample.chunk_rows` makes them), the
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
DESCRIPTION = ("modelled coordination (helpers.coordination.plant): about 1.2% of each operation's accounts, "
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


def apply(cols: dict, groups: dict, true: str) -> dict:
    """The chunk's columns with the groups' actions aligned (see the module docstring)."""
    f = pd.DataFrame({c: cols[c].to_pylist() for c in ("userid", "tweet_time", "is_retweet", "retweet_tweetid",
                                                        "retweet_userid", "urls", "tweet_text")})
    if f.empty:
        return cols
    f["g"] = f["userid"].map(groups).fillna(-1).astype(int)
    f["day"] = f["tweet_time"].str.slice(0, 10)
    rt = f["is_retweet"] == true
    member = f["g"] >= 0
    before = f.copy()
    _align(f, f.index[member & rt & (f["retweet_tweetid"] != "")], ["day", "g"],
           ["retweet_tweetid", "retweet_userid", "tweet_time"])
    single = f["urls"].str.match(r"^\[[^ ,\]]+\]$")
    links = f.index[member & ~rt & single]
    if len(links):
        f.loc[links, "site"] = f.loc[links, "urls"].str.extract(r"^\[(?:https?://)?([^/\]]+)", expand=False)
        _align(f, links, ["day", "site"], ["urls", "tweet_time"])   # any planted accounts, one site
        moved = links[f.loc[links, "urls"] != before.loc[links, "urls"]]
        old = before.loc[moved, "urls"].str.slice(1, -1)
        new = f.loc[moved, "urls"].str.slice(1, -1)
        f.loc[moved, "tweet_text"] = [t.replace(o, n) for t, o, n in zip(f.loc[moved, "tweet_text"], old, new)]
    _align(f, f.index[member & ~rt], ["day", "g", "tweet_text"], ["tweet_time"])
    out = dict(cols)
    for c in ("tweet_time", "retweet_tweetid", "retweet_userid", "urls", "tweet_text"):
        out[c] = pa.array(f[c].tolist(), pa.string())
    return out
