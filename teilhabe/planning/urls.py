from django.urls import path

from teilhabe.planning import views

app_name = "planning"

urlpatterns = [
    path("", views.concept_list, name="concept_list"),
    path("<slug:slug>/", views.concept_detail, name="concept_detail"),
]
