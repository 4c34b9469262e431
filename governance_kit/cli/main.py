"""``govkit``: the kit's command line (a thin layer over the public functions)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .console import ChineseArgumentParser, refuse_overwrite, utf8_console

__all__ = ["build_parser", "main", "refuse_overwrite"]


def _cmd_clean(args: argparse.Namespace) -> int:
    from ..corpus import read_document

    doc = read_document(args.file)
    if args.out:
        out = Path(args.out)
        if out.resolve() == Path(args.file).resolve():
            print("错误：输出文件不能与输入文件相同（输入文件永远不会被修改）", file=sys.stderr)
            return 2
        if refuse_overwrite(out, args.force):
            return 2
        out.write_text(doc.text + "\n", encoding="utf-8")
    else:
        print(doc.text)
    report = doc.cleaning
    meta = doc.meta
    print(f"【{meta.get('title') or '(无标题)'}】体裁：{meta.get('genre')}；作者：{'、'.join(meta.get('author') or []) or '未注明'}；"
          f"日期：{meta.get('date') or '未注明'}；编码：{meta.get('encoding')}；格式：{meta.get('format')}", file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    if args.report:
        for c in report.changes:
            if c.kind == "pinyin" and not args.all:
                continue
            where = f"{c.start}-{c.end}"
            print(f"  [{c.kind}] {c.label}({c.rule})@{where}:{c.original.strip()[:60]!r} → {c.replacement[:60]!r}", file=sys.stderr)
    return 0


def _cmd_ingest(args: argparse.Namespace) -> int:
    from ..corpus import load_corpus
    from ..export.writers import manifest_path, to_parquet

    out = Path(args.out)
    if out.suffix.lower() != ".parquet":
        print(f"错误：--out 应为 .parquet 文件，收到 {out.name}", file=sys.stderr)
        return 2
    if refuse_overwrite(out, args.force):
        return 2
    corpus = load_corpus(args.folder, workers=args.workers, use_cache=not args.no_cache)
    frame = corpus.to_frame()
    out.parent.mkdir(parents=True, exist_ok=True)
    to_parquet(frame, out, redacted=not args.no_redact)
    record = json.loads(manifest_path(out).read_text(encoding="utf-8"))
    print(f"已读取 {len(corpus)} 篇文档，写入 {out}；{record['note']}（记录见 {manifest_path(out).name}）", file=sys.stderr)
    failed = [e for e in corpus.errors if e.kind != "CacheWarning"]  # cache notes: the files were read
    if failed:
        print(f"有 {len(failed)} 个文件未能读取（已跳过）：", file=sys.stderr)
        for e in failed:
            print(f"  {e.path}：{e.reason}", file=sys.stderr)
    for e in corpus.errors:
        if e.kind == "CacheWarning":
            print(f"  缓存：{e.path}：{e.reason}", file=sys.stderr)
    for w in corpus.warnings:
        print(f"  注意：{w.path}:{w.reason}", file=sys.stderr)
    for s in corpus.skipped:
        print(f"  未读取：{s}", file=sys.stderr)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from ..corpus import load_corpus
    from ..report import build_report

    out = Path(args.out)
    if out.suffix.lower() not in (".html", ".htm"):
        print(f"错误：--out 应为 .html 文件，收到 {out.name}", file=sys.stderr)
        return 2
    if refuse_overwrite(out, args.force):
        return 2
    corpus = load_corpus(args.folder) if args.folder else load_corpus()
    for e in corpus.errors:
        print(f"  未能读取（已跳过）：{e.path}:{e.reason}", file=sys.stderr)
    page = build_report(corpus, redact=not args.no_redact)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    print(f"已生成报告 {out}({len(corpus)} 篇文档，{out.stat().st_size / 1e6:.1f} MB，离线可打开）", file=sys.stderr)
    return 0


def _cmd_pipeline(args: argparse.Namespace) -> int:
    from ..pipeline import run_pipeline

    import warnings

    stages = [s.strip() for s in args.stages.split(",") if s.strip()] if args.stages else None
    try:
        with warnings.catch_warnings():  # the run's notices are printed below, from its manifest
            warnings.simplefilter("ignore", category=UserWarning)
            result = run_pipeline(args.folder, out=args.out, workers=args.workers, engine=args.engine,
                                  discover=args.discover, tokens=args.tokens, use_cache=not args.no_cache,
                                  overwrite=args.force, redact=not args.no_redact,
                                  batch_docs=args.batch_docs,
                                  **({"stages": stages} if stages else {}))
    except OSError as exc:  # disk full, read-only, no permission, folder in use: Chinese, with the path
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    m = result.manifest
    for notice in m.get("notices", []):
        print(f"注意：{notice}", file=sys.stderr)
    kept = len(m.get("batches", {}).get("kept_from_interrupted_run", []))
    print(f"已处理 {m['documents']} 篇文档（其中 {m['from_cache']} 篇来自缓存"
          + (f"，{kept} 批沿用中断前已完成的结果" if kept else "")
          + f")，用时 {m['seconds']:.1f} 秒；结果写入 {result.out}", file=sys.stderr)
    print("各表行数：" + ",".join(f"{name} {n}" for name, n in m["rows"].items()), file=sys.stderr)
    if "redaction" in m:
        print(m["redaction"]["note"], file=sys.stderr)
    if m["errors"]:
        print(f"有 {len(m['errors'])} 个问题（已跳过，不影响其他文件）：", file=sys.stderr)
        for e in m["errors"]:
            print(f"  {e['path']}:{e['reason']}", file=sys.stderr)
    if m.get("warnings"):
        print(f"有 {len(m['warnings'])} 条读取警告（文件已读入，但内容有修复，详见 manifest.json 的 warnings）：",
              file=sys.stderr)
        for w in m["warnings"]:
            print(f"  {w['path']}：{w['reason']}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="govkit", description="基层治理研习工具箱（governance_kit）命令行")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)
    sub.required = True

    clean = sub.add_parser("clean", help="读取并清洗一个文件，输出干净的简体正文和清洗报告",
                           description="读取一个 txt/md/html/docx/pdf 文件（任意常见中文编码），输出清洗后的简体正文；清洗报告写到标准错误。输入文件不会被修改。")
    clean.add_argument("file", help="要清洗的文件")
    clean.add_argument("--out", help="把正文写入该文件（默认打印到屏幕）")
    clean.add_argument("--report", action="store_true", help="逐条列出删除、修复和标记的内容")
    clean.add_argument("--all", action="store_true", help="与 --report 同用：连每一处拼音注音也列出")
    clean.add_argument("--force", action="store_true", help="允许覆盖已存在的 --out 文件")
    clean.set_defaults(func=_cmd_clean)

    ingest = sub.add_parser("ingest", help="读取整个文件夹，写成一张 Parquet 表（每篇文档一行）",
                            description="读取文件夹（含子文件夹）中的全部文档，清洗后写入 Parquet；读不了的文件会列出原因并跳过。")
    ingest.add_argument("folder", help="语料文件夹")
    ingest.add_argument("--out", required=True, help="输出的 .parquet 文件")
    ingest.add_argument("--workers", type=int, default=None, help="并行进程数（默认：全部 CPU 核）")
    ingest.add_argument("--no-cache", action="store_true", help="不使用缓存，全部重新处理")
    ingest.add_argument("--no-redact", action="store_true", help="不遮盖手机号、身份证号等个人信息（会记入 <输出>.manifest.json）")
    ingest.add_argument("--force", action="store_true", help="允许覆盖已存在的输出文件")
    ingest.set_defaults(func=_cmd_ingest)

    report = sub.add_parser("report", help="把一个文件夹的文档生成一份离线可打开的 HTML 分析报告",
                            description="逐篇给出清洗摘要、编码及证据句、指标、地名；跨文档给出类别画像热图、派生指标、关键词、词云和相似度。图片内嵌，不需联网。")
    report.add_argument("folder", nargs="?", help="语料文件夹（默认：随工具箱提供的语料）")
    report.add_argument("--out", default="report.html", help="输出的 .html 文件（默认 report.html）")
    report.add_argument("--no-redact", action="store_true", help="不遮盖手机号、身份证号等个人信息（报告开头会注明）")
    report.add_argument("--force", action="store_true", help="允许覆盖已存在的输出文件")
    report.set_defaults(func=_cmd_report)

    pipe = sub.add_parser("pipeline", help="对整个文件夹做读取、清洗、分词、编码、指标和地名抽取，结果写成 Parquet 表",
                          description="逐篇读取、清洗、分词、编码、抽取指标和地名，按批写入 OUT 下的 documents、tokens、codings、"
                                      "metrics、places 五张表（Parquet 分区）和 manifest.json。多核并行，未改动的文件直接用缓存。")
    pipe.add_argument("folder", help="语料文件夹")
    pipe.add_argument("--out", required=True, help="输出文件夹（须为空，或是之前的流水线结果并加 --force）")
    pipe.add_argument("--workers", type=int, default=None, help="并行进程数（默认：全部 CPU 核）")
    pipe.add_argument("--engine", choices=["local", "dask"], default="local", help="local：本机多进程（默认）；dask:Dask 集群")
    pipe.add_argument("--stages", default=None, help="只运行这些步骤,用逗号分隔:tokenize,code,metrics,places(默认全部)")
    pipe.add_argument("--discover", action="store_true", help="同时发现编码本未收录的新机制（较慢）")
    pipe.add_argument("--tokens", choices=["counts", "spans"], default="counts", help="词表：counts 每篇词频（默认）；spans 每个词及位置")
    pipe.add_argument("--no-cache", action="store_true", help="不使用缓存，全部重新处理")
    pipe.add_argument("--no-redact", action="store_true", help="不遮盖手机号、身份证号等个人信息（会记入 manifest.json）")
    pipe.add_argument("--batch-docs", type=int, default=500, help="每批最多处理的文档数（内存预算，默认 500）")
    pipe.add_argument("--force", action="store_true",
                      help="覆盖输出文件夹中之前的结果，或清空一次中断的运行留下的部分结果重新开始（不加则接着完成）")
    pipe.set_defaults(func=_cmd_pipeline)

    from .exercises import add_parsers as add_exercise_parsers

    add_exercise_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    utf8_console()
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "utf8_mode", False) and not sys.flags.utf8_mode:
        # a non-UTF-8 locale (Chinese Windows: GBK): the same command again in Python's UTF-8 mode
        import subprocess

        return subprocess.call([sys.executable, "-X", "utf8", "-m", "governance_kit.cli",
                                *(sys.argv[1:] if argv is None else argv)])
    try:
        return args.func(args)
    except (FileNotFoundError, FileExistsError, NotADirectoryError, ValueError, ImportError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
