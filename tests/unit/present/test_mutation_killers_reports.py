"""helpers.present.reports tables: exact output of the cell formatting that mutation testing showed no other test
pinned down (docs/mutation-testing.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.present import reports


def test_default_float_three_digits_below_1000_separators_above_never_exponents():
    got = [reports.default_float(x) for x in [float("inf"), float("nan"), -float("inf"), 999.4, 1234.5,
                                              -1500.0, 0.012345, 1000.0]]
    assert got == ["n/a", "n/a", "n/a", "999", "1,234", "-1,500", "0.0123", "1,000"]
    # just below 1,000, three significant digits round up to 1,000: a whole number, not '1e+03'
    assert [reports.default_float(x) for x in (999.9, -999.9, 999.5)] == ["1,000", "-1,000", "1,000"]


def test_html_table_cells_exactly():
    frame = pd.DataFrame({("n", "a"): [1, 2], ("ok", ""): [True, np.bool_(False)],
                          ("x", "y"): [np.float32(0.5), None], ("l", ""): [["a", "b"], ("c",)]})
    assert reports.html_table(frame) == (
        '<table class="data-table"><thead><tr><th scope="col" class="num">n / a</th><th scope="col">ok</th>'
        '<th scope="col" class="num">x / y</th><th scope="col">l</th></tr></thead><tbody><tr>'
        '<td class="num">1</td><td>yes</td><td class="num">0.5</td><td>a, b</td></tr><tr><td class="num">2</td>'
        '<td>no</td><td class="num">\u2013</td><td>c</td></tr></tbody></table>')


def test_html_table_index_and_missing_key():
    frame = pd.DataFrame({"v": [1.5, 2.25]}, index=pd.Index(["p", None], name="k"))
    assert reports.html_table(frame, index=True, na_rep="-") == (
        '<table class="data-table"><thead><tr><th scope="col">k</th><th scope="col" class="num">v</th></tr>'
        '</thead><tbody><tr><th scope="row">p</th><td class="num">1.5</td></tr><tr><th scope="row">-</th>'
        '<td class="num">2.25</td></tr></tbody></table>')


def test_clean_html_drops_comments_and_reads_bytes_as_text():
    assert reports.clean_html("<!-- <script>x</script> -->a<!--[if IE]>b<![endif]-->") == "a"
    assert reports.clean_html(b"<b>x</b> \xc3\xa9".decode("latin-1").encode("latin-1")) == "<b>x</b> \u00e9"


# --- the 14 survivors of the first measurement (docs/mutation-testing.md) ------------------------------------


def test_html_table_unnamed_multiindex_takes_the_columns_name_in_its_first_header():
    """An unnamed index under a named column axis: the axis name heads the first index column, the other
    index columns get empty headers; a tuple key gives one header cell per level, float keys go through
    the float format."""
    frame = pd.DataFrame({"v": [1, 2]}, index=pd.MultiIndex.from_tuples([("a", 0.123456), ("b", 1234.5)]))
    frame.columns.name = "op"
    assert reports.html_table(frame, index=True) == (
        '<table class="data-table"><thead><tr><th scope="col">operation</th><th scope="col"></th>'
        '<th scope="col" class="num">v</th></tr></thead><tbody>'
        '<tr><th scope="row">a</th><th scope="row">0.123</th><td class="num">1</td></tr>'
        '<tr><th scope="row">b</th><th scope="row">1,234</th><td class="num">2</td></tr></tbody></table>')


def test_html_table_unnamed_index_and_unnamed_columns_get_an_empty_header():
    frame = pd.DataFrame({"v": ["x"]})
    assert reports.html_table(frame, index=True).startswith(
        '<table class="data-table"><thead><tr><th scope="col"></th><th scope="col">v</th></tr>')


def test_html_table_numbers_are_right_aligned_whatever_the_float_format_prints():
    """A column of numbers is numeric by its values, not by the text its float format makes."""
    frame = pd.DataFrame({"s": [1.5, 2.0]})
    assert reports.html_table(frame, float_format=lambda x: f"{x:.1f} s") == (
        '<table class="data-table"><thead><tr><th scope="col" class="num">s</th></tr></thead><tbody>'
        '<tr><td class="num">1.5 s</td></tr><tr><td class="num">2.0 s</td></tr></tbody></table>')


def test_html_table_marks_cells_with_a_long_unbroken_token():
    token = "a" * 40
    frame = pd.DataFrame({"t": [token, "a" * 39]})
    assert reports.html_table(frame) == (
        '<table class="data-table"><thead><tr><th scope="col">t</th></tr></thead><tbody>'
        f'<tr><td class="long">{token}</td></tr><tr><td>{"a" * 39}</td></tr></tbody></table>')


# --- reports.tables, the 54 survivors of its first measurement (module helpers/present/reports/tables.py) ----


def test_html_table_readable_cells_calendar_counts_languages_bounds_and_shares():
    """Calendar columns without separators, counts with them, language codes named (missing ones as na_rep),
    code bounds as the signs readers write, share columns (named 'share', all values in [0, 1], ends
    included, any letter case) by the one rounding rule; a 'share' column holding 1.5 is not one.
    Kills _cell_text 11 12 14 15 26-34, _column_texts 1 3-6 8 9 13-18 20 24 28, _is_share_column 2 3 6 7 9-11
    14-17, html_table 13 23."""
    frame = pd.DataFrame({"year": [2014, 2015], "tweets": [12345, 7], "tweet_language": ["ru", None],
                          "bound": ["<=10", ">=5"], "retweet_share": [0.0, 1.0], "Share_X": [0.25, None],
                          "share_big": [0.5, 1.5]})
    assert reports.html_table(frame) == (
        '<table class="data-table"><thead><tr><th scope="col" class="num">year</th>'
        '<th scope="col" class="num">tweets</th><th scope="col">tweet language</th>'
        '<th scope="col" class="num">bound</th><th scope="col" class="num">retweets (share of tweets)</th>'
        '<th scope="col" class="num">Share_X</th><th scope="col" class="num">share big</th></tr></thead><tbody>'
        '<tr><td class="num">2014</td><td class="num">12,345</td><td>Russian (ru)</td>'
        '<td class="num">\u226410</td><td class="num">0.0%</td><td class="num">25.0%</td>'
        '<td class="num">0.5</td></tr>'
        '<tr><td class="num">2015</td><td class="num">7</td><td>\u2013</td><td class="num">\u22655</td>'
        '<td class="num">100.0%</td><td class="num">\u2013</td><td class="num">1.5</td></tr></tbody></table>')


def test_html_table_share_columns_keep_the_callers_own_float_format():
    """A float format given by the caller wins over the share rule. Kills html_table 17 and 23."""
    frame = pd.DataFrame({"retweet_share": [0.0, 1.0], "share_x": [0.25, None]})
    assert reports.html_table(frame, float_format=lambda x: f"{x:.2f}") == (
        '<table class="data-table"><thead><tr><th scope="col" class="num">retweets (share of tweets)</th>'
        '<th scope="col" class="num">share x</th></tr></thead><tbody>'
        '<tr><td class="num">0.00</td><td class="num">0.25</td></tr>'
        '<tr><td class="num">1.00</td><td class="num">\u2013</td></tr></tbody></table>')


def test_html_table_row_labels_in_words_only_for_known_names_and_calendar_keys_unseparated():
    """Index keys that are column names of HEADERS are shown in words, other text as it is (underscores
    kept), numbers separated unless the index level is a calendar one (year), per level of a MultiIndex.
    Kills _row_label 1 2 3 7 11 12 14, html_table 90."""
    flat = pd.DataFrame({"v": [1, 2, 3]}, index=pd.Index(["accounts_in_users_file", "a_b", 12345], name="n"))
    assert reports.html_table(flat, index=True) == (
        '<table class="data-table"><thead><tr><th scope="col">n</th><th scope="col" class="num">v</th></tr>'
        '</thead><tbody><tr><th scope="row">accounts in the users file</th><td class="num">1</td></tr>'
        '<tr><th scope="row">a_b</th><td class="num">2</td></tr>'
        '<tr><th scope="row">12,345</th><td class="num">3</td></tr></tbody></table>')
    nested = pd.DataFrame({"v": [1, 2]}, index=pd.MultiIndex.from_tuples([(2014, 12345), (2015, 1)],
                                                                         names=["year", "n"]))
    assert reports.html_table(nested, index=True) == (
        '<table class="data-table"><thead><tr><th scope="col">year</th><th scope="col">n</th>'
        '<th scope="col" class="num">v</th></tr></thead><tbody>'
        '<tr><th scope="row">2014</th><th scope="row">12,345</th><td class="num">1</td></tr>'
        '<tr><th scope="row">2015</th><th scope="row">1</th><td class="num">2</td></tr></tbody></table>')
