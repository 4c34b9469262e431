"""Stage 3, files → documents: Document and Corpus, reading a folder, metadata and genre (``meta``),
the catalog (``catalog.csv``) and the on-disk cache."""
from .documents import (
    Corpus, Document, LoadError, as_documents, bundled_corpus_dir, display_path, folder_files, load_corpus,
    read_document, rows_with_sentences,
)

__all__ = ["Corpus", "Document", "LoadError", "as_documents", "bundled_corpus_dir", "display_path",
           "folder_files", "load_corpus", "read_document", "rows_with_sentences"]
