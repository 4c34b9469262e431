"""Reading documents: one file or byte string (``read_document``) or a whole folder (``load_corpus``).

``read_document`` reads one file or byte string (:mod:`.io`), cleans it (:mod:`.clean`) and
describes it (:mod:`.meta`, plus a ``catalog.csv`` beside the file). ``load_corpus`` does the same
for a folder along :mod:`.folder` (the path the pipeline takes too): bad files are reported in
``corpus.errors`` and skipped, never stopping the load; results are cached (Parquet, keyed by content
hash and kit version) so a second load is near-instant.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import cache
from .folder import (
    catalog_row_for,
    describe,
    display_path,
    doc_id_for,
    open_folder,
    read_keyed,
    to_document,
    unique_doc_ids,
)
from ..clean.cleaner import prepare_text
from ..clean.furniture import text_keys
from .furniture import furniture_key, recurring_lines, worth_surveying
from .model import Corpus, Document
from .records import LoadError

PARALLEL_MIN_FILES = 8
PARALLEL_MIN_BYTES = 4 * 1024 * 1024


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
        parts = describe(raw_text, name)
        return to_document(parts, doc_id_for(name) if name else raw_text.sha256[:12], None)
    if not isinstance(path_or_bytes, (str, os.PathLike)):
        raise TypeError(f"read_document 需要文件路径或 bytes,收到的是 {type(path_or_bytes).__name__};纯文本请用 gk.clean_text")
    path = Path(path_or_bytes)
    raw_text = gk_io.read_file(path)
    parts = describe(raw_text, display_path(path))
    row = catalog_row_for(path)
    return to_document(parts, row["doc_id"] if row else doc_id_for(path.name), row)


def _process(job: tuple) -> tuple[str | None, dict | LoadError | None]:
    """Worker: read one file once, key and clean it (:func:`.folder.read_keyed`); errors come back
    as LoadError, never raised. ``job``: (path, label, furniture lines, salt); the keys the cache
    holds are given once per worker (:func:`_start_worker`)."""
    path, label, furniture, salt = job
    return read_keyed(path, label, salt, _KNOWN, furniture)


_KNOWN: frozenset[str] = frozenset()


def _start_worker(known: frozenset[str]) -> None:
    global _KNOWN
    _KNOWN = known


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
        The documents, plus ``corpus.errors``: every file (or subfolder) that could not be read, with a
        Chinese reason — a file over the limits of :mod:`governance_kit.io.limits` (a zip bomb, a text
        of millions of characters) among them — and a ``CacheWarning`` when the cache was damaged
        (rebuilt) or could not be written (the documents are returned all the same);
        ``corpus.warnings``: the notes of files read with recoverable damage (NUL removed, bytes
        replaced, HTML too deep for the parser …); ``corpus.skipped``: what was left out on purpose,
        with the reason (pipes, devices, links leading out of the folder, hidden, ``~$`` and README
        files …). Each file is read once: its cache key is the hash of exactly the bytes parsed.
    """
    folder = open_folder(path, catalog=catalog, single_file_hint="读取单个文件请用 gk.read_document")
    errors: list[LoadError] = list(folder.errors)

    store = cache.CorpusCache(folder.root) if use_cache else None
    keys: dict[str, str] = {}
    results = _load_files(folder.files, store, keys, workers, errors)
    furniture_keys: dict[str, str] = {}  # both results of a file with furniture are kept in the cache
    _remove_furniture(folder.files, results, store, furniture_keys, workers)
    if store:
        store.save(keep=set(keys.values()) | set(furniture_keys.values()))
        errors += [LoadError(display_path(store.path), note, "CacheWarning") for note in store.warnings]

    ids, renamed = unique_doc_ids(folder.files)  # over every file listed, as the pipeline does
    errors += renamed
    documents = [to_document(results[f.path], doc_id, f.catalog_row)
                 for f, doc_id in zip(folder.files, ids) if f.path in results]
    return Corpus(documents, errors=errors, skipped=folder.skipped, root=folder.label)


def _load_files(files, store, keys: dict, workers, errors: list, furniture: dict | None = None) -> dict[str, dict]:
    """Parts of each file (path → parts) from the cache or read and cleaned; ``keys`` gets each
    file's cache key (with the digest of its furniture lines, when ``furniture`` gives them).

    Each file is read once: its bytes are hashed, looked up and, when not cached, parsed; the
    parts are cached under the hash of exactly those bytes. A cached row found damaged when read is
    dropped (:class:`.cache.CorpusCache`) and its file read again."""
    results: dict[str, dict] = {}
    salt = store.salt if store else None
    known = store.keys() if store else frozenset()
    jobs = [(f.path, f.label, furniture.get(f.path) if furniture else None, salt) for f in files]
    again = []
    for job, (key, outcome) in zip(jobs, _run(jobs, workers, known)):
        path, label = job[0], job[1]
        if key:
            keys[path] = key
        if isinstance(outcome, LoadError):
            errors.append(outcome)
        elif outcome is None:  # in the cache
            cached = store.get(key)
            if cached is None:
                again.append(job)
            else:
                cached["meta"]["path"] = label
                results[path] = cached
        else:
            results[path] = outcome
            if store and key:
                store.put(key, outcome)
    for job, (key, outcome) in zip(again, _run(again, workers, frozenset())):
        if key:
            keys[job[0]] = key
        if isinstance(outcome, LoadError):
            errors.append(outcome)
        elif outcome is not None:
            results[job[0]] = outcome
            if store and key:
                store.put(key, outcome)
    return results


def _remove_furniture(files, results: dict, store, keys: dict, workers) -> None:
    """Clean again, with the lines recurring in their folder, the files that hold such lines
    (:mod:`.furniture`); their results replace the first ones in ``results``, their cache keys go
    to ``keys``."""
    if not worth_surveying([f.label for f in files]):
        return
    read = [f for f in files if f.path in results]
    for f in read:
        parts = results[f.path]
        if parts.get("line_keys") is None:  # cached by a kit that did not survey lines
            parts["line_keys"] = sorted(text_keys(prepare_text(parts["raw"])))
    found = recurring_lines([f.label for f in read], [results[f.path]["line_keys"] for f in read])
    furniture = {f.path: lines for f, lines in zip(read, found) if lines}
    if not furniture:
        return
    again = [f for f in read if f.path in furniture]
    redone = _load_files(again, store, keys, workers, [], furniture)
    results.update(redone)  # a file that fails now keeps its first result


def _run(todo: list[tuple], workers: int | None, known: frozenset[str]) -> list:
    if not todo:
        return []
    total = sum(os.path.getsize(job[0]) for job in todo if os.path.isfile(job[0]))
    n = workers if workers is not None else os.cpu_count() or 1
    if n <= 1 or (workers is None and len(todo) < PARALLEL_MIN_FILES and total < PARALLEL_MIN_BYTES):
        return [read_keyed(path, label, salt, known, lines) for path, label, lines, salt in todo]
    with ProcessPoolExecutor(max_workers=n, initializer=_start_worker, initargs=(known,)) as pool:
        return list(pool.map(_process, todo, chunksize=max(1, len(todo) // (n * 8))))
