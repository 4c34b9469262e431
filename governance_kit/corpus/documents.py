"""Documents and corpora: reading files into clean, described documents, loading folders, caching.

``read_document`` reads one file or byte string (:mod:`.io`), cleans it (:mod:`.clean`) and
describes it (:mod:`.meta`, plus a ``catalog.csv`` beside the file). ``load_corpus`` does the same
for a folder: bad files are reported in ``corpus.errors`` and skipped, never stopping the load;
results are cached (Parquet, keyed by content hash and kit version) so a second load is near-instant.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import cache
from . import catalog as catalog_mod
from ..clean import Change, CleanReport, clean_text
from ..errors import ReadError
from .meta import infer_meta

SKIP_NAMES = {catalog_mod.FILENAME, "README.md", "readme.md", "Thumbs.db", "desktop.ini"}
PARALLEL_MIN_FILES = 8
PARALLEL_MIN_BYTES = 4 * 1024 * 1024


def bundled_corpus_dir() -> Path:
    """The kit's own corpus: ``$GOVKIT_CORPUS`` or ``corpus/`` at the top of the repository."""
    env = os.environ.get("GOVKIT_CORPUS")
    path = Path(env) if env else Path(__file__).resolve().parents[2] / "corpus"
    if not path.is_dir():
        raise FileNotFoundError(f"找不到随工具箱提供的语料目录 {path};请在仓库根目录下以可编辑方式安装(pip install -e .),或设置环境变量 GOVKIT_CORPUS")
    return path


def display_path(path: str | os.PathLike | bytes) -> str:
    """A printable path even when the file name is not valid UTF-8 (e.g. GBK names from Windows zips)."""
    raw = os.fsencode(path)
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="backslashreplace")


@dataclass
class Document:
    """A cleaned document: ``text`` (clean, Simplified), ``raw`` (decoded, as received), ``meta``, ``cleaning``."""

    doc_id: str
    text: str
    raw: str
    meta: dict
    _cleaning: CleanReport | str = field(repr=False)  # a JSON string until first used (cached loads)

    @property
    def cleaning(self) -> CleanReport:
        """The CleanReport of this document (parsed on first access when it came from the cache)."""
        if isinstance(self._cleaning, str):
            self._cleaning = report_from_json(self._cleaning)
        return self._cleaning

    @property
    def path(self) -> str | None:
        return self.meta.get("path")

    @property
    def title(self) -> str | None:
        return self.meta.get("title")

    @property
    def is_fiction(self) -> bool:
        return self.meta.get("genre") == "fiction"

    def __repr__(self) -> str:
        return f"<Document {self.doc_id}: {self.title or '(无标题)'} [{self.meta.get('genre')}] {len(self.text)} 字>"

    def to_record(self) -> dict:
        """A flat row: the DataFrame contract of ``Corpus.to_frame``."""
        m, r = self.meta, self.cleaning
        counts = r.counts
        return {
            "doc_id": self.doc_id,
            "title": m.get("title"),
            "author": "、".join(m.get("author") or []) or None,
            "date": m.get("date"),
            "place": "、".join(m.get("place") or []) or None,
            "province": m.get("province"),
            "genre": m.get("genre"),
            "script": m.get("script"),
            "source": m.get("source"),
            "path": m.get("path"),
            "text": self.text,
            "chars_raw": r.chars_in,
            "chars_clean": r.chars_out,
            "removed_lines": counts["removed"],
            "pinyin_removed": counts["pinyin"],
            "garble_repaired": counts["repaired"],
            "garble_flagged": counts["flagged"],
            "lost_chars": counts["lost_char"],
            "converted_chars": counts["converted_chars"],
            "encoding": m.get("encoding"),
            "format": m.get("format"),
            "sha256": m.get("sha256"),
        }


@dataclass(frozen=True)
class LoadError:
    """A file that could not be read: where, why (Chinese) and the exception type."""

    path: str
    reason: str
    kind: str


class Corpus(Sequence):
    """Documents of one folder, in file order, with the problems met while loading them."""

    def __init__(self, documents: list[Document], *, errors: list[LoadError] | None = None,
                 skipped: list[str] | None = None, root: str | None = None):
        self.documents = list(documents)
        self.errors = list(errors or [])
        self.skipped = list(skipped or [])
        self.root = root
        self._by_id = {d.doc_id: d for d in self.documents}

    def __len__(self) -> int:
        return len(self.documents)

    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                return self._by_id[key]
            except KeyError:
                raise KeyError(f"语料中没有 doc_id 为 {key!r} 的文档;现有:{', '.join(self._by_id)}") from None
        if isinstance(key, slice):
            return Corpus(self.documents[key], root=self.root)
        return self.documents[key]

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __repr__(self) -> str:
        return f"<Corpus {len(self)} 篇文档, {len(self.errors)} 个读取问题{', 来自 ' + self.root if self.root else ''}>"

    @property
    def ids(self) -> list[str]:
        return list(self._by_id)

    @property
    def warnings(self) -> list[LoadError]:
        """Files read with recoverable damage (e.g. a few undecodable bytes), one entry per note."""
        return [LoadError(d.meta.get("path") or d.doc_id, w, "ReadWarning")
                for d in self.documents for w in d.meta.get("read_warnings", [])]

    def cases(self) -> "Corpus":
        """The documents usable as cases: everything except fiction (a novel is not a case report)."""
        return Corpus([d for d in self.documents if not d.is_fiction], root=self.root)

    def to_frame(self):
        """One row per document (see DESIGN.md §4): metadata, text and cleaning figures."""
        import pandas as pd

        return pd.DataFrame([d.to_record() for d in self.documents], columns=_RECORD_COLUMNS)

    def errors_frame(self):
        """The problems met while loading, one row each (path, reason, kind)."""
        import pandas as pd

        return pd.DataFrame([asdict(e) for e in self.errors], columns=["path", "reason", "kind"])


_RECORD_COLUMNS = ["doc_id", "title", "author", "date", "place", "province", "genre", "script", "source", "path", "text",
                   "chars_raw", "chars_clean", "removed_lines", "pinyin_removed", "garble_repaired", "garble_flagged",
                   "lost_chars", "converted_chars", "encoding", "format", "sha256"]


def as_documents(obj) -> list[Document]:
    """The documents of a Document, a Corpus, a list of Documents or a plain string (cleaned first).

    Every analysis function takes any of these; a string becomes one document with doc_id "text".
    """
    if isinstance(obj, Document):
        return [obj]
    if isinstance(obj, Corpus):
        return list(obj.documents)
    if isinstance(obj, str):
        result = clean_text(obj)
        return [Document("text", result.text, obj, {"doc_id": "text", "title": None}, result.report)]
    if isinstance(obj, (list, tuple)) and all(isinstance(d, Document) for d in obj):
        return list(obj)
    raise TypeError(f"需要 Document、Corpus 或字符串,收到的是 {type(obj).__name__}")


# --- one file -------------------------------------------------------------------------------------

def _describe(raw_text, path_label: str | None) -> dict:
    """Clean a RawText and describe it; returns the cacheable parts of a Document."""
    result = clean_text(raw_text.text)
    meta = infer_meta(result.text, result.report, raw_text.meta)
    meta.setdefault("place", [])
    meta.setdefault("province", None)
    meta["meta_source"] = {k: "text" for k, v in meta.items() if v not in (None, [], "")}
    meta.update(path=path_label, encoding=raw_text.encoding, format=raw_text.format, sha256=raw_text.sha256,
                size=raw_text.size, line_endings=raw_text.line_endings, read_warnings=list(raw_text.warnings))
    return {"text": result.text, "raw": raw_text.text, "meta": meta, "report": result.report}


def _doc_id_for(rel: str) -> str:
    stem = re.sub(r"\.[^./\\]+$", "", rel).replace("\\", "/")
    return re.sub(r"\s+", "_", stem)


def _document(parts: dict, doc_id: str, catalog_row: dict | None) -> Document:
    meta = parts["meta"]
    if catalog_row:
        meta = catalog_mod.apply_catalog(meta, catalog_row)
        doc_id = catalog_row["doc_id"]
    meta["doc_id"] = doc_id
    return Document(doc_id, parts["text"], parts["raw"], meta, parts["report"])


def read_document(path_or_bytes, *, name: str | None = None) -> Document:
    """Read one file (or bytes) into a clean, described :class:`Document`.

    Parameters
    ----------
    path_or_bytes : str, os.PathLike or bytes
        A .txt/.md/.html/.docx/.pdf file (any common Chinese encoding), or its bytes.
    name : str, optional
        A name for bytes (its suffix tells the format, e.g. ``"报告.docx"``).

    A ``catalog.csv`` in the file's folder that lists the file overrides the metadata the text states.

    Raises
    ------
    FileNotFoundError, ReadError
        With a Chinese message saying what is wrong with the input.
    """
    from ..io import reader as gk_io

    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        raw_text = gk_io.read_bytes(bytes(path_or_bytes), name=name)
        parts = _describe(raw_text, name)
        return _document(parts, _doc_id_for(name) if name else raw_text.sha256[:12], None)
    if not isinstance(path_or_bytes, (str, os.PathLike)):
        raise TypeError(f"read_document 需要文件路径或 bytes,收到的是 {type(path_or_bytes).__name__};纯文本请用 gk.clean_text")
    path = Path(path_or_bytes)
    raw_text = gk_io.read_file(path)
    parts = _describe(raw_text, display_path(path))
    row = None
    catalog_path = path.parent / catalog_mod.FILENAME
    if catalog_path.is_file():
        rows, _ = catalog_mod.read_catalog(catalog_path)
        row = rows.get(path.name)
    return _document(parts, _doc_id_for(path.name), row)


def _process(job: tuple[str, str]) -> tuple[str, dict | None, LoadError | None]:
    """Worker: read and clean one file; errors come back as LoadError, never raised."""
    from ..io import reader as gk_io

    path, label = job
    try:
        parts = _describe(gk_io.read_file(path), label)
        return path, parts, None
    except (ReadError, OSError) as exc:
        reason = getattr(exc, "reason", None) or gk_io.os_error_reason(exc)
        return path, None, LoadError(label, reason, type(exc).__name__)
    except Exception as exc:  # a bug or an unforeseen format problem must not abort a 1,000-file load
        return path, None, LoadError(label, f"处理时出错({type(exc).__name__}: {exc}),已跳过", type(exc).__name__)


# --- folders --------------------------------------------------------------------------------------

def _list_files(root: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """(path, relative display path) of the files to read, and what was skipped on purpose."""
    files, skipped = [], []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for d in list(dirnames):
            full = os.path.join(dirpath, d)
            if d.startswith(".") or os.path.islink(full):
                if os.path.islink(full):
                    skipped.append(f"{display_path(os.path.relpath(full, root))}(文件夹的符号链接,未跟随)")
                dirnames.remove(d)
        dirnames.sort()
        for name in sorted(filenames):
            if name.startswith(".") or name in SKIP_NAMES or name.startswith("~$"):
                continue
            full = os.path.join(dirpath, name)
            files.append((full, display_path(os.path.relpath(full, root))))
    return files, skipped


def folder_files(path, single_file_hint: str):
    """``(root, files, skipped)`` of a corpus folder (``None``: the bundled corpus), with Chinese
    errors for a missing folder or a file given instead of one."""
    root = bundled_corpus_dir() if path is None else Path(path)
    if not root.exists():
        raise FileNotFoundError(f"文件夹不存在:{display_path(root)}")
    if not root.is_dir():
        raise NotADirectoryError(f"{display_path(root)} 是文件而不是文件夹;{single_file_hint}")
    return (root, *_list_files(root))


def load_corpus(path: str | os.PathLike | None = None, *, workers: int | None = None, use_cache: bool = True,
                catalog: str | os.PathLike | None = None) -> Corpus:
    """Load a folder of documents (the bundled corpus when ``path`` is None).

    Parameters
    ----------
    path : folder, optional
        Any folder of .txt/.md/.html/.docx/.pdf files (subfolders included); default: the kit's corpus.
    workers : int, optional
        Processes for reading and cleaning (default: all cores when the folder is large enough to gain).
    use_cache : bool
        Reuse results of earlier loads of unchanged files (keyed by content hash and kit version).
    catalog : path, optional
        A catalog.csv to use instead of the one in the folder.

    Returns
    -------
    Corpus
        The documents, plus ``corpus.errors``: every file that could not be read, with a Chinese reason.
    """
    root, files, skipped = folder_files(path, "读取单个文件请用 gk.read_document")
    errors: list[LoadError] = []

    catalog_path = Path(catalog) if catalog else root / catalog_mod.FILENAME
    rows: dict[str, dict] = {}
    if catalog_path.is_file():
        rows, problems = catalog_mod.read_catalog(catalog_path)
        label = display_path(catalog_path)
        errors += [LoadError(label, p.message(label), "CatalogError") for p in problems]
        listed = {rel for _, rel in files}
        for file, row in rows.items():
            if file not in listed:
                errors.append(LoadError(label, f"{label} 第 {row['_line']} 行:登记的文件 {file!r} 在文件夹中不存在", "CatalogError"))

    store = cache.CorpusCache(root) if use_cache else None
    keys: dict[str, str] = {}
    results: dict[str, dict] = {}
    todo: list[tuple[str, str]] = []
    for full, rel in files:
        key = store.key_for(full) if store else None
        cached = store.get(key) if key else None
        if cached is not None:
            cached["meta"]["path"] = rel
            results[full] = cached
        else:
            todo.append((full, rel))
        if key:
            keys[full] = key

    for full, parts, error in _run(todo, workers):
        if error is not None:
            errors.append(error)
        else:
            results[full] = parts
            if store and full in keys:
                store.put(keys[full], parts)
    if store:
        store.save(keep=set(keys.values()))

    documents, used_ids = [], set()
    for full, rel in files:
        if full not in results:
            continue
        doc = _document(results[full], _doc_id_for(rel), rows.get(rel))
        if doc.doc_id in used_ids:
            errors.append(LoadError(rel, f"doc_id {doc.doc_id!r} 重复,已改名为 {doc.doc_id}~{len(documents)}", "CatalogError"))
            doc.doc_id = doc.meta["doc_id"] = f"{doc.doc_id}~{len(documents)}"
        used_ids.add(doc.doc_id)
        documents.append(doc)
    return Corpus(documents, errors=errors, skipped=skipped, root=display_path(root))


def _run(todo: list[tuple[str, str]], workers: int | None):
    if not todo:
        return []
    total = sum(os.path.getsize(p) for p, _ in todo if os.path.isfile(p))
    n = workers if workers is not None else os.cpu_count() or 1
    if n <= 1 or (workers is None and len(todo) < PARALLEL_MIN_FILES and total < PARALLEL_MIN_BYTES):
        return [_process(job) for job in todo]
    with ProcessPoolExecutor(max_workers=n) as pool:
        return list(pool.map(_process, todo, chunksize=max(1, len(todo) // (n * 8))))


# --- (de)serialising for the cache -----------------------------------------------------------------

def parts_to_json(parts: dict) -> dict:
    return {"text": parts["text"], "raw": parts["raw"], "meta": json.dumps(parts["meta"], ensure_ascii=False),
            "report": json.dumps(parts["report"].to_dict(), ensure_ascii=False)}


def parts_from_json(row: dict) -> dict:
    return {"text": row["text"], "raw": row["raw"], "meta": json.loads(row["meta"]), "report": row["report"]}


def report_from_json(text: str) -> CleanReport:
    report = json.loads(text)
    report["changes"] = [Change(**c) for c in report["changes"]]
    report["pinyin_notes"] = [tuple(n) for n in report.get("pinyin_notes", [])]
    return CleanReport(**report)


def rows_with_sentences(doc_or_corpus, find) -> list[dict]:
    """``find(text)`` over every document: one dict per find (its dataclass fields), with ``doc_id``
    and the ``sentence`` holding it — the shared body of ``extract_metrics`` and ``extract_places``."""
    from dataclasses import asdict

    from ..tokens.sentences import sentences_at

    rows = []
    for doc in as_documents(doc_or_corpus):
        found = find(doc.text)
        sentences = sentences_at(doc.text, [x.start for x in found], [x.end for x in found])
        rows.extend({"doc_id": doc.doc_id, **asdict(x), "sentence": sentence} for x, sentence in zip(found, sentences))
    return rows
