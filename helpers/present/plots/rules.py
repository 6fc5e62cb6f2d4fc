"""The figure rules, checked on the drawn figure (issue 13): what a reviewer found misleading, made testable.

`check(fig)` returns the rules a finished figure breaks, as `Violation(rule, detail)`:

- `shared-scale`: panels that compare operations on the same quantity (marked by the chart helpers with
  `compare`) share their value axis, or the figure title says "scales differ", which is allowed only when
  the operations' counts differ by more than tenfold and the figure also shows shares;
- `text`: no two text elements overlap and none leaves the canvas (matplotlib's rendered extents), and no
  two ticks of one axis say the same thing (0.5 and 1.5 both rounded to "2");
- `watermark`: the SYNTHETIC mark is behind the data (below every axes, whose backgrounds are transparent
  so that it stays visible), never a wash over bars;
- `colour`: each operation keeps one colour (`mark_ops`), and no other thing in the figure (a language, a
  kind of tweet, a cohort, an app class) is drawn in it;
- `data` (when the plotted table is given): every bar, line point, dot and heatmap cell drawn is a number
  of that table, so the CSV written beside the figure holds the numbers plotted (zeros excepted: a tidy
  table has no row for a month or a cell without tweets, which the charts draw as 0).

Charts mark what the rules need on the artists themselves (`compare`, `mark_ops`, `mark_op`, the
watermark's gid), so the rules read the figure, not the code that drew it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.text import Text

WATERMARK_GID = "synthetic-watermark"
SCALES_DIFFER = "scales differ"
TENFOLD = 10.0
_COMPARE = "_tt_compare"       # on an Axes: Compare(quantity, axis, total, shares)
_OP = "_tt_op"                 # on an Axes or an artist: the operation it draws
_OPS = "_tt_op_colors"         # on a Figure: {op: colour}
_GUIDE = "_tt_guide"           # on an artist: a reference line or band, not data (no number to check)
SLACK = 0.5                    # pixels: text boxes touching by less than this do not overlap


@dataclass(frozen=True)
class Violation:
    """One broken rule: which one, and where (panel, text, colour ...), in words."""

    rule: str
    detail: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Compare:
    """What a panel compares across operations: its quantity, its value axis ('x' or 'y'), the size of
    the operation behind it (for the tenfold test) and whether the values are shares. The axis 'c' is
    a heatmap's colour scale."""

    quantity: str
    axis: str = "x"
    total: float | None = None
    shares: bool = False


# -- marks the chart helpers set ------------------------------------------------------------------------

def compare(ax: Axes, quantity: str, axis: str = "x", total: float | None = None, shares: bool = False) -> None:
    """Mark `ax` as one panel of a comparison of operations on `quantity` along its `axis`."""
    setattr(ax, _COMPARE, Compare(quantity, axis, None if total is None else float(total), shares))


def mark_ops(fig: Figure, colors: Mapping[str, str]) -> None:
    """Record the operations' colours of a figure (each must mean that operation and nothing else)."""
    known = dict(getattr(fig, _OPS, {}))
    known.update(colors)
    setattr(fig, _OPS, known)


def mark_op(artist, op: str) -> None:
    """Say that `artist` (an Axes: everything in it) draws operation `op`."""
    setattr(artist, _OP, op)


def guide(artist):
    """Mark a reference line or band (a cutoff, a focus window): not data, not checked against the table."""
    setattr(artist, _GUIDE, True)
    return artist


# -- the check ------------------------------------------------------------------------------------------

def check(fig: Figure, data: pd.DataFrame | None = None) -> list[Violation]:
    """Every rule the drawn figure breaks (an empty list: it passes). Draws the figure once."""
    fig.canvas.draw()
    out = [*_shared_scale(fig), *_text(fig), *_watermark(fig), *_colours(fig)]
    if data is not None:
        out += _data(fig, data)
    return out


def _panels(fig: Figure) -> list[Axes]:
    return [ax for ax in fig.axes if ax.get_visible()]


def _panel_name(ax: Axes) -> str:
    return ax.get_title(loc="left") or ax.get_title() or ax.get_label() or "a panel"


def _title(fig: Figure) -> str:
    sup = getattr(fig, "_suptitle", None)
    return sup.get_text() if sup is not None else ""


def _limits(ax: Axes, axis: str) -> tuple[float, float]:
    """The value axis' limits: 'x', 'y', or 'c' (the colour scale of the panel's image)."""
    if axis == "c":
        return tuple(ax.images[0].get_clim()) if ax.images else (np.nan, np.nan)
    return ax.get_xlim() if axis == "x" else ax.get_ylim()


def _shared_scale(fig: Figure) -> list[Violation]:
    """Panels marked as comparing one quantity: the same limits on their value axis, or 'scales differ'
    said in the title with counts more than tenfold apart and shares shown too."""
    groups: dict[str, list[tuple[Axes, Compare]]] = {}
    for ax in _panels(fig):
        c = getattr(ax, _COMPARE, None)
        if c is not None:
            groups.setdefault(c.quantity, []).append((ax, c))
    says = SCALES_DIFFER in _title(fig).lower()
    out = []
    for quantity, members in groups.items():
        limits = [_limits(ax, c.axis) for ax, c in members]
        if len(members) < 2 or all(np.allclose(lim, limits[0], rtol=1e-9) for lim in limits):
            continue
        names = ", ".join(f"{_panel_name(ax)} {lim[0]:g} to {lim[1]:g}" for (ax, _), lim in zip(members, limits))
        if not says:
            out.append(Violation("shared-scale", f"panels comparing '{quantity}' have different scales, "
                                                 f"unsaid ({names})"))
            continue
        totals = [c.total for _, c in members if c.total]
        if len(totals) < 2 or max(totals) <= TENFOLD * min(totals):
            out.append(Violation("shared-scale", f"the title says '{SCALES_DIFFER}' for '{quantity}' but the "
                                                 f"operations' counts differ by at most tenfold ({names})"))
        if not any(c.shares for c in (getattr(a, _COMPARE, None) for a in _panels(fig)) if c is not None):
            out.append(Violation("shared-scale", f"scales of '{quantity}' differ but the figure shows no shares"))
    return out


# -- text -----------------------------------------------------------------------------------------------

def _drawn_ticks(axis) -> list[Text]:
    """The tick labels matplotlib draws (ticks outside the view keep stale labels: not those)."""
    labels = []
    for tick in axis._update_ticks():
        labels += [t for t in (tick.label1, tick.label2) if t.get_visible()]
    return labels


def texts(fig: Figure) -> list[Text]:
    """Every visible, non-empty text of the figure except the watermark: figure texts (title, source
    line), and per visible panel its titles, axis labels, tick labels, offsets, texts and legend."""
    found: list[Text] = list(fig.texts)
    for legend in fig.legends:
        found += [*legend.get_texts(), legend.get_title()]
    for ax in _panels(fig):
        found += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label,
                  ax.xaxis.get_offset_text(), ax.yaxis.get_offset_text(), *ax.texts]
        found += _drawn_ticks(ax.xaxis) + _drawn_ticks(ax.yaxis)
        legend = ax.get_legend()
        if legend is not None and legend.get_visible():
            found += [*legend.get_texts(), legend.get_title()]
    return [t for t in found if t.get_visible() and t.get_text().strip() and t.get_gid() != WATERMARK_GID]


def _describe(t: Text) -> str:
    text = t.get_text().replace("\n", " ")
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _text(fig: Figure) -> list[Violation]:
    """Overlapping texts and texts that leave the canvas, from their rendered extents."""
    renderer = fig.canvas.get_renderer()
    items = texts(fig)
    # Text's own extent: an Annotation's would include its arrow, which may cross other texts by design
    boxes = np.array([Text.get_window_extent(t, renderer).extents for t in items]).reshape(-1, 4)
    width, height = fig.canvas.get_width_height()
    out = []
    for t, (x0, y0, x1, y1) in zip(items, boxes):
        if x0 < -SLACK or y0 < -SLACK or x1 > width + SLACK or y1 > height + SLACK:
            out.append(Violation("text", f"{_describe(t)} leaves the canvas"))
    for ax in _panels(fig):
        for axis in (ax.xaxis, ax.yaxis):
            said = [t.get_text() for t in _drawn_ticks(axis) if t.get_text().strip()]
            twice = sorted({s for s in said if said.count(s) > 1})
            if twice:
                out.append(Violation("text", f"ticks of one axis in panel {_panel_name(ax)!r} say the same "
                                             f"thing: {', '.join(map(repr, twice))}"))
    for i, j in itertools.combinations(range(len(items)), 2):
        a, b = boxes[i], boxes[j]
        dx = min(a[2], b[2]) - max(a[0], b[0])
        dy = min(a[3], b[3]) - max(a[1], b[1])
        if dx > SLACK and dy > SLACK:
            out.append(Violation("text", f"{_describe(items[i])} overlaps {_describe(items[j])}"))
    return out


# -- watermark ------------------------------------------------------------------------------------------

def _watermark(fig: Figure) -> list[Violation]:
    """The mark below every panel (so below the data), and the panels it lies under see-through."""
    marks = [t for t in fig.findobj(Text) if t.get_gid() == WATERMARK_GID and t.get_visible()]
    out = []
    for mark in marks:
        box = mark.get_window_extent(fig.canvas.get_renderer())
        for ax in _panels(fig):
            if ax.get_zorder() <= mark.get_zorder():
                out.append(Violation("watermark", f"the mark is drawn over the panel {_panel_name(ax)!r} "
                                                  f"(zorder {mark.get_zorder()} >= {ax.get_zorder()})"))
            elif box.overlaps(ax.get_window_extent()) and mcolors.to_rgba(ax.patch.get_facecolor())[3] > 0 \
                    and ax.patch.get_visible() and ax.patch.get_alpha() != 0:
                out.append(Violation("watermark", f"the panel {_panel_name(ax)!r} hides the mark behind an "
                                                  f"opaque background"))
    return out


# -- colours --------------------------------------------------------------------------------------------

def _hex(color) -> str:
    return mcolors.to_hex(color, keep_alpha=False).lower()


def _colours_of(artist) -> set[str]:
    """The colours an artist paints with (transparent parts ignored)."""
    if isinstance(artist, Line2D):
        return {_hex(artist.get_color())} if artist.get_alpha() != 0 else set()
    found = set()
    if hasattr(artist, "get_facecolors"):
        found |= {_hex(c) for c in np.atleast_2d(artist.get_facecolors()) if len(c) and c[3] > 0}
    elif hasattr(artist, "get_facecolor") and getattr(artist, "get_fill", lambda: True)():
        c = mcolors.to_rgba(artist.get_facecolor())
        if c[3] > 0:
            found.add(_hex(c))
    return found


def _what(artist) -> str:
    label = artist.get_label() if hasattr(artist, "get_label") else ""
    kind = type(artist).__name__
    return f"{kind} {label!r}" if label and not label.startswith("_") else kind


def _colours(fig: Figure) -> list[Violation]:
    """An operation's colour drawn for anything but that operation (or two operations in one colour)."""
    ops = getattr(fig, _OPS, {})
    owner: dict[str, str] = {}
    out = []
    for op, color in ops.items():
        c = _hex(color)
        if c in owner:
            out.append(Violation("colour", f"operations {owner[c]!r} and {op!r} share the colour {c}"))
        owner.setdefault(c, op)
    for ax in _panels(fig):
        panel_op = getattr(ax, _OP, None)
        for artist in [*ax.patches, *ax.lines, *ax.collections]:
            if not artist.get_visible():
                continue
            drawn = getattr(artist, _OP, panel_op)
            for c in _colours_of(artist) & owner.keys():
                if drawn != owner[c]:
                    out.append(Violation("colour", f"the colour of {owner[c]!r} ({c}) also means {_what(artist)} "
                                                   f"in panel {_panel_name(ax)!r}"))
    return _unique(out)


def _unique(items: Iterable[Violation]) -> list[Violation]:
    return list(dict.fromkeys(items))


# -- data -----------------------------------------------------------------------------------------------

def drawn_values(fig: Figure) -> list[tuple[str, np.ndarray]]:
    """The numbers each panel draws: bar lengths, line and dot values on the value axis, heatmap cells
    (masked cells left out); guides (cutoffs, focus bands) left out. Pairs (panel name, values)."""
    out = []
    for ax in _panels(fig):
        c = getattr(ax, _COMPARE, None)
        values: list[np.ndarray] = []
        for container in ax.containers:
            if isinstance(container, BarContainer) and container.datavalues is not None \
                    and not getattr(container, _GUIDE, False):
                values.append(np.asarray(container.datavalues, dtype=float))
        for line in ax.lines:
            if getattr(line, _GUIDE, False) or line.get_transform() != ax.transData:
                continue
            xy = line.get_xdata() if c is not None and c.axis == "x" else line.get_ydata()
            values.append(np.asarray(xy, dtype=float))
        for coll in ax.collections:
            if isinstance(coll, PathCollection) and not getattr(coll, _GUIDE, False):
                offsets = np.asarray(coll.get_offsets(), dtype=float).reshape(-1, 2)
                values.append(offsets[:, 0 if c is None or c.axis == "x" else 1])
        for image in ax.images:
            if isinstance(image, AxesImage):
                arr = np.ma.masked_invalid(np.ma.asarray(image.get_array(), dtype=float))
                values.append(arr.compressed())
        if values:
            out.append((_panel_name(ax), np.concatenate(values)))
    return out


def _numbers(data: pd.DataFrame) -> np.ndarray:
    cols = [data[c] for c in data.columns if pd.api.types.is_numeric_dtype(data[c])
            and not pd.api.types.is_bool_dtype(data[c])]
    if not cols:
        return np.array([])
    vals = np.concatenate([c.to_numpy(dtype=float, na_value=np.nan) for c in cols])
    return np.unique(vals[np.isfinite(vals)])


def _data(fig: Figure, data: pd.DataFrame) -> list[Violation]:
    """Every drawn number is a number of the table (relative tolerance 1e-9)."""
    known = _numbers(data)
    out = []
    for panel, values in drawn_values(fig):
        values = values[np.isfinite(values) & (values != 0)]   # a zero is a period or cell without rows
        if not len(values):
            continue
        if not len(known):
            out.append(Violation("data", f"panel {panel!r} draws numbers but the table has none"))
            continue
        at = np.clip(np.searchsorted(known, values), 1, len(known) - 1) if len(known) > 1 else np.zeros(
            len(values), dtype=int)
        near = np.minimum(np.abs(known[at] - values), np.abs(known[np.maximum(at - 1, 0)] - values))
        missing = values[near > 1e-9 * np.maximum(np.abs(values), 1e-9)]
        if len(missing):
            shown = ", ".join(f"{v:g}" for v in missing[:3])
            out.append(Violation("data", f"panel {panel!r} draws {len(missing)} value(s) not in the table "
                                         f"(e.g. {shown})"))
    return out
