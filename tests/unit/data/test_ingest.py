"""Ingest (helpers.data.ingest): every header variant and field form of the real files, row accounting,
the manifest, the cache, and the agreement of the fast and the exact parser."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from helpers.data import ingest, schema, sources
from helpers.data import release as rel
from helpers.data.ingest import limits, pause, writing
from helpers.errors import ReleaseError

TEXT_WITH_QUOTES = ('RT @ruopentwit: ⚡️У НАС НОВОЕ ВИДЕО! Американец: "Если бы не 27 миллионов русских, '
                    'я бы сейчас говорил по-немецки"https://t.co/mAcCirn4o1…')


def cached(manifest: dict, key: str = "ira/tweets"):
    """The cached Parquet table of one file."""
    return pq.read_table(Path(manifest["cache_dir"]) / manifest["files"][key]["cache_file"])


def same_schema(a, b) -> bool:
    """Names and types equal (Parquet calls a list's items 'element', and keeps seconds as ms)."""
    def norm(s):
        return [(f.name, str(f.type).replace("element:", "item:").replace("[ms,", "[s,")) for f in s]
    return norm(a) == norm(b)


def assert_accounted(entry: dict):
    assert entry["rows_read"] == entry["rows_cached"] + entry["rows_quarantined"]
    assert 0 <= entry["rows_with_damaged_fields"] <= entry["rows_cached"]
    assert sum(entry["damaged_fields"].values()) >= entry["rows_with_damaged_fields"]


# ------------------------------------------------------------------------------------- real rows

def test_real_rows_load_with_their_exact_values(release, real_rows):
    shutil.copy(real_rows / "tweets.csv", release.folder / "ira_tweets_csv_hashed.csv")
    shutil.copy(real_rows / "users.csv", release.folder / "ira_users_csv_hashed.csv")
    data = release.open()
    t = data.tweets()
    assert list(t["tweetid"]) == ["877919995476496385", "492388766930444288"]
    first, second = t.iloc[0], t.iloc[1]
    assert first["userid"] == "249064136b1c5cb00a705316ab73dd9b53785748ab757f02df7e7a9876906139"
    assert first["user_display_name"] == first["userid"] == first["user_screen_name"]
    assert first["user_reported_location"] == "Москва, Россия"
    assert first["user_profile_description"] == "Я примерный семьянин!"
    assert first["tweet_text"] == TEXT_WITH_QUOTES
    assert str(first["tweet_time"]) == "2017-06-22 16:03:00+00:00"
    assert first["follower_count"] == 132 and first["following_count"] == 120
    assert str(first["account_creation_date"].date()) == "2013-12-07"
    assert first["account_language"] == "ru" and first["tweet_language"] == "ru"
    assert first["tweet_client_name"] == "TweetDeck"
    assert bool(first["is_retweet"]) is True
    assert first["retweet_userid"] == "2572896396" and first["retweet_tweetid"] == "877917212119416832"
    assert list(first["urls"]) == ["http://ru-open.livejournal.com/374284.html"]
    assert list(first["user_mentions"]) == ["2572896396"] and list(first["hashtags"]) == []
    assert first["in_reply_to_tweetid"] is pd_na() and first["latitude"] is pd_na()
    assert bool(first["user_is_hashed"]) is True and first["source_line"] == 2
    assert second["tweet_text"] == "Серебром отколоколило http://t.co/Jaa4v4IFpM"
    assert second["tweet_client_name"] == "generationπ"
    assert second["user_profile_description"] == ("Телефонист .Изучение истории   Игра в любительском "
                                                  "театре  -  Воздушные змеи ,")
    assert bool(second["is_retweet"]) is False and list(second["hashtags"]) == []
    u = data.users()
    assert list(u["user_reported_location"]) == ["USA", "Раша"]
    assert list(u["follower_count"]) == [1541, 299]
    assert u.iloc[1]["user_profile_description"] == "На воре и шапка горит"
    entry = data.manifest["files"]["ira/tweets"]
    assert entry["schema_variant"].startswith("tweets-2018")
    assert entry["parser"] == "fast" and entry["rows_read"] == 2 and entry["rows_quarantined"] == 0


def pd_na():
    import pandas as pd
    return pd.NA


# -------------------------------------------------------------------------------- header variants

@pytest.mark.parametrize("style, columns, variant", [
    ("2018", schema.TWEET_COLUMNS_2018, "tweets-2018"),
    ("later", schema.TWEET_COLUMNS, "tweets-2019"),
    ("later", tuple(c for c in schema.TWEET_COLUMNS if c != "poll_choices"), "tweets-2020"),
])
def test_header_variants_are_read_by_name(release, style, columns, variant):
    rows = [release.tweet(in_reply_to_tweetid="877919995476496385", in_reply_to_userid="2572896396",
                          poll_choices="yes|no")]
    release.write("ira_tweets_csv_hashed.csv", rows, style=style, columns=columns)
    m = release.ingest()
    entry = m["files"]["ira/tweets"]
    assert entry["schema_variant"].startswith(variant)
    row = cached(m).to_pylist()[0]
    assert row["in_reply_to_tweetid"] == "877919995476496385"  # not swapped with the user id
    assert row["in_reply_to_userid"] == "2572896396"
    if "poll_choices" in columns:
        assert row["poll_choices"] == "yes|no" and entry["missing_optional_columns"] == []
    else:
        assert row["poll_choices"] is None and entry["missing_optional_columns"] == ["poll_choices"]
    assert same_schema(cached(m).schema, schema.cache_schema("tweets"))


# ----------------------------------------------------------------------------------- field forms

@pytest.mark.parametrize("text, expected", [
    ("", []), ("[]", []), ("[a, b]", ["a", "b"]), ("['a', 'b']", ["a", "b"]), ('["a", "b"]', ["a", "b"]),
])
@pytest.mark.parametrize("style", ["2018", "later"])
def test_every_list_form(release, text, expected, style):
    ids = {"a": "111", "b": "222"}  # mentions are user ids
    mentions = text.replace("a", ids["a"]).replace("b", ids["b"])
    release.write("ira_tweets_csv_hashed.csv", [release.tweet(hashtags=text, user_mentions=mentions)],
                  style=style)
    m = release.ingest()
    row = cached(m).to_pylist()[0]
    assert row["hashtags"] == expected and row["user_mentions"] == [ids[x] for x in expected]
    assert m["files"]["ira/tweets"]["rows_with_damaged_fields"] == 0


@pytest.mark.parametrize("text, value", [("true", True), ("false", False), ("True", True),
                                         ("False", False)])
def test_booleans(release, text, value):
    release.write("ira_tweets_csv_hashed.csv", [release.tweet(is_retweet=text)])
    assert cached(release.ingest()).column("is_retweet").to_pylist() == [value]


def test_counts_as_integers_and_as_floats(release):
    rows = [release.tweet(like_count="0", retweet_count="0.0", follower_count="132.0", quote_count=""),
            release.tweet(like_count="15", retweet_count="3.0")]
    release.write("ira_tweets_csv_hashed.csv", rows)
    t = cached(release.ingest())
    assert t.column("like_count").to_pylist() == [0, 15]
    assert t.column("retweet_count").to_pylist() == [0, 3]
    assert t.column("follower_count").to_pylist() == [132, 132]
    assert t.column("quote_count").to_pylist() == [None, 0]


def test_float_form_ids_are_quarantined_with_their_line(release):
    """A float-form id of the row's own (tweetid, userid) quarantines the row; one in a secondary id column
    only nulls that field (test_bad_inputs.py has each column)."""
    rows = [release.tweet(), release.tweet(tweet_text="two\nlines"),
            release.tweet(tweetid="1.207965844074107e+18"), release.tweet(retweet_tweetid="8.77e+17"),
            release.tweet(user="2.572896396e+09")]
    release.write("ira_tweets_csv_hashed.csv", rows)
    m = release.ingest()
    entry = m["files"]["ira/tweets"]
    assert (entry["rows_read"], entry["rows_cached"], entry["rows_quarantined"]) == (5, 3, 2)
    q = release.quarantine(m)
    assert [(r["line"], r["column"]) for r in q] == [("5", "tweetid"), ("7", "userid")]
    assert q[0]["reason"].startswith("id in float form")
    assert "1.207965844074107e+18" in q[0]["reason"]
    assert json.loads(q[0]["record"])["tweetid"] == "1.207965844074107e+18"  # the text as it was
    assert entry["quarantine_reasons"] == {"id in float form": 2}
    assert (entry["rows_with_damaged_fields"], entry["damaged_fields"]) == (1, {"retweet_tweetid": 1})
    assert cached(m).column("retweet_tweetid").to_pylist() == [None, None, None]
    assert cached(m).column("source_line").to_pylist() == [2, 3, 6]


def test_absent_and_numeric_geo(release):
    rows = [release.tweet(latitude="absent", longitude="absent"),
            release.tweet(latitude="55.75", longitude="37.62"), release.tweet(latitude="", longitude="")]
    release.write("ira_tweets_csv_hashed.csv", rows, style="later")
    t = cached(release.ingest())
    assert t.column("latitude").to_pylist() == [None, 55.75, None]
    assert t.column("longitude").to_pylist() == [None, 37.62, None]


def test_user_is_hashed(release):
    rows = [release.tweet(user="2572896396"), release.tweet(user=release.hashed("small account"))]
    release.write("ira_tweets_csv_hashed.csv", rows[:1] + [rows[1]])
    release.write("iran_tweets_csv_hashed.csv", [release.tweet(user=release.hashed("other"))], style="later")
    m = release.ingest()
    assert cached(m).column("user_is_hashed").to_pylist() == [False, True]
    assert cached(m, "iran/tweets").column("user_is_hashed").to_pylist() == [True]


# ------------------------------------------------------------------------------ columns and files

def test_unknown_extra_columns_are_kept_and_reported(release):
    columns = schema.TWEET_COLUMNS_2018 + ("campaign_note",)
    release.write("ira_tweets_csv_hashed.csv", [release.tweet(campaign_note="batch 7")], columns=columns)
    m = release.ingest()
    assert m["files"]["ira/tweets"]["extra_columns"] == ["campaign_note"]
    assert "custom" in m["files"]["ira/tweets"]["schema_variant"]
    assert cached(m).column("campaign_note").to_pylist() == ["batch 7"]


def test_trailing_comma_in_header_becomes_a_named_extra_column(release):
    text = release.csv_text([release.tweet()]).replace("\n", ",\n")
    release.write("ira_tweets_csv_hashed.csv", text=text)
    m = release.ingest()
    assert m["files"]["ira/tweets"]["extra_columns"] == ["unnamed_32"]
    assert cached(m).column("unnamed_32").to_pylist() == [None]


def test_missing_required_column_names_file_and_columns(release):
    columns = tuple(c for c in schema.TWEET_COLUMNS_2018 if c not in ("tweet_time", "like_count"))
    path = release.write("ira_tweets_csv_hashed.csv", [release.tweet()], columns=columns)
    with pytest.raises(ReleaseError) as err:
        release.ingest()
    msg = str(err.value)
    assert str(path) in msg and "line 1" in msg
    assert "required columns missing from the header: tweet_time, like_count" in msg
    assert "What to do:" in msg


def test_later_release_file_loads_with_every_row_accounted_for(release):
    rows = [release.tweet(hashtags=["a", "b"], is_retweet=True, tweet_text='He said "hi", then\nleft'),
            release.tweet(urls=["http://t.co/x"], latitude=None, like_count="2.0"),
            release.tweet(tweetid="1.207965844074107e+18"),
            release.tweet(user="2572896396", is_retweet=False)]
    release.write("iran_201901_1_tweets_csv_hashed.csv", rows, style="later")
    release.write("iran_201901_1_users_csv_hashed.csv", [release.user(), release.user()], style="later")
    m = release.ingest()
    assert m["ops"] == ["iran_201901_1"]
    entry = m["files"]["iran_201901_1/tweets"]
    assert (entry["rows_read"], entry["rows_cached"], entry["rows_quarantined"]) == (4, 3, 1)
    assert entry["schema_variant"].startswith("tweets-2019") and entry["parser"] == "fast"
    t = cached(m, "iran_201901_1/tweets").to_pylist()
    assert t[0]["userid"].endswith("=") and t[0]["user_is_hashed"] is True
    assert t[0]["hashtags"] == ["a", "b"] and t[0]["is_retweet"] is True
    assert t[0]["tweet_text"] == 'He said "hi", then\nleft'
    assert t[1]["latitude"] is None and t[1]["like_count"] == 2 and t[1]["source_line"] == 4
    assert t[2]["user_is_hashed"] is False and t[2]["source_line"] == 6
    assert m["files"]["iran_201901_1/users"]["rows_cached"] == 2


def test_gz_and_zip_inputs_give_the_same_cache_as_plain(release, tmp_path):
    rows = release.tweets(5) + [release.tweet(tweet_text="multi\nline")]
    text = release.csv_text(rows)
    release.write("ira_tweets_csv_hashed.csv", text=text)
    release.write("iran_tweets_csv_hashed.csv.gz", text=text, compress="gzip")
    release.write("gru_tweets_csv_hashed.zip", text=text, compress="zip",
                  member="gru_tweets_csv_hashed.csv")
    m = release.ingest()
    plain = cached(m, "ira/tweets")
    assert cached(m, "iran/tweets").equals(plain) and cached(m, "gru/tweets").equals(plain)
    assert m["files"]["iran/tweets"]["source"]["compression"] == "gzip"
    assert m["files"]["gru/tweets"]["source"]["compression"] == "zip"
    assert m["files"]["gru/tweets"]["source"]["member"] == "gru_tweets_csv_hashed.csv"
    for key in ("ira/tweets", "iran/tweets", "gru/tweets"):
        assert m["files"][key]["decompressed_bytes"] == len(text.encode())
        assert m["files"][key]["rows_cached"] == 6
    # the hash is that of the file as stored on disk (what was downloaded)
    assert m["files"]["iran/tweets"]["source"]["sha256"] == sources.file_sha256(
        release.folder / "iran_tweets_csv_hashed.csv.gz")


# ----------------------------------------------------------------------------------------- cache

def test_cache_is_reused_when_nothing_changed(release):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(3))
    first = release.ingest()
    said = []
    second = release.ingest(log=said.append)
    assert said == []  # nothing ingested again
    assert second["files"]["ira/tweets"]["cache_file"] == first["files"]["ira/tweets"]["cache_file"]
    assert second["files"]["ira/tweets"]["ingested_at"] == first["files"]["ira/tweets"]["ingested_at"]


def test_cache_is_rebuilt_when_a_source_changes(release):
    path = release.write("ira_tweets_csv_hashed.csv", release.tweets(3))
    release.write("ira_users_csv_hashed.csv", [release.user()])
    first = release.ingest()
    release.write("ira_tweets_csv_hashed.csv", release.tweets(4))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    said = []
    second = release.ingest(log=said.append)
    assert said[0] == "ingesting ira_tweets_csv_hashed.csv -> ira/tweets" and len(said) == 2
    assert second["files"]["ira/tweets"]["rows_cached"] == 4
    assert second["files"]["ira/tweets"]["cache_file"] != first["files"]["ira/tweets"]["cache_file"]
    assert second["files"]["ira/users"]["cache_file"] == first["files"]["ira/users"]["cache_file"]
    # the replaced cache file is gone; only the manifest's files remain
    cache = Path(second["cache_dir"])
    left = sorted(str(p.relative_to(cache)) for p in cache.glob("*/*"))
    assert left == sorted(e[k] for e in second["files"].values()
                          for k in ("cache_file", "quarantine_file", "damaged_file"))


def test_an_edit_that_keeps_size_and_mtime_is_not_detected_until_the_mtime_moves(release):
    """The documented limit of the make-style check (docs/bad-inputs.md): same size and modification
    time means unchanged; any later touch of the file brings the edit in."""
    path = release.write("ira_tweets_csv_hashed.csv", release.tweets(3, tweet_text="version one"))
    first = release.ingest()
    st = path.stat()
    path.write_bytes(path.read_bytes().replace(b"version one", b"version two"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    assert release.ingest()["files"]["ira/tweets"]["cache_file"] == first["files"]["ira/tweets"]["cache_file"]
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    third = release.ingest()
    assert third["files"]["ira/tweets"]["source"]["sha256"] != first["files"]["ira/tweets"]["source"]["sha256"]
    assert {r["tweet_text"] for r in cached(third, "ira/tweets").to_pylist()} == {"version two"}


def test_cache_is_rebuilt_when_its_parquet_file_is_damaged(release):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(3))
    first = release.ingest()
    target = Path(first["cache_dir"]) / first["files"]["ira/tweets"]["cache_file"]
    target.write_bytes(b"garbage")
    second = release.ingest()
    assert cached(second).num_rows == 3


def test_force_reingests(release):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(2))
    first = release.ingest()
    second = release.ingest(force=True)
    assert second["files"]["ira/tweets"]["cache_file"] != first["files"]["ira/tweets"]["cache_file"]


def test_cache_of_an_older_ingest_version_is_rebuilt(release):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(2))
    first = release.ingest()
    manifest_path = Path(first["cache_dir"]) / ingest.MANIFEST
    old = json.loads(manifest_path.read_text())
    old["ingest_version"] = ingest.INGEST_VERSION - 1
    manifest_path.write_text(json.dumps(old))
    said = []
    release.ingest(log=said.append)
    assert said and said[0].startswith("ingesting")


# -------------------------------------------------------------------------------- row accounting

def test_accounting_identity_is_in_the_manifest(release):
    rows = (release.tweets(5) + [release.tweet(tweetid="")] + [release.tweet(like_count="many")]
            + [release.tweet(tweet_time="yesterday")])
    text = release.csv_text(rows) + '"1","2"\n'  # a short row: the exact parser reads this file
    release.write("ira_tweets_csv_hashed.csv", text=text)
    m = release.ingest()
    e = m["files"]["ira/tweets"]
    assert (e["rows_read"], e["rows_cached"], e["rows_quarantined"]) == (9, 7, 2)
    assert (e["rows_with_damaged_fields"], e["damaged_fields"]) == (2, {"like_count": 1, "tweet_time": 1})
    assert_accounted(e)
    assert e["parser"] == "exact" and "Expected 31 columns" in e["fast_parser_declined"]
    assert e["physical_lines"] == 10
    assert e["quarantine_reasons"] == {"expected N fields, found N": 1, "required field tweetid is empty": 1}
    q = release.quarantine(m)
    assert sorted(int(r["line"]) for r in q) == [7, 10]
    assert [(d["line"], d["column"], d["original_text"]) for d in release.damaged(m)] == [
        ("8", "like_count", "many"), ("9", "tweet_time", "yesterday")]


def test_duplicate_ids_are_kept_once_and_counted(release):
    a, b = release.tweet(tweet_text="first"), release.tweet()
    dupe = dict(a, tweet_text="second copy")
    release.write("ira_tweets_csv_hashed.csv", [a, b, dupe, dict(b)])
    m = release.ingest()
    e = m["files"]["ira/tweets"]
    assert (e["rows_read"], e["rows_cached"], e["rows_quarantined"]) == (4, 2, 2)
    assert e["duplicates_quarantined"] == 2 and e["quarantine_reasons"] == {"duplicate tweetid": 2}
    t = cached(m)
    assert t.column("tweet_text").to_pylist() == ["first", b["tweet_text"]]  # the first occurrence
    q = release.quarantine(m)
    assert [r["line"] for r in q] == ["4", "5"]
    assert q[0]["reason"] == f"duplicate tweetid {a['tweetid']}: the first occurrence (line 2) is kept"


def test_ids_with_leading_zeros_are_not_duplicates_of_the_plain_id(release):
    release.write("ira_tweets_csv_hashed.csv", [release.tweet(tweetid="123"), release.tweet(tweetid="0123")])
    assert cached(release.ingest()).num_rows == 2


def test_duplicate_users_are_detected_by_hashed_id(release):
    u = release.user()
    release.write("ira_users_csv_hashed.csv", [u, release.user(), dict(u)])
    m = release.ingest()
    assert m["files"]["ira/users"]["duplicates_quarantined"] == 1
    assert cached(m, "ira/users").num_rows == 2


# ------------------------------------------------------------------- fast and exact parser agree

def tricky_rows(release, style):
    return [
        release.tweet(tweet_text='quotes "inside", commas, and\nline\nbreaks', hashtags=["a", "b"]),
        release.tweet(user_profile_description="CRLF\r\ninside", urls=["http://x.com/a,b"]),
        release.tweet(tweet_text="", user="2572896396", like_count="3.0", latitude="1.5", longitude="-2"),
        release.tweet(tweet_text="😀 emoji and فارسی", is_retweet=True, poll_choices="a|b"),
        release.tweet(tweetid="1.207965844074107e+18"),
        release.tweet(tweet_text="ends with a break\n"),
        release.tweet(like_count="x", retweet_tweetid="8.77e+17", user_mentions=["2572896396", "2.5e+17"]),
    ]


@pytest.mark.parametrize("style", ["2018", "later"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fast_and_exact_parsers_give_identical_parquet(release, style, newline):
    rows = tricky_rows(release, style)
    rows.append(dict(rows[0]))  # a duplicate
    release.write("ira_tweets_csv_hashed.csv", rows, style=style, newline=newline)
    src = rel.discover(release.folder).files[0]
    cache = release.cache_dir()
    fast = writing._write_file(src, cache, "fast", progress=False)
    exact = writing._write_file(src, cache, "exact", progress=False)
    assert fast["parser"] == "fast" and exact["parser"] == "exact"
    a = pq.read_table(cache / fast["cache_file"])
    b = pq.read_table(cache / exact["cache_file"])
    assert a.num_rows == 6 and a.equals(b)
    for k in ("rows_read", "rows_cached", "rows_quarantined", "quarantine_reasons", "physical_lines",
              "sha256", "rows_with_damaged_fields", "damaged_fields", "damaged_reasons"):
        assert fast[k] == exact[k], k
    assert (cache / fast["quarantine_file"]).read_text() == (cache / exact["quarantine_file"]).read_text()
    assert fast["damaged_fields"] == {"like_count": 1, "retweet_tweetid": 1, "user_mentions": 1}
    assert (cache / fast["damaged_file"]).read_text() == (cache / exact["damaged_file"]).read_text()


@pytest.mark.parametrize("parser", ["fast", "exact"])
def test_source_line_counts_embedded_line_breaks(release, parser):
    rows = [release.tweet(tweet_text="one"), release.tweet(tweet_text="two\nthree\nfour"),
            release.tweet(user_profile_description="a\r\nb", tweet_text="c\nd"), release.tweet()]
    release.write("ira_tweets_csv_hashed.csv", rows)
    src = rel.discover(release.folder).files[0]
    stats = writing._write_file(src, release.cache_dir(), parser, progress=False)
    t = pq.read_table(release.cache_dir() / stats["cache_file"])
    assert t.column("source_line").to_pylist() == [2, 3, 6, 9]
    assert stats["physical_lines"] == 9


def test_source_line_is_right_across_fast_parser_batches(release, monkeypatch):
    monkeypatch.setattr(limits, "BLOCK_BYTES", 4096)  # many small blocks ...
    monkeypatch.setattr(limits, "TYPE_BATCH_ROWS", 7)  # ... typed a few at a time
    rows = [release.tweet(tweet_text="x\n" * (i % 3)) for i in range(60)]
    release.write("ira_tweets_csv_hashed.csv", rows)
    m = release.ingest()
    assert m["files"]["ira/tweets"]["parser"] == "fast"
    lines = cached(m).column("source_line").to_pylist()
    expected, line = [], 2
    for i in range(60):
        expected.append(line)
        line += 1 + i % 3
    assert lines == expected


def test_exact_parser_reads_the_same_values_in_big_files(release, monkeypatch):
    monkeypatch.setattr(limits, "EXACT_BATCH_ROWS", 7)
    rows = [release.tweet(tweet_text=f"t{i}\n{i}") for i in range(30)]
    release.write("ira_tweets_csv_hashed.csv", rows)
    src = rel.discover(release.folder).files[0]
    stats = writing._write_file(src, release.cache_dir(), "exact", progress=False)
    t = pq.read_table(release.cache_dir() / stats["cache_file"])
    assert t.column("tweet_text").to_pylist() == [f"t{i}\n{i}" for i in range(30)]
    assert t.column("source_line").to_pylist() == list(range(2, 62, 2))


def test_duplicates_across_row_groups(release, monkeypatch):
    monkeypatch.setattr(limits, "ROW_GROUP_ROWS", 3)
    monkeypatch.setattr(limits, "EXACT_BATCH_ROWS", 2)
    base = release.tweets(4)
    ids = [0, 1, 2, 0, 3, 1, 1, 2, 0, 3]  # first occurrences on lines 2, 3, 4, 6
    rows = [dict(base[i], tweet_text=f"row {n}") for n, i in enumerate(ids)]
    release.write("ira_tweets_csv_hashed.csv", rows)
    src = rel.discover(release.folder).files[0]
    for parser in ("fast", "exact"):
        stats = writing._write_file(src, release.cache_dir(), parser, progress=False)
        t = pq.read_table(release.cache_dir() / stats["cache_file"])
        assert t.column("tweet_text").to_pylist() == ["row 0", "row 1", "row 2", "row 4"]
        assert t.column("source_line").to_pylist() == [2, 3, 4, 6]
        assert (stats["rows_read"], stats["rows_cached"], stats["duplicates_quarantined"]) == (10, 4, 6)
        q = release.quarantine({"cache_dir": str(release.cache_dir()),
                                "files": {"x": {"quarantine_file": stats["quarantine_file"]}}}, "x")
        assert [(r["line"], r["reason"].split("(line ")[1].split(")")[0]) for r in q] == [
            ("5", "2"), ("7", "3"), ("8", "3"), ("9", "4"), ("10", "2"), ("11", "6")]


def test_row_groups_are_whole_and_rows_in_file_order(release, monkeypatch):
    monkeypatch.setattr(limits, "BLOCK_BYTES", 4096)
    monkeypatch.setattr(limits, "TYPE_BATCH_ROWS", 3)
    monkeypatch.setattr(limits, "ROW_GROUP_ROWS", 5)
    release.write("ira_tweets_csv_hashed.csv", [release.tweet(tweet_text=f"n{i}") for i in range(23)])
    m = release.ingest()
    path = Path(m["cache_dir"]) / m["files"]["ira/tweets"]["cache_file"]
    meta = pq.ParquetFile(path).metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [5, 5, 5, 5, 3]
    assert pq.read_table(path).column("tweet_text").to_pylist() == [f"n{i}" for i in range(23)]


def test_manifest_has_one_entry_per_part_and_forgets_a_removed_part(release):
    for i in (1, 2, 3):
        release.write(f"venezuela_201901_1_tweets_csv_hashed_{i}.csv", release.tweets(i), style="later")
    first = release.ingest()
    assert sorted(first["files"]) == [f"venezuela_201901_1/tweets/{i}" for i in (1, 2, 3)]
    for i in (1, 2, 3):
        e = first["files"][f"venezuela_201901_1/tweets/{i}"]
        assert (e["op"], e["table"], e["part"], e["rows_cached"]) == ("venezuela_201901_1", "tweets", str(i), i)
        assert e["across_parts"]["duplicates"] == 0
    assert first["ops"] == ["venezuela_201901_1"]
    (release.folder / "venezuela_201901_1_tweets_csv_hashed_2.csv").unlink()
    second = release.ingest()
    assert sorted(second["files"]) == ["venezuela_201901_1/tweets/1", "venezuela_201901_1/tweets/3"]
    assert second["files"]["venezuela_201901_1/tweets/3"]["cache_file"] == \
        first["files"]["venezuela_201901_1/tweets/3"]["cache_file"]
    left = sorted(str(p.relative_to(release.cache_dir())) for p in release.cache_dir().glob("*/*"))
    kinds = ("cache_file", "quarantine_file", "damaged_file")
    assert left == sorted(e[k] for e in second["files"].values() for k in kinds if k in e)


def test_pause_points_are_off_unless_the_variable_names_one(monkeypatch):
    """The test-only hook (TROLLTRACKER_PAUSE_AT) is read once; unset, no point does anything."""
    monkeypatch.delenv(ingest.PAUSE_ENV, raising=False)
    assert pause._pause_spec() is None
    monkeypatch.setenv(ingest.PAUSE_ENV, "exact_row_group:9")
    assert pause._pause_spec() == ("exact_row_group", 9)
    monkeypatch.setenv(ingest.PAUSE_ENV, "file_renamed")
    assert pause._pause_spec() == ("file_renamed", 1)
