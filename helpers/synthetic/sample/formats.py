"""The file formats of the release generations (2018, 2019, 2020) and the CSV bytes written in them.

In: arrays of values. Out: Arrow string columns in a generation's spelling (counts, times, lists) and CSV
bytes with its quoting. `Style` is what differs between the October 2018 files and later releases
(docs/release-format.md).
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from helpers.data.schema import TWEET_COLUMNS, TWEET_COLUMNS_2018
from helpers.synthetic.sample.calibration import STYLES, TWEET_COLUMNS_2020, join_groups

# ----------------------------------------------------------------------------------------------------
# Style: what differs between the October 2018 files and later releases
# ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Style:
    name: str
    tweet_columns: tuple
    quote_all: bool
    true: str
    false: str
    float_counts: bool
    geo_empty: str
    python_lists: bool
    base64_hashes: bool

    @staticmethod
    def of(name: str) -> Style:
        """The format of one release generation (see docs/release-format.md)."""
        name = str(name)
        if name == "2018":
            return Style("2018", TWEET_COLUMNS_2018, True, "true", "false", False, "", False, False)
        if name == "2019":
            return Style("2019", TWEET_COLUMNS, False, "True", "False", True, "absent", True, True)
        if name == "2020":
            return Style("2020", TWEET_COLUMNS_2020, True, "True", "False", True, "absent", True, True)
        raise ValueError(f"style must be one of {STYLES}, not {name!r}")

    def hash_text(self, digest: bytes) -> str:
        """An anonymised id as Twitter wrote it: 64-hex (2018) or base64 ending in '=' (2019+)."""
        return base64.b64encode(digest).decode("ascii") if self.base64_hashes else digest.hex()


def strings(values: np.ndarray) -> pa.Array:
    """An arrow string column from an object array of str."""
    return pa.array(values.tolist(), pa.string())


def list_column(flat: np.ndarray, ptr: np.ndarray, style: Style, empty: np.ndarray) -> np.ndarray:
    """A list column: `[a, b]` (2018) or `['a', 'b']` (later); rows without items keep `empty`."""
    if style.python_lists:
        flat = "'" + flat + "'"
    out = empty.copy()
    rows = np.flatnonzero(np.diff(ptr))
    out[rows] = ["[" + x + "]" for x in join_groups(flat.tolist(), ptr, ", ", rows)]
    return out


def count_strings(values: np.ndarray, style: Style) -> pa.Array:
    """Counts as text: `0` in 2018, `0.0` in the later re-exports."""
    arr = pa.array(values).cast(pa.string())
    return pc.binary_join_element_wise(arr, pa.scalar(".0"), "") if style.float_counts else arr


@lru_cache(maxsize=1)
def _minutes_of_day() -> pa.Array:
    """'HH:MM' for every minute of a day (joined to the dates per row, vectorised)."""
    return pa.array([f"{h:02d}:{m:02d}" for h in range(24) for m in range(60)], pa.string())


def tweet_time_strings(minute: np.ndarray) -> pa.Array:
    """`YYYY-MM-DD HH:MM` in UTC of minutes since 1970, minute resolution, as in the release (the sample's and
    the archive's rows: a table of the dates the rows span and of the minutes of a day, joined per row)."""
    day = np.asarray(minute) // 1440
    if not len(day):
        return pa.array([], pa.string())
    d0 = int(day.min())
    dates = np.datetime_as_string(np.arange(d0, int(day.max()) + 1).astype("datetime64[D]"), unit="D")
    return pc.binary_join_element_wise(pa.array(dates.tolist(), pa.string()).take(pa.array(day - d0)),
                                       _minutes_of_day().take(pa.array(np.asarray(minute) % 1440)), " ")


def csv_bytes(table: pa.Table, style: Style, header: bool) -> bytes:
    """CSV text of a table: every field quoted (2018, 2020) or minimal quoting (2019 re-exports)."""
    if style.quote_all:
        buf = io.BytesIO()
        pacsv.write_csv(table, buf, pacsv.WriteOptions(include_header=header, quoting_style="all_valid",
                                                       quoting_header="all_valid", batch_size=8192))
        return buf.getvalue()
    head = header_bytes(tuple(table.column_names), style) if header else b""
    return head + minimal_csv_rows(table)


# Python's csv.writer(quoting=QUOTE_MINIMAL, lineterminator="\n") quotes a field holding the delimiter, the
# quote character or a character of the line terminator (and a row of one empty field).
_NEEDS_QUOTES = (",", '"', "\n")


def minimal_csv_rows(table: pa.Table) -> bytes:
    """The rows of a table of text columns as csv.writer(quoting=QUOTE_MINIMAL, lineterminator="\\n")
    writes them, byte for byte (tests/unit/synthetic/test_archive_sample.py checks it against csv), but
    with Arrow compute over whole columns: the csv module's per-field Python loop was the archive
    generator's bottleneck. Nulls are written as empty fields, as csv writes None."""
    if table.num_rows == 0:
        return b""
    fields = [_minimal_field(pc.fill_null(col.cast(pa.string()), "").combine_chunks(), table.num_columns == 1)
              for col in table.columns]
    lines = pc.binary_join_element_wise(pc.binary_join_element_wise(*fields, ","), "", "\n")
    return _string_bytes(lines)


def _minimal_field(col: pa.Array, alone: bool) -> pa.Array:
    """A column's fields, quoted where csv's QUOTE_MINIMAL quotes them. A column whose bytes hold no
    character that needs quotes (most of them) is returned as it is, without a per-value search."""
    raw = _string_bytes(col)
    if not any(ch.encode() in raw for ch in _NEEDS_QUOTES) and not alone:
        return col
    needs = pc.match_substring(col, _NEEDS_QUOTES[0])
    for ch in _NEEDS_QUOTES[1:]:
        needs = pc.or_(needs, pc.match_substring(col, ch))
    if alone:
        needs = pc.or_(needs, pc.equal(col, ""))
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(col.filter(needs), '"', '""'), '"', "")
    return pc.replace_with_mask(col, needs, quoted)


def _string_bytes(arr: pa.Array) -> bytes:
    """The concatenated values of a string array without nulls (its data buffer between its first and
    last offsets)."""
    if len(arr) == 0:
        return b""
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int32, count=len(arr) + 1, offset=4 * arr.offset)
    return arr.buffers()[2].slice(int(offsets[0]), int(offsets[-1] - offsets[0])).to_pybytes()


def header_bytes(columns: tuple, style: Style) -> bytes:
    """The header line (quoted names when every field is quoted)."""
    if style.quote_all:
        return (",".join(f'"{c}"' for c in columns) + "\n").encode("utf-8")
    return (",".join(columns) + "\n").encode("utf-8")
