"""The tidy tables behind notebook 10's figures (helpers.coordination.report): every draw and the real
count per network, shares per operation, network and measure, the window sweep at one weight."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from helpers.coordination import report
from helpers.coordination.run import Settings


def _result() -> SimpleNamespace:
    cal = SimpleNamespace(real_pairs=7, real_accounts=5,
                          draws=pd.DataFrame({"draw": [0, 1], "pairs": [1, 0], "accounts": [2, 0]}))
    coverage = pd.DataFrame({"op": ["ira", "iranian"], "network": "co_link", "accounts": [100, 10],
                             "tweets": [1000, 50], "accounts beyond chance": [4, 1],
                             "accounts beyond chance share": [0.04, 0.1], "tweets beyond chance": [9, 0],
                             "tweets beyond chance share": [0.009, 0.0]})
    sweep = pd.DataFrame({"network": "co_link", "window (s)": [60, 60, 600, 600], "min weight": [1, 2, 1, 2],
                          "pairs": [30, 7, 50, 12], "pairs shuffled (mean)": [3.0, 0.5, 9.0, 1.5]})
    return SimpleNamespace(networks={"co_link": SimpleNamespace(calibration=cal)}, coverage=coverage, sweep=sweep,
                           settings=Settings(min_weight=2))


def test_null_draws_real_row_then_one_row_per_draw():
    t = report.null_draws(_result())
    assert t["series"].tolist() == ["real", "shuffled", "shuffled"]
    assert t["pairs"].tolist() == [7, 1, 0] and t["accounts"].tolist() == [5, 2, 0]
    assert t["draw"].isna().tolist() == [True, False, False]


def test_coverage_long_one_row_per_operation_network_and_measure():
    t = report.coverage_long(_result())
    row = t[(t["op"] == "ira") & (t["measure"] == "tweets")].iloc[0]
    assert (row["in pairs beyond chance"], row["of"], row["share"]) == (9, 1000, 0.009)
    assert len(t) == 4 and set(t["measure"]) == {"accounts", "tweets"}


def test_sweep_long_at_the_runs_minimum_weight_real_and_shuffled():
    t = report.sweep_long(_result())
    assert set(t["min weight"]) == {2}
    assert t[t["series"] == "real"]["pairs"].tolist() == [7, 12]
    assert t[t["series"] == "shuffled mean"]["pairs"].tolist() == [0.5, 1.5]
    assert report.sweep_long(_result(), min_weight=1)["pairs"].tolist() == [30, 50, 3.0, 9.0]
