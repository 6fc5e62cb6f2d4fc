"""A release folder: which operations, tables and parts it holds (each file's bytes: `helpers.data.sources`).

Twitter's archive names its files in many ways (`docs/releases.md`): `ira_tweets_csv_hashed.csv`
(2018), `russian_linked_tweets_csv_hashed.csv` (a file stem that is not the dataset key), parts
(`_1..4`, `_part1..3`, `_01..13`), folders of parts, one file per year (`_2019`, Turkey's `_2016_01`),
browser-flattened bucket paths (`hashed_2020_04_egypt_022020_egypt_022020_tweets_csv_hashed`),
`hashed_2020_12_<key>_<key>_tweets.csv`, users files `2021_12_<key>_<key>_users.csv`, unhashed copies.
The operation name (`op`) is the catalog's dataset key (`helpers.data.catalog`) when the name is in the
catalog, else the lower-cased stem; `rename` (op_names) maps it to another name for the whole run.
Each file is one part of its operation's table (`part` label, '' for a whole-table file).
Files are never modified or extracted: archives are read as streams.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from helpers.data import catalog
from helpers.errors import ReleaseError
from helpers.paths import SAMPLE_MARKER

# <stem>_<table>[_csv_hashed|_csv_unhashed][_<part>].csv; the part is `1`, `01`, `part1`, a year `2019` or a
# half-year `2016_01`.
NAME_PATTERN = re.compile(
    r"^(?P<stem>.+?)_(?P<table>tweets|users)(?:_csv_(?:un)?hashed)?"
    r"(?:_(?P<part>part\d+|\d{4}_\d{2}|\d{1,4}))?\.csv$", re.I)
# Bucket-path prefixes that browsers and mirrors prepend: `hashed_2020_12_`, `unhashed_2020_03_`, `2021_12_`.
PREFIX = re.compile(r"^(?:(?:un)?hashed_(?:\d{4}_\d{2}_)?|\d{4}_\d{2}_)(?=.)", re.I)
MAX_DEPTH = 3  # sub-folders looked into below the release folder (folders of parts, flattened paths)
# An archive may expand at most this many times its size (CSV text compresses 4-10x; a bomb, 1000x).
MAX_EXPANSION = 100
MIN_BOMB_BYTES = 1 << 20    # ... once more than this much has come out (tiny archives are never refused)


@dataclass(frozen=True)
class ParsedName:
    """What a file name says: the operation (catalog key lower-cased, or the stem), table and part."""

    op: str
    table: str
    part: str
    stem: str  # the operation as the file names it, bucket prefix and doubling removed (lower case)


def _undoubled(stem: str) -> str:
    """`gru_202012_GRU_202012` -> `gru_202012`: the bucket path repeats the dataset key."""
    words = stem.split("_")
    half = len(words) // 2
    if len(words) % 2 == 0 and half and [w.lower() for w in words[:half]] == [w.lower() for w in words[half:]]:
        return "_".join(words[:half])
    return stem


def op_for_stem(stem: str) -> tuple[str, str]:
    """(op, stem as named) for a file-name stem: the catalog dataset's op when the stem (or the stem
    without its bucket prefix) is in the catalog (`russian_linked` -> `russia_201901_1`), else the
    lower-cased stem without its prefix."""
    bare = _undoubled(PREFIX.sub("", stem, count=1))
    d = catalog.lookup(bare) or catalog.lookup(stem)
    return (d.op if d is not None else bare.lower()), bare.lower()


def parse_file_name(name: str) -> ParsedName | None:
    """The operation, table and part a file name stands for (also .gz names); None when unrecognised."""
    base = PurePosixPath(name.replace("\\", "/")).name
    if base.lower().endswith(".gz"):
        base = base[:-3]
    m = NAME_PATTERN.match(base)
    if not m:
        return None
    op, stem = op_for_stem(m.group("stem"))
    return ParsedName(op, m.group("table").lower(), (m.group("part") or "").lower(), stem)


def parse_name(name: str) -> tuple[str, str] | None:
    """('ira', 'tweets') from 'ira_tweets_csv_hashed.csv'; None when unrecognised (see parse_file_name)."""
    parsed = parse_file_name(name)
    return (parsed.op, parsed.table) if parsed else None


def part_sort_key(part: str) -> tuple:
    """Natural order of part labels: '' (a whole file) first, then `_2` before `_10`, years in order."""
    return tuple((0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.split(r"(\d+)", part) if t)


@dataclass(frozen=True)
class SourceFile:
    """One part of an operation's tweets or users table: a path, and a member name when it sits in a zip."""

    op: str
    table: str
    path: Path
    member: str | None = None
    source_op: str = ""
    part: str = ""          # '' for a file holding the whole table; else `1`, `01`, `part1`, `2019`, ...
    relpath: str = ""       # the path below the release folder (sub-folders of parts), POSIX style

    @property
    def name(self) -> str:
        base = self.relpath or self.path.name
        return f"{base}:{self.member}" if self.member else base

    @property
    def compression(self) -> str:
        if self.member is not None:
            return "zip"
        return "gzip" if self.path.name.lower().endswith(".gz") else "none"

    @property
    def table_key(self) -> str:
        """`op/table`: all parts of one table share it."""
        return f"{self.op}/{self.table}"

    @property
    def key(self) -> str:
        """The part's identity (manifest key): `op/table` for a whole file, `op/table/part` for a part."""
        return f"{self.table_key}/{self.part}" if self.part else self.table_key


@dataclass
class Release:
    """The recognised files of a release folder, and its synthetic-sample marker if any."""

    folder: Path
    files: list[SourceFile]
    marker: dict | None = None
    ignored: list[str] = field(default_factory=list)

    @property
    def synthetic(self) -> bool:
        return bool(self.marker and self.marker.get("synthetic"))

    @property
    def ops(self) -> list[str]:
        return sorted({f.op for f in self.files})

    def get(self, op: str, table: str) -> SourceFile | None:
        """The first part of an operation's table (None when the release lacks it)."""
        return next((f for f in self.files if f.op == op and f.table == table), None)

    def parts(self, op: str, table: str) -> list[SourceFile]:
        """Every part of an operation's table, in natural order."""
        return [f for f in self.files if f.op == op and f.table == table]


def _unsafe_member(member: str) -> bool:
    """True for member names that would land outside the target folder if extracted."""
    norm = member.replace("\\", "/")
    return (norm.startswith("/") or ".." in PurePosixPath(norm).parts
            or re.match(r"^[A-Za-z]:", norm) is not None)


def _metadata_member(member: str) -> bool:
    """macOS resource forks (`__MACOSX/._x.csv`) and other hidden members are not data."""
    parts = PurePosixPath(member.replace("\\", "/")).parts
    return "__MACOSX" in parts or any(p.startswith(".") for p in parts)


def _zip_members(path: Path) -> list[tuple[str, ParsedName]]:
    """(member, parsed name) for each recognised CSV in a zip; refuses unsafe or explosive members.

    Nothing is ever extracted, but an archive whose member names try to escape the folder (`../x`,
    `/etc/x`, `C:\\x`) was not made by Twitter: it is refused as a whole, whichever member it is.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ReleaseError(f"not a readable zip archive ({exc})", file=str(path),
                           hint="download the archive again; a partial download cannot be read") from exc
    for info in infos:
        if _unsafe_member(info.filename):
            raise ReleaseError(f"the archive member {info.filename!r} points outside the archive folder",
                               file=str(path), hint="this archive was not made by Twitter; do not use it")
    csvs = [i for i in infos if not i.is_dir() and i.filename.lower().endswith((".csv", ".csv.gz"))
            and not _metadata_member(i.filename)]
    out = []
    for info in csvs:
        member = info.filename
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_EXPANSION * max(info.compress_size, 1) and info.file_size > MIN_BOMB_BYTES:
            raise ReleaseError(
                f"the member {member!r} expands {ratio:.0f}x (limit {MAX_EXPANSION}x): refused as a "
                "possible compression bomb", file=str(path),
                hint="use the release as Twitter published it")
        parsed = parse_file_name(member)
        if parsed is None and len(csvs) == 1:  # e.g. ira_tweets_csv_hashed.zip holding data.csv
            stem = re.sub(r"(\.csv)?\.zip$", "", path.name, flags=re.I)
            parsed = parse_file_name(stem + ".csv")
        if parsed:
            out.append((member, parsed))
    return out


def read_marker(folder: Path) -> dict | None:
    """The synthetic-sample marker of a release folder, if present."""
    path = folder / SAMPLE_MARKER
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        raise ReleaseError(f"unreadable sample marker ({exc})", file=str(path),
                           hint="regenerate the sample with `make sample`") from exc


def _walk(folder: Path) -> list[tuple[Path, str]]:
    """(path, path below `folder` in POSIX style) of every visible file, looking at most MAX_DEPTH
    sub-folders deep (folders of parts, browser-flattened bucket paths); hidden and macOS metadata
    folders are skipped. Sorted, so discovery does not depend on the file system's order."""
    out: list[tuple[Path, str]] = []

    def visit(d: Path, prefix: str, depth: int) -> None:
        try:
            children = sorted(d.iterdir())
        except OSError as exc:
            raise ReleaseError(f"cannot list the release folder ({exc.strerror or exc})", file=str(d),
                               hint="check that you may read it") from exc
        for path in children:
            if path.name.startswith(".") or path.name == "__MACOSX":
                continue
            if path.is_dir():
                if depth < MAX_DEPTH:
                    visit(path, f"{prefix}{path.name}/", depth + 1)
            elif path.is_file():
                out.append((path, prefix + path.name))

    visit(folder, "", 0)
    return out


def _parts_of(path: Path) -> Sequence[tuple[str | None, ParsedName]]:
    """(zip member or None, parsed name) of each part a file holds (none: not a release file)."""
    if path.name.lower().endswith(".zip"):
        return _zip_members(path)
    parsed = parse_file_name(path.name)
    return [(None, parsed)] if parsed else []


def discover(folder: str | os.PathLike, rename: dict[str, str] | None = None) -> Release:
    """Find every part of every operation's tweets and users tables in a release folder and its
    sub-folders (at most MAX_DEPTH deep). Two copies of one part (`x.csv` beside `x.csv.gz` or a zip
    holding `x.csv`) are refused: which one to read is the user's choice, not ours."""
    folder = Path(folder)
    if not folder.exists():
        raise ReleaseError("the release folder does not exist", file=str(folder),
                           hint="check DATA_DIR (or data_dir in the parameters file)")
    if not folder.is_dir():
        raise ReleaseError("expected a folder holding the release files, got a file", file=str(folder),
                           hint="set DATA_DIR to the folder that contains the file")
    rename = {k.lower(): v for k, v in (rename or {}).items()}
    found: list[SourceFile] = []
    ignored: list[str] = []
    for path, relpath in _walk(folder):
        entries = _parts_of(path)
        if not entries and relpath != SAMPLE_MARKER:
            ignored.append(relpath)
        for member, parsed in entries:
            op = rename.get(parsed.op, rename.get(parsed.stem, parsed.op))
            found.append(SourceFile(op, parsed.table, path, member, source_op=parsed.stem, part=parsed.part,
                                    relpath=relpath))
    seen: dict[str, SourceFile] = {}
    for f in found:
        if f.key in seen:
            which = f"part {f.part} of the {f.table}" if f.part else f"the {f.table}"
            raise ReleaseError(
                f"two files hold {which} of operation '{f.op}': {seen[f.key].name} and {f.name}",
                file=str(folder), hint="keep one copy in the folder (for example remove the .zip "
                                       "once extracted), or rename one operation with op_names")
        seen[f.key] = f
    if not found:
        raise ReleaseError(
            "no release files found: expected names like ira_tweets_csv_hashed.csv "
            "(plain, .csv.gz or inside a .zip)" + (f"; found {', '.join(ignored[:5])}" if ignored else ""),
            file=str(folder), hint="point DATA_DIR at the folder holding the unzipped or zipped files")
    found.sort(key=lambda f: (f.op, f.table, part_sort_key(f.part)))
    return Release(folder, found, read_marker(folder), ignored)
