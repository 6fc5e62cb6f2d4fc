"""Writing a file so that a reader never sees half of it: one definition, used by every writer of outputs.

A file is written under a hidden temporary name beside its final one and moved into place in one step
(`os.replace`), so a run stopped midway leaves the previous file or the new one, never a torn one, and
a glob for `*.png` or `*.json` never picks up a file being written.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: str | os.PathLike) -> Iterator[Path]:
    """Yield the temporary path to write; on success it replaces `path` (its folder is created first).

    On an error the temporary file is removed and `path` is left as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.partial")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(path: str | os.PathLike, text: str) -> Path:
    """`text` written to `path` as UTF-8, atomically (see `replacing`)."""
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)
