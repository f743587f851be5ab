from django.urls import path

from teilhabe.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.log, name="log"),
    path("export.csv", views.export_csv, name="export"),
]
