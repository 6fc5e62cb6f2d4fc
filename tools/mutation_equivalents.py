"""Mutants that no test can kill because they do not change behaviour, each with the reason (read by
tools/mutate.py: a survivor listed here counts as equivalent, not as alive). Keyed by mutmut's names
(module path + function + mutant number): a module that moves renames its mutants (see
docs/mutation-testing.md)."""

from __future__ import annotations

# reasons shared by several entries of ingest/outputs.py (data.ingest.outputs)
_TEMP_NAME = ("the temporary file's name: written beside the file, then moved over it by os.replace (or deleted in "
    "`finally`); no file of either name is read or kept, and the ingest writes none in its folder")
_LINE_BEFORE = ("the line before any row: compared with a row's file line, which is at least 2 (the header is line "
    "1), so -1, -2, +1 and None all differ from every row's line")
_CODEC_CASE = ("codec name in upper case: Python looks codecs up case-insensitively ('UTF-8' is 'utf-8')")
_SORT_CASE = ("numpy reads the sort kind case-insensitively ('STABLE' is 'stable')")
_POSIX_NEWLINE = ("newline=None (or dropped) when writing: '\\n' becomes os.linesep, which is '\\n' on the POSIX "
    "systems the project runs on (fcntl locks: no Windows), so the csv writer's line ends are the same")
_ZERO_COPY_FALSY = "zero_copy_only=None is read as false, the value written (pyarrow 26)"
_JSON_ASCII_NONE = ("json.dumps(ensure_ascii=None): the encoder tests it for truth, so None keeps non-ASCII text as "
    "False does")

# Surviving mutants that no test can kill because they do not change behaviour: name -> why.
EQUIVALENT: dict[str, str] = {
    "helpers.present.prose.x_compare__mutmut_14": "`and` -> `or` between the two Real checks: differs only for a float "
    "against a number that is not Real (a Decimal), which no metric returns",
    "helpers.present.prose.x_compare__mutmut_23": "drops rel_tol=1e-9, which is math.isclose's default",
    "helpers.present.prose.x_compare__mutmut_30": "`>` -> `>=`: equal values returned `same` above, so a == b never "
                                                  "gets here",
    "helpers.present.prose.x_html__mutmut_4": "drops quote=True, which is html.escape's default",
    "helpers.present.reports.sanitize.x_clean_html__mutmut_9":
        "strip=None: bleach reads it as false, its default (escape, not strip)",
    "helpers.present.reports.sanitize.x_clean_html__mutmut_14":
        "drops protocols=, whose value equals bleach's default (http, https, mailto); the javascript:/data: tests "
        "would see any widening",
    "helpers.present.reports.sanitize.x_clean_html__mutmut_15": "drops strip=False, bleach's default",
    "helpers.present.reports.sanitize.x_clean_html__mutmut_16": "drops strip_comments=True, bleach's default",
    "helpers.present.prose.x_is_missing__mutmut_7": "the except branch is unreachable: is_scalar guards pd.isna, which "
    "returns a bool for every scalar",
    "helpers.metrics.clients.x__class_of__mutmut_3": "`name or 'XXXX'`: classify passes labelled() values, never None; "
    "_class_of(None) fills only recode's slot for missing codes, which labelled() leaves empty",
    "helpers.metrics.engagement.x_ccdf__mutmut_8": "observed=False adds the ops without tweets, whose empty counts are "
    "skipped",
    "helpers.metrics.engagement.x_concentration__mutmut_36": "round to 10 digits, not 9: they differ only when the "
    "floating error of top_tweets * tweets exceeds 1e-10, i.e. a top of more than ~450,000 tweets (the largest "
    "dataset's 1% is ~90,000)",
    "helpers.metrics.engagement.x_top_accounts__mutmut_11": "sort kind: pandas ignores `kind` when sorting on several "
    "columns (lexsort, stable)",
    "helpers.metrics.engagement.x_top_accounts__mutmut_14": "sort kind: pandas ignores `kind` when sorting on several "
    "columns (lexsort, stable)",
    "helpers.metrics.engagement.x_top_accounts__mutmut_24": "sort kind: pandas ignores `kind` when sorting on several "
    "columns (lexsort, stable)",
    "helpers.metrics.engagement.x_top_accounts__mutmut_25": "sort kind: pandas ignores `kind` when sorting on several "
    "columns (lexsort, stable)",
    "helpers.metrics.engagement.x_top_accounts__mutmut_36": "observed in a cumcount: one number per row whatever "
    "observed says",
    "helpers.metrics.engagement.x_top_accounts__mutmut_38": "observed in a cumcount: one number per row whatever "
    "observed says",
    "helpers.metrics.engagement.x_top_accounts__mutmut_41": "observed in a cumcount: one number per row whatever "
    "observed says",
    "helpers.metrics.engagement.x_zero_share__mutmut_22": "dtype dropped: float64 when a count is missing, int64 else: "
    "> 0 and == 0 answer alike",
    "helpers.metrics.engagement.x_zero_share__mutmut_23": "na_value dropped with dtype=float: pandas writes NaN for a "
    "missing value",
    "helpers.metrics.timeline.x__period__mutmut_2": "tz_convert(None) converts to UTC and drops the zone, 'utc' is the "
    "same zone: the same naive UTC times",
    "helpers.metrics.timeline.x__period__mutmut_4": "tz_convert(None) converts to UTC and drops the zone, 'utc' is the "
    "same zone: the same naive UTC times",
    "helpers.metrics.timeline.x_peaks__mutmut_19": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.timeline.x_peaks__mutmut_22": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.timeline.x_peaks__mutmut_33": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.timeline.x_peaks__mutmut_34": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.timeline.x_peaks__mutmut_64": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.timeline.x_peaks__mutmut_67": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.timeline.x_peaks__mutmut_75": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.timeline.x_peaks__mutmut_76": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.timeline.x_counts_by_period__mutmut_53": "sort kind of the engine's rows ('STABLE'; renumbered "
    "by the engine path, the reason was of another mutant): pandas ignores `kind` when sorting on several columns",
    "helpers.metrics.timeline.x_daily__mutmut_11": "freq 'd' is pandas's alias of 'D'",
    "helpers.metrics.timeline.x_daily__mutmut_4": "freq=None with start and end: pandas's default, daily",
    "helpers.metrics.timeline.x_daily__mutmut_7": "freq dropped with start and end: pandas's default, daily",
    "helpers.metrics.timeline.x_peaks__mutmut_29": "op order of the peak sort: one row per op and value is kept (the "
    "first by tweets, then period) whatever the order of the groups",
    "helpers.metrics.timeline.x_peaks__mutmut_30": "value order of the peak sort: one row per op and value is kept "
    "(the first by tweets, then period) whatever the order of the groups",
    "helpers.metrics.timeline.x_peaks__mutmut_4": "observed on op and value: a combination without tweets has no peak "
    "row, so the inner merge drops it",
    "helpers.metrics.timeline.x_peaks__mutmut_6": "observed on op and value: a combination without tweets has no peak "
    "row, so the inner merge drops it",
    "helpers.metrics.timeline.x_peaks__mutmut_9": "observed on op and value: a combination without tweets has no peak "
    "row, so the inner merge drops it",
    "helpers.metrics.timeline.x_peaks__mutmut_50": "merge on=None: the shared columns are op and the value column, the "
    "keys written",
    "helpers.metrics.timeline.x_peaks__mutmut_52": "merge on dropped: the shared columns are op and the value column, "
    "the keys written",
    "helpers.metrics.timeline.x_working_hours_share__mutmut_5": "observed: the op column of hour_profile is text, not "
    "categorical",
    "helpers.metrics.timeline.x_working_hours_share__mutmut_7": "observed: the op column of hour_profile is text, not "
    "categorical",
    "helpers.metrics.timeline.x_working_hours_share__mutmut_10": "observed: the op column of hour_profile is text, not "
    "categorical",
    "helpers.metrics.timeline.x_working_hours_share__mutmut_18": "zone of the second row: one zone per op, on all its "
    "168 rows",
    "helpers.metrics.accounts.x__day_after__mutmut_8": "'utc' for 'UTC': the same zone",
    "helpers.metrics.accounts.x__day_after__mutmut_12": "'utc' for 'UTC': the same zone",
    "helpers.metrics.accounts.x_active_after__mutmut_11": "Series(None, dtype=Int64) is all missing, as Series(pd.NA, "
    "dtype=Int64)",
    "helpers.metrics.accounts.x_active_after__mutmut_14": "Series(index=..., dtype=Int64) without data is all missing, "
    "as with pd.NA",
    "helpers.metrics.accounts.x_active_after__mutmut_12": "a one-value all-missing Series without the index: assign "
    "aligns it, every row missing",
    "helpers.metrics.accounts.x_active_after__mutmut_15": "a one-value all-missing Series without the index: assign "
    "aligns it, every row missing",
    "helpers.metrics.accounts.x_active_after__mutmut_35": "dropna=None: pandas reads it as false, the value written",
    "helpers.metrics.accounts.x_active_after__mutmut_37": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.accounts.x_active_after__mutmut_57": "astype(None) is float64, the dtype of the division already",
    "helpers.metrics.accounts.x_binned__mutmut_16": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.accounts.x_binned__mutmut_21": "astype(None) of the Int64 counts is float64, as astype(float)",
    "helpers.metrics.accounts.x_binned__mutmut_33": "right=True is pd.cut's default",
    "helpers.metrics.accounts.x_binned__mutmut_37": "reindex fill: value_counts of a categorical cut already lists "
    "every bin (0 where empty)",
    "helpers.metrics.accounts.x_binned__mutmut_39": "reindex fill: value_counts of a categorical cut already lists "
    "every bin (0 where empty)",
    "helpers.metrics.accounts.x_binned__mutmut_40": "reindex fill: value_counts of a categorical cut already lists "
    "every bin (0 where empty)",
    "helpers.metrics.accounts.x_busiest_years__mutmut_29": "two more years after the last: windows there hold fewer "
    "accounts, never more; ties go to the earlier window",
    "helpers.metrics.accounts.x_busiest_years__mutmut_32": "one more year after the last: windows there hold fewer "
    "accounts, never more; ties go to the earlier window",
    "helpers.metrics.accounts.x_busiest_years__mutmut_6": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.accounts.x_busiest_years__mutmut_41": "min_periods=None: rolling's default is the window size, "
    "the value written",
    "helpers.metrics.accounts.x_busiest_years__mutmut_43": "min_periods dropped: rolling's default is the window size, "
    "the value written",
    "helpers.metrics.accounts.x_busiest_years__mutmut_44": "`break` for `continue`: unreachable, the years always hold "
    "one full window",
    "helpers.metrics.accounts.x_created__mutmut_27": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.accounts.x_created_per_year__mutmut_5": "created's default frequency is 'Y', the value written",
    "helpers.metrics.accounts.x_ecdf__mutmut_10": "astype(None) of the Int64 counts is float64, as astype(float)",
    "helpers.metrics.accounts.x_ecdf__mutmut_3": "observed=None (pandas 3: False) adds the ops without rows, which are "
    "skipped",
    "helpers.metrics.accounts.x_ecdf__mutmut_5": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.accounts.x_ecdf__mutmut_8": "observed=False adds the ops without rows, which are skipped",
    "helpers.metrics.core.x__label__mutmut_4": "`v is pd.NA and ...`: pd.NA never reaches _label, recode passes "
    "missing values as None",
    "helpers.metrics.core.x_in_window__mutmut_9": "'utc' for 'UTC': the same zone",
    "helpers.metrics.core.x_in_window__mutmut_17": "'utc' for 'UTC': the same zone",
    "helpers.metrics.core.x_rank_within__mutmut_8": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.core.x_tweet_kind__mutmut_25": "to_numpy(dtype=None) of a boolean column without missing values "
    "(filled) is bool",
    "helpers.metrics.core.x_rank_within__mutmut_11": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.core.x_rank_within__mutmut_17": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.core.x_rank_within__mutmut_18": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.core.x_rank_within__mutmut_24": "observed in a cumcount: one number per row whatever observed "
    "says",
    "helpers.metrics.core.x_rank_within__mutmut_26": "observed in a cumcount: one number per row whatever observed "
    "says",
    "helpers.metrics.core.x_rank_within__mutmut_27": "observed in a cumcount: one number per row whatever observed "
    "says",
    "helpers.metrics.core.x_recode__mutmut_2": "astype('category') of a categorical column is the same column",
    "helpers.metrics.core.x_recode__mutmut_21": "np.array of Python ints is int64 without dtype= as well",
    "helpers.metrics.core.x_recode__mutmut_23": "np.array of Python ints is int64 without dtype= as well",
    "helpers.metrics.core.x_share_table__mutmut_10": "observed in a transform: one total per row whatever observed "
    "says",
    "helpers.metrics.core.x_share_table__mutmut_12": "observed in a transform: one total per row whatever observed "
    "says",
    "helpers.metrics.core.x_share_table__mutmut_13": "observed in a transform: one total per row whatever observed "
    "says",
    "helpers.metrics.core.x_share_table__mutmut_18": "astype(None) is float64, the dtype of the division already",
    "helpers.metrics.core.x_share_table__mutmut_21": "`totals >= 0`: a zero total gives 0 / 0, NaN, the same as the "
    "masked total",
    "helpers.metrics.content.x_item_per_day__mutmut_4": "freq=None: date_range with start and end and no periods "
    "defaults to daily ('D')",
    "helpers.metrics.content.x_item_per_day__mutmut_7": "freq dropped: date_range with start and end and no periods "
    "defaults to daily ('D')",
    "helpers.metrics.content.x_casefold_equal__mutmut_7": "to_numpy(dtype=None) of isin's result (bool, never "
    "missing) is bool",
    "helpers.metrics.content.x__on_every_core__mutmut_3": "`<= 2`: two items run in order instead of on two threads; "
    "map keeps the order, same results",
    "helpers.metrics.content.x__on_every_core__mutmut_4": "`< 3`: two items run in order instead of on two threads; "
    "map keeps the order, same results",
    "helpers.metrics.content.x__on_every_core__mutmut_6": "max_workers=None: the pool's own default size; map keeps "
    "the order, same results",
    "helpers.metrics.content.x__on_every_core__mutmut_7": "`cpu_count() and 1`: one worker thread; map keeps the "
    "order, same results",
    "helpers.metrics.content.x__on_every_core__mutmut_8": "`or 2` only when os.cpu_count() is None; the pool size "
    "never changes results",
    "helpers.metrics.content.x__arrow_strings__mutmut_6": "type=None: a column of str and missing values infers "
    "string (null if all missing, cast to string next); mixed str/number raises either way",
    "helpers.metrics.content.x__arrow_strings__mutmut_8": "type dropped: a column of str and missing values infers "
    "string (null if all missing, cast to string next); mixed str/number raises either way",
    "helpers.metrics.content.x_top_items_over_time__mutmut_25": "tz_convert(None) for 'UTC' (re-keyed by the run of 30 "
    "November, 21:00): the same instants as naive UTC times, which tz_localize(None) leaves as they are",
    "helpers.data.fields.x__parse_time_rowwise__mutmut_4": (
        "if_else with None for the null string scalar: Arrow casts a null to the other argument's type, same "
        "result"),
    "helpers.data.fields.x__parse_time_rowwise__mutmut_12": (
        "pa.scalar(None, None) is a null of type null, which if_else casts to the string type: same result"),
    "helpers.data.fields.x__parse_time_rowwise__mutmut_14": (
        "pa.scalar(None) is a null of type null, which if_else casts to the string type: same result"),
    "helpers.data.fields.x__parse_time_rowwise__mutmut_54": (
        "if_else with None for the null timestamp: Arrow casts a null to the other argument's type, same "
        "result"),
    "helpers.data.fields.x__parse_time_rowwise__mutmut_67": (
        "pa.scalar(None, None), a null of type null, cast by if_else to the timestamp type: same result"),
    "helpers.data.fields.x__parse_time_rowwise__mutmut_69": (
        "pa.scalar(None), a null of type null, cast by if_else to the timestamp type: same result"),
    "helpers.data.fields.x_parse_geo__mutmut_24": (
        "if_else with None for the null string scalar: Arrow casts a null to the other argument's type, same "
        "result"),
    "helpers.data.fields.x_parse_geo__mutmut_28": (
        "pa.scalar(None, None), a null of type null, cast by if_else to string: same result"),
    "helpers.data.fields.x_parse_geo__mutmut_30": (
        "pa.scalar(None), a null of type null, cast by if_else to string: same result"),
    "helpers.data.fields.xǁ_Damageǁnulled__mutmut_4": (
        "if_else with None: Arrow casts the null to the column's type (damaged columns are never "
        "dictionaries), same result"),
    "helpers.data.fields.xǁ_Damageǁnulled__mutmut_11": (
        "pa.scalar(None, None), a null of type null, cast by if_else to the column's type: same result"),
    "helpers.data.fields.xǁ_Damageǁnulled__mutmut_13": (
        "pa.scalar(None), a null of type null, cast by if_else to the column's type: same result"),
    "helpers.data.fields.x__check_mentions__mutmut_8": (
        "required=None (falsy) only admits empty entries, and parse_list never gives an empty entry"),
    "helpers.data.fields.x__check_mentions__mutmut_14": (
        "required=False only admits empty entries, and parse_list never gives an empty entry"),
    "helpers.data.fields.x__check_mentions__mutmut_18": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.x__check_mentions__mutmut_20": (
        "zero_copy_only=True: list_parent_indices gives integers without nulls, which numpy takes without a "
        "copy"),
    "helpers.data.fields.x__check_mentions__mutmut_22": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.x__check_mentions__mutmut_28": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.x__check_mentions__mutmut_38": (
        "astype(None) gives float rows, which listing() casts back to int64 with the other rows"),
    "helpers.data.fields.x__check_mentions__mutmut_58": (
        "float offsets: ListArray.from_arrays casts them to int32, same lists"),
    "helpers.data.fields.x__check_mentions__mutmut_60": (
        "float offsets (numpy's default): ListArray.from_arrays casts them to int32, same lists"),
    "helpers.data.fields.x_parse_geo__mutmut_41": (
        "a null here comes only from text that is not a number (cast from a null); such a value is invalid "
        "through `shaped` whatever in_range says"),
    "helpers.data.fields.xǁ_Problemsǁ__init____mutmut_1": (
        "self.n is never read"),
    "helpers.data.fields.xǁ_Problemsǁ__init____mutmut_10": (
        "-2 for -1 as the 'no problem' mark: rows() and add() only ask for a negative value"),
    "helpers.data.fields.xǁ_Problemsǁadd__mutmut_7": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.xǁ_Problemsǁ__init____mutmut_5": (
        "np.full(n, -1, dtype=None) takes the fill value's type, an integer, as int32 does for these indexes"),
    "helpers.data.fields.xǁ_Problemsǁ__init____mutmut_8": (
        "np.full(n, -1) takes the fill value's type, an integer, as int32 does for these indexes"),
    "helpers.data.fields.xǁ_Damageǁadd__mutmut_7": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.xǁ_Damageǁadd__mutmut_22": (
        "np.full(n, -1, dtype=None) takes the fill value's type, an integer, as int32 does for these indexes"),
    "helpers.data.fields.xǁ_Damageǁadd__mutmut_25": (
        "np.full(n, -1) takes the fill value's type, an integer, as int32 does for these indexes"),
    "helpers.data.fields.xǁ_Damageǁadd__mutmut_26": (
        "the initial reason index of a row is overwritten before it is read (only rows seen damaged are read)"),
    "helpers.data.fields.xǁ_Damageǁadd__mutmut_27": (
        "the initial reason index of a row is overwritten before it is read (only rows seen damaged are read)"),
    "helpers.data.fields.xǁ_Damageǁlisting__mutmut_33": (
        "numpy reads the sort kind case-insensitively: 'STABLE' is 'stable'"),
    "helpers.data.fields.x__one_array__mutmut_1": (
        "combine_chunks of a one-chunk column gives the same values as chunk(0)"),
    "helpers.data.fields.x_type_batch__mutmut_40": (
        "required=None lets an empty required id pass check_id, but the empty check before it has already "
        "given that row its (first) reason"),
    "helpers.data.fields.x_type_batch__mutmut_75": (
        "the values passed to problem() are read only for a row's own ids; a count is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_79": (
        "the values passed to problem() are read only for a row's own ids; this column is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_89": (
        "the values passed to problem() are read only for a row's own ids; this column is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_93": (
        "the values passed to problem() are read only for a row's own ids; this column is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_103": (
        "the values passed to problem() are read only for a row's own ids; this column is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_107": (
        "the values passed to problem() are read only for a row's own ids; this column is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_114": (
        "dates parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_type_batch__mutmut_115": (
        "dates parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_type_batch__mutmut_120": (
        "dates parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_type_batch__mutmut_121": (
        "dates parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_type_batch__mutmut_126": (
        "the values passed to problem() are read only for a row's own ids; this column is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_130": (
        "the values passed to problem() are read only for a row's own ids; this column is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_171": (
        "the values passed to problem() are read only for a row's own ids; this column is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_175": (
        "the values passed to problem() are read only for a row's own ids; this column is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_154": (
        "coordinates parsed once per distinct value or all at once: the same result (a speed shortcut; both "
        "paths are tested to agree)"),
    "helpers.data.fields.x_type_batch__mutmut_155": (
        "coordinates parsed once per distinct value or all at once: the same result (a speed shortcut; both "
        "paths are tested to agree)"),
    "helpers.data.fields.x_type_batch__mutmut_162": (
        "coordinates parsed once per distinct value or all at once: the same result (a speed shortcut; both "
        "paths are tested to agree)"),
    "helpers.data.fields.x_type_batch__mutmut_163": (
        "coordinates parsed once per distinct value or all at once: the same result (a speed shortcut; both "
        "paths are tested to agree)"),
    "helpers.data.fields.x_type_batch__mutmut_150": (
        "a column of nulls of type null is cast to float64 with the other columns (target schema)"),
    "helpers.data.fields.x_type_batch__mutmut_152": (
        "a column of nulls of type null is cast to float64 with the other columns (target schema)"),
    "helpers.data.fields.x_type_batch__mutmut_196": (
        "text and category columns swap encodings, and the cast to the cache schema at the end gives each its"
        " type back (same values)"),
    "helpers.data.fields.x_type_batch__mutmut_218": (
        "numpy stores None in a bool array as False"),
    "helpers.data.fields.x_type_batch__mutmut_243": (
        "pa.array infers int64 from the int64 line numbers, and the cast to the cache schema would fix any "
        "other"),
    "helpers.data.fields.x_type_batch__mutmut_245": (
        "pa.array infers int64 from the int64 line numbers, and the cast to the cache schema would fix any "
        "other"),
    "helpers.data.fields.x_type_batch__mutmut_250": (
        "a column of nulls of type null is cast to the column's type just below"),
    "helpers.data.fields.x_type_batch__mutmut_252": (
        "a column of nulls of type null is cast to the column's type just below"),
    "helpers.data.fields.x_type_batch__mutmut_256": (
        "pa.Table.from_arrays(..., schema=target) casts each array to its field's type itself: the explicit "
        "cast is a safety net"),
    "helpers.data.fields.x_parse_date__mutmut_15": (
        "if_else with None for the null string scalar: Arrow casts a null to the other argument's type, same "
        "result"),
    "helpers.data.fields.x_parse_date__mutmut_19": (
        "pa.scalar(None, None), a null of type null, cast by if_else to string: same result"),
    "helpers.data.fields.x_parse_date__mutmut_21": (
        "pa.scalar(None), a null of type null, cast by if_else to string: same result"),
    "helpers.data.fields.x_nullify_empty__mutmut_1": (
        "with nulls in a string column the bitmap path is taken: Arrow's invert/equal kernels leave 0 in the "
        "value bits of null slots (pyarrow as pinned), so those slots stay null: same result (a null never "
        "comes from the CSV readers, which give empty strings)"),
    "helpers.data.fields.x_nullify_empty__mutmut_2": (
        "an empty array or one with nulls takes the bitmap path: with nulls in a string column the bitmap "
        "path is taken: Arrow's invert/equal kernels leave 0 in the value bits of null slots (pyarrow as "
        "pinned), so those slots stay null: same result (a null never comes from the CSV readers, which give "
        "empty strings)"),
    "helpers.data.fields.x_nullify_empty__mutmut_4": (
        "a one-value array takes the if_else path instead of the bitmap path: same values"),
    "helpers.data.fields.x_nullify_empty__mutmut_7": (
        "if_else with None: Arrow casts the null to the string type, same result"),
    "helpers.data.fields.x_nullify_empty__mutmut_13": (
        "pa.scalar(None, None), a null of type null, cast by if_else to the string type: same result"),
    "helpers.data.fields.x_nullify_empty__mutmut_15": (
        "pa.scalar(None), a null of type null, cast by if_else to the string type: same result"),
    "helpers.data.fields.x_parse_date__mutmut_42": (
        "if_else with None: Arrow casts the null to the timestamp type, same result"),
    "helpers.data.fields.x_parse_date__mutmut_53": (
        "pa.scalar(None, None), a null of type null, cast by if_else to the timestamp type: same result"),
    "helpers.data.fields.x_parse_date__mutmut_55": (
        "pa.scalar(None), a null of type null, cast by if_else to the timestamp type: same result"),
    "helpers.data.fields.x_nullify_empty__mutmut_22": (
        "`present` is a fresh compute result, whose offset is always 0: the to_numpy branch is never taken, "
        "and both branches give the same bitmap when it is"),
    "helpers.data.fields.x_nullify_empty__mutmut_23": (
        "`present` is a fresh compute result, whose offset is always 0: the to_numpy branch is never taken, "
        "and both branches give the same bitmap when it is"),
    "helpers.data.fields.x_nullify_empty__mutmut_25": (
        "`present` is a fresh compute result, whose offset is always 0: the to_numpy branch is never taken, "
        "and both branches give the same bitmap when it is"),
    "helpers.data.fields.x_nullify_empty__mutmut_26": (
        "`present` is a fresh compute result, whose offset is always 0: the to_numpy branch is never taken, "
        "and both branches give the same bitmap when it is"),
    "helpers.data.fields.x_nullify_empty__mutmut_27": (
        "`present` is a fresh compute result, whose offset is always 0: the to_numpy branch is never taken, "
        "and both branches give the same bitmap when it is"),
    "helpers.data.fields.x_nullify_empty__mutmut_28": (
        "`present` is a fresh compute result, whose offset is always 0: the to_numpy branch is never taken, "
        "and both branches give the same bitmap when it is"),
    "helpers.data.fields.x_nullify_empty__mutmut_29": (
        "`present` is a fresh compute result, whose offset is always 0: the to_numpy branch is never taken, "
        "and both branches give the same bitmap when it is"),
    "helpers.data.fields.x_nullify_empty__mutmut_30": (
        "`present` is a fresh compute result, whose offset is always 0: this branch is never taken"),
    "helpers.data.fields.x__split_lists__mutmut_11": (
        "no list looks bracketed, so every batch takes the general path (trim, then strip the brackets by "
        "regex), which gives the same items as the shortcut"),
    "helpers.data.fields.x__split_lists__mutmut_16": (
        "no list looks bracketed, so every batch takes the general path (trim, then strip the brackets by "
        "regex), which gives the same items as the shortcut"),
    "helpers.data.fields.x__split_lists__mutmut_51": (
        "a list column without a data buffer holds no text: neither b'' nor b'XXXX' holds an odd separator"),
    "helpers.data.fields.x__split_lists__mutmut_85": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.x__split_lists__mutmut_86": (
        "zero_copy_only=True: the parent indices are integers without nulls, which numpy takes without a copy"),
    "helpers.data.fields.x__split_lists__mutmut_89": (
        "float offsets: ListArray.from_arrays casts them to int32, same lists"),
    "helpers.data.fields.x__split_lists__mutmut_91": (
        "float offsets (numpy's default): ListArray.from_arrays casts them to int32, same lists"),
    "helpers.data.fields.x__parse_count__mutmut_1": (
        "None for the null string: if_else casts a null to the other argument's type, same result"),
    "helpers.data.fields.x__parse_count__mutmut_2": (
        "pa.scalar(None, None) for the null string: if_else casts a null to the other argument's type, same "
        "result"),
    "helpers.data.fields.x__parse_count__mutmut_4": (
        "pa.scalar(None) for the null string: if_else casts a null to the other argument's type, same result"),
    "helpers.data.fields.x__parse_count__mutmut_19": (
        "None for the null string: if_else casts a null to the other argument's type, same result"),
    "helpers.data.fields.x__parse_count__mutmut_43": (
        "None for the null string: if_else casts a null to the other argument's type, same result"),
    "helpers.data.fields.x__parse_count__mutmut_74": (
        "None for the null float: if_else casts a null to the other argument's type, same result"),
    "helpers.data.fields.x__parse_count__mutmut_78": (
        "pa.scalar(None, None), a null of type null: if_else casts it to float64, same result"),
    "helpers.data.fields.x__parse_count__mutmut_80": (
        "pa.scalar(None), a null of type null: if_else casts it to float64, same result"),
    "helpers.data.fields.x_parse_time__mutmut_12": (
        "is_in casts the value set to the lengths' type (int32): int64 lengths 16 and 19 match the same "
        "values"),
    "helpers.data.fields.x_parse_time__mutmut_14": (
        "is_in casts the value set to the lengths' type (int32): int64 lengths 16 and 19 match the same "
        "values"),
    "helpers.data.fields.x_parse_time__mutmut_30": (
        "a null of another type for the null string: if_else casts it to string, same result"),
    "helpers.data.fields.x_parse_time__mutmut_39": (
        "a null of another type for the null string: if_else casts it to string, same result"),
    "helpers.data.fields.x_parse_time__mutmut_41": (
        "a null of another type for the null string: if_else casts it to string, same result"),
    "helpers.data.fields.x_parse_time__mutmut_35": (
        "`shape` is null only where the text is null, and there both branches of if_else give null"),
    "helpers.data.fields.x_parse_time__mutmut_38": (
        "`shape` is null only where the text is null, and there both branches of if_else give null"),
    "helpers.data.fields.x__fields_agree__mutmut_30": (
        "`ok` is null only where the text or the parsed value is null; there the callers keep a null "
        "whichever branch is taken"),
    "helpers.data.fields.x__fields_agree__mutmut_33": (
        "`ok` is null only where the text or the parsed value is null; there the callers keep a null "
        "whichever branch is taken"),
    "helpers.data.fields.x_parse_count__mutmut_3": (
        "no value passes the digit check, so every one goes through the regex path (COUNT_PLAIN: the same 1 "
        "to 18 digits): same result"),
    "helpers.data.fields.x_parse_count__mutmut_14": (
        "where the 'mostly plain digits' shortcut starts: either path gives the same values (a speed "
        "shortcut; tested to agree value by value)"),
    "helpers.data.fields.x_parse_count__mutmut_15": (
        "where the 'mostly plain digits' shortcut starts: either path gives the same values (a speed "
        "shortcut; tested to agree value by value)"),
    "helpers.data.fields.x_parse_count__mutmut_16": (
        "where the 'mostly plain digits' shortcut starts: either path gives the same values (a speed "
        "shortcut; tested to agree value by value)"),
    "helpers.data.fields.x_parse_count__mutmut_20": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.x_parse_count__mutmut_26": (
        "counts parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_parse_count__mutmut_27": (
        "counts parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_parse_count__mutmut_32": (
        "counts parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_parse_count__mutmut_33": (
        "counts parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_parse_count__mutmut_59": (
        "counts parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_parse_count__mutmut_60": (
        "counts parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_parse_count__mutmut_42": (
        "the rows not plain are null in the base instead of 0; both are replaced by their parsed values just "
        "below"),
    "helpers.data.fields.x_check_id__mutmut_22": (
        "where the 'mostly hashes' shortcut starts: both paths check the same values against the same pattern"
        " (a speed shortcut; tested to agree)"),
    "helpers.data.fields.x_check_id__mutmut_23": (
        "where the 'mostly hashes' shortcut starts: both paths check the same values against the same pattern"
        " (a speed shortcut; tested to agree)"),
    "helpers.data.fields.x_check_id__mutmut_24": (
        "where the 'mostly hashes' shortcut starts: both paths check the same values against the same pattern"
        " (a speed shortcut; tested to agree)"),
    "helpers.data.fields.x_check_id__mutmut_25": (
        "where the 'mostly hashes' shortcut starts: both paths check the same values against the same pattern"
        " (a speed shortcut; tested to agree)"),
    "helpers.data.fields.x_check_id__mutmut_26": (
        "where the 'mostly hashes' shortcut starts: both paths check the same values against the same pattern"
        " (a speed shortcut; tested to agree)"),
    "helpers.data.fields.x_check_id__mutmut_43": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.x_check_id__mutmut_49": (
        "hashes checked once per distinct value or all at once: the same result (a speed shortcut; both paths"
        " are tested to agree)"),
    "helpers.data.fields.x_check_id__mutmut_50": (
        "hashes checked once per distinct value or all at once: the same result (a speed shortcut; both paths"
        " are tested to agree)"),
    "helpers.data.fields.x_parse_list__mutmut_19": (
        "'[]' then goes through the splitting, which gives an empty list for it too (only a shortcut for the "
        "commonest value)"),
    "helpers.data.fields.x_check_id__mutmut_58": (
        "hashes checked once per distinct value or all at once: the same result (a speed shortcut; both paths"
        " are tested to agree)"),
    "helpers.data.fields.x_check_id__mutmut_59": (
        "hashes checked once per distinct value or all at once: the same result (a speed shortcut; both paths"
        " are tested to agree)"),
    "helpers.data.fields.x_parse_list__mutmut_20": (
        "with no count of rows holding items, every batch takes the general path (filter, split, spread "
        "back), which gives the same lists as the shortcuts"),
    "helpers.data.fields.x_parse_list__mutmut_29": (
        "float offsets: ListArray.from_arrays casts them to int32, same lists"),
    "helpers.data.fields.x_parse_list__mutmut_31": (
        "float offsets: ListArray.from_arrays casts them to int32, same lists"),
    "helpers.data.fields.x_parse_list__mutmut_50": (
        "float counts of whole numbers: np.cumsum writes them into the int32 offsets as the same integers"),
    "helpers.data.fields.x_parse_list__mutmut_52": (
        "float counts of whole numbers: np.cumsum writes them into the int32 offsets as the same integers"),
    "helpers.data.fields.x_parse_list__mutmut_54": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.x_parse_list__mutmut_56": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.x_parse_list__mutmut_58": (
        "zero_copy_only=True: list lengths are integers without nulls, which numpy takes without a copy"),
    "helpers.data.fields.x__digits__mutmut_6": (
        "differs only for a null text (never given by the CSV readers); there the callers end the same way: a"
        " null own id is already reported as empty (first reason wins), a null count is listed as damaged "
        "either way"),
    "helpers.data.fields.x__digits__mutmut_10": (
        "differs only for a null text (never given by the CSV readers); there the callers end the same way: a"
        " null own id is already reported as empty (first reason wins), a null count is listed as damaged "
        "either way"),
    "helpers.data.fields.x__digits__mutmut_12": (
        "differs only for a null text (never given by the CSV readers); there the callers end the same way: a"
        " null own id is already reported as empty (first reason wins), a null count is listed as damaged "
        "either way"),
    "helpers.data.fields.x_parse_list__mutmut_61": (
        "float offsets: ListArray.from_arrays casts them to int32, same lists"),
    "helpers.data.fields.x_parse_list__mutmut_63": (
        "float offsets: ListArray.from_arrays casts them to int32, same lists"),
    "helpers.data.fields.x__digits__mutmut_20": (
        "differs only for a null text (never given by the CSV readers): the first half of the `and` is "
        "already False there"),
    "helpers.data.fields.x__match__mutmut_2": (
        "differs only for a null text (never given by the CSV readers); there the callers end the same way: a"
        " null own id is already reported as empty (first reason wins), a null count or date is listed as "
        "damaged either way"),
    "helpers.data.fields.x__match__mutmut_9": (
        "differs only for a null text (never given by the CSV readers); there the callers end the same way: a"
        " null own id is already reported as empty (first reason wins), a null count or date is listed as "
        "damaged either way"),
    # metrics.engagement, engine paths (run of 30 November, 19:35)
    **{f'helpers.metrics.engagement.x__top_sums__mutmut_{n}': (
        "_top_sums' upper clip of j removed or widened: differs only for m above the tweets counted (an "
        'IndexError instead of a number), which no caller asks: lorenz takes round(grid * n) <= n, and '
        'concentration k = ceil(top_tweets * n) <= n since it refuses top_tweets above 1 (it extrapolated the '
        'smallest value before, a share above 1: fixed with a test); with no tweet (n = 0, m = 1) j is 0 either way')
       for n in (13, 32, 34)},
    **{f"helpers.metrics.engagement.{k}": (
        "SQL keywords in lower case (TRUE, IS NOT NULL, UNION ALL, OR, AND, FROM, GROUP BY ALL): DuckDB reads "
        "keywords case-insensitively, the same query") for k in (
        "x__histograms__mutmut_16", "x__histograms__mutmut_21", "x__histograms__mutmut_26",
        "x__zero_share_engine__mutmut_4", "x__zero_share_engine__mutmut_8", "x__zero_share_engine__mutmut_16",
        "x_account_totals__mutmut_8")},
    **{f"helpers.metrics.engagement.{k}": (
        "to_numpy(dtype=None): the counts are Int64 (loader and engine alike) and have no missing value there "
        "(fillna(0), dropna(), coalesce or IS NOT NULL in the SQL, count(*)), so pandas 3.1.1 gives int64 "
        "anyway") for k in (
        "x__account_sums__mutmut_21", "x__histograms__mutmut_55", "x__histograms__mutmut_58",
        "x__histograms__mutmut_90", "x_account_totals__mutmut_26")},
    **{f"helpers.metrics.engagement.{k}": "observed dropped (pandas 3: True), the value written" for k in (
        "x__account_sums__mutmut_27", "x__histograms__mutmut_67", "x_account_totals__mutmut_33")},
    **{f"helpers.metrics.engagement.{k}": "observed=None is read as False by pandas 3, the value written" for k in (
        "x_mean_per_tweet__mutmut_36", "x_totals__mutmut_42", "x_zero_share__mutmut_5")},
    **{f"helpers.metrics.engagement.x__account_sums__mutmut_{n}": (
        "observed=False/None on the loader's categorical userid adds the accounts of the categories without a "
        "tweet of this op, each with a sum of 0: counts are never negative (the typing rejects them), so the "
        "sum of the top_accounts largest sums is the same (the Series is read only through that sum)")
       for n in (25, 31)},
    "helpers.metrics.engagement.x__histograms__mutmut_4": (
        "coalesce(c, 0) also in the 'skip' query, whose WHERE c IS NOT NULL already leaves no NULL to replace"),
    **{f"helpers.metrics.engagement.x__histograms__mutmut_{n}": (
        "the engine's yield condition without its `missing == 'zero'` half (or with it inverted): with 'zero' "
        "the query has WHERE true, so every op with a tweet has rows for every column and len(g) alone decides "
        "the same; with 'skip' the extra yields are (op, c, [], [], 0), and ccdf (the only 'skip' caller) skips "
        "n == 0") for n in (48, 49, 50)},
    **{f"helpers.metrics.engagement.x__histograms__mutmut_{n}": (
        "the frame path's `missing == 'skip'` test inverted or never true: with 'skip' the extra yields are "
        "(op, c, [], [], 0) for an op whose counts of c are all missing, which ccdf (the only 'skip' caller) "
        "skips (n == 0); with 'zero' the groups (observed=True) are never empty, so nothing is skipped either "
        "way") for n in (80, 81, 82)},
    **{f"helpers.metrics.engagement.x_ccdf__mutmut_{n}": (
        "missing=None or 'SKIP' reads as 'skip' everywhere but in the frame path's empty-column test, whose "
        "extra yields (op, c, [], [], 0) ccdf skips (n == 0)") for n in (4, 9)},
    "helpers.metrics.engagement.x__top_sums__mutmut_12": (
        "no lower clip: j < 0 only for m <= 0 (upto starts with 0 and the other bounds are >= 1), where "
        "np.where returns 0 whatever j gives (indexing -1 is valid)"),
    "helpers.metrics.engagement.x__top_sums__mutmut_23": "drops side='left', np.searchsorted's default",
    "helpers.metrics.engagement.x__top_sums__mutmut_47": (
        "`m < 0` for `m <= 0`: at m = 0, j clips to 0 and sums[0] + (0 - upto[0]) * values[0] is 0 anyway"),
    "helpers.metrics.engagement.x__zero_share_engine__mutmut_64": (
        "z = 1 for an op without tweets: z is read only when n > 0, and n is 0 there (tweets 0, share NaN)"),
    "helpers.metrics.engagement.x_mean_per_tweet__mutmut_34": (
        "astype(None) is float64, the dtype astype(float) gives (from the Float64 of the mean)"),
    "helpers.metrics.engagement.x_zero_share__mutmut_24": (
        "dtype dropped (na_value=nan kept): float64 when a count is missing, int64 else: > 0 and == 0 answer "
        "alike (as _22)"),
    "helpers.metrics.engagement.x_zero_share__mutmut_25": (
        "na_value dropped with dtype=float: pandas writes NaN for a missing value (as _23)"),
    # reports.tables (helpers/present/reports/tables.py), branch killmut
    "helpers.present.reports.tables.x__cell_text__mutmut_1": (
        "the default of `separators` is never used: both callers (_row_label, _column_texts) always pass it "
        "(a dropped argument there is a different mutant, killed); the default is dead code"),
    "helpers.present.reports.tables.x_html_table__mutmut_64": (
        "`head +=` -> `head =`: head is still the empty list here (assigned just above), so assigning and "
        "extending give the same list"),
    "helpers.present.reports.tables.x_html_table__mutmut_86": (
        "`cells +=` -> `cells =`: cells is still the empty list here (assigned just above), so assigning and "
        "extending give the same list"),
    # metrics.timeline, engine paths (run of 30 November, 20:00)
    # 47 survivors not yet listed: 5 killed by tests/unit/metrics/test_mutation_killers_timeline.py (_period_sql
    # 4, 5, 6; daily 15, 17), the 42 below equivalent; each also run on edge inputs (an op without tweets, null
    # and empty times and languages, day edges, a time before 1970, text ops) from frames and from the engine,
    # original against mutant: the same tables (checked)
    "helpers.metrics.timeline.x__period_sql__mutmut_2": (
        "TWEET_TIME for tweet_time as the default column: unquoted identifiers are case-insensitive in DuckDB "
        "(the tweets view has one tweet_time column; the alias `period` is set by the caller)"),
    "helpers.metrics.timeline.x_counts_by_period__mutmut_24": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.timeline.x_counts_by_period__mutmut_25": (
        "TWEET_TIME for tweet_time in the WHERE: unquoted identifiers are case-insensitive in DuckDB, the same "
        "column"),
    "helpers.metrics.timeline.x_counts_by_period__mutmut_49": (
        "sort kind of the engine's rows: pandas ignores `kind` when sorting on several columns (lexsort, "
        "stable); the keys are op and period at least"),
    "helpers.metrics.timeline.x_counts_by_period__mutmut_51": (
        "sort kind of the engine's rows: pandas ignores `kind` when sorting on several columns (lexsort, "
        "stable); the keys are op and period at least"),
    "helpers.metrics.timeline.x_counts_by_period__mutmut_52": (
        "sort kind of the engine's rows: pandas ignores `kind` (not even checked) when sorting on several "
        "columns (lexsort, stable); the keys are op and period at least"),
    "helpers.metrics.timeline.x_counts_by_period__mutmut_77": (
        "observed dropped (pandas 3: True), the value written"),
    "helpers.metrics.timeline.x_counts_by_period__mutmut_97": (
        "names of the MultiIndex of wanted pairs: isin compares values, not names"),
    "helpers.metrics.timeline.x_counts_by_period__mutmut_98": (
        "names of the MultiIndex of wanted pairs: isin compares values, not names"),
    "helpers.metrics.timeline.x_counts_by_period__mutmut_113": (
        "sort of the regrouping: one row per key after the sum, sorted next by the same keys, so the order the "
        "groupby leaves is never seen"),
    "helpers.metrics.timeline.x_counts_by_period__mutmut_115": (
        "observed dropped from the regrouping (pandas 3: True), the value written"),
    "helpers.metrics.timeline.x_counts_by_period__mutmut_116": (
        "sort of the regrouping: one row per key after the sum, sorted next by the same keys, so the order the "
        "groupby leaves is never seen"),
    "helpers.metrics.timeline.x_counts_by_period__mutmut_118": (
        "sort of the regrouping: one row per key after the sum, sorted next by the same keys, so the order the "
        "groupby leaves is never seen"),
    "helpers.metrics.timeline.x_counts_by_period__mutmut_123": (
        "sort kind: pandas ignores `kind` when sorting on several columns (lexsort, stable); the keys are op "
        "and period at least"),
    "helpers.metrics.timeline.x_counts_by_period__mutmut_125": (
        "sort kind: pandas ignores `kind` when sorting on several columns (lexsort, stable); the keys are op "
        "and period at least"),
    "helpers.metrics.timeline.x_counts_by_period__mutmut_126": (
        "sort kind: pandas ignores `kind` (not even checked) when sorting on several columns (lexsort, stable); "
        "the keys are op and period at least"),
    "helpers.metrics.timeline.x_counts_by_period__mutmut_127": (
        "sort kind: pandas ignores `kind` (not even checked) when sorting on several columns (lexsort, stable); "
        "the keys are op and period at least"),
    "helpers.metrics.timeline.x_languages_drawn__mutmut_7": (
        "TWEET_LANGUAGE for tweet_language in label_sql: unquoted identifiers are case-insensitive in DuckDB, "
        "the same column, and the output is named by its alias `lang`"),
    "helpers.metrics.timeline.x_languages_drawn__mutmut_9": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.timeline.x_yearly__mutmut_5": (
        "SQL keywords in lower case (the aliases unchanged): DuckDB reads keywords case-insensitively"),
    "helpers.metrics.timeline.x_yearly__mutmut_8": (
        "SQL keywords in lower case (the alias unchanged): DuckDB reads keywords case-insensitively"),
    "helpers.metrics.timeline.x_yearly__mutmut_11": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.timeline.x_yearly__mutmut_36": (
        "sort kind: pandas ignores `kind` when sorting on several columns (op, year: lexsort, stable)"),
    "helpers.metrics.timeline.x_yearly__mutmut_38": (
        "sort kind: pandas ignores `kind` when sorting on several columns (op, year: lexsort, stable)"),
    "helpers.metrics.timeline.x_yearly__mutmut_43": (
        "sort kind: pandas ignores `kind` (not even checked) when sorting on several columns (op, year)"),
    "helpers.metrics.timeline.x_yearly__mutmut_44": (
        "sort kind: pandas ignores `kind` (not even checked) when sorting on several columns (op, year)"),
    "helpers.metrics.timeline.x_yearly__mutmut_49": (
        "astype(None) is float64, the dtype of the division of the two int64 counts already"),
    "helpers.metrics.timeline.x_yearly__mutmut_63": (
        "tz_convert(None) converts to UTC and drops the zone: the same UTC calendar year"),
    "helpers.metrics.timeline.x_yearly__mutmut_67": (
        "'utc' for 'UTC': the same zone, the same UTC calendar year"),
    "helpers.metrics.timeline.x_yearly__mutmut_93": (
        "observed dropped (pandas 3: True), the value written"),
    "helpers.metrics.timeline.x_yearly__mutmut_111": (
        "astype(None) is float64, the dtype of the division of the two int64 counts already"),
    "helpers.metrics.timeline.x_daily__mutmut_31": (
        "the engine's days not retyped: DuckDB returns them as naive midnight timestamps already; the reindex "
        "on every (op, day) matches them by value whatever their resolution, and the day column of the result "
        "is the full index's (`days`), so the same table (an empty result too)"),
    "helpers.metrics.timeline.x_daily__mutmut_38": (
        "the engine's days typed as a period start instead of `days`' type: midnights, exact in either "
        "resolution; the reindex matches them by value and the day column of the result is `days`' own"),
    "helpers.metrics.timeline.x_daily__mutmut_83": (
        "tz_convert(None) converts to UTC and drops the zone, as the tz_localize(None) after it: the same naive "
        "UTC times"),
    "helpers.metrics.timeline.x_daily__mutmut_87": (
        "'utc' for 'UTC': the same zone, the same naive UTC times"),
    "helpers.metrics.timeline.x_daily__mutmut_97": (
        "`|` for `&`: in_window above already kept only the rows of these UTC days, so both bounds hold"),
    "helpers.metrics.timeline.x_daily__mutmut_112": (
        "observed dropped (pandas 3: True), the value written; and the reindex on every op and day fills zeros "
        "either way"),
    "helpers.metrics.timeline.x__times_by_op__mutmut_6": (
        "observed dropped (pandas 3: True), the value written"),
    "helpers.metrics.timeline.x__times_by_op__mutmut_15": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.timeline.x__times_by_op__mutmut_29": (
        "astype(None) is astype('float64') (numpy's default dtype, None): the quarter-hour numbers come from "
        "the engine as Float64 and are made float64 either way (checked)"),
    "helpers.metrics.timeline.x__times_by_op__mutmut_38": (
        "index of the engine's times: hour_profile pairs hours and weights by position (to_numpy on both), "
        "never by index, and the engine path always has weights"),
    "helpers.metrics.timeline.x__times_by_op__mutmut_40": (
        "index of the engine's times dropped (a RangeIndex, the same positions): hour_profile pairs hours and "
        "weights by position (to_numpy on both), never by index"),
    # claims.takeaways (helpers/claims/takeaways.py), branch killmut
    "helpers.claims.takeaways.x_indicators__mutmut_34": (
        "top_values with n=None instead of 1: only the first row of each op is read (`iloc[0]`), and "
        "rank_within returns each op's rows in rank order, so it is rank 1 whatever n is"),
    "helpers.claims.takeaways.x_indicators__mutmut_40": (
        "top_values with n=2 instead of 1: only the first row of each op is read (`iloc[0]`), and rank_within "
        "returns each op's rows in rank order, so it is rank 1 whatever n is"),
    "helpers.claims.takeaways.x_indicators__mutmut_44": (
        "top_domains with n=None instead of 1: only the first row of each op is read (`iloc[0]`), and "
        "rank_within returns each op's rows in rank order, so it is rank 1 whatever n is"),
    "helpers.claims.takeaways.x_indicators__mutmut_48": (
        "top_domains with n=2 instead of 1: only the first row of each op is read (`iloc[0]`), and "
        "rank_within returns each op's rows in rank order, so it is rank 1 whatever n is"),
    "helpers.claims.takeaways.x_indicators__mutmut_55": (
        "the column dropped: mean_per_tweet's default column is 'like_count', the value written"),
    "helpers.claims.takeaways.x_indicators__mutmut_66": (
        "observed=None is read as False by pandas 3.1.1 (checked), the value written"),
    "helpers.claims.takeaways.x_indicators__mutmut_93": (
        "the default of per_op.get is never used: tweets_per_op has a row for every op ops_of lists (a "
        "categorical op: groupby(observed=False) over its categories; plain-text ops: each listed op has "
        "rows; the engine: its ops), so it differs only for a missing op value in a plain-text op column "
        "(pd.unique lists it, groupby drops it), which no loaded frame has; the default is dead code"),
    "helpers.claims.takeaways.x_indicators__mutmut_95": (
        "the default of per_op.get is never used: tweets_per_op has a row for every op ops_of lists (a "
        "categorical op: groupby(observed=False) over its categories; plain-text ops: each listed op has "
        "rows; the engine: its ops), so it differs only for a missing op value in a plain-text op column "
        "(pd.unique lists it, groupby drops it), which no loaded frame has; the default is dead code"),
    "helpers.claims.takeaways.x_indicators__mutmut_96": (
        "the default of per_op.get is never used: tweets_per_op has a row for every op ops_of lists (a "
        "categorical op: groupby(observed=False) over its categories; plain-text ops: each listed op has "
        "rows; the engine: its ops), so it differs only for a missing op value in a plain-text op column "
        "(pd.unique lists it, groupby drops it), which no loaded frame has; the default is dead code"),
    "helpers.claims.takeaways.x_wide__mutmut_15": (
        "numpy reads the sort kind case-insensitively: 'STABLE' is 'stable' (checked: same order where "
        "quicksort differs)"),
    "helpers.claims.takeaways.x_wide__mutmut_21": (
        "observed on a pivot by op: the op column of the indicator table is plain text (indicators() stores "
        "the op names as str), not categorical, and observed only acts on categorical groupers"),
    "helpers.claims.takeaways.x_wide__mutmut_26": (
        "observed dropped (pandas 3: True), the value written"),
    "helpers.claims.takeaways.x_wide__mutmut_39": (
        "observed on a pivot by op: the op column of the indicator table is plain text (indicators() stores "
        "the op names as str), not categorical, and observed only acts on categorical groupers"),
    "helpers.claims.takeaways.x_indicators__mutmut_194": (
        "the default of auto.get is never used: automated_share (groupby op, observed=False, min_count=1) has "
        "a row for every op ops_of lists (a categorical op: groupby(observed=False) over its categories; "
        "plain-text ops: each listed op has rows; the engine: its ops), so it differs only for a missing op "
        "value in a plain-text op column (pd.unique lists it, groupby drops it), which no loaded frame has; "
        "the default is dead code"),
    "helpers.claims.takeaways.x_indicators__mutmut_196": (
        "the default of auto.get is never used: automated_share (groupby op, observed=False, min_count=1) has "
        "a row for every op ops_of lists (a categorical op: groupby(observed=False) over its categories; "
        "plain-text ops: each listed op has rows; the engine: its ops), so it differs only for a missing op "
        "value in a plain-text op column (pd.unique lists it, groupby drops it), which no loaded frame has; "
        "the default is dead code"),
    "helpers.claims.takeaways.x_indicators__mutmut_199": (
        "the default of auto.get is never used: automated_share (groupby op, observed=False, min_count=1) has "
        "a row for every op ops_of lists (a categorical op: groupby(observed=False) over its categories; "
        "plain-text ops: each listed op has rows; the engine: its ops), so it differs only for a missing op "
        "value in a plain-text op column (pd.unique lists it, groupby drops it), which no loaded frame has; "
        "the default is dead code"),
    "helpers.claims.takeaways.x_indicators__mutmut_201": (
        "the default of auto.get is never used: automated_share (groupby op, observed=False, min_count=1) has "
        "a row for every op ops_of lists (a categorical op: groupby(observed=False) over its categories; "
        "plain-text ops: each listed op has rows; the engine: its ops), so it differs only for a missing op "
        "value in a plain-text op column (pd.unique lists it, groupby drops it), which no loaded frame has; "
        "the default is dead code"),
    "helpers.claims.takeaways.x_indicators__mutmut_333": (
        "the default of likes_mean.get is never used: mean_per_tweet has a row for every op ops_of lists (a "
        "categorical op: groupby(observed=False) over its categories; plain-text ops: each listed op has "
        "rows; the engine: its ops), so it differs only for a missing op value in a plain-text op column "
        "(pd.unique lists it, groupby drops it), which no loaded frame has; the default is dead code"),
    "helpers.claims.takeaways.x_indicators__mutmut_335": (
        "the default of likes_mean.get is never used: mean_per_tweet has a row for every op ops_of lists (a "
        "categorical op: groupby(observed=False) over its categories; plain-text ops: each listed op has "
        "rows; the engine: its ops), so it differs only for a missing op value in a plain-text op column "
        "(pd.unique lists it, groupby drops it), which no loaded frame has; the default is dead code"),
    # metrics.clients, run of 30 November (21:00)
    "helpers.metrics.clients.x_automated_share__mutmut_7": (
        "observed=None is read as False by pandas 3.1.1, the value written"),
    "helpers.metrics.clients.x_automated_share__mutmut_9": (
        "observed dropped (pandas 3: True): class_shares has a row for every op and class (a grid on both paths), "
        "so every op keeps its two automation rows and is observed"),
    "helpers.metrics.clients.x_automated_share__mutmut_15": (
        "observed=True: class_shares has a row for every op and class (a grid on both paths), so every op keeps "
        "its two automation rows and is observed"),
    "helpers.metrics.clients.x_automated_share__mutmut_18": (
        "min_count=2: each op has exactly the two automation classes' rows, whose shares are both NaN (an op "
        "without tweets) or both numbers, so the sum is NaN or a number alike"),
    "helpers.metrics.clients.x_class_shares__mutmut_6": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.clients.x_class_shares__mutmut_58": (
        "observed=None is read as False by pandas 3.1.1, the value written"),
    "helpers.metrics.clients.x_class_shares__mutmut_71": (
        "observed=None in a transform: one total per row whatever observed says"),
    "helpers.metrics.clients.x_class_shares__mutmut_73": (
        "observed dropped in a transform: one total per row whatever observed says"),
    "helpers.metrics.clients.x_class_shares__mutmut_76": (
        "observed=True in a transform: one total per row whatever observed says"),
    "helpers.metrics.clients.x_class_shares__mutmut_84": (
        "astype(None) is float64, the dtype of the division already"),
    "helpers.metrics.clients.x_class_shares__mutmut_89": (
        "`totals >= 0`: a zero total gives 0 / 0, NaN, the same as the masked total (counts are never negative)"),
    "helpers.metrics.clients.x_with_class__mutmut_9": (
        "TWEET_CLIENT_NAME for tweet_client_name: unquoted identifiers are case-insensitive in DuckDB (both in "
        "the SELECT DISTINCT and in the join), the same column"),
    # metrics.accounts, run of 30 November (21:00)
    "helpers.metrics.accounts.x__activity_engine__mutmut_5": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.accounts.x__activity_engine__mutmut_16": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.accounts.x_cohort_activity__mutmut_50": (
        "tz_convert(None) for 'UTC': the same instants as naive UTC times, which tz_localize(None) leaves as they "
        "are, so the same periods"),
    "helpers.metrics.accounts.x_cohort_activity__mutmut_54": (
        "tz_convert('utc') for 'UTC': the same UTC zone, the same naive times after tz_localize(None)"),
    "helpers.metrics.accounts.x_cohort_activity__mutmut_79": (
        "observed dropped (pandas 3: True), the value written"),
    "helpers.metrics.accounts.x__activity_engine__mutmut_61": (
        "sort kind changed or dropped on a sort by two columns (op, userid): pandas 3.1.1 sorts several columns "
        "with lexsort_indexer, which never reads `kind`; and the keys are unique after GROUP BY ALL, so any sort "
        "gives one order"),
    "helpers.metrics.accounts.x__activity_engine__mutmut_63": (
        "sort kind changed or dropped on a sort by two columns (op, userid): pandas 3.1.1 sorts several columns "
        "with lexsort_indexer, which never reads `kind`; and the keys are unique after GROUP BY ALL, so any sort "
        "gives one order"),
    "helpers.metrics.accounts.x__activity_engine__mutmut_68": (
        "sort kind changed or dropped on a sort by two columns (op, userid): pandas 3.1.1 sorts several columns "
        "with lexsort_indexer, which never reads `kind`; and the keys are unique after GROUP BY ALL, so any sort "
        "gives one order"),
    "helpers.metrics.accounts.x__activity_engine__mutmut_69": (
        "sort kind changed or dropped on a sort by two columns (op, userid): pandas 3.1.1 sorts several columns "
        "with lexsort_indexer, which never reads `kind`; and the keys are unique after GROUP BY ALL, so any sort "
        "gives one order"),
    "helpers.metrics.accounts.x_tweets_after__mutmut_5": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.accounts.x_tweets_after__mutmut_46": (
        "observed=None is read as False by pandas 3.1.1, the value written"),
    "helpers.metrics.accounts.x_activity__mutmut_7": (
        "observed dropped (pandas 3: True), the value written (the entry for x_activity__mutmut_5 above names this "
        "mutant's change; _5 is observed=None, killed)"),
    "helpers.metrics.accounts.x_cohort_activity__mutmut_8": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.accounts.x_cohort_activity__mutmut_11": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.accounts.x_cohort_activity__mutmut_12": (
        "ACCOUNT_CREATION_DATE for account_creation_date: unquoted identifiers (and keywords) are case-insensitive "
        "in DuckDB, the same column"),
    "helpers.metrics.accounts.x_cohort_activity__mutmut_36": (
        "sort kind changed or dropped on a sort by three columns (op, period, cohort): pandas 3.1.1 sorts several "
        "columns with lexsort_indexer, which never reads `kind`; and the keys are unique after GROUP BY ALL, so "
        "any sort gives one order"),
    "helpers.metrics.accounts.x_cohort_activity__mutmut_38": (
        "sort kind changed or dropped on a sort by three columns (op, period, cohort): pandas 3.1.1 sorts several "
        "columns with lexsort_indexer, which never reads `kind`; and the keys are unique after GROUP BY ALL, so "
        "any sort gives one order"),
    "helpers.metrics.accounts.x_cohort_activity__mutmut_45": (
        "sort kind changed or dropped on a sort by three columns (op, period, cohort): pandas 3.1.1 sorts several "
        "columns with lexsort_indexer, which never reads `kind`; and the keys are unique after GROUP BY ALL, so "
        "any sort gives one order"),
    "helpers.metrics.accounts.x_cohort_activity__mutmut_46": (
        "sort kind changed or dropped on a sort by three columns (op, period, cohort): pandas 3.1.1 sorts several "
        "columns with lexsort_indexer, which never reads `kind`; and the keys are unique after GROUP BY ALL, so "
        "any sort gives one order"),
    # metrics.core, run of 30 November (21:00)
    "helpers.metrics.core.x__overview_engine__mutmut_5": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.core.x__overview_engine__mutmut_8": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.core.x__overview_engine__mutmut_11": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.core.x__overview_engine__mutmut_18": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.core.x__overview_engine__mutmut_76": (
        "`or True` on the retweet share's condition: where it is false the value is NaN already (an op "
        "without tweets takes _NO_TWEETS' NaN; an op with tweets but no known retweet flag has avg() NULL, "
        "NaN), and float(NaN) is NaN"),
    "helpers.metrics.core.x__overview_engine__mutmut_80": (
        "`n or notna(rt)` for `n and notna(rt)`: an op with tweets and a NaN share gives float(NaN), NaN, as "
        "the else branch; an op without tweets has rt NaN (_NO_TWEETS), so both conditions are false there"),
    "helpers.metrics.core.x_kind_counts__mutmut_6": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.core.x_kind_counts__mutmut_16": (
        "the names of the grid's levels: never read (levels are taken by position, get_level_values(0) and "
        "(1), and counts looked up by (op, kind) tuples)"),
    "helpers.metrics.core.x_kind_counts__mutmut_18": (
        "the names of the grid's levels: never read (levels are taken by position, get_level_values(0) and "
        "(1), and counts looked up by (op, kind) tuples)"),
    "helpers.metrics.core.x_kind_counts__mutmut_19": (
        "the names of the grid's levels: never read (levels are taken by position, get_level_values(0) and "
        "(1), and counts looked up by (op, kind) tuples)"),
    "helpers.metrics.core.x_kind_counts__mutmut_20": (
        "the names of the grid's levels: never read (levels are taken by position, get_level_values(0) and "
        "(1), and counts looked up by (op, kind) tuples)"),
    "helpers.metrics.core.x_kind_counts__mutmut_21": (
        "the names of the grid's levels: never read (levels are taken by position, get_level_values(0) and "
        "(1), and counts looked up by (op, kind) tuples)"),
    "helpers.metrics.core.x_kind_counts__mutmut_22": (
        "the names of the grid's levels: never read (levels are taken by position, get_level_values(0) and "
        "(1), and counts looked up by (op, kind) tuples)"),
    "helpers.metrics.core.x_kind_counts__mutmut_62": (
        "observed=None is read as False by pandas 3.1.1, the value written"),
    "helpers.metrics.core.x_overview__mutmut_75": (
        "`or True` on `if len(t)`: an op without tweets gives retweets[op] (a mean over no rows), NaN, the "
        "value of the else branch (ops without rows exist only as categories of a categorical op; plain-text "
        "ops all have rows)"),
    "helpers.metrics.core.x_overview__mutmut_80": (
        "`or True` on `if len(t)`: an op without tweets gives (k == 'reply').mean() of no rows, NaN, the "
        "value of the else branch (ops without rows exist only as categories of a categorical op; plain-text "
        "ops all have rows)"),
    "helpers.metrics.core.x_overview__mutmut_88": (
        "`or True` on `if len(t)`: an op without tweets gives (k == 'quote').mean() of no rows, NaN, the "
        "value of the else branch (ops without rows exist only as categories of a categorical op; plain-text "
        "ops all have rows)"),
    "helpers.metrics.core.x_overview__mutmut_96": (
        "`or True` on `if len(t)`: an op without tweets gives (k == 'original').mean() of no rows, NaN, the "
        "value of the else branch (ops without rows exist only as categories of a categorical op; plain-text "
        "ops all have rows)"),
    "helpers.metrics.core.x_retweet_share__mutmut_5": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.core.x_retweet_share__mutmut_24": (
        "dtype dropped from the engine's Series: its values are Python floats (float() or np.nan), so pandas "
        "makes it float64 anyway"),
    "helpers.metrics.core.x_retweet_share__mutmut_28": (
        "dtype dropped from the engine's Series: its values are Python floats (float() or np.nan), so pandas "
        "makes it float64 anyway"),
    "helpers.metrics.core.x_retweet_share__mutmut_39": (
        "astype(None) is float64, the dtype of the groups' mean (and of astype(float)) already"),
    "helpers.metrics.core.x_retweet_share__mutmut_41": (
        "observed=None is read as False by pandas 3.1.1, the value written"),
    "helpers.metrics.core.x_top_values__mutmut_8": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.core.x_top_values__mutmut_33": (
        "observed dropped (pandas 3: True), the value written"),
    "helpers.metrics.core.x_tweets_per_op__mutmut_6": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.core.x_tweets_per_op__mutmut_23": (
        "dtype dropped from the engine's Series: its values are Python ints (int()), so pandas makes it int64 "
        "anyway"),
    "helpers.metrics.core.x_tweets_per_op__mutmut_26": (
        "dtype dropped from the engine's Series: its values are Python ints (int()), so pandas makes it int64 "
        "anyway"),
    "helpers.metrics.core.x_tweets_per_op__mutmut_36": (
        "observed=None is read as False by pandas 3.1.1, the value written"),
    # metrics.content, run of 30 November (21:00)
    "helpers.metrics.content.x__over_time_engine__mutmut_5": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.content.x__over_time_engine__mutmut_6": (
        "ITEM and TWEET_TIME (and the keywords) upper-cased: unquoted identifiers and keywords are "
        "case-insensitive in DuckDB, the same condition"),
    "helpers.metrics.content.x__over_time_engine__mutmut_10": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.content.x__over_time_engine__mutmut_37": (
        "reset_index(drop=None) keeps the old index as an `index` column of the totals: they are only merged "
        "into the chosen items' rows (on op and period) for their `all` column, so the extra column is never "
        "read"),
    "helpers.metrics.content.x__over_time_engine__mutmut_39": (
        "sort kind of the totals changed or dropped: the totals are only merged into the chosen items' rows "
        "(how='left', which keeps those rows' order), so their own row order is never seen; and pandas 3.1.1 "
        "ignores `kind` on a sort by two columns"),
    "helpers.metrics.content.x__over_time_engine__mutmut_41": (
        "sort kind of the totals changed or dropped: the totals are only merged into the chosen items' rows "
        "(how='left', which keeps those rows' order), so their own row order is never seen; and pandas 3.1.1 "
        "ignores `kind` on a sort by two columns"),
    "helpers.metrics.content.x__over_time_engine__mutmut_46": (
        "sort kind of the totals changed or dropped: the totals are only merged into the chosen items' rows "
        "(how='left', which keeps those rows' order), so their own row order is never seen; and pandas 3.1.1 "
        "ignores `kind` on a sort by two columns"),
    "helpers.metrics.content.x__over_time_engine__mutmut_47": (
        "sort kind of the totals changed or dropped: the totals are only merged into the chosen items' rows "
        "(how='left', which keeps those rows' order), so their own row order is never seen; and pandas 3.1.1 "
        "ignores `kind` on a sort by two columns"),
    "helpers.metrics.content.x__over_time_engine__mutmut_48": (
        "reset_index(drop=False) keeps the old index as an `index` column of the totals: they are only merged "
        "into the chosen items' rows (on op and period) for their `all` column, so the extra column is never "
        "read"),
    "helpers.metrics.content.x__over_time_engine__mutmut_52": (
        "sort kind changed or dropped on a sort by three columns (op, period, item): pandas 3.1.1 sorts "
        "several columns with lexsort_indexer, which never reads `kind`; and the keys are unique after GROUP "
        "BY ALL, so any sort gives one order"),
    "helpers.metrics.content.x__over_time_engine__mutmut_54": (
        "sort kind changed or dropped on a sort by three columns (op, period, item): pandas 3.1.1 sorts "
        "several columns with lexsort_indexer, which never reads `kind`; and the keys are unique after GROUP "
        "BY ALL, so any sort gives one order"),
    "helpers.metrics.content.x__over_time_engine__mutmut_61": (
        "sort kind changed or dropped on a sort by three columns (op, period, item): pandas 3.1.1 sorts "
        "several columns with lexsort_indexer, which never reads `kind`; and the keys are unique after GROUP "
        "BY ALL, so any sort gives one order"),
    "helpers.metrics.content.x__over_time_engine__mutmut_62": (
        "sort kind changed or dropped on a sort by three columns (op, period, item): pandas 3.1.1 sorts "
        "several columns with lexsort_indexer, which never reads `kind`; and the keys are unique after GROUP "
        "BY ALL, so any sort gives one order"),
    "helpers.metrics.content.x__url_tweets__mutmut_7": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.content.x__url_tweets__mutmut_30": (
        "observed=None is read as False by pandas 3.1.1, the value written"),
    "helpers.metrics.content.x_item_per_day__mutmut_13": (
        "the engine's window without its start day: more days are read, but the counts are reindexed to the "
        "days from start to end (the zero-filled grid), so the days outside are dropped; the item's spellings "
        "found in the wider window only add spellings no tweet inside carries"),
    "helpers.metrics.content.x_item_per_day__mutmut_14": (
        "the engine's window without its end day: more days are read, but the counts are reindexed to the "
        "days from start to end (the zero-filled grid), so the days outside are dropped; the item's spellings "
        "found in the wider window only add spellings no tweet inside carries"),
    "helpers.metrics.content.x_top_items_over_time__mutmut_29": (
        "tz_convert('utc') for 'UTC': the same UTC zone, the same naive times after tz_localize(None)"),
    "helpers.metrics.content.x_top_items_over_time__mutmut_45": (
        "observed None/False on the totals adds zero rows for the op categories without a row in a period: "
        "the totals are only looked up for the (op, period) of the chosen items' rows, which have items"),
    "helpers.metrics.content.x_top_items_over_time__mutmut_47": (
        "observed dropped (pandas 3: True), the value written"),
    "helpers.metrics.content.x_top_items_over_time__mutmut_54": (
        "observed None/False on the totals adds zero rows for the op categories without a row in a period: "
        "the totals are only looked up for the (op, period) of the chosen items' rows, which have items"),
    "helpers.metrics.content.x_top_items_over_time__mutmut_68": (
        "observed dropped (pandas 3: True), the value written"),
    "helpers.metrics.content.x_top_items_over_time__mutmut_85": (
        "merge with the totals without on=: pandas joins on the common columns, which are exactly op and "
        "period (the totals hold op, period and all; the rows op, period, item, occurrences)"),
    "helpers.metrics.content.x_top_items_over_time__mutmut_88": (
        "merge with the totals without on=: pandas joins on the common columns, which are exactly op and "
        "period (the totals hold op, period and all; the rows op, period, item, occurrences)"),
    "helpers.metrics.content.x_top_items_over_time__mutmut_89": (
        "inner merge instead of left: every (op, period) of the chosen items' rows has a total (the totals "
        "count every item of that op and period, these included; rows without a period or item are in "
        "neither), and pandas' inner merge keeps the left rows' order"),
    "helpers.metrics.content.x_top_items_over_time__mutmut_101": (
        "merge with the top items without on=: pandas joins on the common columns, which are exactly op and "
        "item (keep holds only those two)"),
    "helpers.metrics.content.x_top_items_over_time__mutmut_103": (
        "merge with the top items without on=: pandas joins on the common columns, which are exactly op and "
        "item (keep holds only those two)"),
    "helpers.metrics.content.x__term_hits__mutmut_38": (
        "zero_copy_only=None is read as false, the value written (a boolean array needs the copy)"),
    "helpers.metrics.content.x__term_hits__mutmut_66": (
        "dtype dropped: the counts are Python ints, so pandas makes them int64; `found` is empty (object) "
        "only without rows or without concepts, and then term_counts builds no row from it"),
    "helpers.metrics.content.x__term_hits__mutmut_68": (
        "dtype dropped: the counts are Python ints, so pandas makes them int64; `found` is empty (object) "
        "only without rows or without concepts, and then term_counts builds no row from it"),
    "helpers.metrics.content.x_concepts_of__mutmut_23": (
        "removeprefix for removesuffix of '*' in the empty-form check: on a stripped form both leave only "
        "white space exactly when the form is '*' (or empty), so the same forms are refused"),
    "helpers.metrics.content.x_item_per_day__mutmut_17": (
        "the engine's window without its end day: more days are read, but the counts are reindexed to the "
        "days from start to end (the zero-filled grid), so the days outside are dropped"),
    "helpers.metrics.content.x_item_per_day__mutmut_24": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.content.x_item_per_day__mutmut_40": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.content.x_item_per_day__mutmut_43": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.content.x_item_per_day__mutmut_44": (
        "LIST_CONTAINS and ITEM upper-cased: DuckDB's function names and unquoted identifiers are "
        "case-insensitive, the same condition"),
    "helpers.metrics.content.x_item_per_day__mutmut_48": (
        "the engine's op column left as text: the result's op and day columns come from the zero-filled grid "
        "(the ops as text), and text ops find the same grid rows as categorical ones"),
    "helpers.metrics.content.x_item_per_day__mutmut_87": (
        "tz_convert(None) for 'UTC': the same instants as naive UTC times, which tz_localize(None) leaves as "
        "they are, so the same days"),
    "helpers.metrics.content.x_item_per_day__mutmut_91": (
        "tz_convert('utc') for 'UTC': the same UTC zone, the same days"),
    "helpers.metrics.content.x_item_per_day__mutmut_102": (
        "observed None/False adds zero rows for op categories without a hit on a day: the counts are then "
        "reindexed to the zero-filled grid of ops and days, where those rows are 0 anyway or dropped"),
    "helpers.metrics.content.x_item_per_day__mutmut_104": (
        "observed dropped (pandas 3: True), the value written"),
    "helpers.metrics.content.x_item_per_day__mutmut_109": (
        "observed None/False adds zero rows for op categories without a hit on a day: the counts are then "
        "reindexed to the zero-filled grid of ops and days, where those rows are 0 anyway or dropped"),
    "helpers.metrics.content.x_term_counts__mutmut_11": (
        "the engine's zero grid of (op, concept) without its index: it is never read, since every op with "
        "tweets is in some batch and each batch's hits hold a row per (op, concept) of its ops (0 included)"),
    "helpers.metrics.content.x_term_counts__mutmut_12": (
        "dtype dropped: a Series of the integer 0 over the grid is int64 anyway"),
    "helpers.metrics.content.x_term_counts__mutmut_14": (
        "the engine's zero grid of (op, concept) without its index: it is never read, since every op with "
        "tweets is in some batch and each batch's hits hold a row per (op, concept) of its ops (0 included)"),
    "helpers.metrics.content.x_term_counts__mutmut_15": (
        "dtype dropped: a Series of the integer 0 over the grid is int64 anyway"),
    "helpers.metrics.content.x__with_domains_engine__mutmut_17": (
        "the batch size dropped (the default 1,000,000 distinct URLs for 500,000): each distinct URL is "
        "resolved once whatever the batch, so the lookup table is the same (only memory differs)"),
    "helpers.metrics.content.x__with_domains_engine__mutmut_19": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.content.x__with_domains_engine__mutmut_23": (
        "a column of the registered batch renamed: it is read with SELECT * by INSERT INTO the lookup table, "
        "which takes columns by position (item, domain), so the names are never used"),
    "helpers.metrics.content.x__with_domains_engine__mutmut_24": (
        "a column of the registered batch renamed: it is read with SELECT * by INSERT INTO the lookup table, "
        "which takes columns by position (item, domain), so the names are never used"),
    "helpers.metrics.content.x__with_domains_engine__mutmut_26": (
        "the item array's type left to inference: the items are non-null texts (WHERE item IS NOT NULL), "
        "inferred as string, the type written"),
    "helpers.metrics.content.x__with_domains_engine__mutmut_28": (
        "the item array's type left to inference: the items are non-null texts (WHERE item IS NOT NULL), "
        "inferred as string, the type written"),
    "helpers.metrics.content.x__with_domains_engine__mutmut_32": (
        "a column of the registered batch renamed: it is read with SELECT * by INSERT INTO the lookup table, "
        "which takes columns by position (item, domain), so the names are never used"),
    "helpers.metrics.content.x__with_domains_engine__mutmut_33": (
        "a column of the registered batch renamed: it is read with SELECT * by INSERT INTO the lookup table, "
        "which takes columns by position (item, domain), so the names are never used"),
    "helpers.metrics.content.x__with_domains_engine__mutmut_35": (
        "the domain array's type left to inference: texts and None give string, all None gives the null type, "
        "whose values insert as NULL into the VARCHAR column alike"),
    "helpers.metrics.content.x__with_domains_engine__mutmut_37": (
        "the domain array's type left to inference: texts and None give string, all None gives the null type, "
        "whose values insert as NULL into the VARCHAR column alike"),
    "helpers.metrics.content.x__with_domains_engine__mutmut_47": (
        "'_URL_BATCH' registered for '_url_batch': DuckDB resolves the unquoted name in the INSERT "
        "case-insensitively, the same relation"),
    "helpers.metrics.content.x__with_domains_engine__mutmut_50": (
        "the batch not unregistered (another name): the next batch's register under the same name replaces "
        "it, and nothing else reads that name"),
    "helpers.metrics.content.x__with_domains_engine__mutmut_51": (
        "the batch not unregistered (another name): the next batch's register under the same name replaces "
        "it, and nothing else reads that name"),
    "helpers.metrics.content.x_term_counts__mutmut_25": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.content.x_term_counts__mutmut_33": (
        "astype(None) makes the running counts float64: they are read through int() (tweets) and divided "
        "(share), the same numbers"),
    "helpers.metrics.content.x_term_counts__mutmut_45": (
        "observed dropped (pandas 3: True), the value written"),
    "helpers.metrics.content.x_term_counts__mutmut_63": (
        "the default of hits.get is never used: every op of `sizes` (ops with tweets) has a count for every "
        "concept (the engine's zero grid; from a frame, _term_hits counts every concept for each op with "
        "rows)"),
    "helpers.metrics.content.x_term_counts__mutmut_65": (
        "the default of hits.get is never used: every op of `sizes` (ops with tweets) has a count for every "
        "concept (the engine's zero grid; from a frame, _term_hits counts every concept for each op with "
        "rows)"),
    "helpers.metrics.content.x_term_counts__mutmut_67": (
        "the default of hits.get is never used: every op of `sizes` (ops with tweets) has a count for every "
        "concept (the engine's zero grid; from a frame, _term_hits counts every concept for each op with "
        "rows)"),
    "helpers.metrics.content.x_term_counts__mutmut_71": (
        "`or True` on `if n`: every op in `sizes` has tweets (the engine keeps sizes > 0, the frame path "
        "counts observed ops), so the else branch is never taken"),
    "helpers.metrics.content.x_term_counts__mutmut_74": (
        "the default of hits.get is never used: every op of `sizes` (ops with tweets) has a count for every "
        "concept (the engine's zero grid; from a frame, _term_hits counts every concept for each op with "
        "rows)"),
    "helpers.metrics.content.x_term_counts__mutmut_76": (
        "the default of hits.get is never used: every op of `sizes` (ops with tweets) has a count for every "
        "concept (the engine's zero grid; from a frame, _term_hits counts every concept for each op with "
        "rows)"),
    "helpers.metrics.content.x_term_counts__mutmut_78": (
        "the default of hits.get is never used: every op of `sizes` (ops with tweets) has a count for every "
        "concept (the engine's zero grid; from a frame, _term_hits counts every concept for each op with "
        "rows)"),
    "helpers.metrics.content.x_tweets_with_url__mutmut_5": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.content.x_top_domains__mutmut_5": (
        "`or True` skips dropna(subset=['domain']) on a frame: top_items then groups by domain, and pandas' "
        "groupby leaves out the missing keys anyway (dropna=True), so the same counts"),
    "helpers.metrics.content.x_top_domains__mutmut_25": (
        "astype(None) is float64, the dtype astype(float) gives (and the division's)"),
    "helpers.metrics.content.x_top_domains__mutmut_29": (
        "astype(None) is float64, the dtype astype(float) gives (and the division's)"),
    "helpers.metrics.content.x_top_items__mutmut_12": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.content.x_top_items__mutmut_19": (
        "SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query"),
    "helpers.metrics.content.x_tweets_with_url__mutmut_35": (
        "observed=None is read as False by pandas 3.1.1, the value written"),
    "helpers.metrics.content.x_item_per_day__mutmut_49": (
        "the engine's days left as DuckDB returns them (another datetime64 resolution than the grid's): the "
        "reindex finds the grid's days by value, and the result's day column is the grid's (checked: the "
        "per-day test passes with it)"),
    "helpers.metrics.content.x_top_items__mutmut_35": (
        "observed dropped (pandas 3: True), the value written"),
    "helpers.metrics.content.x_top_items__mutmut_50": (
        "observed changed or dropped in a transform: one total per row whatever observed says"),
    "helpers.metrics.content.x_top_items__mutmut_52": (
        "observed changed or dropped in a transform: one total per row whatever observed says"),
    "helpers.metrics.content.x_top_items__mutmut_53": (
        "observed changed or dropped in a transform: one total per row whatever observed says"),
    "helpers.metrics.content.x_top_items__mutmut_59": (
        "astype(None) is float64, the dtype of the division already"),
    # data.ingest.outputs (run of 30 November, 23:14): equivalents of the first reading; the other survivors
    # are listed in docs/mutation-testing.md as not explained yet
    "helpers.data.ingest.outputs.x__repeated_positions__mutmut_46": (
        _SORT_CASE),
    "helpers.data.ingest.outputs.x\u01c1_DamagedFields\u01c1__init____mutmut_14": (
        _CODEC_CASE),
    "helpers.data.ingest.outputs.x\u01c1_DamagedFields\u01c1__init____mutmut_23": (
        _LINE_BEFORE),
    "helpers.data.ingest.outputs.x\u01c1_DamagedFields\u01c1__init____mutmut_24": (
        _LINE_BEFORE),
    "helpers.data.ingest.outputs.x\u01c1_DamagedFields\u01c1__init____mutmut_25": (
        _LINE_BEFORE),
    "helpers.data.ingest.outputs.x\u01c1_DamagedFields\u01c1add__mutmut_7": (
        _CODEC_CASE),
    "helpers.data.ingest.outputs.x\u01c1_Quarantine\u01c1__init____mutmut_14": (
        _CODEC_CASE),
    # data.ingest.outputs (run of 1 December, after the duplicate check moved to files.replacing): the other
    # survivors were killed by the tests of that day
    "helpers.data.ingest.outputs.x__dedupe_key__mutmut_4": (
        "'(one chunk) and False': the column is always combined; combining one chunk gives the same values"),
    "helpers.data.ingest.outputs.x__dedupe_key__mutmut_43": (
        _ZERO_COPY_FALSY),
    "helpers.data.ingest.outputs.x__dedupe_key__mutmut_48": (
        'zero_copy_only=True where every value is a canonical numeric id: no nulls, so the uint64 column converts'
        ' without a copy; the callers only read the keys (np.concatenate, a slice assignment into their own '
        'array)'),
    "helpers.data.ingest.outputs.x__dedupe_key__mutmut_50": (
        _ZERO_COPY_FALSY),
    "helpers.data.ingest.outputs.x__dedupe_key__mutmut_62": (
        "zero_copy_only=True before .copy(): the cast column has no nulls (texts that are not numeric ids are '0'"
        ' there), so it converts without a copy, and .copy() makes it writable as before'),
    "helpers.data.ingest.outputs.x__dedupe_key__mutmut_66": (
        _ZERO_COPY_FALSY),
    "helpers.data.ingest.outputs.x__dedupe_key__mutmut_75": (
        "the hash's bytes read big-endian (int.from_bytes' default) instead of little: another fixed 64-bit value"
        ' per text; keys are only compared with keys of the same run (never stored), so the same texts are equal'),
    "helpers.data.ingest.outputs.x__quarantine_duplicates__mutmut_39": (
        _POSIX_NEWLINE),
    "helpers.data.ingest.outputs.x__quarantine_duplicates__mutmut_43": (
        _POSIX_NEWLINE),
    "helpers.data.ingest.outputs.x__quarantine_duplicates__mutmut_47": (
        _CODEC_CASE),
    "helpers.data.ingest.outputs.x__quarantine_duplicates__mutmut_77": (
        _JSON_ASCII_NONE),
    "helpers.data.ingest.outputs.x__quarantine_duplicates__mutmut_83": (
        "row_group_size=None: pyarrow's default, min(rows, 1,048,576); every row group read was written with at "
        'most limits.ROW_GROUP_ROWS (128,000) rows, filtering only removes rows, and each write_table call ends '
        'its own row groups, so the groups are the same'),
    "helpers.data.ingest.outputs.x__quarantine_duplicates__mutmut_85": (
        'row_group_size dropped: None, see x__quarantine_duplicates__mutmut_83'),
    "helpers.data.ingest.outputs.x__repeated_positions__mutmut_31": (
        _ZERO_COPY_FALSY),
    "helpers.data.ingest.outputs.x__repeated_positions__mutmut_77": (
        "searchsorted side 'left' for 'right': the positions searched (`later`) are never heads of a group, so "
        'both sides give the same index'),
    "helpers.data.ingest.outputs.x\u01c1_DamagedFields\u01c1__init____mutmut_6": (
        _POSIX_NEWLINE),
    "helpers.data.ingest.outputs.x\u01c1_DamagedFields\u01c1__init____mutmut_10": (
        _POSIX_NEWLINE),
    "helpers.data.ingest.outputs.x\u01c1_DamagedFields\u01c1drop_lines__mutmut_1": (
        "'and' for 'or': the list is also rewritten when no line left (or when it is empty); rewriting it "
        'unchanged gives the same bytes (the same writer, neutralised cells stay as they are) and the same counts'),
    "helpers.data.ingest.outputs.x\u01c1_DamagedFields\u01c1drop_lines__mutmut_6": (
        _LINE_BEFORE),
    "helpers.data.ingest.outputs.x\u01c1_DamagedFields\u01c1drop_lines__mutmut_7": (
        _LINE_BEFORE),
    "helpers.data.ingest.outputs.x\u01c1_DamagedFields\u01c1drop_lines__mutmut_16": (
        _CODEC_CASE),
    "helpers.data.ingest.outputs.x\u01c1_DamagedFields\u01c1drop_lines__mutmut_21": (
        _POSIX_NEWLINE),
    "helpers.data.ingest.outputs.x\u01c1_DamagedFields\u01c1drop_lines__mutmut_25": (
        _POSIX_NEWLINE),
    "helpers.data.ingest.outputs.x\u01c1_DamagedFields\u01c1drop_lines__mutmut_29": (
        _CODEC_CASE),
    "helpers.data.ingest.outputs.x\u01c1_Quarantine\u01c1__init____mutmut_6": (
        _POSIX_NEWLINE),
    "helpers.data.ingest.outputs.x\u01c1_Quarantine\u01c1__init____mutmut_10": (
        _POSIX_NEWLINE),
    # data.release (mutmut run of 30 November): 7 survivors of 408, 6 equivalent (below); the seventh,
    # x_read_marker__mutmut_5 (encoding=None: the locale's encoding), is killed since 1 December by a test that
    # reads the marker in a subprocess under an ASCII locale (no UTF-8 mode, no C-locale coercion).
    "helpers.data.release.x__zip_members__mutmut_51": "max(compress_size, 2) for max(compress_size, 1): differs "
    "only for a member of 0 or 1 compressed bytes, where the bomb needs file_size > 100 or > 200 bytes AND "
    "file_size > MIN_BOMB_BYTES (1 MiB): the 1 MiB floor decides both",
    "helpers.data.release.x__zip_members__mutmut_81": "the pattern upper-cased under flags=re.I: matches the same "
    "names",
    "helpers.data.release.x__zip_members__mutmut_87": "'.CSV' for '.csv' before parse_file_name, whose NAME_PATTERN "
    "matches '\\.csv$' with re.I and takes stem, table and part from the rest of the name",
    "helpers.data.release.x_op_for_stem__mutmut_8": "PREFIX.sub without count=1: PREFIX is anchored at ^ (no "
    "re.MULTILINE), so it matches at most once in any stem",
    "helpers.data.release.x_op_for_stem__mutmut_10": "count=2 for count=1: PREFIX is anchored at ^ (no "
    "re.MULTILINE), so it matches at most once in any stem",
    "helpers.data.release.x_read_marker__mutmut_7": "'UTF-8' for 'utf-8': the same codec",
    # metrics.concentration (mutmut run of 30 November)
    "helpers.metrics.concentration.x_ccdf__mutmut_5": (
        "observed dropped: pandas 3.1.1's default is True (checked), the value written"),
    "helpers.metrics.concentration.x_per_account__mutmut_63": (
        "observed dropped: pandas 3.1.1's default is True (checked), the value written"),
    "helpers.metrics.concentration.x_summary__mutmut_5": (
        "observed dropped: pandas 3.1.1's default is True (checked), the value written"),
    "helpers.metrics.concentration.x_per_account__mutmut_61": (
        "dropna=None: pandas 3.1.1 tests the flag for truth, so None acts as False, the value written (checked: a "
        "missing userid keeps its group, same sizes and sums)"),
    "helpers.metrics.concentration.x_per_account__mutmut_32": (
        "sort kind changed or dropped on a sort by two columns (op, userid): pandas 3.1.1 sorts several columns with "
        "lexsort_indexer, which never reads `kind` (checked: 'XXstableXX' raises on one column, not on two; same "
        "order), and the lexsort is stable anyway"),
    "helpers.metrics.concentration.x_per_account__mutmut_34": (
        "sort kind changed or dropped on a sort by two columns (op, userid): pandas 3.1.1 sorts several columns with "
        "lexsort_indexer, which never reads `kind` (checked: 'XXstableXX' raises on one column, not on two; same "
        "order), and the lexsort is stable anyway"),
    "helpers.metrics.concentration.x_per_account__mutmut_39": (
        "sort kind changed or dropped on a sort by two columns (op, userid): pandas 3.1.1 sorts several columns with "
        "lexsort_indexer, which never reads `kind` (checked: 'XXstableXX' raises on one column, not on two; same "
        "order), and the lexsort is stable anyway"),
    "helpers.metrics.concentration.x_per_account__mutmut_40": (
        "sort kind changed or dropped on a sort by two columns (op, userid): pandas 3.1.1 sorts several columns with "
        "lexsort_indexer, which never reads `kind` (checked: 'XXstableXX' raises on one column, not on two; same "
        "order), and the lexsort is stable anyway"),
    "helpers.metrics.concentration.x_per_account__mutmut_93": (
        "sort kind changed or dropped on a sort by two columns (op, userid): pandas 3.1.1 sorts several columns with "
        "lexsort_indexer, which never reads `kind` (checked: 'XXstableXX' raises on one column, not on two; same "
        "order), and the lexsort is stable anyway"),
    "helpers.metrics.concentration.x_per_account__mutmut_95": (
        "sort kind changed or dropped on a sort by two columns (op, userid): pandas 3.1.1 sorts several columns with "
        "lexsort_indexer, which never reads `kind` (checked: 'XXstableXX' raises on one column, not on two; same "
        "order), and the lexsort is stable anyway"),
    "helpers.metrics.concentration.x_per_account__mutmut_100": (
        "sort kind changed or dropped on a sort by two columns (op, userid): pandas 3.1.1 sorts several columns with "
        "lexsort_indexer, which never reads `kind` (checked: 'XXstableXX' raises on one column, not on two; same "
        "order), and the lexsort is stable anyway"),
    "helpers.metrics.concentration.x_per_account__mutmut_101": (
        "sort kind changed or dropped on a sort by two columns (op, userid): pandas 3.1.1 sorts several columns with "
        "lexsort_indexer, which never reads `kind` (checked: 'XXstableXX' raises on one column, not on two; same "
        "order), and the lexsort is stable anyway"),
    "helpers.metrics.concentration.x_top_tweets__mutmut_39": (
        "sort kind changed or dropped on a sort by three columns (op, engagement, _key): pandas 3.1.1 sorts several "
        "columns with lexsort_indexer, which never reads `kind` (checked: 'XXstableXX' raises on one column, not on "
        "three; same order), and the lexsort is stable anyway"),
    "helpers.metrics.concentration.x_top_tweets__mutmut_42": (
        "sort kind changed or dropped on a sort by three columns (op, engagement, _key): pandas 3.1.1 sorts several "
        "columns with lexsort_indexer, which never reads `kind` (checked: 'XXstableXX' raises on one column, not on "
        "three; same order), and the lexsort is stable anyway"),
    "helpers.metrics.concentration.x_top_tweets__mutmut_56": (
        "sort kind changed or dropped on a sort by three columns (op, engagement, _key): pandas 3.1.1 sorts several "
        "columns with lexsort_indexer, which never reads `kind` (checked: 'XXstableXX' raises on one column, not on "
        "three; same order), and the lexsort is stable anyway"),
    "helpers.metrics.concentration.x_top_tweets__mutmut_57": (
        "sort kind changed or dropped on a sort by three columns (op, engagement, _key): pandas 3.1.1 sorts several "
        "columns with lexsort_indexer, which never reads `kind` (checked: 'XXstableXX' raises on one column, not on "
        "three; same order), and the lexsort is stable anyway"),
    "helpers.metrics.concentration.x_gini__mutmut_9": (
        "`if len(x) or True`: for no values x is an empty float array, whose sum is 0.0, the value of the else "
        "branch; and n == 0 returns NaN next anyway"),
    "helpers.metrics.concentration.x_gini__mutmut_11": (
        "1.0 instead of 0.0 for the total of no values: n == 0 returns NaN on the next line before the total is "
        "read"),
    "helpers.metrics.concentration.x_gini__mutmut_19": (
        "float('NAN') is float('nan'): Python parses the name case-insensitively (same positive NaN, checked)"),
    "helpers.metrics.concentration.x_summary__mutmut_40": (
        "`if k or True`: groupby(observed=True) yields only groups with rows, so len(v) >= 1 and top_count "
        "returns max(1, ...) >= 1: k is never 0"),
    "helpers.metrics.concentration.x_summary__mutmut_47": (
        "`if len(v) or True`: groupby(observed=True) yields only groups with rows, so len(v) is never 0"),
    "helpers.metrics.concentration.x_top_tweets__mutmut_15": (
        "the engine's threshold from each op's 2 highest engagements instead of 1 when n <= 1: a threshold at or "
        "below the n-th highest only ranks more tweets, and the same first n come out (n = 0: none either way)"),
    "helpers.metrics.concentration.x_top_tweets__mutmut_4": (
        "SQL keywords in lower case (cast ... as varchar): DuckDB reads keywords case-insensitively (checked)"),
    "helpers.metrics.concentration.x_top_tweets__mutmut_5": (
        "TWEETID for tweetid: unquoted identifiers are case-insensitive in DuckDB (checked: same column, same "
        "text); AS VARCHAR unchanged"),
    "helpers.metrics.concentration.x_top_tweets__mutmut_62": (
        "observed=None on a cumcount: it numbers each row within its op whatever observed says (an unobserved "
        "category has no rows to number; checked)"),
    "helpers.metrics.concentration.x_top_tweets__mutmut_64": (
        "observed dropped on a cumcount (pandas 3.1.1: True, the value written); it numbers each row within its op "
        "whatever observed says"),
    "helpers.metrics.concentration.x_top_tweets__mutmut_67": (
        "observed=False on a cumcount: it numbers each row within its op whatever observed says (an unobserved "
        "category has no rows to number; checked)"),
    # data.ingest (mutmut run of 30 November, third round): 117 survivors of 782; those below are equivalent, the
    # others killed by tests/unit/data/test_mutation_killers_ingest.py (each checked by applying its diff to
    # cache.py by hand), except seven left alive, named: they differ only for a manifest entry edited by hand,
    # which ingest_release never writes (ingest_file always writes quarantine_reasons, and the across-parts
    # reason count is always the layer's own duplicates), or for a file named '-' in the cache folder:
    #   x__with_across__mutmut_11, _13 and x__within_file__mutmut_13, _15 (.get('quarantine_reasons', None):
    #     an entry without quarantine_reasons raises instead of counting from {});
    #   x__with_across__mutmut_31 (reasons.get(None, 0)) and x__within_file__mutmut_38 (None for the count left):
    #     an across reason count that disagrees with the layer's duplicates;
    #   x__still_valid__mutmut_17 ('XX-XX' for '-'): an entry without cache_file next to a cache file named '-'
    #     of its cache_bytes.
    "helpers.data.ingest.cache.x__as_part__mutmut_7": (
        "drops table=src.table: the entry already holds the same table (ingest_file writes src.table; a reused "
        "entry is valid only when its table equals src.table, _still_valid)"),
    "helpers.data.ingest.cache.x_ingest_release__mutmut_29": (
        "the header's `files` is None only until the first write: manifest['files'] is set before every "
        "write_manifest and before the return"),
    "helpers.data.ingest.cache.x__remove_unreferenced__mutmut_23": (
        "unlink(missing_ok=None) of a file just listed by glob and is_file() under the cache lock: no other "
        "writer can remove it in between, so missing_ok is never consulted"),
    "helpers.data.ingest.cache.x__remove_unreferenced__mutmut_24": (
        "unlink(missing_ok=False) of a file just listed by glob and is_file() under the cache lock: no other "
        "writer can remove it in between"),
    "helpers.data.ingest.cache.x__remove_unreferenced__mutmut_26": (
        "unlink(missing_ok=None) of a leftover manifest just listed by glob under the cache lock: it exists (a "
        "dangling link is removed as a link), so missing_ok is never consulted"),
    "helpers.data.ingest.cache.x__remove_unreferenced__mutmut_27": (
        "unlink(missing_ok=False) of a leftover manifest just listed by glob under the cache lock: it exists (a "
        "dangling link is removed as a link)"),
    "helpers.data.ingest.cache.x_write_manifest__mutmut_21": (
        "encoding='UTF-8': Python's codec lookup ignores case, the same codec"),
    "helpers.data.ingest.cache.x_read_manifest__mutmut_6": (
        "encoding='UTF-8': Python's codec lookup ignores case, the same codec"),
    "helpers.data.ingest.cache.x_write_manifest__mutmut_11": (
        "json.dumps(ensure_ascii=None): the encoder tests it for truth, so None keeps non-ASCII text as False does "
        "(checked: the same text)"),
    # claims.scorecard (registry, spec, evaluation): memo keys, default arguments, the same NaN or codec
    'helpers.claims.scorecard.registry.xǁFramesǁtweets_per_op__mutmut_1': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.xǁFramesǁtweets_per_op__mutmut_5': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.xǁFramesǁtweets_per_op__mutmut_6': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__retweet_share__mutmut_5': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__retweet_share__mutmut_9': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__retweet_share__mutmut_10': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__engagement_total__mutmut_3': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__engagement_total__mutmut_7': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__engagement_total__mutmut_8': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__created__mutmut_1': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__created__mutmut_5': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__created__mutmut_6': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__max_followers__mutmut_2': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__max_followers__mutmut_6': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__max_followers__mutmut_7': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__hashtag_share__mutmut_2': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__hashtag_share__mutmut_6': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__hashtag_share__mutmut_7': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__domain_per_tweet__mutmut_2': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__domain_per_tweet__mutmut_6': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__domain_per_tweet__mutmut_7': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__zero_engagement_share__mutmut_2': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__zero_engagement_share__mutmut_6': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__zero_engagement_share__mutmut_7': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__account_likes_rank__mutmut_16': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__account_likes_rank__mutmut_20': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__account_likes_rank__mutmut_21': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.xǁFramesǁoverview__mutmut_1': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.xǁFramesǁoverview__mutmut_6': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.xǁFramesǁyearly__mutmut_1': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.xǁFramesǁyearly__mutmut_5': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.xǁFramesǁyearly__mutmut_6': (
        'the key of a table Frames memoises once per run: any other key no other table uses (this string, or '
        'None, which no other memo uses) stores and finds the same table'),
    'helpers.claims.scorecard.registry.x__top_values__mutmut_25': (
        'the first part of a memo key renamed: the key keeps its other parts and stays unique to this table, '
        'so the same table is stored and found'),
    'helpers.claims.scorecard.registry.x__top_values__mutmut_26': (
        'the first part of a memo key renamed: the key keeps its other parts and stays unique to this table, '
        'so the same table is stored and found'),
    'helpers.claims.scorecard.registry.x__language_peaks__mutmut_32': (
        'the first part of a memo key renamed: the key keeps its other parts and stays unique to this table, '
        'so the same table is stored and found'),
    'helpers.claims.scorecard.registry.x__language_peaks__mutmut_33': (
        'the first part of a memo key renamed: the key keeps its other parts and stays unique to this table, '
        'so the same table is stored and found'),
    'helpers.claims.scorecard.registry.x__accounts_in_bin__mutmut_6': (
        'the first part of a memo key renamed: the key keeps its other parts and stays unique to this table, '
        'so the same table is stored and found'),
    'helpers.claims.scorecard.registry.x__accounts_in_bin__mutmut_7': (
        'the first part of a memo key renamed: the key keeps its other parts and stays unique to this table, '
        'so the same table is stored and found'),
    'helpers.claims.scorecard.registry.x__accounts_share_below__mutmut_10': (
        'the first part of a memo key renamed: the key keeps its other parts and stays unique to this table, '
        'so the same table is stored and found'),
    'helpers.claims.scorecard.registry.x__accounts_share_below__mutmut_11': (
        'the first part of a memo key renamed: the key keeps its other parts and stays unique to this table, '
        'so the same table is stored and found'),
    'helpers.claims.scorecard.registry.x__domain_reach__mutmut_6': (
        'the first part of a memo key renamed: the key keeps its other parts and stays unique to this table, '
        'so the same table is stored and found'),
    'helpers.claims.scorecard.registry.x__domain_reach__mutmut_7': (
        'the first part of a memo key renamed: the key keeps its other parts and stays unique to this table, '
        'so the same table is stored and found'),
    'helpers.claims.scorecard.registry.x__term_rank__mutmut_8': (
        'the first part of a memo key renamed: the key keeps its other parts and stays unique to this table, '
        'so the same table is stored and found'),
    'helpers.claims.scorecard.registry.x__term_rank__mutmut_9': (
        'the first part of a memo key renamed: the key keeps its other parts and stays unique to this table, '
        'so the same table is stored and found'),
    'helpers.claims.scorecard.registry.x__tweets_on_days__mutmut_5': (
        "timeline.daily for every operation instead of [op]: each operation's days are counted alone and only"
        " op's rows are summed (`_of`), so the sum is the same"),
    'helpers.claims.scorecard.registry.x__tweets_on_days__mutmut_9': (
        "timeline.daily for every operation instead of [op]: each operation's days are counted alone and only"
        " op's rows are summed (`_of`), so the sum is the same"),
    'helpers.claims.scorecard.registry.x__top_values__mutmut_12': (
        "the name of the count column of the tweets table's top values: the tweet adapters read only `share` "
        'and `rank` of it (the users table, whose `accounts` column is read, keeps its unit)'),
    'helpers.claims.scorecard.registry.x__top_values__mutmut_14': (
        "the name of the count column of the tweets table's top values: the tweet adapters read only `share` "
        'and `rank` of it (the users table, whose `accounts` column is read, keeps its unit)'),
    'helpers.claims.scorecard.registry.x__top_values__mutmut_15': (
        "the name of the count column of the tweets table's top values: the tweet adapters read only `share` "
        'and `rank` of it (the users table, whose `accounts` column is read, keeps its unit)'),
    'helpers.claims.scorecard.registry.x__top_values__mutmut_17': (
        "the name of the count column of the tweets table's top values: the tweet adapters read only `share` "
        'and `rank` of it (the users table, whose `accounts` column is read, keeps its unit)'),
    'helpers.claims.scorecard.registry.x__top_values__mutmut_18': (
        "the name of the count column of the tweets table's top values: the tweet adapters read only `share` "
        'and `rank` of it (the users table, whose `accounts` column is read, keeps its unit)'),
    'helpers.claims.scorecard.registry.x__accounts_with_value__mutmut_15': (
        "a table name other than 'tweets' is read as the users table (`table == 'tweets'` decides both the "
        'frame and the unit), and the memo key stays unique: the same table'),
    'helpers.claims.scorecard.registry.x__accounts_with_value__mutmut_19': (
        "a table name other than 'tweets' is read as the users table (`table == 'tweets'` decides both the "
        'frame and the unit), and the memo key stays unique: the same table'),
    'helpers.claims.scorecard.registry.x__accounts_with_value__mutmut_20': (
        "a table name other than 'tweets' is read as the users table (`table == 'tweets'` decides both the "
        'frame and the unit), and the memo key stays unique: the same table'),
    'helpers.claims.scorecard.registry.x__max_followers__mutmut_11': (
        'unhashed_only=None: top_accounts tests it for truth, so None keeps the hashed accounts as False does'),
    'helpers.claims.scorecard.registry.x__max_followers__mutmut_15': (
        'the top 2 accounts instead of 1: only the row of rank 1 is read'),
    'helpers.claims.scorecard.registry.x__account_likes_rank__mutmut_26': (
        "drops 'like_count', which is account_totals' default column"),
    'helpers.claims.scorecard.registry.x__language_peaks__mutmut_7': (
        "drops 'M', which is counts_by_period's default period"),
    'helpers.claims.scorecard.registry.x__language_peaks__mutmut_5': (
        "counts_by_period without keep: the two languages' own monthly rows are the same with or without the "
        "rest grouped as 'other', so their peaks are; it differs only for a claim naming the language "
        "'other', which is counts_by_period's label for the rest, not a language code"),
    'helpers.claims.scorecard.registry.x__language_peaks__mutmut_9': (
        "counts_by_period without keep: the two languages' own monthly rows are the same with or without the "
        "rest grouped as 'other', so their peaks are; it differs only for a claim naming the language "
        "'other', which is counts_by_period's label for the rest, not a language code"),
    'helpers.claims.scorecard.evaluation.x__number__mutmut_8': (
        'float("NAN") is the same NaN as float("nan") (float() reads "nan" in any case)'),
    'helpers.claims.scorecard.evaluation.x_evaluate__mutmut_80': (
        'float("NAN") is the same NaN as float("nan") (float() reads "nan" in any case)'),
    'helpers.claims.scorecard.evaluation.x_evaluate__mutmut_97': (
        'float("NAN") is the same NaN as float("nan") (float() reads "nan" in any case)'),
    'helpers.claims.scorecard.evaluation.x_evaluate__mutmut_102': (
        'float("NAN") is the same NaN as float("nan") (float() reads "nan" in any case)'),
    'helpers.claims.scorecard.evaluation.x_evaluate__mutmut_107': (
        'float("NAN") is the same NaN as float("nan") (float() reads "nan" in any case)'),
    'helpers.claims.scorecard.evaluation.x_evaluate__mutmut_186': (
        'float("NAN") is the same NaN as float("nan") (float() reads "nan" in any case)'),
    'helpers.claims.scorecard.spec.x_read_claims_file__mutmut_10': (
        "encoding='UTF-8': Python's codec lookup ignores case, the same codec"),
    'helpers.claims.scorecard.registry.x__days_with_items__mutmut_22': (
        "tz_convert(None) or 'utc' for 'UTC': the same instant as naive or aware UTC time, so the same UTC "
        'calendar date'),
    'helpers.claims.scorecard.registry.x__days_with_items__mutmut_24': (
        "tz_convert(None) or 'utc' for 'UTC': the same instant as naive or aware UTC time, so the same UTC "
        'calendar date'),
    'helpers.claims.scorecard.registry.x__days_with_items__mutmut_25': (
        "tz_convert(None) or 'utc' for 'UTC': the same instant as naive or aware UTC time, so the same UTC "
        'calendar date'),
    'helpers.claims.scorecard.registry.x__days_with_items__mutmut_27': (
        "tz_convert(None) or 'utc' for 'UTC': the same instant as naive or aware UTC time, so the same UTC "
        'calendar date'),
    'helpers.claims.scorecard.registry.x__days_with_items__mutmut_3': (
        "the span of every operation's dated items instead of op's: it holds op's own first and last days, so"
        " op's hashtag tweets counted over it (item_per_day of op only) are the same"),
    'helpers.claims.scorecard.registry.x__days_with_items__mutmut_5': (
        'SQL keywords in lower case: DuckDB reads keywords case-insensitively, the same query'),
    'helpers.claims.scorecard.registry.x__hashtag_tweets__mutmut_18': (
        "item_per_day for every operation instead of [op]: each operation's days are counted alone and only "
        "op's rows are summed (`_of`), so the sum is the same"),
    'helpers.claims.scorecard.registry.x__hashtag_tweets__mutmut_23': (
        "drops ops=[op] (every operation): each operation's days are counted alone and only op's rows are "
        'summed (`_of`), so the sum is the same'),
    'helpers.claims.scorecard.registry.xǁFramesǁ_load__mutmut_14': (
        'users(ops=None) reads every operation of the run that has a users file (ReleaseData._frame), which '
        "is ops_with('users'), the list given, in the same order"),
    'helpers.claims.scorecard.registry.xǁFramesǁ_load__mutmut_16': (
        'drops ops= (None): every operation of the run that has a users file (ReleaseData._frame), which is '
        "ops_with('users'), the list given, in the same order"),
    'helpers.metrics.concentration.x__id_key__mutmut_12': (
        'zfill(5) for zfill(4): the length prefix only has to be as wide as the longest id\'s digit count, and '
        'every id of the release is far shorter than 9,999 characters (tweet ids 19 digits, hashed ids 64), so '
        'both widths give the same order'),
    'helpers.metrics.concentration.x_engagement_of__mutmut_10': (
        'to_numpy(dtype=None) for dtype=float: the engagement columns are typed numbers (Int64 or float64, '
        'helpers/data/schema.py); with na_value=0 both give the same numbers, which .astype(int64) makes equal'),
    'helpers.metrics.concentration.x_engagement_of__mutmut_12': (
        'to_numpy without dtype= (None): the same as x_engagement_of__mutmut_10'),
    "helpers.data.ingest.cache.x__duplicates_across__mutmut_32": (
        'iter_batches(columns=None): every column read instead of the key; `_dedupe_key` picks the key column'
        ' by name, so the keys are the same (only the memory of a batch differs)'),
    "helpers.data.ingest.cache.x__duplicates_across__mutmut_33": (
        'iter_batches without batch_size (pyarrow 26: 65,536 rows a batch instead of ROW_GROUP_ROWS): each '
        "batch's keys go to their own rows of the array, the same keys"),
    "helpers.data.ingest.cache.x__duplicates_across__mutmut_34": (
        'iter_batches without columns=: every column read; the same keys (as x__duplicates_across__mutmut_32)'),
    "helpers.data.ingest.cache.x__duplicates_across__mutmut_67": (
        "mkdir(parents=None): out_dir's only parent is the cache folder, which the lock created before "
        'anything else, so parents is never needed'),
    "helpers.data.ingest.cache.x__duplicates_across__mutmut_69": (
        "mkdir without parents: out_dir's only parent is the cache folder, which the lock created before "
        'anything else'),
    "helpers.data.ingest.cache.x__duplicates_across__mutmut_71": (
        "mkdir(parents=False): out_dir's only parent is the cache folder, which the lock created before anything else"),
    "helpers.data.ingest.cache.x__duplicates_across__mutmut_85": (
        'pa.array(list of str, None): pyarrow infers string, the type written; the list is never empty (no '
        'duplicates returns earlier)'),
    "helpers.data.ingest.cache.x__duplicates_across__mutmut_87": (
        'pa.array(list of str) without a type: pyarrow infers string, the type written; the list is never empty'),
    "helpers.data.ingest.cache.x__duplicates_across__mutmut_91": (
        'pa.array(int64 array, None): pyarrow takes int64 from the numpy dtype, the type written'),
    "helpers.data.ingest.cache.x__duplicates_across__mutmut_93": (
        'pa.array(int64 array) without a type: pyarrow takes int64 from the numpy dtype, the type written'),
    "helpers.data.ingest.cache.x__duplicates_across__mutmut_122": (
        "compression='ZSTD': pyarrow reads the codec name case-insensitively (the column chunks say ZSTD either way)"),
    "helpers.data.ingest.cache.x__part_and_line__mutmut_14": (
        'np.empty(dtype=None) is float64: source lines (below 2**53) are exact in it, and int() and '
        'pa.array(..., pa.int64()) give the same integers back (checked: pa.array(np.array([3.0]), '
        'pa.int64()) is [3])'),
    "helpers.data.ingest.cache.x__part_and_line__mutmut_16": (
        'np.empty without dtype: float64, the same as x__part_and_line__mutmut_14'),
    "helpers.data.ingest.cache.x__part_and_line__mutmut_21": (
        _ZERO_COPY_FALSY),
    "helpers.data.ingest.cache.x__write_across_quarantine__mutmut_6": (
        _POSIX_NEWLINE),
    "helpers.data.ingest.cache.x__write_across_quarantine__mutmut_10": (
        _POSIX_NEWLINE),
    "helpers.data.ingest.cache.x__write_across_quarantine__mutmut_14": (
        "encoding='UTF-8': Python's codec lookup ignores case, the same codec"),
    "helpers.data.ingest.cache.x__write_across_quarantine__mutmut_62": (
        _JSON_ASCII_NONE),
}

# Survivors that are real differences, left alive because no input the product itself writes or meets can
# show them (shown with this reason in the docs' list, and counted as alive, never as killed): name -> why.
LEFT_ALIVE: dict[str, str] = {
    'helpers.data.ingest.cache.x__still_valid__mutmut_17': (
        "'XX-XX' for '-': differs only when the cache folder holds a file literally named '-' of the same size, "
        'which nothing of ours writes'),
    **{f'helpers.data.ingest.cache.x__with_across__mutmut_{n}': (
        'differs only for a manifest entry edited by hand (without quarantine_reasons, which ingest_file always '
        "writes, or with an across-parts reason count other than the layer's own duplicates, which "
        'ingest_release never writes)') for n in (11, 13, 31)},
    **{f'helpers.data.ingest.cache.x__within_file__mutmut_{n}': (
        'the reverse of x__with_across: differs only for a manifest entry edited by hand (see there)')
       for n in (13, 15, 38)},
}
