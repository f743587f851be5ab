from django.urls import path

from teilhabe.reports import views, views_organisation, views_plan

app_name = "reports"

urlpatterns = [
    path("jahresbericht/", views.annual, name="annual"),
    path("jahresbericht/export.<str:fmt>", views.annual_export, name="annual_export"),
    path("organisationsbericht/", views_organisation.organisation, name="organisation"),
    path(
        "organisationsbericht/export.<str:fmt>",
        views_organisation.organisation_export,
        name="organisation_export",
    ),
    path("plan/<slug:slug>/export.<str:fmt>", views_plan.plan_export, name="plan_export"),
    path("plan/<slug:slug>/synopse.<str:fmt>", views_plan.synopsis_export, name="synopsis_export"),
]
