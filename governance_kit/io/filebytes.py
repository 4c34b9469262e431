"""One file's bytes, read once and safely: only a regular file is read (a FIFO, device or socket is
refused before a byte is read, so nothing blocks), never more than :data:`~.limits.MAX_FILE_BYTES`,
and a file that changes while it is read (an editor or a sync client saving it) is read once more,
then refused — a torn read is never taken for the file.

The caller hashes and parses exactly the bytes returned, so a hash always belongs to the text.
"""
from __future__ import annotations

import errno
import os
import stat
import time

from ..errors import ReadError
from .limits import MAX_FILE_BYTES

__all__ = ["NOT_REGULAR", "read_once"]

NOT_REGULAR = "这不是普通文件(可能是设备、管道或套接字),无法作为文本读取"
CHANGING = "文件在读取过程中被改动（可能正在被编辑、保存或同步），两次读取都不完整，已跳过；请等文件保存完毕后再读"
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_once(path: str | bytes, shown: str, *, limit: int = MAX_FILE_BYTES, tries: int = 2) -> bytes:
    """The bytes of the regular file ``path`` (``shown`` names it in errors), read whole while it
    stayed the same size and modification time. Raises ``OSError`` when it cannot be opened and
    :class:`ReadError` for a file that is not regular, too large or changing at every try."""
    for attempt in range(tries):
        data = _read(path, shown, limit)
        if data is not None:
            return data
        if attempt + 1 < tries:
            time.sleep(0.05)
    raise ReadError(CHANGING, shown)


_read_block = os.read  # one read(2); a test puts a failing disk here


def _read(path, shown: str, limit: int) -> bytes | None:
    """The bytes, or None when the file changed while being read."""
    fd = os.open(path, _FLAGS)  # O_NONBLOCK: opening a FIFO with no writer does not wait
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):  # what was opened, not what the name pointed to earlier
            raise ReadError(NOT_REGULAR, shown)
        if before.st_size > limit:
            raise ReadError(f"文件有 {before.st_size / 1048576:.0f} MB，超过 {limit // 1048576} MB 的上限，"
                            "为保护内存未读取", shown)
        chunks, size = [], 0
        while size <= limit:
            try:
                block = _read_block(fd, min(1 << 22, limit + 1 - size))
            except BlockingIOError:  # not on a regular file; treat as a change
                return None
            if not block:
                break
            chunks.append(block)
            size += len(block)
        after = os.fstat(fd)
    finally:
        os.close(fd)
    if size > limit:  # it grew while being read
        return None
    if size != before.st_size or (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
        return None
    try:
        now = os.stat(path)  # the name still leads to the file read (not replaced mid-read)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return b"".join(chunks)  # deleted after reading: the bytes read are whole
        raise
    if (now.st_dev, now.st_ino) == (before.st_dev, before.st_ino) and now.st_size != size:
        return None
    return b"".join(chunks)
