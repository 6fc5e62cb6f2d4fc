"""helpers.present.prose: values that mutation testing showed no other test pinned down (docs/mutation-testing.md)."""

from __future__ import annotations

from datetime import date

import numpy as np

from helpers.present import prose


def test_visible_keeps_the_terminal_escape_only_when_asked():
    assert prose.visible("a\x1b[31mb") == "a<U+001B>[31mb"          # by default every control is shown
    assert prose.visible("a\x1b[31mb", ansi=True) == "a\x1b[31mb"   # logs keep their colours
    assert prose.visible("a\u202eb\x07", ansi=True) == "a<U+202E>b<U+0007>"  # and nothing else


def test_is_missing_is_false_for_containers_of_missing_values():
    assert prose.is_missing([None]) is False
    assert prose.is_missing(np.array([np.nan])) is False
    assert prose.is_missing(np.nan) is True and prose.is_missing(None) is True


def test_compare_mixes_whole_and_float_numbers_up_to_rounding():
    assert prose.compare(3, 3 + 1e-12) == "as many"       # an int against a float computed to be equal
    assert prose.compare(3.0 + 1e-12, 3) == "as many"
    assert prose.compare(1e-13, 0.0) == "as many"          # near zero: the absolute tolerance
    assert prose.compare(0.0, 1e-13) == "as many"
    assert prose.compare(1e-9, 0.0) == "more" and prose.compare(2, 3) == "fewer"


def test_pct_smallest_step_follows_the_digits():
    assert prose.pct(1e-12, digits=8) == "<0.00000001%"
    assert prose.pct(1e-12, digits=2) == "<0.01%"
    assert prose.pct(1 - 1e-12, digits=3) == ">99.999%"


# ------------------------------------------ the synthetic data's statements and spans (run of 1 December)

def test_span_of_one_day_is_the_day_and_of_two_days_both():
    assert prose.span("2016-06-23", "2016-06-23") == "2016-06-23"
    assert prose.span("2016-06-16", "2016-06-30") == "2016-06-16 to 2016-06-30"
    assert prose.span(date(2016, 6, 16), "2016-06-16") == "2016-06-16"        # compared as text


def test_synthetic_statement_of_the_sample_is_the_one_wording_with_its_generator_seed_and_scale():
    assert prose.synthetic_statement({"generator": "helpers.synthetic.sample", "seed": 7, "scale": 0.01}) == (
        "Every number and figure here comes from a generated stand-in for Twitter's October 2018 release "
        "(generator helpers.synthetic.sample, seed 7, scale 0.01), calibrated to published counts: agreement "
        "with them is by construction and is not evidence. Run make reproduce DATA_DIR=/path/to/release on "
        "the real files for findings.")
    assert prose.synthetic_statement(None) == prose.synthetic_statement({}) == (
        "Every number and figure here comes from a generated stand-in for Twitter's October 2018 release "
        "(generator helpers.synthetic.sample, seed ?, scale ?), calibrated to published counts: agreement "
        "with them is by construction and is not evidence. Run make reproduce DATA_DIR=/path/to/release on "
        "the real files for findings.")


def test_synthetic_statement_of_the_archive_says_it_is_not_calibrated():
    assert prose.synthetic_statement({"generator": "helpers.synthetic.archive", "seed": 1, "scale": 0.0005}) == (
        "Every number and figure here comes from a generated stand-in for datasets of Twitter's archive, in "
        "each dataset's file names and format at its published size times the scale (generator "
        "helpers.synthetic.archive, seed 1, scale 0.0005), its values are synthetic, not calibrated to "
        "anything, and the differences between operations are drawn at random: they are not evidence. Run "
        "make reproduce DATA_DIR=/path/to/release on the real files for findings.")


def test_synthetic_figure_notes_are_exact():
    assert prose.synthetic_figure_note({"generator": "helpers.synthetic.archive"}) == (
        "generated data, not calibrated: differences between operations are drawn at random")
    assert prose.synthetic_figure_note({"generator": "helpers.synthetic.sample"}) == (
        prose.synthetic_figure_note(None)) == "generated data calibrated to published counts"
