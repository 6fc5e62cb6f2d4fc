"""Tweet rows: one chunk of days of one operation's plan -> its columns as Arrow strings.

In: an `OpPlan` and a chunk's day range (each chunk has its own seeded generator, so the output does not
depend on how many workers draw chunks). Out: the columns of the tweets file (and the users table) in the
plan's `Style`.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from helpers.data.schema import USER_COLUMNS
from helpers.synthetic.sample.calibration import (
    DAY0,
    MIN0,
    REF_CODE,
    SHORTENERS,
    YEARS,
    cdf_pick,
    count_draws,
    flat_groups,
    interp_ids,
    join_groups,
    load_calibration,
    load_vocabulary,
    minute_of,
    random_tokens,
    rng_for,
    year_of_days,
)
from helpers.synthetic.sample.formats import count_strings, list_column, strings, tweet_time_strings
from helpers.synthetic.sample.plan import OpPlan

# ----------------------------------------------------------------------------------------------------
# Rows: one chunk of consecutive days
# ----------------------------------------------------------------------------------------------------

def tweet_ids(plan: OpPlan, ms: np.ndarray, minute: np.ndarray, code: np.ndarray,
              low: np.ndarray) -> np.ndarray:
    """Tweet ids consistent with the time: Twitter's snowflake layout after November 2010
    ((ms since epoch) << 22 | 5 bits op code | 17 bits rank in minute), sequential-looking before."""
    epoch = plan.release_format["snowflake_epoch_ms"]
    snow = ((ms - epoch) << 22) | (code << 17) | low
    base = (interp_ids(minute * 60_000, plan.release_format["tweet_id_anchors"], "ms") // 16 * 16).astype(np.int64)
    old = base + 16 * (low % 700) + code
    return np.where(ms >= epoch, snow, old)


def ref_ids(plan: OpPlan, rng, minute: np.ndarray) -> np.ndarray:
    """Ids of tweets that rows point at (retweeted, replied to, quoted), a little earlier in time and in
    an id space that cannot collide with rows of the release."""
    lag = 1 + rng.exponential(240, len(minute)).astype(np.int64)
    m = np.maximum(minute - lag, 0)
    ms = m * 60_000 + rng.integers(0, 60_000, len(m))
    return tweet_ids(plan, ms, m, np.full(len(m), REF_CODE), rng.integers(0, 1 << 17, len(m)) % (1 << 17))


def pick_accounts(plan: OpPlan, rng, day: np.ndarray, lang: np.ndarray, todo: np.ndarray,
                  acc: np.ndarray) -> None:
    """Authors for rows without one: among accounts active that day, by activity weight, preferring
    accounts whose main language is the tweet's (a share crosses over, as real accounts did; rows
    without a language go to anyone). Vectorised per language group over a (days x accounts) matrix
    restricted to the days the group needs and the accounts alive in the chunk."""
    if len(todo) == 0:
        return
    a = plan.accounts
    lo, hi = day[todo].min(), day[todo].max()
    cols = np.flatnonzero(a.active & (a.start <= hi) & (a.end >= lo))
    start, end, weight, primary = a.start[cols], a.end[cols], a.weight[cols], a.primary[cols]
    none = np.array([language in ("", "und") for language in plan.langs])
    cross = rng.random(len(todo)) < plan.shares["cross_language"]
    group = np.where(none[lang[todo]] | cross, -1, lang[todo])
    for g in [g for g in np.unique(group) if g >= 0] + [-1]:
        sel = np.flatnonzero(group == g)
        if len(sel) == 0:
            continue
        days, k = np.unique(day[todo[sel]], return_inverse=True)
        w = np.where((start <= days[:, None]) & (end >= days[:, None]),
                     weight if g < 0 else weight * (primary == g), 0.0)
        total = w.sum(1)
        if g >= 0 and (total <= 0).any():            # nobody of that language active: anyone
            group[sel[total[k] <= 0]] = -1
            keep = total[k] > 0
            sel, k = sel[keep], k[keep]
        flat = np.cumsum(w.ravel())
        before = np.concatenate([[0.0], flat[np.arange(1, len(days)) * len(cols) - 1]])
        target = before[k] + rng.random(len(sel)) * total[k]
        idx = np.searchsorted(flat, target, side="right") - k * len(cols)
        acc[todo[sel]] = cols[np.clip(idx, 0, len(cols) - 1)]


def pick_people(plan: OpPlan, rng, day: np.ndarray, network_share: float) -> np.ndarray:
    """People to retweet, reply to, quote or mention on the given days: the op's own active accounts
    (network amplification) or outsiders, popular ones more often, and only accounts that existed
    that day; index into plan.people_*."""
    n = len(day)
    u = rng.random(n)
    limit = np.searchsorted(plan.ext_created, day, side="right")
    top = plan.ext_cdf[np.maximum(limit - 1, 0)]
    out = plan.accounts.n + np.minimum(np.searchsorted(plan.ext_cdf, u * top, side="right"), limit - 1).clip(0)
    own = np.flatnonzero(rng.random(n) < network_share)
    limit = np.searchsorted(plan.net_created, day[own], side="right")
    top = np.where(limit > 0, plan.net_cdf[np.maximum(limit - 1, 0)], 0.0)
    ok = top > 0
    pos = np.minimum(np.searchsorted(plan.net_cdf, u[own] * top, side="right"), limit - 1)
    out[own[ok]] = plan.net_order[pos[ok]]
    return out


def make_urls(plan: OpPlan, rng, dom: np.ndarray, minute: np.ndarray, slugs: list[str]) -> list[str]:
    """Full URLs for drawn domains, in the shapes real links had (LiveJournal subdomains, shortener
    codes, YouTube ids, news paths)."""
    names = plan.domains.names
    n = len(dom)
    toks = random_tokens(rng, n, 11)
    nums = rng.integers(10_000, 9_999_999, n)
    slug = [slugs[i] for i in rng.integers(0, len(slugs), n)]
    https = minute >= minute_of("2016-01-01")
    out = []
    for i in range(n):
        d = names[dom[i]]
        scheme = "https" if https[i] else "http"
        if d in SHORTENERS:
            out.append(f"{scheme}://{d}/{toks[i][:SHORTENERS[d]]}")
        elif d == "livejournal.com":
            out.append(f"http://{slug[i].split('-')[0]}{nums[i] % 97}.livejournal.com/{nums[i] % 400000}.html")
        elif d == "youtube.com":
            out.append(f"https://www.youtube.com/watch?v={toks[i]}")
        elif d in ("twitter.com", "facebook.com"):
            out.append(f"https://{'' if d == 'twitter.com' else 'www.'}{d}/{slug[i].replace('-', '')}"
                       f"/{'status' if d == 'twitter.com' else 'posts'}/{nums[i] * 7919 + 10 ** 17}")
        elif nums[i] % 3 == 0:
            out.append(f"{scheme}://www.{d}/{slug[i]}-{nums[i]}.html")
        else:
            out.append(f"{scheme}://{d}/news/{nums[i]}-{slug[i]}")
    return out


def chunk_rows(plan: OpPlan, d0: int, d1: int) -> dict:
    """All columns (as lists or arrow arrays of strings) of the tweets of days [d0, d1)."""
    rng = rng_for(plan.seed, "rows", plan.op, int(round(plan.scale * 1e9)), d0)
    a = plan.accounts
    days = np.arange(d0, d1)
    counts = plan.n_day[d0:d1]
    n = int(counts.sum())
    day = np.repeat(days, counts)
    pos = np.arange(n) - np.repeat(np.cumsum(counts) - counts, counts)

    # fixed slots first: event rows, then one anchor per active account placed on this day
    event = np.full(n, -1, np.int64)
    acc = np.full(n, -1, np.int64)
    lang = np.full(n, -1, np.int64)
    event_keys = list(plan.events)
    starts = dict(zip(days, np.cumsum(counts) - counts))
    for d in days:
        k0 = 0
        for key, c in plan.event_rows.get(int(d), []):
            s = starts[d] + k0
            event[s:s + c] = event_keys.index(key)
            lang[s:s + c] = plan.langs.index(plan.events[key]["lang"])
            k0 += c
        anchored = plan.anchor_acc[plan.anchor_ptr[d]:plan.anchor_ptr[d + 1]]
        s = starts[d] + k0
        acc[s:s + len(anchored)] = anchored
        lang[s:s + len(anchored)] = a.primary[anchored]
    year_i = year_of_days(day) - YEARS[0]
    free = lang < 0
    for y in np.unique(year_i[free]):
        m = free & (year_i == y)
        lang[m] = cdf_pick(rng, plan.lang_cdf[y], int(m.sum()))
    pick_accounts(plan, rng, day, lang, np.flatnonzero(acc < 0), acc)

    # retweets: the exact number planned for each day
    order = np.lexsort((rng.random(n), day))      # shuffled inside each day
    rank = np.empty(n, np.int64)
    rank[order] = pos
    is_rt = rank < plan.rt_day[day]

    # time of day, then sort by time; rank inside the minute makes ids unique
    hours = np.array(load_calibration()["ops"][plan.family]["assumed"]["hour_weights_utc"], float)
    minute = day * 1440 + cdf_pick(rng, np.cumsum(hours), n) * 60 + rng.integers(0, 60, n)
    order = np.lexsort((rng.random(n), minute))
    day, lang, acc, event, is_rt, year_i, minute = (x[order] for x in (day, lang, acc, event, is_rt,
                                                                      year_i, minute))
    first = np.r_[True, minute[1:] != minute[:-1]]
    grp_start = np.maximum.accumulate(np.where(first, np.arange(n), 0))
    in_minute = np.arange(n) - grp_start
    if n and in_minute.max() >= (1 << 17):
        raise ValueError("more than 131,072 tweets in one minute")
    abs_minute = minute + MIN0
    ms = abs_minute * 60_000 + rng.integers(0, 60_000, n)
    tid = tweet_ids(plan, ms, abs_minute, np.full(n, plan.code), in_minute)
    return build_columns(plan, rng, n, lang, acc, event, is_rt, year_i, abs_minute, tid)


def build_columns(plan, rng, n, lang, acc, event, is_rt, year_i, minute, tid) -> dict:
    """Text, entities, engagement and the account snapshot of each row, as strings per column.

    Entities are drawn first and the text is assembled from them, so that `@...`, `#...` and links in
    tweet_text always agree with user_mentions, hashtags and urls (as in the release).
    """
    style = plan.style
    kind = row_kinds(plan, rng, minute, is_rt)
    who = people_columns(plan, rng, minute, kind)
    ent = entity_columns(plan, rng, lang, event, minute, kind, who)
    bodies = text_bodies(plan, rng, lang, event)
    ellipsis = np.where(is_rt & (rng.random(n) < plan.shares["rt_ellipsis"]), "…", "").astype(object)
    text = [p + b + m + t + u + e for p, b, m, t, u, e in
            zip(who["prefix"].tolist(), bodies.tolist(), who["mention_sfx"].tolist(), ent["tag_sfx"].tolist(),
                ent["url_sfx"].tolist(), ellipsis.tolist())]
    likes, rts, replies, quotes = engagement(plan, rng, acc, ~is_rt)
    blank = np.full(n, "", dtype=object)
    cols = {
        "tweetid": pa.array(tid).cast(pa.string()),
        "tweet_language": pa.array(plan.langs, pa.string()).take(pa.array(lang)),
        "tweet_text": pa.array(text, pa.string()),
        "tweet_time": tweet_time_strings(minute),
        "tweet_client_name": client_column(plan, rng, year_i, lang),
        "in_reply_to_userid": strings(np.where(kind["reply"], who["first_id"], blank)),
        "in_reply_to_tweetid": strings(who["ids"]["reply"]),
        "quoted_tweet_tweetid": strings(who["ids"]["quote"]),
        "is_retweet": strings(np.where(is_rt, style.true, style.false)),
        "retweet_userid": strings(np.where(is_rt, who["first_id"], blank)),
        "retweet_tweetid": strings(who["ids"]["rt"]),
        "latitude": pa.array([style.geo_empty] * n, pa.string()),
        "longitude": pa.array([style.geo_empty] * n, pa.string()),
        "quote_count": count_strings(quotes, style),
        "reply_count": count_strings(replies, style),
        "like_count": count_strings(likes, style),
        "retweet_count": count_strings(rts, style),
        "hashtags": strings(ent["hashtags"]),
        "urls": strings(ent["urls"]),
        "user_mentions": strings(ent["user_mentions"]),
        "poll_choices": strings(poll_choices(plan, rng, lang, kind["poll"], blank)),
    }
    cols.update(account_columns(plan, acc))
    return cols


def row_kinds(plan: OpPlan, rng, minute: np.ndarray, is_rt: np.ndarray) -> dict:
    """Which originals are replies, quote tweets (from April 2015) and polls (from October 2015)."""
    sh, release_format = plan.shares, plan.release_format
    original = ~is_rt
    r = rng.random(len(minute))
    reply = original & (r < sh["reply"])
    quote = original & ~reply & (minute >= minute_of(release_format["quotes_from"])) & (r < sh["reply"] + sh["quote"])
    poll = (original & ~reply & ~quote & (minute >= minute_of(release_format["polls_from"]))
            & (r < sh["reply"] + sh["quote"] + sh["poll"]))
    return {"rt": is_rt, "reply": reply, "quote": quote, "poll": poll, "day": (minute - MIN0) // 1440}


def people_columns(plan: OpPlan, rng, minute: np.ndarray, kind: dict) -> dict:
    """Retweeted or replied-to account (first in the text and in user_mentions), further mentions, and
    the ids of the tweets retweeted, replied to and quoted."""
    n = len(minute)
    pid, pname, day, sh = plan.people_id, plan.people_name, kind["day"], plan.shares
    is_rt, reply = kind["rt"], kind["reply"]
    blank = np.full(n, "", dtype=object)
    first = np.where(is_rt, pick_people(plan, rng, day, sh["retweet_of_network"]),
                     pick_people(plan, rng, day, sh["reply_to_network"]))
    has_first = is_rt | reply
    first_id = blank.copy()
    first_id[has_first] = pid[first[has_first]]
    prefix = blank.copy()
    prefix[is_rt] = ["RT @" + x + ": " for x in pname[first[is_rt]]]
    prefix[reply] = ["@" + x + " " for x in pname[first[reply]]]
    ids = {}
    for name in ("rt", "reply", "quote"):
        ids[name] = blank.copy()
        ids[name][kind[name]] = ref_ids(plan, rng, minute[kind[name]]).astype(str).astype(object)
    n_extra = np.where(rng.random(n) < sh["extra_mention"], 1 + (rng.random(n) < 0.2), 0)
    _, extra_ptr = flat_groups(n_extra)
    extra_who = pick_people(plan, rng, np.repeat(day, n_extra), 0.3)
    mention_sfx = blank.copy()
    rows = np.flatnonzero(n_extra)
    mention_sfx[rows] = join_groups([" @" + x for x in pname[extra_who].tolist()], extra_ptr, "", rows)
    mentions = compose_lists(n, [(has_first.astype(np.int64), first_id[has_first]), (n_extra, pid[extra_who])])
    return {"first_id": first_id, "prefix": prefix, "ids": ids, "mention_sfx": mention_sfx,
            "mentions": mentions}


def entity_columns(plan: OpPlan, rng, lang: np.ndarray, event: np.ndarray, minute: np.ndarray, kind: dict,
                   who: dict) -> dict:
    """Hashtags and links drawn by tweet language (event hashtag first, quoted tweet's link last), as
    text pieces and as the three list columns."""
    n, style, release_format = len(lang), plan.style, plan.release_format
    blank = np.full(n, "", dtype=object)
    tag_n = count_draws(rng, plan.hashtags.rate[lang])
    tag_rows, _ = flat_groups(tag_n)
    url_n = count_draws(rng, plan.domains.rate[lang], geometric=0.08, cap=3)
    url_rows, _ = flat_groups(url_n)
    tags = np.empty(len(tag_rows), np.int64)
    doms = np.empty(len(url_rows), np.int64)
    for lg in np.unique(lang):
        m = lang[tag_rows] == lg
        tags[m] = cdf_pick(rng, plan.hashtags.cdf[lg], int(m.sum()))
        m = lang[url_rows] == lg
        doms[m] = cdf_pick(rng, plan.domains.cdf[lg], int(m.sum()))
    event_tag = event_hashtags(plan, rng, event, blank)
    ev = (event_tag != "").astype(np.int64)
    tags_flat, tags_ptr = compose_lists(n, [(ev, event_tag[ev > 0]),
                                            (tag_n, np.array(plan.hashtags.names, dtype=object)[tags])])

    words = load_vocabulary()["words"]["latin"]
    urls = make_urls(plan, rng, doms, minute[url_rows], [f"{x}-{y}" for x, y in zip(words, words[1:])])
    quote = kind["quote"]
    quote_who = pick_people(plan, rng, kind["day"], 0.0)
    quote_urls = [f"https://twitter.com/{x}/status/{y}"
                  for x, y in zip(plan.people_name[quote_who[quote]], who["ids"]["quote"][quote])]
    url_minute = np.concatenate([minute[url_rows], minute[quote]])
    links = short_links(rng, urls + quote_urls, url_minute, release_format)
    q = quote.astype(np.int64)
    urls_flat, urls_ptr = compose_lists(n, [(url_n, np.array(urls, dtype=object)),
                                            (q, np.array(quote_urls, dtype=object))])
    links_flat, _ = compose_lists(n, [(url_n, links[:len(urls)]), (q, links[len(urls):])])

    empty_list = np.where(rng.random(n) < plan.shares["empty_list_as_brackets"], "[]", "").astype(object)
    ment_flat, ment_ptr = who["mentions"]
    return {"tag_sfx": per_row_text(" #" + tags_flat, tags_ptr, blank),
            "url_sfx": per_row_text(" " + links_flat, urls_ptr, blank),
            "hashtags": list_column(tags_flat, tags_ptr, style, empty_list),
            "urls": list_column(urls_flat, urls_ptr, style, empty_list),
            "user_mentions": list_column(ment_flat, ment_ptr, style, empty_list)}


def short_links(rng, urls: list[str], minute: np.ndarray, release_format: dict) -> np.ndarray:
    """How each URL appears in tweet_text: itself before t.co existed, then an http, later https,
    t.co link (the urls column keeps the full URL)."""
    tco_from, https_from = minute_of(release_format["tco_from"]), minute_of(release_format["tco_https_from"])
    tokens = random_tokens(rng, len(urls), 10)
    return np.array([u if m < tco_from else ("https://t.co/" if m >= https_from else "http://t.co/") + t
                     for u, m, t in zip(urls, minute.tolist(), tokens)], dtype=object)


def poll_choices(plan: OpPlan, rng, lang: np.ndarray, poll: np.ndarray, blank: np.ndarray) -> np.ndarray:
    """`|`-separated choices for poll rows, in the tweet's language when there is a list for it."""
    out = blank.copy()
    options = load_vocabulary()["polls"]
    for i in np.flatnonzero(poll).tolist():
        opts = options.get(plan.langs[lang[i]], options["default"])
        out[i] = opts[int(rng.integers(0, len(opts)))]
    return out


def compose_lists(n: int, sources: list) -> tuple[np.ndarray, np.ndarray]:
    """Per-row item lists made of several sources in order (each: items per row, flat items in row
    order), as flat items and a row pointer."""
    counts = sum(c for c, _ in sources)
    ptr = np.zeros(n + 1, np.int64)
    np.cumsum(counts, out=ptr[1:])
    flat = np.empty(int(ptr[-1]), dtype=object)
    offset = ptr[:-1].copy()
    for c, items in sources:
        rows = np.repeat(np.arange(n), c)
        within = np.arange(len(rows)) - (np.cumsum(c) - c)[rows]
        flat[offset[rows] + within] = items
        offset += c
    return flat, ptr


def per_row_text(flat: np.ndarray, ptr: np.ndarray, blank: np.ndarray) -> np.ndarray:
    """Items of each row concatenated ('' for rows without items)."""
    out = blank.copy()
    rows = np.flatnonzero(np.diff(ptr))
    out[rows] = join_groups(flat.tolist(), ptr, "", rows)
    return out


def event_hashtags(plan: OpPlan, rng, event: np.ndarray, blank: np.ndarray) -> np.ndarray:
    """The case-study hashtag of each event row ('' elsewhere; the MH17 rows carry one of several
    hashtags on 70% of rows, the hashtag events carry theirs on every row)."""
    out = blank.copy()
    for e, key in enumerate(plan.events):
        rows = np.flatnonzero(event == e)
        tag = plan.events[key].get("hashtag")
        options = load_vocabulary()["events"][key].get("hashtags")
        if tag:
            out[rows] = str(tag)
        elif options and len(rows):
            keep = rows[rng.random(len(rows)) < 0.7]
            out[keep] = np.array(options, dtype=object)[rng.integers(0, len(options), len(keep))]
    return out


def text_bodies(plan: OpPlan, rng, lang: np.ndarray, event: np.ndarray) -> np.ndarray:
    """The sentence of each row from its language's pool (event rows from their event's pool; rows
    with an empty language field borrow the text of a language of the op)."""
    n = len(lang)
    text_lang = lang.copy()
    empty = np.array([plan.langs[language] == "" for language in lang], bool) if n else np.zeros(0, bool)
    text_lang[empty] = cdf_pick(rng, plan.text_lang_cdf, int(empty.sum()))
    out = np.empty(n, dtype=object)
    for lg in np.unique(text_lang):
        m = text_lang == lg
        pool = plan.pools[plan.langs[lg]]
        out[m] = pool[rng.integers(0, len(pool), int(m.sum()))]
    for e, key in enumerate(plan.events):
        m = event == e
        if m.any():
            pool = plan.pools["event:" + key]
            out[m] = pool[rng.integers(0, len(pool), int(m.sum()))]
    return out


def engagement(plan: OpPlan, rng, acc: np.ndarray, original: np.ndarray):
    """Likes, retweets, replies and quotes received: zero for retweet rows and for most originals."""
    e = plan.engagement
    n = len(acc)
    nonzero = original & (rng.random(n) < e["p"])
    x = np.exp(e["mu"] + e["b"] * e["z"][acc] + e["sigma"] * rng.standard_normal(n))
    x = np.where(nonzero, np.minimum(x, 5e6), 0.0)

    def dither(v):
        return np.floor(v + rng.random(n)).astype(np.int64) * nonzero

    def around(ratio):                              # mean-preserving lognormal spread around likes
        s2 = e["secondary_sigma"]
        return x * ratio * np.exp(s2 * rng.standard_normal(n) - s2 ** 2 / 2)

    likes = dither(x)
    return likes, dither(around(e["rt_per_like"])), dither(around(e["reply_per_like"])), \
        dither(around(e["quote_per_like"]))


def client_column(plan: OpPlan, rng, year_i: np.ndarray, lang: np.ndarray) -> pa.Array:
    """Posting app per row from P(client | year, language)."""
    n = len(lang)
    idx = np.empty(n, np.int64)
    for key in np.unique(year_i * 1000 + lang):
        m = (year_i * 1000 + lang) == key
        idx[m] = cdf_pick(rng, plan.clients.cdf[key // 1000, key % 1000], int(m.sum()))
    return pa.array(plan.clients.names, pa.string()).take(pa.array(idx))


def account_columns(plan: OpPlan, acc: np.ndarray) -> dict:
    """The account's profile snapshot, repeated on each of its tweet rows exactly as in the users file."""
    table = users_table(plan)
    idx = pa.array(acc)
    return {c: table.column(c).combine_chunks().take(idx) for c in USER_COLUMNS}


_USERS_CACHE: dict = {}


def users_table(plan: OpPlan) -> pa.Table:
    """The users file of the operation as an arrow table of strings (one row per account)."""
    key = (plan.op, plan.seed, plan.style.name)
    if key not in _USERS_CACHE:
        a = plan.accounts
        dates = np.datetime_as_string(DAY0 + a.created.astype("timedelta64[D]"), unit="D")
        _USERS_CACHE[key] = pa.table({
            "userid": pa.array(a.userid.tolist(), pa.string()),
            "user_display_name": pa.array(a.display.tolist(), pa.string()),
            "user_screen_name": pa.array(a.screen.tolist(), pa.string()),
            "user_reported_location": pa.array([str(x) for x in a.location], pa.string()),
            "user_profile_description": pa.array([str(x) for x in a.description], pa.string()),
            "user_profile_url": pa.array(a.url.tolist(), pa.string()),
            "follower_count": pa.array(a.followers).cast(pa.string()),
            "following_count": pa.array(a.following).cast(pa.string()),
            "account_creation_date": pa.array(dates.tolist(), pa.string()),
            "account_language": pa.array(a.language.tolist(), pa.string()),
        })
    return _USERS_CACHE[key]
