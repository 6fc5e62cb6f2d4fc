"""Field parsing: raw CSV text columns -> typed Arrow columns, plus the rows that cannot be typed.

Vectorised with pyarrow compute so that nine million rows convert in seconds; the same functions serve
the fast (pyarrow) and the exact (line-by-line) parsers in `helpers.data.ingest`, so both give identical
caches. Each quirk of the real files (release-format.md) is handled here and named in a docstring.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from helpers.data import schema

# Ids: tweet ids are decimal digits (Twitter ids are 64-bit: at most 20 digits). User ids are digits
# (accounts with >= 5,000 followers) or a hash: 64-char lowercase hex (October 2018) or base64 ending in
# '=' (2019+). Every pattern is anchored and bounded, so a valid value never holds a line break.
DIGITS = r"^[0-9]{1,20}$"
HASH = r"^(?:[0-9a-f]{64}|[A-Za-z0-9+/_-]{16,128}={0,2})$"
# An id already written as a float (e.g. 1.207965844074107e+18): its digits are lost, never repairable.
FLOAT_FORM = r"^[0-9]*\.[0-9]+(?:[eE][+-]?[0-9]+)?$|^[0-9]+(?:\.[0-9]*)?[eE][+-]?[0-9]+$"
# Counts: '0', '12', '0.0', '12.0' (integers up to 18 digits, so they always fit int64) ...
COUNT_PLAIN = r"^[0-9]{1,18}(?:\.0*)?$"
# ... and the exponent form a float export writes for large values ('1.5e+06'); checked to be whole.
COUNT_EXPONENT = r"^[0-9]{1,18}(?:\.[0-9]{0,18})?[eE]\+?[0-9]{1,2}$"
NUMBER = r"^[+-]?(?:[0-9]{1,18}\.?[0-9]{0,18}|\.[0-9]{1,18})(?:[eE][+-]?[0-9]{1,3})?$"
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T][0-9:.]{0,15})?$"
TIME = r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}(?::[0-9]{2})?$"
TIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")
MAX_EXACT_FLOAT = 2.0 ** 53  # counts in exponent form beyond this are not exact integers

# List columns come as '', '[]', '[a, b]' (2018, unquoted) or "['a', 'b']" (later). Items are split at
# a quote-comma-quote or at a comma followed by whitespace: URLs may hold bare commas, never ', '.
LIST_SPLIT = r"""['"]\s*,\s*['"]|,\s+"""
# Hashtags and mentions never hold commas, so there a bare comma separates too.
LIST_SPLIT_NO_COMMA_ITEMS = r"""['"]\s*,\s*['"]|\s*,\s*"""
LIST_ITEM_TRIM = " '\"\t\r\n"
# A comma not followed by a plain space: these lists need the LIST_SPLIT regex (searched for in the
# bytes of the whole column at once; a hit anywhere only means the slower, general way is taken).
_ODD_SEPARATOR = re.compile(rb",['\"\t\n\r]")


@dataclass
class Typed:
    """The outcome of typing one batch: the rows kept (typed), the rows to quarantine, and the fields
    that could not be typed in kept rows (nulled in `table`, listed in `damaged_*`)."""

    table: pa.Table          # typed rows whose own ids are usable (cache schema order)
    bad_rows: np.ndarray     # positions (in the input batch) of rows to quarantine
    bad_columns: list[str]   # for each bad row, the first column that failed
    bad_reasons: list[str]   # for each bad row, the reason in words
    # One entry per damaged field of a kept row (a dropped `user_mentions` entry is one entry too):
    damaged_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # positions
    damaged_columns: list[str] = field(default_factory=list)
    damaged_values: list[str] = field(default_factory=list)   # the original text
    damaged_reasons: list[str] = field(default_factory=list)


def _match(arr: pa.Array, pattern: str) -> pa.Array:
    return pc.fill_null(pc.match_substring_regex(arr, pattern), False)


def _is_empty(arr: pa.Array) -> pa.Array:
    return pc.equal(pc.binary_length(arr), 0)


def _digits(arr: pa.Array, max_len: int) -> pa.Array:
    """Like `_match(arr, '^[0-9]{1,max_len}$')` without a regex: ASCII decimal digits, 1 to max_len."""
    return pc.and_(pc.fill_null(pc.ascii_is_decimal(arr), False),
                   pc.fill_null(pc.less_equal(pc.binary_length(arr), max_len), False))


def _scatter(base: pa.Array, rows: np.ndarray, values: pa.Array) -> pa.Array:
    """`base` with the values at `rows` replaced (for results computed on a subset of the rows)."""
    mask = np.zeros(len(base), dtype=bool)
    mask[rows] = True
    return pc.replace_with_mask(base, pa.array(mask), values)


def by_value(arr: pa.Array, parse: Callable[..., tuple[pa.Array, ...]], *args: Any) -> tuple[pa.Array, ...]:
    """`parse` applied to each distinct value once, spread back to the rows: user ids, counts, dates
    and lists repeat a lot (a user's snapshot is on every one of their tweets)."""
    encoded = pc.dictionary_encode(arr)
    out = parse(encoded.dictionary, *args)
    return tuple(o.take(encoded.indices) for o in (out if isinstance(out, tuple) else (out,)))


def is_hashed_id(userid: pa.Array) -> pa.Array:
    """True where a user id is Twitter's anonymising hash rather than a numeric id."""
    return pc.invert(_digits(userid, 20))


def nullify_empty(arr: pa.Array) -> pa.Array:
    """CSV cannot tell an empty field from a missing one: both become null. Zero-copy: only a
    validity bitmap is built, the text stays where it is."""
    if len(arr) == 0 or arr.null_count or not isinstance(arr, (pa.StringArray, pa.LargeStringArray)):
        return pc.if_else(_is_empty(arr), pa.scalar(None, arr.type), arr)
    present = pc.invert(_is_empty(arr))
    if present.false_count == 0:
        return arr
    # a boolean array's values are a bitmap: exactly the validity bitmap wanted
    validity = present.buffers()[1] if present.offset == 0 else \
        pa.array(present.to_numpy(zero_copy_only=False)).buffers()[1]
    if arr.offset:
        arr = pa.concat_arrays([arr])  # an unsliced copy, so the bitmap lines up with the offsets
    _, offsets, data = arr.buffers()
    return pa.Array.from_buffers(arr.type, len(arr), [validity, offsets, data])


def parse_list(arr: pa.Array, item_may_contain_comma: bool = True) -> pa.ListArray:
    """'', '[]', '[a, b]', "['a', 'b']" and '["a", "b"]' -> list<string>; empty items dropped.

    Only the rows holding items are split (most rows hold '' or '[]'), without a regex in the usual
    forms (hashtags and mentions: at every comma; URLs: at ', ')."""
    arr = pc.fill_null(arr, "")
    has_items = pc.invert(pc.or_(_is_empty(arr), pc.equal(arr, "[]")))
    n_items = has_items.true_count
    if n_items == 0:
        return pa.ListArray.from_arrays(pa.array(np.zeros(len(arr) + 1, dtype=np.int32)),
                                        pa.array([], pa.string()))
    if n_items == len(arr):
        sub = arr
    else:
        sub = arr.filter(has_items)
    lists = _split_lists(sub, item_may_contain_comma)
    if n_items == len(arr):
        return lists
    counts = np.zeros(len(arr), dtype=np.int32)
    counts[has_items.to_numpy(zero_copy_only=False)] = \
        pc.list_value_length(lists).to_numpy(zero_copy_only=False)
    offsets = np.zeros(len(arr) + 1, dtype=np.int32)
    np.cumsum(counts, out=offsets[1:])
    return pa.ListArray.from_arrays(pa.array(offsets), pc.list_flatten(lists))


def _split_lists(arr: pa.Array, item_may_contain_comma: bool) -> pa.ListArray:
    text = arr
    bracketed = pc.and_(pc.starts_with(text, "["), pc.ends_with(text, "]"))
    if bracketed.false_count:  # spaces around the brackets, or none: the general (slower) way
        text = pc.utf8_trim_whitespace(text)
        text = pc.replace_substring_regex(text, r"(?s)^\[(.*)\]$", r"\1")
    else:
        text = pc.utf8_slice_codeunits(text, 1, -1)
    if not item_may_contain_comma:
        # LIST_SPLIT_NO_COMMA_ITEMS splits at every comma; quotes and spaces around it are trimmed below
        lists = pc.split_pattern(text, ",")
    elif not _ODD_SEPARATOR.search(memoryview(text.buffers()[2] or b"")):
        # URLs may hold bare commas: LIST_SPLIT splits at ', ' (and at quote-comma-quote, which here is
        # always "', '" or '", "': the quotes are trimmed below)
        lists = pc.split_pattern(text, ", ")
    else:
        lists = pc.split_pattern_regex(text, LIST_SPLIT)
    items = pc.utf8_trim(pc.list_flatten(lists), LIST_ITEM_TRIM)
    parents = pc.list_parent_indices(lists)
    keep = pc.not_equal(items, "")
    items, parents = items.filter(keep), parents.filter(keep)
    counts = np.bincount(parents.to_numpy(zero_copy_only=False), minlength=len(arr))
    offsets = np.zeros(len(arr) + 1, dtype=np.int32)
    np.cumsum(counts, out=offsets[1:])
    return pa.ListArray.from_arrays(pa.array(offsets), items)


def parse_bool(arr: pa.Array) -> tuple[pa.Array, pa.Array]:
    """'true'/'false' in any case (files differ: true/false vs True/False) -> (value, valid)."""
    low = pc.utf8_lower(arr)
    return pc.equal(low, "true"), pc.is_in(low, value_set=pa.array(["true", "false"]))


def parse_count(arr: pa.Array) -> tuple[pa.Array, pa.Array]:
    """'0', '0.0', '12.0', '1.5e+06' -> int64 (null when empty); fractional or negative values are
    invalid. Plain forms are converted as text (exact at any size up to 18 digits), never via float.

    A column of plain digits only (the 2018 files) is cast at once; otherwise each distinct text is
    parsed once (a few hundred distinct counts in a batch of a hundred thousand rows)."""
    plain = _digits(arr, 18)
    if len(arr) and plain.false_count == 0:
        return pc.cast(arr, pa.int64()), plain
    if plain.true_count > len(arr) // 2:  # mostly plain: the rest on their own
        rows = np.flatnonzero(~plain.to_numpy(zero_copy_only=False))
        rest = arr.take(pa.array(rows))
        value, valid = by_value(rest, _parse_count) if len(rest) > 64 else _parse_count(rest)
        base = pc.cast(pc.if_else(plain, arr, "0"), pa.int64())
        return _scatter(base, rows, value), _scatter(plain, rows, valid)
    if len(arr) > 64:
        return by_value(arr, _parse_count)
    return _parse_count(arr)


def _parse_count(arr: pa.Array) -> tuple[pa.Array, pa.Array]:
    null_str = pa.scalar(None, pa.string())
    plain = _match(arr, COUNT_PLAIN)
    digits = pc.replace_substring_regex(pc.if_else(plain, arr, null_str), r"\.0*$", "")
    value = pc.cast(digits, pa.int64())
    expo = _match(arr, COUNT_EXPONENT)
    if pc.any(expo).as_py():
        as_float = pc.cast(pc.if_else(expo, arr, null_str), pa.float64())
        whole = pc.and_(pc.equal(pc.floor(as_float), as_float), pc.less(as_float, MAX_EXACT_FLOAT))
        whole = pc.fill_null(whole, False)
        from_float = pc.cast(pc.if_else(whole, as_float, pa.scalar(None, pa.float64())), pa.int64())
        value = pc.coalesce(value, from_float)
        plain = pc.or_(plain, whole)
    valid = pc.or_(pc.equal(arr, ""), plain)
    return value, valid


def parse_time(arr: pa.Array) -> tuple[pa.Array, pa.Array]:
    """'2017-06-22 16:03' (UTC, minute resolution; seconds accepted) -> timestamp[s, UTC].

    Fast path: Arrow's strict ISO-8601 cast, on values of the right shape (16 or 19 characters with a
    space at position 10). A batch holding an impossible time (30 February, 16:61) makes the cast fail
    as a whole; it is then parsed row by row with strptime, whose roll-overs are caught."""
    shape = pc.and_(pc.is_in(pc.binary_length(arr), value_set=pa.array([16, 19], pa.int32())),
                    pc.equal(pc.find_substring(arr, " "), 10))
    shaped = pc.if_else(pc.fill_null(shape, False), arr, pa.scalar(None, pa.string()))
    try:
        out = pc.cast(shaped, pa.timestamp("s"))
    except pa.ArrowInvalid:
        out = _parse_time_rowwise(shaped)
    out = out.cast(pa.timestamp("s", tz="UTC"))  # the values are UTC already: only the type changes
    return out, pc.is_valid(out)


def _parse_time_rowwise(arr: pa.Array) -> pa.Array:
    shaped = pc.if_else(_match(arr, TIME), arr, pa.scalar(None, pa.string()))
    out = pc.strptime(shaped, format=TIME_FORMATS[0], unit="s", error_is_null=True)
    if pc.any(pc.equal(pc.utf8_length(arr), 19)).as_py():  # some carry seconds
        out = pc.coalesce(out, pc.strptime(shaped, format=TIME_FORMATS[1], unit="s", error_is_null=True))
    return pc.if_else(_fields_agree(shaped, out, ((8, pc.day), (11, pc.hour), (14, pc.minute))),
                      out, pa.scalar(None, out.type))


def _fields_agree(text: pa.Array, parsed: pa.Array, parts) -> pa.Array:
    """strptime rolls impossible values over (30 February -> 2 March, 16:61 -> 17:01): keep a value
    only if its day (hour, minute) equals the two digits written at that position of the text."""
    ok = None
    for start, component in parts:
        written = pc.cast(pc.utf8_slice_codeunits(text, start, start + 2), pa.int64())
        same = pc.equal(written, component(parsed))
        ok = same if ok is None else pc.and_(ok, same)
    return pc.fill_null(ok, False)


def parse_date(arr: pa.Array) -> tuple[pa.Array, pa.Array]:
    """'2013-12-07' (a time part is tolerated and ignored) -> date32; empty -> null."""
    shaped = _match(arr, DATE)
    day = pc.utf8_slice_codeunits(pc.if_else(shaped, arr, pa.scalar(None, pa.string())), 0, 10)
    parsed = pc.strptime(day, format="%Y-%m-%d", unit="s", error_is_null=True)
    parsed = pc.if_else(_fields_agree(day, parsed, ((8, pc.day),)), parsed, pa.scalar(None, parsed.type))
    valid = pc.or_(pc.equal(arr, ""), pc.is_valid(parsed))
    return pc.cast(parsed, pa.date32()), valid


def parse_geo(arr: pa.Array, limit: float = 180.0) -> tuple[pa.Array, pa.Array]:
    """Latitude/longitude: '' (2018) and 'absent' (later files) -> null; numbers within +-limit
    degrees (90 for latitude, 180 for longitude) -> float64."""
    missing = pc.is_in(pc.utf8_lower(arr), value_set=pa.array(["", "absent"]))
    shaped = _match(arr, NUMBER)
    value = pc.cast(pc.if_else(shaped, arr, pa.scalar(None, pa.string())), pa.float64())
    in_range = pc.fill_null(pc.less_equal(pc.abs(value), limit), False)  # also rules out 1e999 (inf)
    return value, pc.or_(missing, pc.and_(shaped, in_range))


def check_id(arr: pa.Array, column: str, required: bool) -> tuple[pa.Array, pa.Array]:
    """(valid, float_form): ids must be digits (or a hash for user ids); float forms are named.

    Digits are checked without a regex; hashes (user ids) once per distinct value; the float-form
    pattern only where an id is not valid."""
    allowed = _digits(arr, 20)
    if not required:
        allowed = pc.or_(allowed, _is_empty(arr))
    user = column in schema.USER_ID_COLUMNS or column == "user_mentions"  # mentions are user ids
    if user and allowed.false_count > len(arr) // 2 and len(arr) > 64:
        allowed = pc.or_(allowed, by_value(arr, _match, HASH)[0])  # mostly hashes: all at once
    elif user and allowed.false_count:
        rows = np.flatnonzero(~allowed.to_numpy(zero_copy_only=False))
        rest = arr.take(pa.array(rows))
        hashed = by_value(rest, _match, HASH)[0] if len(rest) > 64 else _match(rest, HASH)
        allowed = _scatter(allowed, rows, hashed)
    if allowed.false_count == 0:
        return allowed, pa.array(np.zeros(len(arr), dtype=bool))
    return allowed, _match(arr, FLOAT_FORM)


class _Problems:
    """Collects, per row, the first failing column and its reason (vectorised masks, cheap when clean)."""

    def __init__(self, n: int):
        self.n = n
        self.column = np.full(n, -1, dtype=np.int32)
        self.reason: list[str] = []
        self.columns: list[str] = []
        self.values: list[pa.Array | None] = []

    def add(self, bad: pa.Array, column: str, reason: str, values: pa.Array | None = None) -> None:
        if bad.null_count == 0 and bad.true_count == 0:
            return  # the usual case: nothing wrong, no conversion needed
        mask = pc.fill_null(bad, True).to_numpy(zero_copy_only=False)
        fresh = mask & (self.column < 0)
        self.column[fresh] = len(self.reason)
        self.reason.append(reason)
        self.columns.append(column)
        self.values.append(values)

    def rows(self) -> np.ndarray:
        return np.flatnonzero(self.column >= 0)

    def describe(self, rows: np.ndarray) -> tuple[list[str], list[str]]:
        cols, reasons = [], []
        for r in rows:
            k = self.column[r]
            cols.append(self.columns[k])
            value = self.values[k]
            text = self.reasons_with_value(self.reason[k], value, r)
            reasons.append(text)
        return cols, reasons

    @staticmethod
    def reasons_with_value(reason: str, values: pa.Array | None, row: int) -> str:
        if values is None:
            return reason
        v = values[int(row)].as_py()
        shown = v if v is None or len(v) <= 60 else v[:57] + "..."
        return f"{reason}: {shown!r}"


FLOAT_ID = "id in float form (its digits are already lost; re-export the file with ids as text)"
MALFORMED_ID = "malformed id (expected digits or an account hash)"


class _Damage:
    """Fields of kept rows that cannot be typed: per column, which rows and why (the first reason wins).

    The typed value of such a field is null (a dropped mention: the entry is left out of the list); the
    caller lists each one with its line, column and original text. Cheap when nothing is damaged."""

    def __init__(self, n: int):
        self.n = n
        self.cells: dict[str, tuple[np.ndarray, np.ndarray, list[str], pa.Array]] = {}
        self.entries: list[tuple[np.ndarray, str, list[str], list[str]]] = []  # list items: rows, texts

    def add(self, bad: pa.Array, column: str, reason: str, values: pa.Array) -> None:
        if bad.null_count == 0 and bad.true_count == 0:
            return
        mask = pc.fill_null(bad, True).to_numpy(zero_copy_only=False)
        if column not in self.cells:
            self.cells[column] = (np.zeros(self.n, dtype=bool), np.full(self.n, -1, dtype=np.int32), [], values)
        seen, which, reasons, _ = self.cells[column]
        fresh = mask & ~seen
        which[fresh] = len(reasons)
        reasons.append(reason)
        seen |= mask

    def add_items(self, rows: np.ndarray, column: str, texts: list[str], reasons: list[str]) -> None:
        """Entries of a list column dropped one by one (the rest of the list is kept)."""
        if len(rows):
            self.entries.append((rows, column, texts, reasons))

    def nulled(self, column: str, arr: pa.Array) -> pa.Array:
        """`arr` with the damaged fields of `column` set to null."""
        if column not in self.cells:
            return arr
        return pc.if_else(pa.array(~self.cells[column][0]), arr, pa.scalar(None, arr.type))

    def listing(self, skip: np.ndarray) -> tuple[np.ndarray, list[str], list[str], list[str]]:
        """(rows, columns, original texts, reasons) in row order, without the rows in `skip` (those
        quarantined: the quarantine shows their whole record)."""
        parts = []
        for column, (seen, which, reasons, values) in self.cells.items():
            rows = np.flatnonzero(seen)
            texts = values.take(pa.array(rows)).to_pylist()
            parts.append((rows, column, texts, [reasons[k] for k in which[rows]]))
        parts += self.entries
        if not parts:
            return np.zeros(0, dtype=np.int64), [], [], []
        rows = np.concatenate([p[0] for p in parts]).astype(np.int64)
        columns = [p[1] for p in parts for _ in range(len(p[0]))]
        texts = [t for p in parts for t in p[2]]
        reasons = [r for p in parts for r in p[3]]
        order = np.argsort(rows, kind="stable")
        if len(skip):
            order = order[~np.isin(rows[order], skip)]
        order = order.tolist()
        return rows[order], [columns[i] for i in order], [texts[i] for i in order], [reasons[i] for i in order]


def _check_mentions(lists: pa.ListArray, damage: _Damage) -> pa.ListArray:
    """`user_mentions` entries are user ids: an entry that is not one (float form, malformed) is dropped
    from its list and recorded; the other entries and the row stay."""
    items = pc.list_flatten(lists)
    if len(items) == 0:
        return lists
    valid, floaty = check_id(items, "user_mentions", required=True)
    if valid.false_count == 0:
        return lists
    parents = pc.list_parent_indices(lists).to_numpy(zero_copy_only=False)
    ok = valid.to_numpy(zero_copy_only=False)
    bad = np.flatnonzero(~ok)
    floats = floaty.to_numpy(zero_copy_only=False)[bad]
    damage.add_items(parents[bad].astype(np.int64), "user_mentions", items.take(pa.array(bad)).to_pylist(),
                     [("mention " + (FLOAT_ID if f else MALFORMED_ID)) + "; the entry is dropped from the list"
                      for f in floats])
    counts = np.bincount(parents[ok], minlength=len(lists))
    offsets = np.zeros(len(lists) + 1, dtype=np.int32)
    np.cumsum(counts, out=offsets[1:])
    return pa.ListArray.from_arrays(pa.array(offsets), items.filter(pa.array(ok)))


def _one_array(col) -> pa.Array:
    if isinstance(col, pa.ChunkedArray):
        return col.chunk(0) if col.num_chunks == 1 else col.combine_chunks()
    return col


def type_batch(raw: pa.Table, table: str, source_lines: np.ndarray) -> Typed:
    """Type one batch of all-string columns (as read from the CSV) into the cache schema.

    A row whose own ids (schema.ROW_ID_COLUMNS) are empty or unusable is left out of `Typed.table` and
    described in `Typed.bad_*`: the caller quarantines it with its source line. Any other value that
    cannot be typed (a secondary id in float form, a broken count, time, date, boolean or coordinate, a
    mention entry that is not an id) is nulled in a kept row and listed in `Typed.damaged_*`.
    Checks never depend on other rows, so batching is free.
    """
    n = raw.num_rows
    own_ids = schema.ROW_ID_COLUMNS[table]
    probs = _Problems(n)
    damage = _Damage(n)
    cols = {name: _one_array(raw.column(name)) for name in raw.column_names}

    def problem(bad: pa.Array, name: str, reason: str, values: pa.Array | None = None) -> None:
        if name in own_ids:
            probs.add(bad, name, reason, values)
        else:
            damage.add(bad, name, reason, cols[name])

    for name in schema.NON_EMPTY[table]:
        if name in cols:
            problem(_is_empty(cols[name]), name, f"required field {name} is empty")
    parsed: dict[str, pa.Array] = {}
    for name, arr in cols.items():
        if name in schema.ID_COLUMNS:
            valid, floaty = check_id(arr, name, required=name in schema.NON_EMPTY[table])
            problem(pc.and_(pc.invert(valid), floaty), name, FLOAT_ID, arr)
            problem(pc.invert(valid), name, MALFORMED_ID, arr)
            parsed[name] = nullify_empty(arr)
        elif name in schema.COUNT_COLUMNS:
            parsed[name], valid = parse_count(arr)
            problem(pc.invert(valid), name, "count is not a whole number", arr)
        elif name in schema.BOOL_COLUMNS:
            parsed[name], valid = parse_bool(arr)
            problem(pc.invert(valid), name, "expected true/false", arr)
        elif name in schema.TIME_COLUMNS:
            parsed[name], valid = parse_time(arr)
            problem(pc.invert(valid), name, "unparseable time (expected YYYY-MM-DD HH:MM in UTC)", arr)
        elif name in schema.DATE_COLUMNS:
            parsed[name], valid = by_value(arr, parse_date) if n > 64 else parse_date(arr)
            problem(pc.invert(valid), name, "unparseable date (expected YYYY-MM-DD)", arr)
        elif name in schema.GEO_COLUMNS:
            limit = 90.0 if name == "latitude" else 180.0
            if n and _is_empty(arr).false_count == 0:  # the October 2018 files: no coordinates at all
                parsed[name] = pa.nulls(n, pa.float64())
            else:
                parsed[name], valid = by_value(arr, parse_geo, limit) if n > 64 else parse_geo(arr, limit)
                problem(pc.invert(valid), name, "not a coordinate (expected a number, empty or 'absent')", arr)
        elif name in schema.LIST_COLUMNS:
            parsed[name] = parse_list(arr, item_may_contain_comma=(name == "urls"))
            if name == "user_mentions":
                parsed[name] = _check_mentions(parsed[name], damage)
        elif name in schema.CATEGORY_COLUMNS:
            parsed[name] = pc.dictionary_encode(nullify_empty(arr))
        else:
            parsed[name] = nullify_empty(arr)
    for name in damage.cells:
        parsed[name] = damage.nulled(name, parsed[name])

    bad = probs.rows()
    bad_cols, bad_reasons = probs.describe(bad)
    d_rows, d_cols, d_values, d_reasons = damage.listing(bad)
    keep = None
    if len(bad):
        mask = np.ones(n, dtype=bool)
        mask[bad] = False
        keep = pa.array(mask)

    extras = tuple(c for c in raw.column_names if c not in schema.ALL_COLUMNS[table])
    target = schema.cache_schema(table, extras)
    arrays = []
    for column in target:
        if column.name == "user_is_hashed":
            arr = is_hashed_id(cols["userid"])
        elif column.name == "source_line":
            arr = pa.array(source_lines, type=pa.int64())
        elif column.name in parsed:
            arr = parsed[column.name]
        else:  # an optional column absent from this file (poll_choices in 2020-2021 files)
            arr = pa.nulls(n, column.type)
        if keep is not None:
            arr = arr.filter(keep)
        if arr.type != column.type:
            arr = arr.cast(column.type)
        arrays.append(arr)
    return Typed(pa.Table.from_arrays(arrays, schema=target), bad, bad_cols, bad_reasons,
                 d_rows, d_cols, d_values, d_reasons)
