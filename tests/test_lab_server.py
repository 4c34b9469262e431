"""Acceptance check for ``make lab``, headless: JupyterLab starts on notebooks/ with a Chinese UI.

Starts ``jupyter lab`` from this environment on a free loopback port with a random token and
no user state (config, runtime and home in a temporary folder; the environment's own
``share/jupyter`` — where the language pack and ``overrides.json`` live — is still found),
then asks the server what the browser would ask it.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from governance_kit.labsetup import TRANSLATION_PLUGIN, set_lab_locale

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # loopback only
START_TIMEOUT = 60.0
POLL_INTERVAL = 0.25

# Environment variables that would let the user's own Jupyter state leak into the server.
USER_STATE_VARS = [
    "JUPYTER_DATA_DIR",
    "JUPYTER_PATH",
    "JUPYTER_CONFIG_PATH",
    "JUPYTERLAB_DIR",
    "JUPYTERLAB_SETTINGS_DIR",
    "JUPYTERLAB_WORKSPACES_DIR",
    "JUPYTER_TOKEN",
    "XDG_DATA_HOME",
    "XDG_CONFIG_HOME",
]

# Never send loopback requests through a proxy from the environment.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _jupyter_executable() -> Path | None:
    bindir = Path(sys.prefix) / ("Scripts" if os.name == "nt" else "bin")
    found = shutil.which("jupyter", path=str(bindir))
    return Path(found) if found else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 10.0) -> tuple[int, str, str]:
    with _opener.open(url, timeout=timeout) as resp:
        return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode("utf-8")


def _log_tail(log: Path, n: int = 4000) -> str:
    try:
        return log.read_text(encoding="utf-8", errors="replace")[-n:]
    except OSError:
        return "(no log)"


def _wait_until_up(proc: subprocess.Popen, base: str, token: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    for _ in range(int(START_TIMEOUT / POLL_INTERVAL) + 1):
        if proc.poll() is not None:
            pytest.fail(f"jupyter lab exited with code {proc.returncode}:\n{_log_tail(log)}")
        try:
            status, _, body = _get(f"{base}/api/status?token={token}", timeout=2)
            if status == 200 and "started" in json.loads(body):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError, json.JSONDecodeError):
            pass
        if time.monotonic() > deadline:
            break
        time.sleep(POLL_INTERVAL)
    pytest.fail(f"jupyter lab did not answer within {START_TIMEOUT:.0f} s:\n{_log_tail(log)}")


@pytest.fixture
def lab_server(tmp_path):
    jupyter = _jupyter_executable()
    if jupyter is None:
        pytest.skip(f"jupyter is not installed in {sys.prefix}")

    # The Makefile does this too; idempotent.
    set_lab_locale(sys.prefix)

    port, token = _free_port(), secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if k not in USER_STATE_VARS}
    env.update(
        HOME=str(tmp_path),
        USERPROFILE=str(tmp_path),
        JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"),
        JUPYTER_RUNTIME_DIR=str(tmp_path / "jupyter-runtime"),
        PYTHONUTF8="1",
    )
    cmd = [
        str(jupyter), "lab", "--no-browser",
        f"--ServerApp.port={port}", f"--ServerApp.ip={HOST}",
        f"--ServerApp.token={token}",
        f"--ServerApp.root_dir={REPO / 'notebooks'}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # CI containers run as root; Jupyter refuses otherwise

    log = tmp_path / "jupyter-lab.log"
    base = f"http://{HOST}:{port}"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            _wait_until_up(proc, base, token, log)
            yield base, token, log
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)


def _json(base: str, path: str, token: str) -> dict:
    status, ctype, body = _get(f"{base}{path}?token={token}")
    assert status == 200, (path, status)
    assert "json" in ctype, (path, ctype)
    return json.loads(body)


def test_lab_serves_a_chinese_ui_on_notebooks(lab_server):
    base, token, log = lab_server

    # 1. The JupyterLab page itself.
    status, ctype, html = _get(f"{base}/lab?token={token}")
    assert status == 200
    assert ctype.startswith("text/html"), ctype
    assert "<html" in html.lower() and "jupyter-config-data" in html

    # 2. The UI language setting: user settings are empty (fresh config dir), so the effective
    #    value is the schema default, which overrides.json in the environment sets to zh_CN.
    setting = _json(base, f"/lab/api/settings/{TRANSLATION_PLUGIN}", token)
    assert setting["id"] == TRANSLATION_PLUGIN
    default_locale = setting["schema"]["properties"]["locale"]["default"]
    news = _json(base, "/lab/api/settings/@jupyterlab/apputils-extension:notification", token)
    assert news["schema"]["properties"]["fetchNews"]["default"] == "false"
    assert news["schema"]["properties"]["checkForUpdates"]["default"] is False
    assert default_locale == "zh_CN", f"overrides.json not applied; log:\n{_log_tail(log)}"
    if "composite" in setting:
        effective = setting["composite"]["locale"]
    else:
        effective = (setting.get("settings") or {}).get("locale", default_locale)
    assert effective == "zh_CN"

    # 3. The installed language packs include zh_CN.
    packs = _json(base, "/lab/api/translations", token)
    assert "zh_CN" in packs["data"], packs
    assert packs["data"]["zh_CN"].get("nativeName"), packs

    # 4. The zh_CN pack's catalogue for JupyterLab itself.
    pack = _json(base, "/lab/api/translations/zh_CN", token)
    assert not pack.get("message"), pack.get("message")
    catalogue = pack["data"].get("jupyterlab")
    assert catalogue, f"no 'jupyterlab' domain in the zh_CN pack: {sorted(pack['data'])}"
    assert catalogue[""]["language"].replace("-", "_").lower() == "zh_cn"
    assert len(catalogue) > 500
    translations = [s for v in catalogue.values() if isinstance(v, list) for s in v]
    assert "文件" in translations  # the File menu
    assert "设置" in translations  # the Settings menu

    # 5. The server's root is notebooks/: whatever it lists is there.
    listing = _json(base, "/api/contents", token)
    assert listing["type"] == "directory"
    on_disk = {p.name for p in (REPO / "notebooks").iterdir()}
    served = {item["name"] for item in listing["content"]}
    assert served <= on_disk, served - on_disk
