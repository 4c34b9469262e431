"""All candidate finders of discovery over one text: :class:`Scanner`.

Each kind of candidate has its finder, a mixin over :class:`~governance_kit.codebook.discovery.candidates.ScannedText`:

=======================  ==================================  ===============================
kind                     finder (method)                     module
=======================  ==================================  ===============================
``numeric_formula``      :meth:`Scanner.numeric`             :mod:`.formulas`
``plus_formula``         :meth:`Scanner.plus`                :mod:`.formulas`
``quoted``, ``slogan``   :meth:`Scanner.quoted`              :mod:`.quoted`
``suffix_name``          :meth:`Scanner.suffixes`            :mod:`.suffix_names`
``coined``               :meth:`Scanner.coined`              :mod:`.unquoted`
``learned``              :meth:`Scanner.learned`             :mod:`.unquoted` (model: :mod:`.model`)
``enumeration``          :meth:`Scanner.enumerations`        :mod:`.enumerations`
=======================  ==================================  ===============================

Each finder yields :class:`~governance_kit.codebook.discovery.candidates.Candidate` spans with the
score of their own cues; :func:`~governance_kit.codebook.discovery.finder.discover` adds the category
evidence, applies the threshold and resolves overlaps. Other stages use the rules' candidates alone
(the metrics stage skips numbers inside formulas and quoted names).

>>> from governance_kit.codebook.discovery.rules import default_discovery_rules
>>> scan = Scanner("在镇“一局三中心”设置网格e事工作室。", default_discovery_rules())
>>> [scan.text[c.start:c.end] for source in (scan.quoted(True), scan.suffixes()) for c in source]
['一局三中心', '网格e事工作室']
"""
from __future__ import annotations

from .enumerations import Enumerations
from .quoted import QuotedNames
from .suffix_names import SuffixNames
from .unquoted import UnquotedNames


class Scanner(QuotedNames, SuffixNames, UnquotedNames, Enumerations):
    """One text and its rules, with every candidate finder (see the table above)."""
