"""A synthetic stand-in for Twitter's October 2018 information-operations release (IRA and Iran).

The real files are gigabytes and cannot be fetched by the project, yet `make reproduce` must run end to
end on a fresh machine. This package writes, deterministically from a seed, a release folder that looks
to the loader exactly like Twitter's files (names, 31 columns in the 2018 order, quoting, hashes,
retweets, replies, quotes, polls, multilingual text with line breaks) and whose marginal distributions
follow the published whole-file statistics (`sample_calibration.yaml`, with sources). It is a stand-in,
never evidence: the folder carries a marker file (`helpers.paths.SAMPLE_MARKER`) and a README so that
every figure computed from it can say "synthetic sample".

    python -m helpers.synthetic.sample --out data/sample --scale 0.01 --seed 20181017

Design: the account population (users files) is drawn in full at every scale; tweets are scaled. A
per-day plan (tweets, retweets, events, one "anchor" tweet per active account) is fixed first, then the
days are generated in independent chunks (own seeded generator each, so the output does not depend on
the number of worker processes) and streamed to disk through pyarrow's CSV writer.

In: a seed, a scale, operations and a file style. Out: a release folder. The steps, one module each:
`calibration` (published figures, constants, seeded draws) -> `formats` (what differs between the 2018,
2019 and 2020 files) -> `accounts` (the users file) -> `texts` (invented names, text pools) -> `plan`
(per-day counts, tables) -> `rows` (one chunk of tweet rows) -> `writing` (the files, marker and README);
`__main__` is the command line.
"""

from helpers.synthetic.sample.calibration import (
    DEFAULT_SCALE,
    DEFAULT_SEED,
    GENERATOR_VERSION,
    load_calibration,
    rng_for,
)
from helpers.synthetic.sample.formats import Style, csv_bytes, header_bytes
from helpers.synthetic.sample.plan import make_plan, place_anchors
from helpers.synthetic.sample.rows import chunk_rows
from helpers.synthetic.sample.writing import partial_folder, write_sample_release

__all__ = ["DEFAULT_SCALE", "DEFAULT_SEED", "GENERATOR_VERSION", "Style", "chunk_rows", "csv_bytes", "header_bytes",
           "load_calibration", "make_plan", "partial_folder", "place_anchors", "rng_for", "write_sample_release"]
