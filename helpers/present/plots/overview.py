"""Figures of notebook 01: the operations side by side."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import pandas as pd

from helpers.metrics.core import KINDS
from helpers.present.plots.charts import share_bars
from helpers.present.plots.style import GREY, KIND_COLORS, WIDTH

ACCOUNT_PARTS = ("with tweets", "in users file, no tweets")


def release_overview(kinds: pd.DataFrame, accounts: pd.DataFrame, ops: Sequence[str],
                     labels: Callable[[str], str], tweet_totals: dict[str, str] | None = None,
                     account_totals: dict[str, str] | None = None) -> plt.Figure:
    """Left: each operation's tweets by kind, as shares (a 100% bar per operation, so the smaller
    operation's split reads as well as the larger's; totals written under the names). Right: accounts
    with and without tweets, as shares; 'with tweets' in the operation's own colour.

    `kinds`: op, kind, share; `accounts`: op, part (ACCOUNT_PARTS), share."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(WIDTH, 2.6 + 0.7 * len(ops)))
    share_bars(left, kinds, "kind", ops, labels, KIND_COLORS, list(KINDS), "share of the operation's tweets",
               totals=tweet_totals)
    share_bars(right, accounts, "part", ops, labels, {ACCOUNT_PARTS[1]: GREY}, list(ACCOUNT_PARTS),
               "share of the operation's accounts", totals=account_totals, op_part=ACCOUNT_PARTS[0])
    return fig
