"""Benchmark: the whole corpus pipeline against bare jieba on the same text.

For each corpus size (default 10 and 100 MB; ``--sizes 10,100,1000``) this script writes varied
copies of the five bundled seed documents into a temporary folder (each copy gets a numbered first
line and its lines rotated, so no two files are alike and no cache can serve one for another), then
runs, each in a fresh process whose process tree is sampled for peak memory (RSS, client + workers):

* ``run_pipeline(workers=1)``: read, clean, tokenize, code, metrics, places → Parquet, with the
  default segmenter (rjieba when installed); the seconds of each stage come from the run's manifest
  (loading dictionaries and rules is counted apart, as warm-up);
* the same with Python jieba (``segmenter="jieba"``) when rjieba is installed;
* with ``--dask``, ``engine="dask"`` on a local cluster of ``--workers`` processes;
* ``run_pipeline(workers=2)``, then a second run over the unchanged corpus (from the cache) and,
  for comparison, ``load_corpus`` first and second load;
* bare jieba, precise mode (``jieba.Tokenizer().lcut``, HMM on, dictionary load not timed), over the
  cleaned text of the same documents (the text the pipeline segments) and over the raw text read
  from the files. The ratios use the cleaned text: the stricter comparison.

Every run is timed by wall clock and by CPU time (the process and its workers): on a shared machine
the CPU figures are the steadier ones, and the speed-up of the workers is also estimated from CPU
time (the client's own plus the busiest worker's). MB = 10^6 bytes of input files. Sizes above
``--single-max`` (default 100) skip the single-process runs and time bare jieba on the first
``--jieba-mb`` megabytes only (its speed per MB is steady). Also: ``import governance_kit`` time and
the latency of the first call of each stage in a fresh interpreter.

    python bench/run.py --sizes 10                        # quick look (a few minutes)
    python bench/run.py --dask                            # 10 and 100 MB (about 30 minutes on 2 cores)
    python bench/run.py --sizes 1000 --no-load-corpus     # the big one
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import SEEDS, varied_copies

HERE = Path(__file__).resolve().parent


def build_corpus(folder: Path, megabytes: float) -> tuple[list[Path], int]:
    """Write varied copies of the raw seeds until ``megabytes`` of UTF-8 are on disk."""
    raws = [p.read_text(encoding="utf-8") for p in SEEDS]
    folder.mkdir(parents=True, exist_ok=True)
    paths, total = [], 0
    for i, text in enumerate(varied_copies(raws, megabytes)):
        data = text.encode("utf-8")
        sub = folder / f"{i // 1000:03d}"  # at most 1,000 files per folder
        sub.mkdir(exist_ok=True)
        path = sub / f"doc_{i:06d}.txt"
        path.write_bytes(data)
        paths.append(path)
        total += len(data)
    return paths, total


# --- child processes -------------------------------------------------------------------------------

def _cpu() -> float:
    """CPU seconds of this process and of its finished children (pool and Dask workers)."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def child(task: dict) -> dict:
    """Run one measured task in this (fresh) process; returns what the parent prints."""
    import resource

    out = _child(task)
    out["cpu"] = _cpu() - task.get("_cpu0", 0.0)
    me = resource.getrusage(resource.RUSAGE_SELF)
    out["cpu_self"] = me.ru_utime + me.ru_stime - task.get("_cpu0", 0.0)
    return out


def _child(task: dict) -> dict:
    kind = task["kind"]
    if kind == "pipeline":
        from governance_kit.pipeline import run_pipeline

        t0 = time.perf_counter()
        result = run_pipeline(task["folder"], out=task["out"], workers=task["workers"], engine=task["engine"],
                              segmenter=task["segmenter"], overwrite=True, use_cache=task["cache"])
        return {"seconds": time.perf_counter() - t0, "manifest": result.manifest}
    if kind == "load_corpus":
        import governance_kit as gk

        t0 = time.perf_counter()
        corpus = gk.load_corpus(task["folder"], workers=task["workers"])
        return {"seconds": time.perf_counter() - t0, "documents": len(corpus)}
    if kind == "jieba":
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        bare = jieba.Tokenizer()
        bare.initialize()
        texts, size = _texts(task)
        task["_cpu0"] = _cpu()  # segmentation only: not the dictionary load, not the reading
        t0 = time.perf_counter()
        tokens = sum(len(bare.lcut(t)) for t in texts)
        return {"seconds": time.perf_counter() - t0, "bytes": size, "tokens": tokens}
    if kind == "first_call":
        out = {}
        t0 = time.perf_counter()
        import governance_kit as gk

        out["import"] = time.perf_counter() - t0
        text = SEEDS[0].read_text(encoding="utf-8")
        for name, fn in (("clean_text", lambda: gk.clean_text(text)), ("tokenize", lambda: gk.tokenize("网格员开展巡查")),
                         ("code_patterns", lambda: gk.code_patterns("推进三治融合", discover=False)),
                         ("extract_metrics", lambda: gk.extract_metrics("综合网格1993个")),
                         ("extract_places", lambda: gk.extract_places("江苏省射阳县"))):
            t0 = time.perf_counter()
            fn()
            out[name] = time.perf_counter() - t0
        return out
    raise ValueError(kind)


def _texts(task: dict) -> tuple[list[str], int]:
    """The texts bare jieba segments: cleaned (from the pipeline's documents table) or raw (decoded files)."""
    limit = task["limit_mb"] * 1e6 if task.get("limit_mb") else float("inf")
    texts, size = [], 0
    if task["text"] == "cleaned":
        import pyarrow.parquet as pq

        for part in sorted(Path(task["out"], "documents").glob("part-*.parquet")):
            table = pq.read_table(part, columns=["path", "text"])
            for path, text in zip(table.column("path").to_pylist(), table.column("text").to_pylist()):
                if size >= limit:
                    return texts, size
                texts.append(text)
                size += os.path.getsize(Path(task["folder"]) / path)
        return texts, size
    from governance_kit import io as gk_io

    for path in sorted(Path(task["folder"]).rglob("*.txt")):
        if size >= limit:
            break
        raw = gk_io.read_file(path)
        texts.append(raw.text)
        size += raw.size
    return texts, size


def measured(task: dict, env: dict) -> dict:
    """Run ``task`` in a fresh interpreter; its result plus the peak RSS of its process tree (MB)."""
    import psutil

    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(task)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = [0]

    def sample():
        try:
            root = psutil.Process(proc.pid)
        except psutil.NoSuchProcess:
            return
        while proc.poll() is None:
            try:
                rss = sum(p.memory_info().rss for p in [root] + root.children(recursive=True))
                peak[0] = max(peak[0], rss)
            except psutil.Error:
                pass
            time.sleep(0.1)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    stdout, stderr = proc.communicate()
    thread.join()
    if proc.returncode != 0:
        raise RuntimeError(f"task {task['kind']} failed:\n{stderr[-3000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["peak_mb"] = peak[0] / 1e6
    return result


# --- one corpus size -------------------------------------------------------------------------------

def bench_size(size: float, args, tmp: Path, rjieba: bool) -> dict:
    folder, out, cache = tmp / f"corpus_{size:g}", tmp / f"out_{size:g}", tmp / f"cache_{size:g}"
    t0 = time.perf_counter()
    paths, total = build_corpus(folder, size)
    mb = total / 1e6
    print(f"\n== corpus {size:g} MB: {len(paths):,} files, {mb:.1f} MB (built in {time.perf_counter() - t0:.0f} s) ==",
          flush=True)
    env = dict(os.environ, GOVKIT_CACHE_DIR=str(cache), PYTHONPATH=str(HERE.parent))
    single = size <= args.single_max
    base = {"kind": "pipeline", "folder": str(folder), "out": str(out), "engine": "local", "segmenter": "jieba"}
    runs: dict[str, dict] = {}

    def run(name, **task):
        shutil.rmtree(cache, ignore_errors=True) if not task.pop("keep_cache", False) else None
        t = dict(base, **task)
        print(f"  running: {name} …", end="", flush=True)
        runs[name] = measured(t, env)
        print(f" {runs[name]['seconds']:.1f} s, peak {runs[name]['peak_mb']:.0f} MB", flush=True)

    segmenter = "rjieba" if rjieba else "jieba"
    base["segmenter"] = segmenter
    if single:
        run("pipeline, 1 process", workers=1, cache=True)  # fills a fresh cache, like the parallel run
        out_cleaned = str(out) + "_single"
        shutil.rmtree(out_cleaned, ignore_errors=True)
        os.replace(out, out_cleaned)
        if rjieba and not args.skip_python_jieba:
            run("pipeline, 1 process, Python jieba", workers=1, cache=True, segmenter="jieba")
    if args.dask:
        run(f"pipeline, dask {args.workers} workers", workers=args.workers, cache=True, engine="dask",
            out=str(out) + "_dask")
    run(f"pipeline, {args.workers} workers", workers=args.workers, cache=True)
    if not single:
        out_cleaned = str(out)
    run("pipeline, second run (cache)", workers=args.workers, cache=True, keep_cache=True, out=str(out) + "_again")
    if args.load_corpus:
        run("load_corpus, first load", kind="load_corpus", workers=args.workers)
        run("load_corpus, second load", kind="load_corpus", workers=args.workers, keep_cache=True)
    limit = None if single else args.jieba_mb
    for text in ("cleaned",) if args.skip_raw else ("cleaned", "raw"):
        name = f"bare jieba ({text} text)"
        print(f"  running: {name} …", end="", flush=True)
        runs[name] = measured({"kind": "jieba", "text": text, "folder": str(folder), "out": out_cleaned,
                               "limit_mb": limit}, env)
        print(f" {runs[name]['seconds']:.1f} s on {runs[name]['bytes'] / 1e6:.1f} MB", flush=True)
    shutil.rmtree(folder, ignore_errors=True)
    for path in tmp.glob(f"out_{size:g}*"):
        shutil.rmtree(path, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    return {"size": size, "mb": mb, "files": len(paths), "runs": runs}


def report(res: dict, workers: int) -> dict:
    """Print the table of one size; return the acceptance figures."""
    mb, runs = res["mb"], res["runs"]
    jieba = runs["bare jieba (cleaned text)"]
    jieba_mb = jieba["bytes"] / 1e6
    jieba_speed, jieba_cpu_speed = jieba_mb / jieba["seconds"], jieba_mb / jieba["cpu"]
    print(f"\n{res['size']:g} MB corpus: {res['files']:,} files, {mb:.1f} MB. MB/s of input files; "
          f"× jieba = speed / bare jieba's speed on the cleaned text (wall clock, and CPU time)")
    print(f"{'stage / run':<42}{'wall s':>9}{'MB/s':>8}{'× jieba':>9}{'CPU s':>9}{'MB/s':>8}{'× jieba':>9}{'peak MB':>9}")

    def line(name, seconds, cpu=None, peak=None, size=mb):
        speed = size / seconds if seconds else float("inf")
        text = f"{name:<42}{seconds:>9.2f}{speed:>8.2f}{speed / jieba_speed:>9.2f}"
        if cpu is not None:
            cpu_speed = size / cpu if cpu else float("inf")
            text += f"{cpu:>9.2f}{cpu_speed:>8.2f}{cpu_speed / jieba_cpu_speed:>9.2f}"
        else:
            text += f"{'':>26}"
        print(text + (f"{peak:>9.0f}" if peak is not None else ""))

    figures = {}
    single = runs.get("pipeline, 1 process")
    if single:
        seg = single["manifest"]["options"]["segmenter"]
        stages = single["manifest"]["stage_seconds"]
        for stage in ("read", "clean", "tokenize", "code", "metrics", "places", "write"):
            if stage in stages:
                line(f"  stage: {stage}" + (f" ({seg})" if stage == "tokenize" else ""), stages[stage], stages.get("cpu:" + stage))
        print(f"{'  (warm-up: dictionaries, once per process)':<42}{stages.get('warmup', 0):>9.2f}{'':>17}{stages.get('cpu:warmup', 0):>9.2f}")
        line(f"full pipeline, 1 process ({seg})", single["seconds"], single["cpu"], single["peak_mb"])
        figures["pipeline_vs_jieba"] = (mb / single["seconds"]) / jieba_speed
        figures["pipeline_vs_jieba_cpu"] = (mb / single["cpu"]) / jieba_cpu_speed
        figures["segmenter"] = seg
        busy = sum(v for k, v in stages.items() if k.startswith("cpu:") and k not in ("cpu:warmup", "cpu:plan"))
        figures["tokenize_share"] = stages.get("cpu:tokenize", 0) / busy
    slow = runs.get("pipeline, 1 process, Python jieba")
    if slow:
        stages = slow["manifest"]["stage_seconds"]
        line("  stage: tokenize (Python jieba)", stages["tokenize"], stages.get("cpu:tokenize"))
        line("full pipeline, 1 process (Python jieba)", slow["seconds"], slow["cpu"], slow["peak_mb"])
        figures["pipeline_python_jieba_vs_jieba"] = (mb / slow["seconds"]) / jieba_speed
        figures["pipeline_python_jieba_vs_jieba_cpu"] = (mb / slow["cpu"]) / jieba_cpu_speed
        figures["python_tokenize_share"] = stages.get("cpu:tokenize", 0) / sum(
            v for k, v in stages.items() if k.startswith("cpu:") and k not in ("cpu:warmup", "cpu:plan"))
    par = runs[f"pipeline, {workers} workers"]
    line(f"full pipeline, {workers} workers", par["seconds"], par["cpu"], par["peak_mb"])
    if single:
        figures["speedup_workers"] = single["seconds"] / par["seconds"]
        # on a shared machine the workers may not get a core each: the speed-up they would have had,
        # from CPU time (the client's own, plus the busiest worker's stages)
        busiest = max(par["manifest"]["worker_cpu_seconds"] or [0.0])
        figures["speedup_workers_cpu"] = single["cpu"] / (par["cpu_self"] + busiest)
        print(f"{'  (CPU: client ' + format(par['cpu_self'], '.1f') + ' s, workers ' + ', '.join(format(w, '.1f') for w in par['manifest']['worker_cpu_seconds']) + ' s)':<42}")
    dask = runs.get(f"pipeline, dask {workers} workers")
    if dask:
        line(f"full pipeline, dask, {workers} workers", dask["seconds"], dask["cpu"], dask["peak_mb"])
    again = runs["pipeline, second run (cache)"]
    line("second run, unchanged corpus (cache)", again["seconds"], again["cpu"], again["peak_mb"])
    figures["cache_speedup"] = par["seconds"] / again["seconds"]
    if "load_corpus, first load" in runs:
        first, second = runs["load_corpus, first load"], runs["load_corpus, second load"]
        line(f"load_corpus, first load ({workers} workers)", first["seconds"], first["cpu"], first["peak_mb"])
        line("load_corpus, second load (cache)", second["seconds"], second["cpu"], second["peak_mb"])
        figures["load_corpus_cache_speedup"] = first["seconds"] / second["seconds"]
    raw = runs.get("bare jieba (raw text)")
    line(f"bare jieba.lcut, cleaned text ({jieba_mb:.0f} MB)", jieba["seconds"], jieba["cpu"], jieba["peak_mb"], jieba_mb)
    if raw:
        line(f"bare jieba.lcut, raw text ({raw['bytes'] / 1e6:.0f} MB)", raw["seconds"], raw["cpu"], raw["peak_mb"], raw["bytes"] / 1e6)
    figures["peak_mb"] = max(r["peak_mb"] for name, r in runs.items() if name.startswith("pipeline"))
    m = par["manifest"]
    print(f"rows: {m['rows']}; errors: {len(m['errors'])}")
    return figures


def import_time() -> float:
    """Median seconds of ``import governance_kit`` in 5 fresh interpreters."""
    code = "import time; t=time.perf_counter(); import governance_kit; print(time.perf_counter()-t)"
    env = dict(os.environ, PYTHONPATH=str(HERE.parent))
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                 env=env).stdout) for _ in range(5)]
    return sorted(runs)[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10,100", help="corpus sizes in MB, comma-separated (default 10,100)")
    parser.add_argument("--workers", type=int, default=2, help="workers of the parallel runs (default 2)")
    parser.add_argument("--dask", action="store_true", help="also run engine='dask' on a local cluster")
    parser.add_argument("--no-load-corpus", dest="load_corpus", action="store_false",
                        help="skip the load_corpus first/second load comparison")
    parser.add_argument("--single-max", type=float, default=100,
                        help="largest size (MB) that also gets the single-process runs (default 100)")
    parser.add_argument("--jieba-mb", type=float, default=50,
                        help="MB of text for bare jieba on sizes above --single-max (default 50)")
    parser.add_argument("--skip-python-jieba", action="store_true",
                        help="skip the single-process run with Python jieba (when rjieba is installed)")
    parser.add_argument("--skip-raw", action="store_true", help="skip bare jieba on the raw text")
    parser.add_argument("--tmp", default=None, help="folder for the temporary corpora (default: the system's)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(json.loads(args.child)), ensure_ascii=False))
        return

    import importlib.util

    rjieba = importlib.util.find_spec("rjieba") is not None
    env = dict(os.environ, PYTHONPATH=str(HERE.parent))
    imported = import_time()
    calls = [measured({"kind": "first_call"}, env) for _ in range(3)]
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; rjieba {'installed' if rjieba else 'not installed'}")
    print(f"import governance_kit: {imported * 1000:.1f} ms (median of 5 fresh interpreters)")
    first = {k: sorted(c[k] for c in calls)[1] for k in calls[0] if k not in ("import", "peak_mb", "cpu", "cpu_self")}
    print("first call in a fresh interpreter (median of 3): " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in first.items()))

    results = []
    with tempfile.TemporaryDirectory(dir=args.tmp, prefix="govkit_bench_") as tmp:
        for size in (float(s) for s in args.sizes.split(",")):
            results.append((bench_size(size, args, Path(tmp), rjieba)))

    print("\n======== results ========")
    print(f"import governance_kit: {imported * 1000:.1f} ms; first calls: " + ", ".join(
        f"{k} {v * 1000:.0f} ms" for k, v in first.items()))
    checks = []
    for res in results:
        fig = report(res, args.workers)
        size = res["size"]
        if "pipeline_vs_jieba" in fig:
            seg = fig["segmenter"]
            checks.append((f"[{size:g} MB] full pipeline ({seg}) ≥ 0.8× bare jieba, 1 process, wall clock", fig["pipeline_vs_jieba"], 0.8))
            checks.append((f"[{size:g} MB] full pipeline ({seg}) ≥ 0.8× bare jieba, 1 process, CPU time", fig["pipeline_vs_jieba_cpu"], 0.8))
            print(f"  [{size:g} MB] segmentation ({seg}) takes {fig['tokenize_share']:.0%} of the pipeline's CPU time")
        if "pipeline_python_jieba_vs_jieba" in fig:
            checks.append((f"[{size:g} MB] full pipeline (Python jieba) ≥ 0.8× bare jieba, wall clock", fig["pipeline_python_jieba_vs_jieba"], 0.8))
            checks.append((f"[{size:g} MB] full pipeline (Python jieba) ≥ 0.8× bare jieba, CPU time", fig["pipeline_python_jieba_vs_jieba_cpu"], 0.8))
            print(f"  [{size:g} MB] with Python jieba, segmentation takes {fig['python_tokenize_share']:.0%} of the pipeline's CPU time")
        if "speedup_workers" in fig and size >= 100:
            checks.append((f"[{size:g} MB] {args.workers} workers ≥ 1.7× one process, wall clock", fig["speedup_workers"], 1.7))
            checks.append((f"[{size:g} MB] {args.workers} workers ≥ 1.7× one process, from CPU time", fig["speedup_workers_cpu"], 1.7))
        if size >= 1000:
            checks.append((f"[{size:g} MB] peak memory < 2,000 MB (ratio 2,000 / peak {fig['peak_mb']:.0f} MB)",
                           2000 / max(fig["peak_mb"], 1), 1.0))
        checks.append((f"[{size:g} MB] second run ≥ 20× faster (cache)", fig["cache_speedup"], 20))
    print("\nacceptance (figure, threshold):")
    for name, value, threshold in checks:
        print(f"  {'PASS' if value >= threshold else 'FAIL'}  {name}: {value:.2f} (≥ {threshold})")
    print(f"  {'PASS' if imported < 0.3 else 'FAIL'}  import governance_kit < 0.3 s: {imported * 1000:.1f} ms")


if __name__ == "__main__":
    main()
