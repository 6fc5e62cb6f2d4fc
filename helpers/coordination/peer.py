"""The peer tool, coordination-network-toolkit (QUT Digital Observatory, [CNT2020]), run on a release of ours.

In: a `helpers.data.load.ReleaseData`, a SQLite path, a window, the network types.
Out: per network type its directed edge table as a frame (userid_1, userid_2, weight), with the
toolkit's loops (an account with itself: every message matches itself) removed.

Used by the peer test (same pairs and weights as `pairs.directed`) and by `make bench` (side by side).
Definitional differences, handled here and stated in the report:
- co_tweet: messages whose text is empty after the toolkit's own normalisation (only @mentions) are
  not given to it; we never match them (they share no text).
- Loops are dropped from its tables (its exports drop them by default too).
Everything else is fed as it is: retweets carry `retweet_tweetid` as repost id, replies their
`in_reply_to_tweetid`, non-retweets their URL list; times in seconds.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from helpers.coordination.events import normalise_text

_COMPUTE = {"co_retweet": "compute_co_retweet_parallel", "co_tweet": "compute_co_tweet_network",
            "co_link": "compute_co_link_network", "co_reply": "compute_co_reply_network"}


CHUNK = 200_000   # rows turned into Python objects at a time (9 million tweets at once took 10 GB)


def messages(release):
    """The toolkit's message tuples for every tweet of the run (tweets without a time are left out), made
    CHUNK rows at a time: the toolkit's preprocessing consumes an iterator, so the memory of the peer run is
    the toolkit's, not the Python objects of every tweet at once."""
    cols = ["tweetid", "userid", "user_screen_name", "is_retweet", "retweet_tweetid", "in_reply_to_tweetid",
            "tweet_text", "tweet_time", "urls"]
    for op in release.ops_with("tweets"):
        t = release.arrow(op, "tweets", cols)
        t = t.filter(pc.is_valid(t.column("tweet_time")))
        rt = pc.fill_null(t.column("is_retweet"), False)
        text = pc.fill_null(t.column("tweet_text").cast(pa.string()), "")
        blank = pc.and_(pc.invert(rt), pc.equal(normalise_text(text.combine_chunks()), ""))
        t = t.filter(pc.invert(blank))
        for start in range(0, t.num_rows, CHUNK):
            yield from _tuples(t.slice(start, CHUNK))


def _tuples(t: pa.Table):
    rt = pc.fill_null(t.column("is_retweet"), False)
    repost = pc.if_else(rt, t.column("retweet_tweetid").cast(pa.string()), pa.scalar(None, pa.string()))
    secs = pc.cast(pc.cast(t.column("tweet_time"), pa.timestamp("s", tz="UTC")), pa.int64())
    return zip(t.column("tweetid").cast(pa.string()).to_pylist(), t.column("userid").cast(pa.string()).to_pylist(),
               t.column("user_screen_name").cast(pa.string()).to_pylist(), repost.to_pylist(),
               t.column("in_reply_to_tweetid").cast(pa.string()).to_pylist(),
               pc.fill_null(t.column("tweet_text").cast(pa.string()), "").to_pylist(), secs.to_pylist(),
               [u or [] for u in t.column("urls").to_pylist()])


def load(release, db_path: Path) -> None:
    """Write the release's messages into a fresh toolkit database."""
    from coordination_network_toolkit.preprocess import preprocess_data
    Path(db_path).unlink(missing_ok=True)
    preprocess_data(str(db_path), messages(release))


def compute(db_path: Path, network: str, window: int, n_threads: int = 2, min_weight: int = 1) -> None:
    """Run the toolkit's own computation of one network type on a loaded database."""
    import coordination_network_toolkit.compute_networks as cn
    getattr(cn, _COMPUTE[network])(str(db_path), window, n_threads=n_threads, min_edge_weight=min_weight)


def edges(db_path: Path, network: str) -> pd.DataFrame:
    """The toolkit's directed edges of one network type, loops removed."""
    with sqlite3.connect(str(db_path)) as db:
        rows = db.execute(f"SELECT user_1, user_2, weight FROM {network}_network WHERE user_1 <> user_2").fetchall()
    return pd.DataFrame(rows, columns=["userid_1", "userid_2", "weight"]).astype(
        {"userid_1": str, "userid_2": str, "weight": int})
