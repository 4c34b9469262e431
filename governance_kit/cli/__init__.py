"""The ``govkit`` command: thin wrappers over the stages (``main``) and the exercise
commands (``exercises``)."""
from .main import build_parser, main, refuse_overwrite

__all__ = ["build_parser", "main", "refuse_overwrite"]
