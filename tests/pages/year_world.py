"""A plan in the middle of its year, with something in every state, for the tests that walk every page.

On top of ``factories.build_world`` (round 2021年6月, five tasks, GDP, a key project): every name in English
too, the head step on, figures submitted, approved by the head, approved, returned; a project update in
review; an attachment; a comment mentioning a department; a target adjusted; warnings; notifications.
"""

from __future__ import annotations

import datetime as dt

from planwatch.web.plans import services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.models import Area, Department, Indicator, Plan, Project, Task
from planwatch.web.plans.recompute import recompute_warnings
from planwatch.web.plans.services import evidence, projects
from web.factories import current

from .factories import World, build_world

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
ENGLISH = {
    "cgj": "District City Management Commission", "fgw": "District Development and Reform Commission",
    "jw": "District Education Commission", "A2": "Economic restructuring", "A4": "Urban renewal",
    "T01": "Demolish illegal buildings", "T02": "Vacate land", "T03": "New parking spaces",
    "T04": "New school places", "T05": "Key projects started", "gdp": "Gross domestic product",
    "P01": "Jianguo Road No. 16 parking building",
}


def _english_names(w: World) -> None:
    Plan.objects.filter(pk=w.plan.pk).update(title_en="Chaoyang District 2021 plan")
    for model in (Department, Area, Task, Indicator, Project):
        for obj in model.objects.filter(**({"plan": w.plan})):
            if obj.code in ENGLISH:
                obj.name_en = ENGLISH[obj.code]
                obj.save(update_fields=["name_en"])


def build_year_world() -> World:
    w = build_world(head_step=True)
    _english_names(w)
    w.tasks = {code: Task.objects.get(pk=t.pk) for code, t in w.tasks.items()}
    a = {name: Actor.for_user(u) for name, u in w.users.items()}
    t = w.tasks
    # T01 approved; T02 returned by the head; T03 submitted (5,000 against 3,000: flagged) with evidence
    s1 = services.report(a["reporter-cgj"], t["T01"], value="91.4", as_of="2021-06-30", note="拆违91.4万平方米")
    current(services.approve)(a["planoffice"], current(services.approve)(a["head-cgj"], s1))
    s2 = services.report(a["reporter-cgj"], t["T02"], value="109.7", as_of="2021-06-30")
    current(services.return_)(a["head-cgj"], s2, "请核实腾退土地口径")
    s3 = services.report(a["reporter-cgj"], t["T03"], value="5000", as_of="2021-06-30")
    evidence.attach(a["reporter-cgj"], s3, "停车位验收.pdf", PDF)
    s4 = services.report(a["reporter-jw"], t["T04"], value="2000", as_of="2021-06-30")
    current(services.approve)(a["head-cgj"], s3)  # T03 now awaits the plan office
    del s4
    project = Project.objects.get(code="P01")
    current(projects.add_update)(a["reporter-cgj"], project, phase="under_construction", investment_done="6000",
                        as_of="2021-06-30", actual_start="2021-03-01", note="主体结构封顶")
    evidence.add_comment(a["planoffice"], task=t["T03"], body="@区城管委 请补充验收材料")
    services.adjust_target(a["planoffice"], t["T02"], new_value="200", new_text="全年腾退土地不少于200公顷",
                           reason="区政府常务会调整", effective=dt.date(2021, 7, 15))
    recompute_warnings(w.plan)
    w.plan.refresh_from_db()
    return w
