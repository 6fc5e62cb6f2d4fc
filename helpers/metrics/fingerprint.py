"""The fingerprint of an operation: one row per operation, comparable across the archive's 48 datasets.

In: a DuckDB connection with `tweets` and `users` relations (the engine's views: `of_engine`), the operations
in display order and their home time zones. Out: `fingerprint()`, one row per operation (size, active span,
accounts created per year, language mix, clients and automation, retweet and reply shares, hashed accounts,
engagement, posting hours in home time, top domain and hashtag), and `standardised()`, the numeric
features as z-scores for figures and for `resemblance` (which operations look alike).

The heavy work is SQL (`fingerprint_sql`); what is finished in Python runs on tables of distinct values
(languages, clients, hosts, hours) with the project's one definition of each concept: client classes
(`clients`), registered domains (`content.domain_of_host`), working hours (`timeline.working_hours_share`).
An operation without tweets keeps its row (zero tweets, empty features): no default hides an operation.
Coordination enters through `with_coordination`: the share of each operation's accounts in co-retweet and
co-tweet pairs coordinated beyond chance (the two measures of Schoch et al. 2022), taken from notebook 10's
calibrated result on the same tweets, never recomputed here (its shuffled draws are the expensive part).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.data import catalog
from helpers.metrics import clients, content, timeline
from helpers.metrics import fingerprint_sql as fsql
from helpers.metrics.core import labelled

COLUMNS = ("op", "tweets", "accounts", "accounts_source", "first_tweet", "last_tweet", "active_days",
           "tweets_per_account", "created_median_year", "created_peak_year", "top_language",
           "top_language_share", "languages_5pct", "top_client", "automated_share", "retweet_share",
           "reply_share", "hashed_share", "engagement_per_tweet", "no_engagement_share", "home_zone",
           "peak_local_hour", "office_hours_share", "top_domain", "top_domain_share", "top_hashtag",
           "top_hashtag_share", "undated")


# The cache columns the fingerprint reads (for the figure index: what is behind each figure).
CACHE_COLUMNS = ("tweet_time", "userid", "is_retweet", "in_reply_to_tweetid", "in_reply_to_userid",
                 "quoted_tweet_tweetid", "tweet_language", "tweet_client_name", "urls", "hashtags", "user_is_hashed",
                 "account_creation_date", "like_count", "retweet_count", "reply_count", "quote_count")


@dataclass(frozen=True)
class Feature:
    """A numeric fingerprint column as it enters the standardised view: its label and whether it is
    compared on a log scale (sizes span five orders of magnitude across the archive)."""

    column: str
    label: str
    log: bool = False


FEATURES = (
    Feature("tweets", "tweets (log)", log=True),
    Feature("accounts", "accounts (log)", log=True),
    Feature("tweets_per_account", "tweets per account (log)", log=True),
    Feature("active_days", "active days (log)", log=True),
    Feature("created_median_year", "median account creation year"),
    Feature("top_language_share", "top language share"),
    Feature("languages_5pct", "languages with 5%+"),
    Feature("automated_share", "automated client share"),
    Feature("retweet_share", "retweet share"),
    Feature("reply_share", "reply share"),
    Feature("hashed_share", "hashed account share"),
    Feature("engagement_per_tweet", "engagement per tweet (log)", log=True),
    Feature("no_engagement_share", "tweets without engagement"),
    Feature("office_hours_share", "office-hours share (home time)"),
    Feature("top_hashtag_share", "top hashtag share"),
)


# Coordination features (`with_coordination`): network of notebook 10 -> fingerprint column.
COORDINATION = {"co_retweet": "coordinated_co_retweet", "co_tweet": "coordinated_co_tweet"}
COORDINATION_FEATURES = (
    Feature("coordinated_co_retweet", "co-retweet beyond chance (accounts)"),
    Feature("coordinated_co_tweet", "co-tweet beyond chance (accounts)"),
)


def with_coordination(fp: pd.DataFrame, coverage: pd.DataFrame | None) -> tuple[pd.DataFrame, str | None]:
    """The fingerprint with the COORDINATION columns: per operation the share of its active accounts in
    pairs coordinated beyond chance (`accounts beyond chance share` of notebook 10's coverage, one row per
    op and network). Returns the frame and, when the columns stay empty, why.

    The coverage is used only if it counted the same tweets per operation as the fingerprint (same files,
    window and operations): a coverage left by a run on other files or another window would otherwise
    pass for this one's. A network notebook 10 did not run stays empty; so does an operation it did not see."""
    out = fp.copy()
    for column in COORDINATION.values():
        out[column] = np.nan
    if coverage is None or coverage.empty:
        return out, "notebook 10 (coordination) has not run on these files"
    tweets = coverage.drop_duplicates("op").set_index("op")["tweets"]
    mine = fp.set_index("op")["tweets"]
    seen = mine.index.intersection(tweets.index)
    if len(seen) == 0 or not (tweets.loc[seen].astype("int64") == mine.loc[seen].astype("int64")).all():
        return out, "notebook 10 (coordination) last ran on other tweets (another window or other operations)"
    for network, column in COORDINATION.items():
        share = coverage[coverage["network"] == network].set_index("op")["accounts beyond chance share"]
        out[column] = out["op"].map(share).astype(float)
    return out, None


def features_of(fp: pd.DataFrame) -> tuple[Feature, ...]:
    """FEATURES, plus each coordination feature the fingerprint has a value for (an all-empty column would
    only add a grey stripe and weigh nothing)."""
    extra = tuple(f for f in COORDINATION_FEATURES if f.column in fp and fp[f.column].notna().any())
    return FEATURES + extra


def _top(counts: pd.DataFrame, value: str, n: str) -> pd.DataFrame:
    """Per op the most frequent value (ties alphabetically, as `core.rank_within`) and its share: op,
    top, top_share."""
    c = counts.assign(_v=counts[value].astype(str))
    totals = c.groupby("op")[n].transform("sum")
    c = c.assign(share=c[n] / totals.where(totals > 0))
    best = c.sort_values(["op", n, "_v"], ascending=[True, False, True], kind="stable").drop_duplicates("op")
    return best[["op", "_v", "share"]].rename(columns={"_v": "top", "share": "top_share"})


def languages(con, tweets: str) -> pd.DataFrame:
    """Per op: top tweet language and its share, and how many coded languages have at least
    `timeline.MAIN_LANGUAGE_SHARE` of the tweets (the rule `languages_drawn` applies)."""
    c = fsql.value_counts(con, tweets, "tweet_language")
    c["value"] = labelled(c["value"]).astype(str)
    c = c.groupby(["op", "value"], as_index=False)["tweets"].sum()
    top = _top(c, "value", "tweets").rename(columns={"top": "top_language", "top_share": "top_language_share"})
    share = c["tweets"] / c.groupby("op")["tweets"].transform("sum")
    main = c[(share >= timeline.MAIN_LANGUAGE_SHARE) & ~c["value"].isin(timeline.UNCODED_LANGUAGES)]
    return top.merge(main.groupby("op").size().rename("languages_5pct").reset_index(), on="op", how="left")


def client_mix(con, tweets: str) -> pd.DataFrame:
    """Per op: top client name and the automated share (`clients.automated_labels`: scheduling services
    and the operations' own apps), each distinct name classified once."""
    c = fsql.value_counts(con, tweets, "tweet_client_name")
    c["value"] = labelled(c["value"]).astype(str)
    c["klass"] = clients.classify(c["value"]).astype(str).to_numpy()
    top = _top(c, "value", "tweets").rename(columns={"top": "top_client"})[["op", "top_client"]]
    auto = c.assign(a=c["tweets"].where(c["klass"].isin(clients.automated_labels()), 0))
    shares = auto.groupby("op").agg(a=("a", "sum"), n=("tweets", "sum"))
    shares["automated_share"] = shares["a"] / shares["n"].where(shares["n"] > 0)
    return top.merge(shares[["automated_share"]].reset_index(), on="op", how="left")


def domains(con, tweets: str) -> pd.DataFrame:
    """Per op: the most linked registered domain (URL occurrences, as `content.top_domains`) and its share
    of the URLs with a domain; each distinct host is looked up once."""
    h = fsql.url_hosts(con, tweets).dropna(subset=["host"])
    if h.empty:
        return pd.DataFrame(columns=["op", "top_domain", "top_domain_share"])
    h["domain"] = [content.domain_of_host(x) for x in h["host"]]
    d = h.groupby(["op", "domain"], as_index=False)["urls"].sum()
    return _top(d, "domain", "urls").rename(columns={"top": "top_domain", "top_share": "top_domain_share"})


def hashtags(con, tweets: str) -> pd.DataFrame:
    """Per op: the most used hashtag and its share of all hashtag occurrences."""
    t = fsql.top_hashtags(con, tweets, 1)
    return pd.DataFrame({"op": t["op"], "top_hashtag": t["item"],
                         "top_hashtag_share": (t["occurrences"] / t["total"]).astype(float)})


def weekly_profile(con, tweets: str, zones: Mapping[str, str]) -> pd.DataFrame:
    """`timeline.hour_profile(weekly=True)`'s table (op, zone, hour, tweets, day, hour_of_day, share) from
    SQL: tweets per hour of the week in each op's home time zone."""
    h = fsql.local_hours(con, tweets, dict(zones))
    h["hour"] = h["day"] * 24 + h["hour_of_day"]
    h["share"] = h["tweets"] / h.groupby("op")["tweets"].transform("sum")
    return h[["op", "zone", "hour", "tweets", "day", "hour_of_day", "share"]]


def hours(con, tweets: str, zones: Mapping[str, str]) -> pd.DataFrame:
    """Per op: home zone, the local hour of day with most tweets (earliest on ties), and the share posted
    on local working days in office hours (`timeline.working_hours_share`)."""
    w = weekly_profile(con, tweets, zones)
    if w.empty:
        return pd.DataFrame(columns=["op", "home_zone", "peak_local_hour", "office_hours_share"])
    by_hour = w.groupby(["op", "hour_of_day"], as_index=False)["tweets"].sum()
    peak = by_hour.sort_values(["op", "tweets", "hour_of_day"], ascending=[True, False, True]).drop_duplicates("op")
    office = timeline.working_hours_share(w).rename("office_hours_share").rename_axis("op").reset_index()
    zone = w.drop_duplicates("op")[["op", "zone"]].rename(columns={"zone": "home_zone"})
    out = zone.merge(peak[["op", "hour_of_day"]].rename(columns={"hour_of_day": "peak_local_hour"}), on="op")
    return out.merge(office, on="op")


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.argsort(values, kind="stable")
    cum = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cum, cum[-1] / 2)])


def accounts(con, tweets: str, users: str) -> pd.DataFrame:
    """Per op: accounts and hashed share from the users file where the op has one, else from its tweets
    (`accounts_source` says which, as `core.overview`), and the median and peak creation years."""
    a = fsql.accounts(con, tweets, users)
    a["pref"] = (a["source"] != "users file").astype(int)
    a = a.sort_values(["op", "pref"]).drop_duplicates("op")
    out = pd.DataFrame({"op": a["op"], "accounts": a["accounts"], "accounts_source": a["source"],
                        "hashed_share": a["hashed_accounts"] / a["accounts"].where(a["accounts"] > 0)})
    years = fsql.created_per_year(con, tweets, users).merge(a[["op", "source"]], on=["op", "source"])
    rows = []
    for op, y in years.groupby("op"):
        w = y["accounts"].to_numpy(dtype=float)
        peak = y.sort_values(["accounts", "year"], ascending=[False, True]).iloc[0]
        rows.append({"op": op, "created_median_year": _weighted_median(y["year"].to_numpy(dtype=float), w),
                     "created_peak_year": int(peak["year"])})
    made = pd.DataFrame(rows, columns=["op", "created_median_year", "created_peak_year"])
    return out.merge(made, on="op", how="left")


def fingerprint(con, tweets: str, users: str, ops: Sequence[str], zones: Mapping[str, str]) -> pd.DataFrame:
    """One row per operation of `ops` (in that order, also one without tweets): the columns of COLUMNS.

    Shares are of the operation's tweets in the run (accounts: of its accounts; domains: of its URLs with
    a domain; hashtags: of its hashtag occurrences). Times are UTC; `peak_local_hour` and
    `office_hours_share` are in the home zone of `zones` (UTC where an op has none)."""
    t = fsql.tweet_totals(con, tweets)
    t["active_days"] = (t["last_tweet"] - t["first_tweet"]).dt.days + 1
    t["engagement_per_tweet"] = t["engagement"] / t["tweets"].where(t["tweets"] > 0)
    t["no_engagement_share"] = t["tweets_without_engagement"] / t["tweets_engagement_known"].where(
        t["tweets_engagement_known"] > 0)
    out = pd.DataFrame({"op": list(ops)})
    for part in (t, accounts(con, tweets, users), languages(con, tweets), client_mix(con, tweets),
                 hours(con, tweets, {op: zones.get(op, "UTC") for op in ops}), domains(con, tweets),
                 hashtags(con, tweets)):
        out = out.merge(part, on="op", how="left")
    out["tweets"] = out["tweets"].fillna(0).astype("int64")
    out["undated"] = out["undated"].fillna(0).astype("int64")
    out["tweets_per_account"] = out["tweets"] / out["accounts"].where(out["accounts"] > 0)
    out["languages_5pct"] = out["languages_5pct"].where(out["tweets"] == 0, out["languages_5pct"].fillna(0))
    return out[list(COLUMNS)]


def of_engine(engine, ops: Sequence[str], zones: Mapping[str, str]) -> pd.DataFrame:
    """The fingerprint over the out-of-core engine's views (`ReleaseData.engine()`: the run's window and
    operations applied once, duplicates across parts left out): the one set of views every metric reads."""
    return fingerprint(engine.con, engine.views["tweets"], engine.views["users"], ops, zones)


def standardised(fp: pd.DataFrame, features: Sequence[Feature] = FEATURES) -> pd.DataFrame:
    """The numeric features as a long table: op, feature (label), value (as in the fingerprint), scaled
    (log10 for log features, zero and below left empty) and z (scaled minus the mean over operations,
    over their standard deviation; 0 when every operation has the same value; empty when unknown)."""
    parts = []
    for f in features:
        v = pd.to_numeric(fp[f.column], errors="coerce").astype(float)
        scaled = np.log10(v.where(v > 0)) if f.log else v
        sd, mean = scaled.std(ddof=0), scaled.mean()
        # equal values can leave a rounding-size spread (0.2 three times: 3e-17): that is no spread
        spread = bool(np.isfinite(sd) and sd > 1e-9 * max(1.0, abs(mean)))
        z = (scaled - mean) / sd if spread else scaled * 0.0
        parts.append(pd.DataFrame({"op": fp["op"].to_numpy(), "feature": f.label, "value": v.to_numpy(),
                                   "scaled": scaled.to_numpy(), "z": z.to_numpy()}))
    return pd.concat(parts, ignore_index=True)


CLIP = 3.0   # |z| beyond this counts as this much: one extreme value must not decide a resemblance alone


def matrix(long: pd.DataFrame, ops: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """z-scores as an (operations x features) array in the order of `ops`, clipped to +-CLIP, unknown
    values as 0 (the mean: an operation missing a feature is neither like nor unlike the others on it)."""
    wide = long.pivot(index="op", columns="feature", values="z")
    order = [f for f in dict.fromkeys(long["feature"])]
    wide = wide.reindex(index=list(ops), columns=order)
    return np.clip(np.nan_to_num(wide.to_numpy(dtype=float), nan=0.0), -CLIP, CLIP), order


def display_order(ops: Sequence[str]) -> list[str]:
    """Operations by disclosure month, then attribution (the catalog's, so one actor's datasets of one
    disclosure sit together), then catalog order; operations not in the catalog last, by name."""
    rank = {d.op: i for i, d in enumerate(catalog.datasets())}

    def key(op: str):
        d = catalog.lookup(op)
        return (0, d.release_month, d.attributed_to.split(" (")[0], rank[d.op], op) if d else (1, "", "", 0, op)

    return sorted(ops, key=key)


def disclosure_breaks(ops: Sequence[str]) -> list[int]:
    """Positions in `ops` where a new disclosure month starts (for lines between them in a figure)."""
    found = [catalog.lookup(op) for op in ops]
    months = [d.release_month if d is not None else "" for d in found]
    return [i for i in range(1, len(months)) if months[i] != months[i - 1]]
