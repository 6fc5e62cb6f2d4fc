"""helpers.present.plots.accounts: the per-account CCDF draws the table it gets, marks the claim, and keeps
its annotations apart and inside the panels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from helpers.metrics import concentration  # noqa: E402
from helpers.present.plots import accounts, style  # noqa: E402

LABELS = {"ira": "IRA (Russia)", "iranian": "Iran"}.get


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _tables(frames):
    rows = [{"op": "ira", "userid": "big", "like_count": 50}] * 300
    rows += [{"op": "ira", "userid": f"u{i}", "like_count": i % 3} for i in range(199)]
    rows += [{"op": "iranian", "userid": f"v{i % 40}", "like_count": 1} for i in range(400)]
    per = concentration.per_account(frames.tweets(rows, ops=["ira", "iranian"]))
    return concentration.ccdf(per), concentration.summary(per)


def test_both_operations_share_each_log_log_panel(frames):
    points, spread = _tables(frames)
    style.apply_style()
    fig = accounts.ccdf_top_share(points, spread, ["ira", "iranian"], LABELS)
    left, right = fig.axes
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["Tweets per account", "Engagement per account"]
    for ax in fig.axes:
        assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
        curves = [line for line in ax.get_lines() if line.get_linestyle() == "-"]
        assert [c.get_label() for c in curves] == ["IRA (Russia)", "Iran"]
    assert left.get_shared_y_axes().joined(left, right)  # one value scale for the share of accounts
    ira = points[(points["op"] == "ira") & (points["quantity"] == "tweets")]
    assert list(left.get_lines()[0].get_xdata()) == ira["value"].tolist()


def test_the_top_share_is_written_and_marked_on_each_curve(frames):
    points, spread = _tables(frames)
    fig = accounts.ccdf_top_share(points, spread, ["ira", "iranian"], LABELS)
    texts = [t.get_text() for t in fig.axes[0].texts]
    top = spread[(spread["op"] == "ira") & (spread["quantity"] == "tweets")].iloc[0]
    assert top["top_accounts"] == 2  # 1% of 200 accounts
    assert "60.3% of tweets" in texts and texts[-1] == "top 1% of accounts (ring):", texts
    rings = [line for line in fig.axes[0].get_lines() if line.get_marker() == "o"]
    assert [float(r.get_xdata()[0]) for r in rings] == [top["threshold"], 10.0]


def test_annotations_stay_inside_and_apart(frames):
    points, spread = _tables(frames)
    style.apply_style()
    fig = accounts.ccdf_top_share(points, spread, ["ira", "iranian"], LABELS)
    style.finish(fig, "Tweets and engagement per account", "Data: x.csv", synthetic=False)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    canvas = fig.bbox
    for ax in fig.axes:
        boxes = [t.get_window_extent(renderer) for t in ax.texts]
        for b in boxes:
            assert ax.bbox.contains(b.x0, b.y0) and ax.bbox.contains(b.x1, b.y1)
            assert canvas.contains(b.x0, b.y0) and canvas.contains(b.x1, b.y1)
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not a.overlaps(b)


def test_an_operation_without_rows_is_left_out_and_an_empty_table_says_so(frames):
    points, spread = _tables(frames)
    fig = accounts.ccdf_top_share(points, spread, ["ira", "venezuela"], LABELS)
    assert len([t for t in fig.axes[0].texts if t.get_text().endswith("of tweets")]) == 1
    empty = accounts.ccdf_top_share(points.iloc[:0], spread.iloc[:0], ["ira"], LABELS)
    assert [t.get_text() for t in empty.axes[0].texts] == ["no data"]
