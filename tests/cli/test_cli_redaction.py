"""``--no-redact`` on the commands that write outputs: off only when asked, and said so."""
from __future__ import annotations

import json

import pandas as pd

from governance_kit.cli import main


def _folder(tmp_path):
    folder = tmp_path / "语料"
    folder.mkdir()
    (folder / "a.txt").write_text("标题\n联系人:张三,电话13912345678。\n", encoding="utf-8")
    return folder


def test_pipeline_and_ingest_mask_by_default_and_keep_with_no_redact(tmp_path, capsys):
    folder = _folder(tmp_path)
    assert main(["pipeline", str(folder), "--out", str(tmp_path / "o1"), "--workers", "1", "--stages", "code"]) == 0
    assert "个人信息已遮盖" in capsys.readouterr().err
    text = pd.read_parquet(tmp_path / "o1" / "documents").text.iloc[0]
    assert "13912345678" not in text and "张*" in text
    assert main(["pipeline", str(folder), "--out", str(tmp_path / "o2"), "--workers", "1", "--stages", "code",
                 "--no-redact"]) == 0
    assert "未遮盖" in capsys.readouterr().err
    assert "13912345678" in pd.read_parquet(tmp_path / "o2" / "documents").text.iloc[0]
    manifest = json.loads((tmp_path / "o2" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["redact"] is False
    out = tmp_path / "表.parquet"
    assert main(["ingest", str(folder), "--out", str(out)]) == 0
    assert "个人信息已遮盖：手机号 1 处、联系人姓名 1 处" in capsys.readouterr().err
    assert (tmp_path / "表.parquet.manifest.json").is_file()
