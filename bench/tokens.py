"""Benchmark: governance_kit's Tokenizer against bare jieba on the same cleaned text.

Cleans the bundled seed documents once (``governance_kit.clean_text``), then builds at least
``--mb`` megabytes of text from varied copies (a numbered header line and the paragraphs rotated,
as in bench/run.py, so no two copies are identical), and measures in this one process:

* ``Tokenizer().cut``   – the kit: private jieba + governance lexicon + special-term matcher
* ``Tokenizer().words`` – the same plus stopword / punctuation / number filtering
* ``jieba.lcut``        – bare jieba (global tokenizer, default dictionary, precise mode, HMM on)

Dictionary loading is timed separately and excluded from throughput; with ``--repeat N`` the three
runs are interleaved N times and the best time of each is reported. MB = 10^6 bytes of UTF-8.

    python bench/tokens.py           # 50 MB (about four minutes)
    python bench/tokens.py --mb 5 --repeat 3    # quick look
"""
from __future__ import annotations

import argparse
import logging

from common import SEEDS, timed, varied_copies


def build_texts(megabytes: float) -> tuple[list[str], int]:
    """Varied copies of the cleaned seeds until ``megabytes`` of UTF-8 are reached."""
    import governance_kit as gk

    cleaned = [gk.clean_text(p.read_text(encoding="utf-8")).text for p in SEEDS]
    texts = list(varied_copies(cleaned, megabytes))
    return texts, sum(len(t.encode("utf-8")) for t in texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=50.0, help="text size in MB (default 50)")
    parser.add_argument("--repeat", type=int, default=1, help="interleaved rounds; the best time of each counts (default 1)")
    args = parser.parse_args()

    texts, total = build_texts(args.mb)
    mb = total / 1e6
    chars = sum(map(len, texts))

    from governance_kit.tokens import Tokenizer

    tok = Tokenizer()
    t_load_kit, _ = timed(lambda: tok.cut("网格员"))
    import jieba

    jieba.setLogLevel(logging.WARNING)
    t_load_jieba, _ = timed(jieba.initialize)

    runs = {"Tokenizer().cut": lambda: sum(len(tok.cut(t)) for t in texts),
            "Tokenizer().words": lambda: sum(len(tok.words(t)) for t in texts),
            "jieba.lcut (bare)": lambda: sum(len(jieba.lcut(t)) for t in texts)}
    best = {name: (float("inf"), 0) for name in runs}
    for _ in range(args.repeat):  # interleaved, best of N: the machine may be shared
        for name, fn in runs.items():
            seconds, tokens = timed(fn)
            best[name] = min(best[name], (seconds, tokens))
    (t_kit, n_kit), (t_words, n_words), (t_jieba, n_jieba) = best.values()

    print(f"text: {len(texts)} varied copies of {len(SEEDS)} cleaned seeds, {mb:.1f} MB UTF-8, {chars:,} characters")
    print(f"dictionary load: kit {t_load_kit * 1000:.0f} ms (jieba main dictionary + {len(tok.terms)} lexicon terms), "
          f"bare jieba {t_load_jieba * 1000:.0f} ms")
    print(f"{'segmenter':<30}{'seconds':>10}{'MB/s':>8}{'tokens':>13}{'× jieba time':>15}")
    for name, seconds, tokens in [("Tokenizer().cut", t_kit, n_kit), ("Tokenizer().words", t_words, n_words),
                                  ("jieba.lcut (bare)", t_jieba, n_jieba)]:
        print(f"{name:<30}{seconds:>10.2f}{mb / seconds:>8.2f}{tokens:>13,}{seconds / t_jieba:>15.3f}")
    print(f"Tokenizer().cut runs at {t_jieba / t_kit:.2f}× the speed of bare jieba.lcut "
          f"({100 * (t_kit - t_jieba) / t_jieba:+.1f}% time); words() adds {100 * (t_words - t_kit) / t_kit:.1f}% to cut()")


if __name__ == "__main__":
    main()
