"""Loading for analysis (helpers.data.load): typed frames, ids as text, pruned columns, date ranges, ops."""

from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest

from helpers.data import schema
from helpers.errors import MissingTableError, ProjectError


@pytest.fixture
def two_ops(release):
    """ira (2018 style, tweets and users) and iran (later style, tweets only)."""
    release.write("ira_tweets_csv_hashed.csv", [
        release.tweet(tweetid="877919995476496385", tweet_time="2017-06-22 16:03", hashtags=["a", "b"],
                      like_count="0.0", tweet_language="ru", follower_count=132),
        release.tweet(tweet_time="2017-06-23 00:00", hashtags=[], like_count=7, tweet_language="en"),
        release.tweet(tweet_time="2017-06-23 23:59", hashtags=["c"], like_count="", tweet_language="ru"),
        release.tweet(tweet_time="2017-06-24 00:00", hashtags=["d"]),
    ])
    release.write("ira_users_csv_hashed.csv", [release.user(), release.user()])
    release.write("iran_tweets_csv_hashed.csv", [
        release.tweet(tweet_time="2017-06-23 12:00", hashtags=["e", "f"], tweet_language="fa"),
    ], style="later")
    return release


def test_ids_stay_text_and_counts_are_nullable_integers(two_ops):
    t = two_ops.open().tweets(ops=["ira"])
    assert t["tweetid"].iloc[0] == "877919995476496385"
    assert isinstance(t["tweetid"].dtype, pd.StringDtype)
    # user ids repeat on every tweet of an account: categorical, and every category is the id's text
    assert isinstance(t["userid"].dtype, pd.CategoricalDtype)
    assert all(isinstance(c, str) for c in t["userid"].cat.categories)
    assert t["userid"].astype(str).str.fullmatch(r"[0-9a-f]{64}|[0-9]+").all()
    assert t["like_count"].dtype == pd.Int64Dtype()
    assert t["like_count"].tolist()[:3] == [0, 7, pd.NA]
    assert t["follower_count"].dtype == pd.Int64Dtype()
    assert t["is_retweet"].dtype == pd.BooleanDtype()
    assert str(t["tweet_time"].dtype) == "datetime64[ms, UTC]"
    assert t["source_line"].tolist() == [2, 3, 4, 5]


def test_column_pruned_loading(two_ops):
    t = two_ops.open().tweets(columns=["tweetid", "like_count"])
    assert list(t.columns) == ["op", "tweetid", "like_count"]
    assert len(t) == 5 and t["op"].tolist() == ["ira"] * 4 + ["iran"]


def test_unknown_column_is_a_clear_error(two_ops):
    with pytest.raises(ProjectError, match="ira/tweets has no column.*retweets; available: tweetid"):
        two_ops.open().tweets(columns=["tweetid", "retweets"])


@pytest.mark.parametrize("start, end, times", [
    ("2017-06-23", "2017-06-23", ["2017-06-23 00:00", "2017-06-23 12:00", "2017-06-23 23:59"]),
    (dt.date(2017, 6, 22), dt.date(2017, 6, 22), ["2017-06-22 16:03"]),
    ("2017-06-24", None, ["2017-06-24 00:00"]),
    (None, "2017-06-22", ["2017-06-22 16:03"]),
    (pd.Timestamp("2017-06-24 03:00", tz="Asia/Tehran"), None,  # 23:30 UTC on the 23rd
     ["2017-06-23 00:00", "2017-06-23 12:00", "2017-06-23 23:59", "2017-06-24 00:00"]),
])
def test_date_range_is_inclusive_utc_days(two_ops, start, end, times):
    t = two_ops.open(start=start, end=end).tweets(columns=["tweet_time"])
    assert sorted(t["tweet_time"].dt.strftime("%Y-%m-%d %H:%M")) == times


def test_date_range_can_be_switched_off_per_call(two_ops):
    data = two_ops.open(start="2017-06-23", end="2017-06-23")
    assert len(data.tweets(columns=["tweetid"], dated=False)) == 5


def test_empty_or_bad_date_range_is_refused(two_ops):
    with pytest.raises(ProjectError, match="date range is empty"):
        two_ops.open(start="2017-06-24", end="2017-06-23")
    with pytest.raises(ProjectError, match="not a date: '2017-13-45'"):
        two_ops.open(start="2017-13-45")


def test_users_of_an_op_without_users_file(two_ops):
    data = two_ops.open()
    assert data.ops_with("users") == ["ira"] and data.has("iran", "tweets")
    assert not data.has("iran", "users")
    u = data.users()
    assert len(u) == 2 and set(u["op"]) == {"ira"}
    with pytest.raises(MissingTableError) as err:
        data.users(ops=["iran"])
    msg = str(err.value)
    assert msg.startswith("The release has no users file for operation 'iran'")
    assert "iran_users_csv_hashed.csv" in msg and "\n" not in msg and "Traceback" not in msg


def test_tweets_file_without_users_file_loads(release):
    release.write("iran_tweets_csv_hashed.csv", release.tweets(2))
    data = release.open()
    assert len(data.tweets()) == 2 and data.ops_with("users") == []
    with pytest.raises(MissingTableError, match="no users file for operation 'iran'"):
        data.users()


def test_exploded_list_column(two_ops):
    long = two_ops.open().exploded("hashtags", extra=["tweetid"])
    assert list(long.columns) == ["op", "tweetid", "item"]
    assert long["item"].tolist() == ["a", "b", "c", "d", "e", "f"]
    assert long["tweetid"].iloc[0] == "877919995476496385"
    assert long["op"].tolist() == ["ira"] * 4 + ["iran"] * 2
    with pytest.raises(ProjectError, match="not a list column"):
        two_ops.open().exploded("tweet_text")


def test_categories_survive_concatenation_of_ops(two_ops):
    t = two_ops.open().tweets(columns=["tweet_language"])
    assert isinstance(t["tweet_language"].dtype, pd.CategoricalDtype)
    assert t["tweet_language"].tolist() == ["ru", "en", "ru", "ru", "fa"]


def test_ops_order_and_unknown_ops(two_ops):
    data = two_ops.open(ops=["iran", "ira"])
    assert data.tweets(columns=["tweetid"])["op"].tolist()[0] == "iran"
    with pytest.raises(ProjectError, match=r"operation\(s\) gru not in the release"):
        two_ops.open(ops=["gru"])


def test_rename_ops(two_ops):
    data = two_ops.open(rename={"iran": "iran_2018"})
    assert data.ops == ["ira", "iran_2018"]
    t = data.tweets(columns=["tweetid"], ops=["iran_2018"])
    assert len(t) == 1 and t["op"].tolist() == ["iran_2018"]
    assert data.manifest["files"]["iran_2018/tweets"]["source"]["op_in_file_name"] == "iran"
    with pytest.raises(MissingTableError, match=r"operation 'iran_2018' \(expected iran_users_csv_hashed\.csv"):
        data.users(ops=["iran_2018"])  # the file to add is named as the operation's tweets file is


def test_file_table_has_the_row_accounting(two_ops):
    table = two_ops.open().file_table()
    assert table["file"].tolist() == ["ira_tweets_csv_hashed.csv", "ira_users_csv_hashed.csv",
                                      "iran_tweets_csv_hashed.csv"]
    assert table["rows read"].tolist() == [4, 2, 1]
    assert (table["rows read"] == table["rows cached"] + table["rows quarantined"]).all()
    assert table["schema"].tolist()[0].startswith("tweets-2018")
    assert table["schema"].tolist()[2].startswith("tweets-2019")


def test_quarantine_table_counts_reasons_per_file(release):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(2) + [release.tweet(tweetid="1.2e+17")])
    table = release.open().quarantine_table()
    assert table.to_dict("records")[0]["reason"] == "id in float form"
    assert table["rows"].tolist() == [1]


def test_damaged_table_counts_nulled_fields_per_op_and_column(release):
    """The notebook-01 table: fields left empty in kept rows, per operation, column and reason."""
    release.write("ira_tweets_csv_hashed.csv", release.tweets(2) + [
        release.tweet(like_count="x", in_reply_to_tweetid="1.2486535429502566e+17"),
        release.tweet(in_reply_to_tweetid="1.2486535429502566e+17", user_mentions=["123", "4.5e+17"])])
    release.write("iran_tweets_csv_hashed.csv", [release.tweet(tweet_time="yesterday"), release.tweet()])
    data = release.open(start="2009-01-01", end="2018-12-31")
    table = data.damaged_table()
    assert list(table.columns) == ["op", "table", "column", "rows", "why", "details"]
    got = [(r["op"], r["column"], r["rows"], r["why"]) for r in table.to_dict("records")]
    assert got == [("ira", "in_reply_to_tweetid", 2, "id in float form"),
                   ("ira", "like_count", 1, "count is not a whole number"),
                   ("ira", "user_mentions", 1, "mention id in float form"),
                   ("iran", "tweet_time", 1, "unparseable time")]
    assert table["details"].str.endswith(".damaged.csv").all()
    assert data.rows_with_damaged_fields() == 3
    assert data.quarantine_table().empty and len(data.tweets(["tweetid"], ops=["ira"])) == 4
    # the tweet without a time: cached, left out of the dated load, and counted
    assert data.untimed_tweets().to_dict("records") == [{"op": "ira", "tweets": 0}, {"op": "iran", "tweets": 1}]
    assert len(data.tweets(["tweetid"], ops=["iran"])) == 1
    assert data.tweets(["tweet_time"], ops=["iran"], dated=False)["tweet_time"].isna().sum() == 1


def test_real_tweet_id_survives_to_pandas_exactly(release, real_rows):
    shutil.copy(real_rows / "tweets.csv", release.folder / "ira_tweets_csv_hashed.csv")
    t = release.open().tweets(columns=["tweetid", "retweet_tweetid"])
    assert t["tweetid"].tolist() == ["877919995476496385", "492388766930444288"]
    assert t["retweet_tweetid"].iloc[0] == "877917212119416832"
    assert int(t["tweetid"].iloc[0]) == 877919995476496385  # not rounded through float


def test_op_column_is_categorical_in_the_order_asked(two_ops):
    """The op column is built from codes (no per-row text): its categories and values follow `ops`."""
    r = two_ops.open()
    t = r.tweets(columns=["tweetid"], ops=["iran", "ira"])
    assert list(t["op"].cat.categories) == ["iran", "ira"]
    assert t["op"].tolist() == ["iran"] + ["ira"] * 4
    long = r.exploded("hashtags", ops=["iran", "ira"])
    assert list(long["op"].cat.categories) == ["iran", "ira"]
    assert long["op"].tolist() == ["iran", "iran", "ira", "ira", "ira", "ira"]


def test_window_counts_say_what_falls_outside_the_window(two_ops):
    c = two_ops.open(start="2017-06-23", end="2017-06-23").window_counts().set_index("op")
    assert c.loc["ira", ["tweets", "before", "inside", "after", "undated"]].tolist() == [4, 1, 2, 1, 0]
    assert c.loc["iran", ["tweets", "before", "inside", "after"]].tolist() == [1, 0, 1, 0]
    assert str(c.loc["ira", "first_tweet"]) == "2017-06-22 16:03:00+00:00"
    assert str(c.loc["ira", "last_tweet"]) == "2017-06-24 00:00:00+00:00"
    whole = two_ops.open().window_counts().set_index("op")
    assert (whole["inside"] == whole["tweets"]).all() and not whole[["before", "after"]].any().any()
    # one open side: only the other side can leave tweets out
    c = two_ops.open(start="2017-06-23").window_counts().set_index("op")
    assert c.loc["ira", ["before", "inside", "after"]].tolist() == [1, 3, 0]


def test_window_statement_names_each_operation_and_what_fell_out(two_ops):
    from helpers.run import notebook, params
    p = params.from_file(start="2017-06-23", end="2017-06-23", op_labels={"ira": "IRA"})
    text = notebook.window_statement(two_ops.open(start=p.start, end=p.end).window_counts(), p)
    assert "Date window set: 2017-06-23 to 2017-06-23" in text
    assert "IRA 1 before and 1 after (50.0% of its 4 tweets)" in text
    assert "iran" not in text.split("Outside it")[1]  # nothing of iran fell out
    whole = params.from_file(op_labels={"ira": "IRA"})
    text = notebook.window_statement(two_ops.open().window_counts(), whole)
    assert text.startswith("No date window: every tweet of every operation")
    assert "IRA 2017-06-22 to 2017-06-24" in text and "iran 2017-06-23 to 2017-06-23" in text


def test_an_operation_of_a_few_tweets_loads_beside_a_large_one(release):
    """Columns null in every row of one operation (no retweet among three tweets) come back with empty
    categories of another dtype: several operations must still concatenate (seen on a real 2019 file)."""
    release.write("ira_tweets_csv_hashed.csv", release.tweets(20) + [
        release.tweet(is_retweet=True, retweet_userid="2882331822", retweet_tweetid="877919995476496385")])
    release.write("rea_0621_tweets_csv_hashed.csv", release.tweets(3), style="later")
    data = release.open()
    t = data.tweets()
    assert len(t) == 24 and t["op"].value_counts().to_dict() == {"ira": 21, "rea_0621": 3}
    for col in ("userid", "retweet_userid", "in_reply_to_userid"):
        assert isinstance(t[col].dtype, pd.CategoricalDtype)
        assert all(isinstance(c, str) for c in t[col].cat.categories), col
    assert t.loc[t["retweet_userid"].notna(), "retweet_userid"].tolist() == ["2882331822"]
    assert t.loc[t["op"] == "rea_0621", "retweet_userid"].isna().all()
    assert len(data.exploded("user_mentions", extra=["userid", "retweet_userid"])) == 0


def test_parts_with_different_extra_columns_read_as_one_table(release):
    release.write("iran_201901_1_tweets_csv_hashed_1.csv", release.tweets(2, campaign_note="x"), style="later",
                  columns=(*schema.TWEET_COLUMNS, "campaign_note"))
    release.write("iran_201901_1_tweets_csv_hashed_2.csv", release.tweets(3), style="later")
    data = release.open()
    assert data.has("iran_201901_1", "tweets") and [e["part"] for e in data.entries("iran_201901_1", "tweets")] \
        == ["1", "2"]
    assert "campaign_note" in data.columns("iran_201901_1", "tweets")
    t = data.tweets(["tweetid", "campaign_note"], dated=False)
    assert list(t["campaign_note"].isna()) == [False, False, True, True, True]
    entry = data.entry("iran_201901_1", "tweets")
    assert (entry["rows_read"], entry["rows_cached"], len(entry["parts"])) == (5, 5, 2)
    assert not data.has("iran_201901_1", "users")



def test_window_counts_are_read_once_per_window_and_never_shared_by_mistake(two_ops, monkeypatch):
    data = two_ops.open()
    reads = []
    original = data._count_window                    # counted by the engine: one query per window
    monkeypatch.setattr(data, "_count_window", lambda *a, **k: reads.append(a) or original(*a, **k))
    first = data.window_counts()
    first.loc[0, "tweets"] = -1                       # a caller's edit never reaches the next caller
    assert data.window_counts()["tweets"].tolist() == [4, 1] and len(reads) == 1
    data.start = dt.date(2017, 6, 23)                 # another window: counted again
    assert data.window_counts().set_index("op").loc["ira", "before"] == 1 and len(reads) == 2
    pd.testing.assert_frame_equal(data.window_counts(), data._count_window_arrow())   # the former count
