"""Words for readers (helpers/present/labels.py): the language table checked against CLDR (Babel, offline),
headers in words, and the readable tables html_table writes."""

from __future__ import annotations

import pandas as pd
import pytest
from babel import Locale

from helpers.present import labels, reports


def test_every_language_name_is_cldrs_english_name():
    """The small table is checked, not typed from memory: each name is CLDR's (Babel's data, no network)."""
    cldr = Locale("en").languages
    for code, name in labels.LANGUAGES.items():
        assert code in cldr, code
        assert name == cldr[code] or name in cldr[code] or cldr[code] in name, (code, name, cldr[code])


def test_twitter_codes_are_not_language_codes_of_another_language():
    assert not set(labels.TWITTER_CODES) & set(labels.LANGUAGES)


@pytest.mark.parametrize("code, shown", [("ru", "Russian (ru)"), ("fa", "Persian (fa)"), ("und", "undetermined (und)"),
                                         ("en-gb", "English (en-gb)"), ("zh-CN", "Chinese (zh-CN)"),
                                         ("in", "Indonesian (in)"), ("xx", "xx"), ("", ""), (None, "")])
def test_language_names_carry_their_code(code, shown):
    assert labels.language(code) == shown


@pytest.mark.parametrize("name, words", [("accounts_in_users_file", "accounts in the users file"),
                                         ("active_after", "accounts active after the cutoff"),
                                         ("some_new_column", "some new column"), ("IRA", "IRA"),
                                         (("likes", "ira"), "likes / ira"), ("op", "operation")])
def test_headers_are_words(name, words):
    assert labels.header(name) == words


def test_tables_are_readable_headers_separators_shares_and_bounds():
    frame = pd.DataFrame({"accounts_in_users_file": [3836, 770], "year": [2014, 2015],
                          "tweet_language": ["ru", "fa"], "bin": ["<=10", "more"], "retweet_share": [0.3691, 0.0004]})
    html = reports.html_table(frame)
    assert ">accounts in the users file<" in html and ">tweet language<" in html
    assert ">3,836<" in html and ">2014<" in html            # counts separated, years not
    assert ">Russian (ru)<" in html and ">Persian (fa)<" in html
    assert ">\u226410<" in html and "&lt;=10" not in html
    assert ">36.9%<" in html and ">&lt;0.1%<" in html        # shares by the one rounding rule


def test_a_transposed_table_names_its_rows_in_words():
    frame = pd.DataFrame({"IRA": [3836, 0.369]}, index=["accounts_in_users_file", "retweet_share"])
    html = reports.html_table(frame, index=True)
    assert '<th scope="row">accounts in the users file</th>' in html
    assert '<th scope="row">retweets (share of tweets)</th>' in html and "accounts_in_users_file" not in html
