from django.urls import path

from rsca.supplychain import views

app_name = "supplychain"

urlpatterns = [
    path("", views.supplier_list, name="supplier_list"),
    path("export.<str:fmt>", views.supplier_export, name="supplier_export"),
    path("graph/", views.supply_chain_graph, name="graph"),
    path("map/", views.supply_chain_map, name="map"),
    path("facilities/", views.facility_search, name="facility_search"),
    path("facilities/export.<str:fmt>", views.facility_export, name="facility_export"),
    path("facilities/<str:public_id>/", views.facility_detail, name="facility_detail"),
    path("facilities/<str:public_id>/edit/", views.facility_edit, name="facility_edit"),
    path("facilities/<str:public_id>/merge/", views.facility_merge, name="facility_merge"),
    path("lists/", views.upload_list, name="upload_list"),
    path("lists/<int:upload_id>/", views.upload_detail, name="upload_detail"),
    path("lists/<int:upload_id>/commit/", views.upload_commit, name="upload_commit"),
    path("lists/<int:upload_id>/discard/", views.upload_discard, name="upload_discard"),
    path("lists/<int:upload_id>/rows-with-errors.csv", views.upload_skipped, name="upload_skipped"),
    path("review/", views.review_queue, name="review_queue"),
    path("rows/<int:row_id>/decide/", views.row_decide, name="row_decide"),
]
