"""The architecture holds: imports go one way (the import-linter contract in pyproject.toml),
imports sit at the top of their files, and core defines and imports no models.

docs/architecture.md ("Direction of data") explains the layers and the allow-list."""

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "theodoi"
CONFIG = ROOT / "pyproject.toml"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
COPY_IGNORES = shutil.ignore_patterns("__pycache__", "static", "templates")
CONTRACT = "Layers: composition > exchange > reporting > targets|tasks > directives >"


def lint_imports(where: Path) -> tuple[int, str]:
    """lint-imports with the project's contracts over the `theodoi` package found in `where`:
    (exit code, output with its line wrapping undone)."""
    result = subprocess.run(
        [str(LINT_IMPORTS), "--config", str(CONFIG), "--no-cache"],
        cwd=where,
        env={**os.environ, "PYTHONPATH": str(where)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result.returncode, " ".join((result.stdout + result.stderr).split())


def copy_with_line(tmp_path: Path, module: str, line: str) -> Path:
    """A copy of the package with `line` appended to theodoi/<module>."""
    shutil.copytree(PACKAGE, tmp_path / "theodoi", ignore=COPY_IGNORES)
    target = tmp_path / "theodoi" / module
    target.write_text(target.read_text() + f"\n{line}\n")
    return tmp_path


def test_the_import_contract_is_kept():
    assert LINT_IMPORTS.exists(), "import-linter is a dev dependency (pyproject.toml)"
    code, out = lint_imports(ROOT)
    assert code == 0, out
    assert "0 broken" in out


def test_the_contract_bites_when_a_lower_layer_imports_a_higher_one(tmp_path):
    line = "import theodoi.exchange  # noqa"
    code, out = lint_imports(copy_with_line(tmp_path, "targets/models.py", line))
    assert code != 0
    assert "BROKEN" in out and CONTRACT in out
    assert "theodoi.targets is not allowed to import theodoi.exchange" in out
    assert "theodoi.targets.models -> theodoi.exchange" in out


def test_siblings_of_one_layer_do_not_import_each_other(tmp_path):
    line = "from theodoi.targets import models as _targets  # noqa"
    code, out = lint_imports(copy_with_line(tmp_path, "tasks/panels.py", line))
    assert code != 0
    assert "theodoi.tasks is not allowed to import theodoi.targets" in out


def _allowed(path: Path, function: str) -> bool:
    """Imports inside a function are allowed only where Django requires them: AppConfig.ready
    in an app's apps.py (its modules may not load before the registry is ready) and
    migrations (not walked at all)."""
    return path.name == "apps.py" and function == "ready"


def _ours(node) -> bool:
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").split(".")[0] == "theodoi"
    return any(a.name.split(".")[0] == "theodoi" for a in node.names)


def _imports_in_functions(path: Path):
    def walk(node, functions):
        for child in ast.iter_child_nodes(node):
            if (
                isinstance(child, (ast.Import, ast.ImportFrom))
                and functions
                and _ours(child)
                and not _allowed(path, functions[-1])
            ):
                yield f"{path.relative_to(ROOT)}:{child.lineno} in {functions[-1]}()"
            is_function = isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            yield from walk(child, functions + [child.name] if is_function else functions)

    yield from walk(ast.parse(path.read_text(), str(path)), [])


def test_no_module_of_ours_is_imported_inside_a_function():
    found = [
        hit
        for path in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in path.parts
        for hit in _imports_in_functions(path)
    ]
    assert found == [], "move to the top (fix the circle, if any):\n" + "\n".join(found)


def test_core_defines_and_imports_no_models():
    offenders = []
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            if any(n == "django.db" or n.startswith("django.db.") for n in names):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
