"""The notebook session's own wording (helpers.run.notebook)."""

from __future__ import annotations

from helpers.run import notebook


def test_a_figure_names_few_source_files_and_counts_many():
    manifest = {"files": {f"x{i}": {"op": "iran_201901_1" if i < 4 else "ira",
                                    "source": {"name": f"iran_201901_1_tweets_csv_hashed_{i}.csv"}}
                          for i in range(6)}}
    assert notebook.source_files(manifest, ["iran_201901_1"]) == ", ".join(
        f"iran_201901_1_tweets_csv_hashed_{i}.csv" for i in range(4))
    assert notebook.source_files(manifest, ["iran_201901_1", "ira"]) == \
        "6 files of 2 operations (listed in report 01 with their SHA-256)"
