"""The offline HTML report (governance_kit.report, govkit report)."""
from __future__ import annotations

import re

from governance_kit.cli import main
from governance_kit.report import build_report


def test_report_is_self_contained_and_complete(tmp_path, capsys):
    out = tmp_path / "报告.html"
    assert main(["report", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert "11/11" in err and "已生成报告" in err  # the progress bar ran to the end
    # nothing is fetched: no external scripts, styles, images or fonts
    assert not re.search(r"""(src|href)=["'](https?:)?//""", page)
    assert "<script" not in page and "@import" not in page
    assert page.count("data:image/png;base64,") == 2  # heatmap and word cloud
    for heading in ("类别画像", "派生指标", "关键词", "词云", "文档相似度", "逐篇结果"):
        assert heading in page
    assert "4744名 / (1993个 + 442个)" in page  # Sheyang's staff per grid, computed
    assert "射阳" in page and "不计入案例比较" in page  # the novel is marked as fiction
    # the output is not overwritten without --force
    assert main(["report", "--out", str(out)]) == 2
    assert "已存在" in capsys.readouterr().err


def test_report_masks_numbers_in_evidence_titles_and_authors(tmp_path):
    folder = tmp_path / "语料"
    folder.mkdir()
    (folder / "a.txt").write_text("标题\n网格员张三负责300户,联系电话13912345678。\n", encoding="utf-8")
    (folder / "b.txt").write_text("通知\n全镇推进网格化服务管理,共划分网格12个。\n", encoding="utf-8")
    (folder / "catalog.csv").write_text("doc_id,file,title,author\na,a.txt,标题,\n"
                                        "b,b.txt,请拨0511-87654321咨询,联系人:李四;zhangsan@example.com\n", encoding="utf-8")
    page = build_report(str(folder), progress=None)
    for raw in ("13912345678", "87654321", "李四", "zhangsan@"):
        assert raw not in page
    assert "139****5678" in page and "请拨0511-****4321咨询" in page and "李*" in page
    assert "个人信息已遮盖：" in page and "手机号 1 处" in page  # the header counts by kind
    raw = build_report(str(folder), redact=False, progress=None)
    assert all(r in raw for r in ("13912345678", "0511-87654321", "李四", "zhangsan@example.com"))
    assert "个人信息未遮盖" in raw


def test_report_of_a_wrong_output_name(tmp_path, capsys):
    assert main(["report", "--out", str(tmp_path / "r.txt")]) == 2
    assert ".html" in capsys.readouterr().err


def test_report_opens_in_headless_chromium(tmp_path):
    """When Debian's chromium is installed: the page renders, with no script error and no network error."""
    import shutil
    import subprocess

    import pytest

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium 未安装")
    out = tmp_path / "report.html"
    import governance_kit as gk

    out.write_text(build_report(gk.load_corpus(), progress=None), encoding="utf-8")
    shot = tmp_path / "shot.png"
    run = subprocess.run([browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr",
                          "--window-size=1200,2400", f"--screenshot={shot}", out.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 50_000
    log = run.stderr
    assert "Uncaught" not in log and "net::ERR" not in log and "CONSOLE" not in log
