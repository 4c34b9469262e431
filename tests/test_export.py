"""Exports and redaction (governance_kit.export)."""
from __future__ import annotations

import pandas as pd
import pytest

from governance_kit.export import redact, redact_text, to_csv, to_excel, to_parquet


@pytest.mark.parametrize(
    "text, expected",
    [
        ("电话13912345678。", "电话139****5678。"),
        ("座机0515-88886666", "座机0515-****6666"),
        ("身份证号32092419900101123X", "身份证号320924********123X"),
        ("网格1993个,投资240余万元,2023年5月", "网格1993个,投资240余万元,2023年5月"),  # numbers that are not phones
        ("编号123456789012345678901", "编号123456789012345678901"),            # too long for an ID
    ],
)
def test_redaction(text, expected):
    assert redact_text(text) == expected


def _table():
    return pd.DataFrame({"doc_id": ["a", "b"], "sentence": ["联系13912345678", "网格员300名"], "value": [1.0, 300.0]})


def test_csv_starts_with_the_bom_and_reads_back(tmp_path):
    path = to_csv(_table(), tmp_path / "表.csv")
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"
    back = pd.read_csv(path, encoding="utf-8-sig")
    assert back.sentence.tolist() == ["联系139****5678", "网格员300名"]
    raw = to_csv(_table(), tmp_path / "raw.csv", redacted=False)
    assert "13912345678" in raw.read_text(encoding="utf-8-sig")


def test_excel_has_one_sheet_per_table(tmp_path):
    path = to_excel({"编码": _table(), "指标": _table().assign(value=[2.0, 3.0])}, tmp_path / "结果.xlsx")
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets) == ["编码", "指标"] and sheets["指标"].value.tolist() == [2.0, 3.0]
    assert sheets["编码"].sentence.iloc[0] == "联系139****5678"
    with pytest.raises(ValueError, match="字典"):
        to_excel([], tmp_path / "x.xlsx")


def test_parquet_round_trip(tmp_path):
    path = to_parquet(_table(), tmp_path / "t.parquet")
    assert pd.read_parquet(path).sentence.iloc[0] == "联系139****5678"
    assert redact(_table()).value.tolist() == [1.0, 300.0]  # numbers untouched
