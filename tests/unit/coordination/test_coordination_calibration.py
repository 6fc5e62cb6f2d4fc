"""Calibration: the planted groups of the synthetic sample are found beyond chance, a copy whose timing was
shuffled shows far fewer; the null model, the p-values and the FDR control behave as documented."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from helpers.coordination import NETWORKS, null, pairs
from helpers.coordination import events as ev_mod
from helpers.synthetic import plant

SCALE = 0.01     # the default sample: what the report shows


@pytest.fixture(scope="module")
def sample_release(tmp_path_factory):
    from helpers.data import load
    from helpers.synthetic import sample
    root = tmp_path_factory.mktemp("coord")
    sample.write_sample_release(root / "rel", scale=SCALE, seed=sample.DEFAULT_SEED, progress=False)
    return load.open_release(root / "rel", cache_root=root / "cache", progress=False, log=lambda *a: None)


def _planted(release) -> set:
    from helpers.synthetic import sample
    out = set()
    for i, op in enumerate(release.ops):
        plan = sample.make_plan(op, i, sample.DEFAULT_SEED, SCALE, sample.Style.of("2018"))
        out |= set(plant.groups_of(plan.accounts.userid, plan.accounts.weight, plan.accounts.start))
    return out


def _shuffled(ev: pa.Table, n_accounts: int, seed: int) -> pa.Table:
    off = null.offsets(n_accounts, 12 * 3600, 60, np.random.default_rng(seed))
    return ev.set_column(2, "t", pc.add(ev.column("t"), pa.array(off).take(ev.column("uid"))))


# Pairs beyond chance the default sample's planting must give, per type: about half of those measured with
# generators 1.3.0 and 1.4.0 (176 retweet, 90 tweet, 31 link, 17 hashtag, 17 reply pairs; 0-1 in the shuffled copies).
AT_LEAST = {"co_retweet": 100, "co_tweet": 45, "co_link": 15, "co_hashtag": 8, "co_reply": 8}


@pytest.fixture(scope="module")
def calibrated(sample_release):
    """Per network type: the calibration of the sample and of a copy whose timelines were shuffled."""
    acc = ev_mod.accounts_of(sample_release)
    n = len(acc.table)
    con = pairs.connect()
    out = {}
    for i, network in enumerate(NETWORKS):
        e = ev_mod.events(sample_release, network, acc)
        real = null.calibrate(con, e.ev, 60, 2, draws=8, shift=12 * 3600, seed=1 + i, step=60, n_accounts=n)
        control = null.calibrate(con, _shuffled(e.ev, n, 99 + i), 60, 2, draws=8, shift=12 * 3600, seed=50 + i,
                                 step=60, n_accounts=n)
        out[network] = (real, control)
    return acc, out


@pytest.mark.parametrize("network", NETWORKS)
def test_each_planted_network_type_found_and_shuffled_copy_shows_far_fewer(sample_release, calibrated, network):
    acc, results = calibrated
    real, control = results[network]
    found = real.edges[real.edges["survives"]]
    assert len(found) >= AT_LEAST[network]
    ids = acc.table.column("userid").to_pylist()
    members = {ids[u] for u in np.concatenate([found["u1"], found["u2"]])}
    assert members <= _planted(sample_release)      # every account found beyond chance was planted
    assert int(control.edges["survives"].sum()) * 10 <= len(found)


def test_shift_offsets_are_whole_steps_within_the_shift():
    off = null.offsets(5000, 3600, 60, np.random.default_rng(0))
    assert (off % 60 == 0).all() and off.min() >= -3600 and off.max() <= 3600 and len(set(off)) > 100


def test_poisson_tail_and_bh():
    p = null.poisson_tail(np.array([0, 1, 2, 3]), np.array([0.5, 0.5, 0.5, 5.0]))
    assert p[0] == 1.0
    assert p[1] == pytest.approx(1 - np.exp(-0.5))
    assert p[2] == pytest.approx(1 - np.exp(-0.5) * 1.5)
    assert p[3] == pytest.approx(1 - np.exp(-5) * (1 + 5 + 12.5))
    w, lam = np.array([0, 1, 2, 3] * 5), np.array([0.5, 0.5, 0.5, 5.0] * 5)
    assert null.poisson_tail(w, lam, chunk=3).tolist() == null.poisson_tail(w, lam).tolist() == p.tolist() * 5
    q = null.bh(np.array([0.01, 0.04, 0.03, 0.5]))
    assert q.tolist() == pytest.approx([0.04, 0.16 / 3, 0.16 / 3, 0.5])   # step-up, monotone


def test_poisson_tail_takes_a_thousand_pairs_at_a_time(monkeypatch):
    """Its temporaries are 400 Python floats per pair: 20,000 pairs at once took 0.86 GB, the peak of notebook
    10 at full scale. 2,500 kept pairs go in chunks of 1,000, 1,000 and 500, with the values of one call."""
    sizes, real = [], null._poisson_tail
    w, lam = np.arange(2500) % 7, np.linspace(0.1, 6, 2500)
    whole = real(w, lam)
    monkeypatch.setattr(null, "_poisson_tail", lambda a, b: sizes.append(len(a)) or real(a, b))
    assert null.poisson_tail(w, lam).tolist() == whole.tolist()
    assert sizes == [1000, 1000, 500]


def test_calibration_of_an_operation_without_retweets(release):
    rows = [release.tweet(user=f"100{i}", tweet_text=f"text {i}") for i in range(3)]
    release.write("ira_tweets_csv_hashed.csv", rows)
    data = release.open()
    acc = ev_mod.accounts_of(data)
    e = ev_mod.events(data, "co_retweet", acc)
    cal = null.calibrate(pairs.connect(), e.ev, 60, 1, draws=3, shift=3600, seed=0, step=60, n_accounts=len(acc.table))
    assert len(e) == 0 and cal.real_pairs == 0 and cal.row()["pairs surviving FDR"] == 0


@pytest.mark.parametrize("network", ["co_retweet", "co_link"])
def test_evidence_streamed_in_batches_is_every_match_and_the_examples_are_the_first_tweets_of_the_top_groups(
        sample_release, calibrated, network, tmp_path):
    """The evidence CSV is the same file whatever the batch (1 match, 7, all at once) and holds every match of
    every kept pair in words; the example picks are what the whole evidence gives: per group of the three
    largest, its first three distinct tweets by time (the pandas recipe they replaced, written out here)."""
    import pandas as pd

    from helpers.coordination import groups as groups_mod
    from helpers.coordination import run

    acc, out = calibrated
    cal = out[network][0]
    e = ev_mod.events(sample_release, network, acc)
    res = run.NetworkResult(network, e, 60, cal.edges, cal)
    res.graph = groups_mod.graph(cal.edges[cal.edges["survives"]], acc)
    groups_mod.group_table(res.graph, groups_mod.communities(res.graph, 7))
    con = pairs.connect()
    meta = run._kept_meta(con, res, sample_release, 60)
    files = []
    for rows in (1, 7, 10**7):
        files.append(tmp_path / f"evidence_{rows}.csv")
        n = run.write_evidence(con, res, acc, 60, meta, files[-1], rows=rows)
    assert files[0].read_bytes() == files[1].read_bytes() == files[2].read_bytes()
    kept = pa.Table.from_pandas(cal.edges[["u1", "u2"]].astype("int32"), preserve_index=False)
    whole = pairs.matches(con, e.ev, 60, kept)
    evidence = pd.read_csv(files[0], dtype=str)
    assert n == len(evidence) == whole.num_rows > len(cal.edges) > 0
    assert list(evidence.columns) == run.EVIDENCE_COLUMNS
    ids = acc.table.column("userid").to_pylist()
    assert evidence["userid_1"].tolist() == [ids[u] for u in whole.column("u1").to_pylist()]
    assert (evidence["time_1"].str.len() == 25).all() and evidence["time_1"].str.endswith("+00:00").all()
    assert (pd.to_numeric(evidence["seconds_apart"]) <= 60).all()
    empty = run.NetworkResult(network, e, 60, cal.edges.iloc[:0], cal)
    run.write_evidence(con, empty, acc, 60, meta, tmp_path / "none.csv")
    assert (tmp_path / "none.csv").read_text() == ",".join(run.EVIDENCE_COLUMNS) + "\n"

    picks = run._examples(con, res, acc, 60, meta)
    g = res.graph
    ranked = pd.Series(g.vs["group"]).value_counts().index.tolist()[:3]
    member_group = {v["userid"]: rank for rank, gid in enumerate(ranked, 1) for v in g.vs.select(group_eq=gid)}
    ev = evidence[evidence["userid_1"].isin(member_group)]
    ev = ev.assign(group=ev["userid_1"].map(member_group)).sort_values(["group", "time_1"])
    want = ev.drop_duplicates("tweetid_1").groupby("group").head(3)
    assert len(picks) > 3
    assert picks["group"].tolist() == want["group"].tolist()
    assert picks["tweetid"].tolist() == want["tweetid_1"].tolist()
    assert picks["account"].tolist() == want["account_1"].tolist()


def test_weight_fdr_is_the_shuffled_share_at_the_best_threshold_at_or_below_each_weight():
    # real pairs: weights 2, 2, 2, 2, 3, 3, 7; shuffled (2 draws, summed): 6 of weight 2, 2 of weight 3
    q = null.weight_fdr(np.array([2, 3, 7, 2, 2, 3, 2]), {2: 6, 3: 2}, draws=2)
    # t=2: (6 + 2) / 2 / 7 = 4/7; t=3: 2 / 2 / 3 = 1/3; t=7: 0 / 1 = 0
    assert q.tolist() == pytest.approx([4 / 7, 1 / 3, 0.0, 4 / 7, 4 / 7, 1 / 3, 4 / 7])
    # more shuffled than real pairs: capped at 1; a higher threshold with a worse ratio takes the better one below
    assert null.weight_fdr(np.array([2, 4]), {2: 30, 4: 4}, draws=2).tolist() == pytest.approx([1.0, 1.0])
    better_below = null.weight_fdr(np.array([2, 2, 2, 2, 5]), {2: 2, 5: 2}, draws=2)
    assert better_below.tolist() == pytest.approx([0.4] * 5)      # t=5 alone: 1 shuffled for 1 real
    assert null.weight_fdr(np.array([], dtype=int), {}, draws=3).tolist() == []


def test_many_accounts_meeting_by_chance_are_not_coordination_beyond_chance():
    """1,000 accounts post 16 times each at random minutes of 4 days on one object: no account follows
    another and there is no shared rhythm, yet thousands of pairs meet twice within a minute, as many in the
    shuffled copies. Each such pair is rare for itself (its per-pair q passes: the test sees only the pairs
    that reached the weight), but pairs of that weight are as common by chance: none survives."""
    rng = np.random.default_rng(5)
    n_acc, each = 1000, 16
    uid = np.repeat(np.arange(n_acc, dtype=np.int32), each)
    t = (rng.integers(0, 4 * 1440, len(uid)) * 60).astype(np.int64)
    ev = pa.table({"eid": pa.array(np.arange(len(uid), dtype=np.int64)), "uid": pa.array(uid),
                   "t": pa.array(t), "oid": pa.array(np.zeros(len(uid), dtype=np.int64))})
    cal = null.calibrate(pairs.connect(), ev, 60, 2, draws=8, shift=12 * 3600, seed=3, step=60, n_accounts=n_acc)
    assert cal.real_pairs > 1000 and cal.draws["pairs"].mean() > 0.8 * cal.real_pairs
    assert (cal.edges["q"] <= 0.05).sum() > 1000                   # what the per-pair test alone would call coordinated
    assert cal.edges["q_weight"].min() > 0.05 and not cal.edges["survives"].any()


def test_the_evidence_is_formula_safe_for_spreadsheets(release, tmp_path):
    """Display names and shared texts are the accounts' own: a name or text a spreadsheet would run as a
    formula is made inert, as in every CSV for readers (`helpers.data.safecsv`)."""
    import pandas as pd

    from helpers.coordination import run

    names = ["=HYPERLINK(\"http://x\")", "@everyone"]
    text = "-1+1 shared\rline"
    rows = [release.tweet(user=f"100{i}", user_screen_name=n, user_display_name=n, tweet_text=text,
                          tweet_time=f"2017-06-22 16:0{i}") for i, n in enumerate(names)]
    release.write("ira_tweets_csv_hashed.csv", rows)
    data = release.open()
    acc = ev_mod.accounts_of(data)
    e = ev_mod.events(data, "co_tweet", acc)
    ids = acc.table.column("userid").to_pylist()
    edges = pd.DataFrame({"u1": [ids.index("1000")], "u2": [ids.index("1001")]})
    res = run.NetworkResult("co_tweet", e, 60, edges, None)
    con = pairs.connect()
    meta = run._kept_meta(con, res, data, 120)
    path = tmp_path / "evidence.csv"
    assert run.write_evidence(con, res, acc, 120, meta, path) == 1
    [row] = pd.read_csv(path, dtype=str, keep_default_na=False).to_dict("records")
    assert (row["userid_1"], row["account_1"], row["userid_2"], row["account_2"]) == (
        "1000", "'" + names[0], "1001", "'" + names[1])
    assert (row["shared_object"], row["seconds_apart"]) == ("'-1+1 shared line", "60")  # the normalised text


@pytest.mark.parametrize("cap", [None, 3])
def test_leaving_out_the_unmatchable_events_changes_no_result(sample_release, monkeypatch, cap):
    """`pairs.matchable` before the calibration and the sweep (once per network type for the widest window,
    then narrowed): the pairs, p- and q-values, calibration, sweep and coverage of the sample are those of a
    run that joins every event, with and without a cap on popular objects; and it did leave events out."""
    from dataclasses import replace

    from helpers.coordination import run
    s = replace(run.Settings(), draws=4, sweep_windows=(60, 3600), sweep_draws=1, max_accounts=cap)
    sizes = []
    real = pairs.matchable

    def counted(con, ev, *args):
        out = real(con, ev, *args)
        sizes.append((ev.num_rows, out.num_rows))
        return out
    monkeypatch.setattr(pairs, "matchable", counted)
    fewer = run.analyse(sample_release, s)
    assert sizes and any(after < before / 2 for before, after in sizes)
    monkeypatch.setattr(pairs, "matchable", lambda con, ev, *args: ev)
    every = run.analyse(sample_release, s)
    for name in ("calibration", "sweep", "coverage", "left_out", "heaviest"):
        pd.testing.assert_frame_equal(getattr(fewer, name), getattr(every, name))
    for network in NETWORKS:
        pd.testing.assert_frame_equal(fewer.networks[network].edges, every.networks[network].edges)
        pd.testing.assert_frame_equal(fewer.networks[network].groups, every.networks[network].groups)
    assert sum(len(r.edges) for r in every.networks.values()) > 100
