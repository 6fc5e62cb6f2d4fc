"""Content: hashtags, linked domains, terms in the text, and event windows (case studies).

Hashtag and URL tables take the long tables of `ReleaseData.exploded` (op, [extra...], item).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import tldextract

from helpers.metrics.core import ops_of, rank_within, share_table

# Offline: the public-suffix list bundled with tldextract; never fetched, never cached to disk.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//([^/?#\s]+)(?:[/?#]|$)", re.I)
_SCHEME = r"^(?:[a-z][a-z0-9+.-]*:)?//"  # 'https://...' or protocol-relative '//...'; else no scheme
# Link shorteners and redirectors stay visible as themselves (as in Zannettou et al., Table 6).
SHORTENERS = frozenset({"bit.ly", "goo.gl", "j.mp", "dlvr.it", "ift.tt", "fb.me", "buff.ly", "t.co", "ow.ly",
                        "tinyurl.com", "tiny.cc", "is.gd", "trib.al", "youtu.be", "wp.me", "lnkd.in"})


@lru_cache(maxsize=None)
def domain_of_host(host: str) -> str:
    """Registered domain of a host name ('ru-open.livejournal.com' -> 'livejournal.com'); 'www.' and
    ports dropped, case folded; IP addresses and bare names kept as they are."""
    host = host.lower().rsplit("@", 1)[-1].split(":", 1)[0].strip(".")
    if host.startswith("www."):
        host = host[4:]
    found = _EXTRACT(host)
    registered = (found.top_domain_under_public_suffix if hasattr(found, "top_domain_under_public_suffix")
                  else found.registered_domain)
    return registered or host


def domains(urls: pd.Series) -> pd.Series:
    """The registered domain of each URL (missing when the text is not a URL with a host)."""
    text = urls.astype("string").str.strip()
    has_scheme = text.str.contains(_SCHEME, case=False, regex=True).fillna(False).astype(bool)
    with_scheme = text.where(has_scheme, "//" + text)
    host = with_scheme.str.extract(_HOST, expand=False)
    uniq = pd.unique(host.dropna())
    mapping = {h: domain_of_host(h) for h in uniq}
    return host.map(mapping).astype("string")


def top_items(long: pd.DataFrame, n: int | None, item: str = "item", unit: str = "occurrences",
              by: list[str] | None = None) -> pd.DataFrame:
    """Most frequent items per op (and `by` columns): op, [by], rank, item, <unit>, share of the
    group's occurrences. Ties broken alphabetically."""
    keys = ["op", *(by or [])]
    counts = long.groupby([*keys, item], observed=True).size().rename(unit).reset_index()
    counts = counts.rename(columns={item: "item"})
    totals = counts.groupby(keys, observed=True)[unit].transform("sum")
    counts["share"] = (counts[unit] / totals).astype(float)
    return rank_within(counts, keys, unit, "item", n)[[*keys, "rank", "item", unit, "share"]]


def top_domains(urls_long: pd.DataFrame, tweets_per_op: pd.Series, n: int | None) -> pd.DataFrame:
    """Top linked domains per op, as Zannettou et al. count them: URL occurrences per domain, and
    occurrences per 100 tweets (`per_tweet` = occurrences / all tweets of the op).
    `urls_long` is `exploded('urls', ['tweetid'])`. Columns: op, rank, item, urls, share, per_tweet."""
    f = urls_long.assign(domain=domains(urls_long["item"])).dropna(subset=["domain"])
    out = top_items(f, n, item="domain", unit="urls")
    out["per_tweet"] = (out["urls"] / out["op"].map(tweets_per_op).astype(float)).astype(float)
    out["shortener"] = out["item"].isin(SHORTENERS)
    return out


def domain_reach(urls_long: pd.DataFrame, tweets_per_op: pd.Series, domain: str) -> pd.DataFrame:
    """For one domain, per op: tweets linking to it, tweets with any URL, all tweets, and the shares
    of all tweets and of URL-bearing tweets (the AWDnews question of DFRLab Part 3)."""
    f = urls_long.assign(domain=domains(urls_long["item"]))
    rows = []
    for op, g in f.groupby("op", observed=False):
        with_url = g["tweetid"].nunique()
        hit = g.loc[g["domain"] == domain, "tweetid"].nunique()
        total = int(tweets_per_op.get(op, 0))
        rows.append({"op": op, "domain": domain, "tweets_linking": hit, "tweets_with_url": with_url,
                     "tweets": total, "share_of_tweets": hit / total if total else np.nan,
                     "share_of_url_tweets": hit / with_url if with_url else np.nan})
    return pd.DataFrame(rows)


def term_counts(tweets: pd.DataFrame, terms: list[str]) -> pd.DataFrame:
    """Tweets per op whose text mentions each term (case-insensitive, whole word; 'USA' does not match
    'USAF'). Columns: op, term, tweets, share (of the op's tweets), rank."""
    rows = []
    for op, f in tweets.groupby("op", observed=True):
        text = pa.array(f["tweet_text"].astype("string").fillna(""), type=pa.string())
        for term in terms:
            pattern = r"(?i)(?:^|[^\pL\pN_])" + re.escape(term) + r"(?:$|[^\pL\pN_])"
            hits = pc.sum(pc.match_substring_regex(text, pattern)).as_py() or 0
            rows.append({"op": op, "term": term, "tweets": hits, "share": hits / len(f) if len(f) else np.nan})
    out = pd.DataFrame(rows, columns=["op", "term", "tweets", "share"])
    return rank_within(out, "op", "tweets", "term", None)


def item_per_day(long: pd.DataFrame, item: str, start, end, ops: list[str] | None = None) -> pd.DataFrame:
    """Tweets per op and UTC day from `start` to `end` (inclusive) carrying `item` (e.g. a hashtag,
    case-insensitive), zero-filled, for `ops` (default: every operation of the frame).
    `long` is `exploded(..., ['tweetid', 'tweet_time'])`. Columns: op, day, tweets."""
    days = pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq="D")
    day = long["tweet_time"].dt.tz_convert("UTC").dt.tz_localize(None).dt.normalize()
    hit = long[(long["item"].str.casefold() == item.casefold()) & day.between(days[0], days[-1])]
    hit = hit.assign(day=day[hit.index]).drop_duplicates(["op", "tweetid"])
    counts = hit.groupby(["op", "day"], observed=True).size().rename("tweets")
    full = pd.MultiIndex.from_product([ops_of(long) if ops is None else list(ops), days], names=["op", "day"])
    return counts.reindex(full, fill_value=0).reset_index()


def in_window(frame: pd.DataFrame, start, end, column: str = "tweet_time") -> pd.DataFrame:
    """Rows whose time falls on a UTC day from `start` to `end` (inclusive)."""
    lo = pd.Timestamp(start, tz="UTC")
    hi = pd.Timestamp(end, tz="UTC") + pd.Timedelta(days=1)
    return frame[(frame[column] >= lo) & (frame[column] < hi)]


def top_items_over_time(long: pd.DataFrame, n: int, freq: str = "Y") -> pd.DataFrame:
    """For each op's `n` most frequent items overall: occurrences per period and the item's share of
    all item occurrences in that period. Columns: op, period, item, occurrences, share."""
    period = long["tweet_time"].dt.tz_convert("UTC").dt.tz_localize(None).dt.to_period(freq).dt.start_time
    f = long.assign(period=period)
    per = f.groupby(["op", "period", "item"], observed=True).size().rename("occurrences").reset_index()
    per["share"] = per["occurrences"] / per.groupby(["op", "period"], observed=True)["occurrences"].transform("sum")
    top = top_items(long, n)
    keep = top[["op", "item"]]
    return per.merge(keep, on=["op", "item"]).sort_values(["op", "period", "item"]).reset_index(drop=True)
