"""Planning: unique doc_ids before reading, batches of about the same size, cached runs kept whole,
partitions numbered in file order."""
from __future__ import annotations

from pathlib import Path

from governance_kit.corpus.folder import Folder, FolderFile
from governance_kit.pipeline.jobs import FileJob, Options
from governance_kit.pipeline.plan import batches, file_jobs, plan


def _files(tmp_path, sizes) -> list[FileJob]:
    jobs = []
    for i, size in enumerate(sizes):
        path = tmp_path / f"f{i}.txt"
        path.write_bytes(b"x" * size)
        jobs.append(FileJob(str(path), path.name, f"f{i}", None, f"k{i}"))
    return jobs


class _Cache:
    """What plan() asks of a cache: where it is, and which part holds a key."""

    def __init__(self, index):
        self.dir, self.index = Path("/cache"), index

    def has(self, key, tables):
        return key in self.index


def test_file_jobs_make_doc_ids_unique_before_reading():
    folder = Folder(Path("/c"), [FolderFile("/c/a.txt", "a.txt"), FolderFile("/c/a.md", "a.md"),
                                 FolderFile("/c/b.txt", "b.txt", {"doc_id": "x", "file": "b.txt"}),
                                 FolderFile("/c/x.txt", "x.txt")], [], [])
    jobs, renamed = file_jobs(folder)
    assert [(j.doc_id, j.label, j.key) for j in jobs] == [
        ("a.txt", "a.txt", None), ("a.md", "a.md", None), ("x", "b.txt", None), ("x~1", "x.txt", None)]
    assert jobs[2].catalog_row == {"doc_id": "x", "file": "b.txt"}
    assert [e.path for e in renamed] == ["x.txt"]


def test_batches_are_cut_by_size_in_file_order(tmp_path):
    files = _files(tmp_path, [100, 100, 100, 100, 100])
    assert [[f.doc_id for f in b] for b in batches(files, 150)] == [["f0", "f1"], ["f2", "f3"], ["f4"]]
    assert [[f.doc_id for f in b] for b in batches(files, 1e9)] == [["f0", "f1", "f2", "f3", "f4"]]
    assert batches([], 100) == []


def test_a_missing_file_counts_as_empty(tmp_path):
    files = _files(tmp_path, [100, 100])
    Path(files[0].path).unlink()
    assert len(batches(files, 150)) == 1


def test_cached_runs_stay_whole_and_partitions_follow_file_order(tmp_path):
    files = _files(tmp_path, [100] * 6)
    cache = _Cache({"k1": "p", "k2": "p", "k3": "q", "k5": "p"})
    cached, todo = plan(files, "/out", Options(), cache, 150)
    assert [(j.index, [f.doc_id for f in j.files]) for j in cached] == [(1, ["f1", "f2"]), (2, ["f3"]), (4, ["f5"])]
    assert [(j.index, [f.doc_id for f in j.files]) for j in todo] == [(0, ["f0"]), (3, ["f4"])]
    assert {j.cache_dir for j in cached + todo} == {"/cache"} and {j.out for j in todo} == {"/out"}


def test_without_a_cache_everything_is_computed(tmp_path):
    files = _files(tmp_path, [100] * 3)
    cached, todo = plan(files, "/out", Options(), None, 150)
    assert cached == [] and [j.index for j in todo] == [0, 1]
    assert todo[0].cache_dir is None
