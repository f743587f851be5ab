from django.urls import include, path

from teilhabe.proofs import views_public, views_staff, views_transparency, views_yearly

app_name = "proofs"

# Pages without an account (shared/CITY-LEVEL.md: a `public` namespace per app). The
# token is the application's (grants.applications.by_token); a slug, so a NUL byte or
# other stray text is a 404 before any lookup.
public_patterns = (
    [
        path("nachweis/<slug:token>/", views_public.proof, name="proof"),
        path("transparenz/", views_transparency.grant_list, name="grants"),
        path("transparenz/zuschuesse.csv", views_transparency.grant_list_csv, name="grants_csv"),
        path("transparenz/zuschuesse.json", views_transparency.grant_list_json, name="grants_json"),
    ],
    "public",
)

urlpatterns = [
    path("", include(public_patterns)),
    path("nachweise/", views_staff.proof_list, name="proof_list"),
    path("nachweise/<id:pk>/", views_staff.proof_detail, name="proof_detail"),
    path("foerderbericht/", views_yearly.report_page, name="yearly"),
    path("foerderbericht/foerderbericht.xlsx", views_yearly.report_xlsx, name="yearly_xlsx"),
    path("foerderbericht/foerderbericht.pdf", views_yearly.report_pdf, name="yearly_pdf"),
]
