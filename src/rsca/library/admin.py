from django.contrib import admin

from rsca.library.models import Resource, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_en", "name_zh"]
    search_fields = ["name_en", "name_zh"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    """The search text is rebuilt on save, as the site does."""

    list_display = ["title_en", "kind", "date", "is_public"]
    list_filter = ["kind", "is_public"]
    search_fields = ["title_en", "title_zh"]
    filter_horizontal = ["topics", "sectors", "countries"]
    readonly_fields = ["search_text"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        from rsca.library.services import resource_search_text

        obj.search_text = resource_search_text(obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        from rsca.library.services import resource_index

        super().save_related(request, form, formsets, change)
        resource_index(form.instance)
