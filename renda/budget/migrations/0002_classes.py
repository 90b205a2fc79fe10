"""The classification codes (政府收支分类科目) the imports check against, loaded from data/classes.csv."""

import csv
from pathlib import Path

from django.db import migrations


def load(apps, schema_editor):
    ClassCode = apps.get_model("budget", "ClassCode")
    path = Path(__file__).resolve().parent.parent / "data" / "classes.csv"
    with open(path, encoding="utf-8") as f:
        ClassCode.objects.bulk_create(
            [ClassCode(scheme=r["scheme"], code=r["code"], name=r["name"]) for r in csv.DictReader(f)],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [("budget", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
