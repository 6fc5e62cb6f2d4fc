"""Amplification: whom each operation retweeted, replied to and mentioned, and how much of it was itself.

In: a `helpers.data.load.ReleaseData` (tweets; users files when present, for the operation's own accounts).
Out: `shares` (op, kind, actions, to own accounts, share, note) and `targets` (op, kind, target, name,
inside, actions), the accounts amplified most, inside and outside the operation.

An operation's own accounts are the user ids of its users file and of its tweets. Names: an own
account by its screen name, or its hash when Twitter hashed it; an outside account retweeted by the
`RT @name:` at the start of the retweet's text when there is one, otherwise by its user id.
An operation with no retweets (replies, mentions) gets a row that says so, never a share of zero.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from helpers.coordination import events as ev_mod

KINDS = ("retweet", "reply", "mention")
_RT_NAME = r"^RT @(?P<name>[A-Za-z0-9_]{1,20}):"


BATCH_ROWS = 1 << 20


def _strings(column) -> pa.Array:
    """A column as plain strings (ids come as dictionaries from the cache)."""
    return pc.cast(column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column, pa.string())


def _own_accounts(release, op: str) -> pd.DataFrame:
    """userid -> name (hash for hashed accounts) of one operation's accounts: each account as first seen in
    its tweets (a batch at a time, `events.first_rows`, as the coordination accounts), then its users file."""
    cols = ["userid", "user_screen_name", "user_is_hashed"]
    known, parts = pa.array([], pa.string()), []
    batches = [release.arrow_batches(op, "tweets", cols, BATCH_ROWS, dated=False)]
    if release.has(op, "users"):
        batches.append(release.arrow_batches(op, "users", cols, BATCH_ROWS))
    for t in (t for tables in batches for t in tables):
        parts.append(ev_mod.first_rows(t, known))
        known = pa.concat_arrays([known, parts[-1].column("userid").combine_chunks()])
    own = pa.concat_tables(parts).to_pandas() if parts else pd.DataFrame(columns=["userid", "screen_name", "hashed"])
    hashed = own["hashed"].astype(object).fillna(True).astype(bool)
    own["name"] = own["screen_name"].astype(object).where(~hashed & own["screen_name"].notna(), own["userid"])
    return own.set_index("userid")[["name"]]


FOLD_ROWS = 1 << 21   # a tally's per-batch parts are folded into one table when they pass this many rows


class _Tally:
    """One kind of action of one operation, counted a batch at a time: actions per target, and (retweets) the
    first name the texts give each target. Memory grows with the distinct targets, never with the tweets.

    Each batch's counts and first names stay Arrow tables (a Python object per retweet made the 50-million
    archive's tally take minutes), folded by one ordered group-by when they pile up: `first` over the parts
    in batch order is the first name of all."""

    def __init__(self) -> None:
        self.n = 0
        self._counts: list[pa.Table] = []   # (target, actions)
        self._names: list[pa.Table] = []    # (target, name): the first name of each target, in batch order
        self._rows = 0

    def add(self, targets: pa.Array, names: pa.Array | None = None) -> None:
        self.n += len(targets)
        if not len(targets):
            return
        vc = pc.value_counts(targets)
        self._counts.append(pa.table({"target": vc.field("values"),
                                      "actions": pc.cast(vc.field("counts"), pa.int64())}))
        self._rows += len(vc)
        if names is not None:
            named = pa.table({"target": targets, "name": names}).filter(pc.is_valid(names))
            self._names.append(_first_names(named))
            self._rows += self._names[-1].num_rows
        if self._rows > FOLD_ROWS:
            self._fold()

    def _fold(self) -> None:
        if self._counts:
            both = pa.concat_tables(self._counts)
            self._counts = [both.group_by("target").aggregate([("actions", "sum")])
                            .rename_columns(["target", "actions"])]
        if self._names:
            self._names = [_first_names(pa.concat_tables(self._names))]
        self._rows = sum(t.num_rows for t in self._counts + self._names)

    @property
    def counts(self) -> pd.Series:
        """Actions per target (index: the target's user id as text)."""
        self._fold()
        if not self._counts:
            return pd.Series(dtype="int64")
        t = self._counts[0]
        return pd.Series(t.column("actions").to_numpy(), index=t.column("target").to_pylist(), dtype="int64")

    @property
    def names(self) -> dict[str, str]:
        """The first name the retweets' texts give each target that has one."""
        self._fold()
        if not self._names:
            return {}
        t = self._names[0]
        return dict(zip(t.column("target").to_pylist(), t.column("name").to_pylist()))


def _first_names(named: pa.Table) -> pa.Table:
    """(target, name) with each target once, at its first row (an ordered group-by: one thread)."""
    return (named.group_by("target", use_threads=False).aggregate([("name", "first")])
            .rename_columns(["target", "name"]))


def _tallies(release, op: str) -> dict[str, _Tally]:
    """Target user id (and, for retweets, the name in the text) of every retweet, reply and mention, counted."""
    out = {kind: _Tally() for kind in KINDS}
    cols = ["is_retweet", "retweet_userid", "in_reply_to_userid", "tweet_text", "user_mentions"]
    for t in release.arrow_batches(op, "tweets", cols, BATCH_ROWS):
        rt = pc.fill_null(t.column("is_retweet"), False)
        rts = t.filter(pc.and_(rt, pc.is_valid(t.column("retweet_userid"))))
        text = _strings(rts.column("tweet_text"))
        # struct_field, not .field(): a text without the prefix gives a null name, not "" (which would name
        # the account "" in the table instead of by its user id)
        name = (pc.struct_field(pc.extract_regex(pc.fill_null(text, ""), _RT_NAME), "name") if len(text)
                else pa.array([], pa.string()))
        out["retweet"].add(_strings(rts.column("retweet_userid")), name)
        replies = t.filter(pc.and_(pc.invert(rt), pc.is_valid(t.column("in_reply_to_userid"))))
        out["reply"].add(_strings(replies.column("in_reply_to_userid")))
        mentions = pc.list_flatten(t.filter(pc.invert(rt)).column("user_mentions").combine_chunks())
        mentions = mentions.filter(pc.and_(pc.is_valid(mentions), pc.not_equal(mentions, "")))
        out["mention"].add(_strings(mentions))
    return out


def amplification(release, top_n: int = 10) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(shares, targets) for every operation with tweets (see the module docstring)."""
    share_rows, target_frames = [], []
    for op in release.ops_with("tweets"):
        own = _own_accounts(release, op)
        for kind, tally in _tallies(release, op).items():
            n, per_target, names = tally.n, tally.counts, tally.names
            counts = pd.DataFrame({"target": per_target.index.astype("str"), "actions": per_target.to_numpy()})
            counts["inside"] = counts["target"].isin(own.index)
            to_own = int(counts.loc[counts["inside"], "actions"].sum())
            share_rows.append({"op": op, "kind": kind, "actions": n, "to own accounts": to_own,
                               "share": (to_own / n) if n else None,
                               "note": "" if n else f"no {kind}s in the run"})
            if not n:
                continue
            counts = counts[["target", "inside", "actions"]].sort_values(["actions", "target"], ascending=[False, True])
            for flag in (True, False):
                top = counts[counts["inside"] == flag].head(top_n).copy()
                top["name"] = [own["name"].get(t) if flag else names.get(t, t) for t in top["target"]]
                top.insert(0, "kind", kind)
                top.insert(0, "op", op)
                target_frames.append(top)
    shares = pd.DataFrame(share_rows, columns=["op", "kind", "actions", "to own accounts", "share", "note"])
    cols = ["op", "kind", "target", "name", "inside", "actions"]
    targets = pd.concat(target_frames, ignore_index=True)[cols] if target_frames else pd.DataFrame(columns=cols)
    return shares, targets
