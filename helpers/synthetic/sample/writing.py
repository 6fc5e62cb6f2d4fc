"""Writing the sample release: plans -> CSV files streamed to a `.partial` folder, marker, README.

In: a seed, a scale, operations and a style. Out: a release folder with the users and tweets files, the
synthetic-sample marker (checksums, calibration, the modelled coordination) and a README; the folder is
written beside its final name and moved into place at the end, and only ever replaces a synthetic sample.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import time
from pathlib import Path

import pyarrow as pa

from helpers.files import replace_folder
from helpers.paths import SAMPLE_MARKER
from helpers.synthetic import plant
from helpers.synthetic.sample.calibration import (
    CALIBRATION_FILE,
    DEFAULT_SCALE,
    DEFAULT_SEED,
    GENERATOR_VERSION,
    NOTE,
    REF_CODE,
    VOCABULARY_FILE,
    family_of,
    file_prefix,
    load_calibration,
)
from helpers.synthetic.sample.formats import Style, csv_bytes, header_bytes
from helpers.synthetic.sample.plan import make_plan
from helpers.synthetic.sample.rows import _USERS_CACHE, chunk_rows, users_table

_PLANS: dict = {}


def _chunk_bytes(job: tuple[str, int]) -> tuple[int, bytes]:
    """Worker entry point: one chunk of one operation, as CSV bytes (plans inherited through fork)."""
    op, unit = job
    plan = _PLANS[op]
    d0, d1 = plan.units[unit]
    groups = plant.groups_of(plan.accounts.userid, plan.accounts.weight, plan.accounts.start)
    cols = plant.apply(chunk_rows(plan, d0, d1), groups, plan.style.true,   # modelled coordination
                       epoch_ms=plan.release_format["snowflake_epoch_ms"])
    table = pa.table({c: cols[c] for c in plan.style.tweet_columns})
    return table.num_rows, csv_bytes(table, plan.style, header=False)


class _Sink:
    """A file written through a running SHA-256 and row count (recorded in the marker)."""

    def __init__(self, path: Path):
        self.fh = open(path, "wb")  # noqa: SIM115 (a sink: closed by close())
        self.path, self.sha, self.rows, self.bytes = path, hashlib.sha256(), 0, 0

    def write(self, data: bytes, rows: int = 0) -> None:
        self.fh.write(data)
        self.sha.update(data)
        self.rows += rows
        self.bytes += len(data)

    def close(self) -> dict:
        self.fh.close()
        return {"rows": self.rows, "bytes": self.bytes, "sha256": self.sha.hexdigest()}


def write_sample_release(out_dir, scale: float = DEFAULT_SCALE, seed: int = DEFAULT_SEED,
                         ops=("ira", "iranian"), style: str = "2018", progress: bool = True,
                         workers: int | None = None) -> dict:
    """Write the synthetic release into `out_dir` (replacing an earlier synthetic sample there, never
    anything else) and return a summary: files, rows per file, seconds.

    Same seed, scale, ops and style give byte-identical files, whatever the number of workers.
    """
    t0 = time.time()
    style_ = Style.of(style)
    ops = tuple(o.strip() for o in (ops.split(",") if isinstance(ops, str) else ops) if o.strip())
    if not 0 < scale <= 2:
        raise ValueError("scale must be in (0, 2]")
    if len(ops) > REF_CODE - 1:
        raise ValueError("at most 14 operations per release")
    out, partial = partial_folder(out_dir)
    marker = marker_content(seed, scale, style_, ops, files=None)
    (partial / SAMPLE_MARKER).write_text(marker, encoding="utf-8")

    plans = {op: make_plan(op, i, int(seed), float(scale), style_) for i, op in enumerate(ops)}
    _PLANS.clear()
    _PLANS.update(plans)
    files = {}
    for op, plan in plans.items():
        name = f"{file_prefix(op, style_.name)}_users_csv_hashed.csv"
        sink = _Sink(partial / name)
        table = users_table(plan)
        sink.write(csv_bytes(table, style_, header=True), rows=table.num_rows)
        files[name] = sink.close()
    files.update(_write_tweets(plans, partial, style_, progress, workers))

    (partial / SAMPLE_MARKER).write_text(marker_content(seed, scale, style_, ops, files), encoding="utf-8")
    (partial / "README.txt").write_text(readme_text(seed, scale, style_, ops, files), encoding="utf-8")
    replace_folder(partial, out)
    _USERS_CACHE.clear()
    _PLANS.clear()
    return {"out_dir": str(out), "files": {k: v["rows"] for k, v in files.items()},
            "bytes": {k: v["bytes"] for k, v in files.items()}, "seconds": round(time.time() - t0, 2),
            "seed": int(seed), "scale": float(scale), "style": style_.name, "ops": list(ops)}


def partial_folder(out_dir) -> tuple[Path, Path]:
    """The release folder to write and its empty `.partial` twin, written first and renamed at the end (a
    run stopped half-way never leaves half a release); either is refused if it holds anything but a
    synthetic sample."""
    out = Path(out_dir)
    partial = out.with_name(out.name + ".partial")
    for folder in (out, partial):
        _check_replaceable(folder)
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir(parents=True)
    return out, partial


def _check_replaceable(path: Path) -> None:
    """Refuse to delete a folder that is not a synthetic sample (it might hold a real release)."""
    if path.exists() and any(path.iterdir()) and not (path / SAMPLE_MARKER).exists():
        raise FileExistsError(f"{path} exists and is not a synthetic sample (no {SAMPLE_MARKER}); "
                              "refusing to overwrite it")


def _write_tweets(plans: dict, folder: Path, style: Style, progress: bool, workers: int | None) -> dict:
    """Stream every operation's tweets file chunk by chunk, in parallel when it is big."""
    jobs = [(op, u) for op, plan in plans.items() for u in range(len(plan.units))]
    total = sum(p.n_rows for p in plans.values())
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if total > 200_000 else 0
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=total, unit="rows", desc="synthetic sample", file=sys.stderr)
    sinks, files = {}, {}
    for op in plans:
        name = f"{file_prefix(op, style.name)}_tweets_csv_hashed.csv"
        sinks[op] = _Sink(folder / name)
        sinks[op].write(header_bytes(style.tweet_columns, style))
    try:
        if workers and workers > 1:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for (op, _), (rows, data) in zip(jobs, pool.imap(_chunk_bytes, jobs, chunksize=1)):
                    sinks[op].write(data, rows)
                    bar and bar.update(rows)
        else:
            for job in jobs:
                rows, data = _chunk_bytes(job)
                sinks[job[0]].write(data, rows)
                bar and bar.update(rows)
    finally:
        for sink in sinks.values():
            files[sink.path.name] = sink.close()
        if bar:
            bar.close()
    return files


def marker_content(seed, scale, style: Style, ops, files) -> str:
    """The marker the loader copies into its manifest: every figure can then say 'synthetic sample'."""
    content = {
        "synthetic": True,
        "generator": "helpers.synthetic.sample",
        "generator_version": GENERATOR_VERSION,
        "seed": int(seed),
        "scale": float(scale),
        "style": style.name,
        "ops": {op: family_of(op) for op in ops},
        "calibrated_to": load_calibration()["calibrated_to"],
        "calibration_sha256": hashlib.sha256(CALIBRATION_FILE.read_bytes()
                                             + VOCABULARY_FILE.read_bytes()).hexdigest(),
        "complete": files is not None,
        "files": files or {},
        "note": NOTE,
        "modelled": [plant.DESCRIPTION],
    }
    return json.dumps(content, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def readme_text(seed, scale, style: Style, ops, files) -> str:
    """A short human-readable notice in the release folder."""
    lines = [
        "SYNTHETIC SAMPLE - NOT REAL DATA",
        "",
        NOTE,
        "",
        f"Generator: helpers.synthetic.sample {GENERATOR_VERSION}; seed {seed}; scale {scale}; format {style.name}.",
        "Calibrated to: " + load_calibration()["calibrated_to"] + " (helpers/synthetic/sample_calibration.yaml).",
        "Regenerate: python -m helpers.synthetic.sample --out <folder> "
        f"--scale {scale} --seed {seed} --ops {','.join(ops)} --style {style.name}",
        "",
        "Files:",
    ]
    lines += [f"  {name}: {info['rows']:,} rows" for name, info in files.items()]
    lines += ["", f"Details and checksums: {SAMPLE_MARKER}", ""]
    return "\n".join(lines)
