"""The bytes of one source file, read once as a stream: plain, gzip, or a member of a zip, never extracted.

In: a `release.SourceFile`. Out: `SourceStream`, a raw byte stream of the decompressed file that hashes
what was stored on disk and counts what it expands to (quotes, line breaks, NUL bytes, the last bytes)
in one ordered background thread, so that the parser can prove it saw every line. Refuses a stream that
expands like a compression bomb.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import queue
import threading
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from helpers.data.release import MAX_EXPANSION, MIN_BOMB_BYTES, SourceFile
from helpers.errors import ReleaseError

READ_CHUNK = 1 << 22
TAIL_BYTES = 4096


class _Background:
    """One thread that runs jobs in the order given: the hashing and byte counting of the chunks read
    (both release the GIL), so that they overlap with the parsing instead of adding to it."""

    def __init__(self, name: str):
        self._jobs: queue.Queue = queue.Queue(maxsize=16)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                if self._error is None:
                    job[0](job[1])
            except BaseException as exc:  # noqa: BLE001 - raised in the reading thread by settle()
                self._error = exc
            finally:
                self._jobs.task_done()

    def submit(self, fn, chunk: bytes) -> None:
        self._jobs.put((fn, chunk))

    def settle(self) -> None:
        """Wait until every job submitted so far has run."""
        self._jobs.join()
        if self._error is not None:
            raise self._error

    def stop(self) -> None:
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()


class SourceStream(io.RawIOBase):
    """A file's decompressed bytes, read once: hashes what was downloaded, counts what it expands to.

    Also records facts the fast parser cannot see: how many '"' bytes (an odd total means an unbalanced
    quote somewhere), how many line breaks, whether any NUL byte occurs, and the last bytes. The hashing
    and counting run in a background thread; reading `quotes`, `newlines` or `has_nul` waits for it.
    Refuses streams expanding past MAX_EXPANSION.
    """

    def __init__(self, source: SourceFile, on_progress: Callable[[int], None] | None = None):
        super().__init__()
        self.source = source
        self.on_progress = on_progress
        self.sha256 = hashlib.sha256()
        self.raw_read = 0
        self.bytes_out = 0
        self._quotes = 0
        self._newlines = 0
        self.nul_seen = False  # so far (the background thread may lag): `has_nul` is the final word
        self.last_byte = b""
        self.tail = b""  # the last bytes read, to count blank lines at the very end of the file
        self._inner: Any = None
        self._zip = self._raw = self._background = None
        try:
            self.raw_size = source.path.stat().st_size
            self._raw = open(source.path, "rb")
        except OSError as exc:
            raise ReleaseError(f"cannot read the file ({exc.strerror or exc})", file=str(source.path),
                               hint="check that the file exists and that you may read it") from exc
        self._background = _Background(f"hash-{source.name}")
        self._hashing = _Tee(self._raw, self._count_raw)
        try:
            if source.compression == "zip":
                self._zip = zipfile.ZipFile(self._raw)
                member = source.member or ""  # a part read from a zip always names its member
                self._inner = self._zip.open(member)
                if member.lower().endswith(".gz"):  # a .csv.gz inside the zip
                    self._inner = gzip.GzipFile(fileobj=self._inner, mode="rb")
            elif source.compression == "gzip":
                self._inner = gzip.GzipFile(fileobj=self._hashing, mode="rb")
            else:
                self._inner = self._hashing
        except (zipfile.BadZipFile, OSError, KeyError, EOFError, ValueError) as exc:
            self.close()
            raise ReleaseError(f"the archive cannot be opened ({exc.__class__.__name__}: {exc})",
                               file=self.display_name, hint="download the archive again") from exc
        except (NotImplementedError, RuntimeError) as exc:  # deflate64, bzip2 variants, encryption
            self.close()
            raise ReleaseError(f"the archive uses a feature Python cannot read ({exc})",
                               file=self.display_name,
                               hint="extract the archive with your system's unzip tool and point "
                                    "DATA_DIR at the extracted .csv files") from exc

    @property
    def _worker(self) -> _Background:
        """The hashing and counting thread: there from the end of `__init__` (None only if opening failed)."""
        if self._background is None:
            raise ValueError("the source stream did not open")
        return self._background

    @property
    def display_name(self) -> str:
        path = str(self.source.path)
        return f"{path} (member {self.source.member})" if self.source.member else path

    @property
    def quotes(self) -> int:
        self._worker.settle()
        return self._quotes

    @property
    def newlines(self) -> int:
        self._worker.settle()
        return self._newlines

    @property
    def has_nul(self) -> bool:
        self._worker.settle()
        return self.nul_seen

    def _count_raw(self, chunk: bytes) -> None:
        self._worker.submit(self.sha256.update, chunk)
        self.raw_read += len(chunk)
        if self.on_progress and self.source.compression != "zip":
            self.on_progress(len(chunk))

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        try:
            data = self._inner.read(len(buf))
        except (EOFError, zlib.error, gzip.BadGzipFile, zipfile.BadZipFile, OSError) as exc:
            raise ReleaseError(
                f"the compressed file is damaged or truncated ({exc.__class__.__name__}: {exc})",
                file=self.display_name, hint="download the file again and compare its SHA-256 "
                                             "with the one in the manifest of a good copy") from exc
        n = len(data)
        buf[:n] = data
        if n:
            self._observe(data)
        return n

    def _observe(self, chunk: bytes) -> None:
        """Facts about the decompressed bytes: sizes here, the byte counts in the background."""
        n = len(chunk)
        self.bytes_out += n
        self.last_byte = chunk[-1:]
        self.tail = (self.tail + chunk[-TAIL_BYTES:])[-TAIL_BYTES:]
        if self.source.compression == "zip" and self.on_progress:
            self.on_progress(n)
        if (self.source.compression != "none" and self.bytes_out > MIN_BOMB_BYTES
                and self.bytes_out > MAX_EXPANSION * max(self.raw_size, 1)):
            raise ReleaseError(
                f"the file expands more than {MAX_EXPANSION}x its compressed size: refused as a "
                "possible compression bomb", file=self.display_name,
                hint="use the release as Twitter published it")
        self._worker.submit(self._count_bytes, chunk)

    def _count_bytes(self, chunk: bytes) -> None:
        data = np.frombuffer(chunk, dtype=np.uint8)  # numpy: vectorised, without the GIL
        self._quotes += int(np.count_nonzero(data == 0x22))
        self._newlines += int(np.count_nonzero(data == 0x0A))
        if not self.nul_seen and not data.all():
            self.nul_seen = True

    def trailing_blank_lines(self) -> int:
        """Blank lines at the very end of what was read (after the line break ending the last row)."""
        def drop_line_end(t: bytes) -> bytes:
            return t[:-2] if t.endswith(b"\r\n") else t[:-1]

        text = self.tail
        if not text.endswith(b"\n"):
            return 0
        text = drop_line_end(text)  # the line break ending the last line is not a blank line
        n = 0
        while text.endswith(b"\n"):
            text = drop_line_end(text)
            n += 1
        return n

    def finish_hash(self) -> str:
        """SHA-256 of the file as stored on disk (the whole archive for zip members)."""
        if self.source.compression == "zip":
            return file_sha256(self.source.path)
        while self._hashing.read(READ_CHUNK):  # hash what the parser did not need to read
            pass
        self._worker.settle()
        return self.sha256.hexdigest()

    def close(self) -> None:
        if self._background is not None:
            self._background.stop()
        for obj in (getattr(self, "_inner", None), getattr(self, "_zip", None), getattr(self, "_raw", None)):
            try:
                if obj is not None:
                    obj.close()
            except Exception:  # noqa: BLE001 - closing after an error must not mask it
                pass
        super().close()


class _Tee(io.RawIOBase):
    """Passes reads through, showing every chunk to a callback (hashing, progress)."""

    def __init__(self, raw, callback):
        super().__init__()
        self._raw, self._callback = raw, callback

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        data = self._raw.read(len(buf))
        n = len(data)
        buf[:n] = data
        if n:
            self._callback(data)
        return n


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(READ_CHUNK):
            h.update(chunk)
    return h.hexdigest()
