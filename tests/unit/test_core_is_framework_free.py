"""The core must never import Django, the ORM, the web package or the network."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "src" / "contingent" / "core"
FORBIDDEN = ("django", "ninja", "contingent.web", "psycopg", "requests", "urllib.request", "http")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _offenders(path: Path) -> list[str]:
    """Forbidden names ``path`` imports, including ``from urllib import request`` (the module
    alone, ``urllib``, would pass)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    names = _imports(path) + [
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
        for alias in node.names
    ]
    return sorted(
        {name for name in names if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)}
    )


def test_no_module_under_core_imports_a_framework_or_the_network():
    offenders = [
        f"{path.relative_to(CORE)} imports {name}"
        for path in sorted(CORE.rglob("*.py"))
        for name in _offenders(path)
    ]
    assert list(CORE.rglob("*.py")), "the core package was not found"
    assert offenders == []


def test_the_checker_would_catch_a_django_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from django.db import models\nimport contingent.web.settings\n")
    assert _imports(bad) == ["django.db", "contingent.web.settings"]
    assert _offenders(bad) == ["contingent.web.settings", "django.db", "django.db.models"]


def test_the_checker_would_catch_a_network_module_imported_by_name(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from urllib import request\nfrom contingent import web\nimport json\n")
    assert _offenders(bad) == ["contingent.web", "urllib.request"]
