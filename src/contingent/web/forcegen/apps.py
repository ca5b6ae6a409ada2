from django.apps import AppConfig


class ForcegenConfig(AppConfig):
    name = "contingent.web.forcegen"
    label = "forcegen"
    verbose_name = "Force generation"
