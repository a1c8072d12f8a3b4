from django.urls import path

from rsca.grievances import views

app_name = "grievances"

urlpatterns = [
    path("", views.index, name="index"),
    path("r/<str:public_id>/", views.report, name="report"),
    path("r/<str:public_id>/qr.svg", views.qr_code, name="qr"),
    path("r/<str:public_id>/poster/", views.poster, name="poster"),
    path("track/", views.track, name="track"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/answer/", views.case_answer, name="case_answer"),
]
