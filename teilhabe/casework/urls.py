from django.urls import path

from teilhabe.casework import (
    views_cases,
    views_clients,
    views_consultation,
    views_handover,
    views_import,
    views_subject_access,
)

app_name = "casework"

urlpatterns = [
    path("ratsuchende/", views_clients.client_list, name="client_list"),
    path("ratsuchende/neu/", views_clients.client_create, name="client_create"),
    path("ratsuchende/<int:pk>/", views_clients.client_detail, name="client_detail"),
    path("ratsuchende/<int:pk>/bearbeiten/", views_clients.client_edit, name="client_edit"),
    path("ratsuchende/<int:pk>/zusammenfuehren/", views_clients.client_merge, name="client_merge"),
    path("ratsuchende/<int:pk>/neuer-fall/", views_clients.case_create, name="case_create"),
    path(
        "ratsuchende/<int:pk>/auskunft.<str:fmt>",
        views_subject_access.client_export,
        name="client_export",
    ),
    path("auskunftsersuchen/", views_subject_access.search, name="subject_access_search"),
    path(
        "auskunftsersuchen/<int:pk>.<str:fmt>",
        views_subject_access.full_export,
        name="subject_access_export",
    ),
    path("faelle/", views_cases.case_list, name="case_list"),
    path("faelle/<int:pk>/", views_cases.case_detail, name="case_detail"),
    path("faelle/<int:pk>/kontakt/", views_cases.session_create, name="session_create"),
    path("faelle/<int:pk>/ziele/", views_cases.goal_create, name="goal_create"),
    path(
        "faelle/<int:pk>/ziele/<int:goal_pk>/status/", views_cases.goal_status, name="goal_status"
    ),
    path("faelle/<int:pk>/abschliessen/", views_cases.case_close, name="case_close"),
    path("faelle/<int:pk>/team/", views_cases.case_team, name="case_team"),
    path("faelle/<int:pk>/foerderplan/", views_cases.plan_print, name="plan_print"),
    path("faelle/<int:pk>/uebergabe/", views_handover.propose, name="handover"),
    path("uebergaben/", views_handover.inbox, name="handover_inbox"),
    path("sprechstunde/", views_consultation.consultation, name="consultation"),
    path("import/", views_import.upload, name="import"),
    path("import/<int:pk>/", views_import.status, name="import_status"),
    path("uebergaben/<int:pk>/entscheiden/", views_handover.decide, name="handover_decide"),
    path(
        "einwilligungen/<int:pk>/widerrufen/",
        views_handover.withdraw_consent,
        name="consent_withdraw",
    ),
]
