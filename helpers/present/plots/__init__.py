"""Figures: tidy tables in, matplotlib figures out, in one house style (`style`).

Plot functions never compute a statistic: they draw what `helpers.metrics` returns.
"""

from helpers.present.plots.style import apply_style, finish, language_colors, op_colors, save_figure

__all__ = ["apply_style", "finish", "language_colors", "op_colors", "save_figure"]
