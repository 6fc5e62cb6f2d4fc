"""The notebook session's own wording (helpers.run.notebook)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from helpers.errors import ProjectError
from helpers.present import prose
from helpers.run import notebook, params


def test_a_figure_names_few_source_files_and_counts_many():
    manifest = {"files": {f"x{i}": {"op": "iran_201901_1" if i < 4 else "ira",
                                    "source": {"name": f"iran_201901_1_tweets_csv_hashed_{i}.csv"}}
                          for i in range(6)}}
    assert notebook.source_files(manifest, ["iran_201901_1"]) == ", ".join(
        f"iran_201901_1_tweets_csv_hashed_{i}.csv" for i in range(4))
    assert notebook.source_files(manifest, ["iran_201901_1", "ira"]) == \
        "6 files of 2 operations (listed in report 01 with their SHA-256)"


# ------------------------------------------------------------------ operations shown in per-op reports

def _release(sizes: dict[str, int]):
    """A ReleaseData whose manifest holds only the tweet-row counts the choice of operations reads."""
    from helpers.data import load
    files = {f"{op}/tweets": {"op": op, "table": "tweets", "part": "", "rows_cached": n} for op, n in sizes.items()}
    return load.ReleaseData({"files": files, "release_dir": "x"}, Path("cache"), list(sizes))


SIZES = {"ira": 900, "iranian": 100, "iran_201901_1": 500, "russia_201901_1": 80, "gru_202012": 20, "rea_0621": 3}


def test_few_operations_are_all_shown():
    release = _release({"ira": 900, "iranian": 100})
    assert notebook.shown_ops(release, params.from_file()) == (["ira", "iranian"], "")


def test_many_operations_show_the_largest_in_run_order_and_say_what_is_left_out():
    release = _release(SIZES)
    p = params.from_file(shown_max=3)
    shown, why = notebook.shown_ops(release, p)
    assert shown == ["ira", "iranian", "iran_201901_1"] and "3 largest" in why
    left = notebook.shown_statement(dataclasses.replace(release, ops=shown), release.ops, why, p)
    assert "3 of the 6" in left and "11_cross_operation.html" in left and "shown_ops" in left
    for op in ("russia_201901_1", "gru_202012", "rea_0621"):
        assert prose.md(p.label(op)) in left
    assert "3 tweets" in left and prose.md(p.label("ira")) not in left.split("Not shown")[1]
    assert notebook.shown_statement(release, release.ops, "", p) == ""


def test_the_parameter_and_a_notebook_s_own_operations_come_first():
    release = _release(SIZES)
    assert notebook.shown_ops(release, params.from_file(shown_max=2, shown_ops=["rea_0621", "ira"]))[0] == \
        ["rea_0621", "ira"]
    assert notebook.shown_ops(release, params.from_file(shown_max=2), wanted=["gru_202012", "missing"])[0] == \
        ["gru_202012"]
    with pytest.raises(ProjectError, match="shown_ops.*nothere"):
        notebook.shown_ops(release, params.from_file(shown_ops=["nothere"]))
