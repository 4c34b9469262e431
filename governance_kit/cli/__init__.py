"""The ``govkit`` command: thin wrappers over the stages (``main``), the exercise commands
(``exercises``) and what every command shares (``console``: Chinese argparse, UTF-8, no overwrite)."""
from .console import refuse_overwrite
from .main import build_parser, main

__all__ = ["build_parser", "main", "refuse_overwrite"]
