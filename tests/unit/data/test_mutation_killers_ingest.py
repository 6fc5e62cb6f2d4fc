"""helpers.data.ingest, accounting and cache validity: exact counts, reasons and reuse decisions where
mutation testing showed room in tests/unit/data/test_ingest.py (docs/mutation-testing.md). Through
`ingest_release` (the `release` fixture), `reason_kind`, `read_manifest` and `cache_dir_for` only, so the
tests survive a split of the module."""

from __future__ import annotations

import builtins
import csv
import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from helpers.data import ingest
from helpers.data.ingest import limits, outputs
from helpers.errors import ProjectError, ReleaseError


def _manifest_path(m: dict) -> Path:
    return Path(m["cache_dir"]) / ingest.MANIFEST


def _edit_entry(m: dict, key: str, **changes) -> None:
    """Changes one entry of the manifest on disk (as a damaged or foreign cache would have it)."""
    path = _manifest_path(m)
    doc = json.loads(path.read_text(encoding="utf-8"))
    entry = doc["files"][key]
    for k, v in changes.items():
        if k.startswith("source."):
            entry["source"][k.split(".", 1)[1]] = v
        else:
            entry[k] = v
    path.write_text(json.dumps(doc), encoding="utf-8")


def _reingested(release) -> list[str]:
    said: list[str] = []
    release.ingest(log=said.append)
    return [s for s in said if s.startswith("ingesting")]


# ---------------------------------------------------------------------------------- reason kinds

@pytest.mark.parametrize("reason, kind", [
    ("duplicate tweetid 123: the first occurrence (line 2) is kept", "duplicate tweetid N"),
    ("expected 31 fields, found 2", "expected N fields, found N"),
    ("field of 2.5 MiB (limit 1 MiB)", "field of N MiB"),
    ("id in float form (its digits are lost): '1.2e+17'", "id in float form"),
    ("required field tweetid is empty", "required field tweetid is empty"),
    ("a2 b22c 7", "a2 b22c N"),
    ("line one: and\nmore", "line one"),
    ("x (y\nz)", "x"),
])
def test_reason_kind_drops_the_particulars(reason, kind):
    assert outputs.reason_kind(reason) == kind


# ------------------------------------------------------------------------------ cache validity

@pytest.mark.parametrize("key, value", [
    ("ingest_version", ingest.INGEST_VERSION - 1), ("table", "users"), ("source.path", "/elsewhere/x.csv"),
    ("source.member", "x.csv"), ("source.size", 1), ("source.mtime_ns", 5), ("cache_bytes", 3),
    ("cache_file", "ira/missing.parquet"),
])
def test_each_fact_of_a_cache_entry_must_hold_for_reuse(release, key, value):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(2))
    release.write("ira_users_csv_hashed.csv", [release.user()])
    m = release.ingest()
    assert _reingested(release) == []
    _edit_entry(m, "ira/tweets", **{key: value})
    assert _reingested(release) == ["ingesting ira_tweets_csv_hashed.csv -> ira/tweets"]
    assert _reingested(release) == []


def test_an_entry_is_reused_for_the_file_it_describes_whatever_its_key(release):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(2))
    first = release.ingest()
    said: list[str] = []
    second = release.ingest(rename={"ira": "russia"}, log=said.append)
    assert said == [] and list(second["files"]) == ["russia/tweets"]
    e = second["files"]["russia/tweets"]
    assert (e["op"], e["table"], e["part"]) == ("russia", "tweets", "")
    assert e["cache_file"] == first["files"]["ira/tweets"]["cache_file"]


def test_a_manifest_that_is_not_one_means_a_fresh_ingest(release):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(2))
    m = release.ingest()
    cache = Path(m["cache_dir"])
    for text in ("{not json", "[]", json.dumps({"ingest_version": ingest.INGEST_VERSION, "files": []}),
                 json.dumps({"ingest_version": ingest.INGEST_VERSION + 1, "files": m["files"]})):
        _manifest_path(m).write_text(text, encoding="utf-8")
        assert ingest.read_manifest(cache) is None
        assert _reingested(release) == ["ingesting ira_tweets_csv_hashed.csv -> ira/tweets"]
    assert ingest.read_manifest(cache)["files"].keys() == {"ira/tweets"}
    assert ingest.read_manifest(cache / "nowhere") is None


def test_created_is_kept_and_updated_moves_with_each_ingested_file(release):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(2))
    first = release.ingest()
    # created is taken before the file is read, updated when it is done: the same second, or a later one on a
    # slow machine (the same ISO format: compared as text)
    assert first["created"] <= first["updated"] == first["files"]["ira/tweets"]["ingested_at"]
    assert first["created"].endswith("+00:00") and first["updated"].endswith("+00:00")   # UTC, said so
    doc = json.loads(_manifest_path(first).read_text())
    doc["created"], doc["updated"] = "2001-01-01T00:00:00+00:00", "2002-01-01T00:00:00+00:00"
    _manifest_path(first).write_text(json.dumps(doc))
    second = release.ingest()           # nothing to ingest: both kept
    assert (second["created"], second["updated"]) == ("2001-01-01T00:00:00+00:00", "2002-01-01T00:00:00+00:00")
    third = release.ingest(force=True)  # a file ingested: updated moves, created stays
    assert third["created"] == "2001-01-01T00:00:00+00:00"
    assert third["updated"] == third["files"]["ira/tweets"]["ingested_at"] != "2002-01-01T00:00:00+00:00"


def test_manifest_header_facts(release):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(1))
    (release.folder / "notes.txt").write_text("x")
    m = release.ingest()
    assert m["ingest_version"] == ingest.INGEST_VERSION and m["synthetic"] is False and m["sample"] is None
    assert m["release_dir"] == str(release.folder.resolve()) and m["ops"] == ["ira"]
    assert m["ignored_files"] == ["notes.txt"] and m["cache_dir"] == str(release.cache_dir())
    assert set(m["library_versions"]) == {"python", "helpers", "pyarrow", "pandas", "numpy"}
    assert json.loads(_manifest_path(m).read_text()) == m


def test_leftovers_of_killed_runs_are_removed_and_empty_folders_too(release):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(1))
    m = release.ingest()
    cache = Path(m["cache_dir"])
    (cache / "ira" / "tweets-old.parquet").write_bytes(b"x")
    (cache / "gone").mkdir()
    (cache / "gone" / "users-old.parquet").write_bytes(b"x")
    (cache / f".{ingest.MANIFEST}.123.partial").write_text("{}")
    (cache / "empty").mkdir()
    release.ingest()
    assert sorted(p.name for p in cache.iterdir() if not p.name.startswith(".lock")) == ["ira", ingest.MANIFEST]
    e = m["files"]["ira/tweets"]
    assert sorted(str(p.relative_to(cache)) for p in cache.glob("*/*")) == sorted(
        [e["cache_file"], e["quarantine_file"], e["damaged_file"]])


def test_cache_dir_is_the_folder_name_and_a_hash_of_its_path(tmp_path):
    a = ingest.cache_dir_for(tmp_path / "my release!", tmp_path / "c")
    assert a.parent == tmp_path / "c" and a.name.startswith("my-release-") and len(a.name) == len("my-release-") + 10
    assert ingest.cache_dir_for(tmp_path / "my release!", tmp_path / "c") == a
    assert ingest.cache_dir_for(tmp_path / "other" / "my release!", tmp_path / "c") != a
    assert ingest.cache_dir_for(tmp_path / "!!", tmp_path / "c").name.startswith("release-")


# ---------------------------------------------------------------------------------- accounting

def test_damaged_fields_are_counted_per_row_column_and_reason(release):
    rows = [release.tweet(like_count="many", retweet_count="x"), release.tweet(),
            release.tweet(like_count="1.5"), release.tweet(tweet_time="yesterday")]
    release.write("ira_tweets_csv_hashed.csv", rows)
    m = release.ingest()
    e = m["files"]["ira/tweets"]
    assert (e["rows_read"], e["rows_cached"], e["rows_quarantined"]) == (4, 4, 0)
    assert e["rows_with_damaged_fields"] == 3
    assert e["damaged_fields"] == {"like_count": 2, "retweet_count": 1, "tweet_time": 1}
    assert [(d["line"], d["column"], d["original_text"], d["reason"]) for d in release.damaged(m)] == [
        ("2", "like_count", "many", "count is not a whole number"),
        ("2", "retweet_count", "x", "count is not a whole number"),
        ("4", "like_count", "1.5", "count is not a whole number"),
        ("5", "tweet_time", "yesterday", "unparseable time (expected YYYY-MM-DD HH:MM in UTC)")]


def test_a_duplicate_row_takes_its_damaged_fields_with_it(release):
    a = release.tweet()
    rows = [a, release.tweet(like_count="x"), dict(a, like_count="y", retweet_count="z")]
    release.write("ira_tweets_csv_hashed.csv", rows)
    m = release.ingest()
    e = m["files"]["ira/tweets"]
    assert (e["rows_read"], e["rows_cached"], e["rows_quarantined"]) == (3, 2, 1)
    assert e["rows_with_damaged_fields"] == 1 and e["damaged_fields"] == {"like_count": 1}
    assert [(d["line"], d["column"]) for d in release.damaged(m)] == [("3", "like_count")]
    assert e["quarantine_reasons"] == {"duplicate tweetid": 1}


def test_duplicates_across_parts_are_counted_in_the_later_part_and_undone_on_reuse(release):
    a, b, c = release.tweet(), release.tweet(), release.tweet()
    release.write("x_tweets_csv_hashed_1.csv", [a, b])
    release.write("x_tweets_csv_hashed_2.csv", [dict(b), c, dict(a), release.tweet(tweetid="")])
    first = release.ingest()
    one, two = first["files"]["x/tweets/1"], first["files"]["x/tweets/2"]
    assert (one["rows_cached"], one["rows_quarantined"], one["across_parts"]["duplicates"]) == (2, 0, 0)
    assert (two["rows_read"], two["rows_cached"], two["rows_quarantined"]) == (4, 1, 3)
    assert two["quarantine_reasons"] == {"duplicate tweetid across parts": 2, "required field tweetid is empty": 1}
    assert "quarantine_reasons" not in one or one["quarantine_reasons"] == {}
    # the first part changes (b removed): the second part is reused, its layer settled again
    path = release.folder / "x_tweets_csv_hashed_1.csv"
    release.write("x_tweets_csv_hashed_1.csv", [a])
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    said: list[str] = []
    second = release.ingest(log=said.append)
    assert [s for s in said if s.startswith("ingesting")] == ["ingesting x_tweets_csv_hashed_1.csv -> x/tweets/1"]
    two = second["files"]["x/tweets/2"]
    assert (two["rows_cached"], two["rows_quarantined"], two["across_parts"]["duplicates"]) == (2, 2, 1)
    assert two["quarantine_reasons"] == {"duplicate tweetid across parts": 1, "required field tweetid is empty": 1}
    assert two["cache_file"] == first["files"]["x/tweets/2"]["cache_file"]
    # nothing changes: the layer is reused as it was
    third = release.ingest()
    assert third["files"]["x/tweets/2"]["across_parts"] == two["across_parts"]
    assert third["files"]["x/tweets/2"]["rows_cached"] == 2


def test_duplicates_across_parts_name_the_row_kept(release):
    a = release.tweet()
    release.write("x_tweets_csv_hashed_2.csv", [release.tweet(), dict(a)])
    release.write("x_tweets_csv_hashed_1.csv", [a])
    m = release.ingest()
    across = m["files"]["x/tweets/2"]["across_parts"]
    assert across["duplicates"] == 1 and across["basis"] == [m["files"][f"x/tweets/{i}"]["cache_file"]
                                                               for i in (1, 2)]
    with open(Path(m["cache_dir"]) / across["quarantine_file"], encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == list(limits.QUARANTINE_COLUMNS) and len(rows) == 2
    assert rows[1][:4] == ["x_tweets_csv_hashed_2.csv", "3", "tweetid", f"duplicate tweetid {a['tweetid']}: already "
                           "in x_tweets_csv_hashed_1.csv line 2 (an earlier part), which is kept"]
    assert json.loads(rows[1][4])["tweetid"] == a["tweetid"]


# ------------------------------------------------- third round (mutmut run of 30 November): parts, manifest, logs

def _across_rows(m: dict, key: str) -> list[list[str]]:
    """The across-parts quarantine CSV of one part, header included."""
    with open(Path(m["cache_dir"]) / m["files"][key]["across_parts"]["quarantine_file"], encoding="utf-8",
              newline="") as f:
        return list(csv.reader(f))


def test_duplicate_userids_across_parts_are_quarantined_by_userid_and_settled_again_on_reuse(release):
    u = release.user()
    release.write("x_users_csv_hashed_1.csv", [u, release.user()])
    release.write("x_users_csv_hashed_2.csv", [dict(u), release.user()])
    first = release.ingest()
    two = first["files"]["x/users/2"]
    assert (two["rows_read"], two["rows_cached"], two["rows_quarantined"]) == (2, 1, 1)
    assert two["quarantine_reasons"] == {"duplicate userid across parts": 1}
    rows = _across_rows(first, "x/users/2")
    assert len(rows) == 2 and rows[1][:4] == [
        "x_users_csv_hashed_2.csv", "2", "userid", f"duplicate userid {u['userid'].as_style('2018')}: already in "
        "x_users_csv_hashed_1.csv line 2 (an earlier part), which is kept"]
    second = release.ingest()  # both parts reused: the layer is taken off and put on again, the same
    assert second["files"] == first["files"]


def test_a_part_after_the_last_duplicate_gets_its_layer_and_the_layer_files_are_named_and_compressed(release):
    a = release.tweet()
    release.write("x_tweets_csv_hashed_1.csv", [a])
    release.write("x_tweets_csv_hashed_2.csv", [release.tweet(), dict(a)])
    release.write("x_tweets_csv_hashed_3.csv", [release.tweet()])
    m = release.ingest()
    cache = Path(m["cache_dir"])
    basis = [m["files"][f"x/tweets/{i}"]["cache_file"] for i in (1, 2, 3)]
    layers = [m["files"][f"x/tweets/{i}"]["across_parts"] for i in (1, 2, 3)]
    lines_file, quarantine_file = layers[1]["lines_file"], layers[1]["quarantine_file"]
    assert layers == [{"duplicates": n, "basis": basis, "lines_file": lines_file, "quarantine_file": quarantine_file}
                      for n in (0, 1, 0)]
    assert re.fullmatch(r"x/tweets-across-[0-9a-f]{12}\.parquet", lines_file)
    assert quarantine_file == lines_file.removesuffix(".parquet") + ".quarantine.csv"
    lines = pq.ParquetFile(cache / lines_file)
    assert lines.read().to_pylist() == [{"cache_file": basis[1], "source_line": 3}]
    assert lines.metadata.row_group(0).column(0).compression == "ZSTD"
    assert [(c[1], c[3]) for c in [r for r in _across_rows(m, "x/tweets/2")][1:]] == [
        ("3", f"duplicate tweetid {a['tweetid']}: already in x_tweets_csv_hashed_1.csv line 2 (an earlier part), "
              "which is kept")]
    # part 1 changes: the layer is computed again into new files (the old manifest's files are never overwritten)
    path = release.folder / "x_tweets_csv_hashed_1.csv"
    release.write("x_tweets_csv_hashed_1.csv", [a, release.tweet()])
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    again = release.ingest()["files"]["x/tweets/2"]["across_parts"]
    assert again["duplicates"] == 1 and again["lines_file"] != lines_file
    assert (cache / again["lines_file"]).is_file() and not (cache / lines_file).exists()


def test_parts_without_a_common_id_get_an_empty_layer_even_with_a_single_row_in_all(release):
    release.write("x_tweets_csv_hashed_1.csv", [release.tweet()])
    release.write("x_tweets_csv_hashed_2.csv", [release.tweet(tweetid="")])  # quarantined: one key in all
    m = release.ingest()
    basis = [m["files"][f"x/tweets/{i}"]["cache_file"] for i in (1, 2)]
    assert [m["files"][f"x/tweets/{i}"]["across_parts"] for i in (1, 2)] == [{"duplicates": 0, "basis": basis}] * 2
    assert m["files"]["x/tweets/2"]["quarantine_reasons"] == {"required field tweetid is empty": 1}
    assert release.ingest()["files"] == m["files"]


@pytest.mark.parametrize("lost", ["lines_file", "quarantine_file"])
def test_a_layer_whose_file_is_gone_is_computed_again(release, lost):
    a = release.tweet()
    release.write("x_tweets_csv_hashed_1.csv", [a])
    release.write("x_tweets_csv_hashed_2.csv", [dict(a)])
    first = release.ingest()
    cache = Path(first["cache_dir"])
    (cache / first["files"]["x/tweets/2"]["across_parts"][lost]).unlink()
    layer = release.ingest()["files"]["x/tweets/2"]["across_parts"]
    assert layer["duplicates"] == 1 and layer["basis"] == first["files"]["x/tweets/2"]["across_parts"]["basis"]
    assert (cache / layer["lines_file"]).is_file() and (cache / layer["quarantine_file"]).is_file()
    assert layer[lost] != first["files"]["x/tweets/2"]["across_parts"][lost]


def test_every_table_in_parts_is_settled_in_natural_part_order_and_logged(release):
    a, u = release.tweet(), release.user()
    release.write("a_tweets_csv_hashed.csv", [release.tweet()])  # one part: sorted first, nothing to settle
    release.write("x_tweets_csv_hashed_10.csv", [dict(a)])
    release.write("x_tweets_csv_hashed_2.csv", [a])
    release.write("x_users_csv_hashed_1.csv", [u])
    release.write("x_users_csv_hashed_2.csv", [dict(u)])
    said: list[str] = []
    m = release.ingest(log=said.append)
    f = m["files"]
    assert [f[k]["across_parts"]["duplicates"] for k in ("x/tweets/2", "x/tweets/10", "x/users/1", "x/users/2")] == [
        0, 1, 0, 1]
    assert "across_parts" not in f["a/tweets"]
    rows = _across_rows(m, "x/tweets/10")
    assert rows[1][:3] == ["x_tweets_csv_hashed_10.csv", "2", "tweetid"]
    assert json.loads(rows[1][4])["user_reported_location"] == "Москва, Россия"
    assert "Москва, Россия" in rows[1][4]  # the row as it was, not \u-escaped
    cache = Path(m["cache_dir"])
    assert [s for s in said if "repeat an id" in s] == [
        f"  x_tweets_csv_hashed_10.csv: 1 rows repeat an id of an earlier part (quarantined: "
        f"{f['x/tweets/10']['across_parts']['quarantine_file']} in the cache folder {cache.name})",
        f"  x_users_csv_hashed_2.csv: 1 rows repeat an id of an earlier part (quarantined: "
        f"{f['x/users/2']['across_parts']['quarantine_file']} in the cache folder {cache.name})"]
    assert release.ingest()["files"] == f  # nothing changed: every layer reused, each table's


def test_a_full_disk_while_settling_the_parts_leaves_no_layer_file_and_says_so(release, monkeypatch):
    a = release.tweet()
    release.write("x_tweets_csv_hashed_1.csv", [a])
    release.write("x_tweets_csv_hashed_2.csv", [dict(a)])
    release.write("x_tweets_csv_hashed_3.csv", [dict(a)])     # the message names the last part, not the second
    real_open = builtins.open

    def full_disk(file, *args, **kwargs):
        if "-across-" in str(file) and str(file).endswith(".quarantine.csv"):
            raise OSError(errno.ENOSPC, "No space left on device", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", full_disk)
    with pytest.raises(ReleaseError) as caught:
        release.ingest()
    assert str(caught.value).startswith(
        f"{release.folder / 'x_tweets_csv_hashed_3.csv'}: cannot write the cache (No space left on device) while "
        "setting aside the ids repeated across the parts of x/tweets\n  What to do: free space in (or make "
        f"writable) {release.cache_dir()}, or point cache_dir")
    assert isinstance(caught.value.__cause__, OSError) and caught.value.__cause__.errno == errno.ENOSPC
    assert list(release.cache_dir().glob("*/*-across-*")) == []


def test_another_failure_while_settling_the_parts_is_raised_as_it_is(release, monkeypatch):
    """Only an OSError of a full or read-only disk becomes the cache's ReleaseError; anything else (here a
    RuntimeError) leaves as itself, its layer files removed."""
    a = release.tweet()
    release.write("x_tweets_csv_hashed_1.csv", [a])
    release.write("x_tweets_csv_hashed_2.csv", [dict(a)])
    real_open = builtins.open

    def broken(file, *args, **kwargs):
        if "-across-" in str(file) and str(file).endswith(".quarantine.csv"):
            raise RuntimeError("boom")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", broken)
    with pytest.raises(RuntimeError, match="^boom$"):
        release.ingest()
    assert list(release.cache_dir().glob("*/*-across-*")) == []


def test_the_manifest_file_is_indented_sorted_utf8_json_and_holds_exactly_the_header_and_files(release):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(1))
    (release.folder / "заметки.txt").write_text("x")
    m = release.ingest()
    assert set(m) == {"ingest_version", "release_dir", "cache_dir", "synthetic", "sample", "ops", "ignored_files",
                      "library_versions", "created", "updated", "files"}
    assert m["ignored_files"] == ["заметки.txt"]
    text = _manifest_path(m).read_bytes().decode("utf-8")
    assert text == json.dumps(m, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_each_finished_file_is_committed_to_the_manifest_before_the_next_one_fails(release):
    release.write("a_tweets_csv_hashed.csv", release.tweets(2))
    release.write("b_tweets_csv_hashed.csv", text="")  # no header row: its ingest fails
    with pytest.raises(ProjectError):
        release.ingest()
    doc = json.loads(_manifest_path({"cache_dir": str(release.cache_dir())}).read_text(encoding="utf-8"))
    assert set(doc) == {"ingest_version", "release_dir", "cache_dir", "synthetic", "sample", "ops", "ignored_files",
                        "library_versions", "created", "updated", "files"}
    assert list(doc["files"]) == ["a/tweets"] and doc["updated"] == doc["files"]["a/tweets"]["ingested_at"]
    release.write("b_tweets_csv_hashed.csv", release.tweets(1))
    assert _reingested(release) == ["ingesting b_tweets_csv_hashed.csv -> b/tweets"]


def test_quarantined_and_damaged_rows_are_logged_with_their_files_relative_to_the_cache(release):
    release.write("ira_tweets_csv_hashed.csv", [release.tweet(), release.tweet(tweetid=""),
                                                release.tweet(like_count="many")])
    said: list[str] = []
    m = release.ingest(log=said.append)
    e, cache = m["files"]["ira/tweets"], release.cache_dir()
    assert [s for s in said if not s.startswith(("ingesting", "  3 rows read"))] == [
        f"  quarantined rows (line, column, reason): {e['quarantine_file']} in the cache folder {cache.name}",
        f"  1 cached rows carry a damaged field (nulled; line, column, original text, reason): {e['damaged_file']} "
        f"in the cache folder {cache.name}"]


def test_the_ingest_shows_its_progress_unless_told_not_to(release, capsys):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(2))
    ingest.ingest_release(release.folder, cache_root=release.cache_root, log=lambda *a: None)
    assert "ira_tweets_csv_hashed.csv" in capsys.readouterr().err
    ingest.ingest_release(release.folder, cache_root=release.cache_root, log=lambda *a: None, force=True,
                          progress=False)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("lost", ["source", "cache_file"])
def test_an_entry_without_its_source_or_cache_file_is_not_reused(release, lost):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(2))
    m = release.ingest()
    doc = json.loads(_manifest_path(m).read_text(encoding="utf-8"))
    del doc["files"]["ira/tweets"][lost]
    _manifest_path(m).write_text(json.dumps(doc), encoding="utf-8")
    assert _reingested(release) == ["ingesting ira_tweets_csv_hashed.csv -> ira/tweets"]


def test_cache_dir_keeps_capitals_and_strips_only_dashes(tmp_path):
    assert ingest.cache_dir_for(tmp_path / "X My Release X", tmp_path / "c").name.startswith("X-My-Release-X-")


_SUBPROCESS_INGEST = (  # a forced ingest, then an ordinary one (which should find everything valid)
    "import sys\nfrom pathlib import Path\nfrom helpers.data import ingest\n"
    "ingest.ingest_release(sys.argv[1], cache_root=Path(sys.argv[2]), progress=False, force=True, log=print)\n"
    "print('AGAIN')\n"
    "ingest.ingest_release(sys.argv[1], cache_root=Path(sys.argv[2]), progress=False, log=print)\n")


def _ingest_in_subprocess(release, **env) -> subprocess.Popen:
    """The ingest in a fresh interpreter with `env` added (the helpers of this tree: cwd is its root)."""
    root = Path(ingest.__file__).resolve().parents[3]
    return subprocess.Popen([sys.executable, "-c", _SUBPROCESS_INGEST, str(release.folder), str(release.cache_root)],
                            cwd=root, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", errors="replace")


def test_the_manifest_and_the_across_quarantine_are_utf8_whatever_the_locale_encoding(release):
    a = release.tweet()
    release.write("x_tweets_csv_hashed_1.csv", [a])
    columns = (*release.columns_for("tweets", "2018"), "заметка")  # a column name for the manifest's header
    release.write("x_tweets_csv_hashed_2.csv", [dict(a, заметка="да")], columns=columns)
    release.ingest()
    # an ASCII locale (no UTF-8 mode, no C-locale coercion): open() without an encoding could neither write nor
    # read Cyrillic; the second, ordinary run must find the manifest valid and reuse every file
    proc = _ingest_in_subprocess(release, LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert [s for s in out.split("AGAIN")[1].splitlines() if s.startswith("ingesting")] == []
    m = ingest.read_manifest(release.cache_dir())
    assert m["files"]["x/tweets/2"]["extra_columns"] == ["заметка"]
    rows = _across_rows(m, "x/tweets/2")
    assert json.loads(rows[1][4])["user_reported_location"] == "Москва, Россия"


def test_a_run_paused_before_the_manifest_is_replaced_leaves_the_old_manifest_in_place(release):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(2))
    before = release.ingest()
    proc = _ingest_in_subprocess(release, **{ingest.PAUSE_ENV: "manifest_replace:1"})
    _, status = os.waitpid(proc.pid, os.WUNTRACED)  # the kernel says when it stopped itself: no clock
    stopped = os.WIFSTOPPED(status)
    if stopped:
        partial = list(release.cache_dir().glob(f".{ingest.MANIFEST}.*.partial"))
        on_disk = json.loads(_manifest_path(before).read_text(encoding="utf-8"))
        proc.kill()
    else:
        proc.returncode = os.waitstatus_to_exitcode(status)
    _, err = proc.communicate()
    assert stopped, err
    assert f"paused at manifest_replace 1 (pid {proc.pid})" in err
    assert len(partial) == 1 and on_disk == before  # the new manifest written aside, the old one still in place


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_repeated_positions_are_the_stable_sort_recipe_they_replaced(seed):
    """Across parts, the rows set aside and the rows kept are what a stable sort of every key gives (the
    recipe that held every row's order, line and part: 0.5 GB at the archive's largest table), found from
    the repeated values alone. It fails on an unstable sort (another row of a repeated id kept) and on the
    head of the group before."""
    import numpy as np

    from helpers.data.ingest.outputs import _repeated_positions
    rng = np.random.default_rng(seed)
    keys = rng.integers(0, 400, 1000).astype(np.uint64) * np.uint64(2**40)    # many repeats, some three times
    order = np.argsort(keys, kind="stable")
    sk = keys[order]
    new = np.r_[True, sk[1:] != sk[:-1]]
    starts, repeats = np.flatnonzero(new), np.flatnonzero(~new)
    want_drop = order[repeats]
    want_kept = order[starts[np.searchsorted(starts, repeats, side="right") - 1]]
    drop, kept = _repeated_positions(keys)
    assert drop.tolist() == want_drop.tolist() and kept.tolist() == want_kept.tolist()
    assert len(drop) == 1000 - len(np.unique(keys)) > 500
    none, _ = _repeated_positions(np.arange(50, dtype=np.uint64))
    assert len(none) == 0 and len(_repeated_positions(np.array([7], np.uint64))[0]) == 0


# --------------------------------- ingest/outputs.py (1 December: the duplicate check, its rewrites, the keys)

def _entry(m: dict, key: str = "ira/tweets") -> dict:
    e = m["files"][key]
    assert e["rows_read"] == e["rows_cached"] + e["rows_quarantined"], e
    return e


def test_damaged_fields_are_counted_per_reason_and_recounted_after_the_duplicate_check(release):
    """The manifest's per-column, per-reason counts, first as listed and then after a duplicate row took
    its own damaged fields away: a row with two damaged fields is one row."""
    a = release.tweet()
    rows = [a, release.tweet(like_count="many", retweet_count="x"), release.tweet(like_count="1.5"),
            release.tweet(tweet_time="yesterday")]
    release.write("ira_tweets_csv_hashed.csv", rows)
    want_reasons = {"like_count": {"count is not a whole number": 2},
                    "retweet_count": {"count is not a whole number": 1},
                    "tweet_time": {"unparseable time": 1}}
    e = _entry(release.ingest())
    assert (e["rows_with_damaged_fields"], e["damaged_fields"], e["damaged_reasons"], e["duplicates_quarantined"]) == (
        3, {"like_count": 2, "retweet_count": 1, "tweet_time": 1}, want_reasons, 0)
    release.write("ira_tweets_csv_hashed.csv", rows + [dict(a, like_count="y", reply_count="z")])
    e = _entry(release.ingest())
    assert (e["rows_cached"], e["rows_quarantined"], e["duplicates_quarantined"]) == (4, 1, 1)
    assert (e["rows_with_damaged_fields"], e["damaged_fields"], e["damaged_reasons"]) == (
        3, {"like_count": 2, "retweet_count": 1, "tweet_time": 1}, want_reasons)


def test_an_empty_required_field_is_listed_with_its_empty_text(release):
    release.write("ira_tweets_csv_hashed.csv", [release.tweet(), release.tweet(is_retweet="")])
    m = release.ingest()
    assert [(d["line"], d["column"], d["original_text"], d["reason"]) for d in release.damaged(m)] == [
        ("3", "is_retweet", "", "required field is_retweet is empty")]


def test_a_file_without_a_cached_row_has_no_duplicates(release):
    release.write("ira_tweets_csv_hashed.csv", [release.tweet(tweetid="1.2486535429502566e+17")] * 2)
    e = _entry(release.ingest())
    assert (e["rows_cached"], e["rows_quarantined"], e["duplicates_quarantined"]) == (0, 2, 0)


def test_the_damaged_fields_list_keeps_carriage_returns_through_the_duplicate_check(release):
    """The list is read back and written again when a duplicate leaves: a carriage return inside a field's
    original text must stay one (a reader with universal newlines would make it a line feed)."""
    a = release.tweet()
    release.write("ira_tweets_csv_hashed.csv", [a, release.tweet(like_count="1\r2"), dict(a)])
    m = release.ingest()
    assert _entry(m)["duplicates_quarantined"] == 1
    assert [(d["line"], d["original_text"]) for d in release.damaged(m)] == [("3", "1\r2")]


def test_the_duplicate_check_rewrites_every_row_group_and_quarantines_whole_rows(release, monkeypatch):
    """Row groups of three rows: duplicates in the second and fourth group, beside a row the typing
    refused; the rewritten cache keeps every other row in order, is encoded like any cache file (zstd,
    statistics on times, not on text) and the quarantine shows each duplicate whole, its text as written.
    The progress point of the duplicate check is passed once per row group."""
    monkeypatch.setattr(limits, "ROW_GROUP_ROWS", 3)
    passed: list[str] = []
    monkeypatch.setattr(outputs, "_PAUSE", ("no point", 1))
    monkeypatch.setattr(outputs, "_pause_point", passed.append)
    rows = release.tweets(10)
    rows[1]["tweet_text"] = "Привет, «мир» 🌍"
    rows.insert(4, dict(rows[1]))                           # line 6: a duplicate of line 3
    rows.insert(6, release.tweet(tweetid="1.2e+17"))        # line 8: refused by the typing
    rows.append(dict(rows[0], like_count="5"))              # line 14: a duplicate of line 2
    release.write("ira_tweets_csv_hashed.csv", rows)
    m = release.ingest()
    e = _entry(m)
    assert (e["rows_read"], e["rows_cached"], e["rows_quarantined"], e["duplicates_quarantined"]) == (13, 10, 3, 2)
    path = Path(m["cache_dir"]) / e["cache_file"]
    meta = pq.ParquetFile(path).metadata
    assert meta.num_row_groups == 4 and passed.count("dedup_row_group") == 4
    assert [r["source_line"] for r in pq.read_table(path).to_pylist()] == [2, 3, 4, 5, 7, 9, 10, 11, 12, 13]
    names = [meta.schema.column(i).name for i in range(meta.num_columns)]
    group = meta.row_group(0)
    assert {group.column(i).compression for i in range(meta.num_columns)} == {"ZSTD"}
    stats = {n: group.column(i).is_stats_set for i, n in enumerate(names)}
    assert stats["tweet_time"] and stats["like_count"] and not stats["tweet_text"]
    quarantined = release.quarantine(m)
    assert [(q["line"], q["column"]) for q in quarantined] == [("8", "tweetid"), ("6", "tweetid"), ("14", "tweetid")]
    record = quarantined[1]["record"]
    assert "Привет, «мир» 🌍" in record and json.loads(record)["tweet_text"] == "Привет, «мир» 🌍"
    assert json.loads(quarantined[2]["record"])["like_count"] == 5


def test_the_quarantine_and_damaged_fields_are_utf8_whatever_the_locale_encoding(release, ascii_locale):
    """Written, read back and rewritten (a duplicate) under an ASCII locale: open() without an encoding could
    not write or read the Cyrillic of a refused row, a damaged field and a duplicate's record."""
    import codecs

    with open(release.folder / "probe.txt", "w") as f:     # the fixture works: the locale's encoding is ASCII
        assert sys.flags.utf8_mode or codecs.lookup(f.encoding).name == "ascii"
    (release.folder / "probe.txt").unlink()
    a = release.tweet(tweet_text="Привет")
    release.write("ira_tweets_csv_hashed.csv", [a, release.tweet(like_count="пять"),
                                                release.tweet(tweetid="1.2e+17", tweet_text="нет"), dict(a)])
    m = release.ingest()
    assert [d["original_text"] for d in release.damaged(m)] == ["пять"]
    quarantined = release.quarantine(m)
    assert [json.loads(q["record"])["tweet_text"] for q in quarantined] == ["нет", "Привет"]


def test_dedupe_keys_are_numeric_ids_themselves_and_a_hash_of_any_other_text():
    """Canonical numeric ids (up to 19 digits, no leading zero, and "0") are their own key, as uint64 (two
    ids one apart stay apart: no float); other text, ids too long for uint64 included, is hashed; a missing
    id is the empty text; a column in several chunks gives one key per row."""
    import numpy as np
    import pyarrow as pa

    def keys(*chunks):
        return outputs._dedupe_key(pa.table({"id": pa.chunked_array(chunks, pa.string())}), "id")

    big = ["1234567890123456789", "1234567890123456788"]
    mixed = keys([*big, "0", "007", "a1b2"])
    assert mixed.dtype == np.uint64 and mixed[:3].tolist() == [1234567890123456789, 1234567890123456788, 0]
    assert len(set(mixed.tolist())) == 5
    assert keys(["7", "0"]).tolist() == [7, 0] and keys(["7", "0"]).dtype == np.uint64
    long = keys(["18446744073709551615", "99999999999999999999", "1844674407370955161"])
    assert long[2] == 1844674407370955161 and len(set(long.tolist())) == 3
    missing = keys([None, "", "5", "XXXX"])
    assert missing.dtype == np.uint64 and missing[0] == missing[1] != 5 and missing[2] == 5
    assert missing[3] not in (missing[0], 5)
    two = keys(["5", "x"], ["5", "6", "x"])
    assert two.tolist() == keys(["5", "x", "5", "6", "x"]).tolist() and len(two) == 5
    assert two[0] == two[2] == 5 and two[1] == two[4] != two[3]


@pytest.mark.parametrize("keys", [[], [7], [1, 2, 3]])
def test_no_repeated_positions_are_empty_integer_indexes(keys):
    """Nothing to drop: two empty integer arrays, which index like any positions (a float array does not)."""
    import numpy as np

    drop, kept = outputs._repeated_positions(np.array(keys, np.uint64))
    assert drop.dtype == kept.dtype == np.int64 and drop.shape == kept.shape == (0,)
