"""The header of a source file: its first line, checked before any row is read.

In: a byte stream of one source file. Out: the column names, or a ReleaseError naming the file and saying
what to do (a compressed or binary file, UTF-16, a wrong delimiter, missing or duplicated columns).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from helpers.data import release as rel
from helpers.data import schema
from helpers.data.ingest import limits
from helpers.errors import ReleaseError

# --------------------------------------------------------------------------------------------- header

def _display_name(source: rel.SourceFile) -> str:
    return str(source.path) + (f" (member {source.member})" if source.member else "")


MAGIC = {b"\x1f\x8b": "gzip", b"PK\x03\x04": "zip", b"PAR1": "Parquet", b"\xff\xfe": "UTF-16",
         b"\xfe\xff": "UTF-16"}


def read_header(stream: io.BufferedReader[Any], source: rel.SourceFile) -> list[str]:
    """The header row, checked: names known, none duplicated, none required missing, right table."""
    line = stream.readline(limits.MAX_RECORD_BYTES)
    name = _display_name(source)
    if not line:
        raise ReleaseError("the file is empty (no header row)", file=name,
                           hint="download the file again; a complete file starts with a header row")
    if not line.strip():
        raise ReleaseError("the first line is blank; expected the header row (tweetid,userid,...)",
                           file=name, line=1, hint="remove the blank lines before the header row")
    for magic, kind in MAGIC.items():
        if line.startswith(magic):
            raise ReleaseError(
                f"this is a {kind} file, not a UTF-8 CSV file", file=name, line=1,
                hint=("give it a .gz ending (or unzip it)" if kind in ("gzip", "zip") else
                      "re-save it as UTF-8 CSV" if kind == "UTF-16" else
                      "use the CSV files of the release"))
    text = line.decode("utf-8", errors="replace").removeprefix("\ufeff").rstrip("\r\n")
    if "\r" in text:
        raise ReleaseError("lines end with a bare carriage return (old Mac line ends), not a line feed",
                           file=name, line=1, hint="convert the line ends to \\n (or \\r\\n) and try again")
    header = [h.strip() for h in next(csv.reader([text]))]
    if len(header) == 1:
        for sep, label in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
            if sep in header[0]:
                raise ReleaseError(
                    f"the header is separated by {label}, not commas", file=name, line=1,
                    hint="use the file as Twitter published it (comma-separated), or re-export it "
                         "with commas")
    # A trailing comma gives a nameless column: keep it under a name, like any unknown extra column.
    # camelCase names (`userDisplayName`, some 2021 files) are read as the release's snake_case ones.
    header = [schema.canonical_column(h) if h else f"unnamed_{i + 1}" for i, h in enumerate(header)]
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        raise ReleaseError(f"duplicated columns in the header: {', '.join(dupes)}", file=name, line=1,
                           hint="each column must appear once; re-export the file")
    present = set(header)
    is_tweets = bool({"tweetid", "tweet_text"} & present)
    if source.table == "users" and is_tweets:
        raise ReleaseError(
            "this is a tweets file (it has tweetid/tweet_text columns), but its name says users",
            file=name, line=1,
            hint=f"rename it to {source.source_op or source.op}_tweets_csv_hashed.csv "
                 "(or fix the swapped file names)")
    if source.table == "tweets" and not is_tweets and set(schema.USER_COLUMNS) <= present:
        raise ReleaseError(
            "this is a users file (it has no tweetid or tweet_text column), but its name says tweets",
            file=name, line=1,
            hint=f"rename it to {source.source_op or source.op}_users_csv_hashed.csv "
                 "(or fix the swapped file names)")
    expected = schema.ALL_COLUMNS[source.table]
    missing = [c for c in expected if c not in present and c not in schema.OPTIONAL_COLUMNS[source.table]]
    if missing:
        raise ReleaseError(
            f"required columns missing from the header: {', '.join(missing)}", file=name, line=1,
            hint="this file does not follow Twitter's published schema; check that it is the "
                 f"{source.table} file of a release and was not cut or re-exported")
    return header
