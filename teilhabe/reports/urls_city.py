"""City-wide statistics (/statistik/) and the closing of years (/berichte/jahresabschluss/)."""

from django.urls import path

from teilhabe.reports import views_city, views_closing

app_name = "statistics"

urlpatterns = [
    path("statistik/", views_city.city, name="city"),
    path("statistik/export.<str:fmt>", views_city.city_export, name="city_export"),
    path("berichte/jahresabschluss/", views_closing.closing, name="closing"),
    path("berichte/jahresabschluss/schliessen/", views_closing.close, name="close"),
    path("berichte/jahresabschluss/wiedereroeffnen/", views_closing.reopen, name="reopen"),
]
