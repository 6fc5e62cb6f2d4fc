"""Every file-name pattern and column format of Twitter's archive loads as its operation, the parts of one
table are one table, and an id repeated across parts is quarantined once, naming the row kept
(helpers.data.release discovery, helpers.data.ingest manifest, helpers.data.load.ReleaseData)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest

from helpers.data import catalog, schema
from helpers.data import release as rel
from helpers.errors import ReleaseError
from helpers.synthetic import archive


def generate(folder: Path, keys, **options) -> dict:
    """A synthetic release of catalog datasets (helpers.synthetic.archive); returns its marker content."""
    options.setdefault("tweets", 24)
    return archive.write_archive_sample(folder, keys, seed=5, **options)


def rows_in(marker: dict, op: str, table: str) -> int:
    return sum(f["rows"] for f in marker["ops"][op]["files"].values() if f["table"] == table)


def start_lines(path: Path) -> list[int]:
    """The physical line where each record of a CSV file starts (quoted fields may hold line breaks)."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        starts, end = [], reader.line_num
        for _ in reader:
            starts.append(end + 1)
            end = reader.line_num
    return starts


def quarantine_rows(data, path: str) -> list[dict]:
    with open(data.cache_dir / path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# One dataset per file-name pattern and column format of releases.md.
PATTERNS = {
    "ira": "2018: <key>_tweets_csv_hashed.csv, 31 columns in the 2018 order",
    "russia_201901_1": "zip <key>_tweets_csv_hashed.zip holding russian_linked_tweets_csv_hashed.csv",
    "iran_201901_1": "parts _1.._4",
    "china_082019_3": "parts _part1.._part3",
    "ecuador_082019_1": "stem without the key's _1",
    "saudi_arabia_112019": "folder of parts _1.._9",
    "serbia_022020": "folder of parts _01.._13",
    "egypt_022020": "browser-flattened bucket path (folders hashed_2020_04_<key>_<key>_...)",
    "ghana_nigeria_032020": "032020_tweets_csv_hashed.csv",
    "russia_052020": "parts _1, _2, 30 columns",
    "turkey_052020": "years _2015 and half-years _2016_01, _2016_06",
    "iran_092020": "30 columns, true/false",
    "GRU_202012": "hashed_2020_12_<key>_<key>_tweets.csv (shortened) and ..._users.csv",
    "iran_202012": "hashed_2020_12_<key>_<key>_tweets_csv_hashed.csv",
    "REA_0621": "one file per year, 2021_12_<key>_<key>_users.csv, [''] lists",
}


@pytest.mark.parametrize("key", sorted(PATTERNS))
def test_each_pattern_loads_as_its_operation_with_every_row_accounted(tmp_path, key):
    marker = generate(tmp_path / "release", [key])
    op = catalog.lookup(key).op
    data = ingest_open(tmp_path)
    assert data.ops == [op] and data.manifest["ignored_files"] == []
    files = data.file_table()
    for table in ("tweets", "users"):
        mine = files[files.table == table]
        assert mine["rows read"].sum() == rows_in(marker, op, table) > 0
        assert (mine["rows read"] == mine["rows cached"] + mine["rows quarantined"]).all()
        assert mine["rows quarantined"].sum() == 0
    expected_parts = sorted(f["part"] for f in marker["ops"][op]["files"].values() if f["table"] == "tweets")
    assert sorted(files[files.table == "tweets"]["part"]) == expected_parts
    assert len(data.tweets(dated=False)) == rows_in(marker, op, "tweets")
    assert len(data.users()) == rows_in(marker, op, "users")


def ingest_open(tmp_path: Path, **kwargs):
    from helpers.data import load
    return load.open_release(tmp_path / "release", cache_root=tmp_path / "cache", progress=False,
                             log=lambda *a: None, **kwargs)


def test_the_whole_archive_loads_each_dataset_as_its_catalog_operation(tmp_path):
    keys = [d.key for d in catalog.datasets()]
    marker = generate(tmp_path / "release", keys, tweets=6)
    data = ingest_open(tmp_path)
    assert sorted(data.ops) == sorted(d.op for d in catalog.datasets()) and len(data.ops) == 48
    files = data.file_table()
    assert (files["rows read"] == files["rows cached"] + files["rows quarantined"]).all()
    assert files["rows quarantined"].sum() == 0
    per_op = files[files.table == "tweets"].groupby("op")["rows read"].sum()
    assert per_op.to_dict() == {op: rows_in(marker, op, "tweets") for op in marker["ops"]}


@pytest.mark.parametrize("name, op, table", [
    ("REA_0621_tweets_csv_hashed_2019.csv", "rea_0621", "tweets"),
    ("hashed_2020_12_GRU_202012_GRU_202012_tweets.csv", "gru_202012", "tweets"),
    ("russian_linked_tweets_csv_hashed.csv", "russia_201901_1", "tweets"),
    ("032020_users_csv_hashed.csv", "ghana_nigeria_032020", "users"),
    ("hashed_2021_12_MX_0621_MX_0621_users.csv", "mx_0621", "users"),
    ("2021_12_MX_0621_MX_0621_users.csv", "mx_0621", "users"),
    ("turkey_052020_tweets_csv_hashed_2016_01.csv", "turkey_052020", "tweets"),
    ("unhashed_2020_03_ghana_nigeria_032020_tweets_csv_unhashed.csv", "ghana_nigeria_032020", "tweets"),
    ("someop_tweets_csv_hashed_07.csv", "someop", "tweets"),  # not in the catalog: its stem
])
def test_the_names_quoted_in_issue_12_load_as_their_operation(release, name, op, table):
    rows = release.tweets(2) if table == "tweets" else [release.user()]
    release.write(name, rows, table=table, style="later")
    m = release.ingest()
    [entry] = m["files"].values()
    assert (entry["op"], entry["table"]) == (op, table) and m["ops"] == [op]
    assert entry["rows_cached"] == len(rows) and entry["rows_read"] == len(rows)


def test_op_names_rename_after_the_catalog(release):
    release.write("russian_linked_tweets_csv_hashed.csv", release.tweets(1), style="later")
    release.write("032020_tweets_csv_hashed.csv", release.tweets(1), style="later")
    found = rel.discover(release.folder, rename={"russia_201901_1": "ira_2019", "032020": "ebla"})
    assert [(f.op, f.source_op) for f in found.files] == [("ebla", "032020"), ("ira_2019", "russian_linked")]


def test_parts_are_one_table_in_natural_order(tmp_path):
    marker = generate(tmp_path / "release", ["serbia_022020"], tweets=40)
    data = ingest_open(tmp_path)
    parts = data.file_table().query("table == 'tweets'")
    assert list(parts["part"]) == [f"{i:02d}" for i in range(1, 14)]
    assert list(parts["file"]) == [f"serbia_022020_tweets_csv_hashed/serbia_022020_tweets_csv_hashed_{i:02d}.csv"
                                   for i in range(1, 14)]
    assert parts["rows cached"].sum() == rows_in(marker, "serbia_022020", "tweets") == 40
    entry = data.entry("serbia_022020", "tweets")
    assert entry["rows_cached"] == 40 and len(entry["parts"]) == 13
    tweets = data.tweets(["tweetid", "tweet_time"], dated=False)
    assert len(tweets) == 40 and tweets["tweet_time"].is_monotonic_increasing  # parts read in order


def test_part_labels_sort_naturally():
    labels = ["10", "2", "part10", "part2", "", "2016_06", "2016_01", "2015"]
    assert sorted(labels, key=rel.part_sort_key) == ["", "2", "10", "2015", "2016_01", "2016_06", "part2",
                                                    "part10"]


def test_a_duplicate_across_parts_is_quarantined_naming_the_row_kept(tmp_path):
    marker = generate(tmp_path / "release", ["iran_201901_1"], tweets=20, duplicate_across_parts=True)
    dup = marker["ops"]["iran_201901_1"]["damage"]["duplicate_tweetid"]
    data = ingest_open(tmp_path)
    files = data.file_table().query("table == 'tweets'")
    assert list(files["rows quarantined"]) == [0, 0, 0, 1]
    assert files["rows read"].sum() == 21 and files["rows cached"].sum() == 20
    tweets = data.tweets(["tweetid"], dated=False)
    assert len(tweets) == 20 and tweets["tweetid"].is_unique and dup in set(tweets["tweetid"])
    [reason] = data.quarantine_table().query("part == '4'").to_dict("records")
    assert reason["reason"] == "duplicate tweetid across parts" and reason["rows"] == 1
    [row] = quarantine_rows(data, reason["details"])
    last_line = start_lines(tmp_path / "release" / "iran_201901_1_tweets_csv_hashed_4.csv")[-1]
    assert row["source_file"] == "iran_201901_1_tweets_csv_hashed_4.csv" and row["line"] == str(last_line)
    assert row["reason"] == (f"duplicate tweetid {dup}: already in iran_201901_1_tweets_csv_hashed_1.csv "
                             "line 2 (an earlier part), which is kept")
    assert json.loads(row["record"])["tweetid"] == dup


def _rewrite_part(path: Path, keep) -> None:
    """Rewrites a generated (2019-style) part keeping only the rows `keep(row)` accepts."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([rows[0]] + [r for r in rows[1:] if keep(r)])


def test_duplicates_across_parts_are_recomputed_when_one_part_changes(tmp_path):
    marker = generate(tmp_path / "release", ["iran_201901_1"], tweets=20, duplicate_across_parts=True)
    dup = marker["ops"]["iran_201901_1"]["damage"]["duplicate_tweetid"]
    first = ingest_open(tmp_path).manifest
    assert first["files"]["iran_201901_1/tweets/4"]["rows_quarantined"] == 1
    again = ingest_open(tmp_path).manifest  # nothing changed: all reused, counts not applied twice
    assert again["files"] == first["files"]
    # Part 1 loses the row part 4 repeats: part 4 is reused from the cache, and its row is kept now.
    part1 = tmp_path / "release" / "iran_201901_1_tweets_csv_hashed_1.csv"
    _rewrite_part(part1, lambda r: r[0] != dup)
    data = ingest_open(tmp_path)
    files = data.manifest["files"]
    assert files["iran_201901_1/tweets/4"]["cache_file"] == first["files"]["iran_201901_1/tweets/4"]["cache_file"]
    assert files["iran_201901_1/tweets/1"]["cache_file"] != first["files"]["iran_201901_1/tweets/1"]["cache_file"]
    assert [files[f"iran_201901_1/tweets/{i}"]["rows_quarantined"] for i in range(1, 5)] == [0, 0, 0, 0]
    assert files["iran_201901_1/tweets/4"]["rows_cached"] == files["iran_201901_1/tweets/4"]["rows_read"]
    tweets = data.tweets(["tweetid"], dated=False)
    assert len(tweets) == 20 and dup in set(tweets["tweetid"])
    # Part 2 gets a copy of part 3's first row: part 2 comes first, so its copy is kept and part 3's row
    # is quarantined, naming part 2 (only parts 2 and 3 are read again).
    part3 = tmp_path / "release" / "iran_201901_1_tweets_csv_hashed_3.csv"
    with open(part3, encoding="utf-8", newline="") as f:
        row3 = list(csv.reader(f))[1]
    part2 = tmp_path / "release" / "iran_201901_1_tweets_csv_hashed_2.csv"
    with open(part2, "a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow(row3)
    data = ingest_open(tmp_path)
    files = data.manifest["files"]
    assert [files[f"iran_201901_1/tweets/{i}"]["rows_quarantined"] for i in range(1, 5)] == [0, 0, 1, 0]
    [q] = quarantine_rows(data, files["iran_201901_1/tweets/3"]["across_parts"]["quarantine_file"])
    assert q["source_file"].endswith("_3.csv") and "hashed_2.csv line" in q["reason"] and q["line"] == "2"
    assert len(data.tweets(["tweetid"], dated=False)) == 21 - 1
    referenced = {e.get("across_parts", {}).get("lines_file") for e in files.values()}
    left = {str(p.relative_to(data.cache_dir)) for p in data.cache_dir.glob("*/*-across-*.parquet")}
    assert left == referenced - {None}  # the stale duplicates files of earlier runs are removed


def test_two_copies_of_one_part_are_refused(release):
    release.write("iran_201901_1_tweets_csv_hashed_1.csv", release.tweets(1), style="later")
    release.write("iran_201901_1_tweets_csv_hashed_2.csv", release.tweets(1), style="later")
    release.write("iran_201901_1_tweets_csv_hashed_2.csv.gz", release.tweets(1), style="later", compress="gzip")
    with pytest.raises(ReleaseError, match="two files hold part 2 of the tweets of operation 'iran_201901_1'"):
        rel.discover(release.folder)


def test_a_part_in_a_folder_and_beside_it_is_refused(release):
    name = "saudi_arabia_112019_tweets_csv_hashed_1.csv"
    (release.folder / "saudi_arabia_112019_tweets_csv_hashed").mkdir()
    release.write(f"saudi_arabia_112019_tweets_csv_hashed/{name}", release.tweets(1), style="later")
    release.write(name, release.tweets(1), style="later")
    with pytest.raises(ReleaseError, match="two files hold part 1 of the tweets"):
        rel.discover(release.folder)


def test_a_zip_of_parts_loads_as_one_table(release):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i in (1, 2, 10):
            zf.writestr(f"russia_052020_tweets_csv_hashed/russia_052020_tweets_csv_hashed_{i}.csv",
                        release.csv_text(release.tweets(i), style="later"))
        zf.writestr("russia_052020_tweets_csv_hashed/russia_052020_tweets_csv_hashed_3.csv.gz",
                    gzip.compress(release.csv_text(release.tweets(3), style="later").encode()))
    (release.folder / "russia_052020_tweets_csv_hashed.zip").write_bytes(buf.getvalue())
    data = release.open()
    files = data.file_table()
    assert list(files["part"]) == ["1", "2", "3", "10"] and list(files["rows cached"]) == [1, 2, 3, 10]
    assert files["file"].str.startswith("russia_052020_tweets_csv_hashed.zip:").all()
    assert len(data.tweets(dated=False)) == 16


def test_sub_folders_are_searched_to_a_bounded_depth_hidden_ones_skipped(release):
    deep = release.folder / "a" / "b" / "c"
    deep.mkdir(parents=True)
    release.write("a/b/c/ira_tweets_csv_hashed.csv", release.tweets(1))
    (release.folder / "a" / "b" / "c" / "d").mkdir()
    release.write("a/b/c/d/iranian_tweets_csv_hashed.csv", release.tweets(1))  # deeper than MAX_DEPTH
    (release.folder / ".hidden").mkdir()
    release.write(".hidden/cuba_082020_tweets_csv_hashed.csv", release.tweets(1))
    (release.folder / "__MACOSX").mkdir()
    release.write("__MACOSX/qatar_082020_tweets_csv_hashed.csv", release.tweets(1))
    release.write("a/notes.txt", text="not data")
    found = rel.discover(release.folder)
    assert [f.name for f in found.files] == ["a/b/c/ira_tweets_csv_hashed.csv"] and rel.MAX_DEPTH == 3
    assert found.ignored == ["a/notes.txt"]


def test_camel_case_users_headers_are_read_as_the_release_columns(tmp_path):
    generate(tmp_path / "release", ["CNCC_0621"], camel_users=True)
    users_file = next((tmp_path / "release").glob("*_users.csv"))
    header = users_file.read_text(encoding="utf-8").splitlines()[0]
    assert '"userDisplayName"' in header and '"accountCreationDate"' in header
    data = ingest_open(tmp_path)
    entry = data.entry("cncc_0621", "users")
    assert entry["header"] == list(schema.USER_COLUMNS) and entry["rows_quarantined"] == 0
    users = data.users(["user_display_name", "account_creation_date"])
    assert users["user_display_name"].notna().all() and users["account_creation_date"].notna().all()


@pytest.mark.parametrize("name, expected", [
    ("userDisplayName", "user_display_name"), ("accountCreationDate", "account_creation_date"),
    ("tweetTime", "tweet_time"), ("tweetId", "tweetid"), ("inReplyToUserId", "in_reply_to_userid"),
    ("userid", "userid"), ("campaign_note", "campaign_note"),
])
def test_canonical_column_names(name, expected):
    assert schema.canonical_column(name) == expected


def test_the_2021_format_reads_empty_lists_true_false_absent_and_base64_hashes(tmp_path):
    generate(tmp_path / "release", ["REA_0621"], tweets=30)
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "release").glob("REA_0621_tweets_*.csv"))
    assert "\"['']\"" in text and '"True"' in text and '"absent"' in text and "poll_choices" not in text
    data = ingest_open(tmp_path)
    entry = data.entries("rea_0621", "tweets")[0]
    assert entry["missing_optional_columns"] == ["poll_choices"] and entry["rows_quarantined"] == 0
    t = data.tweets(["userid", "hashtags", "urls", "is_retweet", "latitude", "user_is_hashed"], dated=False)
    assert all(len(x) == 0 or "" not in list(x) for x in t["hashtags"])  # [''] is an empty list
    assert t["is_retweet"].any() and (~t["is_retweet"]).any() and t["latitude"].isna().all()
    hashed = t[t["user_is_hashed"]]
    assert len(hashed) and hashed["userid"].str.endswith("=").all()


def test_duplicates_across_parts_survive_renaming_the_operation(tmp_path):
    marker = generate(tmp_path / "release", ["iran_201901_1"], tweets=20, duplicate_across_parts=True)
    dup = marker["ops"]["iran_201901_1"]["damage"]["duplicate_tweetid"]
    first = ingest_open(tmp_path).manifest
    data = ingest_open(tmp_path, rename={"iran_201901_1": "iran_2019"})
    files = data.manifest["files"]
    assert files["iran_2019/tweets/4"]["cache_file"] == first["files"]["iran_201901_1/tweets/4"]["cache_file"]
    assert files["iran_2019/tweets/4"]["rows_quarantined"] == 1
    tweets = data.tweets(["tweetid"], dated=False)
    assert len(tweets) == 20 and list(tweets["tweetid"]).count(dup) == 1
