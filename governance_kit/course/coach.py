"""A Chinese error coach for the notebooks: the errors trainees actually make, explained in one sentence
with what to do next, the full traceback folded behind a toggle.

``enable()`` is called by the first cell of every lecture. It wraps the notebook shell's traceback
display: for an error :func:`explain` recognises, the error output holds the Chinese message instead
of the traceback, which is folded under “完整的错误信息” just above it; anything else, and every
exercise hint, shows as usual. The cell still fails with an error output, so “运行全部” stops there
and nbgrader scores it as before. Outside IPython it does nothing.

>>> explain(SyntaxError("invalid character '，' (U+FF0C)", ("<cell>", 2, 14, "x = f(a，b)\\n")))
'第 2 行第 14 个字符是中文标点“，”：代码里的标点要用英文（半角）的“,”。请把它改掉再运行（中文只能写在引号里的文字和 # 后的注释中）。'
"""
from __future__ import annotations

import difflib
import html
import re
import sys

from . import session

_HALF = {"，": ",", "。": ".", "：": ":", "；": ";", "（": "(", "）": ")", "“": '"', "”": '"', "‘": "'", "’": "'",
         "【": "[", "】": "]", "！": "!", "？": "?", "、": ",", "＝": "=", "＋": "+", "－": "-", "《": "<", "》": ">"}
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_MARK = "_governance_kit_coach"


def explain(error: BaseException, tb=None, names: dict | None = None) -> str | None:
    """One Chinese sentence on what happened and what to do next, or None when the error is not one
    of the kinds the coach knows (it is then shown as usual)."""
    for kind, reader in _READERS:
        if isinstance(error, kind):
            message = reader(error, tb, names or {})
            if message:
                return message
    return None


def _syntax(error: SyntaxError, tb, names) -> str | None:
    text = str(error.msg if hasattr(error, "msg") else error)
    m = re.search(r"invalid character '(.)'", text)
    line, col = getattr(error, "lineno", None), getattr(error, "offset", None)
    where = f"第 {line} 行第 {col} 个字符" if line and col else "这一行"
    if m and m.group(1) in _HALF:
        char = m.group(1)
        return (f"{where}是中文标点“{char}”：代码里的标点要用英文（半角）的“{_HALF[char]}”。请把它改掉再运行"
                "（中文只能写在引号里的文字和 # 后的注释中）。")
    if "unterminated string literal" in text or "EOL while scanning" in text:
        return f"{where}的引号没有成对：文字要用一对英文引号括起来，如 \"网格员\"。"
    if "was never closed" in text or "unmatched" in text or "does not match" in text:
        return f"{where}的括号没有成对：数一数左右括号，圆括号、方括号、花括号要一一对应。"
    if "Maybe you meant '==' or ':=' instead of '='" in text or "cannot assign to" in text:
        return f"{where}：比较两个值是否相等要写两个等号 ==，一个等号 = 是赋值。"
    if "expected ':'" in text:
        return f"{where}的 if、for、def 等语句末尾少了英文冒号“:”。"
    if "invalid syntax" in text and "Perhaps you forgot a comma" in text:
        return f"{where}少了一个英文逗号：列表、函数参数之间要用“,”隔开。"
    return None


def _name(error: NameError, tb, names) -> str | None:
    name = getattr(error, "name", None) or (re.findall(r"name '([^']+)'", str(error)) or [None])[0]
    if not name:
        return None
    close = difflib.get_close_matches(name, [n for n in names if not n.startswith("_")], n=1, cutoff=0.75)
    if close:
        return f"还没有名为“{name}”的变量或函数：是不是写错了，想写的是“{close[0]}”？（大小写和下划线都要一致）"
    where = session.where_defined(name)
    if where:
        return f"还没有名为“{name}”的变量或函数。{where}"
    return (f"还没有名为“{name}”的变量或函数：定义它的单元格还没有运行，或者运行时出了错。请从上往下找到 "
            f"{name} = … 那一格先运行；如果重启过内核，要从第一个单元格起依次运行。")


def _key(error: KeyError, tb, names) -> str | None:
    key = error.args[0] if error.args else None
    found = _pandas_labels(tb)
    if found is None:
        return None
    what, labels = found
    shown = "、".join(map(str, labels[:30])) + (" …" if len(labels) > 30 else "")
    close = difflib.get_close_matches(str(key), [str(c) for c in labels], n=1, cutoff=0.6)
    if not close:
        close = [str(c) for c in labels if str(key) and str(key) in str(c)][:1]
    hint = f"是不是想写“{close[0]}”？" if close else ""
    where = f"表格里没有名为“{key}”的列" if what == "列" else f"这一列数据里没有“{key}”这个标签"
    return f"{where}。{hint}现有的{what}是：{shown}。{what}名要一字不差，并用英文引号括起来。"


def _pandas_labels(tb) -> tuple[str, list] | None:
    """(“列” or “标签”, the labels) of the pandas DataFrame or Series whose lookup failed, found in the
    traceback's frames."""
    while tb is not None:
        frame_self = tb.tb_frame.f_locals.get("self")
        if type(frame_self).__module__.startswith("pandas"):
            kind = type(frame_self).__name__
            try:
                if kind == "DataFrame":
                    return "列", list(frame_self.columns)
                if kind == "Series":
                    return "标签", list(frame_self.index)
            except TypeError:
                return None
        tb = tb.tb_next
    return None


_BRACKETS = ("筛选表格时，几个条件要各自加括号，用 &（并且）、|（或者）连接，不能用 and、or，"
             "例如 df[(df[\"value\"] > 100) & (df[\"unit\"] == \"个\")]。")


def _value(error: ValueError, tb, names) -> str | None:
    if "duplicate entries, cannot reshape" in str(error):
        return ("pivot 要求每个（行，列）组合只有一个数，现在有重复：先筛选出需要的行（例如只留派生指标 "
                "table[table[\"derived\"]]），再 pivot。")
    if "truth value of a Series is ambiguous" in str(error) or "truth value of a DataFrame is ambiguous" in str(error):
        return _BRACKETS
    return None


def _type(error: TypeError, tb, names) -> str | None:
    text = str(error)
    m = re.search(r"(\w+)\(\) missing (\d+) required (?:positional |keyword-only )?arguments?: (.+)", text)
    if m:
        wanted = "、".join(re.findall(r"'(\w+)'", m.group(3)))
        return f"调用 {m.group(1)}() 时少写了 {m.group(2)} 个参数：{wanted}。请在括号里补上，参数的写法见题目提示或 help({m.group(1)})。"
    m = re.search(r"(\w+)\(\) got an unexpected keyword argument '(\w+)'", text)
    if m:
        return f"{m.group(1)}() 没有名为“{m.group(2)}”的参数：检查拼写，或用 help({m.group(1)}) 查看可用的参数。"
    if re.search(r"Cannot perform '(?:r?and_|r?or_)'|unsupported operand type\(s\) for [&|]", text):
        return _BRACKETS
    if "not supported between instances of" in text and "'str'" in text:
        return "拿文字和数比较了：数不要加引号，比例写成 2/3 或 0.67 这样的数，不要写成“三分之二”。"
    if "'ellipsis'" in text:
        return "还有 ... 没有换成你的代码：把上面单元格里的 ... 改成答案再运行。"
    return None


def _exists(error: FileExistsError, tb, names) -> str | None:
    target = getattr(error, "filename", None) or ""
    return (f"文件或文件夹“{target}”已经存在，多半是这个单元格运行了第二次。新建文件夹时写 mkdir(exist_ok=True)，"
            "或者换一个名字。")


def _not_found(error: FileNotFoundError, tb, names) -> str | None:
    target = getattr(error, "filename", None) or ""
    if not target:
        m = re.search(r"[“'\"]([^”'\"]+)[”'\"]", str(error))
        target = m.group(1) if m else ""
    if not target:
        return "找不到要读的文件：检查路径和文件名（包括扩展名），相对路径是相对于本讲义所在的文件夹。"
    return f"找不到“{target}”：检查路径和文件名（包括扩展名），相对路径是相对于本讲义所在的文件夹。"


def _module(error: ModuleNotFoundError, tb, names) -> str | None:
    return (f"没有安装模块“{error.name}”：课程环境用 make lab 或 conda env create -f environment.yml 建立；"
            "请确认右上角选的是“Python 3 (governance_kit)”内核。")


_READERS = ((SyntaxError, _syntax), (NameError, _name), (KeyError, _key), (ValueError, _value), (TypeError, _type),
            (FileExistsError, _exists), (FileNotFoundError, _not_found), (ModuleNotFoundError, _module))


def _folded(traceback_text: str) -> dict:
    """A display bundle with the full traceback folded behind “完整的错误信息” (plain text elsewhere)."""
    plain = _ANSI.sub("", traceback_text)
    return {"text/plain": f"完整的错误信息：\n{plain}",
            "text/html": f"<details><summary>完整的错误信息</summary><pre>{html.escape(plain)}</pre></details>"}


def enable(shell=None) -> bool:
    """Explain common errors in Chinese in this notebook (idempotent); False outside IPython."""
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None or not hasattr(shell, "_showtraceback"):
        return False
    session.watch(shell)  # lets the checks see which answer cells failed
    if getattr(shell, _MARK, False):
        return True
    original = shell._showtraceback

    def show(etype, evalue, stb):
        try:
            message = None if hasattr(evalue, "_render_traceback_") else explain(
                evalue, sys.exc_info()[2] if sys.exc_info()[1] is evalue else getattr(evalue, "__traceback__", None),
                getattr(shell, "user_ns", {}))
        except Exception:  # the coach must never hide an error
            message = None
        if message is None:
            return original(etype, evalue, stb)
        from IPython.display import display

        display(_folded("\n".join(stb)), raw=True)
        # still an error output (nbgrader scores a cell by it), now holding the Chinese message
        return original(etype, evalue, [f"\x1b[31m✗ {message}\x1b[0m"])

    shell._showtraceback = show
    setattr(shell, _MARK, True)
    return True
