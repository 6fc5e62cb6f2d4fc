"""Ingest: a release folder -> one typed Parquet file per operation and table, a quarantine, a manifest.

Two parsers read the same files and feed the same typing (`helpers.fields`):
- the fast parser, pyarrow's multithreaded streaming CSV reader, for well-formed files (all real ones);
- the exact parser, line by line in Python, used for a file as soon as the fast one meets anything
  unusual (a wrong field count, invalid UTF-8, a NUL byte, an unbalanced quote, an oversized field, a
  blank line). It reports every such row with its line number and reason and goes on.
Either way every data row is either cached or quarantined, and the manifest says how many of each:
rows_read = rows_cached + rows_quarantined.

The cache is valid only through its manifest, which is replaced atomically after each file and points
at uniquely named Parquet files: killing an ingest at any moment leaves the previous valid cache (or
none), never a half-written one taken as valid. A lock keeps two runs from writing the same cache.
"""

from __future__ import annotations

import csv
import datetime as dt
import fcntl
import hashlib
import io
import json
import os
import platform
import re
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
from tqdm import tqdm

from helpers import __version__, fields, release as rel, schema
from helpers.errors import CacheBusyError, ReleaseError
from helpers.exports import SafeCsvWriter
from helpers.paths import CACHE_DIR

# Bump when parsing or the cache layout changes: older caches are then rebuilt, never misread.
INGEST_VERSION = 1
MANIFEST = "manifest.json"
BLOCK_BYTES = 16 << 20          # pyarrow block: every row must fit in one
MAX_FIELD_BYTES = 1 << 20       # a field longer than 1 MiB is not a tweet: the row is quarantined
MAX_RECORD_BYTES = 4 << 20      # an open quote not closed within 4 MiB is unbalanced
ROW_GROUP_ROWS = 250_000
EXACT_BATCH_ROWS = 50_000
QUARANTINE_COLUMNS = ("source_file", "line", "column", "reason", "record")
OVERSIZED = b"\x00OVERSIZED:"  # marks a line too long to hold in memory (never real data)


class _NeedExact(Exception):
    """The fast parser met something it cannot report row by row: use the exact parser."""


# --------------------------------------------------------------------------------------------- header

def read_header(stream: io.BufferedReader, source: rel.SourceFile) -> list[str]:
    """The header row, checked: names known, none duplicated, none required missing, right table."""
    line = stream.readline(MAX_RECORD_BYTES)
    name = str(source.path) + (f" (member {source.member})" if source.member else "")
    if not line.strip():
        raise ReleaseError("the file is empty (no header row)", file=name,
                           hint="download the file again; a complete file starts with a header row")
    text = line.decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\r\n")
    header = [h.strip() for h in next(csv.reader([text]))]
    if len(header) == 1:
        for sep, label in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
            if sep in header[0]:
                raise ReleaseError(
                    f"the header is separated by {label}, not commas", file=name, line=1,
                    hint="use the file as Twitter published it (comma-separated), or re-export it "
                         "with commas")
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        raise ReleaseError(f"duplicated columns in the header: {', '.join(dupes)}", file=name, line=1,
                           hint="each column must appear once; re-export the file")
    expected = schema.ALL_COLUMNS[source.table]
    other = "users" if source.table == "tweets" else "tweets"
    present = set(header)
    if set(schema.ALL_COLUMNS[other]) <= present and not set(expected) <= present:
        raise ReleaseError(
            f"this is a {other} file, but its name says {source.table}", file=name, line=1,
            hint=f"rename it to {source.op}_{other}_csv_hashed.csv (or fix the swapped file names)")
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
        pcsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
        pcsv.ConvertOptions(column_types={c: pa.string() for c in header}, strings_can_be_null=False,
                            quoted_strings_can_be_null=False),
    )


def fast_batches(stream: io.BufferedReader, header: list[str]) -> Iterator[tuple[pa.Table, np.ndarray]]:
    """pyarrow's streaming reader; yields (string batch, physical start line of each row)."""
    reader = pcsv.open_csv(stream, *_csv_options(header))
    next_line = 2
    for batch in reader:
        if batch.num_rows == 0:
            continue
        extra_lines = np.zeros(batch.num_rows, dtype=np.int64)
        for col in batch.columns:
            if pc.max(pc.binary_length(col)).as_py() > MAX_FIELD_BYTES:
                raise _NeedExact("a field longer than the limit")
            extra_lines += pc.count_substring(col, "\n").to_numpy(zero_copy_only=False)
        steps = 1 + extra_lines
        starts = next_line + np.concatenate(([0], np.cumsum(steps)[:-1]))
        next_line = int(starts[-1] + steps[-1])
        yield pa.Table.from_batches([batch]), starts


@dataclass
class _RawProblem:
    line: int
    reason: str
    record: str
    column: str = ""


def exact_records(stream: io.BufferedReader, ncols: int, header: list[str]
                  ) -> Iterator[tuple[int, list[str]] | _RawProblem]:
    """Line-by-line CSV reading that can report any broken row exactly and carry on.

    A record is complete when its quotes balance. A quote still open after MAX_RECORD_BYTES (or at the
    end of the file) is reported on the line where it opened, and reading resumes on the next line.
    """
    counter = 1  # the header was line 1
    replay: list[tuple[int, bytes]] = []

    def read_line() -> tuple[int, bytes] | None:
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
            return counter, OVERSIZED + str(size).encode()
        return counter, chunk

    pending: list[tuple[int, bytes]] = []
    size = quotes = 0
    while True:
        item = read_line()
        if item is None:  # end of file: an open record there is unbalanced
            if not pending:
                return
        elif item[1].startswith(OVERSIZED):
            yield _RawProblem(item[0], f"line of {int(item[1][len(OVERSIZED):]) / 2**20:.1f} MiB, longer "
                                       f"than the {MAX_RECORD_BYTES >> 20} MiB limit", "")
            if not pending:
                continue
        else:
            pending.append(item)
            size += len(item[1])
            quotes += item[1].count(b'"')
            if quotes % 2 == 0:
                yield from _finish_record(pending[0][0], b"".join(b for _, b in pending), ncols, header)
                pending, size, quotes = [], 0, 0
                continue
            if size <= MAX_RECORD_BYTES:
                continue
        # Unbalanced quote: report the line where it opened, read the lines after it again.
        yield _RawProblem(pending[0][0], "unbalanced quote: a quoted field opened on this line is never "
                                         "closed (reading resumes on the next line)", _preview(pending[0][1]))
        replay.extend(reversed(pending[1:]))
        pending, size, quotes = [], 0, 0


def _preview(data: bytes, limit: int = 2000) -> str:
    text = data.decode("utf-8", errors="backslashreplace")
    return text if len(text) <= limit else text[:limit] + f"... [{len(text) - limit} more characters]"


def _finish_record(start: int, data: bytes, ncols: int, header: list[str]):
    if not data.strip(b"\r\n"):
        return  # a blank line is not a row; counted through the physical line total
    if b"\x00" in data:
        col = _column_of(data, b"\x00", header)
        yield _RawProblem(start, "NUL byte in the row (a damaged or binary file?)", _preview(data), col)
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        col = _column_of(data, data[exc.start:exc.start + 1], header)
        yield _RawProblem(start, f"invalid UTF-8 at byte {exc.start} of the row (the file is not UTF-8 "
                                 "or is damaged)", _preview(data), col)
        return
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=False))
    if len(rows) != 1:
        yield _RawProblem(start, "malformed quoting (a quote inside an unquoted field)", _preview(data))
        return
    row = rows[0]
    if len(row) != ncols:
        yield _RawProblem(start, f"expected {ncols} fields, found {len(row)}"
                          + (" (truncated file?)" if len(row) < ncols else ""), _preview(data))
        return
    big = next((i for i, v in enumerate(row) if len(v) > MAX_FIELD_BYTES), None)
    if big is not None:
        yield _RawProblem(start, f"field of {len(row[big]) / 2**20:.1f} MiB, longer than the "
                                 f"{MAX_FIELD_BYTES >> 20} MiB limit", _preview(data), header[big])
        return
    yield start, row


def _column_of(data: bytes, needle: bytes, header: list[str]) -> str:
    """Best-effort name of the column holding a bad byte (fields split naively at quote-comma-quote)."""
    pos = data.find(needle)
    idx = data[:pos].count(b'","') if data.startswith(b'"') else data[:pos].count(b",")
    return header[idx] if 0 <= idx < len(header) else ""


def exact_batches(records, header: list[str], problems: list[_RawProblem]
                  ) -> Iterator[tuple[pa.Table, np.ndarray]]:
    """Groups exact records into string batches; broken rows go to `problems`."""
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
    keys: list[np.ndarray] = field(default_factory=list)
    lines: list[np.ndarray] = field(default_factory=list)


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
        key = re.sub(r":\s.*$", "", reason)
        result.reasons[key] = result.reasons.get(key, 0) + 1

    def close(self) -> None:
        self._f.close()


def _dedupe_key(table: pa.Table, name: str) -> np.ndarray:
    """A compact key for duplicate detection: tweet ids as uint64 (lossless), others hashed."""
    col = table.column(name)
    if name == "tweetid":
        try:
            return pc.cast(col, pa.uint64()).to_numpy()
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    return np.array([int.from_bytes(hashlib.blake2b(v.encode(), digest_size=8).digest(), "little")
                     for v in col.to_pylist()], dtype=np.uint64)


def _write_file(src: rel.SourceFile, cache_dir: Path, parser: str, progress: bool) -> dict:
    """Parse one source with one parser into a partial Parquet file and quarantine; returns stats."""
    key_column = "tweetid" if src.table == "tweets" else "userid"
    token = uuid.uuid4().hex[:12]
    out_dir = cache_dir / src.op
    out_dir.mkdir(parents=True, exist_ok=True)
    parquet_path = out_dir / f"{src.table}-{token}.parquet"
    partial = parquet_path.with_name(parquet_path.name + ".partial")
    quarantine_path = out_dir / f"{src.table}-{token}.quarantine.csv"
    total = src.path.stat().st_size if src.compression != "zip" else None
    bar = tqdm(total=total, unit="B", unit_scale=True, desc=f"{src.name} ({parser})", disable=not progress,
               file=sys.stderr, mininterval=2, leave=False)
    stream = rel.SourceStream(src, on_progress=bar.update)
    buffered = io.BufferedReader(stream, buffer_size=1 << 20)
    result = _FileResult()
    quarantine_partial = quarantine_path.with_name(quarantine_path.name + ".partial")
    quarantine = _Quarantine(quarantine_partial, src.name)
    writer = None
    pending: list[pa.Table] = []
    pending_rows = 0
    rows_read = 0
    started = time.time()
    try:
        header = read_header(buffered, src)
        extras = tuple(h for h in header if h not in schema.ALL_COLUMNS[src.table])
        target = schema.cache_schema(src.table, extras)
        writer = pq.ParquetWriter(partial, target, compression="zstd")
        problems: list[_RawProblem] = []
        if parser == "fast":
            batches = fast_batches(buffered, header)
        else:
            batches = exact_batches(exact_records(buffered, len(header), header), header, problems)

        def flush():
            nonlocal pending, pending_rows
            if pending:
                writer.write_table(pa.concat_tables(pending), row_group_size=ROW_GROUP_ROWS)
            pending, pending_rows = [], 0

        for raw, lines in batches:
            for p in problems:
                quarantine.add(p.line, p.column, p.reason, p.record, result)
            rows_read += raw.num_rows + len(problems)
            problems.clear()
            typed = fields.type_batch(raw, src.table, lines)
            for row, column, reason in zip(typed.bad_rows, typed.bad_columns, typed.bad_reasons):
                record = json.dumps([raw.column(i)[int(row)].as_py() for i in range(raw.num_columns)],
                                    ensure_ascii=False)
                quarantine.add(int(lines[row]), column, reason, record, result)
            if typed.table.num_rows:
                result.keys.append(_dedupe_key(typed.table, key_column))
                result.lines.append(typed.table.column("source_line").to_numpy())
                pending.append(typed.table)
                pending_rows += typed.table.num_rows
                result.rows_cached += typed.table.num_rows
            if pending_rows >= ROW_GROUP_ROWS:
                flush()
        for p in problems:  # problems after the last good row
            quarantine.add(p.line, p.column, p.reason, p.record, result)
        rows_read += len(problems)
        flush()
        if parser == "fast" and (stream.has_nul or stream.quotes % 2):
            raise _NeedExact("NUL byte" if stream.has_nul else "unbalanced quotes")
        sha = stream.finish_hash()
        physical_lines = stream.newlines + (1 if stream.last_byte not in (b"\n", b"") else 0)
    finally:
        if writer is not None:
            writer.close()
        quarantine.close()
        buffered.close()
        bar.close()
    dupes = _quarantine_duplicates(partial, result, key_column, quarantine_partial, src.name)
    os.replace(partial, parquet_path)
    if rows_read != result.rows_cached + result.rows_quarantined:  # a bug, never a data problem
        raise AssertionError(f"{src.name}: row accounting broken: {rows_read} read, "
                             f"{result.rows_cached} cached, {result.rows_quarantined} quarantined")
    os.replace(quarantine_partial, quarantine_path)
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
        "seconds": round(time.time() - started, 3),
    }


def _quarantine_duplicates(path: Path, result: _FileResult, key_column: str, quarantine_path: Path,
                           source_name: str) -> int:
    """Keeps the first row of each id; later rows with the same id move to the quarantine."""
    if not result.keys:
        return 0
    keys = np.concatenate(result.keys)
    lines = np.concatenate(result.lines)
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    repeat = np.flatnonzero(sorted_keys[1:] == sorted_keys[:-1]) + 1
    if not len(repeat):
        return 0
    drop = np.zeros(len(keys), dtype=bool)
    drop[order[repeat]] = True
    first_line = {}
    for pos in order:  # first occurrence of every duplicated key, in file order thanks to stable sort
        k = keys[pos]
        if k not in first_line:
            first_line[k] = lines[pos]
    table = pq.read_table(path)
    with open(quarantine_path, "a", encoding="utf-8", newline="") as f:
        w = SafeCsvWriter(f)
        for pos in np.flatnonzero(drop):
            row = table.slice(int(pos), 1).to_pylist()[0]
            reason = f"duplicate {key_column} {row[key_column]}: the first occurrence (line " \
                     f"{first_line[keys[pos]]}) is kept"
            w.writerow([source_name, int(lines[pos]), key_column, reason, json.dumps(row, default=str,
                                                                                     ensure_ascii=False)])
    kept = table.filter(pa.array(~drop))
    pq.write_table(kept, path, compression="zstd", row_group_size=ROW_GROUP_ROWS)
    n = int(drop.sum())
    result.rows_cached -= n
    result.rows_quarantined += n
    result.reasons[f"duplicate {key_column}"] = n
    return n


def ingest_file(src: rel.SourceFile, cache_dir: Path, progress: bool = True) -> dict:
    """One source file into the cache; the fast parser first, the exact one if the file needs it."""
    try:
        stats = _write_file(src, cache_dir, "fast", progress)
    except (pa.ArrowInvalid, _NeedExact) as why:
        _remove_partials(cache_dir / src.op)
        stats = _write_file(src, cache_dir, "exact", progress)
        stats["fast_parser_declined"] = str(why).splitlines()[0][:200]
    st = src.path.stat()
    stats["source"] = {"path": str(src.path.resolve()), "member": src.member, "name": src.name,
                       "compression": src.compression, "size": st.st_size, "mtime_ns": st.st_mtime_ns,
                       "sha256": stats.pop("sha256"), "op_in_file_name": src.source_op}
    stats.update(op=src.op, table=src.table, ingest_version=INGEST_VERSION,
                 ingested_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    return stats


def _remove_partials(folder: Path) -> None:
    for p in folder.glob("*.partial"):
        p.unlink(missing_ok=True)


# --------------------------------------------------------------------------------- release and cache

def cache_dir_for(folder: Path, cache_root: Path | None = None) -> Path:
    """One cache folder per release folder: its name plus a hash of its absolute path."""
    folder = Path(folder).resolve()
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", folder.name).strip("-") or "release"
    return Path(cache_root or CACHE_DIR) / f"{slug}-{hashlib.sha1(str(folder).encode()).hexdigest()[:10]}"


class CacheLock:
    """An exclusive lock on a cache folder; the kernel frees it if the process dies."""

    def __init__(self, cache_dir: Path):
        self.path = cache_dir / ".lock"

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._f = open(self.path, "a+")
        try:
            fcntl.flock(self._f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._f.seek(0)
            holder = self._f.read().strip() or "another process"
            self._f.close()
            raise CacheBusyError(
                f"{self.path.parent}: the cache is being written by {holder}. Wait for that run to "
                "finish (or stop it), then start again.") from None
        self._f.truncate(0)
        self._f.write(f"pid {os.getpid()} since {dt.datetime.now().isoformat(timespec='seconds')}")
        self._f.flush()
        return self

    def __exit__(self, *exc):
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
    return manifest if manifest.get("ingest_version") == INGEST_VERSION else None


def write_manifest(cache_dir: Path, manifest: dict) -> None:
    """Atomic: readers see the old manifest or the new one, never a mix."""
    tmp = cache_dir / f".{MANIFEST}.{os.getpid()}.partial"
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                   encoding="utf-8")
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


def ingest_release(data_dir, cache_root: Path | None = None, rename: dict[str, str] | None = None,
                   progress: bool = True, force: bool = False, log=print) -> dict:
    """Bring the cache of a release up to date and return its manifest (reusing unchanged files)."""
    release = rel.discover(data_dir, rename)
    cache_dir = cache_dir_for(release.folder, cache_root)
    with CacheLock(cache_dir):
        old = read_manifest(cache_dir) or {}
        old_entries = list(old.get("files", {}).values())
        files = {}
        manifest = _manifest_header(release, cache_dir, files, old)
        for src in release.files:
            reuse = None if force else next((e for e in old_entries if _still_valid(e, src, cache_dir)), None)
            if reuse is not None:
                files[src.key] = dict(reuse, op=src.op)
                continue
            log(f"ingesting {src.name} -> {src.key}")
            files[src.key] = ingest_file(src, cache_dir, progress)
            e = files[src.key]
            log(f"  {e['rows_read']:,} rows read = {e['rows_cached']:,} cached + "
                f"{e['rows_quarantined']:,} quarantined ({e['parser']} parser, {e['seconds']:.1f} s)")
            manifest["updated"] = e["ingested_at"]
            write_manifest(cache_dir, manifest)  # commit each finished file
        write_manifest(cache_dir, manifest)
        _remove_unreferenced(cache_dir, files)
    return manifest


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
    keep = {cache_dir / e[k] for e in files.values() for k in ("cache_file", "quarantine_file")}
    for p in cache_dir.glob("*/*"):
        if p.is_file() and p not in keep:
            p.unlink(missing_ok=True)
    for d in cache_dir.iterdir():
        if d.is_dir() and not any(d.iterdir()):
            d.rmdir()
