"""Running batches: in this process or a pool of local processes that end with their parent.

:func:`run_job` is what a worker runs for one batch: the batch itself (:func:`.batch.process_batch`),
then its record in the output folder (:func:`.outdir.record_done`), so an interrupted run can be
resumed. :func:`die_with_parent` is the pool's initializer: on Linux the kernel kills the worker
when its parent dies (``prctl(PR_SET_PDEATHSIG)``); everywhere a watchdog thread ends it within a
second of its parent's death, so a ``kill -9`` of a run never leaves workers holding memory.
"""
from __future__ import annotations

import os
import sys
import threading
import time

from .batch import process_batch
from .jobs import BatchJob, BatchSummary
from .outdir import record_done

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5


def run_job(job: BatchJob) -> BatchSummary:
    """Process one batch and record it as done (an OSError goes up to the run, which words it)."""
    summary = process_batch(job)
    record_done(job, summary)
    return summary


def _parent_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _watch(parent: int, ppid: int) -> None:
    while True:
        time.sleep(WATCH_SECONDS)
        if os.getppid() != ppid or (os.name == "posix" and not _parent_alive(parent)):
            os._exit(1)


def die_with_parent(parent: int) -> None:
    """Pool initializer: end this worker when ``parent`` (the run's process) ends."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except Exception:  # no prctl: the watchdog below still ends the worker
            pass
    ppid = os.getppid()
    if os.name == "posix" and not _parent_alive(parent):
        os._exit(1)  # the parent died before the signal was armed
    threading.Thread(target=_watch, args=(parent, ppid), name="govkit-parent-watch", daemon=True).start()


def pool(workers: int):
    """A process pool whose workers end with this process."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent, initargs=(os.getpid(),))


def run_local(jobs: list[BatchJob], workers: int, fn=run_job):
    """Summaries of the jobs, in completion order; at most two jobs per worker in flight. On an
    error the jobs not yet started are cancelled and the error is raised."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield fn(job)
        return
    from concurrent.futures import FIRST_COMPLETED, wait

    pending = list(reversed(jobs))
    running = set()
    executor = pool(workers)
    try:
        while pending or running:
            while pending and len(running) < 2 * workers:
                running.add(executor.submit(fn, pending.pop()))
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
