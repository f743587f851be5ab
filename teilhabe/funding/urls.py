from django.urls import path

from teilhabe.funding import views_funds as funds
from teilhabe.funding import views_programmes as programmes

app_name = "funding"

urlpatterns = [
    path("", programmes.programme_list, name="programme_list"),
    path("programme/neu/", programmes.programme_create, name="programme_create"),
    path("programme/<id:pk>/", programmes.programme_detail, name="programme_detail"),
    path("programme/<id:pk>/bearbeiten/", programmes.programme_edit, name="programme_edit"),
    path("programme/<id:pk>/abhaengig/", programmes.dependant_create, name="dependant_create"),
    path("abhaengig/<id:pk>/entfernen/", programmes.dependant_delete, name="dependant_delete"),
    path("programme/<id:pk>/stellen/", programmes.post_create, name="post_create"),
    path("stellen/<id:pk>/bearbeiten/", programmes.post_edit, name="post_edit"),
    path("stellen/<id:pk>/entfernen/", programmes.post_delete, name="post_delete"),
    path("foerderklippe/", programmes.cliff, name="cliff"),
    path("toepfe/", funds.fund_list, name="fund_list"),
    path("toepfe/neu/", funds.fund_create, name="fund_create"),
    path("toepfe/<id:pk>/", funds.fund_detail, name="fund_detail"),
    path("toepfe/<id:pk>/bearbeiten/", funds.fund_edit, name="fund_edit"),
    path("toepfe/<id:pk>/budget/", funds.budget_set, name="budget_set"),
]
