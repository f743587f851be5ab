from django.urls import path

from teilhabe.documents import views, views_letters

app_name = "documents"

urlpatterns = [
    path("faelle/<id:pk>/hochladen/", views.case_upload, name="case_upload"),
    path("ratsuchende/<id:pk>/hochladen/", views.client_upload, name="client_upload"),
    path("<id:pk>/herunterladen/", views.download, name="download"),
    path("<id:pk>/loeschen/", views.delete, name="delete"),
    path("faelle/<id:pk>/brief/<id:template_pk>/", views_letters.letter, name="letter"),
    path("vorlagen/", views_letters.template_list, name="template_list"),
    path("vorlagen/neu/", views_letters.template_create, name="template_create"),
    path("vorlagen/<id:pk>/", views_letters.template_edit, name="template_edit"),
]
