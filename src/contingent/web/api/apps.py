from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "contingent.web.api"
    label = "api"
    verbose_name = "JSON API"
