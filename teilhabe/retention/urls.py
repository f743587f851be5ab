from django.urls import path

from teilhabe.retention import views

app_name = "retention"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("ausfuehren/", views.run, name="run"),
    path("fristen/", views.periods, name="periods"),
    path("sperre/<id:pk>/", views.hold, name="hold"),
    path("sperre/<id:pk>/aufheben/", views.release, name="release"),
]
