"""What notebook 10 leaves for the others (helpers.coordination.report.read_coverage): its coverage is read
back only for the files it was computed on."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd

from helpers.coordination import report

COVERAGE = [{"op": "ira", "network": "co_retweet", "tweets": 5, "accounts beyond chance share": 0.5},
            {"op": "ira", "network": "co_tweet", "tweets": 5, "accounts beyond chance share": 0.0}]
FILES = {"ira/tweets": ("ira_tweets_csv_hashed.csv", 120, "ab" * 32), "ira/users": ("ira_users_csv_hashed.csv", 7,
                                                                                     "cd" * 32)}


def _release(files=FILES):
    manifest = {"files": {k: {"op": "ira", "source": {"name": n, "size": b, "sha256": h}}
                          for k, (n, b, h) in files.items()}}
    return SimpleNamespace(manifest=manifest)


def _write(tmp_path, files=FILES, coverage=COVERAGE):
    folder = tmp_path / report.FOLDER
    folder.mkdir(parents=True)
    record = {"coverage": coverage, "files_read": [{"name": n, "bytes": b, "sha256": h} for n, b, h in files.values()]}
    (folder / "manifest.json").write_text(json.dumps(record), encoding="utf-8")


def test_the_coverage_of_the_same_files_is_read_back(tmp_path):
    _write(tmp_path)
    got = report.read_coverage(tmp_path, _release())
    pd.testing.assert_frame_equal(got, pd.DataFrame(COVERAGE))


def test_a_coverage_of_other_files_or_none_is_not_read(tmp_path):
    assert report.read_coverage(tmp_path, _release()) is None                 # notebook 10 never ran
    _write(tmp_path)
    changed = dict(FILES, **{"ira/tweets": ("ira_tweets_csv_hashed.csv", 120, "ef" * 32)})
    assert report.read_coverage(tmp_path, _release(changed)) is None         # same name and size, other bytes
    fewer = {"ira/tweets": FILES["ira/tweets"]}
    assert report.read_coverage(tmp_path, _release(fewer)) is None           # another set of files
    (tmp_path / report.FOLDER / "manifest.json").write_text("{not json", encoding="utf-8")
    assert report.read_coverage(tmp_path, _release()) is None                # a damaged manifest


def test_an_empty_coverage_is_not_read(tmp_path):
    _write(tmp_path, coverage=[])
    assert report.read_coverage(tmp_path, _release()) is None
