"""No path of the user's machine reaches a reader: `paths.shown` / `paths.scrub` and each place a path
used to reach a report (data statement, missing-file message, quarantine table, ingest log, landing page,
scorecard export, executed notebooks and their tracebacks). The end-to-end search of every artefact of a
run is `test_no_machine_path_in_any_artefact` in test_pipeline.py."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from helpers import paths
from helpers.data import load
from helpers.paths import ROOT
from helpers.present import reports
from helpers.run import notebook, params, pipeline

OUTSIDE = Path("/srv/alice-private-disk/twitter/release-2018")


def test_shown_keeps_project_paths_relative_and_names_outside_folders():
    assert paths.shown(ROOT / "data" / "sample") == "data/sample"
    assert paths.shown(ROOT / "reports" / "01_x.html") == "reports/01_x.html"
    assert paths.shown(OUTSIDE) == "release-2018"                       # the data folder by its name
    cache = Path("/var/tmp/bob/cache/release-2018-0123456789")
    assert paths.shown(cache / "ira" / "tweets.quarantine.csv", cache) == "ira/tweets.quarantine.csv"
    assert paths.shown("data/sample") == "data/sample"                  # relative paths stay as given
    assert paths.shown(ROOT) == "."


def test_scrub_replaces_run_folders_root_python_and_home():
    home = os.path.expanduser("~")
    text = (f'data_dir = "{OUTSIDE}"\nFile {ROOT}/helpers/data/load.py:12\n{home}/.cache/x\n'
            f"{OUTSIDE}/ira_tweets_csv_hashed.csv {OUTSIDE}-other")
    out = paths.scrub(text, [OUTSIDE])
    assert str(OUTSIDE) not in out.replace(f"{OUTSIDE}-other", "")    # a longer name is not a match
    assert 'data_dir = "\u2026/release-2018"' in out and "\u2026/release-2018/ira_tweets_csv_hashed.csv" in out
    assert "File helpers/data/load.py:12" in out and str(ROOT) not in out
    if home not in ("/", str(ROOT)):
        assert f"{home}/.cache" not in out and "~/.cache/x" in out


def _manifest(cache_dir: Path, synthetic: bool = False) -> dict:
    entry = {"op": "ira", "table": "tweets", "source": {"name": "ira_tweets_csv_hashed.csv", "size": 10,
             "sha256": "ab" * 32, "op_in_file_name": "ira"}, "rows_read": 3, "rows_cached": 2,
             "rows_quarantined": 1, "quarantine_reasons": {"bad id": 1},
             "quarantine_file": "ira/tweets.quarantine.csv", "cache_file": "ira/tweets.parquet",
             "schema_variant": "2018", "parser": "fast"}
    return {"release_dir": str(OUTSIDE), "cache_dir": str(cache_dir), "synthetic": synthetic, "sample": None,
            "ops": ["ira"], "files": {"ira/tweets": entry}}


def _leaks(text: str, cache_dir: Path) -> list[str]:
    return [p for p in (str(OUTSIDE), str(OUTSIDE.parent), str(cache_dir), str(ROOT)) if p in text]


def test_data_statement_missing_message_and_quarantine_table_name_no_machine_path(tmp_path):
    cache = tmp_path / "cache" / "release-2018-0123456789"
    release = load.ReleaseData(_manifest(cache), cache, ["ira"])
    p = params.from_file(None)
    # the manifest is made up (no cache files): the time covered is asked of the cache, so give it here
    release.window_counts = lambda: pd.DataFrame({
        "op": ["ira"], "tweets": [2], "before": [0], "inside": [2], "after": [0], "undated": [0],
        "first_tweet": [pd.Timestamp("2017-06-22", tz="UTC")], "last_tweet": [pd.Timestamp("2017-06-23", tz="UTC")]})
    statement = notebook.data_statement(release, p)
    assert "release\\-2018" in statement and not _leaks(statement, cache)
    message = release.missing_message("ira", "users")
    assert "ira_users_csv_hashed.csv in the release folder release-2018" in message
    assert not _leaks(message, cache)
    table = release.quarantine_table()
    assert table["details"].tolist() == ["ira/tweets.quarantine.csv"]


def test_landing_page_names_data_and_cache_folders_without_their_paths(tmp_path):
    cache = tmp_path / "cache" / "release-2018-0123456789"
    out = reports.write_index(tmp_path / "reports", tmp_path / "figures", _manifest(cache), [],
                              run_date=dt.date(2024, 1, 1))
    page = out.read_text(encoding="utf-8")
    assert "<code>release-2018</code>" in page and "<code>release-2018-0123456789</code>" in page
    assert not _leaks(page, cache) and str(tmp_path) not in page


def test_executed_notebooks_and_their_tracebacks_are_scrubbed(tmp_path):
    """The run's parameters (absolute folders), papermill's paths and a traceback naming project files
    leave the executed notebook and the rendered report without an absolute path."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_code_cell(f'data_dir = "{OUTSIDE}"', metadata={"tags": ["injected-parameters"]}),
        nbformat.v4.new_code_cell("boom()")])
    nb.cells[2].outputs = [nbformat.v4.new_output("error", ename="ReleaseError", evalue=f"{OUTSIDE} is gone",
                                                  traceback=[f"File {ROOT}/helpers/data/release.py:166, in discover"]),
                           nbformat.v4.new_output("stream", name="stdout", text=f"read {OUTSIDE}/x.csv\n")]
    nb.metadata["papermill"] = {"input_path": str(ROOT / "notebooks" / "01_x.ipynb"),
                                "output_path": str(tmp_path / "reports" / "executed" / "01_x.ipynb"),
                                "parameters": {"data_dir": str(OUTSIDE)}}
    executed = tmp_path / "reports" / "executed" / "01_x.ipynb"
    executed.parent.mkdir(parents=True)
    nbformat.write(nb, executed)
    pipeline.scrub_executed(executed, [OUTSIDE, tmp_path / "reports"])
    text = executed.read_text(encoding="utf-8")
    assert not _leaks(text, tmp_path) and str(tmp_path) not in text
    meta = json.loads(text)["metadata"]["papermill"]
    assert meta["input_path"] == "notebooks/01_x.ipynb"
    assert meta["output_path"] == "\u2026/reports/executed/01_x.ipynb"
    html = reports.render_notebook(executed, tmp_path / "reports" / "01_x.html").read_text(encoding="utf-8")
    assert "helpers/data/release.py:166" in html and not _leaks(html, tmp_path)


def test_a_traceback_rendered_from_an_unscrubbed_notebook_still_hides_the_project_root(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("boom()")])
    nb.cells[0].outputs = [nbformat.v4.new_output("error", ename="E", evalue="x",
                                                  traceback=[f"File {ROOT}/helpers/data/load.py:3"])]
    executed = tmp_path / "01_x.ipynb"
    nbformat.write(nb, executed)
    html = reports.render_notebook(executed, tmp_path / "01_x.html").read_text(encoding="utf-8")
    assert "helpers/data/load.py:3" in html and str(ROOT) not in html


@pytest.mark.parametrize("name", ["shown", "scrub", "elided"])
def test_path_helpers_say_why(name):
    assert getattr(paths, name).__doc__.strip()


def test_case_slug_is_the_case_study_figure_name_the_take_aways_link_to():
    from helpers.claims import takeaways
    from helpers.run import params

    assert paths.case_slug("#ReasonsToLeaveEU") == "case_reasonstoleaveeu"
    assert paths.case_slug("  MH17 -- crash! ") == "case_mh17_crash"
    cases = params.from_file().case_studies
    assert [c.slug for c in cases] == ["case_mh17", "case_reasonstoleaveeu"]
    assert {"04_" + c.slug for c in cases} <= set(takeaways.TAKEAWAYS[1].figures)
