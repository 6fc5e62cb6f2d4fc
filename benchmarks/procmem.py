"""Run a command and record wall time and the peak resident memory of every process of its tree.

Papermill starts one Jupyter kernel per notebook as a grandchild of the command, so measuring the
command alone (as `/usr/bin/time` does) misses the kernels. Every `interval` seconds the sampler walks
the process tree (psutil) and reads, for each process, its current RSS and its kernel-kept high-water
mark `VmHWM` from /proc/PID/status: a process's peak is exact up to the last sample taken while it was
alive (a peak in its last `interval` before exiting can be missed). The command's own `wait4` resource
usage gives, in addition, the exact largest peak of any process of the tree that was waited for.

    python -m benchmarks.procmem -- CMD ARGS...      # prints the JSON record
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil


def _hwm_and_rss(pid: int) -> tuple[int, int] | None:
    """(VmHWM, VmRSS) in bytes from /proc/PID/status, or None when the process is gone."""
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            text = f.read()
    except OSError:
        return None
    hwm = rss = 0
    for line in text.splitlines():
        if line.startswith(b"VmHWM:"):
            hwm = int(line.split()[1]) * 1024
        elif line.startswith(b"VmRSS:"):
            rss = int(line.split()[1]) * 1024
    return hwm, rss


def _label(cmdline: list[str]) -> str:
    """A short name for a process: 'kernel' for ipykernel, else the module or script it runs."""
    joined = " ".join(cmdline)
    if "ipykernel_launcher" in joined or "ipykernel" in joined:
        return "kernel"
    if "-c" in cmdline:
        return "python -c"
    if "-m" in cmdline:
        i = cmdline.index("-m")
        if i + 1 < len(cmdline):
            return cmdline[i + 1]
    for part in cmdline[1:]:
        if not part.startswith("-"):
            return Path(part).name
    return Path(cmdline[0]).name if cmdline else "?"


def run(cmd: list[str], *, cwd: str | Path | None = None, env: dict | None = None,
        interval: float = 0.2, stdout_path: Path | None = None, stderr_path: Path | None = None) -> dict:
    """Run `cmd` to its end; returns wall seconds, exit code, per-process peaks and the tree peaks."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL  # noqa: SIM115 (closed below)
    err = open(stderr_path, "wb") if stderr_path else subprocess.DEVNULL  # noqa: SIM115 (closed below)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
    seen: dict[tuple[int, float], dict] = {}      # (pid, create_time) -> record
    tree_peak = 0
    tree_peak_at = 0.0
    samples = 0
    done = threading.Event()
    result: dict = {}

    def reap():
        # os.wait4 gives the exact maximum RSS over the child and every descendant it waited for.
        _, status, usage = os.wait4(proc.pid, 0)
        result["wall_s"] = time.perf_counter() - started
        result["returncode"] = os.waitstatus_to_exitcode(status)
        result["wait4_maxrss_bytes"] = usage.ru_maxrss * 1024
        result["cpu_user_s"] = usage.ru_utime
        result["cpu_system_s"] = usage.ru_stime
        done.set()

    reaper = threading.Thread(target=reap, daemon=True)
    reaper.start()
    root = psutil.Process(proc.pid)
    while not done.is_set():
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            procs = [root]
        total = 0
        now = time.perf_counter() - started
        for p in procs:
            try:
                key = (p.pid, p.create_time())
            except psutil.Error:
                continue
            got = _hwm_and_rss(p.pid)
            if got is None:
                continue
            hwm, rss = got
            rec = seen.get(key)
            if rec is None:
                try:
                    cmdline = p.cmdline()
                except psutil.Error:
                    cmdline = []
                rec = seen[key] = {"pid": p.pid, "label": _label(cmdline), "cmdline": " ".join(cmdline)[:300],
                                   "first_seen_s": round(now, 2), "peak_rss_bytes": 0}
            rec["peak_rss_bytes"] = max(rec["peak_rss_bytes"], hwm, rss)
            try:  # CPU seconds of the process so far (its last sample is within `interval` of its end)
                ct = p.cpu_times()
                rec["cpu_s"] = round(ct.user + ct.system, 2)
            except psutil.Error:
                pass
            rec["last_seen_s"] = round(now, 2)
            total += rss
        samples += 1
        if total > tree_peak:
            tree_peak, tree_peak_at = total, now
        done.wait(interval)
    reaper.join()
    if stdout_path:
        out.close()
    if stderr_path:
        err.close()
    processes = sorted(seen.values(), key=lambda r: r["first_seen_s"])
    sampled_max = max((r["peak_rss_bytes"] for r in processes), default=0)
    result.update({
        "cmd": " ".join(cmd),
        "samples": samples, "interval_s": interval,
        "processes": processes,
        # the largest single process: the exact wait4 figure when the sampler saw less
        "max_process_rss_bytes": max(sampled_max, result["wait4_maxrss_bytes"]),
        "tree_rss_peak_bytes": tree_peak, "tree_rss_peak_at_s": round(tree_peak_at, 2),
    })
    return result


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        print(__doc__)
        return 2
    rec = run(argv)
    print(json.dumps(rec, indent=1))
    return rec["returncode"]


if __name__ == "__main__":
    sys.exit(main())
