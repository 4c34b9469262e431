"""Named mechanisms the codebook lacks: rule-based finder, learned span model, category guesses."""
from .finder import Discovery, DiscoveryRules, default_discovery_rules, discover, discover_frame, load_discovery_rules

__all__ = ["Discovery", "DiscoveryRules", "default_discovery_rules", "discover", "discover_frame",
           "load_discovery_rules"]
