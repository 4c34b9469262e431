"""Listing a folder (corpus/folder.py): what is not a document is reported in ``skipped`` with a Chinese
reason before anything opens it; a subfolder that cannot be opened is an error; load_corpus never hangs."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import governance_kit as gk
from governance_kit.corpus import folder as folder_mod
from governance_kit.corpus.folder import folder_files, open_folder

HINT = "读取单个文件请用 gk.read_document"
TEXT = "街道综治中心本月受理群众诉求十二件，全部办结。\n"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


def _write(path: Path, text: str = TEXT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _reasons(skipped: list[str]) -> dict[str, str]:
    """label → reason of each skipped entry (``label（reason）``)."""
    out = {}
    for entry in skipped:
        at = entry.index("（") if "（" in entry else entry.index("(")
        out[entry[:at]] = entry[at:]
    return out


@needs_fifo
def test_what_is_not_a_document_is_skipped_with_its_reason_and_never_opened(tmp_path, monkeypatch):
    outside = _write(tmp_path / "outside" / "far.txt")
    root = tmp_path / "c"
    _write(root / "a.txt")
    _write(root / "sub" / "b.txt")
    os.mkfifo(root / "pipe.txt")
    os.symlink("/dev/zero", root / "zero.txt")
    os.symlink(outside, root / "far.txt")
    os.symlink(root / "a.txt", root / "inner.txt")  # a link to a file inside: read
    os.symlink(root / "gone.txt", root / "dangling.txt")
    os.symlink(root / "loop1.txt", root / "loop2.txt")
    os.symlink(root / "loop2.txt", root / "loop1.txt")
    os.symlink(root, root / "sub" / "up", target_is_directory=True)
    _write(root / "sub" / "catalog.csv", "file,doc_id\n")
    opened = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda path, *a, **k: opened.append(path) or real_open(path, *a, **k))
    _, files, skipped = folder_files(root, HINT)
    assert opened == []
    assert [label for _, label in files] == ["a.txt", "inner.txt", "sub/b.txt"]
    reasons = _reasons(skipped)
    assert "FIFO" in reasons["pipe.txt"] and "不是文档" in reasons["pipe.txt"]
    assert "文件夹之外" in reasons["zero.txt"] and "文件夹之外" in reasons["far.txt"]
    assert "失效" in reasons["dangling.txt"]
    assert "循环" in reasons["loop1.txt"] and "循环" in reasons["loop2.txt"]
    assert "符号链接" in reasons["sub/up"] and "catalog.csv" in reasons["sub/catalog.csv"]


@needs_fifo
def test_load_corpus_with_a_fifo_and_a_device_link_finishes(tmp_path):
    root = tmp_path / "c"
    _write(root / "a.txt")
    os.mkfifo(root / "pipe.txt")
    os.symlink("/dev/zero", root / "zero.txt")
    start = time.perf_counter()
    corpus = gk.load_corpus(root, use_cache=False, workers=1)
    assert time.perf_counter() - start < 30
    assert corpus.ids == ["a"] and not corpus.errors
    assert len(corpus.skipped) == 2


def test_hidden_temporary_and_readme_files_are_listed_not_dropped(tmp_path):
    root = tmp_path / "c"
    for name in ("a.txt", ".草稿.txt", "~$会议纪要.docx", "README.md", "readme.txt", ".svn/entries"):
        _write(root / name)
    corpus = gk.load_corpus(root, use_cache=False, workers=1)
    assert corpus.ids == ["a"]
    reasons = _reasons(corpus.skipped)
    assert set(reasons) == {".svn", ".草稿.txt", "~$会议纪要.docx", "README.md", "readme.txt"}
    assert "隐藏文件夹" in reasons[".svn"] and "隐藏文件" in reasons[".草稿.txt"]
    assert "临时文件" in reasons["~$会议纪要.docx"] and "README" in reasons["readme.txt"]


def test_an_unreadable_subfolder_is_an_error_not_a_silent_loss(tmp_path, monkeypatch):
    root = tmp_path / "c"
    _write(root / "a.txt")
    _write(root / "locked" / "b.txt")
    real_scandir = os.scandir

    def scandir(path):  # as for a folder without read permission (the tests may run as root)
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(folder_mod.os, "scandir", scandir)
    folder = open_folder(root, single_file_hint=HINT)
    assert [f.label for f in folder.files] == ["a.txt"]
    assert [(e.path, e.kind) for e in folder.errors] == [("locked", "PermissionError")]
    assert "文件夹" in folder.errors[0].reason and "权限" in folder.errors[0].reason
    _, _, skipped = folder_files(root, HINT)
    assert len(skipped) == 1 and skipped[0].startswith("locked（")
    corpus = gk.load_corpus(root, use_cache=False, workers=1)
    assert [e.path for e in corpus.errors] == ["locked"]


@pytest.mark.skipif(os.geteuid() != 0 if hasattr(os, "geteuid") else True, reason="checks the real thing as root only")
def test_a_folder_without_permission_is_read_by_root(tmp_path):
    root = tmp_path / "c"
    _write(root / "locked" / "b.txt")
    (root / "locked").chmod(0)
    try:
        assert [label for _, label in folder_files(root, HINT)[1]] == ["locked/b.txt"]
    finally:
        (root / "locked").chmod(0o755)


def test_read_warnings_reach_the_corpus_report(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    (root / "空字符.txt").write_bytes(TEXT.encode("utf-8").replace("。".encode(), "\x00。".encode()))
    (root / "坏字节.txt").write_bytes(TEXT.encode("utf-8") * 20 + b"\xff\xfe" + TEXT.encode("utf-8"))
    corpus = gk.load_corpus(root, use_cache=False, workers=1)
    warned = {w.path: w.reason for w in corpus.warnings}
    assert "NUL" in warned["空字符.txt"]
    assert "坏字节.txt" in warned
    assert all(d.meta["read_warnings"] for d in corpus)
