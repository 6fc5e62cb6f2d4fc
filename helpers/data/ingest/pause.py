"""Test-only pause points: `TROLLTRACKER_PAUSE_AT=point:count` makes the ingest stop itself (SIGSTOP) at
a named progress point, so a test can kill it exactly there whatever the machine's speed. Without the
variable each point costs one global lookup (`if _PAUSE:`).
"""

from __future__ import annotations

import os
import signal

PAUSE_ENV = "TROLLTRACKER_PAUSE_AT"  # test-only: see _pause_point


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
