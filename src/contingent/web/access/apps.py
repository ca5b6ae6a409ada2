from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "contingent.web.access"
    label = "access"
    verbose_name = "Humanitarian access"
