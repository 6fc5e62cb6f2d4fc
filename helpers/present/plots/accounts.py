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
XLABELS = {"tweets": "tweets posted by the account (log scale)",
           "engagement": "likes + retweets + replies + quotes received (log scale)"}


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
    share of the total written in the panel (`points` from `concentration.ccdf`, `spread` from
    `concentration.summary`)."""
    colors = op_colors(ops)
    top = prose.pct(fraction, 0)
    fig, axes = plt.subplots(1, 2, figsize=(WIDTH, HEIGHT * 1.15), sharey=True, squeeze=False)
    for ax, quantity in zip(axes.flat, TITLES):
        drawn = 0
        for op in ops:
            p = points[(points["op"] == op) & (points["quantity"] == quantity)].sort_values("value")
            row = spread[(spread["op"] == op) & (spread["quantity"] == quantity)]
            if p.empty or row.empty:
                continue
            name = prose.safe_text(labels(op))
            ax.step(p["value"].to_numpy(dtype=float), p["share_at_least"].to_numpy(dtype=float), where="post",
                    color=colors[op], lw=1.5, label=name)
            r = row.iloc[0]
            _mark(ax, p, r, colors[op])
            ax.text(0.03, 0.04 + 0.075 * drawn, f"{name}: {prose.pct(r['top_share'])} "
                    f"({prose.plural(r['top_accounts'], 'account')})", transform=ax.transAxes, color=colors[op],
                    fontsize=8, fontweight="bold", ha="left", va="bottom")
            drawn += 1
        ax.axhline(fraction, color=GREY, lw=0.8, ls=":", zorder=1)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(mticker.PercentFormatter(xmax=1.0, decimals=None))
        ax.set_title(TITLES[quantity], loc="left")
        ax.set_xlabel(XLABELS[quantity])
        if drawn:
            ax.text(0.03, 0.04 + 0.075 * drawn, f"held by the top {top} of accounts (ring):",
                    transform=ax.transAxes, color="#333333", fontsize=8, ha="left", va="bottom")
        else:
            ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", color="#666")
    axes.flat[0].set_ylabel("share of accounts with at least x (log)")
    if axes.flat[0].get_legend_handles_labels()[0]:
        axes.flat[0].legend(loc="upper right")
    return fig
