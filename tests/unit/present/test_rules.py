"""helpers.present.plots.rules: a deliberately bad figure for each rule is caught, a good one passes; the
charts that redo the weak figures of issue 13 pass them; `Session.figure` records what a figure breaks."""

from __future__ import annotations

import json
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers.metrics import core  # noqa: E402
from helpers.present.plots import charts, overview, rules, style  # noqa: E402

LABELS = {"ira": "IRA (Russia)", "iranian": "Iran"}.get
OPS = ["ira", "iranian"]


@pytest.fixture(autouse=True)
def close_figures():
    style.apply_style()
    yield
    plt.close("all")


def broken(fig, data=None) -> set[str]:
    return {v.rule for v in rules.check(fig, data)}


def details(fig, rule, data=None) -> list[str]:
    return [v.detail for v in rules.check(fig, data) if v.rule == rule]


def top_table(big: float = 0.6, small: float = 0.05) -> pd.DataFrame:
    return pd.DataFrame({"op": ["ira", "ira", "iranian", "iranian"], "rank": [1, 2, 1, 2],
                         "value": ["ru", "en", "fa", "en"], "share": [big, 0.3, small, 0.02]})


def good_bars() -> tuple[plt.Figure, pd.DataFrame]:
    table = top_table()
    fig = charts.barh_by_op(table, "value", "share", OPS, LABELS, "share of tweets", percent=True)
    style.finish(fig, "Top languages", "Data: x.csv", synthetic=True)
    return fig, table


# ------------------------------------------------------------------------------------- a good figure

def test_a_good_figure_passes_every_rule():
    fig, table = good_bars()
    assert rules.check(fig, table) == []


# -------------------------------------------------------------------------------------- shared scale

def _two_panels(limits, title="Top languages", totals=(None, None), shares=False):
    fig, axes = plt.subplots(1, 2, figsize=(7, 3))
    for ax, op, lim, total in zip(axes, OPS, limits, totals):
        ax.barh([0], [lim * 0.9])
        ax.set_xlim(0, lim)
        ax.set_title(LABELS(op), loc="left")
        rules.compare(ax, "share of tweets", "x", total=total, shares=shares)
    style.finish(fig, title, "Data: x.csv", synthetic=False)
    return fig


def test_panels_comparing_one_quantity_on_different_scales_are_caught():
    found = details(_two_panels((1.0, 0.1)), "shared-scale")
    assert len(found) == 1 and "'share of tweets' have different scales, unsaid" in found[0]
    assert "IRA (Russia) 0 to 1" in found[0] and "Iran 0 to 0.1" in found[0]
    assert "shared-scale" not in broken(_two_panels((1.0, 1.0)))


def test_scales_differ_is_allowed_only_beyond_tenfold_and_with_shares():
    within = details(_two_panels((1.0, 0.1), "Tweets (scales differ)", totals=(900, 100), shares=True),
                     "shared-scale")
    assert len(within) == 1 and "differ by at most tenfold" in within[0]
    no_shares = details(_two_panels((1.0, 0.1), "Tweets (scales differ)", totals=(9000, 100)), "shared-scale")
    assert no_shares == ["scales of 'share of tweets' differ but the figure shows no shares"]
    fine = _two_panels((1.0, 0.1), "Tweets (scales differ)", totals=(9000, 100), shares=True)
    assert "shared-scale" not in broken(fine)


def test_barh_by_op_shares_its_value_axis_unless_told_not_to():
    table = top_table(big=0.6, small=0.05)
    fig = charts.barh_by_op(table, "value", "share", OPS, LABELS, "share of tweets", percent=True)
    assert fig.axes[0].get_xlim() == fig.axes[1].get_xlim()
    loose = charts.barh_by_op(table, "value", "share", OPS, LABELS, "share of tweets", percent=True, sharex=False)
    assert "shared-scale" in broken(loose)


def test_heatmaps_share_one_colour_scale():
    table = pd.DataFrame({"op": ["ira", "ira", "iranian"], "tag": ["#a", "#b", "#c"], "year": [2016, 2017, 2016],
                          "share": [0.5, 0.1, 0.02]})
    fig = charts.heatmap_by_op(table, "tag", "year", "share", OPS, LABELS, "year", "hashtag")
    ira, iran = [ax for ax in fig.axes if ax.images]          # the others are colour bars
    assert ira.images[0].get_clim() == iran.images[0].get_clim()
    assert "shared-scale" not in broken(fig)
    iran.images[0].set_norm(matplotlib.colors.Normalize(0, 0.02))   # (the panels share one norm object)
    assert "shared-scale" in broken(fig)


# ---------------------------------------------------------------------------------------------- text

def test_overlapping_texts_and_texts_off_the_canvas_are_caught():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_title("A title", loc="left")
    ax.text(0.1, 0.5, "one label here", transform=ax.transAxes)
    ax.text(0.15, 0.5, "another label", transform=ax.transAxes)
    ax.text(1.5, 0.5, "far to the right", transform=ax.transAxes)
    found = details(fig, "text")
    assert "'one label here' overlaps 'another label'" in found
    assert "'far to the right' leaves the canvas" in found
    assert len(found) == 2


def test_crowded_tick_labels_are_caught():
    fig, ax = plt.subplots(figsize=(1.5, 1.5))
    ax.set_xlim(0, 0.0012)
    ax.xaxis.set_major_locator(matplotlib.ticker.MultipleLocator(0.0001))
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(xmax=1.0, decimals=3))
    assert any("overlaps" in d for d in details(fig, "text"))


def test_ticks_outside_the_view_are_not_counted():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [0, 1])
    ax.set_xlim(0, 1)
    assert all(0 <= float(t.get_position()[0]) <= 1 for t in rules.texts(fig) if t in ax.get_xticklabels())
    assert "text" not in broken(fig)


# ----------------------------------------------------------------------------------------- watermark

def test_a_watermark_over_the_data_is_caught():
    fig, ax = plt.subplots()
    ax.bar([0, 1], [3, 4])
    fig.text(0.5, 0.5, "SYNTHETIC SAMPLE", alpha=0.22, zorder=0, gid=rules.WATERMARK_GID)   # the old mark
    found = details(fig, "watermark")
    assert found and "drawn over the panel" in found[0]


def test_a_watermark_hidden_behind_an_opaque_panel_is_caught_and_the_house_mark_passes():
    fig, ax = plt.subplots()
    ax.bar([0, 1], [3, 4])
    fig.text(0.5, 0.5, "SYNTHETIC SAMPLE", zorder=-10, gid=rules.WATERMARK_GID)
    assert any("opaque background" in d for d in details(fig, "watermark"))
    good, _ = good_bars()
    mark = [t for t in good.texts if t.get_gid() == rules.WATERMARK_GID]
    assert len(mark) == 1 and mark[0].get_alpha() is None          # no wash: an opaque light grey ...
    assert all(ax.get_zorder() > mark[0].get_zorder() for ax in good.axes)   # ... behind every panel
    assert "watermark" not in broken(good)


# -------------------------------------------------------------------------------------------- colour

def test_an_operation_colour_used_for_something_else_is_caught():
    fig, ax = plt.subplots()
    colors = style.op_colors(OPS)
    rules.mark_ops(fig, colors)
    ax.bar([0], [1], color=colors["iranian"], label="original")     # a kind of tweet in Iran's colour
    rules.mark_op(ax, "ira")
    found = details(fig, "colour")
    assert found == ["the colour of 'iranian' (#0072b2) also means Rectangle in panel 'a panel'"]


def test_two_operations_in_one_colour_are_caught():
    fig, _ = plt.subplots()
    rules.mark_ops(fig, {"ira": "#D55E00", "venezuela": "#d55e00"})
    assert details(fig, "colour") == ["operations 'ira' and 'venezuela' share the colour #d55e00"]


def test_the_old_kind_colours_break_the_colour_rule_and_the_new_ones_pass():
    kinds = pd.DataFrame({"op": ["ira"] * 4 + ["iranian"] * 4, "kind": list(core.KINDS) * 2,
                          "tweets": [50, 30, 15, 5, 900, 50, 40, 10]})
    shares = core.share_table(kinds)
    held = core.share_table(pd.DataFrame({"op": ["ira", "ira", "iranian", "iranian"],
                                          "part": list(overview.ACCOUNT_PARTS) * 2, "accounts": [80, 20, 7, 3]}),
                            value="accounts")
    fig = overview.release_overview(shares, held, OPS, LABELS, {"ira": "100 tweets", "iranian": "1,000 tweets"})
    style.finish(fig, "Tweets by kind", "Data: x", synthetic=True)
    assert rules.check(fig, pd.concat([shares, held])) == []
    old = {"original": "#0072B2", "retweet": "#E69F00", "reply": "#009E73", "quote": "#CC79A7"}  # before issue 13
    fig, ax = plt.subplots()
    charts.share_bars(ax, shares, "kind", OPS, LABELS, old, list(core.KINDS), "share")
    assert "colour" in broken(fig)


# ---------------------------------------------------------------------------------------------- data

def test_numbers_drawn_but_not_in_the_table_are_caught():
    fig, table = good_bars()
    assert "data" not in broken(fig, table)
    other = table.assign(share=table["share"] * 2)
    found = details(fig, "data", other)
    assert found and "not in the table" in found[0]


def test_lines_and_zero_filled_periods_match_their_table():
    months = pd.to_datetime(["2016-01-01", "2016-04-01"])
    table = pd.DataFrame({"op": "ira", "period": months, "lang": "ru", "tweets": [3, 5]})
    fig = charts.lines_by_op(table, "period", "tweets", "lang", ["ira"], LABELS, {"ru": "#CC6677"}, "tweets",
                             freq="MS")
    line = fig.axes[0].get_lines()[0]
    assert list(line.get_ydata()) == [3, 0, 0, 5]          # February and March are zeros, not a gap
    assert "data" not in broken(fig, table)


# -------------------------------------------------------------------------------------- redone charts

def test_fill_periods_adds_zero_weeks_for_each_series():
    weeks = pd.to_datetime(["2014-01-06", "2014-01-27"])
    table = pd.DataFrame({"op": ["ira", "ira"], "period": weeks, "series": "accounts", "accounts": [2, 1]})
    later = pd.DataFrame({"op": ["iranian"] * 2, "period": pd.to_datetime(["2014-01-20", "2014-02-03"]),
                          "series": "accounts", "accounts": [5, 4]})
    out = charts.fill_periods(pd.concat([table, later]), "period", "accounts", ["op", "series"], "W-MON")
    ira, iran = out[out["op"] == "ira"], out[out["op"] == "iranian"]
    assert list(ira["accounts"]) == [2, 0, 0, 1]
    assert list(ira["period"].dt.day) == [6, 13, 20, 27]
    assert list(iran["accounts"]) == [5, 0, 4]          # from its own first week: no zeros before it began


def test_heatmap_masks_thin_years_ranks_rows_and_tells_none_from_low():
    table = pd.DataFrame({"op": "ira", "tag": ["#b", "#b", "#a", "#c"], "year": [2014, 2015, 2015, 2016],
                          "rank": [1, 1, 2, 3], "share": [0.001, 0.2, 0.5, 0.3], "hashtags": [200, 100, 100, 4]})
    fig = charts.heatmap_by_op(table, "tag", "year", "share", ["ira"], LABELS, "year", "hashtag",
                               count="hashtags", min_count=50, row_order="rank")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["#b", "#a", "#c"]     # ranked, not alphabetical
    image = ax.images[0]
    cells = image.get_array()
    assert cells.mask[:, 2].all() and not cells.mask[:, :2].any()                  # 2016: 4 hashtags in all
    cmap, norm = image.get_cmap(), image.norm
    none = cmap(norm(cells[1, 0]))                                                  # #a 2014: no rows
    low = cmap(norm(cells[0, 0]))                                                   # #b 2014: 0.1%
    assert matplotlib.colors.to_hex(none) == style.NONE_COLOR.lower() and none != low
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["none", "fewer than 50 hashtags"]


def test_monthly_shares_mask_thin_and_empty_months():
    months = pd.to_datetime(["2016-01-01", "2016-01-01", "2016-02-01", "2016-04-01"])
    table = pd.DataFrame({"op": "ira", "period": months, "kind": ["original", "retweet", "original", "original"],
                          "tweets": [60, 40, 3, 80]})
    table = core.share_table(table, by=["op", "period"])
    table["month_tweets"] = table.groupby("period")["tweets"].transform("sum")
    fig = charts.area_shares_by_op(table, "period", "kind", "share", ["ira"], LABELS, style.KIND_COLORS,
                                   list(core.KINDS), total="month_tweets", min_total=50, freq="MS")
    style.finish(fig, "Kinds of tweets", "Data: x", synthetic=False)
    ax = fig.axes[0]
    masked = [c for c in ax.containers if getattr(c, "_tt_guide", False)]
    assert len(masked) == 1 and len(masked[0]) == 2             # February (3 tweets) and March (none)
    original = ax.containers[0]
    assert list(original.datavalues) == pytest.approx([0.6, 1.0])   # January and April, each a whole bar
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-1] == "fewer than 50 tweets: masked"
    assert rules.check(fig, table) == []


def test_annotations_are_guides_not_data():
    table = pd.DataFrame({"op": "ira", "metric": "likes", "tweet_share": [0.005, 0.01, 1.0],
                          "engagement_share": [0.5, 0.7, 1.0]})
    fig = charts.curves_by_metric(table, "tweet_share", "engagement_share", ["likes"], "metric", ["ira"], LABELS,
                                  "x", "y", step=False, percent_x=True)
    charts.annotate(fig.axes[0], 0.01, 0.7, "top 1% of tweets get 70% of likes")
    style.finish(fig, "Concentration", "Data: x", synthetic=True)
    assert rules.check(fig, table) == []


# ---------------------------------------------------------------------------------- Session.figure

@pytest.fixture
def session(tmp_path, monkeypatch):
    from helpers.run import notebook, params
    p = params.from_file(None, figures_dir=str(tmp_path / "figures"), reports_dir=str(tmp_path / "reports"),
                    figure_formats=["png"])
    release = SimpleNamespace(ops=OPS, synthetic=True, manifest={"files": {"ira/tweets": {
        "op": "ira", "source": {"name": "ira_tweets_csv_hashed.csv"}}}})
    monkeypatch.setattr(notebook, "display", lambda *a, **k: None)
    return notebook.Session("02_timeline_languages", p, release)


def _records(session):
    return json.loads((session.params.reports_path / "figures" / "02_timeline_languages.json").read_text())


def test_session_figure_records_the_rules_a_figure_breaks_and_writes_its_csv(session):
    table = top_table()
    fig = charts.barh_by_op(table, "value", "share", OPS, LABELS, "share of tweets", percent=True)
    session.figure(fig, "good", title="Good", caption="c", made_by=[core.top_values], columns=["x"], data=table)
    fig = charts.barh_by_op(table, "value", "share", OPS, LABELS, "share of tweets", percent=True, sharex=False)
    session.figure(fig, "loose", title="Loose", caption="c", made_by=[core.top_values], columns=["x"])
    good, loose = _records(session)
    assert good["rules"] == [] and good["data"] == "02_good.csv"
    written = pd.read_csv(session.params.figures_path / "02_good.csv")
    assert np.allclose(np.sort(written["share"]), np.sort(table["share"]))
    assert {v["rule"] for v in loose["rules"]} == {"shared-scale", "data"}
    assert "no table passed" in next(v["detail"] for v in loose["rules"] if v["rule"] == "data")


def test_ticks_saying_the_same_thing_are_caught_and_count_axes_avoid_them():
    days = pd.DataFrame({"op": "ira", "day": pd.date_range("2016-06-20", periods=5), "tweets": [0, 0, 2, 0, 0]})
    fig = charts.daily_bars(days, ["ira"], LABELS)
    style.finish(fig, "A case", "Data: x", synthetic=False)
    assert rules.check(fig, days) == []
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels() if t.get_text()]
    assert len(ticks) == len(set(ticks))
    fig.axes[0].yaxis.set_major_locator(matplotlib.ticker.MultipleLocator(0.5))    # 0, 0.5, 1, 1.5, 2
    found = details(fig, "text", days)
    assert any("say the same thing" in d and "'2'" in d for d in found)
