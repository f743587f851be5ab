"""A requesting body's link is stored as its SHA-256 only. The links handed out so far
keep working: their hash is computed from the stored token, which is then dropped."""

import hashlib

from django.db import migrations, models
from django.utils import timezone

import teilhabe.mediation.models


def hash_tokens(apps, schema_editor):  # type: ignore[no-untyped-def]
    body_model = apps.get_model("mediation", "RequestingBody")
    for body in body_model.objects.all():
        body.token_hash = hashlib.sha256(body.token.encode()).hexdigest()
        body.link_issued_at = timezone.now()  # the link handed out before keeps working
        body.save(update_fields=["token_hash", "link_issued_at"])


class Migration(migrations.Migration):
    dependencies = [("mediation", "0003_clearing")]

    operations = [
        migrations.AddField(
            model_name="requestingbody",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.AddField(
            model_name="requestingbody",
            name="link_issued_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="link issued"),
        ),
        migrations.RunPython(hash_tokens, migrations.RunPython.noop),
        migrations.RemoveField(model_name="requestingbody", name="token"),
        migrations.AlterField(
            model_name="requestingbody",
            name="token_hash",
            field=models.CharField(
                default=teilhabe.mediation.models.unissued_token_hash,
                editable=False,
                max_length=64,
                unique=True,
            ),
        ),
    ]
