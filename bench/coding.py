"""Benchmark: coding throughput of ``code_patterns`` with the bundled codebook.

Builds at least ``--mb`` megabytes of text from the bundled seed documents (varied copies, as in
``bench/run.py``: a numbered header line and the lines rotated, so no two documents are identical),
wraps every copy of the cleaned seeds in a ``Document`` (not timed), then measures in this one process:

* build  – compiling the codebook: one Aho-Corasick automaton over all names and aliases, one
           alternation of all cue regexes (``Codebook.matcher()``, first call);
* code   – ``code_patterns(documents, codebook, discover=False)``: name and cue scans, overlap
           resolution, sentence lookup, DataFrame (segmentation and cleaning are not included);
* scan   – the same scans alone, to show what the rest costs: ``matcher.find`` per document, and
           ``matcher.find_all`` per batch of documents, as ``code_patterns`` runs it.

Each timed stage runs ``--repeat`` times (default 3) and the best run is reported, with the median.

MB = 10^6 bytes of UTF-8 *cleaned* text. Target: ``code`` at 20 MB/s or more.

    python bench/coding.py            # 50 MB
    python bench/coding.py --mb 5     # quick look
"""
from __future__ import annotations

import argparse

from common import SEEDS, timed, varied_copies


def build_documents(megabytes: float):
    """Varied copies of the cleaned seeds, as Documents, until ``megabytes`` of cleaned UTF-8 text."""
    from governance_kit import clean_text
    from governance_kit.clean import CleanReport
    from governance_kit.corpus import Document

    cleaned = [clean_text(p.read_text(encoding="utf-8")).text for p in SEEDS]
    docs, total = [], 0
    for i, text in enumerate(varied_copies(cleaned, megabytes)):
        doc_id = f"doc_{i:06d}"
        docs.append(Document(doc_id, text, text, {"doc_id": doc_id, "title": None}, CleanReport()))
        total += len(text.encode("utf-8"))
    return docs, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=50.0, help="text size in MB (default 50)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each stage; the best is reported (default 3)")
    args = parser.parse_args()

    from governance_kit.codebook import code_patterns, load_codebook
    from governance_kit.codebook.coding import _batches

    t_load, codebook = timed(load_codebook)
    t_build, matcher = timed(codebook.matcher)
    n_surfaces = len(matcher.surfaces)
    n_cues = sum(len(p.cues) for p in codebook)

    docs, total = build_documents(args.mb)
    mb = total / 1e6
    code_patterns(docs[:1], codebook, discover=False)  # warm-up: pandas import, first DataFrame
    scans = [timed(lambda: sum(len(matcher.find(d.text)) for d in docs)) for _ in range(args.repeat)]
    batches = [[d.text for d in batch] for batch in _batches(docs)]
    batched = [timed(lambda: sum(len(matcher.find_all(texts)) for texts in batches)) for _ in range(args.repeat)]
    codes = [timed(lambda: code_patterns(docs, codebook, discover=False)) for _ in range(args.repeat)]
    t_scan, hits = min(scans, key=lambda r: r[0])
    t_batched = min(t for t, _ in batched)
    t_code, frame = min(codes, key=lambda r: r[0])
    median = sorted(t for t, _ in codes)[len(codes) // 2]

    print(f"codebook: {len(codebook)} patterns, {n_surfaces} names/aliases (Simplified), {n_cues} cue regexes")
    print(f"load (YAML + validation): {t_load * 1000:.0f} ms; build automaton + cue regex: {t_build * 1000:.0f} ms")
    print(f"text: {len(docs)} documents, {mb:.1f} MB cleaned UTF-8 from {len(SEEDS)} seeds")
    print(f"{'stage':<34}{'seconds':>10}{'MB/s':>10}")
    print(f"{'scan only (matcher.find)':<34}{t_scan:>10.2f}{mb / t_scan:>10.1f}")
    print(f"{'scan only (matcher.find_all)':<34}{t_batched:>10.2f}{mb / t_batched:>10.1f}")
    print(f"{'code_patterns(discover=False)':<34}{t_code:>10.2f}{mb / t_code:>10.1f}   (median of {len(codes)}: {mb / median:.1f} MB/s)")
    print(f"rows: {len(frame)} ({hits} hits in the scan); {len(frame) / mb:.0f} rows per MB; target 20 MB/s: "
          f"{'met' if mb / t_code >= 20 else 'NOT met'}")

    # discovery (rules + the learned scorer, which segments the text) on the first ~1 MB, beside bare jieba
    import jieba

    sample, size = [], 0
    for d in docs:
        if size >= 1e6:
            break
        sample.append(d)
        size += len(d.text.encode("utf-8"))
    t_disc, _ = timed(lambda: code_patterns(sample, codebook, discover=True))
    quiet = jieba.Tokenizer()
    quiet.initialize()
    t_jieba, _ = timed(lambda: [quiet.lcut(d.text) for d in sample])
    print(f"code_patterns(discover=True) on {size / 1e6:.1f} MB: {size / 1e6 / t_disc:.2f} MB/s; bare jieba.lcut "
          f"{size / 1e6 / t_jieba:.2f} MB/s (discovery takes {t_disc / t_jieba:.1f}x jieba's time)")


if __name__ == "__main__":
    main()
