"""End to end on a small synthetic archive (helpers.synthetic.archive) of seven datasets in five disclosure
formats: every notebook runs; reports 02-10 draw the `shown_max` largest operations and say which they
leave out; report 01 accounts for all; report 11 compares all, with its figures, table and landing-page
section."""

from __future__ import annotations

import csv
import json

import pytest
from conftest import _write_params

from helpers.data import catalog
from helpers.present import reports
from helpers.run import pipeline
from helpers.synthetic.archive import write_archive_sample

pytestmark = pytest.mark.slow

KEYS = ("ira", "iranian", "iran_201901_1", "russia_201901_1", "saudi_arabia_112019", "GRU_202012", "REA_0621")
SHOWN_MAX = 3


@pytest.fixture(scope="module")
def archive_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("archive-run")
    marker = write_archive_sample(root / "release", KEYS, scale=2e-5, seed=11)
    params = _write_params(root / "params.yaml", data_dir=str(root / "release"), figures_dir=str(root / "figures"),
                           reports_dir=str(root / "reports"), cache_dir=str(root / "cache"), shown_max=SHOWN_MAX)
    lines: list[str] = []
    code = pipeline.run(str(params), log=lambda *a: lines.append(" ".join(map(str, a))))
    tweets = {op: sum(f["rows"] for f in info["files"].values() if f["table"] == "tweets")
              for op, info in marker["ops"].items()}
    return {"code": code, "log": "\n".join(lines), "root": root, "reports": root / "reports", "tweets": tweets}


def _html(run, name: str) -> str:
    return (run["reports"] / f"{name}.html").read_text(encoding="utf-8")


def _label(op: str) -> str:
    return catalog.lookup(op).label.replace("&", "&amp;")


def test_every_notebook_runs_on_the_archive(archive_run):
    assert archive_run["code"] == 0, archive_run["log"]
    for nb in pipeline.notebooks():
        assert (archive_run["reports"] / f"{nb.stem}.html").is_file(), nb.stem
    assert "11_cross_operation" in {nb.stem for nb in pipeline.notebooks()}


def test_per_operation_reports_show_the_largest_and_name_the_others(archive_run):
    by_size = sorted(archive_run["tweets"], key=lambda op: -archive_run["tweets"][op])
    shown, left = by_size[:SHOWN_MAX], by_size[SHOWN_MAX:]
    html = _html(archive_run, "02_timeline_languages")
    head, tail = html.split("Not shown in this report", 1)
    assert f"{SHOWN_MAX} of the {len(KEYS)}" in head and "11_cross_operation.html" in tail
    for op in shown:
        assert _label(op) in head.split("Operations shown")[1], op
    for op in left:
        assert _label(op).split(" (")[0] in tail.split("Every operation")[0], op
    scorecard = _html(archive_run, "09_scorecard")          # the claims' operations, not the largest
    assert "the operations this report is about" in scorecard


def test_report_01_and_report_11_cover_every_operation(archive_run):
    overview, cross = _html(archive_run, "01_ingest_overview"), _html(archive_run, "11_cross_operation")
    assert "Not shown in this report" not in overview and "Not shown in this report" not in cross
    assert "not calibrated to anything" in cross and "calibrated to published counts" not in cross
    for op in archive_run["tweets"]:
        assert _label(op) in overview and _label(op) in cross, op
    with open(archive_run["reports"] / "tables" / "fingerprint.csv", encoding="utf-8") as f:
        rows = {r["op"]: r for r in csv.DictReader(f)}
    assert {op: int(r["tweets"]) for op, r in rows.items()} == archive_run["tweets"]
    assert "Which operations resemble each other" in cross and "Group 1" in cross


def test_cross_operation_figures_tables_and_landing_page(archive_run):
    figures = archive_run["root"] / "figures"
    for name in ("11_fingerprints", "11_resemblance"):
        assert (figures / f"{name}.png").stat().st_size > 5_000 and (figures / f"{name}.csv").is_file()
    assert "11_fingerprints" in {r["name"] for r in json.loads((figures / "index.json").read_text())}
    heat = next(r for r in reports.figure_records(archive_run["reports"]) if r["name"] == "11_fingerprints")
    assert "helpers.metrics.fingerprint.fingerprint" in heat["made_by"] and heat["data"] == "11_fingerprints.csv"
    with open(figures / "11_fingerprints.csv", encoding="utf-8") as f:
        data = list(csv.DictReader(f))
    assert len({r["op"] for r in data}) == len(KEYS) and {"feature", "value", "z"} <= set(data[0])
    index = (archive_run["reports"] / "index.html").read_text(encoding="utf-8")
    assert 'id="11_cross_operation"' in index and "Cross-operation fingerprints" in index
