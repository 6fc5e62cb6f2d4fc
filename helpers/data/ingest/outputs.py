"""What one source file writes beside its Parquet file, and the duplicate check.

Row groups written by a background thread; the quarantine (rows not cached: file, line, column, reason,
record) and the damaged-fields list (fields nulled in kept rows); the first row of each id kept and later
ones moved to the quarantine, one row group at a time.
"""

from __future__ import annotations

import csv
import hashlib
import json
import queue
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from helpers import files
from helpers.data import fields
from helpers.data.ingest import limits
from helpers.data.ingest.exact import _preview
from helpers.data.ingest.pause import _PAUSE, _pause_point
from helpers.data.safecsv import SafeCsvWriter


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
                    self.writer.write_table(table, row_group_size=limits.ROW_GROUP_ROWS)
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
        self._w.writerow(limits.QUARANTINE_COLUMNS)

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
        self._w.writerow(limits.DAMAGED_COLUMNS)
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
        self.rows, self.columns, self.reasons, self._last_line = 0, {}, {}, -1
        with files.replacing(self.path) as rewritten, open(self.path, encoding="utf-8", newline="") as src, \
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


def _dedupe_key(table: pa.Table, name: str) -> np.ndarray:
    """A compact key for duplicate detection: canonical numeric ids (digits, no leading zero, at most 19
    digits: they fit uint64 and have one spelling) as themselves, any other text (hashes, ids with
    leading zeros) as a 64-bit hash of the text, a missing id as the empty text. The same text always gets
    the same key."""
    col = table.column(name)
    col = col.chunk(0) if col.num_chunks == 1 else col.combine_chunks()
    # Kleene logic: a missing id is not numeric (plain `and` would make it null, and then no key at all)
    numeric = pc.and_kleene(fields._digits(col, 19), pc.invert(pc.starts_with(col, "0")))
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


def _repeated_positions(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(drop, kept): the position of every row whose key an earlier row has, and of that earlier row (the
    first with the key): the duplicate check within one file and across the parts of a table. One sorted copy
    of the keys finds the repeated values; only their rows are then ordered."""
    if len(keys) < 2:
        return np.array([], np.int64), np.array([], np.int64)
    ordered = np.sort(keys)
    repeated = np.unique(ordered[1:][ordered[1:] == ordered[:-1]])
    del ordered
    if not len(repeated):
        return np.array([], np.int64), np.array([], np.int64)
    pos = np.flatnonzero(pc.is_in(pa.array(keys), value_set=pa.array(repeated)).to_numpy(zero_copy_only=False))
    k = keys[pos]
    order = np.argsort(k, kind="stable")                  # stable: parts and rows in file order
    pos, k = pos[order], k[order]
    first = np.empty(len(k), dtype=bool)
    first[0] = True
    np.not_equal(k[1:], k[:-1], out=first[1:])
    heads = np.flatnonzero(first)
    later = np.flatnonzero(~first)
    return pos[later], pos[heads[np.searchsorted(heads, later, side="right") - 1]]


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
    drop_pos, first_pos = _repeated_positions(keys)                     # rows to quarantine, the rows kept
    del keys
    if not len(drop_pos):
        return 0
    line_of = pq.read_table(path, columns=["source_line"]).column(0).to_numpy()
    kept_line = dict(zip(drop_pos.tolist(), line_of[first_pos].tolist()))
    drop = np.zeros(len(line_of), dtype=bool)
    drop[drop_pos] = True
    source = pq.ParquetFile(path)
    offset = 0
    with files.replacing(path) as rewritten, open(quarantine_path, "a", encoding="utf-8", newline="") as f, \
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
            out.write_table(group.filter(pa.array(~part)), row_group_size=limits.ROW_GROUP_ROWS)
            offset += group.num_rows
            if _PAUSE:
                _pause_point("dedup_row_group")
    n = len(drop_pos)
    result.duplicate_lines = set(line_of[drop_pos].tolist())
    result.rows_cached -= n
    result.rows_quarantined += n
    result.reasons[f"duplicate {key_column}"] = n
    return n
