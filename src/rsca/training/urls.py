from django.urls import path

from rsca.training import views

app_name = "training"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("activities/<slug:slug>/", views.activity_detail, name="activity_detail"),
    path("activities/<slug:slug>/register/", views.activity_register, name="activity_register"),
    path(
        "activities/<slug:slug>/materials/<int:material_id>/",
        views.material_download,
        name="material_download",
    ),
    path("courses/<slug:slug>/", views.course_detail, name="course_detail"),
    path("registrations/<str:token>/", views.registration_detail, name="registration_detail"),
    path("registrations/<str:token>/cancel/", views.registration_cancel, name="registration_cancel"),
    path("registrations/<str:token>/test/<str:phase>/", views.registration_test, name="registration_test"),
    path("registrations/<str:token>/feedback/", views.registration_feedback, name="registration_feedback"),
    path(
        "registrations/<str:token>/certificate.pdf",
        views.registration_certificate,
        name="registration_certificate",
    ),
    path("me/", views.my_trainings, name="my_trainings"),
    path("verify/", views.verify, name="verify"),
    path("verify/<str:code>/", views.verify_code, name="verify_code"),
    path("results/", views.dashboard, name="dashboard"),
    path("results.csv", views.dashboard_csv, name="dashboard_csv"),
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.activity_create, name="activity_create"),
    path("manage/questions/", views.questions, name="questions"),
    path("manage/<slug:slug>/", views.manage_activity, name="manage_activity"),
    path("manage/<slug:slug>/edit/", views.activity_edit, name="activity_edit"),
    path("manage/<slug:slug>/participants/add/", views.participant_add, name="participant_add"),
    path("manage/<slug:slug>/participants.csv", views.participants_csv, name="participants_csv"),
    path(
        "manage/<slug:slug>/registrations/<int:registration_id>/cancel/",
        views.registration_cancel_staff,
        name="registration_cancel_staff",
    ),
    path("manage/<slug:slug>/attendance/", views.attendance, name="attendance"),
    path("manage/<slug:slug>/attendance/mark/", views.attendance_toggle, name="attendance_toggle"),
    path("manage/<slug:slug>/import/", views.participants_import_view, name="import"),
    path("manage/<slug:slug>/materials/", views.materials, name="materials"),
    path(
        "manage/<slug:slug>/materials/<int:material_id>/delete/",
        views.material_delete,
        name="material_delete",
    ),
    path("manage/<slug:slug>/tests/", views.tests, name="tests"),
    path("manage/<slug:slug>/feedback/", views.feedback, name="feedback"),
    path("manage/<slug:slug>/certificates/", views.certificates, name="certificates"),
    path(
        "manage/<slug:slug>/certificates/<int:registration_id>.pdf",
        views.certificate_pdf,
        name="certificate_pdf",
    ),
    path(
        "manage/<slug:slug>/certificates/<int:registration_id>/revoke/",
        views.certificate_revoke,
        name="certificate_revoke",
    ),
]
