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

KINDS = ("retweet", "reply", "mention")
_RT_NAME = r"^RT @(?P<name>[A-Za-z0-9_]{1,20}):"


def _own_accounts(release, op: str) -> pd.DataFrame:
    """userid -> name (hash for hashed accounts) of one operation's accounts."""
    t = release.arrow(op, "tweets", ["userid", "user_screen_name", "user_is_hashed"], dated=False)
    frames = [t.to_pandas()]
    if release.has(op, "users"):
        frames.append(release.arrow(op, "users", ["userid", "user_screen_name", "user_is_hashed"]).to_pandas())
    own = pd.concat(frames, ignore_index=True)
    own["userid"] = own["userid"].astype(str)
    own = own.drop_duplicates("userid")
    hashed = own["user_is_hashed"].fillna(True).astype(bool)
    own["name"] = own["user_screen_name"].astype(object).where(~hashed & own["user_screen_name"].notna(), own["userid"])
    return own.set_index("userid")[["name"]]


def _actions(release, op: str) -> dict[str, pd.DataFrame]:
    """target user id (and, for retweets, the name in the text) of every retweet, reply and mention."""
    t = release.arrow(op, "tweets", ["is_retweet", "retweet_userid", "in_reply_to_userid", "tweet_text",
                                     "user_mentions"])
    rt = pc.fill_null(t.column("is_retweet"), False)
    rts = t.filter(pc.and_(rt, pc.is_valid(t.column("retweet_userid"))))
    text = rts.column("tweet_text").cast(pa.string()).combine_chunks()
    name = pc.extract_regex(pc.fill_null(text, ""), _RT_NAME).field("name") if len(text) else pa.array([], pa.string())
    out = {"retweet": pd.DataFrame({"target": rts.column("retweet_userid").cast(pa.string()).to_pandas(),
                                    "text_name": pd.Series(name.to_pylist(), dtype=object)})}
    replies = t.filter(pc.and_(pc.invert(rt), pc.is_valid(t.column("in_reply_to_userid"))))
    out["reply"] = pd.DataFrame({"target": replies.column("in_reply_to_userid").cast(pa.string()).to_pandas()})
    mentions = pc.list_flatten(t.filter(pc.invert(rt)).column("user_mentions").combine_chunks())
    mentions = mentions.filter(pc.and_(pc.is_valid(mentions), pc.not_equal(mentions, "")))
    out["mention"] = pd.DataFrame({"target": mentions.cast(pa.string()).to_pandas()})
    return out


def amplification(release, top_n: int = 10) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(shares, targets) for every operation with tweets (see the module docstring)."""
    share_rows, target_frames = [], []
    for op in release.ops_with("tweets"):
        own = _own_accounts(release, op)
        for kind, frame in _actions(release, op).items():
            n = len(frame)
            inside = frame["target"].isin(own.index)
            share_rows.append({"op": op, "kind": kind, "actions": n, "to own accounts": int(inside.sum()),
                               "share": (inside.sum() / n) if n else None,
                               "note": "" if n else f"no {kind}s in the run"})
            if not n:
                continue
            counts = frame.assign(inside=inside).groupby(["target", "inside"], sort=False).size().rename("actions")
            counts = counts.reset_index().sort_values(["actions", "target"], ascending=[False, True])
            for flag in (True, False):
                top = counts[counts["inside"] == flag].head(top_n).copy()
                if "text_name" in frame:
                    named = frame.dropna(subset=["text_name"]).drop_duplicates("target")
                    names = named.set_index("target")["text_name"]
                else:
                    names = pd.Series(dtype=object)
                top["name"] = [own["name"].get(t) if flag else names.get(t, t) for t in top["target"]]
                top.insert(0, "kind", kind)
                top.insert(0, "op", op)
                target_frames.append(top)
    shares = pd.DataFrame(share_rows, columns=["op", "kind", "actions", "to own accounts", "share", "note"])
    cols = ["op", "kind", "target", "name", "inside", "actions"]
    targets = pd.concat(target_frames, ignore_index=True)[cols] if target_frames else pd.DataFrame(columns=cols)
    return shares, targets
