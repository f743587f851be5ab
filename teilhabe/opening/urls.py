from django.urls import include, path

from teilhabe.opening import views, views_catalogue, views_checks

app_name = "opening"

# The register of certified institutions, without an account (shared/CITY-LEVEL.md: a
# `public` namespace per app). Every other page is the coordinator's, a coach's or an
# institution's contact person's, decided object by object in access.py.
public_patterns = ([path("", views.public_register, name="register")], "public")

urlpatterns = [
    path("", views.overview, name="overview"),
    path("register/", include(public_patterns)),
    path("prozesse/neu/", views.process_create, name="process_create"),
    path("prozesse/<id:pk>/", views.process_detail, name="process_detail"),
    path("prozesse/<id:pk>/kontakt/", views.contact_create, name="contact_create"),
    path("prozesse/<id:pk>/termine/neu/", views.session_create, name="session_create"),
    path("prozesse/<id:pk>/massnahmen/neu/", views.measure_create, name="measure_create"),
    path("prozesse/<id:pk>/audit/", views.audit_record, name="audit_record"),
    path("prozesse/<id:pk>/zertifikat/", views.certificate_issue, name="certificate_issue"),
    path("prozesse/<id:pk>/selbstcheck/", views_checks.self_check_create, name="self_check_create"),
    path("prozesse/<id:pk>/nachweise/neu/", views_checks.evidence_upload, name="evidence_upload"),
    path("stufen/<id:pk>/erledigt/", views.stage_done, name="stage_done"),
    path("massnahmen/<id:pk>/erledigt/", views.measure_done, name="measure_done"),
    path("selbstchecks/<id:pk>/", views_checks.self_check_detail, name="self_check_detail"),
    path("nachweise/<id:pk>/", views_checks.evidence_download, name="evidence_download"),
    path("nachweise/<id:pk>/pruefen/", views_checks.evidence_check, name="evidence_check"),
    path("zertifikate/<id:pk>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("kataloge/", views_catalogue.catalogue_list, name="catalogue_list"),
    path("kataloge/neu/", views_catalogue.catalogue_create, name="catalogue_create"),
    path("kataloge/<id:pk>/", views_catalogue.catalogue_detail, name="catalogue_detail"),
    path(
        "kataloge/<id:pk>/neue-version/",
        views_catalogue.catalogue_new_version,
        name="catalogue_new_version",
    ),
    path("kataloge/<id:pk>/bereiche/neu/", views_catalogue.area_create, name="area_create"),
    path(
        "kataloge/<id:pk>/nachweisarten/neu/",
        views_catalogue.evidence_kind_create,
        name="evidence_kind_create",
    ),
    path(
        "bereiche/<id:pk>/kriterien/neu/", views_catalogue.criterion_create, name="criterion_create"
    ),
    path("kriterien/<id:pk>/", views_catalogue.criterion_edit, name="criterion_edit"),
]
