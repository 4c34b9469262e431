"""A lock on a pipeline's output folder: one run at a time writes into it.

``out/.govkit-lock`` holds who runs (pid, host, start time, command). Where ``fcntl`` exists the
file is also ``flock``-ed for the whole run: the kernel drops that lock when the run and its
workers are gone, so a lock left by a killed run is recognised as stale and taken over (with a
notice) instead of blocking forever. Elsewhere the pid is checked on the same host.
"""
from __future__ import annotations

import json
import os
import socket
import sys
import time
from pathlib import Path

LOCK = ".govkit-lock"
WAIT_FOR_ENDING = 5.0  # seconds to wait for the workers of a dead run to end (they die with it)


class OutputLockedError(FileExistsError):
    """Another run is writing into the same output folder."""


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists on this host (never signals it)."""
    try:
        import psutil

        return psutil.pid_exists(pid)
    except ImportError:
        pass
    if os.name != "posix":
        return True  # cannot tell without psutil: assume it runs
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _info_text(info: dict | None) -> str:
    if not info:
        return "进程信息不明"
    return f"进程 {info.get('pid')}，主机 {info.get('host')}，开始于 {info.get('started')}"


def read_lock(out: Path) -> dict | None:
    """Who holds (or held) the lock of ``out``; None when there is no readable lock file."""
    try:
        return json.loads((Path(out) / LOCK).read_text(encoding="utf-8")) or None
    except (OSError, ValueError):
        return None


def _mine() -> dict:
    return {"pid": os.getpid(), "host": socket.gethostname(),
            "started": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime()), "command": " ".join(sys.argv)[:500]}


def _held_by_dead(info: dict | None) -> bool:
    return bool(info) and info.get("host") == socket.gethostname() and not _alive(int(info.get("pid") or 0))


def _refuse(out: Path, info: dict | None):
    return OutputLockedError(f"输出文件夹 {out} 正被另一次流水线运行使用（{_info_text(info)}）；"
                             "请等它结束，或换一个输出文件夹")


class OutputLock:
    """The lock of one output folder, held from :meth:`acquire` to :meth:`release`.

    ``notice``: a Chinese note when a stale lock of an ended run was taken over (else None)."""

    def __init__(self, out: Path):
        self.out = Path(out)
        self.path = self.out / LOCK
        self.fd: int | None = None
        self.notice: str | None = None

    def acquire(self) -> OutputLock:
        try:
            import fcntl
        except ImportError:
            fcntl = None
        deadline = time.monotonic() + WAIT_FOR_ENDING
        while True:
            got = self._try_flock(fcntl) if fcntl else self._try_exclusive()
            if got is True:
                return self
            info = read_lock(self.out)
            if fcntl and _held_by_dead(info) and time.monotonic() < deadline:
                time.sleep(0.1)  # the run died; its workers are ending and still hold the file
                continue
            raise _refuse(self.out, info)

    def _try_flock(self, fcntl) -> bool:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        try:
            same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
        except FileNotFoundError:
            same = False
        if not same:  # released and removed meanwhile by its holder: try again with the new file
            os.close(fd)
            return self._try_flock(fcntl)
        old = os.read(fd, 65536)
        if old.strip():
            try:
                info = json.loads(old.decode("utf-8"))
            except ValueError:
                info = None
            self.notice = f"输出文件夹 {self.out} 留有一次已结束的运行的锁（{_info_text(info)}），已接管"
        self._take(fd)
        return True

    def _try_exclusive(self) -> bool:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            info = read_lock(self.out)
            if not _held_by_dead(info):
                return False
            self.notice = f"输出文件夹 {self.out} 留有一次已结束的运行的锁（{_info_text(info)}），已接管"
            self.path.unlink(missing_ok=True)
            return self._try_exclusive()
        self._take(fd)
        return True

    def _take(self, fd: int) -> None:
        """Write who holds the lock; on failure (a full disk) the file is closed, not left held."""
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, json.dumps(_mine(), ensure_ascii=False).encode("utf-8"))
        except OSError:
            os.close(fd)
            raise
        self.fd = fd

    def release(self) -> None:
        if self.fd is None:
            return
        if os.name == "nt":  # an open file cannot be removed there
            os.close(self.fd)
        try:
            self.path.unlink(missing_ok=True)  # removed while still held: a waiting run opens a new file
        except OSError:
            pass
        if os.name != "nt":
            os.close(self.fd)
        self.fd = None

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(self, *exc) -> bool:
        self.release()
        return False
