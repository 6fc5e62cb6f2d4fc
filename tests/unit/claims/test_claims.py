"""The scorecard (helpers/claims/scorecard/, helpers/claims/claims.yaml): the claims file is complete and traceable to
published-figures.md; a crafted release whose answers are known by construction gives the expected
statuses; absent operations and dates outside the range say why; windows count UTC days."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import Hashed

from helpers.claims import scorecard
from helpers.paths import SAMPLE_MARKER

REFERENCE = Path(__file__).resolve().parents[3] / "docs" / "published-figures.md"


@pytest.fixture(scope="module")
def reference() -> str:
    """The reference notes every claim was copied from: in the repository (docs/), so never skipped."""
    return REFERENCE.read_text(encoding="utf-8")


# ------------------------------------------------------------------------------- the claims file

def test_claims_file_loads_and_covers_every_section_of_the_reference():
    loaded = scorecard.load_claims()
    assert len(loaded) > 200
    sections = {c.section for c in loaded}
    assert {"Size", "Tweets per year", "Accounts created per year", "Languages", "Client applications",
            "Followers and following", "Top hashtags", "Top linked domains", "DFRLab findings"} <= sections
    assert {c.op for c in loaded} == {"ira", "iranian"}


def test_every_claim_has_every_field():
    raw = scorecard.read_claims_file()
    for items in raw["claims"].values():
        for c in items:
            missing = [k for k in scorecard.REQUIRED_FIELDS if k not in c]
            assert not missing, f"{c.get('id')}: missing {missing}"
            for k in ("id", "claim", "op", "printed", "cite"):
                assert isinstance(c[k], str) and c[k].strip(), f"{c['id']}: empty {k}"
            if c["metric"] is None:
                assert c["reason"].strip() and c["published"] is None and c["tolerance"] is None, c["id"]
            else:
                assert c["metric"] in scorecard.METRICS, c["id"]
                assert isinstance(c["published"], (int, float)) and not isinstance(c["published"], bool), c["id"]
                assert c["tolerance"] == "exact" or set(c["tolerance"]) <= {"relative", "absolute"}, c["id"]


def test_every_metric_is_used_and_every_used_metric_exists():
    used = {c.metric for c in scorecard.load_claims() if c.metric}
    assert used == set(scorecard.METRICS)


def test_source_tags_exist_in_the_reference(reference):
    tags = set(re.findall(r"\[([A-Z]\d?)\]", reference))
    for letter, lo, hi in re.findall(r"\[([A-Z])(\d)\]-\[[A-Z](\d)\]", reference):  # [D1]-[D3]
        tags |= {f"{letter}{i}" for i in range(int(lo), int(hi) + 1)}
    assert {"G", "Z", "D1", "D2", "D3", "T", "O"} <= tags
    assert set(scorecard.sources()) <= tags
    for c in scorecard.load_claims():
        assert set(c.source) <= tags, c.id


def test_published_words_appear_in_the_reference(reference):
    text = " ".join(reference.split())
    for c in scorecard.load_claims():
        printed = " ".join(c.printed.split())
        assert printed in text or printed.replace("%", "") in text, f"{c.id}: {c.printed!r} is not in the reference"


def test_published_numbers_agree_with_their_printed_form():
    for c in scorecard.load_claims():
        if c.metric is None or not re.fullmatch(r"[\d,.]+%?", c.printed):
            continue
        number = float(c.printed.rstrip("%").replace(",", ""))
        value = c.published * 100 if c.printed.endswith("%") else c.published
        assert value == pytest.approx(number, abs=1e-9), c.id


def test_whole_file_counts_are_exact_and_shares_have_a_stated_tolerance():
    counts = {"users_rows", "accounts_with_tweets", "tweets", "retweets", "engagement_total", "tweets_in_year",
              "retweets_in_year", "accounts_created_in_year", "accounts_with_value"}
    for c in scorecard.load_claims():
        if c.metric in counts and {"G", "Z", "T"} & set(c.source):
            assert c.tolerance.exact, c.id
        if c.metric and c.spec.unit == "share" and c.compare == "equal":
            assert not c.tolerance.exact and (c.tolerance.relative or c.tolerance.absolute), c.id


def test_dated_claims_have_windows_and_whole_file_claims_none():
    by_id = {c.id: c for c in scorecard.load_claims()}
    assert by_id["dfrlab.mh17_eve.ira"].window == (dt.date(2014, 7, 16), dt.date(2014, 7, 16))
    assert by_id["dfrlab.reasons_to_leave_eu.ira"].window == (dt.date(2016, 6, 23), dt.date(2016, 6, 23))
    assert by_id["year.tweets.2014.ira"].window == (dt.date(2014, 1, 1), dt.date(2014, 12, 31))
    assert by_id["size.tweets.ira"].window is None
    assert by_id["dfrlab.antimanezhka2.ira"].window is None


GOOD = {"id": "t.one.ira", "op": "ira", "metric": "tweets", "args": {}, "published": 1, "printed": "1",
        "compare": "equal", "tolerance": "exact", "claim": "a claim", "source": ["G"], "cite": "somewhere"}


@pytest.mark.parametrize("change, message", [
    ({"metric": "tweetz"}, "unknown metric"),
    ({"source": ["Q"]}, "source must be"),
    ({"tolerance": "close"}, "tolerance must be"),
    ({"tolerance": {"relative": -1}}, "tolerance relative"),
    ({"compare": "about"}, "compare must be"),
    ({"published": "many"}, "published must be a number"),
    ({"args": {"year": 2014}}, "unexpected"),
    ({"metric": "tweets_in_year"}, "missing"),
    ({"metric": None, "published": None, "tolerance": None}, "needs a reason"),
    ({"id": "No Spaces Allowed"}, "id must look like"),
    ({"claim": None}, "claim must be non-empty"),
    ({"colour": "blue"}, "unknown field"),
])
def test_malformed_claims_are_refused(tmp_path, change, message):
    bad = {**GOOD, **change}
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump({"claims": {"S": [bad]}}), encoding="utf-8")
    with pytest.raises(scorecard.ClaimError, match=message):
        scorecard.load_claims(path)


def test_missing_field_and_duplicate_ids_are_refused(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump({"claims": {"S": [{k: v for k, v in GOOD.items()
                                                                             if k != "cite"}]}}))
    with pytest.raises(scorecard.ClaimError, match="missing cite"):
        scorecard.load_claims(path)
    path.write_text(yaml.safe_dump({"claims": {"S": [GOOD], "T": [GOOD]}}))
    with pytest.raises(scorecard.ClaimError, match="used twice"):
        scorecard.load_claims(path)


# ---------------------------------------------------------------------------- a crafted release

TEN_GOP = "4224729994"   # an unhashed account: numeric id, public name


def _crafted(release, synthetic_scale: float | None = None):
    """IRA: 10 tweets by 4 accounts, 3 retweets, 6 in ru, 4 in en; users file of 3 accounts. Iran: 2 tweets, no users
    file. The boundary minutes of each window are there to be left out."""
    t = release.tweet
    ira = [
        t(tweet_time="2014-07-15 23:59"),
        t(tweet_time="2014-07-16 00:00"),
        t(tweet_time="2014-07-16 23:59", is_retweet=True),
        t(tweet_time="2014-07-17 00:00"),
        t(tweet_time="2016-06-22 23:59", tweet_language="en", hashtags=["ReasonsToLeaveEU"]),
        t(tweet_time="2016-06-23 00:00", tweet_language="en", is_retweet=True,
          hashtags=["ReasonsToLeaveEU", "ReasonsToLeaveEU"]),
        t(tweet_time="2016-06-23 23:59", tweet_language="en", hashtags=["reasonstoleaveeu"]),
        t(tweet_time="2016-06-24 00:00", tweet_language="en", hashtags=["ReasonsToLeaveEU"]),
        t(tweet_time="2017-06-22 16:03", user=TEN_GOP, user_screen_name="TEN_GOP", user_display_name="Tennessee",
          follower_count=136000, is_retweet=True, like_count=500),
        t(tweet_time="2017-06-22 16:04", user=TEN_GOP, user_screen_name="TEN_GOP", user_display_name="Tennessee",
          follower_count=136000, like_count=100),
    ]
    users = [release.user(user=Hashed("account-1")), release.user(user=Hashed("account-2")),
             release.user(user=TEN_GOP, user_screen_name="TEN_GOP", user_display_name="Tennessee",
                          follower_count=136000)]
    iran = [t(tweet_time="2018-01-05 10:00", tweet_language="fa"), t(tweet_time="2018-02-05 10:00")]
    release.write("ira_tweets_csv_hashed.csv", ira)
    release.write("ira_users_csv_hashed.csv", users)
    release.write("iranian_tweets_csv_hashed.csv", iran)
    if synthetic_scale is not None:
        (release.folder / SAMPLE_MARKER).write_text(json.dumps(
            {"synthetic": True, "generator": "test", "seed": 1, "scale": synthetic_scale}), encoding="utf-8")
    return release


def claim(id, metric, published, op="ira", compare="equal", tolerance="exact", **args):
    return {"id": id, "op": op, "metric": metric, "args": args, "published": published, "printed": str(published),
            "compare": compare, "tolerance": tolerance, "claim": id, "source": ["G"], "cite": "test"}


CRAFTED_CLAIMS = [
    claim("c.tweets", "tweets", 10),
    claim("c.tweets_wrong", "tweets", 11),
    claim("c.retweets", "retweets", 3),
    claim("c.retweet_share", "retweet_share", 0.3, tolerance={"relative": 0.01}),
    claim("c.retweet_share_wrong", "retweet_share", 0.369, tolerance={"relative": 0.01, "absolute": 0.0005}),
    claim("c.ru_share", "share_of_tweets", 0.6, tolerance={"absolute": 0.0005}, column="tweet_language", value="ru"),
    claim("c.en_rank", "rank_of_value", 2, column="tweet_language", value="en"),
    claim("c.accounts", "accounts_with_tweets", 4),
    claim("c.users", "users_rows", 3),
    claim("c.users_iran", "users_rows", 770, op="iranian"),
    claim("c.tweets_iran", "tweets", 2, op="iranian"),
    claim("c.tweets_gru", "tweets", 5, op="gru"),
    claim("c.year_2014", "tweets_in_year", 4, year=2014),
    claim("c.retweets_2016", "retweets_in_year", 1, year=2016),
    claim("c.mh17_eve", "tweets_on_days", 2, start="2014-07-16", end="2014-07-16"),
    claim("c.mh17_after", "tweets_on_days", 0, start="2014-07-18", end="2014-07-18"),
    claim("c.brexit_day", "hashtag_tweets", 2, hashtag="ReasonsToLeaveEU", start="2016-06-23", end="2016-06-23"),
    claim("c.brexit_whole", "hashtag_tweets", 4, compare="at_least", hashtag="ReasonsToLeaveEU"),
    claim("c.brexit_too_many", "hashtag_tweets", 5, compare="at_least", hashtag="ReasonsToLeaveEU"),
    claim("c.ten_gop", "account_likes_rank", 1, compare="at_most", screen_name="TEN_GOP"),
    claim("c.jenn", "account_likes_rank", 10, compare="at_most", screen_name="Jenn_Abrams"),
    {**claim("c.w2v", None, None, tolerance=None), "reason": "the project trains no word embeddings"},
]


@pytest.fixture
def crafted_claims(tmp_path):
    path = tmp_path / "crafted_claims.yaml"
    path.write_text(yaml.safe_dump({"claims": {"Crafted": CRAFTED_CLAIMS}}, allow_unicode=True),
                    encoding="utf-8")
    return scorecard.load_claims(path)


def _evaluate(release, crafted_claims, **open_args):
    table = scorecard.evaluate(crafted_claims, release.open(**open_args))
    return table.set_index("id")


def test_crafted_release_matches_and_differs_where_expected(release, crafted_claims):
    t = _evaluate(_crafted(release), crafted_claims, start="2009-01-01", end="2018-12-31")
    matches = ["c.tweets", "c.retweets", "c.retweet_share", "c.ru_share", "c.en_rank", "c.accounts", "c.users",
               "c.tweets_iran", "c.year_2014", "c.retweets_2016", "c.mh17_eve", "c.mh17_after", "c.brexit_day",
               "c.brexit_whole", "c.ten_gop"]
    assert list(t.loc[matches, "status"]) == ["matches"] * len(matches)
    assert list(t.loc[["c.tweets_wrong", "c.retweet_share_wrong", "c.brexit_too_many"], "status"]) == ["differs"] * 3
    assert t.loc["c.tweets_wrong", "difference"] == -1
    assert t.loc["c.retweet_share", "computed"] == pytest.approx(0.3)
    assert t.loc["c.retweet_share_wrong", "difference"] == pytest.approx(0.3 - 0.369)
    assert t.loc["c.ten_gop", "computed"] == 1
    assert (t["reason"][t["status"] != "cannot be computed"] == "").all()


def test_absent_operations_tables_and_accounts_cannot_be_computed_with_a_reason(release, crafted_claims):
    t = _evaluate(_crafted(release), crafted_claims)
    cannot = t[t["status"] == "cannot be computed"]
    assert set(cannot.index) == {"c.users_iran", "c.tweets_gru", "c.jenn", "c.w2v"}
    assert cannot.loc["c.tweets_gru", "reason"] == "the release holds no file for operation 'gru'"
    assert cannot.loc["c.users_iran", "reason"] == "the release holds no users file for operation 'iranian'"
    assert cannot.loc["c.jenn", "reason"] == "no account named @Jenn_Abrams in the users file"
    assert cannot.loc["c.w2v", "reason"] == "the project trains no word embeddings"
    assert cannot["computed"].isna().all()


def test_an_operation_left_out_of_the_run_is_said_so(release, crafted_claims):
    t = _evaluate(_crafted(release), crafted_claims, ops=["ira"])
    assert t.loc["c.tweets_iran", "status"] == "cannot be computed"
    assert t.loc["c.tweets_iran", "reason"] == "operation 'iranian' is not in this run (parameter ops)"
    assert t.loc["c.tweets", "status"] == "matches"


def test_renamed_operations_are_found(release, crafted_claims):
    _crafted(release)
    table = scorecard.evaluate(crafted_claims, release.open(rename={"iranian": "iran"}), op_names={"iranian": "iran"})
    row = table.set_index("id").loc["c.tweets_iran"]
    assert (row["op"], row["status"], row["computed"]) == ("iran", "matches", 2)


def test_dated_claims_outside_the_range_cannot_be_computed_but_whole_file_claims_still_count_everything(
        release, crafted_claims):
    t = _evaluate(_crafted(release), crafted_claims, start="2015-01-01", end="2018-12-31")
    for cid, window in (("c.mh17_eve", "2014-07-16"), ("c.year_2014", "the year 2014")):
        assert t.loc[cid, "status"] == "cannot be computed"
        assert t.loc[cid, "reason"] == f"{window} is outside the date range 2015-01-01 to 2018-12-31"
    # whole-file claims ignore the date range: the 2014 tweets are still counted
    assert (t.loc["c.tweets", "computed"], t.loc["c.tweets", "status"]) == (10, "matches")
    assert t.loc["c.brexit_day", "status"] == "matches"


def test_a_window_only_partly_inside_the_range_is_not_computed(release, crafted_claims):
    t = _evaluate(_crafted(release), crafted_claims, start="2014-07-16", end="2016-06-23")
    assert t.loc["c.year_2014", "reason"] == ("the year 2014 is only partly inside the date range "
                                              "2014-07-16 to 2016-06-23")
    assert t.loc["c.mh17_eve", "status"] == "matches"       # the day itself is inside
    assert t.loc["c.brexit_day", "status"] == "matches"     # the last day of the range counts whole


def test_windows_count_utc_calendar_days(release):
    """23:59 belongs to the day, 00:00 of the next day does not; a tweet carrying the hashtag twice, or in
    another case, counts once."""
    _crafted(release)
    data = release.open()
    fr = scorecard.Frames(data)
    day = dt.date(2014, 7, 16)
    assert scorecard.METRICS["tweets_on_days"].fn(fr, "ira", start=day, end=day) == 2
    assert scorecard.METRICS["tweets_on_days"].fn(fr, "ira", start=dt.date(2014, 7, 15), end=day) == 3
    brexit = dt.date(2016, 6, 23)
    assert scorecard.METRICS["hashtag_tweets"].fn(fr, "ira", hashtag="ReasonsToLeaveEU", start=brexit, end=brexit) == 2
    assert scorecard.METRICS["hashtag_tweets"].fn(fr, "ira", hashtag="REASONSTOLEAVEEU") == 4
    assert scorecard.METRICS["tweets_in_year"].fn(fr, "ira", year=2014) == 4


def test_synthetic_release_says_agreement_is_by_construction_and_scales_counts_only(release, crafted_claims):
    t = _evaluate(_crafted(release, synthetic_scale=0.1), crafted_claims)
    assert set(t["status"]) == {"matches (by construction)", "differs (synthetic)", "cannot be computed"}
    assert t.loc["c.tweets_wrong", "status"] == "differs (synthetic)"
    # tweet counts are compared with published x scale (10 -> 1 expected, 10 found: differs) ...
    assert t.loc["c.tweets", "expected"] == pytest.approx(1.0)
    assert t.loc["c.tweets", "status"] == "differs (synthetic)"
    assert "× 0.1 (sample scale)" in scorecard.present(t.reset_index()).set_index(t.index).loc["c.tweets", "published"]
    # ... shares, ranks and users-file counts are not scaled
    for cid in ("c.retweet_share", "c.ru_share", "c.users", "c.accounts", "c.ten_gop"):
        assert t.loc[cid, "status"] == "matches (by construction)", cid
        assert t.loc[cid, "expected"] == t.loc[cid, "published"], cid
    data = release.open()
    first = scorecard.statement(data)
    assert "by construction" in first and "not evidence" in first
    assert scorecard.headline(t.reset_index(), data).startswith(first)


def test_real_release_records_the_file_versions_compared(release, crafted_claims):
    _crafted(release)
    data = release.open()
    text = scorecard.statement(data)
    assert "by construction" not in text
    for name in ("ira_tweets_csv_hashed.csv", "ira_users_csv_hashed.csv", "iranian_tweets_csv_hashed.csv"):
        raw = (release.folder / name).read_bytes()
        assert f"{name} ({len(raw):,} bytes, SHA-256 {hashlib.sha256(raw).hexdigest()})" in text
    table = scorecard.evaluate(crafted_claims, data)
    doc = scorecard.export(table, data)
    assert json.loads(json.dumps(doc, allow_nan=False))["data"]["synthetic"] is False
    assert {f["sha256"] for f in doc["data"]["files"]} == {
        hashlib.sha256((release.folder / n).read_bytes()).hexdigest()
        for n in ("ira_tweets_csv_hashed.csv", "ira_users_csv_hashed.csv", "iranian_tweets_csv_hashed.csv")}
    assert [r["id"] for r in doc["claims"]] == [c.id for c in crafted_claims]


def test_summary_counts_every_claim_once(release, crafted_claims):
    table = scorecard.evaluate(crafted_claims, _crafted(release).open())
    s = scorecard.summary(table).set_index("section")
    assert s.loc["all claims", "claims"] == len(crafted_claims)
    assert s.loc["Crafted", ["matches", "differs", "cannot be computed"]].sum() == len(crafted_claims)
    assert s.loc["Crafted", "cannot be computed"] == 4


def test_scaled_exact_counts_allow_only_rounding():
    tol = scorecard.Tolerance(True)
    assert tol.limit(90413.08, scaled=False) == 0
    assert tol.limit(90413.08, scaled=True) == pytest.approx(452.07, abs=0.01)
    assert tol.limit(2.12, scaled=True) == 0.5
    assert scorecard.Tolerance(False, 0.01, 0.0005).limit(0.537, scaled=False) == pytest.approx(0.00537)
    assert scorecard.Tolerance(False, 0.01, 0.0005).limit(0.001, scaled=False) == 0.0005


def test_term_rank_of_a_word_no_tweet_names_is_after_every_named_word():
    """term_counts leaves out words no tweet names; the claim still gets a rank (a failing one), never
    'cannot be computed'. The Turkish İ counts for Iran."""
    texts = pd.DataFrame({"op": pd.Categorical(["iranian"] * 3), "tweet_text": ["Iran and Trump", "İran", "Trump"]})
    fr = scorecard.Frames(**{"texts:iranian": texts})
    rank = scorecard.METRICS["term_rank"].fn
    words = ["Saudi", "Iran", "Trump", "Israel"]
    assert rank(fr, "iranian", term="Iran", terms=words) == 1  # 2 tweets each: ties alphabetically
    assert rank(fr, "iranian", term="Trump", terms=words) == 2
    assert rank(fr, "iranian", term="Saudi", terms=words) == 3 == rank(fr, "iranian", term="Israel", terms=words)
    with pytest.raises(scorecard.NotComputable, match="Gaza"):
        rank(fr, "iranian", term="Gaza", terms=words)
