"""Per-notebook exercise checks (nb00 … nb08): one function per exercise, hints in Simplified Chinese."""
from ..feedback import answer

__all__ = ["answer"]
