"""Checks for notebook 08, “综合实践”, on the trainee's own design, checked by its properties (it validates,
the grid simulates above the stated thresholds, the vote's sensitivity to attendance is computed from
the trainee's own procedure and groups, every estimate has a basis, the Word brief holds both designs);
hints in Chinese. No fixed pass probability: a threshold would invite tuning the attendance guesses."""
from __future__ import annotations

from ._membership import lenient
from ..feedback import exercise

# thresholds stated in exercise 8.3 (teaching choices)
ON_TIME_MIN = 0.85            # grid events closed within the tier's time limit
IN_GRID_MIN = 0.5             # 小事不出网格: share of events closed in the grid
MIN_DAYS = 90                 # a grid simulation shorter than this says little
SEED, DAYS, RUNS = 2024, 180, 500   # the re-run of the hidden check
DECIDING = {"村": ("村民会议", "村民代表会议"), "社区": ("居民会议", "居民代表会议")}


def _kit():
    from ...design import deliberation
    from ...design import grid
    from ...design import grid_simulation

    return grid, deliberation, grid_simulation


# --- the figures read from the 村情填报表 ---------------------------------------------------------------

_FROM_FORM = "请运行“一、填写你的村（社区）”里读取填报表的单元格，不要另写一份。"


def _units(ex, units, special_units, kind):
    """MY_UNITS, MY_SPECIAL_UNITS and MY_KIND as the form gives them (a hint, not a crash, otherwise)."""
    ex.answered(units, "MY_UNITS")
    pairs = isinstance(units, (list, tuple)) and all(
        isinstance(u, (list, tuple)) and len(u) == 2 and isinstance(u[1], int) and not isinstance(u[1], bool) for u in units)
    if not pairs:
        ex.fail(f"MY_UNITS 应是 [(\"1号楼\", 72), (\"2号楼\", 60)] 这样的列表，每项是楼栋或自然村的名称和户数；"
                f"现在是 {type(units).__name__}。{_FROM_FORM}")
    if special_units is not None and (not isinstance(special_units, (list, tuple))
                                      or not all(isinstance(s, str) for s in special_units)):
        ex.fail(f"MY_SPECIAL_UNITS 应是专属单位名称的列表，例如 [\"农贸市场\"]，没有时写 []；现在是 {type(special_units).__name__}。")
    if kind is not None and not (isinstance(kind, str) and kind in DECIDING):
        ex.fail(f"MY_KIND 应是 \"村\" 或 \"社区\"，现在是 {type(kind).__name__}。{_FROM_FORM}")


def _context(ex, my_context, *, optional: bool = True):
    """my_context is a Context (form.context()); ``None`` only where the check does without it."""
    _, deliberation, _ = _kit()
    if my_context is None and optional:
        return
    ex.answered(my_context, "my_context")
    ex.is_type(my_context, deliberation.Context, "my_context", "村社情况（form.context() 的结果）")


# --- 8.1 the grid plan -----------------------------------------------------------------------------

def _plan(ex, my_plan):
    import pandas as pd

    grid, _, _ = _kit()
    ex.answered(my_plan, "my_plan")
    if isinstance(my_plan, list) and all(isinstance(f, grid.Finding) for f in my_plan):
        ex.fail("my_plan 存的是 validate(...) 的检验结果；请存方案本身：my_plan = plan(...)。")
    if isinstance(my_plan, pd.DataFrame):
        ex.fail("my_plan 存的是 to_frame() 的表格；请存方案本身：my_plan = plan(...)。")
    ex.is_type(my_plan, grid.GridPlan, "my_plan", "一个网格方案（plan(...) 的结果）")
    if not my_plan.grids:
        ex.fail("方案里没有任何网格。")


def _special_and_kind(ex, my_plan, special_units, kind):
    """Every special unit has its own 专属网格 and the plan is of the kind the trainee filled in."""
    exclusive = {g.name for g in my_plan.grids if g.kind == "专属网格"}
    lost = [str(u) for u in special_units or () if str(u) not in exclusive]
    if lost:
        ex.fail(f"专属单位“{lost[0]}”{'等 ' + str(len(lost)) + ' 个' if len(lost) > 1 else ''}没有单独设为专属网格："
                "题目要求 MY_SPECIAL_UNITS 里的每个单位各设一个专属网格，在 plan(...) 里写 special_units=MY_SPECIAL_UNITS。")
    if kind is not None and my_plan.community_kind != kind:
        ex.fail(f"你的村（社区）是“{kind}”，方案却按“{my_plan.community_kind}”生成"
                f"{'（plan 的 kind 默认是“社区”）' if my_plan.community_kind == '社区' else ''}："
                "在 plan(...) 里写 kind=MY_KIND。")


def ex1(my_plan, units, special_units, kind=None):
    grid, _, _ = _kit()
    with exercise("8.1") as ex:
        _plan(ex, my_plan)
        _units(ex, units, special_units, kind)
        findings = grid.validate(my_plan)
        errors = [f for f in findings if f.level == "错误"]
        if errors:
            ex.fail(f"方案还有错误：{errors[0].message}（依据：{errors[0].source}）。每个网格都要配网格员："
                    "检查各网格的 staff，或重新用 plan(...) 生成。")
        covered = [u for g in my_plan.grids if g.kind == "综合网格" for u in g.units]
        missing = [name for name, _ in units if name not in covered]
        if missing:
            ex.fail(f"你的数字里有“{missing[0]}”等 {len(missing)} 个楼栋或自然村没有划进任何综合网格："
                    "plan(...) 的第二个参数请用 MY_UNITS（你填写的数字），不要另写一份。")
        total = sum(h for _, h in units)
        if my_plan.households != total:
            ex.fail(f"方案覆盖 {my_plan.households} 户，而你填写的是 {total} 户：请用 MY_UNITS 重新生成方案。")
        _special_and_kind(ex, my_plan, special_units, kind)
        warnings = sum(f.level == "警告" for f in findings)
        hints = sum(f.level == "提示" for f in findings)
        print(f"你的方案：{len(my_plan.grids)} 个网格，覆盖 {my_plan.households} 户；警告 {warnings} 条、提示 {hints} 条"
              + ("（运行 validate(my_plan) 查看，能改则改，不能改的写明理由）" if warnings or hints else "") + "。")


def ex1_hidden(my_plan, units, special_units, kind=None):
    with exercise("8.1（附加检查）") as ex:
        _plan(ex, my_plan)
        _units(ex, units, special_units, kind)
        _special_and_kind(ex, my_plan, special_units, kind)
        covered = [u for g in my_plan.grids if g.kind == "综合网格" for u in g.units]
        twice = sorted({u for u in covered if covered.count(u) > 1})
        if twice:
            ex.fail(f"“{twice[0]}”被划进了不止一个综合网格：一个楼栋或自然村只属于一个网格。")


# --- 8.2 the deliberation procedure --------------------------------------------------------------

def _procedure(ex, my_procedure):
    _, deliberation, _ = _kit()
    ex.answered(my_procedure, "my_procedure")
    if callable(my_procedure) and not isinstance(my_procedure, deliberation.Procedure):
        ex.fail("my_procedure 存的是模板函数本身：在后面加上 () 调用它，例如 TEMPLATES[\"四议两公开\"]()。")
    ex.is_type(my_procedure, deliberation.Procedure, "my_procedure", "一个议事程序（Procedure(...)）")
    if not my_procedure.stages:
        ex.fail("my_procedure 里还没有任何环节。")


def _errors(ex, procedure, context):
    """Error findings, a rounded two thirds read as two thirds (“三分之二以上”)."""
    _, deliberation, _ = _kit()
    try:
        return [f for f in deliberation.validate(lenient(procedure), context) if f.level == "错误"]
    except deliberation.DesignError as error:
        ex.fail(f"程序的写法有问题：{error}")


def ex2(my_procedure, my_context):
    with exercise("8.2") as ex:
        _procedure(ex, my_procedure)
        _context(ex, my_context, optional=False)
        if my_procedure.kind != my_context.kind:
            ex.fail(f"你的村（社区）是“{my_context.kind}”，程序却是“{my_procedure.kind}”的程序："
                    f"{'村里用四议两公开或民事民提民议民决民评' if my_context.kind == '村' else '社区用城市居民议事会'}"
                    "这类模板，或把 kind 改对。")
        errors = _errors(ex, my_procedure, my_context)
        roles = [s.role for s in my_procedure.stages]
        if "决议" not in roles:
            ex.fail("程序里没有“决议”环节：议事协商最后要由法定的会议作出决定。")
        decider = my_procedure.stages[roles.index("决议")].body
        lawful = DECIDING.get(my_context.kind, ())
        if decider not in lawful:
            ex.fail(f"决议由“{decider}”作出不合法：{'或'.join(lawful)}才能作出有约束力的决定"
                    f"（{'《村民委员会组织法》第二十四条' if my_context.kind == '村' else '《城市居民委员会组织法》第十条第二款'}）；"
                    "议事会、两委、恳谈会只能商议。")
        stage = my_procedure.stages[roles.index("决议")]
        if decider == "居民代表会议" and ((stage.quorum or 0) < 0.5 or (stage.majority or 0) < 0.5):
            ex.fail("法律里没有“居民代表会议”：《城市居民委员会组织法》第九条允许居民会议由每个居民小组选举代表二至三人参加，"
                    "各地把这样的居民会议叫作居民代表会议（地方实践）。它仍是居民会议，同样须有过半数代表出席、出席人过半数通过："
                    "写 quorum=0.5、majority=0.5。")
        if "公开" not in roles[roles.index("决议"):]:
            ex.fail("决议之后没有“公开”环节：决定和实施结果都要公开（村务公开见《村民委员会组织法》第三十条）。")
        if errors:
            ex.fail(f"依法检验有错误：{errors[0].message}（依据：{errors[0].source}）。运行 validate(my_procedure, my_context) 看全部问题。")


def ex2_hidden(my_procedure, my_context):
    with exercise("8.2（附加检查）") as ex:
        _procedure(ex, my_procedure)
        _context(ex, my_context, optional=False)
        if my_procedure.stages[0].role != "提议":
            ex.fail("程序应从“提议”开始：先写明谁把事情提出来。")
        decide = next((s for s in my_procedure.stages if s.role == "决议"), None)
        if decide is None or decide.notice_days is None:
            ex.fail("决议环节没有写提前几天通知（notice_days）：村民会议须提前十天；村民代表会议浙江规定三天；"
                    "居民会议法律未规定天数，按本地章程写。")


# --- 8.3 both simulations --------------------------------------------------------------------------

def _grid_summary(ex, grid_result):
    grid, _, grid_simulation = _kit()
    ex.answered(grid_result, "grid_result")
    if isinstance(grid_result, grid.GridPlan):
        ex.fail("grid_result 存的是网格方案；请存模拟结果：grid_result = simulate_grid(my_plan, days=180, seed=...)。")
    if isinstance(grid_result, dict):
        ex.fail("grid_result 存的是摘要（.summary）；请存模拟结果本身，检查要用到模拟的天数。")
    if isinstance(grid_result, grid_simulation.SimulationResult) and grid_result.kind != "grid":
        ex.fail("grid_result 存的是议事模拟 simulate(...) 的结果；请存网格模拟的结果："
                "grid_result = simulate_grid(my_plan, days=180, seed=...)。")
    ex.is_type(grid_result, grid_simulation.SimulationResult, "grid_result", "网格模拟 simulate_grid(...) 的结果")
    return grid_result.summary


def _vote(ex, vote):
    import pandas as pd

    from ...design.simulation import SimulationResult

    ex.answered(vote, "vote")
    if isinstance(vote, (tuple, pd.DataFrame)) or isinstance(vote, SimulationResult) and vote.kind == "deliberation":
        ex.fail("议事模拟 simulate(...) 返回两样东西：每次会议一行的表格和摘要。写成 _, vote = simulate(...)，把摘要存到 vote。")
    ex.is_type(vote, dict, "vote", "议事模拟的摘要（一个字典）")
    if "pass_rate" not in vote:
        ex.fail("vote 不是议事模拟的摘要：摘要里应有 pass_rate（通过的比例）。")
    return vote


def _busiest(summary) -> str:
    loads = summary.get("staff_load") or {}
    return max(loads, key=loads.get) if loads else "某一层"


def _grid_thresholds(ex, summary, where: str):
    if summary["on_time_rate"] < ON_TIME_MIN:
        ex.fail(f"{where}按时办结率只有 {summary['on_time_rate']:.0%}，低于 {ON_TIME_MIN:.0%}。看 staff_load：最忙的是"
                f"“{_busiest(summary)}”；缩小网格（plan 的 target）或给网格多配专职网格员，再模拟。")
    if summary["small_matters_in_grid"] < IN_GRID_MIN:
        ex.fail(f"{where}在网格内解决的只有 {summary['small_matters_in_grid']:.0%}，低于 {IN_GRID_MIN:.0%}："
                "检查是否每个网格都有在格的网格员（小事不出网格）。")


def _groups_match(ex, my_procedure, my_groups, my_context):
    """The meeting groups are the membership the deciding stage's quorum is counted against."""
    from ._membership import mismatch

    _, deliberation, _ = _kit()
    ex.answered(my_groups, "MY_GROUPS")
    if isinstance(my_groups, deliberation.Group):
        my_groups = [my_groups]
    if not isinstance(my_groups, (list, tuple)) or not my_groups or not all(isinstance(g, deliberation.Group) for g in my_groups):
        ex.fail("MY_GROUPS 应是由 Group(name, size, attend=…, support=…) 组成的列表，每类人群一个。")
    stage = next((s for s in my_procedure.stages if s.role == "决议"), None)
    if stage is None or my_context is None:
        return my_groups
    total = sum(g.size for g in my_groups)
    wrong = mismatch(stage, my_context, total)
    if wrong:
        count, what, how = wrong
        ex.fail(f"MY_GROUPS 合计 {total}，而决议环节“{stage.body}”的法定人数按{what}计算，共 {count}。"
                f"simulate 把这些人群当作作决定的会议的全部组成人员，所以它们必须代表这个会议的成员：{how}。"
                f"否则模拟出的出席和通过都不是“{my_context.households} 户的{my_context.kind}”的结果。"
                "请按决议环节改写 MY_GROUPS（或改用与人群相符的会议和出席计算方法），再重新模拟。")
    return my_groups


def _sensitivity(ex, table, my_procedure, my_groups):
    """The sensitivity table is attendance_sensitivity(...) of the trainee's own procedure and groups."""
    import pandas as pd

    from ...design import sensitivity

    ex.answered(table, "my_sensitivity")
    if isinstance(table, dict) and "pass_rate" in table:
        ex.fail("my_sensitivity 存的是一次模拟的摘要；请存敏感性分析的表格："
                "my_sensitivity = attendance_sensitivity(my_procedure, MY_GROUPS)。")
    ex.is_type(table, pd.DataFrame, "my_sensitivity", "敏感性分析的表格（attendance_sensitivity(...) 的结果）")
    wrong = sensitivity.differs(table, my_procedure, my_groups)
    if wrong:
        ex.fail(f"{wrong}。请在改好 my_procedure 和 MY_GROUPS 之后重新运行 "
                "my_sensitivity = attendance_sensitivity(my_procedure, MY_GROUPS)。")
    return table


_PLACEHOLDERS = {"", "...", "…", "无", "没有", "暂无", "不知道", "不清楚", "估计", "猜的", "猜测", "同上", "略", "-", "—", "?", "？"}


def _blank(text) -> bool:
    return not isinstance(text, str) or text.strip().strip("。.") in _PLACEHOLDERS or not any(c.isalnum() for c in text)


def _bases(ex, my_bases, my_groups):
    """Every attendance and support estimate of MY_GROUPS has a basis (a dict from the form, or text)."""
    ex.answered(my_bases, "MY_BASES")
    ex.is_type(my_bases, dict, "MY_BASES", "每类人群的估计依据（一个字典，读取填报表后的 form.bases）")
    for group in my_groups:
        basis = my_bases.get(group.name)
        if basis is None:
            ex.fail(f"MY_BASES 里没有人群“{group.name}”的依据：在填报表“人群”工作表里写明它的出席率依据和支持率依据，"
                    "重新读取后用 MY_BASES = form.bases；或者自己写 MY_BASES[\"人群名称\"] = {\"出席率\": \"……\", \"支持率\": \"……\"}。")
        texts = {"出席率": basis, "支持率": basis} if isinstance(basis, str) else basis
        if not isinstance(texts, dict):
            ex.fail(f"MY_BASES[\"{group.name}\"] 应是一段文字，或 {{\"出席率\": \"……\", \"支持率\": \"……\"}} 这样的字典，"
                    f"现在是 {type(basis).__name__}。")
        for what, estimate in (("出席率", group.attend), ("支持率", group.support)):
            if _blank(texts.get(what)):
                ex.fail(f"人群“{group.name}”的{what}估计 {estimate:.0%} 没有写依据：这个数从哪里来（会议记录、走访、往年的情况……）？"
                        f"写在填报表“人群”工作表的“{what}依据”列，保存后重新读取。")


def _if_lower(ex, answer, table):
    """The answer to “what if attendance were 10 points lower” names at least one measure."""
    from ...design.sensitivity import named_measures

    ex.answered(answer, "if_lower")
    ex.is_type(answer, str, "if_lower", "一段文字（用引号括起来）")
    low = table[table.iloc[:, 0] == -10]
    figure = f"（表里出席率低 10 个百分点时通过的概率是 {low.iloc[0, -1]:.1f}%）" if len(low) else ""
    if len(answer.strip()) < 4:
        ex.fail(f"if_lower 还太短{figure}：用一两句话说明，如果实际出席率比你的估计低 10 个百分点，你会怎么做。")
    if not named_measures(answer):
        ex.fail(f"if_lower 没有说要采取什么措施{figure}：例如改会议时间（晚上、周末、春节前后）、提前通知、入户征求意见、"
                "委托户代表、推选常住的代表、会议达不到法定人数时另行召开。写出你会做的具体办法。")


def ex3(grid_result, vote, my_sensitivity, my_bases, if_lower, my_procedure, my_groups, my_context=None):
    with exercise("8.3") as ex:
        summary = _grid_summary(ex, grid_result)
        _vote(ex, vote)
        days = len(grid_result.backlog)
        if days < MIN_DAYS:
            ex.fail(f"网格只模拟了 {days} 天，太短，说明不了问题：请至少模拟 {MIN_DAYS} 天（例如 days=180）。")
        _procedure(ex, my_procedure)
        _context(ex, my_context)
        my_groups = _groups_match(ex, my_procedure, my_groups, my_context)
        _grid_thresholds(ex, summary, "网格模拟：")
        table = _sensitivity(ex, my_sensitivity, my_procedure, my_groups)
        _bases(ex, my_bases, my_groups)
        _if_lower(ex, if_lower, table)
        rows = dict(zip(table.iloc[:, 0], table.iloc[:, -1]))
        if -10 in rows and 0 in rows:
            print(f"议事模拟：按你的估计通过的概率是 {rows[0]:.1f}%，出席率低 10 个百分点时是 {rows[-10]:.1f}%。")


def ex3_hidden(my_plan, my_procedure, my_groups, my_context=None, my_bases=None, if_lower=None):
    _, _, grid_simulation = _kit()
    with exercise("8.3（附加检查）") as ex:
        _plan(ex, my_plan)
        _procedure(ex, my_procedure)
        _context(ex, my_context)
        my_groups = _groups_match(ex, my_procedure, my_groups, my_context)
        summary = grid_simulation.simulate(my_plan, days=DAYS, seed=SEED).summary
        _grid_thresholds(ex, summary, f"用固定的随机数重新模拟（days={DAYS}, seed={SEED}）时，")
        from ...design.findings import DesignError
        from ...design.sensitivity import attendance_sensitivity

        try:
            table = attendance_sensitivity(lenient(my_procedure), my_groups, runs=RUNS, seed=SEED)
        except DesignError as error:
            ex.fail(f"用你的参会人群重新计算敏感性分析时出错：{error}")
        _bases(ex, my_bases, my_groups)
        _if_lower(ex, if_lower, table)


# --- 8.4 the Word brief ----------------------------------------------------------------------------

def _brief_text(ex, brief_path):
    from pathlib import Path

    ex.answered(brief_path, "brief_path")
    if isinstance(brief_path, str) and (brief_path.lstrip().startswith("#") or "\n" in brief_path):
        ex.fail("brief_path 存的是 Markdown 文字（design_brief 的结果）；要写 Word 文件请用 design_brief_docx(...)，"
                "它返回文件的路径。")
    ex.is_type(brief_path, (str, Path), "brief_path", "简报文件的路径（design_brief_docx 的返回值）")
    path = Path(brief_path)
    if path.suffix.lower() != ".docx":
        ex.fail(f"“{path.name}”不是 Word 文件（.docx）：请用 design_brief_docx(...) 并以 .docx 结尾命名。")
    if not path.exists():
        ex.fail(f"找不到文件“{path}”：design_brief_docx(...) 运行成功了吗？请存它的返回值。")
    try:
        from docx import Document

        word = Document(str(path))
    except Exception:  # python-docx raises several kinds on a broken file
        ex.fail(f"“{path.name}”打不开，不是有效的 Word 文件：请用 design_brief_docx(...) 重新生成（换一个文件名）。")
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells), word


def _design_sound(ex, text, my_plan, my_procedure, my_context):
    """The brief is of a design that passes the essentials of 8.1–8.3: the plan has no error, the
    procedure is of the context's kind, decided by a lawful body, without legal errors."""
    grid, _, _ = _kit()
    first = "请先回到练习 8.1–8.3 把设计改好（三个检查都通过），再重新导出简报（用新的文件名）。"
    errors = [f for f in grid.validate(my_plan) if f.level == "错误"]
    if errors:
        ex.fail(f"简报里的网格方案还有错误：{errors[0].message}。{first}")
    if "请核对是否一致" in text:
        ex.fail(f"简报开头写着类型不一致的提醒（网格方案、议事程序和村社情况的“村/社区”不一致）。{first}")
    if my_context is None:
        if "【错误】" in text:
            ex.fail(f"简报的检验结果里还有“错误”：这份设计还不合规或不合法。{first}")
        return
    if my_procedure.kind != my_context.kind or my_plan.community_kind != my_context.kind:
        ex.fail(f"你的村（社区）是“{my_context.kind}”，方案是“{my_plan.community_kind}”的，程序是“{my_procedure.kind}”的。{first}")
    roles = [s.role for s in my_procedure.stages]
    decider = my_procedure.stages[roles.index("决议")].body if "决议" in roles else None
    if decider not in DECIDING.get(my_context.kind, ()):
        ex.fail(f"简报里的议事程序{'没有决议环节' if decider is None else f'由“{decider}”决议，这不合法'}。{first}")
    legal = _errors(ex, my_procedure, my_context)
    if legal:
        ex.fail(f"简报里的议事程序依法检验还有错误：{legal[0].message}（依据：{legal[0].source}）。{first}")


def ex4(brief_path, my_plan, my_procedure, my_context=None):
    with exercise("8.4") as ex:
        text, word = _brief_text(ex, brief_path)
        _plan(ex, my_plan)
        _procedure(ex, my_procedure)
        _context(ex, my_context)
        lost = [g.name for g in my_plan.grids if g.name not in text]
        if lost:
            ex.fail(f"简报里找不到网格“{lost[0]}”：是不是用别的方案生成的？请把 my_plan 传给 design_brief_docx。")
        # the brief writes “决议：村民代表会议” (older briefs with a half-width colon are read too)
        lost = [f"{s.role}：{s.body}" for s in my_procedure.stages
                if f"{s.role}：{s.body}" not in text and f"{s.role}:{s.body}" not in text]
        if lost:
            ex.fail(f"简报里找不到环节“{lost[0]}”：是不是用别的程序生成的？请把 my_procedure 传给 design_brief_docx。")
        if "flowchart" not in text and not word.inline_shapes:   # Mermaid text, or the flowchart as a picture
            ex.fail("简报里没有流程图：请用 design_brief_docx(...) 生成，不要手工拼接。")
        if text.count("模拟结果") < 2:
            ex.fail("简报里缺少模拟结果：调用时传入 grid_summary=grid_result 和 deliberation_summary=vote。")
        _design_sound(ex, text, my_plan, my_procedure, my_context)


def ex4_hidden(brief_path, my_plan, my_procedure, my_context=None):
    from pathlib import Path

    with exercise("8.4（附加检查）") as ex:
        _, word = _brief_text(ex, brief_path)
        _plan(ex, my_plan)
        if not word.tables or len(word.tables[0].rows) != len(my_plan.grids) + 1:
            ex.fail("简报里的网格表与方案的网格数不一致：请用当前的 my_plan 重新生成简报（换一个文件名）。")
        if Path(brief_path).resolve().parent != Path.cwd().resolve():
            ex.fail("简报应保存在当前文件夹（和本笔记本同一个文件夹）里，便于查找和提交：用 new_brief_path(MY_NAME) 生成文件名。")
