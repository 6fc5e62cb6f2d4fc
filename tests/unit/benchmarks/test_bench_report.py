"""The benchmark report's findings are a template filled from the results: never stale, never half-filled."""

import copy
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))  # benchmarks/ is a folder of the repository, not an installed package
from benchmarks import report, summarise  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results.json"


def _results() -> dict:
    return json.loads(RESULTS.read_text())


def test_unfilled_placeholder_raises():
    with pytest.raises(ValueError, match="__NOT_A_NUMBER__"):
        report.fill_findings("cached __CACHED__, and __NOT_A_NUMBER__", {"CACHED": "255 s"})


def test_placeholders_filled_from_the_results():
    assert report.fill_findings("ratio __FIRST_RATIO__x", {"FIRST_RATIO": "1.98"}) == "ratio 1.98x"


def test_committed_findings_render_from_committed_results():
    res = _results()
    text = report.render(res, (RESULTS.parent / "findings.md").read_text())
    assert not report.PLACEHOLDER.search(text)
    ratio = res["summary"]["ratios"]["naive_over_first_wall"]
    assert f"{ratio:.2f}x" in text


def test_missing_sample_is_said_not_measured():
    res = copy.deepcopy(_results())
    res["measurements"].pop("sample", None)
    res["summary"] = summarise.summarize(res)
    values = report.findings_values(res)
    assert values["SAMPLE"] == summarise.NOT_MEASURED
    assert values["SAMPLE_VERDICT"] == summarise.NOT_MEASURED
    absent = values["NPASS"].split(summarise.NOT_MEASURED + ": ")[1]
    assert "default sample reproduce < 3 min" in absent


def test_renders_between_steps_and_still_refuses_unknown_placeholders():
    """Saved after each step: with ingest, runs and tables not measured yet the findings still render
    (saying so); a placeholder the code does not know still raises."""
    res = copy.deepcopy(_results())
    for step in ("ingest", "cached", "first", "tables", "sample"):
        res["measurements"].pop(step, None)
    res["summary"] = summarise.summarize(res)
    template = (RESULTS.parent / "findings.md").read_text()
    text = report.render(res, template)
    assert not report.PLACEHOLDER.search(text) and summarise.NOT_MEASURED in text
    with pytest.raises(ValueError, match="__NOT_KNOWN__"):
        report.render(res, template + "\n__NOT_KNOWN__\n")


def test_rewriting_the_main_report_keeps_the_sections_other_steps_wrote(tmp_path):
    """`make bench` runs the main benchmark, then the coordination (and archive) steps, each writing its own
    section: a rerun of the main report (or --report-only) must not drop theirs."""
    from benchmarks.report import replace_section, with_sections
    old = ("# Old main\n\nold text\n\n<!-- coordination:start -->\n## Coordination\nA\n<!-- coordination:end -->\n"
           "\n<!-- archive:start -->\n## Archive\nB\n<!-- archive:end -->\n")
    new = with_sections("# New main\n\nnew text\n", old)
    assert new.startswith("# New main\n\nnew text\n\n<!-- coordination:start -->")
    assert "old text" not in new and new.count("<!-- coordination:end -->") == 1 and "## Archive\nB\n" in new
    path = tmp_path / "B.md"
    path.write_text(new, encoding="utf-8")
    replace_section(path, "coordination", "<!-- coordination:start -->\n## Coordination\nC\n<!-- coordination:end -->")
    text = path.read_text(encoding="utf-8")
    assert "\nC\n" in text and "\nA\n" not in text and text.index("## Coordination") < text.index("## Archive")
    replace_section(path, "engine", "<!-- engine:start -->\nE\n<!-- engine:end -->")
    tail = "<!-- archive:end -->\n\n<!-- engine:start -->\nE\n<!-- engine:end -->\n"
    assert path.read_text(encoding="utf-8").endswith(tail)
    assert with_sections("# Main\n", "no sections here") == "# Main\n"
