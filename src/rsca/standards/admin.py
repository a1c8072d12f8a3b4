"""Staff editing of the knowledge base. Every change is written to the audit log (see apps.py) and to
the admin's own history; `rsca seed` restores the reviewed data files for the records they contain."""

from django.contrib import admin

from rsca.standards.models import (
    CoherenceGap,
    Instrument,
    Jurisdiction,
    MinimumWageRate,
    Provision,
    Ratification,
    Threshold,
    Topic,
    WageComponentRule,
    WageNotice,
)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_zh", "order"]
    search_fields = ["code", "name_en", "name_zh"]
    ordering = ["order"]


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_zh", "level", "parent"]
    list_filter = ["level", "country"]
    search_fields = ["code", "name_en", "name_zh"]
    autocomplete_fields = ["parent"]
    raw_id_fields = ["division"]


class ProvisionInline(admin.StackedInline):
    model = Provision
    extra = 0
    fields = ["reference", "order", "title_en", "title_zh", "summary_en", "summary_zh", "url", "topics"]
    filter_horizontal = ["topics"]


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "short_title_en",
        "kind",
        "column",
        "jurisdiction",
        "effective_from",
        "checked_on",
    ]
    list_filter = ["kind", "column"]
    search_fields = ["code", "title_en", "title_zh", "short_title_en"]
    autocomplete_fields = ["jurisdiction"]
    inlines = [ProvisionInline]


@admin.register(Provision)
class ProvisionAdmin(admin.ModelAdmin):
    list_display = ["instrument", "reference", "title_en"]
    list_filter = ["instrument__column", "topics"]
    search_fields = ["reference", "title_en", "title_zh", "summary_en", "summary_zh", "instrument__code"]
    autocomplete_fields = ["instrument"]
    filter_horizontal = ["topics"]


@admin.register(Ratification)
class RatificationAdmin(admin.ModelAdmin):
    list_display = ["country", "convention", "ratified", "ratified_on", "year", "confirmed", "checked_on"]
    list_filter = ["country", "ratified", "confirmed"]
    search_fields = ["convention__code", "country__name_en"]
    autocomplete_fields = ["convention"]


@admin.register(Threshold)
class ThresholdAdmin(admin.ModelAdmin):
    list_display = [
        "parameter",
        "owner_code",
        "value",
        "currency",
        "unit",
        "effective_from",
        "effective_until",
        "confirmed",
        "checked_on",
    ]
    list_filter = ["standard", "parameter", "confirmed"]
    search_fields = ["parameter", "jurisdiction__code", "instrument__code", "note_en"]
    autocomplete_fields = ["jurisdiction", "instrument", "provisions"]
    date_hierarchy = "effective_from"


@admin.register(CoherenceGap)
class CoherenceGapAdmin(admin.ModelAdmin):
    list_display = ["key", "topic", "column", "severity"]
    list_filter = ["column", "severity", "topic"]
    search_fields = ["key", "note_en", "note_zh"]
    autocomplete_fields = ["provisions"]


@admin.register(WageNotice)
class WageNoticeAdmin(admin.ModelAdmin):
    list_display = ["file", "key", "number", "issued_on", "confirmed", "checked_on"]
    list_filter = ["file", "confirmed"]
    search_fields = ["key", "number", "title_en", "title_zh"]


@admin.register(MinimumWageRate)
class MinimumWageRateAdmin(admin.ModelAdmin):
    list_display = [
        "file",
        "tier",
        "effective_from",
        "effective_until",
        "monthly",
        "hourly",
        "daily",
        "currency",
        "notice",
    ]
    list_filter = ["file", "tier"]
    search_fields = ["file", "divisions"]
    raw_id_fields = ["notice"]


@admin.register(WageComponentRule)
class WageComponentRuleAdmin(admin.ModelAdmin):
    list_display = ["file", "effective_from", "social_insurance_included", "notice"]
    list_filter = ["file", "social_insurance_included"]
    raw_id_fields = ["notice"]
