from django.contrib import admin

from rsca.training.models import (
    Activity,
    ActivityTest,
    Certificate,
    Course,
    CourseModule,
    Feedback,
    Material,
    Participant,
    Question,
    Registration,
)


class CourseModuleInline(admin.TabularInline):
    model = CourseModule
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["slug", "title_en", "title_zh"]
    search_fields = ["slug", "title_en", "title_zh"]
    inlines = [CourseModuleInline]


class MaterialInline(admin.TabularInline):
    model = Material
    extra = 0


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["slug", "kind", "title_en", "start_date", "date_precision", "is_published", "owner"]
    list_filter = ["kind", "is_published", "date_precision", "mode"]
    search_fields = ["slug", "title_en", "title_zh"]
    filter_horizontal = ["sectors", "organisers", "partners"]
    inlines = [MaterialInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["full_name", "sex", "organisation_name", "constituent_type", "province", "email"]
    list_filter = ["sex", "constituent_type"]
    search_fields = ["full_name", "email", "organisation_name"]
    raw_id_fields = ["organisation", "facility", "user"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["participant", "activity", "status", "attended", "source", "created_at"]
    list_filter = ["status", "attended", "source"]
    search_fields = ["participant__full_name", "participant__email", "activity__slug"]
    raw_id_fields = ["participant", "activity"]
    exclude = ["token"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["topic_code", "text_en", "source", "owner"]
    list_filter = ["topic_code"]
    search_fields = ["text_en", "text_zh", "source"]


@admin.register(ActivityTest)
class ActivityTestAdmin(admin.ModelAdmin):
    list_display = ["activity", "is_open"]
    filter_horizontal = ["questions"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["registration", "overall", "relevance", "facilitation", "submitted_at"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "holder_name", "registration", "issued_at", "revoked_at"]
    search_fields = ["code", "holder_name"]
    raw_id_fields = ["registration"]
