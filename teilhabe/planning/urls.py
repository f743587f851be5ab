from django.urls import path

from teilhabe.planning import views, views_editions, views_import, views_keep

app_name = "planning"

# Fixed words come before `<slug:slug>/`; forms.RESERVED_SLUGS keeps a concept from
# taking one of them as its short name.
urlpatterns = [
    path("", views.concept_list, name="concept_list"),
    path("neu/", views_keep.concept_create, name="concept_create"),
    path("meine-massnahmen/", views.my_measures, name="my_measures"),
    path("import/", views_import.upload, name="import"),
    path("import/<id:pk>/", views_import.status, name="import_status"),
    path("massnahmen/<id:pk>/", views.measure_detail, name="measure_detail"),
    path("massnahmen/<id:pk>/bearbeiten/", views_keep.measure_edit, name="measure_edit"),
    path("massnahmen/<id:pk>/fortschritt/", views_keep.progress_create, name="progress_create"),
    path(
        "massnahmen/<id:pk>/indikatoren/neu/",
        views_keep.indicator_create,
        name="indicator_create",
    ),
    path("fortschritt/<id:pk>/anhang/", views.progress_attachment, name="progress_attachment"),
    path("indikatoren/<id:pk>/bearbeiten/", views_keep.indicator_edit, name="indicator_edit"),
    path("ziele/<id:pk>/", views.goal_detail, name="goal_detail"),
    path("ziele/<id:pk>/bearbeiten/", views_keep.goal_edit, name="goal_edit"),
    path("handlungsfelder/<id:pk>/bearbeiten/", views_keep.field_edit, name="field_edit"),
    path("<slug:slug>/", views.concept_detail, name="concept_detail"),
    path("<slug:slug>/bearbeiten/", views_keep.concept_edit, name="concept_edit"),
    path("<slug:slug>/handlungsfelder/neu/", views_keep.field_create, name="field_create"),
    path("<slug:slug>/ziele/neu/", views_keep.goal_create, name="goal_create"),
    path("<slug:slug>/massnahmen/neu/", views_keep.measure_create, name="measure_create"),
    path("<slug:slug>/synopse/", views.synopsis_page, name="synopsis"),
    path("<slug:slug>/gebiete/<id:pk>/", views.district_plan, name="district_plan"),
    path("<slug:slug>/nachfolger/", views_editions.successor_create, name="successor_create"),
    path("<slug:slug>/ohne-fortschritt/", views_editions.silent_list, name="silent_list"),
]
