"""The fast path: pyarrow's multithreaded streaming CSV reader, for well-formed files (all real ones).

In: a byte stream after its header. Out: (raw string batch, physical line numbers) pairs, decoded in a
background thread. Anything it cannot report row by row (a wrong field count, a NUL byte, a line break in a
column that never holds one, an oversized field) raises `_NeedExact`, and the file is read again by `exact`.
"""

from __future__ import annotations

import ctypes
import io
import queue
import threading
from collections.abc import Iterator
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pcsv

from helpers.data import schema, sources
from helpers.data.ingest import limits
from helpers.data.ingest.limits import _NeedExact

# ---------------------------------------------------------------------------------------- the parsers

def _csv_options(header: list[str]):
    return (
        pcsv.ReadOptions(column_names=header, block_size=limits.BLOCK_BYTES, use_threads=True),
        # Blank lines are skipped, as the exact parser does; the line count check at the end of the
        # file proves that none was skipped before a row (line numbers would be off otherwise).
        pcsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=True),
        pcsv.ConvertOptions(column_types={c: pa.string() for c in header}, strings_can_be_null=False,
                            quoted_strings_can_be_null=False),
    )


_memchr: Any  # the C library's memchr, or None where there is none
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
            if longest > limits.MAX_FIELD_BYTES:
                raise _NeedExact(f"a field of column {name!r} is longer than the "
                                 f"{limits.MAX_FIELD_BYTES >> 20} MiB limit")
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
                 source: sources.SourceStream | None = None) -> Iterator[tuple[pa.Table, np.ndarray]]:
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
    ahead: queue.Queue = queue.Queue(maxsize=limits.READ_AHEAD_BLOCKS)
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
            if group and (item is done or rows >= limits.TYPE_BATCH_ROWS):
                yield pa.Table.from_batches(group).combine_chunks(), np.concatenate(starts)
                group, starts, rows = [], [], 0
            if item is done:
                return
    finally:
        stop.set()
        worker.join()  # it stops after its current block: only then may the stream be closed
        reader.close()
