"""Generic charts for tidy tables with an `op` column: one panel per operation, shared house style.

Each function returns a matplotlib Figure and draws only what the table holds. Labels taken from data
go through `prose.safe_text` (matplotlib would otherwise read `$...$` as mathtext).
"""

from __future__ import annotations

from typing import Callable, Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd

from helpers import prose
from helpers.plots.style import HEIGHT, WIDTH, op_colors

PercentAxis = mticker.PercentFormatter(xmax=1.0, decimals=0)
Thousands = mticker.FuncFormatter(lambda v, _: f"{v:,.0f}")


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
    rows = min(max_bars, int(table.groupby("op", observed=True).size().max() or 1))
    fig, axes = panels(len(ops), height=height or max(2.6, 0.9 + 0.2 * rows), sharex=sharex)
    for ax, op in zip(axes, ops):
        t = table[table["op"] == op].sort_values("rank").head(max_bars)
        y = np.arange(len(t))
        ax.barh(y, t[value].to_numpy(dtype=float), color=colors[op])
        ax.set_yticks(y, [prose.safe_text(v) for v in t[label]])
        ax.invert_yaxis()
        ax.set_title(labels(op), loc="left")
        ax.set_xlabel(xlabel)
        ax.xaxis.set_major_formatter(PercentAxis if percent else Thousands)
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
        ax.set_title(labels(op), loc="left")
        ax.set_ylabel(ylabel)
        if logy:
            ax.set_yscale("log")
        ax.yaxis.set_major_formatter(PercentAxis if percent else Thousands)
        if t.empty:
            ax.text(0.5, 0.5, "no data in the date range", transform=ax.transAxes, ha="center", color="#666")
        if pd.api.types.is_datetime64_any_dtype(t[x]):
            ax.xaxis.set_major_locator(mdates.YearLocator())
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    handles, names = [], []
    for ax in axes:
        for h, n in zip(*ax.get_legend_handles_labels()):
            if n not in names:
                handles.append(h)
                names.append(n)
    if handles:
        axes[0].legend(handles, names, ncols=min(len(names), 8), loc="upper left", bbox_to_anchor=(0, 1.0),
                       fontsize=8)
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
        ax.set_xticks(xs, [str(v) for v in t.index], rotation=90 if len(t) > 8 else 0)
        ax.set_title(labels(op), loc="left")
        ax.set_ylabel(ylabel)
        ax.set_xlabel(xlabel)
        ax.yaxis.set_major_formatter(PercentAxis if percent else Thousands)
        ax.grid(axis="x", visible=False)
    axes[0].legend(loc="upper left", fontsize=8)
    return fig
