"""helpers.present.prose: values that mutation testing showed no other test pinned down (docs/mutation-testing.md)."""

from __future__ import annotations

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
