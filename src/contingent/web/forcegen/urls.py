from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("ledger/", views.ledger_page, name="ledger"),
    path("ledger/verify/", views.ledger_verify, name="ledger-verify"),
    path("operations/<slug:key>/", views.dashboard, name="operation-dashboard"),
    path("operations/<slug:key>/contributors/", views.contributor_list, name="contributor-list"),
    path(
        "operations/<slug:key>/contributors/<str:code>/",
        views.contributor_detail,
        name="contributor-detail",
    ),
    path("operations/<slug:key>/pledges/", views.pledge_board, name="pledge-board"),
    path(
        "operations/<slug:key>/contributors/<str:code>/pledges/new/",
        views.pledge_new,
        name="pledge-new",
    ),
    path("operations/<slug:key>/pledges/<str:pledge>/", views.pledge_detail, name="pledge-detail"),
    path(
        "operations/<slug:key>/pledges/<str:pledge>/readiness/",
        views.pledge_readiness,
        name="pledge-readiness",
    ),
    path(
        "operations/<slug:key>/pledges/<str:pledge>/case/",
        views.pledge_case,
        name="pledge-case",
    ),
    path(
        "operations/<slug:key>/pledges/<str:pledge>/facts/",
        views.pledge_fact,
        name="pledge-fact",
    ),
    path("operations/<slug:key>/requirements/", views.requirement_list, name="requirement-list"),
    path("operations/<slug:key>/plan/", views.plan_page, name="plan"),
    path("operations/<slug:key>/plan/<slug:table>.csv", views.plan_table_csv, name="plan-csv"),
]
