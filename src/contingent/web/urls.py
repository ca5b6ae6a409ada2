from django.urls import path

from contingent.web.forcegen import views as forcegen

urlpatterns = [
    path("", forcegen.dashboard, name="dashboard"),
    path("operations/<slug:key>/", forcegen.dashboard, name="operation-dashboard"),
]
