from django.urls import path

from teilhabe.organisations import views

app_name = "organisations"

urlpatterns = [
    path("organisationen/", views.organisation_list, name="list"),
    path("organisationen/<slug:slug>/", views.organisation_detail, name="detail"),
    path("organisationen/<slug:slug>/bearbeiten/", views.organisation_edit, name="edit"),
    path("gebiete/", views.area_list, name="areas"),
]
