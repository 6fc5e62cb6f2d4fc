"""Popular objects: the optional cap on the accounts acting on one object within one window.

In: an `Events.ev` table (eid, uid, t, oid), a window in seconds and the cap (`coordination_max_accounts`;
None, the default: no cap, every event is matched).
Out: `Capped`: the events kept (the very table given when nothing is left out) and what was left out, per
account and object (`left`: uid, oid, events, cells, first eid), summarised per operation by `per_op`.

Why a cap, and why not by default: an object acted on by thousands of accounts within one window (an
operation's own campaign hashtag pushed by every account at once; in the synthetic archive, a hashtag
drawn from seven for every tweet) links every two of them: its pairs grow with the square of its accounts
(millions, each saying little), and so do the self-join's time and spill. The cap leaves such objects out
where they are that crowded, and only there. It narrows the analysis, so it is never on by default (the
rule: no default hides rows); when it is set, the calibration table, the manifest and the report say how
many events and objects it left out of each network and operation, and which objects weighed most.

A cell is an object within one bucket of the pairs engine (`max(window, 1)` seconds from the epoch, the
buckets `pairs` joins on): an event is left out when more than `cap` distinct accounts acted on its object
in its bucket. The same object in a quieter bucket stays in. The sweep applies the cap with each of its
windows' buckets; the shuffled copies of the calibration are drawn from the events kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

LEFT_SCHEMA = pa.schema([("uid", pa.int32()), ("oid", pa.int64()), ("events", pa.int64()), ("cells", pa.int64()),
                         ("first_eid", pa.int64())])


@dataclass
class Capped:
    ev: pa.Table          # the events kept
    left: pa.Table        # LEFT_SCHEMA: per account and object, the events left out (none without a cap)
    cap: int | None

    @property
    def events_left(self) -> int:
        return int(pc.sum(self.left.column("events")).as_py() or 0) if self.left.num_rows else 0

    @property
    def objects_left(self) -> int:
        return len(np.unique(self.left.column("oid").to_numpy())) if self.left.num_rows else 0


def _empty_left() -> pa.Table:
    return LEFT_SCHEMA.empty_table()


def cap_events(con, ev: pa.Table, window: int, cap: int | None) -> Capped:
    """The events of `ev` whose object had at most `cap` distinct accounts in its bucket, and the others
    counted per account and object (see the module docstring). No cap: `ev` itself, nothing left out."""
    if cap is None:
        return Capped(ev, _empty_left(), None)
    width = max(int(window), 1)
    con.register("ev_all", ev)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE crowded AS
        SELECT oid, t // {width} AS k FROM ev_all GROUP BY 1, 2 HAVING count(DISTINCT uid) > {int(cap)}""")
    try:
        left = con.sql(f"""
            SELECT e.uid, e.oid, count(*)::BIGINT AS events, count(DISTINCT c.k)::BIGINT AS cells,
                   min(e.eid)::BIGINT AS first_eid
            FROM ev_all e JOIN crowded c ON e.oid = c.oid AND e.t // {width} = c.k
            GROUP BY 1, 2 ORDER BY 1, 2""").to_arrow_table()
        if left.num_rows == 0:
            return Capped(ev, _empty_left(), int(cap))
        kept = con.sql(f"""
            SELECT e.* FROM ev_all e ANTI JOIN crowded c ON e.oid = c.oid AND e.t // {width} = c.k
            ORDER BY e.eid""").to_arrow_table()
    finally:
        con.execute("DROP TABLE IF EXISTS crowded")
        con.unregister("ev_all")
    return Capped(kept.cast(ev.schema), left.cast(LEFT_SCHEMA), int(cap))


def per_op(capped: Capped, ops_of_uid: np.ndarray, network: str) -> pd.DataFrame:
    """Per operation (those with something left out): network, op, events left out, objects left out."""
    cols = ["network", "op", "events left out", "objects left out"]
    if not capped.left.num_rows:
        return pd.DataFrame(columns=cols)
    left = capped.left.to_pandas()
    left["op"] = ops_of_uid[left["uid"].to_numpy()]
    out = left.groupby("op", sort=True).agg(events=("events", "sum"), objects=("oid", "nunique")).reset_index()
    return pd.DataFrame({"network": network, "op": out["op"], "events left out": out["events"].astype(int),
                         "objects left out": out["objects"].astype(int)}, columns=cols)


def heaviest(capped: Capped, n: int = 5) -> pd.DataFrame:
    """The `n` objects with the most events left out (oid, events, accounts, first eid: its text is read
    from that event), most first, ties by code: what the cap took, for the report."""
    cols = ["oid", "events", "accounts", "first_eid"]
    if not capped.left.num_rows:
        return pd.DataFrame(columns=cols)
    left = capped.left.to_pandas()
    out = left.groupby("oid").agg(events=("events", "sum"), accounts=("uid", "nunique"),
                                  first_eid=("first_eid", "min")).reset_index()
    out = out.sort_values(["events", "oid"], ascending=[False, True], kind="stable")
    return out.head(n)[cols].reset_index(drop=True)
