"""Figures of notebook 01: the operations side by side."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from helpers.metrics.core import KINDS
from helpers.present import prose
from helpers.present.plots.charts import Thousands
from helpers.present.plots.style import GREY, OKABE_ITO, WIDTH

KIND_COLORS = dict(zip(KINDS, ("#0072B2", "#E69F00", "#009E73", "#CC79A7")))


def release_overview(kinds: pd.DataFrame, overview: pd.DataFrame, ops: Sequence[str],
                     labels: Callable[[str], str]) -> plt.Figure:
    """Left: tweets per operation by kind. Right: accounts with and without tweets."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(WIDTH, 1.8 + 0.55 * len(ops)))
    y = np.arange(len(ops))
    names = [prose.safe_text(labels(op)) for op in ops]
    start = np.zeros(len(ops))
    for kind in KINDS:
        vals = np.array([kinds.loc[(kinds["op"] == op) & (kinds["kind"] == kind), "tweets"].sum() for op in ops],
                        dtype=float)
        left.barh(y, vals, left=start, color=KIND_COLORS[kind], label=kind)
        start += vals
    _finish_bars(left, y, names, "tweets", ncols=2)
    ov = overview.set_index("op").reindex(ops)
    with_t = ov["accounts_with_tweets"].to_numpy(dtype=float)
    without = np.nan_to_num(ov["accounts_without_tweets"].to_numpy(dtype=float))
    right.barh(y, with_t, color=OKABE_ITO[2], label="with tweets")
    right.barh(y, without, left=with_t, color=GREY, label="in users file, no tweets")
    _finish_bars(right, y, names, "accounts", ncols=1)
    return fig


def _finish_bars(ax, y, names: list[str], xlabel: str, ncols: int) -> None:
    """One operation per row, first at the top; thousands on the axis; the legend above the bars."""
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.xaxis.set_major_formatter(Thousands)
    ax.legend(ncols=ncols, loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=7.5)
    ax.grid(axis="y", visible=False)
