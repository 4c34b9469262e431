"""Make JupyterLab in an environment start in Simplified Chinese.

JupyterLab reads default settings from ``<prefix>/share/jupyter/lab/settings/overrides.json``;
setting the translation plugin's ``locale`` there activates the zh_CN language pack
(``jupyterlab-language-pack-zh-CN``) for everyone using that environment, without touching
the user's own settings in ``~/.jupyter``. The same file turns off the news prompt and the update
check, which would try to reach the internet.

Run as ``python -m governance_kit.labsetup --prefix .venv`` (the Makefile does this) or, in a
conda environment, ``python -m governance_kit.labsetup``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"
NOTIFICATION_PLUGIN = "@jupyterlab/apputils-extension:notification"
LOCALE = "zh_CN"
# offline first: no prompt to fetch Jupyter news, no update check (classrooms are often offline)
NOTIFICATION_SETTINGS = {"fetchNews": "false", "checkForUpdates": False}


def overrides_path(prefix: str | Path) -> Path:
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def set_lab_locale(prefix: str | Path = sys.prefix, locale: str = LOCALE) -> Path:
    """Write (or merge into) ``overrides.json`` so JupyterLab's UI language is ``locale``."""
    path = overrides_path(prefix)
    settings: dict = {}
    if path.exists():
        settings = json.loads(path.read_text(encoding="utf-8") or "{}")
    settings.setdefault(TRANSLATION_PLUGIN, {})["locale"] = locale
    settings.setdefault(NOTIFICATION_PLUGIN, {}).update(NOTIFICATION_SETTINGS)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="把 JupyterLab 界面语言设为简体中文,并关闭联网的新闻与更新提示")
    parser.add_argument("--prefix", default=sys.prefix, help="环境目录(默认:当前 Python 环境)")
    args = parser.parse_args(argv)
    path = set_lab_locale(args.prefix)
    print(f"JupyterLab 界面语言已设为简体中文:{path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
