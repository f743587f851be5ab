from django.urls import path

from teilhabe.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("melderegister/", views.upload, name="register_upload"),
    path("melderegister/<id:pk>/", views.status, name="register_status"),
]
