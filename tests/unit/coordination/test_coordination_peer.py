"""Peer test: coordination-network-toolkit and our engine give the same co-retweet, co-tweet and co-link
pairs and weights for the same window, on a crafted release and on a small synthetic sample."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.coordination import events as ev_mod
from helpers.coordination import pairs, peer

pytest.importorskip("coordination_network_toolkit")


def _ours(release, network: str, window: int) -> pd.DataFrame:
    acc = ev_mod.accounts_of(release)
    e = ev_mod.events(release, network, acc)
    d = pairs.directed(pairs.connect(), e.ev, window).to_pandas()
    ids = acc.table.column("userid").to_pylist()
    return pd.DataFrame({"userid_1": [ids[u] for u in d["u1"]], "userid_2": [ids[u] for u in d["u2"]],
                         "weight": d["weight"].astype(int)})


def _compare(release, tmp_path, window: int) -> dict:
    db = tmp_path / "toolkit.db"
    peer.load(release, db)
    sizes = {}
    for network in ("co_retweet", "co_tweet", "co_link"):
        peer.compute(db, network, window, n_threads=1)
        theirs = peer.edges(db, network).sort_values(["userid_1", "userid_2"], ignore_index=True)
        ours = _ours(release, network, window).sort_values(["userid_1", "userid_2"], ignore_index=True)
        pd.testing.assert_frame_equal(ours, theirs, check_dtype=False, obj=f"{network} edges")
        sizes[network] = len(ours)
    return sizes


def test_same_pairs_as_toolkit_on_crafted_release(release, tmp_path):
    from test_coordination_engine import _crafted
    data = _crafted(release)
    sizes = _compare(data, tmp_path, 60)
    assert sizes == {"co_retweet": 6, "co_tweet": 2, "co_link": 4}
    assert _compare(data, tmp_path, 61)["co_retweet"] == 6


@pytest.mark.parametrize("window", [60, 6 * 3600])
def test_same_pairs_as_toolkit_on_small_sample(tmp_path, window):
    from helpers.data import load
    from helpers.synthetic import sample
    sample.write_sample_release(tmp_path / "rel", scale=0.003, seed=7, progress=False)
    data = load.open_release(tmp_path / "rel", cache_root=tmp_path / "cache", progress=False, log=lambda *a: None)
    sizes = _compare(data, tmp_path, window)
    assert sizes["co_retweet"] and sizes["co_link"]   # pairs to compare (the planted ones at 60 s)


def test_messages_are_the_same_in_chunks_as_at_once(tmp_path, monkeypatch):
    """The toolkit is fed CHUNK rows at a time (memory); chunk edges must not lose, repeat or reorder a
    message: a chunk of 7 rows (many edges) gives the same tuples as one chunk of everything."""
    from helpers.data import load
    from helpers.synthetic import sample
    sample.write_sample_release(tmp_path / "rel", scale=0.001, seed=7, progress=False)
    data = load.open_release(tmp_path / "rel", cache_root=tmp_path / "cache", progress=False, log=lambda *a: None)
    monkeypatch.setattr(peer, "CHUNK", 10**9)
    whole = list(peer.messages(data))
    monkeypatch.setattr(peer, "CHUNK", 7)
    chunked = list(peer.messages(data))
    assert len(whole) > 7 * 10 and chunked == whole
