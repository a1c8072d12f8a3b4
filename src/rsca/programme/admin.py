from django.contrib import admin

from rsca.programme import models


class ProjectSectorInline(admin.TabularInline):
    model = models.ProjectSector
    extra = 0


class ParticipationInline(admin.TabularInline):
    model = models.Participation
    extra = 0
    autocomplete_fields = ["organisation"]


class BudgetInline(admin.TabularInline):
    model = models.Budget
    extra = 0


class TransactionInline(admin.TabularInline):
    model = models.Transaction
    extra = 0


class DocumentInline(admin.TabularInline):
    model = models.ProjectDocument
    extra = 0


@admin.register(models.Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title_en", "iati_identifier", "status", "planned_start", "planned_end", "is_public"]
    list_filter = ["status", "is_public", "countries"]
    search_fields = ["title_en", "title_zh", "iati_identifier"]
    filter_horizontal = ["countries", "isic_sectors"]
    inlines = [ProjectSectorInline, ParticipationInline, BudgetInline, TransactionInline, DocumentInline]


class PartnerInline(admin.TabularInline):
    model = models.ProgrammePartner
    extra = 0


class AreaInline(admin.StackedInline):
    model = models.InterventionArea
    extra = 0


@admin.register(models.Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["acronym", "title_en", "start", "end"]
    inlines = [PartnerInline, AreaInline]


class IndicatorInline(admin.StackedInline):
    model = models.Indicator
    extra = 0


@admin.register(models.ResultNode)
class ResultNodeAdmin(admin.ModelAdmin):
    list_display = ["code", "level", "title_en", "project"]
    list_filter = ["level", "project"]
    inlines = [IndicatorInline]


class DisaggregationInline(admin.TabularInline):
    model = models.Disaggregation
    extra = 0


@admin.register(models.IndicatorPeriod)
class IndicatorPeriodAdmin(admin.ModelAdmin):
    list_display = ["indicator", "start", "end", "target", "actual"]
    list_filter = ["indicator__node__project"]
    inlines = [DisaggregationInline]
