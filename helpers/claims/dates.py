"""Calendar days written by a person (a parameter, a claim's window): the one parser of such a date.

In: a `datetime.date`, a `datetime.datetime` (its date is taken) or an ISO string `YYYY-MM-DD` (spaces around
it ignored). Out: a `datetime.date`, or an error that says where the value came from and what a date looks
like. Used by the claims (`scorecard`: a claim's `args.start`/`args.end`) and by the parameters
(`helpers.run.params`, also behind `IsoDate`); it lives in `claims`, the lowest layer that reads such dates,
so that both read a day the same way.
"""

from __future__ import annotations

import datetime as dt

from helpers.errors import ProjectError


def parse_day(value: object, where: str, error: type[ProjectError] = ProjectError) -> dt.date:
    """`value` as a calendar day. Raises `error` naming `where` (e.g. "parameter 'start'") for anything else:
    a date given as a number or a free-form text is refused rather than guessed."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise error(f"{where}: expected a date like 2016-01-01 (YYYY-MM-DD), got {value!r}")
