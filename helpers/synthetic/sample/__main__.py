"""Command line: `python -m helpers.synthetic.sample --out DIR --scale S --seed N [--ops ..] [--style ..]`."""

from __future__ import annotations

import argparse
import sys

import helpers.synthetic.sample as package
from helpers.synthetic.sample.calibration import DEFAULT_SCALE, DEFAULT_SEED, STYLES
from helpers.synthetic.sample.writing import write_sample_release


def main(argv=None) -> int:
    """Command line: python -m helpers.synthetic.sample --out DIR --scale S --seed N [--ops ..] [--style ..]."""
    p = argparse.ArgumentParser(prog="python -m helpers.synthetic.sample",
                                description=(package.__doc__ or "").split("\n\n")[0])
    p.add_argument("--out", required=True, help="release folder to write (replaced if it is a sample)")
    p.add_argument("--scale", type=float, default=DEFAULT_SCALE,
                   help="fraction of the real tweet volume (1.0 = the full 9,041,308 + 1,122,936 tweets)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--ops", default="ira,iranian", help="comma-separated operations")
    p.add_argument("--style", default="2018", choices=STYLES, help="file format generation")
    p.add_argument("--workers", type=int, default=None, help="processes (default: automatic)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    args = p.parse_args(argv)
    summary = write_sample_release(args.out, scale=args.scale, seed=args.seed, ops=args.ops,
                                   style=args.style, progress=not args.quiet, workers=args.workers)
    rows = ", ".join(f"{k}: {v:,}" for k, v in summary["files"].items())
    print(f"synthetic sample written to {summary['out_dir']} in {summary['seconds']} s ({rows})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
