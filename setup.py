"""Package discovery that pyproject.toml alone cannot express.

The repository keeps the bundled data in top-level folders (``templates/``, ``legal_contexts/``)
as DESIGN.md lays out; the wheel ships them inside the package as ``formation.templates`` and
``formation.legal_contexts`` (see formation/resources.py). Everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

DATA_FOLDERS = ("templates", "legal_contexts")


def _data_packages(folder: str) -> list[str]:
    return [f"formation.{folder}"] + [f"formation.{folder}.{sub}" for sub in find_packages(folder)]


setup(
    packages=find_packages(include=["formation", "formation.*", "wizard", "wizard.*"])
    + [pkg for folder in DATA_FOLDERS for pkg in _data_packages(folder)],
    package_dir={f"formation.{folder}": folder for folder in DATA_FOLDERS},
)
