"""The package's layers (docs/architecture.md): a module imports only from its own layer and
the layers below it, and the package never imports Airflow."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import khabar

PACKAGE = Path(khabar.__file__).parent
#: Bottom to top. ``root`` is ``khabar/__init__.py`` (version constants); ``cli`` the command.
LAYERS = ("root", "core", "text", "extraction", "ingest", "lake", "pipeline", "analytics", "devtools", "cli")


def _layer(module: str) -> str:
    """``khabar.lake.store`` -> ``lake``; ``khabar`` -> ``root``; ``khabar.cli`` -> ``cli``."""
    parts = module.split(".")
    if len(parts) == 1:
        return "root"
    return "cli" if parts[1] in ("cli", "__main__") else parts[1]


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every khabar module (or package) the file imports, top level and inside functions alike."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "khabar":  # `from khabar import x`: x may be a subpackage
                found += [(node.lineno, f"khabar.{a.name}") for a in node.names if a.name in LAYERS]
                found += [(node.lineno, "khabar") for a in node.names if a.name not in LAYERS]
            elif node.module.startswith("khabar.") or node.module.split(".")[0] == "airflow":
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, a.name) for a in node.names if a.name.split(".")[0] in ("khabar", "airflow")
            ]
    return found


def test_every_module_sits_in_a_known_layer() -> None:
    names = {_name(p) for p in _modules()}
    assert {_layer(n) for n in names} == set(LAYERS)
    assert "khabar.lake.store" in names and "khabar.extraction.extract" in names


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_a_layer_above_its_own(path: Path) -> None:
    own = LAYERS.index(_layer(_name(path)))
    upward = [
        f"line {line}: {module}"
        for line, module in _imports(path)
        if module.split(".")[0] == "airflow" or LAYERS.index(_layer(module)) > own
    ]
    assert upward == [], f"{_name(path)} ({LAYERS[own]}) imports from above its layer or from Airflow"


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    """The rule is not vacuous: a text-layer module importing the lake is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from khabar.lake import store\n    import airflow.sdk\n", encoding="utf-8")
    assert _imports(bad) == [(2, "khabar.lake"), (3, "airflow.sdk")]
    assert LAYERS.index(_layer("khabar.lake")) > LAYERS.index("text")


def test_every_layer_says_what_it_owns_and_may_import() -> None:
    for layer in LAYERS[1:-1]:
        doc = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "import" in doc and len(doc) > 150, f"khabar.{layer} needs its docstring"
