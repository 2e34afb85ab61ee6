"""The plan data package: a folder of CSV/YAML files or one .xlsx workbook, read into a ``Plan`` and
written back losslessly. The format is documented for users in docs/package.md.

    from planwatch.package import load, validate, write_folder, write_xlsx, example_path
    plan = load(example_path())            # raises PackageError listing every problem
    issues = validate("my-package/")       # [] when clean; PackageIssue(file, row, column, …)
"""

from __future__ import annotations

from .examples import example_path, list_examples
from .issues import PackageError, PackageIssue
from .reader import inspect, load, validate
from .sources import Unreadable
from .writer import write_folder, write_xlsx

__all__ = [
    "PackageError",
    "PackageIssue",
    "Unreadable",
    "example_path",
    "inspect",
    "list_examples",
    "load",
    "validate",
    "write_folder",
    "write_xlsx",
]
