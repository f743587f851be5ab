from django.urls import include, path

from teilhabe.grants import (
    views_boards,
    views_grants,
    views_meetings,
    views_public,
    views_setup,
    views_staff,
)

app_name = "grants"

# Pages without an account (shared/CITY-LEVEL.md: a `public` namespace per app).
public_patterns = (
    [
        path("", views_public.start, name="start"),
        path("<str:token>/", views_public.draft, name="draft"),
        path("<str:token>/bescheid.pdf", views_public.notice, name="notice"),
    ],
    "public",
)

urlpatterns = [
    path("antrag/", include(public_patterns)),
    path("antraege/", views_staff.application_list, name="application_list"),
    path("antraege/<id:pk>/", views_staff.application_detail, name="application_detail"),
    path("gremien/<id:pk>/", views_setup.board_setup, name="board_setup"),
    path("tagesordnung/<id:pk>/", views_boards.board_item, name="board_item"),
    path("zuwendungen/<id:pk>/", views_grants.grant_detail, name="grant_detail"),
    path("bescheide/<id:pk>/", views_grants.notice_download, name="notice_download"),
    path("bescheidvorlage/", views_grants.notice_template, name="notice_template"),
    path("sitzungen/<id:pk>/beschlussvorlage/", views_meetings.decision_pack, name="decision_pack"),
    path("sitzungen/<id:pk>/niederschrift/", views_meetings.minutes, name="minutes"),
]
