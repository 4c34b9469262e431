"""Fault injection: a pipeline run killed with SIGKILL, two runs into one folder, a stale lock, a
full disk, a read-only output, damaged cache parts and a file saved while the run goes on. After
each, the same command ends with the tables of an uninterrupted run, or the error is Chinese and
names the path; workers never outlive their run."""
from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from governance_kit.pipeline import PipelineResult, run_pipeline
from governance_kit.pipeline.jobs import PipelineWarning
from governance_kit.pipeline.lock import LOCK, OutputLock, OutputLockedError
from governance_kit.pipeline.outdir import RUN_DIR, OutputWriteError

ROOT = Path(__file__).resolve().parents[2]
PARAGRAPHS = [
    "{town}镇推行“网格化管理、组团式服务”，全镇划分综合网格{n}个，配备专职网格员{m}名。",
    "{town}镇村民议事会每月召开一次，今年共协商解决道路硬化、垃圾分类等事项{m}件。",
    "{town}镇建立“四议两公开”制度，村级重大事项经村党组织提议、村“两委”商议后公开。",
    "{town}镇设立矛盾纠纷调解室{m}个，全年调处纠纷{n}起，调解成功率达到百分之九十六。",
]
TOWNS = ["青石", "柳河", "白沙", "东湖", "南岭", "西坝", "北塘", "金桥", "银杏", "红旗", "长乐", "安平"]
FAST = {"batch_mb": 0.0005}  # one small file per partition: twelve partitions

# a run in another process whose batches take ``delay`` seconds more each, so that it can be
# killed or raced half-way; dictionaries are loaded before the workers fork (they inherit both)
SLOW_RUN = """
import sys, time
import governance_kit.pipeline.batch as batch
from governance_kit.pipeline.jobs import Options
from governance_kit.tokens import rjieba_available
batch._warm_up(Options(segmenter="rjieba" if rjieba_available() else "jieba"), {})
_process = batch.process_documents
def _slow(docs, options, seconds=None):
    time.sleep(float(sys.argv[3]))
    return _process(docs, options, seconds)
batch.process_documents = _slow
from governance_kit.pipeline import run_pipeline
run_pipeline(sys.argv[1], out=sys.argv[2], workers=int(sys.argv[4]), use_cache=False, batch_mb=0.0005)
"""


def write_corpus(root: Path, count: int = 12) -> Path:
    """``count`` invented work notes of a few hundred characters each, one per town."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        town = TOWNS[i % len(TOWNS)]
        body = "\n".join(p.format(town=town, n=100 + 7 * i, m=3 + i) for p in PARAGRAPHS)
        (root / f"note_{i:02d}.txt").write_text(f"{town}镇基层治理工作简报（第{i + 1}期）\n\n{body}\n", encoding="utf-8")
    return root


def tables_of(out: Path) -> dict[str, pd.DataFrame]:
    result = PipelineResult.open(out)
    return {name: result.table(name) for name in result.tables}


def assert_same_tables(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


@pytest.fixture()
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture()
def reference(corpus, tmp_path) -> dict:
    """The tables of an uninterrupted run over ``corpus``."""
    run_pipeline(corpus, out=tmp_path / "reference", workers=1, use_cache=False, **FAST)
    return tables_of(tmp_path / "reference")


@pytest.fixture()
def own_cache(tmp_path, monkeypatch):
    """An empty cache folder for this test only."""
    monkeypatch.setenv("GOVKIT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _start_slow(corpus: Path, out: Path, tmp_path: Path, delay: float, workers: int) -> subprocess.Popen:
    script = tmp_path / "slow_run.py"
    script.write_text(SLOW_RUN, encoding="utf-8")
    return subprocess.Popen([sys.executable, str(script), str(corpus), str(out), str(delay), str(workers)],
                            env=_env(), start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for(condition, proc: subprocess.Popen | None, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the run ended early: {proc.stderr.read().decode('utf-8', 'replace')[-2000:]}")
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


def _children(pid: int) -> list[int]:
    """All descendants of ``pid`` (psutil when installed, else /proc)."""
    try:
        import psutil

        return [c.pid for c in psutil.Process(pid).children(recursive=True)]
    except ImportError:
        found, frontier = [], [pid]
        while frontier:
            parent = frontier.pop()
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    fields = stat.read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == parent:
                    found.append(int(stat.parent.name))
                    frontier.append(int(stat.parent.name))
        return found


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie waiting to be reaped is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait(10)


def _done(out: Path) -> int:
    return len(list((out / RUN_DIR / "done").glob("part-*.json")))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="kill -9 and /proc: Linux")
def test_kill_9_leaves_no_worker_and_the_rerun_ends_with_the_same_tables(corpus, reference, tmp_path):
    out = tmp_path / "out"
    proc = _start_slow(corpus, out, tmp_path, delay=0.4, workers=2)
    try:
        _wait_for(lambda: _done(out) >= 1, proc, 120)
        workers = _children(proc.pid)
        assert workers, "the run should have worker processes"
        os.kill(proc.pid, signal.SIGKILL)  # the run only: its workers must end by themselves
        proc.wait(10)
        _wait_for(lambda: not any(_running(p) for p in workers), None, 10)
    finally:
        _kill_group(proc)
    assert not (out / "manifest.json").exists() and _done(out) < 12

    with pytest.warns(PipelineWarning, match="已接管"):
        result = run_pipeline(corpus, out=out, workers=2, use_cache=False, **FAST)
    batches = result.manifest["batches"]
    assert batches["kept_from_interrupted_run"] and batches["computed"]
    assert sorted(batches["kept_from_interrupted_run"] + batches["computed"]) == list(range(12))
    assert any("接着完成" in n for n in result.manifest["notices"])
    assert_same_tables(tables_of(out), reference)
    assert result.manifest["documents"] == 12 and result.manifest["rows"]["documents"] == 12
    assert not (out / RUN_DIR).exists() and not (out / LOCK).exists()


def test_a_second_run_is_refused_naming_the_first_and_the_first_is_not_mixed(corpus, reference, tmp_path):
    out = tmp_path / "out"
    first = _start_slow(corpus, out, tmp_path, delay=0.3, workers=1)
    try:
        _wait_for(lambda: f'"pid": {first.pid}' in _lock_text(out), first, 60)
        with pytest.raises(OutputLockedError, match=rf"正被另一次流水线运行使用（进程 {first.pid}，主机 .+，开始于 "):
            run_pipeline(corpus, out=out, workers=1, use_cache=False, overwrite=True, **FAST)
        second = subprocess.run([sys.executable, "-m", "governance_kit.cli", "pipeline", str(corpus), "--out", str(out),
                                 "--workers", "1", "--no-cache", "--force"], env=_env(), capture_output=True, timeout=120)
        assert second.returncode == 2
        err = second.stderr.decode("utf-8")
        assert f"进程 {first.pid}" in err and "Traceback" not in err
        assert first.wait(120) == 0, first.stderr.read().decode("utf-8", "replace")[-2000:]
    finally:
        _kill_group(first)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["documents"] == 12 and manifest["batches"]["computed"] == list(range(12))
    assert_same_tables(tables_of(out), reference)


def _lock_text(out: Path) -> str:
    try:
        return (out / LOCK).read_text(encoding="utf-8")
    except OSError:
        return ""


def test_a_lock_held_in_this_process_refuses_a_run(corpus, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with OutputLock(out):
        with pytest.raises(OutputLockedError, match=f"进程 {os.getpid()}"):
            run_pipeline(corpus, out=out, workers=1, use_cache=False)
    assert not (out / "documents").exists()
    run_pipeline(corpus, out=out, workers=1, use_cache=False)  # released: the run goes ahead


def test_a_lock_that_cannot_be_written_is_not_left_held(tmp_path, monkeypatch):
    import governance_kit.pipeline.lock as lock

    def disk_full():
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(lock, "_mine", disk_full)
    with pytest.raises(OSError, match="No space"):
        OutputLock(tmp_path).acquire()
    monkeypatch.undo()
    OutputLock(tmp_path).acquire().release()  # not held by the failed attempt
    assert not (tmp_path / LOCK).exists()


def test_a_stale_lock_of_a_dead_process_is_taken_over_with_a_notice(corpus, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (out / LOCK).write_text(json.dumps({"pid": dead.pid, "host": socket.gethostname(), "started": "2026-01-01 08:00:00"}),
                            encoding="utf-8")
    with pytest.warns(PipelineWarning, match=rf"已结束的运行的锁（进程 {dead.pid}.*已接管"):
        result = run_pipeline(corpus, out=out, workers=1, use_cache=False)
    assert result.manifest["documents"] == 12 and not (out / LOCK).exists()


def _real_write_parquet():
    from governance_kit.pipeline.tables import write_parquet

    return write_parquet


def _failing_writes(monkeypatch, after: int, error: OSError) -> None:
    """Partition writes fail from the ``after``-th on, with ``error``."""
    import governance_kit.pipeline.batch as batch

    real, calls = batch.write_parquet, []

    def write(table, path):
        calls.append(path)
        if len(calls) > after:
            raise error
        real(table, path)

    monkeypatch.setattr(batch, "write_parquet", write)


@pytest.mark.parametrize("error,use_cache", [
    (OSError(errno.ENOSPC, "No space left on device"), False),
    (OSError(28, "Error writing bytes to file. Detail: [errno 28] No space left on device"), True),  # pyarrow's
    (OSError("IOError: No space left on device"), False)])
def test_a_full_disk_is_a_chinese_error_and_the_same_command_resumes(corpus, reference, tmp_path, monkeypatch, error,
                                                                     use_cache):
    out = tmp_path / "out"
    monkeypatch.setenv("GOVKIT_CACHE_DIR", str(tmp_path / "cache"))
    _failing_writes(monkeypatch, 12, error)  # five tables a partition: two partitions, then the disk is full
    with pytest.raises(OutputWriteError, match="磁盘空间不足") as info:
        run_pipeline(corpus, out=out, workers=1, use_cache=use_cache, **FAST)
    message = str(info.value)
    assert str(out) in message and "重跑" in message and "--force" in message and "Errno" not in message
    monkeypatch.setattr("governance_kit.pipeline.batch.write_parquet", _real_write_parquet())
    assert not (out / "manifest.json").exists() and not (out / LOCK).exists()

    with pytest.warns(PipelineWarning, match="未完成的运行，已接着完成（其中 2 个批次已完成"):
        result = run_pipeline(corpus, out=out, workers=1, use_cache=use_cache, **FAST)
    assert result.manifest["batches"]["kept_from_interrupted_run"] == [0, 1]
    assert result.manifest["batches"]["computed"] == list(range(2, 12))
    assert_same_tables(tables_of(out), reference)


def test_force_clears_a_partial_output_and_other_folders_stay_protected(corpus, reference, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _failing_writes(monkeypatch, 7, OSError(errno.ENOSPC, "No space left on device"))
    with pytest.raises(OutputWriteError):
        run_pipeline(corpus, out=out, workers=1, use_cache=False, **FAST)
    monkeypatch.undo()
    with pytest.raises(FileExistsError, match="未完成的运行.*--force"):  # another command: not mixed in
        run_pipeline(corpus, out=out, workers=1, use_cache=False, stages=["code"], **FAST)
    result = run_pipeline(corpus, out=out, workers=1, use_cache=False, overwrite=True, **FAST)
    assert result.manifest["batches"]["kept_from_interrupted_run"] == []
    assert_same_tables(tables_of(out), reference)

    legacy = tmp_path / "legacy"  # a crash of an earlier version: table folders of part files only
    (legacy / "documents").mkdir(parents=True)
    (legacy / "documents" / "part-00040.parquet").write_bytes(b"half")
    (legacy / "documents" / ".part-00041.parquet.1a2b3c4d.tmp").write_bytes(b"half")
    run_pipeline(corpus, out=legacy, workers=1, use_cache=False, overwrite=True, **FAST)
    assert sorted(p.name for p in (legacy / "documents").iterdir()) == [f"part-{i:05d}.parquet" for i in range(12)]

    mine = tmp_path / "mine"
    (mine / "documents").mkdir(parents=True)
    (mine / "documents" / "我的笔记.docx").write_bytes(b"x")
    with pytest.raises(FileExistsError, match="不是之前的流水线结果"):
        run_pipeline(corpus, out=mine, workers=1, overwrite=True)
    assert sorted(p.name for p in mine.rglob("*")) == ["documents", "我的笔记.docx"]


def test_a_permission_error_while_writing_names_the_file(corpus, reference, tmp_path, monkeypatch):
    out = tmp_path / "out"
    target = out / "codings" / "part-00003.parquet"
    _failing_writes(monkeypatch, 17, PermissionError(errno.EACCES, "Permission denied", str(target)))
    with pytest.raises(OutputWriteError, match=f"无法写入 {re.escape(str(target))}：没有写入权限"):
        run_pipeline(corpus, out=out, workers=1, use_cache=False, **FAST)
    monkeypatch.undo()
    with pytest.warns(PipelineWarning, match="已接着完成"):
        result = run_pipeline(corpus, out=out, workers=1, use_cache=False, **FAST)
    assert result.manifest["batches"]["kept_from_interrupted_run"] == [0, 1, 2]
    assert_same_tables(tables_of(out), reference)


def test_a_read_only_output_is_a_chinese_error(corpus, tmp_path, monkeypatch):
    out = tmp_path / "ro"
    out.mkdir()

    def read_only(self):
        raise OSError(errno.EROFS, "Read-only file system", str(self.path))

    monkeypatch.setattr(OutputLock, "acquire", read_only)
    with pytest.raises(OutputWriteError, match=f"无法写入 .*{LOCK}：所在的文件系统是只读的"):
        run_pipeline(corpus, out=out, workers=1)
    assert list(out.iterdir()) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="chmod does not stop root")
def test_a_chmod_read_only_output_is_a_chinese_error(corpus, tmp_path):
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        with pytest.raises(OutputWriteError, match=f"无法写入 .*：没有写入权限"):
            run_pipeline(corpus, out=out, workers=1)
    finally:
        out.chmod(0o755)


def test_the_command_line_reports_a_full_disk_in_chinese(corpus, tmp_path, monkeypatch, capsys):
    from governance_kit.cli import main

    _failing_writes(monkeypatch, 3, OSError(errno.ENOSPC, "No space left on device"))
    assert main(["pipeline", str(corpus), "--out", str(tmp_path / "out"), "--workers", "1", "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：无法写入") and "磁盘空间不足" in err and "Traceback" not in err


@pytest.mark.parametrize("table,damage", [("codings", "truncated"), ("_docs", "garbage"), ("tokens", "empty")])
def test_a_damaged_cache_part_is_rebuilt_with_a_warning_naming_it(corpus, reference, tmp_path, own_cache, table, damage):
    run_pipeline(corpus, out=tmp_path / "a", workers=1, **FAST)
    parts = sorted((own_cache / "pipeline").glob(f"*/{table}/*.parquet"))
    assert len(parts) == 12
    victim = parts[5]
    data = victim.read_bytes()
    victim.write_bytes({"truncated": data[: len(data) // 2], "garbage": os.urandom(len(data)), "empty": b""}[damage])

    with pytest.warns(PipelineWarning, match=re.escape(str(victim)) + "[^，]*，读不出来") as caught:
        again = run_pipeline(corpus, out=tmp_path / "b", workers=1, **FAST)
    assert all("Arrow" not in str(w.message) or "已损坏" in str(w.message) for w in caught)
    assert len(again.manifest["batches"]["rebuilt_after_damaged_cache"]) == 1
    assert again.manifest["from_cache"] == 11
    assert_same_tables(tables_of(tmp_path / "b"), reference)
    third = run_pipeline(corpus, out=tmp_path / "c", workers=1, **FAST)  # rebuilt: cached again, no warning
    assert third.manifest["from_cache"] == 12 and third.manifest["notices"] == []


def test_a_file_saved_during_the_run_is_keyed_by_the_bytes_read(corpus, tmp_path, own_cache, monkeypatch):
    import governance_kit.pipeline.run as run_module

    target = corpus / "note_03.txt"
    before = target.read_text(encoding="utf-8")
    survey = run_module.survey_furniture

    def survey_then_save(files, *args, **kwargs):  # after the plan hashed the files, before the batches read
        n = survey(files, *args, **kwargs)
        target.write_text(before + "另设微网格777个。\n", encoding="utf-8")
        return n

    monkeypatch.setattr(run_module, "survey_furniture", survey_then_save)
    with pytest.warns(PipelineWarning, match="note_03.txt：运行中被修改过"):
        first = run_pipeline(corpus, out=tmp_path / "a", workers=1, **FAST)
    monkeypatch.setattr(run_module, "survey_furniture", survey)
    read = hashlib.sha256(target.read_bytes()).hexdigest()
    assert [(c["path"], c["read"]) for c in first.manifest["changed_during_run"]] == [("note_03.txt", read)]
    docs = first.table("documents").set_index("path")
    assert docs.loc["note_03.txt", "sha256"] == read
    assert 777.0 in first.table("metrics").query("doc_id == 'note_03'").value.tolist()

    second = run_pipeline(corpus, out=tmp_path / "b", workers=1, **FAST)  # cached under the bytes read
    assert second.manifest["from_cache"] == 12
    target.write_text(before, encoding="utf-8")  # back to the planned version: never served the other one
    third = run_pipeline(corpus, out=tmp_path / "c", workers=1, **FAST)
    assert third.manifest["from_cache"] == 11
    assert 777.0 not in third.table("metrics").query("doc_id == 'note_03'").value.tolist()


def test_batches_keep_to_a_budget_of_documents_and_characters(corpus, tmp_path):
    import zipfile

    from governance_kit.pipeline.jobs import FileJob
    from governance_kit.pipeline.plan import batches, text_estimate

    docx = corpus / "note_05b.docx"  # 3 MB of XML in a few kilobytes on disk
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:p><w:r><w:t>网格化管理</w:t></w:r></w:p>" * 75_000)
    assert text_estimate(str(docx)) >= 3_000_000 > 100 * docx.stat().st_size
    files = [FileJob(str(p), p.name, p.stem, None, None) for p in sorted(corpus.iterdir())]
    cut = batches(files, 1e9, max_docs=4, max_chars=1_000_000)
    assert max(len(b) for b in cut) <= 4
    assert [b for b in cut if any(f.label == docx.name for f in b)] == [[f for f in files if f.label == docx.name]]
    assert [f for b in cut for f in b] == files  # file order kept

    docx.unlink()
    result = run_pipeline(corpus, out=tmp_path / "out", workers=1, use_cache=False, batch_docs=5)
    assert result.manifest["partitions"] == 3 and result.manifest["documents"] == 12
    with pytest.raises(ValueError, match="batch_docs 应为正整数"):
        run_pipeline(corpus, out=tmp_path / "x", batch_docs=0)
