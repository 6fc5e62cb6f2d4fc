"""Pairs: accounts that acted on the same object within a time window (a windowed self-join in DuckDB).

In: an `Events.ev` table (eid, uid, t, oid), a window in seconds, a minimum weight.
Out: Arrow tables, never a Python loop over tweets and never an all-pairs matrix:
- `matches`: every (event of u1, event of u2) on one object with |t1 - t2| <= window, u1 != u2;
- `directed`: (u1, u2, weight) with weight = the number of distinct events of u1 that u2 matched: the
  coordination-network-toolkit's definition (its `count(distinct e_1.message_id)`), window edges
  included (|dt| = window counts) as in its `between t - w and t + w`;
- `undirected`: (u1 < u2, weight) with weight = the smaller of the two directed weights (each account
  had at least `weight` actions matched by the other), kept when weight >= min_weight;
- `pair_counts`: how many undirected pairs reach each of some weights (the window sweep), counted in DuckDB;
- `matches_reader` / `first_matches`: the matches of kept pairs streamed in batches (the evidence CSV), and
  the first few of some accounts (the example tweets);
- `matchable`: the events that can be in a pair in the data or in any shuffled copy (the others are left out
  before the calibration and the sweep join them twenty-odd times: the same results).
The toolkit also stores each account with itself (every message matches itself); we never form those.

Engine: events are cut into buckets of `max(window, 1)` seconds; an event can only match events of the
same object in its own or the two neighbouring buckets, so the join is an equality join on
(object, bucket) and a popular hashtag never produces all its n^2 pairs. Minute-resolution times
(the real files) make any window under 60 s mean "the same minute" (difference 0).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pyarrow as pa

from helpers.data import engine

DEFAULT_MEMORY = "1500MB"


def connect(memory_limit: str = DEFAULT_MEMORY, threads: int | None = None,
            temp_dir: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The engine's DuckDB connection (`data.engine.connect`) with the pairs' memory cap: beyond it DuckDB
    spills into `temp_dir` (`engine.spill_folder`: under the release's cache), never into the working directory,
    DuckDB's default for an in-memory database (a notebook's folder, or the user's)."""
    return engine.connect(memory_limit, int(threads or os.cpu_count() or 1), temp_dir)


def _matches_sql(source: str, window: int) -> str:
    """SQL of every match (u1, u2, eid1, eid2) within the window on one object, u1 != u2."""
    width = max(int(window), 1)
    return f"""
        WITH e AS (SELECT eid, uid, t, oid, t // {width} AS k FROM {source}),
             n AS (SELECT e.eid, e.uid, e.t, e.oid, e.k + d.d AS k FROM e, (VALUES (-1), (0), (1)) d(d))
        SELECT a.uid AS u1, n.uid AS u2, a.eid AS eid1, n.eid AS eid2, a.t AS t1, n.t AS t2, a.oid AS oid
        FROM e a JOIN n ON a.oid = n.oid AND a.k = n.k
        WHERE a.uid <> n.uid AND abs(a.t - n.t) <= {int(window)}"""


def _near_other_sql(source: str, radius: int) -> str:
    """SQL of the events of `source` that may have an event of another account on the same object at most
    `radius` seconds away: every one that has (and some that are up to 2 `radius` apart). Cut into cells of
    `radius` seconds per object, such a partner lies in the event's cell or a neighbouring one, so an event
    whose three cells hold no other account cannot match. Two hash aggregations and a join: no sort, and no
    self-join pairing every two events of a crowded object."""
    width = max(int(radius), 1)
    return f"""
        WITH e AS (SELECT eid, uid, t, oid, t // {width} AS k FROM {source}),
             c AS (SELECT oid, k, min(uid) AS lo, max(uid) AS hi FROM e GROUP BY oid, k),
             n AS (SELECT c.oid, c.k + d.d AS k, min(c.lo) AS lo, max(c.hi) AS hi
                   FROM c, (VALUES (-1), (0), (1)) d(d) GROUP BY 1, 2)
        SELECT e.eid, e.uid, e.t, e.oid FROM e JOIN n ON e.oid = n.oid AND e.k = n.k WHERE n.lo <> n.hi"""


def matchable(con, ev: pa.Table, window: int, shift: int, min_weight: int = 1) -> pa.Table:
    """The events of `ev`, sorted by eid, less some that cannot be in a pair of weight >= `min_weight`, in the
    real data or in any copy whose accounts are each moved by at most `shift` seconds (`null`). Every event
    that can is kept, so leaving the others out changes no such pair, no count of them, and no null weight
    of such a pair: the calibration and the sweep give the same results on fewer events.

    Why: most events match nothing, in any copy (a retweet no other account made, a text no other account
    wrote, a link shared a week apart: 99% of the co-retweet events of October 2018 at full scale), yet every
    one of the calibration's copies joined them all. An event can match only an event of another account on
    its object within `window` + 2 `shift` seconds of it (`_near_other_sql` keeps those, and a few more); an
    account with fewer such events than `min_weight` has no pair that reaches it. Leaving one out can make
    another unmatchable, so both rules are applied until nothing changes (two or three passes). Every event of
    a pair of weight >= `min_weight` survives each pass: its partner is within reach, and both accounts keep
    at least `min_weight` events. Given a superset of the events kept (an earlier call with a wider window or a
    lower weight), the result is the same, sooner."""
    radius = int(window) + 2 * abs(int(shift))
    while ev.num_rows:
        con.register("ev_reach", ev)
        keep = _near_other_sql("ev_reach", radius)
        if min_weight > 1:
            keep = f"""SELECT * FROM ({keep}) QUALIFY count(*) OVER (PARTITION BY uid) >= {int(min_weight)}"""
        kept = con.sql(f"SELECT * FROM ({keep}) ORDER BY eid").to_arrow_table()
        con.unregister("ev_reach")
        if kept.num_rows == ev.num_rows:
            break
        ev = kept.cast(ev.schema)
    return ev


def _register(con, ev: pa.Table, name: str = "ev") -> str:
    con.register(name, ev)
    return name


def directed(con, ev: pa.Table, window: int, min_weight: int = 1) -> pa.Table:
    """(u1, u2, weight) in both directions, the toolkit's definition (see the module docstring)."""
    src = _register(con, ev)
    return con.sql(f"""
        SELECT u1, u2, count(DISTINCT eid1) AS weight FROM ({_matches_sql(src, window)})
        GROUP BY u1, u2 HAVING count(DISTINCT eid1) >= {int(min_weight)}""").to_arrow_table()


def undirected_sql(source: str, window: int) -> str:
    """SQL of every undirected pair (u1 < u2) with its weight (min of both directions), any weight."""
    return f"""
        SELECT least(u1, u2) AS u1, greatest(u1, u2) AS u2, min(w) AS weight FROM (
            SELECT u1, u2, count(DISTINCT eid1) AS w FROM ({_matches_sql(source, window)}) GROUP BY u1, u2)
        GROUP BY 1, 2"""


def undirected(con, ev: pa.Table, window: int, min_weight: int = 1) -> pa.Table:
    """(u1 < u2, weight) kept when weight >= min_weight, sorted by weight then ids."""
    src = _register(con, ev)
    return con.sql(f"""
        SELECT * FROM ({undirected_sql(src, window)}) WHERE weight >= {int(min_weight)}
        ORDER BY weight DESC, u1, u2""").to_arrow_table()


def _kept_matches_sql(con, ev: pa.Table, window: int, pairs: pa.Table) -> str:
    """SQL of the matches of the given pairs only (`ev` and `pairs` registered on `con`), in no order."""
    src = _register(con, ev)
    con.register("kept", pairs.select(["u1", "u2"]))
    return f"SELECT m.* FROM ({_matches_sql(src, window)}) m JOIN kept k ON m.u1 = k.u1 AND m.u2 = k.u2"


def pair_counts(con, ev: pa.Table, window: int, weights) -> list[int]:
    """How many undirected pairs reach each weight of `weights`: counted by DuckDB, so a wide window's
    many weak pairs (tens of millions at full scale) are never returned."""
    src = _register(con, ev)
    cols = ", ".join(f"count(*) FILTER (WHERE weight >= {int(k)})" for k in weights)
    return [int(n) for n in con.sql(f"SELECT {cols} FROM ({undirected_sql(src, window)})").fetchall()[0]]


def matches(con, ev: pa.Table, window: int, pairs: pa.Table) -> pa.Table:
    """The matches behind the given undirected pairs (u1 < u2): the evidence of each edge."""
    return matches_reader(con, ev, window, pairs).read_all()


def matches_reader(con, ev: pa.Table, window: int, pairs: pa.Table, rows: int = 100_000) -> pa.RecordBatchReader:
    """`matches` a batch of `rows` at a time, in the same order: the matches of a few pairs can number
    millions (two accounts pushing one hashtag many times a minute), so the evidence is streamed, never
    held (DuckDB sorts them within its memory cap, spilling beyond it). The connection is busy until the
    reader is read to its end."""
    return con.sql(f"{_kept_matches_sql(con, ev, window, pairs)} ORDER BY m.u1, m.u2, m.t1, m.eid1, m.eid2"
                   ).to_arrow_reader(rows)


def first_matches(con, ev: pa.Table, window: int, pairs: pa.Table, members: pa.Table, objects: pa.Table,
                  per_group: int) -> pa.Table:
    """(grp, u1, t1, eid1) of the first `per_group` tweets (by time, then the evidence's order) of each group of
    `members` (u, grp) matched in one of `pairs` as the pair's first account, one row per distinct tweet
    (`objects`: eid -> tweetid, since a tweet with two links or hashtags has two events)."""
    con.register("members", members.select(["u", "grp"]))
    con.register("tweet_of", objects.select(["eid", "tweetid"]))
    return con.sql(f"""
        WITH x AS (SELECT g.grp, m.u1, m.u2, m.t1, m.eid1, m.eid2, o.tweetid
                   FROM ({_kept_matches_sql(con, ev, window, pairs)}) m JOIN members g ON m.u1 = g.u
                   JOIN tweet_of o ON o.eid = m.eid1),
             d AS (SELECT * FROM x
                   QUALIFY row_number() OVER (PARTITION BY tweetid ORDER BY grp, t1, u1, u2, eid1, eid2) = 1),
             f AS (SELECT *, row_number() OVER (PARTITION BY grp ORDER BY t1, u1, u2, eid1, eid2) AS k FROM d)
        SELECT grp, u1, t1, eid1 FROM f WHERE k <= {int(per_group)} ORDER BY grp, k""").to_arrow_table()


def tweets_in_pairs(con, ev: pa.Table, window: int, pairs: pa.Table) -> pa.Table:
    """eid of every event that sits in one of the given pairs (either side)."""
    src = _register(con, ev)
    con.register("kept", pairs.select(["u1", "u2"]))
    return con.sql(f"""
        SELECT DISTINCT eid FROM (
            SELECT m.eid1 AS eid FROM ({_matches_sql(src, window)}) m
            JOIN kept k ON (least(m.u1, m.u2) = k.u1 AND greatest(m.u1, m.u2) = k.u2))""").to_arrow_table()
