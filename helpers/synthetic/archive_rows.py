"""The values of a synthetic archive dataset (helpers.synthetic.archive): its traits, accounts and tweets.

In: a catalog dataset, a tweet count, a seed, a file Style. Out: the users table, and the tweets as Arrow
tables of string columns, one chunk at a time (`chunks`, `tweet_chunk`), in time order. Every tweet column is
drawn with numpy and assembled with Arrow compute (no Python loop per tweet), so a chunk of CHUNK_ROWS
tweets takes a fraction of a second and memory is bounded by the chunk, not the dataset: the 50-million-
tweet archive of issue 16 is written in one pass. The tweets per day are drawn first for the whole
active period (a multinomial over its days); a chunk is a run of consecutive days of about CHUNK_ROWS
tweets with its own seeded generator (`rng_for(seed, key, "tweets", chunk)`), so the output is the same
for a seed whatever else runs, and the chunks need no sorting across each other.
"""

from __future__ import annotations

import calendar
import hashlib
import zoneinfo
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from helpers.data import catalog
from helpers.data.schema import USER_COLUMNS
from helpers.synthetic.sample import Style, rng_for
from helpers.synthetic.sample.formats import count_strings, tweet_time_strings

CHUNK_ROWS = 100_000          # tweets per generated chunk (about; a chunk ends at a day's end): ~250 MB peak
DEFAULT_TWEETS = 60
MIN_TWEETS = 5
ACTIVE_YEARS = 3              # the active period ends in the disclosure month
TWITTER_EPOCH_MS = 1288834974657
LONGER_PERIOD = {"turkey_052020": 6}                   # years: shows both `_2015` and `_2016_01`
CLIENTS = ("Twitter Web Client", "Twitter for Android", "Twitter for iPhone", "TweetDeck")
AUTOMATED_CLIENTS = ("Hootsuite", "twitterfeed", "IFTTT")   # scheduling services (helpers/metrics/clients.yaml)
HASHTAGS = ("news", "breaking", "politics", "world", "truth", "media", "today")
EPOCH_MINUTE = np.datetime64("1970-01-01T00:00", "m")


# ------------------------------------------------------------------------------------------ the dataset

@dataclass(frozen=True)
class Traits:
    """What sets one synthetic dataset apart (drawn per dataset key and seed; not calibrated)."""

    retweet: float       # share of tweets that are retweets
    reply: float         # share of the other tweets that are replies
    hashed: float        # share of accounts anonymised
    automated: float     # share of tweets posted through a scheduling service
    engagement: float    # mean likes per tweet
    peak_hour: int       # local hour around which the operation posts


def traits(d: catalog.Dataset, seed: int) -> Traits:
    """The dataset's traits, deterministic for (seed, key)."""
    rng = rng_for(seed, d.key, "traits")
    return Traits(retweet=float(rng.uniform(0.15, 0.75)), reply=float(rng.uniform(0.02, 0.25)),
                  hashed=float(rng.uniform(0.55, 0.95)), automated=float(rng.choice([0.0, 0.05, 0.3, 0.6])),
                  engagement=float(10 ** rng.uniform(-1, 1.3)), peak_hour=int(rng.integers(8, 23)))


def active_period(d: catalog.Dataset) -> tuple[np.datetime64, np.datetime64]:
    """[start, end) in minutes: a few years ending with the disclosure month."""
    year, month = map(int, d.release_month.split("-"))
    end = np.datetime64(f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]}", "m") + 1440
    years = LONGER_PERIOD.get(d.key, ACTIVE_YEARS)
    start = np.datetime64(f"{year - years}-{month:02d}-01", "m") + (end - np.datetime64(
        f"{year}-{month:02d}-01", "m"))
    return start, end


def utc_offset_minutes(d: catalog.Dataset) -> int:
    """The home zone's UTC offset in the middle of the active period (one offset per dataset: good enough
    for synthetic posting hours)."""
    start, end = active_period(d)
    middle = (start + (end - start) // 2).astype("datetime64[s]").astype(object)
    zone = zoneinfo.ZoneInfo(d.home_time_zone or "UTC")
    return int(middle.replace(tzinfo=zoneinfo.ZoneInfo("UTC")).astimezone(zone).utcoffset().total_seconds() // 60)


def tweet_count(d: catalog.Dataset, tweets: int | None, scale: float | None) -> int:
    """Tweets to write: given, or the published count times `scale` (at least MIN_TWEETS)."""
    if tweets is not None:
        return max(int(tweets), MIN_TWEETS)
    if scale is not None:
        return max(int(round((d.tweets or 0) * scale)), MIN_TWEETS)
    return DEFAULT_TWEETS


def stable_code(text: str) -> int:
    """A small integer per dataset key (ids of different datasets never collide)."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:2], "big") % 1000


# ------------------------------------------------------------------------------------------ accounts

def _hash(style: Style, *parts) -> str:
    """An anonymised id in the style's form (64-hex or base64 ending in '=')."""
    return style.hash_text(hashlib.sha256("/".join(map(str, parts)).encode()).digest())


def list_text(items: list[str], style: Style) -> str:
    """A non-empty list field: `[a, b]` (2018) or `['a', 'b']` (later)."""
    if style.python_lists:
        return "[" + ", ".join(f"'{x}'" for x in items) + "]"
    return "[" + ", ".join(items) + "]"


def _counts(values: np.ndarray, style: Style) -> pa.Array:
    return count_strings(values.astype(np.int64), style)


def users_table(d: catalog.Dataset, n_tweets: int, seed: int, style: Style) -> pa.Table:
    """Accounts (one per ten tweets, at most the published count): most anonymised (hash in id and names,
    under 5,000 followers), a few public. One loop per account, for its hash; a few hundred thousand at most."""
    rng = rng_for(seed, d.key, "users")
    n = max(2, min(d.accounts or 2, -(-n_tweets // 10)))
    start, _ = active_period(d)
    langs = d.main_languages or ("en",)
    i = np.arange(n)
    hashed = (i * 0.6180339887) % 1.0 < traits(d, seed).hashed   # account 0 always hashed; the share spread
    public_id = 2_000_000_000 + stable_code(d.key) * 1000
    uid = [_hash(style, seed, d.key, "user", k) if h else str(public_id + k) for k, h in enumerate(hashed.tolist())]
    title = d.key.split("_")[0].title()
    name = [u if h else f"{title} Voice {k}" for k, (u, h) in enumerate(zip(uid, hashed.tolist()))]
    screen = [u if h else f"voice_{d.op}_{k}" for k, (u, h) in enumerate(zip(uid, hashed.tolist()))]
    location = np.array(["", "Earth", "Capital City, Home"])[rng.integers(0, 3, n)]
    followers = np.where(hashed, rng.integers(0, 4999, n), rng.integers(5000, 90000, n))
    created = start.astype("datetime64[D]") - rng.integers(30, 2000, n).astype("timedelta64[D]")
    return pa.table({
        "userid": pa.array(uid, pa.string()), "user_display_name": pa.array(name, pa.string()),
        "user_screen_name": pa.array(screen, pa.string()),
        "user_reported_location": pa.array(location.tolist(), pa.string()),
        "user_profile_description": pa.array(np.where(hashed, "", 'News, views, and "quotes", synthetic.').tolist(),
                                             pa.string()),
        "user_profile_url": pa.array(["" if h else f"https://example.org/{k}" for k, h in enumerate(hashed.tolist())],
                                     pa.string()),
        "follower_count": _counts(followers, style),
        "following_count": _counts(rng.integers(0, 3000, n), style),
        "account_creation_date": pa.array(np.datetime_as_string(created, unit="D").tolist(), pa.string()),
        "account_language": pa.array([langs[k % len(langs)] for k in range(n)], pa.string()),
    }).select(list(USER_COLUMNS))


# ------------------------------------------------------------------------------------------ chunks

@dataclass(frozen=True)
class Chunk:
    """A run of consecutive days of the active period and the tweets they hold."""

    index: int            # its generator: rng_for(seed, key, "tweets", index)
    first_row: int        # index of its first tweet in the dataset (ids and texts number the tweets)
    days: np.ndarray      # day numbers since the start of the active period
    counts: np.ndarray    # tweets per day

    @property
    def rows(self) -> int:
        return int(self.counts.sum())


def chunks(d: catalog.Dataset, n: int, seed: int, chunk_rows: int | None = None) -> list[Chunk]:
    """The dataset's tweets per day (uniform over the active period's days), cut into runs of days of
    about `chunk_rows` (default CHUNK_ROWS) tweets: a chunk starts with the first day whose first tweet
    passes a multiple of it."""
    chunk_rows = chunk_rows or CHUNK_ROWS
    start, end = active_period(d)
    n_days = int((end - start).astype(int)) // 1440
    per_day = rng_for(seed, d.key, "days").multinomial(n, np.full(n_days, 1.0 / n_days))
    first = np.cumsum(per_day) - per_day
    group = first // chunk_rows
    cuts = np.flatnonzero(np.diff(group)) + 1
    out = []
    for k, (lo, hi) in enumerate(zip([0, *cuts.tolist()], [*cuts.tolist(), n_days])):
        out.append(Chunk(k, int(first[lo]), np.arange(lo, hi), per_day[lo:hi]))
    return [c for c in out if c.rows]


def _minutes(d: catalog.Dataset, chunk: Chunk, rng: np.random.Generator, peak_hour: int) -> np.ndarray:
    """Sorted UTC minutes since the start of the active period: the chunk's days, local hours around
    `peak_hour` (sorted within the chunk; the chunks follow each other in time)."""
    start, end = active_period(d)
    span = int((end - start).astype(int))
    n = chunk.rows
    day = np.repeat(chunk.days, chunk.counts)
    hour = (peak_hour + np.round(rng.normal(0, 3.5, n)).astype(np.int64)) % 24
    local = np.sort(day * 1440 + hour * 60 + rng.integers(0, 60, n))
    return np.clip(local - utc_offset_minutes(d), 0, span - 1)


def _hashtags(rng: np.random.Generator, n: int, vocabulary: int, own_tag: str, style: Style
              ) -> tuple[np.ndarray, pa.Array, pa.Array]:
    """Each tweet's hashtags, heavy-tailed as in real files: 60% of tweets have none, 30% one, 10% two,
    drawn from the dataset's own vocabulary with Zipf weights (rank ** -1.1): the seven tags every dataset
    shares (HASHTAGS) first, then made-up ones (`<op><rank>`); one tagged tweet in ten also carries the
    operation's own tag. Returns (has tags, list field, text suffix ' #a #b')."""
    weights = np.arange(1, vocabulary + 1, dtype=np.float64) ** -1.1
    names = pa.array(list(HASHTAGS[:vocabulary]) + [f"{own_tag}{r}" for r in range(len(HASHTAGS), vocabulary)],
                     pa.string())
    k = np.searchsorted([0.6, 0.9], rng.random(n), side="right")          # 0, 1 or 2 tags
    first, second = (rng.choice(vocabulary, n, p=weights / weights.sum()) for _ in range(2))
    k = np.where((k == 2) & (first == second), 1, k)
    own = (k > 0) & (rng.random(n) < 0.1)
    q = "'" if style.python_lists else ""
    t1, t2 = names.take(pa.array(first)), names.take(pa.array(second))
    field = pc.binary_join_element_wise(
        f"[{q}", t1, q, _choose(k == 2, pc.binary_join_element_wise(f", {q}", t2, q, ""), ""),
        _choose(own, f", {q}{own_tag}{q}", ""), "]", "")
    suffix = pc.binary_join_element_wise(
        " #", t1, _choose(k == 2, pc.binary_join_element_wise(" #", t2, ""), ""),
        _choose(own, f" #{own_tag}", ""), "")
    tagged = k > 0
    return tagged, field, _choose(tagged, suffix, "")


def _ids(rng: np.random.Generator, n: int, base: int, spread: int, keep: np.ndarray) -> pa.Array:
    """`base + a random number below spread` as text where `keep`, else ''."""
    values = pa.array(base + rng.integers(0, spread, n)).cast(pa.string())
    return pc.if_else(pa.array(keep), values, "")


def _choose(mask: np.ndarray, yes, no) -> pa.Array:
    return pc.if_else(pa.array(mask), yes, no)


def tweet_chunk(d: catalog.Dataset, chunk: Chunk, users: pa.Table, seed: int, style: Style) -> pa.Table:
    """The tweets of one chunk in time order, as string columns in the style's tweet columns and spelling."""
    rng = rng_for(seed, d.key, "tweets", chunk.index)
    n, trait = chunk.rows, traits(d, seed)
    i = chunk.first_row + np.arange(n, dtype=np.int64)
    i_text = pa.array(i).cast(pa.string())
    start, _ = active_period(d)
    minute = (start - EPOCH_MINUTE).astype(np.int64) + _minutes(d, chunk, rng, trait.peak_hour)
    ms = minute * 60000 + (i // 4096) % 60000
    tid = ((ms - TWITTER_EPOCH_MS) << 22) + (stable_code(d.key) << 12) + i % 4096
    who = users.take(pa.array(rng.integers(0, users.num_rows, n)))
    langs = list(d.main_languages or ("en",))
    weights = np.array([2.0 ** -k for k in range(len(langs))])
    lang = np.array(langs + ["und"])[np.where(rng.random(n) < 0.05, len(langs),
                                              rng.choice(len(langs), n, p=weights / weights.sum()))]
    rt = rng.random(n) < trait.retweet
    reply = ~rt & (rng.random(n) < trait.reply)
    prefix = d.key.split("_")[0].lower()
    tagged, hashtags, tag_suffix = _hashtags(rng, n, min(20_000, max(50, 2 * users.num_rows)), prefix, style)
    clients = pa.array(AUTOMATED_CLIENTS + CLIENTS, pa.string())
    auto = rng.random(n) < trait.automated
    client = np.where(auto, rng.integers(0, len(AUTOMATED_CLIENTS), n),
                      len(AUTOMATED_CLIENTS) + rng.integers(0, len(CLIENTS), n))
    blank = (pa.array(np.where(i % 2 == 1, "['']", "").tolist(), pa.string()) if d.release_month == "2021-12"
             else pa.scalar(""))
    text = pc.binary_join_element_wise(
        _choose(rt, f"RT synthetic {d.op} ", f"synthetic {d.op} tweet "), i_text,
        _choose(rt, "", ", line one\nline two"), tag_suffix, "")
    r_url = rng.random(n)
    own_site = f"https://{prefix}-news.example/a"
    url = _choose(r_url < 0.15, pc.binary_join_element_wise("https://t.co/s", pc.utf8_lpad(i_text, 6, "0"), ""),
                  pc.binary_join_element_wise(own_site, i_text, ""))
    q = "'" if style.python_lists else ""
    urls = _choose(r_url < 0.35, pc.binary_join_element_wise(f"[{q}", url, f"{q}]", ""), blank)
    mention = list_text([users.column("userid")[users.num_rows - 1].as_py()], style)
    cols = {
        "tweetid": pa.array(tid).cast(pa.string()),
        **{c: who.column(c) for c in USER_COLUMNS},
        "tweet_language": pa.array(lang.tolist(), pa.string()),
        "tweet_text": text,
        "tweet_time": tweet_time_strings(minute),
        "tweet_client_name": clients.take(pa.array(client)),
        "in_reply_to_userid": _choose(reply, users.column("userid")[0].as_py(), ""),
        "in_reply_to_tweetid": _ids(rng, n, 10**17, 10**15, reply),
        "quoted_tweet_tweetid": _ids(rng, n, 10**17, 10**15, rng.random(n) < 0.05),
        "is_retweet": _choose(rt, style.true, style.false),
        "retweet_userid": _ids(rng, n, 3_000_000_000, 10**6, rt),
        "retweet_tweetid": _ids(rng, n, 10**17, 10**15, rt),
        "latitude": pa.array([style.geo_empty] * n, pa.string()),
        "longitude": pa.array([style.geo_empty] * n, pa.string()),
        "quote_count": _counts(np.zeros(n), style),
        "reply_count": _counts(rng.poisson(trait.engagement / 8, n), style),
        "like_count": _counts(rng.poisson(trait.engagement, n), style),
        "retweet_count": _counts(rng.poisson(trait.engagement / 3, n), style),
        "hashtags": _choose(tagged, hashtags, blank),
        "urls": urls,
        "user_mentions": _choose(rng.random(n) < 0.2, mention, blank),
        "poll_choices": pa.array([""] * n, pa.string()),
    }
    return pa.table({c: cols[c] for c in style.tweet_columns})
