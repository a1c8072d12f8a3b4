from django.contrib import admin

from rsca.outreach.models import Dialogue, FollowUp


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0
    raw_id_fields = ["responsible"]


@admin.register(Dialogue)
class DialogueAdmin(admin.ModelAdmin):
    list_display = ["title_en", "kind", "held_on", "owner", "is_public"]
    list_filter = ["kind", "is_public"]
    search_fields = ["title_en", "title_zh", "summary_en", "summary_zh"]
    filter_horizontal = ["organisations"]
    raw_id_fields = ["activity", "owner", "place"]
    inlines = [FollowUpInline]
