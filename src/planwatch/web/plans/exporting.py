"""Writes a plan from the database as a package file: a zipped folder or one .xlsx workbook."""

from __future__ import annotations

import shutil
from pathlib import Path

from .importexport import export_plan
from .models import Plan


def package_name(plan: Plan) -> str:
    """The file and folder name of an export (from data: made safe, never a path)."""
    from planwatch.package.formulas import safe_filename

    return safe_filename(f"{plan.region.code}-{plan.year}", "plan")


def export_file(plan: Plan, fmt: str, directory: Path) -> Path:
    """Write ``plan`` into ``directory`` as ``<region>-<year>.zip`` or ``.xlsx`` and return the path."""
    from planwatch.package import write_folder, write_xlsx

    core_plan = export_plan(plan)
    name = package_name(plan)
    if fmt == "xlsx":
        return write_xlsx(core_plan, directory / f"{name}.xlsx")
    folder = write_folder(core_plan, directory / name)
    archive = shutil.make_archive(str(directory / name), "zip", root_dir=folder.parent, base_dir=folder.name)
    return Path(archive)
