"""Stage 5, reported quantities: Chinese numbers (``numbers``) and metrics with unit, qualifier,
subject and evidence (``quantities``)."""
from .numbers import parse_number
from .quantities import (
    COLUMNS, QUALIFIERS, TABLE_COLUMNS, Metric, MetricRules, extract_metrics, load_metric_rules, metrics_in_text,
    metrics_table,
)

__all__ = ["COLUMNS", "QUALIFIERS", "TABLE_COLUMNS", "Metric", "MetricRules", "extract_metrics",
           "load_metric_rules", "metrics_in_text", "metrics_table", "parse_number"]
