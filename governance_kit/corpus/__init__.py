"""Stage 3, files → documents: Document and Corpus (``model``), the one folder-reading path (``folder``),
reading a file or a folder (``documents``), the documents row (``records``), metadata (``meta``, from the
opening lines read by ``opening`` with ``chrome``, ``vocabulary``, ``names``, ``occasions`` and ``regions``) and genre
(``genres``, with text ``features``), the catalog (``catalog.csv``) and the on-disk cache."""
from .documents import load_corpus, read_document
from .folder import bundled_corpus_dir, display_path, folder_files
from .model import Corpus, Document, as_documents, rows_with_sentences
from .records import LoadError

__all__ = ["Corpus", "Document", "LoadError", "as_documents", "bundled_corpus_dir", "display_path",
           "folder_files", "load_corpus", "read_document", "rows_with_sentences"]
