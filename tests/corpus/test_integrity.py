"""Integrity of load_corpus and its cache, by fault injection: a file saved again and again while
folders load is never cached under the hash of another version; a damaged cache file or row is
rebuilt with a Chinese note; a failure while caching (a memory error, a full disk) never loses the load."""
from __future__ import annotations

import hashlib
import os
import random
import threading
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import governance_kit as gk
from governance_kit.corpus import cache as cache_mod

LINE_A = "甲版：社区网格员每周入户走访两次，收集群众诉求，及时上报街道综治中心。"
LINE_B = "乙版：村务监督委员会按季度公开账目，接受村民质询，重大事项提交村民代表会议表决。"
VERSION_A = ("\n".join([LINE_A] * 3000) + "\n").encode("utf-8")
VERSION_B = ("\n".join([LINE_B] * 2500) + "\n").encode("utf-8")
SHA = {hashlib.sha256(VERSION_A).hexdigest(): LINE_A, hashlib.sha256(VERSION_B).hexdigest(): LINE_B}


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVKIT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _folder(root: Path) -> Path:
    root.mkdir()
    for n in range(4):
        (root / f"稳定{n}.txt").write_text(f"第{n}号通报：街道综治中心本月受理群众诉求{n + 10}件，全部办结。\n", encoding="utf-8")
    (root / "变动.txt").write_bytes(VERSION_A)
    return root


def _cache_rows(corpus_folder: Path) -> list[dict]:
    path = cache_mod.CorpusCache(corpus_folder).path
    return pq.read_table(path).to_pylist() if path.is_file() else []


def _assert_consistent(corpus, rows) -> None:
    """Every document and every cached row holds the text of the very bytes its hash names."""
    for doc in corpus:
        if doc.meta["path"] == "变动.txt" and doc.meta["sha256"] in SHA:
            line = SHA[doc.meta["sha256"]]
            assert doc.raw.split("\n")[0] == line and LINE_A[3:] not in doc.raw.replace(line, "") \
                and LINE_B[3:] not in doc.raw.replace(line, "")
    for row in rows:
        sha = row["key"].split(":")[0]
        assert gk_json(row["meta"])["sha256"] == sha
        assert row["check"] == cache_mod.checksum(row)
        if sha in SHA:
            assert set(row["raw"].strip().split("\n")) == {SHA[sha]}, "a cached text under another version's hash"
        else:  # a version caught half-written but whole in itself: never one of the two full texts
            assert row["raw"] not in (VERSION_A.decode(), VERSION_B.decode())


def gk_json(text: str) -> dict:
    import json

    return json.loads(text)


def test_a_file_saved_during_repeated_loads_is_never_cached_under_another_versions_hash(tmp_path, own_cache):
    root = _folder(tmp_path / "语料")
    target = root / "变动.txt"
    stop = threading.Event()
    rng = random.Random(7)

    def writer():
        versions = [VERSION_B, VERSION_A]
        n = 0
        while not stop.is_set():
            data = versions[n % 2]
            if n % 3:  # an editor writing in place
                with open(target, "r+b") as fh:
                    fh.truncate()
                    for start in range(0, len(data), 65536):
                        fh.write(data[start:start + 65536])
                        fh.flush()
            else:  # a sync client replacing the file
                tmp = target.with_suffix(".tmp.part")
                tmp.write_bytes(data)
                os.replace(tmp, target)
            n += 1
            time.sleep(rng.random() * 0.004)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        for _ in range(12):
            corpus = gk.load_corpus(root, workers=1)
            _assert_consistent(corpus, _cache_rows(root))
            assert all(e.kind != "CacheWarning" for e in corpus.errors), corpus.errors
    finally:
        stop.set()
        thread.join()
    target.write_bytes(VERSION_B)
    final = gk.load_corpus(root, workers=1)  # at rest: the last version, from or into the cache
    assert final["变动"].raw.split("\n")[0] == LINE_B and final["变动"].meta["sha256"] in SHA
    _assert_consistent(final, _cache_rows(root))


def test_a_garbage_cache_file_is_rebuilt_with_a_chinese_note(tmp_path, own_cache):
    root = _folder(tmp_path / "语料")
    first = gk.load_corpus(root, workers=1)
    path = cache_mod.CorpusCache(root).path
    path.write_bytes(b"PAR1 this is not a parquet file at all")
    second = gk.load_corpus(root, workers=1)
    notes = [e for e in second.errors if e.kind == "CacheWarning"]
    assert len(notes) == 1 and "已损坏" in notes[0].reason and "重新读取" in notes[0].reason
    assert [d.text for d in second] == [d.text for d in first]
    third = gk.load_corpus(root, workers=1)
    assert not [e for e in third.errors if e.kind == "CacheWarning"]  # rebuilt
    assert [d.text for d in third] == [d.text for d in first]


def _rewrite_rows(path: Path, change) -> None:
    rows = pq.read_table(path).to_pylist()
    pq.write_table(pa.Table.from_pylist([change(row) for row in rows]), path)


@pytest.mark.parametrize("damage, why", [
    (lambda row: {**row, "raw": row["raw"] + "篡改"}, "校验和不符"),
    (lambda row: {**row, "check": None}, "校验和不符"),
    (lambda row: {**row, "meta": row["meta"].replace(row["key"][:64], "0" * 64),
                  "check": cache_mod.checksum({**row, "meta": row["meta"].replace(row["key"][:64], "0" * 64)})},
     "哈希不符"),
])
def test_a_damaged_cache_row_is_dropped_and_its_file_read_again(tmp_path, own_cache, damage, why):
    root = _folder(tmp_path / "语料")
    first = gk.load_corpus(root, workers=1)
    path = cache_mod.CorpusCache(root).path
    _rewrite_rows(path, lambda row: damage(row) if "甲版" in row["raw"] else row)
    second = gk.load_corpus(root, workers=1)
    notes = [e.reason for e in second.errors if e.kind == "CacheWarning"]
    assert len(notes) == 1 and why in notes[0] and "重新读取" in notes[0]
    assert [d.raw for d in second] == [d.raw for d in first]
    assert "篡改" not in second["变动"].raw
    assert not [e for e in gk.load_corpus(root, workers=1).errors if e.kind == "CacheWarning"]


def test_a_cache_of_an_older_kit_without_checksums_is_rebuilt_quietly(tmp_path, own_cache):
    root = _folder(tmp_path / "语料")
    first = gk.load_corpus(root, workers=1)
    path = cache_mod.CorpusCache(root).path
    _rewrite_rows(path, lambda row: {k: v for k, v in row.items() if k != "check"})
    second = gk.load_corpus(root, workers=1)
    assert [d.text for d in second] == [d.text for d in first] and not second.errors
    assert "check" in pq.read_schema(path).names


@pytest.mark.parametrize("error", [MemoryError(), OSError(28, "No space left on device"), RuntimeError("坏了")])
def test_a_failure_while_saving_the_cache_never_loses_the_load(tmp_path, own_cache, monkeypatch, error):
    root = _folder(tmp_path / "语料")

    def failing_write(*args, **kwargs):
        raise error

    monkeypatch.setattr(pq, "write_table", failing_write)
    corpus = gk.load_corpus(root, workers=1)
    assert len(corpus) == 5
    notes = [e for e in corpus.errors if e.kind == "CacheWarning"]
    assert len(notes) == 1 and "未能写入" in notes[0].reason and type(error).__name__ in notes[0].reason
    assert not list((own_cache / "corpora").glob("*.tmp"))  # no half-written file left behind


def test_a_failure_while_keeping_a_row_never_loses_the_load(tmp_path, own_cache, monkeypatch):
    root = _folder(tmp_path / "语料")

    def failing(parts):
        raise MemoryError

    monkeypatch.setattr(cache_mod, "parts_to_json", failing)
    corpus = gk.load_corpus(root, workers=1)
    assert len(corpus) == 5
    assert [e.kind for e in corpus.errors] == ["CacheWarning"]


def test_the_same_bytes_under_another_suffix_are_not_served_from_the_cache(tmp_path, own_cache):
    root = _folder(tmp_path / "语料")
    (root / "变动.pdf").write_bytes(VERSION_A)  # text named .pdf: refused, even after 变动.txt was cached
    for _ in range(2):
        corpus = gk.load_corpus(root, workers=1)
        assert [e.path for e in corpus.errors] == ["变动.pdf"] and "%PDF" in corpus.errors[0].reason


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="needs FIFOs and /dev/zero")
def test_hashing_a_pipe_or_a_device_fails_at_once(tmp_path):
    from governance_kit.corpus.folder import content_key
    from governance_kit.storage import file_sha256

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    start = time.perf_counter()
    for path in (fifo, "/dev/zero"):
        assert content_key(path, "s") is None
        with pytest.raises(OSError, match="不是普通文件"):
            file_sha256(path)
    assert time.perf_counter() - start < 2
