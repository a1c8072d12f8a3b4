from django.db import migrations, models
from django.db.models import Q

CHUNK = 2000
CHINESE = "[\u3400-\u9fff]"


def fill_brand_native(apps, schema_editor):
    """Only facilities with a Chinese name change: their brand characters are stored, and the name keys are
    computed again because names are now read in simplified characters (鑫達塑膠 → 鑫达塑胶, so 塑胶 is a trade
    word and 东莞 a place). Names only, no address parsing; the brand's block keys from the stored location by
    `normalise.block_keys`. Keyset pagination by primary key, one bulk update per chunk."""
    from rsca.supplychain.normalise import block_keys, facility_name_parts

    Facility = apps.get_model("supplychain", "Facility")
    chinese = Facility.objects.filter(Q(native_name__regex=CHINESE) | Q(name__regex=CHINESE)).order_by("pk")
    fields = ["match_name", "match_brand", "match_brand_native", "match_industry", "match_place", "block_brand",
              "block_brand_city"]
    last = 0
    while True:
        rows = list(chinese.filter(pk__gt=last).values_list(
            "pk", "name", "native_name", "country_id", "match_province", "match_city")[:CHUNK])
        if not rows:
            break
        batch = []
        for pk, name, native_name, country, province, city in rows:
            parts = facility_name_parts(name=name, native_name=native_name)
            brand = parts.brand[:100]
            blocks = block_keys(country=country, brand=brand, province=province, city=city, street="", number="")
            batch.append(Facility(
                pk=pk, match_name=parts.key[:500], match_brand=brand, match_brand_native=parts.brand_native[:50],
                match_industry=" ".join(sorted(set(parts.industry)))[:300], match_place=parts.place[:100],
                block_brand=blocks["block_brand"], block_brand_city=blocks["block_brand_city"]))
        Facility.objects.bulk_update(batch, fields)
        last = rows[-1][0]


class Migration(migrations.Migration):

    dependencies = [
        ("supplychain", "0004_facility_block_brand_city"),
    ]

    operations = [
        migrations.AddField(
            model_name="facility",
            name="match_brand_native",
            field=models.CharField(blank=True, editable=False, max_length=50),
        ),
        migrations.RunPython(fill_brand_native, migrations.RunPython.noop),
    ]
