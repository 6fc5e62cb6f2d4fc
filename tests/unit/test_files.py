"""Tests of helpers/files.py: files (and folders) a reader sees whole or not at all."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from helpers import files


def test_replacing_together_moves_every_file_and_leaves_no_temporary_file(tmp_path):
    a, b = tmp_path / "out" / "a.csv", tmp_path / "out" / "b.parquet"
    with files.replacing_together(a, b) as (ta, tb):
        ta.write_text("a")
        tb.write_text("b")
        assert not a.exists() and not b.exists()  # nothing is visible before the end
    assert (a.read_text(), b.read_text()) == ("a", "b")
    assert sorted(p.name for p in a.parent.iterdir()) == ["a.csv", "b.parquet"]


def test_replacing_together_after_an_error_leaves_none_of_them(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    b.write_text("old")
    with pytest.raises(RuntimeError), files.replacing_together(a, b) as (ta, tb):
        ta.write_text("new a")
        tb.write_text("new b")
        raise RuntimeError("stopped half-way")
    assert not a.exists() and b.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.csv"]


def test_replacing_together_removes_files_already_moved_when_a_later_one_fails(tmp_path, monkeypatch):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    real = os.replace

    def fail_on_b(src, dst):
        if os.fspath(dst).endswith("b.csv"):
            raise OSError("disk full")
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", fail_on_b)
    with pytest.raises(OSError, match="disk full"), files.replacing_together(a, b) as (ta, tb):
        ta.write_text("a")
        tb.write_text("b")
    assert list(tmp_path.iterdir()) == []  # `a` was moved, then removed: never one without the other


def test_replacing_is_replacing_together_with_one_file(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("old")
    with files.replacing(path) as tmp:
        assert tmp.name == ".x.json.partial"
        tmp.write_text("new")
    assert path.read_text() == "new" and [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_replace_folder_puts_the_finished_folder_in_place_of_the_old_one(tmp_path):
    old, new = tmp_path / "sample", tmp_path / "sample.partial"
    old.mkdir()
    (old / "stale.csv").write_text("stale")
    new.mkdir()
    (new / "fresh.csv").write_text("fresh")
    assert files.replace_folder(new, old) == old
    assert [p.name for p in old.iterdir()] == ["fresh.csv"] and not new.exists()


def test_process_alive_is_true_for_a_running_process_and_false_once_it_has_exited():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert files.process_alive(child.pid)
    finally:
        child.kill()
        child.wait()   # reaped: its id names no process now
    assert not files.process_alive(child.pid)
    assert files.process_alive(os.getpid())


def test_process_alive_counts_another_users_process_as_alive(monkeypatch):
    def denied(pid, sig):
        raise PermissionError(1, "Operation not permitted")
    monkeypatch.setattr(os, "kill", denied)
    assert files.process_alive(1)
