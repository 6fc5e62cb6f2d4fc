"""The sample's modelled coordination (helpers.synthetic.plant) on crafted chunks: each planted kind of
action (retweet and reply rings, same-site links, same first hashtag, same headline) is aligned within a
group and day, non-members and other days are left alone, and what the scorecard counts stays."""

from __future__ import annotations

import pyarrow as pa

from helpers.synthetic import plant

EPOCH_MS = 1288834974657
COLUMNS = ("tweetid", "userid", "tweet_time", "tweet_language", "is_retweet", "retweet_tweetid", "retweet_userid",
           "urls", "hashtags", "tweet_text", "user_mentions", "in_reply_to_tweetid", "in_reply_to_userid",
           "quoted_tweet_tweetid")


def _id(time: str, k: int) -> str:
    """A snowflake id of that minute (op code 1, rank k)."""
    import pandas as pd
    ms = int(pd.Timestamp(time, tz="UTC").value // 1_000_000)
    return str(((ms + 1000 - EPOCH_MS) << 22) | (1 << 17) | k)


def _row(user, time, k, **kw) -> dict:
    row = {c: "" for c in COLUMNS}
    row.update(tweetid=_id(time, k), userid=user, tweet_time=time, tweet_language="en", is_retweet="false",
               tweet_text="plain words")
    row.update(kw)
    return row


def _chunk(rows: list[dict]) -> dict:
    return {c: pa.array([r[c] for r in rows], pa.string()) for c in COLUMNS}


def _apply(rows, groups):
    out = plant.apply(_chunk(rows), groups, "true", epoch_ms=EPOCH_MS)
    return [dict(zip(out, vals)) for vals in zip(*(out[c].to_pylist() for c in out))]


GROUPS = {"a": 0, "b": 0, "c": 1}


def test_reply_ring_takes_the_leads_target_text_prefix_mention_and_minute():
    rows = [_row("a", "2016-03-01 10:00", 1, in_reply_to_tweetid="111", in_reply_to_userid="900",
                 tweet_text="@lead hello", user_mentions="[900]"),
            _row("b", "2016-03-01 15:30", 1, in_reply_to_tweetid="222", in_reply_to_userid="901",
                 tweet_text="@other bye @x", user_mentions="[901, 5]"),
            _row("c", "2016-03-01 16:00", 1, in_reply_to_tweetid="333", in_reply_to_userid="902",
                 tweet_text="@third no", user_mentions="[902]"),
            _row("x", "2016-03-01 16:00", 2, in_reply_to_tweetid="444", in_reply_to_userid="903",
                 tweet_text="@fourth no", user_mentions="[903]")]
    out = _apply(rows, GROUPS)
    assert out[1]["in_reply_to_tweetid"] == "111" and out[1]["in_reply_to_userid"] == "900"
    assert out[1]["tweet_text"] == "@lead bye @x" and out[1]["user_mentions"] == "[900, 5]"
    assert out[1]["tweet_time"] == "2016-03-01 10:00"
    assert out[2]["in_reply_to_tweetid"] == "111" and out[2]["tweet_time"] == "2016-03-01 10:00"   # any group
    assert out[3]["in_reply_to_tweetid"] == "444" and out[3]["tweet_time"] == "2016-03-01 16:00"   # not planted
    assert int(out[1]["tweetid"]) > int(out[1]["in_reply_to_tweetid"])
    assert int(out[1]["tweetid"]) != int(out[0]["tweetid"])


def test_same_headline_copies_the_body_keeps_own_mentions_within_a_language_and_day():
    rows = [_row("a", "2016-03-01 10:00", 1, tweet_text="Big news\ntoday\n"),
            _row("b", "2016-03-01 12:00", 1, tweet_text="Other words @someone", user_mentions="[7]"),
            _row("b", "2016-03-01 12:05", 2, tweet_text="Russian words", tweet_language="ru"),
            _row("b", "2016-03-02 12:00", 1, tweet_text="Next day"),
            _row("x", "2016-03-01 12:00", 3, tweet_text="Not planted")]
    out = _apply(rows, GROUPS)
    assert out[1]["tweet_text"] == "Big news\ntoday\n @someone" and out[1]["tweet_time"] == "2016-03-01 10:00"
    assert out[2]["tweet_text"] == "Russian words"      # another language: its own lead
    assert out[3]["tweet_text"] == "Next day" and out[4]["tweet_text"] == "Not planted"
    assert [r["tweet_language"] for r in out] == [r["tweet_language"] for r in rows]


def test_same_first_hashtag_moves_to_the_leads_minute_and_keeps_every_hashtag():
    rows = [_row("a", "2016-03-01 10:00", 1, hashtags="[News, X]", tweet_text="a #News #X"),
            _row("b", "2016-03-01 18:00", 1, hashtags="[news]", tweet_text="b #news"),
            _row("b", "2016-03-01 19:00", 2, hashtags="[Other]", tweet_text="c #Other")]
    out = _apply(rows, GROUPS)
    assert out[1]["tweet_time"] == "2016-03-01 10:00" and out[2]["tweet_time"] == "2016-03-01 19:00"
    assert [r["hashtags"] for r in out] == [r["hashtags"] for r in rows]
    assert [r["tweet_text"] for r in out] == [r["tweet_text"] for r in rows]


def test_quotes_replies_without_ring_and_pre_snowflake_tweets_keep_their_time():
    rows = [_row("a", "2016-03-01 10:00", 1, tweet_text="same"),
            _row("b", "2016-03-01 11:00", 1, tweet_text="same", quoted_tweet_tweetid="5"),
            _row("a", "2010-01-01 10:00", 1, tweet_text="old"),
            _row("b", "2010-01-01 11:00", 2, tweet_text="older")]
    out = _apply(rows, GROUPS)
    assert [r["tweet_time"] for r in out] == [r["tweet_time"] for r in rows]
    assert out[3]["tweet_text"] == "older"


def test_each_account_takes_part_once_per_day_and_key_its_other_actions_stay_as_generated():
    """Generator 1.4.0: an account retweets the day's target once (aligning all of a very active account's
    same-day actions gave each planted pair hundreds squared matches at full scale); its second retweet,
    second same-site link, second tweet with the hashtag and second link-free text of the day keep their
    own target, URL, minute and text."""
    rows = [_row("a", "2016-03-01 10:00", 1, is_retweet="true", retweet_tweetid="111", retweet_userid="900",
                 tweet_text="RT @lead: one", user_mentions="[900]"),
            _row("b", "2016-03-01 12:00", 1, is_retweet="true", retweet_tweetid="222", retweet_userid="901",
                 tweet_text="RT @other: two", user_mentions="[901]"),
            _row("b", "2016-03-01 13:00", 2, is_retweet="true", retweet_tweetid="333", retweet_userid="902",
                 tweet_text="RT @third: three", user_mentions="[902]"),
            _row("a", "2016-03-02 10:00", 1, urls="[http://site.example/1]", tweet_text="x http://site.example/1"),
            _row("b", "2016-03-02 11:00", 1, urls="[http://site.example/2]", tweet_text="y http://site.example/2"),
            _row("b", "2016-03-02 11:30", 2, urls="[http://site.example/3]", tweet_text="z http://site.example/3"),
            _row("a", "2016-03-03 10:00", 1, hashtags="[News]", tweet_text="a #News"),
            _row("b", "2016-03-03 11:00", 1, hashtags="[News]", tweet_text="b #News"),
            _row("b", "2016-03-03 12:00", 2, hashtags="[News]", tweet_text="c #News"),
            _row("a", "2016-03-04 10:00", 1, tweet_text="Headline"),
            _row("b", "2016-03-04 11:00", 1, tweet_text="Second"),
            _row("b", "2016-03-04 12:00", 2, tweet_text="Third")]
    out = _apply(rows, GROUPS)
    assert (out[1]["retweet_tweetid"], out[1]["tweet_time"]) == ("111", "2016-03-01 10:00")   # b's first: planted
    assert (out[2]["retweet_tweetid"], out[2]["tweet_text"], out[2]["tweet_time"]) == (
        "333", "RT @third: three", "2016-03-01 13:00")                                         # b's second: as made
    assert (out[4]["urls"], out[4]["tweet_time"]) == ("[http://site.example/1]", "2016-03-02 10:00")
    assert (out[5]["urls"], out[5]["tweet_text"], out[5]["tweet_time"]) == (
        "[http://site.example/3]", "z http://site.example/3", "2016-03-02 11:30")
    assert out[7]["tweet_time"] == "2016-03-03 10:00" and out[8]["tweet_time"] == "2016-03-03 12:00"
    assert (out[10]["tweet_text"], out[10]["tweet_time"]) == ("Headline", "2016-03-04 10:00")
    assert (out[11]["tweet_text"], out[11]["tweet_time"]) == ("Third", "2016-03-04 12:00")
