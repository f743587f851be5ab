from django.urls import path

from teilhabe.network import views_actors, views_agreements, views_bodies, views_meetings

app_name = "network"

urlpatterns = [
    path("", views_actors.actor_list, name="actor_list"),
    path("akteure/neu/", views_actors.actor_create, name="actor_create"),
    path("akteure/<id:pk>/", views_actors.actor_detail, name="actor_detail"),
    path("akteure/<id:pk>/bearbeiten/", views_actors.actor_edit, name="actor_edit"),
    path(
        "akteure/<id:pk>/ansprechpersonen/neu/",
        views_actors.contact_create,
        name="contact_create",
    ),
    path("ansprechpersonen/<id:pk>/bearbeiten/", views_actors.contact_edit, name="contact_edit"),
    path("ansprechpersonen/<id:pk>/loeschen/", views_actors.contact_delete, name="contact_delete"),
    path("gremien/", views_bodies.body_list, name="body_list"),
    path("gremien/neu/", views_bodies.body_create, name="body_create"),
    path("gremien/<id:pk>/", views_bodies.body_detail, name="body_detail"),
    path("gremien/<id:pk>/bearbeiten/", views_bodies.body_edit, name="body_edit"),
    path("gremien/<id:pk>/mitglieder/neu/", views_bodies.member_create, name="member_create"),
    path("mitglieder/<id:pk>/bearbeiten/", views_bodies.member_edit, name="member_edit"),
    path("gremien/<id:pk>/sitzungen/neu/", views_meetings.meeting_create, name="meeting_create"),
    path("sitzungen/<id:pk>/", views_meetings.meeting_detail, name="meeting_detail"),
    path("sitzungen/<id:pk>/protokoll/", views_meetings.meeting_edit, name="meeting_edit"),
    path("sitzungen/<id:pk>/tagesordnung/", views_meetings.agenda_add, name="agenda_add"),
    path("sitzungen/<id:pk>/anwesenheit/", views_meetings.attendance, name="attendance"),
    path("sitzungen/<id:pk>/beschluesse/", views_meetings.decision_create, name="decision_create"),
    path("beschluesse/", views_meetings.decision_list, name="decision_list"),
    path("beschluesse/<id:pk>/", views_meetings.decision_edit, name="decision_edit"),
    path("vereinbarungen/", views_agreements.agreement_list, name="agreement_list"),
    path("vereinbarungen/neu/", views_agreements.agreement_create, name="agreement_create"),
    path("vereinbarungen/<id:pk>/", views_agreements.agreement_detail, name="agreement_detail"),
    path(
        "vereinbarungen/<id:pk>/bearbeiten/",
        views_agreements.agreement_edit,
        name="agreement_edit",
    ),
]
