"""The cache of one release: which files to (re)ingest, the manifest, the lock, ids across parts.

In: a release folder. Out: `cache/<release>/manifest.json` naming, per source file, its Parquet file,
quarantine and damaged-fields list with their row counts (rows_read = rows_cached + rows_quarantined).
The manifest is replaced atomically after each file; a lock keeps two runs from writing the same cache;
ids repeated across the parts of one table are settled after every part is cached.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import platform
import re
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from helpers import __version__, paths
from helpers.data import release as rel
from helpers.data.ingest import limits
from helpers.data.ingest.outputs import _dedupe_key, _repeated_positions
from helpers.data.ingest.pause import _PAUSE, _pause_point
from helpers.data.ingest.writing import cache_write_error, ingest_file
from helpers.data.safecsv import SafeCsvWriter
from helpers.errors import CacheBusyError, ProjectError
from helpers.files import process_alive
from helpers.paths import CACHE_DIR

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
                if process_alive(int(text.split()[1])):   # else a holder killed before it could clean up
                    return text
            except (OSError, ValueError, IndexError, OverflowError):
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
        manifest = json.loads((cache_dir / limits.MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        return None
    return manifest if manifest.get("ingest_version") == limits.INGEST_VERSION else None


def write_manifest(cache_dir: Path, manifest: dict) -> None:
    """Atomic: readers see the old manifest or the new one, never a mix."""
    tmp = cache_dir / f".{limits.MANIFEST}.{os.getpid()}.partial"
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    if _PAUSE:
        _pause_point("manifest_replace")
    os.replace(tmp, cache_dir / limits.MANIFEST)


def _still_valid(entry: dict, src: rel.SourceFile, cache_dir: Path) -> bool:
    """A cached file serves again only if its source is unchanged and its Parquet file is intact."""
    st = src.path.stat()
    s = entry.get("source", {})
    cached = cache_dir / entry.get("cache_file", "-")
    return (entry.get("ingest_version") == limits.INGEST_VERSION and entry.get("table") == src.table
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
        reused: list[dict] = [p for p in previous if p]
        if len(reused) == len(previous) and all(p.get("basis") == basis and _across_files_present(cache_dir, p)
                                                for p in reused):
            for k, p in zip(keys, reused):
                files[k] = _with_across(files[k], p)
            continue
        for k, across in zip(keys, _duplicates_across(cache_dir, op, table, [files[k] for k in keys], basis)):
            files[k] = _with_across(files[k], across)
            if across["duplicates"]:  # the quarantine shown relative to the cache folder, as the others are
                shown = paths.shown(cache_dir / across["quarantine_file"], cache_dir)
                log(f"  {files[k]['source']['name']}: {across['duplicates']:,} rows repeat an id of an "
                    f"earlier part (quarantined: {shown} in the cache folder {paths.shown(cache_dir)})")


def _across_files_present(cache_dir: Path, across: dict) -> bool:
    return all((cache_dir / across[k]).is_file() for k in ("lines_file", "quarantine_file") if across.get(k))


def _duplicates_across(cache_dir: Path, op: str, table: str, entries: list[dict], basis: list[str]
                       ) -> list[dict]:
    """The duplicates-across-parts layer of each part (in the order given, the natural part order).

    Memory: 8 bytes a row for the keys of the whole table and 8 for a sorted copy, then only the rows whose
    key repeats (few) are looked at: positions, parts and lines of those alone. (Keeping every row's line,
    part and sort order took about 0.5 GB for the 8.7 million tweets of Turkey's twelve yearly files at
    50 million archive tweets, the ingest's peak.)"""
    key_column = "tweetid" if table == "tweets" else "userid"
    files = [pq.ParquetFile(cache_dir / e["cache_file"]) for e in entries]
    starts = np.concatenate([[0], np.cumsum([f.metadata.num_rows for f in files])]).astype(np.int64)
    key_arr = np.empty(int(starts[-1]), dtype=np.uint64)
    at = 0
    for pf in files:
        for batch in pf.iter_batches(batch_size=limits.ROW_GROUP_ROWS, columns=[key_column]):
            key_arr[at:at + batch.num_rows] = _dedupe_key(pa.Table.from_batches([batch]), key_column)
            at += batch.num_rows
    empty = [{"duplicates": 0, "basis": basis} for _ in entries]
    drop, kept = _repeated_positions(key_arr)
    del key_arr
    if not len(drop):
        return empty
    part, line = _part_and_line(files, starts, np.concatenate([drop, kept]))   # each part's lines read once
    drop_part, kept_part = part[:len(drop)], part[len(drop):]
    drop_line, kept_line = line[:len(drop)], line[len(drop):]
    token = uuid.uuid4().hex[:12]
    out_dir = cache_dir / op
    out_dir.mkdir(parents=True, exist_ok=True)
    lines_path = out_dir / f"{table}-across-{token}.parquet"
    quarantine_path = out_dir / f"{table}-across-{token}.quarantine.csv"
    part_files = [e["cache_file"] for e in entries]  # names a part whatever op_names calls it
    dropped = pa.table({"cache_file": pa.array([part_files[i] for i in drop_part], pa.string()),
                        "source_line": pa.array(drop_line, pa.int64())})
    try:
        _write_across_quarantine(cache_dir, entries, key_column, (drop_part, drop_line), (kept_part, kept_line),
                                 quarantine_path)
        pq.write_table(dropped.sort_by([("cache_file", "ascending"), ("source_line", "ascending")]),
                       lines_path, compression="zstd")
    except BaseException as exc:
        lines_path.unlink(missing_ok=True)
        quarantine_path.unlink(missing_ok=True)
        error = cache_write_error(exc, entries[-1]["source"]["path"], cache_dir,
                                  f"setting aside the ids repeated across the parts of {op}/{table}"
                                  ) if isinstance(exc, OSError) else None
        if error is not None:  # a full disk says so, as while reading a file
            raise error from exc
        raise
    counts = np.bincount(drop_part, minlength=len(entries))
    rel_lines, rel_q = str(lines_path.relative_to(cache_dir)), str(quarantine_path.relative_to(cache_dir))
    return [{"duplicates": int(n), "basis": basis, "lines_file": rel_lines, "quarantine_file": rel_q}
            for n in counts]


def _part_and_line(files: list, starts: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(part, source line) of rows given by their position in the parts read one after the other."""
    part = np.searchsorted(starts, positions, side="right") - 1
    line = np.empty(len(positions), dtype=np.int64)
    for i in np.unique(part):
        mine = part == i
        lines = files[i].read(columns=["source_line"]).column(0).to_numpy(zero_copy_only=False)
        line[mine] = lines[positions[mine] - starts[i]]
    return part, line


def _write_across_quarantine(cache_dir: Path, entries: list[dict], key_column: str, dropped: tuple,
                             kept: tuple, path: Path) -> None:
    """The rows set aside ((part, line) of each), with the file and line of the row kept, in the
    quarantine's columns."""
    drop_part, drop_line = dropped
    kept_part, kept_line = kept
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = SafeCsvWriter(f)
        w.writerow(limits.QUARANTINE_COLUMNS)
        for i, e in enumerate(entries):
            mine = np.flatnonzero(drop_part == i)
            if not len(mine):
                continue
            kept_at = {int(drop_line[m]): (int(kept_part[m]), int(kept_line[m])) for m in mine}
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
        "ingest_version": limits.INGEST_VERSION,
        "release_dir": str(release.folder.resolve()),
        "cache_dir": str(cache_dir),
        "synthetic": release.synthetic,
        "sample": release.marker,
        "ops": release.ops,
        "ignored_files": release.ignored,
        "library_versions": library_versions(),
        "created": old.get("created") or dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
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
    for p in cache_dir.glob(f".{limits.MANIFEST}.*.partial"):  # a run killed while replacing the manifest
        p.unlink(missing_ok=True)
    for d in cache_dir.iterdir():
        if d.is_dir() and not any(d.iterdir()):
            d.rmdir()
