"""Release folders (helpers.data.release): file names, archives, renaming, and the source byte stream."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest

from helpers.data import release as rel
from helpers.errors import ReleaseError


@pytest.mark.parametrize("name, expected", [
    ("ira_tweets_csv_hashed.csv", ("ira", "tweets")),
    ("iranian_users_csv_hashed.csv", ("iranian", "users")),
    ("iran_201901_1_tweets_csv_hashed.csv", ("iran_201901_1", "tweets")),
    ("hashed_2020_12_GRU_202012_GRU_202012_tweets.csv", ("gru_202012", "tweets")),
    ("russian_linked_tweets_csv_hashed.csv", ("russia_201901_1", "tweets")),
    ("032020_users_csv_hashed.csv", ("ghana_nigeria_032020", "users")),
    ("ecuador_082019_tweets_csv_hashed.csv", ("ecuador_082019_1", "tweets")),
    ("REA_0621_tweets_csv_hashed_2019.csv", ("rea_0621", "tweets")),
    ("2021_12_CNCC_0621_CNCC_0621_users.csv", ("cncc_0621", "users")),
    ("unhashed_2020_03_ghana_nigeria_032020_tweets_csv_unhashed.csv", ("ghana_nigeria_032020", "tweets")),
    ("hashed_2020_12_foo_202012_foo_202012_users.csv", ("foo_202012", "users")),
    ("venezuela_201901_2_users_csv_unhashed.csv", ("venezuela_201901_2", "users")),
    ("IRA_Tweets_CSV_Hashed.csv.gz", ("ira", "tweets")),
    ("ira_tweets.csv", ("ira", "tweets")),
    ("ira_tweets_csv_hashed.zip", None),
    ("README.md", None),
    ("tweets.csv", None),
])
def test_parse_name(name, expected):
    assert rel.parse_name(name) == expected


def test_discover_plain_gz_and_zip(release):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(1))
    release.write("ira_users_csv_hashed.csv.gz", [release.user()], compress="gzip")
    release.write("iranian_tweets_csv_hashed.zip", release.tweets(1), compress="zip",
                  member="iranian_tweets_csv_hashed.csv")
    (release.folder / "notes.txt").write_text("not data")
    (release.folder / ".DS_Store").write_text("hidden")
    found = rel.discover(release.folder)
    assert [(f.op, f.table, f.compression) for f in found.files] == [
        ("ira", "tweets", "none"), ("ira", "users", "gzip"), ("iranian", "tweets", "zip")]
    assert found.ignored == ["notes.txt"] and found.ops == ["ira", "iranian"]
    assert found.get("iranian", "tweets").member == "iranian_tweets_csv_hashed.csv"
    assert found.get("iranian", "users") is None


def test_zip_with_unnamed_member_takes_the_archive_name(release):
    release.write("ira_tweets_csv_hashed.csv.zip", release.tweets(1), compress="zip", member="data.csv")
    f = rel.discover(release.folder).files[0]
    assert (f.op, f.table, f.member) == ("ira", "tweets", "data.csv")


def test_zip_holding_both_tables_and_a_gzipped_member(release):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("ira/ira_tweets_csv_hashed.csv.gz",
                    gzip.compress(release.csv_text(release.tweets(2)).encode()))
        zf.writestr("ira/ira_users_csv_hashed.csv", release.csv_text([release.user()], "users"))
    (release.folder / "ira.zip").write_bytes(buf.getvalue())
    m = release.ingest()
    assert m["files"]["ira/tweets"]["rows_cached"] == 2 and m["files"]["ira/users"]["rows_cached"] == 1


def test_rename_maps_ops_case_insensitively(release):
    release.write("iranian_tweets_csv_hashed.csv", release.tweets(1))
    f = rel.discover(release.folder, rename={"IRANIAN": "iran"}).files[0]
    assert (f.op, f.source_op, f.key) == ("iran", "iranian", "iran/tweets")


def test_two_files_for_one_table_are_refused(release):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(1))
    release.write("ira_tweets_csv_hashed.csv.gz", release.tweets(1), compress="gzip")
    with pytest.raises(ReleaseError, match="two files hold the tweets of operation 'ira'"):
        rel.discover(release.folder)


def test_rename_that_merges_two_ops_is_refused(release):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(1))
    release.write("iranian_tweets_csv_hashed.csv", release.tweets(1))
    with pytest.raises(ReleaseError, match="two files hold the tweets of operation 'x'"):
        rel.discover(release.folder, rename={"ira": "x", "iranian": "x"})


def test_synthetic_marker_is_read(release):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(1))
    (release.folder / "synthetic-sample.json").write_text('{"synthetic": true, "seed": 1}')
    found = rel.discover(release.folder)
    assert found.synthetic and found.marker["seed"] == 1 and found.ignored == []
    m = release.ingest()
    assert m["synthetic"] is True and m["sample"]["seed"] == 1


def test_discover_names_parts_in_sub_folders_by_their_path_and_orders_them_naturally(release):
    folder = "sa_eg_ae_022020_tweets_csv_hashed"
    (release.folder / folder).mkdir()
    for part in ("10", "02", "01"):
        release.write(f"{folder}/sa_eg_ae_022020_tweets_csv_hashed_{part}.csv", release.tweets(1), style="later")
    found = rel.discover(release.folder)
    assert [(f.key, f.name) for f in found.files] == [
        (f"sa_eg_ae_022020/tweets/{p}", f"{folder}/sa_eg_ae_022020_tweets_csv_hashed_{p}.csv")
        for p in ("01", "02", "10")]
    assert [f.key for f in found.parts("sa_eg_ae_022020", "tweets")] == [f.key for f in found.files]
    assert found.get("sa_eg_ae_022020", "tweets").part == "01"
