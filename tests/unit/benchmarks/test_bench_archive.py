"""The archive benchmark's pure parts: the disk it asks for, its refusal, the targets of issue 16 checked on the
numbers measured (NOT MEASURED below the size they are about), and its section of BENCHMARKS.md."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))  # benchmarks/ is a folder of the repository, not an installed package
from benchmarks import archive as ba  # noqa: E402

GB = 1e9


def test_disk_plan_counts_archives_not_reused_and_the_largest_cache():
    plan = ba.disk_plan(500.0, [10e6, 50e6], {10e6: True}, free=int(60 * GB))
    assert plan["csv_bytes"] == {"10M": 5 * GB, "50M": 25 * GB}
    assert plan["archives_to_write_bytes"] == 25 * GB                       # the 10M archive is reused
    assert plan["cache_and_duckdb_bytes"] == pytest.approx(25 * GB * (ba.CACHE_SHARE + ba.DUCKDB_SHARE))
    assert plan["need_bytes"] == plan["archives_to_write_bytes"] + plan["cache_and_duckdb_bytes"]
    assert plan["ok"] is True
    short = ba.disk_plan(500.0, [10e6, 50e6], {}, free=int(20 * GB))
    assert short["ok"] is False and short["need_bytes"] > 30 * GB
    message = ba.refusal(short, Path("/data/bench"))
    assert "/data/bench" in message and f"{short['need_bytes'] / GB:.1f} GB" in message
    assert "20.0 GB are free" in message and "--tweets" in message


def _step(wall=None, peak=None, **more):
    return {"wall_s": wall, "max_process_rss_bytes": peak, "cpu_user_s": 1.0, "cpu_system_s": 0.5,
            "loadavg_start": 1.0, "loadavg_end": 2.0, **more}


def _size(tweets, parse_s, ingest_s, ingest_peak, duck_s, duck_peak, seq_s, seq_peak):
    return {"tweets": tweets, "tweets_bytes": tweets * 550, "generation": _step(100.0, 1e8),
            "parse": _step(parse_s, 4e8, parse_s=parse_s), "ingest": _step(ingest_s, ingest_peak, ingest_s=ingest_s),
            "duckdb": _step(duck_s, duck_peak, convert_s=duck_s), "sequence": _step(seq_s, seq_peak)}


def _res(main):
    return {"main": "50M", "started": "2026-11-30T12:00:00+00:00", "machine": {"cores": 2},
            "disk": {"bytes_per_tweet": 550.0, "need_bytes": 40 * GB, "free_bytes": 60 * GB},
            "sizes": {"10M": _size(10_000_000, 30.0, 50.0, 1.0 * GB, 60.0, 1.5 * GB, 200.0, 2.0 * GB),
                      "50M": main}}


def test_targets_pass_and_miss_on_the_numbers_measured():
    res = _res(_size(50_000_000, 150.0, 290.0, 1.2 * GB, 300.0, 2.0 * GB, 540.0, 2.5 * GB))
    got = {t["target"]: t for t in ba.targets(res)}
    assert all(t["verdict"] == "PASS" for t in got.values()), got
    assert got["ingest <= 2x the parse limit"]["value"] == pytest.approx(290 / 150)
    assert got["largest process at 50M <= 1.3x at 10M (ingest, sequence)"]["value"] == pytest.approx(1.25)
    res = _res(_size(50_000_000, 150.0, 310.0, 2.1 * GB, 300.0, 2.0 * GB, 700.0, 2.7 * GB))
    got = {t["target"]: t["verdict"] for t in ba.targets(res)}
    assert got["ingest <= 2x the parse limit"] == "MISS" and got["ingest peak <= 2 GB"] == "MISS"
    assert got["sequence (cache built) <= 10 min"] == "MISS"
    assert got["largest process at 50M <= 1.3x at 10M (ingest, sequence)"] == "MISS"     # 2.1 / 1.0
    assert got["ingest / DuckDB time <= 1"] == "MISS" and got["ingest / DuckDB peak memory <= 1"] == "MISS"
    assert got["no process of the sequence above 4 GB"] == "PASS"


def test_below_the_target_size_or_without_a_step_the_targets_are_not_measured():
    small = _res(_size(200_000, 1.0, 1.5, 0.3 * GB, 2.0, 0.2 * GB, 60.0, 0.5 * GB))
    small["sizes"].pop("10M")
    got = {t["target"]: t["verdict"] for t in ba.targets(small)}
    assert got["ingest <= 2x the parse limit"] == "NOT MEASURED (at this size it would PASS)"
    assert got["ingest / DuckDB peak memory <= 1"] == "NOT MEASURED (at this size it would MISS)"
    assert got["largest process at 50M <= 1.3x at 10M (ingest, sequence)"] == "NOT MEASURED"
    no_duck = _res(_size(50_000_000, 150.0, 290.0, 1.2 * GB, 300.0, 2.0 * GB, 540.0, 2.5 * GB))
    del no_duck["sizes"]["50M"]["duckdb"]
    got = {t["target"]: t["verdict"] for t in ba.targets(no_duck)}
    assert got["ingest / DuckDB time <= 1"] == "NOT MEASURED" and got["ingest <= 2x the parse limit"] == "PASS"


def test_section_holds_each_size_and_each_target_and_replaces_itself(tmp_path):
    res = _res(_size(50_000_000, 150.0, 290.0, 1.2 * GB, 300.0, 2.0 * GB, 540.0, 2.5 * GB))
    text = ba.section(res)
    assert text.startswith(ba.SECTION[0]) and text.rstrip().endswith(ba.SECTION[1])
    assert "| 10,000,000 | 5.50 | 100.00 | 30.00 | 50.00 | 1.50 | 1.00 | 60.00 | 1.50 | 200.00 | 2.00 |" in text
    assert "| ingest <= 2x the parse limit | 1.93 x | 2.00 x | PASS |" in text
    assert text.count("| PASS |") == 7 and "40.0 GB needed" in text
    assert "Not measured yet" in ba.section({}) and ba.section({}).count("| NOT MEASURED |") == 7
    md = tmp_path / "BENCHMARKS.md"
    md.write_text("# Benchmarks\n\nintro\n")
    ba.write_section(ba.section({}), md)
    ba.write_section(text, md)
    ba.write_section(text, md)
    out = md.read_text()
    assert out.startswith("# Benchmarks\n\nintro\n") and out.count(ba.SECTION[0]) == 1 and "Not measured yet" not in out


def test_sizes_are_labelled_for_their_folders():
    assert [ba.label(x) for x in (50e6, 2.5e6, 2e5, 1e5)] == ["50M", "2.5M", "200k", "100k"]


def test_a_resumed_run_keeps_only_the_steps_it_skipped_each_dated_by_its_run():
    before = {"tweets": 10, "parse": {"parse_s": 1.0}, "ingest": {"ingest_s": 2.0},
              "duckdb": {"convert_s": 3.0, "measured": "2026-01-01"}}
    now = {"tweets": 10, "ingest": {"ingest_s": 9.0}, "sequence": {"wall_s": 5.0}}
    out = ba.resumed(before, now, {"started": "2026-11-30T15:00:00+00:00"})
    assert out == {"tweets": 10, "ingest": {"ingest_s": 9.0}, "sequence": {"wall_s": 5.0},
                   "parse": {"parse_s": 1.0, "measured": "2026-11-30T15:00:00+00:00"},
                   "duckdb": {"convert_s": 3.0, "measured": "2026-01-01"}}
    assert ba.resumed(None, now, {}) is now
    partial = {"tweets": 10, "sequence": {"wall_s": 5.0}, "sequence_only": ["01"], "sequence_params": {"a": 1}}
    carried = ba.resumed(partial, {"tweets": 10, "ingest": {"ingest_s": 9.0}}, {"started": "x"})
    assert carried["sequence_only"] == ["01"] and carried["sequence_params"] == {"a": 1}


def test_the_section_names_the_steps_kept_from_an_earlier_run_with_its_date():
    res = _res(_size(50_000_000, 150.0, 290.0, 1.2 * GB, 300.0, 2.0 * GB, 540.0, 2.5 * GB))
    assert "Kept from an earlier run" not in ba.section(res)
    res["sizes"]["50M"]["parse"]["measured"] = "2026-12-01T05:17:52+00:00"
    res["sizes"]["10M"]["duckdb"]["measured"] = "2026-11-30T15:00:00+00:00"
    kept = ("Kept from an earlier run (`--resume`), not measured again: duckdb at 10,000,000 tweets (run "
            "2026-11-30T15:00:00+00:00); parse at 50,000,000 tweets (run 2026-12-01T05:17:52+00:00).")
    assert kept in ba.section(res)


def test_the_section_names_the_sequence_parameters_and_each_notebook():
    size = {"tweets": 10_000_000, "sequence_params": {"coordination_max_accounts": 100},
            "sequence": {"notebooks": [
                {"notebook": "01_ingest_overview", "wall_s": 22.5, "kernel_peak_rss_bytes": 1.5e9},
                {"notebook": "10_coordination", "wall_s": 300.0}]}}
    lines = ba._sequence_lines({"sizes": {"10M": size, "50M": {"tweets": 50_000_000}}})
    assert lines == ["", "Sequence at 10,000,000 tweets (`coordination_max_accounts: 100`), per notebook (wall / "
                         "kernel peak): 01 22 s / 1.50 GB; 10 300 s / - GB."]


def test_a_sequence_of_some_notebooks_is_no_verdict_and_grows_like_with_like():
    """Notebooks 01 and 11 at 50M against the same two at 10M (not against 10M's notebook 10)."""
    main = _size(50_000_000, 150.0, 290.0, 1.2 * GB, 300.0, 2.0 * GB, 500.0, 1.6 * GB)
    main["sequence_only"] = ["01", "11"]
    main["sequence"]["notebooks"] = [{"notebook": "01_ingest_overview", "kernel_peak_rss_bytes": 1.6 * GB},
                                     {"notebook": "11_cross_operation", "kernel_peak_rss_bytes": 1.0 * GB}]
    res = _res(main)
    res["sizes"]["10M"]["sequence"]["notebooks"] = [
        {"notebook": "01_ingest_overview", "kernel_peak_rss_bytes": 1.0 * GB},
        {"notebook": "10_coordination", "kernel_peak_rss_bytes": 3.0 * GB},
        {"notebook": "11_cross_operation", "kernel_peak_rss_bytes": 0.5 * GB}]
    got = {t["target"]: t for t in ba.targets(res)}
    verdict = got["sequence (cache built) <= 10 min"]["verdict"]
    assert verdict == "NOT MEASURED (notebooks 01, 11 only: within the limit)"
    assert got["no process of the sequence above 4 GB"]["verdict"].startswith("NOT MEASURED (notebooks 01, 11 only")
    assert got["largest process at 50M <= 1.3x at 10M (ingest, sequence)"]["value"] == pytest.approx(1.6)
    assert got["ingest peak <= 2 GB"]["verdict"] == "PASS"
