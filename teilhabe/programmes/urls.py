from django.urls import path

from teilhabe.programmes import views_enrolments, views_programmes

app_name = "programmes"

urlpatterns = [
    path("", views_programmes.programme_list, name="programme_list"),
    path("neu/", views_programmes.programme_create, name="programme_create"),
    path("<int:pk>/", views_programmes.programme_detail, name="programme_detail"),
    path("<int:pk>/bearbeiten/", views_programmes.programme_edit, name="programme_edit"),
    path("<int:pk>/kennzahlen/", views_programmes.programme_figures_page, name="figures"),
    path(
        "<int:pk>/kennzahlen.json",
        views_programmes.programme_figures_export,
        name="figures_export",
    ),
    path("<int:pk>/aufnehmen/", views_enrolments.enrol, name="enrol"),
    path("teilnahmen/<int:pk>/", views_enrolments.enrolment_detail, name="enrolment_detail"),
    path("teilnahmen/<int:pk>/hausbesuch/", views_enrolments.visit_create, name="visit_create"),
    path("teilnahmen/<int:pk>/beenden/", views_enrolments.enrolment_end, name="enrolment_end"),
    path(
        "teilnahmen/<int:pk>/programmwechsel/",
        views_enrolments.enrolment_change,
        name="enrolment_change",
    ),
    path("teilnahmen/<int:pk>/bearbeiten/", views_enrolments.enrolment_edit, name="enrolment_edit"),
]
