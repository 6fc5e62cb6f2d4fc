"""Popular objects: the optional cap leaves out an object only in the windows where more than the cap of
accounts acted on it, counts what it left out, and every output of a capped run says so; without a cap
nothing changes (the same table, no new column)."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pyarrow as pa
import pytest

from helpers.coordination import pairs, popular, report, run
from helpers.run import params

MINUTE = 60


def _ev(rows) -> pa.Table:
    """Events from (uid, minute, oid) rows, eids in order."""
    uid, t, oid = zip(*rows)
    return pa.table({"eid": pa.array(np.arange(len(rows)), pa.int64()), "uid": pa.array(uid, pa.int32()),
                     "t": pa.array([m * MINUTE for m in t], pa.int64()), "oid": pa.array(oid, pa.int64())})


ROWS = [(0, 10, 7), (1, 10, 7), (2, 10, 7), (2, 10, 7),   # object 7, minute 10: three accounts (one twice)
        (0, 11, 7), (1, 11, 7),                            # object 7, minute 11: two accounts
        (0, 10, 8), (1, 10, 8),                            # object 8, minute 10: two accounts
        (3, 70, 8)]                                        # object 8 an hour later: one account


def test_no_cap_is_the_very_table_and_nothing_left_out():
    ev = _ev(ROWS)
    capped = popular.cap_events(pairs.connect(), ev, 60, None)
    assert capped.ev is ev and capped.events_left == 0 and capped.objects_left == 0 and capped.cap is None


def test_an_object_is_left_out_only_in_the_buckets_with_more_accounts_than_the_cap():
    capped = popular.cap_events(pairs.connect(), _ev(ROWS), 60, 2)
    assert capped.ev.column("eid").to_pylist() == [4, 5, 6, 7, 8]
    assert capped.ev.schema == _ev(ROWS).schema
    assert capped.left.to_pydict() == {"uid": [0, 1, 2], "oid": [7, 7, 7], "events": [1, 1, 2], "cells": [1, 1, 1],
                                       "first_eid": [0, 1, 2]}
    assert (capped.events_left, capped.objects_left) == (4, 1)


def test_the_cap_is_more_than_not_as_many_as():
    capped = popular.cap_events(pairs.connect(), _ev(ROWS), 60, 3)
    assert capped.ev.num_rows == len(ROWS) and capped.events_left == 0 and capped.left.num_rows == 0


def test_the_buckets_are_the_window_s_an_hour_takes_both_minutes():
    """With a 3,600 s window, minutes 10 and 11 share a bucket: object 7 has three accounts there (left out
    with a cap of 2), object 8 two (kept), and object 8's hour-later event its own bucket."""
    capped = popular.cap_events(pairs.connect(), _ev(ROWS), 3600, 2)
    assert capped.ev.column("eid").to_pylist() == [6, 7, 8]
    assert capped.left.to_pydict() == {"uid": [0, 1, 2], "oid": [7, 7, 7], "events": [2, 2, 2], "cells": [1, 1, 1],
                                       "first_eid": [0, 1, 2]}


def test_left_out_per_operation_and_the_heaviest_objects():
    capped = popular.cap_events(pairs.connect(), _ev(ROWS + [(3, 70, 9), (4, 70, 9), (5, 70, 9)]), 60, 2)
    ops = np.array(["ira", "ira", "iran", "iran", "iran", "iran"], dtype=object)
    assert popular.per_op(capped, ops, "co_hashtag").to_dict("records") == [
        {"network": "co_hashtag", "op": "ira", "events left out": 2, "objects left out": 1},
        {"network": "co_hashtag", "op": "iran", "events left out": 5, "objects left out": 2}]
    assert popular.heaviest(capped).to_dict("records") == [
        {"oid": 7, "events": 4, "accounts": 3, "first_eid": 0}, {"oid": 9, "events": 3, "accounts": 3, "first_eid": 9}]
    assert popular.heaviest(capped, 1)["oid"].tolist() == [7]


@pytest.fixture
def crowded_release(release):
    """Four accounts: all four post #Camp in one minute (a crowd); 1001 and 1002 post #duo together in two
    minutes and #camp together an hour later; 1003 posts #duo alone later in the same hour."""
    def tw(user, minute, tag):
        return release.tweet(user=user, tweet_time=f"2017-06-22 {minute}", hashtags=[tag], tweet_text=f"#{tag}")
    rows = [tw(u, "16:03", "Camp") for u in ("1001", "1002", "1003", "1004")]
    rows += [tw("1001", "16:03", "duo"), tw("1002", "16:03", "duo"), tw("1001", "16:05", "duo"),
             tw("1002", "16:05", "duo"), tw("1001", "17:10", "camp"), tw("1002", "17:10", "camp"),
             tw("1003", "16:50", "duo")]
    release.write("ira_tweets_csv_hashed.csv", rows)
    return release.open()


def _settings(cap):
    return run.Settings(networks=("co_hashtag",), window=60, min_weight=1, draws=2, sweep_windows=(60, 3600),
                        sweep_weights=(1,), sweep_draws=1, max_accounts=cap)


def _pairs(result, network="co_hashtag") -> set:
    ids = result.accounts.table.column("userid").to_pylist()
    e = result.networks[network].edges
    return {tuple(sorted((ids[a], ids[b]))) for a, b in zip(e["u1"], e["u2"])}


def test_a_capped_run_leaves_the_crowd_out_and_says_so_everywhere(crowded_release, tmp_path):
    whole = run.analyse(crowded_release, _settings(None))
    assert _pairs(whole) == {(a, b) for a in ("1001", "1002", "1003", "1004") for b in ("1001", "1002", "1003", "1004")
                             if a < b}
    assert "events left out" not in whole.calibration and "events left out" not in whole.sweep
    assert "popular_objects_left_out" not in whole.record() and report.popular_statement(whole) == ""

    capped = run.analyse(crowded_release, _settings(2))
    assert _pairs(capped) == {("1001", "1002")}
    edge = capped.networks["co_hashtag"].edges.iloc[0]
    assert edge["weight"] == 3     # #duo twice and #camp an hour later: the quiet bucket of a crowded object stays
    row = capped.calibration.iloc[0]
    assert (row["events"], row["events left out"], row["objects left out"]) == (11, 4, 1)
    assert capped.sweep.set_index("window (s)")["events left out"].to_dict() == {60: 4, 3600: 9}
    assert capped.left_out.to_dict("records") == [
        {"network": "co_hashtag", "op": "ira", "events left out": 4, "objects left out": 1}]
    assert capped.heaviest.to_dict("records") == [
        {"network": "co_hashtag", "object": "camp", "events left out": 4, "accounts": 4}]
    record = json.loads(json.dumps(capped.record()))
    assert record["parameters"]["max_accounts"] == 2
    assert record["popular_objects_left_out"]["heaviest"][0]["object"] == "camp"
    said = report.popular_statement(capped, str.upper)
    assert "more than 2 accounts within one 60 s window" in said
    assert "co_hashtag: 4 of 11 events (36.4%) on 1 object (IRA 4)" in said
    assert "'camp' (4 events, 4 accounts)" in said


def test_a_cap_that_takes_nothing_says_nothing_was_left_out(crowded_release):
    result = run.analyse(crowded_release, _settings(10), with_sweep=False)
    assert result.calibration.iloc[0]["events left out"] == 0
    assert result.heaviest.empty and result.record()["popular_objects_left_out"] == {"per_operation": [],
                                                                                     "heaviest": []}
    assert report.popular_statement(result).endswith("No object was that crowded in this run: nothing was left out.")


def test_the_cross_operation_report_says_when_notebook_10_ran_narrowed():
    import pandas as pd
    coverage = pd.DataFrame({"op": ["ira"]})
    assert report.coverage_note(coverage) == "" and report.coverage_note(None) == ""
    coverage.attrs["parameters"] = {"max_accounts": 1500}
    assert report.coverage_note(coverage).startswith("Notebook 10 ran narrowed: objects acted on by more than 1,500 "
                                                     "accounts")


@pytest.mark.parametrize("value, ok", [(None, True), (2, True), (1, False), (0, False), ("50", False), (2.5, False),
                                       (True, False)])
def test_the_cap_parameter_is_a_whole_number_of_at_least_two_or_null(value, ok):
    if ok:
        assert params.from_file(coordination_max_accounts=value).coordination_max_accounts == value
    else:
        with pytest.raises(params.ParameterError, match="coordination_max_accounts"):
            params.from_file(coordination_max_accounts=value)


def test_each_network_runs_on_its_own_connection_closed_after_it(crowded_release, monkeypatch):
    """DuckDB keeps the memory its queries freed until its connection closes: one connection per network type,
    closed before the next opens, so no network's leftovers add to the next one's peak (notebook 10's memory)."""
    opened, real_connect = [], run.pairs_mod.connect

    def connect(*args, **kwargs):
        assert all(c.closed for c in opened), "a network's connection was still open when the next one opened"
        con = real_connect(*args, **kwargs)
        opened.append(_Tracked(con))
        return opened[-1]

    monkeypatch.setattr(run.pairs_mod, "connect", connect)
    settings = run.Settings(networks=("co_hashtag", "co_tweet"), window=60, min_weight=1, draws=2,
                            sweep_windows=(60,), sweep_weights=(1,), sweep_draws=1)
    result = run.analyse(crowded_release, settings)
    assert len(opened) == 2 and all(c.closed for c in opened)
    assert _pairs(result) == _pairs(run.analyse(crowded_release, replace(settings, networks=("co_hashtag",))))


class _Tracked:
    """A DuckDB connection that remembers whether it was closed."""

    def __init__(self, con):
        self._con, self.closed = con, False

    def close(self):
        self.closed = True
        self._con.close()

    def __getattr__(self, name):
        return getattr(self._con, name)
