from django.urls import path

from teilhabe.activities import views_calendar, views_events, views_groups, views_volunteers

app_name = "activities"

urlpatterns = [
    path("gruppen/", views_groups.group_list, name="group_list"),
    path("gruppen/neu/", views_groups.group_create, name="group_create"),
    path("gruppen/<id:pk>/", views_groups.group_detail, name="group_detail"),
    path("gruppen/<id:pk>/bearbeiten/", views_groups.group_edit, name="group_edit"),
    path("gruppen/<id:pk>/termine/neu/", views_groups.meeting_create, name="meeting_create"),
    path("gruppen/<id:pk>/teilnehmende/", views_groups.participant_add, name="participant_add"),
    path("termine/<id:pk>/", views_groups.meeting_edit, name="meeting_edit"),
    path("veranstaltungen/", views_events.event_list, name="event_list"),
    path("veranstaltungen/neu/", views_events.event_create, name="event_create"),
    path("veranstaltungen/<id:pk>/", views_events.event_detail, name="event_detail"),
    path("veranstaltungen/<id:pk>/bearbeiten/", views_events.event_edit, name="event_edit"),
    path("kalender/", views_calendar.calendar, name="calendar"),
    path(
        "kalender/<slug:slug>/kalender.ics", views_calendar.calendar_export, name="calendar_export"
    ),
    path(
        "kalender/<slug:slug>/abos/", views_calendar.subscription_create, name="subscription_create"
    ),
    path(
        "kalender/abos/<id:pk>/widerrufen/",
        views_calendar.subscription_revoke,
        name="subscription_revoke",
    ),
    path(
        "kalender/abo/<str:token>.ics",
        views_calendar.subscription_export,
        name="subscription_export",
    ),
    path("ehrenamt/", views_volunteers.volunteer_list, name="volunteer_list"),
    path("ehrenamt/neu/", views_volunteers.volunteer_create, name="volunteer_create"),
    path("ehrenamt/aufgabenbereiche/", views_volunteers.task_areas, name="task_areas"),
    path("ehrenamt/<id:pk>/", views_volunteers.volunteer_detail, name="volunteer_detail"),
    path("ehrenamt/<id:pk>/bearbeiten/", views_volunteers.volunteer_edit, name="volunteer_edit"),
    path(
        "ehrenamt/<id:pk>/anonymisieren/",
        views_volunteers.volunteer_anonymise,
        name="volunteer_anonymise",
    ),
    path("ehrenamt/<id:pk>/einsatz/", views_volunteers.engagement_create, name="engagement_create"),
    path("ehrenamt/<id:pk>/stunden/", views_volunteers.hours_create, name="hours_create"),
    path(
        "ehrenamt/<id:pk>/vereinbarung/",
        views_volunteers.agreement_create,
        name="agreement_create",
    ),
    path("ehrenamt/<id:pk>/schulung/", views_volunteers.training_create, name="training_create"),
]
