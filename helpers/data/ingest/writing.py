"""One source file -> its Parquet file, quarantine and damaged-fields list, all or nothing.

`FileWrite` is the steps of one attempt: open (stream, header, writers), parse (batches typed by
`helpers.data.fields`, bad rows quarantined, damaged fields listed), verify (the fast path proves its line
count, or the exact path reads the file again), commit (duplicates settled, accounting checked, the three
files moved into place together through `helpers.files`). `ingest_file` tries the fast parser, then the
exact one, and refuses a file that changed while it was read.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import os
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from helpers import files
from helpers.data import fields, schema, sources
from helpers.data import release as rel
from helpers.data.ingest import limits
from helpers.data.ingest.exact import _RawProblem, exact_batches, exact_records
from helpers.data.ingest.fast import _LineCounter, fast_batches
from helpers.data.ingest.header import read_header
from helpers.data.ingest.limits import _NeedExact
from helpers.data.ingest.outputs import (
    _BackgroundWriter,
    _DamagedFields,
    _dedupe_key,
    _FileResult,
    _parquet_options,
    _Quarantine,
    _quarantine_duplicates,
)
from helpers.data.ingest.pause import _PAUSE, _pause_point
from helpers.errors import ReleaseError


def _write_file(src: rel.SourceFile, cache_dir: Path, parser: str, progress: bool) -> dict:
    """Parse one source with one parser into its Parquet file, quarantine and damaged-fields list; returns stats.

    The three files are written under temporary names and moved into place together (`files.replacing_together`):
    a failure at any step (or `_NeedExact` from the fast parser) leaves none of them behind."""
    write = FileWrite(src, cache_dir, parser)
    with files.replacing_together(write.quarantine_path, write.damaged_path, write.parquet_path) as partials:
        quarantine_partial, damaged_partial, partial = partials
        failed = True
        try:
            write.open(partial, quarantine_partial, damaged_partial, progress)
            write.parse()
            write.verify()
            failed = False
        finally:
            write.close(failed)
        write.commit(partial, quarantine_partial)
    if _PAUSE:
        _pause_point("file_renamed")
    return write.stats()


class FileWrite:
    """One attempt at caching one source file with one parser: `open`, `parse`, `verify`, `commit`, `stats`.

    An object because the steps share a dozen open resources (the decompressing stream, the progress bar, the
    Parquet writer and its thread, the quarantine and damaged-fields writers) that `close` must release in
    one place, in order, whether the attempt succeeded or not; each step is then short enough to read."""

    def __init__(self, src: rel.SourceFile, cache_dir: Path, parser: str):
        self.src, self.cache_dir, self.parser = src, cache_dir, parser
        self.key_column = "tweetid" if src.table == "tweets" else "userid"
        token = uuid.uuid4().hex[:12]
        out_dir = cache_dir / src.op
        out_dir.mkdir(parents=True, exist_ok=True)
        self.parquet_path = out_dir / f"{src.table}-{token}.parquet"
        self.quarantine_path = out_dir / f"{src.table}-{token}.quarantine.csv"
        self.damaged_path = out_dir / f"{src.table}-{token}.damaged.csv"
        self.result = _FileResult()
        self.parser_damage: list[tuple[int, str, str, str]] = []  # fields the exact parser emptied (over-long)
        self.problems: list[_RawProblem] = []
        self.counter = _LineCounter()
        self.stream: Any = None
        self.bar: Any = None
        self.buffered: Any = None
        self.quarantine: Any = None
        self.damaged: Any = None
        self.writer: Any = None
        self.background: Any = None
        self.batches: Any = None
        self.header: list[str] = []
        self.extras: tuple[str, ...] = ()
        self.pending: list[pa.Table] = []
        self.pending_rows = 0
        self.rows_read = 0
        self.physical_lines = 0
        self.sha = ""
        self.dupes = 0
        self.started = time.time()

    def open(self, partial: Path, quarantine_partial: Path, damaged_partial: Path, progress: bool) -> None:
        """The source stream (with a progress bar), its header, the Parquet writer and the parser's batches."""
        src = self.src
        total = src.path.stat().st_size if src.compression != "zip" else None
        self.stream = sources.SourceStream(src)
        self.bar = tqdm(total=total, unit="B", unit_scale=True, desc=f"{src.name} ({self.parser})",
                        disable=not progress, file=sys.stderr, mininterval=2, leave=False)
        self.stream.on_progress = self.bar.update
        self.buffered = io.BufferedReader(self.stream, buffer_size=1 << 20)
        self.quarantine = _Quarantine(quarantine_partial, src.name)
        self.damaged = _DamagedFields(damaged_partial, src.name)
        self.header = header = read_header(self.buffered, src)
        self.extras = tuple(h for h in header if h not in schema.ALL_COLUMNS[src.table])
        target = schema.cache_schema(src.table, self.extras)
        self.writer = pq.ParquetWriter(partial, target, **_parquet_options(target))
        self.background = _BackgroundWriter(self.writer, src.name, f"{self.parser}_row_group")
        if self.parser == "fast":
            self.batches = fast_batches(self.buffered, header, self.counter, self.stream)
        else:
            self.batches = exact_batches(exact_records(self.buffered, len(header), header), header, self.problems,
                                         self.parser_damage)

    def parse(self) -> None:
        """Every batch typed; bad rows to the quarantine, damaged fields listed, good rows to the writer."""
        for raw, lines in self.batches:
            self.rows_read += raw.num_rows
            typed = fields.type_batch(raw, self.src.table, lines)
            if len(typed.damaged_rows) or self.parser_damage:
                self._list_damage(typed, lines)
            self._quarantine_in_line_order(self._bad_rows(raw, typed, lines))
            if typed.table.num_rows:
                self.result.keys.append(_dedupe_key(typed.table, self.key_column))
                self.pending.append(typed.table)
                self.pending_rows += typed.table.num_rows
                self.result.rows_cached += typed.table.num_rows
            if self.pending_rows >= limits.ROW_GROUP_ROWS:
                self._flush()
        self._quarantine_in_line_order([])  # problems after the last good row
        self._flush(final=True)
        self.background.close()
        self.background = None
        self.writer.close()
        self.writer = None

    def _bad_rows(self, raw: pa.Table, typed: fields.Typed, lines: np.ndarray) -> list[tuple[int, str, str, str]]:
        """Quarantine entries (line, column, reason, the record as JSON) of the rows the typing refused."""
        entries: list[tuple[int, str, str, str]] = []
        if len(typed.bad_rows):
            bad = raw.take(pa.array(typed.bad_rows))
            bad_values = list(zip(*(c.to_pylist() for c in bad.columns)))
            for values, row, column, reason in zip(bad_values, typed.bad_rows, typed.bad_columns,
                                                   typed.bad_reasons):
                entries.append((int(lines[row]), column, reason,
                                json.dumps(dict(zip(self.header, values)), ensure_ascii=False)))
        return entries

    def _flush(self, final: bool = False) -> None:
        """Hands whole row groups to the writer (and, at the end, what is left)."""
        if not self.pending:
            return
        table = pa.concat_tables(self.pending)
        while table.num_rows >= limits.ROW_GROUP_ROWS or (final and table.num_rows):
            self.background.write(table.slice(0, limits.ROW_GROUP_ROWS))
            table = table.slice(limits.ROW_GROUP_ROWS)
        self.pending, self.pending_rows = ([table] if table.num_rows else []), table.num_rows

    def _quarantine_in_line_order(self, entries: list[tuple[int, str, str, str]]) -> None:
        """The typing's refused rows and the parser's problems, merged in line order."""
        entries += [(p.line, p.column, p.reason, p.record) for p in self.problems]
        self.rows_read += len(self.problems)
        self.problems.clear()
        for line, column, reason, record in sorted(entries, key=lambda e: e[0]):
            self.quarantine.add(line, column, reason, record, self.result)

    def _list_damage(self, typed: fields.Typed, lines: np.ndarray) -> None:
        """The batch's damaged fields (the parser's and the typing's) in line order; none of rows
        that are quarantined, and one entry per field."""
        quarantined = set(lines[typed.bad_rows].tolist())
        entries = [e for e in self.parser_damage if e[0] not in quarantined]
        self.parser_damage.clear()
        done = {(e[0], e[1]) for e in entries}
        entries += [e for e in zip(lines[typed.damaged_rows].tolist(), typed.damaged_columns,
                                   typed.damaged_values, typed.damaged_reasons) if (e[0], e[1]) not in done]
        for line, column, text, reason in sorted(entries, key=lambda e: e[0]):
            self.damaged.add(int(line), column, text, reason)

    def verify(self) -> None:
        """The file's line count; the fast parser also proves it saw every row (or `_NeedExact`)."""
        stream = self.stream
        self.physical_lines = stream.newlines + (1 if stream.last_byte not in (b"\n", b"") else 0)
        if self.parser == "fast":
            if stream.has_nul:
                raise _NeedExact("NUL byte")
            if stream.quotes % 2:
                raise _NeedExact("an odd number of quote characters (a quote left open swallows the "
                                 "rows after it)")
            if self.counter.last_line + stream.trailing_blank_lines() != self.physical_lines:
                raise _NeedExact(f"line count: rows end on line {self.counter.last_line}, the file has "
                                 f"{self.physical_lines} lines (blank lines or bare carriage returns?)")
        self.sha = stream.finish_hash()

    def close(self, failed: bool) -> None:
        """Releases everything `open` opened; after a failure, first stops the reading and writing threads."""
        if failed:
            if self.batches is not None:
                self.batches.close()  # stops the reading thread before the stream closes
            if self.background is not None:
                self.background.abort()
            if self.writer is not None:
                try:
                    self.writer.close()
                except Exception:  # noqa: BLE001 - the error being raised matters, not this one
                    pass
        for part in (self.quarantine, self.damaged, self.buffered, self.bar):
            if part is not None:
                part.close()

    def commit(self, partial: Path, quarantine_partial: Path) -> None:
        """Duplicate ids settled and the row accounting checked, before the files are moved into place."""
        src, result = self.src, self.result
        self.dupes = _quarantine_duplicates(partial, result, self.key_column, quarantine_partial, src.name)
        self.damaged.drop_lines(result.duplicate_lines)
        if self.rows_read != result.rows_cached + result.rows_quarantined:  # a bug, never a data problem
            raise AssertionError(f"{src.name}: row accounting broken: {self.rows_read} read, "
                                 f"{result.rows_cached} cached, {result.rows_quarantined} quarantined")
        if self.damaged.rows > result.rows_cached:
            raise AssertionError(f"{src.name}: {self.damaged.rows} rows with damaged fields, but only "
                                 f"{result.rows_cached} cached")

    def stats(self) -> dict:
        """The file's manifest entry (before `ingest_file` adds the source and its identity)."""
        src, result, damaged, cache_dir = self.src, self.result, self.damaged, self.cache_dir
        return {
            "parser": self.parser, "header": self.header, "extra_columns": list(self.extras),
            "missing_optional_columns": [c for c in schema.OPTIONAL_COLUMNS[src.table] if c not in self.header],
            "schema_variant": schema.variant_name(tuple(self.header)),
            "rows_read": self.rows_read, "rows_cached": result.rows_cached,
            "rows_quarantined": result.rows_quarantined, "quarantine_reasons": dict(sorted(result.reasons.items())),
            "duplicates_quarantined": self.dupes, "physical_lines": self.physical_lines,
            "sha256": self.sha, "decompressed_bytes": self.stream.bytes_out,
            "cache_file": str(self.parquet_path.relative_to(cache_dir)),
            "cache_bytes": self.parquet_path.stat().st_size,
            "quarantine_file": str(self.quarantine_path.relative_to(cache_dir)),
            "rows_with_damaged_fields": damaged.rows, "damaged_fields": dict(sorted(damaged.columns.items())),
            "damaged_reasons": {c: dict(sorted(k.items())) for c, k in sorted(damaged.reasons.items())},
            "damaged_file": str(self.damaged_path.relative_to(cache_dir)),
            "seconds": round(time.time() - self.started, 3),
        }


def _stat(src: rel.SourceFile) -> os.stat_result:
    try:
        return src.path.stat()
    except OSError as exc:
        raise ReleaseError(f"cannot read the file ({exc.strerror or exc})", file=str(src.path),
                           hint="check that the file is still there and readable") from exc


def cache_write_error(exc: OSError, file: str, cache_dir: Path, doing: str) -> ReleaseError | None:
    """The clear error for a cache that cannot be written (disk full, over quota, read-only, no permission),
    naming the file in hand and what to do; None for any other OSError (raised as it is)."""
    if exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES):
        return None
    return ReleaseError(f"cannot write the cache ({exc.strerror}) while {doing}", file=file,
                        hint=f"free space in (or make writable) {cache_dir}, or point cache_dir in the parameters "
                        "elsewhere")


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
        error = cache_write_error(exc, str(src.path), cache_dir, "reading this file")
        if error is not None:
            raise error from exc
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
    stats.update(op=src.op, table=src.table, ingest_version=limits.INGEST_VERSION,
                 ingested_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    return stats
