"""Stage 5, reported quantities: Chinese numbers (``numbers``) and metrics with unit, qualifier,
subject and evidence (``quantities``; compiled rules in ``rules``, subjects in ``subjects``, target and
list context in ``context``), and the per-place table with derived indicators (``table``)."""
from .numbers import parse_number
from .quantities import COLUMNS, QUALIFIERS, Metric, MetricRules, extract_metrics, load_metric_rules, metrics_in_text
from .table import TABLE_COLUMNS, metrics_table

__all__ = ["COLUMNS", "QUALIFIERS", "TABLE_COLUMNS", "Metric", "MetricRules", "extract_metrics",
           "load_metric_rules", "metrics_in_text", "metrics_table", "parse_number"]
