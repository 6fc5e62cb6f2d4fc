"""Events: who acted on which shared object when, one table per network type.

In: a `helpers.data.load.ReleaseData` (tweets read only through `ReleaseData.arrow_batches`, a batch of
`BATCH_ROWS` tweets at a time) and a network type.
Out: `Events`, holding an Arrow table `ev` (eid int64, uid int32, t int64 epoch seconds, oid int64) for
the join, counts of what was left out, and `Events.meta(release, eids)` (eid -> op, tweetid, object
text), which reads again only the batches holding the eids asked for (the evidence of kept pairs);
`accounts_of` gives the `Accounts` (uid -> userid, op, screen name, hashed) shared by all network types.

Memory is bounded by a batch, not by the release: no tweet id or text is kept for every event. An object
is coded by a 64-bit hash of its text (`object_codes`); two distinct objects of a run share a code with
probability about n^2 / 2^65 for n distinct objects (3e-6 for ten million), and the evidence checks
both tweets of every kept match for it. Eids number the dated events in reading order (operations in
the run's order, then parts and rows), whatever the batch size.

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

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from helpers.coordination import NETWORKS
from helpers.errors import ProjectError

BATCH_ROWS = 1 << 19   # tweets read at a time: memory bounded by a batch, not by the release
WORKERS = 2            # batches coded at once (threads)

# Unicode white space as the toolkit's `regex` \s and Python's str.split() see it (RE2's \s is ASCII).
_WS = r"\t\n\x0b\x0c\r \x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
_COLUMNS = {"co_retweet": ["retweet_tweetid"], "co_tweet": ["tweet_text"], "co_link": ["urls"],
            "co_hashtag": ["hashtags"], "co_reply": ["in_reply_to_tweetid"]}
OBJECT_LABEL = {"co_retweet": "retweeted tweet id", "co_tweet": "normalised text", "co_link": "URL",
                "co_hashtag": "hashtag", "co_reply": "replied-to tweet id"}


_WS_OTHER = _WS.replace(" ", "")   # every white space but the plain space


def _only_where(mask: pa.Array, change, values: pa.Array) -> pa.Array:
    """`change` applied to the values where `mask` holds, the others kept as they are: a regular expression
    replacement costs far more than a search, and most texts have nothing to replace."""
    mask = pc.fill_null(mask, False)
    if not pc.any(mask).as_py():
        return values
    return pc.replace_with_mask(values, mask, change(values.filter(mask)))


def normalise_text(text: pa.Array) -> pa.Array:
    """Lower case, @mentions removed, runs of white space made one space, trimmed (vectorised). The two
    replacements only touch texts with an @ and texts with white space other than single spaces."""
    low = pc.utf8_lower(text)
    no_mentions = _only_where(pc.match_substring(low, "@"), lambda x: pc.replace_substring_regex(
        x, pattern=f"@[^{_WS}]*", replacement=""), low)
    spaced = _only_where(pc.match_substring_regex(no_mentions, pattern=f"[{_WS}]{{2}}|[{_WS_OTHER}]"),
                         lambda x: pc.replace_substring_regex(x, pattern=f"[{_WS}]+", replacement=" "), no_mentions)
    return pc.utf8_trim(spaced, characters=" ")


@dataclass
class Accounts:
    """Every account that tweeted in the run, coded 0..n-1 (`uid`), with its operation and name."""

    table: pa.Table                        # uid, userid, op, screen_name, hashed
    index: dict = field(repr=False)        # userid -> uid

    def codes(self, userids: pa.Array) -> pa.Array:
        """uid for each userid (int32)."""
        return pc.index_in(userids.cast(pa.string()), value_set=self.table.column("userid")).cast(pa.int32())


_ACCOUNT_COLUMNS = ["userid", "user_screen_name", "user_is_hashed"]


def first_rows(t: pa.Table, known: pa.Array) -> pa.Table:
    """The first row of each account of a batch not already `known` (userid, screen_name, hashed), in
    order of first appearance."""
    ids = t.column("userid").combine_chunks().cast(pa.string())
    first = pc.unique(ids)
    first = first.filter(pc.invert(pc.is_in(first, value_set=known)))
    pos = pc.index_in(first, value_set=ids)  # the first row of each new account
    return pa.table({"userid": first, "screen_name": t.column("user_screen_name").take(pos).cast(pa.string()),
                     "hashed": t.column("user_is_hashed").take(pos)})


def accounts_of(release, rows: int = BATCH_ROWS) -> Accounts:
    """Accounts with at least one tweet in the run (first operation wins if an id is in two), numbered in
    order of first appearance, operations in the run's order; tweets read a batch at a time."""
    parts = []
    known = pa.array([], pa.string())
    for op in release.ops_with("tweets"):
        for t in release.arrow_batches(op, "tweets", _ACCOUNT_COLUMNS, rows, dictionary=["user_screen_name"]):
            new = first_rows(t, known)
            if new.num_rows:
                parts.append(new.add_column(1, "op", pa.array([op] * new.num_rows, pa.string())))
                known = pa.concat_arrays([known, new.column("userid").combine_chunks()])
    if not parts:
        table = pa.table({"userid": pa.array([], pa.string()), "op": pa.array([], pa.string()),
                          "screen_name": pa.array([], pa.string()), "hashed": pa.array([], pa.bool_())})
    else:
        table = pa.concat_tables(parts).combine_chunks()
    table = table.add_column(0, "uid", pa.array(np.arange(table.num_rows, dtype=np.int32)))
    return Accounts(table, dict(zip(table.column("userid").to_pylist(), range(table.num_rows))))


@dataclass
class Events:
    """One network type's events: `ev` for the join, counts of what was left out, and `spans`, the eids of
    each batch read (so `meta` can read again only the batches that hold the eids asked for)."""

    network: str
    ev: pa.Table          # eid, uid, t, oid
    undated: int = 0      # actions without a usable time (never matched)
    empty: int = 0        # co_tweet: texts empty after normalising
    spans: list = field(default_factory=list, repr=False)   # (first eid, end eid) per batch, in read order
    rows: int = BATCH_ROWS                                   # the batch size they were read with

    def __len__(self) -> int:
        return self.ev.num_rows

    def meta(self, release, eids) -> pa.Table:
        """(eid, op, tweetid, object) of the given eids, sorted by eid: the batches holding them are read
        and coded again (the same code, so the same eids), the others are skipped."""
        want = np.unique(np.asarray(eids, dtype=np.int64))
        found: list[pa.Table] = []
        if not len(want):   # nothing asked (no kept pair): no batch to read again
            return _meta_of(found)
        batches = _raw_batches(release, self.network, self.rows, ids=True)
        for (op, raw), (lo, hi) in zip(batches, self.spans, strict=True):
            here = want[(want >= lo) & (want < hi)]
            if not len(here):
                continue
            part, _ = _actions(raw, self.network)
            part = part.filter(pc.is_valid(part.column("t")))
            if part.num_rows != hi - lo:
                raise ProjectError(f"{op}/tweets changed while the coordination analysis ran ({self.network}: "
                                   f"{part.num_rows} events where {hi - lo} were read): run it again")
            part = part.take(pa.array(here - lo))
            found.append(pa.table({"eid": pa.array(here), "op": pa.array([op] * len(here), pa.string()),
                                   "tweetid": part.column("tweetid"), "object": part.column("obj")}))
        return _meta_of(found)


def _meta_of(found: list[pa.Table]) -> pa.Table:
    """`Events.meta`'s table from its parts (eid, op, tweetid, object), also when there is none."""
    if not found:
        return pa.table({"eid": pa.array([], pa.int64()), "op": pa.array([], pa.string()),
                         "tweetid": pa.array([], pa.string()), "object": pa.array([], pa.string())})
    return pa.concat_tables(found)


def _raw_batches(release, network: str, rows: int, ids: bool = False) -> Iterator[tuple[str, pa.Table]]:
    """(op, tweets batch with the columns a network type needs, and the tweet ids if `ids`), every operation
    in the run's order."""
    cols = [*(["tweetid"] if ids else []), "userid", "tweet_time", "is_retweet", *_COLUMNS[network]]
    for op in release.ops_with("tweets"):
        for t in release.arrow_batches(op, "tweets", cols, rows):
            yield op, t


def _actions(t: pa.Table, network: str) -> tuple[pa.Table, int]:
    """(userid, t, object, and tweetid when read) of a batch of tweets for one network type, and the texts
    left empty."""
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
    out = {"userid": t.column("userid").cast(pa.string()),
           "t": pc.cast(pc.cast(t.column("tweet_time"), pa.timestamp("s", tz="UTC")), pa.int64()), "obj": obj}
    if "tweetid" in t.column_names:
        out["tweetid"] = t.column("tweetid").cast(pa.string())
    return pa.table(out), empty


_HASHER: list = []   # one in-memory DuckDB for the codes, opened on first use (opening one costs 0.1 s)


def object_codes(objects: pa.Array) -> pa.Array:
    """A 64-bit hash of each object (DuckDB's `hash`, as int64): the same object gets the same code in every
    batch without keeping the strings. Two distinct objects share a code with probability about
    n^2 / 2^65 for n distinct objects (3e-6 for ten million); `run` checks the evidence for it."""
    if not _HASHER:
        _HASHER.append(duckdb.connect(":memory:", config={"threads": 1}))
    con = _HASHER[0].cursor()   # a cursor per call: threads may code batches at once
    try:
        con.register("objs", pa.table({"o": objects}))
        codes = con.sql("SELECT hash(o) AS h FROM objs").to_arrow_table().column("h")
    finally:
        con.close()
    return pa.array(codes.to_numpy().view(np.int64))


def _coded(raw: pa.Table, network: str, accounts: Accounts) -> tuple[pa.Table, int, int, int]:
    """One batch's dated events as codes (uid, t, oid), how many, the undated ones and the empty texts."""
    part, blank = _actions(raw, network)
    dated = part.filter(pc.is_valid(part.column("t")))
    codes = pa.table({"uid": accounts.codes(dated.column("userid").combine_chunks()),
                      "t": dated.column("t").combine_chunks(),
                      "oid": object_codes(dated.column("obj").combine_chunks())})
    return codes, dated.num_rows, part.num_rows - dated.num_rows, blank


def _ordered_map(fn: Callable, items: Iterable, workers: int) -> Iterator:
    """`fn` of each item, in order, on `workers` threads with at most `workers` items in flight: Arrow's
    kernels and DuckDB release the GIL, so two batches are coded at once on two cores, and memory stays
    bounded by a few batches."""
    if workers <= 1:
        yield from map(fn, items)
        return
    with ThreadPoolExecutor(workers) as pool:
        pending: deque = deque()
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def events(release, network: str, accounts: Accounts, rows: int = BATCH_ROWS, workers: int = WORKERS) -> Events:
    """All operations' events of one network type, coded for the join (see the module docstring), read
    `rows` tweets at a time, `workers` batches at once: only the codes are kept (20 bytes per event and
    its eid), never the ids or texts."""
    if network not in NETWORKS:
        raise ValueError(f"unknown network type {network!r}; known: {', '.join(NETWORKS)}")
    parts, spans, undated, empty, n = [], [], 0, 0, 0
    for part, dated_rows, left, blank in _ordered_map(lambda rb: _coded(rb[1], network, accounts),
                                                      _raw_batches(release, network, rows), workers):
        parts.append(part)
        spans.append((n, n + dated_rows))
        n += dated_rows
        undated += left
        empty += blank
    table = pa.concat_tables(parts) if parts else pa.table(
        {"uid": pa.array([], pa.int32()), "t": pa.array([], pa.int64()), "oid": pa.array([], pa.int64())})
    ev = table.combine_chunks().add_column(0, "eid", pa.array(np.arange(n, dtype=np.int64)))
    pa.default_memory_pool().release_unused()   # the batches' memory back to the system, not kept for later
    return Events(network, ev, undated=undated, empty=empty, spans=spans, rows=rows)


def resolution(ev: pa.Table) -> int:
    """60 when every time is on a whole minute (the real files), else 1: windows and null shifts use it."""
    if ev.num_rows == 0:
        return 60
    return 60 if bool(np.all(ev.column("t").to_numpy() % 60 == 0)) else 1
