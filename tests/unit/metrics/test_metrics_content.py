"""helpers.metrics.content: hashtags, registered domains (offline), whole-word terms, event windows."""

from __future__ import annotations

import socket

import pandas as pd
import pytest

from helpers.metrics import content

OPS3 = ["ira", "iranian", "venezuela"]


@pytest.mark.parametrize("url, domain", [
    ("https://www.Example.COM/a", "example.com"),
    ("HTTP://WWW.BBC.CO.UK:8080/news", "bbc.co.uk"),
    ("http://ru-open.livejournal.com/123.html", "livejournal.com"),
    ("https://news.yahoo.co.jp/x?y=1#z", "yahoo.co.jp"),
    ("example.org/path", "example.org"),                      # no scheme
    ("www.awdnews.com", "awdnews.com"),                       # no scheme, www.
    ("//cdn.example.net/lib.js", "example.net"),              # protocol-relative
    ("t.co/abc?u=http://other.com/", "t.co"),                 # no scheme, a URL in the query
    ("http://user:secret@Sub.Domain.example.com:443/", "example.com"),
    ("https://t.co/AbCdEf", "t.co"),                          # shorteners stay as themselves
    ("http://bit.ly/2xYz", "bit.ly"),
    ("https://youtu.be/x", "youtu.be"),
    ("http://127.0.0.1:8000/x", "127.0.0.1"),
    ("https://awdnews.com.", "awdnews.com"),                  # trailing dot of a fully qualified name
])
def test_domains(url, domain):
    assert content.domains(pd.Series([url], dtype="string")).tolist() == [domain]


def test_domains_missing_for_non_urls():
    got = content.domains(pd.Series([None, "", "   ", "not a url"], dtype="string"))
    assert got.isna().all() and len(got) == 4


def test_domains_never_touch_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(content._EXTRACT, "_extractor", None)  # force the suffix list to be loaded again
    content.domain_of_host.cache_clear()
    try:
        assert content.domain_of_host("forums.news.cnn.com") == "cnn.com"
        assert content.domain_of_host("a.b.example.co.uk") == "example.co.uk"
    finally:
        content.domain_of_host.cache_clear()
    assert not getattr(content._EXTRACT._cache, "enabled", False)  # nothing cached to disk


def tags_frame(frames):
    rows = [
        {"op": "ira", "hashtags": ["news", "MAGA"]},
        {"op": "ira", "hashtags": ["news"]},
        {"op": "ira", "hashtags": ["Brexit", "sports"]},
        {"op": "ira", "hashtags": ["sports", "Brexit"]},
        {"op": "ira", "hashtags": []},
        {"op": "venezuela", "hashtags": ["Venezuela"]},
    ]
    return frames.exploded(frames.tweets(rows, ops=OPS3), "hashtags", ["tweetid", "tweet_time"])


def test_top_items_ties_alphabetical(frames):
    long = tags_frame(frames)
    top = content.top_items(long, 3)
    ira = top[top["op"] == "ira"]
    # news 2, Brexit 2, sports 2, MAGA 1: the tie at 2 is broken alphabetically (code point order)
    assert ira["item"].tolist() == ["Brexit", "news", "sports"]
    assert ira["occurrences"].tolist() == [2, 2, 2]
    assert ira["share"].tolist() == pytest.approx([2 / 7] * 3)
    assert ira["rank"].tolist() == [1, 2, 3]
    assert top[top["op"] == "venezuela"]["item"].tolist() == ["Venezuela"]
    assert top[top["op"] == "iranian"].empty
    shuffled = content.top_items(long.sample(frac=1, random_state=3), 3)
    pd.testing.assert_frame_equal(shuffled, top)


def test_top_items_by_year(frames):
    t = frames.tweets([
        {"hashtags": ["a", "b"], "tweet_time": "2015-06-01 00:00"},
        {"hashtags": ["b"], "tweet_time": "2015-12-31 23:59"},
        {"hashtags": ["a"], "tweet_time": "2016-01-01 00:00"},
    ])
    long = frames.exploded(t, "hashtags", ["tweetid", "tweet_time"])
    out = content.top_items(long.assign(year=long["tweet_time"].dt.year), 1, by=["year"])
    assert out[["year", "item", "occurrences"]].values.tolist() == [[2015, "b", 2], [2016, "a", 1]]
    assert out["share"].tolist() == pytest.approx([2 / 3, 1.0])


def test_top_domains_per_tweet_and_shorteners(frames):
    t = frames.tweets([
        {"op": "ira", "urls": ["http://www.livejournal.com/a", "https://ru-open.livejournal.com/b"]},
        {"op": "ira", "urls": ["https://t.co/x"]},
        {"op": "ira", "urls": []},
        {"op": "ira", "urls": []},
        {"op": "iranian", "urls": ["http://awdnews.com/1", "https://www.awdnews.com/2"]},
    ], ops=OPS3)
    urls = frames.exploded(t, "urls")
    per_op = t.groupby("op", observed=False).size()
    top = content.top_domains(urls, per_op, 5)
    ira = top[top["op"] == "ira"]
    assert ira["item"].tolist() == ["livejournal.com", "t.co"]
    assert ira["urls"].tolist() == [2, 1]
    assert ira["per_tweet"].tolist() == pytest.approx([2 / 4, 1 / 4])
    assert ira["shortener"].tolist() == [False, True]
    iran = top[top["op"] == "iranian"]
    assert iran["item"].tolist() == ["awdnews.com"] and iran["per_tweet"].tolist() == pytest.approx([2.0])
    assert top[top["op"] == "venezuela"].empty


def test_domain_reach_counts_tweets_not_links(frames):
    t = frames.tweets([
        {"op": "iranian", "urls": ["http://awdnews.com/1", "http://www.awdnews.com/2"]},  # one tweet, two links
        {"op": "iranian", "urls": ["http://other.com"]},
        {"op": "iranian", "urls": []},
        {"op": "iranian", "urls": []},
        {"op": "ira", "urls": ["http://other.com"]},
    ], ops=OPS3)
    reach = content.domain_reach(frames.exploded(t, "urls"), t.groupby("op", observed=False).size(),
                                 "awdnews.com").set_index("op")
    r = reach.loc["iranian"]
    assert (r["tweets_linking"], r["tweets_with_url"], r["tweets"]) == (1, 2, 4)
    assert r["share_of_tweets"] == pytest.approx(0.25) and r["share_of_url_tweets"] == pytest.approx(0.5)
    assert reach.loc["ira", "tweets_linking"] == 0 and reach.loc["ira", "share_of_tweets"] == 0
    assert pd.isna(reach.loc["venezuela", "share_of_url_tweets"])


def _counts(frames, texts, terms, op="ira"):
    """Tweets per concept of one operation's texts (concepts no text mentions are absent)."""
    out = content.term_counts(frames.tweets([{"op": op, "tweet_text": x} for x in texts], ops=[op]), terms)
    return out.set_index("term")["tweets"].to_dict()


def test_term_counts_whole_words_any_case(frames):
    texts = [
        "The USA and Russia",            # USA
        "USAF jets over Syria",          # not USA
        "usa's allies; #Trump",          # USA (any case, apostrophe ends the word), Trump
        "trumpet players",               # not Trump
        "Saudi Arabia and the U.S. again",
        "Путин встретился с Трампом",    # Путин (Cyrillic), not Трамп
        None,
    ]
    t = frames.tweets([{"op": "ira", "tweet_text": x} for x in texts]
                      + [{"op": "venezuela", "tweet_text": "nothing here but Syria"}], ops=OPS3)
    terms = ["USA", "Trump", "Syria", "Saudi Arabia", "U.S.", "путин", "Трамп", "Iran"]
    out = content.term_counts(t, terms)
    ira = out[out["op"] == "ira"].set_index("term")
    # Трамп and Iran: no operation mentions them, so they are dropped
    assert ira["tweets"].to_dict() == {"USA": 2, "Trump": 1, "Syria": 1, "Saudi Arabia": 1, "U.S.": 1, "путин": 1}
    assert ira.loc["USA", "share"] == pytest.approx(2 / 7)
    # ranked by tweets, ties alphabetically
    assert out[out["op"] == "ira"]["term"].tolist() == ["USA", "Saudi Arabia", "Syria", "Trump", "U.S.", "путин"]
    ven = out[out["op"] == "venezuela"].set_index("term")["tweets"]
    assert ven["Syria"] == 1 and ven.drop("Syria").eq(0).all() and len(ven) == 6  # every mentioned concept
    assert out[out["op"] == "iranian"].empty


MULTI = {"Russia": ["Russia", "Russie", "Rusya", "Россия", "России", "Россию", "روسيا", "روسیه"],
         "Iran": ["Iran", "Irán", "Иран", "Ирана", "ایران", "إيران"],
         "Saudi Arabia": ["Saudi", "Arabie saoudite", "Arabia Saudí", "Suudi Arabistan", "السعودية", "عربستان"],
         "USA": ["USA", "США", "آمریکا", "أمريكا", "États-Unis", "Estados Unidos", "ABD"],
         "Putin": ["Putin", "Путин*", "بوتين"],
         "Ukraine": ["Ukraine", "Украина"]}


@pytest.mark.parametrize("text, concepts", [
    # English, Russian (case endings listed), Persian, Arabic, French, Spanish, Turkish
    ("Russia and Iran again", {"Russia", "Iran"}),
    ("Санкции против России и Ирана", {"Russia", "Iran"}),
    ("Россию поддерживают, США против", {"Russia", "USA"}),
    ("آمریکا ایران را تهدید می‌کند", {"USA", "Iran"}),
    ("السعودية تواصل العدوان وروسيا تراقب", {"Saudi Arabia"}),       # وروسيا: a proclitic, not listed
    ("L'Arabie saoudite menace la paix, selon la Russie", {"Saudi Arabia", "Russia"}),
    ("Arabia Saudí y Estados Unidos contra Irán", {"Saudi Arabia", "USA", "Iran"}),
    ("Suudi Arabistan ve ABD'nin planı: Rusya'ya karşı", {"Saudi Arabia", "USA", "Russia"}),
    ("Встреча с Путиным", {"Putin"}),                                  # a stem: any ending
    ("Распутин и его время", set()),                                   # the stem starts a word only
])
def test_term_counts_concepts_in_each_script(frames, text, concepts):
    got = _counts(frames, [text], MULTI)
    assert {c for c, n in got.items() if n} == concepts


@pytest.mark.parametrize("text", [
    "Иранский МИД",            # Russian adjective: Иран inside a longer word
    "USAF pilots",             # Latin
    "مردم ایرانی",             # Persian: ایران + ی (Iranian) is another word
    "الإيرانيون",              # Arabic: Iranians
    "Iranian officials",       # English adjective
    "Saudis2018",              # a digit continues the word
    "Россиянка",               # Россия inside a longer word
    "Ukraine_news",            # underscore: a hashtag-like word continues
])
def test_term_counts_false_friends_never_count(frames, text):
    assert not any(_counts(frames, [text], MULTI).values())


@pytest.mark.parametrize("text", ["İran'ın açıklaması", "IRAN", "iran", "ıran", "İRAN"])
def test_term_counts_turkish_dotted_and_dotless_i(frames, text):
    assert _counts(frames, [text], {"Iran": ["Iran"]}) == {"Iran": 1}


@pytest.mark.parametrize("text", [
    "ايران",            # alef without hamza, Arabic yeh
    "إيران",            # the form as listed
    "ایران",            # Persian yeh
    "إيـــران",         # tatweel inside the word
    "إِيرَان",           # harakat (kasra, fatha)
])
def test_term_counts_arabic_persian_letter_variants(frames, text):
    assert _counts(frames, [text], {"Iran": ["إيران"]}) == {"Iran": 1}


def test_term_counts_kaf_variants_and_teh_marbuta(frames):
    # Persian kaf and yeh written in the form; Arabic kaf and yeh in the text; ة and ه
    assert _counts(frames, ["امريكا تهدد", "غزه امروز"], {"USA": ["آمریکا"], "Gaza": ["غزة"]}) == {"USA": 1, "Gaza": 1}


def test_term_counts_a_tweet_counts_once_per_concept(frames):
    got = _counts(frames, ["Россия, России, Россию: Russia!", "Russia", "nothing"], MULTI)
    assert got == {"Russia": 2}


def test_term_counts_case_folding_beyond_ascii(frames):
    got = _counts(frames, ["РОССИЯ", "ÉTATS-UNIS et l'Europe", "россия"], {"Russia": ["Россия"], "USA": ["États-Unis"]})
    assert got == {"Russia": 2, "USA": 1}


def test_term_counts_spaces_in_a_form_match_any_white_space(frames):
    assert _counts(frames, ["Arabie\nsaoudite", "Arabie  Saoudite", "Arabiesaoudite"],
                   {"Saudi Arabia": ["Arabie saoudite"]}) == {"Saudi Arabia": 2}


def test_concept_pattern_writes_each_word_boundary_once_whatever_the_number_of_forms():
    """One boundary class per form makes RE2 abandon its DFA (seconds for a few thousand texts)."""
    for n in (1, 5, 40):
        forms = [f"name{i}" for i in range(n)] + ["stem*"]
        assert content.concept_pattern(forms).count(r"[^\pL\pM\pN_]") == 2


@pytest.mark.parametrize("forms", [[""], ["*"], ["  "], []])
def test_term_counts_refuses_an_empty_form(frames, forms):
    with pytest.raises(ValueError, match="form"):
        _counts(frames, ["anything"], {"Empty": forms})


def test_default_terms_find_each_language(frames):
    """The default parameter names its concepts in the operations' languages."""
    from helpers.run import params
    terms = params.check(params.defaults()).geopolitical_terms
    texts = {"Russia": "Россия", "Iran": "ایران", "Saudi Arabia": "السعودية", "USA": "États-Unis",
             "Ukraine": "Ucrania", "Israel": "İsrail'in", "Putin": "Путиным", "Syria": "سوریه"}
    for concept, text in texts.items():
        assert _counts(frames, [text], terms) == {concept: 1}, text


def test_item_per_day_case_insensitive_zero_filled(frames):
    t = frames.tweets([
        {"op": "ira", "hashtags": ["ReasonsToLeaveEU", "reasonstoleaveeu"], "tweet_time": "2016-06-23 08:00"},
        {"op": "ira", "hashtags": ["REASONSTOLEAVEEU"], "tweet_time": "2016-06-23 23:59"},
        {"op": "ira", "hashtags": ["ReasonsToLeaveEU"], "tweet_time": "2016-06-25 00:00"},  # after the end
        {"op": "ira", "hashtags": ["other"], "tweet_time": "2016-06-22 10:00"},
    ], ops=["ira", "iranian"])
    long = frames.exploded(t, "hashtags", ["tweetid", "tweet_time"])
    d = content.item_per_day(long, "ReasonsToLeaveEU", "2016-06-22", "2016-06-24")
    assert d[d["op"] == "ira"]["tweets"].tolist() == [0, 2, 0]  # the tweet with the tag twice counts once
    assert d[d["op"] == "iranian"]["tweets"].tolist() == [0, 0, 0]


def test_in_window_inclusive_utc_days(frames):
    t = frames.tweets([{"tweet_time": x} for x in
                       ("2016-06-22 23:59", "2016-06-23 00:00", "2016-06-24 23:59", "2016-06-25 00:00")])
    got = content.in_window(t, "2016-06-23", "2016-06-24")
    assert got["tweet_time"].dt.strftime("%d %H:%M").tolist() == ["23 00:00", "24 23:59"]


def test_top_items_over_time(frames):
    t = frames.tweets([
        {"hashtags": ["a", "b", "c"], "tweet_time": "2015-01-01 00:00"},
        {"hashtags": ["a"], "tweet_time": "2015-02-01 00:00"},
        {"hashtags": ["b", "b2"], "tweet_time": "2016-01-01 00:00"},
    ])
    long = frames.exploded(t, "hashtags", ["tweetid", "tweet_time"])
    out = content.top_items_over_time(long, 2, "Y")  # top 2 overall: a (2) and b (2)
    assert out[["period", "item", "occurrences"]].assign(period=out["period"].dt.year).values.tolist() == [
        [2015, "a", 2], [2015, "b", 1], [2016, "b", 1]]
    assert out["share"].tolist() == pytest.approx([2 / 4, 1 / 4, 1 / 2])


def test_empty_operation_gives_empty_tables(frames):
    empty = frames.tweets([], ops=["ira"])
    tags = frames.exploded(empty, "hashtags", ["tweetid", "tweet_time"])
    assert content.top_items(tags, 5).empty
    assert content.top_items_over_time(tags, 5).empty
    assert content.top_domains(frames.exploded(empty, "urls"), empty.groupby("op", observed=False).size(), 5).empty
    assert content.term_counts(empty, ["USA"]).empty
    d = content.item_per_day(tags, "x", "2016-01-01", "2016-01-02")
    assert d["tweets"].tolist() == [0, 0]


def test_item_per_day_for_chosen_operations(frames):
    t = frames.tweets([{"op": "ira", "hashtags": ["MH17"], "tweet_time": "2014-07-17 10:00"}], ops=OPS3)
    long = frames.exploded(t, "hashtags", ["tweetid", "tweet_time"])
    d = content.item_per_day(long, "mh17", "2014-07-17", "2014-07-17", ops=["ira"])
    assert d[["op", "tweets"]].values.tolist() == [["ira", 1]]
