"""Identity keys (identical means matched) and the full Chinese registered name; every facility's matching keys
are computed again, because the normaliser changed (word-level Latin address tokens, legal forms, abbreviations),
and every list row gets its identity key (committed rows are contributions an identical row is matched to)."""

from django.db import migrations, models

CHUNK = 2000


def fill_keys(apps, schema_editor):
    """Keyset pagination by primary key, one bulk update per chunk."""
    from rsca.supplychain.models import MATCH_FIELDS
    from rsca.supplychain.normalise import facility_keys, identity_key

    Facility = apps.get_model("supplychain", "Facility")
    FacilityListRow = apps.get_model("supplychain", "FacilityListRow")
    last = 0
    while True:
        facilities = list(Facility.objects.filter(pk__gt=last).order_by("pk")[:CHUNK])
        if not facilities:
            break
        for facility in facilities:
            keys = facility_keys(name=facility.name, native_name=facility.native_name, address=facility.address,
                                 native_address=facility.native_address, country=facility.country_id,
                                 division_code=facility.division_id or "")
            for key, value in keys.items():
                setattr(facility, key, value)
        Facility.objects.bulk_update(facilities, list(MATCH_FIELDS))
        last = facilities[-1].pk
    last = 0
    while True:
        rows = list(FacilityListRow.objects.filter(pk__gt=last, country__isnull=False).order_by("pk")[:CHUNK])
        if not rows:
            break
        for row in rows:
            row.identity = identity_key(country=row.country_id, name=row.name or row.native_name, address=row.address)
        FacilityListRow.objects.bulk_update(rows, ["identity"])
        last = rows[-1].pk


class Migration(migrations.Migration):

    dependencies = [
        ('supplychain', '0005_facility_match_brand_native'),
    ]

    operations = [
        migrations.AddField(
            model_name='facility',
            name='match_identity',
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='facility',
            name='match_name_zh',
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=200),
        ),
        migrations.AddField(
            model_name='facilitylistrow',
            name='identity',
            field=models.CharField(blank=True, db_index=True, max_length=64),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]
