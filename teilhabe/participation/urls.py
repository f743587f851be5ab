from django.urls import include, path

from teilhabe.participation import views

app_name = "participation"

# The public page of a published concept, without an account (shared/CITY-LEVEL.md: a
# `public` namespace per app). Every other page is for the plan's readers and keeper.
public_patterns = ([path("<slug:slug>/", views.public_page, name="plan")], "public")

urlpatterns = [
    path("", views.overview, name="overview"),
    path("plan/", include(public_patterns)),
    path("konzepte/<slug:slug>/", views.event_list, name="event_list"),
    path("konzepte/<slug:slug>/neu/", views.event_create, name="event_create"),
    path("veranstaltungen/<id:pk>/", views.event_detail, name="event_detail"),
    path("veranstaltungen/<id:pk>/bearbeiten/", views.event_edit, name="event_edit"),
    path("veranstaltungen/<id:pk>/ideen/neu/", views.idea_create, name="idea_create"),
    path("ideen/<id:pk>/antwort/", views.idea_answer, name="idea_answer"),
    path("ideen/<id:pk>/neue-massnahme/", views.idea_new_measure, name="idea_new_measure"),
]
