"""Generic charts for tidy tables with an `op` column: one panel per operation, shared house style.

Each function returns a matplotlib Figure and draws only what the table holds. Labels taken from data
go through `prose.safe_text` (matplotlib would otherwise read `$...$` as mathtext).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd

from helpers.present import prose
from helpers.present.plots.style import HEIGHT, WIDTH, op_colors


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


def barh_by_op(table: pd.DataFrame, label: str, value: str, ops: Sequence[str], labels: Callable[[str], str],
               xlabel: str, percent: bool = False, max_bars: int = 20, height: float | None = None,
               sharex: bool = False) -> plt.Figure:
    """Ranked horizontal bars per operation (a top-N table: op, rank, <label>, <value>)."""
    colors = op_colors(ops)
    sizes = table.groupby("op", observed=True).size()
    rows = min(max_bars, int(sizes.max()) if len(sizes) else 1)
    fig, axes = panels(len(ops), height=height or max(2.6, 0.9 + 0.2 * rows), sharex=sharex)
    for ax, op in zip(axes, ops):
        t = table[table["op"] == op].sort_values("rank").head(max_bars)
        y = np.arange(len(t))
        ax.barh(y, t[value].to_numpy(dtype=float), color=colors[op])
        ax.set_yticks(y, [prose.safe_text(v) for v in t[label]])
        ax.invert_yaxis()
        ax.set_title(_name(labels, op), loc="left")
        ax.set_xlabel(xlabel)
        ax.xaxis.set_major_formatter(percent_axis() if percent else Thousands)
        ax.grid(axis="y", visible=False)
        if t.empty:
            ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", color="#666")
    return fig


def lines_by_op(table: pd.DataFrame, x: str, y: str, hue: str, ops: Sequence[str], labels: Callable[[str], str],
                colors: dict[str, str], ylabel: str, hue_order: Sequence[str] | None = None,
                percent: bool = False, sharey: bool = False, logy: bool = False, ncols: int = 1,
                height: float | None = None) -> plt.Figure:
    """One panel per operation, one line per value of `hue` (e.g. monthly tweets per language)."""
    fig, axes = panels(len(ops), ncols=ncols, sharey=sharey, sharex=True,
                       height=height or max(2.8, 2.3 * int(np.ceil(len(ops) / ncols))))
    order = list(hue_order) if hue_order is not None else sorted(table[hue].unique())
    for ax, op in zip(axes, ops):
        t = table[table["op"] == op]
        for value in order:
            s = t[t[hue] == value].sort_values(x)
            if s.empty:
                continue
            ax.plot(s[x], s[y], label=prose.safe_text(value), color=colors.get(value), lw=1.3)
        ax.set_title(_name(labels, op), loc="left")
        ax.set_ylabel(ylabel)
        if logy:
            ax.set_yscale("log")
        ax.yaxis.set_major_formatter(percent_axis() if percent else Thousands)
        if t.empty:
            ax.text(0.5, 0.5, "no data in the date range", transform=ax.transAxes, ha="center", color="#666")
        if pd.api.types.is_datetime64_any_dtype(t[x]):
            ax.xaxis.set_major_locator(mdates.YearLocator())
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    found = {}
    for ax in axes:
        for h, n in zip(*ax.get_legend_handles_labels()):
            found.setdefault(n, h)
    names = [prose.safe_text(v) for v in order if prose.safe_text(v) in found]
    if names:
        axes[0].legend([found[n] for n in names], names, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                       fontsize=8, ncols=1)
    return fig


def stacked_bars_by_op(table: pd.DataFrame, x: str, y: str, stack: str, ops: Sequence[str],
                       labels: Callable[[str], str], colors: dict[str, str], stack_order: Sequence[str],
                       ylabel: str, xlabel: str = "", percent: bool = False) -> plt.Figure:
    """Stacked bars per operation (e.g. tweets per year split into retweets and other tweets)."""
    fig, axes = panels(len(ops))
    for ax, op in zip(axes, ops):
        t = table[table["op"] == op].pivot_table(index=x, columns=stack, values=y, aggfunc="sum",
                                                 observed=True).fillna(0)
        bottom = np.zeros(len(t))
        xs = np.arange(len(t))
        for part in stack_order:
            if part not in t.columns:
                continue
            vals = t[part].to_numpy(dtype=float)
            ax.bar(xs, vals, bottom=bottom, color=colors.get(part), label=prose.safe_text(part), width=0.8)
            bottom += vals
        ax.set_xticks(xs, [prose.safe_text(v) for v in t.index], rotation=90 if len(t) > 8 else 0)
        ax.set_title(_name(labels, op), loc="left")
        ax.set_ylabel(ylabel)
        ax.set_xlabel(xlabel)
        ax.yaxis.set_major_formatter(percent_axis() if percent else Thousands)
        ax.grid(axis="x", visible=False)
        if t.empty:
            ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", color="#666")
    if axes[0].get_legend_handles_labels()[0]:
        axes[0].legend(loc="upper left", fontsize=8)
    return fig


def curves_by_metric(table: pd.DataFrame, x: str, y: str, metrics: Sequence[str], metric_col: str,
                     ops: Sequence[str], labels: Callable[[str], str], xlabel: str, ylabel: str,
                     logx: bool = True, logy: bool = False, percent_y: bool = True, step: bool = True,
                     titles: dict[str, str] | None = None) -> plt.Figure:
    """One panel per metric, one curve per operation (e.g. CDFs of followers and following)."""
    colors = op_colors(ops)
    fig, axes = panels(len(metrics), ncols=min(len(metrics), 2 if len(metrics) == 4 else 3),
                       height=HEIGHT if len(metrics) <= 3 else HEIGHT * 1.6)
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
                ax.step(xs, ys, where="post", color=colors[op], label=_name(labels, op), lw=1.4)
            else:
                ax.plot(xs, ys, color=colors[op], label=_name(labels, op), lw=1.4)
        if logx:
            ax.set_xscale("log")
        if logy:
            ax.set_yscale("log")
        if percent_y and not logy:
            ax.yaxis.set_major_formatter(percent_axis())
        ax.set_title((titles or {}).get(metric, metric), loc="left")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
    if axes[0].get_legend_handles_labels()[0]:
        axes[0].legend(loc="best")
    return fig


def heatmap_by_op(table: pd.DataFrame, row: str, col: str, value: str, ops: Sequence[str],
                  labels: Callable[[str], str], xlabel: str, ylabel: str, row_labels=None, col_labels=None,
                  percent: bool = True, cmap: str = "viridis", height: float | None = None) -> plt.Figure:
    """A heatmap per operation (e.g. hour of day x day of week, or hashtag x year)."""
    fig, axes = panels(len(ops), ncols=1, height=height or max(2.6, 2.2 * len(ops)))
    for ax, op in zip(axes, ops):
        t = table[table["op"] == op].pivot_table(index=row, columns=col, values=value, aggfunc="sum",
                                                 observed=True)
        if t.empty:
            ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", color="#666")
            ax.set_title(_name(labels, op), loc="left")
            continue
        if row_labels is not None:
            t = t.reindex([r for r in row_labels if r in t.index])
        im = ax.imshow(t.to_numpy(dtype=float), aspect="auto", cmap=cmap, interpolation="nearest")
        ax.set_yticks(range(len(t.index)), [prose.safe_text(str(r)) for r in t.index])
        step = max(1, len(t.columns) // 24)
        ax.set_xticks(range(0, len(t.columns), step),
                      [prose.safe_text(str((col_labels or {}).get(c, c))) for c in t.columns[::step]])
        ax.set_title(_name(labels, op), loc="left")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.grid(False)
        cb = fig.colorbar(im, ax=ax, fraction=0.03, pad=0.01)
        if percent:
            cb.ax.yaxis.set_major_formatter(mticker.PercentFormatter(xmax=1.0, decimals=1))
    return fig


def area_shares_by_op(table: pd.DataFrame, x: str, part: str, value: str, ops: Sequence[str],
                      labels: Callable[[str], str], colors: dict[str, str], order: Sequence[str],
                      ylabel: str = "share of tweets") -> plt.Figure:
    """Stacked areas of shares over time per operation (e.g. client classes or tweet kinds per month)."""
    fig, axes = panels(len(ops), ncols=1, sharex=True, height=max(2.8, 2.2 * len(ops)))
    for ax, op in zip(axes, ops):
        t = table[table["op"] == op].pivot_table(index=x, columns=part, values=value, aggfunc="sum",
                                                 observed=True).fillna(0)
        cols = [c for c in order if c in t.columns]
        ax.set_title(_name(labels, op), loc="left")
        if t.empty or not cols:
            ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", color="#666")
            continue
        ax.stackplot(t.index, *[t[c].to_numpy(dtype=float) for c in cols], labels=[prose.safe_text(c) for c in cols],
                     colors=[colors.get(c) for c in cols], alpha=0.9)
        ax.set_ylim(0, 1)
        ax.yaxis.set_major_formatter(percent_axis())
        ax.set_ylabel(ylabel)
        if pd.api.types.is_datetime64_any_dtype(t.index):
            ax.xaxis.set_major_locator(mdates.YearLocator())
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    found = {}
    for ax in axes:  # the legend of every part drawn in any panel (the first may be empty)
        for h, n in zip(*ax.get_legend_handles_labels()):
            found.setdefault(n, h)
    names = [prose.safe_text(c) for c in order if prose.safe_text(c) in found]  # in the given order
    if names:
        axes[0].legend([found[n] for n in names], names, loc="upper left", bbox_to_anchor=(1.0, 1.0),
                       fontsize=7.5)
    return fig


def daily_bars(table: pd.DataFrame, ops: Sequence[str], labels: Callable[[str], str], focus=None,
               ylabel: str = "tweets per day") -> plt.Figure:
    """Tweets per day per operation, with the focus days highlighted (a case-study window)."""
    colors = op_colors(ops)
    present = [op for op in ops if (table["op"] == op).any()]
    fig, axes = panels(max(len(present), 1), ncols=1, height=max(2.4, 2.0 * len(present)))
    if not present:
        axes[0].text(0.5, 0.5, "no data", transform=axes[0].transAxes, ha="center", color="#666")
        axes[0].set_title(", ".join(_name(labels, op) for op in ops), loc="left")
    for ax, op in zip(axes, present):
        t = table[table["op"] == op].sort_values("day")
        ax.bar(t["day"], t["tweets"], color=colors[op], width=0.8)
        if focus is not None:
            lo, hi = pd.Timestamp(focus[0]), pd.Timestamp(focus[1])
            ax.axvspan(lo - pd.Timedelta(hours=12), hi + pd.Timedelta(hours=12), color="#F0E442", alpha=0.35,
                       zorder=0, label="focus days")
            ax.legend(loc="upper left")
        ax.set_title(_name(labels, op), loc="left")
        ax.set_ylabel(ylabel)
        ax.yaxis.set_major_formatter(Thousands)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b\n%Y"))
    return fig


def dot_compare(table: pd.DataFrame, label: str, value: str, ops: Sequence[str], labels: Callable[[str], str],
                xlabel: str, percent: bool = True) -> plt.Figure:
    """One row per indicator, one dot per operation: where the operations differ at a glance."""
    colors = op_colors(ops)
    order = list(dict.fromkeys(table[label]))
    fig, ax = plt.subplots(figsize=(WIDTH, 0.9 + 0.32 * len(order)))
    y = {name: i for i, name in enumerate(order)}
    for op in ops:
        t = table[table["op"] == op]
        ax.scatter(t[value].astype(float), [y[v] for v in t[label]], color=colors[op], label=_name(labels, op),
                   s=36, zorder=3)
    ax.set_yticks(range(len(order)), [prose.safe_text(v) for v in order])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    if percent:
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(percent_axis())
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig
