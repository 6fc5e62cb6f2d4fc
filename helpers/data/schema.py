"""The release schema: column names, the variants seen in real files, and the typed cache schema.

Everything here is by header *name*: real releases differ in column order (October 2018 vs 2019+) and
count (2020-2021 files have no `poll_choices`), so position is never trusted.
See `docs/release-format.md` (summarised in README, "The real files").
"""

from __future__ import annotations

import pyarrow as pa

TABLES = ("tweets", "users")

# The documented order (2019+ files).
TWEET_COLUMNS = (
    "tweetid", "userid", "user_display_name", "user_screen_name", "user_reported_location",
    "user_profile_description", "user_profile_url", "follower_count", "following_count",
    "account_creation_date", "account_language", "tweet_language", "tweet_text", "tweet_time",
    "tweet_client_name", "in_reply_to_userid", "in_reply_to_tweetid", "quoted_tweet_tweetid",
    "is_retweet", "retweet_userid", "retweet_tweetid", "latitude", "longitude", "quote_count",
    "reply_count", "like_count", "retweet_count", "hashtags", "urls", "user_mentions", "poll_choices",
)

# October 2018 files: `in_reply_to_tweetid` comes before `in_reply_to_userid`.
TWEET_COLUMNS_2018 = tuple(
    {"in_reply_to_userid": "in_reply_to_tweetid", "in_reply_to_tweetid": "in_reply_to_userid"}.get(c, c)
    for c in TWEET_COLUMNS
)

USER_COLUMNS = (
    "userid", "user_display_name", "user_screen_name", "user_reported_location",
    "user_profile_description", "user_profile_url", "follower_count", "following_count",
    "account_creation_date", "account_language",
)

# Columns a file may lack and still load (filled with nulls, recorded in the manifest).
OPTIONAL_COLUMNS = {"tweets": ("poll_choices",), "users": ()}

ALL_COLUMNS = {"tweets": TWEET_COLUMNS, "users": USER_COLUMNS}

# Named variants, for the manifest: a tuple of header names -> a label people recognise.
VARIANTS = {
    TWEET_COLUMNS_2018: "tweets-2018 (31 columns, October 2018 order)",
    TWEET_COLUMNS: "tweets-2019 (31 columns, documented order)",
    tuple(c for c in TWEET_COLUMNS if c != "poll_choices"): "tweets-2020 (30 columns, no poll_choices)",
    USER_COLUMNS: "users (10 columns)",
}

# Header spellings seen besides snake_case: camelCase in some 2021 users files (`userDisplayName`,
# `accountCreationDate`, `tweetTime`, `tweetId`, `inReplyToUserId`). A header name is matched to a
# release column by its letters and digits alone (case and underscores ignored).
def _squashed(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


_BY_SQUASHED = {_squashed(c): c for c in dict.fromkeys(TWEET_COLUMNS + USER_COLUMNS)}


def canonical_column(name: str) -> str:
    """The release column a header name stands for (`userDisplayName` -> `user_display_name`,
    `tweetId` -> `tweetid`); unknown names are returned unchanged (they become extra columns)."""
    if name in _BY_SQUASHED.values():
        return name
    return _BY_SQUASHED.get(_squashed(name), name)


# Field kinds drive parsing (helpers.data.fields) and the cache types below.
TWEET_ID_COLUMNS = ("tweetid", "in_reply_to_tweetid", "quoted_tweet_tweetid", "retweet_tweetid")
USER_ID_COLUMNS = ("userid", "in_reply_to_userid", "retweet_userid")
ID_COLUMNS = TWEET_ID_COLUMNS + USER_ID_COLUMNS
COUNT_COLUMNS = ("follower_count", "following_count", "quote_count", "reply_count", "like_count",
                 "retweet_count")
CATEGORY_COLUMNS = ("account_language", "tweet_language", "tweet_client_name")
LIST_COLUMNS = ("hashtags", "urls", "user_mentions")
GEO_COLUMNS = ("latitude", "longitude")
BOOL_COLUMNS = ("is_retweet",)
TIME_COLUMNS = ("tweet_time",)
DATE_COLUMNS = ("account_creation_date",)
# Columns whose values never hold a line break in a well-formed file. A line break there means a quote
# left open further up has swallowed the rows below it (pyarrow does not notice): the loader then reads
# the file line by line and reports the row where the quote opened. Free text (names, descriptions,
# tweet text, client names) and unknown extra columns may hold line breaks.
SINGLE_LINE_COLUMNS = (ID_COLUMNS + COUNT_COLUMNS + BOOL_COLUMNS + TIME_COLUMNS + DATE_COLUMNS
                       + GEO_COLUMNS + LIST_COLUMNS
                       + ("user_screen_name", "account_language", "tweet_language", "poll_choices"))
# Expected non-empty in every row. An empty one of the row's own ids (ROW_ID_COLUMNS) quarantines the row;
# any other (tweet_time, is_retweet) is a damaged field: nulled, recorded, counted, the row kept.
NON_EMPTY = {"tweets": ("tweetid", "userid", "tweet_time", "is_retweet"), "users": ("userid",)}
# The row's own ids: a row whose own ids cannot be read is quarantined (it cannot be told apart or joined);
# a value that cannot be typed in any other column only nulls that field (helpers.data.fields.type_batch).
ROW_ID_COLUMNS = {"tweets": ("tweetid", "userid"), "users": ("userid",)}

# Columns the loader adds to every cached row.
DERIVED_COLUMNS = {
    "user_is_hashed": pa.bool_(),   # True when Twitter anonymised the account (< 5,000 followers)
    "source_line": pa.int64(),      # physical line of the source file where the row starts
}


def arrow_type(column: str) -> pa.DataType:
    """Cache type of a release column; unknown extra columns stay strings."""
    if column in COUNT_COLUMNS:
        return pa.int64()
    if column in CATEGORY_COLUMNS:
        return pa.dictionary(pa.int32(), pa.string())
    if column in LIST_COLUMNS:
        return pa.list_(pa.string())
    if column in GEO_COLUMNS:
        return pa.float64()
    if column in BOOL_COLUMNS:
        return pa.bool_()
    if column in TIME_COLUMNS:
        return pa.timestamp("s", tz="UTC")
    if column in DATE_COLUMNS:
        return pa.date32()
    if column in DERIVED_COLUMNS:
        return DERIVED_COLUMNS[column]
    return pa.string()


def cache_schema(table: str, extra_columns: tuple[str, ...] = ()) -> pa.Schema:
    """The typed schema of one cached table: release columns (documented order), extras, derived."""
    names = list(ALL_COLUMNS[table]) + list(extra_columns) + list(DERIVED_COLUMNS)
    return pa.schema([pa.field(n, arrow_type(n)) for n in names])


def variant_name(header: tuple[str, ...]) -> str:
    """A readable label for a header, for the manifest ('custom order' when it matches none)."""
    if header in VARIANTS:
        return VARIANTS[header]
    table = "users" if "tweetid" not in header else "tweets"
    return f"{table}-custom ({len(header)} columns, non-standard order or extra columns)"
