"""Hostile and broken input (issue 7): every case gives a clear error naming the file (line, column) and
saying what to do, or a documented behaviour: rows quarantined with line and reason, every row
accounted for. docs/bad-inputs.md lists each case with the test below that covers it."""

from __future__ import annotations

import gzip
import io
import os
import signal
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from helpers.data import fields, ingest, schema
from helpers.data.ingest import cache as ingest_cache
from helpers.data.ingest import limits
from helpers.data.safecsv import FORMULA_STARTS
from helpers.errors import CacheBusyError, ProjectError, ReleaseError

TWEETS = "ira_tweets_csv_hashed.csv"


def release_error(release, match: str | None = None) -> ReleaseError:
    """Ingest, expecting a ReleaseError; returns it. Also checks that it says what to do."""
    with pytest.raises(ReleaseError) as err:
        release.ingest()
    msg = str(err.value)
    if match:
        assert match in msg, msg
    assert "What to do:" in msg and "Traceback" not in msg
    assert isinstance(err.value, ProjectError)
    return err.value


def entry_of(manifest: dict, key: str = "ira/tweets") -> dict:
    e = manifest["files"][key]
    assert e["rows_read"] == e["rows_cached"] + e["rows_quarantined"], e
    return e


def cached_rows(manifest: dict, key: str = "ira/tweets") -> list[dict]:
    return pq.read_table(Path(manifest["cache_dir"]) / manifest["files"][key]["cache_file"]).to_pylist()


def no_partials_left(release) -> bool:
    cache = release.cache_dir()
    return not list(cache.rglob("*.partial"))  # the duplicate check's rewrites too (files.replacing)


# ------------------------------------------------------------------------- whole-file problems

def test_empty_file(release):
    path = release.write(TWEETS, text="")
    err = release_error(release, "the file is empty (no header row)")
    assert err.file == str(path) and str(path) in str(err)
    assert no_partials_left(release)


def test_blank_first_line(release):
    release.write(TWEETS, text="\n" + release.csv_text(release.tweets(1)))
    err = release_error(release, "the first line is blank; expected the header row")
    assert err.line == 1


def test_header_only_loads_as_an_empty_table(release):
    release.write(TWEETS, text=release.csv_text([]))
    m = release.ingest()
    e = entry_of(m)
    assert (e["rows_read"], e["rows_cached"], e["parser"]) == (0, 0, "fast")
    assert release.open().tweets().empty


def test_users_file_named_as_tweets(release):
    path = release.write(TWEETS, text=release.csv_text([release.user()], "users"))
    err = release_error(release, "this is a users file (it has no tweetid or tweet_text column), but "
                                 "its name says tweets")
    assert str(path) in str(err) and "rename it to ira_users_csv_hashed.csv" in str(err)


def test_tweets_file_named_as_users(release):
    path = release.write("ira_users_csv_hashed.csv", release.tweets(2), table="tweets")
    err = release_error(release, "this is a tweets file (it has tweetid/tweet_text columns), but its "
                                 "name says users")
    assert str(path) in str(err) and "rename it to ira_tweets_csv_hashed.csv" in str(err)


@pytest.mark.parametrize("sep, label", [(";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")])
def test_wrong_delimiter(release, sep, label):
    text = release.csv_text(release.tweets(2)).replace('","', f'"{sep}"')
    path = release.write(TWEETS, text=text)
    err = release_error(release, f"the header is separated by {label}, not commas")
    assert f"{path}, line 1" in str(err)


def test_missing_required_columns(release):
    columns = tuple(c for c in schema.TWEET_COLUMNS_2018 if c not in ("userid", "is_retweet"))
    path = release.write(TWEETS, release.tweets(1), columns=columns)
    err = release_error(release, "required columns missing from the header: userid, is_retweet")
    assert f"{path}, line 1" in str(err)


def test_duplicated_columns(release):
    columns = schema.TWEET_COLUMNS_2018 + ("tweet_text", "hashtags")
    path = release.write(TWEETS, release.tweets(1), columns=columns)
    err = release_error(release, "duplicated columns in the header: hashtags, tweet_text")
    assert f"{path}, line 1" in str(err)


def test_byte_order_mark_is_ignored(release):
    text = release.csv_text(release.tweets(3))
    release.write(TWEETS, text=b"\xef\xbb\xbf" + text.encode())
    e = entry_of(release.ingest())
    assert (e["rows_cached"], e["parser"]) == (3, "fast") and e["header"][0] == "tweetid"


def test_crlf_line_ends_load_like_lf(release):
    rows = release.tweets(3) + [release.tweet(tweet_text="two\nlines")]
    release.write(TWEETS, text=release.csv_text(rows, newline="\r\n"))
    m = release.ingest()
    e = entry_of(m)
    assert (e["rows_cached"], e["rows_quarantined"], e["parser"]) == (4, 0, "fast")
    got = cached_rows(m)
    assert got[3]["tweet_text"] == "two\nlines" and got[2]["poll_choices"] is None
    assert [r["source_line"] for r in got] == [2, 3, 4, 5]


def test_bare_carriage_return_line_ends(release):
    release.write(TWEETS, text=release.csv_text(release.tweets(2), newline="\r"))
    release_error(release, "lines end with a bare carriage return")


@pytest.mark.parametrize("magic, kind", [(b"\x1f\x8b\x08\x00", "gzip"), (b"PK\x03\x04", "zip"),
                                         (b"\xff\xfet\x00w\x00", "UTF-16")])
def test_compressed_or_utf16_file_with_a_csv_name(release, magic, kind):
    release.write(TWEETS, text=magic + b"rest\n")
    release_error(release, f"this is a {kind} file, not a UTF-8 CSV file")


# ------------------------------------------------------------------------------ broken rows

def broken_file(release, replace: tuple[bytes, bytes], n: int = 5, style: str = "2018", **row) -> bytes:
    """n rows; the first occurrence of replace[0] (in row 2, line 3) becomes replace[1]."""
    rows = release.tweets(n, **row)
    rows[1]["tweet_text"] = "BROKEN HERE"
    data = release.csv_text(rows, style=style).encode()
    assert replace[0] in data
    data = data.replace(replace[0], replace[1], 1)
    release.write(TWEETS, text=data)
    return data


def only_row_3_quarantined(release, reason: str, column: str = "", parser_declined: str = "") -> dict:
    m = release.ingest()
    e = entry_of(m)
    assert (e["rows_read"], e["rows_cached"], e["rows_quarantined"]) == (5, 4, 1), e
    assert e["parser"] == "exact" and parser_declined in e["fast_parser_declined"]
    [q] = release.quarantine(m)
    assert q["line"] == "3" and q["column"] == column and q["source_file"] == TWEETS
    assert reason in q["reason"], q["reason"]
    assert [r["source_line"] for r in cached_rows(m)] == [2, 4, 5, 6]
    return q


def test_invalid_utf8_row_is_quarantined(release):
    broken_file(release, (b"BROKEN HERE", b"BROKEN \xff\xfe HERE"))
    q = only_row_3_quarantined(release, "invalid UTF-8 at byte", "tweet_text", "invalid UTF8")
    assert "\\xff\\xfe" in q["record"]  # the bad bytes are shown, escaped


def test_nul_byte_row_is_quarantined(release):
    broken_file(release, (b"BROKEN HERE", b"BROKEN \x00 HERE"))
    only_row_3_quarantined(release, "NUL byte in the row", "tweet_text", "NUL byte")


def test_row_with_too_many_fields(release):
    broken_file(release, (b'"BROKEN HERE"', b'"BROKEN","HERE"'))
    only_row_3_quarantined(release, "expected 31 fields, found 32", parser_declined="Expected 31 columns")


def test_row_with_too_few_fields(release):
    data = release.csv_text(release.tweets(5)).encode()
    lines = data.split(b"\n")
    lines[2] = lines[2].rsplit(b",", 3)[0]  # cut the last three fields (a truncated row)
    release.write(TWEETS, text=b"\n".join(lines))
    only_row_3_quarantined(release, "expected 31 fields, found 28 (truncated row?)")


def test_bare_carriage_return_between_two_records(release):
    """A stray \\r where a line feed belongs joins two records on one physical line: quarantined as one
    row read, saying that it holds two records and how to load them (none of its text is lost)."""
    data = release.csv_text(release.tweets(5)).encode()
    lines = data.split(b"\n")
    release.write(TWEETS, text=b"\n".join(lines[:2] + [lines[2] + b"\r" + lines[3]] + lines[4:]))
    m = release.ingest()
    e = entry_of(m)
    assert (e["rows_read"], e["rows_cached"], e["rows_quarantined"]) == (4, 3, 1)
    [q] = release.quarantine(m)
    assert q["line"] == "3" and "2 records on one line, split by a bare carriage return" in q["reason"]
    assert lines[2].decode() in q["record"] and lines[3].decode()[:40] in q["record"]
    assert [r["source_line"] for r in cached_rows(m)] == [2, 4, 5]


def test_truncated_last_row(release):
    data = release.csv_text(release.tweets(3)).encode()
    release.write(TWEETS, text=data[:-40])  # a download cut mid-row
    m = release.ingest()
    e = entry_of(m)
    assert (e["rows_read"], e["rows_cached"], e["rows_quarantined"]) == (3, 2, 1)
    assert release.quarantine(m)[0]["line"] == "4"


def test_unterminated_quote_in_a_middle_column(release):
    broken_file(release, (b'"BROKEN HERE"', b'"BROKEN HERE'))
    q = only_row_3_quarantined(release, "unbalanced quote: a quoted field opened on this line is not "
                                        "closed where a row can end")
    assert "reading resumes on the next line" in q["reason"] and "BROKEN HERE" in q["record"]


@pytest.mark.parametrize("last_column, declined", [
    ("poll_choices", "line break inside column 'poll_choices'"),
    ("note", "odd number of quote characters"),  # an extra free-text column may hold line breaks
])
def test_unterminated_quote_in_the_last_column_swallowing_to_the_end(release, last_column, declined):
    # Minimal quoting and no other quote below: pyarrow reads the rest of the file into this one field
    # without complaint. A line break in a single-line column, or else the odd number of quote
    # characters in the file, sends it to the exact parser.
    columns = schema.TWEET_COLUMNS + (("note",) if last_column == "note" else ())
    rows = release.tweets(5, user_reported_location="Moscow", user_profile_description="plain")
    data = release.csv_text(rows, style="later", columns=columns).encode().split(b"\n")
    assert data[2].endswith(b",") and b'"' not in b"\n".join(data)
    data[2] += b'"yes|no'
    release.write(TWEETS, text=b"\n".join(data))
    q = only_row_3_quarantined(release, "unbalanced quote", parser_declined=declined)
    assert "end of file reached" in q["reason"]


def test_unterminated_quote_on_the_last_line(release):
    # pyarrow takes an open quote at the very end of the file as closed: the parity check catches it.
    rows = release.tweets(3, user_reported_location="Moscow", user_profile_description="plain")
    data = release.csv_text(rows, style="later").encode().rstrip(b"\n") + b'"yes|no'
    release.write(TWEETS, text=data)
    m = release.ingest()
    e = entry_of(m)
    assert (e["rows_read"], e["rows_cached"], e["rows_quarantined"]) == (3, 2, 1)
    assert "odd number of quote characters" in e["fast_parser_declined"]
    assert release.quarantine(m)[0]["line"] == "4"


def test_two_unterminated_quotes_in_the_last_column(release):
    # An even number of stray quotes: the quote parity is fine, but the swallowed rows put line breaks
    # into poll_choices, which never holds one.
    rows = release.tweets(7, user_reported_location="Moscow", user_profile_description="plain")
    data = release.csv_text(rows, style="later").encode().split(b"\n")
    data[2] += b'"yes|no'
    data[5] += b'"a|b'
    release.write(TWEETS, text=b"\n".join(data))
    m = release.ingest()
    e = entry_of(m)
    assert (e["rows_read"], e["rows_cached"], e["rows_quarantined"]) == (7, 5, 2)
    assert "line break inside column 'poll_choices'" in e["fast_parser_declined"]
    assert [q["line"] for q in release.quarantine(m)] == ["3", "6"]
    assert [r["source_line"] for r in cached_rows(m)] == [2, 4, 5, 7, 8]


def test_quote_inside_an_unquoted_field_is_kept_as_text(release):
    # Lenient like pyarrow: a quote in the middle of an unquoted field is a character of that field.
    rows = release.tweets(3, user_reported_location="Moscow", user_profile_description="plain")
    data = release.csv_text(rows, style="later").replace("tweet number 2", 'say "hi" there')
    release.write(TWEETS, text=data)
    m = release.ingest()
    assert [r["tweet_text"] for r in cached_rows(m)][1] == 'say "hi" there'


def test_field_of_many_megabytes_is_nulled_and_listed(release):
    """Over-long fields (> 1 MiB: no tweet or profile is that long) are emptied, their row kept; the
    damaged-fields file shows the start of the text. In an own id column the row is quarantined."""
    big = "x" * (3 << 20)
    broken_file(release, (b"BROKEN HERE", big.encode()))
    m = release.ingest()
    e = entry_of(m)
    assert (e["rows_read"], e["rows_cached"], e["rows_quarantined"], e["parser"]) == (5, 5, 0, "exact")
    assert "longer than the" in e["fast_parser_declined"]
    assert e["damaged_fields"] == {"tweet_text": 1}
    [d] = release.damaged(m)
    assert (d["line"], d["column"]) == ("3", "tweet_text")
    assert d["reason"] == "field of 3.0 MiB, longer than the 1 MiB limit; the field is left empty"
    assert d["original_text"].startswith("xxx") and len(d["original_text"]) < 3000  # a preview
    assert cached_rows(m)[1]["tweet_text"] is None


def test_field_of_many_megabytes_in_an_own_id_is_quarantined(release):
    rows = release.tweets(5)
    rows[1].update(tweet_text="BROKEN HERE", userid="u" * (3 << 20))
    release.write(TWEETS, rows)
    only_row_3_quarantined(release, "field of 3.0 MiB, longer than the 1 MiB limit", "userid", "longer than the")


def test_multiline_field_of_many_megabytes_is_one_row_kept_with_the_field_nulled(release):
    big = ("y" * 99 + "\n") * 30_000  # 3 MB over 30,000 lines
    rows = release.tweets(3)
    rows[1]["tweet_text"] = big
    release.write(TWEETS, rows)
    m = release.ingest()
    e = entry_of(m)
    assert (e["rows_read"], e["rows_cached"], e["rows_quarantined"]) == (3, 3, 0)
    assert [r["source_line"] for r in cached_rows(m)] == [2, 3, 30_004]
    assert cached_rows(m)[1]["tweet_text"] is None and cached_rows(m)[1]["tweetid"] == rows[1]["tweetid"]
    [d] = release.damaged(m)
    assert d["line"] == "3" and d["column"] == "tweet_text"


def test_line_longer_than_the_record_limit_is_skipped_without_holding_it(release, monkeypatch):
    monkeypatch.setattr(limits, "MAX_RECORD_BYTES", 2 << 20)
    broken_file(release, (b"BROKEN HERE", b"z" * (5 << 20)))
    q = only_row_3_quarantined(release, "line of 5.0 MiB, longer than the 2 MiB limit")
    assert q["record"] == ""


def test_blank_lines_between_rows_are_not_rows(release):
    data = release.csv_text(release.tweets(3)).replace("\n", "\n\n", 2)  # after header and row 1
    release.write(TWEETS, text=data + "\n\n")
    m = release.ingest()
    e = entry_of(m)
    assert (e["rows_read"], e["rows_cached"]) == (3, 3)
    assert [r["source_line"] for r in cached_rows(m)] == [3, 5, 6]
    assert e["parser"] == "exact" and "line count" in e["fast_parser_declined"]


def test_trailing_blank_lines_keep_the_fast_parser(release):
    release.write(TWEETS, text=release.csv_text(release.tweets(3)) + "\n\n\n")
    e = entry_of(release.ingest())
    assert (e["rows_read"], e["parser"], e["physical_lines"]) == (3, "fast", 7)


def only_row_3_damaged(release, column: str, original: str, reason: str, parser: str = "fast") -> dict:
    """Every row cached; row 2 (line 3) keeps all but `column`, which is null and listed as damaged."""
    m = release.ingest()
    e = entry_of(m)
    assert (e["rows_read"], e["rows_cached"], e["rows_quarantined"], e["parser"]) == (5, 5, 0, parser), e
    assert (e["rows_with_damaged_fields"], e["damaged_fields"]) == (1, {column: 1})
    [d] = release.damaged(m)
    shown = "'" + original if original.startswith(FORMULA_STARTS) else original  # formula-safe CSV
    assert (d["source_file"], d["line"], d["column"], d["original_text"]) == (TWEETS, "3", column, shown)
    assert d["reason"].startswith(reason), d["reason"]
    rows = cached_rows(m)
    assert [r["source_line"] for r in rows] == [2, 3, 4, 5, 6]
    assert rows[1]["tweet_text"] == "BROKEN HERE" and rows[1]["tweetid"] == rows[0]["tweetid"][:-1] + "2"
    return rows[1]


def test_untypeable_values_are_nulled_and_listed_with_column_and_value(release):
    """A time that cannot be read: the tweet is kept with a null time (counted by untimed_tweets and
    timeline.untimed), the text as it was in the damaged-fields file."""
    rows = release.tweets(5)
    rows[1].update(tweet_text="BROKEN HERE", tweet_time="22/06/2017")
    release.write(TWEETS, rows)
    row = only_row_3_damaged(release, "tweet_time", "22/06/2017", "unparseable time (expected YYYY-MM-DD")
    assert row["tweet_time"] is None
    assert release.open().untimed_tweets()["tweets"].tolist() == [1]


@pytest.mark.parametrize("column, bad, reason", [
    ("like_count", "-4", "count is not a whole number"),
    ("is_retweet", "maybe", "expected true/false"),
    ("is_retweet", "", "required field is_retweet is empty"),
    ("account_creation_date", "2013-02-30", "unparseable date"),
    ("latitude", "north", "not a coordinate"),
])
def test_untypeable_values_do_not_need_the_exact_parser(release, column, bad, reason):
    rows = release.tweets(5)
    rows[1].update({"tweet_text": "BROKEN HERE", column: bad})
    release.write(TWEETS, rows)
    assert only_row_3_damaged(release, column, bad, reason)[column] is None


SECONDARY_IDS = ("in_reply_to_tweetid", "in_reply_to_userid", "quoted_tweet_tweetid", "retweet_tweetid",
                 "retweet_userid")


@pytest.mark.parametrize("style", ["2018", "later"])
@pytest.mark.parametrize("column", SECONDARY_IDS)
def test_float_form_secondary_id_keeps_its_row(release, column, style):
    """Issue 12 (REA_0621, MX_0621): a secondary id already in float form costs that field, not the row."""
    rows = release.tweets(5, **{column: "877919995476496385"})
    rows[1].update({"tweet_text": "BROKEN HERE", column: "1.2486535429502566e+17"})
    release.write(TWEETS, rows, style=style)
    row = only_row_3_damaged(release, column, "1.2486535429502566e+17", "id in float form (its digits are")
    assert row[column] is None and cached_rows(release.ingest())[0][column] == "877919995476496385"


@pytest.mark.parametrize("style", ["2018", "later"])
def test_float_form_mention_entry_is_dropped_from_the_list(release, style):
    rows = release.tweets(5, user_mentions=["2572896396"])
    rows[1].update({"tweet_text": "BROKEN HERE", "user_mentions": ["2572896396", "1.2486535429502566e+17"]})
    release.write(TWEETS, rows, style=style)
    row = only_row_3_damaged(release, "user_mentions", "1.2486535429502566e+17", "mention id in float form")
    assert row["user_mentions"] == ["2572896396"]


@pytest.mark.parametrize("column", ["tweetid", "userid"])
def test_float_form_own_id_is_still_quarantined(release, column):
    rows = release.tweets(5)
    rows[1].update({"tweet_text": "BROKEN HERE", column: "1.2486535429502566e+17"})
    release.write(TWEETS, rows)
    m = release.ingest()
    e = entry_of(m)
    assert (e["rows_read"], e["rows_cached"], e["rows_quarantined"]) == (5, 4, 1)
    assert e["rows_with_damaged_fields"] == 0 and release.damaged(m) == []
    [q] = release.quarantine(m)
    assert (q["line"], q["column"]) == ("3", column) and q["reason"].startswith("id in float form")


def test_a_file_like_rea_0621_caches_every_row(release):
    """148 of 154 rows with in_reply_to_tweetid in float form (the December 2021 REA file of 2019): all 154
    rows are cached, the 148 fields nulled and listed, the other six replies intact."""
    rows = release.tweets(154, tweet_time="2019-03-04 10:15", in_reply_to_userid="2572896396")
    for i, r in enumerate(rows):
        r["in_reply_to_tweetid"] = f"{1.2486535429502566e+17 + i * 1e9:.16e}" if i % 26 != 5 else str(10**17 + i)
    release.write(TWEETS, rows, style="later", columns=tuple(c for c in schema.TWEET_COLUMNS
                                                              if c != "poll_choices"))
    m = release.ingest()
    e = entry_of(m)
    assert (e["rows_read"], e["rows_cached"], e["rows_quarantined"]) == (154, 154, 0)
    assert (e["rows_with_damaged_fields"], e["damaged_fields"]) == (148, {"in_reply_to_tweetid": 148})
    assert e["damaged_reasons"] == {"in_reply_to_tweetid": {"id in float form": 148}}
    listed = release.damaged(m)
    assert len(listed) == 148 and listed[0]["original_text"] == rows[0]["in_reply_to_tweetid"]
    assert [int(d["line"]) for d in listed] == [i + 2 for i in range(154) if i % 26 != 5]
    kept = cached_rows(m)
    assert sum(r["in_reply_to_tweetid"] is not None for r in kept) == 6
    assert all(r["in_reply_to_userid"] == "2572896396" for r in kept)  # the reply is still a reply


def test_damaged_fields_of_a_duplicate_row_leave_with_it(release):
    """A duplicate is quarantined whole after the file is read: its damaged fields are no longer listed."""
    rows = release.tweets(3)
    rows.append(dict(rows[0], retweet_tweetid="8.77e+17", like_count="x"))
    rows.append(release.tweet(like_count="y"))
    release.write(TWEETS, rows)
    m = release.ingest()
    e = entry_of(m)
    assert (e["rows_cached"], e["rows_quarantined"], e["duplicates_quarantined"]) == (4, 1, 1)
    assert (e["rows_with_damaged_fields"], e["damaged_fields"]) == (1, {"like_count": 1})
    assert [(d["line"], d["original_text"]) for d in release.damaged(m)] == [("6", "y")]


def test_duplicate_tweetids_are_reported_kept_once_and_counted(release):
    rows = release.tweets(4)
    rows[3]["tweetid"] = rows[0]["tweetid"]
    release.write(TWEETS, rows)
    m = release.ingest()
    e = entry_of(m)
    assert (e["rows_cached"], e["rows_quarantined"], e["duplicates_quarantined"]) == (3, 1, 1)
    [q] = release.quarantine(m)
    assert q["line"] == "5" and q["column"] == "tweetid"
    assert q["reason"] == f"duplicate tweetid {rows[0]['tweetid']}: the first occurrence (line 2) is kept"
    assert [r["source_line"] for r in cached_rows(m)] == [2, 3, 4]


# ------------------------------------------------------------------------------ archives

def test_truncated_gz(release):
    data = gzip.compress(release.csv_text(release.tweets(2000)).encode())
    path = release.write(TWEETS + ".gz", text=data[: len(data) // 2])
    err = release_error(release, "the compressed file is damaged or truncated")
    assert str(path) in str(err) and "download the file again" in str(err)
    assert ingest.read_manifest(release.cache_dir()) is None or not \
        ingest.read_manifest(release.cache_dir())["files"]
    assert no_partials_left(release)


def test_corrupt_zip(release):
    path = release.write("ira_tweets_csv_hashed.zip", text=b"PK\x03\x04 this is not really a zip")
    err = release_error(release, "not a readable zip archive")
    assert str(path) in str(err) and "download the archive again" in str(err)


def test_zip_with_damaged_member_data(release):
    path = release.write("ira_tweets_csv_hashed.zip", release.tweets(2000), compress="zip",
                         member=TWEETS)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 64] = b"\x00" * 64
    path.write_bytes(bytes(data))
    err = release_error(release, "the compressed file is damaged or truncated")
    assert str(path) in str(err) and TWEETS in str(err)
    assert no_partials_left(release)


@pytest.mark.parametrize("member", ["../ira_tweets_csv_hashed.csv", "/tmp/ira_tweets_csv_hashed.csv",
                                    "data/../../evil.sh", "C:\\ira_tweets_csv_hashed.csv"])
def test_zip_member_escaping_the_folder(release, member):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(TWEETS, release.csv_text(release.tweets(1)))
        zf.writestr(member, "x")
    (release.folder / "ira.zip").write_bytes(buf.getvalue())
    err = release_error(release, f"the archive member {member!r} points outside the archive folder")
    assert str(release.folder / "ira.zip") in str(err)


def test_zip_bomb_is_refused_before_reading(release):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(TWEETS, b"0" * (20 << 20))
    (release.folder / "ira.zip").write_bytes(buf.getvalue())
    err = release_error(release, "(limit 100x): refused as a possible compression bomb")
    assert "expands" in str(err)


def test_gzip_bomb_is_refused_while_reading(release):
    header = release.csv_text([]).encode()
    release.write(TWEETS + ".gz", text=gzip.compress(header + b"\n" * (30 << 20), 9))
    release_error(release, "the file expands more than 100x its compressed size: refused as a "
                           "possible compression bomb")
    assert no_partials_left(release)


# ------------------------------------------------------------------------------ folders

def test_folder_with_no_release_files(release):
    (release.folder / "README.txt").write_text("hello")
    (release.folder / "tweets.xlsx").write_text("x")
    err = release_error(release, "no release files found: expected names like ira_tweets_csv_hashed.csv")
    assert "found README.txt, tweets.xlsx" in str(err) and str(release.folder) in str(err)


def test_data_dir_that_does_not_exist(tmp_path):
    from helpers.data import load
    missing = tmp_path / "nowhere"
    with pytest.raises(ReleaseError) as err:
        load.open_release(missing, cache_root=tmp_path / "cache", progress=False)
    assert str(err.value).startswith(f"{missing}: the release folder does not exist")
    assert "check DATA_DIR" in str(err.value)


def test_data_dir_that_is_a_file(tmp_path):
    from helpers.data import release as rel
    f = tmp_path / "ira_tweets_csv_hashed.csv"
    f.write_text("x")
    with pytest.raises(ReleaseError, match="expected a folder holding the release files, got a file"):
        rel.discover(f)


# ----------------------------------------------------------------- interrupted and concurrent work

def test_a_manifest_half_written_by_a_killed_run_is_ignored_then_removed(release):
    """Killed while replacing the manifest: the old manifest stays in force, the temporary file goes."""
    release.write(TWEETS, release.tweets(3))
    first = release.ingest()
    stray = release.cache_dir() / ".manifest.json.99999.partial"
    stray.write_text('{"files": {"ira/tweets": ')  # cut mid-write
    assert ingest.read_manifest(release.cache_dir())["files"] == first["files"]
    assert release.ingest()["files"]["ira/tweets"]["cache_file"] == first["files"]["ira/tweets"]["cache_file"]
    assert not stray.exists() and no_partials_left(release)


def test_error_midway_keeps_the_previous_cache(release, monkeypatch):
    """An exception (or Ctrl-C) while a changed file is re-ingested: the old cache stays valid."""
    release.write(TWEETS, release.tweets(3))
    first = release.ingest()
    release.write(TWEETS, release.tweets(5))
    os.utime(release.folder / TWEETS, ns=(0, 10**9))

    def interrupted(*a, **k):
        raise KeyboardInterrupt
    monkeypatch.setattr(fields, "type_batch", interrupted)
    with pytest.raises(KeyboardInterrupt):
        release.ingest()
    monkeypatch.undo()
    assert ingest.read_manifest(release.cache_dir()) == first
    assert len(cached_rows(first)) == 3 and no_partials_left(release)


INGEST_SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from helpers.data import ingest
    from helpers.data.ingest import limits
    from helpers.errors import CacheBusyError
    limits.ROW_GROUP_ROWS = 500  # several row groups (and pause points between them) in a small file
    try:
        ingest.ingest_release(sys.argv[1], cache_root=Path(sys.argv[2]), progress=False, log=lambda *a: None)
    except CacheBusyError as exc:
        print("BUSY", exc, flush=True)
        sys.exit(3)
    print("done", flush=True)
""")


def start_ingest(release, pause: str | None = None) -> subprocess.Popen:
    """An ingest in a subprocess; with `pause` ('point:count', see helpers.data.ingest.pause._pause_point) it
    stops itself (SIGSTOP) the count-th time it passes that progress point."""
    env = {k: v for k, v in os.environ.items() if k != ingest.PAUSE_ENV}
    if pause:
        env[ingest.PAUSE_ENV] = pause
    return subprocess.Popen([sys.executable, "-c", INGEST_SCRIPT, str(release.folder), str(release.cache_root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def stopped_at(proc: subprocess.Popen) -> bool:
    """Blocks until the process has stopped itself at its pause point (True) or ended without reaching
    it (False, its exit code then in proc.returncode). No clock involved: the kernel tells."""
    _, status = os.waitpid(proc.pid, os.WUNTRACED)
    if os.WIFSTOPPED(status):
        return True
    proc.returncode = os.waitstatus_to_exitcode(status)
    return False


def slow_release(release, rows: int) -> None:
    """A release whose ingest passes every progress point: a blank line before the last rows sends the
    tweets file through both parsers (the fast one notices only at the end, after writing all its row
    groups), a duplicate through the dedupe rewrite; a float-form tweetid is quarantined and a float-form
    retweet_tweetid is a damaged field."""
    tweets = release.tweets(rows, tweet_text="text, with \"quotes\"\nand lines " * 4)
    tweets.append(dict(tweets[0]))
    tweets.append(release.tweet(tweetid="1.2486535429502566e+17"))
    tweets.append(release.tweet(retweet_tweetid="1.2486535429502566e+17"))
    text = release.csv_text(tweets)
    head, last = text.rstrip("\n").rsplit("\n", 1)
    release.write(TWEETS, text=head + "\n\n" + last + "\n")
    release.write("ira_users_csv_hashed.csv", [release.user() for _ in range(50)])


def assert_cache_consistent(release) -> dict | None:
    """Whatever the manifest says is there, readable and complete; returns the manifest."""
    manifest = ingest.read_manifest(release.cache_dir())
    if manifest is None:
        return None
    for key, e in manifest["files"].items():
        assert not e["cache_file"].endswith(".partial")
        table = pq.read_table(release.cache_dir() / e["cache_file"])
        assert table.num_rows == e["rows_cached"], key
        assert (release.cache_dir() / e["quarantine_file"]).is_file()
        assert e["rows_read"] == e["rows_cached"] + e["rows_quarantined"]
        damaged = release.damaged(manifest, key)
        assert len(damaged) == sum(e["damaged_fields"].values())
        assert len({d["line"] for d in damaged}) == e["rows_with_damaged_fields"]
    return manifest


def in_progress(cache: Path) -> set[str]:
    """Files being written: partial Parquet, quarantine, damaged-fields and manifest files, and the duplicate
    check's rewrites of them (all named `*.partial`: `files.replacing`)."""
    return {str(p.relative_to(cache)) for p in cache.rglob("*.partial")}


def touch_sources(release) -> None:
    """The next run re-ingests every file."""
    for f in release.folder.iterdir():
        os.utime(f, ns=(f.stat().st_atime_ns, f.stat().st_mtime_ns + 10**9))


def kill_at(release, points: list[str]) -> dict[str, bool]:
    """Runs the ingest once, then again for each progress point, killed (SIGKILL) exactly there.

    After each kill the cache must be the previous one or a complete new one, never a partial one:
    every file the manifest names is readable and holds the rows it says. Returns, per point, whether
    this run left files in progress behind (killed mid-write). A normal run afterwards repairs everything.
    """
    first = start_ingest(release)
    assert first.wait() == 0 and "paused" not in first.stderr.read()  # no pause point without the variable
    good = complete = assert_cache_consistent(release)
    tweets = good["files"]["ira/tweets"]
    assert (tweets["rows_quarantined"], tweets["rows_with_damaged_fields"]) == (2, 1)  # float tweetid, duplicate
    cache = release.cache_dir()
    left = {}
    for point in points:
        touch_sources(release)
        old = {e[k] for e in good["files"].values() for k in ("cache_file", "quarantine_file", "damaged_file")}
        before = in_progress(cache)
        proc = start_ingest(release, pause=point)
        assert stopped_at(proc), (point, proc.returncode, proc.communicate())
        left[point] = bool(in_progress(cache) - before)
        proc.kill()
        proc.wait()
        assert proc.returncode == -signal.SIGKILL
        after_kill = assert_cache_consistent(release)
        assert after_kill is not None  # a cache existed before: it is never lost
        # each entry: the previous one or a complete new one (a killed run may also have committed fewer
        # entries than before: those whose sources changed are no longer valid and are dropped)
        for key, e in after_kill["files"].items():
            assert e["cache_file"] in old or e["rows_cached"] == complete["files"][key]["rows_cached"]
        good = after_kill
    final = release.ingest()
    for key, e in complete["files"].items():
        for k in ("rows_read", "rows_cached", "rows_quarantined", "rows_with_damaged_fields", "damaged_fields"):
            assert final["files"][key][k] == e[k], (key, k)
    assert no_partials_left(release) and not list(cache.glob(".manifest.json.*"))
    referenced = {e[k] for e in final["files"].values() for k in ("cache_file", "quarantine_file", "damaged_file")}
    assert {str(p.relative_to(cache)) for p in cache.glob("*/*")} == referenced
    return left


def test_sigkill_midway_never_leaves_a_partial_cache_taken_as_valid(release):
    slow_release(release, 2000)
    left = kill_at(release, ["fast_row_group:1", "exact_row_group:1", "file_renamed:1"])
    assert left == {"fast_row_group:1": True,   # killed while the fast parser was writing
                    "exact_row_group:1": True,  # ... while the exact parser was writing
                    "file_renamed:1": False}    # ... between a file's final name and the manifest naming it


@pytest.mark.slow
def test_sigkill_at_many_moments(release):
    """Every kind of moment, at progress points of the ingest itself (not at times: a fast machine would
    finish before them, a slow one stop elsewhere): mid-file after N row groups of either parser, after
    a file's rename before the manifest commit, between two files, during the duplicate rewrite, while
    the manifest is replaced (after the first file and at the end)."""
    slow_release(release, 5000)
    left = kill_at(release, ["fast_row_group:1", "fast_row_group:5", "exact_row_group:2", "exact_row_group:9",
                             "dedup_row_group:1", "dedup_row_group:7", "file_renamed:1", "file_start:2",
                             "manifest_replace:1", "file_renamed:2", "manifest_replace:3"])
    assert left == {"fast_row_group:1": True, "fast_row_group:5": True, "exact_row_group:2": True,
                    "exact_row_group:9": True, "dedup_row_group:1": True, "dedup_row_group:7": True,
                    "file_renamed:1": False, "file_start:2": False, "manifest_replace:1": True,
                    "file_renamed:2": False, "manifest_replace:3": True}


@pytest.mark.parametrize("point", ["fast_row_group:1", "dedup_row_group:1", "manifest_replace:1"])
def test_sigkill_during_the_first_ingest_leaves_no_cache_or_a_complete_one(release, point):
    slow_release(release, 3000)
    proc = start_ingest(release, pause=point)
    assert stopped_at(proc)
    proc.kill()
    proc.wait()
    assert assert_cache_consistent(release) is None  # nothing was committed before these points
    final = release.ingest()
    assert final["files"]["ira/tweets"]["rows_cached"] == 3001 and no_partials_left(release)


def test_two_runs_at_once_one_waits_with_a_clear_message(release):
    slow_release(release, 3000)
    first = start_ingest(release, pause="fast_row_group:1")  # holds the lock, stopped mid-file
    assert stopped_at(first)
    second = start_ingest(release)
    assert second.wait() == 3, second.communicate()
    busy = second.stdout.read()
    assert f"the cache is being written by pid {first.pid} since" in busy
    assert "Wait for that run to finish (or stop it), then start again." in busy
    assert str(release.cache_dir()) in busy
    first.send_signal(signal.SIGCONT)
    assert first.wait() == 0, first.communicate()
    m = assert_cache_consistent(release)
    assert m["files"]["ira/tweets"]["rows_cached"] == 3001


def test_lock_is_held_only_while_writing(release):
    release.write(TWEETS, release.tweets(2))
    with ingest.CacheLock(release.cache_dir()), pytest.raises(CacheBusyError, match=f"pid {os.getpid()} since"):
        release.ingest()
    assert entry_of(release.ingest())["rows_cached"] == 2  # free again afterwards


# ------------------------------------------------------------------------------ the machine

def test_zip_made_on_a_mac_ignores_resource_forks(release):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(TWEETS, release.csv_text(release.tweets(2)))
        zf.writestr("__MACOSX/._" + TWEETS, b"\x00\x05\x16\x07 resource fork")
        zf.writestr(".hidden_tweets.csv", "x")
    (release.folder / "ira.zip").write_bytes(buf.getvalue())
    m = release.ingest()
    assert list(m["files"]) == ["ira/tweets"] and m["files"]["ira/tweets"]["rows_cached"] == 2


def test_source_changing_while_read(release, monkeypatch):
    path = release.write(TWEETS, release.tweets(3))
    real = fields.type_batch

    def growing(*a, **k):  # the download is still running
        with open(path, "a") as f:
            f.write("")
        os.utime(path, ns=(0, path.stat().st_mtime_ns + 10**9))
        return real(*a, **k)
    monkeypatch.setattr(fields, "type_batch", growing)
    err = release_error(release, "the file changed while it was being read (still downloading")
    assert str(path) in str(err)
    monkeypatch.undo()
    assert ingest.read_manifest(release.cache_dir()) is None or \
        "ira/tweets" not in ingest.read_manifest(release.cache_dir())["files"]
    assert not list(release.cache_dir().glob("*/*.parquet"))


def test_disk_full_while_writing_the_cache(release, monkeypatch):
    import errno
    release.write(TWEETS, release.tweets(3))

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(pq.ParquetWriter, "write_table", full)
    err = release_error(release, "cannot write the cache (No space left on device)")
    assert "free space in" in str(err) and str(release.cache_dir()) in str(err)
    monkeypatch.undo()
    assert no_partials_left(release)


def test_cache_folder_that_cannot_be_created(release, tmp_path):
    release.write(TWEETS, release.tweets(1))
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    with pytest.raises(ProjectError) as err:
        release.ingest()
    assert "cannot create the cache folder" in str(err.value) and "What to do:" in str(err.value)


def test_corrupt_manifest_is_rebuilt(release):
    release.write(TWEETS, release.tweets(2))
    first = release.ingest()
    (Path(first["cache_dir"]) / ingest.MANIFEST).write_text('["not", "a", "manifest"]')
    assert entry_of(release.ingest())["rows_cached"] == 2


def test_busy_message_ignores_a_holder_note_left_by_a_killed_run(release, monkeypatch):
    import fcntl
    release.write(TWEETS, release.tweets(1))
    cache = release.cache_dir()
    cache.mkdir(parents=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    (cache / ".lock-holder").write_text(f"pid {dead} since 2018-10-17T00:00:00")
    looks = []

    def holder_names_itself():  # between two looks, the run holding the lock writes its note
        looks.append(1)
        if len(looks) == 3:
            (cache / ".lock-holder").write_text(f"pid {os.getpid()} since 2026-01-01T00:00:00")
    monkeypatch.setattr(ingest_cache, "_holder_retry", holder_names_itself)
    with open(cache / ".lock", "a+") as f:
        fcntl.flock(f, fcntl.LOCK_EX)  # a run that has the lock but has not named itself yet
        with pytest.raises(CacheBusyError) as err:
            release.ingest()
        assert f"written by pid {os.getpid()} since 2026-01-01T00:00:00" in str(err.value)
        assert dead not in str(err.value) and len(looks) == 3
        (cache / ".lock-holder").unlink()  # nobody names itself: after its looks, 'another process'
        with pytest.raises(CacheBusyError, match="the cache is being written by another process"):
            release.ingest()


def test_every_row_of_the_bad_inputs_table_names_tests_that_exist():
    """docs/bad-inputs.md is the promise; each of its table rows must point at real tests."""
    import ast
    import re
    docs = (Path(__file__).parents[3] / "docs" / "bad-inputs.md").read_text(encoding="utf-8")
    tests = Path(__file__).parents[2]  # tests/: unit/<package>/ and integration/ below it
    defined = {f.name: {n.name for n in ast.walk(ast.parse(f.read_text(encoding="utf-8")))
                        if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")}
               for f in tests.rglob("test_*.py")}
    headers = ("| Bad input", "| Situation")
    rows = [line for line in docs.splitlines() if line.startswith("| ") and not line.startswith(headers)
            and not set(line) <= set("|- ")]
    assert len(rows) >= 40
    for row in rows:
        cell = row.rstrip(" |").rsplit("|", 1)[-1]
        named = re.findall(r"`(?:(test_\w+\.py)::)?(test_\w+)`", cell)
        assert named, f"no test named in: {row[:80]}"
        for file, name in named:
            where = [file] if file else ["test_bad_inputs.py"]
            found = any(name in defined.get(w, set()) for w in where)
            assert found, f"{file or 'test_bad_inputs.py'}::{name} not found"
