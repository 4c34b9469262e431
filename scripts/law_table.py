"""Write docs/法条核对表.md from governance_kit/data/deliberation_rules.yaml (run after editing the rules)."""
from pathlib import Path

from governance_kit.design.legal import check_table

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    path = ROOT / "docs" / "法条核对表.md"
    path.write_text(check_table() + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")
