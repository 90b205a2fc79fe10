"""The matters redirected rather than taken (RULES.md, constituents' opinions): court cases, arbitration,
administrative review. Administrators may edit the texts and add more."""

from django.db import migrations

REASONS = [
    ("涉诉事项", "属于人民法院审理或执行的事项，请依法向人民法院起诉、上诉或申请再审，人大代表不干预具体案件。"),
    ("仲裁事项", "属于劳动人事争议或民商事仲裁的事项，请向劳动人事争议仲裁委员会或仲裁机构申请仲裁。"),
    ("行政复议事项", "对行政机关的具体行政行为不服，请依法向行政复议机关申请行政复议或提起行政诉讼。"),
]


def add(apps, schema_editor):
    RedirectReason = apps.get_model("opinions", "RedirectReason")
    for order, (label, referral) in enumerate(REASONS, start=1):
        RedirectReason.objects.get_or_create(label=label, defaults={"referral": referral, "order": order})


class Migration(migrations.Migration):
    dependencies = [("opinions", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
