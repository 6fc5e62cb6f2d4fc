"""Content: hashtags, linked domains, terms in the text, and event windows (case studies).

Hashtag and URL tables take the long tables of `ReleaseData.exploded` (op, [extra...], item).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from concurrent.futures import ThreadPoolExecutor
from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import tldextract

from helpers.data.engine import Items
from helpers.metrics.core import in_window, is_engine, ops_of, rank_within, recode, tweets_per_op

# Offline: the public-suffix list bundled with tldextract; never fetched, never cached to disk.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//([^/?#\s]+)(?:[/?#]|$)", re.I)
_SCHEME = r"^(?:[a-z][a-z0-9+.-]*:)?//"  # 'https://...' or protocol-relative '//...'; else no scheme
# Link shorteners and redirectors stay visible as themselves (as in Zannettou et al., Table 6).
SHORTENERS = frozenset({"bit.ly", "goo.gl", "j.mp", "dlvr.it", "ift.tt", "fb.me", "buff.ly", "t.co", "ow.ly",
                        "tinyurl.com", "tiny.cc", "is.gd", "trib.al", "youtu.be", "wp.me", "lnkd.in"})


@cache
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


# The same host pattern for Arrow's RE2: scheme (or '//') optional, host up to the first / ? # or space.
_HOST_RE2 = r"(?i)^(?:[a-z][a-z0-9+.-]*:)?//(?P<host>[^/?#\s]+)(?:[/?#]|$)"


def _on_every_core(fn, items) -> list:
    """`[fn(x) for x in items]`, spread over the machine's cores: Arrow's kernels release the GIL, so
    chunks of a column (or several patterns) are searched at the same time. Results keep their order."""
    items = list(items)
    if len(items) < 2:
        return [fn(x) for x in items]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(fn, items))


def _hosts(text: pa.Array) -> pa.Array:
    """The host of each URL (null when there is none), for one chunk of URLs."""
    text = pc.utf8_trim_whitespace(text)
    has_scheme = pc.match_substring_regex(text, _SCHEME, ignore_case=True)
    with_scheme = pc.if_else(has_scheme, text, pc.binary_join_element_wise("//", text, ""))
    return pc.struct_field(pc.extract_regex(with_scheme, _HOST_RE2), [0])


def _arrow_strings(values: pd.Series) -> pa.ChunkedArray:
    """A pandas text column as Arrow strings without a copy when it is Arrow-backed already."""
    arr = pa.chunked_array([pa.array(values.array, type=pa.string())]) \
        if not hasattr(values.array, "_pa_array") else values.array._pa_array
    return arr.cast(pa.string()) if arr.type != pa.string() else arr


def domains(urls: pd.Series) -> pd.Series:
    """The registered domain of each URL (missing when the text is not a URL with a host), as a
    categorical. Hosts are extracted in Arrow and each distinct host is looked up once."""
    host = pa.chunked_array(_on_every_core(_hosts, _arrow_strings(urls).chunks), type=pa.string())
    # .array: the values by position (a Series here would be re-aligned on the index, shuffling them)
    hosts = pd.Series(pc.dictionary_encode(host).combine_chunks().to_pandas().array, index=urls.index,
                      name="domain")
    return recode(hosts, lambda h: None if h is None else domain_of_host(h))


def with_domains(urls_long: pd.DataFrame) -> pd.DataFrame:
    """The long URL table with its `domain` column, computed once for every domain table after it.
    From the engine: each distinct URL is resolved once (`domains`, batch by batch) into a lookup table
    inside DuckDB, and the long table gains the column by a join."""
    if isinstance(urls_long, Items):
        return _with_domains_engine(urls_long)
    return urls_long if "domain" in urls_long else urls_long.assign(domain=domains(urls_long["item"]))


DOMAIN_BATCH = 500_000   # distinct URLs resolved to domains at a time (the kernel holds one batch)


def _with_domains_engine(urls: Items) -> Items:
    eng = urls.engine
    if "urls_domains" in eng.views:
        return Items(eng, "urls_domains")
    table = f"url_domains_{len(eng.views)}_{id(eng)}"
    eng.con.execute(f"CREATE TEMP TABLE {table} (item VARCHAR, domain VARCHAR)").fetchall()
    for batch in urls.batches("SELECT DISTINCT item FROM {items} WHERE item IS NOT NULL", DOMAIN_BATCH):
        found = pa.table({"item": pa.array(batch["item"].astype(object), pa.string()),
                          "domain": pa.array(domains(batch["item"]).astype(object), pa.string())})
        eng.con.register("_url_batch", found)
        eng.con.execute(f"INSERT INTO {table} SELECT * FROM _url_batch").fetchall()
        eng.con.unregister("_url_batch")
    eng._create("urls_domains", f"SELECT u.*, d.domain FROM {eng.views[urls.logical]} u "
                                f"LEFT JOIN {table} d ON u.item = d.item")
    return Items(eng, "urls_domains")


def top_items(long: pd.DataFrame, n: int | None, item: str = "item", unit: str = "occurrences",
              by: list[str] | None = None) -> pd.DataFrame:
    """Most frequent items per op (and `by` columns): op, [by], rank, item, <unit>, share of the
    group's occurrences. Ties broken alphabetically."""
    keys = ["op", *(by or [])]
    if isinstance(long, Items):
        known = " AND ".join(f"{c} IS NOT NULL" for c in [item, *(by or [])])
        counts = long.query(f"SELECT {', '.join(keys)}, {item}, count(*) AS {unit} FROM {{items}} WHERE {known} "
                            "GROUP BY ALL")
        counts["op"] = long.engine.op_categorical(counts["op"])
        counts[unit] = counts[unit].astype("int64")
    else:
        counts = long.groupby([*keys, item], observed=True).size().rename(unit).reset_index()
    counts = counts.rename(columns={item: "item"})
    counts["item"] = counts["item"].astype(str)  # ties broken alphabetically, not by category order
    totals = counts.groupby(keys, observed=True)[unit].transform("sum")
    counts["share"] = (counts[unit] / totals).astype(float)
    return rank_within(counts, keys, unit, "item", n)[[*keys, "rank", "item", unit, "share"]]


def top_domains(urls_long: pd.DataFrame, tweets_per_op: pd.Series, n: int | None) -> pd.DataFrame:
    """Top linked domains per op, as Zannettou et al. count them: URL occurrences per domain, and
    occurrences per 100 tweets (`per_tweet` = occurrences / all tweets of the op).
    `urls_long` is `exploded('urls', ['tweetid'])` (or `with_domains` of it).
    Columns: op, rank, item, urls, share, per_tweet, shortener."""
    f = with_domains(urls_long)
    f = f if isinstance(f, Items) else f.dropna(subset=["domain"])
    out = top_items(f, n, item="domain", unit="urls")
    out["per_tweet"] = (out["urls"] / out["op"].map(tweets_per_op).astype(float)).astype(float)
    out["shortener"] = out["item"].isin(SHORTENERS)
    return out


def domain_reach(urls_long: pd.DataFrame, tweets_per_op: pd.Series, domain: str) -> pd.DataFrame:
    """For one domain, per op: tweets linking to it, tweets with any URL, all tweets, and the shares
    of all tweets and of URL-bearing tweets (the AWDnews question of DFRLab Part 3)."""
    f = with_domains(urls_long)
    rows = []
    for op, with_url, hit in _url_tweets(f, domain):
        total = int(tweets_per_op.get(op, 0))
        rows.append({"op": op, "domain": domain, "tweets_linking": hit, "tweets_with_url": with_url,
                     "tweets": total, "share_of_tweets": hit / total if total else np.nan,
                     "share_of_url_tweets": hit / with_url if with_url else np.nan})
    return pd.DataFrame(rows)


def tweets_with_url(urls_long) -> pd.Series:
    """Tweets carrying at least one URL, per op (every op, zeros included): `exploded('urls', ['tweetid'])`
    or the engine's `items('urls')`."""
    if isinstance(urls_long, Items):
        got = urls_long.query("SELECT op, count(DISTINCT tweetid) AS n FROM {items} GROUP BY op").set_index("op")
        index = pd.CategoricalIndex(urls_long.ops, categories=urls_long.ops, name="op")
        return pd.Series([int(got["n"].get(op, 0)) for op in urls_long.ops], index=index, name="tweetid")
    return urls_long.groupby("op", observed=False)["tweetid"].nunique()


def _url_tweets(f, domain: str):
    """(op, tweets with a URL, tweets linking to `domain`) for every operation."""
    if isinstance(f, Items):
        got = f.engine.query("SELECT op, count(DISTINCT tweetid) AS n, count(DISTINCT tweetid) FILTER "
                             f"(WHERE domain = $1) AS hit FROM {{{f.logical}}} GROUP BY op", [domain])
        got = got.set_index("op")
        for op in f.ops:
            yield op, int(got["n"].get(op, 0)), int(got["hit"].get(op, 0))
        return
    for op, g in f.groupby("op", observed=False):
        yield op, g["tweetid"].nunique(), g.loc[g["domain"] == domain, "tweetid"].nunique()


def _as_text(values) -> pa.ChunkedArray:
    return values if isinstance(values, (pa.Array, pa.ChunkedArray)) else _arrow_strings(values)


# -- terms in the text, per concept ---------------------------------------------------------------------
# How a form of a concept is matched in tweet text (the caption of 04_geopolitical_terms says the same):
# - case-insensitive (Unicode simple case folding: Россия = РОССИЯ = россия, Éte = éte);
# - Turkish dotted and dotless i are the letter i (İran = Iran = ıran), in text and forms alike;
# - Arabic and Persian letters written more than one way match each other: yeh ي/ی/ى, kaf ك/ک,
#   alef ا/أ/إ/آ/ٱ, teh marbuta ة/ه; Arabic diacritics (harakat) and tatweel between letters are ignored;
# - whole words in every script: the characters on either side of a match must not be letters, marks or
#   digits of any script ('USA' does not match 'USAF', 'Иран' not 'Иранский', 'ایران' not 'ایرانی');
# - a form ending in '*' is a stem: it matches any word beginning with it ('Путин*' = Путин, Путина,
#   Путину, Путиным, Путине; and also путинский). Without '*' every inflected form must be listed;
# - a space in a form matches any run of white space ('Arabie saoudite' across a line break).
STEM = "*"
# The rules above in a reader's words (the figure caption and the report say them).
MATCHING = ("A tweet counts once per concept when its text names the concept in any of its listed forms. Forms "
            "match as whole words in every script (a form inside a longer word does not count) and in any "
            "case; Turkish İ and ı are read as i; Arabic and Persian letter variants (ي/ی/ى, ك/ک, ا/أ/إ/آ, "
            "ة/ه) match each other and Arabic diacritics are ignored; inflected forms (Russian case endings, "
            "Arabic prefixes) count only where they are listed.")
_ARABIC_MARKS = r"[\x{0640}\x{064B}-\x{065F}\x{0670}]*"  # tatweel and harakat, skipped inside a word
_SAME_LETTER = [("iIİı", "i"), ("يیى", "ي"), ("كک", "ك"), ("اأإآٱ", "ا"), ("ةه", "ه")]
_CLASS_OF = {ch: "[" + group + "]" for group, _ in _SAME_LETTER for ch in group}
_WORD = r"\pL\pM\pN_"  # what continues a word, in any script


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06FF" or "\u0750" <= ch <= "\u077F" or "\uFB50" <= ch <= "\uFEFF"


def form_pattern(form: str) -> str:
    """The RE2 pattern of one form without its word boundaries (see the rules above): letter variants
    as classes, Arabic diacritics allowed after each Arabic letter, spaces as any white space."""
    out = []
    for ch in form.strip().removesuffix(STEM):
        if ch.isspace():
            out.append(r"\s+")
            continue
        out.append(_CLASS_OF.get(ch, re.escape(ch)))
        if _is_arabic(ch):
            out.append(_ARABIC_MARKS)
    return "".join(out)


def concept_pattern(forms: list[str]) -> str:
    """The forms of one concept as whole words (stems: the start of a word), as one RE2 pattern. The word
    boundaries are written once around the alternation, not once per form: with a boundary class per
    form RE2's DFA gives up and a few thousand texts take seconds (measured: 14 s against 0.02 s)."""
    boundary = rf"[^{_WORD}]"
    whole = [form_pattern(f) for f in forms if not f.strip().endswith(STEM)]
    stems = [form_pattern(f) for f in forms if f.strip().endswith(STEM)]
    parts = ([f"(?:{'|'.join(whole)})(?:$|{boundary})"] if whole else []) + \
        ([f"(?:{'|'.join(stems)})"] if stems else [])
    return f"(?i)(?:^|{boundary})(?:" + "|".join(parts) + ")"


def concepts_of(terms) -> dict[str, list[str]]:
    """`terms` as concept -> forms: a mapping as it is; a list makes each term a concept of one form
    (the scorecard's fixed word lists). Empty forms are an error (they would match every text)."""
    mapping = dict(terms) if hasattr(terms, "items") else {str(t): [str(t)] for t in terms}
    out = {}
    for concept, forms in mapping.items():
        forms = [forms] if isinstance(forms, str) else list(forms)
        if not forms or any(not f.strip().removesuffix(STEM).strip() for f in forms):
            raise ValueError(f"term concept {concept!r}: every form must have at least one letter, got {forms!r}")
        out[str(concept)] = forms
    return out


def _concept_count(texts: pa.ChunkedArray, forms: list[str]) -> int:
    """Texts mentioning any form of one concept as a whole word (a text counts once). A loose search
    without boundaries first (cheap in RE2; a whole-word match implies it), the boundary pattern only
    on the texts it keeps (Unicode classes are slow in RE2)."""
    loose = "(?i)(?:" + "|".join(form_pattern(f) for f in forms) + ")"
    maybe = texts.filter(pc.match_substring_regex(texts, loose))
    return pc.sum(pc.match_substring_regex(maybe, concept_pattern(forms))).as_py() or 0


def term_counts(tweets, terms) -> pd.DataFrame:
    """Tweets per op whose text mentions each concept, in any of its forms (matching rules above; a
    tweet naming a concept twice, or in two forms, counts once). `terms` maps concept -> forms (a list:
    each term its own concept). Concepts no operation mentions are dropped. Columns: op, term (the
    concept), tweets, share (of the op's tweets), rank (most mentioned first, ties by name).

    `tweets` is a frame with `op` and `tweet_text`, or the engine: then the texts are read in batches
    (regular expressions in every script are Python's work, not SQL's) and memory is bounded by a batch,
    not by the release.
    """
    concepts = concepts_of(terms)
    if is_engine(tweets):
        sizes = tweets_per_op(tweets)
        sizes = sizes[sizes > 0]
        hits = pd.Series(0, index=pd.MultiIndex.from_product([list(sizes.index.astype(str)), list(concepts)]),
                         dtype="int64")
        for batch in tweets.batches("SELECT op, tweet_text FROM {tweets}"):
            found = _term_hits(batch, concepts)
            if len(found):
                hits = hits.add(found, fill_value=0).astype("int64")
    else:
        sizes = tweets.groupby("op", observed=True).size()
        hits = _term_hits(tweets, concepts)
    rows = [{"op": op, "term": concept, "tweets": int(hits.get((str(op), concept), 0)),
             "share": hits.get((str(op), concept), 0) / n if n else np.nan}
            for op, n in sizes.items() for concept in concepts]
    out = pd.DataFrame(rows, columns=["op", "term", "tweets", "share"])
    mentioned = out.groupby("term")["tweets"].transform("sum") > 0
    return rank_within(out[mentioned], "op", "tweets", "term", None)


def _term_hits(tweets: pd.DataFrame, concepts: dict[str, list[str]]) -> pd.Series:
    """Tweets naming each concept, per op of this frame: a Series indexed by (op, concept).

    One pass over all texts keeps those holding any form at all (nothing is lost: a whole-word match
    implies it); the per-concept patterns then see only those candidates.
    """
    text = pc.fill_null(_as_text(tweets["tweet_text"]), "")
    op_of_row, op_names = pd.factorize(tweets["op"])  # codes: no array of 10 million names to compare
    if concepts:  # the one pass over all texts; the per-concept patterns then see only the candidates
        anyform = "(?i)(?:" + "|".join(form_pattern(f) for fs in concepts.values() for f in fs) + ")"
        hit = pa.chunked_array(_on_every_core(lambda c: pc.match_substring_regex(c, anyform), text.chunks),
                               type=pa.bool_())
        keep = hit.to_numpy(zero_copy_only=False)
        text, op_of_row = text.filter(hit), op_of_row[keep]
    found = {}
    for code, op in enumerate(op_names):
        candidates = text.filter(pa.array(op_of_row == code))
        # the lambda runs inside this iteration (all concepts counted before the loop moves on)
        counted = _on_every_core(lambda fs: _concept_count(candidates, fs), concepts.values())  # noqa: B023
        for concept, n in zip(concepts, counted):
            found[(str(op), concept)] = int(n)
    return pd.Series(found, dtype="int64")


def casefold_equal(values: pd.Series, item: str) -> np.ndarray:
    """Which values equal `item` ignoring case (`str.casefold`): each distinct value is case-folded
    once, so a whole file of hashtags costs its distinct tags, not its millions of rows."""
    wanted = item.casefold()
    distinct = pd.Series(pd.unique(values.dropna()))
    hits = distinct[distinct.str.casefold() == wanted]
    return values.isin(hits).to_numpy(dtype=bool)


def item_per_day(long: pd.DataFrame, item: str, start: str | dt.date, end: str | dt.date,
                 ops: list[str] | None = None) -> pd.DataFrame:
    """Tweets per op and UTC day from `start` to `end` (inclusive) carrying `item` (e.g. a hashtag,
    case-insensitive), zero-filled, for `ops` (default: every operation of the frame).
    `long` is `exploded(..., ['tweetid', 'tweet_time'])`. Columns: op, day, tweets."""
    days = pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq="D")
    if isinstance(long, Items):
        window = long.scoped(None, days[0], days[-1])
        distinct = window.query("SELECT DISTINCT item FROM {items} WHERE item IS NOT NULL")["item"]
        hits = [str(v) for v in distinct[casefold_equal(distinct, item)]]
        got = window.engine.query("SELECT op, date_trunc('day', CAST(tweet_time AS TIMESTAMP)) AS day, "
                                  f"count(DISTINCT tweetid) AS tweets FROM {{{window.logical}}} "
                                  "WHERE list_contains($1, item) GROUP BY ALL", [hits])
        got = got.assign(op=long.engine.op_categorical(got["op"]), day=pd.to_datetime(got["day"]).astype(days.dtype))
        counts = got.set_index(["op", "day"])
        counts = counts["tweets"].astype("int64")
    else:
        window = in_window(long, days[0], days[-1])          # a few days first: case-fold only those items
        hit = window[casefold_equal(window["item"], item)]
        day = hit["tweet_time"].dt.tz_convert("UTC").dt.tz_localize(None).dt.normalize()
        hit = hit.assign(day=day).drop_duplicates(["op", "tweetid"])
        counts = hit.groupby(["op", "day"], observed=True).size().rename("tweets")
    full = pd.MultiIndex.from_product([(long.ops if isinstance(long, Items) else ops_of(long)) if ops is None
                                       else list(ops), days], names=["op", "day"])
    return counts.reindex(full, fill_value=0).reset_index()


def top_items_over_time(long: pd.DataFrame, n: int, freq: str = "Y") -> pd.DataFrame:
    """For each op's `n` most frequent items overall: occurrences per period and the item's share of
    all item occurrences in that period. Columns: op, period, item, occurrences, share."""
    top = top_items(long, n)
    keep = top[["op", "item"]]
    if isinstance(long, Items):
        totals, per = _over_time_engine(long, freq, [str(v) for v in keep["item"].unique()])
    else:
        period = long["tweet_time"].dt.tz_convert("UTC").dt.tz_localize(None).dt.to_period(freq).dt.start_time
        f = pd.DataFrame({"op": long["op"], "period": period, "item": long["item"]})
        # every item's occurrences per op and period (the shares' denominators): counted without the items
        totals = f[f["item"].notna()].groupby(["op", "period"], observed=True).size().rename("all").reset_index()
        mine = f[f["item"].isin(keep["item"])]  # the top items' rows only are counted per item
        per = mine.groupby(["op", "period", "item"], observed=True).size().rename("occurrences").reset_index()
    per["share"] = per["occurrences"] / per.merge(totals, on=["op", "period"], how="left")["all"].to_numpy()
    return per.merge(keep, on=["op", "item"]).sort_values(["op", "period", "item"]).reset_index(drop=True)


def _over_time_engine(long: Items, freq: str, items: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two counts of `top_items_over_time` from the engine: all items per op and period, and the
    chosen items per op, period and item."""
    from helpers.metrics.timeline import _as_period, _period_sql
    eng, period = long.engine, _period_sql(freq)
    known = "item IS NOT NULL AND tweet_time IS NOT NULL"
    totals = long.query(f"SELECT op, {period} AS period, count(*) AS \"all\" FROM {{items}} WHERE {known} "
                        "GROUP BY ALL")
    per = eng.query(f"SELECT op, {period} AS period, item, count(*) AS occurrences FROM {{{long.logical}}} "
                    f"WHERE {known} AND list_contains($1, item) GROUP BY ALL", [items])
    for f, value in ((totals, "all"), (per, "occurrences")):
        f["op"] = eng.op_categorical(f["op"])
        f["period"] = _as_period(f["period"])
        f[value] = f[value].astype("int64")
    totals = totals.sort_values(["op", "period"], kind="stable").reset_index(drop=True)
    per = per.sort_values(["op", "period", "item"], kind="stable").reset_index(drop=True)
    return totals, per
