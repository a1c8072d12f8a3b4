from django.urls import path

from rsca.duediligence import views

app_name = "duediligence"

urlpatterns = [
    path("", views.register, name="register"),
    path("recompute/", views.register_recompute, name="register_recompute"),
    path("facility/<int:entry_id>/", views.register_entry, name="register_entry"),
    path("facility/<int:entry_id>/audit/", views.audit_add, name="audit_add"),
    path("method/", views.method, name="method"),
    path("report/", views.report, name="report"),
    path("report.<str:fmt>", views.report_download, name="report_download"),
    path("tracking/", views.tracking, name="tracking"),
    path("questionnaires/", views.questionnaires, name="questionnaires"),
    path("questionnaires/<int:request_id>/", views.questionnaire_answer, name="questionnaire_answer"),
    path("actions/", views.actions, name="actions"),
    path("actions/<int:item_id>/", views.action_update, name="action_update"),
]
