"""Field typing (helpers.data.fields): each quirk of the real files, one batch at a time."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from helpers.data import fields, schema


def strings(*values):
    return pa.array(list(values), pa.string())


# ------------------------------------------------------------------------------------------ lists

@pytest.mark.parametrize("text, expected", [
    ("", []),
    ("[]", []),
    (" [ ] ", []),
    ("[a, b]", ["a", "b"]),                                  # October 2018: unquoted items
    ("['a', 'b']", ["a", "b"]),                              # later files: Python-literal style
    ('["a", "b"]', ["a", "b"]),                              # JSON-like
    ("[2572896396]", ["2572896396"]),
    ("['#Москва', '#تهران']", ["#Москва", "#تهران"]),
])
def test_list_forms(text, expected):
    for may_contain_comma in (True, False):
        assert fields.parse_list(strings(text), may_contain_comma).to_pylist() == [expected]


def test_url_lists_keep_bare_commas_inside_urls():
    got = fields.parse_list(strings("[http://x.com/a,b, http://y.com/]",
                                    "['http://x.com/?q=1,2', 'http://t.co/x']"), True)
    assert got.to_pylist() == [["http://x.com/a,b", "http://y.com/"],
                               ["http://x.com/?q=1,2", "http://t.co/x"]]


def test_hashtag_lists_split_on_bare_commas():
    assert fields.parse_list(strings("[a,b]"), False).to_pylist() == [["a", "b"]]


def test_list_of_many_rows_keeps_row_alignment():
    arr = strings("[a]", "", "[b, c]", "[]", "['d']")
    assert fields.parse_list(arr, False).to_pylist() == [["a"], [], ["b", "c"], [], ["d"]]


# --------------------------------------------------------------------------------- scalar fields

@pytest.mark.parametrize("text, value", [("true", True), ("false", False), ("True", True),
                                         ("False", False), ("TRUE", True)])
def test_booleans_in_both_spellings(text, value):
    got, valid = fields.parse_bool(strings(text))
    assert got.to_pylist() == [value] and valid.to_pylist() == [True]


@pytest.mark.parametrize("text", ["yes", "1", "", " true"])
def test_other_booleans_are_invalid(text):
    assert fields.parse_bool(strings(text))[1].to_pylist() == [False]


@pytest.mark.parametrize("text, value", [("0", 0), ("0.0", 0), ("132", 132), ("12.0", 12), ("7.", 7),
                                         ("1.5e+06", 1_500_000), ("", None),
                                         ("999999999999999999", 999_999_999_999_999_999)])
def test_counts(text, value):
    got, valid = fields.parse_count(strings(text))
    assert got.type == pa.int64()
    assert got.to_pylist() == [value] and valid.to_pylist() == [True]


@pytest.mark.parametrize("text", ["1.5", "-3", "abc", "1e400", "9" * 30, "0x10", " 1"])
def test_bad_counts_are_invalid_and_never_raise(text):
    got, valid = fields.parse_count(strings(text))
    assert valid.to_pylist() == [False]


def test_time_is_utc_minute_resolution():
    got, valid = fields.parse_time(strings("2017-06-22 16:03", "2017-06-22 16:03:45", "2017-06-22 16:3",
                                           " 2017-06-22 16:03", "2017-06-22T16:03", ""))
    assert valid.to_pylist() == [True, True, False, False, False, False]
    assert got.type == pa.timestamp("s", tz="UTC")
    assert str(got[0].as_py()) == "2017-06-22 16:03:00+00:00"
    assert got[1].as_py().second == 45


def test_dates():
    got, valid = fields.parse_date(strings("2013-12-07", "", "2013-02-30", "07/12/2013",
                                           "2013-12-07 00:00:00"))
    assert valid.to_pylist() == [True, True, False, False, True]
    assert str(got[0].as_py()) == "2013-12-07" and got[1].as_py() is None


@pytest.mark.parametrize("text, value, ok", [("", None, True), ("absent", None, True),
                                             ("Absent", None, True), ("55.75", 55.75, True),
                                             ("-37.6", -37.6, True), ("1e999", None, False),
                                             ("north", None, False), ("95", None, False)])
def test_latitude(text, value, ok):
    got, valid = fields.parse_geo(strings(text), 90.0)
    assert valid.to_pylist() == [ok]
    if ok:
        assert got.to_pylist() == [value]


def test_ids():
    arr = strings("877919995476496385", "", "1.207965844074107e+18", "12a", "0974d5dbee4ca9bd6c3b46d62a5cb"
                  "dbd5c0d86e196b624dbfc7d18cf17b3eab5", "B+mYASwRN97N8++7scPubXmwFWOMvBl728zhh13k+q0=")
    valid, floaty = fields.check_id(arr, "userid", required=True)
    assert valid.to_pylist() == [True, False, False, False, True, True]
    assert floaty.to_pylist() == [False, False, True, False, False, False]
    valid, _ = fields.check_id(arr, "in_reply_to_tweetid", required=False)
    assert valid.to_pylist() == [True, True, False, False, False, False]  # tweet ids: digits only


def test_user_is_hashed():
    arr = strings("2572896396", "249064136b1c5cb00a705316ab73dd9b53785748ab757f02df7e7a9876906139",
                  "B+mYASwRN97N8++7scPubXmwFWOMvBl728zhh13k+q0=")
    assert fields.is_hashed_id(arr).to_pylist() == [False, True, True]


# ----------------------------------------------------------------------------------- whole batch

def raw_batch(rows: list[dict], columns=schema.TWEET_COLUMNS) -> pa.Table:
    return pa.table({c: pa.array([r.get(c, "") for r in rows], pa.string()) for c in columns})


def good_row(**kw) -> dict:
    row = {c: "" for c in schema.TWEET_COLUMNS}
    row.update(tweetid="877919995476496385", userid="2572896396", tweet_time="2017-06-22 16:03",
               is_retweet="false", follower_count="10", account_creation_date="2013-12-07")
    row.update(kw)
    return row


def test_type_batch_types_and_keeps_ids_as_text():
    raw = raw_batch([good_row(like_count="0.0", hashtags="[a, b]", latitude="absent",
                              tweet_language="ru")])
    typed = fields.type_batch(raw, "tweets", np.array([7]))
    assert typed.table.schema == schema.cache_schema("tweets")
    row = typed.table.to_pylist()[0]
    assert row["tweetid"] == "877919995476496385" and row["like_count"] == 0
    assert row["hashtags"] == ["a", "b"] and row["latitude"] is None
    assert row["source_line"] == 7 and row["user_is_hashed"] is False
    assert row["poll_choices"] is None and row["tweet_language"] == "ru"
    assert len(typed.bad_rows) == 0


def test_type_batch_quarantines_rows_whose_own_ids_fail_and_nulls_other_fields():
    raw = raw_batch([good_row(like_count="3"), good_row(tweetid="1.207965844074107e+18", like_count="1.5"),
                     good_row(like_count="1.5"), good_row(tweet_time="", retweet_count="x"),
                     good_row(is_retweet="maybe"), good_row(userid="")])
    typed = fields.type_batch(raw, "tweets", np.arange(2, 8))
    assert typed.table.num_rows == 4  # only the rows whose own ids fail are left out
    assert typed.bad_rows.tolist() == [1, 5]
    assert typed.bad_columns == ["tweetid", "userid"]
    assert typed.bad_reasons[0].startswith("id in float form")
    assert "'1.207965844074107e+18'" in typed.bad_reasons[0]
    assert typed.bad_reasons[1] == "required field userid is empty"
    # the other failures: one entry per field, in row order, never for a quarantined row
    assert typed.damaged_rows.tolist() == [2, 3, 3, 4]
    assert typed.damaged_columns == ["like_count", "tweet_time", "retweet_count", "is_retweet"]
    assert typed.damaged_values == ["1.5", "", "x", "maybe"]
    assert typed.damaged_reasons == ["count is not a whole number", "required field tweet_time is empty",
                                     "count is not a whole number", "expected true/false"]
    t = typed.table.to_pydict()
    assert t["source_line"] == [2, 4, 5, 6]
    assert t["like_count"] == [3, None, None, None] and t["follower_count"] == [10, 10, 10, 10]
    assert t["retweet_count"] == [None, None, None, None]  # 'x' nulled, the others empty
    assert t["tweet_time"][2] is None and t["tweet_time"][1] is not None
    assert t["is_retweet"] == [False, False, False, None]


@pytest.mark.parametrize("column", ["in_reply_to_tweetid", "in_reply_to_userid", "quoted_tweet_tweetid",
                                    "retweet_tweetid", "retweet_userid"])
def test_type_batch_nulls_a_secondary_id_in_float_form(column):
    raw = raw_batch([good_row(**{column: "1.2486535429502566e+17"}), good_row(**{column: "877919995476496385"})])
    typed = fields.type_batch(raw, "tweets", np.array([2, 3]))
    assert typed.table.column(column).to_pylist() == [None, "877919995476496385"]
    assert (typed.damaged_rows.tolist(), typed.damaged_columns) == ([0], [column])
    assert typed.damaged_values == ["1.2486535429502566e+17"] and typed.damaged_reasons[0].startswith("id in float")


def test_type_batch_drops_only_the_bad_mention_entry():
    raw = raw_batch([good_row(user_mentions="[2572896396, 1.2486535429502566e+17, not an id!]"),
                     good_row(user_mentions="['" + "ab" * 32 + "']")])
    typed = fields.type_batch(raw, "tweets", np.array([2, 3]))
    assert typed.table.column("user_mentions").to_pylist() == [["2572896396"], ["ab" * 32]]
    assert typed.damaged_rows.tolist() == [0, 0]
    assert typed.damaged_values == ["1.2486535429502566e+17", "not an id!"]
    assert typed.damaged_reasons[0].startswith("mention id in float form")
    assert typed.damaged_reasons[1].startswith("mention malformed id")
    assert all(r.endswith("the entry is dropped from the list") for r in typed.damaged_reasons)


def test_type_batch_keeps_extra_columns_as_text_and_fills_missing_optional():
    columns = tuple(c for c in schema.TWEET_COLUMNS if c != "poll_choices") + ("campaign",)
    raw = raw_batch([good_row(campaign="=1+1")], columns)
    typed = fields.type_batch(raw, "tweets", np.array([2]))
    assert typed.table.schema == schema.cache_schema("tweets", ("campaign",))
    row = typed.table.to_pylist()[0]
    assert row["campaign"] == "=1+1" and row["poll_choices"] is None


def test_type_batch_users():
    raw = raw_batch([{"userid": "abc" * 10, "follower_count": "5.0", "account_creation_date": "2014-06-13"},
                     {"userid": ""}], schema.USER_COLUMNS)
    typed = fields.type_batch(raw, "users", np.array([2, 3]))
    assert typed.table.column("follower_count").to_pylist() == [5]
    assert typed.bad_columns == ["userid"]
    raw = raw_batch([{"userid": "1.2e+17", "follower_count": "many"}, {"userid": "42", "follower_count": "many"}],
                    schema.USER_COLUMNS)
    typed = fields.type_batch(raw, "users", np.array([2, 3]))
    assert typed.bad_columns == ["userid"] and typed.damaged_rows.tolist() == [1]  # only the kept row's
    assert typed.table.column("follower_count").to_pylist() == [None]


def test_impossible_dates_and_times_are_invalid_not_rolled_over():
    _, valid = fields.parse_date(strings("2013-02-30", "2012-02-29", "2013-13-01"))
    assert valid.to_pylist() == [False, True, False]
    got, valid = fields.parse_time(strings("2017-06-31 16:03", "2017-06-22 16:61", "2017-06-22 24:00",
                                           "2016-02-29 23:59"))
    assert valid.to_pylist() == [False, False, False, True]
    assert str(got[3].as_py()) == "2016-02-29 23:59:00+00:00"


# ------------------------------------------------- batch paths agree with value-by-value parsing

MIXED = {
    "count": ["0", "0.0", "12", "12.0", "1.5", "", "-1", "7", "1.5e+06", "x", "3.00", "999999999999999999"],
    "userid": ["2572896396", "", "abc", "249064136b1c5cb00a705316ab73dd9b53785748ab757f02df7e7a9876906139",
               "B+mYASwRN97N8++7scPubXmwFWOMvBl728zhh13k+q0=", "1.2e+18", "12345678901234567890123", "7"],
    "list": ["", "[]", "[a, b]", "['a', 'b']", "[x]", " [ ] ", '["q"]', "[http://a.b/c,d, http://e.f]",
             "['a','b']", "['a' ,'b']", '["a","b"]', "[a,\tb]", " [x, y] ", "a, b", "[a,  b]", "[,]"],
    "geo": ["", "absent", "1.5", "-91", "x", "45"],
    "time": ["2017-06-22 16:03", "", "2017-02-30 10:00", "2017-06-22 16:03:59", "2017-06-22T16:03"],
}


def big(values, n=300, seed=3):
    rng = np.random.default_rng(seed)
    return [values[i] for i in rng.integers(0, len(values), n)]


@pytest.mark.parametrize("kind, parse", [
    ("count", fields.parse_count),
    ("userid", lambda a: fields.check_id(a, "retweet_userid", required=False)),
    ("list", lambda a: (fields.parse_list(a, True),)),
    ("list", lambda a: (fields.parse_list(a, False),)),
    ("geo", lambda a: fields.parse_geo(a, 90.0)),
    ("time", fields.parse_time),
])
def test_batch_shortcuts_give_the_same_result_as_one_value_at_a_time(kind, parse):
    """The vectorised shortcuts (distinct values once, plain-digit casts, subsets, the strict cast that
    falls back to strptime for a whole batch) must not change any single value's outcome."""
    values = big(MIXED[kind])
    together = [o.to_pylist() for o in parse(strings(*values))]
    alone = [[o.to_pylist()[0] for o in parse(strings(v))] for v in values]
    assert together == [list(col) for col in zip(*alone)]


def test_plain_digit_counts_take_the_cast_shortcut_and_agree():
    values = [str(i % 50) for i in range(200)]
    got, valid = fields.parse_count(strings(*values))
    assert got.to_pylist() == [i % 50 for i in range(200)] and valid.false_count == 0


def test_nullify_empty_is_zero_copy_and_right_on_slices():
    arr = strings("a", "", "c", "", "e")
    out = fields.nullify_empty(arr)
    assert out.to_pylist() == ["a", None, "c", None, "e"]
    assert out.buffers()[2].address == arr.buffers()[2].address  # the text was not copied
    assert fields.nullify_empty(arr.slice(1, 3)).to_pylist() == [None, "c", None]
