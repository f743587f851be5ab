from django.urls import path

from teilhabe.mediation import views
from teilhabe.mediation import views_clearing as clearings
from teilhabe.mediation import views_criteria as criteria
from teilhabe.mediation import views_neighbourhood as neighbourhood
from teilhabe.mediation import views_requests as requests

app_name = "mediation"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("anfrage/neu/", requests.request_create, name="request_create"),
    path("anfrage/<id:pk>/", views.request_detail, name="request_detail"),
    path("anfrage/<id:pk>/vergeben/", views.assign, name="assign"),
    path("anfrage/<id:pk>/absagen/", views.request_cancel, name="request_cancel"),
    path("anfrage/<id:pk>/nicht-besetzt/", views.request_unfulfilled, name="request_unfulfilled"),
    path("anfrage/<id:pk>/abschluss/", views.request_complete, name="request_complete"),
    path("mittler/", views.mediator_list, name="mediator_list"),
    path("mittler/neu/", views.mediator_create, name="mediator_create"),
    path("mittler/<id:pk>/", views.mediator_edit, name="mediator_edit"),
    path("stellen/", views.body_list, name="body_list"),
    path("stellen/neu/", views.body_create, name="body_create"),
    path("stellen/<id:pk>/", views.body_edit, name="body_edit"),
    path("stellen/<id:pk>/link/", views.body_link, name="body_link"),
    path("abrechnung/", views.allowance_sheet, name="allowances"),
    path("zahlen/", views.figures_page, name="figures"),
    path("statistik/", views.city_figures, name="city_figures"),
    path("meine/", requests.my_assignments, name="my_assignments"),
    path("meine/anfrage/<id:pk>/uebernehmen/", requests.accept, name="accept"),
    path("meine/<id:pk>/bestaetigen/", requests.my_confirm, name="my_confirm"),
    path("meine/<id:pk>/zurueckgeben/", requests.my_cancel, name="my_cancel"),
    path("meine/<id:pk>/abschluss/", requests.my_complete, name="my_complete"),
    path("konflikte/", neighbourhood.conflict_list, name="conflict_list"),
    path("konflikte/neu/", neighbourhood.conflict_create, name="conflict_create"),
    path("konflikte/<id:pk>/", neighbourhood.conflict_edit, name="conflict_edit"),
    path("aufsuchend/", neighbourhood.outreach_list, name="outreach_list"),
    path("aufsuchend/neu/", neighbourhood.outreach_create, name="outreach_create"),
    path("clearing/", clearings.clearing_list, name="clearing_list"),
    path("clearing/neu/", clearings.clearing_create, name="clearing_create"),
    path("clearing/<id:pk>/", clearings.clearing_detail, name="clearing_detail"),
    path("clearing/<id:pk>/entscheiden/", clearings.clearing_decide, name="clearing_decide"),
    path("clearing/lebensbereiche/", criteria.criteria_list, name="criteria_list"),
    path("clearing/lebensbereiche/neu/", criteria.criterion_create, name="criterion_create"),
    path("clearing/lebensbereiche/<id:pk>/", criteria.criterion_edit, name="criterion_edit"),
    path("extern/<slug:token>/", requests.outside_request, name="outside_request"),
]
