"""The codebook: :class:`Codebook` (its patterns and categories, validated), its files, and loading.

A codebook lists the named mechanisms of grassroots governance (:mod:`governance_kit.codebook.entries`
says what an entry is). The bundled codebook is ``data/codebook.yaml``; instructors edit it, or a
copy, in YAML or in Excel (:meth:`Codebook.from_yaml` / :meth:`Codebook.to_yaml`,
:meth:`Codebook.from_excel` / :meth:`Codebook.to_excel`). Every load is validated
(:mod:`governance_kit.codebook.validation`) and an error names the file, the line (YAML) or sheet row
(Excel), the entry and the field, in Chinese.

This module sits below coding and discovery: it imports the modules that read and write its files
(:mod:`~governance_kit.codebook.yaml_file`, :mod:`~governance_kit.codebook.excel`) and the matching
engine (:mod:`~governance_kit.codebook.matcher`), none of which imports it back; coding a text with
a codebook is :func:`governance_kit.codebook.coding.code_patterns`.

>>> cb = load_codebook()
>>> cb["grid_management"].name, cb.categories["grid_management"]
('网格化管理', '网格化管理')
"""
from __future__ import annotations

import os
from pathlib import Path

from ..datafiles import bundled, reloaded
from ..errors import CodebookError, check_choice
from .entries import CATEGORY_KEYS, CATEGORY_LABELS, FIELDS, Category, Pattern, row_strings
from .excel import read_excel, write_excel
from .matcher import Matcher
from .validation import Where, normalise_categories, validate_patterns
from .yaml_file import codebook_yaml_text, read_codebook_yaml

__all__ = ["CATEGORY_KEYS", "CATEGORY_LABELS", "CODEBOOK_FILE", "Category", "Codebook", "Pattern", "as_codebook",
           "bundled_path", "load_codebook"]

CODEBOOK_FILE = "codebook.yaml"


class Codebook:
    """Patterns and categories, validated; compiled for matching on first use.

    Build one with :meth:`from_yaml`, :meth:`from_excel`, :func:`load_codebook`, or from
    :class:`Pattern` objects. A codebook is not changed in place: :meth:`add` and
    :meth:`with_patterns` return a new one (validated), e.g. in a notebook::

        cb = gk.load_codebook().add(id="yuanzi_yishi", name="院子议事", category="deliberation",
                                    cues=[r"院坝.{0,4}议事"])

    Raises
    ------
    CodebookError
        When an entry is malformed (missing or unknown category, duplicate id, bad regex,
        an alias that is another pattern's name or alias …).
    """

    def __init__(self, patterns=(), categories=None, *, origin: str | None = None):
        cats = normalise_categories(categories, origin or "编码本")
        entries = []
        for n, p in enumerate(patterns, start=1):
            if isinstance(p, Pattern):
                raw = {f: getattr(p, f) for f in FIELDS}
            elif isinstance(p, dict):
                raw = dict(p)
            else:
                raise CodebookError(f"{origin or '编码本'} 第 {n} 条:应为 Pattern 或字典,实际为 {type(p).__name__}")
            entries.append((raw, Where(origin or "编码本", f"第 {n} 条模式")))
        self._patterns: tuple[Pattern, ...] = tuple(validate_patterns(entries, cats))
        self._categories: dict[str, Category] = cats
        self._by_id = {p.id: p for p in self._patterns}
        self.origin = origin
        self._matcher = None

    @classmethod
    def _trusted(cls, patterns: tuple[Pattern, ...], categories: dict[str, Category], origin) -> "Codebook":
        cb = cls.__new__(cls)
        cb._patterns, cb._categories, cb.origin, cb._matcher = patterns, categories, origin, None
        cb._by_id = {p.id: p for p in patterns}
        return cb

    # --- container protocol
    @property
    def patterns(self) -> tuple[Pattern, ...]:
        return self._patterns

    @property
    def categories(self) -> dict[str, str]:
        """Category key → Chinese label."""
        return {k: c.label for k, c in self._categories.items()}

    @property
    def category_definitions(self) -> dict[str, str]:
        """Category key → one-sentence Chinese definition."""
        return {k: c.definition for k, c in self._categories.items()}

    def __len__(self) -> int:
        return len(self._patterns)

    def __iter__(self):
        return iter(self._patterns)

    def __contains__(self, pattern_id) -> bool:
        return pattern_id in self._by_id

    def __getitem__(self, pattern_id: str) -> Pattern:
        try:
            return self._by_id[pattern_id]
        except KeyError:
            raise KeyError(f"编码本中没有 id 为 {pattern_id!r} 的模式") from None

    def __eq__(self, other) -> bool:
        if not isinstance(other, Codebook):
            return NotImplemented
        return self._patterns == other._patterns and self._categories == other._categories

    def __repr__(self) -> str:
        return f"<Codebook {len(self)} 个模式, {len(self._categories)} 个类别{', 来自 ' + self.origin if self.origin else ''}>"

    # --- new codebooks from this one
    def add(self, pattern: Pattern | dict | None = None, **fields_) -> "Codebook":
        """A new codebook with one more pattern (a :class:`Pattern`, a dict, or keyword fields)."""
        if pattern is None:
            pattern = fields_
        elif fields_:
            raise TypeError("add() 接受一个 Pattern/字典,或关键字字段,不能两者同时给出")
        return self.with_patterns(pattern)

    def with_patterns(self, *patterns) -> "Codebook":
        """A new codebook with these patterns added (a pattern whose id exists replaces it)."""
        new = []
        for p in patterns:
            new.extend(p if isinstance(p, (list, tuple)) and not isinstance(p, Pattern) else [p])
        new_ids = {(p.id if isinstance(p, Pattern) else (p or {}).get("id")) for p in new}
        kept = [p for p in self._patterns if p.id not in new_ids]
        cats = {k: c for k, c in self._categories.items()}
        return Codebook(kept + new, cats)  # no longer the file it was read from: origin None

    def without(self, *ids: str) -> "Codebook":
        """A new codebook without the patterns of these ids."""
        unknown = [i for i in ids if i not in self._by_id]
        if unknown:
            raise KeyError(f"编码本中没有这些 id:{'、'.join(unknown)}")
        return Codebook._trusted(tuple(p for p in self._patterns if p.id not in ids), self._categories, None)

    # --- tables
    def to_frame(self):
        """One row per pattern: id, name, category, category_label, description, aliases, cues, example, source, note.

        Lists are joined: aliases with "；", cues with a newline.
        """
        import pandas as pd

        rows = []
        for p in self._patterns:
            row = row_strings(p)
            row["category_label"] = self.categories.get(p.category, "")
            rows.append(row)
        columns = ["id", "name", "category", "category_label", "description", "aliases", "cues", "example", "source", "note"]
        return pd.DataFrame(rows, columns=columns)

    # --- files
    @classmethod
    def from_yaml(cls, path: str | os.PathLike | None = None) -> "Codebook":
        """Load and validate a YAML codebook (``None``: the bundled ``data/codebook.yaml``).

        A YAML syntax error names the file and the line, in Chinese; so does a malformed entry.
        """
        source = Path(path) if path is not None else bundled_path()
        label = str(path) if path is not None else f"governance_kit/data/{CODEBOOK_FILE}"
        label, categories, patterns = read_codebook_yaml(source, label)
        return cls._trusted(tuple(patterns), categories, label)

    def to_yaml(self, path: str | os.PathLike, *, header: str | None = None) -> Path:
        """Write the codebook as YAML (readable: one field per line, lists in brackets); returns the path.

        ``header`` replaces the default comment block at the top (each line is written as a comment).
        """
        path = Path(path)
        path.write_text(self.to_yaml_text(header=header), encoding="utf-8")
        return path

    def to_yaml_text(self, *, header: str | None = None) -> str:
        """The YAML text :meth:`to_yaml` writes (:func:`governance_kit.codebook.yaml_file.codebook_yaml_text`)."""
        return codebook_yaml_text(self, header=header)

    def to_excel(self, path: str | os.PathLike) -> Path:
        """Write an Excel workbook: sheet 编码本 (one row per pattern) and sheet 类别; returns the path.

        In sheet 编码本 aliases are separated by "；" and cues by line breaks (one regex per line);
        the 类别 column holds the category key (a Chinese label is accepted too when reading back).
        See :func:`governance_kit.codebook.excel.write_excel`.
        """
        return write_excel(self, path)

    @classmethod
    def from_excel(cls, path: str | os.PathLike) -> "Codebook":
        """Load and validate an Excel codebook written by :meth:`to_excel` (or edited from one).

        Sheet 编码本: a header row with the Chinese field names (编号, 名称, 类别, 定义, 别名, 线索,
        例句, 来源, 备注; English field names work too), one row per pattern; empty rows are skipped.
        Sheet 类别 is optional (default: the 14 fixed categories).
        """
        label, categories, patterns = read_excel(path)
        return cls._trusted(tuple(patterns), categories, label)

    # --- matching
    def matcher(self) -> Matcher:
        """The compiled automaton and cue expression (built on first use, then kept)."""
        if self._matcher is None:
            self._matcher = Matcher(self._patterns)
        return self._matcher


# --- loading -----------------------------------------------------------------------------------------

def bundled_path() -> Path:
    """Path of the bundled ``data/codebook.yaml``."""
    return bundled(CODEBOOK_FILE)


def load_codebook(path: str | os.PathLike | None = None) -> Codebook:
    """Load a codebook: ``None`` = the bundled one (cached; re-read when the file changes), a ``.yaml``/``.yml`` or ``.xlsx`` file otherwise.

    Raises
    ------
    CodebookError
        The file has a malformed entry (the message names line/row, entry and field), or another suffix.
    """
    if path is None:
        return _bundled()
    suffix = Path(path).suffix.lower()
    check_choice(f"{path}:编码本文件的后缀", suffix, (".yaml", ".yml", ".xlsx", ".xlsm"), error=CodebookError)
    if suffix in (".yaml", ".yml"):
        return Codebook.from_yaml(path)
    return Codebook.from_excel(path)


@reloaded(lambda: bundled_path())  # looked up at each call (tests point it elsewhere)
def _bundled() -> Codebook:
    return Codebook.from_yaml(None)


def as_codebook(codebook) -> Codebook:
    """``codebook`` as a :class:`Codebook`: ``None`` is the bundled one, a path is loaded."""
    if codebook is None:
        return load_codebook()
    if isinstance(codebook, Codebook):
        return codebook
    if isinstance(codebook, (str, os.PathLike)):
        return load_codebook(codebook)
    raise TypeError(f"codebook 应为 Codebook、编码本文件路径或 None,收到的是 {type(codebook).__name__}")
