from django.urls import path

from teilhabe.appointments import views

app_name = "appointments"

urlpatterns = [
    path("faelle/<id:pk>/termine/neu/", views.appointment_create, name="appointment_create"),
    path(
        "faelle/<id:pk>/termine/<id:appointment_pk>/bearbeiten/",
        views.appointment_edit,
        name="appointment_edit",
    ),
    path(
        "faelle/<id:pk>/termine/<id:appointment_pk>/absagen/",
        views.appointment_cancel,
        name="appointment_cancel",
    ),
    path("faelle/<id:pk>/wiedervorlagen/neu/", views.reminder_create, name="reminder_create"),
    path(
        "faelle/<id:pk>/wiedervorlagen/<id:reminder_pk>/erledigt/",
        views.reminder_done,
        name="reminder_done",
    ),
]
