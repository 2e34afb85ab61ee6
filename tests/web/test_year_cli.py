"""``planwatch admin remind``: what cron runs every morning (open due rounds, close, remind, e-mail)."""

from __future__ import annotations

import pytest
from django.core import mail

from planwatch.cli import main
from planwatch.web.plans.models import Notification, ObjectChange, ReminderLog, ReportingRound

pytestmark = pytest.mark.django_db


def test_remind_opens_the_round_due_then_reminds_and_closes(plan, users, capsys,
                                                            django_capture_on_commit_callbacks) -> None:
    users["reporter_a"].email = "a@example.gov.cn"
    users["reporter_a"].save()
    plan.settings = {**plan.settings, "reporting": {"frequency": "monthly", "opens_day": 25, "deadline_day": 5,
                                                    "remind_days_before": 1, "close_days_after_deadline": 3}}
    plan.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert main(["admin", "remind", "--plan", str(plan.pk), "--today", "2021-06-25"]) == 0
    assert "opened June 2021" in capsys.readouterr().out
    rnd = ReportingRound.objects.get(plan=plan, period="2021-06")
    assert Notification.objects.filter(kind="round_open", user=users["reporter_a"]).exists()
    assert mail.outbox and mail.outbox[0].to == ["a@example.gov.cn"]  # through Django's mail framework
    assert main(["admin", "remind", "--today", "2021-07-04"]) == 0  # every plan of 2021: the day before
    assert set(ReminderLog.objects.values_list("kind", flat=True)) == {"due_soon"}
    assert main(["admin", "remind", "--today", "2021-07-06"]) == 0
    assert set(ReminderLog.objects.values_list("kind", flat=True)) == {"due_soon", "overdue"}
    assert main(["admin", "remind", "--today", "2021-07-09"]) == 0  # 4 days after the deadline: closed
    rnd.refresh_from_db()
    assert rnd.status == "closed"
    assert ObjectChange.objects.filter(user_name__startswith="cli:", action="remind").exists()
    with pytest.raises(SystemExit):
        main(["admin", "remind", "--today", "6 July"])
