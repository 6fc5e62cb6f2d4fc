"""Errors a user can act on: each names the file (and row and column where there is one) and what to do.

The command-line entry points print these without a traceback; anything else is a bug.
"""

from __future__ import annotations


class ProjectError(Exception):
    """Base class for errors with an actionable message."""


class ReleaseError(ProjectError):
    """A release folder or one of its files cannot be used as it is."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 column: str | None = None, hint: str | None = None):
        self.file, self.line, self.column, self.hint = file, line, column, hint
        where = ", ".join(p for p in (
            str(file) if file else "",
            f"line {line}" if line is not None else "",
            f"column {column!r}" if column else "",
        ) if p)
        text = f"{where}: {message}" if where else message
        if hint:
            text += f"\n  What to do: {hint}"
        super().__init__(text)


class CacheBusyError(ProjectError):
    """Another process holds the cache lock."""


class MissingTableError(ProjectError):
    """An analysis needs a table (usually a users file) that the release does not have."""


class ParameterError(ProjectError):
    """A run parameter is unknown or out of range; raised before any work starts."""
