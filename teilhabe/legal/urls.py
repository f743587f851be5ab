from django.urls import path

from teilhabe.legal import views

app_name = "legal"

urlpatterns = [
    path("rechtliches/<slug:kind>/", views.show, name="page"),
    path("rechtliches/<slug:kind>/bearbeiten/", views.edit, name="edit"),
]
