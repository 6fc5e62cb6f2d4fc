"""Words for readers in place of the names the code uses: table headers and language codes.

A reader of a report should not have to decode `accounts_in_users_file` or `fa`. `header(name)` turns a
column name into words (the `HEADERS` map, else the name with its underscores as spaces); `language(code)`
gives "Russian (ru)" from a small table of the codes Twitter's files use (`LANGUAGES`: English names as
Babel's CLDR data has them, checked by a test; Twitter's own pseudo-codes such as `und` and `qme` as its
documentation describes them). Nothing is fetched: unknown codes are shown as they are.
"""

from __future__ import annotations

import re

import pandas as pd

# Column names of the tidy tables -> header words. Names not listed lose only their underscores.
HEADERS = {
    "op": "operation",
    "accounts_in_users_file": "accounts in the users file",
    "accounts_with_tweets": "accounts with tweets",
    "accounts_without_tweets": "accounts without tweets",
    "accounts_source": "accounts counted in",
    "retweet_share": "retweets (share of tweets)",
    "reply_share": "replies (share of tweets)",
    "quote_share": "quotes (share of tweets)",
    "hashed_share": "hashed accounts (share of accounts)",
    "first_tweet": "first tweet (UTC)",
    "last_tweet": "last tweet (UTC)",
    "active_after": "accounts active after the cutoff",
    "active_before": "accounts active before the cutoff",
    "share_active_after": "share of the cohort active after the cutoff",
    "tweet_language": "tweet language",
    "account_language": "account language",
    "tweet_client_name": "posting app",
    "follower_count": "followers",
    "following_count": "accounts followed",
    "like_count": "likes",
    "retweet_count": "retweets received",
    "reply_count": "replies received",
    "quote_count": "quotes received",
    "share_zero": "share with zero engagement",
    "per_tweet": "per tweet",
    "tweets_linking": "tweets linking to it",
    "share_of_tweets": "share of all tweets",
    "share_of_url_tweets": "share of tweets with a URL",
    "peak_tweets": "tweets in the peak month",
    "peak_period": "peak month",
    "rows_read": "rows read",
    "rows_cached": "rows cached",
    "rows_quarantined": "rows quarantined",
    "sha256": "SHA-256",
}

# Language codes of the release files -> English names. ISO 639-1 names as in CLDR (Babel, checked by
# tests/unit/present/test_labels.py); Twitter's legacy codes (`in`, `iw`) and pseudo-codes separately.
LANGUAGES = {
    "am": "Amharic", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bangla", "bs": "Bosnian", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "ht": "Haitian Creole", "hu": "Hungarian",
    "hy": "Armenian", "id": "Indonesian", "is": "Icelandic", "it": "Italian", "ja": "Japanese", "ka": "Georgian",
    "km": "Khmer", "kn": "Kannada", "ko": "Korean", "lo": "Lao", "lt": "Lithuanian", "lv": "Latvian",
    "ml": "Malayalam", "mr": "Marathi", "ms": "Malay", "my": "Burmese", "ne": "Nepali", "nl": "Dutch",
    "no": "Norwegian", "or": "Odia", "pa": "Punjabi", "pl": "Polish", "ps": "Pashto", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sd": "Sindhi", "si": "Sinhala", "sk": "Slovak", "sl": "Slovenian",
    "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "ta": "Tamil", "te": "Telugu", "th": "Thai",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}
# Codes Twitter used that are not ISO 639-1 names of a language.
TWITTER_CODES = {
    "in": "Indonesian", "iw": "Hebrew",                    # legacy codes (ISO 639-1 before 1989)
    "und": "undetermined", "zxx": "no linguistic content", "qme": "media links only",
    "qht": "hashtags only", "qam": "mentions only", "qct": "cashtags only", "qst": "very short text",
}
# Columns whose values are language codes.
LANGUAGE_COLUMNS = frozenset({"tweet_language", "account_language", "language"})

_REGIONAL = re.compile(r"^([a-z]{2,3})[-_]([a-z]{2,4})$", re.I)


def header(name) -> str:
    """A column name as header words: `HEADERS`, else underscores as spaces (tuples joined by " / ")."""
    if isinstance(name, tuple):
        return " / ".join(header(n) for n in name if str(n) != "")
    text = "" if name is None else str(name)
    return HEADERS.get(text, text.replace("_", " ") if re.fullmatch(r"[a-z0-9_]+", text) else text)


def language(code) -> str:
    """ "Russian (ru)", "English (en-gb)", "undetermined (und)"; unknown codes as they are."""
    if code is None or (isinstance(code, float) and code != code):
        return ""
    text = str(code).strip()
    key = text.lower()
    name = LANGUAGES.get(key) or TWITTER_CODES.get(key)
    if name is None and (m := _REGIONAL.match(key)):
        base = LANGUAGES.get(m.group(1)) or TWITTER_CODES.get(m.group(1))
        name = base
    return f"{name} ({text})" if name else text


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for reading: language codes as names with their codes, column names as words."""
    out = frame.copy()
    for column in out.columns:
        if str(column) in LANGUAGE_COLUMNS:
            out[column] = [language(v) if isinstance(v, str) else v for v in out[column]]
    return out
