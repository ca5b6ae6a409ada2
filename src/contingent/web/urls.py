from django.urls import include, path

from contingent.web.api.api import api, docs_view

urlpatterns = [
    path("public/", include("contingent.web.transparency.urls")),
    path("accounts/", include("contingent.web.accounts.urls")),
    path("access/", include("contingent.web.access.urls")),
    path("api/docs", docs_view, name="api-docs"),
    path("api/v1/", api.urls),
    path("", include("contingent.web.forcegen.urls")),
]
