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
"""

from __future__ import annotations

import csv
import ctypes
import datetime as dt
import errno
import fcntl
import hashlib
import io
import json
import os
import platform
import queue
import re
import signal
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
from tqdm import tqdm

from helpers import __version__, paths
from helpers.data import fields, release as rel, schema
from helpers.errors import CacheBusyError, ProjectError, ReleaseError
from helpers.data.safecsv import SafeCsvWriter
from helpers.paths import CACHE_DIR

# Bump when parsing or the cache layout changes: older caches are then rebuilt, never misread.
INGEST_VERSION = 3  # 3: damaged fields are nulled and listed, their rows kept
MANIFEST = "manifest.json"
BLOCK_BYTES = 4 << 20           # pyarrow block: every row must fit in one (faster and leaner than 16)
TYPE_BATCH_ROWS = 50_000        # decoded blocks are typed together, a few at a time
MAX_FIELD_BYTES = 1 << 20       # a field longer than 1 MiB is not a tweet: the row is quarantined
MAX_RECORD_BYTES = 64 << 20     # a row (or an open quote) longer than this is not held in memory
ROW_GROUP_ROWS = 128_000        # Parquet row group (memory: about three are held while writing)
EXACT_BATCH_ROWS = 50_000
READ_AHEAD_BLOCKS = 4           # decoded blocks waiting for the typing
QUARANTINE_COLUMNS = ("source_file", "line", "column", "reason", "record")
DAMAGED_COLUMNS = ("source_file", "line", "column", "original_text", "reason")
PAUSE_ENV = "TROLLTRACKER_PAUSE_AT"  # test-only: see _pause_point


class _NeedExact(Exception):
    """The fast parser met something it cannot report row by row: use the exact parser."""


# ------------------------------------------------------------------------------ test-only pause points

def _pause_spec() -> tuple[str, int] | None:
    """`TROLLTRACKER_PAUSE_AT=point:count` (read once, at import) -> (point, count); unset -> None."""
    spec = os.environ.get(PAUSE_ENV, "")
    if not spec:
        return None
    point, _, count = spec.partition(":")
    return point, int(count or 1)


_PAUSE = _pause_spec()
_PASSED: dict[str, int] = {}


def _pause_point(point: str) -> None:
    """Test-only: the ingest passes a named progress point. When `TROLLTRACKER_PAUSE_AT` names this
    point and this is its count-th passage, the process says so on stderr and stops itself (SIGSTOP), so
    that a test can kill it exactly there, whatever the machine's speed. Callers guard the call with
    `if _PAUSE:`, so without the variable it costs one global lookup.

    Points: `fast_row_group`, `exact_row_group` (a row group written by that parser to a Parquet file
    in progress, counted over all files),
    `file_renamed` (a file's Parquet and quarantine have their final names; the manifest does not name
    them yet), `file_start` (a file is about to be read: count 2 is between the first and second file),
    `dedup_row_group` (a row group rewritten by the duplicate check), `manifest_replace` (the new manifest
    is written to its temporary name, not yet in place)."""
    _PASSED[point] = _PASSED.get(point, 0) + 1
    if (point, _PASSED[point]) == _PAUSE:
        os.write(2, f"paused at {point} {_PASSED[point]} (pid {os.getpid()})\n".encode())
        os.kill(os.getpid(), signal.SIGSTOP)


# --------------------------------------------------------------------------------------------- header

def _display_name(source: rel.SourceFile) -> str:
    return str(source.path) + (f" (member {source.member})" if source.member else "")


MAGIC = {b"\x1f\x8b": "gzip", b"PK\x03\x04": "zip", b"PAR1": "Parquet", b"\xff\xfe": "UTF-16",
         b"\xfe\xff": "UTF-16"}


def read_header(stream: io.BufferedReader[Any], source: rel.SourceFile) -> list[str]:
    """The header row, checked: names known, none duplicated, none required missing, right table."""
    line = stream.readline(MAX_RECORD_BYTES)
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


# ---------------------------------------------------------------------------------------- the parsers

def _csv_options(header: list[str]):
    return (
        pcsv.ReadOptions(column_names=header, block_size=BLOCK_BYTES, use_threads=True),
        # Blank lines are skipped, as the exact parser does; the line count check at the end of the
        # file proves that none was skipped before a row (line numbers would be off otherwise).
        pcsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=True),
        pcsv.ConvertOptions(column_types={c: pa.string() for c in header}, strings_can_be_null=False,
                            quoted_strings_can_be_null=False),
    )


try:  # memchr: is a byte anywhere in a buffer, at memory speed and without copying it
    _memchr = ctypes.CDLL(None).memchr
    _memchr.restype, _memchr.argtypes = ctypes.c_void_p, (ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t)
except (OSError, AttributeError):  # pragma: no cover - no C library to call: numpy instead
    _memchr = None


def _holds_byte(buf: pa.Buffer, start: int, length: int, byte: int) -> bool:
    if _memchr is not None:
        return _memchr(buf.address + start, byte, length) is not None
    return bool(np.count_nonzero(np.frombuffer(buf, dtype=np.uint8, count=length, offset=start) == byte))


def _scan_column(arr: pa.Array) -> tuple[int, np.ndarray | None]:
    """(longest field in bytes, line breaks per row or None when there are none) of a string column.

    Works on the Arrow buffers: memchr tells whether the column's bytes hold a line break at all (most
    columns hold none); only those that do are counted row by row, in numpy.
    """
    if len(arr) == 0:
        return 0, None
    wide = pa.types.is_large_string(arr.type) or pa.types.is_large_binary(arr.type)
    off_type = np.int64 if wide else np.int32
    _, off_buf, data_buf = arr.buffers()
    offsets = np.frombuffer(off_buf, dtype=off_type, count=len(arr) + 1,
                            offset=arr.offset * np.dtype(off_type).itemsize)
    longest = int(np.max(np.diff(offsets)))
    lo, hi = int(offsets[0]), int(offsets[-1])
    if data_buf is None or hi == lo or not _holds_byte(data_buf, lo, hi - lo, 0x0A):
        return longest, None
    data = np.frombuffer(data_buf, dtype=np.uint8, count=hi - lo, offset=lo)
    breaks = np.flatnonzero(data == 10)
    if not len(breaks):
        return longest, None
    rows = np.searchsorted(offsets, breaks + lo, side="right") - 1
    return longest, np.bincount(rows, minlength=len(arr)).astype(np.int64)


class _LineCounter:
    """Physical start line of each row of the fast parser's batches (the header is line 1)."""

    def __init__(self):
        self.next_line = 2

    def starts(self, batch: pa.RecordBatch) -> np.ndarray:
        n = batch.num_rows
        extra = np.zeros(n, dtype=np.int64)
        for name, col in zip(batch.schema.names, batch.columns):
            longest, breaks = _scan_column(col)
            if longest > MAX_FIELD_BYTES:
                raise _NeedExact(f"a field of column {name!r} is longer than the "
                                 f"{MAX_FIELD_BYTES >> 20} MiB limit")
            if breaks is not None:
                if name in schema.SINGLE_LINE_COLUMNS:
                    raise _NeedExact(f"a line break inside column {name!r} (a quote left open above?)")
                extra += breaks
        steps = 1 + extra
        starts = self.next_line + np.concatenate(([0], np.cumsum(steps)[:-1]))
        self.next_line = int(starts[-1] + steps[-1])
        return starts

    @property
    def last_line(self) -> int:
        return self.next_line - 1


def fast_batches(stream: io.BufferedReader[Any], header: list[str], counter: _LineCounter | None = None,
                 source: rel.SourceStream | None = None) -> Iterator[tuple[pa.Table, np.ndarray]]:
    """pyarrow's streaming reader; yields (string batch, physical start line of each row).

    Raises _NeedExact (the file then goes to the exact parser) on anything it cannot report row by row:
    an oversized field, a line break where none can be, a NUL byte; pyarrow raises ArrowInvalid for a
    wrong field count or invalid UTF-8. The caller checks the quote parity and line count at the end.

    pyarrow decodes each block in the thread that asks for it: that is done by a thread of its own, a
    few blocks ahead, so that it overlaps with the line counting, typing and writing done here and by
    the caller. Its errors are raised here, in order. Close the generator to stop it.
    """
    counter = counter or _LineCounter()
    try:
        reader = pcsv.open_csv(stream, *_csv_options(header))
    except pa.ArrowInvalid as exc:
        if "Empty CSV file" in str(exc):  # nothing after the header (or only blank lines)
            return
        raise
    ahead: queue.Queue = queue.Queue(maxsize=READ_AHEAD_BLOCKS)
    stop = threading.Event()
    done = object()

    def hand_over(item) -> bool:
        while not stop.is_set():
            try:
                ahead.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def decode():
        try:
            for batch in reader:
                if stop.is_set():
                    return
                if source is not None and source.nul_seen:
                    raise _NeedExact("NUL byte")
                if batch.num_rows and not hand_over(batch):
                    return
            hand_over(done)
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised there
            hand_over(exc)

    worker = threading.Thread(target=decode, name=f"csv-reader-{source.source.name if source else ''}",
                              daemon=True)
    worker.start()
    group: list[pa.RecordBatch] = []
    starts: list[np.ndarray] = []
    rows = 0
    try:
        while True:
            item = ahead.get()
            if isinstance(item, BaseException):
                raise item
            if item is not done:
                starts.append(counter.starts(item))
                group.append(item)
                rows += item.num_rows
            if group and (item is done or rows >= TYPE_BATCH_ROWS):
                yield pa.Table.from_batches(group).combine_chunks(), np.concatenate(starts)
                group, starts, rows = [], [], 0
            if item is done:
                return
    finally:
        stop.set()
        worker.join()  # it stops after its current block: only then may the stream be closed
        reader.close()


class _BackgroundWriter:
    """Writes tables with a ParquetWriter in a thread of its own, in order, so that encoding and
    compressing overlap with reading and typing. An error there is raised by the next `write` or by
    `close`; `abort` stops without raising (for error paths)."""

    def __init__(self, writer: pq.ParquetWriter, name: str, point: str = "row_group"):
        self.writer, self.point = writer, point
        self._jobs: queue.Queue = queue.Queue(maxsize=1)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=f"parquet-writer-{name}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            table = self._jobs.get()
            if table is None:
                return
            if self._error is None:
                try:
                    self.writer.write_table(table, row_group_size=ROW_GROUP_ROWS)
                    if _PAUSE:
                        _pause_point(self.point)
                except BaseException as exc:  # noqa: BLE001 - raised in the caller's thread
                    self._error = exc

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def write(self, table: pa.Table) -> None:
        self._raise()
        self._jobs.put(table)

    def close(self) -> None:
        self.abort()
        self._raise()

    def abort(self) -> None:
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()


@dataclass
class _RawProblem:
    line: int
    reason: str
    record: str
    column: str = ""


@dataclass
class _Line:
    number: int
    data: bytes
    oversized: int = 0  # > 0: the line was this many bytes, too long to hold; `data` is empty


def exact_records(stream: io.BufferedReader[Any], ncols: int, header: list[str]
                  ) -> Iterator[tuple[int, list[str]] | _RawProblem]:
    """Line-by-line CSV reading that can report any broken row exactly and carry on.

    A record is complete when its quotes balance. A quote still open after MAX_RECORD_BYTES (or at the
    end of the file), or a multi-line record that does not parse as one row, is reported on the line
    where it opened, and reading resumes on the next line: the rows a stray quote swallowed are read
    again, one by one.
    """
    counter = 1  # the header was line 1
    replay: list[_Line] = []

    def read_line() -> _Line | None:
        nonlocal counter
        if replay:
            return replay.pop()
        chunk = stream.readline(MAX_RECORD_BYTES + 1)
        if not chunk:
            return None
        counter += 1
        if len(chunk) > MAX_RECORD_BYTES and not chunk.endswith(b"\n"):
            size = len(chunk)
            while (more := stream.readline(1 << 20)):
                size += len(more)
                if more.endswith(b"\n"):
                    break
            return _Line(counter, b"", oversized=size)
        return _Line(counter, chunk)

    def give_up(pending: list[_Line], why: str) -> _RawProblem:
        """The record opened on pending[0] is broken: report it, read the lines after it again."""
        replay.extend(reversed(pending[1:]))
        return _RawProblem(pending[0].number, f"unbalanced quote: a quoted field opened on this line is not "
                                              f"closed where a row can end ({why}); reading resumes on "
                                              "the next line", _preview(pending[0].data))

    pending: list[_Line] = []
    size = quotes = 0
    while True:
        item = read_line()
        if item is None:  # end of file: an open record there is unbalanced
            if not pending:
                return
            yield give_up(pending, "end of file reached")
            pending, size, quotes = [], 0, 0
            continue
        if item.oversized:
            if pending:  # the open quote swallowed up to this line: report it, then this line
                yield give_up(pending, "a line longer than the limit follows")
                pending, size, quotes = [], 0, 0
            yield _RawProblem(item.number, f"line of {item.oversized / 2**20:.1f} MiB, longer than the "
                                           f"{MAX_RECORD_BYTES >> 20} MiB limit", "")
            continue
        pending.append(item)
        size += len(item.data)
        quotes += item.data.count(b'"')
        if quotes % 2 == 0:
            outcome = _finish_record(pending[0].number, b"".join(x.data for x in pending), ncols, header,
                                     multiline=len(pending) > 1)
            if isinstance(outcome, str):  # a multi-line record that is not one row
                yield give_up(pending, outcome)
            elif outcome is not None:
                yield outcome
            pending, size, quotes = [], 0, 0
        elif size > MAX_RECORD_BYTES:
            yield give_up(pending, f"still open after {MAX_RECORD_BYTES >> 20} MiB")
            pending, size, quotes = [], 0, 0


def _preview(data: bytes, limit: int = 2000) -> str:
    text = data.decode("utf-8", errors="backslashreplace")
    return text if len(text) <= limit else text[:limit] + f"... [{len(text) - limit} more characters]"


def _parse_one(text: str, strict: bool) -> list[list[str]]:
    # The csv module refuses fields over 128 KiB by default; ours are checked against MAX_FIELD_BYTES.
    if csv.field_size_limit() <= MAX_RECORD_BYTES:
        csv.field_size_limit(MAX_RECORD_BYTES + 1)
    return list(csv.reader(io.StringIO(text, newline=""), strict=strict))


def _finish_record(start: int, data: bytes, ncols: int, header: list[str], multiline: bool = False):
    """One complete record -> (line, fields), a _RawProblem, None (a blank line, not a row), or for a
    multi-line record that cannot be one row, a string saying why (the caller re-reads its lines)."""
    if not data.strip(b"\r\n"):
        return None  # a blank line is not a row
    if b"\x00" in data:
        col = _column_of(data, b"\x00", header)
        return _RawProblem(start, "NUL byte in the row (a damaged or binary file?)", _preview(data), col)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        col = _column_of(data, data[exc.start:exc.start + 1], header)
        return _RawProblem(start, f"invalid UTF-8 at byte {exc.start} of the row (the file is not UTF-8 "
                                  "or is damaged)", _preview(data), col)
    if multiline:
        # Strict: after a closing quote only a comma or the line end may follow. A stray quote that
        # swallowed rows breaks this where it closes, or puts line breaks into single-line columns.
        try:
            rows = _parse_one(text, strict=True)
        except csv.Error as exc:
            return f"malformed quoting: {exc}"
        if len(rows) != 1 or len(rows[0]) != ncols:
            return f"{sum(len(r) for r in rows)} fields over {len(rows)} row(s), expected {ncols}"
        broken = next((h for h, v in zip(header, rows[0]) if h in schema.SINGLE_LINE_COLUMNS
                       and ("\n" in v or "\r" in v)), None)
        if broken:
            return f"a line break inside column {broken!r}"
    else:
        try:
            rows = _parse_one(text, strict=False)  # lenient like pyarrow, so both parsers agree
        except csv.Error as exc:
            return _RawProblem(start, f"malformed row ({exc})", _preview(data))
    if len(rows) != 1:
        if all(len(r) == ncols for r in rows) and b"\r" in data.rstrip(b"\r\n"):
            return _RawProblem(start, f"{len(rows)} records on one line, split by a bare carriage return (\\r) "
                                      "outside quotes (an old-Mac or re-exported line end); the record column "
                                      "holds them all: convert that \\r to a line feed to load them",
                               _preview(data))
        return _RawProblem(start, "malformed row (a line break or quote outside a quoted field)",
                           _preview(data))
    row = rows[0]
    if len(row) != ncols:
        return _RawProblem(start, f"expected {ncols} fields, found {len(row)}"
                           + (" (truncated row?)" if len(row) < ncols else ""), _preview(data))
    # a field over MAX_FIELD_BYTES bytes has over a quarter as many characters: encode only those
    big = [i for i, v in enumerate(row) if len(v) > MAX_FIELD_BYTES // 4
           and len(v.encode("utf-8")) > MAX_FIELD_BYTES]
    if not big:
        return start, row
    sizes = {i: f"field of {len(row[i].encode('utf-8')) / 2**20:.1f} MiB, longer than the "
                f"{MAX_FIELD_BYTES >> 20} MiB limit" for i in big}
    own = schema.ROW_ID_COLUMNS["tweets" if "tweetid" in header else "users"]
    id_field = next((i for i in big if header[i] in own), None)
    if id_field is not None:  # the row's own id: the row cannot be cached
        return _RawProblem(start, sizes[id_field], _preview(data), header[id_field])
    damaged = [(start, header[i], row[i], sizes[i] + "; the field is left empty") for i in big]
    for i in big:  # any other field: emptied (null in the cache) and listed as damaged, the row kept
        row[i] = ""
    return start, row, damaged


def _column_of(data: bytes, needle: bytes, header: list[str]) -> str:
    """Best-effort name of the column holding a bad byte (fields split naively at quote-comma-quote)."""
    pos = data.find(needle)
    idx = data[:pos].count(b'","') if data.startswith(b'"') else data[:pos].count(b",")
    return header[idx] if 0 <= idx < len(header) else ""


def exact_batches(records: Iterator[Any], header: list[str], problems: list[_RawProblem],
                  damaged: list[tuple[int, str, str, str]] | None = None
                  ) -> Iterator[tuple[pa.Table, np.ndarray]]:
    """Groups exact records into string batches; broken rows go to `problems`, fields emptied by the
    parser (over-long) to `damaged` as (line, column, original text, reason), before their batch."""
    rows: list[list[str]] = []
    lines: list[int] = []

    def flush():
        cols = list(zip(*rows))
        table = pa.table({h: pa.array(cols[i], pa.string()) for i, h in enumerate(header)})
        return table, np.array(lines, dtype=np.int64)

    for rec in records:
        if isinstance(rec, _RawProblem):
            problems.append(rec)
            continue
        lines.append(rec[0])
        rows.append(rec[1])
        if len(rec) > 2 and damaged is not None:
            damaged.extend(rec[2])
        if len(rows) >= EXACT_BATCH_ROWS:
            yield flush()
            rows, lines = [], []
    if rows:
        yield flush()


# ----------------------------------------------------------------------------------------- one file

@dataclass
class _FileResult:
    rows_cached: int = 0
    rows_quarantined: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    keys: list[np.ndarray] = field(default_factory=list)  # duplicate-detection key of each cached row
    duplicate_lines: set[int] = field(default_factory=set)  # lines of rows the duplicate check removed


def reason_kind(reason: str) -> str:
    """The reason without its particulars (value, byte offset, sizes), to count reasons by kind."""
    kind = re.sub(r":\s.*$", "", reason, flags=re.S)
    kind = re.sub(r"\s*\(.*$", "", kind, flags=re.S)
    return re.sub(r"(?<=\s)\d+(?:\.\d+)?", "N", kind)


class _Quarantine:
    """The rows that could not be cached, with file, line, column and reason (CSV, formula-safe)."""

    def __init__(self, path: Path, source_name: str):
        self.path, self.source_name = path, source_name
        self._f = open(path, "w", encoding="utf-8", newline="")
        self._w = SafeCsvWriter(self._f)
        self._w.writerow(QUARANTINE_COLUMNS)

    def add(self, line: int, column: str, reason: str, record: str, result: _FileResult) -> None:
        self._w.writerow([self.source_name, line, column, reason, record])
        result.rows_quarantined += 1
        key = reason_kind(reason)
        result.reasons[key] = result.reasons.get(key, 0) + 1

    def close(self) -> None:
        self._f.close()


class _DamagedFields:
    """Fields that could not be typed in rows that were kept: nulled in the cache and listed here with
    file, line, column, original text and reason (CSV, formula-safe), counted per column and per row."""

    def __init__(self, path: Path, source_name: str):
        self.path, self.source_name = path, source_name
        self._f = open(path, "w", encoding="utf-8", newline="")
        self._w = SafeCsvWriter(self._f)
        self._w.writerow(DAMAGED_COLUMNS)
        self.rows = 0                       # rows with at least one damaged field
        self.columns: dict[str, int] = {}   # damaged fields per column
        self.reasons: dict[str, dict[str, int]] = {}  # per column, damaged fields per kind of reason
        self._last_line = -1

    def _count(self, line: int, column: str, reason: str) -> None:
        self.columns[column] = self.columns.get(column, 0) + 1
        kinds = self.reasons.setdefault(column, {})
        kinds[reason_kind(reason)] = kinds.get(reason_kind(reason), 0) + 1
        if line != self._last_line:
            self.rows += 1
            self._last_line = line

    def add(self, line: int, column: str, text: str | None, reason: str) -> None:
        """Entries come in line order (several per row possible)."""
        self._w.writerow([self.source_name, line, column, _preview((text or "").encode("utf-8")), reason])
        self._count(line, column, reason)

    def close(self) -> None:
        self._f.close()

    def drop_lines(self, lines: set[int]) -> None:
        """After the duplicate check: the entries of rows that left the cache go (the quarantine shows
        those rows whole); the counts follow."""
        if not lines or not self.rows:
            return
        rewritten = self.path.with_name(self.path.name + ".dedup")
        self.rows, self.columns, self.reasons, self._last_line = 0, {}, {}, -1
        try:
            with open(self.path, encoding="utf-8", newline="") as src, \
                    open(rewritten, "w", encoding="utf-8", newline="") as out:
                reader = csv.reader(src)
                w = SafeCsvWriter(out)
                w.writerow(next(reader))
                for row in reader:
                    line = int(row[1])
                    if line in lines:
                        continue
                    w.writerow(row)
                    self._count(line, row[2], row[4])
            os.replace(rewritten, self.path)
        finally:
            rewritten.unlink(missing_ok=True)


def _dedupe_key(table: pa.Table, name: str) -> np.ndarray:
    """A compact key for duplicate detection: canonical numeric ids (digits, no leading zero, at most 19
    digits: they fit uint64 and have one spelling) as themselves, any other text (hashes, ids with
    leading zeros) as a 64-bit hash of the text. The same text always gets the same key."""
    col = table.column(name)
    col = col.chunk(0) if col.num_chunks == 1 else col.combine_chunks()
    numeric = pc.and_(pc.and_(fields._digits(col, 19), pc.invert(pc.starts_with(col, "0"))),
                      pc.is_valid(col))
    numeric = pc.or_(numeric, pc.fill_null(pc.equal(col, "0"), False))
    if numeric.false_count == 0:
        return pc.cast(col, pa.uint64()).to_numpy(zero_copy_only=False)
    keys = pc.cast(pc.if_else(numeric, col, "0"), pa.uint64()).to_numpy(zero_copy_only=False).copy()
    other = np.flatnonzero(~numeric.to_numpy(zero_copy_only=False))
    texts = col.take(pa.array(other)).to_pylist()
    keys[other] = [int.from_bytes(hashlib.blake2b((v or "").encode(), digest_size=8).digest(), "little")
                   for v in texts]
    return keys


# Columns whose values are (nearly) all distinct: a Parquet dictionary would be built and then dropped.
_DISTINCT_COLUMNS = ("tweetid", "tweet_text", "tweet_time", "in_reply_to_tweetid", "quoted_tweet_tweetid",
                     "retweet_tweetid", "urls", "source_line")


def _parquet_options(target: pa.Schema) -> dict:
    """zstd; dictionary encoding where values repeat; min/max statistics only where a filter can use
    them (numbers, dates, times: the date range is pushed down to the reader), not on long text."""
    stats = [f.name for f in target if pa.types.is_integer(f.type) or pa.types.is_floating(f.type)
             or pa.types.is_temporal(f.type) or pa.types.is_boolean(f.type)]
    return {"compression": "zstd", "write_statistics": stats,
            "use_dictionary": [f.name for f in target if f.name not in _DISTINCT_COLUMNS]}


def _write_file(src: rel.SourceFile, cache_dir: Path, parser: str, progress: bool) -> dict:
    """Parse one source with one parser into a partial Parquet file and quarantine; returns stats."""
    key_column = "tweetid" if src.table == "tweets" else "userid"
    token = uuid.uuid4().hex[:12]
    out_dir = cache_dir / src.op
    out_dir.mkdir(parents=True, exist_ok=True)
    parquet_path = out_dir / f"{src.table}-{token}.parquet"
    partial = parquet_path.with_name(parquet_path.name + ".partial")
    quarantine_path = out_dir / f"{src.table}-{token}.quarantine.csv"
    quarantine_partial = quarantine_path.with_name(quarantine_path.name + ".partial")
    damaged_path = out_dir / f"{src.table}-{token}.damaged.csv"
    damaged_partial = damaged_path.with_name(damaged_path.name + ".partial")
    total = src.path.stat().st_size if src.compression != "zip" else None
    stream = rel.SourceStream(src)
    bar = tqdm(total=total, unit="B", unit_scale=True, desc=f"{src.name} ({parser})", disable=not progress,
               file=sys.stderr, mininterval=2, leave=False)
    stream.on_progress = bar.update
    buffered = io.BufferedReader(stream, buffer_size=1 << 20)
    result = _FileResult()
    quarantine = _Quarantine(quarantine_partial, src.name)
    damaged = _DamagedFields(damaged_partial, src.name)
    parser_damage: list[tuple[int, str, str, str]] = []  # fields the exact parser emptied (over-long)
    writer = background = None
    batches: Any = None
    pending: list[pa.Table] = []
    pending_rows = 0
    rows_read = 0
    started = time.time()
    try:
        header = read_header(buffered, src)
        extras = tuple(h for h in header if h not in schema.ALL_COLUMNS[src.table])
        target = schema.cache_schema(src.table, extras)
        writer = pq.ParquetWriter(partial, target, **_parquet_options(target))
        background = _BackgroundWriter(writer, src.name, f"{parser}_row_group")
        problems: list[_RawProblem] = []
        counter = _LineCounter()
        if parser == "fast":
            batches = fast_batches(buffered, header, counter, stream)
        else:
            batches = exact_batches(exact_records(buffered, len(header), header), header, problems,
                                    parser_damage)

        def flush(final: bool = False):
            """Hands whole row groups to the writer (and, at the end, what is left)."""
            nonlocal pending, pending_rows
            if not pending:
                return
            table = pa.concat_tables(pending)
            while table.num_rows >= ROW_GROUP_ROWS or (final and table.num_rows):
                background.write(table.slice(0, ROW_GROUP_ROWS))
                table = table.slice(ROW_GROUP_ROWS)
            pending, pending_rows = ([table] if table.num_rows else []), table.num_rows

        def quarantine_in_line_order(entries: list[tuple[int, str, str, str]]):
            nonlocal rows_read
            entries += [(p.line, p.column, p.reason, p.record) for p in problems]
            rows_read += len(problems)
            problems.clear()
            for line, column, reason, record in sorted(entries, key=lambda e: e[0]):
                quarantine.add(line, column, reason, record, result)

        def list_damage(typed: fields.Typed, lines: np.ndarray):
            """The batch's damaged fields (the parser's and the typing's) in line order; none of rows
            that are quarantined, and one entry per field."""
            quarantined = set(lines[typed.bad_rows].tolist())
            entries = [e for e in parser_damage if e[0] not in quarantined]
            parser_damage.clear()
            done = {(e[0], e[1]) for e in entries}
            entries += [e for e in zip(lines[typed.damaged_rows].tolist(), typed.damaged_columns,
                                       typed.damaged_values, typed.damaged_reasons) if (e[0], e[1]) not in done]
            for line, column, text, reason in sorted(entries, key=lambda e: e[0]):
                damaged.add(int(line), column, text, reason)

        for raw, lines in batches:
            rows_read += raw.num_rows
            typed = fields.type_batch(raw, src.table, lines)
            if len(typed.damaged_rows) or parser_damage:
                list_damage(typed, lines)
            entries = []
            if len(typed.bad_rows):
                bad = raw.take(pa.array(typed.bad_rows))
                bad_values = list(zip(*(c.to_pylist() for c in bad.columns)))
                for values, row, column, reason in zip(bad_values, typed.bad_rows, typed.bad_columns,
                                                       typed.bad_reasons):
                    entries.append((int(lines[row]), column, reason,
                                    json.dumps(dict(zip(header, values)), ensure_ascii=False)))
            quarantine_in_line_order(entries)
            if typed.table.num_rows:
                result.keys.append(_dedupe_key(typed.table, key_column))
                pending.append(typed.table)
                pending_rows += typed.table.num_rows
                result.rows_cached += typed.table.num_rows
            if pending_rows >= ROW_GROUP_ROWS:
                flush()
        quarantine_in_line_order([])  # problems after the last good row
        flush(final=True)
        background.close()
        background = None
        writer.close()
        writer = None
        physical_lines = stream.newlines + (1 if stream.last_byte not in (b"\n", b"") else 0)
        if parser == "fast":
            if stream.has_nul:
                raise _NeedExact("NUL byte")
            if stream.quotes % 2:
                raise _NeedExact("an odd number of quote characters (a quote left open swallows the "
                                 "rows after it)")
            if counter.last_line + stream.trailing_blank_lines() != physical_lines:
                raise _NeedExact(f"line count: rows end on line {counter.last_line}, the file has "
                                 f"{physical_lines} lines (blank lines or bare carriage returns?)")
        sha = stream.finish_hash()
    except BaseException:
        if batches is not None:
            batches.close()  # stops the reading thread before the stream closes
        if background is not None:
            background.abort()
        if writer is not None:
            try:
                writer.close()
            except Exception:  # noqa: BLE001 - the error being raised matters, not this one
                pass
        quarantine.close()
        damaged.close()
        buffered.close()
        bar.close()
        for path in (partial, quarantine_partial, damaged_partial):
            path.unlink(missing_ok=True)
        raise
    quarantine.close()
    damaged.close()
    buffered.close()
    bar.close()
    try:
        dupes = _quarantine_duplicates(partial, result, key_column, quarantine_partial, src.name)
        damaged.drop_lines(result.duplicate_lines)
        if rows_read != result.rows_cached + result.rows_quarantined:  # a bug, never a data problem
            raise AssertionError(f"{src.name}: row accounting broken: {rows_read} read, "
                                 f"{result.rows_cached} cached, {result.rows_quarantined} quarantined")
        if damaged.rows > result.rows_cached:
            raise AssertionError(f"{src.name}: {damaged.rows} rows with damaged fields, but only "
                                 f"{result.rows_cached} cached")
        os.replace(quarantine_partial, quarantine_path)
        os.replace(damaged_partial, damaged_path)
        os.replace(partial, parquet_path)
    except BaseException:
        for path in (partial, quarantine_partial, quarantine_path, damaged_partial, damaged_path):
            path.unlink(missing_ok=True)
        raise
    if _PAUSE:
        _pause_point("file_renamed")
    return {
        "parser": parser, "header": header, "extra_columns": list(extras),
        "missing_optional_columns": [c for c in schema.OPTIONAL_COLUMNS[src.table] if c not in header],
        "schema_variant": schema.variant_name(tuple(header)),
        "rows_read": rows_read, "rows_cached": result.rows_cached,
        "rows_quarantined": result.rows_quarantined, "quarantine_reasons": dict(sorted(result.reasons.items())),
        "duplicates_quarantined": dupes, "physical_lines": physical_lines,
        "sha256": sha, "decompressed_bytes": stream.bytes_out,
        "cache_file": str(parquet_path.relative_to(cache_dir)), "cache_bytes": parquet_path.stat().st_size,
        "quarantine_file": str(quarantine_path.relative_to(cache_dir)),
        "rows_with_damaged_fields": damaged.rows, "damaged_fields": dict(sorted(damaged.columns.items())),
        "damaged_reasons": {c: dict(sorted(k.items())) for c, k in sorted(damaged.reasons.items())},
        "damaged_file": str(damaged_path.relative_to(cache_dir)),
        "seconds": round(time.time() - started, 3),
    }


def _quarantine_duplicates(path: Path, result: _FileResult, key_column: str, quarantine_path: Path,
                           source_name: str) -> int:
    """Keeps the first row of each id; later rows with the same id move to the quarantine.

    Memory: 8 bytes a row for the keys (kept while the file is read), a few times that while sorting
    them; when there are duplicates, the Parquet file is rewritten one row group at a time.
    """
    if not result.keys:
        return 0
    keys = np.concatenate(result.keys)
    result.keys.clear()
    order = np.argsort(keys, kind="stable")  # stable: within one id, file order
    sorted_keys = keys[order]
    del keys
    new_group = np.empty(len(order), dtype=bool)
    new_group[0] = True
    np.not_equal(sorted_keys[1:], sorted_keys[:-1], out=new_group[1:])
    del sorted_keys
    repeats = np.flatnonzero(~new_group)
    if not len(repeats):
        return 0
    starts = np.flatnonzero(new_group)
    drop_pos = order[repeats]                                             # rows to quarantine
    first_pos = order[starts[np.searchsorted(starts, repeats, side="right") - 1]]  # the row kept
    del order, new_group, starts
    line_of = pq.read_table(path, columns=["source_line"]).column(0).to_numpy()
    kept_line = dict(zip(drop_pos.tolist(), line_of[first_pos].tolist()))
    drop = np.zeros(len(line_of), dtype=bool)
    drop[drop_pos] = True
    rewritten = path.with_name(path.name + ".dedup")
    source = pq.ParquetFile(path)
    offset = 0
    try:
        with open(quarantine_path, "a", encoding="utf-8", newline="") as f, \
                pq.ParquetWriter(rewritten, source.schema_arrow, **_parquet_options(source.schema_arrow)) as out:
            w = SafeCsvWriter(f)
            for i in range(source.num_row_groups):
                group = source.read_row_group(i)
                part = drop[offset:offset + group.num_rows]
                positions = np.flatnonzero(part)
                for pos, row in zip(positions.tolist(), group.take(pa.array(positions)).to_pylist()):
                    at = offset + pos
                    reason = (f"duplicate {key_column} {row[key_column]}: the first occurrence (line "
                              f"{kept_line[at]}) is kept")
                    w.writerow([source_name, int(line_of[at]), key_column, reason,
                                json.dumps(row, default=str, ensure_ascii=False)])
                out.write_table(group.filter(pa.array(~part)), row_group_size=ROW_GROUP_ROWS)
                offset += group.num_rows
                if _PAUSE:
                    _pause_point("dedup_row_group")
        os.replace(rewritten, path)
    finally:
        rewritten.unlink(missing_ok=True)
    n = len(drop_pos)
    result.duplicate_lines = set(line_of[drop_pos].tolist())
    result.rows_cached -= n
    result.rows_quarantined += n
    result.reasons[f"duplicate {key_column}"] = n
    return n


def _stat(src: rel.SourceFile) -> os.stat_result:
    try:
        return src.path.stat()
    except OSError as exc:
        raise ReleaseError(f"cannot read the file ({exc.strerror or exc})", file=str(src.path),
                           hint="check that the file is still there and readable") from exc


def ingest_file(src: rel.SourceFile, cache_dir: Path, progress: bool = True) -> dict:
    """One source file into the cache; the fast parser first, the exact one if the file needs it."""
    if _PAUSE:
        _pause_point("file_start")
    before = _stat(src)
    try:
        try:
            stats = _write_file(src, cache_dir, "fast", progress)
        except (pa.ArrowException, _NeedExact) as why:
            stats = _write_file(src, cache_dir, "exact", progress)
            stats["fast_parser_declined"] = str(why).splitlines()[0][:200]
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES):
            raise ReleaseError(f"cannot write the cache ({exc.strerror}) while reading this file",
                               file=str(src.path), hint=f"free space in (or make writable) {cache_dir}, "
                               "or point cache_dir in the parameters elsewhere") from exc
        raise
    st = _stat(src)
    if (st.st_size, st.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
        (cache_dir / stats["cache_file"]).unlink(missing_ok=True)
        (cache_dir / stats["quarantine_file"]).unlink(missing_ok=True)
        (cache_dir / stats["damaged_file"]).unlink(missing_ok=True)
        raise ReleaseError("the file changed while it was being read (still downloading or being "
                           "copied?)", file=str(src.path), hint="wait until the file is complete, then "
                                                                "start again")
    stats["source"] = {"path": str(src.path.resolve()), "member": src.member, "name": src.name,
                       "compression": src.compression, "size": st.st_size, "mtime_ns": st.st_mtime_ns,
                       "sha256": stats.pop("sha256"), "op_in_file_name": src.source_op}
    stats.update(op=src.op, table=src.table, ingest_version=INGEST_VERSION,
                 ingested_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    return stats


# --------------------------------------------------------------------------------- release and cache

def cache_dir_for(folder: Path, cache_root: Path | None = None) -> Path:
    """One cache folder per release folder: its name plus a hash of its absolute path."""
    folder = Path(folder).resolve()
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", folder.name).strip("-") or "release"
    return Path(cache_root or CACHE_DIR) / f"{slug}-{hashlib.sha1(str(folder).encode()).hexdigest()[:10]}"


def _holder_retry() -> None:
    """The wait between two looks at the lock holder's note (a test replaces it to act in between)."""
    time.sleep(0.02)


class CacheLock:
    """An exclusive lock on a cache folder; the kernel frees it if the process dies.

    The holder names itself in `.lock-holder` (written after it has the lock, removed when it lets go),
    so that a second run can say who is writing; a holder file whose process is gone is ignored.
    """

    def __init__(self, cache_dir: Path):
        self.path = cache_dir / ".lock"
        self.holder = cache_dir / ".lock-holder"

    def __enter__(self):
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._f = open(self.path, "a+")
        except OSError as exc:
            raise ProjectError(f"{self.path.parent}: cannot create the cache folder ({exc.strerror or exc})."
                               "\n  What to do: make it writable, or point cache_dir in the parameters "
                               "at a writable folder") from exc
        try:
            fcntl.flock(self._f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._f.close()
            raise CacheBusyError(
                f"{self.path.parent}: the cache is being written by {self._current_holder()}. Wait for "
                "that run to finish (or stop it), then start again.") from None
        tmp = self.holder.with_name(f"{self.holder.name}.{os.getpid()}.partial")
        tmp.write_text(f"pid {os.getpid()} since {dt.datetime.now().isoformat(timespec='seconds')}")
        os.replace(tmp, self.holder)
        return self

    def _current_holder(self, looks: int = 50) -> str:
        """Who holds the lock, as the holder wrote it; it may take the holder a moment to write (up to
        `looks` looks, `_holder_retry` apart: about a second)."""
        for look in range(looks):
            try:
                text = self.holder.read_text(encoding="utf-8").strip()
                pid = int(text.split()[1])
                os.kill(pid, 0)  # raises if no such process (a holder killed before it could clean up)
                return text
            except PermissionError:
                return text  # alive, another user's
            except (OSError, ValueError, IndexError):
                pass
            if look + 1 < looks:
                _holder_retry()
        return "another process"

    def __exit__(self, *exc):
        self.holder.unlink(missing_ok=True)
        fcntl.flock(self._f, fcntl.LOCK_UN)
        self._f.close()


def library_versions() -> dict:
    import pandas
    return {"python": platform.python_version(), "helpers": __version__, "pyarrow": pa.__version__,
            "pandas": pandas.__version__, "numpy": np.__version__}


def read_manifest(cache_dir: Path) -> dict | None:
    try:
        manifest = json.loads((cache_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        return None
    return manifest if manifest.get("ingest_version") == INGEST_VERSION else None


def write_manifest(cache_dir: Path, manifest: dict) -> None:
    """Atomic: readers see the old manifest or the new one, never a mix."""
    tmp = cache_dir / f".{MANIFEST}.{os.getpid()}.partial"
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    if _PAUSE:
        _pause_point("manifest_replace")
    os.replace(tmp, cache_dir / MANIFEST)


def _still_valid(entry: dict, src: rel.SourceFile, cache_dir: Path) -> bool:
    """A cached file serves again only if its source is unchanged and its Parquet file is intact."""
    st = src.path.stat()
    s = entry.get("source", {})
    cached = cache_dir / entry.get("cache_file", "-")
    return (entry.get("ingest_version") == INGEST_VERSION and entry.get("table") == src.table
            and s.get("path") == str(src.path.resolve()) and s.get("member") == src.member
            and s.get("size") == st.st_size and s.get("mtime_ns") == st.st_mtime_ns
            and cached.is_file() and cached.stat().st_size == entry.get("cache_bytes"))


def ingest_release(data_dir: str | os.PathLike, cache_root: Path | None = None, rename: dict[str, str] | None = None,
                   progress: bool = True, force: bool = False, log: Callable[[str], Any] = print) -> dict:
    """Bring the cache of a release up to date and return its manifest (reusing unchanged files).

    The manifest holds one entry per source file (a part of an operation's table), keyed by
    `SourceFile.key` (`op/table`, or `op/table/part` for a part); each part is cached on its own, so an
    unchanged part is reused. Ids repeated across the parts of one table are settled afterwards
    (`_settle_duplicates_across_parts`).

    Raises ReleaseError for a release or file that cannot be used (the message names the file and says
    what to do) and CacheBusyError when another run is writing the same cache.
    """
    release = rel.discover(data_dir, rename)
    cache_dir = cache_dir_for(release.folder, cache_root)
    with CacheLock(cache_dir):
        old = read_manifest(cache_dir) or {}
        old_entries = list(old.get("files", {}).values())
        files: dict[str, dict] = {}
        manifest = _manifest_header(release, cache_dir, files, old)
        todo = []
        for src in release.files:  # first everything still valid, so that each commit below keeps it
            reuse = None if force else next((e for e in old_entries if _still_valid(e, src, cache_dir)), None)
            if reuse is not None:
                files[src.key] = _as_part(_within_file(reuse), src)
            else:
                todo.append(src)
        for src in todo:
            log(f"ingesting {src.name} -> {src.key}")
            entry = _as_part(ingest_file(src, cache_dir, progress), src)
            files[src.key] = entry
            log(f"  {entry['rows_read']:,} rows read = {entry['rows_cached']:,} cached + "
                f"{entry['rows_quarantined']:,} quarantined ({entry['parser']} parser, "
                f"{entry['seconds']:.1f} s)")
            if entry["rows_quarantined"]:
                shown = paths.shown(cache_dir / entry["quarantine_file"], cache_dir)
                log(f"  quarantined rows (line, column, reason): {shown} in the cache folder {paths.shown(cache_dir)}")
            if entry["rows_with_damaged_fields"]:
                shown = paths.shown(cache_dir / entry["damaged_file"], cache_dir)
                log(f"  {entry['rows_with_damaged_fields']:,} cached rows carry a damaged field (nulled; "
                    f"line, column, original text, reason): {shown} in the cache folder {paths.shown(cache_dir)}")
            manifest["updated"] = entry["ingested_at"]
            manifest["files"] = dict(sorted(files.items()))
            write_manifest(cache_dir, manifest)  # commit each finished file
        _settle_duplicates_across_parts(cache_dir, files, old_entries, log)
        manifest["files"] = dict(sorted(files.items()))
        write_manifest(cache_dir, manifest)
        _remove_unreferenced(cache_dir, files)
    return manifest


def _as_part(entry: dict, src: rel.SourceFile) -> dict:
    """A manifest entry labelled with the part it holds (op after renaming, table, part label)."""
    return dict(entry, op=src.op, table=src.table, part=src.part)


# ----------------------------------------------------------------------------- parts of one table

ACROSS = "across_parts"


def _across_reason(key_column: str) -> str:
    return f"duplicate {key_column} across parts"


def _within_file(entry: dict) -> dict:
    """The entry as its own file gives it: the duplicates-across-parts layer taken off (it depends on the
    other parts, and is settled again after every ingest)."""
    across = entry.get(ACROSS)
    if not across:
        return dict(entry)
    out = {k: v for k, v in entry.items() if k != ACROSS}
    n = across["duplicates"]
    reasons = dict(out.get("quarantine_reasons", {}))
    reason = _across_reason("tweetid" if entry["table"] == "tweets" else "userid")
    left = reasons.pop(reason, 0) - n
    if left:
        reasons[reason] = left
    out.update(rows_cached=out["rows_cached"] + n, rows_quarantined=out["rows_quarantined"] - n,
               quarantine_reasons=dict(sorted(reasons.items())))
    return out


def _with_across(entry: dict, across: dict) -> dict:
    """The entry with the duplicates-across-parts layer on: its rows counted as quarantined."""
    n = across["duplicates"]
    out = dict(entry, **{ACROSS: across})
    if n:
        reasons = dict(out.get("quarantine_reasons", {}))
        reason = _across_reason("tweetid" if entry["table"] == "tweets" else "userid")
        reasons[reason] = reasons.get(reason, 0) + n
        out.update(rows_cached=out["rows_cached"] - n, rows_quarantined=out["rows_quarantined"] + n,
                   quarantine_reasons=dict(sorted(reasons.items())))
    return out


def _settle_duplicates_across_parts(cache_dir: Path, files: dict, old_entries: list[dict], log=print) -> None:
    """For each table in several parts: a tweetid (userid) already in an earlier part (natural order) is
    quarantined in the later part, naming the file and line of the row kept.

    Each part's Parquet file stays as its own file gave it (so it can be reused when another part
    changes); the rows set aside are listed in a small Parquet file (`cache_file`, `source_line`) that the
    loader filters out, and in a quarantine CSV. The result depends on every part: it is recomputed
    whenever any part's cache file changed, and reused when none did (the `basis` recorded).
    """
    groups: dict[tuple[str, str], list[str]] = {}
    for key, e in files.items():
        groups.setdefault((e["op"], e["table"]), []).append(key)
    by_cache_file = {e.get("cache_file"): e for e in old_entries}
    for (op, table), keys in sorted(groups.items()):
        if len(keys) < 2:
            continue
        keys.sort(key=lambda k: rel.part_sort_key(files[k]["part"]))
        basis = [files[k]["cache_file"] for k in keys]
        previous = [by_cache_file.get(c, {}).get(ACROSS) for c in basis]
        if all(p and p.get("basis") == basis and _across_files_present(cache_dir, p) for p in previous):
            for k, p in zip(keys, previous):
                files[k] = _with_across(files[k], p)
            continue
        for k, across in zip(keys, _duplicates_across(cache_dir, op, table, [files[k] for k in keys], basis)):
            files[k] = _with_across(files[k], across)
            if across["duplicates"]:
                log(f"  {files[k]['source']['name']}: {across['duplicates']:,} rows repeat an id of an "
                    f"earlier part (quarantined: {cache_dir / across['quarantine_file']})")


def _across_files_present(cache_dir: Path, across: dict) -> bool:
    return all((cache_dir / across[k]).is_file() for k in ("lines_file", "quarantine_file") if across.get(k))


def _duplicates_across(cache_dir: Path, op: str, table: str, entries: list[dict], basis: list[str]
                       ) -> list[dict]:
    """The duplicates-across-parts layer of each part (in the order given, the natural part order).

    Memory: 8 bytes a row for the keys and 8 for the lines of the whole table, a few times that while
    sorting (the same bound as the duplicates within one file)."""
    key_column = "tweetid" if table == "tweets" else "userid"
    keys, lines, part_of = [], [], []
    for i, e in enumerate(entries):
        pf = pq.ParquetFile(cache_dir / e["cache_file"])
        for batch in pf.iter_batches(batch_size=ROW_GROUP_ROWS, columns=[key_column, "source_line"]):
            if not batch.num_rows:
                continue
            keys.append(_dedupe_key(pa.Table.from_batches([batch]), key_column))
            lines.append(batch.column(1).to_numpy(zero_copy_only=False).astype(np.int64))
            part_of.append(np.full(batch.num_rows, i, dtype=np.int32))
    empty = [{"duplicates": 0, "basis": basis} for _ in entries]
    if not keys:
        return empty
    key_arr, line_arr, part_arr = np.concatenate(keys), np.concatenate(lines), np.concatenate(part_of)
    order = np.argsort(key_arr, kind="stable")  # stable: parts in order, and lines within a part
    sorted_keys = key_arr[order]
    new_group = np.empty(len(order), dtype=bool)
    new_group[0] = True
    np.not_equal(sorted_keys[1:], sorted_keys[:-1], out=new_group[1:])
    repeats = np.flatnonzero(~new_group)
    if not len(repeats):
        return empty
    starts = np.flatnonzero(new_group)
    drop = order[repeats]
    kept = order[starts[np.searchsorted(starts, repeats, side="right") - 1]]
    token = uuid.uuid4().hex[:12]
    out_dir = cache_dir / op
    out_dir.mkdir(parents=True, exist_ok=True)
    lines_path = out_dir / f"{table}-across-{token}.parquet"
    quarantine_path = out_dir / f"{table}-across-{token}.quarantine.csv"
    part_files = [e["cache_file"] for e in entries]  # names a part whatever op_names calls it
    dropped = pa.table({"cache_file": pa.array([part_files[i] for i in part_arr[drop]], pa.string()),
                        "source_line": pa.array(line_arr[drop], pa.int64())})
    try:
        _write_across_quarantine(cache_dir, entries, key_column, part_arr, line_arr, drop, kept,
                                 quarantine_path)
        pq.write_table(dropped.sort_by([("cache_file", "ascending"), ("source_line", "ascending")]),
                       lines_path, compression="zstd")
    except BaseException:
        lines_path.unlink(missing_ok=True)
        quarantine_path.unlink(missing_ok=True)
        raise
    counts = np.bincount(part_arr[drop], minlength=len(entries))
    rel_lines, rel_q = str(lines_path.relative_to(cache_dir)), str(quarantine_path.relative_to(cache_dir))
    return [{"duplicates": int(n), "basis": basis, "lines_file": rel_lines, "quarantine_file": rel_q}
            for n in counts]


def _write_across_quarantine(cache_dir: Path, entries: list[dict], key_column: str, part_arr: np.ndarray,
                             line_arr: np.ndarray, drop: np.ndarray, kept: np.ndarray, path: Path) -> None:
    """The rows set aside, with the file and line of the row kept, in the quarantine's columns."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = SafeCsvWriter(f)
        w.writerow(QUARANTINE_COLUMNS)
        for i, e in enumerate(entries):
            mine = np.flatnonzero(part_arr[drop] == i)
            if not len(mine):
                continue
            kept_at = {int(line_arr[d]): (int(part_arr[k]), int(line_arr[k]))
                       for d, k in zip(drop[mine], kept[mine])}
            rows = pq.read_table(cache_dir / e["cache_file"],
                                 filters=[("source_line", "in", sorted(kept_at))]).sort_by("source_line")
            for row in rows.to_pylist():
                part, line = kept_at[row["source_line"]]
                reason = (f"duplicate {key_column} {row[key_column]}: already in "
                          f"{entries[part]['source']['name']} line {line} (an earlier part), which is kept")
                w.writerow([e["source"]["name"], row["source_line"], key_column, reason,
                            json.dumps(row, default=str, ensure_ascii=False)])


def _manifest_header(release: rel.Release, cache_dir: Path, files: dict, old: dict) -> dict:
    return {
        "ingest_version": INGEST_VERSION,
        "release_dir": str(release.folder.resolve()),
        "cache_dir": str(cache_dir),
        "synthetic": release.synthetic,
        "sample": release.marker,
        "ops": release.ops,
        "ignored_files": release.ignored,
        "library_versions": library_versions(),
        "created": old.get("created") or dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "updated": old.get("updated"),
        "files": files,
    }


def _remove_unreferenced(cache_dir: Path, files: dict) -> None:
    """Deletes Parquet and quarantine files the manifest no longer points at (earlier or killed runs)."""
    keep = {cache_dir / e[k] for e in files.values() for k in ("cache_file", "quarantine_file", "damaged_file")
            if k in e}
    keep |= {cache_dir / e[ACROSS][k] for e in files.values() if e.get(ACROSS)
             for k in ("lines_file", "quarantine_file") if e[ACROSS].get(k)}
    for p in cache_dir.glob("*/*"):
        if p.is_file() and p not in keep:
            p.unlink(missing_ok=True)
    for p in cache_dir.glob(f".{MANIFEST}.*.partial"):  # a run killed while replacing the manifest
        p.unlink(missing_ok=True)
    for d in cache_dir.iterdir():
        if d.is_dir() and not any(d.iterdir()):
            d.rmdir()
