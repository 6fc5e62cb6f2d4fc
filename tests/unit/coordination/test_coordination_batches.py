"""Coordination events in bounded memory (issue 15): read in batches, they are the events of one whole read;
the meta of a few eids is read again and matches; object codes and accounts do not depend on the batches."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pytest

from helpers.coordination import NETWORKS, pairs, run
from helpers.coordination import events as ev_mod
from helpers.data import load
from helpers.errors import ProjectError
from helpers.synthetic import archive

COLUMNS = ["tweetid", "userid", "tweet_time", "tweet_text", "urls"]


@pytest.fixture(scope="module")
def parts_release(tmp_path_factory):
    """Two operations, one in four parts with a row repeated across parts (set aside on reading)."""
    root = tmp_path_factory.mktemp("batches")
    archive.write_archive_sample(root / "release", ["iran_201901_1", "ira"], seed=5, tweets=40,
                                 duplicate_across_parts=True)
    return load.open_release(root / "release", cache_root=root / "cache", progress=False, log=lambda *a: None)


def test_arrow_batches_are_arrow_cut_in_batches(parts_release):
    for op in parts_release.ops_with("tweets"):
        whole = parts_release.arrow(op, "tweets", COLUMNS)
        batches = list(parts_release.arrow_batches(op, "tweets", COLUMNS, rows=7))
        assert max(b.num_rows for b in batches) <= 7 and len(batches) >= whole.num_rows // 7
        assert pa.concat_tables(batches).cast(whole.schema).equals(whole)
        names = parts_release.arrow_batches(op, "tweets", ["user_screen_name"], rows=9, dictionary=["user_screen_name"])
        names = [b.column(0) for b in names]
        assert all(pa.types.is_dictionary(c.type) for c in names)
        assert [v for c in names for v in c.cast(pa.string()).to_pylist()] == \
            parts_release.arrow(op, "tweets", ["user_screen_name"]).column(0).to_pylist()


def test_arrow_batches_keep_the_date_window(parts_release):
    op = parts_release.ops_with("tweets")[0]
    times = parts_release.arrow(op, "tweets", ["tweet_time"]).column(0).drop_null().to_pylist()
    middle = sorted(times)[len(times) // 2].date()
    windowed = load.ReleaseData(parts_release.manifest, parts_release.cache_dir, parts_release.ops, start=middle,
                                end=middle + dt.timedelta(days=400))
    whole = windowed.arrow(op, "tweets", COLUMNS)
    assert 0 < whole.num_rows < len(times)
    assert pa.concat_tables(list(windowed.arrow_batches(op, "tweets", COLUMNS, rows=5))).equals(whole)


@pytest.mark.parametrize("network", NETWORKS)
def test_events_do_not_depend_on_batches_or_threads(parts_release, network):
    acc = ev_mod.accounts_of(parts_release)
    one = ev_mod.events(parts_release, network, acc, rows=1 << 20, workers=1)
    small = ev_mod.events(parts_release, network, acc, rows=3, workers=2)
    parts = sum(len(parts_release.entries(op, "tweets")) for op in parts_release.ops_with("tweets"))
    assert len(small.spans) > len(one.spans) == parts == 5     # one batch per part file, against many
    assert one.ev.equals(small.ev) and len(one) > 0
    assert (one.undated, one.empty) == (small.undated, small.empty)


def test_accounts_do_not_depend_on_batches(parts_release):
    whole, small = ev_mod.accounts_of(parts_release), ev_mod.accounts_of(parts_release, rows=4)
    assert whole.table.equals(small.table) and whole.index == small.index
    first_op = parts_release.ops_with("tweets")[0]
    ids = parts_release.arrow(first_op, "tweets", ["userid"]).column(0).cast(pa.string()).to_pylist()
    in_order = list(dict.fromkeys(ids))   # first appearance in the first operation: uids 0, 1, ...
    assert whole.table.column("userid").to_pylist()[:len(in_order)] == in_order


def test_meta_reads_the_eids_asked_for_again(parts_release):
    acc = ev_mod.accounts_of(parts_release)
    e = ev_mod.events(parts_release, "co_link", acc, rows=5)
    rows = []   # every event the simple way: (op, tweetid, url) of each distinct URL of each dated non-retweet
    for op in parts_release.ops_with("tweets"):
        t = parts_release.arrow(op, "tweets", ["tweetid", "tweet_time", "is_retweet", "urls"]).to_pylist()
        rows += [(op, r["tweetid"], u) for r in t if not r["is_retweet"] and r["tweet_time"] is not None
                 for u in sorted(set(r["urls"] or [])) if u]
    assert len(rows) == len(e)
    eids = np.array([len(rows) - 1, 0, 3, 3, len(rows) // 2])
    meta = e.meta(parts_release, eids)
    assert meta.column("eid").to_pylist() == sorted(set(eids.tolist()))
    assert list(zip(*(meta.column(c).to_pylist() for c in ("op", "tweetid", "object")))) == \
        [rows[i] for i in sorted(set(eids.tolist()))]
    codes = e.ev.column("oid").to_numpy()
    same_url = [i for i, r in enumerate(rows) if r[2] == rows[0][2]]
    assert len(set(codes[same_url])) == 1
    assert len(set(codes)) == len({r[2] for r in rows})     # one code per URL, a different one for each
    assert e.meta(parts_release, []).num_rows == 0


def test_object_codes_are_one_per_object():
    objects = pa.array(["a", "b", "a", "", "b c", "b  c", "A"])
    codes = ev_mod.object_codes(objects).to_pylist()
    assert codes[0] == codes[2] and len(set(codes)) == 6
    assert ev_mod.object_codes(pa.array(["b c", "a"])).to_pylist() == [codes[4], codes[0]]  # in any batch


def test_two_objects_sharing_a_code_stop_the_evidence():
    run._check_codes("co_tweet", pa.array(["x", "y"]), pa.array(["x", "y"]))
    with pytest.raises(ProjectError, match="co_tweet: two different objects share a 64-bit code \\('y' and 'z'\\)"):
        run._check_codes("co_tweet", pa.array(["x", "y", "w"]), pa.array(["x", "z", "v"]))


def test_kept_meta_holds_both_sides_of_every_match(parts_release):
    acc = ev_mod.accounts_of(parts_release)
    con = pairs.connect()
    years = 3600 * 24 * 365 * 20    # a window of twenty years: every shared object makes a pair
    checked = 0
    for network in NETWORKS:
        e = ev_mod.events(parts_release, network, acc, rows=6)
        kept = pairs.undirected(con, e.ev, years, 1)
        m = pairs.matches(con, e.ev, years, kept)
        meta = run._kept_meta(con, run.NetworkResult(network, e, 60, kept.to_pandas(), None), parts_release, years)
        needed = set(m.column("eid1").to_pylist()) | set(m.column("eid2").to_pylist())
        assert set(meta.column("eid").to_pylist()) == needed
        by_eid = dict(zip(meta.column("eid").to_pylist(), meta.column("object").to_pylist()))
        assert all(by_eid[a] == by_eid[b] for a, b in zip(m.column("eid1").to_pylist(), m.column("eid2").to_pylist()))
        checked += len(needed)
    assert checked > 0
