"""Ingest: a release folder -> one typed Parquet file per operation and table, a quarantine, a manifest.

Two parsers read the same files and feed the same typing (`helpers.data.fields`):
- the fast parser, pyarrow's multithreaded streaming CSV reader, for well-formed files (all real ones);
- the exact parser, line by line in Python, used for a file as soon as the fast one meets anything
  unusual (a wrong field count, invalid UTF-8, a NUL byte, an unbalanced quote, an oversized field, a
  blank line before a row, a line break in a column that never holds one). It reports every such row
  with its line number and reason and goes on.
Either way every data row is either cached or quarantined, and the manifest says how many of each:
rows_read = rows_cached + rows_quarantined. Line numbers (`source_line`, quarantine `line`) are physical
lines of the file, counting the line breaks inside quoted fields; the fast parser proves its count
against the file's line total at the end, or the exact parser reads the file again.

Behaviour chosen for broken input (docs/bad-inputs.md has the full table): a row with a NUL byte,
invalid UTF-8, a wrong field count, or own ids (tweetid, userid; users: userid) that are empty or cannot
be read is quarantined (file, line, column, reason, the record). Any other field that cannot be typed (a
secondary id in float form, a bad count, time, date, boolean or coordinate, a field over 1 MiB) is
nulled in a kept row and listed in the file's damaged-fields CSV (file, line, column, original text,
reason); a mention that is not a user id is dropped from its list and listed the same way. An
unterminated quote is reported on the line where it opened
and reading resumes on the next line; blank lines are not rows; of rows sharing an id, the first is kept
and the others are quarantined. Problems with a whole file (empty, wrong table, wrong delimiter, missing
or duplicated columns, damaged archive) raise ReleaseError naming the file and saying what to do.

The cache is valid only through its manifest, which is replaced atomically after each file and points
at uniquely named Parquet files: killing an ingest at any moment leaves the previous valid cache (or
none), never a half-written one taken as valid. A lock keeps two runs from writing the same cache.

The steps, one module each: `header` (the first line, checked) -> `fast` (pyarrow's reader) or `exact` (line
by line) -> `outputs` (row groups, quarantine, damaged fields, duplicates) -> `writing` (one file, all or
nothing) -> `cache` (the release: manifest, lock, reuse, ids across parts). `limits` holds the version and
sizes, `pause` the test-only pause points.
"""

from helpers.data.ingest.cache import ACROSS, CacheLock, cache_dir_for, ingest_release, read_manifest, write_manifest
from helpers.data.ingest.limits import INGEST_VERSION, MANIFEST
from helpers.data.ingest.pause import PAUSE_ENV
from helpers.data.ingest.writing import ingest_file

__all__ = ["ACROSS", "INGEST_VERSION", "MANIFEST", "PAUSE_ENV", "CacheLock", "cache_dir_for", "ingest_file",
           "ingest_release", "read_manifest", "write_manifest"]
