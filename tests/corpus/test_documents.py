"""Documents and corpora: the bundled corpus, catalogs, bad inputs, caching, frames."""
from __future__ import annotations

import csv
import hashlib
import os
import shutil
from pathlib import Path

import pytest

import governance_kit as gk
from governance_kit.corpus.catalog import COLUMNS, read_catalog

from conftest import CORPUS, SEED_FILES

CONTRACT_COLUMNS = ["doc_id", "title", "author", "date", "place", "province", "genre", "script", "source", "path", "text"]


@pytest.fixture(scope="module")
def corpus():
    return gk.load_corpus()


def _hashes(folder: Path) -> dict[str, str]:
    out = {}
    for root, _, files in os.walk(folder, followlinks=False):
        for name in files:
            path = os.path.join(root, name)
            if os.path.islink(path):
                continue
            with open(path, "rb") as fh:
                out[path] = hashlib.sha256(fh.read()).hexdigest()
    return out


def test_bundled_corpus_is_the_seeds_byte_for_byte():
    seeds = Path(__file__).resolve().parents[3] / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared/seeds not beside the repository")
    seed_hashes = sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in seeds.glob("*.txt"))
    corpus_hashes = sorted(hashlib.sha256((CORPUS / f).read_bytes()).hexdigest() for f in SEED_FILES.values())
    assert seed_hashes == corpus_hashes


def test_catalog_lists_every_corpus_file_with_all_columns():
    rows, problems = read_catalog(CORPUS / "catalog.csv")
    assert problems == []
    assert set(rows) == set(SEED_FILES.values())
    assert {r["doc_id"]: f for f, r in rows.items()} == SEED_FILES
    with open(CORPUS / "catalog.csv", encoding="utf-8-sig", newline="") as fh:
        assert tuple(csv.DictReader(fh).fieldnames) == COLUMNS


def test_load_bundled_corpus(corpus):
    assert len(corpus) == 5 and corpus.errors == []
    assert corpus.ids == sorted(corpus.ids, key=lambda i: corpus[i].meta["path"])
    assert corpus["qingzhou_novel"].meta["genre"] == "fiction"
    assert "qingzhou_novel" not in corpus.cases().ids and len(corpus.cases()) == 4


def test_meta_contract(corpus):
    for doc in corpus:
        for key in ("title", "author", "date", "source", "genre", "script", "place", "province"):
            assert key in doc.meta
        assert isinstance(doc.meta["author"], list) and isinstance(doc.meta["place"], list)
        assert doc.meta["script"] in ("simplified", "traditional")
    assert corpus["sheyang_2023"].meta["province"] == "江苏省"
    assert corpus["jiangsu_2019"].meta["place"][0] == "南通市崇川区"
    assert corpus["gaoqiao_2024"].meta["meta_source"]["place"] == "catalog"


def test_to_frame_contract(corpus):
    frame = corpus.to_frame()
    assert list(frame.columns[: len(CONTRACT_COLUMNS)]) == CONTRACT_COLUMNS
    assert len(frame) == 5
    row = frame.set_index("doc_id").loc["interview_2024"]
    assert row["author"] == "韩亚栋、管筱璞" and row["date"] == "2024-01-16" and row["genre"] == "interview"
    assert frame["pinyin_removed"].sum() >= 820


def test_read_document_uses_the_catalog_beside_the_file():
    doc = gk.read_document(CORPUS / SEED_FILES["qingzhou_novel"])
    assert doc.doc_id == "qingzhou_novel" and doc.meta["genre"] == "fiction"
    assert doc.meta["meta_source"]["genre"] == "catalog"
    assert doc.raw.startswith("“法治建设”") and doc.text.startswith("“法治建设”")


def test_read_document_from_bytes_in_any_encoding():
    text = "城市基層治理法治化的實現路徑\n作者:孫肖遠\n街道社區作為現代城市空間和功能組織的基本單元,是城市治理的基層基礎。"
    for codec in ("utf-8", "utf-8-sig", "big5", "gb18030", "utf-16"):
        doc = gk.read_document(text.encode(codec), name="sample.txt")
        assert "街道社区作为现代城市空间和功能组织的基本单元,是城市治理的基层基础。" in doc.text, codec
        assert doc.meta["author"] == ["孙肖远"], codec


def test_read_document_errors_are_chinese(tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        gk.read_document(tmp_path / "不存在.txt")
    assert "不存在" in str(info.value)
    with pytest.raises(TypeError, match="clean_text"):
        gk.read_document(12345)


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory):
    from badinputs import make_bad_inputs

    folder = tmp_path_factory.mktemp("bad inputs")
    make_bad_inputs(folder, big_mb=50)
    return folder


def test_bad_inputs_load_to_completion(bad_folder):
    before = _hashes(bad_folder)
    corpus = gk.load_corpus(bad_folder, use_cache=False)
    after = _hashes(bad_folder)
    assert before == after, "an input file was modified"
    failed = {Path(e.path).name.split("/")[-1]: e for e in corpus.errors}
    names = {Path(p).name for p in failed}
    for expected in ("empty.txt", "image.txt", "scan.pdf", "broken.docx", "big.txt"):
        assert any(expected in n for n in names), expected
    for error in corpus.errors:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in error.reason), error
    loaded = {Path(d.meta["path"]).name for d in corpus}
    assert "上限" in failed["big.txt"].reason  # 50 MB of text: over the default text limit
    for expected in ("truncated_gbk.txt", "utf16_nobom.txt", "good.docx", "text.pdf", "gbk.txt", "big5.txt", "page.html"):
        assert expected in loaded, expected
    assert any("网格名单" in name for name in loaded), "non-UTF-8 file name not read"
    warned = {Path(w.path).name for w in corpus.warnings}
    assert "truncated_gbk.txt" in warned and all("U+FFFD" in w.reason for w in corpus.warnings if "truncated" in w.path)
    assert any("符号链接" in s for s in corpus.skipped) or any("loop" in e.path for e in corpus.errors)
    frame = corpus.to_frame()
    frame.to_parquet(bad_folder.parent / "bad.parquet")  # surrogate-free strings


def test_second_load_is_served_from_the_cache(tmp_path, monkeypatch):
    from governance_kit.corpus import documents as corpus_mod

    processed = []  # the files parsed (each file is read and hashed every time; parsed only when not cached)
    real_read = corpus_mod.read_keyed

    def read_keyed(path, label, *args):
        key, outcome = real_read(path, label, *args)
        if outcome is not None:
            processed.append(label)
        return key, outcome

    monkeypatch.setattr(corpus_mod, "read_keyed", read_keyed)
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    first = gk.load_corpus(folder, workers=1)
    assert len(processed) == 5
    second = gk.load_corpus(folder, workers=1)
    assert len(processed) == 5, "an unchanged file was processed again"
    assert [d.text for d in first] == [d.text for d in second]
    assert [d.meta for d in first] == [d.meta for d in second]
    assert [d.cleaning.to_dict() for d in first] == [d.cleaning.to_dict() for d in second]
    # an edited file is processed again, the others come from the cache
    target = folder / SEED_FILES["qingzhou_novel"]
    target.write_text(target.read_text(encoding="utf-8") + "\n新增的一段正文,用来检验缓存是否按内容失效。", encoding="utf-8")
    third = gk.load_corpus(folder, workers=1)
    assert processed[5:] == [SEED_FILES["qingzhou_novel"]]
    assert third["qingzhou_novel"].text.endswith("新增的一段正文,用来检验缓存是否按内容失效。")
    # the cache lives outside the corpus folder
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in CORPUS.iterdir())


def test_catalog_problems_are_reported_not_fatal(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("我县推进网格化管理,全县划分综合网格1993个。", encoding="utf-8")
    (folder / "catalog.csv").write_text(
        "doc_id,file,title,date,genre\nx1,a.txt,甲,2023-13-45,story\nx2,missing.txt,乙,,\n", encoding="utf-8"
    )
    corpus = gk.load_corpus(folder, use_cache=False)
    assert corpus.ids == ["x1"]
    reasons = " ".join(e.reason for e in corpus.errors)
    assert "date" in reasons and "genre" in reasons and "missing.txt" in reasons
    assert corpus["x1"].meta["title"] == "甲" and corpus["x1"].meta["date"] is None


def test_parallel_and_serial_loads_agree(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(3):
        for name in SEED_FILES.values():
            shutil.copy(CORPUS / name, folder / f"{i}_{name}")
    serial = gk.load_corpus(folder, workers=1, use_cache=False)
    parallel = gk.load_corpus(folder, workers=2, use_cache=False)
    assert [d.text for d in serial] == [d.text for d in parallel]
    assert [d.meta for d in serial] == [d.meta for d in parallel]


def test_load_corpus_argument_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="文件夹不存在"):
        gk.load_corpus(tmp_path / "nope")
    f = tmp_path / "x.txt"
    f.write_text("内容", encoding="utf-8")
    with pytest.raises(NotADirectoryError, match="read_document"):
        gk.load_corpus(f)
