"""The scorecard read through the out-of-core engine (`Frames(release)`: `release.engine().whole()`) gives,
claim by claim, the value and status it gives on frames of every tweet (`Frames(**frames)`, what notebook 09
loaded before the engine): on a synthetic sample with and without a date window (the whole-file claims ignore
it). The frames are the oracle; they are loaded here as `Frames` loaded them."""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd
import pytest

from helpers.claims import scorecard
from helpers.data import load
from helpers.data.engine import Engine, Items
from helpers.metrics import content

WINDOWS = [{}, {"start": dt.date(2014, 7, 16), "end": dt.date(2016, 6, 23)}]


def _open(root, **window):
    return load.open_release(root / "release", cache_root=root / "cache", progress=False, log=lambda *a: None,
                             **window)


def frames_of(release) -> scorecard.Frames:
    """Whole-file frames of every operation with a tweets file, as `Frames` loaded them before the engine."""
    tweet_ops, user_ops = release.ops_with("tweets"), release.ops_with("users")
    given = {"tweets": release.tweets(list(scorecard.CLAIM_TWEET_COLUMNS), ops=tweet_ops, dated=False),
             "users": release.users(list(scorecard.CLAIM_USER_COLUMNS), ops=user_ops) if user_ops else None,
             "hashtags": release.exploded("hashtags", ["tweetid", "tweet_time"], ops=tweet_ops, dated=False),
             "urls": content.with_domains(release.exploded("urls", ["tweetid"], ops=tweet_ops, dated=False))}
    for op in tweet_ops:
        given[f"texts:{op}"] = release.tweets(["tweet_text"], ops=[op], dated=False)
    return scorecard.Frames(**given)


@pytest.fixture(scope="module", params=WINDOWS, ids=["whole release", "window"])
def both(request, small_sample):
    """(scorecard through the engine, scorecard on frames, release) of the sample, every claim."""
    release = _open(small_sample, **request.param)
    claims = scorecard.load_claims()
    engine_frames = scorecard.Frames(release)
    by_engine = scorecard.evaluate(claims, release, engine_frames)
    on_frames = scorecard.evaluate(claims, release, frames_of(release))
    return by_engine, on_frames, engine_frames


def test_every_claim_has_the_same_value_and_status(both):
    by_engine, on_frames, _ = both
    assert list(by_engine["id"]) == list(on_frames["id"])
    differ = []
    for e, f in zip(by_engine.itertuples(), on_frames.itertuples()):
        same_value = (math.isnan(e.computed) and math.isnan(f.computed)) or e.computed == f.computed
        if not same_value or e.status != f.status or e.reason != f.reason:
            differ.append(f"{e.id}: engine {e.computed!r} {e.status} {e.reason!r}; "
                          f"frames {f.computed!r} {f.status} {f.reason!r}")
    assert not differ, "\n".join(differ)
    pd.testing.assert_frame_equal(by_engine, on_frames)


def test_the_comparison_is_not_vacuous(both):
    """Most claims get a number on the sample, and every metric a claim names is computed at least once:
    the equality above covers each adapter, not only the reasons why none could be computed."""
    by_engine, _, _ = both
    computed = by_engine[by_engine["status"] != scorecard.SYNTHETIC_STATUS[scorecard.CANNOT]]
    assert len(computed) > 0.8 * len(by_engine)
    metrics = {c.id: c.metric for c in scorecard.load_claims()}
    # the sample names none of DFRLab's big accounts: account_likes_rank is compared by the test below
    assert {metrics[i] for i in computed["id"]} == set(scorecard.METRICS) - {"account_likes_rank"}
    assert (computed["computed"] > 0).sum() > 0.5 * len(computed)


def test_frames_of_a_release_hold_no_row_per_tweet(both):
    """What the metrics read from a release is the engine (whole files) and its item tables; only the users
    file, one row per account, comes into the kernel as a frame."""
    _, _, fr = both
    assert isinstance(fr["tweets"], Engine) and isinstance(fr["texts:ira"], Engine)
    assert isinstance(fr["hashtags"], Items) and isinstance(fr["urls"], Items)
    assert fr["texts:ira"].query("SELECT DISTINCT op FROM {tweets}")["op"].tolist() == ["ira"]
    # whole files: the run's date window does not narrow the scorecard's tweets
    whole = fr["tweets"].query("SELECT count(*) AS n FROM {tweets}")["n"].iloc[0]
    assert whole == fr.release.window_counts()["tweets"].sum()
    assert isinstance(fr["users"], pd.DataFrame)


def test_account_likes_rank_is_the_same_through_the_engine(both):
    """The one metric the sample's claims cannot reach (its accounts are not DFRLab's), on named accounts of
    the sample: ranks from 1 to past the hundredth, in both operations."""
    _, _, fr = both
    oracle = frames_of(fr.release)
    rank = scorecard.METRICS["account_likes_rank"].fn
    users = fr["users"].dropna(subset=["user_screen_name"])
    checked = []
    for op in ("ira", "iranian"):
        names = users.loc[users["op"] == op, "user_screen_name"].drop_duplicates().head(40)
        for name in names:
            try:
                expected = rank(oracle, op, screen_name=name)
            except scorecard.NotComputable as exc:
                with pytest.raises(scorecard.NotComputable, match=re.escape(str(exc))):
                    rank(fr, op, screen_name=name)
                continue
            assert rank(fr, op, screen_name=name.upper()) == expected, (op, name)
            checked.append(expected)
    assert len(checked) >= 20 and min(checked) >= 1 and len(set(checked)) >= 10
