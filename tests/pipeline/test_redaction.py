"""Personal data in the pipeline's tables: masked by default, in fresh batches and in those written
from the cache (catalog titles changed since included), off only by ``redact=False``, recorded in
the manifest; the cache never serves masked rows to an unmasked run or the reverse."""
from __future__ import annotations

import csv

from governance_kit.pipeline import run_pipeline

PHONE, MASKED = "13912345678", "139****5678"


def _folder(root, title):
    root.mkdir(exist_ok=True)
    (root / "a.txt").write_text(f"标题\n网格员联系电话{PHONE},全镇共划分网格12个。\n", encoding="utf-8")
    (root / "b.txt").write_text("标题\n全镇推进网格化服务管理。\n", encoding="utf-8")
    with (root / "catalog.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["doc_id", "file", "title"], ["a", "a.txt", title], ["b", "b.txt", "乙"]])
    return root


def _all_text(result) -> str:
    return "\n".join(str(v) for name in result.tables for frame in [result.table(name)]
                     for column in frame.columns if frame[column].dtype == object or str(frame[column].dtype).startswith("str")
                     for v in frame[column].tolist())


def test_masked_fresh_and_from_the_cache_and_kept_only_when_asked(tmp_path):
    folder = _folder(tmp_path / "语料", "甲")
    first = run_pipeline(str(folder), out=tmp_path / "o1", workers=1)
    assert PHONE not in _all_text(first) and MASKED in _all_text(first)
    assert first.manifest["redaction"]["on"] and first.manifest["redaction"]["masked"] == {"mobile": 1}
    assert first.manifest["options"]["redact"] is True
    # the same files, a new catalog title holding a phone: rows come from the cache, relabelled
    _folder(folder, f"请拨{PHONE}")
    second = run_pipeline(str(folder), out=tmp_path / "o2", workers=1)
    assert second.manifest["from_cache"] == 2
    docs = second.table("documents")
    assert PHONE not in _all_text(second) and docs.title.tolist()[0] == f"请拨{MASKED}"
    # off: a separate cache entry, the numbers are there and the manifest says so
    raw = run_pipeline(str(folder), out=tmp_path / "o3", workers=1, redact=False)
    assert raw.manifest["from_cache"] == 0 and PHONE in _all_text(raw)
    assert raw.manifest["redaction"]["on"] is False and "未遮盖" in raw.manifest["redaction"]["note"]
    again = run_pipeline(str(folder), out=tmp_path / "o4", workers=1)
    assert again.manifest["from_cache"] == 2 and PHONE not in _all_text(again)


def test_doc_ids_are_kept_as_join_keys(tmp_path):
    folder = _folder(tmp_path / "语料", "甲")
    result = run_pipeline(str(folder), out=tmp_path / "o", workers=1, use_cache=False)
    assert result.table("documents").doc_id.tolist() == ["a", "b"]
    assert set(result.table("metrics").doc_id) <= {"a", "b"}
