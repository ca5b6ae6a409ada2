"""Seed the UN personnel reimbursement schedule (domain.md §4) from the core's sourced data file.

Rows are copied as they are in ``core/costs/data/un-personnel-reimbursement.json``, with their
decisions and source tags; the 2022 gap travels with them. Reversing removes the schedule.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from contingent.core.costs import load_un_personnel_schedule

    Schedule = apps.get_model("transparency", "RateSchedule")
    Row = apps.get_model("transparency", "RateRow")
    core = load_un_personnel_schedule()
    if Schedule.objects.filter(schedule_id=core.schedule_id).exists():
        return
    schedule = Schedule.objects.create(
        schedule_id=core.schedule_id,
        title=core.title,
        kind=core.kind.value,
        currency=core.currency,
        gaps=[
            {
                "from": g.from_day.isoformat(),
                "to": g.to_day.isoformat() if g.to_day else None,
                "note": g.note,
                "source_tag": g.source_tag,
                "source_url": g.source_url,
            }
            for g in core.gaps
        ],
    )
    for r in core.rows:
        Row.objects.create(
            schedule=schedule,
            amount_usd=r.amount_usd,
            effective_from=r.effective_from,
            effective_to=r.effective_to,
            decided_by=r.decided_by,
            source_tag=r.source_tag,
            source_url=r.source_url,
            note=r.note,
        )


def unseed(apps, schema_editor):
    from contingent.core.costs import load_un_personnel_schedule

    apps.get_model("transparency", "RateSchedule").objects.filter(
        schedule_id=load_un_personnel_schedule().schedule_id
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("transparency", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
