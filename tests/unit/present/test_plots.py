"""helpers.present.plots: each chart draws exactly the table it gets; the house style saves deterministic files."""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib import cbook  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from helpers.metrics import core  # noqa: E402
from helpers.present.plots import charts, overview, style  # noqa: E402

LABELS = {"ira": "IRA (Russia)", "iranian": "Iran", "venezuela": "Venezuela"}.get
OPS3 = ["ira", "iranian", "venezuela"]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def bars(ax):
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def ticks(labels):
    return [t.get_text() for t in labels]


def panel_texts(ax):
    return [t.get_text() for t in ax.texts]


def no_mathtext(text):
    return not cbook.is_math_text(text)


# ------------------------------------------------------------------------------------- charts

def test_barh_by_op_draws_each_ops_ranked_bars():
    table = pd.DataFrame({
        "op": ["ira"] * 3 + ["iranian"] * 2,
        "rank": [2, 1, 3, 1, 2],
        "value": ["en", "ru", "$USD$ news", "fa", "en"],
        "share": [0.3, 0.6, 0.1, 0.7, 0.3],
    })
    fig = charts.barh_by_op(table, "value", "share", OPS3, LABELS, "share of tweets", percent=True)
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert len(axes) == 3
    ira, iran, ven = axes
    assert ira.get_title(loc="left") == "IRA (Russia)" and ven.get_title(loc="left") == "Venezuela"
    assert [b.get_width() for b in bars(ira)] == pytest.approx([0.6, 0.3, 0.1])  # in rank order
    labels = ticks(ira.get_yticklabels())
    assert labels == ["ru", "en", r"\$USD\$ news"]  # the dollars are escaped, not mathtext
    assert all(no_mathtext(x) for x in labels)
    assert ira.yaxis_inverted()  # rank 1 at the top
    assert len(bars(iran)) == 2 and not bars(ven)
    assert "no data" in panel_texts(ven)


def test_barh_by_op_caps_bars_and_survives_an_empty_table():
    table = pd.DataFrame({"op": ["ira"] * 30, "rank": range(1, 31), "value": [f"v{i}" for i in range(30)],
                          "share": np.linspace(1, 0, 30)})
    fig = charts.barh_by_op(table, "value", "share", ["ira"], LABELS, "x", max_bars=5)
    assert len(bars(fig.axes[0])) == 5
    empty = pd.DataFrame(columns=["op", "rank", "value", "share"])
    fig = charts.barh_by_op(empty, "value", "share", ["ira"], LABELS, "x")
    assert not bars(fig.axes[0]) and "no data" in panel_texts(fig.axes[0])


def test_lines_by_op_one_line_per_value_legend_in_hue_order():
    months = pd.to_datetime(["2016-01-01", "2016-02-01", "2016-03-01"])
    table = pd.concat([
        pd.DataFrame({"op": "ira", "period": months, "lang": "ru", "tweets": [3, 2, 1]}),
        pd.DataFrame({"op": "ira", "period": months[:2], "lang": "$x$", "tweets": [1, 1]}),
        pd.DataFrame({"op": "iranian", "period": months, "lang": "fa", "tweets": [5, 5, 5]}),
    ], ignore_index=True)
    fig = charts.lines_by_op(table, "period", "tweets", "lang", OPS3, LABELS, {"ru": "#D55E00"}, "tweets",
                             hue_order=["fa", "ru", "$x$", "en"])
    ira, iran, ven = fig.axes
    assert [len(line.get_xdata()) for line in ira.get_lines()] == [3, 2]
    assert list(ira.get_lines()[0].get_ydata()) == [3, 2, 1]
    assert matplotlib.colors.to_hex(ira.get_lines()[0].get_color()) == "#d55e00"
    assert len(iran.get_lines()) == 1 and not ven.get_lines()
    assert "no data in the date range" in panel_texts(ven)
    legend = ticks(ira.get_legend().get_texts())
    assert legend == ["fa", "ru", r"\$x\$"]  # hue order, only drawn values, escaped
    assert all(no_mathtext(x) for x in legend)


def test_stacked_bars_by_op_stacks_in_order():
    table = pd.DataFrame({"op": ["ira"] * 4, "year": [2015, 2015, 2016, 2016],
                          "part": ["other", "retweets"] * 2, "n": [3, 1, 5, 2]})
    fig = charts.stacked_bars_by_op(table, "year", "n", "part", ["ira", "iranian"], LABELS,
                                    {"other": "#0072B2", "retweets": "#E69F00"}, ["other", "retweets"], "tweets")
    ira, iran = fig.axes
    rects = bars(ira)
    assert [r.get_height() for r in rects] == [3, 5, 1, 2]          # 'other' for both years, then retweets
    assert [r.get_y() for r in rects] == [0, 0, 3, 5]               # retweets sit on top of the others
    assert ticks(ira.get_xticklabels()) == ["2015", "2016"]
    assert ticks(ira.get_legend().get_texts()) == ["other", "retweets"]
    assert not bars(iran) and "no data" in panel_texts(iran)


def test_curves_by_metric_one_panel_per_metric_one_curve_per_op():
    table = pd.DataFrame({"op": ["ira", "ira", "ira", "iranian", "iranian"], "metric": ["likes"] * 5,
                          "value": [0, 1, 10, 1, 5], "share": [1.0, 0.5, 0.1, 0.4, 0.2]})
    table = pd.concat([table, table.assign(metric="quotes")], ignore_index=True)
    fig = charts.curves_by_metric(table, "value", "share", ["likes", "quotes"], "metric", ["ira", "iranian"],
                                  LABELS, "count", "share")
    assert len(fig.axes) == 2
    likes = fig.axes[0]
    assert likes.get_title(loc="left") == "likes" and likes.get_xscale() == "log"
    assert [len(line.get_xdata()) for line in likes.get_lines()] == [2, 2]  # the 0 cannot sit on a log axis
    assert ticks(likes.get_legend().get_texts()) == ["IRA (Russia)", "Iran"]


def test_heatmap_by_op_rows_in_the_given_order():
    rows = [{"op": "ira", "weekday": d, "hour": h, "share": (i + 1) / 100}
            for i, (d, h) in enumerate((d, h) for d in ("Mon", "Tue") for h in range(3))]
    table = pd.DataFrame(rows)
    fig = charts.heatmap_by_op(table, "weekday", "hour", "share", ["ira", "iranian"], LABELS, "hour", "",
                               row_labels=["Tue", "Mon", "Sun"])
    ira = fig.axes[0]
    image = ira.get_images()[0].get_array()
    assert image.shape == (2, 3)
    assert image[0].tolist() == pytest.approx([0.04, 0.05, 0.06])  # Tue first, as asked
    assert ticks(ira.get_yticklabels()) == ["Tue", "Mon"]
    iran = [ax for ax in fig.axes if ax.get_title(loc="left") == "Iran"][0]
    assert not iran.get_images() and "no data" in panel_texts(iran)
    tags = pd.DataFrame({"op": "ira", "tag": ["#$money$", "#b"], "year": [2016, 2017], "share": [0.5, 0.5]})
    fig = charts.heatmap_by_op(tags, "tag", "year", "share", ["ira"], LABELS, "year", "hashtag")
    assert ticks(fig.axes[0].get_yticklabels()) == [r"#\$money\$", "#b"]
    assert ticks(fig.axes[0].get_xticklabels()) == ["2016", "2017"]


def test_area_shares_by_op_titles_every_panel():
    months = pd.to_datetime(["2016-01-01", "2016-02-01"])
    table = pd.DataFrame({"op": "iranian", "period": list(months) * 2, "kind": ["a", "a", "b", "b"],
                          "share": [0.25, 0.5, 0.75, 0.5]})
    fig = charts.area_shares_by_op(table, "period", "kind", "share", ["ira", "iranian"], LABELS,
                                   {"a": "#000000", "b": "#E69F00"}, ["b", "a"])
    ira, iran = fig.axes
    assert ira.get_title(loc="left") == "IRA (Russia)" and "no data" in panel_texts(ira)
    assert iran.get_title(loc="left") == "Iran"
    assert len(iran.containers) == 2                       # one row of 100% bars per part
    assert [r.get_height() for r in iran.containers[0]] == [0.75, 0.5]
    legend = fig.axes[0].get_legend()
    assert legend is not None and ticks(legend.get_texts()) == ["b", "a"]


def test_daily_bars_one_bar_per_day_and_focus():
    days = pd.date_range("2014-07-10", "2014-07-24", freq="D")
    table = pd.DataFrame({"op": "ira", "day": days, "tweets": range(len(days))})
    fig = charts.daily_bars(table, ["ira"], LABELS, focus=("2014-07-16", "2014-07-18"))
    ax = fig.axes[0]
    assert len(ax.containers[0]) == 15
    assert [r.get_height() for r in ax.containers[0]] == list(range(15))
    assert ticks(ax.get_legend().get_texts()) == ["focus days"]
    fig = charts.daily_bars(table.iloc[0:0], ["ira"], LABELS)
    assert "no data" in panel_texts(fig.axes[0])


def test_dot_compare_one_dot_per_op_and_indicator():
    table = pd.DataFrame({"op": ["ira", "iranian", "ira"], "label": ["retweets", "retweets", "$ share"],
                          "value": [0.4, 0.6, 0.1]})
    fig = charts.dot_compare(table, "label", "value", ["ira", "iranian"], LABELS, "share")
    ax = fig.axes[0]
    assert [len(c.get_offsets()) for c in ax.collections] == [2, 1]
    assert ticks(ax.get_yticklabels()) == ["retweets", r"\$ share"]
    assert ax.get_xlim() == (0, 1)


def test_release_overview_draws_each_operations_split_as_shares():
    """Issue 13: a small operation's split reads as well as a large one's (100% bars, totals named)."""
    kinds = core.share_table(pd.DataFrame({"op": ["ira"] * 4 + ["iranian"] * 4,
                                           "kind": ["original", "retweet", "reply", "quote"] * 2,
                                           "tweets": [500, 300, 100, 100, 2, 2, 0, 0]}))
    held = core.share_table(pd.DataFrame({"op": ["ira", "ira", "iranian", "iranian"],
                                          "part": list(overview.ACCOUNT_PARTS) * 2, "accounts": [10, 2, 4, 0]}),
                            value="accounts")
    fig = overview.release_overview(kinds, held, ["ira", "iranian"], LABELS,
                                    tweet_totals={"ira": "1,000 tweets", "iranian": "4 tweets"})
    left, right = fig.axes
    widths = [r.get_width() for r in bars(left)]
    assert widths[:2] == pytest.approx([0.5, 0.5])             # originals: half of each operation's tweets
    assert sum(widths[1::2]) == pytest.approx(1.0)             # Iran's bar is whole, however few its tweets
    assert ticks(left.get_yticklabels()) == ["IRA (Russia)\n1,000 tweets", "Iran\n4 tweets"]
    assert left.get_xlim() == right.get_xlim() == (0, 1)
    with_tweets = [r for r in bars(right) if r.get_width() > 0][:2]
    colors = [matplotlib.colors.to_hex(r.get_facecolor()) for r in with_tweets]
    assert colors == [style.OP_COLORS["ira"].lower(), style.OP_COLORS["iranian"].lower()]   # in their own colour


# -------------------------------------------------------------------------------------- style

def test_op_and_language_colors():
    colors = style.op_colors(["iranian", "venezuela", "ira", "china"])
    assert colors["ira"] == style.OP_COLORS["ira"] and colors["iranian"] == style.OP_COLORS["iranian"]
    assert len(set(colors.values())) == 4
    langs = style.language_colors(["ru", "de", "es", "it", "other"])
    assert langs["ru"] == style.LANGUAGE_COLORS["ru"] and langs["other"] == style.GREY
    assert len(set(langs.values())) == 5  # languages outside the fixed list still get distinct colours
    many = style.language_colors([f"l{i}" for i in range(17)] + list(style.LANGUAGE_COLORS))
    assert not set(many.values()) & set(style.OKABE_ITO)   # no language in an operation's colour
    assert not set(style.LANGUAGE_COLORS.values()) & set(style.OP_COLORS.values())


def figure(synthetic=False):
    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2], label="data")
    ax.legend()
    style.finish(fig, "A title", "Source: test", synthetic=synthetic)
    return fig


def test_save_figure_is_byte_identical(tmp_path):
    with plt.rc_context({"svg.hashsalt": None}):  # also without apply_style's settings
        first = style.save_figure(figure(), "one", tmp_path / "a")
        second = style.save_figure(figure(), "one", tmp_path / "b")
    assert [p.name for p in first] == ["one.png", "one.svg"]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert not list((tmp_path / "a").glob(".*partial"))  # no temporary files left


def test_saved_files_carry_no_date(tmp_path):
    png, svg = style.save_figure(figure(), "f", tmp_path)
    text = svg.read_text(encoding="utf-8")
    assert "<dc:date>" not in text and not re.search(r"\b20\d\d-\d\d-\d\d", text)
    assert b"tIME" not in png.read_bytes() and b"Software" not in png.read_bytes()


def render(fig) -> np.ndarray:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=50)
    buf.seek(0)
    return plt.imread(buf)


def test_finish_marks_synthetic_figures_visibly():
    fig = figure(synthetic=True)
    marks = [t for t in fig.texts if t.get_text() == "SYNTHETIC SAMPLE"]
    assert len(marks) == 1 and marks[0].get_visible() and marks[0].get_alpha() in (None, 1.0)
    assert any(style.SYNTHETIC_MARK in t.get_text() for t in fig.texts)  # also in the source line
    assert fig.get_suptitle() == "A title"
    # the mark changes pixels in the middle of the figure: behind the data, it shows through the panel
    marked, plain = render(fig), render(figure(synthetic=False))
    h, w = marked.shape[:2]
    middle = (slice(h // 3, 2 * h // 3), slice(w // 4, 3 * w // 4))
    assert np.abs(marked[middle] - plain[middle]).max() > 0.05


def test_finish_without_synthetic_data_has_no_mark():
    fig = figure(synthetic=False)
    assert not any("SYNTHETIC" in t.get_text() for t in fig.texts)
    assert any(t.get_text() == "Source: test" for t in fig.texts)


def test_bars_in_one_order_for_every_panel():
    """`same_order`: each category at the same height in every panel, ranked by its largest value."""
    from helpers.present.plots import charts
    t = pd.DataFrame({"op": ["a", "a", "a", "b", "b", "b"], "rank": [1, 2, 3, 1, 2, 3],
                      "term": ["x", "y", "z", "z", "y", "x"], "share": [0.3, 0.2, 0.0, 0.9, 0.1, 0.0]})
    fig = charts.barh_by_op(t, "term", "share", ["a", "b"], str, "share", percent=True, same_order=True)
    orders = [[tick.get_text() for tick in ax.get_yticklabels()] for ax in fig.axes[:2]]
    assert orders == [["z", "x", "y"], ["z", "x", "y"]]
    fig = charts.barh_by_op(t, "term", "share", ["a", "b"], str, "share", percent=True)
    assert [[tick.get_text() for tick in ax.get_yticklabels()] for ax in fig.axes[:2]] == [["x", "y", "z"],
                                                                                          ["z", "y", "x"]]
