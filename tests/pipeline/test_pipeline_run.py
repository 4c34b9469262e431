"""run_pipeline: the same tables as the per-document functions, whatever the workers; cache reuse
keyed by content, kit version and options; bad files reported, never fatal."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

import governance_kit as gk
from governance_kit.pipeline import PipelineResult, read_table, run_pipeline

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def _tables(result) -> dict[str, pd.DataFrame]:
    return {name: result.table(name) for name in result.tables}


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Values only: missing values as None, whatever the dtype (Parquet reads back typed columns)."""
    df = df.reset_index(drop=True).astype(object)
    return df.where(df.notna(), None)


def _assert_same(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """The bundled corpus through the pipeline, in this process, without the cache."""
    out = tmp_path_factory.mktemp("pipeline") / "out"
    return run_pipeline(None, out=out, workers=1, use_cache=False)


@pytest.fixture()
def folder(tmp_path):
    """Eight files: the five seeds, two edited copies and an empty file (unreadable)."""
    root = tmp_path / "corpus"
    root.mkdir()
    for path in sorted(CORPUS.glob("*.txt")) + [CORPUS / "catalog.csv"]:
        shutil.copy(path, root / path.name)
    seed = (CORPUS / "sheyang_sanzhi_ronghe_2023.txt").read_text(encoding="utf-8")
    (root / "sub").mkdir()
    (root / "sub" / "copy_a.txt").write_text("第一份副本\n" + seed, encoding="utf-8")
    (root / "sub" / "copy_b.txt").write_text("第二份副本\n" + seed[:2000], encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    return root


def test_tables_match_the_per_document_functions(bundled):
    corpus = gk.load_corpus(use_cache=False)
    cases = {
        "documents": corpus.to_frame(),
        "codings": gk.code_patterns(corpus, discover=False),
        "metrics": gk.extract_metrics(corpus),
        "places": gk.extract_places(corpus),
    }
    for name, expected in cases.items():
        got = bundled.table(name)
        assert list(got.columns) == list(expected.columns), name
        pd.testing.assert_frame_equal(_plain(got), _plain(expected), check_dtype=False, obj=name)
    tokens = bundled.table("tokens")
    sheyang = tokens[tokens.doc_id == "sheyang_2023"].set_index("token")["count"]
    words = gk.tokenize(corpus["sheyang_2023"])
    assert sheyang.to_dict() == {w: words.count(w) for w in set(words)}
    assert sheyang["三治融合"] >= 5


def test_manifest_records_the_run(bundled):
    m = json.loads((bundled.out / "manifest.json").read_text(encoding="utf-8"))
    assert m["documents"] == 5 and m["files"] == 5 and m["errors"] == []
    assert m["rows"]["documents"] == 5 and m["rows"]["codings"] == len(bundled.table("codings"))
    assert m["kit_version"] == gk.__version__ and m["options"]["discover"] is False
    assert {"read", "clean", "tokenize", "code", "metrics", "places", "write"} <= set(m["stage_seconds"])
    assert "5 篇文档" in repr(PipelineResult.open(bundled.out))


def test_two_workers_give_the_same_tables_and_bad_files_are_listed(folder, tmp_path):
    one = run_pipeline(folder, out=tmp_path / "one", workers=1, use_cache=False, batch_mb=0.01)
    two = run_pipeline(folder, out=tmp_path / "two", workers=2, use_cache=False, batch_mb=0.01)
    assert one.manifest["partitions"] == two.manifest["partitions"] >= 4
    _assert_same(_tables(one), _tables(two))
    docs = one.table("documents")
    assert docs.doc_id.tolist() == ["gaoqiao_2024", "jiangsu_2019", "qingzhou_novel", "sheyang_2023",
                                    "interview_2024", "sub/copy_a", "sub/copy_b"]  # file order, catalog ids
    assert [e["path"] for e in one.manifest["errors"]] == ["empty.txt"]
    assert "空" in one.errors.reason[0]  # the reason is in Chinese


def test_second_run_comes_from_the_cache_and_an_edit_reprocesses_one_file(folder, tmp_path):
    first = run_pipeline(folder, out=tmp_path / "a", workers=1, batch_mb=0.01)
    assert first.manifest["from_cache"] == 0
    again = run_pipeline(folder, out=tmp_path / "b", workers=1, batch_mb=0.01)
    assert again.manifest["from_cache"] == again.manifest["documents"] == 7
    _assert_same(_tables(first), _tables(again))

    edited = folder / "sub" / "copy_b.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n另设微网格777个。", encoding="utf-8")
    third = run_pipeline(folder, out=tmp_path / "c", workers=1, batch_mb=0.01)
    assert third.manifest["from_cache"] == 6
    metrics = third.table("metrics")
    assert 777.0 in metrics[metrics.doc_id == "sub/copy_b"].value.tolist()
    assert 777.0 not in first.table("metrics").query("doc_id == 'sub/copy_b'").value.tolist()


def test_cached_rows_take_the_names_and_catalog_of_this_run(folder, tmp_path):
    run_pipeline(folder, out=tmp_path / "a", workers=1)
    (folder / "sub" / "copy_a.txt").rename(folder / "sub" / "renamed.txt")
    shutil.copy(folder / "sub" / "renamed.txt", folder / "twin.txt")  # the same bytes under two names
    catalog = (folder / "catalog.csv").read_text(encoding="utf-8").replace("三治融合", "三治融合(目录改名)")
    (folder / "catalog.csv").write_text(catalog, encoding="utf-8")
    cached = run_pipeline(folder, out=tmp_path / "b", workers=1)
    fresh = run_pipeline(folder, out=tmp_path / "c", workers=1, use_cache=False)
    assert cached.manifest["from_cache"] == cached.manifest["documents"] == 8
    _assert_same(_tables(cached), _tables(fresh))
    docs = cached.table("documents").set_index("doc_id")
    assert {"sub/renamed", "twin"} <= set(docs.index)
    assert docs.loc["sub/renamed", "path"] == "sub/renamed.txt"
    assert "目录改名" in docs.loc["sheyang_2023", "title"]


def test_options_select_stages_and_token_spans(tmp_path):
    result = run_pipeline([CORPUS / "sheyang_sanzhi_ronghe_2023.txt"], out=tmp_path / "o", workers=1,
                          stages=["tokenize"], tokens="spans")
    assert result.tables == ["documents", "tokens"]
    assert not (tmp_path / "o" / "codings").exists()
    text = result.table("documents").text[0]
    spans = result.table("tokens")
    assert len(spans) > 500 and all(text[s:e] == t for t, s, e in zip(spans.token, spans.start, spans.end))
    with pytest.raises(FileNotFoundError, match="没有 codings 表"):
        read_table(tmp_path / "o", "codings")


def test_output_folder_is_protected_and_arguments_are_checked(bundled, tmp_path):
    with pytest.raises(FileExistsError, match="overwrite=True"):
        run_pipeline(None, out=bundled.out, workers=1)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(FileExistsError, match="不是空的"):
        run_pipeline(None, out=tmp_path / "mine")
    for kwargs, message in (({"engine": "spark"}, "engine 只能是"), ({"stages": ["parse"]}, "stages"),
                            ({"tokens": "all"}, "tokens 只能是"), ({"workers": 0}, "workers 应为正整数"),
                            ({"segmenter": "pkuseg"}, "segmenter 只能是")):
        with pytest.raises(ValueError, match=message):
            run_pipeline(None, out=tmp_path / "x", **kwargs)


def test_run_pipeline_is_public_and_lazy():
    assert gk.run_pipeline is run_pipeline and "run_pipeline" in gk.__all__


def test_command_line(tmp_path, capsys):
    from governance_kit.cli import main

    out = tmp_path / "cli_out"
    assert main(["pipeline", str(CORPUS), "--out", str(out), "--workers", "1", "--stages", "code,metrics"]) == 0
    assert "已处理 5 篇文档" in capsys.readouterr().err
    assert PipelineResult.open(out).tables == ["documents", "codings", "metrics"]
    assert main(["pipeline", str(CORPUS), "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err


def test_copies_cached_together_come_back_once_each(folder, tmp_path):
    shutil.copy(folder / "sub" / "copy_a.txt", folder / "sub" / "copy_a_twin.txt")
    run_pipeline(folder, out=tmp_path / "a", workers=1)
    (folder / "sub" / "copy_a_twin.txt").rename(folder / "sub" / "copy_z.txt")
    cached = run_pipeline(folder, out=tmp_path / "b", workers=1)
    fresh = run_pipeline(folder, out=tmp_path / "c", workers=1, use_cache=False)
    assert cached.manifest["from_cache"] == 8
    _assert_same(_tables(cached), _tables(fresh))
