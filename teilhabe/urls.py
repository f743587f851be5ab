from django.conf import settings
from django.urls import include, path

from teilhabe.api.api import urls as api_urls
from teilhabe.core import views as core_views

urlpatterns = [
    path("", include("teilhabe.core.urls")),
    path("", include("teilhabe.reports.urls_city")),
    path("", include("teilhabe.accounts.urls")),
    path("", include("teilhabe.organisations.urls")),
    path("fallarbeit/", include("teilhabe.casework.urls")),
    path("fallarbeit/", include("teilhabe.appointments.urls")),
    path("angebote/", include("teilhabe.activities.urls")),
    path("veranstaltungen/", include("teilhabe.registrations.urls")),
    path("programme/", include("teilhabe.programmes.urls")),
    path("netzwerk/", include("teilhabe.network.urls")),
    path("planung/", include("teilhabe.planning.urls")),
    path("beteiligung/", include("teilhabe.participation.urls")),
    path("oeffnung/", include("teilhabe.opening.urls")),
    path("monitoring/", include("teilhabe.monitoring.urls")),
    path("foerderung/", include("teilhabe.funding.urls")),
    path("zuschuesse/", include("teilhabe.grants.urls")),
    path("zuschuesse/", include("teilhabe.proofs.urls")),
    path("sprachmittlung/", include("teilhabe.mediation.urls")),
    path("protokoll/", include("teilhabe.audit.urls")),
    path("datenschutz/loeschfristen/", include("teilhabe.retention.urls")),
    path("konto/api-schluessel/", include("teilhabe.api.urls")),
    path("api/v1/", api_urls()),
    path("berichte/", include("teilhabe.reports.urls")),
    path("dokumente/", include("teilhabe.documents.urls")),
    path("", include("teilhabe.legal.urls")),
]

if settings.OIDC_ENABLED:
    urlpatterns.append(path("sso/", include("teilhabe.accounts.oidc_urls")))

handler400 = core_views.error_400
handler403 = core_views.error_403
handler404 = core_views.error_404
handler500 = core_views.error_500
