"""Amplification: self-amplification shares and top targets, exact on a crafted release; an operation without
retweets says so instead of a share of zero."""

from __future__ import annotations

from helpers.coordination.amplification import amplification


def test_self_amplification_shares_and_targets(release):
    rows = [
        release.tweet(user="1001", user_screen_name="A", is_retweet=True, retweet_userid="1002", retweet_tweetid="5",
                      tweet_text="RT @B: hi"),
        release.tweet(user="1001", user_screen_name="A", is_retweet=True, retweet_userid="1002", retweet_tweetid="6",
                      tweet_text="RT @B: again"),
        release.tweet(user="1001", user_screen_name="A", is_retweet=True, retweet_userid="555", retweet_tweetid="7",
                      tweet_text="RT @outsider: news"),
        release.tweet(user="1002", user_screen_name="B", in_reply_to_userid="1001", in_reply_to_tweetid="9"),
        release.tweet(user="1002", user_screen_name="B", user_mentions=["1001", "777"]),
    ]
    release.write("ira_tweets_csv_hashed.csv", rows)
    release.write("iranian_tweets_csv_hashed.csv", [release.tweet(user="2001", user_screen_name="C")])
    shares, targets = amplification(release.open(), top_n=5)
    s = shares.set_index(["op", "kind"])
    assert s.loc[("ira", "retweet"), "actions"] == 3 and s.loc[("ira", "retweet"), "to own accounts"] == 2
    assert s.loc[("ira", "reply"), "share"] == 1.0 and s.loc[("ira", "mention"), "share"] == 0.5
    assert s.loc[("iranian", "retweet"), "actions"] == 0
    assert s.loc[("iranian", "retweet"), "note"] == "no retweets in the run"
    rt = targets[(targets["op"] == "ira") & (targets["kind"] == "retweet")]
    assert rt[["name", "inside", "actions"]].values.tolist() == [["B", True, 2], ["outsider", False, 1]]


def test_counted_a_batch_at_a_time_the_tables_are_those_of_one_batch(release, monkeypatch):
    """Counts add up across batches; an outside account keeps the first name its retweets' texts give it (a
    later batch naming it otherwise changes nothing); an own account is named as first seen; the dtypes
    stay (target as text, actions as integers)."""
    from helpers.coordination import amplification as amp

    rows = [release.tweet(user="1001", user_screen_name="A", is_retweet=True, retweet_userid="555",
                          retweet_tweetid=str(10 + i), tweet_text=f"RT @{'first' if i < 2 else 'later'}: x{i}")
            for i in range(5)]
    rows += [release.tweet(user="1002", user_screen_name="B", is_retweet=True, retweet_userid="1001",
                           retweet_tweetid=str(20 + i), tweet_text="no prefix") for i in range(3)]
    rows += [release.tweet(user="1003", user_screen_name="C", user_mentions=["1001", "888"]) for _ in range(4)]
    release.write("ira_tweets_csv_hashed.csv", rows)
    data = release.open()
    whole = amp.amplification(data, top_n=5)
    monkeypatch.setattr(amp, "BATCH_ROWS", 2)
    batched = amp.amplification(data, top_n=5)
    assert whole[0].equals(batched[0]) and whole[1].equals(batched[1])
    monkeypatch.setattr(amp, "FOLD_ROWS", 1)   # the parts folded after every batch: the same tables
    folded = amp.amplification(data, top_n=5)
    assert whole[0].equals(folded[0]) and whole[1].equals(folded[1])
    t = batched[1].set_index(["kind", "target"])
    assert t.loc[("retweet", "555"), "name"] == "first" and t.loc[("retweet", "555"), "actions"] == 5
    assert t.loc[("retweet", "1001"), ["name", "inside", "actions"]].tolist() == ["A", True, 3]
    assert t.loc[("mention", "888"), "actions"] == 4 and str(batched[1]["actions"].dtype) == "int64"
    assert str(batched[1]["target"].dtype) == "str"


def test_an_outside_account_whose_retweets_name_no_one_is_named_by_its_user_id(release):
    """A retweet text without `RT @name:` gives no name (not an empty one): the account is shown by its id, and
    a later text that does name it gives that name."""
    rows = [release.tweet(user="1001", user_screen_name="A", is_retweet=True, retweet_userid="555",
                          retweet_tweetid="10", tweet_text="no prefix"),
            release.tweet(user="1001", user_screen_name="A", is_retweet=True, retweet_userid="666",
                          retweet_tweetid="11", tweet_text="no prefix either"),
            release.tweet(user="1001", user_screen_name="A", is_retweet=True, retweet_userid="666",
                          retweet_tweetid="12", tweet_text="RT @named_later: x")]
    release.write("ira_tweets_csv_hashed.csv", rows)
    _, targets = amplification(release.open(), top_n=5)
    names = targets[targets["kind"] == "retweet"].set_index("target")["name"].to_dict()
    assert names == {"555": "555", "666": "named_later"}
