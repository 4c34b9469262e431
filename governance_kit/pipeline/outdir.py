"""The output folder of a run, made safe against crashes and concurrent runs.

While a run writes, ``out/.govkit-run/`` records it: ``run.json`` (source and options: it marks the
folder as the kit's own from the first moment) and ``done/part-NNNNN.json``, one record per
finished partition, written atomically after its Parquet files. ``out/.govkit-lock``
(:mod:`.lock`) keeps a second run out. After a crash, the same command finds the records and
reuses every partition whose record matches its plan; ``overwrite`` (``--force``) clears a
partial output as it replaces a finished one. A folder the kit does not recognise is never
touched. Write failures (disk full, read-only, no permission) become :class:`OutputWriteError`,
a Chinese message naming the path.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from dataclasses import asdict
from pathlib import Path

from ..corpus.catalog import row_json
from ..corpus.records import LoadError
from .jobs import BatchJob, BatchSummary
from .lock import LOCK, OutputLock
from .tables import TABLES, part_name

MANIFEST = "manifest.json"
RUN_DIR = ".govkit-run"
OWN_NAMES = {*TABLES, MANIFEST, f".{MANIFEST}.tmp", LOCK, RUN_DIR}


class OutputWriteError(OSError):
    """Writing the output failed (disk full, read-only, no permission): a Chinese message with the path."""

    def __str__(self) -> str:
        return self.strerror or ""


_REASONS = (  # errno, words of the OS's English message, Chinese reason, what to do
    ((errno.ENOSPC, getattr(errno, "EDQUOT", -1)), ("no space left", "disk quota"), "磁盘空间不足",
     "腾出空间后"),
    ((errno.EROFS,), ("read-only file system",), "所在的文件系统是只读的", "换到可写的位置后"),
    ((errno.EACCES, errno.EPERM), ("permission denied", "access is denied"), "没有写入权限", "改好权限后"),
)


def write_error(exc: OSError, fallback: Path) -> OutputWriteError:
    """``exc`` (an OSError while writing the output) as a Chinese :class:`OutputWriteError`."""
    path = exc.filename or fallback
    text = " ".join(str(a) for a in exc.args).lower()  # pyarrow: no errno, the words only
    for codes, words, reason, then in _REASONS:
        if exc.errno in codes or any(w in text for w in words):
            code = codes[0]
            break
    else:
        code, reason, then = exc.errno, f"写入失败（{exc.strerror or exc}）", "排除问题后"
    return OutputWriteError(code, f"无法写入 {path}：{reason}。已完成的批次都已保存，{then}用同一命令重跑会接着完成；"
                                  "加 --force（overwrite=True）则清空重来", str(path))


def _is_legacy_partial(out: Path, entries: list[Path]) -> bool:
    """Tables left by a crashed run of an earlier version: only table folders of part files."""
    if not all(p.name in OWN_NAMES for p in entries):
        return False
    for p in entries:
        if p.name in TABLES:
            if not p.is_dir() or any(not (c.name.startswith("part-") or c.name.endswith(".tmp")) for c in p.iterdir()):
                return False
    return True


def state(out: Path) -> str:
    """``"absent"``, ``"empty"``, ``"finished"`` (a run's manifest), ``"partial"`` (a run that did
    not finish) or ``"foreign"`` (a folder the kit did not write)."""
    if not out.exists():
        return "absent"
    if not out.is_dir():
        raise NotADirectoryError(f"out 应为文件夹，{out} 是一个文件")
    entries = [p for p in out.iterdir() if p.name != LOCK]  # a lock alone: nothing was written yet
    if not entries:
        return "empty"
    if (out / RUN_DIR / "run.json").is_file():
        return "partial"
    if (out / MANIFEST).is_file():
        return "finished"
    return "partial" if _is_legacy_partial(out, entries) else "foreign"


def _check(out: Path, found: str, overwrite: bool) -> None:
    if found == "foreign":
        raise FileExistsError(f"输出文件夹 {out} 不是空的，也不是之前的流水线结果；为避免误删，请换一个文件夹")
    if found == "finished" and not overwrite:
        raise FileExistsError(f"输出文件夹 {out} 已有之前的结果；如确需覆盖请加 overwrite=True（命令行：--force）")


def clear(out: Path) -> None:
    """Remove what a run wrote (tables, manifest, progress records); other files stay."""
    for name in TABLES:
        shutil.rmtree(out / name, ignore_errors=True)
    for name in (MANIFEST, f".{MANIFEST}.tmp"):
        (out / name).unlink(missing_ok=True)
    shutil.rmtree(out / RUN_DIR / "done", ignore_errors=True)


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


class Output:
    """An output folder, locked for one run: ``previous`` holds the records of an interrupted
    run of the same command (partition index → record), ``notices`` what was found (Chinese)."""

    def __init__(self, out: Path, lock: OutputLock):
        self.out, self.lock = out, lock
        self.previous: dict[int, dict] = {}
        self.notices: list[str] = [lock.notice] if lock.notice else []

    def reusable(self, job: BatchJob) -> BatchSummary | None:
        """The summary of ``job`` when an interrupted run finished the very same partition."""
        record = self.previous.get(job.index)
        if not record or record.get("signature") != signature(job):
            return None
        summary = summary_from(record["summary"])
        try:
            import pyarrow.parquet as pq

            for name in job.options.tables():
                rows = pq.ParquetFile(self.out / name / part_name(job.index)).metadata.num_rows
                if rows != summary.rows.get(name):
                    return None
        except Exception:  # missing or damaged: the partition is made again
            return None
        summary.reused = True
        return summary

    def keep_only(self, indices: set[int], tables: list[str]) -> None:
        """Drop leftovers of an interrupted run: partitions not reused, temporary files, tables
        this run does not write."""
        for name in TABLES:
            folder = self.out / name
            if not folder.is_dir():
                continue
            if name not in tables:
                shutil.rmtree(folder, ignore_errors=True)
                continue
            for p in folder.iterdir():
                if p.name.endswith(".tmp") or (p.name.startswith("part-") and _index_of(p.name) not in indices):
                    p.unlink(missing_ok=True)
        done = self.out / RUN_DIR / "done"
        if done.is_dir():
            for p in done.iterdir():
                if p.name.endswith(".tmp") or _index_of(p.name) not in indices:
                    p.unlink(missing_ok=True)

    def finish(self) -> None:
        """After the manifest: the progress records go, the lock is released."""
        shutil.rmtree(self.out / RUN_DIR, ignore_errors=True)
        self.lock.release()

    def release(self) -> None:
        self.lock.release()


def _index_of(name: str) -> int | None:
    try:
        return int(name.split("-", 1)[1].split(".", 1)[0])
    except (IndexError, ValueError):
        return None


def open_output(out: Path, overwrite: bool, run: dict) -> Output:
    """Lock ``out`` for a run described by ``run`` (source and options) and make it ready: a new
    folder, an earlier run cleared (``overwrite``), or an interrupted run of the same command
    kept for resuming. Raises FileExistsError (Chinese) for a folder the kit did not write, a
    finished run without ``overwrite``, an interrupted run of another command without
    ``overwrite``, or a run still going (:class:`~.lock.OutputLockedError`)."""
    _check(out, state(out), overwrite)
    try:
        out.mkdir(parents=True, exist_ok=True)
        lock = OutputLock(out).acquire()
    except FileExistsError:
        raise
    except OSError as exc:
        raise write_error(exc, out) from exc
    output = Output(out, lock)
    try:
        found = state(out)  # again, now that no other run can change it
        _check(out, found, overwrite)
        earlier = _read_json(out / RUN_DIR / "run.json")
        if found == "partial" and not overwrite:
            if earlier and earlier.get("same_as") != run["same_as"]:
                raise FileExistsError(
                    f"输出文件夹 {out} 中有一次未完成的运行（来源 {earlier.get('source')}，"
                    f"选项 {earlier.get('options')}），与这次的命令不同；如要丢弃它重新开始，请加 overwrite=True（命令行：--force）")
            output.previous = _done_records(out)
            output.notices.append(f"输出文件夹 {out} 中有一次未完成的运行，已接着完成"
                                  f"（其中 {len(output.previous)} 个批次已完成，核对后沿用）")
        _write_json(out / RUN_DIR / "run.json", run)  # first: from now on the folder is recognisably the kit's
        if found != "partial" or overwrite:
            clear(out)
    except FileExistsError:
        lock.release()
        raise
    except OSError as exc:
        lock.release()
        raise write_error(exc, out) from exc
    except BaseException:
        lock.release()
        raise
    return output


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _done_records(out: Path) -> dict[int, dict]:
    records = {}
    folder = out / RUN_DIR / "done"
    if folder.is_dir():
        for p in folder.glob("part-*.json"):
            record = _read_json(p)
            if record and _index_of(p.name) is not None:
                records[_index_of(p.name)] = record
    return records


def signature(job: BatchJob) -> str:
    """What a partition is made of: options, number, and each file's doc_id, path, content key and
    catalog row. An interrupted run's partition is reused only under the same signature."""
    spec = [job.options.key(), job.index, sorted(job.options.tables()),
            [[f.doc_id, f.label, f.key, row_json(f.catalog_row)] for f in job.files]]
    return hashlib.sha256(json.dumps(spec, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


def record_done(job: BatchJob, summary: BatchSummary) -> None:
    """Write the record of a finished partition (after its Parquet files)."""
    _write_json(Path(job.out) / RUN_DIR / "done" / f"{part_name(job.index)[:-8]}.json",
                {"signature": signature(job), "summary": asdict(summary)})


def summary_from(data: dict) -> BatchSummary:
    data = dict(data)
    data["errors"] = [LoadError(**e) for e in data.get("errors", [])]
    data["warnings"] = [LoadError(**e) for e in data.get("warnings", [])]
    known = BatchSummary.__dataclass_fields__
    return BatchSummary(**{k: v for k, v in data.items() if k in known})
