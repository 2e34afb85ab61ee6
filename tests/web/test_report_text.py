"""The office's text of a report (ReportText) in the one locking scheme: nothing written over unseen."""

from __future__ import annotations

import pytest

from planwatch.web.plans.actor import Actor
from planwatch.web.plans.errors import Conflict, PermissionDenied, ValidationError
from planwatch.web.plans.models import ObjectChange, ReportText
from planwatch.web.plans.services import reports

pytestmark = pytest.mark.django_db

KEY = "review.0"


def test_a_paragraph_is_created_then_changed_at_the_version_read_and_logged(plan, users) -> None:
    office = Actor.for_user(users["planoffice"])
    first = reports.save_text(office, plan, "2021H1", KEY, "  上半年，全区经济持续恢复。 ")
    assert (first.text, first.version) == ("上半年，全区经济持续恢复。", 1)
    second = reports.save_text(office, plan, "2021H1", KEY, "上半年，全区经济稳中向好。", version=1)
    assert (second.text, second.version) == ("上半年，全区经济稳中向好。", 2)
    assert ReportText.objects.filter(plan=plan, period="2021H1", key=KEY).count() == 1
    edits = reports.history(plan, "2021H1")
    assert [(e["before"], e["after"]) for e in edits] == [
        ("上半年，全区经济持续恢复。", "上半年，全区经济稳中向好。"), ("", "上半年，全区经济持续恢复。")]


def test_a_stale_version_and_a_text_stored_since_an_empty_read_are_conflicts(plan, users) -> None:
    office = Actor.for_user(users["planoffice"])
    reports.save_text(office, plan, "2021H1", KEY, "甲稿")
    reports.save_text(office, plan, "2021H1", KEY, "乙稿", version=1)
    logged = ObjectChange.objects.count()
    with pytest.raises(Conflict) as stale:
        reports.save_text(office, plan, "2021H1", KEY, "丙稿（读的是甲稿）", version=1)
    assert stale.value.current_version == 2
    with pytest.raises(Conflict):  # the editor read no stored text, someone stored 甲稿 since
        reports.save_text(office, plan, "2021H1", KEY, "丁稿")
    assert ReportText.objects.get(plan=plan, key=KEY).text == "乙稿"
    assert ObjectChange.objects.count() == logged


def test_only_the_plan_office_writes_and_bad_input_is_refused(plan, users) -> None:
    with pytest.raises(PermissionDenied):
        reports.save_text(Actor.for_user(users["viewer"]), plan, "2021H1", KEY, "领导改稿")
    office = Actor.for_user(users["planoffice"])
    with pytest.raises(ValidationError):
        reports.save_text(office, plan, "2021H1", "", "无段落")
    with pytest.raises(ValidationError):
        reports.save_text(office, plan, "2021H1", KEY, "字" * (reports.MAX_CHARS + 1))
    assert not ReportText.objects.exists()
