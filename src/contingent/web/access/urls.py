from django.urls import path

from .views import mapdata, notify, pages

app_name = "access"

urlpatterns = [
    path("", pages.map_page, name="map"),
    path("map.json", mapdata.map_data, name="map-data"),
    path("notifications/", pages.notification_list, name="notifications"),
    path("notifications/<str:key>/", pages.notification_detail, name="notification"),
    path(
        "notifications/<str:key>/v<int:version>/receipt.json",
        pages.receipt_download,
        name="receipt",
    ),
    path(
        "notifications/<str:key>/v<int:version>/acknowledge",
        pages.acknowledge,
        name="acknowledge",
    ),
    path("notify/site/", notify.notify_site, name="notify-site"),
    path("notify/movement/", notify.notify_movement, name="notify-movement"),
    path("conflicts/", pages.conflict_list, name="conflicts"),
    path("coordination/", pages.coordination_list, name="coordination"),
    path("coordination/<str:key>/outcome", pages.coordination_outcome, name="coordination-outcome"),
]
