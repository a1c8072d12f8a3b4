from django.contrib.auth import views as auth_views
from django.urls import path

from rsca.core import views

app_name = "core"

urlpatterns = [
    path("account/", views.profile, name="profile"),
    path("account/tokens/", views.api_token_create, name="token_create"),
    path("account/tokens/<int:token_id>/revoke/", views.api_token_revoke, name="token_revoke"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<slug:slug>/members/", views.organisation_member_add, name="organisation_member_add"),
    path(
        "organisations/<slug:slug>/members/<int:membership_id>/remove/",
        views.organisation_member_remove,
        name="organisation_member_remove",
    ),
    path("staff/audit/", views.audit_log, name="audit_log"),
    path("tasks/<int:progress_id>/", views.task_progress, name="task_progress"),
]

# Authentication pages keep Django's standard names (login, logout, password_reset …) outside the namespace.
auth_urlpatterns = [
    path("account/login/", views.RscaLoginView.as_view(), name="login"),
    path("account/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "account/password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        "account/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path("account/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("account/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]
