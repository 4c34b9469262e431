"""The Dask backend: the corpus pipeline on a Dask cluster, with the same results as on one machine.

``run_pipeline(folder, out=..., engine="dask")`` plans batches exactly as the local engine does, then
hands them here with the batch function it runs locally (``governance_kit.pipeline.batch.process_batch``:
read, clean, tokenize, code, metrics, places for each document, one Parquet partition per table),
mapped over a ``dask.bag`` with one partition per batch. Each task writes its own partitions and
returns a short summary, so nothing large travels back to the client and memory stays bounded on
every worker. This module sits below the pipeline and imports nothing of it: the pipeline passes
its batch function and its table names in.

On a real cluster
-----------------
* every worker must see the input files and the output folder under the same paths (a shared
  file system: NFS, a mounted object store), and have the kit installed (same version);
* connect a client and pass it: ``run_pipeline(folder, out=..., engine="dask", client=Client("tcp://scheduler:8786"))``;
* the cache lives in each machine's cache folder: set ``GOVKIT_CACHE_DIR`` to a shared folder on
  every worker so the client can reuse what the workers stored, or pass ``use_cache=False``.

The tables can then be read lazily with :func:`read_dask` (``dask.dataframe.read_parquet``).
Dask and distributed are optional (``pip install "governance_kit[scale]"``); they are imported
only here, on first use.
"""
from __future__ import annotations

from pathlib import Path

from .errors import check_choice

__all__ = ["local_client", "read_dask", "run_batches"]


def _require():
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise ImportError('engine="dask" 需要安装 dask 和 distributed:pip install "governance_kit[scale]",'
                          '或者 pip install "dask[bag,dataframe]" distributed') from None


def local_client(workers: int = 2, *, memory_limit: str | None = "auto"):
    """A ``distributed.Client`` on a local cluster of ``workers`` processes with one thread each
    (jieba holds the GIL: threads would not run segmentation in parallel); the dashboard on a free
    port, logs quiet."""
    _require()
    import logging

    from distributed import Client, LocalCluster

    for name in ("distributed", "distributed.scheduler", "distributed.nanny", "distributed.worker"):
        logging.getLogger(name).setLevel(logging.ERROR)
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                           memory_limit=memory_limit, silence_logs=logging.ERROR)
    return Client(cluster)


def run_batches(jobs, process, *, client=None, workers: int = 2) -> list:
    """``process(job)`` for every job, on Dask workers; the results (short summaries), in job order.

    ``process`` must be importable by the workers (a module-level function such as the pipeline's
    batch function). ``client``: a ``distributed.Client`` (a real cluster or a local one). Without
    one, a local cluster of ``workers`` processes is started for this call and closed afterwards.
    """
    _require()
    if not jobs:
        return []
    import dask.bag as db

    own = client is None
    if own:
        client = local_client(workers)
    try:
        bag = db.from_sequence(jobs, npartitions=len(jobs)).map(process)
        return list(client.compute(bag, optimize_graph=False).result())
    finally:
        if own:
            cluster = client.cluster
            client.close()
            cluster.close()


def read_dask(out, name: str, *, tables=None):
    """One table of a pipeline output folder as a lazy Dask DataFrame (one partition per file).

    ``tables``: the table names allowed (the pipeline passes its own); any folder of ``out`` otherwise."""
    _require()
    import dask.dataframe as dd

    if tables is not None:
        check_choice("表名", name, tables)
    folder = Path(out) / name
    if not folder.is_dir():
        raise FileNotFoundError(f"{Path(out)} 中没有 {name} 表(这次运行没有包括相应的步骤?)")
    return dd.read_parquet(sorted(str(p) for p in folder.glob("part-*.parquet")))
