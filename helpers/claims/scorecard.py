"""The reproduction scorecard: each published claim about the October 2018 release, recomputed.

`claims.yaml` (next to this module) holds the claims, one entry per published number, made from
docs/published-figures.md. Source tags ([G], [Z], [D1], ...) resolve to full references through
helpers/present/references.yaml (`helpers.present.references`). `METRICS` maps each claim's metric name to a function of
(frames, op, **args) that calls the shared metric helpers (`helpers.metrics`): the scorecard and the
figures use one definition of every concept. `evaluate()` computes every claim on a release and says,
row by row, whether it matches, differs or cannot be computed (and why).

Rules:
- A claim about a whole file (rows, retweets, shares of languages, top hashtags, ...) is computed over
  the whole file, whatever the run's date range. A dated claim (a year, a day, a window of days) is
  computed on UTC calendar days, and only when its whole window lies inside the run's start..end.
- On the synthetic sample (`helpers.synthetic.sample`), agreement is by construction and is no evidence: the
  statuses say so (`matches (by construction)`, `differs (synthetic)`). Counts of tweets-file rows are
  compared with the published value times the sample's scale; shares, ranks, years and users-file counts
  are not scaled (the sample writes every account at any scale).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from helpers import paths
from helpers.claims.dates import parse_day
from helpers.data.manifest import files_table
from helpers.errors import ProjectError
from helpers.metrics import accounts, content, core, engagement, timeline
from helpers.present import references

CLAIMS_FILE = Path(__file__).with_name("claims.yaml")

MATCHES, DIFFERS, CANNOT = "matches", "differs", "cannot be computed"
SYNTHETIC_STATUS = {MATCHES: "matches (by construction)", DIFFERS: "differs (synthetic)", CANNOT: CANNOT}
STATUSES = (MATCHES, DIFFERS, CANNOT)
COMPARES = ("equal", "at_least", "at_most")
# An exact count compared with a scaled-down published value: the sample rounds each year's (or day's)
# scaled count, so allow that rounding, 0.5% or half a row, whichever is larger.
SCALED_EXACT_RELATIVE, SCALED_EXACT_ABSOLUTE = 0.005, 0.5

ID_PATTERN = re.compile(r"^[a-z0-9_]+(\.[A-Za-z0-9_]+)+$")
REQUIRED_FIELDS = ("id", "op", "metric", "args", "published", "printed", "compare", "tolerance", "claim",
                   "source", "cite")
OPTIONAL_FIELDS = ("note", "reason")

# Columns the metrics read (whole files, every operation of the run).
TWEET_COLUMNS = ("userid", "user_is_hashed", "tweet_time", "tweet_language", "tweet_client_name",
                 *core.KIND_COLUMNS, *engagement.ENGAGEMENT)
USER_COLUMNS = ("userid", "user_screen_name", "user_is_hashed", "account_creation_date", "account_language",
                "follower_count", "following_count")


class ClaimError(ProjectError):
    """The claims file is malformed (names the claim and the field)."""


class NotComputable(Exception):
    """A metric cannot give a value on this data; the message is the reason shown on the row."""


# ----------------------------------------------------------------------------------------- claims

@dataclass(frozen=True)
class Tolerance:
    """How far a computed value may be from the published one and still match."""

    exact: bool
    relative: float = 0.0
    absolute: float = 0.0

    @classmethod
    def parse(cls, value, where: str) -> Tolerance:
        if value == "exact":
            return cls(True)
        if isinstance(value, dict) and value and set(value) <= {"relative", "absolute"}:
            for k, v in value.items():
                if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v < 1e12:
                    raise ClaimError(f"{where}: tolerance {k} must be a number >= 0, got {v!r}")
            return cls(False, float(value.get("relative", 0.0)), float(value.get("absolute", 0.0)))
        raise ClaimError(f"{where}: tolerance must be 'exact' or {{relative: r, absolute: a}}, got {value!r}")

    def limit(self, expected: float, scaled: bool) -> float:
        """The largest difference that still matches."""
        if self.exact:
            return max(SCALED_EXACT_ABSOLUTE, SCALED_EXACT_RELATIVE * abs(expected)) if scaled else 0.0
        return max(self.absolute, self.relative * abs(expected))

    def describe(self, unit: str, scaled: bool) -> str:
        if self.exact:
            return "exact (rounding of the scaled sample: ±0.5%)" if scaled else "exact"
        parts = []
        if self.relative:
            parts.append(f"±{100 * self.relative:g}%")
        if self.absolute:
            parts.append(f"±{100 * self.absolute:g} pp" if unit == "share" else f"±{self.absolute:g}")
        return " or ".join(parts)


@dataclass(frozen=True)
class Claim:
    id: str
    section: str
    claim: str
    op: str
    metric: str | None
    args: dict
    published: float | None
    printed: str
    compare: str
    tolerance: Tolerance | None
    source: tuple[str, ...]
    cite: str
    note: str = ""
    reason: str = ""

    @property
    def spec(self) -> Metric | None:
        return METRICS.get(self.metric) if self.metric else None

    @property
    def window(self) -> tuple[dt.date, dt.date] | None:
        """The UTC days the claim is about (None: a whole-file claim)."""
        spec = self.spec
        return spec.window(self.args) if spec and spec.window else None

    @property
    def call(self) -> str:
        """The metric with its arguments, as written in the claims file."""
        if not self.metric:
            return "none"
        args = ", ".join(f"{k}={v}" for k, v in self.args.items() if k != "terms")
        return f"{self.metric}({args})"


def _check_claim(raw, section: str, sources: set[str], where: str) -> Claim:  # noqa: C901 (a check per field)
    if not isinstance(raw, dict):
        raise ClaimError(f"{where}: expected a mapping, got {raw!r}")
    where = f"{where} ({raw.get('id', '?')})"
    missing = [k for k in REQUIRED_FIELDS if k not in raw]
    unknown = [k for k in raw if k not in REQUIRED_FIELDS + OPTIONAL_FIELDS]
    if missing or unknown:
        raise ClaimError(f"{where}: " + "; ".join(
            p for p in (f"missing {', '.join(missing)}" if missing else "",
                        f"unknown field(s) {', '.join(unknown)}" if unknown else "") if p))
    cid = raw["id"]
    if not isinstance(cid, str) or not ID_PATTERN.match(cid):
        raise ClaimError(f"{where}: id must look like 'section.what.op' (letters, digits, _), got {cid!r}")
    for k in ("claim", "op", "printed", "cite"):
        if not isinstance(raw[k], str) or not raw[k].strip():
            raise ClaimError(f"{where}: {k} must be non-empty text")
    tags = raw["source"]
    if not isinstance(tags, list) or not tags or any(t not in sources for t in tags):
        raise ClaimError(f"{where}: source must be a list of tags among {', '.join(sorted(sources))} "
                         f"(helpers/present/references.yaml), got {tags!r}")
    if raw["compare"] not in COMPARES:
        raise ClaimError(f"{where}: compare must be one of {', '.join(COMPARES)}, got {raw['compare']!r}")
    args = raw["args"]
    if not isinstance(args, dict):
        raise ClaimError(f"{where}: args must be a mapping")
    metric = raw["metric"]
    if metric is None:
        if not str(raw.get("reason") or "").strip():
            raise ClaimError(f"{where}: a claim without a metric needs a reason (why it is not recomputed)")
        if raw["tolerance"] is not None or raw["published"] is not None or args:
            raise ClaimError(f"{where}: a claim without a metric has no published number, args or tolerance")
        tolerance, published = None, None
    else:
        if metric not in METRICS:
            raise ClaimError(f"{where}: unknown metric {metric!r}; known: {', '.join(sorted(METRICS))}")
        spec = METRICS[metric]
        lacking = [a for a in spec.required if a not in args]
        extra = [a for a in args if a not in spec.required + spec.optional]
        if lacking or extra:
            raise ClaimError(f"{where}: metric {metric} takes {', '.join(spec.required + spec.optional) or 'no args'}"
                             f"; missing {lacking or 'none'}, unexpected {extra or 'none'}")
        pub = raw["published"]
        if isinstance(pub, bool) or not isinstance(pub, (int, float)) or not math.isfinite(pub):
            raise ClaimError(f"{where}: published must be a number, got {pub!r}")
        published = float(pub)
        tolerance = Tolerance.parse(raw["tolerance"], where)
        if spec.window:
            for k in ("start", "end"):
                if k in args:
                    args = {**args, k: parse_day(args[k], f"{where}: args.{k}", ClaimError)}
            if "start" in args and "end" in args and args["start"] > args["end"]:
                raise ClaimError(f"{where}: args.start is after args.end")
            if ("start" in args) != ("end" in args):
                raise ClaimError(f"{where}: give both args.start and args.end, or neither")
    return Claim(id=cid, section=section, claim=raw["claim"].strip(), op=raw["op"], metric=metric, args=args,
                 published=published, printed=raw["printed"], compare=raw["compare"], tolerance=tolerance,
                 source=tuple(tags), cite=raw["cite"], note=str(raw.get("note") or ""),
                 reason=str(raw.get("reason") or ""))


# libyaml's safe loader where installed (7x faster on the 275 claims), the pure-Python one otherwise.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_claims_file(path: str | Path = CLAIMS_FILE) -> dict:
    """The claims file as YAML (claims by section), unchecked."""
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise ClaimError(f"{path}: cannot read the claims file ({exc})") from None
    if not isinstance(data, dict) or set(data) != {"claims"}:
        raise ClaimError(f"{path.name}: expected one key, 'claims' (source tags resolve through "
                         "helpers/present/references.yaml)")
    if not isinstance(data["claims"], dict):
        raise ClaimError(f"{path.name}: 'claims' maps sections to lists of claims")
    return data


def load_claims(path: str | Path = CLAIMS_FILE) -> list[Claim]:
    """Every claim of the claims file, checked (unique ids, known metrics and sources, tolerances)."""
    data = read_claims_file(path)
    known = references.known_tags()
    out, seen = [], set()
    for section, items in data["claims"].items():
        if not isinstance(items, list):
            raise ClaimError(f"{path}: section {section!r} must hold a list of claims")
        for i, raw in enumerate(items):
            claim = _check_claim(raw, str(section), known, f"{Path(path).name}, {section}[{i}]")
            if claim.id in seen:
                raise ClaimError(f"{path}: claim id {claim.id!r} is used twice")
            seen.add(claim.id)
            out.append(claim)
    return out


@lru_cache(maxsize=1)
def sources(path: str | Path = CLAIMS_FILE) -> dict[str, list[dict]]:
    """Each source tag the claims use -> its full references (`helpers.present.references`), in order of use."""
    return references.records(t for c in load_claims(path) for t in c.source)


def shown_tags(tags: str) -> str:
    """The source column for readers: "G, Z" -> "[G], [Z]", tags as the References block lists them."""
    return ", ".join(f"[{t.strip()}]" for t in str(tags).split(",") if t.strip())


# ----------------------------------------------------------------------------------------- frames

class Frames:
    """The frames the metrics read, for every operation of the run, over whole files: loaded from the
    release on first use (or given, for tests), plus the metric tables computed from them, once.

    Names: `tweets` (TWEET_COLUMNS), `users` (USER_COLUMNS; None without any users file), `hashtags` and
    `urls` (long tables of `ReleaseData.exploded`), `texts:<op>` (tweet_text of one operation).
    """

    def __init__(self, release=None, **given: pd.DataFrame | None):
        self.release = release
        self._frames = dict(given)
        self._memo: dict = {}

    def __getitem__(self, name: str) -> pd.DataFrame | None:
        if name not in self._frames:
            self._frames[name] = self._load(name)
        return self._frames[name]

    def _load(self, name: str) -> pd.DataFrame | None:
        r = self.release
        if r is None:
            raise KeyError(f"no frame {name!r} was given and there is no release to load it from")
        tweet_ops = r.ops_with("tweets")
        if name == "tweets":
            return r.tweets(list(TWEET_COLUMNS), ops=tweet_ops, dated=False)
        if name == "users":
            user_ops = r.ops_with("users")
            return r.users(list(USER_COLUMNS), ops=user_ops) if user_ops else None
        if name == "hashtags":
            return r.exploded("hashtags", ["tweetid", "tweet_time"], ops=tweet_ops, dated=False)
        if name == "urls":
            return content.with_domains(r.exploded("urls", ["tweetid"], ops=tweet_ops, dated=False))
        if name.startswith("texts:"):
            return r.tweets(["tweet_text"], ops=[name.split(":", 1)[1]], dated=False)
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
        return self.memo("tweets_per_op", lambda: self["tweets"].groupby("op", observed=False).size())

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


def _in_year(column: str):
    def metric(fr: Frames, op: str, year: int) -> float:
        return _pick(fr.yearly(), op, "year", int(year), column, 0)
    return metric


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
    mine = (tags["op"] == op).to_numpy()
    if not mine.any():
        return 0
    if start is None:  # the whole file: from its first to its last day with a hashtag
        days = tags.loc[mine, "tweet_time"].dt.tz_convert("UTC")
        start, end = days.min().date(), days.max().date()
    per_day = content.item_per_day(tags, hashtag, start, end, ops=[op])  # counted per op: op's rows only
    return _of(per_day, op)["tweets"].sum()


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

    @property
    def helper_names(self) -> tuple[str, ...]:
        """The helpers' dotted names (`helpers.metrics.core.overview`), from the functions themselves."""
        return tuple(f"{f.__module__}.{f.__qualname__}" for f in self.helpers)
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    window: Callable[[dict], tuple[dt.date, dt.date] | None] | None = None


METRICS: dict[str, Metric] = {
    "users_rows": Metric(_users_rows, "count", (core.overview,), ("users",)),
    # The sample gives every active account a tweet at any scale (helpers.synthetic.sample.place_anchors): not scaled.
    "accounts_with_tweets": Metric(_accounts_with_tweets, "count", (core.overview,)),
    "tweets": Metric(_tweets, "count", (core.overview,), scales=True),
    "retweets": Metric(_retweets, "count", (timeline.yearly,), scales=True),
    "retweet_share": Metric(_retweet_share, "share", (core.retweet_share,)),
    "engagement_total": Metric(_engagement_total, "count", (engagement.totals,), scales=True,
                               required=("count",)),
    "tweets_in_year": Metric(_in_year("tweets"), "count", (timeline.yearly,), scales=True,
                             required=("year",), window=_year_window),
    "retweets_in_year": Metric(_in_year("retweets"), "count", (timeline.yearly,), scales=True,
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


# ------------------------------------------------------------------------------------- evaluation

def sample_scale(release) -> float | None:
    """The synthetic sample's scale (fraction of the real tweet volume); None for a real release."""
    if not release.synthetic:
        return None
    scale = (release.manifest.get("sample") or {}).get("scale")
    return float(scale) if scale else None


def _date_or_none(value) -> dt.date | None:
    return None if value is None else pd.Timestamp(value).date()


def _describe_window(start: dt.date, end: dt.date) -> str:
    if start == end:
        return str(start)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"the year {start.year}"
    return f"{start} to {end}"


def why_not(claim: Claim, op: str, release) -> str | None:
    """Why a claim cannot be computed on this release and run (None when it can)."""
    if claim.metric is None:
        return claim.reason
    if op not in release.manifest.get("ops", []):
        return f"the release holds no file for operation '{op}'"
    if op not in release.ops:
        return f"operation '{op}' is not in this run (parameter ops)"
    for table in claim.spec.tables:
        if not release.has(op, table):
            return f"the release holds no {table} file for operation '{op}'"
    window = claim.window
    if window is not None:
        lo, hi = _date_or_none(release.start), _date_or_none(release.end)
        outside = (lo is not None and window[1] < lo) or (hi is not None and window[0] > hi)
        partly = (lo is not None and window[0] < lo) or (hi is not None and window[1] > hi)
        if outside or partly:
            return (f"{_describe_window(*window)} is {'outside' if outside else 'only partly inside'} the date "
                    f"range {lo or 'start of data'} to {hi or 'end of data'}")
    return None


def _number(value) -> float:
    if value is None or value is pd.NA or value is pd.NaT:
        return float("nan")
    return float(value)


def evaluate(claims: list[Claim], release, frames: Frames | None = None,
             op_names: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per claim: published, expected (published, scaled on the sample where it applies),
    computed, difference, status and the reason when it cannot be computed.

    `op_names` renames the claims' operations as the run does (parameter op_names, e.g. {iranian: iran}).
    """
    frames = frames if frames is not None else Frames(release)
    synthetic = bool(release.synthetic)
    scale = sample_scale(release)
    rows = []
    for c in claims:
        op = (op_names or {}).get(c.op, c.op)
        spec = c.spec
        scaled = bool(spec and spec.scales and scale is not None and scale != 1)
        expected = c.published * scale if scaled else c.published
        window = c.window
        row = {"id": c.id, "section": c.section, "op": op, "claim": c.claim, "source": ", ".join(c.source),
               "cite": c.cite, "metric": c.call, "helpers": ", ".join(spec.helper_names) if spec else "",
               "unit": spec.unit if spec else "", "window": (f"{window[0]}..{window[1]}" if window else ""),
               "printed": c.printed, "published": _number(c.published), "compare": c.compare,
               "scale": scale if scaled else float("nan"), "expected": _number(expected),
               "tolerance": c.tolerance.describe(spec.unit, scaled) if c.tolerance else "",
               "computed": float("nan"), "difference": float("nan"), "relative_difference": float("nan"),
               "status": CANNOT, "reason": "", "note": c.note}
        reason = why_not(c, op, release)
        if reason is None:
            try:
                value = _number(spec.fn(frames, op, **c.args))
                if math.isnan(value):
                    reason = "no value on this data"
            except NotComputable as exc:
                reason = str(exc)
        if reason is not None:
            row["reason"] = reason
        else:
            diff = value - expected
            if c.compare == "at_least":
                ok = value >= expected
            elif c.compare == "at_most":
                ok = value <= expected
            else:
                ok = abs(diff) <= c.tolerance.limit(expected, scaled) + 1e-12
            row.update(computed=value, difference=diff,
                       relative_difference=diff / expected if expected else float("nan"),
                       status=MATCHES if ok else DIFFERS)
        if synthetic:
            row["status"] = SYNTHETIC_STATUS[row["status"]]
        rows.append(row)
    return pd.DataFrame(rows)


def base_status(status: str) -> str:
    """matches / differs / cannot be computed, whatever the synthetic wording."""
    return next(s for s in STATUSES if status.startswith(s))


# ------------------------------------------------------------------------------------ presentation

def fmt(value: float, unit: str) -> str:
    """A value in the unit of its claim: 12,345; 36.90%; 2015; 1.52."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if unit == "share":
        return f"{100 * value:.2f}%"
    if unit == "ratio":
        return f"{value:,.2f}"
    if unit == "count" and abs(value - round(value)) > 1e-9:
        return f"{value:,.2f}" if abs(value) < 1 else f"{value:,.1f}"
    return f"{value:,.0f}" if unit == "count" else f"{value:.0f}"


def fmt_difference(value: float, unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{abs(100 * value):.2f} pp" if unit == "share" else fmt(abs(value), unit)
    zero = not re.search(r"[1-9]", text)
    return ("±" if zero else "+" if value > 0 else "−") + text


def _published_cell(row) -> str:
    """The published words, what they are read as when they are not a plain number, and the scaled
    value compared on the sample."""
    words = {"at_least": "at least ", "at_most": "at most "}.get(row["compare"], "")
    text = row["printed"]
    if row["unit"] and (words or not re.fullmatch(r"[\d,.]+%?", text)):
        text += f" (read as {words}{fmt(row['published'], row['unit'])})"
    if not math.isnan(row["scale"]):
        text += f"; × {row['scale']:g} (sample scale) = {fmt(row['expected'], row['unit'])}"
    return text


def present(table: pd.DataFrame) -> pd.DataFrame:
    """The scorecard for reading: claim, source, published, computed, difference, status (with reason)."""
    rows = []
    for _, r in table.iterrows():
        status = r["status"] + (f": {r['reason']}" if r["reason"] else "")
        rows.append({"claim": r["claim"], "source": shown_tags(r["source"]), "published": _published_cell(r),
                     "computed": fmt(r["computed"], r["unit"]),
                     "difference": fmt_difference(r["difference"], r["unit"]),
                     "status": status})
    return pd.DataFrame(rows, columns=["claim", "source", "published", "computed", "difference", "status"])


def summary(table: pd.DataFrame) -> pd.DataFrame:
    """Claims per section and status (in the order of the claims file), with a total row."""
    base = table.assign(_status=table["status"].map(base_status))
    counts = base.groupby(["section", "_status"], sort=False).size().unstack(fill_value=0)
    counts = counts.reindex(columns=list(STATUSES), fill_value=0).reindex(pd.unique(table["section"]))
    counts.columns.name = None
    counts.insert(0, "claims", counts.sum(axis=1))
    counts.loc["all claims"] = counts.sum()
    if table["status"].str.contains("synthetic|by construction").any():
        counts = counts.rename(columns={MATCHES: SYNTHETIC_STATUS[MATCHES], DIFFERS: SYNTHETIC_STATUS[DIFFERS]})
    return counts.reset_index().rename(columns={"index": "section"})


def headline(table: pd.DataFrame, release) -> str:
    """The statement, then how many claims got each status (for the landing page)."""
    counts = table["status"].value_counts()
    order = [SYNTHETIC_STATUS[s] if release.synthetic else s for s in STATUSES]
    parts = ", ".join(f"{int(counts.get(s, 0))} {s}" for s in order)
    return f"{statement(release)} {len(table)} claims: {parts}."


def file_versions(release) -> pd.DataFrame:
    """The files compared: operation, table, name, size in bytes, SHA-256 (Twitter re-issued the October
    2018 files in February 2019, so two copies of the same name can differ)."""
    return files_table(release.manifest, release.ops)[["op", "table", "file", "bytes", "sha256"]]


def statement(release) -> str:
    """The scorecard's first line: on the sample, that agreement is by construction; on a real release,
    which file versions were compared."""
    if release.synthetic:
        sample = release.manifest.get("sample") or {}
        return (f"Synthetic sample (helpers.synthetic.sample, seed {sample.get('seed', '?')}, scale "
                f"{sample.get('scale', '?')}): it was generated from the published figures, so agreement here is "
                "by construction and is not evidence; the statuses say so. Counts of tweets are compared with "
                "the published value times the sample's scale.")
    files = "; ".join(f"{r.file} ({r.bytes:,} bytes, SHA-256 {r.sha256})" for r in file_versions(release).itertuples())
    return (f"Files compared: {files}. Twitter re-issued the October 2018 files in February 2019; these sizes and "
            "hashes say which version this scorecard describes.")


def data_record(release) -> dict:
    """What was compared, for the JSON export."""
    return {"release_dir": paths.shown(release.manifest.get("release_dir") or "?"),
            "synthetic": bool(release.synthetic),
            "sample": release.manifest.get("sample") if release.synthetic else None,
            "ops": list(release.ops), "start": str(release.start) if release.start else None,
            "end": str(release.end) if release.end else None,
            "files": file_versions(release).to_dict("records")}


def records(table: pd.DataFrame) -> list[dict]:
    """The rows as plain JSON values (missing numbers as null)."""
    out = []
    for row in table.to_dict("records"):
        out.append({k: (None if isinstance(v, float) and math.isnan(v) else
                        v.item() if isinstance(v, np.generic) else v) for k, v in row.items()})
    return out


def export(table: pd.DataFrame, release) -> dict:
    """The JSON document: statement, data compared, sources, and one record per claim."""
    return {"statement": statement(release), "data": data_record(release), "sources": sources(),
            "statuses": list(STATUSES), "claims": records(table)}
