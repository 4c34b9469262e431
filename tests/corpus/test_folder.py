"""The one folder-reading path (corpus.folder): listing, skips, catalog rows, doc_ids, per-file
errors, cache keys — and load_corpus and run_pipeline taking it alike."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

import governance_kit as gk
from governance_kit.corpus import folder as folder_mod
from governance_kit.corpus.folder import (
    FolderFile,
    content_key,
    doc_id_for,
    folder_files,
    open_files,
    open_folder,
    read_parts,
    to_document,
    unique_doc_ids,
)
from governance_kit.corpus.records import LoadError

TEXT = "我县推进网格化管理,全县划分综合网格1993个,配备网格员4744名。"
HINT = "读取单个文件请用 gk.read_document"


def _write(path: Path, text: str = TEXT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


def _pipeline(source, out: Path, **kwargs):
    return gk.run_pipeline(source, out=out, workers=1, use_cache=False, stages=(), **kwargs)


# --- listing -----------------------------------------------------------------------------------------

def test_listing_skips_what_is_not_a_document_and_keeps_name_order(tmp_path):
    root = tmp_path / "c"
    for name in ("b.txt", "a.txt", "sub/z.txt", "sub/a.md", ".hidden.txt", "~$draft.docx", "README.md",
                 "Thumbs.db", "desktop.ini", "catalog.csv", ".git/x.txt"):
        _write(root / name)
    _, files, skipped = folder_files(root, HINT)
    assert [label for _, label in files] == ["a.txt", "b.txt", "sub/a.md", "sub/z.txt"]
    assert all(Path(path).is_file() for path, _ in files)
    assert skipped == [".git（隐藏文件夹，未读取）", ".hidden.txt（隐藏文件，未读取）", "README.md（说明文件 README，未读取）",
                       "Thumbs.db（系统文件，未读取）", "desktop.ini（系统文件，未读取）", "~$draft.docx（Office 临时文件，未读取）"]


def test_a_symlinked_folder_is_reported_not_followed(tmp_path):
    outside = tmp_path / "outside"
    _write(outside / "far.txt")
    root = tmp_path / "c"
    _write(root / "a.txt")
    os.symlink(outside, root / "link", target_is_directory=True)
    _, files, skipped = folder_files(root, HINT)
    assert [label for _, label in files] == ["a.txt"]
    assert len(skipped) == 1 and skipped[0].startswith("link") and "符号链接" in skipped[0]


def test_missing_folder_and_file_instead_of_folder_are_chinese_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="文件夹不存在"):
        folder_files(tmp_path / "nope", HINT)
    with pytest.raises(NotADirectoryError, match="read_document"):
        folder_files(_write(tmp_path / "a.txt"), HINT)
    with pytest.raises(FileNotFoundError, match="文件不存在"):
        open_files([tmp_path / "missing.txt"])


def test_doc_id_for_drops_the_suffix_and_blanks():
    assert doc_id_for("sub/第 1 篇.txt") == "sub/第_1_篇"
    assert doc_id_for("a\\b.docx") == "a/b"
    assert doc_id_for("no_suffix") == "no_suffix"


# --- catalog -----------------------------------------------------------------------------------------

def test_catalog_rows_are_matched_by_label_and_rows_without_a_file_are_reported(tmp_path):
    root = tmp_path / "c"
    _write(root / "a.txt")
    _write(root / "sub" / "b.txt")
    _write(root / "catalog.csv", "doc_id,file,title\nx1,a.txt,甲\nx2,gone.txt,乙\nx3,sub/b.txt,丙\n")
    folder = open_folder(root, single_file_hint=HINT)
    assert [(f.label, f.doc_id) for f in folder.files] == [("a.txt", "x1"), ("sub/b.txt", "x3")]
    assert folder.files[0].catalog_row["title"] == "甲"
    [error] = folder.errors
    assert error.kind == "CatalogError" and "第 3 行" in error.reason and "'gone.txt'" in error.reason
    assert "不存在" in error.reason


def test_catalog_problems_come_before_missing_files(tmp_path):
    root = tmp_path / "c"
    _write(root / "a.txt")
    _write(root / "catalog.csv", "doc_id,file,date\nx1,a.txt,2023-13-45\nx2,gone.txt,\n")
    reasons = [e.reason for e in open_folder(root, single_file_hint=HINT).errors]
    assert len(reasons) == 2 and "date" in reasons[0] and "gone.txt" in reasons[1]


def test_another_catalog_can_be_given(tmp_path):
    root = tmp_path / "c"
    _write(root / "a.txt")
    _write(root / "catalog.csv", "doc_id,file\nfolder_own,a.txt\n")
    other = _write(tmp_path / "other.csv", "doc_id,file\ngiven,a.txt\n")
    assert open_folder(root, catalog=other, single_file_hint=HINT).files[0].doc_id == "given"


def test_files_given_one_by_one_report_only_rows_whose_file_does_not_exist(tmp_path):
    root = tmp_path / "c"
    a = _write(root / "a.txt")
    _write(root / "sub" / "b.txt")
    _write(root / "not_given.txt")
    _write(root / "catalog.csv", "doc_id,file\nx1,a.txt\nx2,not_given.txt\nx3,gone.txt\n")
    folder = open_files([a, root / "sub" / "b.txt"])
    assert folder.root == root.resolve()
    assert [(f.label, f.doc_id) for f in folder.files] == [("a.txt", "x1"), ("sub/b.txt", "sub/b")]
    assert [e.reason for e in folder.errors] == [f"{folder.root / 'catalog.csv'} 第 4 行:登记的文件 'gone.txt' 在文件夹中不存在"]


# --- doc_ids -----------------------------------------------------------------------------------------

def test_files_differing_only_by_suffix_keep_their_suffix():
    files = [FolderFile("/x/report.docx", "report.docx"), FolderFile("/x/report.pdf", "report.pdf"),
             FolderFile("/x/report.txt", "report.txt"), FolderFile("/x/b.txt", "b.txt"),
             FolderFile("/x/sub/report.md", "sub/report.md")]
    ids, errors = unique_doc_ids(files)
    assert ids == ["report.docx", "report.pdf", "report.txt", "b", "sub/report"] and errors == []


def test_doc_ids_do_not_depend_on_the_order_of_the_files():
    files = [FolderFile("/x/a.txt", "a.txt"), FolderFile("/x/a.md", "a.md"), FolderFile("/x/b.txt", "b.txt"),
             FolderFile("/x/c.txt", "c.txt", {"doc_id": "b"}), FolderFile("/x/d.txt", "d.txt", {"doc_id": "a.md"})]
    ids, errors = unique_doc_ids(files)
    expected = {"a.txt": "a.txt", "a.md": "a.md~1", "b.txt": "b~1", "c.txt": "b", "d.txt": "a.md"}
    assert dict(zip((f.label for f in files), ids)) == expected
    for order in ([4, 3, 2, 1, 0], [2, 0, 4, 1, 3], [1, 3, 0, 2, 4]):
        shuffled = [files[i] for i in order]
        assert dict(zip((f.label for f in shuffled), unique_doc_ids(shuffled)[0])) == expected
    # the catalog's file keeps a contested id; the other is renamed and reported
    assert sorted((e.path, e.reason, e.kind) for e in errors) == [
        ("a.md", "doc_id 'a.md' 重复,已改名为 a.md~1", "CatalogError"),
        ("b.txt", "doc_id 'b' 重复,已改名为 b~1", "CatalogError")]


def test_a_renamed_id_is_itself_taken():
    files = [FolderFile("1", "x/a~1.txt", {"doc_id": "a~1"}), FolderFile("2", "a.txt"), FolderFile("3", "b.txt", {"doc_id": "a"})]
    ids, errors = unique_doc_ids(files)
    assert ids == ["a~1", "a~2", "a"] and [e.path for e in errors] == ["a.txt"]


# --- same stem, distinct ids, in both callers --------------------------------------------------------

def _same_stem_folder(root: Path) -> Path:
    _write(root / "report.txt", TEXT)
    _write(root / "report.md", "# 网格化管理报告\n\n" + TEXT + "另一种格式。")
    _write(root / "sub" / "report.txt", TEXT + "子文件夹。")
    return root


def test_same_stem_files_get_distinct_stable_ids_in_load_corpus_and_the_pipeline(tmp_path):
    root = _same_stem_folder(tmp_path / "c")
    corpus = gk.load_corpus(root, use_cache=False)
    assert corpus.ids == ["report.md", "report.txt", "sub/report"] and corpus.errors == []
    assert [d.meta["path"] for d in corpus] == ["report.md", "report.txt", "sub/report.txt"]
    result = _pipeline(root, tmp_path / "out")
    assert result.table("documents").doc_id.tolist() == corpus.ids
    assert gk.load_corpus(root, use_cache=True).ids == corpus.ids == gk.load_corpus(root, use_cache=True).ids
    assert _pipeline(root, tmp_path / "out2").table("documents").doc_id.tolist() == corpus.ids


def test_a_new_file_of_the_same_name_renames_the_cached_one_in_both_callers(tmp_path):
    root = tmp_path / "c"
    _write(root / "report.txt", TEXT)
    first = gk.run_pipeline(root, out=tmp_path / "o1", workers=1, stages=("tokenize",))
    assert first.table("documents").doc_id.tolist() == ["report"] == gk.load_corpus(root).ids
    _write(root / "report.md", "# 网格化管理报告\n\n网格员每周走访住户。")
    second = gk.run_pipeline(root, out=tmp_path / "o2", workers=1, stages=("tokenize",))
    ids = ["report.md", "report.txt"]
    assert second.table("documents").doc_id.tolist() == ids == gk.load_corpus(root).ids
    tokens = second.table("tokens")
    assert set(tokens.doc_id) == set(ids)  # the cached rows of report.txt come back under its new id


def test_files_given_in_any_order_get_the_same_ids(tmp_path):
    root = _same_stem_folder(tmp_path / "c")
    names = [root / "sub" / "report.txt", root / "report.txt", root / "report.md"]
    seen = set()
    for order in (names, names[::-1], [names[1], names[2], names[0]]):
        folder = open_files(order)
        ids, errors = unique_doc_ids(folder.files)
        seen.add(tuple(sorted(zip((f.label for f in folder.files), ids))))
        assert errors == []
    assert seen == {(("report.md", "report.md"), ("report.txt", "report.txt"), ("sub/report.txt", "sub/report"))}


# --- one file ----------------------------------------------------------------------------------------

def test_read_parts_gives_the_parts_of_a_document(tmp_path):
    path = _write(tmp_path / "a.txt")
    parts = read_parts(str(path), "a.txt")
    assert parts["text"] == TEXT and parts["meta"]["path"] == "a.txt" and parts["meta"]["size"] == path.stat().st_size
    doc = to_document(parts, "id1", {"doc_id": "x", "title": "甲", "author": ["张三"]})
    assert doc.doc_id == doc.meta["doc_id"] == "id1"
    assert doc.meta["title"] == "甲" and doc.meta["meta_source"]["title"] == "catalog"


@pytest.mark.parametrize("make, kind, words", [
    (lambda p: p.write_bytes(b""), "EmptyFileError", "为空"),
    (lambda p: p.write_bytes(b"PK\x03\x04garbage"), "CorruptFileError", "损坏"),
    (lambda p: None, "FileNotFoundError", "不存在"),
    (lambda p: p.mkdir(), "ReadError", "文件夹"),
])
def test_a_broken_file_becomes_an_error_row(tmp_path, make, kind, words):
    path = tmp_path / "broken.docx"
    make(path)
    error = read_parts(str(path), "broken.docx")
    assert isinstance(error, LoadError)
    assert (error.path, error.kind) == ("broken.docx", kind) and words in error.reason


def test_an_unforeseen_failure_is_an_error_row_too(tmp_path, monkeypatch):
    def boom(raw_text, label, furniture=None):
        raise RuntimeError("意外")

    monkeypatch.setattr(folder_mod, "describe", boom)
    error = read_parts(str(_write(tmp_path / "a.txt")), "a.txt")
    assert error == LoadError("a.txt", "处理时出错(RuntimeError: 意外),已跳过", "RuntimeError")


def test_read_parts_times_reading_and_cleaning(tmp_path):
    from contextlib import contextmanager

    seen = []

    @contextmanager
    def timer(stage):
        seen.append(stage)
        yield

    read_parts(str(_write(tmp_path / "a.txt")), "a.txt", timer=timer)
    assert seen == ["read", "clean"]


def test_content_key_follows_the_bytes_and_the_salt(tmp_path):
    a = _write(tmp_path / "a.txt")
    b = _write(tmp_path / "b.txt")
    assert content_key(a, "s") == content_key(b, "s") != content_key(a, "t")
    assert content_key(a, "s").endswith(":s")
    _write(b, TEXT + "。")
    assert content_key(a, "s") != content_key(b, "s")
    assert content_key(tmp_path / "none.txt", "s") is None


# --- both callers ------------------------------------------------------------------------------------

@pytest.fixture()
def messy(tmp_path):
    """A folder with a catalog row whose file is missing, two files differing only by suffix, a
    repeated doc_id and an empty file."""
    root = tmp_path / "messy"
    _write(root / "a.md")
    _write(root / "a.txt", TEXT + "第二篇。")
    (root / "empty.txt").write_bytes(b"")
    _write(root / "z.txt", "乡镇综合信息指挥室统一分派,限时办结。")
    _write(root / "zz.txt", "网格员每周走访住户。")  # its own doc_id "zz" is the one the catalog gives z.txt
    _write(root / "catalog.csv", "doc_id,file,title\nzz,z.txt,目录标题\ngone,gone.txt,不在\n")
    return root


def test_load_corpus_and_run_pipeline_report_the_same_problems(messy, tmp_path):
    before = _hashes(messy)
    corpus = gk.load_corpus(messy, use_cache=False)
    result = _pipeline(messy, tmp_path / "out")
    assert _hashes(messy) == before, "an input file was modified"

    problems = [(e.path, e.reason, e.kind) for e in corpus.errors]
    missing = [p for p in problems if "gone.txt" in p[1]]
    assert len(missing) == 1 and missing[0][2] == "CatalogError"
    assert ("empty.txt", "文件为空(0 字节)", "EmptyFileError") in problems
    assert ("zz.txt", "doc_id 'zz' 重复,已改名为 zz~1", "CatalogError") in problems
    assert sorted(problems) == sorted((e["path"], e["reason"], e["kind"]) for e in result.manifest["errors"])
    # the pipeline records them in its manifest in its own order: catalog, doc_ids, then the files
    assert [e["kind"] for e in result.manifest["errors"]] == ["CatalogError", "CatalogError", "EmptyFileError"]

    assert corpus.ids == ["a.md", "a.txt", "zz", "zz~1"]
    docs = result.table("documents")
    assert docs.doc_id.tolist() == corpus.ids
    assert docs.title.astype(object).where(docs.title.notna(), None).tolist() == [d.meta["title"] for d in corpus]
    assert docs.path.tolist() == ["a.md", "a.txt", "z.txt", "zz.txt"]


def test_an_unreadable_file_keeps_its_doc_id_in_load_corpus_and_the_pipeline(tmp_path):
    # both number every file listed, so a file that cannot be read today does not hand its id to
    # another file (which would change ids between runs once it is repaired)
    root = tmp_path / "c"
    (root / "a.docx").parent.mkdir(parents=True)
    (root / "a.docx").write_bytes(b"PK\x03\x04garbage")
    _write(root / "a.md")
    _write(root / "a.txt", TEXT + "另一篇。")
    corpus = gk.load_corpus(root, use_cache=False)
    result = _pipeline(root, tmp_path / "out")
    assert corpus.ids == ["a.md", "a.txt"]
    assert result.table("documents").doc_id.tolist() == corpus.ids
    assert [e.kind for e in corpus.errors] == ["CorruptFileError"]
    assert [e["path"] for e in result.manifest["errors"]] == ["a.docx"]
    (root / "a.docx").unlink()
    assert gk.load_corpus(root, use_cache=False).ids == ["a.md", "a.txt"]


def test_skipped_folders_are_reported_by_both(tmp_path):
    outside = tmp_path / "outside"
    _write(outside / "far.txt")
    root = tmp_path / "c"
    _write(root / "a.txt")
    os.symlink(outside, root / "link", target_is_directory=True)
    corpus = gk.load_corpus(root, use_cache=False)
    result = _pipeline(root, tmp_path / "out")
    assert corpus.skipped == result.manifest["skipped"] and len(corpus.skipped) == 1
    assert corpus.root == result.manifest["source"] == str(root)


def test_the_pipeline_reports_missing_rows_of_a_catalog_beside_files_given_one_by_one(tmp_path):
    root = tmp_path / "c"
    a = _write(root / "a.txt")
    _write(root / "b.txt")
    _write(root / "catalog.csv", "doc_id,file\nx1,a.txt\nx2,b.txt\nx3,gone.txt\n")
    result = _pipeline([a], tmp_path / "out")
    assert result.table("documents").doc_id.tolist() == ["x1"]
    assert [e["reason"].split(":")[-1] for e in result.manifest["errors"]] == ["登记的文件 'gone.txt' 在文件夹中不存在"]
