from django.urls import path
from mozilla_django_oidc import views as oidc_views

from teilhabe.core.access import public

urlpatterns = [
    path(
        "anmelden/",
        public(oidc_views.OIDCAuthenticationRequestView.as_view()),
        name="oidc_authentication_init",
    ),
    path(
        "rueckruf/",
        public(oidc_views.OIDCAuthenticationCallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
]
