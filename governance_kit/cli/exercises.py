"""``govkit exercises release|grade``: the instructor's two commands (Chinese output)."""
from __future__ import annotations

import sys
from pathlib import Path

from ..course.coursedir import REPO, SOURCE
from .console import refuse_overwrite


def cmd_release(args) -> int:
    from ..course.release import release

    print("正在用 nbgrader 生成学员版（去掉参考答案和隐藏测试）……", file=sys.stderr)
    results = release(args.assignments or None, out=args.out, source=Path(args.source), force=args.force)
    words = {"written": "已生成", "unchanged": "无变化", "kept": "已存在且内容不同（可能有学员的作答），未覆盖；确需覆盖请加 --force"}
    for item in results:
        print(f"  {item.path}:{words[item.status]}", file=sys.stderr)
    return 1 if any(item.status == "kept" for item in results) else 0


def cmd_grade(args) -> int:
    from ..course import gradebook
    from ..course.grading import grade, write_csv
    from ..course.roster import pinyin_available, read_roster
    from ..errors import ReadError

    out = Path(args.out)
    feedback = Path(args.feedback) if args.feedback else out.parent / "feedback"
    outputs = {"wide": out.parent / "成绩表.csv", "xlsx": out.parent / "成绩表.xlsx", "checks": out.parent / "核对清单.csv"}
    if any(refuse_overwrite(path, args.force) for path in [out, *outputs.values()]):
        return 2
    roster = None
    if args.roster:
        try:
            roster = read_roster(args.roster)
        except ReadError as exc:
            print(f"错误：名单无法使用：{exc}", file=sys.stderr)
            return 2
        how = "学号、姓名、拼音或相近姓名" if pinyin_available() else "学号、姓名或相近姓名（未安装 pypinyin，不按拼音匹配）"
        print(f"名单：{len(roster.people)} 人；按{how}与文件名匹配，猜测的匹配列在“匹配待确认”中", file=sys.stderr)
    count = [0]

    def progress(sub):
        count[0] += 1
        print(f"  批改 {count[0]}：{sub.student} 的 {sub.assignment}（来自 {sub.origin}）", file=sys.stderr)

    print("正在查找并批改作业（本地运行 nbgrader，不需要 Docker）……", file=sys.stderr)
    result = grade(args.submissions, source=Path(args.source), feedback_dir=feedback, progress=progress, roster=roster)
    write_csv(result, out)
    book = gradebook.build(result)
    gradebook.write_csv(book, outputs["wide"])
    gradebook.write_xlsx(book, outputs["xlsx"])
    gradebook.write_checks_csv(book, outputs["checks"])
    for (student, assignment), (score, most) in sorted(result.totals().items()):
        print(f"  {student}\t{assignment}\t{score:g}/{most:g}", file=sys.stderr)
    for row in book.checks:
        print(f"  {row[0]}：{row[5] or row[2]}：{row[4]}", file=sys.stderr)
    print(f"已写入成绩表 {outputs['wide']} 和 {outputs['xlsx']}（每人一行）、核对清单 {outputs['checks']}、"
          f"逐题成绩 {out}（UTF-8，Excel 可直接打开）；反馈页面在 {feedback}", file=sys.stderr)
    return 0


def add_parsers(sub) -> None:
    exercises = sub.add_parser("exercises", help="练习：生成学员版、批改作业（nbgrader，本地运行）",
                               description="练习源文件在 exercises/source/（含参考答案和隐藏测试）。")
    # nbgrader and its kernels must never write GBK: cli.main re-runs these in UTF-8 mode when needed
    exercises.set_defaults(utf8_mode=True)
    actions = exercises.add_subparsers(dest="action", metavar="操作")
    actions.required = True
    release = actions.add_parser("release", help="生成学员版 notebook(去掉答案和隐藏测试)",
                                 description="用 nbgrader 从 exercises/source 生成学员版；已存在且内容不同的文件不会被覆盖。")
    release.add_argument("assignments", nargs="*", help="练习编号,如 03_coding(默认:全部)")
    release.add_argument("--out", default=str(REPO / "exercises" / "release"), help="输出文件夹（默认 exercises/release）")
    release.add_argument("--source", default=str(SOURCE), help="练习源文件夹（默认 exercises/source）")
    release.add_argument("--force", action="store_true", help="覆盖已存在且内容不同的文件")
    release.set_defaults(func=cmd_release)
    grade = actions.add_parser("grade", help="批改一个文件夹里的学员作业，写出成绩表（CSV 和 Excel）、逐题成绩和反馈页面",
                               description="作业可以改过名、放在各人的文件夹里或打成 zip；按内容识别是哪一讲的练习。损坏的文件会列出并跳过。")
    grade.add_argument("submissions", help="存放学员作业的文件夹")
    grade.add_argument("--out", required=True, help="逐题成绩 CSV 文件（UTF-8 带 BOM）")
    grade.add_argument("--feedback", help="反馈页面文件夹（默认：CSV 旁边的 feedback/）")
    grade.add_argument("--source", default=str(SOURCE), help="练习源文件夹（默认 exercises/source）")
    grade.add_argument("--roster", help="学员名单（CSV 或 .xlsx，含 姓名、学号、班级/组 三栏；可选）")
    grade.add_argument("--force", action="store_true", help="允许覆盖已存在的成绩文件")
    grade.set_defaults(func=cmd_grade)
