"""engine="dask": the same batches on a 2-worker local Dask cluster give the tables of the local path."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("dask.bag")
pytest.importorskip("distributed")

from governance_kit.pipeline import run_pipeline  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def client():
    from governance_kit.scale import local_client

    client = local_client(2)
    yield client
    cluster = client.cluster
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The seeds, their catalog, and two edited copies in a subfolder: seven documents."""
    root = tmp_path_factory.mktemp("scale") / "corpus"
    root.mkdir()
    for path in sorted(CORPUS.glob("*.txt")) + [CORPUS / "catalog.csv"]:
        shutil.copy(path, root / path.name)
    (root / "sub").mkdir()
    seed = (CORPUS / "gaoqiao_ningbo_quality_governance.txt").read_text(encoding="utf-8")
    for i in range(2):
        (root / "sub" / f"copy_{i}.txt").write_text(f"第{i}份副本\n" + seed[i * 500:], encoding="utf-8")
    return root


def test_dask_and_local_results_are_identical(client, folder, tmp_path):
    local = run_pipeline(folder, out=tmp_path / "local", workers=1, use_cache=False, batch_mb=0.01)
    dask = run_pipeline(folder, out=tmp_path / "dask", engine="dask", client=client, use_cache=False, batch_mb=0.01)
    assert dask.manifest["engine"] == "dask" and dask.manifest["partitions"] == local.manifest["partitions"] >= 4
    assert dask.tables == local.tables == ["documents", "tokens", "codings", "metrics", "places"]
    for name in local.tables:
        pd.testing.assert_frame_equal(dask.table(name), local.table(name), obj=name)
    assert dask.manifest["rows"] == local.manifest["rows"]
    assert len(dask.table("codings")) > 300


def test_dask_runs_fill_the_cache_and_tables_read_lazily(client, folder, tmp_path):
    first = run_pipeline(folder, out=tmp_path / "a", engine="dask", client=client, stages=["code"])
    again = run_pipeline(folder, out=tmp_path / "b", engine="dask", client=client, stages=["code"])
    assert first.manifest["from_cache"] == 0 and again.manifest["from_cache"] == 7
    pd.testing.assert_frame_equal(first.table("codings"), again.table("codings"))
    lazy = again.dask("codings")
    assert lazy.npartitions >= 1
    assert lazy.groupby("category").size().compute().sum() == len(again.table("codings"))


def test_run_batches_maps_the_function_it_is_given(client):
    from governance_kit.scale import run_batches

    assert run_batches([-1, 2, -3], abs, client=client) == [1, 2, 3]
    assert run_batches([], abs, client=client) == []


def test_read_dask_checks_the_table_names_it_is_given(tmp_path):
    from governance_kit.pipeline import TABLES
    from governance_kit.scale import read_dask

    with pytest.raises(ValueError, match="表名 只能是"):
        read_dask(tmp_path, "words", tables=TABLES)
    with pytest.raises(FileNotFoundError, match="没有 words 表"):
        read_dask(tmp_path, "words")
