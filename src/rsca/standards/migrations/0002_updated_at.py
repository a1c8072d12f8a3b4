import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("standards", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name=name,
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now, verbose_name="updated at"),
            preserve_default=False,
        )
        for name in ("instrument", "provision", "threshold")
    ]
