"""Fields every row read from the plan data package carries: its place and its source."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PackageRow(models.Model):
    """A row of the package: ``seq`` keeps the package order, ``source`` the sentence it came from."""

    seq = models.PositiveIntegerField(_("顺序 (row order)"), default=0)
    source = models.TextField(_("来源 (source sentence)"), blank=True, default="")
    illustrative = models.BooleanField(_("示意数据 (illustrative)"), default=False)
    origin_file = models.CharField(_("来源文件 (package file)"), max_length=300, blank=True, default="")
    origin_row = models.PositiveIntegerField(_("来源行 (package row)"), default=0)

    class Meta:
        abstract = True
