"""A plain (non-editable) install finds every bundled resource.

Builds the wheel, unpacks it into a folder outside the checkout and loads the legal contexts,
the clause library, the criteria sets and a bundled layout from there, with the checkout kept
off ``sys.path``.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (found,) = out.glob("formation-*.whl")
    return found


def test_wheel_ships_templates_and_legal_contexts(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "formation/legal_contexts/nz.toml" in names
    assert "formation/templates/bylaws/layout.docx" in names
    assert "formation/templates/minutes/minutes.docx" in names
    assert any(n.startswith("formation/templates/bylaws/clauses/") and n.endswith(".toml") for n in names)
    assert "formation/criteria/red_umbrella_fund.toml" in names
    assert not any(n.startswith(("templates/", "legal_contexts/", "tests/")) for n in names)


def test_wheel_ships_every_data_file_of_the_checkout(wheel):
    """Every tracked non-Python file under the shipped folders is in the wheel (help pages,
    catalogs, layouts, clause files, contexts), at its installed place."""
    tracked = subprocess.run(
        ["git", "ls-files", "formation", "wizard", "templates", "legal_contexts"],
        capture_output=True, text=True, cwd=ROOT, check=True,
    ).stdout.split()
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = []
    for path in tracked:
        if path.endswith((".py", ".sh")):
            continue
        installed = f"formation/{path}" if path.startswith(("templates/", "legal_contexts/")) else path
        if installed not in names:
            missing.append(path)
    assert missing == []


def test_installed_package_loads_its_resources_outside_the_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = (
        "import sys\n"
        f"sys.path = [p for p in sys.path if p.rstrip('/') != {str(ROOT)!r}]\n"
        f"sys.path.insert(0, {str(target)!r})\n"
        "import formation\n"
        f"assert formation.__file__.startswith({str(target)!r}), formation.__file__\n"
        "from formation.contexts import load_context\n"
        "from formation.clauses import load_library\n"
        "from formation.criteria_sets import load_criteria_sets\n"
        "from formation.documents import render_docx\n"
        "print(load_context('nz').id, len(load_library().clauses) > 10, len(load_criteria_sets()))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["nz", "True", "5"]
