from django.urls import path

from rsca.programme import views

app_name = "programme"

urlpatterns = [
    path("", views.home, name="home"),
]
