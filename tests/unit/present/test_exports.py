"""Exports for spreadsheet users (helpers.present.exports): formula injection is neutralised, files are atomic."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pandas as pd
import pytest

from helpers.data import safecsv
from helpers.present import exports


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1:A2)",
                                  "\t=1", "\r=1", "=cmd|' /C calc'!A0"])
def test_formula_like_text_is_prefixed(text):
    assert safecsv.neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["plain", "", "a=b", "#hashtag", "Москва", 5, -5, -1.5, 0.0, True,
                                   None, np.int64(-3), np.float64(-2.5)])
def test_other_values_are_unchanged(value):
    assert safecsv.neutralise(value) is value or safecsv.neutralise(value) == value


def test_non_text_objects_are_checked_by_their_text():
    class Weird:
        def __str__(self):
            return "=1+1"
    assert safecsv.neutralise(Weird()) == "'=1+1"
    assert safecsv.neutralise(pd.Timestamp("2017-01-01")) == pd.Timestamp("2017-01-01")


def test_write_csv_neutralises_cells_and_header(tmp_path):
    frame = pd.DataFrame({"=col": ["=1+1", "ok", None], "n": pd.array([-1, 2, None], dtype="Int64"),
                          "who": ["@user", "-x", "+y"]})
    path = exports.write_csv(frame, tmp_path / "out" / "table.csv")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows == [["'=col", "n", "who"], ["'=1+1", "-1", "'@user"], ["ok", "2", "'-x"], ["", "", "'+y"]]
    assert not list(path.parent.glob("*.partial"))


def test_safe_writer_keeps_multiline_text_readable(tmp_path):
    path = tmp_path / "q.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        safecsv.SafeCsvWriter(f).writerow(["line1\nline2", '-"quoted"', 3])
    with open(path, encoding="utf-8", newline="") as f:
        assert next(csv.reader(f)) == ["line1\nline2", '\'-"quoted"', "3"]


def test_safe_writer_quotes_a_bare_carriage_return_and_ends_rows_with_a_line_feed(tmp_path):
    """A tweet may hold a lone "\r": unquoted, every reader ends the row there (csv, pandas, spreadsheets)."""
    rows = [["a\rb", "c\r\nd", "x,y", "plain"], ["\rstart", "", None, 2.5]]
    path = tmp_path / "q.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        safecsv.SafeCsvWriter(f).writerows(rows)
    assert path.read_bytes() == b'"a\rb","c\r\nd","x,y",plain\n"\'\rstart",,,2.5\n'
    with open(path, encoding="utf-8", newline="") as f:
        assert list(csv.reader(f)) == [["a\rb", "c\r\nd", "x,y", "plain"], ["'\rstart", "", "", "2.5"]]
    assert pd.read_csv(path, header=None, dtype=str, keep_default_na=False).values.tolist() == [
        ["a\rb", "c\r\nd", "x,y", "plain"], ["'\rstart", "", "", "2.5"]]


def test_write_json_is_deterministic(tmp_path):
    a = exports.write_json({"b": 1, "a": [1, 2]}, tmp_path / "a.json").read_text()
    b = exports.write_json({"a": [1, 2], "b": 1}, tmp_path / "b.json").read_text()
    assert a == b and json.loads(a) == {"a": [1, 2], "b": 1}


def test_quarantine_csv_is_formula_safe(release):
    text = release.csv_text([release.tweet(like_count="=1+1")]) + "=HYPERLINK(\"http://x\"),@A1\n"
    release.write("ira_tweets_csv_hashed.csv", text=text)
    m = release.ingest()
    q = release.quarantine(m)
    assert [(r["line"], r["column"]) for r in q] == [("3", "")]
    assert q[0]["record"] == "'=HYPERLINK(\"http://x\"),@A1\n"  # the raw line, made inert
    # a bad count is a damaged field of a kept row: listed with its original text, made inert too
    damaged_path = release.cache_dir() / m["files"]["ira/tweets"]["damaged_file"]
    with open(damaged_path, encoding="utf-8", newline="") as f:
        damaged = list(csv.DictReader(f))
    assert [(r["line"], r["column"], r["original_text"]) for r in damaged] == [("2", "like_count", "'=1+1")]
    for path in (damaged_path, release.cache_dir() / m["files"]["ira/tweets"]["quarantine_file"]):
        for row in list(csv.reader(path.read_text().splitlines(keepends=True)))[1:]:
            assert not any(cell.startswith(safecsv.FORMULA_STARTS) for cell in row), path.name


def test_write_frame_is_the_same_file_whatever_its_slices(tmp_path):
    frame = pd.DataFrame({"a": ["=x", None, "y", "z\rw", "v"], "n": pd.array([1, None, 3, 4, 5], dtype="Int64"),
                          "t": pd.to_datetime(["2017-01-01", None, "2017-01-03", "2017-01-04", "2017-01-05"],
                                              utc=True)})
    texts = []
    for rows in (1, 2, 10):
        out = io.StringIO()
        safecsv.write_frame(frame, out, rows=rows)
        texts.append(out.getvalue())
    assert texts[0] == texts[1] == texts[2]
    assert texts[0].splitlines()[:3] == ["a,n,t", "'=x,1,2017-01-01 00:00:00+00:00", ",,"]
