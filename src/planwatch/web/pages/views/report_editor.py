"""The report editor of the plan office: the execution report by section and area, every paragraph
editable, computed figures marked with their source, the checker's findings beside the paragraph, the
history of edits, and the exports of the working and official editions.

The draft is planwatch.report's document of the plan's approved data (working edition); a paragraph the
office writes is kept as ReportText (services.reports.save_text) and put in place of the draft's, its
figures checked against the data (planwatch.report.verify).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from planwatch.core.errors import PlanwatchError
from planwatch.report import build_document
from planwatch.report.document import Paragraph, Section
from planwatch.report.writers.html import runs_html
from planwatch.web.plans import scoping
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.errors import Conflict, PermissionDenied, ValidationError
from planwatch.web.plans.importexport import export_plan
from planwatch.web.plans.models import ReportText
from planwatch.web.plans.services import reports as report_texts

from ..context import Workspace, workspace
from .reports import PERIOD, default_period


@dataclass
class EditorParagraph:
    key: str
    html: str
    text: str  # what the textarea holds: the authored text, else the draft's words
    authored: bool
    findings: list[Any]
    version: int | None
    lead_key: str = ""
    lead: str = ""
    lead_version: int | None = None


@dataclass
class EditorSection:
    heading: str
    level: int
    paragraphs: list[EditorParagraph] = field(default_factory=list)
    heading_key: str = ""
    heading_text: str = ""
    heading_version: int | None = None


def _office(ws: Workspace) -> None:
    if ws.role != scoping.PLANOFFICE:
        raise Http404("the report editor is the plan office's")


def _period(request: HttpRequest, ws: Workspace) -> str:
    period = request.GET.get("period") or request.POST.get("period") or default_period(ws)
    if not PERIOD.match(period):
        raise Http404("no such period")
    return period


def editor_sections(ws: Workspace, period: str, lang: str = "zh") -> tuple[list[EditorSection], Any]:
    """The report as the editor shows it: sections, their paragraphs, findings and versions."""
    doc = build_document(export_plan(ws.plan), period, on=ws.on, lang=lang, edition="working")
    stored = {t.key: t for t in ReportText.objects.filter(plan=ws.plan, period=period, lang=lang)}
    sections: list[EditorSection] = []
    current: EditorSection | None = None
    for _depth, node in doc.walk():
        if isinstance(node, Section):
            current = EditorSection(runs_html(node.heading), node.level)
            sections.append(current)
            continue
        if not isinstance(node, Paragraph) or not node.key or current is None:
            continue
        own = stored.get(node.key)
        para = EditorParagraph(node.key, runs_html(node.runs), own.text if own and own.text else node.text,
                               node.authored, node.findings, own.version if own else None)
        if node.key.startswith(("review.", "measures.")) and node.key.count(".") == 1:
            area = node.key.split(".", 1)[1]
            if node.key.startswith("review.") and area not in ("headline", "projects"):
                lead = stored.get(f"lead.{area}")
                para.lead_key, para.lead = f"lead.{area}", lead.text if lead else ""
                para.lead_version = lead.version if lead else None
            elif node.key.startswith("measures.") and area != "intro":
                head = stored.get(f"measures_heading.{area}")
                current.heading_key = f"measures_heading.{area}"
                current.heading_text = head.text if head else current.heading.split("）", 1)[-1]
                current.heading_version = head.version if head else None
        current.paragraphs.append(para)
    return [s for s in sections if s.paragraphs or s.level == 1], doc


@login_required
def editor(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    _office(ws)
    period = _period(request, ws)
    if request.method == "POST":
        key = request.POST.get("key", "")
        version = request.POST.get("version") or None
        try:
            report_texts.save_text(Actor.from_request(request), ws.plan, period, key, request.POST.get("text", ""),
                                   version=int(version) if version and version.isdigit() else None)
            messages.success(request, _("Saved. The figures of the paragraph have been checked against the data."))
        except (Conflict, PermissionDenied) as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            messages.error(request, "; ".join(str(m) for m in exc.messages))
        anchor = key.replace("lead.", "review.").replace("measures_heading.", "measures.")
        return redirect(f"{reverse('pages:report_editor')}?period={period}#p-{anchor}")
    try:
        sections, doc = editor_sections(ws, period)
    except PlanwatchError as exc:
        messages.error(request, str(exc))
        return redirect(reverse("pages:reports"))
    findings = doc.meta.get("findings", [])
    history = report_texts.history(ws.plan, period)[:30]
    return render(request, "pages/reports/editor.html", {
        "ws": ws, "period": period, "sections": sections, "history": history,
        "errors": [f for f in findings if f["level"] == "error"], "notices": doc.meta.get("notices", []),
        "legend": mark_safe('<span class="fig">3.9%</span>'),
    })
