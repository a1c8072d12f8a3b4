from django.contrib.sitemaps.views import sitemap
from django.urls import path

from rsca.library import feeds, views
from rsca.library.sitemaps import SITEMAPS

app_name = "library"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.edit, name="create"),
    path("search/count/", views.count, name="count"),
    path("feed/rss/", feeds.LatestResourcesFeed(), name="feed_rss"),
    path("feed/atom/", feeds.LatestResourcesAtomFeed(), name="feed_atom"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("upload-templates/", views.upload_templates, name="upload_templates"),
    path("upload-templates/<str:name>", views.upload_template_file, name="upload_template_file"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
]
