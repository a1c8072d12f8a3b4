from django.urls import path

from rsca.standards import views

app_name = "standards"

urlpatterns = [
    path("", views.index, name="index"),
    path("instruments/<str:code>/", views.instrument_detail, name="instrument_detail"),
    path("topics/<slug:code>/", views.topic_detail, name="topic_detail"),
    path("coherence/", views.coherence_map, name="coherence_map"),
    path("coherence/map.xlsx", views.coherence_map_xlsx, name="coherence_map_xlsx"),
    path("coherence/map.pdf", views.coherence_map_pdf, name="coherence_map_pdf"),
    path("countries/", views.country_list, name="country_list"),
    path("countries/<str:iso>/", views.country_profile, name="country_profile"),
    path("applicable/", views.applicable, name="applicable"),
    path("minimum-wage/", views.minimum_wage, name="minimum_wage"),
]
