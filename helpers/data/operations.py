"""What the project says about an operation: its label, home time zone and main languages.

Each comes from the release catalog (`helpers.data.catalog`: Twitter's and SIO's published description of
the 48 datasets), unless the run's parameters override it (`op_labels`, `time_zones`). An operation that
is not in the catalog keeps its name as label and UTC as its clock, its languages are found in its own
tweets, and `catalog_note` says so in every report: nothing is guessed silently.
"""

from __future__ import annotations

from typing import Callable, Iterable, Mapping, Sequence

from helpers.data import catalog

UTC = "UTC"
OCTOBER_2018 = "2018-10"   # the release DFRLab's #TrollTracker compared (ira and iranian)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def label(op: str, overrides: Mapping[str, str] | None = None) -> str:
    """The operation's display name: the `op_labels` override, else the catalog label, else its name."""
    if overrides and op in overrides:
        return overrides[op]
    d = catalog.lookup(op)
    return d.label if d is not None else op


def time_zone(op: str, overrides: Mapping[str, str] | None = None) -> str:
    """The operation's home time zone: the `time_zones` override, else the catalog's, else UTC (an
    unknown operation is shown on the clock its files use, never in a guessed zone)."""
    if overrides and op in overrides:
        return overrides[op]
    d = catalog.lookup(op)
    return d.home_time_zone if d is not None and d.home_time_zone else UTC


def languages(op: str) -> tuple[str, ...]:
    """The catalog's main tweet languages of the operation (empty: unknown op, or none published; the
    timelines then take the operation's own top languages, `metrics.timeline.languages_drawn`)."""
    d = catalog.lookup(op)
    return d.main_languages if d is not None else ()


def month_name(release_month: str) -> str:
    """'2018-10' -> 'October 2018' (the catalog's disclosure months, for prose)."""
    year, month = release_month.split("-")
    return f"{_MONTHS[int(month) - 1]} {year}"


def is_october_2018(ops: Sequence[str]) -> bool:
    """True when every operation loaded is one of the two October 2018 datasets (`ira`, `iranian`): only
    then do the reports use DFRLab's #TrollTracker framing."""
    found = [catalog.lookup(op) for op in ops]
    return bool(ops) and all(d is not None and d.release_month == OCTOBER_2018 for d in found)


def description(op: str, label_of: Callable[[str], str]) -> str:
    """'Russia IRA (Oct 2018): Russia (Internet Research Agency), disclosed October 2018' (plain text)."""
    d = catalog.lookup(op)
    if d is None:
        return f"{label_of(op)}: not in the release catalog"
    return f"{label_of(op)}: {d.attributed_to}, disclosed {month_name(d.release_month)}"


def catalog_note(ops: Iterable[str], zones: Mapping[str, str] | None = None) -> str:
    """Plain-text sentences for the operations not in the catalog ('' when all are in it): how they are
    labelled, which clock they are shown on and where their languages come from."""
    out = []
    for op in ops:
        if catalog.lookup(op) is not None:
            continue
        zone = time_zone(op, zones)
        clock = "shown in UTC" if zone == UTC else f"shown in {zone} (the time_zones parameter)"
        out.append(f"{op} is not in the release catalog: labelled by its file name, {clock}, languages "
                   "from its own tweets.")
    return " ".join(out)


def takeaways_note(ops: Sequence[str], label_of: Callable[[str], str]) -> str:
    """'' for the October 2018 operations; otherwise a sentence saying that DFRLab's take-aways were
    written about that release and are asked here, as questions, of the operations loaded."""
    if is_october_2018(ops):
        return ""
    names = ", ".join(label_of(op) for op in ops)
    return (f"DFRLab's take-aways were written about the October 2018 release (IRA and Iran). Here the same "
            f"indicators are computed for {names}: each take-away is a question asked of these data, not a "
            "published finding about them.")
