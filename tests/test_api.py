"""The declared public API: every name exists, is documented, and importing the package stays light."""
from __future__ import annotations

import subprocess
import sys

import governance_kit as gk


def test_every_public_name_exists_and_is_documented():
    for name in gk.__all__:
        obj = getattr(gk, name)
        if name != "__version__":
            assert obj.__doc__ and obj.__doc__.strip(), name


def test_contract_names_from_design():
    for name in ("read_document", "load_corpus", "clean_text"):
        assert name in gk.__all__


def test_import_does_not_load_heavy_libraries():
    code = (
        "import sys, governance_kit;"
        "heavy = [m for m in ('jieba', 'opencc', 'pandas', 'numpy', 'lxml', 'docx', 'pdfminer', 'pyarrow', 'yaml',"
        " 'charset_normalizer', 'sklearn', 'matplotlib') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_unknown_attribute_is_an_attribute_error():
    try:
        gk.no_such_function
    except AttributeError as exc:
        assert "no_such_function" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_no_public_name_is_shadowed_by_a_submodule():
    """Importing every submodule must not turn a public function into a module (gk.profile was once
    shadowed by governance_kit/profile.py when another module imported it)."""
    import importlib
    import types

    import governance_kit as gk

    for module in sorted(set(gk._API.values())):
        importlib.import_module(f"governance_kit.{module}")
    for name in gk._API:
        assert not isinstance(getattr(gk, name), types.ModuleType), name
