"""End to end on a folder mixing periods: the October 2018 sample beside datasets disclosed in 2019, 2020
and 2021, in their own file names and formats, one with three tweets and one whose every row is
quarantined. The whole sequence must run, label every operation from the release catalog, and keep every
tweet of every year (no default window)."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import ReleaseBuilder, _write_params

from helpers.data import catalog
from helpers.paths import SAMPLE_MARKER
from helpers.run import pipeline
from helpers.synthetic import sample
from helpers.synthetic.archive import write_archive_sample

pytestmark = pytest.mark.slow

OTHERS = ("iran_201901_1", "russia_052020", "GRU_202012")   # parts (2019), 30 columns (2020), bucket prefix
SCALE_2018 = 0.001                                        # about 10,000 tweets: every notebook has data


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("mixed")
    folder = root / "release"
    sample.write_sample_release(folder, scale=SCALE_2018, seed=sample.DEFAULT_SEED, progress=False)
    write_archive_sample(root / "others", OTHERS, tweets=400, seed=7)
    for path in (root / "others").rglob("*"):
        if path.is_file() and path.name != SAMPLE_MARKER:
            target = folder / path.relative_to(root / "others")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, target)
    files = ReleaseBuilder(folder, root / "cache")
    # December 2021: one file per year; three tweets in all, one with a float-form reply id (kept, nulled)
    rea = [files.tweet(tweet_time=f"2019-03-0{i + 1} 10:00", tweet_language="fr") for i in range(3)]
    rea[0]["in_reply_to_tweetid"] = "1.2486535429502566e+17"
    files.write("REA_0621_tweets_csv_hashed_2019.csv", rea, style="later",
                columns=tuple(c for c in files.columns_for("tweets", "later") if c != "poll_choices"))
    # every tweet id already in float form: every row quarantined, the operation has no tweets
    lost = [files.tweet(tweetid="1.207965844074107e+18", tweet_time="2020-05-01 08:00") for _ in range(4)]
    files.write("uganda_0621_tweets_csv_hashed_2020.csv", lost, style="later")
    params = _write_params(root / "params.yaml", data_dir=str(folder), figures_dir=str(root / "figures"),
                           reports_dir=str(root / "reports"), cache_dir=str(root / "cache"))
    lines: list[str] = []
    code = pipeline.run(str(params), log=lambda *a: lines.append(" ".join(map(str, a))))
    return {"code": code, "log": "\n".join(lines), "root": root, "reports": root / "reports"}


EXPECTED_OPS = ("ira", "iranian", "iran_201901_1", "russia_052020", "gru_202012", "rea_0621", "uganda_0621")


def test_the_whole_sequence_runs_on_seven_operations_from_five_periods(mixed_run):
    assert mixed_run["code"] == 0, mixed_run["log"]
    for nb in pipeline.notebooks():
        assert (mixed_run["reports"] / f"{nb.stem}.html").is_file(), nb.stem


def test_every_operation_is_labelled_from_the_catalog(mixed_run):
    overview = (mixed_run["reports"] / "01_ingest_overview.html").read_text(encoding="utf-8")
    index = (mixed_run["reports"] / "index.html").read_text(encoding="utf-8")
    for op in EXPECTED_OPS:
        label = catalog.lookup(op).label
        escaped = label.replace("&", "&amp;")
        assert escaped in overview, f"{op}: catalog label {label!r} not in report 01"
        assert escaped in index, f"{op}: catalog label {label!r} not on the landing page"
    assert "2020_12_gru_202012_gru_202012" not in overview   # the file stem once used as a label


def test_no_tweet_of_any_year_is_left_out(mixed_run):
    """With no window set, every cached tweet of every operation is inside the run, 2019-2021 included."""
    executed = json.loads((mixed_run["reports"] / "executed" / "01_ingest_overview.ipynb").read_text())
    cell = next(c for c in executed["cells"] if c.get("id") == "win-02")
    html = "".join("".join(o["data"]["text/html"]) for o in cell["outputs"] if "text/html" in o.get("data", {}))
    rows = re.findall(r"<tr><td>(.*?)</td><td class=\"num\">([\d,]+)</td><td class=\"num\">([\d,]+)</td>"
                      r"<td class=\"num\">([\d,]+)</td><td class=\"num\">([\d,]+)</td>", html)
    assert len(rows) >= 6, html[:2000]
    for label, tweets, before, inside, after in rows:
        assert (before, after) == ("0", "0") and tweets == inside, label
    years = {int(y) for y in re.findall(r"<td>(\d{4})-\d\d-\d\d</td>", html)}
    assert {2019, 2020} <= years, years
    timeline = (mixed_run["reports"] / "02_timeline_languages.html").read_text(encoding="utf-8")
    assert "No date window: every tweet of every operation" in timeline


def test_what_cannot_be_shown_is_said(mixed_run):
    overview = (mixed_run["reports"] / "01_ingest_overview.html").read_text(encoding="utf-8")
    assert "Not shown" in overview              # users files missing for the three-tweet operation
    assert "quarantined" in overview
