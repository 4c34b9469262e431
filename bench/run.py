"""Benchmark: read + clean throughput against bare jieba segmentation of the same text.

Builds a corpus of at least ``--mb`` megabytes from the bundled seed documents (each copy varied:
a numbered header line and its paragraphs rotated, so no two files are identical), writes it to a
temporary folder, then measures in this one process:

* read   – ``governance_kit.io.read_file`` (bytes → text: format and encoding detection, decoding)
* clean  – ``governance_kit.clean_text`` (furniture, pinyin, mojibake, 繁→简, whitespace)
* jieba  – bare ``jieba.lcut`` (precise mode, HMM on) over the same raw texts

and prints MB/s (MB = 10^6 bytes of UTF-8 input) and the ratio of cleaning time to segmentation time.
Then the whole folder through ``governance_kit.load_corpus``: one worker, two workers, and a second
load served from the cache (in a private cache folder). Also: ``import governance_kit`` time (fresh
interpreter) and first-call latency of ``clean_text``.

    python bench/run.py            # 50 MB (jieba alone takes about two minutes)
    python bench/run.py --mb 5     # quick look
"""
from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import tempfile
from pathlib import Path

from common import SEEDS, timed, varied_copies


def build_corpus(folder: Path, megabytes: float) -> tuple[list[Path], int]:
    """Write varied copies of the raw seeds until ``megabytes`` of UTF-8 are on disk."""
    raws = [p.read_text(encoding="utf-8") for p in SEEDS]
    paths, total = [], 0
    for i, text in enumerate(varied_copies(raws, megabytes)):
        data = text.encode("utf-8")
        path = folder / f"doc_{i:06d}.txt"
        path.write_bytes(data)
        paths.append(path)
        total += len(data)
    return paths, total


def measure_loads(folder: Path) -> list[tuple[str, float]]:
    """load_corpus with 1 and 2 workers (no cache), then a first and a second cached load."""
    import os

    import governance_kit as gk

    with tempfile.TemporaryDirectory() as cache_dir:
        os.environ["GOVKIT_CACHE_DIR"] = cache_dir
        rows = [
            ("1 worker, no cache", timed(lambda: gk.load_corpus(folder, workers=1, use_cache=False))[0]),
            ("2 workers, no cache", timed(lambda: gk.load_corpus(folder, workers=2, use_cache=False))[0]),
            ("2 workers, filling cache", timed(lambda: gk.load_corpus(folder, workers=2))[0]),
            ("second load (cache hit)", timed(lambda: gk.load_corpus(folder, workers=2))[0]),
        ]
    return rows


def import_time() -> float:
    code = "import time; t=time.perf_counter(); import governance_kit; print(time.perf_counter()-t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout) for _ in range(5)]
    return sorted(runs)[len(runs) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument("--no-jieba", action="store_true", help="skip the jieba baseline")
    args = parser.parse_args()

    imp = import_time()
    import governance_kit as gk
    from governance_kit import io as gk_io

    first_call, _ = timed(lambda: gk.clean_text(SEEDS[1].read_text(encoding="utf-8")))

    with tempfile.TemporaryDirectory() as tmp:
        paths, total = build_corpus(Path(tmp), args.mb)
        mb = total / 1e6
        t_read, raws = timed(lambda: [gk_io.read_file(p).text for p in paths])
        t_clean, cleaned = timed(lambda: [gk.clean_text(r) for r in raws])
        changes = sum(len(c.report.changes) + len(c.report.pinyin_notes) for c in cleaned)
        loads = measure_loads(Path(tmp))
        t_jieba = None
        if not args.no_jieba:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            t_jieba, tokens = timed(lambda: sum(len(jieba.lcut(r)) for r in raws))

    rows = [("read", t_read), ("clean", t_clean), ("read+clean", t_read + t_clean)]
    if t_jieba:
        rows.append(("jieba.lcut (bare, precise)", t_jieba))
    print(f"corpus: {len(paths)} files, {mb:.1f} MB UTF-8 from {len(SEEDS)} seeds; {changes} cleaning changes recorded")
    print(f"{'stage':<28}{'seconds':>10}{'MB/s':>10}{'× jieba time':>15}")
    for name, seconds in rows:
        ratio = f"{seconds / t_jieba:.3f}" if t_jieba else "-"
        print(f"{name:<28}{seconds:>10.2f}{mb / seconds:>10.2f}{ratio:>15}")
    if t_jieba:
        print(f"read+clean costs {100 * (t_read + t_clean) / t_jieba:.1f}% of bare jieba segmentation of the same text ({tokens} tokens)")
    print(f"{'load_corpus':<28}{'seconds':>10}{'MB/s':>10}{'speed-up':>15}")
    base = loads[0][1]
    for name, seconds in loads:
        print(f"{name:<28}{seconds:>10.2f}{mb / seconds:>10.2f}{base / seconds:>14.1f}×")
    print(f"import governance_kit: {imp * 1000:.0f} ms (median of 5 fresh interpreters); first clean_text call: {first_call * 1000:.0f} ms")


if __name__ == "__main__":
    main()
