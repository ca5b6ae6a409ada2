from django.urls import include, path

urlpatterns = [
    path("", include("contingent.web.forcegen.urls")),
]
