from django.urls import path

from rsca.compliance import views

app_name = "compliance"

urlpatterns = [
    path("", views.index, name="index"),
    path("formats/", views.formats, name="formats"),
    path("facility/<int:facility_id>/upload/", views.upload, name="upload"),
    path("checks/<int:check_id>/", views.check_detail, name="check_detail"),
    path("checks/<int:check_id>/findings.xlsx", views.check_export, name="check_export"),
    path("checks/<int:check_id>/share/", views.check_share, name="check_share"),
    path("checks/<int:check_id>/workers/<str:worker>/", views.worker_detail, name="worker_detail"),
    path("checks/<int:check_id>/actions/new/", views.action_create, name="action_create"),
    path("actions/<int:action_id>/", views.action_detail, name="action_detail"),
    path("actions/<int:action_id>/confirm/", views.action_confirm, name="action_confirm"),
]
