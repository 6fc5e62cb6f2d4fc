"""Generic charts for tidy tables with an `op` column: one panel per operation, shared house style.

Each function returns a matplotlib Figure and draws only what the table holds. Labels taken from data
go through `prose.safe_text` (matplotlib would otherwise read `$...$` as mathtext).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.colors as mcolors
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from helpers.present import prose
from helpers.present.plots import rules
from helpers.present.plots.style import HEIGHT, MASK_COLOR, NONE_COLOR, WIDTH, op_colors


def percent_axis() -> mticker.PercentFormatter:
    """A fresh percent formatter per axis: its decimals follow that axis's tick spacing."""
    return mticker.PercentFormatter(xmax=1.0, decimals=None)


def _compact(v: float, _pos=None) -> str:
    """Axis numbers that stay short in narrow panels: 950, 12k, 1.5M."""
    a = abs(v)
    if a >= 1e6:
        return f"{v / 1e6:,.3g}M"
    if a >= 1e4:
        return f"{v / 1e3:,.3g}k"
    return f"{v:,.0f}"


Thousands = mticker.FuncFormatter(_compact)


def count_axis(axis, log: bool = False) -> None:
    """An axis of counts: whole numbers only (0.5 and 1.5 would both read "2"), short labels."""
    if not log:
        axis.set_major_locator(mticker.MaxNLocator(nbins=5, integer=True, min_n_ticks=2))
    axis.set_major_formatter(Thousands)


def _name(labels: Callable[[str], str], op: str) -> str:
    """An operation's display name as figure text (its name comes from a file name: never mathtext)."""
    return prose.safe_text(labels(op))


def panels(n: int, ncols: int | None = None, height: float | None = None, sharex=False, sharey=False):
    """A grid with one panel per operation (up to 3 per row)."""
    ncols = ncols or min(max(n, 1), 3)
    nrows = int(np.ceil(max(n, 1) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(WIDTH, height or HEIGHT * (0.9 if nrows == 1 else 0.75 * nrows)),
                             squeeze=False, sharex=sharex, sharey=sharey)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, list(axes.flat[:n])


LABEL_CHARS = 28   # a bar's label longer than this is cut (the CSV beside the figure has it whole)


def _short(value, limit: int = LABEL_CHARS) -> str:
    """A category label that cannot squeeze its panel to a sliver: cut with an ellipsis, never mathtext."""
    text = str(value)
    return prose.safe_text(text if len(text) <= limit else text[:limit - 1].rstrip() + "…")


def _mark(fig: plt.Figure, ops: Sequence[str]) -> dict[str, str]:
    """The operations' colours of this figure, recorded for the colour rule."""
    colors = op_colors(ops)
    rules.mark_ops(fig, colors)
    return colors


def _few_ticks(axis, n: int = 4) -> None:
    """At most `n` value ticks: percent labels of narrow panels stay apart."""
    axis.set_major_locator(mticker.MaxNLocator(nbins=n, steps=[1, 2, 2.5, 5, 10]))


def fill_periods(table: pd.DataFrame, x: str, y: str, keys: Sequence[str], freq: str) -> pd.DataFrame:
    """The table with every period between the first and the last one of each series (each combination
    of `keys`), missing periods as 0: a period without tweets (or new accounts) is a zero on the line, not
    a gap drawn across (issue 13). Before its first and after its last period a series is not drawn."""
    if table.empty:
        return table
    parts = []
    for combo, t in table.groupby(list(keys), observed=True, sort=False):
        span = pd.date_range(t[x].min(), t[x].max(), freq=freq)
        full = pd.DataFrame({x: span}).assign(**dict(zip(keys, combo if isinstance(combo, tuple) else (combo,))))
        parts.append(full.merge(t, on=[*keys, x], how="left"))
    out = pd.concat(parts, ignore_index=True)
    out[y] = out[y].fillna(0)
    return out.sort_values([*keys, x], kind="stable").reset_index(drop=True)


def annotate(ax, x, y, text: str, where: tuple[float, float] = (0.02, 0.96)) -> None:
    """The claim of a figure where the eye lands: a dot at (x, y), its words at `where` (a place of the
    panel, in axes fractions, chosen free of data) joined to it by a thin line."""
    dot = ax.scatter([x], [y], s=28, color="#222222", zorder=5)
    rules.guide(dot)
    right = where[0] > 0.5
    ax.annotate(prose.safe_text(text), (x, y), xytext=where, textcoords="axes fraction", fontsize=8,
                ha="right" if right else "left", va="top" if where[1] > 0.5 else "bottom",
                arrowprops={"arrowstyle": "-", "color": "#444444", "lw": 0.8},
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85})


def barh_by_op(table: pd.DataFrame, label: str, value: str, ops: Sequence[str], labels: Callable[[str], str],
               xlabel: str, percent: bool = False, max_bars: int = 20, height: float | None = None,
               sharex: bool = True, same_order: bool = False) -> plt.Figure:
    """Ranked horizontal bars per operation (a top-N table: op, rank, <label>, <value>), on one value
    axis: a bar of one operation is as long as a bar of the same value of another (rules.shared-scale).
    With `same_order` (a fixed list of categories, e.g. concepts) every panel lists them in one order, by
    their largest value in any operation (ties by name), so a category sits at the same height in each."""
    if same_order and len(table):
        top = table.groupby(label, observed=True)[value].max().reset_index()
        order = top.sort_values([value, label], ascending=[False, True], kind="stable")[label].tolist()
        table = table.assign(rank=table[label].map({k: i + 1 for i, k in enumerate(order)}))
    sizes = table.groupby("op", observed=True).size()
    rows = min(max_bars, int(sizes.max()) if len(sizes) else 1)
    fig, axes = panels(len(ops), height=height or max(2.6, 1.9 + 0.2 * rows), sharex=sharex)
    colors = _mark(fig, ops)
    for ax, op in zip(axes, ops):
        t = table[table["op"] == op].sort_values("rank").head(max_bars)
        y = np.arange(len(t))
        ax.barh(y, t[value].to_numpy(dtype=float), color=colors[op])
        rules.mark_op(ax, op)
        rules.compare(ax, xlabel, "x", shares=percent)
        ax.set_yticks(y, [_short(v) for v in t[label]])
        ax.invert_yaxis()
        ax.set_title(_name(labels, op), loc="left")
        ax.set_xlabel(xlabel)
        if percent:
            ax.xaxis.set_major_formatter(percent_axis())
            _few_ticks(ax.xaxis, 3 if len(ops) > 1 else 5)
        else:
            count_axis(ax.xaxis)
        ax.grid(axis="y", visible=False)
        if t.empty:
            ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", color="#666")
    return fig


def lines_by_op(table: pd.DataFrame, x: str, y: str, hue: str, ops: Sequence[str], labels: Callable[[str], str],
                colors: dict[str, str] | None, ylabel: str, hue_order: Sequence[str] | None = None,
                percent: bool = False, sharey: bool = True, logy: bool = False, ncols: int = 1,
                height: float | None = None, freq: str | None = None) -> plt.Figure:
    """One panel per operation, one line per value of `hue` (e.g. monthly tweets per language), on one
    value axis. With `freq` (e.g. 'MS', 'W-MON') missing periods are drawn as 0 (`fill_periods`); with
    `logy` the axis is symmetric-log, so that zeros stay on the axis. `colors` None: the operation's own."""
    rows = int(np.ceil(len(ops) / ncols))
    fig, axes = panels(len(ops), ncols=ncols, sharey=sharey, sharex=True,
                       height=height or max(2.8, 2.3 * rows))
    op_color = _mark(fig, ops)
    if freq is not None:
        table = fill_periods(table, x, y, ["op", hue], freq)
    order = list(hue_order) if hue_order is not None else sorted(table[hue].unique())
    for ax, op in zip(axes, ops):
        t = table[table["op"] == op]
        for value in order:
            s = t[t[hue] == value].sort_values(x)
            if s.empty:
                continue
            color = op_color[op] if colors is None else colors.get(value)
            line, = ax.plot(s[x], s[y], label=prose.safe_text(value), color=color, lw=1.3)
            if colors is None:
                rules.mark_op(line, op)
        ax.set_title(_name(labels, op), loc="left")
        rules.compare(ax, ylabel, "y", shares=percent)
        if logy:
            ax.set_yscale("symlog", linthresh=1)
        if percent:
            ax.yaxis.set_major_formatter(percent_axis())
        else:
            count_axis(ax.yaxis, log=logy)
        if t.empty:
            ax.text(0.5, 0.5, "no data in the date range", transform=ax.transAxes, ha="center", color="#666")
        if pd.api.types.is_datetime64_any_dtype(t[x]):
            ax.xaxis.set_major_locator(mdates.YearLocator())
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    if rows > 1 and ncols == 1:
        fig.supylabel(ylabel, fontsize=9.5)   # one label for the column: stacked labels would collide
    else:
        for ax in axes:
            ax.set_ylabel(ylabel)
    found = {}
    for ax in axes:
        for h, n in zip(*ax.get_legend_handles_labels()):
            found.setdefault(n, h)
    names = [prose.safe_text(v) for v in order if prose.safe_text(v) in found]
    if names and colors is not None:
        axes[0].legend([found[n] for n in names], names, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                       fontsize=8, ncols=1)
    return fig


def stacked_bars_by_op(table: pd.DataFrame, x: str, y: str, stack: str, ops: Sequence[str],
                       labels: Callable[[str], str], colors: dict[str, str] | None, stack_order: Sequence[str],
                       ylabel: str, xlabel: str = "", percent: bool = False, sharey: bool = True) -> plt.Figure:
    """Stacked bars per operation (e.g. tweets per year split into retweets and other tweets), on one
    value axis and one run of years (a year without rows is an empty place, not closed up). `colors`
    None (a single part): the operation's own colour."""
    fig, axes = panels(len(ops), sharey=sharey)
    op_color = _mark(fig, ops)
    years = table[x].dropna()
    span = (range(int(years.min()), int(years.max()) + 1)
            if len(years) and pd.api.types.is_integer_dtype(years) else None)
    for ax, op in zip(axes, ops):
        t = table[table["op"] == op].pivot_table(index=x, columns=stack, values=y, aggfunc="sum",
                                                 observed=True).fillna(0)
        if span is not None and len(t):
            t = t.reindex(span, fill_value=0)
        bottom = np.zeros(len(t))
        xs = np.arange(len(t))
        for part in stack_order:
            if part not in t.columns:
                continue
            vals = t[part].to_numpy(dtype=float)
            color = op_color[op] if colors is None else colors.get(part)
            ax.bar(xs, vals, bottom=bottom, color=color, label=prose.safe_text(part), width=0.8)
            bottom += vals
        if colors is None:
            rules.mark_op(ax, op)
        rules.compare(ax, ylabel, "y", shares=percent)
        step = max(1, int(np.ceil(len(t) / 8)))
        ax.set_xticks(xs[::step], [prose.safe_text(v) for v in t.index[::step]])
        ax.set_title(_name(labels, op), loc="left")
        ax.set_xlabel(xlabel)
        if percent:
            ax.yaxis.set_major_formatter(percent_axis())
        else:
            count_axis(ax.yaxis)
        ax.grid(axis="x", visible=False)
        if t.empty:
            ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", color="#666")
    ax0 = axes[0]
    ax0.set_ylabel(ylabel)
    if colors is not None and ax0.get_legend_handles_labels()[0]:
        ax0.legend(loc="upper left", fontsize=8)
    return fig


def share_bars(ax, table: pd.DataFrame, part: str, ops: Sequence[str], labels: Callable[[str], str],
               colors: dict[str, str], order: Sequence[str], xlabel: str, totals: dict[str, str] | None = None,
               op_part: str | None = None) -> None:
    """One 100% bar per operation (rows), split into `part`s by their `share` (a composition: read the
    same way for a small operation as for a large one). `totals` are words written with each bar
    (e.g. "90,000 tweets"), under the operation's name; `op_part` is the part drawn in the operation's own colour."""
    op_color = _mark(ax.figure, ops)
    y = np.arange(len(ops))
    start = np.zeros(len(ops))
    for name in order:
        vals = np.array([table.loc[(table["op"] == op) & (table[part] == name), "share"].sum() for op in ops],
                        dtype=float)
        if not vals.any():
            continue
        if name == op_part:
            for i, op in enumerate(ops):
                bar = ax.barh([y[i]], [vals[i]], left=[start[i]], color=op_color[op],
                              label=prose.safe_text(name) if i == 0 else None)
                rules.mark_op(bar.patches[0], op)
        else:
            ax.barh(y, vals, left=start, color=colors[name], label=prose.safe_text(name))
        start += vals
    words = totals or {}
    ax.set_yticks(y, [_name(labels, op) + (f"\n{prose.safe_text(words[op])}" if words.get(op) else "") for op in ops])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(percent_axis())
    _few_ticks(ax.xaxis, 4)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    rules.compare(ax, xlabel, "x", shares=True)
    drawn = ax.get_legend_handles_labels()[1]
    room = ax.get_position().width * ax.figure.get_figwidth() * 14   # characters of 7.5 pt across the panel
    ncols = max(1, min(len(drawn), int(room // (max(map(len, drawn), default=1) + 5))))
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=ncols, fontsize=7.5, handlelength=1.0,
              columnspacing=0.8)


def share_bars_by_op(table: pd.DataFrame, part: str, ops: Sequence[str], labels: Callable[[str], str],
                     colors: dict[str, str], order: Sequence[str], xlabel: str,
                     totals: dict[str, str] | None = None) -> plt.Figure:
    """`share_bars` as a figure of its own (e.g. tweets by class of application, per operation)."""
    fig, ax = plt.subplots(figsize=(WIDTH, 2.4 + 0.7 * len(ops)))
    share_bars(ax, table, part, ops, labels, colors, order, xlabel, totals)
    return fig


def curves_by_metric(table: pd.DataFrame, x: str, y: str, metrics: Sequence[str], metric_col: str,
                     ops: Sequence[str], labels: Callable[[str], str], xlabel: str, ylabel: str,
                     logx: bool = True, logy: bool = False, percent_y: bool = True, step: bool = True,
                     titles: dict[str, str] | None = None, percent_x: bool = False) -> plt.Figure:
    """One panel per metric, one curve per operation (e.g. CDFs of followers and following)."""
    fig, axes = panels(len(metrics), ncols=min(len(metrics), 2 if len(metrics) == 4 else 3),
                       height=HEIGHT if len(metrics) <= 3 else HEIGHT * 1.6)
    colors = _mark(fig, ops)
    for ax, metric in zip(axes, metrics):
        t = table[table[metric_col] == metric] if metric_col else table
        for op in ops:
            s = t[t["op"] == op].sort_values(x)
            if s.empty:
                continue
            xs = s[x].to_numpy(dtype=float)
            if logx:
                keep = xs > 0
                xs, ys = xs[keep], s[y].to_numpy(dtype=float)[keep]
            else:
                ys = s[y].to_numpy(dtype=float)
            if step:
                line, = ax.step(xs, ys, where="post", color=colors[op], label=_name(labels, op), lw=1.4)
            else:
                line, = ax.plot(xs, ys, color=colors[op], label=_name(labels, op), lw=1.4)
            rules.mark_op(line, op)
        if logx:
            ax.set_xscale("log")
        if logy:
            ax.set_yscale("log")
        if percent_y and not logy:
            ax.yaxis.set_major_formatter(percent_axis())
        if percent_x:
            ax.xaxis.set_major_formatter(mticker.PercentFormatter(xmax=1.0, decimals=None))
        ax.set_title((titles or {}).get(metric, metric), loc="left")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
    if axes[0].get_legend_handles_labels()[0]:
        axes[0].legend(loc="best")
    return fig


def heatmap_by_op(table: pd.DataFrame, row: str, col: str, value: str, ops: Sequence[str],
                  labels: Callable[[str], str], xlabel: str, ylabel: str, row_labels=None, col_labels=None,
                  percent: bool = True, cmap: str = "viridis", height: float | None = None,
                  count: str | None = None, min_count: int = 0, row_order: str | None = None) -> plt.Figure:
    """A heatmap per operation (e.g. hour of day x day of week, or hashtag x year) on one colour scale.

    A cell without rows is 'none' (white), distinct from a low value (the dark end of the scale). With
    `count` (a column: the number of items the shares of that `col` rest on, e.g. the year's hashtags),
    every cell of a column whose count is under `min_count` is masked (grey): a share resting on a few
    items is not shown. With `row_order` (a column, e.g. 'rank') rows follow it instead of the alphabet.
    """
    rows = int(table.groupby("op", observed=True)[row].nunique().max()) if len(table) else 1
    fig, axes = panels(len(ops), ncols=1, height=height or max(2.6, 1.0 + len(ops) * (1.0 + 0.2 * rows)))
    _mark(fig, ops)
    colormap = plt.get_cmap(cmap).with_extremes(under=NONE_COLOR, bad=MASK_COLOR)
    drawn = table[value].astype(float)
    if count is not None:
        drawn = drawn.where(table[count] >= min_count)
    table = table.assign(_drawn=drawn)
    top = float(np.nanmax(drawn)) if drawn.notna().any() else 1.0
    norm = mcolors.Normalize(vmin=min(1e-12, top / 2), vmax=max(top, 1e-12))
    for ax, op in zip(axes, ops):
        t = table[table["op"] == op]
        thin = set(t.loc[t["_drawn"].isna(), col])
        grid = t.pivot_table(index=row, columns=col, values="_drawn", aggfunc="sum", observed=True, dropna=False)
        ax.set_title(_name(labels, op), loc="left")
        if t.empty or grid.empty:
            ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", color="#666")
            continue
        if row_order is not None:
            ranked = t.sort_values([row_order, row], kind="stable")[row].drop_duplicates()
            grid = grid.reindex(list(ranked))
        elif row_labels is not None:
            grid = grid.reindex([r for r in row_labels if r in grid.index])
        cells = grid.to_numpy(dtype=float)
        cells = np.where(np.isnan(cells), 0.0, cells)   # no rows: none
        cells[:, [c in thin for c in grid.columns]] = np.nan
        im = ax.imshow(np.ma.masked_invalid(cells), aspect="auto", cmap=colormap, norm=norm,
                       interpolation="nearest")
        rules.compare(ax, xlabel + " x " + ylabel + ": colour", "c", shares=percent)
        ax.set_yticks(range(len(grid.index)), [_short(r) for r in grid.index])
        step = max(1, len(grid.columns) // 24)
        ax.set_xticks(range(0, len(grid.columns), step),
                      [prose.safe_text(str((col_labels or {}).get(c, c))) for c in grid.columns[::step]])
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.grid(False)
        cb = fig.colorbar(im, ax=ax, fraction=0.03, pad=0.01, extend="neither")
        if percent:
            cb.ax.yaxis.set_major_formatter(mticker.PercentFormatter(xmax=1.0, decimals=1))
        _few_ticks(cb.ax.yaxis, 4)
    keys = [Patch(facecolor=NONE_COLOR, edgecolor="#999999", label="none")]
    if count is not None and min_count > 0:
        keys.append(Patch(facecolor=MASK_COLOR, edgecolor="#999999", label=f"fewer than {min_count:,} {count}"))
    axes[0].legend(handles=keys, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=len(keys), fontsize=7.5,
                   handlelength=1.0)
    return fig


def _period_edges(index: pd.DatetimeIndex, freq: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Left edges and widths (matplotlib date units) of the periods starting at `index`."""
    left = mdates.date2num(index.to_pydatetime())
    if freq is not None:
        right = mdates.date2num((index + pd.tseries.frequencies.to_offset(freq)).to_pydatetime())
    else:
        gaps = np.diff(left)
        right = left + np.append(gaps, gaps[-1] if len(gaps) else 1.0)
    return left, right - left


def area_shares_by_op(table: pd.DataFrame, x: str, part: str, value: str, ops: Sequence[str],
                      labels: Callable[[str], str], colors: dict[str, str], order: Sequence[str],
                      ylabel: str = "share of tweets", total: str | None = None, min_total: int = 0,
                      freq: str | None = None, unit: str = "tweets") -> plt.Figure:
    """100% stacked bars of shares per period and operation (e.g. client classes or tweet kinds per
    month): a composition over time, each period a bar as wide as the period.

    With `total` (a column: the period's count of `unit` behind the shares), periods under `min_total`
    are masked (a grey bar, no shares): a 100% stack built on a handful of tweets swings wildly. With
    `freq`, periods without rows between the first and the last are masked too, not bridged."""
    fig, axes = panels(len(ops), ncols=1, sharex=True, height=max(2.8, 2.2 * len(ops)))
    _mark(fig, ops)
    for ax, op in zip(axes, ops):
        t = table[table["op"] == op]
        grid = t.pivot_table(index=x, columns=part, values=value, aggfunc="sum", observed=True).fillna(0)
        cols = [c for c in order if c in grid.columns]
        ax.set_title(_name(labels, op), loc="left")
        if grid.empty or not cols:
            ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", color="#666")
            continue
        if freq is not None:
            grid = grid.reindex(pd.date_range(grid.index.min(), grid.index.max(), freq=freq))
        small = grid.index.difference(grid.dropna().index)
        if total is not None:
            sizes = t.groupby(x, observed=True)[total].max()
            small = small.union(sizes.index[sizes < min_total])
        left, width = _period_edges(pd.DatetimeIndex(grid.index), freq)
        keep = ~grid.index.isin(small)
        bottom = np.zeros(int(keep.sum()))
        for c in cols:
            vals = grid.loc[keep, c].to_numpy(dtype=float)
            ax.bar(left[keep], vals, width=width[keep], bottom=bottom, align="edge", color=colors.get(c),
                   label=prose.safe_text(c), linewidth=0)
            bottom += vals
        if (~keep).any():
            masked = ax.bar(left[~keep], np.ones(int((~keep).sum())), width=width[~keep], align="edge",
                            color=MASK_COLOR, linewidth=0, label="_masked")
            rules.guide(masked)
        ax.xaxis_date()
        ax.set_ylim(0, 1)
        ax.yaxis.set_major_formatter(percent_axis())
        ax.set_ylabel(ylabel)
        ax.grid(axis="x", visible=False)
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    found = {}
    for ax in axes:  # the legend of every part drawn in any panel (the first may be empty)
        for h, n in zip(*ax.get_legend_handles_labels()):
            found.setdefault(n, h)
    names = [prose.safe_text(c) for c in order if prose.safe_text(c) in found]  # in the given order
    handles = [found[n] for n in names]
    if total is not None and min_total > 0:
        handles.append(Patch(facecolor=MASK_COLOR, label=f"fewer than {min_total:,} {unit}: masked"))
        names.append(f"fewer than {min_total:,} {unit}: masked")
    if names:
        axes[0].legend(handles, names, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7.5)
    return fig


def daily_bars(table: pd.DataFrame, ops: Sequence[str], labels: Callable[[str], str], focus=None,
               ylabel: str = "tweets per day") -> plt.Figure:
    """Tweets per day per operation, with the focus days highlighted (a case-study window), on one axis."""
    present = [op for op in ops if (table["op"] == op).any()]
    fig, axes = panels(max(len(present), 1), ncols=1, height=max(3.0, 2.2 * len(present)), sharey=True)
    colors = _mark(fig, ops)
    if not present:
        axes[0].text(0.5, 0.5, "no data", transform=axes[0].transAxes, ha="center", color="#666")
        axes[0].set_title(", ".join(_name(labels, op) for op in ops), loc="left")
    for ax, op in zip(axes, present):
        t = table[table["op"] == op].sort_values("day")
        ax.bar(t["day"], t["tweets"], color=colors[op], width=0.8)
        rules.mark_op(ax, op)
        rules.compare(ax, ylabel, "y")
        if focus is not None:
            lo, hi = pd.Timestamp(focus[0]), pd.Timestamp(focus[1])
            band = ax.axvspan(lo - pd.Timedelta(hours=12), hi + pd.Timedelta(hours=12), color="#BBBBBB", alpha=0.35,
                              zorder=0, label="focus days")
            rules.guide(band)
            ax.legend(loc="upper left")
        ax.set_title(_name(labels, op), loc="left")
        ax.set_ylabel(ylabel)
        count_axis(ax.yaxis)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b\n%Y"))
    return fig


def dot_compare(table: pd.DataFrame, label: str, value: str, ops: Sequence[str], labels: Callable[[str], str],
                xlabel: str, percent: bool = True) -> plt.Figure:
    """One row per indicator, one dot per operation: where the operations differ at a glance."""
    order = list(dict.fromkeys(table[label]))
    fig, ax = plt.subplots(figsize=(WIDTH, 0.9 + 0.32 * len(order)))
    colors = _mark(fig, ops)
    y = {name: i for i, name in enumerate(order)}
    for op in ops:
        t = table[table["op"] == op]
        dots = ax.scatter(t[value].astype(float), [y[v] for v in t[label]], color=colors[op],
                          label=_name(labels, op), s=36, zorder=3)
        rules.mark_op(dots, op)
    rules.compare(ax, xlabel, "x", shares=percent)
    ax.set_yticks(range(len(order)), [_short(v, 60) for v in order])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    if percent:
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(percent_axis())
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig
