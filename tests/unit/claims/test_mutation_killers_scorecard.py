"""helpers.claims.scorecard: exact values where mutation testing showed room in
tests/unit/claims/test_claims.py (docs/mutation-testing.md): tolerances and their words, the checks of
the claims file, the comparison of each claim and the formatting of the table. The claims are evaluated
on frames built by hand (`Frames(**given)`) and a small stand-in for the opened release (what `evaluate`
reads of it: ops, manifest, has, start, end, synthetic), so no release is ingested and every test is
fast. Only public names are used (`evaluate`, `load_claims`, `present`, `summary`, ...)."""

from __future__ import annotations

import atexit
import datetime as dt
import math
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
import yaml

from helpers.claims import scorecard
from helpers.claims.scorecard import Tolerance
from helpers.present import references


@dataclass
class Opened:
    """What `evaluate`, `why_not` and `headline` read of an opened release."""

    ops: list[str]
    tables: dict[str, tuple[str, ...]]
    start: dt.date | None = None
    end: dt.date | None = None
    synthetic: bool = False
    manifest: dict = field(default_factory=dict)

    def __post_init__(self):
        self.manifest = {"ops": list(self.tables), **self.manifest}

    def has(self, op: str, table: str) -> bool:
        return table in self.tables.get(op, ())


def claim(id, metric, published, op="ira", compare="equal", tolerance="exact", **args):
    return {"id": id, "op": op, "metric": metric, "args": args, "published": published, "printed": str(published),
            "compare": compare, "tolerance": tolerance, "claim": f"claim {id}", "source": ["G"], "cite": "test"}


def load(tmp_path, *claims, sections=None):
    path = tmp_path / "claims.yaml"
    body = sections or {"S": list(claims)}
    path.write_text(yaml.safe_dump({"claims": body}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return scorecard.load_claims(path)


# ------------------------------------------------------------------------------------- tolerance

def test_tolerance_parse_keeps_each_part_and_refuses_bad_values():
    assert Tolerance.parse("exact", "w") == Tolerance(True, 0.0, 0.0)
    assert Tolerance.parse({"relative": 0.01}, "w") == Tolerance(False, 0.01, 0.0)
    assert Tolerance.parse({"absolute": 2}, "w") == Tolerance(False, 0.0, 2.0)
    assert Tolerance.parse({"relative": 0, "absolute": 0.5}, "w") == Tolerance(False, 0.0, 0.5)
    got = Tolerance.parse({"relative": 1}, "w")
    assert isinstance(got.relative, float) and isinstance(got.absolute, float)
    for bad, word in (({"relative": True}, "relative"), ({"absolute": "1"}, "absolute"),
                      ({"relative": -0.1}, "relative"), ({"absolute": 1e12}, "absolute")):
        with pytest.raises(scorecard.ClaimError) as e:
            Tolerance.parse(bad, "here")
        assert str(e.value) == f"here: tolerance {word} must be a number >= 0, got {bad[word]!r}"
    assert Tolerance.parse({"absolute": 999999999999.0}, "w").absolute == 999999999999.0
    for bad in ({}, {"relative": 0.1, "other": 1}, "close", None, [0.1]):
        with pytest.raises(scorecard.ClaimError) as e:
            Tolerance.parse(bad, "here")
        assert str(e.value) == ("here: tolerance must be 'exact' or {relative: r, absolute: a}, got "
                                f"{bad!r}")


def test_tolerance_limit_is_the_larger_of_the_two():
    assert Tolerance(False, 0.1, 3.0).limit(20, scaled=False) == 3.0
    assert Tolerance(False, 0.1, 3.0).limit(-50, scaled=False) == 5.0
    assert Tolerance(False, 0.1, 3.0).limit(50, scaled=True) == 5.0      # scaling matters for exact only
    assert Tolerance(True).limit(-1000, scaled=True) == 5.0
    assert Tolerance(True).limit(-1000, scaled=False) == 0.0


def test_tolerance_words():
    assert Tolerance(True).describe("count", scaled=False) == "exact"
    assert Tolerance(True).describe("count", scaled=True) == (
        "exact (up to the rounding of the scaled sample: ±0.5% of the value)")
    assert Tolerance(False, 0.015, 0.0).describe("share", False) == "±1.5% of the published value"
    assert Tolerance(False, 0.0, 0.0005).describe("share", False) == "±0.05 percentage points"
    assert Tolerance(False, 0.0, 2.0).describe("count", False) == "±2"
    assert Tolerance(False, 0.01, 0.0005).describe("share", False) == (
        "±1% of the published value or ±0.05 percentage points, whichever is larger")
    assert Tolerance(False, 0.0, 0.0).describe("count", False) == ""


# ------------------------------------------------------------------------------ the claims file

@pytest.mark.parametrize("change, message", [
    ({"metric": "hashtag_tweets", "hashtag": "x", "start": "2014-07-16"},
     "give both args.start and args.end, or neither"),
    ({"metric": "tweets_on_days", "start": "2014-07-17", "end": "2014-07-16"}, "args.start is after args.end"),
    ({"metric": "tweets_on_days", "start": "July 16", "end": "2014-07-16"},
     "args.start: expected a date like 2016-01-01 (YYYY-MM-DD), got 'July 16'"),
    ({"published": True}, "published must be a number, got True"),
    ({"published": float("inf")}, "published must be a number, got inf"),
])
def test_claim_checks_name_the_claim_and_the_field(tmp_path, change, message):
    change = dict(change)   # never the parameter itself: mutmut runs the tests twice in one process
    metric = change.pop("metric", "tweets")
    published = change.pop("published", 1)
    bad = claim("s.bad.ira", metric, published, **change)
    with pytest.raises(scorecard.ClaimError) as e:
        load(tmp_path, bad)
    assert str(e.value).startswith("claims.yaml, S[0] (s.bad.ira): ") and message in str(e.value)


@pytest.mark.parametrize("change, message", [
    ({"args": ["x"]}, "args must be a mapping"),
    ({"source": "G"}, "source must be a list of tags among"),
    ({"source": []}, "source must be a list of tags among"),
    ({"cite": "  "}, "cite must be non-empty text"),
    ({"op": 3}, "op must be non-empty text"),
    ({"metric": None, "published": None, "tolerance": None, "reason": " "}, "needs a reason"),
    ({"metric": None, "published": 3, "tolerance": None, "reason": "why"}, "has no published number"),
    ({"metric": None, "published": None, "tolerance": "exact", "reason": "why"}, "has no published number"),
    ({"metric": None, "published": None, "tolerance": None, "reason": "why", "args": {"a": 1}},
     "has no published number"),
    ({"id": "nodots"}, "id must look like"),
    ({"id": 5}, "id must look like"),
])
def test_more_malformed_claims_are_refused(tmp_path, change, message):
    with pytest.raises(scorecard.ClaimError, match=message):
        load(tmp_path, {**claim("s.x.ira", "tweets", 1), **change})


def test_missing_and_unknown_fields_are_listed_together(tmp_path):
    raw = {k: v for k, v in claim("s.x.ira", "tweets", 1).items() if k not in ("cite", "claim")}
    with pytest.raises(scorecard.ClaimError) as e:
        load(tmp_path, {**raw, "colour": "blue"})
    assert str(e.value) == "claims.yaml, S[0] (s.x.ira): missing claim, cite; unknown field(s) colour"
    with pytest.raises(scorecard.ClaimError) as e:
        load(tmp_path, "not a mapping")
    assert str(e.value) == "claims.yaml, S[0]: expected a mapping, got 'not a mapping'"


def test_wrong_metric_arguments_say_which(tmp_path):
    with pytest.raises(scorecard.ClaimError) as e:
        load(tmp_path, claim("s.x.ira", "share_of_tweets", 0.5, tolerance={"absolute": 0.01}, column="c", extra=1))
    assert str(e.value).endswith("metric share_of_tweets takes column, value; missing ['value'], unexpected "
                                 "['extra']")
    with pytest.raises(scorecard.ClaimError) as e:
        load(tmp_path, claim("s.x.ira", "tweets", 1, year=1))
    assert str(e.value).endswith("metric tweets takes no args; missing none, unexpected ['year']")


def test_claims_file_shape_errors(tmp_path):
    path = tmp_path / "claims.yaml"
    for text, message in (("other: 1\n", "expected the keys 'claims' and \\(optionally\\) 'tolerances'"),
                          ("[1, 2]\n", "expected the keys 'claims'"),
                          ("claims: [1]\n", "'claims' maps sections to lists of claims"),
                          ("claims:\n  S: 1\n", "section 'S' must hold a list of claims"),
                          ("claims: {S: [\n", "cannot read the claims file")):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(scorecard.ClaimError, match=message):
            scorecard.load_claims(path)
    with pytest.raises(scorecard.ClaimError, match="cannot read the claims file"):
        scorecard.load_claims(tmp_path / "missing.yaml")


def test_loaded_claims_keep_every_field(tmp_path):
    raw = {**claim("s.x.ira", "tweets_on_days", 7, start="2014-07-16", end=dt.date(2014, 7, 17)),
           "claim": "  seven tweets  ", "source": ["G", "Z"], "note": "a note", "printed": "seven"}
    (c,) = load(tmp_path, raw, sections={"Days": [raw]})
    assert (c.id, c.section, c.claim, c.op, c.metric, c.published, c.printed, c.compare) == (
        "s.x.ira", "Days", "seven tweets", "ira", "tweets_on_days", 7.0, "seven", "equal")
    assert c.args == {"start": dt.date(2014, 7, 16), "end": dt.date(2014, 7, 17)}
    assert (c.source, c.cite, c.note, c.reason, c.tolerance) == (("G", "Z"), "test", "a note", "", Tolerance(True))
    assert c.window == (dt.date(2014, 7, 16), dt.date(2014, 7, 17))
    assert c.call == "tweets_on_days(start=2014-07-16, end=2014-07-17)"
    none = {**claim("s.y.ira", None, None, tolerance=None), "reason": "not computable"}
    (n,) = load(tmp_path, none)
    assert (n.call, n.window, n.spec, n.reason, n.tolerance) == ("none", None, None, "not computable", None)
    (t,) = load(tmp_path, claim("s.t.ira", "term_rank", 1, term="a", terms=["a", "b"]))
    assert t.call == "term_rank(term=a)"
    (y,) = load(tmp_path, claim("s.y.ira", "tweets_in_year", 1, year=2014))
    assert y.window == (dt.date(2014, 1, 1), dt.date(2014, 12, 31)) and y.args == {"year": 2014}


# ------------------------------------------------------------------------------------ evaluation

@pytest.fixture
def data(frames):
    """ira: 5 tweets (2 retweets) by a and b: 2 in 2014, 1 in 2015, 2 in 2016 (the peak: the earlier of
    equal years), ru 3 / en 2, 6 likes; a users file of 3 accounts (x has no tweet). iranian: 1 tweet, no
    users file."""
    tweets = frames.tweets([
        {"op": "ira", "userid": "a", "tweet_time": "2014-07-16 00:00", "tweet_language": "ru", "like_count": 5},
        {"op": "ira", "userid": "a", "tweet_time": "2014-07-16 23:59", "tweet_language": "ru", "is_retweet": True},
        {"op": "ira", "userid": "b", "tweet_time": "2015-01-01 10:00", "tweet_language": "en", "like_count": 1},
        {"op": "ira", "userid": "b", "tweet_time": "2016-03-01 10:00", "tweet_language": "ru", "is_retweet": True},
        {"op": "ira", "userid": "b", "tweet_time": "2016-03-02 10:00", "tweet_language": "en"},
        {"op": "iranian", "userid": "c", "tweet_time": "2018-01-05 10:00", "tweet_language": "fa"},
    ], ops=["ira", "iranian"])
    users = frames.users([
        {"op": "ira", "userid": "a", "user_screen_name": "Alpha", "account_creation_date": "2013-05-01",
         "follower_count": 100},
        {"op": "ira", "userid": "b", "user_screen_name": "Beta", "account_creation_date": "2014-05-01",
         "follower_count": 5000},
        {"op": "ira", "userid": "x", "user_screen_name": "Xeno", "account_creation_date": "2014-06-01",
         "follower_count": 7},
    ], ops=["ira", "iranian"])
    return tweets, users


def evaluate(tmp_path, data, claims, synthetic=False, scale=None, **opened):
    tweets, users = data
    release = Opened(ops=opened.pop("ops", ["ira", "iranian"]),
                     tables=opened.pop("tables", {"ira": ("tweets", "users"), "iranian": ("tweets",)}),
                     synthetic=synthetic, manifest={"sample": {"scale": scale, "seed": 3}} if synthetic else {},
                     **opened)
    frames = scorecard.Frames(tweets=tweets, users=users, hashtags=None, urls=None)
    return scorecard.evaluate(load(tmp_path, *claims), release, frames, op_names=opened.pop("op_names", None))


def test_each_metric_value_on_hand_made_frames(tmp_path, data):
    claims = [
        claim("m.tweets.ira", "tweets", 5), claim("m.users.ira", "users_rows", 3),
        claim("m.accounts.ira", "accounts_with_tweets", 2), claim("m.retweets.ira", "retweets", 2),
        claim("m.rt_share.ira", "retweet_share", 0.4, tolerance={"absolute": 0.001}),
        claim("m.likes.ira", "engagement_total", 6, count="likes"),
        claim("m.y2014.ira", "tweets_in_year", 2, year=2014), claim("m.y2013.ira", "tweets_in_year", 0, year=2013),
        claim("m.rt2016.ira", "retweets_in_year", 1, year=2016), claim("m.peak.ira", "peak_year", 2014),
        claim("m.days.ira", "tweets_on_days", 2, start="2014-07-16", end="2014-07-16"),
        claim("m.ru.ira", "share_of_tweets", 0.6, tolerance={"absolute": 0.001}, column="tweet_language",
              value="ru"),
        claim("m.de.ira", "share_of_tweets", 0, tolerance={"absolute": 0.001}, column="tweet_language", value="de"),
        claim("m.en_rank.ira", "rank_of_value", 2, column="tweet_language", value="en"),
        claim("m.ratio.ira", "share_ratio", 1.5, tolerance={"relative": 0.001}, column="tweet_language",
              value="ru", other="en"),
        claim("m.created.ira", "accounts_created_in_year", 2, year=2014),
        claim("m.created_share.ira", "accounts_created_share", 2 / 3, tolerance={"absolute": 0.001}, first=2014,
              last=2015),
        claim("m.below.ira", "accounts_share_below", 2 / 3, tolerance={"absolute": 0.001},
              column="follower_count", below=1000),
        claim("m.below_none.ira", "accounts_share_below", 0, tolerance={"absolute": 0.001},
              column="follower_count", below=7),
        claim("m.max.ira", "max_followers", 5000), claim("m.value.ira", "accounts_with_value", 3,
                                                         column="account_language", value="en"),
        claim("m.zero.ira", "zero_engagement_share", 0.6, tolerance={"absolute": 0.001}),
        claim("m.rank.ira", "account_likes_rank", 1, screen_name="alpha"),
        claim("m.rank_b.ira", "account_likes_rank", 2, screen_name="BETA"),
    ]
    t = evaluate(tmp_path, data, claims).set_index("id")
    assert t["reason"].tolist() == [""] * len(claims)
    assert t["status"].tolist() == ["matches"] * len(claims), t[t["status"] != "matches"][["computed"]]
    assert t["computed"].tolist() == pytest.approx([c["published"] for c in claims])


def test_metrics_that_cannot_give_a_value_say_why(tmp_path, data):
    claims = [
        claim("n.likes.ira", "engagement_total", 1, count="views"),
        claim("n.rank.ira", "rank_of_value", 1, column="tweet_language", value="de"),
        claim("n.ratio.ira", "share_ratio", 1, column="tweet_language", value="ru", other="de"),
        claim("n.nobody.ira", "account_likes_rank", 1, screen_name="nobody"),
        claim("n.silent.ira", "account_likes_rank", 1, screen_name="Xeno"),
        claim("n.bin.ira", "accounts_in_bin", 1, column="follower_count", bin="a million"),
        claim("n.users.iranian", "users_rows", 1, op="iranian"),
        claim("n.gone.gru", "tweets", 1, op="gru"),
    ]
    t = evaluate(tmp_path, data, claims).set_index("id")
    assert t["status"].tolist() == ["cannot be computed"] * len(claims)
    assert t["reason"].tolist()[:5] == [
        "the tweets file has no views counts", "no tweet has tweet_language de",
        "no tweet has tweet_language de", "no account named @nobody in the users file",
        "@Xeno has no tweets in the tweets file"]
    assert t.loc["n.bin.ira", "reason"].startswith("no bin 'a million' (bins: ")
    assert t.loc["n.users.iranian", "reason"] == "the release holds no users file for operation 'iranian'"
    assert t.loc["n.gone.gru", "reason"] == "the release holds no file for operation 'gru'"
    assert t["computed"].isna().all() and t["difference"].isna().all()


def test_comparisons_at_their_edges(tmp_path, data):
    claims = [
        claim("e.least_eq.ira", "tweets", 5, compare="at_least"), claim("e.least_no.ira", "tweets", 6,
                                                                        compare="at_least"),
        claim("e.most_eq.ira", "tweets", 5, compare="at_most"), claim("e.most_no.ira", "tweets", 4, compare="at_most"),
        claim("e.abs_in.ira", "tweets", 7, tolerance={"absolute": 2}),
        claim("e.abs_out.ira", "tweets", 7.5, tolerance={"absolute": 2}),
        claim("e.rel_in.ira", "tweets", 4, tolerance={"relative": 0.25}),
        claim("e.rel_out.ira", "tweets", 4, tolerance={"relative": 0.2}),
        claim("e.share.ira", "retweet_share", 0.4003, tolerance={"absolute": 0.0003}),
    ]
    t = evaluate(tmp_path, data, claims).set_index("id")
    assert t["status"].tolist() == ["matches", "differs", "matches", "differs", "matches", "differs", "matches",
                                    "differs", "matches"]
    assert t.loc["e.abs_out.ira", "difference"] == -2.5
    assert t.loc["e.rel_in.ira", "relative_difference"] == 0.25
    assert t.loc["e.least_no.ira", "relative_difference"] == pytest.approx(-1 / 6)


def test_the_row_of_a_claim_in_full(tmp_path, data):
    t = evaluate(tmp_path, data, [claim("f.days.ira", "tweets_on_days", 3, tolerance={"absolute": 1},
                                        start="2014-07-16", end="2014-07-16")])
    row = t.iloc[0].to_dict()
    assert math.isnan(row.pop("scale"))
    assert row == {"id": "f.days.ira", "section": "S", "op": "ira", "claim": "claim f.days.ira", "source": "G",
                   "cite": "test", "metric": "tweets_on_days(start=2014-07-16, end=2014-07-16)",
                   "helpers": "helpers.metrics.timeline.daily", "unit": "count", "window": "2014-07-16..2014-07-16",
                   "printed": "3", "published": 3.0, "compare": "equal", "expected": 3.0, "tolerance": "±1",
                   "computed": 2.0, "difference": -1.0, "relative_difference": pytest.approx(-1 / 3),
                   "status": "matches", "reason": "", "note": "", "known_discrepancy": "", "noun": "tweets",
                   "tolerance_reason": ""}


def test_a_zero_published_value_has_no_relative_difference(tmp_path, data):
    t = evaluate(tmp_path, data, [claim("z.ira", "tweets_in_year", 0, tolerance={"absolute": 5}, year=2016)])
    assert t.loc[0, "difference"] == 2 and math.isnan(t.loc[0, "relative_difference"])


def test_windows_against_the_run_range(tmp_path, data):
    day = claim("w.day.ira", "tweets_on_days", 2, start="2014-07-16", end="2014-07-16")
    year = claim("w.year.ira", "tweets_in_year", 2, year=2014)
    span = claim("w.span.ira", "tweets_on_days", 3, start="2014-07-16", end="2015-01-01")
    def reasons(start, end):
        t = evaluate(tmp_path, data, [day, year, span], start=start, end=end).set_index("id")
        return t["reason"].to_dict()
    assert reasons(dt.date(2014, 7, 16), dt.date(2014, 12, 31)) == {
        "w.day.ira": "", "w.year.ira": "the year 2014 is only partly inside the date range 2014-07-16 to 2014-12-31",
        "w.span.ira": "2014-07-16 to 2015-01-01 is only partly inside the date range 2014-07-16 to 2014-12-31"}
    assert reasons(dt.date(2014, 7, 17), None) == {
        "w.day.ira": "2014-07-16 is outside the date range 2014-07-17 to end of data",
        "w.year.ira": "the year 2014 is only partly inside the date range 2014-07-17 to end of data",
        "w.span.ira": "2014-07-16 to 2015-01-01 is only partly inside the date range 2014-07-17 to end of data"}
    assert reasons(None, dt.date(2014, 7, 15)) == {
        "w.day.ira": "2014-07-16 is outside the date range start of data to 2014-07-15",
        "w.year.ira": "the year 2014 is only partly inside the date range start of data to 2014-07-15",
        "w.span.ira": "2014-07-16 to 2015-01-01 is outside the date range start of data to 2014-07-15"}
    assert reasons(None, dt.date(2014, 7, 16)) == {
        "w.day.ira": "", "w.year.ira": "the year 2014 is only partly inside the date range start of data to "
                                       "2014-07-16",
        "w.span.ira": "2014-07-16 to 2015-01-01 is only partly inside the date range start of data to 2014-07-16"}


def test_an_operation_outside_the_run_and_renamed_operations(tmp_path, data):
    t = evaluate(tmp_path, data, [claim("o.ira", "tweets", 5), claim("o.iranian", "tweets", 1, op="iranian")],
                 ops=["ira"])
    assert t["reason"].tolist() == ["", "operation 'iranian' is not in this run (parameter ops)"]
    tweets, users = data
    renamed = tweets.assign(op=tweets["op"].cat.rename_categories({"iranian": "iran"}))
    release = Opened(ops=["ira", "iran"], tables={"ira": ("tweets",), "iran": ("tweets",)})
    frames = scorecard.Frames(tweets=renamed, users=None)
    t = scorecard.evaluate(load(tmp_path, claim("o.iranian", "tweets", 1, op="iranian")), release, frames,
                           op_names={"iranian": "iran"})
    assert (t.loc[0, "op"], t.loc[0, "status"], t.loc[0, "computed"]) == ("iran", "matches", 1.0)


def test_the_synthetic_sample_scales_counts_of_tweets_only(tmp_path, data):
    claims = [claim("s.tweets.ira", "tweets", 50), claim("s.off.ira", "tweets", 60),
              claim("s.users.ira", "users_rows", 3),
              claim("s.share.ira", "retweet_share", 0.4, tolerance={"absolute": 0.001}),
              {**claim("s.none.ira", None, None, tolerance=None), "reason": "not here"}]
    t = evaluate(tmp_path, data, claims, synthetic=True, scale=0.1).set_index("id")
    assert t["status"].tolist() == ["matches (by construction)", "differs (synthetic)", "matches (by construction)",
                                    "matches (by construction)", "cannot be computed"]
    assert t.loc["s.tweets.ira", "expected"] == pytest.approx(5.0) and t.loc["s.tweets.ira", "scale"] == 0.1
    assert t.loc["s.tweets.ira", "tolerance"] == "exact (up to the rounding of the scaled sample: ±0.5% of the value)"
    assert t.loc["s.users.ira", "expected"] == 3 and math.isnan(t.loc["s.users.ira", "scale"])
    assert t.loc["s.users.ira", "tolerance"] == "exact"
    # scale 1 (the full-size sample) and a sample without a scale: nothing is scaled
    for scale in (1, None):
        t = evaluate(tmp_path, data, claims[:1], synthetic=True, scale=scale)
        assert t.loc[0, "expected"] == 50 and math.isnan(t.loc[0, "scale"])
    # a scaled exact count allows the rounding of the sample: 0.5 rows or 0.5%
    t = evaluate(tmp_path, data, [claim("s.round.ira", "tweets", 54.9)], synthetic=True, scale=0.1)
    assert t.loc[0, "status"] == "matches (by construction)"
    t = evaluate(tmp_path, data, [claim("s.round.ira", "tweets", 55.1)], synthetic=True, scale=0.1)
    assert t.loc[0, "status"] == "differs (synthetic)"


# ---------------------------------------------------------------------------------- presentation

def test_numbers_in_their_unit():
    assert scorecard.in_unit(0.369, "share") == "36.90%"
    assert scorecard.in_unit(1234.5678, "ratio") == "1,234.57"
    assert scorecard.in_unit(12345.0, "count") == "12,345"
    assert scorecard.in_unit(12345.25, "count") == "12,345.2"
    assert scorecard.in_unit(0.25, "count") == "0.25"
    assert scorecard.in_unit(-0.25, "count") == "-0.25"
    assert scorecard.in_unit(2015.0, "year") == "2015"
    assert scorecard.in_unit(3.4, "rank") == "3"
    assert scorecard.in_unit(float("nan"), "count") == "–" and scorecard.in_unit(None, "share") == "–"
    assert scorecard.in_unit(2.0000000001, "count") == "2"


def test_differences_in_their_unit_signs_and_zero():
    assert scorecard.difference_in_unit(0.0123, "share") == "+1.23 percentage points"
    assert scorecard.difference_in_unit(-0.0123, "share") == "−1.23 percentage points"
    assert scorecard.difference_in_unit(0.00001, "share") == "±0.00 percentage points"
    assert scorecard.difference_in_unit(-3, "count") == "−3"
    assert scorecard.difference_in_unit(1500, "count") == "+1,500"
    assert scorecard.difference_in_unit(0, "count") == "±0"
    assert scorecard.difference_in_unit(0.1, "count") == "+0.10"
    assert scorecard.difference_in_unit(float("nan"), "count") == "–" and scorecard.difference_in_unit(None, "x") == "–"


def test_present_reads_words_scaled_values_and_reasons(tmp_path, data):
    claims = [{**claim("p.most.ira", "tweets", 9, compare="at_most"), "printed": "9"},
              {**claim("p.words.ira", "retweet_share", 0.4, tolerance={"absolute": 0.01}), "printed": "two in five"},
              {**claim("p.pct.ira", "retweet_share", 0.4, tolerance={"absolute": 0.01}), "printed": "40%"},
              {**claim("p.none.ira", None, None, tolerance=None), "printed": "many", "reason": "no metric"}]
    claims[0]["source"] = ["G", "Z"]
    t = evaluate(tmp_path, data, claims)
    p = scorecard.present(t)
    assert list(p.columns) == ["claim", "source", "published", "computed", "difference", "status"]
    assert p.to_dict("records") == [
        {"claim": "claim p.most.ira", "source": "[G], [Z]", "published": "9 (read as at most 9)", "computed": "5",
         "difference": "holds: 5 ≤ 9", "status": "matches"},
        {"claim": "claim p.words.ira", "source": "[G]", "published": "two in five (read as 40.00%)",
         "computed": "40.00%", "difference": "±0.00 percentage points", "status": "matches"},
        {"claim": "claim p.pct.ira", "source": "[G]", "published": "40%", "computed": "40.00%",
         "difference": "±0.00 percentage points", "status": "matches"},
        {"claim": "claim p.none.ira", "source": "[G]", "published": "many", "computed": "–", "difference": "–",
         "status": "cannot be computed: no metric"}]
    scaled = scorecard.present(evaluate(tmp_path, data, [claim("p.s.ira", "tweets", 50)], synthetic=True, scale=0.1))
    assert scaled.loc[0, "published"] == "50; × 0.1 (sample scale) = 5"
    assert scorecard.present(t.iloc[:0]).columns.tolist() == list(p.columns)


def test_shown_tags():
    assert scorecard.shown_tags("G, Z") == "[G], [Z]"
    assert scorecard.shown_tags(" D1 ,, ") == "[D1]"
    assert scorecard.shown_tags("") == ""


def test_summary_per_section_in_file_order_with_a_total(tmp_path, data):
    sections = {"Zeta": [claim("z.a.ira", "tweets", 5), claim("z.b.ira", "tweets", 6)],
                "Alpha": [claim("a.a.ira", "tweets", 1, op="gru")]}
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump({"claims": sections}, sort_keys=False), encoding="utf-8")
    release = Opened(ops=["ira"], tables={"ira": ("tweets",)})
    t = scorecard.evaluate(scorecard.load_claims(path), release, scorecard.Frames(tweets=data[0], users=None))
    s = scorecard.summary(t)
    assert s.to_dict("records") == [
        {"section": "Zeta", "claims": 2, "matches": 1, "differs": 1, "cannot be computed": 0},
        {"section": "Alpha", "claims": 1, "matches": 0, "differs": 0, "cannot be computed": 1},
        {"section": "all claims", "claims": 3, "matches": 1, "differs": 1, "cannot be computed": 1}]
    assert scorecard.headline(t, release).endswith(" 3 claims: 1 matches, 1 differs, 1 cannot be computed.")
    synthetic = t.assign(status=t["status"].map(lambda s: scorecard.SYNTHETIC_STATUS[s]))
    assert list(scorecard.summary(synthetic).columns) == ["section", "claims", "matches (by construction)",
                                                          "differs (synthetic)", "cannot be computed"]
    fake = Opened(ops=["ira"], tables={"ira": ("tweets",)}, synthetic=True,
                  manifest={"sample": {"scale": 0.01, "seed": 7}})
    assert scorecard.headline(synthetic, fake) == (
        scorecard.statement(fake) + " 3 claims: 1 matches (by construction), 1 differs (synthetic), "
        "1 cannot be computed.")
    assert scorecard.statement(fake).startswith("Synthetic sample, not evidence. Every number and figure here comes "
                                                "from a generated stand-in")
    assert "(generator helpers.synthetic.sample, seed 7, scale 0.01)" in scorecard.statement(fake)
    assert [scorecard.base_status(s) for s in synthetic["status"]] == t["status"].tolist()


def test_records_are_plain_json_values(tmp_path, data):
    t = evaluate(tmp_path, data, [claim("r.ira", "tweets", 5), claim("r.gru", "tweets", 1, op="gru")])
    recs = scorecard.records(t)
    assert recs[0]["computed"] == 5.0 and type(recs[0]["computed"]) is float
    assert recs[1]["computed"] is None and recs[1]["difference"] is None
    assert recs[0]["id"] == "r.ira" and recs[1]["reason"] == "the release holds no file for operation 'gru'"
    assert scorecard.records(pd.DataFrame({"n": pd.Series([1], dtype="int64")})) == [{"n": 1}]
    assert type(scorecard.records(pd.DataFrame({"n": pd.Series([1], dtype="int64")}))[0]["n"]) is int


def test_sample_scale_of_real_and_synthetic_releases():
    assert scorecard.sample_scale(Opened(ops=[], tables={})) is None
    assert scorecard.sample_scale(Opened(ops=[], tables={}, synthetic=True, manifest={"sample": {"scale": 0.5}})) == 0.5
    assert scorecard.sample_scale(Opened(ops=[], tables={}, synthetic=True, manifest={"sample": None})) is None
    assert scorecard.sample_scale(Opened(ops=[], tables={}, synthetic=True, manifest={"sample": {"scale": 0}})) is None


# ------------------------------------------------------------------ every adapter on a crafted release
# Issue 17: the metric adapters of registry.py were evaluated only by the slow sample run. Here each one is
# evaluated on a small release written by hand, through the engine (`Frames(release)`, as notebook 09 reads
# it) and through whole-file frames of the same release (`Frames(**given)`), with values counted by hand
# from the rows below (never by calling the code under test).

def _crafted_release(builder):
    """ira: 9 tweets by A, B, C (D has none); a users file of A-D. iranian: 3 tweets by E, F; no users file.

    ira, tweet by tweet (time UTC, language, retweet, likes, hashtags, urls, text):
      1 A 2014-12-31 23:59 ru       3 likes  MH17            www.rt.com/a           "Russia and Ukraine"
      2 A 2014-12-01 00:00 ru  RT   0        -               rt.com/b, rt.com/c     "Russia"
      3 B 2014-12-15 12:00 ru       1        mh17, Syria     -                      "Syria"
      4 B 2015-01-01 00:00 ru       0        -               bit.ly/x
      5 B 2015-02-10 08:00 en      10        -               www.rt.com/d
      6 C 2015-02-20 08:00 en       0        MH17, MH17      -
      7 C 2015-05-05 08:00 en       0
      8 C 2015-05-06 08:00 und RT   0
      9 A 2016-01-01 00:00 (empty)  2
    iranian: 10 E 2015-03-01 fa, MH17, rt.com/z; 11 E 2015-03-02 fa; 12 F 2016-07-01 fa RT.
    users (followers, following, created, account language): A 10 3 2013-12-31 en, B 11 3 2014-01-01 ru,
    C 0 7 2014-06-01 en, D 50 1 2016-03-01 en."""
    t = builder.tweet
    a, b, c, e, f = "1001", "1002", "1003", "2001", "2002"
    rows = [
        t(user=a, tweet_time="2014-12-31 23:59", tweet_language="ru", like_count=3, hashtags=["MH17"],
          urls=["https://www.rt.com/a"], tweet_text="Russia and Ukraine"),
        t(user=a, tweet_time="2014-12-01 00:00", tweet_language="ru", is_retweet=True,
          urls=["https://rt.com/b", "https://rt.com/c"], tweet_text="Russia"),
        t(user=b, tweet_time="2014-12-15 12:00", tweet_language="ru", like_count=1, hashtags=["mh17", "Syria"],
          tweet_text="Syria"),
        t(user=b, tweet_time="2015-01-01 00:00", tweet_language="ru", urls=["https://bit.ly/x"]),
        t(user=b, tweet_time="2015-02-10 08:00", tweet_language="en", like_count=10, urls=["https://www.rt.com/d"]),
        t(user=c, tweet_time="2015-02-20 08:00", tweet_language="en", hashtags=["MH17", "MH17"]),
        t(user=c, tweet_time="2015-05-05 08:00", tweet_language="en"),
        t(user=c, tweet_time="2015-05-06 08:00", tweet_language="und", is_retweet=True),
        t(user=a, tweet_time="2016-01-01 00:00", tweet_language="", like_count=2),
    ]
    iran = [t(user=e, tweet_time="2015-03-01 10:00", tweet_language="fa", hashtags=["MH17"],
              urls=["https://rt.com/z"]),
            t(user=e, tweet_time="2015-03-02 10:00", tweet_language="fa"),
            t(user=f, tweet_time="2016-07-01 10:00", tweet_language="fa", is_retweet=True)]
    u = builder.user
    users = [u(user=a, user_screen_name="Alpha", follower_count=10, following_count=3,
               account_creation_date="2013-12-31", account_language="en"),
             u(user=b, user_screen_name="Beta", follower_count=11, following_count=3,
               account_creation_date="2014-01-01", account_language="ru"),
             u(user=c, user_screen_name="Gamma", follower_count=0, following_count=7,
               account_creation_date="2014-06-01", account_language="en"),
             u(user="1004", user_screen_name="Delta", follower_count=50, following_count=1,
               account_creation_date="2016-03-01", account_language="en")]
    builder.write("ira_tweets_csv_hashed.csv", rows)
    builder.write("ira_users_csv_hashed.csv", users)
    builder.write("iranian_tweets_csv_hashed.csv", iran)
    return builder.open()


def _given_of(opened) -> dict:
    """Whole-file frames of the opened release (as the oracle `Frames` of test_scorecard_engine.py loads them)."""
    from helpers.metrics import content
    ops = opened.ops_with("tweets")
    given = {"tweets": opened.tweets(list(scorecard.CLAIM_TWEET_COLUMNS), ops=ops, dated=False),
             "users": opened.users(list(scorecard.CLAIM_USER_COLUMNS), ops=opened.ops_with("users")),
             "hashtags": opened.exploded("hashtags", ["tweetid", "tweet_time"], ops=ops, dated=False),
             "urls": content.with_domains(opened.exploded("urls", ["tweetid"], ops=ops, dated=False))}
    for op in ops:
        given[f"texts:{op}"] = opened.tweets(["tweet_text"], ops=[op], dated=False)
    return given


_BUILT: dict[str, object] = {}


def _crafted_root() -> Path:
    """The crafted release written and ingested once per process, in a folder of its own: mutmut runs each
    mutant in a fork of the process that ran the tests once, so the forks reuse these files instead of
    ingesting again (seconds per mutant). Only input files are kept here, never a table or a connection of
    the code under test: every test opens the release afresh."""
    if "root" not in _BUILT:
        from conftest import ReleaseBuilder
        root = Path(tempfile.mkdtemp(prefix="scorecard-crafted-"))
        _crafted_release(ReleaseBuilder(root / "release", root / "cache"))
        creator = os.getpid()
        atexit.register(lambda: os.getpid() == creator and shutil.rmtree(root, ignore_errors=True))
        _BUILT["root"] = root
    return Path(str(_BUILT["root"]))


@pytest.fixture
def crafted_release():
    from conftest import ReleaseBuilder
    root = _crafted_root()
    return ReleaseBuilder(root / "release", root / "cache").open()


@pytest.fixture(params=["engine", "frames"])
def crafted(request):
    """Fresh `Frames` (nothing memoised) over the crafted release: read through the engine, or as frames (read
    once per process, like the files: plain input frames, which a fork gets as its own copy)."""
    from conftest import ReleaseBuilder
    root = _crafted_root()
    if request.param == "engine":
        return scorecard.Frames(ReleaseBuilder(root / "release", root / "cache").open())
    if "given" not in _BUILT:
        _BUILT["given"] = _given_of(ReleaseBuilder(root / "release", root / "cache").open())
    return scorecard.Frames(**_BUILT["given"])


def value(fr, metric, op="ira", **args):
    return scorecard.METRICS[metric].fn(fr, op, **args)


D = dt.date

# (metric, op, args, value counted by hand from the rows of _crafted_release)
CRAFTED_VALUES = [
    ("tweets", "ira", {}, 9), ("tweets", "iranian", {}, 3),
    ("users_rows", "ira", {}, 4), ("accounts_with_tweets", "ira", {}, 3), ("accounts_with_tweets", "iranian", {}, 2),
    ("retweets", "ira", {}, 2), ("retweets", "iranian", {}, 1),
    ("retweet_share", "ira", {}, 2 / 9), ("retweet_share", "iranian", {}, 1 / 3),
    ("engagement_total", "ira", {"count": "likes"}, 16), ("engagement_total", "iranian", {"count": "likes"}, 0),
    ("tweets_in_year", "ira", {"year": 2014}, 3), ("tweets_in_year", "ira", {"year": 2015}, 5),
    ("tweets_in_year", "ira", {"year": 2016}, 1), ("tweets_in_year", "ira", {"year": 2013}, 0),
    ("tweets_in_year", "iranian", {"year": 2015}, 2),
    ("retweets_in_year", "ira", {"year": 2014}, 1), ("retweets_in_year", "ira", {"year": 2015}, 1),
    ("retweets_in_year", "ira", {"year": 2016}, 0), ("retweets_in_year", "iranian", {"year": 2016}, 1),
    ("peak_year", "ira", {}, 2015), ("peak_year", "iranian", {}, 2015),
    ("tweets_on_days", "ira", {"start": D(2014, 12, 31), "end": D(2015, 1, 1)}, 2),
    ("tweets_on_days", "ira", {"start": D(2015, 1, 2), "end": D(2015, 2, 19)}, 1),
    ("share_of_tweets", "ira", {"column": "tweet_language", "value": "ru"}, 4 / 9),
    ("share_of_tweets", "ira", {"column": "tweet_language", "value": "en"}, 3 / 9),
    ("share_of_tweets", "ira", {"column": "tweet_language", "value": "fa"}, 0.0),
    ("share_of_tweets", "iranian", {"column": "tweet_language", "value": "fa"}, 1.0),
    ("rank_of_value", "ira", {"column": "tweet_language", "value": "ru"}, 1),
    ("rank_of_value", "ira", {"column": "tweet_language", "value": "en"}, 2),
    ("rank_of_value", "ira", {"column": "tweet_language", "value": "und"}, 4),
    ("share_ratio", "ira", {"column": "tweet_language", "value": "ru", "other": "en"}, 4 / 3),
    ("share_ratio", "ira", {"column": "tweet_language", "value": "en", "other": "ru"}, 3 / 4),
    # ru peaks in December 2014 (3 tweets), en in February 2015 (2): two months later, across a year end
    ("language_peak_ratio", "ira", {"first": "ru", "then": "en"}, 1.5),
    ("language_peak_ratio", "ira", {"first": "en", "then": "ru"}, 2 / 3),
    ("language_peak_lag", "ira", {"first": "ru", "then": "en"}, 2),
    ("language_peak_lag", "ira", {"first": "en", "then": "ru"}, -2),
    ("language_peak_lag", "ira", {"first": "ru", "then": "und"}, 5),
    ("accounts_with_value", "ira", {"column": "account_language", "value": "en"}, 3),
    ("accounts_with_value", "ira", {"column": "account_language", "value": "ru"}, 1),
    ("accounts_with_value", "ira", {"column": "account_language", "value": "fa"}, 0),
    ("accounts_with_value", "iranian", {"column": "account_language", "value": "en"}, 0),
    ("accounts_created_in_year", "ira", {"year": 2013}, 1), ("accounts_created_in_year", "ira", {"year": 2014}, 2),
    ("accounts_created_in_year", "ira", {"year": 2015}, 0), ("accounts_created_in_year", "ira", {"year": 2016}, 1),
    ("accounts_created_in_year", "iranian", {"year": 2014}, 0),
    ("accounts_created_share", "ira", {"first": 2014, "last": 2015}, 0.5),
    ("accounts_created_share", "ira", {"first": 2013, "last": 2014}, 0.75),
    ("accounts_created_share", "ira", {"first": 2016, "last": 2016}, 0.25),
    # followers 10, 11, 0, 50: the bin edges are 0, 10, 50 (each included in its bin)
    ("accounts_in_bin", "ira", {"column": "follower_count", "bin": "0"}, 1),
    ("accounts_in_bin", "ira", {"column": "follower_count", "bin": "<=10"}, 1),
    ("accounts_in_bin", "ira", {"column": "follower_count", "bin": "<=50"}, 2),
    ("accounts_in_bin", "ira", {"column": "follower_count", "bin": "<=100"}, 0),
    ("accounts_in_bin", "ira", {"column": "following_count", "bin": "<=10"}, 4),
    ("accounts_in_bin", "iranian", {"column": "follower_count", "bin": "<=50"}, 0),
    ("accounts_share_below", "ira", {"column": "follower_count", "below": 11}, 0.5),
    ("accounts_share_below", "ira", {"column": "follower_count", "below": 10}, 0.25),
    ("accounts_share_below", "ira", {"column": "follower_count", "below": 0}, 0.0),
    ("accounts_share_below", "ira", {"column": "following_count", "below": 4}, 0.75),
    ("max_followers", "ira", {}, 50),
    # hashtag occurrences in ira: MH17 3 (one tweet twice), mh17 1, Syria 1; iranian: MH17 1
    ("hashtag_share", "ira", {"hashtag": "MH17"}, 0.6), ("hashtag_share", "ira", {"hashtag": "mh17"}, 0.2),
    ("hashtag_share", "ira", {"hashtag": "Ukraine"}, 0.0), ("hashtag_share", "iranian", {"hashtag": "MH17"}, 1.0),
    # urls in ira: rt.com 4 (two in one tweet), bit.ly 1, over 9 tweets; iranian: rt.com 1 over 3 tweets
    ("domain_per_tweet", "ira", {"domain": "rt.com"}, 4 / 9), ("domain_per_tweet", "ira", {"domain": "bit.ly"}, 1 / 9),
    ("domain_per_tweet", "ira", {"domain": "cnn.com"}, 0.0),
    ("domain_per_tweet", "iranian", {"domain": "rt.com"}, 1 / 3),
    ("hashtag_tweets", "ira", {"hashtag": "mh17"}, 3), ("hashtag_tweets", "iranian", {"hashtag": "mh17"}, 1),
    ("hashtag_tweets", "ira", {"hashtag": "MH17", "start": D(2014, 12, 31), "end": D(2014, 12, 31)}, 1),
    ("hashtag_tweets", "ira", {"hashtag": "Syria"}, 1), ("hashtag_tweets", "ira", {"hashtag": "none"}, 0),
    ("domain_tweets", "ira", {"domain": "rt.com"}, 3), ("domain_tweets", "ira", {"domain": "bit.ly"}, 1),
    ("domain_tweets", "iranian", {"domain": "rt.com"}, 1), ("domain_tweets", "ira", {"domain": "cnn.com"}, 0),
    ("domain_share", "ira", {"domain": "rt.com", "of": "tweets"}, 3 / 9),
    ("domain_share", "ira", {"domain": "rt.com", "of": "url_tweets"}, 3 / 4),
    ("domain_share", "iranian", {"domain": "rt.com", "of": "tweets"}, 1 / 3),
    ("domain_share", "iranian", {"domain": "rt.com", "of": "url_tweets"}, 1.0),
    ("term_rank", "ira", {"term": "Russia", "terms": ["Ukraine", "Russia", "Syria", "Boeing"]}, 1),
    ("term_rank", "ira", {"term": "Syria", "terms": ["Ukraine", "Russia", "Syria", "Boeing"]}, 2),
    ("term_rank", "ira", {"term": "Ukraine", "terms": ["Ukraine", "Russia", "Syria", "Boeing"]}, 3),
    ("term_rank", "ira", {"term": "Boeing", "terms": ["Ukraine", "Russia", "Syria", "Boeing"]}, 4),
    ("term_rank", "iranian", {"term": "Russia", "terms": ["Russia", "Syria"]}, 1),  # no term named: after 0
    ("term_rank", "ira", {"term": "Syria", "terms": ["Syria", "Boeing"]}, 1),  # another list: its own ranks
    ("zero_engagement_share", "ira", {}, 5 / 9), ("zero_engagement_share", "iranian", {}, 1.0),
    ("account_likes_rank", "ira", {"screen_name": "beta"}, 1),
    ("account_likes_rank", "ira", {"screen_name": "ALPHA"}, 2),
    ("account_likes_rank", "ira", {"screen_name": "Gamma"}, 3),
]


def test_every_metric_has_a_crafted_value():
    assert {m for m, *_ in CRAFTED_VALUES} == set(scorecard.METRICS)


@pytest.mark.parametrize("metric", sorted(scorecard.METRICS))
def test_every_adapter_gives_the_hand_counted_value_on_the_crafted_release(crafted, metric):
    """Each metric's values in one Frames (memoised tables shared, as in a run): a memo key shared by two
    tables (two columns' bins, two domains' reach, two operations' terms) would give one's numbers for the
    other. One test per metric: a mutant of one adapter reruns only its own."""
    rows = [(op, args, want) for m, op, args, want in CRAFTED_VALUES if m == metric]
    got = [value(crafted, metric, op, **args) for op, args, _ in rows]
    assert all(not isinstance(g, (str, tuple)) for g in got)
    assert got == pytest.approx([want for *_, want in rows], abs=1e-12), list(zip(rows, got))



# ------------------------------------------------------------------- the claims file: exact messages

def _load_file(tmp_path, data):
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return scorecard.load_claims(path)


def _error(tmp_path, data) -> str:
    with pytest.raises(scorecard.ClaimError) as e:
        _load_file(tmp_path, data)
    return str(e.value)


SHARE = {"relative": 0.01, "absolute": 0.0005}


def test_tolerances_section_gives_each_tolerance_its_reason_in_one_line(tmp_path):
    data = {"claims": {"S": [claim("s.a.ira", "retweet_share", 0.4, tolerance=dict(SHARE)),
                             claim("s.b.ira", "tweets", 7, tolerance={"relative": 0.05}),
                             claim("s.c.ira", "tweets", 7)]},
            "tolerances": [{**SHARE, "reason": "printed  with\n one decimal"},
                           {"relative": 0.05, "reason": "bins"}]}
    a, b, c = _load_file(tmp_path, data)
    assert a.tolerance == Tolerance(False, 0.01, 0.0005, "printed with one decimal")
    assert b.tolerance == Tolerance(False, 0.05, 0.0, "bins")
    assert c.tolerance == Tolerance(True)
    # a claims file without the section: any tolerance is taken, with no reason
    (d,) = _load_file(tmp_path, {"claims": {"S": [claim("s.d.ira", "tweets", 7, tolerance={"absolute": 3})]}})
    assert d.tolerance == Tolerance(False, 0.0, 3.0, "")


def test_a_tolerance_not_listed_with_a_reason_is_refused_naming_the_claim(tmp_path):
    data = {"claims": {"S": [claim("s.a.ira", "tweets", 7, tolerance={"absolute": 3})]},
            "tolerances": [{"relative": 0.05, "reason": "bins"}]}
    assert _error(tmp_path, data) == (
        "claims.yaml, S[0] (s.a.ira): tolerance {'absolute': 3} is not listed under 'tolerances' with its reason: "
        "add it there (why this size)")
    bad = {"claims": {"S": [claim("s.a.ira", "tweets", 7, tolerance={"absolute": -3})]}}
    assert _error(tmp_path, bad) == "claims.yaml, S[0] (s.a.ira): tolerance absolute must be a number >= 0, got -3"


@pytest.mark.parametrize("entry", [
    "a string", {"relative": 0.1}, {"relative": 0.1, "reason": "  "}, {"relative": 0.1, "reason": None},
    {"reason": "no size"}, {"relative": 0.1, "other": 2, "reason": "why"},
])
def test_malformed_tolerances_entries_are_refused_exactly(tmp_path, entry):
    data = {"claims": {"S": [claim("s.a.ira", "tweets", 7)]}, "tolerances": [{"absolute": 1, "reason": "ok"}, entry]}
    assert _error(tmp_path, data) == (
        f"claims.yaml: tolerances[1] must give relative and/or absolute and a reason, got {entry!r}")


def test_claim_field_messages_in_full(tmp_path):
    good = claim("s.x.ira", "tweets", 1)
    where = "claims.yaml, S[0] (s.x.ira): "
    no_id = {k: v for k, v in good.items() if k != "id"}
    assert _error(tmp_path, {"claims": {"S": [no_id]}}) == "claims.yaml, S[0] (?): missing id"
    no_cite = {k: v for k, v in good.items() if k != "cite"}
    assert _error(tmp_path, {"claims": {"S": [no_cite]}}) == where + "missing cite"
    assert _error(tmp_path, {"claims": {"S": [{**good, "colour": 1, "size": 2}]}}) == (
        where + "unknown field(s) colour, size")
    known = ", ".join(sorted(references.known_tags()))
    assert _error(tmp_path, {"claims": {"S": [{**good, "source": ["Q"]}]}}) == (
        where + f"source must be a list of tags among {known} (helpers/present/references.yaml), got ['Q']")
    assert _error(tmp_path, {"claims": {"S": [{**good, "compare": "near"}]}}) == (
        where + "compare must be one of equal, at_least, at_most, got 'near'")
    assert _error(tmp_path, {"claims": {"S": [{**good, "metric": "nope"}]}}) == (
        where + f"unknown metric 'nope'; known: {', '.join(sorted(scorecard.METRICS))}")
    lacking = claim("s.x.ira", "share_of_tweets", 0.5, tolerance={"absolute": 0.01}, column="c")
    assert _error(tmp_path, {"claims": {"S": [lacking]}}) == (
        where + "metric share_of_tweets takes column, value; missing ['value'], unexpected none")


def test_known_discrepancy_is_kept_in_one_line(tmp_path):
    raw = {**claim("s.k.ira", "users_rows", 3841), "known_discrepancy": "  Twitter counts\n 3,841  accounts "}
    (c,) = _load_file(tmp_path, {"claims": {"S": [raw]}})
    assert c.known_discrepancy == "Twitter counts 3,841 accounts"
    (d,) = _load_file(tmp_path, {"claims": {"S": [claim("s.d.ira", "tweets", 1)]}})
    assert d.known_discrepancy == ""


@pytest.mark.parametrize("text", ["", "claims: {S: []}\nother: 1\n", "- 1\n"])
def test_claims_file_without_the_claims_mapping_is_refused_exactly(tmp_path, text):
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(scorecard.ClaimError) as e:
        scorecard.load_claims(path)
    assert str(e.value) == ("claims.yaml: expected the keys 'claims' and (optionally) 'tolerances' (source tags "
                            "resolve through helpers/present/references.yaml)")


# ------------------------------------------------------------------------------ evaluation at its edges

def test_at_least_and_at_most_ignore_the_size_of_the_difference(tmp_path, data):
    claims = [claim("b.least.ira", "tweets", 4, compare="at_least"),
              claim("b.most.ira", "tweets", 6, compare="at_most"),
              claim("b.equal.ira", "tweets", 4)]
    t = evaluate(tmp_path, data, claims)
    assert t["status"].tolist() == ["matches", "matches", "differs"]
    assert t["difference"].tolist() == [1.0, -1.0, 1.0]


def test_a_difference_equal_to_the_tolerance_matches(tmp_path, data):
    """5 tweets, published 2, absolute tolerance 2.999999999999: the difference 3 is the limit plus the 1e-12
    allowed for float error (3 == 2.999999999999 + 1e-12 in binary floating point), so it matches."""
    assert 2.999999999999 + 1e-12 == 3.0
    t = evaluate(tmp_path, data, [claim("l.edge.ira", "tweets", 2, tolerance={"absolute": 2.999999999999}),
                                  claim("l.out.ira", "tweets", 2, tolerance={"absolute": 2.99999999999})])
    assert t["status"].tolist() == ["matches", "differs"]


def test_a_known_discrepancy_rewords_only_a_difference(tmp_path, data):
    claims = [{**claim("k.same.ira", "users_rows", 3), "known_discrepancy": "Twitter says 4"},
              {**claim("k.off.ira", "users_rows", 4), "known_discrepancy": "Twitter says 4"},
              {**claim("k.gone.gru", "users_rows", 4, op="gru"), "known_discrepancy": "Twitter says 4"}]
    t = evaluate(tmp_path, data, claims)
    assert t["status"].tolist() == ["matches", scorecard.KNOWN_DISCREPANCY, "cannot be computed"]
    assert scorecard.KNOWN_DISCREPANCY == "differs (known discrepancy of the source)"
    t = evaluate(tmp_path, data, claims, synthetic=True, scale=0.5)
    assert t["status"].tolist() == ["matches (by construction)", scorecard.KNOWN_DISCREPANCY, "cannot be computed"]


def test_rows_of_a_claim_without_a_metric_and_of_a_two_helper_metric(tmp_path, data):
    data_file = {"claims": {"S": [
        {**claim("r.none.ira", None, None, tolerance=None), "reason": "not recomputed"},
        claim("r.peak.ira", "language_peak_ratio", 2, tolerance={"relative": 0.05}, first="ru", then="en"),
        claim("r.span.ira", "tweets_on_days", 3, start="2014-07-16", end="2015-01-01"),
        claim("r.share.ira", "retweet_share", 0.4, tolerance={"absolute": 0.001})]},
        "tolerances": [{"relative": 0.05, "reason": "a  ratio of\npeaks"}, {"absolute": 0.001, "reason": "printed"}]}
    claims = _load_file(tmp_path, data_file)
    release = Opened(ops=["ira", "iranian"], tables={"ira": ("tweets", "users"), "iranian": ("tweets",)})
    t = scorecard.evaluate(claims, release, scorecard.Frames(tweets=data[0], users=data[1])).set_index("id")
    none = t.loc["r.none.ira"]
    assert (none["helpers"], none["unit"], none["window"], none["tolerance"], none["noun"],
            none["tolerance_reason"], none["status"], none["reason"]) == (
        "", "", "", "", "", "", "cannot be computed", "not recomputed")
    assert math.isnan(none["computed"]) and math.isnan(none["difference"]) and math.isnan(none["expected"])
    peak = t.loc["r.peak.ira"]
    assert peak["helpers"] == "helpers.metrics.timeline.counts_by_period, helpers.metrics.timeline.peaks"
    assert (peak["tolerance"], peak["tolerance_reason"], peak["window"]) == (
        "±5% of the published value", "a ratio of peaks", "")
    # ru peaks in 2014-07 (2 tweets), en in 2015-01 and 2016-03 (1 each): 2 / 1
    assert (peak["computed"], peak["status"]) == (2.0, "matches")
    assert t.loc["r.span.ira", "window"] == "2014-07-16..2015-01-01"
    assert t.loc["r.span.ira", "computed"] == 3
    assert t.loc["r.share.ira", "tolerance"] == "±0.1 percentage points"   # a share's absolute bound


def test_a_window_inside_one_year_is_named_by_its_days(tmp_path, data):
    days = claim("w.days.ira", "tweets_on_days", 2, start="2014-07-16", end="2014-07-20")
    t = evaluate(tmp_path, data, [days], start=dt.date(2015, 1, 1))
    assert t.loc[0, "reason"] == "2014-07-16 to 2014-07-20 is outside the date range 2015-01-01 to end of data"


def test_a_metric_without_a_value_says_so(tmp_path, frames):
    """Follower counts all missing: the most followed account has no count (pd.NA), not a crash."""
    tweets = frames.tweets([{"op": "ira", "userid": "a", "tweet_time": "2016-01-01 10:00"}], ops=["ira"])
    users = frames.users([{"op": "ira", "userid": "a", "user_screen_name": "A", "follower_count": None}], ops=["ira"])
    assert users["follower_count"].isna().all()
    t = evaluate(tmp_path, (tweets, users), [claim("v.max.ira", "max_followers", 5)], ops=["ira"],
                 tables={"ira": ("tweets", "users")})
    assert (t.loc[0, "status"], t.loc[0, "reason"]) == ("cannot be computed", "no value on this data")
    assert math.isnan(t.loc[0, "computed"])


def test_a_release_whose_manifest_lists_no_operations_holds_none(tmp_path, data):
    release = Opened(ops=["ira"], tables={"ira": ("tweets",)})
    release.manifest = {}
    t = scorecard.evaluate(load(tmp_path, claim("m.ira", "tweets", 5)), release, scorecard.Frames(tweets=data[0]))
    assert t.loc[0, "reason"] == "the release holds no file for operation 'ira'"


# ------------------------------------------------------------------- adapters where there is no value

def test_an_operation_without_hashtags_has_no_hashtag_tweets(frames):
    """The whole-file span of an operation with no hashtag at all is empty: 0 tweets, not a day's count."""
    tweets = frames.tweets([{"op": "ira", "userid": "a", "tweet_time": "2016-01-01 10:00"},
                            {"op": "iranian", "userid": "b", "tweet_time": "2016-01-02 10:00"}], ops=["ira", "iranian"])
    tags = pd.DataFrame({"op": pd.Categorical(["ira"], categories=["ira", "iranian"]), "tweetid": ["1"],
                         "tweet_time": pd.to_datetime(["2016-01-01 10:00"], utc=True), "item": ["MH17"]})
    fr = scorecard.Frames(tweets=tweets, hashtags=tags)
    assert value(fr, "hashtag_tweets", "iranian", hashtag="MH17") == 0
    assert value(fr, "hashtag_tweets", "ira", hashtag="mh17") == 1


def test_an_operation_the_tables_do_not_hold_gives_nan_not_none(crafted):
    for metric in ("retweet_share", "zero_engagement_share", "max_followers"):
        got = value(crafted, metric, "gru")
        assert isinstance(got, float) and math.isnan(got), metric
    got = value(crafted, "max_followers", "iranian")   # no users file for iranian
    assert isinstance(got, float) and math.isnan(got)


def test_peak_year_of_an_operation_without_tweets_cannot_be_computed(frames):
    tweets = frames.tweets([{"op": "ira", "userid": "a", "tweet_time": "2016-01-01 10:00"}], ops=["ira", "iranian"])
    with pytest.raises(scorecard.NotComputable) as e:
        value(scorecard.Frames(tweets=tweets), "peak_year", "iranian")
    assert str(e.value) == "no tweets"


def test_an_unknown_bin_lists_the_bins_in_order(crafted):
    with pytest.raises(scorecard.NotComputable) as e:
        value(crafted, "accounts_in_bin", column="follower_count", bin="<=5")
    assert str(e.value) == "no bin '<=5' (bins: 0, <=10, <=50, <=100, <=500, <=1,000, <=2,000, more)"


def test_frames_say_what_they_cannot_give(crafted_release, tmp_path):
    with pytest.raises(KeyError) as e:
        scorecard.Frames()["tweets"]
    assert e.value.args == ("no frame 'tweets' was given and there is no release to load it from",)
    with pytest.raises(KeyError) as e:
        scorecard.Frames(crafted_release)["retweets"]
    assert e.value.args == ("retweets",)
    with pytest.raises(scorecard.NotComputable) as e:
        value(scorecard.Frames(tweets=None, users=None), "max_followers")
    assert str(e.value) == "the release holds no users file"


def test_frames_of_a_release_read_the_users_columns_the_metrics_need(crafted_release):
    users = scorecard.Frames(crafted_release)["users"]
    assert list(users.columns) == ["op", *scorecard.CLAIM_USER_COLUMNS]
    assert list(users["user_screen_name"]) == ["Alpha", "Beta", "Gamma", "Delta"]


def test_a_release_without_a_users_file_gives_no_users_frame(tmp_path):
    from conftest import ReleaseBuilder
    builder = ReleaseBuilder(tmp_path / "release", tmp_path / "cache")
    builder.write("ira_tweets_csv_hashed.csv", [builder.tweet(tweet_time="2016-01-01 10:00")])
    fr = scorecard.Frames(builder.open())
    assert fr["users"] is None
    with pytest.raises(scorecard.NotComputable) as e:
        value(fr, "max_followers")
    assert str(e.value) == "the release holds no users file"
    assert value(fr, "tweets") == 1


def test_texts_of_an_operation_whose_name_holds_a_colon(tmp_path):
    """Operation names are file stems (or op_names renames): `texts:<op>` takes all after the first colon."""
    from conftest import ReleaseBuilder
    builder = ReleaseBuilder(tmp_path / "release", tmp_path / "cache")
    builder.write("ira_tweets_csv_hashed.csv", [builder.tweet(tweet_time="2016-01-01 10:00", tweet_text="Syria")])
    builder.write("iranian_tweets_csv_hashed.csv",
                  [builder.tweet(tweet_time="2016-01-01 10:00", tweet_text="Russia and Syria"),
                   builder.tweet(tweet_time="2016-01-02 10:00", tweet_text="Russia")])
    fr = scorecard.Frames(builder.open(rename={"iranian": "iran:2019"}))
    assert value(fr, "term_rank", "iran:2019", term="Syria", terms=["Russia", "Syria"]) == 2
    assert value(fr, "term_rank", "ira", term="Syria", terms=["Russia", "Syria"]) == 1


def test_adapters_say_why_they_have_no_value(crafted):
    with pytest.raises(scorecard.NotComputable) as e:
        value(crafted, "language_peak_lag", first="ru", then="de")
    assert str(e.value) == "no tweet in language de"
    with pytest.raises(scorecard.NotComputable) as e:
        value(crafted, "domain_tweets", "gru", domain="rt.com")
    assert str(e.value) == "no tweet with a URL"
    with pytest.raises(scorecard.NotComputable) as e:
        value(crafted, "domain_share", domain="rt.com", of="all")
    assert str(e.value) == "'of' must be tweets or url_tweets, not 'all'"


def test_texts_of_an_operation_are_its_rows_only(crafted_release):
    """`texts:<op>` is the engine scoped to one operation (its 3 tweets), not every operation's 12."""
    fr = scorecard.Frames(crafted_release)
    assert fr["texts:iranian"].query("SELECT count(*) AS n FROM {tweets}")["n"].iloc[0] == 3
    assert fr["texts:ira"].query("SELECT DISTINCT op FROM {tweets}")["op"].tolist() == ["ira"]


def test_the_claims_file_is_read_as_utf8_whatever_the_locale(tmp_path):
    """A claims file with non-ASCII text, read by a Python whose locale encoding is ASCII (C locale, no UTF-8
    mode, no locale coercion): the file is read as UTF-8, not in the locale's encoding."""
    import subprocess
    import sys

    import helpers
    path = tmp_path / "claims.yaml"
    raw = {**claim("s.u.ira", "tweets", 1), "claim": "Straße — ΣΊΣΥΦΟΣ"}
    path.write_text(yaml.safe_dump({"claims": {"S": [raw]}}, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
           "PYTHONIOENCODING": "utf-8"}
    code = ("import locale, sys; from helpers.claims import scorecard; "
            "print(locale.getpreferredencoding(False)); print(scorecard.load_claims(sys.argv[1])[0].claim)")
    done = subprocess.run([sys.executable, "-c", code, str(path)], cwd=Path(helpers.__file__).parents[1], env=env,
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode == 0, done.stderr
    encoding, text = done.stdout.splitlines()
    assert encoding.lower() in ("ascii", "ansi_x3.4-1968", "us-ascii")   # the test means something here
    assert text == "Straße — ΣΊΣΥΦΟΣ"
