from django.urls import path

from teilhabe.programmes import views_enrolments, views_programmes

app_name = "programmes"

urlpatterns = [
    path("", views_programmes.programme_list, name="programme_list"),
    path("neu/", views_programmes.programme_create, name="programme_create"),
    path("<id:pk>/", views_programmes.programme_detail, name="programme_detail"),
    path("<id:pk>/bearbeiten/", views_programmes.programme_edit, name="programme_edit"),
    path("<id:pk>/kennzahlen/", views_programmes.programme_figures_page, name="figures"),
    path(
        "<id:pk>/kennzahlen.json",
        views_programmes.programme_figures_export,
        name="figures_export",
    ),
    path("<id:pk>/aufnehmen/", views_enrolments.enrol, name="enrol"),
    path("teilnahmen/<id:pk>/", views_enrolments.enrolment_detail, name="enrolment_detail"),
    path("teilnahmen/<id:pk>/hausbesuch/", views_enrolments.visit_create, name="visit_create"),
    path("teilnahmen/<id:pk>/beenden/", views_enrolments.enrolment_end, name="enrolment_end"),
    path(
        "teilnahmen/<id:pk>/programmwechsel/",
        views_enrolments.enrolment_change,
        name="enrolment_change",
    ),
    path("teilnahmen/<id:pk>/bearbeiten/", views_enrolments.enrolment_edit, name="enrolment_edit"),
]
