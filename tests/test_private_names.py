"""No module of newsevents imports another module's private (``_underscore``) names.

ruff's SLF001 catches ``obj._name``; its PLC2701 skips first-party imports, so ``from newsevents.x import
_name`` is checked here by reading the sources.
"""

from __future__ import annotations

import ast
from pathlib import Path

import newsevents

PACKAGE = Path(newsevents.__file__).parent

# To go (issue 17): this list only shrinks.
KNOWN: set[str] = set()


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_imports(root: Path = PACKAGE) -> set[str]:
    """``"importer -> module.name"`` for each private name one module imports from another."""
    found = set()
    for path in sorted(root.rglob("*.py")):
        parts = ("newsevents", *path.relative_to(root).with_suffix("").parts)
        is_init = parts[-1] == "__init__"
        module = ".".join(parts[:-1] if is_init else parts)
        package = module if is_init else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [(alias.name, alias.name.rpartition(".")[2]) for alias in node.names]
                found |= {f"{module} -> {full}" for full, last in targets
                          if full.startswith("newsevents.") and _is_private(last)}
                continue
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            if source != "newsevents" and not source.startswith("newsevents."):
                continue
            for alias in node.names:
                if _is_private(alias.name) or _is_private(source.rpartition(".")[2]):
                    found.add(f"{module} -> {source}.{alias.name}")
    return found


def test_no_module_imports_another_modules_private_names() -> None:
    new = private_imports() - KNOWN
    assert not new, f"private names imported from another module: {sorted(new)}"


def test_the_known_list_only_holds_what_is_still_there() -> None:
    gone = KNOWN - private_imports()
    assert not gone, f"fixed, remove from KNOWN: {sorted(gone)}"


def test_the_check_sees_absolute_and_relative_private_imports(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "__init__.py").write_text("from .a import public\n")
    (tmp_path / "sub" / "a.py").write_text("from newsevents.store.db import _hidden, shown\n")
    (tmp_path / "sub" / "b.py").write_text("from . import a\nfrom .a import _helper\nimport newsevents._x\n")
    (tmp_path / "c.py").write_text("from os import _exit\nfrom .sub.a import __all__\n")
    assert private_imports(tmp_path) == {
        "newsevents.sub.a -> newsevents.store.db._hidden",
        "newsevents.sub.b -> newsevents.sub.a._helper",
        "newsevents.sub.b -> newsevents._x",
    }
