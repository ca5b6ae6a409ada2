from django.urls import include, path

urlpatterns = [
    path("public/", include("contingent.web.transparency.urls")),
    path("", include("contingent.web.forcegen.urls")),
]
