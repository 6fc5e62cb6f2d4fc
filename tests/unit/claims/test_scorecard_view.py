"""The scorecard a reader can use (helpers/claims/scorecard/presentation.py): on a crafted release whose answers
are known, each status gets its colour class, the difference is said in the claim's own unit, one-sided
claims say holds/fails, tolerances carry their reason from the claims file, and a discrepancy the source
documents is marked as the source's. Also: the claims file itself gives a reason for every tolerance."""

from __future__ import annotations

import re

import pytest
import yaml
from test_claims import CRAFTED_CLAIMS, _crafted, claim

from helpers.claims import scorecard
from helpers.present import reports

REASONS = [{"relative": 0.01, "reason": "printed with one decimal"},
           {"relative": 0.01, "absolute": 0.0005, "reason": "printed with two decimals"},
           {"absolute": 0.0005, "reason": "a share printed to the tenth of a point"}]
KNOWN = {**claim("c.users_announced", "users_rows", 4), "known_discrepancy": "the source counts 4, its file has 3"}


def _load(tmp_path, claims, tolerances=REASONS):
    path = tmp_path / "claims.yaml"
    data = {"claims": {"Crafted": claims[:10], "Second": claims[10:]}}
    if tolerances is not None:
        data["tolerances"] = tolerances
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return scorecard.load_claims(path)


@pytest.fixture
def card(release, tmp_path):
    claims = _load(tmp_path, [*CRAFTED_CLAIMS, KNOWN])
    return scorecard.evaluate(claims, _crafted(release).open(start="2009-01-01", end="2018-12-31")).set_index("id")


def test_differences_are_said_in_the_claims_own_unit(card):
    verdict = {cid: scorecard.verdict(card.loc[cid]) for cid in card.index}
    assert verdict["c.tweets_wrong"] == "\u22121 tweets"                     # 10 found, 11 published
    assert verdict["c.tweets"] == "\u00b10 tweets"
    assert verdict["c.retweet_share_wrong"] == "\u22126.90 percentage points"  # 30% found, 36.9% published
    assert verdict["c.en_rank"] == "\u00b10 places"
    assert verdict["c.users_announced"] == "\u22121 accounts"
    assert verdict["c.w2v"] == "\u2013"                                       # nothing computed


def test_one_sided_claims_say_holds_or_fails_not_a_difference(card):
    assert scorecard.verdict(card.loc["c.brexit_whole"]) == "holds: 4 \u2265 4"       # at least 4: 4 found
    assert scorecard.verdict(card.loc["c.brexit_too_many"]) == "fails: 4 < 5"         # at least 5: 4 found
    assert scorecard.verdict(card.loc["c.ten_gop"]) == "holds: 1 \u2264 1"            # at most rank 1: rank 1
    assert card.loc["c.brexit_too_many", "status"] == "differs"


def test_a_discrepancy_the_source_documents_is_marked_as_the_sources(card):
    row = card.loc["c.users_announced"]
    assert row["status"] == scorecard.KNOWN_DISCREPANCY and scorecard.base_status(row["status"]) == "differs"
    shown = scorecard.present(card.reset_index()).set_index(card.index)
    assert shown.loc["c.users_announced", "status"].endswith("the source counts 4, its file has 3")
    assert scorecard.summary(card.reset_index()).set_index("section").loc["Second", "differs"] >= 1


def test_tolerances_carry_their_reason_and_say_which_bound_wins(card):
    row = card.loc["c.retweet_share_wrong"]
    assert row["tolerance_reason"] == "printed with two decimals"
    assert row["tolerance"] == "±1% of the published value or ±0.05 percentage points, whichever is larger"
    assert card.loc["c.tweets", "tolerance"] == "exact" and card.loc["c.tweets", "tolerance_reason"] == ""


def test_a_tolerance_without_its_reason_is_refused(tmp_path):
    with pytest.raises(scorecard.ClaimError, match="not listed under 'tolerances' with its reason"):
        _load(tmp_path, [claim("c.x", "retweet_share", 0.3, tolerance={"relative": 0.02})])
    with pytest.raises(scorecard.ClaimError, match="must give relative and/or absolute and a reason"):
        _load(tmp_path, [claim("c.x", "tweets", 1)], tolerances=[{"relative": 0.02}])


def test_every_tolerance_of_the_claims_file_has_its_reason():
    claims = scorecard.load_claims()
    loose = [c for c in claims if c.tolerance is not None and not c.tolerance.exact]
    assert loose and all(len(c.tolerance.reason) > 30 for c in loose)
    known = [c for c in claims if c.known_discrepancy]
    assert [c.id for c in known] == ["size.accounts_named.ira"] and "3,836" in known[0].known_discrepancy


def test_the_view_colours_each_status_filters_without_a_script_and_survives_the_sanitizer(card):
    html = scorecard.html_view(card.reset_index())
    assert reports.clean_html(html) == html                      # nothing of it is dropped or escaped
    assert "<script" not in html and "<input" not in html
    rows = re.findall(r'<tr class="claim (st-\w+) (sec-\d+)">', html)
    assert len(rows) == len(card)
    classes = {cls for cls, _ in rows}
    assert classes == {"st-matches", "st-differs", "st-cannot", "st-known"}
    for cls in classes:                                          # a legend entry and a toggle per status shown
        assert f'<span class="status {cls}">' in html.split("<table")[0]
        assert f'<details class="flt fst {cls}">' in html
    assert {sec for _, sec in rows} == {"sec-1", "sec-2"}
    assert '<details class="flt fsec fsec-2"><summary>Second</summary></details>' in html


def test_the_style_sheet_hides_unselected_rows_for_every_status_and_enough_sections():
    css = reports.CSS_FILE.read_text(encoding="utf-8")
    for cls in ("st-matches", "st-differs", "st-known", "st-cannot"):
        assert f":not(:has(details.fst.{cls}[open])) tr.{cls}" in css
        assert re.search(rf"\.status\.{cls} {{ background: #[0-9a-f]{{6}}; border-color: #[0-9a-f]{{6}}; }}", css)
    sections = len({c.section for c in scorecard.load_claims()})
    assert f":not(:has(details.fsec-{sections}[open])) tr.sec-{sections}" in css
    operation_colours = {"#d55e00", "#0072b2"}                 # the operations' colours mean nothing else
    status_rules = re.findall(r"\.status\.st-\w+ \{[^}]*\}", css)
    assert not any(c in rule.lower() for rule in status_rules for c in operation_colours)
