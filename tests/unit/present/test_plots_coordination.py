"""helpers.present.plots.coordination: the coordination report's figures draw exactly the tables they get,
real data in black, shuffled copies in grey, each operation in its own colour on one value scale."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from helpers.present.plots import coordination as cp  # noqa: E402
from helpers.present.plots.style import GREY, op_colors  # noqa: E402

LABELS = {"ira": "IRA (Russia)", "iranian": "Iran"}.get
NETWORKS = ["co_retweet", "co_link"]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_real_vs_null_draws_every_draw_grey_and_the_real_count_black_with_its_numbers():
    draws = pd.DataFrame({"network": ["co_retweet"] * 4 + ["co_link"] * 3,
                          "series": ["real", "shuffled", "shuffled", "shuffled", "real", "shuffled", "shuffled"],
                          "pairs": [176, 0, 1, 2, 31, 0, 0]})
    summary = pd.DataFrame({"network": NETWORKS, "pairs": [176, 31], "pairs null mean": [1.0, 0.0],
                            "pairs surviving FDR": [170, 30]})
    fig = cp.real_vs_null(draws, summary, NETWORKS)
    ax = fig.axes[0]
    grey, black = [c for c in ax.collections if to_hex(c.get_facecolor()[0]) == GREY.lower()], \
        [c for c in ax.collections if to_hex(c.get_facecolor()[0]) == "#000000"]
    assert sorted(np.concatenate([c.get_offsets()[:, 0] for c in grey]).tolist()) == [0, 0, 0, 1, 2]
    real = np.concatenate([c.get_offsets() for c in black])
    assert real[:, 0].tolist() == [176, 31] and real[:, 1].tolist() == [0, 1]       # on its network's row
    texts = [t.get_text() for t in ax.texts]
    assert "real 176 · shuffled mean 1.0 · 170 beyond chance" in texts and len(texts) == 2
    assert [t.get_text() for t in ax.get_yticklabels()] == NETWORKS


def test_coverage_shares_one_scale_for_both_panels_and_a_colour_per_operation():
    t = pd.DataFrame({"op": ["ira", "iranian"] * 4, "network": ["co_retweet"] * 4 + ["co_link"] * 4,
                      "measure": ["accounts", "accounts", "tweets", "tweets"] * 2,
                      "share": [0.011, 0.010, 0.063, 0.008, 0.005, 0.006, 0.002, 0.0009]})
    fig = cp.coverage_shares(t, ["ira", "iranian"], LABELS, NETWORKS)
    left, right = fig.axes[:2]
    assert left.get_xlim() == right.get_xlim() and left.get_xlim()[1] == pytest.approx(0.063 * 1.1)
    colors = op_colors(["ira", "iranian"])
    for ax, measure in ((left, "accounts"), (right, "tweets")):
        bars = [p for p in ax.patches if isinstance(p, Rectangle)]
        drawn = {(to_hex(b.get_facecolor()), round(b.get_width(), 6)) for b in bars}
        rows = t[t["measure"] == measure][["op", "share"]].itertuples(index=False)
        want = {(colors[o].lower(), round(s, 6)) for o, s in rows}
        assert drawn == want
    assert [t.get_text() for t in right.get_legend().get_texts()] == ["IRA (Russia)", "Iran"]


def test_window_sweep_real_black_shuffled_grey_on_a_log_window_axis():
    t = pd.DataFrame({"network": ["co_retweet"] * 4, "window (s)": [1, 3600, 1, 3600],
                      "series": ["real", "real", "shuffled mean", "shuffled mean"], "pairs": [150, 400, 0.0, 35.5]})
    fig = cp.window_sweep(t, ["co_retweet"])
    ax = fig.axes[0]
    lines = {to_hex(line.get_color()): line for line in ax.get_lines()}
    assert list(lines["#000000"].get_ydata()) == [150, 400]
    assert list(lines[GREY.lower()].get_ydata()) == [0.0, 35.5] and lines[GREY.lower()].get_linestyle() == "--"
    assert ax.get_xscale() == "log" and ax.get_yscale() == "symlog"


def test_count_axes_start_at_zero_and_leave_room_above_the_largest_count():
    draws = pd.DataFrame({"network": ["co_reply"] * 2, "series": ["real", "shuffled"], "pairs": [17, 0]})
    summary = pd.DataFrame({"network": ["co_reply"], "pairs": [17], "pairs null mean": [0.0],
                            "pairs surviving FDR": [17]})
    lo, hi = cp.real_vs_null(draws, summary, ["co_reply"]).axes[0].get_xlim()
    assert -1 < lo < 0 and hi > 17
