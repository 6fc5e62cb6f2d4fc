"""Figures of the cross-operation report (notebook 11): readable with the archive's 48 operations.

One row per operation at a fixed height (labels never overlap: the figure grows with the operations), the
catalog's labels on the left, features as columns. Draws what `helpers.metrics.fingerprint` and
`helpers.metrics.resemblance` return; computes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from helpers.present import prose
from helpers.present.plots.style import GREY, WIDTH, category_colors

ROW = 0.24          # inches per operation row
LIMIT = 3.0         # colour scale of z-scores: -LIMIT .. +LIMIT (beyond: the end colours)


def _height(rows: int, extra: float) -> float:
    return max(3.0, extra + ROW * rows)


def fingerprint_heatmap(long: pd.DataFrame, ops: Sequence[str], label: Callable[[str], str],
                        groups: Mapping[str, int] | None = None,
                        separators: Sequence[int] = ()) -> plt.Figure:
    """z-scores of `long` (op, feature, z) as a heatmap: operations as rows in the order of `ops`, features
    as columns in their order in `long`; unknown values in grey; the cluster number of `groups` at the
    right of each row; a line under row positions in `separators` (e.g. between disclosures)."""
    features = list(dict.fromkeys(long["feature"]))
    wide = long.pivot(index="op", columns="feature", values="z").reindex(index=list(ops), columns=features)
    z = wide.to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(WIDTH + 2.0, _height(len(ops), 4.0)))  # 4 in: title, upright labels, source
    cmap = plt.get_cmap("RdBu_r").with_extremes(bad="#DDDDDD")
    image = ax.imshow(np.ma.masked_invalid(z), cmap=cmap, vmin=-LIMIT, vmax=LIMIT, aspect="auto",
                      interpolation="nearest")
    ax.set_yticks(range(len(ops)), [prose.safe_text(label(op)) for op in ops], fontsize=7)
    # upright labels take one line's width each: slanted ones overlap their neighbours' boxes (rules.text)
    ax.set_xticks(range(len(features)), [prose.safe_text(f) for f in features], rotation=90, ha="center",
                  va="bottom", fontsize=7.5)
    ax.xaxis.set_ticks_position("top")
    ax.xaxis.set_label_position("top")
    ax.grid(False)
    for row in separators:
        ax.axhline(row - 0.5, color="#333333", linewidth=0.6)
    if groups:
        for i, op in enumerate(ops):
            if op in groups:
                ax.text(len(features) - 0.3, i, f"group {groups[op]}", va="center", ha="left", fontsize=6.5,
                        color="#333333")
    bar = fig.colorbar(image, ax=ax, fraction=0.03, pad=0.12 if groups else 0.02)
    bar.ax.set_title("z-score", fontsize=7.5, loc="left")   # grey (unknown) is said in the caption
    bar.ax.tick_params(labelsize=7)
    return fig


def dendrogram(tree: np.ndarray, ops: Sequence[str], label: Callable[[str], str],
               groups: Mapping[str, int]) -> plt.Figure:
    """The merge tree (rows a, b, distance, size; clusters 0..n-1 are `ops`) drawn sideways: one row per
    operation, leaves coloured by group, the distance of each merge on the x axis."""
    n = len(ops)
    fig, ax = plt.subplots(figsize=(WIDTH, _height(n, 1.6)))
    if n == 0:
        return fig
    children = {n + i: (int(a), int(b), float(h)) for i, (a, b, h, _) in enumerate(tree)}
    order: list[int] = []
    stack = [2 * n - 2] if n > 1 else [0]
    while stack:
        x = stack.pop()
        if x < n:
            order.append(x)
        else:
            a, b, _ = children[x]
            stack += [b, a]
    ypos: dict[int, float] = {leaf: float(i) for i, leaf in enumerate(order)}
    height: dict[int, float] = {leaf: 0.0 for leaf in range(n)}
    for x in sorted(children):
        a, b, h = children[x]
        ya, yb = ypos[a], ypos[b]
        ax.plot([height[a], h, h, height[b]], [ya, ya, yb, yb], color="#555555", linewidth=0.9)
        ypos[x], height[x] = (ya + yb) / 2, h
    # groups take Tol's colours: Okabe-Ito's mean operations (rules.colour)
    numbers = sorted(set(groups.values()))
    colors = dict(zip(numbers, category_colors([str(g) for g in numbers]).values()))
    for leaf, y in ((lf, ypos[lf]) for lf in order):
        ax.plot([0], [y], "o", color=colors.get(groups.get(ops[leaf], 0), GREY), markersize=4)
    ax.set_yticks([ypos[lf] for lf in order],
                  [prose.safe_text(f"{label(ops[lf])}  (group {groups.get(ops[lf], '?')})") for lf in order],
                  fontsize=7)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlabel("distance between standardised fingerprints (Ward's linkage)")
    ax.grid(axis="y", visible=False)
    return fig
