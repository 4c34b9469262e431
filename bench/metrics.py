"""Benchmark: metrics and places throughput, next to bare jieba on the same cleaned text.

Builds ``--mb`` megabytes of cleaned text from the seeds (varied copies, as in bench/run.py), then
times in one process:

* ``metrics_in_text``  – every metric of every text (one compiled expression; formula spans from discovery's rules)
* ``places_in_text``   – every place (one Aho-Corasick pass over the code table; suffix places checked word by word)
* ``jieba.lcut``       – bare jieba, precise mode, on the first ``--jieba-mb`` megabytes (its speed per MB is
                         steady, so a sample is enough; the ratio uses MB/s)

MB = 10^6 bytes of UTF-8 cleaned text. Target (issue 4): report the throughput and the ratio to jieba.

    python bench/metrics.py             # 50 MB
    python bench/metrics.py --mb 5
"""
from __future__ import annotations

import argparse
import logging

from common import SEEDS, timed, varied_copies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=50.0, help="text size in MB (default 50)")
    parser.add_argument("--jieba-mb", type=float, default=2.0, help="MB of the same text for bare jieba (default 2)")
    args = parser.parse_args()

    import jieba

    from governance_kit import clean_text
    from governance_kit.metrics import metrics_in_text
    from governance_kit.places import places_in_text

    cleaned = [clean_text(p.read_text(encoding="utf-8")).text for p in SEEDS]
    texts = list(varied_copies(cleaned, args.mb))
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    metrics_in_text(texts[0]), places_in_text(texts[0])  # warm-up: rule files, code table, dictionary
    t_metrics, n_metrics = timed(lambda: sum(len(metrics_in_text(t)) for t in texts))
    t_places, n_places = timed(lambda: sum(len(places_in_text(t)) for t in texts))

    jieba.setLogLevel(logging.WARNING)
    bare = jieba.Tokenizer()
    bare.initialize()
    sample, size = [], 0.0
    for t in texts:
        if size >= args.jieba_mb:
            break
        sample.append(t)
        size += len(t.encode("utf-8")) / 1e6
    t_jieba, _ = timed(lambda: [bare.lcut(t) for t in sample])
    jieba_speed = size / t_jieba

    print(f"text: {len(texts)} documents, {mb:.1f} MB cleaned UTF-8 from {len(SEEDS)} seeds")
    print(f"{'stage':<24}{'seconds':>10}{'MB/s':>10}{'x jieba speed':>16}{'found':>10}")
    for name, seconds, found in (("metrics_in_text", t_metrics, n_metrics), ("places_in_text", t_places, n_places)):
        print(f"{name:<24}{seconds:>10.2f}{mb / seconds:>10.2f}{mb / seconds / jieba_speed:>16.1f}{found:>10}")
    print(f"{'jieba.lcut (bare)':<24}{t_jieba:>10.2f}{jieba_speed:>10.2f}{1.0:>16.1f}   (on {size:.1f} MB)")


if __name__ == "__main__":
    main()
