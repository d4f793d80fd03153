"""Tests of the package itself: version, licence, public names and optional dependencies."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import tthc

ROOT = Path(__file__).parent.parent


def test_version_comes_from_one_place() -> None:
    from tthc._version import __version__

    assert tthc.__version__ == __version__ == metadata.version("tthc")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" in project["dynamic"]


def test_licence_file_matches_the_metadata() -> None:
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"


def test_strategies_without_hypothesis_say_what_to_install() -> None:
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'hypothesis' or name.startswith('hypothesis.'):\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import tthc\n"
        "try:\n"
        "    import tthc.strategies\n"
        "except ModuleNotFoundError as error:\n"
        "    print(error.name, '|', error)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == (
        'hypothesis | tthc.strategies needs Hypothesis: pip install "tthc[hypothesis]"'
    )


def test_public_names_exist_once() -> None:
    assert len(set(tthc.__all__)) == len(tthc.__all__)
    assert all(hasattr(tthc, n) for n in tthc.__all__)
