from django.urls import path

from teilhabe.casework import (
    views_cancellation,
    views_cases,
    views_clients,
    views_consultation,
    views_corrections,
    views_handover,
    views_households,
    views_import,
    views_subject_access,
)

app_name = "casework"

urlpatterns = [
    path("ratsuchende/", views_clients.client_list, name="client_list"),
    path("ratsuchende/neu/", views_clients.client_create, name="client_create"),
    path("ratsuchende/<id:pk>/", views_clients.client_detail, name="client_detail"),
    path("ratsuchende/<id:pk>/bearbeiten/", views_clients.client_edit, name="client_edit"),
    path("ratsuchende/<id:pk>/zusammenfuehren/", views_clients.client_merge, name="client_merge"),
    path("ratsuchende/<id:pk>/neuer-fall/", views_clients.case_create, name="case_create"),
    path(
        "ratsuchende/<id:pk>/haushalt/anlegen/",
        views_households.household_create,
        name="household_create",
    ),
    path(
        "ratsuchende/<id:pk>/haushalt/mitglied/",
        views_households.member_add,
        name="household_member_add",
    ),
    path(
        "ratsuchende/<id:pk>/haushalt/<id:member_pk>/beziehung/",
        views_households.member_relation,
        name="household_member_relation",
    ),
    path(
        "ratsuchende/<id:pk>/haushalt/<id:member_pk>/entfernen/",
        views_households.member_remove,
        name="household_member_remove",
    ),
    path(
        "ratsuchende/<id:pk>/haushalt/<id:member_pk>/",
        views_households.member_page,
        name="household_member",
    ),
    path(
        "ratsuchende/<id:pk>/auskunft.<str:fmt>",
        views_subject_access.client_export,
        name="client_export",
    ),
    path("auskunftsersuchen/", views_subject_access.search, name="subject_access_search"),
    path(
        "auskunftsersuchen/<id:pk>.<str:fmt>",
        views_subject_access.full_export,
        name="subject_access_export",
    ),
    path("faelle/", views_cases.case_list, name="case_list"),
    path("faelle/<id:pk>/", views_cases.case_detail, name="case_detail"),
    path("faelle/<id:pk>/kontakt/", views_cases.session_create, name="session_create"),
    path("faelle/<id:pk>/ziele/", views_cases.goal_create, name="goal_create"),
    path("faelle/<id:pk>/ziele/<id:goal_pk>/status/", views_cases.goal_status, name="goal_status"),
    path(
        "faelle/<id:pk>/kontakte/<id:session_pk>/korrigieren/",
        views_corrections.session_correct,
        name="session_correct",
    ),
    path(
        "faelle/<id:pk>/kontakte/<id:session_pk>/stornieren/",
        views_cancellation.session_cancel,
        name="session_cancel",
    ),
    path(
        "faelle/<id:pk>/ziele/<id:goal_pk>/korrigieren/",
        views_corrections.goal_correct,
        name="goal_correct",
    ),
    path("faelle/<id:pk>/abschliessen/", views_cases.case_close, name="case_close"),
    path("faelle/<id:pk>/team/", views_cases.case_team, name="case_team"),
    path("faelle/<id:pk>/foerderplan/", views_cases.plan_print, name="plan_print"),
    path("faelle/<id:pk>/uebergabe/", views_handover.propose, name="handover"),
    path("uebergaben/", views_handover.inbox, name="handover_inbox"),
    path("sprechstunde/", views_consultation.consultation, name="consultation"),
    path("import/", views_import.upload, name="import"),
    path("import/<id:pk>/", views_import.status, name="import_status"),
    path("uebergaben/<id:pk>/entscheiden/", views_handover.decide, name="handover_decide"),
    path(
        "einwilligungen/<id:pk>/widerrufen/",
        views_handover.withdraw_consent,
        name="consent_withdraw",
    ),
]
