"""The metrics a claim can name: `METRICS` maps each name to a `Metric` (a function of (frames, op, **args),
its unit, the shared helpers it calls, the files it needs, whether it counts tweets-file rows).

Every metric calls the shared metric helpers (`helpers.metrics`): the scorecard and the figures use one
definition of every concept. `Frames` gives them, over whole files, what they read: from a release the
out-of-core engine (no row per tweet in the kernel; the users file, one row per account, as a frame),
in tests the frames given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from helpers.data.engine import Items
from helpers.metrics import accounts, content, core, engagement, timeline

# Columns the metrics read (whole files, every operation of the run): those a given tweets frame needs.
CLAIM_TWEET_COLUMNS = ("userid", "user_is_hashed", "tweet_time", "tweet_language", "tweet_client_name",
                 *core.KIND_COLUMNS, *engagement.ENGAGEMENT)
CLAIM_USER_COLUMNS = ("userid", "user_screen_name", "user_is_hashed", "account_creation_date", "account_language",
                "follower_count", "following_count")


class NotComputable(Exception):
    """A metric cannot give a value on this data; the message is the reason shown on the row."""


# ----------------------------------------------------------------------------------------- frames

class Frames:
    """What the metrics read, for every operation of the run, over whole files, plus the metric tables
    computed from it, once.

    From a release, the tweets are the out-of-core engine over its cache without the date window
    (`release.engine().whole()`): every metric counts in DuckDB and only small tables come back, so the
    kernel never holds a row per tweet. Given frames (tests) are read by the same metric functions, which
    take a frame or the engine alike.

    Names: `engine` (from a release: its engine over whole files), `tweets` (that engine, or a frame with
    CLAIM_TWEET_COLUMNS), `users` (a frame of CLAIM_USER_COLUMNS, one row per account: small; None without any users
    file), `hashtags` and `urls` (the engine's `items`, or long tables of `ReleaseData.exploded`),
    `texts:<op>` (the engine scoped to one operation, or a frame with its tweet_text).
    """

    def __init__(self, release=None, **given: pd.DataFrame | None):
        self.release = release
        self._frames: dict[str, object] = dict(given)
        self._memo: dict = {}

    def __getitem__(self, name: str):
        if name not in self._frames:
            self._frames[name] = self._load(name)
        return self._frames[name]

    def _load(self, name: str):
        r = self.release
        if r is None:
            raise KeyError(f"no frame {name!r} was given and there is no release to load it from")
        if name == "users":
            user_ops = r.ops_with("users")
            return r.users(list(CLAIM_USER_COLUMNS), ops=user_ops) if user_ops else None
        if name == "engine":   # whole files (the scorecard's published totals), every operation of the run
            return r.engine().whole()
        if name == "tweets":
            return self["engine"]
        if name == "hashtags":
            return self["engine"].items("hashtags")
        if name == "urls":
            return content.with_domains(self["engine"].items("urls"))
        if name.startswith("texts:"):
            return self["engine"].scoped([name.split(":", 1)[1]])
        raise KeyError(name)

    def memo(self, key, make: Callable[[], object]):
        """A metric table computed once per run (e.g. every language's share, for all language claims)."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    # tables several metrics share
    def overview(self) -> pd.DataFrame:
        return self.memo("overview", lambda: core.overview(self["tweets"], self["users"]).set_index("op"))

    def yearly(self) -> pd.DataFrame:
        return self.memo("yearly", lambda: timeline.yearly(self["tweets"]))

    def tweets_per_op(self) -> pd.Series:
        return self.memo("tweets_per_op", lambda: core.tweets_per_op(self["tweets"]))

    def users(self) -> pd.DataFrame:
        users = self["users"]
        if users is None:
            raise NotComputable("the release holds no users file")
        return users


def _of(frame: pd.DataFrame, op: str) -> pd.DataFrame:
    return frame[frame["op"] == op]


def _pick(frame: pd.DataFrame, op: str, key: str, value, column: str, default=None):
    """The `column` of the row of `op` whose `key` is `value` (default when there is none)."""
    rows = frame[(frame["op"] == op) & (frame[key] == value)]
    return default if rows.empty else rows[column].iloc[0]


# ---------------------------------------------------------------------------------------- metrics
# Each takes (frames, op, **args) and returns a number; NotComputable says why there is none.

def _users_rows(fr: Frames, op: str) -> float:
    return fr.overview().loc[op, "accounts_in_users_file"]


def _accounts_with_tweets(fr: Frames, op: str) -> float:
    return fr.overview().loc[op, "accounts_with_tweets"]


def _tweets(fr: Frames, op: str) -> float:
    return fr.overview().loc[op, "tweets"]


def _retweets(fr: Frames, op: str) -> float:
    return _of(fr.yearly(), op)["retweets"].sum()


def _retweet_share(fr: Frames, op: str) -> float:
    return fr.memo("retweet_share", lambda: core.retweet_share(fr["tweets"])).get(op, np.nan)


def _engagement_total(fr: Frames, op: str, count: str) -> float:
    totals = fr.memo("engagement_totals", lambda: engagement.totals(fr["tweets"])).set_index("op")
    if count not in totals:
        raise NotComputable(f"the tweets file has no {count} counts")
    return totals.loc[op, count]


def _in_year(fr: Frames, op: str, year: int, column: str) -> float:
    """The op's `column` (tweets, retweets) in one calendar year; 0 in a year without tweets."""
    return _pick(fr.yearly(), op, "year", int(year), column, 0)


# Plain functions, not closures made by a factory when METRICS is built: the mutation tool switches a
# function's mutants at call time, and a closure made at import never calls the mutated factory again.
def _tweets_in_year(fr: Frames, op: str, year: int) -> float:
    return _in_year(fr, op, year, "tweets")


def _retweets_in_year(fr: Frames, op: str, year: int) -> float:
    return _in_year(fr, op, year, "retweets")


def _peak_year(fr: Frames, op: str) -> float:
    y = _of(fr.yearly(), op)
    if y.empty:
        raise NotComputable("no tweets")
    return y.sort_values(["tweets", "year"], ascending=[False, True])["year"].iloc[0]


def _tweets_on_days(fr: Frames, op: str, start: dt.date, end: dt.date) -> float:
    days = timeline.daily(fr["tweets"], start, end, ops=[op])  # the window's rows, not a copy of op's
    return _of(days, op)["tweets"].sum()


def _top_values(fr: Frames, column: str, table: str = "tweets") -> pd.DataFrame:
    frame = fr["tweets"] if table == "tweets" else fr.users()
    unit = "tweets" if table == "tweets" else "accounts"
    return fr.memo(("top_values", table, column), lambda: core.top_values(frame, column, None, unit=unit))


def _share_of_tweets(fr: Frames, op: str, column: str, value: str) -> float:
    return _pick(_top_values(fr, column), op, "value", value, "share", 0.0)


def _rank_of_value(fr: Frames, op: str, column: str, value: str) -> float:
    rank = _pick(_top_values(fr, column), op, "value", value, "rank")
    if rank is None:
        raise NotComputable(f"no tweet has {column} {value}")
    return rank


def _share_ratio(fr: Frames, op: str, column: str, value: str, other: str) -> float:
    a, b = _share_of_tweets(fr, op, column, value), _share_of_tweets(fr, op, column, other)
    if not b:
        raise NotComputable(f"no tweet has {column} {other}")
    return a / b


def _language_peaks(fr: Frames, op: str, first: str, then: str) -> tuple[pd.Series, pd.Series]:
    def make():
        monthly = timeline.counts_by_period(fr["tweets"], "M", by="tweet_language", keep=[first, then])
        return timeline.peaks(monthly, "tweet_language")
    peaks = _of(fr.memo(("language_peaks", first, then), make), op).set_index("tweet_language")
    for lang in (first, then):
        if lang not in peaks.index:
            raise NotComputable(f"no tweet in language {lang}")
    return peaks.loc[first], peaks.loc[then]


def _language_peak_ratio(fr: Frames, op: str, first: str, then: str) -> float:
    a, b = _language_peaks(fr, op, first, then)
    return a["peak_tweets"] / b["peak_tweets"]


def _language_peak_lag(fr: Frames, op: str, first: str, then: str) -> float:
    a, b = _language_peaks(fr, op, first, then)
    return (b["peak_period"].year - a["peak_period"].year) * 12 + b["peak_period"].month - a["peak_period"].month


def _accounts_with_value(fr: Frames, op: str, column: str, value: str) -> float:
    return _pick(_top_values(fr, column, "users"), op, "value", value, "accounts", 0)


def _created(fr: Frames) -> pd.DataFrame:
    return fr.memo("created_per_year", lambda: accounts.created_per_year(fr.users()))


def _accounts_created_in_year(fr: Frames, op: str, year: int) -> float:
    return _pick(_created(fr), op, "year", int(year), "accounts", 0)


def _accounts_created_share(fr: Frames, op: str, first: int, last: int) -> float:
    c = _of(_created(fr), op)
    return c.loc[c["year"].between(int(first), int(last)), "share"].sum()


def _accounts_in_bin(fr: Frames, op: str, column: str, bin: str) -> float:
    bins = fr.memo(("binned", column), lambda: accounts.binned(fr.users(), column))
    if bin not in set(bins["bin"]):
        raise NotComputable(f"no bin {bin!r} (bins: {', '.join(pd.unique(bins['bin']))})")
    return _pick(bins, op, "bin", bin, "accounts", 0)


def _accounts_share_below(fr: Frames, op: str, column: str, below: float) -> float:
    cdf = _of(fr.memo(("ecdf", column), lambda: accounts.ecdf(fr.users(), column)), op)
    under = cdf[cdf["value"] < below]
    return float(under["cdf"].max()) if len(under) else 0.0


def _max_followers(fr: Frames, op: str) -> float:
    top = fr.memo("most_followed", lambda: engagement.top_accounts(fr.users(), 1, unhashed_only=False))
    return _pick(top, op, "rank", 1, "follower_count", np.nan)


def _hashtag_share(fr: Frames, op: str, hashtag: str) -> float:
    top = fr.memo("top_hashtags", lambda: content.top_items(fr["hashtags"], None))
    return _pick(top, op, "item", hashtag, "share", 0.0)


def _domain_per_tweet(fr: Frames, op: str, domain: str) -> float:
    top = fr.memo("top_domains", lambda: content.top_domains(fr["urls"], fr.tweets_per_op(), None))
    return _pick(top, op, "item", domain, "per_tweet", 0.0)


def _hashtag_tweets(fr: Frames, op: str, hashtag: str, start: dt.date | None = None,
                    end: dt.date | None = None) -> float:
    tags = fr["hashtags"]
    if start is None:  # the whole file: from its first to its last day with a hashtag
        span = _days_with_items(tags, op)
        if span is None:
            return 0
        start, end = span
    per_day = content.item_per_day(tags, hashtag, start, end, ops=[op])  # counted per op: op's rows only
    return _of(per_day, op)["tweets"].sum()


def _days_with_items(long, op: str) -> tuple[dt.date, dt.date] | None:
    """The first and last UTC day on which `op` has a dated row of a long table (the engine's items: one
    row comes back; a frame: its rows of `op`); None when it has none (no day can count any)."""
    if isinstance(long, Items):
        got = long.scoped([op]).query("SELECT min(tweet_time) AS lo, max(tweet_time) AS hi FROM {items}")
        lo, hi = got["lo"].iloc[0], got["hi"].iloc[0]
    else:
        times = long.loc[(long["op"] == op).to_numpy(), "tweet_time"]
        lo, hi = times.min(), times.max()
    if pd.isna(lo):
        return None
    return lo.tz_convert("UTC").date(), hi.tz_convert("UTC").date()


def _domain_reach(fr: Frames, op: str, domain: str) -> pd.Series:
    reach = fr.memo(("domain_reach", domain),
                    lambda: content.domain_reach(fr["urls"], fr.tweets_per_op(), domain))
    rows = reach[reach["op"] == op]
    if rows.empty:
        raise NotComputable("no tweet with a URL")
    return rows.iloc[0]


def _domain_tweets(fr: Frames, op: str, domain: str) -> float:
    return _domain_reach(fr, op, domain)["tweets_linking"]


def _domain_share(fr: Frames, op: str, domain: str, of: str) -> float:
    if of not in ("tweets", "url_tweets"):
        raise NotComputable(f"'of' must be tweets or url_tweets, not {of!r}")
    return _domain_reach(fr, op, domain)[f"share_of_{of}"]


def _term_rank(fr: Frames, op: str, term: str, terms: list[str]) -> float:
    """The term's rank among `terms` in the op's texts. A term no tweet names is left out of
    `term_counts`' table: it ranks after every named term (all such terms tie there)."""
    if term not in terms:
        raise NotComputable(f"'{term}' is not among the terms counted")
    counts = fr.memo(("terms", op, tuple(terms)), lambda: content.term_counts(fr[f"texts:{op}"], list(terms)))
    rank = _pick(counts, op, "term", term, "rank")
    return float(len(_of(counts, op)) + 1) if rank is None else rank


def _zero_engagement_share(fr: Frames, op: str) -> float:
    zero = fr.memo("zero_share", lambda: engagement.zero_share(fr["tweets"]))
    return _pick(zero, op, "metric", "any engagement", "share_zero", np.nan)


def _account_likes_rank(fr: Frames, op: str, screen_name: str) -> float:
    users = _of(fr.users(), op)
    ids = set(users.loc[users["user_screen_name"].str.casefold() == screen_name.casefold(), "userid"])
    if not ids:
        raise NotComputable(f"no account named @{screen_name} in the users file")
    ranked = fr.memo("account_likes", lambda: engagement.account_totals(fr["tweets"], "like_count"))
    ranks = _of(ranked, op).loc[lambda f: f["userid"].isin(ids), "rank"]
    if ranks.empty:
        raise NotComputable(f"@{screen_name} has no tweets in the tweets file")
    return ranks.min()


def _year_window(args: dict) -> tuple[dt.date, dt.date]:
    return dt.date(int(args["year"]), 1, 1), dt.date(int(args["year"]), 12, 31)


def _days_window(args: dict) -> tuple[dt.date, dt.date] | None:
    return (args["start"], args["end"]) if "start" in args else None


@dataclass(frozen=True)
class Metric:
    """A computation the claims can name: which files it needs, what its numbers are, which shared
    helpers it calls (for the report), whether it counts tweets-file rows (scaled on the sample)."""

    fn: Callable
    unit: str                           # count, share, year, rank, months, ratio
    helpers: tuple[Callable, ...]       # the shared metric functions it calls (names taken from them)
    tables: tuple[str, ...] = ("tweets",)
    scales: bool = False
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    window: Callable[[dict], tuple[dt.date, dt.date] | None] | None = None
    noun: str = ""                      # what a count counts (accounts, tweets ...): the unit of its difference

    @property
    def helper_names(self) -> tuple[str, ...]:
        """The helpers' dotted names (`helpers.metrics.core.overview`), from the functions themselves."""
        return tuple(f"{f.__module__}.{f.__qualname__}" for f in self.helpers)


METRICS: dict[str, Metric] = {
    "users_rows": Metric(_users_rows, "count", (core.overview,), ("users",)),
    # The sample gives every active account a tweet at any scale (helpers.synthetic.sample.place_anchors): not scaled.
    "accounts_with_tweets": Metric(_accounts_with_tweets, "count", (core.overview,)),
    "tweets": Metric(_tweets, "count", (core.overview,), scales=True),
    "retweets": Metric(_retweets, "count", (timeline.yearly,), scales=True),
    "retweet_share": Metric(_retweet_share, "share", (core.retweet_share,)),
    "engagement_total": Metric(_engagement_total, "count", (engagement.totals,), scales=True,
                               required=("count",)),
    "tweets_in_year": Metric(_tweets_in_year, "count", (timeline.yearly,), scales=True,
                             required=("year",), window=_year_window),
    "retweets_in_year": Metric(_retweets_in_year, "count", (timeline.yearly,), scales=True,
                               required=("year",), window=_year_window),
    "peak_year": Metric(_peak_year, "year", (timeline.yearly,)),
    "tweets_on_days": Metric(_tweets_on_days, "count", (timeline.daily,), scales=True,
                             required=("start", "end"), window=_days_window),
    "share_of_tweets": Metric(_share_of_tweets, "share", (core.top_values,), required=("column", "value")),
    "rank_of_value": Metric(_rank_of_value, "rank", (core.top_values,), required=("column", "value")),
    "share_ratio": Metric(_share_ratio, "ratio", (core.top_values,), required=("column", "value", "other")),
    "language_peak_ratio": Metric(_language_peak_ratio, "ratio", (timeline.counts_by_period,
                                                                  timeline.peaks), required=("first", "then")),
    "language_peak_lag": Metric(_language_peak_lag, "months", (timeline.counts_by_period, timeline.peaks),
                                required=("first", "then")),
    "accounts_with_value": Metric(_accounts_with_value, "count", (core.top_values,), ("users",),
                                  required=("column", "value")),
    "accounts_created_in_year": Metric(_accounts_created_in_year, "count", (accounts.created_per_year,),
                                       ("users",), required=("year",)),
    "accounts_created_share": Metric(_accounts_created_share, "share", (accounts.created_per_year,),
                                     ("users",), required=("first", "last")),
    "accounts_in_bin": Metric(_accounts_in_bin, "count", (accounts.binned,), ("users",),
                              required=("column", "bin")),
    "accounts_share_below": Metric(_accounts_share_below, "share", (accounts.ecdf,), ("users",),
                                   required=("column", "below")),
    "max_followers": Metric(_max_followers, "count", (engagement.top_accounts,), ("users",)),
    "hashtag_share": Metric(_hashtag_share, "share", (content.top_items,), required=("hashtag",)),
    "domain_per_tweet": Metric(_domain_per_tweet, "share", (content.top_domains,), required=("domain",)),
    "hashtag_tweets": Metric(_hashtag_tweets, "count", (content.item_per_day,), scales=True,
                             required=("hashtag",), optional=("start", "end"), window=_days_window),
    "domain_tweets": Metric(_domain_tweets, "count", (content.domain_reach,), scales=True,
                            required=("domain",)),
    "domain_share": Metric(_domain_share, "share", (content.domain_reach,), required=("domain", "of")),
    "term_rank": Metric(_term_rank, "rank", (content.term_counts,), required=("term", "terms")),
    "zero_engagement_share": Metric(_zero_engagement_share, "share", (engagement.zero_share,)),
    "account_likes_rank": Metric(_account_likes_rank, "rank", (engagement.account_totals,),
                                 ("tweets", "users"), required=("screen_name",)),
}

# What each count counts: a difference of counts is said in it ("+5 accounts", not "+5").
COUNT_NOUNS = {"users_rows": "accounts", "accounts_with_tweets": "accounts", "tweets": "tweets", "retweets": "retweets",
               "tweets_in_year": "tweets", "retweets_in_year": "retweets", "tweets_on_days": "tweets",
               "accounts_with_value": "accounts", "accounts_created_in_year": "accounts", "accounts_in_bin": "accounts",
               "max_followers": "followers", "hashtag_tweets": "tweets", "domain_tweets": "tweets"}
METRICS = {name: replace(m, noun=COUNT_NOUNS.get(name, "")) for name, m in METRICS.items()}
