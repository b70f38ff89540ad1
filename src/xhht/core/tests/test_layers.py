"""The layers contracts (pyproject's [tool.importlinter], docs/ARCHITECTURE.md "Layers") pass on
the real tree and fail as soon as a lower layer imports a higher one.

``lint-imports`` runs as a subprocess on a copy of the source: in this process ``xhht`` is
already imported, and import-linter would find the real tree instead of the copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[4]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    return subprocess.run(  # noqa: S603 - our own tool, fixed arguments
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The Python files of src/xhht and pyproject.toml, in a fresh directory."""
    shutil.copytree(
        REPO / "src" / "xhht",
        tmp_path / "src" / "xhht",
        ignore=lambda _dir, names: [
            n for n in names if n == "__pycache__" or ("." in n and not n.endswith(".py"))
        ],
    )
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _append(module: Path, line: str) -> None:
    module.write_text(module.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")


def test_the_real_tree_keeps_every_contract() -> None:
    result = _lint(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_copy_keeps_every_contract_before_it_is_changed(copy: Path) -> None:
    result = _lint(copy)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_upward_import_breaks_the_layers(copy: Path) -> None:
    _append(copy / "src/xhht/core/text.py", "from xhht.reporting import models as _upward")
    result = _lint(copy)
    assert result.returncode != 0
    assert "xhht.core is not allowed to import xhht.reporting" in result.stdout
    assert "xhht.core.text -> xhht.reporting.models" in result.stdout


def test_an_upward_import_hidden_in_a_function_breaks_the_layers(copy: Path) -> None:
    _append(
        copy / "src/xhht/registry/models.py",
        "def _dodge() -> object:\n    from xhht.plans.models import Plan\n\n    return Plan",
    )
    result = _lint(copy)
    assert result.returncode != 0
    assert "xhht.registry is not allowed to import xhht.plans" in result.stdout


def test_production_code_importing_the_demo_breaks_the_contracts(copy: Path) -> None:
    _append(copy / "src/xhht/urls.py", "import xhht.demo.seed  # noqa: F401")
    result = _lint(copy)
    assert result.returncode != 0
    assert "xhht.urls -> xhht.demo.seed" in result.stdout
