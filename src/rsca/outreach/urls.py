from django.urls import path

from rsca.outreach import views

app_name = "outreach"

urlpatterns = [
    path("", views.stakeholders, name="stakeholders"),
    path("dialogues/", views.dialogues, name="dialogues"),
    path("dialogues/new/", views.dialogue_create, name="dialogue_create"),
    path("dialogues/<int:dialogue_id>/", views.dialogue_detail, name="dialogue_detail"),
    path("dialogues/<int:dialogue_id>/follow-ups/", views.follow_up_create, name="follow_up_create"),
    path("follow-ups/<int:follow_up_id>/status/", views.follow_up_status, name="follow_up_status"),
]
