"""Exports, redaction and spreadsheet safety (governance_kit.export)."""
from __future__ import annotations

import csv
import json
from collections import Counter

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from identifiers import CONTEXTS, FORMATS, ID18, IDENTIFIERS, statistics

from governance_kit.export import redact, redact_text, to_csv, to_excel, to_parquet
from governance_kit.export.redaction import find_identifiers, id_number_ok, summary
from governance_kit.export.spreadsheet import neutralise
from governance_kit.export.writers import manifest_path


@pytest.mark.parametrize("kind, raw, sentence", FORMATS, ids=[f"{k}:{r}" for k, r, _ in FORMATS])
def test_every_format_is_masked_with_its_shape_kept(kind, raw, sentence):
    counts = Counter()
    out = redact_text(sentence, counts)
    assert raw not in out and counts == Counter({kind: 1})
    assert len(out) == len(sentence) and "*" in out  # same length: offsets and layout hold
    assert redact_text(out) == out and not find_identifiers(out)  # idempotent, nothing left


@pytest.mark.parametrize(
    "text, expected",
    [
        ("电话13912345678。", "电话139****5678。"),
        ("电话+86 139-1234-5678", "电话+86 139-****-5678"),
        ("座机0515-88886666", "座机0515-****6666"),
        ("(0512)23456789", "(0512)****6789"),
        ("400-123-4567", "400-***-4567"),
        (f"身份证号{ID18}", f"身份证号{ID18[:4]}{'*' * 10}{ID18[-4:]}"),
        ("卡号 6222 0212 3456 7890 12", "卡号 6222 **** **** **90 12"),
        ("邮箱zhangsan@example.com", "邮箱z*******@example.com"),
        ("联系人:张三,电话见上", "联系人:张*,电话见上"),
        ("联系人:张三、李四同志", "联系人:张*、李*同志"),
        ("联系人王主任", "联系人王主任"),  # a title, no name
        ("申请人应当及时提交材料", "申请人应当及时提交材料"),
        ("网格1993个,投资240余万元,2023年5月", "网格1993个,投资240余万元,2023年5月"),
        ("2023年GDP 123456789012 元", "2023年GDP 123456789012 元"),
        ("全年收入13912345678元", "全年收入13912345678元"),  # a figure with its unit, not a phone
        ("编号123456789012345678901", "编号123456789012345678901"),  # too long for anything
        ("政务服务热线12345,报警110", "政务服务热线12345,报警110"),  # public numbers stay
        (f"代码{ID18[:-1]}{(int(ID18[-1]) + 1) % 10}", f"代码{ID18[:-1]}{(int(ID18[-1]) + 1) % 10}"),  # check digit wrong, no label
    ],
)
def test_redaction(text, expected):
    assert redact_text(text) == expected


def test_a_labelled_id_number_with_a_typo_is_still_masked():
    typo = ID18[:-1] + ("0" if ID18[-1] != "0" else "1")
    assert not id_number_ok(typo)
    assert typo not in redact_text(f"身份证号:{typo}")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(statistics())
def test_statistics_are_never_masked(sentence):
    assert redact_text(sentence) == sentence


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(IDENTIFIERS)).flatmap(lambda k: st.tuples(st.just(k), IDENTIFIERS[k])),
       st.sampled_from(CONTEXTS))
def test_valid_identifiers_are_masked_in_any_sentence(kind_value, context):
    kind, value = kind_value
    sentence = context.format(x=value)
    counts = Counter()
    out = redact_text(sentence, counts)
    assert value not in out and sum(counts.values()) == 1
    assert counts[kind] == 1 or {kind, *counts} == {"bank_card", "id_card"}  # an 18-digit card may read as an ID
    assert len(out) == len(sentence) and redact_text(out) == out


@settings(max_examples=200)
@given(st.binary(min_size=1, max_size=64))
def test_hashes_are_never_masked(data):
    import hashlib

    for digest in (hashlib.sha256(data).hexdigest(), hashlib.md5(data).hexdigest()):
        assert redact_text(f"sha256:{digest}") == f"sha256:{digest}"


def test_design_brief_blocks_are_redacted_field_by_field():
    from dataclasses import dataclass

    from governance_kit.export.redaction import redact_blocks

    @dataclass(frozen=True)
    class Row:
        text: str
        cells: tuple
        level: int = 1

    counts = Counter()
    out = redact_blocks([Row("联系人:张三", (("网格长", "13912345678"),), 2)], counts)
    assert out == [Row("联系人:张×", (("网格长", "139××××5678"),), 2)] and counts == Counter(name=1, mobile=1)


def test_counts_by_kind_and_summary():
    counts = Counter()
    redact_text("电话13912345678、13812345678,邮箱a@b.cn", counts)
    assert counts == Counter(mobile=2, email=1)
    assert summary(counts) == "手机号 2 处、电子邮箱 1 处" and summary(Counter()) == "无"


def _table():
    return pd.DataFrame({"doc_id": ["a", "b", "c"], "sentence": ["联系13912345678", "网格员300名", "=HYPERLINK(\"http://x\",\"点击\")"],
                         "value": [1.0, -300.0, 2.5], "note": ["-5", "+86 10 62345678", "@某人"]})


def test_csv_starts_with_the_bom_reads_back_and_records_what_was_masked(tmp_path):
    path = to_csv(_table(), tmp_path / "表.csv")
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"
    back = pd.read_csv(path, encoding="utf-8-sig")
    assert back.sentence.tolist() == ["联系139****5678", "网格员300名", "'=HYPERLINK(\"http://x\",\"点击\")"]
    assert back.note.tolist() == ["'-5", "'+86 10 ****5678", "'@某人"]  # text cells neutralised
    assert back.value.tolist() == [1.0, -300.0, 2.5]  # numbers stay numbers
    record = json.loads(manifest_path(path).read_text(encoding="utf-8"))
    assert record["redaction"] == "on" and record["masked"] == {"mobile": 1, "landline": 1}
    assert record["neutralised_cells"] == 4 and record["rows"] == 3
    raw = to_csv(_table(), tmp_path / "raw.csv", redacted=False)
    assert "13912345678" in raw.read_text(encoding="utf-8-sig")
    assert json.loads(manifest_path(raw).read_text(encoding="utf-8"))["redaction"] == "off"


def test_no_csv_cell_starts_a_formula(tmp_path):
    frame = pd.DataFrame({"=危险列": ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "正常"]})
    path = to_csv(frame, tmp_path / "t.csv")
    with path.open(encoding="utf-8-sig", newline="") as f:
        cells = [c for row in csv.reader(f) for c in row]
    assert len(cells) == 8 and not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert cells[0] == "'=危险列" and cells[-1] == "正常"


def test_excel_has_one_sheet_per_table_a_note_sheet_and_no_formula(tmp_path):
    path = to_excel({"编码": _table(), "指标": _table().assign(value=[2.0, 3.0, -4.0])}, tmp_path / "结果.xlsx")
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets) == ["编码", "指标", "说明"] and sheets["指标"].value.tolist() == [2.0, 3.0, -4.0]
    assert sheets["编码"].sentence.iloc[0] == "联系139****5678"
    note = dict(zip(sheets["说明"]["项目"], sheets["说明"]["内容"]))
    assert note["个人信息"].startswith("个人信息已遮盖") and note["已遮盖的手机号"] == 2
    book = openpyxl.load_workbook(path)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert not [c.value for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))]
    numbers = [c.value for c in book["编码"]["C"][1:]]
    assert numbers == [1.0, -300.0, 2.5]  # numeric cells are numbers, negative ones included
    with pytest.raises(ValueError, match="字典"):
        to_excel([], tmp_path / "x.xlsx")


def test_a_table_named_like_the_note_sheet_keeps_its_data(tmp_path):
    path = to_excel({"说明": _table()}, tmp_path / "t.xlsx")
    sheets = pd.read_excel(path, sheet_name=None)
    assert len(sheets) == 2 and list(sheets)[-1] == "说明" and "sentence" in sheets[next(iter(sheets))]


def test_parquet_round_trip(tmp_path):
    path = to_parquet(_table(), tmp_path / "t.parquet")
    back = pd.read_parquet(path)
    assert back.sentence.iloc[0] == "联系139****5678" and back.note.iloc[0] == "-5"  # data, not a spreadsheet
    assert json.loads(manifest_path(path).read_text(encoding="utf-8"))["masked"] == {"mobile": 1, "landline": 1}
    assert redact(_table()).value.tolist() == [1.0, -300.0, 2.5]  # numbers untouched


def test_neutralise_leaves_numbers_alone():
    assert neutralise(-5) == -5 and neutralise(-5.5) == -5.5 and neutralise("'=1") == "'=1"
