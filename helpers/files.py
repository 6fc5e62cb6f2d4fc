"""Writing a file so that a reader never sees half of it: one definition, used by every writer of outputs.

A file is written under a hidden temporary name beside its final one and moved into place in one step
(`os.replace`), so a run stopped midway leaves the previous file or the new one, never a torn one, and
a glob for `*.png` or `*.json` never picks up a file being written.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: str | os.PathLike) -> Iterator[Path]:
    """Yield the temporary path to write; on success it replaces `path` (its folder is created first).

    On an error the temporary file is removed and `path` is left as it was."""
    with replacing_together(path) as (tmp,):
        yield tmp


@contextmanager
def replacing_together(*paths: str | os.PathLike) -> Iterator[list[Path]]:
    """Yield temporary paths for files published together (the ingest's Parquet file, quarantine and
    damaged-fields list); on success each replaces its path, in the order given (put last the file that
    readers look for first).

    All or none: on an error, before or while they are moved, every temporary file and every file already
    moved is removed, so a reader never finds one without the others."""
    finals = [Path(p) for p in paths]
    for final in finals:
        final.parent.mkdir(parents=True, exist_ok=True)
    tmps = [final.with_name(f".{final.name}.partial") for final in finals]
    moved: list[Path] = []
    try:
        yield tmps
        for tmp, final in zip(tmps, finals):
            os.replace(tmp, final)
            moved.append(final)
    except BaseException:
        for final in moved:
            final.unlink(missing_ok=True)
        raise
    finally:
        for tmp in tmps:
            tmp.unlink(missing_ok=True)


def replace_folder(finished: str | os.PathLike, path: str | os.PathLike) -> Path:
    """`finished`, a folder written in full under a temporary name beside `path`, moved to `path`.

    A folder cannot be swapped in one step: the old one is removed first, then the new one renamed, so a
    run stopped between the two leaves the complete new folder under its temporary name (its writer
    starts again from scratch), never a mix of old and new files under `path`."""
    finished, path = Path(finished), Path(path)
    if path.exists():
        shutil.rmtree(path)
    finished.rename(path)
    return path


def write_text(path: str | os.PathLike, text: str) -> Path:
    """`text` written to `path` as UTF-8, atomically (see `replacing`)."""
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


def process_alive(pid: int) -> bool:
    """Whether process `pid` of this machine is alive: a file or folder named for its writer (the cache lock's
    holder, a kernel's spill folder) is stale once the writer is gone. Another user's process is alive."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
