"""The public portal, mounted under /public/ (no login)."""

from django.urls import path

from . import views

app_name = "transparency"

urlpatterns = [
    path("", views.portal, name="portal"),
    path("data/funding.iati.xml", views.download_iati, name="iati"),
    path("data/<slug:name>.hxl.csv", views.download_hxl, name="hxl"),
    path("data/<slug:name>.csv", views.download_csv, name="csv"),
    path("data/<slug:name>.json", views.download_json, name="json"),
    path("data/<slug:name>.geojson", views.download_geojson, name="geojson"),
    path("charts/<slug:name>.svg", views.chart_svg, name="chart"),
    path("ledger/", views.ledger_page, name="ledger"),
    path("ledger/export.jsonl", views.ledger_export, name="ledger-export"),
    path("ledger/public-key.pem", views.ledger_key, name="ledger-key"),
]
