"""Deliberation opinions sent before they were cases of renda/casework (0004): every item still in handling
(整改中, or 测评未通过) gets the open assignment to its body that `services.item_send_opinions` now makes — due
with the handling report, dated the day the opinions were sent — so that every opinion the body owes is on its
officers' 工作台 and reminded by casework. Items already reported keep their report; they owe nothing."""

import datetime

from django.db import migrations

OPEN = ["assigned", "accepted", "reassign_requested"]


def assign(apps, schema_editor):
    Item = apps.get_model("oversight", "OversightItem")
    Assignment = apps.get_model("oversight", "DeliberationOpinionAssignment")
    owed = (
        Item.objects.filter(state__in=["opinions_sent", "failed"], report_due__isnull=False)
        .exclude(assignments__state__in=OPEN)
        .select_related("plan")
    )
    rows = []
    for item in owed:
        on = item.opinion_sent_on or item.report_due
        rows.append(
            Assignment(
                item=item,
                unit_id=item.body_id,
                role="lead",
                state="assigned",
                assigned_on=on,
                due=item.report_due,
                reassign_deadline=on - datetime.timedelta(days=1),  # the body is not replaced (workflows.py)
                year=item.plan.year,
            )
        )
    Assignment.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("oversight", "0004_deliberation_opinion_cases")]

    operations = [migrations.RunPython(assign, migrations.RunPython.noop)]
