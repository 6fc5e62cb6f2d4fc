"""Killers of the mutmut mutants of helpers.metrics.content that the behaviour tests let live: exact frames
(columns, order, dtypes) of the tables that make published numbers, and the edge cases they hide."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

from helpers.metrics import content


def _times(*stamps: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(stamps), utc=True))


# top_items ---------------------------------------------------------------------------------------------

def test_top_items_break_ties_alphabetically_not_by_category_order():
    """A categorical item column whose categories are not alphabetical: ties still go a before b, and the
    item column is text (not the category), so no category order leaks into the ranking."""
    long = pd.DataFrame({"op": ["ira", "ira"],
                         "item": pd.Categorical(["b", "a"], categories=["b", "a"])})
    got = content.top_items(long, None)
    assert list(got.columns) == ["op", "rank", "item", "occurrences", "share"]
    assert got["item"].tolist() == ["a", "b"]
    assert got["rank"].tolist() == [1, 2]
    assert not isinstance(got["item"].dtype, pd.CategoricalDtype)
    assert got["share"].tolist() == [0.5, 0.5]


# top_domains -------------------------------------------------------------------------------------------

def test_top_domains_keep_n_per_op_and_count_rows_whatever_their_other_columns_hold():
    urls = pd.DataFrame({"op": ["ira", "ira", "ira", "ira"],
                         "tweetid": ["1", "2", "3", "4"],
                         "note": [None, "x", "x", "x"],          # a missing value in another column
                         "item": ["http://a.com/1", "http://a.com/2", "http://b.com/", "not a url"]})
    got = content.top_domains(urls, pd.Series({"ira": 4}), 1)
    assert list(got.columns) == ["op", "rank", "item", "urls", "share", "per_tweet", "shortener"]
    assert got["item"].tolist() == ["a.com"]
    assert got["urls"].tolist() == [2]
    assert got["share"].tolist() == [2 / 3]
    assert got["per_tweet"].tolist() == [0.5]
    assert got["shortener"].tolist() == [False]


# with_domains / domains / _arrow_strings -----------------------------------------------------------------

def test_with_domains_keeps_a_domain_column_already_computed():
    urls = pd.DataFrame({"op": ["ira"], "item": ["http://a.com/"], "domain": ["kept.org"]})
    assert content.with_domains(urls) is urls


@pytest.mark.parametrize("index", [[10, 7], [1, 0]])
def test_domains_keep_the_index_and_name_of_the_urls(index):
    """Each URL keeps its own domain whatever its index (the hosts were once re-aligned on the index:
    [10, 7] gave two missing domains, [1, 0] swapped them)."""
    urls = pd.Series(["http://a.com/", "http://www.b.org/x"], index=index, dtype="string")
    got = content.domains(urls)
    assert got.index.tolist() == index
    assert got.name == "domain"
    assert got.astype(str).tolist() == ["a.com", "b.org"]


def test_domains_of_a_numpy_object_column():
    """Text that is not Arrow-backed (object dtype, None for missing) goes through pa.array."""
    got = content.domains(pd.Series(["http://a.com/", None], dtype=object))
    assert got.iloc[0] == "a.com" and pd.isna(got.iloc[1])


def test_arrow_strings_do_not_copy_an_arrow_string_column():
    values = pd.Series(["a", None], dtype=pd.ArrowDtype(pa.string()))
    assert content._arrow_strings(values) is values.array._pa_array


def test_arrow_strings_of_object_column():
    got = content._arrow_strings(pd.Series(["a", None], dtype=object))
    assert got.type == pa.string() and got.to_pylist() == ["a", None]


def test_as_text_passes_arrow_arrays_through():
    arr = pa.chunked_array([["a", None]])
    assert content._as_text(arr) is arr


# term_counts -------------------------------------------------------------------------------------------

def test_term_counts_missing_text_matches_no_term():
    tweets = pd.DataFrame({"op": ["ira", "ira"], "tweet_text": pd.Series([None, "xxxx yes"], dtype=object)})
    got = content.term_counts(tweets, ["XXXX", "none", "yes"])
    assert list(got.columns) == ["op", "term", "tweets", "share", "rank"]
    assert got["term"].tolist() == ["XXXX", "yes"]  # 'none': mentioned by no operation, dropped
    assert got["tweets"].tolist() == [1, 1]
    assert got["share"].tolist() == [0.5, 0.5]


# item_per_day ------------------------------------------------------------------------------------------

@pytest.mark.filterwarnings("error")  # no deprecated alias ("d" for "D") in the day range
def test_item_per_day_columns_and_zero_filled_days():
    long = pd.DataFrame({"op": pd.Categorical(["ira", "ira"], categories=["ira", "iran"]),
                         "tweetid": ["1", "2"], "item": ["MAGA", "other"],
                         "tweet_time": _times("2016-11-08 23:30", "2016-11-08 10:00")})
    got = content.item_per_day(long, "maga", "2016-11-08", "2016-11-09")
    assert list(got.columns) == ["op", "day", "tweets"]
    assert got["op"].tolist() == ["ira", "ira", "iran", "iran"]
    assert got["day"].tolist() == [pd.Timestamp("2016-11-08"), pd.Timestamp("2016-11-09")] * 2
    assert got["tweets"].tolist() == [1, 0, 0, 0]


if __name__ == "__main__":
    pytest.main([__file__, "-q"])


# domain_reach ------------------------------------------------------------------------------------------

def test_domain_reach_columns_and_an_op_without_tweets_or_urls():
    urls = pd.DataFrame({"op": pd.Categorical(["ira", "ira", "ira"], categories=["ira", "iran"]),
                         "tweetid": ["1", "1", "2"],
                         "item": ["http://awdnews.com/a", "http://x.org/", "http://x.org/b"]})
    got = content.domain_reach(urls, pd.Series({"ira": 4}), "awdnews.com")
    assert list(got.columns) == ["op", "domain", "tweets_linking", "tweets_with_url", "tweets",
                                 "share_of_tweets", "share_of_url_tweets"]
    assert got["op"].tolist() == ["ira", "iran"]
    assert got["domain"].tolist() == ["awdnews.com"] * 2
    assert got["tweets_linking"].tolist() == [1, 0]
    assert got["tweets_with_url"].tolist() == [2, 0]
    assert got["tweets"].tolist() == [4, 0]                 # an op missing from tweets_per_op has none
    assert got["share_of_tweets"].iloc[0] == 0.25 and pd.isna(got["share_of_tweets"].iloc[1])
    assert got["share_of_url_tweets"].iloc[0] == 0.5 and pd.isna(got["share_of_url_tweets"].iloc[1])


# top_items_over_time -----------------------------------------------------------------------------------

def test_top_items_over_time_whole_frame_without_empty_periods():
    """Categorical op and item: only the periods where an item occurs are rows (no zero rows for the
    other periods), and the index is not kept as a column."""
    long = pd.DataFrame({"op": pd.Categorical(["ira"] * 4, categories=["ira", "iran"]),
                         "item": pd.Categorical(["a", "a", "b", None], categories=["a", "b", "c"]),
                         "tweet_time": _times("2016-03-01", "2016-05-01", "2017-02-01", "2017-03-01")})
    got = content.top_items_over_time(long, 2)
    assert list(got.columns) == ["op", "period", "item", "occurrences", "share"]
    assert got["op"].astype(str).tolist() == ["ira", "ira"]
    assert got["period"].tolist() == [pd.Timestamp("2016-01-01"), pd.Timestamp("2017-01-01")]
    assert got["item"].astype(str).tolist() == ["a", "b"]
    assert got["occurrences"].tolist() == [2, 1]
    assert got["share"].tolist() == [1.0, 1.0]
