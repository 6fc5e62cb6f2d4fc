"""The exact path: a file read line by line in Python when the fast reader declines it.

In: a byte stream after its header. Out: the same (raw string batch, line numbers) pairs as `fast`, plus
every row that cannot be a row (wrong field count, invalid UTF-8, a NUL byte, an unterminated quote, an
oversized record) as a `_RawProblem` with its line number, column and reason; reading goes on after it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from helpers.data import schema
from helpers.data.ingest import limits


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
        chunk = stream.readline(limits.MAX_RECORD_BYTES + 1)
        if not chunk:
            return None
        counter += 1
        if len(chunk) > limits.MAX_RECORD_BYTES and not chunk.endswith(b"\n"):
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
                                           f"{limits.MAX_RECORD_BYTES >> 20} MiB limit", "")
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
        elif size > limits.MAX_RECORD_BYTES:
            yield give_up(pending, f"still open after {limits.MAX_RECORD_BYTES >> 20} MiB")
            pending, size, quotes = [], 0, 0


def _preview(data: bytes, limit: int = 2000) -> str:
    text = data.decode("utf-8", errors="backslashreplace")
    return text if len(text) <= limit else text[:limit] + f"... [{len(text) - limit} more characters]"


def _parse_one(text: str, strict: bool) -> list[list[str]]:
    # The csv module refuses fields over 128 KiB by default; ours are checked against MAX_FIELD_BYTES.
    if csv.field_size_limit() <= limits.MAX_RECORD_BYTES:
        csv.field_size_limit(limits.MAX_RECORD_BYTES + 1)
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
    big = [i for i, v in enumerate(row) if len(v) > limits.MAX_FIELD_BYTES // 4
           and len(v.encode("utf-8")) > limits.MAX_FIELD_BYTES]
    if not big:
        return start, row
    sizes = {i: f"field of {len(row[i].encode('utf-8')) / 2**20:.1f} MiB, longer than the "
                f"{limits.MAX_FIELD_BYTES >> 20} MiB limit" for i in big}
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
        if len(rows) >= limits.EXACT_BATCH_ROWS:
            yield flush()
            rows, lines = [], []
    if rows:
        yield flush()
