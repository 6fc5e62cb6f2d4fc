"""Modelled coordination for the synthetic sample (MODELLED, not evidence): a small step applied to each
generated chunk of tweets before it is written.

In: one chunk's columns (`dict` of Arrow string arrays, as `helpers.synthetic.sample.chunk_rows` makes them), the
planted groups (`groups_of`: user id -> group) and the file style's word for true.
Out: the same columns, where chosen groups of accounts act together on a day, one kind of action per tweet
(each network type of `helpers.coordination` has its planted counterpart):
- retweet rings (co_retweet): the retweets a group made on one day all retweet the first one's tweet
  (`retweet_tweetid`, `retweet_userid`, with the text's `RT @name:` and the first mention) in its minute;
- reply rings (co_reply): likewise, the replies the planted accounts (all groups: replies are few) made on
  one day all reply to the first one's replied-to tweet (`in_reply_to_tweetid`, `in_reply_to_userid`, the
  text's leading `@name`, the first mention) in its minute;
- link rings (co_link; news-feed accounts, Iran's AWDnews-like sites): a planted account's single-link tweet
  on a day takes the first planted URL of that site that day, in its minute (text and `urls` together);
- hashtag pushes (co_hashtag): planted accounts' (all groups) other tweets of one day that carry hashtags
  and no links move to the minute of the first one with the same first hashtag;
- same-headline posts (co_tweet): a group's tweets of one day without links or hashtags, in one language,
  take the first one's text (its mentions kept) and minute.
Each account takes part once per day and key (its first retweet, reply, link of the site, tweet with the hashtag,
link-free text of the language that day; its others stay as generated): an account retweets a tweet once, and a
group of the most active accounts aligning all their hundreds of same-day actions to one minute would give each
pair of them hundreds squared matches at full scale (64 million behind 218 co-retweet pairs at scale 1, with
generator 1.3.0), which no real release shows.
Only times within the day, retweet and reply targets, URLs within a site and texts within a language change:
every row, account, day, kind (retweet, reply, quote), language, client, hashtag and domain count stays as
generated, so the yearly, monthly and daily marginals and the scorecard claims are as before. About 1.2% of
each operation's accounts (its most active) are in 4 groups (`groups_of`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

SHARE = 0.012          # of each operation's accounts, at least GROUPS * 3
GROUPS = 4
SNOWFLAKE_DAY = "2010-11-05"   # the first whole day of snowflake tweet ids (their epoch: 2010-11-04 01:42 UTC)
DESCRIPTION = ("modelled coordination (helpers.synthetic.plant): about 1.2% of each operation's accounts, "
               "its most active ones, in 4 groups whose same-day retweets share their target and whose link-free "
               "texts (one text per day and language) are aligned to one minute; all planted accounts' same-day "
               "replies share their target, and their same-site links and same first hashtags one minute")
_COLUMNS = ("userid", "tweet_time", "tweet_language", "is_retweet", "retweet_tweetid", "retweet_userid", "urls",
            "hashtags", "tweet_text", "user_mentions", "in_reply_to_tweetid", "in_reply_to_userid",
            "quoted_tweet_tweetid")
_CHANGED = ("tweet_time", "retweet_tweetid", "retweet_userid", "in_reply_to_tweetid", "in_reply_to_userid", "urls",
            "tweet_text", "user_mentions")


def groups_of(userids, weight, start) -> dict:
    """userid -> group (0..GROUPS-1) for the planted accounts: the most active ones (by the generator's
    activity weight), ordered by the day they usually start tweeting and cut into GROUPS consecutive
    blocks, so that the members of a group are active in the same years."""
    k = max(GROUPS * 3, int(round(SHARE * len(userids))))
    top = np.argsort(-np.asarray(weight, float), kind="stable")[:k]
    top = top[np.argsort(np.asarray(start)[top], kind="stable")]
    return {str(userids[i]): int(j * GROUPS // len(top)) for j, i in enumerate(top)}


def _once_per_account(frame: pd.DataFrame, rows: pd.Index, key: list[str]) -> pd.Index:
    """The rows of `rows` that are their account's first of their `key` (in chunk order): the ones planted."""
    if not len(rows):
        return rows
    return frame.loc[rows].groupby(["userid", *key], sort=False).head(1).index


def _align(frame: pd.DataFrame, rows: pd.Index, key: list[str], copy: list[str]) -> None:
    """Within each key group of `rows`, give every later row of another account the first row's `copy`."""
    if not len(rows):
        return
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


def _take_the_lead(f: pd.DataFrame, ring: pd.Index, prefix: str, targets: list[str], key: list[str]) -> None:
    """Rows of one `key` (a group's retweets of a day; planted replies of a day) all point at the first row's
    target, in its minute:
    the target columns, and with them the text's leading `prefix` (`RT @name: ` or `@name `) and the first
    mention (the target account), so that text, mentions and target agree; the rest of each text and its
    entities stay."""
    ring = _once_per_account(f, ring, key)
    if not len(ring):
        return
    f.loc[ring, "lead_prefix"] = f.loc[ring, "tweet_text"].str.extract(f"^({prefix})", expand=False)
    f.loc[ring, "first_mention"] = f.loc[ring, "user_mentions"].str.extract(r"^\[([^,\]]*)", expand=False)
    before = f.loc[ring, ["lead_prefix", "first_mention"]].copy()
    _align(f, ring, key, [*targets, "tweet_time", "lead_prefix", "first_mention"])
    moved = ring[(f.loc[ring, "lead_prefix"] != before["lead_prefix"])
                 | (f.loc[ring, "first_mention"] != before["first_mention"])]
    f.loc[moved, "tweet_text"] = [p + t[len(o):] for p, t, o in zip(
        f.loc[moved, "lead_prefix"], f.loc[moved, "tweet_text"], before.loc[moved, "lead_prefix"])]
    f.loc[moved, "user_mentions"] = ["[" + m + u[1 + len(o):] for m, u, o in zip(
        f.loc[moved, "first_mention"], f.loc[moved, "user_mentions"], before.loc[moved, "first_mention"])]


def _same_site_links(f: pd.DataFrame, links: pd.Index) -> None:
    """Single-link tweets of planted accounts on one day and site take the first one's URL and minute."""
    if not len(links):
        return
    before = f.loc[links, "urls"].copy()
    f.loc[links, "site"] = f.loc[links, "urls"].str.extract(r"^\[(?:https?://)?([^/\]]+)", expand=False)
    links = _once_per_account(f, links, ["day", "site"])
    before = before.loc[links]
    _align(f, links, ["day", "site"], ["urls", "tweet_time"])   # any planted accounts, one site
    moved = links[f.loc[links, "urls"] != before]
    old = before.loc[moved].str.slice(1, -1)
    new = f.loc[moved, "urls"].str.slice(1, -1)
    f.loc[moved, "tweet_text"] = [t.replace(o, n) for t, o, n in zip(f.loc[moved, "tweet_text"], old, new)]


def _same_hashtag(f: pd.DataFrame, tagged: pd.Index) -> None:
    """Planted accounts' tweets of one day with the same first hashtag (case-folded) move to the first one's
    minute (all groups together, as for links: a group alone rarely repeats a hashtag within a day)."""
    if not len(tagged):
        return
    f.loc[tagged, "first_tag"] = f.loc[tagged, "hashtags"].str.extract(r"^\[([^,\]]+)", expand=False).str.lower()
    tagged = _once_per_account(f, tagged, ["day", "first_tag"])
    _align(f, tagged, ["day", "first_tag"], ["tweet_time"])


def _same_headline(f: pd.DataFrame, bare: pd.Index) -> None:
    """A group's tweets of one day and language without links or hashtags take the first one's text body
    (each keeps its own trailing mentions, so text and `user_mentions` still agree) and minute."""
    bare = _once_per_account(f, bare, ["day", "tweet_language"])
    if not len(bare):
        return
    parts = f.loc[bare, "tweet_text"].str.extract(r"^(.*?)((?: @[\w+/=]+)*)\Z", flags=16)  # 16: re.DOTALL
    f.loc[bare, "body"], f.loc[bare, "tail"] = parts[0].fillna(""), parts[1].fillna("")
    _align(f, bare, ["day", "g", "tweet_language"], ["body", "tweet_time"])
    f.loc[bare, "tweet_text"] = f.loc[bare, "body"] + f.loc[bare, "tail"]


def apply(cols: dict, groups: dict, true: str, epoch_ms: int | None = None) -> dict:
    """The chunk's columns with the groups' actions aligned (see the module docstring); with `epoch_ms`
    (the snowflake epoch), the tweets moved to another minute get ids of that minute."""
    f = pd.DataFrame({c: cols[c].to_pylist() for c in _COLUMNS})
    if f.empty:
        return cols
    f["g"] = f["userid"].map(groups).fillna(-1).astype(int)
    f["day"] = f["tweet_time"].str.slice(0, 10)
    rt = f["is_retweet"] == true
    # Snowflake-era tweets only (their ids are re-made for the new minute; older ids grow with time and
    # are kept). A reply moves only with its ring, to its lead's minute, after the tweet both reply to;
    # quotes keep their time (the quoted tweet must stay older than they are).
    member = (f["g"] >= 0) & (f["tweet_time"] >= SNOWFLAKE_DAY)
    reply = f["in_reply_to_tweetid"] != ""
    plain = ~reply & (f["quoted_tweet_tweetid"] == "") & ~rt
    before = f.copy()
    _take_the_lead(f, f.index[member & rt & (f["retweet_tweetid"] != "") & f["tweet_text"].str.match(r"^RT @\w+: ")],
                   r"RT @\w+: ", ["retweet_tweetid", "retweet_userid"], ["day", "g"])
    _take_the_lead(f, f.index[member & reply & ~rt & f["tweet_text"].str.match(r"^@[\w+/=]+ ")],
                   r"@[\w+/=]+ ", ["in_reply_to_tweetid", "in_reply_to_userid"], ["day"])
    no_list = f["urls"].isin(["", "[]"])
    no_tags = f["hashtags"].isin(["", "[]"])
    single = f["urls"].str.match(r"^\[[^ ,\]]+\]$")
    _same_site_links(f, f.index[member & plain & single])
    _same_hashtag(f, f.index[member & plain & no_list & ~no_tags])
    _same_headline(f, f.index[member & plain & no_list & no_tags])
    out = dict(cols)
    for c in _CHANGED:
        out[c] = pa.array(f[c].tolist(), pa.string())
    moved = f.index[f["tweet_time"] != before["tweet_time"]]
    if epoch_ms is not None and len(moved):
        out["tweetid"] = pa.array(_restamped(cols["tweetid"].to_pylist(), f["tweet_time"], moved, epoch_ms),
                                  pa.string())
    return out
