from django.urls import path

from teilhabe.monitoring import views, views_profile

app_name = "monitoring"

urlpatterns = [
    path("melderegister/", views.upload, name="register_upload"),
    path("melderegister/<id:pk>/", views.status, name="register_status"),
    path("gebiete/", views_profile.profile_index, name="profile_index"),
    path("gebiete/<id:pk>/", views_profile.area_profile, name="profile"),
    path("gebiete/<id:pk>/pdf/", views_profile.area_profile_pdf, name="profile_pdf"),
    path("karte/", views_profile.indicator_map, name="map"),
]
