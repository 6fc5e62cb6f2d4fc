"""helpers.data.fields: exact values at the edges where mutation testing showed room in
tests/unit/data/test_fields.py (docs/mutation-testing.md). Every test goes through the public typing
functions (`type_batch`, `parse_*`, `check_id`), so it survives a split of the module."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from test_fields import good_row, raw_batch

from helpers.data import fields, schema


def strings(*values):
    return pa.array(list(values), pa.string())


# ------------------------------------------------------------------------------------ id lengths

def test_tweet_ids_of_twenty_digits_are_ids_and_of_twenty_one_are_not():
    valid, floaty = fields.check_id(strings("9" * 20, "9" * 21, "1"), "tweetid", required=True)
    assert valid.to_pylist() == [True, False, True]
    assert floaty.to_pylist() == [False, False, False]


def test_a_clean_id_column_says_no_float_form_for_any_row():
    valid, floaty = fields.check_id(strings("1", "22", "333"), "tweetid", required=True)
    assert valid.to_pylist() == [True, True, True] and floaty.to_pylist() == [False, False, False]
    assert floaty.type == pa.bool_()


def test_user_ids_hash_check_in_both_shortcuts():
    """Mostly hashes (every value checked against the hash pattern at once) and mostly digits (only
    the rest checked): the same verdicts either way, and float forms named in both."""
    hashes = ["ab" * 32, "B+mYASwRN97N8++7scPubXmwFWOMvBl728zhh13k+q0=", "1.5e+17", "not a hash!", "42"]
    for copies in (1, 20):
        values = hashes * copies
        valid, floaty = fields.check_id(strings(*values), "userid", required=True)
        assert valid.to_pylist() == [True, True, False, False, True] * copies
        assert floaty.to_pylist() == [False, False, True, False, False] * copies
    mostly_digits = ["7"] * 70 + ["ab" * 32, "bad id"]
    valid, _ = fields.check_id(strings(*mostly_digits), "retweet_userid", required=False)
    assert valid.to_pylist() == [True] * 71 + [False]


def test_tweet_id_columns_never_accept_a_hash():
    values = ["ab" * 32] * 70
    valid, _ = fields.check_id(strings(*values), "retweet_tweetid", required=False)
    assert valid.true_count == 0


def test_an_empty_optional_id_is_valid_and_an_empty_required_one_is_not():
    assert fields.check_id(strings("", "5"), "in_reply_to_tweetid", required=False)[0].to_pylist() == [True, True]
    assert fields.check_id(strings("", "5"), "tweetid", required=True)[0].to_pylist() == [False, True]


def test_user_mentions_are_checked_as_user_ids():
    valid, _ = fields.check_id(strings("ab" * 32, "12"), "user_mentions", required=True)
    assert valid.to_pylist() == [True, True]


def test_hashed_ids_are_every_id_that_is_not_twenty_digits_or_fewer():
    assert fields.is_hashed_id(strings("9" * 20, "9" * 21, "")).to_pylist() == [False, True, True]


# ---------------------------------------------------------------------------------------- counts

@pytest.mark.parametrize("text, value, ok", [
    ("9" * 19, None, False),                     # plain digits beyond 18: never through float
    ("9.007199254740991e+15", 9007199254740991, True),   # the largest exact integer below 2**53
    ("9.007199254740992e+15", None, False),      # 2**53 itself: no longer known to be exact
    ("1.25e+02", 125, True),
    ("1.255e+02", None, False),                  # 125.5 is not whole
    ("12.000", 12, True),
    ("1e3", 1000, True),
])
def test_count_edges_one_at_a_time_and_in_a_mixed_batch(text, value, ok):
    got, valid = fields.parse_count(strings(text))
    assert (got.to_pylist(), valid.to_pylist()) == ([value if ok else None], [ok])
    # a batch of mostly plain digits, with the value among them, at each shortcut's size
    for n in (3, 100):
        batch = ["5"] * n + [text]
        got, valid = fields.parse_count(strings(*batch))
        assert got.to_pylist() == [5] * n + [value if ok else None]
        assert valid.to_pylist() == [True] * n + [ok]


def test_count_batches_with_few_plain_digits_agree_value_by_value():
    values = ["1.0", "2.5", "3e+00", "", "x", "7"] * 20          # 120 rows, a sixth plain digits
    got, valid = fields.parse_count(strings(*values))
    assert got.to_pylist() == [1, None, 3, None, None, 7] * 20
    assert valid.to_pylist() == [True, False, True, True, False, True] * 20
    assert got.type == pa.int64()


def test_an_empty_count_column_gives_an_empty_int64_column():
    got, valid = fields.parse_count(strings())
    assert got.type == pa.int64() and len(got) == 0 and len(valid) == 0


# ------------------------------------------------------------------------------ times and dates

def test_times_with_seconds_alone_in_a_batch_needing_the_slow_path():
    """A batch with an impossible time falls back to row-by-row parsing: its 19-character times keep
    their seconds, its 16-character times their minutes, and roll-overs are refused."""
    got, valid = fields.parse_time(strings("2017-06-22 16:03:45", "2017-02-30 10:00", "2017-06-22 16:04",
                                           "2017-06-22 23:60:00", "2017-06-31 16:03:00"))
    assert valid.to_pylist() == [True, False, True, False, False]
    assert [None if v is None else str(v) for v in got.to_pylist()] == [
        "2017-06-22 16:03:45+00:00", None, "2017-06-22 16:04:00+00:00", None, None]
    assert got.type == pa.timestamp("s", tz="UTC")


@pytest.mark.parametrize("text", ["2017-06-22 16:03:4", "2017-06-22 16:03:456", "2017-06-22  16:03",
                                  "2017-06-22_16:03", "2017-06-2216:03:00"])
def test_times_of_the_wrong_shape_are_invalid_even_on_the_slow_path(text):
    for batch in ([text], [text, "2017-02-30 10:00"]):
        got, valid = fields.parse_time(strings(*batch))
        assert valid.to_pylist()[0] is False and got.to_pylist()[0] is None


def test_hour_and_minute_roll_overs_are_refused_on_the_slow_path():
    got, valid = fields.parse_time(strings("2017-06-22 24:10", "2017-06-22 10:60", "2017-06-30 23:59",
                                           "2017-02-30 10:00"))
    assert valid.to_pylist() == [False, False, True, False]
    assert str(got[2].as_py()) == "2017-06-30 23:59:00+00:00"


def test_dates_keep_the_day_written_and_refuse_roll_overs():
    got, valid = fields.parse_date(strings("2013-12-31", "2013-04-31", "2013-12-07T10:00", "", "2013-1-07"))
    assert valid.to_pylist() == [True, False, True, True, False]
    assert [None if v is None else str(v) for v in got.to_pylist()] == ["2013-12-31", None, "2013-12-07",
                                                                         None, None]
    assert got.type == pa.date32()


# ---------------------------------------------------------------------------------- coordinates

def test_longitude_is_the_default_range():
    got, valid = fields.parse_geo(strings("180", "-180", "180.5", "-180.001", "ABSENT", "+5", ".5"))
    assert valid.to_pylist() == [True, True, False, False, True, True, True]
    assert got.to_pylist()[:2] == [180.0, -180.0] and got.to_pylist()[5:] == [5.0, 0.5]


# ---------------------------------------------------------------------------------------- lists

def test_lists_in_a_batch_where_every_row_holds_items():
    got = fields.parse_list(strings("[a, b]", "['c']", "[d,e]"), False)
    assert got.to_pylist() == [["a", "b"], ["c"], ["d", "e"]]
    got = fields.parse_list(strings("[http://a.b/c,d, http://e.f]", "['x']"), True)
    assert got.to_pylist() == [["http://a.b/c,d", "http://e.f"], ["x"]]


def test_lists_of_only_empty_rows_and_of_missing_values():
    got = fields.parse_list(pa.array(["", None, "[]"], pa.string()), True)
    assert got.to_pylist() == [[], [], []] and got.type == pa.list_(pa.string())
    got = fields.parse_list(pa.array([None, "[a]"], pa.string()), False)
    assert got.to_pylist() == [[], ["a"]]


def test_url_lists_with_odd_separators_split_at_quote_comma_quote():
    got = fields.parse_list(strings("['http://a.b/x,y','http://c.d/']", "[http://e.f/, http://g.h/]"), True)
    assert got.to_pylist() == [["http://a.b/x,y", "http://c.d/"], ["http://e.f/", "http://g.h/"]]


def test_list_items_are_trimmed_of_quotes_tabs_and_line_breaks_only():
    got = fields.parse_list(strings("[ 'a b' ,\t\"c\"\r\n]"), False)
    assert got.to_pylist() == [["a b", "c"]]


# ----------------------------------------------------------------------------------- empty text

def test_nullify_empty_with_nulls_already_present_and_with_nothing_empty():
    arr = pa.array(["a", None, ""], pa.string())
    assert fields.nullify_empty(arr).to_pylist() == ["a", None, None]
    clean = strings("a", "b")
    assert fields.nullify_empty(clean) is clean
    assert fields.nullify_empty(strings()).to_pylist() == []
    large = pa.array(["", "x"], pa.large_string())
    out = fields.nullify_empty(large)
    assert out.to_pylist() == [None, "x"] and out.type == pa.large_string()


def test_nullify_empty_on_a_slice_whose_bitmap_starts_mid_byte():
    arr = strings(*(["x", ""] * 9))
    assert fields.nullify_empty(arr.slice(3, 10)).to_pylist() == [None, "x", None] + ["x", None] * 3 + ["x"]


# ------------------------------------------------------------------------------- whole batches

def test_reasons_show_long_values_cut_to_sixty_characters():
    long_id = "z!" * 40
    raw = raw_batch([good_row(tweetid=long_id), good_row(tweetid="x" * 60), good_row(tweetid="y" * 61)])
    typed = fields.type_batch(raw, "tweets", np.array([2, 3, 4]))
    assert typed.bad_reasons == [f"{fields.MALFORMED_ID}: {(long_id[:57] + '...')!r}",
                                 f"{fields.MALFORMED_ID}: {('x' * 60)!r}",
                                 f"{fields.MALFORMED_ID}: {('y' * 57 + '...')!r}"]
    assert typed.bad_columns == ["tweetid"] * 3 and typed.bad_rows.tolist() == [0, 1, 2]


def test_the_first_failing_own_id_column_names_a_bad_row():
    raw = raw_batch([good_row(tweetid="", userid="1.5e+17"), good_row(userid="1.5e+17")])
    typed = fields.type_batch(raw, "tweets", np.array([2, 3]))
    assert typed.bad_columns == ["tweetid", "userid"]
    assert typed.bad_reasons == ["required field tweetid is empty", f"{fields.FLOAT_ID}: '1.5e+17'"]
    assert typed.table.num_rows == 0 and typed.table.schema == schema.cache_schema("tweets")


def test_damaged_fields_of_quarantined_rows_are_not_listed_and_order_is_by_row_then_column():
    """Row order first; within a row, the file's column order (account_creation_date, is_retweet and
    like_count are the 10th, 19th and 26th columns)."""
    raw = raw_batch([good_row(like_count="x", is_retweet="maybe"), good_row(tweetid="", like_count="y"),
                     good_row(account_creation_date="2013-02-30", like_count="z")])
    typed = fields.type_batch(raw, "tweets", np.array([2, 3, 4]))
    assert typed.bad_rows.tolist() == [1]
    assert typed.damaged_rows.tolist() == [0, 0, 2, 2]
    assert typed.damaged_columns == ["is_retweet", "like_count", "account_creation_date", "like_count"]
    assert typed.damaged_values == ["maybe", "x", "2013-02-30", "z"]
    assert typed.damaged_reasons == ["expected true/false", "count is not a whole number",
                                     "unparseable date (expected YYYY-MM-DD)", "count is not a whole number"]
    t = typed.table.to_pydict()
    assert t["like_count"] == [None, None] and t["account_creation_date"][1] is None
    assert t["source_line"] == [2, 4]


def test_a_field_failing_two_checks_is_listed_once_with_the_first_reason():
    raw = raw_batch([good_row(tweet_time="")])   # empty (required) and so also not a time
    typed = fields.type_batch(raw, "tweets", np.array([2]))
    assert typed.damaged_columns == ["tweet_time"]
    assert typed.damaged_reasons == ["required field tweet_time is empty"]


def test_dates_and_coordinates_of_big_batches_take_the_by_value_path_with_the_same_result():
    rows = [good_row(tweetid=str(10 + i), account_creation_date=d, latitude=lat)
            for i, (d, lat) in enumerate([("2013-12-07", "1.5"), ("2013-02-30", "absent"), ("", "91")] * 30)]
    typed = fields.type_batch(raw_batch(rows), "tweets", np.arange(90) + 2)
    t = typed.table.to_pydict()
    assert [None if d is None else str(d) for d in t["account_creation_date"][:3]] == ["2013-12-07", None, None]
    assert t["latitude"][:3] == [1.5, None, None]
    assert sorted(set(typed.damaged_columns)) == ["account_creation_date", "latitude"]
    assert len(typed.damaged_rows) == 60 and typed.table.num_rows == 90


def test_a_batch_without_any_coordinate_gives_float_nulls():
    typed = fields.type_batch(raw_batch([good_row(), good_row(tweetid="5")]), "tweets", np.array([2, 3]))
    assert typed.table.column("latitude").to_pylist() == [None, None]
    assert typed.table.column("longitude").type == pa.float64()
    assert len(typed.damaged_rows) == 0


def test_category_columns_are_dictionaries_with_empty_as_null():
    typed = fields.type_batch(raw_batch([good_row(tweet_language="ru"), good_row(tweet_language="")]),
                              "tweets", np.array([2, 3]))
    col = typed.table.column("tweet_language")
    assert pa.types.is_dictionary(col.type) and col.to_pylist() == ["ru", None]


def test_mentions_all_valid_stay_as_they_are_and_one_bad_entry_leaves_the_rest():
    raw = raw_batch([good_row(user_mentions="[1, 2]"), good_row(user_mentions="[1.5e+17]"),
                     good_row(user_mentions="[3]")])
    typed = fields.type_batch(raw, "tweets", np.array([2, 3, 4]))
    assert typed.table.column("user_mentions").to_pylist() == [["1", "2"], [], ["3"]]
    assert typed.damaged_rows.tolist() == [1] and typed.damaged_columns == ["user_mentions"]
    assert typed.damaged_reasons == [f"mention {fields.FLOAT_ID}; the entry is dropped from the list"]
    clean = raw_batch([good_row(user_mentions="[1]"), good_row(user_mentions="")])
    typed = fields.type_batch(clean, "tweets", np.array([2, 3]))
    assert typed.table.column("user_mentions").to_pylist() == [["1"], []] and len(typed.damaged_rows) == 0


def test_user_is_hashed_and_source_lines_follow_the_kept_rows():
    raw = raw_batch([good_row(userid="ab" * 32), good_row(userid=""), good_row(userid="77")])
    typed = fields.type_batch(raw, "tweets", np.array([10, 11, 12]))
    t = typed.table.to_pydict()
    assert t["user_is_hashed"] == [True, False] and t["source_line"] == [10, 12]
    assert t["userid"] == ["ab" * 32, "77"]


def test_an_empty_batch_types_to_an_empty_table():
    typed = fields.type_batch(raw_batch([]), "tweets", np.array([], dtype=np.int64))
    assert typed.table.num_rows == 0 and typed.table.schema == schema.cache_schema("tweets")
    assert len(typed.bad_rows) == 0 and len(typed.damaged_rows) == 0


def test_damaged_rows_are_integer_positions_even_when_there_are_none():
    """The caller indexes its line numbers with them (an empty float array is no index)."""
    typed = fields.type_batch(raw_batch([good_row()]), "tweets", np.array([2]))
    assert typed.damaged_rows.dtype == np.int64 and len(typed.damaged_rows) == 0
    typed = fields.type_batch(raw_batch([good_row(like_count="x")]), "tweets", np.array([2]))
    assert typed.damaged_rows.dtype == np.int64 and typed.damaged_rows.tolist() == [0]


def test_a_null_field_of_a_kept_row_is_listed_as_damaged_without_text():
    """A null (not an empty string) where a count should be: it cannot be typed, so it is listed."""
    raw = raw_batch([good_row(like_count="3"), good_row(tweetid="5", like_count="4")])
    raw = raw.set_column(raw.schema.get_field_index("like_count"), "like_count", pa.array([None, "4"], pa.string()))
    typed = fields.type_batch(raw, "tweets", np.array([2, 3]))
    assert typed.table.column("like_count").to_pylist() == [None, 4]
    assert (typed.damaged_rows.tolist(), typed.damaged_columns, typed.damaged_values) == ([0], ["like_count"], [None])
    assert typed.damaged_reasons == ["count is not a whole number"]


def test_a_batch_whose_only_mention_is_not_an_id():
    typed = fields.type_batch(raw_batch([good_row(user_mentions="[1.5e+17]")]), "tweets", np.array([2]))
    assert typed.table.column("user_mentions").to_pylist() == [[]]
    assert (typed.damaged_rows.tolist(), typed.damaged_values) == ([0], ["1.5e+17"])


def test_mentions_when_the_last_rows_keep_no_mention():
    raw = raw_batch([good_row(user_mentions="[1.5e+17, 7]"), good_row(user_mentions="[8]"),
                     good_row(user_mentions="[bad!]"), good_row(user_mentions="")])
    typed = fields.type_batch(raw, "tweets", np.array([2, 3, 4, 5]))
    assert typed.table.column("user_mentions").to_pylist() == [["7"], ["8"], [], []]
    assert typed.damaged_rows.tolist() == [0, 2] and typed.damaged_values == ["1.5e+17", "bad!"]


def test_a_missing_own_id_is_reported_as_empty_not_as_malformed():
    """A null (not an empty string) in an id column, as a reader that maps empty fields to nulls gives it:
    the row is quarantined as empty, with the first failing column."""
    raw = raw_batch([good_row(), good_row(tweetid="5")])
    raw = raw.set_column(raw.schema.get_field_index("tweetid"), "tweetid", pa.array([None, "5"], pa.string()))
    typed = fields.type_batch(raw, "tweets", np.array([2, 3]))
    assert typed.bad_rows.tolist() == [0] and typed.bad_columns == ["tweetid"]
    assert typed.bad_reasons == ["required field tweetid is empty"]
    assert typed.table.column("tweetid").to_pylist() == ["5"]


def test_a_batch_of_several_chunks_types_every_row():
    raw = pa.concat_tables([raw_batch([good_row(tweetid="1"), good_row(tweetid="2")]),
                            raw_batch([good_row(tweetid="3", like_count="x")])])
    assert raw.column("tweetid").num_chunks == 2
    typed = fields.type_batch(raw, "tweets", np.array([2, 3, 4]))
    assert typed.table.column("tweetid").to_pylist() == ["1", "2", "3"]
    assert typed.damaged_rows.tolist() == [2] and typed.damaged_values == ["x"]


def test_damaged_fields_of_many_rows_stay_in_column_order_within_each_row():
    """The listing is sorted by row with a stable sort: within a row, the file's column order (an
    unstable sort mixes them up once there are enough entries)."""
    n = 200
    rows = [good_row(tweetid=str(10 + i), is_retweet="maybe", like_count="x", retweet_count="y") for i in range(n)]
    typed = fields.type_batch(raw_batch(rows), "tweets", np.arange(n) + 2)
    assert typed.damaged_rows.tolist() == [i for i in range(n) for _ in range(3)]
    assert typed.damaged_columns == ["is_retweet", "like_count", "retweet_count"] * n
    assert typed.damaged_values == ["maybe", "x", "y"] * n


def test_each_kind_of_damaged_field_says_what_was_expected():
    raw = raw_batch([good_row(tweet_time="yesterday", account_creation_date="2013-13-01", is_retweet="yes",
                              latitude="north", in_reply_to_tweetid="12a")])
    typed = fields.type_batch(raw, "tweets", np.array([2]))
    got = dict(zip(typed.damaged_columns, zip(typed.damaged_values, typed.damaged_reasons)))
    assert got == {
        "tweet_time": ("yesterday", "unparseable time (expected YYYY-MM-DD HH:MM in UTC)"),
        "account_creation_date": ("2013-13-01", "unparseable date (expected YYYY-MM-DD)"),
        "is_retweet": ("yes", "expected true/false"),
        "latitude": ("north", "not a coordinate (expected a number, empty or 'absent')"),
        "in_reply_to_tweetid": ("12a", fields.MALFORMED_ID),
    }


def test_type_batch_splits_hashtags_at_bare_commas_and_urls_only_at_comma_space():
    raw = raw_batch([good_row(hashtags="[a,b]", urls="[http://x.com/a,b, http://y.com/]", user_mentions="[1,2]")])
    row = fields.type_batch(raw, "tweets", np.array([2])).table.to_pylist()[0]
    assert row["hashtags"] == ["a", "b"] and row["user_mentions"] == ["1", "2"]
    assert row["urls"] == ["http://x.com/a,b", "http://y.com/"]


def test_one_coordinate_among_empty_ones_is_kept():
    raw = raw_batch([good_row(latitude="45.5", longitude=""), good_row(tweetid="5", latitude="", longitude="")])
    t = fields.type_batch(raw, "tweets", np.array([2, 3])).table.to_pydict()
    assert t["latitude"] == [45.5, None] and t["longitude"] == [None, None]


def test_a_batch_read_as_large_strings_is_cast_to_the_cache_schema():
    raw = raw_batch([good_row(hashtags="[a, b]", tweet_text="hello", like_count="3")])
    raw = raw.cast(pa.schema([pa.field(f.name, pa.large_string()) for f in raw.schema]))
    typed = fields.type_batch(raw, "tweets", np.array([2]))
    assert typed.table.schema == schema.cache_schema("tweets")
    row = typed.table.to_pylist()[0]
    assert (row["hashtags"], row["tweet_text"], row["like_count"], row["tweetid"]) == (
        ["a", "b"], "hello", 3, "877919995476496385")


def test_a_mostly_plain_count_column_with_many_other_forms():
    """More than half plain digits (cast at once), and more than 64 others (parsed once per distinct text)."""
    values = ["5"] * 150 + ["2.0", "3e+00", "x"] * 25
    got, valid = fields.parse_count(strings(*values))
    assert got.to_pylist() == [5] * 150 + [2, 3, None] * 25
    assert valid.to_pylist() == [True] * 150 + [True, True, False] * 25


def test_user_ids_mostly_digits_with_many_hashes():
    """More than half digits, and more than 64 others (checked against the hash pattern once per text)."""
    values = ["7"] * 150 + ["ab" * 32, "bad id!", "1.5e+17"] * 25
    valid, floaty = fields.check_id(strings(*values), "retweet_userid", required=False)
    assert valid.to_pylist() == [True] * 150 + [True, False, False] * 25
    assert floaty.to_pylist() == [False] * 150 + [False, False, True] * 25


def test_lists_split_as_urls_by_default():
    assert fields.parse_list(strings("[http://a.b/c,d, e]")).to_pylist() == [["http://a.b/c,d", "e"]]
