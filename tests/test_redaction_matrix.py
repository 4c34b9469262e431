"""The redaction matrix: every identifier format × every output that leaves the kit (CSV, Excel,
Parquet, the pipeline's tables, ``govkit ingest``, the HTML report with titles and authors).
With redaction on, no identifier is left in any output; with it off, every one is there (so the
test can fail), and the output says masking was off. No CSV or Excel cell starts a formula."""
from __future__ import annotations

import csv
import json

import openpyxl
import pandas as pd
import pytest
from identifiers import FORMATS

from governance_kit.cli import main
from governance_kit.corpus import load_corpus
from governance_kit.export import to_csv, to_excel, to_parquet
from governance_kit.export.redaction import find_identifiers
from governance_kit.export.writers import manifest_path

TRIGGER_TITLES = ["=HYPERLINK(\"http://x\",\"点击\")", "+1+1", "-5", "@SUM(A1)"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """One document per format: the identifier's sentence (with the label a name or a QQ number
    needs) in the title and the author of its catalog row, in a sentence that is coded (网格化服务管理) and in one with a metric; then documents whose titles
    would start a formula."""
    root = tmp_path_factory.mktemp("matrix") / "语料"
    root.mkdir()
    rows = [["doc_id", "file", "title", "author", "date"]]
    for i, (kind, raw, sentence) in enumerate(FORMATS):
        name = f"doc{i:02d}.txt"
        (root / name).write_text(
            f"关于基层治理工作的通报\n全镇推进网格化服务管理,{sentence}\n"
            f"全镇共划分网格12个,配备专职网格员30名,{sentence}\n", encoding="utf-8")
        rows.append([f"doc{i:02d}", name, f"通报:{sentence}", f"王明;{sentence}", "2024-01-0" + str(1 + i % 9)])
    for j, title in enumerate(TRIGGER_TITLES):
        name = f"formula{j}.txt"
        (root / name).write_text("公告\n全镇推进网格化服务管理,共划分网格12个。\n", encoding="utf-8")
        rows.append([f"formula{j}", name, title, "", ""])
    with (root / "catalog.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return root


_LOADED: dict = {}


def _corpus(folder):
    """The folder's corpus, read once for the three exports (the other outputs read it themselves)."""
    if folder not in _LOADED:
        _LOADED[folder] = load_corpus(str(folder), use_cache=False)
    return _LOADED[folder]


def _frame(folder):
    return _corpus(folder).to_frame()


def _cells(frame) -> list[str]:
    return [v for column in frame.columns for v in frame[column].tolist() if isinstance(v, str)] + list(map(str, frame.columns))


def _csv(folder, tmp, redact):
    path = to_csv(_frame(folder), tmp / "表.csv", redacted=redact)
    with path.open(encoding="utf-8-sig", newline="") as f:
        cells = [c for row in csv.reader(f) for c in row]
    return cells, json.loads(manifest_path(path).read_text(encoding="utf-8"))["redaction"]


def _excel(folder, tmp, redact):
    from governance_kit.codebook import code_patterns

    corpus = _corpus(folder)
    path = to_excel({"文档": corpus.to_frame(), "编码": code_patterns(corpus)}, tmp / "结果.xlsx", redacted=redact)
    book = openpyxl.load_workbook(path)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no live formula, ever
    note = dict(pd.read_excel(path, sheet_name="说明").values)
    return [c.value for c in cells if isinstance(c.value, str)], "on" if note["个人信息"].startswith("个人信息已遮盖") else "off"


def _parquet(folder, tmp, redact):
    path = to_parquet(_frame(folder), tmp / "表.parquet", redacted=redact)
    return _cells(pd.read_parquet(path)), json.loads(manifest_path(path).read_text(encoding="utf-8"))["redaction"]


def _pipeline(folder, tmp, redact):
    from governance_kit.pipeline import run_pipeline

    result = run_pipeline(str(folder), out=tmp / "out", workers=1, use_cache=False, redact=redact)
    cells = [c for name in result.tables for c in _cells(result.table(name))]
    return cells, "on" if result.manifest["redaction"]["on"] else "off"


def _ingest(folder, tmp, redact):
    out = tmp / "语料.parquet"
    assert main(["ingest", str(folder), "--out", str(out), "--no-cache", *([] if redact else ["--no-redact"])]) == 0
    return _cells(pd.read_parquet(out)), json.loads(manifest_path(out).read_text(encoding="utf-8"))["redaction"]


def _report(folder, tmp, redact):
    from governance_kit.report import build_report

    page = build_report(str(folder), redact=redact, progress=None)
    head = page[:page.index("<h2>")]
    return [page], "on" if "个人信息已遮盖" in head else "off"


OUTPUTS = {"csv": _csv, "excel": _excel, "parquet": _parquet, "pipeline": _pipeline, "ingest": _ingest,
           "report": _report}


@pytest.mark.parametrize("output", list(OUTPUTS))
def test_no_identifier_is_left_with_redaction_on_and_all_are_there_with_it_off(output, folder, tmp_path):
    on = tmp_path / "on"
    off = tmp_path / "off"
    on.mkdir()
    off.mkdir()
    cells, state = OUTPUTS[output](folder, on, True)
    assert state == "on"
    text = "\n".join(cells)
    left = [(kind, raw) for kind, raw, _ in FORMATS if raw in text]
    assert left == []
    if output != "report":  # a page is not one value per cell; base64 images hold digit runs
        assert sum(find_identifiers(c).total() for c in cells) == 0
    cells, state = OUTPUTS[output](folder, off, False)
    assert state == "off"
    text = "\n".join(cells)
    assert [(kind, raw) for kind, raw, _ in FORMATS if raw not in text] == []


@pytest.mark.parametrize("output", ["csv", "excel"])
def test_no_spreadsheet_cell_starts_a_formula(output, folder, tmp_path):
    for redact in (True, False):
        (tmp_path / str(redact)).mkdir()
        cells, _ = OUTPUTS[output](folder, tmp_path / str(redact), redact)
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
        for title in TRIGGER_TITLES:
            assert "'" + title in cells  # neutralised, still readable
