"""Reading a folder of documents: the one path behind ``load_corpus`` and ``run_pipeline``.

1. Listing (:func:`folder_files`): files in name order, subfolders included, told apart by the
   directory entries alone (nothing is opened). Left out and listed in ``skipped`` with the reason:
   hidden files and folders, Office lock files (``~$…``), README, Thumbs.db, desktop.ini; FIFOs,
   sockets and devices; symbolic links to folders (not followed), leading out of the folder, in a
   loop or to nothing. A subfolder that cannot be opened is an error (``Folder.errors``). The
   catalog itself is not listed.
2. The catalog (:func:`open_folder`, :func:`open_files`): ``catalog.csv`` in the folder (or the one
   given) sets the doc_id and metadata of the files it lists; its problems, and its rows naming a
   file that is not there, become ``CatalogError`` rows.
3. doc_ids (:func:`unique_doc_ids`): the catalog's, or the file's relative path without its suffix
   (with it where files differ only by suffix: ``report.docx``, ``report.pdf``); one still repeated
   becomes ``<id>~<k>`` and is reported. They depend on the listed files, not on their order or on
   which of them could be read.
4. Each file (:func:`read_parts`): read and cleaned, or a :class:`LoadError` with a Chinese reason —
   never raised, so one broken file never stops a load.
5. The cache key (:func:`read_keyed`): the SHA-256 of exactly the bytes read and parsed (each file is
   read once) plus what else its result depends on (:func:`content_key` hashes a file on its own).

``load_corpus`` and the pipeline give every file the same doc_id: both number the files listed,
read or not (the pipeline plans its batches before reading).
Input files are only ever opened for reading.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections import Counter
from collections.abc import Container, Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from ..clean.cleaner import clean_and_survey
from ..errors import ReadError
from ..storage import file_sha256
from . import catalog as catalog_mod
from .furniture import furniture_key
from .meta import infer_meta
from .model import Document
from .records import LoadError

_README = {"readme", "readme.md", "readme.txt", "readme.markdown"}
_SYSTEM_FILES = {"Thumbs.db", "desktop.ini", ".DS_Store"}


def bundled_corpus_dir() -> Path:
    """The kit's own corpus: ``$GOVKIT_CORPUS`` or ``corpus/`` at the top of the repository."""
    env = os.environ.get("GOVKIT_CORPUS")
    path = Path(env) if env else Path(__file__).resolve().parents[2] / "corpus"
    if not path.is_dir():
        raise FileNotFoundError(f"找不到随工具箱提供的语料目录 {path};请在仓库根目录下以可编辑方式安装(pip install -e .),或设置环境变量 GOVKIT_CORPUS")
    return path


def display_path(path: str | os.PathLike | bytes) -> str:
    """A printable path even when the file name is not valid UTF-8 (e.g. GBK names from Windows zips).

    >>> display_path("语料/a.txt"), display_path("网格".encode("gbk"))
    ('语料/a.txt', '网格')
    """
    raw = os.fsencode(path)
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="backslashreplace")


def doc_id_for(label: str, *, suffix: bool = False) -> str:
    """The doc_id of a file no catalog row names: its relative path without suffix (with it when
    ``suffix``, see :func:`unique_doc_ids`), blanks as ``_``.

    >>> doc_id_for("sub/第 1 篇.txt"), doc_id_for("a\\\\b.docx"), doc_id_for("报告.pdf", suffix=True)
    ('sub/第_1_篇', 'a/b', '报告.pdf')
    """
    stem = label if suffix else re.sub(r"\.[^./\\]+$", "", label)
    return re.sub(r"\s+", "_", stem.replace("\\", "/"))


@dataclass(frozen=True)
class FolderFile:
    """A file to read: ``path`` to open, ``label`` (its path relative to the folder, shown to the
    user) and the catalog row that lists it, if any."""

    path: str
    label: str
    catalog_row: dict | None = None

    @property
    def doc_id(self) -> str:
        """The catalog's doc_id, or one derived from the label (before :func:`unique_doc_ids`)."""
        return self.catalog_row["doc_id"] if self.catalog_row else doc_id_for(self.label)


@dataclass
class Folder:
    """What a folder holds: its files in order, what was skipped on purpose, and the catalog's problems."""

    root: Path
    files: list[FolderFile]
    skipped: list[str]
    errors: list[LoadError]  # catalog problems, then catalog rows whose file is not there

    @property
    def label(self) -> str:
        return display_path(self.root)


# --- listing -----------------------------------------------------------------------------------------

def _list_files(root: Path) -> tuple[list[tuple[str, str]], list[str], list[LoadError]]:
    """(path, relative display path) of the files to read, what was skipped on purpose (with the
    reason) and the subfolders that could not be opened. Nothing listed here is opened: the kind of
    each entry comes from the directory (lstat), so a FIFO or a link to a device never blocks."""
    files: list[tuple[str, str]] = []
    skipped: list[str] = []
    problems: list[LoadError] = []
    real_root = os.path.realpath(root)

    def label(full: str) -> str:
        return display_path(os.path.relpath(full, root))

    def walk(folder: str) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            from ..io.reader import os_error_reason

            problems.append(LoadError(label(folder), f"无法打开这个文件夹，其中的文件都未读取（{os_error_reason(exc)}）",
                                      type(exc).__name__))
            return
        folders = []
        for entry in entries:
            why = _skip_reason(entry, folder == str(root), real_root)
            if why is not None:
                if why:
                    skipped.append(f"{label(entry.path)}{why}")
            elif _is_folder(entry):
                folders.append(entry.path)
            else:
                files.append((entry.path, label(entry.path)))
        for sub in folders:
            walk(sub)

    walk(str(root))
    return files, skipped, problems


_DEVICE_KINDS = ((stat.S_ISFIFO, "命名管道 FIFO"), (stat.S_ISSOCK, "套接字"), (stat.S_ISCHR, "字符设备"),
                 (stat.S_ISBLK, "块设备"))


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _skip_reason(entry: os.DirEntry, at_root: bool, real_root: str) -> str | None:
    """Why an entry of a folder is not read (``（…）``), or None for a file or folder to read."""
    name = entry.name
    if _is_folder(entry):
        return "（隐藏文件夹，未读取）" if name.startswith(".") else None
    if entry.is_symlink():
        return _link_reason(entry.path, real_root)
    if name == catalog_mod.FILENAME and at_root:
        return ""  # the catalog itself: read as the catalog, not listed
    try:
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError:
        mode = stat.S_IFREG  # vanished or unreadable: reading it reports why
    for test, kind in _DEVICE_KINDS:
        if test(mode):
            return f"（{kind}，不是文档，未读取）"
    if name.startswith("~$"):
        return "（Office 临时文件，未读取）"
    if name.startswith("."):
        return "（隐藏文件，未读取）"
    if name.lower() in _README:
        return "（说明文件 README，未读取）"
    if name in _SYSTEM_FILES:
        return "（系统文件，未读取）"
    if name == catalog_mod.FILENAME:
        return "（catalog.csv 只在文件夹最上层起作用，未作为文档读取）"
    return None


def _link_reason(path: str, real_root: str) -> str | None:
    """Why a symbolic link is not read, or None for a link to a regular file inside the folder."""
    try:
        mode = os.stat(path).st_mode  # stat, never open: the target may be a FIFO or a device
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "（符号链接形成循环，未读取）"
        return "（失效的符号链接，指向的文件不存在，未读取）"
    if stat.S_ISDIR(mode):
        return "(文件夹的符号链接,未跟随)"
    target = os.path.realpath(path)
    if os.path.commonpath([real_root, target]) != real_root:
        return "（符号链接指向文件夹之外，未读取）"
    if not stat.S_ISREG(mode):
        return "（符号链接指向的不是普通文件，不是文档，未读取）"
    return None


def _root(path, single_file_hint: str) -> Path:
    root = bundled_corpus_dir() if path is None else Path(path)
    if not root.exists():
        raise FileNotFoundError(f"文件夹不存在:{display_path(root)}")
    if not root.is_dir():
        raise NotADirectoryError(f"{display_path(root)} 是文件而不是文件夹;{single_file_hint}")
    return root


def folder_files(path, single_file_hint: str):
    """``(root, files, skipped)`` of a corpus folder (``None``: the bundled corpus), with Chinese
    errors for a missing folder or a file given instead of one."""
    root = _root(path, single_file_hint)
    files, skipped, problems = _list_files(root)
    return root, files, skipped + [f"{p.path}（{p.reason}）" for p in problems]


def open_folder(path, *, catalog=None, single_file_hint: str) -> Folder:
    """The files of a folder (``None``: the bundled corpus) with their catalog rows.

    ``catalog``: a catalog.csv to use instead of the folder's own. A catalog row whose file is not
    among the files listed is reported."""
    root = _root(path, single_file_hint)
    files, skipped, problems = _list_files(root)
    listed = {rel for _, rel in files}
    folder = _with_catalog(root, files, skipped, catalog, lambda file: file in listed)
    folder.errors[:0] = problems
    return folder


def open_files(paths: Iterable, *, catalog=None) -> Folder:
    """Some files, as if they were a folder: their common parent folder is the root (labels and the
    catalog are relative to it). A catalog row is reported only when its file does not exist."""
    paths = [Path(p) for p in paths]
    for p in paths:
        if not p.is_file():
            raise FileNotFoundError(f"文件不存在:{display_path(p)}")
    root = Path(os.path.commonpath([str(p.resolve().parent) for p in paths])) if paths else Path(".")
    files = [(str(p), display_path(os.path.relpath(p.resolve(), root))) for p in paths]
    listed = {rel for _, rel in files}
    return _with_catalog(root, files, [], catalog, lambda file: file in listed or (root / file).is_file())


def _with_catalog(root: Path, files, skipped, catalog, present) -> Folder:
    catalog_path = Path(catalog) if catalog else root / catalog_mod.FILENAME
    rows: dict[str, dict] = {}
    errors: list[LoadError] = []
    if catalog_path.is_file():
        rows, problems = catalog_mod.read_catalog(catalog_path)
        label = display_path(catalog_path)
        errors += [LoadError(label, p.message(label), "CatalogError") for p in problems]
        for file, row in rows.items():
            if not present(file):
                errors.append(LoadError(label, f"{label} 第 {row['_line']} 行:登记的文件 {file!r} 在文件夹中不存在",
                                        "CatalogError"))
    return Folder(root, [FolderFile(full, rel, rows.get(rel)) for full, rel in files], list(skipped), errors)


def catalog_row_for(path: Path) -> dict | None:
    """The row of the ``catalog.csv`` beside ``path`` that lists it (its problems are not reported here)."""
    catalog_path = path.parent / catalog_mod.FILENAME
    if not catalog_path.is_file():
        return None
    rows, _ = catalog_mod.read_catalog(catalog_path)
    return rows.get(path.name)


# --- doc_ids -----------------------------------------------------------------------------------------

def unique_doc_ids(files: Sequence[FolderFile]) -> tuple[list[str], list[LoadError]]:
    """The doc_ids of ``files``, made unique the same way whatever their order.

    1. Files no catalog row names take their relative path without its suffix; where several share
       it (``report.docx``, ``report.pdf``, ``report.txt``), each keeps its suffix instead — the
       same file gets the same id in every run as long as the files of that name stay the same.
    2. An id still claimed more than once (a catalog row giving a file's derived id, say) stays
       with the catalog's file, else with the first in path order; each other file becomes
       ``<doc_id>~<k>`` (the smallest k not taken), reported as a ``CatalogError``.

    >>> from types import SimpleNamespace as F
    >>> unique_doc_ids([F(label="r.pdf", catalog_row=None), F(label="r.docx", catalog_row=None)])[0]
    ['r.pdf', 'r.docx']
    """
    derived = [None if f.catalog_row else doc_id_for(f.label) for f in files]
    counts = Counter(d for d in derived if d is not None)
    shared = {d for d, count in counts.items() if count > 1}
    claims = [f.catalog_row["doc_id"] if f.catalog_row else
              doc_id_for(f.label, suffix=d in shared) for f, d in zip(files, derived)]
    ids = list(claims)
    contenders: dict[str, list[int]] = {}
    for n, claim in enumerate(claims):
        contenders.setdefault(claim, []).append(n)
    taken = set(claims)
    renamed: dict[int, str] = {}
    for claim in sorted(c for c, ns in contenders.items() if len(ns) > 1):
        order = sorted(contenders[claim], key=lambda n: (files[n].catalog_row is None, files[n].label))
        k = 1
        for n in order[1:]:
            while f"{claim}~{k}" in taken:
                k += 1
            ids[n] = renamed[n] = f"{claim}~{k}"
            taken.add(ids[n])
    errors = [LoadError(files[n].label, f"doc_id {claims[n]!r} 重复,已改名为 {ids[n]}", "CatalogError")
              for n in sorted(renamed)]
    return ids, errors


# --- one file ----------------------------------------------------------------------------------------

def describe(raw_text, label: str | None, furniture: dict[int, int] | None = None) -> dict:
    """Clean a RawText and describe it: the parts of a Document (text, raw, meta, report) before a
    catalog row or a doc_id is applied — what the cache keeps — and ``line_keys``, the keys of its
    candidate furniture lines (:mod:`.furniture`). ``furniture``: the lines recurring in its folder."""
    result, keys = clean_and_survey(raw_text.text, furniture=furniture, keys=True)
    meta = infer_meta(result.text, result.report, raw_text.meta)
    meta.setdefault("place", [])
    meta.setdefault("province", None)
    meta["meta_source"] = {k: "text" for k, v in meta.items() if v not in (None, [], "")}
    meta.update(path=label, encoding=raw_text.encoding, format=raw_text.format, sha256=raw_text.sha256,
                size=raw_text.size, line_endings=raw_text.line_endings, read_warnings=list(raw_text.warnings))
    return {"text": result.text, "raw": raw_text.text, "meta": meta, "report": result.report, "line_keys": sorted(keys)}


def to_document(parts: dict, doc_id: str, catalog_row: dict | None) -> Document:
    """A Document from its parts: the catalog row's metadata over the text's, under ``doc_id``."""
    meta = parts["meta"]
    if catalog_row:
        meta = catalog_mod.apply_catalog(meta, catalog_row)
    meta["doc_id"] = doc_id
    return Document(doc_id, parts["text"], parts["raw"], meta, parts["report"])


def read_parts(path: str, label: str, timer=None, furniture: dict[int, int] | None = None) -> dict | LoadError:
    """Read and clean one file: its parts (see :func:`describe`), or a :class:`LoadError` with a
    Chinese reason — never raised. ``timer(stage)``, if given, is a context manager timing the
    ``"read"`` and ``"clean"`` steps; ``furniture``: the lines recurring in the file's folder."""
    return read_keyed(path, label, furniture=furniture, timer=timer)[1]


def read_keyed(path: str, label: str, salt: str | None = None, known: Container[str] = frozenset(),
               furniture: dict[int, int] | None = None, timer=None) -> tuple[str | None, dict | LoadError | None]:
    """Read one file's bytes once, key and clean them: ``(key, outcome)``.

    ``key`` is the cache key of exactly the bytes parsed (``<sha256>:<salt><suffix>``: the same bytes
    named .txt and .pdf give different results; with the digest of ``furniture`` folded in; None without ``salt`` or when the file could not be read), so a file
    saved while a folder loads is never cached under the hash of another version. ``outcome``: the
    parts (see :func:`describe`), a :class:`LoadError` (never raised), or None when ``key`` is in
    ``known`` (the cache holds it: not parsed)."""
    from ..io import reader as gk_io

    timer = timer or (lambda stage: nullcontext())
    key = None
    try:
        with timer("read"):
            data = gk_io.file_bytes(path)
            if salt is not None:
                suffix = os.path.splitext(os.fsdecode(os.fspath(path)))[1].lower()  # it picks the format
                key = furniture_key(f"{hashlib.sha256(data).hexdigest()}:{salt}{suffix}", furniture)
                if key in known:
                    return key, None
            raw_text = gk_io.read_bytes(data, name=os.fsdecode(os.fspath(path)))
            del data
        with timer("clean"):
            return key, describe(raw_text, label, furniture)
    except (ReadError, OSError) as exc:
        reason = getattr(exc, "reason", None) or gk_io.os_error_reason(exc)
        return key, LoadError(label, reason, type(exc).__name__)
    except MemoryError:
        return key, LoadError(label, "内存不足，无法读取这个文件（文件太大或内容异常），已跳过", "MemoryError")
    except Exception as exc:  # a bug or an unforeseen format problem must not abort a 100,000-file load
        return key, LoadError(label, f"处理时出错({type(exc).__name__}: {exc}),已跳过", type(exc).__name__)


def content_key(path: str | os.PathLike, salt: str) -> str | None:
    """The cache key of a file: ``<SHA-256 of its bytes>:<salt>`` (``salt``: the kit's fingerprint,
    plus the options when they change the result); None when the file cannot be read."""
    try:
        return f"{file_sha256(path)}:{salt}"
    except OSError:
        return None
