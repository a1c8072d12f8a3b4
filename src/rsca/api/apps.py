from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "rsca.api"
    label = "rsca_api"
    verbose_name = "API"
