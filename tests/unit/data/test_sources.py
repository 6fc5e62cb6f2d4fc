"""Tests of helpers/data/sources.py: a source file's bytes as one stream (hashes, byte counts, the file's end)."""

from __future__ import annotations

import hashlib
import io

import pytest

from helpers.data import release as rel
from helpers.data import sources


def test_source_stream_hashes_the_stored_file_and_counts_bytes(release):
    text = release.csv_text(release.tweets(3)).encode()
    path = release.write("ira_tweets_csv_hashed.csv.gz", text=text, compress="gzip")
    stream = sources.SourceStream(rel.discover(release.folder).files[0])
    reader = io.BufferedReader(stream)
    assert reader.read() == text
    assert stream.finish_hash() == hashlib.sha256(path.read_bytes()).hexdigest()
    assert stream.bytes_out == len(text) and stream.newlines == text.count(b"\n")
    assert stream.quotes == text.count(b'"') and not stream.has_nul
    reader.close()


@pytest.mark.parametrize("tail, blank", [(b"x\n", 0), (b"x", 0), (b"x\n\n", 1), (b"x\r\n\r\n\r\n", 2),
                                         (b"x\n\n\n\n", 3)])
def test_trailing_blank_lines(release, tail, blank):
    release.write("ira_tweets_csv_hashed.csv", text=tail)
    stream = sources.SourceStream(rel.discover(release.folder).files[0])
    reader = io.BufferedReader(stream)
    reader.read()
    assert stream.trailing_blank_lines() == blank
    reader.close()
