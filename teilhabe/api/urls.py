from django.urls import path

from teilhabe.api import views

app_name = "api_keys"

urlpatterns = [
    path("", views.tokens, name="list"),
    path("<id:pk>/widerrufen/", views.token_revoke, name="revoke"),
]
