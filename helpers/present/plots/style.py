"""The house style: one look for every figure, one `save_figure`.

Colour-blind-safe colours (Okabe & Ito 2008), print-readable sizes (7 in wide at 9-10 pt), a title,
axis labels with units, a source line, and, when the data are the synthetic sample, a visible mark.
Files are written without creation dates, so a rerun on the same data leaves git clean.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # figures are files first; notebooks show the saved PNG
import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402

from helpers import files  # noqa: E402
from helpers.present import prose  # noqa: E402
from helpers.present.plots.rules import WATERMARK_GID  # noqa: E402

# Okabe-Ito, reordered so that the first two (the two October 2018 operations) differ in lightness too.
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
GREY = "#8C8C8C"
# Fixed colours for the operations and the languages, so a colour means the same thing everywhere: the
# operations take Okabe-Ito, the languages a disjoint palette (Paul Tol's colour-blind-safe "muted" and
# "light" schemes, 2021), so that no language is drawn in an operation's colour.
OP_COLORS = {"ira": "#D55E00", "iranian": "#0072B2"}
TOL = ("#332288", "#CC6677", "#117733", "#DDCC77", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499",
       "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00")
LANGUAGE_COLORS = {"en": "#332288", "ru": "#CC6677", "ar": "#117733", "fa": "#DDCC77", "fr": "#88CCEE",
                   "es": "#882255", "tr": "#44AA99", "zh": "#999933", "in": "#AA4499", "und": "#BBBBBB",
                   "(empty)": "#555555", "other": GREY}
# Everything that is not an operation (kinds of tweets, original/retweet, app classes, creation cohorts,
# accounts with or without tweets) takes Tol's colours, never Okabe-Ito's: an operation's colour means
# that operation and nothing else (rules.colour). One meaning, one colour, in every figure.
KIND_COLORS = {"original": "#332288", "retweet": "#DDCC77", "reply": "#44AA99", "quote": "#AA4499"}
PART_COLORS = {"other": KIND_COLORS["original"], "retweets": KIND_COLORS["retweet"]}
NONE_COLOR = "#FFFFFF"     # a heatmap cell with nothing in it
MASK_COLOR = "#D9D9D9"     # a cell or month resting on too few items to show a share


def category_colors(keys: Iterable[str], fixed: dict[str, str] | None = None) -> dict[str, str]:
    """A colour per category that is not an operation: fixed ones first, then Tol's palettes in order
    (never an operation's Okabe-Ito colour)."""
    return _assign(keys, fixed or {}, TOL)


WIDTH = 7.0          # inches: a full text width in print
HEIGHT = 3.6
SYNTHETIC_MARK = prose.SYNTHETIC_MARK   # the one wording: helpers.present.prose

RC = {
    "figure.figsize": (WIDTH, HEIGHT), "figure.dpi": 100, "savefig.dpi": 200,
    "font.size": 9.5, "axes.titlesize": 11, "axes.titleweight": "bold", "axes.labelsize": 9.5,
    "xtick.labelsize": 8.5, "ytick.labelsize": 8.5, "legend.fontsize": 8.5, "legend.frameon": False,
    "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.3,
    "svg.hashsalt": "trolltracker", "svg.fonttype": "none", "pdf.fonttype": 42,
    "font.family": "DejaVu Sans",
}


def apply_style() -> None:
    """Set the house style for every figure drawn after this call."""
    sns.set_theme(context="paper", style="whitegrid", palette=list(OKABE_ITO), rc=RC)
    plt.rcParams.update(RC)


def _assign(keys: Iterable[str], fixed: dict[str, str], palette: Sequence[str]) -> dict[str, str]:
    """Fixed colours where a key has one; the others take the unused colours of `palette` in order."""
    spare = [c for c in palette if c not in fixed.values()]
    out, i = {}, 0
    for key in keys:
        if key in fixed:
            out[key] = fixed[key]
        else:
            out[key] = spare[i % len(spare)]
            i += 1
    return out


def op_colors(ops: Sequence[str]) -> dict[str, str]:
    """A colour per operation: fixed for the known ones, then the palette in order."""
    return _assign(ops, OP_COLORS, OKABE_ITO)


def language_colors(languages: Iterable[str]) -> dict[str, str]:
    """A colour per language, never one of the operations' (Okabe-Ito): fixed for the common ones, the
    rest of Tol's palettes in order for the others (cycling only beyond 17 languages)."""
    return _assign(languages, LANGUAGE_COLORS, TOL)


def finish(fig: plt.Figure, title: str, source: str, synthetic: bool, synthetic_note: str | None = None) -> None:
    """Title, source line and (synthetic data) the mark; call once per figure before saving.
    `synthetic_note` says what the synthetic data is (`prose.synthetic_figure_note`; default: the sample's)."""
    head = fig.suptitle(title, x=0.01, ha="left", fontsize=11.5, fontweight="bold")
    note = source
    if synthetic:
        note = f"{SYNTHETIC_MARK} ({synthetic_note or prose.synthetic_figure_note(None)}). {note}"
        watermark(fig)
    foot = fig.text(0.01, 0.005, note, fontsize=7, color="#444444", ha="left", va="bottom", wrap=True)
    # the panels fit between the title and the source line as rendered (a wrapped source line takes two)
    renderer = fig.canvas.get_renderer()
    height = fig.bbox.height
    bottom = foot.get_window_extent(renderer).y1 / height + 0.01
    top = head.get_window_extent(renderer).y0 / height - 0.01
    fig.tight_layout(rect=(0, bottom, 1, top))


def watermark(fig: plt.Figure) -> None:
    """The synthetic mark behind the data: below every panel (zorder), whose backgrounds are made
    see-through so that it shows between the bars and lines without washing over them (rules.watermark)."""
    for ax in fig.axes:
        ax.patch.set_alpha(0.0)
    fig.text(0.5, 0.5, "SYNTHETIC SAMPLE", fontsize=42, color="#E6E6E6", rotation=20, ha="center",
             va="center", fontweight="bold", zorder=-10, gid=WATERMARK_GID)


_METADATA = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None},
             "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None}}


def save_figure(fig: plt.Figure, name: str, out_dir: str | os.PathLike,
                formats: Sequence[str] = ("png", "svg")) -> list[Path]:
    """Write `out_dir/<name>.<format>` for each format, deterministically (no dates, fixed ids), also
    when `apply_style` was not called."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        path = out_dir / f"{name}.{fmt}"
        # fixed SVG ids, not random ones
        with files.replacing(path) as tmp, plt.rc_context({"svg.hashsalt": RC["svg.hashsalt"]}):
            fig.savefig(tmp, format=fmt, metadata=_METADATA.get(fmt), bbox_inches=None, facecolor="white")
        written.append(path)
    return written
