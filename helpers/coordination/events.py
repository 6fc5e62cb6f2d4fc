"""Events: who acted on which shared object when, one table per network type.

In: a `helpers.data.load.ReleaseData` (tweets read only through `ReleaseData.arrow`) and a network type.
Out: `Events`, holding an Arrow table `ev` (eid int64, uid int32, t int64 epoch seconds, oid int64) for
the join, plus the lookups a reader needs: `meta` (eid -> op, tweetid, object text), `accounts`
(uid -> userid, op, screen name, hashed) shared by all network types, and counts of what was left out.

What counts as acting on an object (close to coordination-network-toolkit, differences named):
- co_retweet: a retweet (is_retweet true) of `retweet_tweetid`.
- co_tweet: a tweet that is not a retweet, by its normalised text (`normalise_text`: lower case,
  @mentions removed, whitespace collapsed: the toolkit's preprocessing). Texts empty after
  normalising (only mentions) are left out: they share nothing (the toolkit matches them).
- co_link: a URL of a tweet that is not a retweet (a retweet's links are its original's; the toolkit
  does the same), each URL once per tweet, as written (no unshortening).
- co_hashtag: a hashtag of a tweet that is not a retweet, case-folded, once per tweet (not in the toolkit).
- co_reply: a reply (not a retweet) to `in_reply_to_tweetid`.
Tweets without a usable time cannot be in a time window: they are counted (`undated`), never matched.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from helpers.coordination import NETWORKS

# Unicode white space as the toolkit's `regex` \s and Python's str.split() see it (RE2's \s is ASCII).
_WS = r"\t\n\x0b\x0c\r \x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
_COLUMNS = {"co_retweet": ["retweet_tweetid"], "co_tweet": ["tweet_text"], "co_link": ["urls"],
            "co_hashtag": ["hashtags"], "co_reply": ["in_reply_to_tweetid"]}
OBJECT_LABEL = {"co_retweet": "retweeted tweet id", "co_tweet": "normalised text", "co_link": "URL",
                "co_hashtag": "hashtag", "co_reply": "replied-to tweet id"}


def normalise_text(text: pa.Array) -> pa.Array:
    """Lower case, @mentions removed, runs of white space made one space, trimmed (vectorised)."""
    low = pc.utf8_lower(text)
    no_mentions = pc.replace_substring_regex(low, pattern=f"@[^{_WS}]*", replacement="")
    spaced = pc.replace_substring_regex(no_mentions, pattern=f"[{_WS}]+", replacement=" ")
    return pc.utf8_trim(spaced, characters=" ")


@dataclass
class Accounts:
    """Every account that tweeted in the run, coded 0..n-1 (`uid`), with its operation and name."""

    table: pa.Table                        # uid, userid, op, screen_name, hashed
    index: dict = field(repr=False)        # userid -> uid

    def codes(self, userids: pa.Array) -> pa.Array:
        """uid for each userid (int32)."""
        keys = pa.array(list(self.index.keys()), pa.string())
        return pc.index_in(userids.cast(pa.string()), value_set=keys).cast(pa.int32())


def accounts_of(release) -> Accounts:
    """Accounts with at least one tweet in the run (first operation wins if an id is in two)."""
    parts = []
    for op in release.ops_with("tweets"):
        t = release.arrow(op, "tweets", ["userid", "user_screen_name", "user_is_hashed"])
        ids = t.column("userid").cast(pa.string())
        first = pc.unique(ids)
        pos = pc.index_in(first, value_set=ids)  # the first row of each account
        parts.append(pa.table({"userid": first, "op": pa.array([op] * len(first), pa.string()),
                               "screen_name": t.column("user_screen_name").cast(pa.string()).take(pos),
                               "hashed": t.column("user_is_hashed").take(pos)}))
    if not parts:
        table = pa.table({"userid": pa.array([], pa.string()), "op": pa.array([], pa.string()),
                          "screen_name": pa.array([], pa.string()), "hashed": pa.array([], pa.bool_())})
    else:
        table = pa.concat_tables([p.combine_chunks() for p in parts])
    seen: dict[str, int] = {}
    keep = []
    for i, uid in enumerate(table.column("userid").to_pylist()):  # a few thousand accounts, not tweets
        if uid not in seen:
            seen[uid] = len(seen)
            keep.append(i)
    table = table.take(pa.array(keep, pa.int64()))
    table = table.add_column(0, "uid", pa.array(np.arange(len(keep), dtype=np.int32)))
    return Accounts(table, seen)


@dataclass
class Events:
    """One network type's events: `ev` for the join, `meta` for the evidence, counts of what was left out."""

    network: str
    ev: pa.Table          # eid, uid, t, oid
    meta: pa.Table        # eid, op, tweetid, object
    undated: int = 0      # actions without a usable time (never matched)
    empty: int = 0        # co_tweet: texts empty after normalising

    def __len__(self) -> int:
        return self.ev.num_rows


def _op_actions(release, op: str, network: str) -> tuple[pa.Table, int]:
    """(tweetid, userid, t, object) of one operation for one network type, and the texts left empty."""
    cols = ["tweetid", "userid", "tweet_time", "is_retweet", *_COLUMNS[network]]
    t = release.arrow(op, "tweets", cols)
    rt = pc.fill_null(t.column("is_retweet"), False)
    empty = 0
    if network == "co_retweet":
        keep = pc.and_(rt, pc.is_valid(t.column("retweet_tweetid")))
        t = t.filter(keep)
        obj = t.column("retweet_tweetid").cast(pa.string())
    elif network == "co_reply":
        t = t.filter(pc.and_(pc.invert(rt), pc.is_valid(t.column("in_reply_to_tweetid"))))
        obj = t.column("in_reply_to_tweetid").cast(pa.string())
    elif network == "co_tweet":
        t = t.filter(pc.and_(pc.invert(rt), pc.is_valid(t.column("tweet_text"))))
        obj = normalise_text(t.column("tweet_text").combine_chunks()) if t.num_rows else pa.array([], pa.string())
        blank = pc.equal(obj, "")
        empty = int(pc.sum(blank).as_py() or 0)
        t, obj = t.filter(pc.invert(blank)), obj.filter(pc.invert(blank))
    else:  # a list column: one action per distinct item of each tweet
        t = t.filter(pc.invert(rt))
        lists = t.column(_COLUMNS[network][0]).combine_chunks()
        parents = pc.list_parent_indices(lists)
        items = pc.list_flatten(lists).cast(pa.string())
        if network == "co_hashtag":
            items = pc.utf8_lower(items)
        long = pa.table({"row": parents, "obj": items}).filter(pc.and_(pc.is_valid(items),
                                                                       pc.not_equal(items, "")))
        long = long.group_by(["row", "obj"], use_threads=False).aggregate([])  # once per tweet
        long = long.sort_by([("row", "ascending"), ("obj", "ascending")])
        t = t.take(long.column("row"))
        obj = long.column("obj")
    out = pa.table({"tweetid": t.column("tweetid").cast(pa.string()), "userid": t.column("userid").cast(pa.string()),
                    "t": pc.cast(pc.cast(t.column("tweet_time"), pa.timestamp("s", tz="UTC")), pa.int64()), "obj": obj})
    return out, empty


def events(release, network: str, accounts: Accounts) -> Events:
    """All operations' events of one network type, coded for the join (see the module docstring)."""
    if network not in NETWORKS:
        raise ValueError(f"unknown network type {network!r}; known: {', '.join(NETWORKS)}")
    parts, ops, empty = [], [], 0
    for op in release.ops_with("tweets"):
        part, blank = _op_actions(release, op, network)
        parts.append(part)
        ops.append(pa.array([op] * part.num_rows, pa.string()))
        empty += blank
    if parts:
        table = pa.concat_tables(parts).combine_chunks()
        op_col = pa.concat_arrays(ops) if ops else pa.array([], pa.string())
    else:
        table = pa.table({"tweetid": pa.array([], pa.string()), "userid": pa.array([], pa.string()),
                          "t": pa.array([], pa.int64()), "obj": pa.array([], pa.string())})
        op_col = pa.array([], pa.string())
    dated = pc.is_valid(table.column("t"))
    undated = table.num_rows - int(pc.sum(dated).as_py() or 0)
    table, op_col = table.filter(dated), op_col.filter(dated)
    codes = pc.dictionary_encode(table.column("obj").combine_chunks()).indices.cast(pa.int64()) \
        if table.num_rows else pa.array([], pa.int64())
    eid = pa.array(np.arange(table.num_rows, dtype=np.int64))
    ev = pa.table({"eid": eid, "uid": accounts.codes(table.column("userid").combine_chunks()),
                   "t": table.column("t"), "oid": codes})
    meta = pa.table({"eid": eid, "op": op_col, "tweetid": table.column("tweetid"), "object": table.column("obj")})
    return Events(network, ev, meta, undated=undated, empty=empty)


def resolution(ev: pa.Table) -> int:
    """60 when every time is on a whole minute (the real files), else 1: windows and null shifts use it."""
    if ev.num_rows == 0:
        return 60
    return 60 if bool(np.all(ev.column("t").to_numpy() % 60 == 0)) else 1
