"""Stage 5, administrative places with level and parent, from a sourced gazetteer."""
from .extract import COLUMNS, LEVELS, Place, Unit, extract_places, gazetteer, places_in_text

__all__ = ["COLUMNS", "LEVELS", "Place", "Unit", "extract_places", "gazetteer", "places_in_text"]
