"""The comparison summary: one indicator table mapped to DFRLab's seven take-aways (notebook 08).

The take-aways are our short paraphrase of DFRLab's #TrollTracker Parts 1-3 (17 October 2018) and the
findings listed in docs/published-figures.md (sources cited by tag: [D1] ... resolve in
helpers/present/references.yaml); every value is computed with the same
metric functions as the figures that support it (named in `figures`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.metrics import accounts, clients, content, core, engagement, timeline
from helpers.paths import case_slug
from helpers.present import prose


@dataclass(frozen=True)
class Takeaway:
    number: int
    title: str
    claim: str
    source: str
    figures: tuple[str, ...]


TAKEAWAYS = (
    Takeaway(1, "All content points home",
             "The IRA wrote mostly in Russian, for Russian speakers; Iran pushed regime messaging abroad in "
             "many languages, little of it in Farsi.", "DFRLab Part 1 [D1]; Elswah et al. 2019 [O]",
             ("02_monthly_languages", "02_tweet_languages")),
    Takeaway(2, "Events trigger bursts",
             "Activity surged around news events (MH17, the Brexit referendum).", "DFRLab Part 1 and thread [D1]",
             ("04_" + case_slug("MH17"), "04_" + case_slug("#ReasonsToLeaveEU"), "02_tweets_per_year")),
    Takeaway(3, "Automation and own apps",
             "Much of the content went out through automation services and the operations' own apps.",
             "DFRLab Part 1 [D1]; Gubello 2018 [G]", ("05_client_classes", "05_top_clients")),
    Takeaway(4, "Websites at the centre",
             "Iran's operation amplified a network of websites (AWDnews above all); the IRA linked "
             "LiveJournal and Russian news.", "DFRLab Part 3 [D3]; Zannettou et al. 2019 [Z]",
             ("04_top_domains",)),
    Takeaway(5, "Low impact",
             "Most tweets received little or no engagement.", "DFRLab Part 1 [D1]",
             ("06_engagement_ccdf",)),
    Takeaway(6, "A few accounts carried the reach",
             "Engagement concentrated on a handful of large accounts.", "DFRLab Part 1 [D1]",
             ("06_engagement_concentration", "06_top_accounts")),
    Takeaway(7, "Regeneration and growth",
             "The IRA kept creating accounts and stayed active after its exposure in autumn 2017; Iran's "
             "operation grew in 2017-2018.", "DFRLab Part 2 [D2]; Gubello 2018 [G]",
             ("03_regeneration", "03_accounts_created", "02_tweets_per_year")),
)

SUMMARY_COLUMNS = ("tweet_time", "userid", "tweet_language", "tweet_client_name", "is_retweet",
                   "account_creation_date", *engagement.ENGAGEMENT)


def _row(rows, t: Takeaway, indicator: str, op: str, value: float, shown: str, share: bool = False) -> None:
    rows.append({"takeaway": t.number, "title": t.title, "indicator": indicator, "op": op,
                 "value": value, "shown": shown, "is_share": share})


def indicators(tweets, urls, cutoff) -> pd.DataFrame:
    """Long table: takeaway, title, indicator, op, value (a number), shown (the number in words).

    `tweets` is the engine (`ReleaseData.engine()`) or a frame with SUMMARY_COLUMNS; `urls` its
    `items("urls")` or `exploded('urls', ['tweetid'])`: every number comes from a metric function.
    """
    rows: list[dict] = []
    ops = core.ops_of(tweets)
    per_op = core.tweets_per_op(tweets)
    t1, t2, t3, t4, t5, t6, t7 = TAKEAWAYS
    langs = core.top_values(tweets, "tweet_language", 2)
    per_day = timeline.counts_by_period(tweets, "D").rename(columns={"period": "day"})  # active days only
    auto = clients.automated_share(tweets)
    top_clients = core.top_values(tweets, "tweet_client_name", 1)
    doms = content.top_domains(urls, per_op, 1)
    url_tweets = content.tweets_with_url(urls)
    likes_mean = engagement.mean_per_tweet(tweets, "like_count")
    zero = engagement.zero_share(tweets)
    conc = engagement.concentration(tweets)
    act = accounts.activity(tweets)
    after = accounts.active_after(act, cutoff).groupby("op", observed=False)[["accounts", "active_after"]].sum()
    late = accounts.tweets_after(tweets, cutoff).set_index("op")
    yearly = timeline.yearly(tweets)
    for op in ops:
        n = int(per_op.get(op, 0))
        lang = langs[langs["op"] == op]
        for r in lang.itertuples():
            _row(rows, t1, f"tweet language #{r.rank}", op, r.share, f"{r.value} ({prose.pct(r.share)})",
                 share=r.rank == 1)
        d = per_day[per_day["op"] == op]
        if len(d):
            peak = d.sort_values(["tweets", "day"], ascending=[False, True]).iloc[0]
            ratio = peak.tweets / d["tweets"].median()
            _row(rows, t2, "busiest day (tweets)", op, float(peak.tweets),
                 f"{pd.Timestamp(str(peak.day)):%Y-%m-%d}: {prose.count(peak.tweets)}")
            _row(rows, t2, "busiest day vs median active day", op, float(ratio), prose.ratio(ratio, 0))
        _row(rows, t3, "tweets via automation or own apps", op, float(auto.get(op, np.nan)),
             prose.pct(auto.get(op, np.nan)), share=True)
        c = top_clients[top_clients["op"] == op]
        if len(c):
            _row(rows, t3, "top client app", op, float(c["share"].iloc[0]),
                 f"{c['value'].iloc[0]} ({prose.pct(c['share'].iloc[0])})")
        dm = doms[doms["op"] == op]
        if len(dm):
            # links per 100 tweets (a rate over all tweets), not a share: said so, beside the shares
            _row(rows, t4, "top domain (links per 100 tweets)", op, float(dm["per_tweet"].iloc[0]),
                 f"{dm['item'].iloc[0]} ({100 * dm['per_tweet'].iloc[0]:.1f} links per 100 tweets)")
        _row(rows, t4, "tweets with a URL", op, url_tweets.get(op, 0) / n if n else np.nan,
             prose.pct(url_tweets.get(op, 0) / n if n else np.nan), share=True)
        z = zero[(zero["op"] == op) & (zero["metric"] == "any engagement")]["share_zero"]
        if len(z):
            _row(rows, t5, "tweets with zero engagement", op, float(z.iloc[0]), prose.pct(z.iloc[0]), share=True)
        mean = float(likes_mean.get(op, np.nan))  # missing counts skipped, as in `totals`
        _row(rows, t5, "likes per tweet (mean)", op, mean, "n/a" if np.isnan(mean) else f"{mean:.2f}")
        k = conc[(conc["op"] == op) & (conc["metric"] == "likes")]
        if len(k):
            _row(rows, t6, "likes to the top 10 accounts", op, float(k["top_accounts_share"].iloc[0]),
                 prose.pct(k["top_accounts_share"].iloc[0]), share=True)
            _row(rows, t6, "likes to the top 1% of tweets", op, float(k["top_tweets_share"].iloc[0]),
                 prose.pct(k["top_tweets_share"].iloc[0]), share=True)
        if op in after.index:
            a = after.loc[op]
            _row(rows, t7, f"accounts active after {cutoff}", op, float(a["active_after"]),
                 f"{prose.count(a['active_after'])} of {prose.count(a['accounts'])}")
        if op in late.index:
            _row(rows, t7, f"tweets after {cutoff}", op, float(late.loc[op, "tweets"]),
                 prose.count(late.loc[op, "tweets"]))
        y = yearly[yearly["op"] == op]
        if len(y):
            top = y.sort_values(["tweets", "year"], ascending=[False, True]).iloc[0]
            _row(rows, t7, "peak year", op, float(top.year), f"{int(top.year)} ({prose.count(top.tweets)} tweets)")
    return pd.DataFrame(rows)


def wide(table: pd.DataFrame, labels) -> pd.DataFrame:
    """One row per indicator, one column per operation (the shown values), in take-away order."""
    # take-away order; within one, the order in which indicators first appear (any operation)
    order = table[["takeaway", "title", "indicator"]].drop_duplicates().sort_values("takeaway", kind="stable")
    w = table.pivot_table(index=["takeaway", "title", "indicator"], columns="op", values="shown",
                          aggfunc="first", observed=True)
    w = w.reindex(pd.MultiIndex.from_frame(order)).reset_index()
    return w.rename(columns={op: labels(op) for op in table["op"].unique()})
