from django.urls import include, path

from teilhabe.registrations import views_public, views_staff

app_name = "registrations"

# Pages without an account (shared/CITY-LEVEL.md: a `public` namespace per app).
public_patterns = (
    [
        path("<id:pk>/", views_public.event_page, name="event"),
        path("anmeldung/<str:token>/", views_public.registration, name="registration"),
        path("von/<slug:slug>/", views_public.organisation_events, name="organisation"),
        path("von/<slug:slug>/kalender.ics", views_public.organisation_feed, name="feed"),
    ],
    "public",
)

urlpatterns = [
    path("", include(public_patterns)),
    path("anmeldungen/", views_staff.listing_list, name="listing_list"),
    path("anmeldungen/neu/", views_staff.listing_create, name="listing_create"),
    path("anmeldungen/<id:pk>/", views_staff.listing_detail, name="listing_detail"),
    path("anmeldungen/<id:pk>/bearbeiten/", views_staff.listing_edit, name="listing_edit"),
    path("anmeldungen/<id:pk>/einlass/", views_staff.check_in, name="check_in"),
]
