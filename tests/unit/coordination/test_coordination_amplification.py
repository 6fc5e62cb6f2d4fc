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
