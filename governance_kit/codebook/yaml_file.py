"""The codebook as a YAML file (``data/codebook.yaml`` and instructors' copies): reading with line
numbers for every error, and writing in the same readable layout.

:meth:`Codebook.from_yaml <governance_kit.codebook.Codebook.from_yaml>` and :meth:`Codebook.to_yaml
<governance_kit.codebook.Codebook.to_yaml>` call :func:`read_codebook_yaml` and :func:`codebook_yaml_text`;
this module knows the entries and their validation, not the :class:`Codebook` class.

>>> label, categories, patterns = parse_codebook_yaml("patterns:\\n  - {id: x, name: 某机制, category: services}\\n", "cb.yaml")
>>> [p.name for p in patterns], len(categories)
(['某机制'], 14)
>>> parse_codebook_yaml("patterns:\\n  - id: [x\\n", "cb.yaml")
Traceback (most recent call last):
...
governance_kit.errors.CodebookError: cb.yaml 第 3 行:YAML 格式错误:方括号列表没有闭合(缺少“]”或逗号)(PyYAML:expected ',' or ']', but got '<stream end>')
"""
from __future__ import annotations

import os
from pathlib import Path

from ..datafiles import yaml_error_message
from ..errors import CodebookError
from .entries import LIST_FIELDS, Category, Pattern
from .validation import Where, normalise_categories, validate_patterns

DEFAULT_HEADER = """\
基层治理模式编码本(governance_kit)。
每个模式:id(英文 snake_case,唯一)、name(中文规范名)、category(14 个固定类别键之一)、
description(定义)、aliases(别名、简称、繁体写法)、cues(不出现名称时描述该机制的正则表达式)、
example(例句)、source(定义出处)、note(备注,可省)。
"""


def read_codebook_yaml(source: str | os.PathLike, label: str) -> tuple[str, dict[str, Category], list[Pattern]]:
    """``(label, categories, patterns)`` of a YAML codebook file, validated (``label`` names it in errors).

    Raises
    ------
    FileNotFoundError
        No file at ``source``.
    CodebookError
        Not UTF-8, a YAML syntax error, or a malformed entry (the message names line, entry and field).
    """
    try:
        text = Path(source).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise FileNotFoundError(f"找不到编码本文件 {label}") from None
    except UnicodeDecodeError as exc:
        raise CodebookError(f"{label}:不是 UTF-8 编码的文本文件({exc.reason});请另存为 UTF-8") from exc
    return parse_codebook_yaml(text, label)


def parse_codebook_yaml(text: str, label: str) -> tuple[str, dict[str, Category], list[Pattern]]:
    """:func:`read_codebook_yaml` for a YAML text: one parse gives the data and every key's line."""
    import yaml

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_cls(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise CodebookError(yaml_error_message(_python_error(text, exc), label)) from exc
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(data.get("patterns"), list):
        raise CodebookError(f"{label}:缺少 patterns 列表(每个模式一项,以 “- id: …” 开头)")
    top = {k.value: v for k, v in node.value}
    cats_node = top.get("categories")
    cat_lines = {}
    if isinstance(cats_node, yaml.MappingNode):
        cat_lines = {k.value: k.start_mark.line + 1 for k, _ in cats_node.value}
    categories = normalise_categories(data.get("categories"), label, cat_lines)
    entries = []
    items = top["patterns"].value
    for n, (entry, item) in enumerate(zip(data["patterns"], items), start=1):
        field_lines, item_lines = {}, {}
        if isinstance(item, yaml.MappingNode):
            for k, v in item.value:
                field_lines[k.value] = k.start_mark.line + 1
                if isinstance(v, yaml.SequenceNode):
                    item_lines[k.value] = [x.start_mark.line + 1 for x in v.value]
        ident = entry.get("id") if isinstance(entry, dict) else None
        where = Where(label, f"第 {n} 条模式{' ' + str(ident) if ident else ''}", line=item.start_mark.line + 1,
                      field_lines=field_lines, item_lines=item_lines)
        entries.append((entry, where))
    return label, categories, validate_patterns(entries, categories)


def _python_error(text: str, exc):
    """The error PyYAML's pure-Python parser gives for ``text``: the one whose wording the kit puts in
    Chinese (libyaml, which parses the codebook faster, words its errors differently)."""
    import yaml

    try:
        yaml.safe_load(text)
    except yaml.YAMLError as python_exc:
        return python_exc
    return exc


def codebook_yaml_text(codebook, *, header: str | None = None) -> str:
    """The YAML text of a codebook (anything with ``patterns``, ``categories`` and
    ``category_definitions``): one field per line, lists in brackets, cues one per line.

    ``header`` replaces :data:`DEFAULT_HEADER`, the comment block at the top (each line written as a comment).
    """
    header = DEFAULT_HEADER if header is None else header
    out = [("# " + line).rstrip() for line in header.strip("\n").splitlines()] if header.strip() else []
    out.append("categories:")
    definitions = codebook.category_definitions
    for key, label in codebook.categories.items():
        out.append(f"  {key}: {{label: {_scalar(label, flow=True)}, definition: {_scalar(definitions[key], flow=True)}}}")
    out.append("")
    out.append("patterns:")
    for p in codebook.patterns:
        d = p.to_dict()
        first = True
        for key, value in d.items():
            lead = "  - " if first else "    "
            first = False
            if key in LIST_FIELDS:
                if key == "cues" and value:
                    out.append(f"{lead}{key}:")
                    out.extend(f"      - {_scalar(v)}" for v in value)
                else:
                    out.append(f"{lead}{key}: [{', '.join(_scalar(v, flow=True) for v in value)}]")
            else:
                out.append(f"{lead}{key}: {_scalar(value)}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _scalar(value: str, *, flow: bool = False) -> str:
    """One YAML scalar, quoted only when needed (plain Chinese text stays unquoted).

    ``flow``: the scalar sits inside ``[...]`` or ``{...}``, where ``,[]{}`` end a plain scalar.

    >>> _scalar("网格化管理"), _scalar("a: b"), _scalar("甲,乙", flow=True)
    ('网格化管理', "'a: b'", '"甲,乙"')
    """
    import yaml

    if value == "":
        return '""'
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1 << 30).rstrip("\n")
    if text.endswith("\n..."):
        text = text[: -len("\n...")]
    quoted = text.startswith(("'", '"'))
    if "\n" in text or (flow and not quoted and any(c in value for c in ",[]{}")):
        text = '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'
    return text
