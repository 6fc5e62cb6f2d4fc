"""The cross-operation fingerprint (helpers.metrics.fingerprint, SQL in fingerprint_sql over
the engine's views (helpers.data.engine)) against the pandas metrics on the same data: a small synthetic archive of five
datasets in four disclosure formats (October 2018, 2019 parts and zip, February 2021, December 2021 per-year
files), with a tweet repeated across parts (set aside by the ingest: not counted twice)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from helpers.data import load, operations, schema
from helpers.metrics import accounts, clients, content, core, engagement, fingerprint, timeline
from helpers.synthetic.archive import write_archive_sample

KEYS = ("ira", "iran_201901_1", "russia_201901_1", "GRU_202012", "REA_0621")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("fp")
    marker = write_archive_sample(root / "release", KEYS, tweets=150, seed=3, duplicate_across_parts=["iran_201901_1"])
    release = load.open_release(root / "release", cache_root=root / "cache", progress=False, log=lambda *a: None)
    return release, marker


def _fingerprint(release):
    zones = {op: operations.time_zone(op) for op in release.ops}
    return fingerprint.of_engine(release.engine(), release.ops, zones).set_index("op")


@pytest.fixture(scope="module")
def fp(archive):
    return _fingerprint(archive[0])


@pytest.fixture(scope="module")
def tweets(archive):
    return archive[0].tweets()


def test_one_row_per_operation_in_the_run_order_with_every_column(archive, fp):
    release, marker = archive
    assert list(fp.index) == release.ops and len(fp) == len(KEYS)
    assert list(fp.reset_index().columns) == list(fingerprint.COLUMNS)
    assert marker["ops"]["iran_201901_1"]["damage"]["duplicate_tweetid"] is not None
    assert set(fingerprint.CACHE_COLUMNS) <= set(schema.cache_schema("tweets").names)


def test_sizes_span_and_shares_match_pandas(fp, tweets):
    assert fp["tweets"].to_dict() == tweets.groupby("op", observed=True).size().to_dict()
    assert fp.loc["iran_201901_1", "tweets"] == 150      # the repeated tweet is counted once
    rt = core.retweet_share(tweets)
    assert fp["retweet_share"].to_dict() == pytest.approx({op: float(rt[op]) for op in fp.index})
    kinds = core.kind_counts(tweets).set_index(["op", "kind"])["share"]
    for op in fp.index:
        assert fp.loc[op, "reply_share"] == pytest.approx(kinds[(op, "reply")])
        t = tweets[tweets["op"] == op]
        assert fp.loc[op, "first_tweet"] == t["tweet_time"].min() and fp.loc[op, "last_tweet"] == t["tweet_time"].max()
        assert fp.loc[op, "active_days"] == (t["tweet_time"].max() - t["tweet_time"].min()).days + 1


def test_accounts_and_creation_years_match_pandas(archive, fp, tweets):
    users = archive[0].users()
    ov = core.overview(tweets, users).set_index("op")
    for op in fp.index:
        assert fp.loc[op, "accounts"] == ov.loc[op, "accounts_in_users_file"]
        hashed = ov.loc[op, "hashed_accounts"] / (ov.loc[op, "hashed_accounts"] + ov.loc[op, "unhashed_accounts"])
        assert fp.loc[op, "hashed_share"] == pytest.approx(hashed)
        assert fp.loc[op, "tweets_per_account"] == pytest.approx(fp.loc[op, "tweets"] / fp.loc[op, "accounts"])
        per_year = accounts.created_per_year(users[users["op"] == op])
        years = np.repeat(per_year["year"].to_numpy(), per_year["accounts"].to_numpy())
        assert fp.loc[op, "created_median_year"] == np.sort(years)[len(years) // 2 - (len(years) % 2 == 0)]
        top = per_year.sort_values(["accounts", "year"], ascending=[False, True]).iloc[0]
        assert fp.loc[op, "created_peak_year"] == top["year"]
    assert set(fp["hashed_share"].round(6)) != {fp["hashed_share"].round(6).iloc[0]}   # traits differ by dataset


def test_languages_and_clients_match_pandas(fp, tweets):
    top = core.top_values(tweets, "tweet_language", 1).set_index("op")
    auto = clients.automated_share(tweets)
    client = core.top_values(tweets, "tweet_client_name", 1).set_index("op")
    for op in fp.index:
        assert fp.loc[op, "top_language"] == top.loc[op, "value"]
        assert fp.loc[op, "top_language_share"] == pytest.approx(top.loc[op, "share"])
        assert fp.loc[op, "automated_share"] == pytest.approx(auto[op])
        assert fp.loc[op, "top_client"] == client.loc[op, "value"]
    drawn = timeline.languages_drawn(tweets, {op: () for op in fp.index})
    for op in fp.index:
        coded = [v for v in drawn[op] if v not in timeline.UNCODED_LANGUAGES]
        assert fp.loc[op, "languages_5pct"] == len(coded)
    assert fp["automated_share"].max() > 0


def test_domains_and_hashtags_match_pandas(archive, fp, tweets):
    release = archive[0]
    urls = release.exploded("urls", ["tweetid"])
    dom = content.top_domains(urls, tweets.groupby("op", observed=True).size(), 1).set_index("op")
    tags = content.top_items(release.exploded("hashtags", ["tweetid"]), 1).set_index("op")
    for op in fp.index:
        assert fp.loc[op, "top_domain"] == dom.loc[op, "item"]
        assert fp.loc[op, "top_domain_share"] == pytest.approx(dom.loc[op, "share"])
        assert fp.loc[op, "top_hashtag"] == tags.loc[op, "item"]
        assert fp.loc[op, "top_hashtag_share"] == pytest.approx(tags.loc[op, "share"])
    # the generator links to t.co or the operation's own site: registered domains kept whole (not "example")
    assert fp.loc["ira", "top_domain"] in {"t.co", "ira-news.example"}
    own = {f"{k.split('_')[0].lower()}-news.example" for k in KEYS}
    assert set(fp["top_domain"].dropna()) <= {"t.co"} | own


def test_engagement_matches_pandas(fp, tweets):
    totals = engagement.totals(tweets).set_index("op")
    zero = engagement.zero_share(tweets).query("metric == 'any engagement'").set_index("op")["share_zero"]
    for op in fp.index:
        total = int(totals.loc[op, ["likes", "retweets", "replies", "quotes"]].sum())
        assert fp.loc[op, "engagement_per_tweet"] == pytest.approx(total / fp.loc[op, "tweets"])
        assert fp.loc[op, "no_engagement_share"] == pytest.approx(zero[op])


def test_posting_hours_in_home_time_match_pandas(fp, tweets):
    zones = {op: operations.time_zone(op) for op in fp.index}
    weekly = timeline.hour_profile(tweets, zones, weekly=True)
    office = timeline.working_hours_share(weekly)
    daily = timeline.hour_profile(tweets, zones)
    for op in fp.index:
        assert fp.loc[op, "home_zone"] == zones[op]
        assert fp.loc[op, "office_hours_share"] == pytest.approx(office[op])
        d = daily[daily["op"] == op].sort_values(["tweets", "hour"], ascending=[False, True])
        assert fp.loc[op, "peak_local_hour"] == d.iloc[0]["hour"]
    assert fp.loc["ira", "home_zone"] == "Europe/Moscow"


def test_the_date_window_applies_as_in_every_load(archive):
    release = archive[0]
    windowed = load.ReleaseData(release.manifest, release.cache_dir, release.ops, dt.date(2018, 1, 1),
                                dt.date(2018, 6, 30))
    fp = _fingerprint(windowed)
    counts = windowed.tweets(["tweet_time"]).groupby("op", observed=True).size()
    assert fp["tweets"].to_dict() == {op: int(counts.get(op, 0)) for op in release.ops}
    assert fp["tweets"].sum() < _fingerprint(release)["tweets"].sum()


def test_an_operation_without_tweets_keeps_its_row(archive):
    release = archive[0]
    fp = fingerprint.of_engine(release.engine(), [*release.ops, "nobody"], {})
    row = fp.set_index("op").loc["nobody"]
    assert row["tweets"] == 0 and pd.isna(row["retweet_share"]) and pd.isna(row["languages_5pct"])


def test_standardised_features_and_matrix():
    fp = pd.DataFrame({"op": ["a", "b", "c"], "tweets": [10, 100, 1000], "retweet_share": [0.2, 0.2, 0.2],
                       "reply_share": [0.1, np.nan, 0.3]})
    feats = [fingerprint.Feature("tweets", "tweets (log)", log=True), fingerprint.Feature("retweet_share", "rt"),
             fingerprint.Feature("reply_share", "reply")]
    long = fingerprint.standardised(fp, feats)
    z = long.pivot(index="op", columns="feature", values="z")
    assert z["tweets (log)"].round(6).tolist() == pytest.approx([-1.224745, 0, 1.224745])
    assert z["rt"].tolist() == [0, 0, 0]                      # no spread: every op at the mean
    assert np.isnan(z.loc["b", "reply"])
    points, order = fingerprint.matrix(long, ["c", "b", "a"])
    assert order == ["tweets (log)", "rt", "reply"] and points[1, 2] == 0 and points[0, 0] > 0


def test_display_order_is_by_disclosure_then_attribution():
    ops = ["zzz_unknown", "rea_0621", "iranian", "ira", "gru_202012", "armenia_202012", "iran_202012", "ira_202012"]
    order = fingerprint.display_order(ops)
    assert order[:2] == ["iranian", "ira"] and order[-1] == "zzz_unknown"   # Iran before Russia
    feb_2021 = order[2:6]
    assert feb_2021 == ["armenia_202012", "iran_202012", "gru_202012", "ira_202012"]   # Armenia, Iran, Russia
    assert order[6] == "rea_0621"
    assert fingerprint.disclosure_breaks(order) == [2, 6, 7]


# --- coordination features: notebook 10's calibrated coverage joined in, only when it counted the same tweets

def _coverage(tweets: dict[str, int]) -> pd.DataFrame:
    rows = []
    for op, n in tweets.items():
        for network, share in (("co_retweet", 0.25), ("co_tweet", 0.5), ("co_link", 0.75)):
            rows.append({"op": op, "network": network, "tweets": n, "accounts beyond chance share": share
                         + (0.01 if op == "b" else 0.0)})
    return pd.DataFrame(rows)


def test_with_coordination_takes_the_co_retweet_and_co_tweet_shares_of_the_same_tweets():
    fp = pd.DataFrame({"op": ["a", "b", "c"], "tweets": [10, 20, 0]})
    out, why = fingerprint.with_coordination(fp, _coverage({"a": 10, "b": 20}))
    assert why is None
    assert out["coordinated_co_retweet"].tolist()[:2] == [0.25, 0.26]
    assert out["coordinated_co_tweet"].tolist()[:2] == [0.5, 0.51]
    assert out[["coordinated_co_retweet", "coordinated_co_tweet"]].iloc[2].isna().all()  # c: not in the coverage
    assert "coordinated_co_link" not in out and list(out.columns[:2]) == ["op", "tweets"]
    assert "coordinated_co_retweet" not in fp   # the input is left as it was


@pytest.mark.parametrize("coverage, reason", [
    (None, "has not run"), (pd.DataFrame(), "has not run"),
    (_coverage({"a": 10, "b": 21}), "other tweets"),    # another window: b counted one tweet more
    (_coverage({"x": 10}), "other tweets"),              # other operations only
])
def test_with_coordination_leaves_the_columns_empty_and_says_why(coverage, reason):
    fp = pd.DataFrame({"op": ["a", "b"], "tweets": [10, 20]})
    out, why = fingerprint.with_coordination(fp, coverage)
    assert reason in why
    assert out[["coordinated_co_retweet", "coordinated_co_tweet"]].isna().all().all()
    assert fingerprint.features_of(out) == fingerprint.FEATURES


def test_features_of_adds_a_coordination_feature_only_where_it_has_values():
    fp = pd.DataFrame({"op": ["a", "b"], "coordinated_co_retweet": [0.1, np.nan],
                       "coordinated_co_tweet": [np.nan, np.nan]})
    assert fingerprint.features_of(fp) == (*fingerprint.FEATURES, fingerprint.COORDINATION_FEATURES[0])
    assert fingerprint.features_of(pd.DataFrame({"op": ["a"]})) == fingerprint.FEATURES
