"""Per-account figures: how tweets and engagement are spread over an operation's accounts.

Draws what `helpers.metrics.concentration` returns; computes no statistic. The operations share each panel
(one value scale for all of them), on log axes, because the claim (a few accounts carry most of the
volume and the reach) lives in the tail.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import pandas as pd

from helpers.present import prose
from helpers.present.plots.style import GREY, HEIGHT, WIDTH, op_colors

TITLES = {"tweets": "Tweets per account", "engagement": "Engagement per account"}
XLABELS = {"tweets": "tweets posted (log scale)", "engagement": "engagement received (log scale)"}


def _log_percent(v: float, _pos=None) -> str:
    """Shares on a log axis: 0.1%, 1%, 10%, 100% (a percent formatter would print 0.1% as 0%)."""
    return f"{100 * v:.10g}%"


def _mark(ax: plt.Axes, points: pd.DataFrame, row: pd.Series, color: str) -> None:
    """A ring on the curve where the top accounts start (their smallest value)."""
    at = points[points["value"] == row["threshold"]]
    if row["threshold"] > 0 and len(at):
        ax.plot([row["threshold"]], [at["share_at_least"].iloc[0]], "o", ms=7, mfc="none", mec=color, mew=1.6,
                zorder=4)


def ccdf_top_share(points: pd.DataFrame, spread: pd.DataFrame, ops: Sequence[str], labels: Callable[[str], str],
                   fraction: float = 0.01) -> plt.Figure:
    """One panel per quantity (tweets, engagement), one step curve per operation: the share of accounts
    with at least x (log-log). Each operation's top `fraction` of accounts is marked on its curve and its
    share of the total written in the panel, in the operation's colour (`points` from `concentration.ccdf`,
    `spread` from `concentration.summary`). The shares sit bottom left and the legend top right: a CCDF on
    log-log axes falls from top left to bottom right, so those corners stay empty."""
    colors = op_colors(ops)
    fig, axes = plt.subplots(1, 2, figsize=(WIDTH, HEIGHT * 1.15), sharey=True, squeeze=False)
    for ax, quantity in zip(axes.flat, TITLES):
        shares = []
        for op in ops:
            p = points[(points["op"] == op) & (points["quantity"] == quantity)].sort_values("value")
            row = spread[(spread["op"] == op) & (spread["quantity"] == quantity)]
            if p.empty or row.empty:
                continue
            ax.step(p["value"].to_numpy(dtype=float), p["share_at_least"].to_numpy(dtype=float), where="post",
                    color=colors[op], lw=1.5, label=prose.safe_text(labels(op)))
            _mark(ax, p, row.iloc[0], colors[op])
            shares.append((f"{prose.pct(row.iloc[0]['top_share'])} of {quantity}", colors[op]))
        lines = [(f"top {prose.pct(fraction, 0)} of accounts (ring):", "#333333"), *shares] if shares else []
        for i, (text, color) in enumerate(reversed(lines)):  # stacked upwards from the bottom left
            ax.text(0.03, 0.04 + 0.075 * i, text, transform=ax.transAxes, color=color, fontsize=8,
                    fontweight="normal" if color == "#333333" else "bold", ha="left", va="bottom")
        ax.axhline(fraction, color=GREY, lw=0.8, ls=":", zorder=1)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(mticker.FuncFormatter(_log_percent))
        ax.set_title(TITLES[quantity], loc="left")
        ax.set_xlabel(XLABELS[quantity])
        if not shares:
            ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", color="#666")
    axes.flat[0].set_ylabel("share of accounts with at least x (log)")
    if axes.flat[0].get_legend_handles_labels()[0]:
        axes.flat[0].legend(loc="upper right", fontsize=8)
    return fig
