"""The coordination engine on tiny crafted releases: exact pairs and weights, window edges, minute
resolution, and the bucketed self-join against a brute-force count on random events."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from helpers.coordination import events as ev_mod
from helpers.coordination import pairs

IDS = {"A": "1001", "B": "1002", "C": "1003", "D": "1004"}


def tw(release, name: str, **values) -> dict:
    """A tweet by the plain (unhashed) account `name` (user id 100x)."""
    return release.tweet(user=IDS[name], user_screen_name=name, **values)


def _crafted(release):
    """Four plain accounts A-D acting on shared objects at second-resolution times (see each test)."""
    T = "2017-06-22 "
    rows = [
        # co-retweet: R1 by A 10:00:00, D 10:00:10, B 10:00:30, C 10:02:00; R2 exactly 60 s apart; R3 61 s
        tw(release, "A", is_retweet=True, retweet_tweetid="801", tweet_time=T + "10:00:00"),
        tw(release, "D", is_retweet=True, retweet_tweetid="801", tweet_time=T + "10:00:10"),
        tw(release, "B", is_retweet=True, retweet_tweetid="801", tweet_time=T + "10:00:30"),
        tw(release, "C", is_retweet=True, retweet_tweetid="801", tweet_time=T + "10:02:00"),
        tw(release, "A", is_retweet=True, retweet_tweetid="802", tweet_time=T + "11:00:00"),
        tw(release, "B", is_retweet=True, retweet_tweetid="802", tweet_time=T + "11:01:00"),
        tw(release, "A", is_retweet=True, retweet_tweetid="803", tweet_time=T + "12:00:00"),
        tw(release, "B", is_retweet=True, retweet_tweetid="803", tweet_time=T + "12:01:01"),
        # co-tweet: same text after normalising (case, mentions, spaces); mention-only texts never match
        tw(release, "A", tweet_text="Hello @x World", tweet_time=T + "13:00:00"),
        tw(release, "B", tweet_text="hello   world @y", tweet_time=T + "13:00:59"),
        tw(release, "C", tweet_text="@z", tweet_time=T + "13:00:00"),
        tw(release, "D", tweet_text="@w", tweet_time=T + "13:00:01"),
        tw(release, "C", tweet_text="HELLO WORLD", tweet_time=T + "13:05:00"),
        # co-link: a URL twice in one tweet counts once; a retweet's URL is not the retweeter's link
        tw(release, "A", urls=["http://a.example/1", "http://a.example/1", "http://b.example/2"],
                      tweet_time=T + "14:00:00"),
        tw(release, "B", urls=["http://a.example/1"], tweet_time=T + "14:00:40"),
        tw(release, "C", urls=["http://b.example/2"], tweet_time=T + "14:00:50"),
        tw(release, "D", urls=["http://a.example/1"], is_retweet=True, retweet_tweetid="809",
                      tweet_time=T + "14:00:45"),
        # co-hashtag (case-folded) and co-reply
        tw(release, "A", hashtags=["Tag"], tweet_time=T + "15:00:00"),
        tw(release, "B", hashtags=["tag"], tweet_time=T + "15:00:20"),
        tw(release, "A", in_reply_to_tweetid="909", in_reply_to_userid="77", tweet_time=T + "16:00:00"),
        tw(release, "C", in_reply_to_tweetid="909", in_reply_to_userid="77", tweet_time=T + "16:00:05"),
    ]
    release.write("ira_tweets_csv_hashed.csv", rows)
    return release.open()


def _named(accounts, table: pa.Table, directed: bool = False) -> set:
    """{(name, name, weight)}; undirected pairs in name order (uids follow first appearance)."""
    ids = accounts.table.column("screen_name").to_pylist()
    out = set()
    for r in table.to_pylist():
        a, b = ids[r["u1"]], ids[r["u2"]]
        out.add((a, b, r["weight"]) if directed else (*sorted((a, b)), r["weight"]))
    return out


@pytest.fixture
def crafted(release):
    data = _crafted(release)
    return data, ev_mod.accounts_of(data)


def test_co_retweet_pairs_and_weights_exact(crafted):
    data, acc = crafted
    e = ev_mod.events(data, "co_retweet", acc)
    con = pairs.connect()
    assert _named(acc, pairs.undirected(con, e.ev, 60)) == {("A", "B", 2), ("A", "D", 1), ("B", "D", 1)}
    # a pair exactly 60 s apart is in a 60 s window, 61 s is not
    assert _named(acc, pairs.undirected(con, e.ev, 59)) == {("A", "B", 1), ("A", "D", 1), ("B", "D", 1)}
    assert _named(acc, pairs.undirected(con, e.ev, 61)) == {("A", "B", 3), ("A", "D", 1), ("B", "D", 1)}
    assert _named(acc, pairs.undirected(con, e.ev, 60, min_weight=2)) == {("A", "B", 2)}
    assert _named(acc, pairs.directed(con, e.ev, 60), directed=True) == {
        ("A", "B", 2), ("B", "A", 2), ("A", "D", 1), ("D", "A", 1), ("B", "D", 1), ("D", "B", 1)}


def test_co_tweet_link_hashtag_reply(crafted):
    data, acc = crafted
    con = pairs.connect()
    got = {n: _named(acc, pairs.undirected(con, ev_mod.events(data, n, acc).ev, 60))
           for n in ("co_tweet", "co_link", "co_hashtag", "co_reply")}
    assert got == {"co_tweet": {("A", "B", 1)}, "co_link": {("A", "B", 1), ("A", "C", 1)},
                   "co_hashtag": {("A", "B", 1)}, "co_reply": {("A", "C", 1)}}
    assert ev_mod.events(data, "co_tweet", acc).empty == 2   # the two mention-only texts


def test_normalise_text_is_the_toolkits_preprocessing():
    texts = ["Hello @x World", "hello\u00a0\u00a0world @y", "  RT @a: Some\nText  ", "@only", "ÉCOLE"]
    got = ev_mod.normalise_text(pa.array(texts)).to_pylist()
    assert got == ["hello world", "hello world", "rt some text", "", "école"]


def test_evidence_matches_behind_each_pair(crafted):
    data, acc = crafted
    e = ev_mod.events(data, "co_retweet", acc)
    con = pairs.connect()
    kept = pairs.undirected(con, e.ev, 60, min_weight=2)
    m = pairs.matches(con, e.ev, 60, kept).to_pandas()
    assert len(m) == 2 and (m["t2"] - m["t1"]).tolist() == [30, 60]


def test_minute_resolution_same_minute_only_under_60_s(release):
    rows = [tw(release, u, is_retweet=True, retweet_tweetid=r, tweet_time=t) for u, r, t in [
        ("A", "1", "2017-06-22 16:03"), ("B", "1", "2017-06-22 16:03"),
        ("A", "2", "2017-06-22 16:03"), ("C", "2", "2017-06-22 16:04")]]
    release.write("ira_tweets_csv_hashed.csv", rows)
    data = release.open()
    acc = ev_mod.accounts_of(data)
    e = ev_mod.events(data, "co_retweet", acc)
    assert ev_mod.resolution(e.ev) == 60
    con = pairs.connect()
    assert _named(acc, pairs.undirected(con, e.ev, 1)) == {("A", "B", 1)}
    assert _named(acc, pairs.undirected(con, e.ev, 60)) == {("A", "B", 1), ("A", "C", 1)}


def _brute(ev: pd.DataFrame, window: int) -> dict:
    """Directed weights by the definition, with a plain double loop over a few hundred events."""
    hits: dict = {}
    for a, b in itertools.permutations(ev.itertuples(index=False), 2):
        if a.oid == b.oid and a.uid != b.uid and abs(a.t - b.t) <= window:
            hits.setdefault((a.uid, b.uid), set()).add(a.eid)
    return {k: len(v) for k, v in hits.items()}


@pytest.mark.parametrize("window", [0, 1, 7, 60, 600])
def test_bucketed_join_equals_brute_force(window):
    rng = np.random.default_rng(window)
    n = 400
    ev = pd.DataFrame({"eid": np.arange(n, dtype=np.int64), "uid": rng.integers(0, 12, n).astype(np.int32),
                       "t": rng.integers(0, 3000, n).astype(np.int64), "oid": rng.integers(0, 5, n).astype(np.int64)})
    con = pairs.connect()
    got = {(r["u1"], r["u2"]): r["weight"] for r in pairs.directed(con, pa.Table.from_pandas(ev), window).to_pylist()}
    want = _brute(ev, window)
    assert got == want and len(want) > 0
    und = {(r["u1"], r["u2"]): r["weight"] for r in pairs.undirected(con, pa.Table.from_pandas(ev), window).to_pylist()}
    assert und == {(a, b): min(w, want[(b, a)]) for (a, b), w in want.items() if a < b}


def test_pairs_spill_under_the_release_cache_never_in_the_working_directory(tmp_path, monkeypatch):
    """DuckDB's default spill folder for an in-memory database is `.tmp` in the working directory (a
    notebook's folder): a kernel killed at full scale left 89 MB there. The pairs spill where the engine does."""
    from types import SimpleNamespace

    from helpers.data import engine
    monkeypatch.chdir(tmp_path)
    release = SimpleNamespace(cache_dir=tmp_path / "cache" / "sample-1")
    folder = engine.spill_folder(release.cache_dir)
    assert folder.parent == release.cache_dir / engine.TEMP_FOLDER
    con = pairs.connect("100MB", 1, folder)
    got = con.execute("SELECT current_setting('temp_directory'), current_setting('memory_limit'), "
                      "current_setting('threads')").fetchone()
    assert got[0] == str(folder) and folder.is_dir() and got[2] == 1
    assert got[1].replace(" ", "") in ("95.3MiB", "100.0MB", "100MB")
    assert not (tmp_path / ".tmp").exists()


def _random_events(seed: int, n: int, accounts: int, objects: int, span: int, step: int = 1) -> pa.Table:
    """`n` events of `accounts` accounts on `objects` objects at random multiples of `step` seconds below `span`."""
    rng = np.random.default_rng(seed)
    return pa.table({"eid": pa.array(np.arange(n, dtype=np.int64)), "uid": pa.array(rng.integers(0, accounts, n)
                                                                                    .astype(np.int32)),
                     "t": pa.array(rng.integers(0, span // step, n).astype(np.int64) * step),
                     "oid": pa.array(rng.integers(0, objects, n).astype(np.int64))})


@pytest.mark.parametrize(("radius", "objects", "span"),
                         [(0, 10, 3000), (5, 10, 3000), (30, 20, 3000), (300, 40, 24_000)])
def test_events_near_another_account_are_all_kept_and_far_ones_left_out(radius, objects, span):
    """`_near_other_sql` (cells of `radius` seconds per object) against the definition: every event with an
    event of another account on its object at most `radius` seconds away is kept; none whose nearest such
    event is further than the cells reach (2 `radius` - 1 seconds; 1 for a radius of 0) is."""
    ev = _random_events(radius, n=300, accounts=4, objects=objects, span=span, step=5)   # ties at every radius
    rows = ev.to_pylist()

    def near(a, limit):
        return any(a["oid"] == b["oid"] and a["uid"] != b["uid"] and abs(a["t"] - b["t"]) <= limit for b in rows)
    con = pairs.connect()
    con.register("ev", ev)
    got = {r[0] for r in con.execute(f"SELECT eid FROM ({pairs._near_other_sql('ev', radius)})").fetchall()}
    must = {a["eid"] for a in rows if near(a, radius)}
    may = {a["eid"] for a in rows if near(a, 2 * max(radius, 1) - 1)}
    assert must <= got <= may and len(must) > 0 and len(may) < len(rows)


def _shifted(ev: pa.Table, offsets: np.ndarray) -> pa.Table:
    return ev.set_column(2, "t", pc.add(ev.column("t"), pa.array(offsets).take(ev.column("uid"))))


@pytest.mark.parametrize(("window", "shift", "min_weight"), [(0, 0, 1), (60, 600, 2), (10, 3000, 3), (60, 0, 2)])
def test_matchable_events_leave_every_pair_of_the_real_and_any_shifted_copy_as_it_was(window, shift, min_weight):
    """Leaving out the events no copy can match (`pairs.matchable`) changes no pair reaching the minimum
    weight, in the real data or in copies moved by up to `shift`, nor the weights below it of those pairs;
    and it does leave events out (the test would pass vacuously otherwise)."""
    seed = window + shift + min_weight
    dense = _random_events(seed, n=400, accounts=10, objects=10, span=6_000, step=60)      # 100 minutes, by minute
    sparse = _random_events(seed + 1, n=400, accounts=20, objects=400, span=864_000)        # ten days, by second
    ev = pa.concat_tables([dense, sparse.set_column(0, "eid", pc.add(sparse.column("eid"), 400))
                           .set_column(3, "oid", pc.add(sparse.column("oid"), 20))])
    con = pairs.connect()
    kept = pairs.matchable(con, ev, window, shift, min_weight)
    assert 0 < kept.num_rows < ev.num_rows
    assert kept.schema == ev.schema and kept.column("eid").to_pylist() == sorted(kept.column("eid").to_pylist())
    rng = np.random.default_rng(7)
    for draw in range(6):
        off = np.zeros(20, dtype=np.int64) if draw == 0 else rng.integers(-shift, shift + 1, 20)
        every = {(r["u1"], r["u2"]): r["weight"] for r in pairs.undirected(con, _shifted(ev, off), window).to_pylist()}
        some = {(r["u1"], r["u2"]): r["weight"] for r in pairs.undirected(con, _shifted(kept, off), window).to_pylist()}
        strong = {p for p, w in every.items() if w >= min_weight}
        assert strong == {p for p, w in some.items() if w >= min_weight} and (strong or draw)
        assert {p: every[p] for p in strong} == {p: some[p] for p in strong}


def test_matchable_repeats_until_nothing_changes():
    """Account 2's only two events are near account 1's lone event: with a minimum weight of 2, account 1 has
    too few events, so it goes, and then account 2's events have no partner left: nothing can match."""
    ev = pa.table({"eid": pa.array([0, 1, 2], pa.int64()), "uid": pa.array([1, 2, 2], pa.int32()),
                   "t": pa.array([100, 110, 120], pa.int64()), "oid": pa.array([5, 5, 5], pa.int64())})
    con = pairs.connect()
    assert pairs.matchable(con, ev, 60, 0, 1).num_rows == 3
    assert pairs.matchable(con, ev, 60, 0, 2).num_rows == 0
    assert pairs.matchable(con, ev, 10, 0, 1).num_rows == 2    # 110 is 10 s from 100; 120 is 20 s from it


@pytest.mark.parametrize(("window", "shift"), [(60, 43_200), (0, 600), (10, 0)])
def test_matchable_reaches_the_window_plus_both_accounts_moved_apart(window, shift):
    """Two events `window` + 2 `shift` seconds apart meet in the copy that moves them toward each other by
    `shift` each, so both stay; twice as far apart, no copy can make them meet, and both go."""
    con = pairs.connect()
    reach = window + 2 * shift
    for gap, kept in ((reach, 2), (2 * max(reach, 1), 0)):
        ev = pa.table({"eid": pa.array([0, 1], pa.int64()), "uid": pa.array([0, 1], pa.int32()),
                       "t": pa.array([1_000_000, 1_000_000 + gap], pa.int64()), "oid": pa.array([3, 3], pa.int64())})
        assert pairs.matchable(con, ev, window, shift).num_rows == kept
        met = pairs.undirected(con, _shifted(ev, np.array([shift, -shift])), window).num_rows
        assert met == (kept == 2)


def test_matchable_keeps_an_account_with_exactly_the_minimum_weight_of_events():
    """Accounts 0 and 1 meet on two objects: a pair of weight 2, kept at a minimum of 2, not at 3."""
    ev = pa.table({"eid": pa.array([0, 1, 2, 3], pa.int64()), "uid": pa.array([0, 1, 0, 1], pa.int32()),
                   "t": pa.array([100, 100, 500, 500], pa.int64()), "oid": pa.array([1, 1, 2, 2], pa.int64())})
    con = pairs.connect()
    assert pairs.matchable(con, ev, 0, 0, 2).num_rows == 4
    assert pairs.matchable(con, ev, 0, 0, 3).num_rows == 0
