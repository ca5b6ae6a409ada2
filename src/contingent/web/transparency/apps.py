from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "contingent.web.transparency"
    label = "transparency"
    verbose_name = "Transparency: costs, funding, incidents, public portal"
