"""Limits on one input (io/limits.py, io/filebytes.py): zip bombs refused from the zip directory before
anything is unpacked, a text over the length limit refused in Chinese, a file that is not regular
refused before it is read, a file changing while it is read re-read or refused."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import hostile_inputs as H
from governance_kit import io as gio
from governance_kit.errors import CorruptFileError, ReadError
from governance_kit.io import filebytes, limits

ROOT = Path(__file__).resolve().parents[2]


# the peak resident memory of this process in KB: VmHWM (ru_maxrss would count a forking parent's size)
PEAK_KB = ("lambda: next((int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmHWM')), 0) "
           "if __import__('os').path.exists('/proc/self/status') else "
           "__import__('resource').getrusage(__import__('resource').RUSAGE_SELF).ru_maxrss")


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    return H.docx_bomb(tmp_path_factory.mktemp("bomb") / "工作总结.docx", xml_mb=200)


def test_a_docx_bomb_is_refused_quickly_from_its_zip_directory(bomb):
    assert bomb.stat().st_size < 2 * 1024 * 1024  # 200 MB of XML in under 2 MB
    start = time.perf_counter()
    with pytest.raises(CorruptFileError) as info:
        gio.read_file(bomb)
    assert time.perf_counter() - start < 5
    assert "压缩炸弹" in info.value.reason and "word/document.xml" in info.value.reason


def test_a_docx_bomb_costs_little_memory(bomb):
    """Peak memory of reading the bomb, measured in a fresh process (before: 4.2 GB for such a file)."""
    code = ("import json, sys; from governance_kit import io as gio\n"
            "try:\n    gio.read_file(sys.argv[1])\nexcept Exception as exc:\n    reason = exc.reason\n"
            f"print(json.dumps([reason, ({PEAK_KB})()]))")
    out = subprocess.run([sys.executable, "-c", code, str(bomb)], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    reason, peak_kb = json.loads(out.stdout)
    assert "压缩炸弹" in reason
    assert peak_kb < 300 * 1024, f"peak {peak_kb / 1024:.0f} MB"


def test_a_docx_over_the_xml_size_limit_is_refused_even_when_it_packs_plausibly(monkeypatch):
    data = H.docx([H.PARAGRAPH] * 3000)  # about 0.4 MB of XML
    monkeypatch.setattr(limits, "MAX_ZIP_XML_BYTES", 100_000)
    with pytest.raises(CorruptFileError) as info:
        gio.read_bytes(data, name="纪要.docx")
    assert "XML 内容解压后共" in info.value.reason and "上限" in info.value.reason


def test_a_zip_ratio_bomb_in_a_binary_part_is_refused(tmp_path):
    path = H.zip_ratio_bomb(tmp_path / "图片很多.docx", mb=16)
    with pytest.raises(CorruptFileError) as info:
        gio.read_file(path)
    assert "word/media/image1.bin" in info.value.reason and "倍" in info.value.reason


def test_an_ordinary_docx_passes_the_limits():
    raw = gio.read_bytes(H.docx([H.PARAGRAPH] * 20), name="通报.docx")
    assert raw.text.split("\n") == [H.PARAGRAPH] * 20


@pytest.mark.parametrize("name, data", [
    ("长文.txt", ("网格" * 600).encode("utf-8")),
    ("长文.docx", H.docx(["网格" * 300, "治理" * 300])),
    ("长文.html", ("<html><body><p>" + "网格" * 600 + "</p></body></html>").encode("utf-8")),
])
def test_a_text_over_the_length_limit_is_a_chinese_error(monkeypatch, name, data):
    monkeypatch.setenv("GOVKIT_MAX_TEXT_CHARS", "1000")
    with pytest.raises(ReadError) as info:
        gio.read_bytes(data, name=name)
    assert "1000 个字符的上限" in info.value.reason and "GOVKIT_MAX_TEXT_CHARS" in info.value.reason
    monkeypatch.setenv("GOVKIT_MAX_TEXT_CHARS", "5000")
    assert len(gio.read_bytes(data, name=name).text) >= 1200


def test_text_bytes_that_cannot_fit_the_limit_are_refused_before_decoding(monkeypatch):
    monkeypatch.setenv("GOVKIT_MAX_TEXT_CHARS", "100")
    with pytest.raises(ReadError, match="解码后必然超过"):
        gio.read_bytes(b"a" * 1000, name="a.txt")


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "大.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"0" * 5000)
    with pytest.raises(ReadError) as info:
        filebytes.read_once(str(path), "大.pdf", limit=1000)
    assert "上限" in info.value.reason


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_link_to_a_device_is_refused_without_reading(tmp_path):
    link = tmp_path / "zero.txt"
    os.symlink("/dev/zero", link)
    start = time.perf_counter()
    with pytest.raises(ReadError, match="不是普通文件"):
        gio.read_file(link)
    with pytest.raises(ReadError, match="不是普通文件"):
        filebytes.read_once("/dev/zero", "zero")  # even when the stat before opening is skipped
    assert time.perf_counter() - start < 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_after_opening_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    start = time.perf_counter()
    with pytest.raises(ReadError, match="不是普通文件"):
        filebytes.read_once(str(fifo), "pipe.txt")  # O_NONBLOCK open, fstat: no writer needed
    assert time.perf_counter() - start < 2


def _changing_disk(monkeypatch, path: Path, versions: list[bytes]):
    """Each call of the first read(2) of an attempt rewrites ``path`` with the next of ``versions``
    (in place, as an editor saving it), after reading the first block."""
    real = filebytes._read_block
    state = {"calls": 0}

    def read_block(fd, n):
        block = real(fd, n)
        if block and versions:
            with open(path, "r+b") as fh:
                fh.write(versions.pop(0))
                fh.truncate()
            os.utime(path, ns=(time.time_ns(), time.time_ns() + state["calls"] * 10**9 + 10**9))
        state["calls"] += 1
        return block

    monkeypatch.setattr(filebytes, "_read_block", read_block)


def test_a_file_changed_while_read_is_read_again(tmp_path, monkeypatch):
    path = tmp_path / "通知.txt"
    path.write_bytes("第一版通知。".encode() * 10)
    _changing_disk(monkeypatch, path, ["第二版通知，内容更长。".encode() * 10])
    raw = gio.read_file(path)
    assert raw.text == "第二版通知，内容更长。" * 10
    assert raw.sha256 == __import__("hashlib").sha256(path.read_bytes()).hexdigest()


def test_a_file_changing_at_every_read_is_refused_in_chinese(tmp_path, monkeypatch):
    path = tmp_path / "通知.txt"
    path.write_bytes("第一版通知。".encode() * 10)
    _changing_disk(monkeypatch, path, ["第二版。".encode() * 10, "第三版通知。".encode() * 30, "第四版".encode()])
    with pytest.raises(ReadError) as info:
        gio.read_file(path)
    assert "读取过程中被改动" in info.value.reason


def test_the_limits_read_the_environment_each_time(monkeypatch):
    monkeypatch.delenv("GOVKIT_MAX_TEXT_CHARS", raising=False)
    assert limits.max_text_chars() == limits.MAX_TEXT_CHARS
    for bad in ("", "0", "-5", "很多"):
        monkeypatch.setenv("GOVKIT_MAX_TEXT_CHARS", bad)
        assert limits.max_text_chars() == limits.MAX_TEXT_CHARS
    monkeypatch.setenv("GOVKIT_MAX_TEXT_CHARS", "123")
    assert limits.max_text_chars() == 123
