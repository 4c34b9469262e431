"""Document and Corpus: a cleaned, described text and the documents of one folder.

Every analysis function takes a Document, a Corpus, a list of Documents or a plain string
(:func:`as_documents`); :func:`rows_with_sentences` is the shared body of the extractors that
return one row per find with the sentence holding it.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field

from ..clean import CleanReport, clean_text
from .records import RECORD_COLUMNS, LoadError, document_row, report_from_json


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
        return document_row(self.doc_id, self.text, self.meta, self.cleaning)


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

    def cases(self) -> Corpus:
        """The documents usable as cases of real governance: every document except fiction.

        Work reports, plans, laws and regulations, speeches, policy documents, interviews, news, case
        reports and academic articles all stay — whatever their genre, they are sources about real
        places. Only a document whose ``genre`` is ``fiction`` is left out (a novel set in a made-up
        city, like the 清州 excerpt, is not a case); the kit says ``fiction`` only with evidence of
        fiction (``genre_evidence`` in the metadata) or when ``catalog.csv`` states it. The result
        keeps ``root``; the loading problems stay with the whole corpus.
        """
        return Corpus([d for d in self.documents if not d.is_fiction], root=self.root)

    def to_frame(self):
        """One row per document (see DESIGN.md §4): metadata, text and cleaning figures."""
        import pandas as pd

        return pd.DataFrame([d.to_record() for d in self.documents], columns=RECORD_COLUMNS)

    def errors_frame(self):
        """The problems met while loading, one row each (path, reason, kind)."""
        import pandas as pd

        return pd.DataFrame([asdict(e) for e in self.errors], columns=["path", "reason", "kind"])


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


def rows_with_sentences(doc_or_corpus, find) -> list[dict]:
    """``find(text)`` over every document: one dict per find (its dataclass fields), with ``doc_id``
    and the ``sentence`` holding it — the shared body of ``extract_metrics`` and ``extract_places``."""
    from ..tokens.sentences import sentences_at

    rows = []
    for doc in as_documents(doc_or_corpus):
        found = find(doc.text)
        sentences = sentences_at(doc.text, [x.start for x in found], [x.end for x in found])
        rows.extend({"doc_id": doc.doc_id, **asdict(x), "sentence": sentence} for x, sentence in zip(found, sentences))
    return rows
