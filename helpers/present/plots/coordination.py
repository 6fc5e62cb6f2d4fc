"""Figures of the coordination report (notebook 10): tidy tables from `helpers.coordination.report` in,
matplotlib figures out. They draw what the tables hold and compute nothing.

Colours: an operation keeps its colour (`op_colors`) and no other element uses it; real data are drawn in
black, the shuffled (timing-broken) copies in grey, so the eye compares real against chance everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from helpers.present import prose
from helpers.present.plots.charts import Thousands, _name, panels, percent_axis
from helpers.present.plots.style import GREY, HEIGHT, WIDTH, op_colors

REAL = "#000000"


def _symlog(ax, top: float, axis: str = "x") -> None:
    """Counts from 0 to `top` on one axis: linear up to 1, logarithmic beyond (zero stays visible, no room
    for negative counts, headroom above the largest marker)."""
    (ax.set_xscale if axis == "x" else ax.set_yscale)("symlog", linthresh=1.0)
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(Thousands)
    (ax.set_xlim if axis == "x" else ax.set_ylim)(-0.15, max(float(top), 1.0) * 2.0)


def real_vs_null(draws: pd.DataFrame, summary: pd.DataFrame, networks: Sequence[str]) -> plt.Figure:
    """Per network type (one row each): the pair count of every shuffled draw (grey dots) against the real
    count (black diamond), annotated with the summary's numbers (real, shuffled mean, pairs beyond chance).

    `draws`: network, series ('real' or 'shuffled'), draw, pairs. `summary`: one row per network with
    'pairs', 'pairs null mean', 'pairs surviving FDR' (the calibration table)."""
    fig, ax = plt.subplots(figsize=(WIDTH, 0.9 + 0.55 * max(len(networks), 1)))
    rng = np.random.default_rng(0)      # vertical jitter of the grey dots only (the values are exact)
    notes = summary.set_index("network") if len(summary) else summary
    for i, network in enumerate(networks):
        d = draws[draws["network"] == network]
        null = d[d["series"] == "shuffled"]["pairs"].to_numpy(dtype=float)
        real = d[d["series"] == "real"]["pairs"].to_numpy(dtype=float)
        ax.scatter(null, i + rng.uniform(-0.18, 0.18, len(null)), s=12, color=GREY, alpha=0.7, zorder=2,
                   label="shuffled copies (one dot per draw)" if i == 0 else None)
        ax.scatter(real, [i] * len(real), marker="D", s=42, color=REAL, zorder=3,
                   label="real data" if i == 0 else None)
        if network in getattr(notes, "index", []):
            n = notes.loc[network]
            ax.annotate(f"real {int(n['pairs']):,} · shuffled mean {float(n['pairs null mean']):,.1f} · "
                        f"{int(n['pairs surviving FDR']):,} beyond chance", (1.0, i),
                        xycoords=("axes fraction", "data"),
                        xytext=(-4, 9), textcoords="offset points", ha="right", fontsize=7.5, color="#333")
    ax.set_yticks(range(len(networks)), [prose.safe_text(n) for n in networks])
    ax.set_ylim(len(networks) - 0.4, -0.6)
    _symlog(ax, draws["pairs"].max() if len(draws) else 1.0, "x")
    ax.set_xlabel("account pairs at or above the minimum weight (symmetric log scale)")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=2, fontsize=7.5)
    return fig


def coverage_shares(table: pd.DataFrame, ops: Sequence[str], labels: Callable[[str], str],
                    networks: Sequence[str]) -> plt.Figure:
    """Share of each operation's accounts (left) and tweets (right) in pairs beyond chance, per network type:
    grouped bars in the operations' colours, one value scale for both panels and every operation.

    `table`: op, network, measure ('accounts' or 'tweets'), share."""
    colors = op_colors(ops)
    fig, axes = panels(2, ncols=2, height=max(2.6, 1.0 + 0.45 * len(networks)), sharey=True)
    top = float(np.nanmax(table["share"].to_numpy(dtype=float))) if len(table) else 0.0
    height = 0.8 / max(len(ops), 1)
    for ax, measure in zip(axes, ("accounts", "tweets")):
        t = table[table["measure"] == measure]
        for k, op in enumerate(ops):
            s = t[t["op"] == op].set_index("network").reindex(networks)
            y = np.arange(len(networks)) - 0.4 + height * (k + 0.5)
            ax.barh(y, s["share"].fillna(0).to_numpy(dtype=float), height=height * 0.95, color=colors[op],
                    label=_name(labels, op))
        ax.set_yticks(range(len(networks)), [prose.safe_text(n) for n in networks])
        ax.invert_yaxis()
        ax.set_xlim(0, max(top * 1.1, 0.01))
        ax.xaxis.set_major_formatter(percent_axis())
        ax.set_title(f"share of the operation's {measure}", loc="left")
        ax.grid(axis="y", visible=False)
    axes[1].legend(loc="lower right", fontsize=7.5)
    return fig


def window_sweep(table: pd.DataFrame, networks: Sequence[str]) -> plt.Figure:
    """Per network type: pairs at each window (1 s to 1 h, log x), real (black) against the mean of the
    shuffled copies (grey, dashed).

    `table`: network, window (s), series ('real' or 'shuffled mean'), pairs."""
    fig, axes = panels(len(networks), ncols=min(len(networks), 3), sharex=True,
                       height=HEIGHT * (0.8 if len(networks) <= 3 else 1.5))
    for ax, network in zip(axes, networks):
        t = table[table["network"] == network]
        for series, color, style in (("real", REAL, "-"), ("shuffled mean", GREY, "--")):
            s = t[t["series"] == series].sort_values("window (s)")
            ax.plot(s["window (s)"], s["pairs"], style, color=color, marker="o", ms=3, lw=1.3,
                    label="real data" if series == "real" else "shuffled copies (mean)")
        ax.set_xscale("log")
        _symlog(ax, t["pairs"].max() if len(t) else 1.0, "y")
        ax.set_title(prose.safe_text(network), loc="left")
        ax.set_xlabel("window (s, log scale)")
        ax.set_ylabel("account pairs")
        if t.empty:
            ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", color="#666")
    axes[0].legend(loc="upper left", fontsize=7.5)
    return fig
