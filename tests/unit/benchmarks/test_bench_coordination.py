"""The coordination benchmark's arithmetic and report: growth from two scales, an extrapolation that is
labelled as one, targets checked on the numbers measured."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))  # benchmarks/ is a folder of the repository, not an installed package
from benchmarks import coordination as bc  # noqa: E402


def _m(wall, pairs=None, cpu=None):
    return {"wall_s": wall, "cpu_user_s": cpu or wall, "cpu_system_s": 0.0, "tree_rss_peak_bytes": int(4e8),
            "loadavg_start": 2.0, "loadavg_end": 3.5, "foreign_cpu_s": 12.0,
            "pairs": pairs or {"co_retweet": 10, "co_tweet": 2, "co_link": 3}}


def test_growth_and_extrapolation():
    assert bc.growth([(0.02, 100.0), (0.08, 400.0)]) == pytest.approx(1.0)
    assert bc.growth([(0.02, 100.0), (0.04, 400.0)]) == pytest.approx(2.0)
    assert bc.growth([(0.02, 100.0)]) is None
    assert bc.extrapolate([(0.02, 100.0), (0.04, 400.0)], 1.0) == pytest.approx(400.0 * 25 ** 2)
    assert bc.extrapolate([(0.02, 100.0), (0.04, 150.0)], 1.0) == pytest.approx(150.0 * 25)   # never below linear


def test_section_says_what_was_measured_and_what_was_extrapolated():
    runs = [{"scale": 0.02, "tweets": 200_000, "ours": _m(10.0), "toolkit": _m(110.0), "same_pair_counts": True},
            {"scale": 0.05, "tweets": 500_000, "ours": _m(20.0), "toolkit": _m(300.0), "same_pair_counts": True},
            {"scale": 1.0, "tweets": 10_168_850, "ours": _m(55.0)}]
    res = bc.summarise(runs, 1.0, 60)
    assert res["toolkit_at_scale_measured"] is False
    assert res["toolkit_at_scale_s"] == pytest.approx(300.0 * 20 ** max(bc.growth([(0.02, 110), (0.05, 300)]), 1))
    text = bc.section(res)
    assert "| 0.05 | 500,000 | toolkit 1.5.2 (SQLite) | - | 300.0 |" in text
    assert "not a measurement" in text and "2.0 / 3.5" in text
    assert "Targets: ours <= 60 s and <= 2 GB: PASS" in text and "toolkit / ours >= 5x side by side: PASS" in text
    runs[2]["ours"] = _m(61.0)
    assert "ours <= 60 s and <= 2 GB: MISS" in bc.section(bc.summarise(runs, 1.0, 60))


def test_below_full_scale_the_target_is_reported_not_measured_and_full_scale_extrapolated():
    runs = [{"scale": 0.02, "tweets": 200_000, "ours": _m(10.0), "toolkit": _m(110.0), "same_pair_counts": True},
            {"scale": 0.05, "tweets": 500_000, "ours": _m(20.0), "toolkit": _m(300.0), "same_pair_counts": False},
            {"scale": 0.2, "tweets": 2_000_000, "ours": _m(40.0)}]
    res = bc.summarise(runs, 0.2, 60)
    text = bc.section(res)
    assert "at full scale: NOT MEASURED" in text and "same pair counts: NO" in text
    assert res["at_full_scale_s"]["ours"] == pytest.approx(40.0 * 5 ** max(bc.growth([(0.02, 10), (0.2, 40)]), 1))
    assert "Full scale (10.2M tweets), extrapolated" in text and "On CPU time" in text


def test_ours_measured_again_keeps_the_earlier_run_as_superseded_and_the_targets_use_the_new_one():
    """`--ours-again` after a change to our code: the toolkit's hours are not repeated, the earlier run of ours
    stays in the table, marked, with the code each ran."""
    old, new = dict(_m(75.0), code="aaa1111"), dict(_m(40.0), code="bbb2222")
    runs = [{"scale": 1.0, "tweets": 10_168_850, "ours": new, "ours_superseded": [old], "toolkit": _m(2000.0),
             "same_pair_counts": True}]
    text = bc.section(bc.summarise(runs, 1.0, 60))
    assert "| 1 | 10,168,850 | ours (DuckDB) | bbb2222 | 40.0 |" in text
    assert "| 1 | 10,168,850 | ours, superseded (earlier code) | aaa1111 | 75.0 |" in text
    assert "ours <= 60 s and <= 2 GB: PASS (40.0 s" in text and "ours 40.0 s, toolkit 2000.0 s (50.0x)" in text


def test_a_stopped_toolkit_run_is_a_measured_lower_bound():
    """A toolkit run stopped by hand (hours on a shared machine) still bounds the ratio from below: the
    section says "at least", never a plain ratio, and the pairs are not claimed equal."""
    runs = [{"scale": 1.0, "tweets": 10_168_850, "ours": _m(40.0),
             "toolkit": dict(_m(3600.0), pairs=None, stopped="after 60 min, during co_tweet"),
             "same_pair_counts": False}]
    text = bc.section(bc.summarise(runs, 1.0, 60))
    assert "| toolkit 1.5.2 (SQLite) | - | \u2265 3600.0 | \u2265 3600.0 |" in text
    assert "stopped: after 60 min, during co_tweet" in text and "at least 90.0x wall" in text
    assert "more than 3600.0 s (stopped), more than 90.0x" in text and "same pair counts" not in text
