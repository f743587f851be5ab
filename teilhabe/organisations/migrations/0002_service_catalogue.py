"""Installs the catalogue of services (MBE, JMD, KIM, ...) from fixtures/services.json."""

import json
from pathlib import Path

from django.db import migrations

CATALOGUE = Path(__file__).resolve().parent.parent / "fixtures" / "services.json"


def install(apps, schema_editor):
    Service = apps.get_model("organisations", "Service")
    for entry in json.loads(CATALOGUE.read_text(encoding="utf-8")):
        Service.objects.update_or_create(
            code=entry["code"],
            defaults={"name": entry["name"], "is_programme": entry["is_programme"]},
        )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
