from django.contrib.sitemaps.views import sitemap
from django.urls import path

from rsca.programme import views
from rsca.programme.sitemaps import SITEMAPS

app_name = "programme"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/iati.xml", views.portfolio_iati, name="portfolio_iati"),
    path("projects/<slug:slug>/", views.project_detail, name="project_detail"),
    path("projects/<slug:slug>/iati.xml", views.project_iati, name="project_iati"),
    path("projects/<slug:slug>/results/", views.project_results, name="results"),
    path("projects/<slug:slug>/results/charts.json", views.project_results_charts, name="results_charts"),
    path("projects/<slug:slug>/results/import/", views.values_import, name="values_import"),
    path("projects/<slug:slug>/report/", views.project_report, name="report"),
    path("projects/<slug:slug>/report.pdf", views.project_report, {"fmt": "pdf"}, name="report_pdf"),
    path("projects/<slug:slug>/report.xlsx", views.project_report, {"fmt": "xlsx"}, name="report_xlsx"),
    path("results/", views.results_home, name="results_home"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-programme.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
