from django.urls import path

from teilhabe.monitoring import views, views_index, views_profile

app_name = "monitoring"

urlpatterns = [
    path("melderegister/", views.upload, name="register_upload"),
    path("melderegister/<id:pk>/", views.status, name="register_status"),
    path("gebiete/", views_profile.profile_index, name="profile_index"),
    path("gebiete/<id:pk>/", views_profile.area_profile, name="profile"),
    path("gebiete/<id:pk>/pdf/", views_profile.area_profile_pdf, name="profile_pdf"),
    path("karte/", views_profile.indicator_map, name="map"),
    path("index/", views_index.index_list, name="index_list"),
    path("index/neu/", views_index.index_create, name="index_create"),
    path("index/<id:pk>/", views_index.index_result, name="index_result"),
    path("index/<id:pk>/bearbeiten/", views_index.index_edit, name="index_edit"),
    path("index/<id:pk>/json/", views_index.index_json, name="index_json"),
    path("index/<id:pk>/csv/", views_index.index_csv, name="index_csv"),
]
