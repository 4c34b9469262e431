"""Named mechanisms the codebook lacks: :func:`discover` and the parts behind it.

``rules`` (data/discovery.yaml, validated) → ``candidates`` (what every finder shares) → one finder
per kind of name: ``formulas``, ``quoted``, ``suffix_names``, ``unquoted`` (with ``model``, the
learned span scorer), ``enumerations`` → ``scanner`` (all finders over one text) → ``finder``
(:func:`discover`, :func:`discover_frame`: scores, categories via ``categories``, overlaps) →
``domain`` (data/discovery_domain.yaml: whether a find is a way of governing; what
``code_patterns(discover=True)`` reports, per document and over a corpus).
"""
from .finder import KINDS, Discovery, discover, discover_frame
from .rules import CATEGORIES, DiscoveryRules, default_discovery_rules, load_discovery_rules
from .scanner import Scanner

__all__ = ["CATEGORIES", "KINDS", "Discovery", "DiscoveryRules", "Scanner", "default_discovery_rules", "discover",
           "discover_frame", "load_discovery_rules"]
