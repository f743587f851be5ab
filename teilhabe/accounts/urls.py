from django.urls import path

from teilhabe.accounts import admin_views, second_factor, views

app_name = "accounts"

urlpatterns = [
    path("anmelden/", views.login, name="login"),
    path("abmelden/", views.logout, name="logout"),
    path("anmelden/zweiter-faktor/", second_factor.verify, name="second_factor"),
    path("anmelden/zweiter-faktor/einrichten/", second_factor.setup, name="second_factor_setup"),
    path("passwort/vergessen/", views.password_reset, name="password_reset"),
    path("passwort/vergessen/gesendet/", views.password_reset_done, name="password_reset_done"),
    path(
        "passwort/neu/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("passwort/neu/fertig/", views.password_reset_complete, name="password_reset_complete"),
    path("konto/", views.profile, name="profile"),
    path("konto/passwort/", views.password_change, name="password_change"),
    path("verwaltung/benutzer/", admin_views.user_list, name="user_list"),
    path("verwaltung/benutzer/neu/", admin_views.user_create, name="user_create"),
    path("verwaltung/benutzer/<id:pk>/", admin_views.user_detail, name="user_detail"),
    path(
        "verwaltung/benutzer/<id:pk>/rollen/<id:membership_pk>/entfernen/",
        admin_views.membership_delete,
        name="membership_delete",
    ),
    path(
        "verwaltung/benutzer/<id:pk>/<slug:action>/",
        admin_views.user_action,
        name="user_action",
    ),
]
