from ninja import NinjaAPI

api = NinjaAPI(title="Contingent API", version="1", urls_namespace="api", docs_url=None)


def docs_view(request):
    from ninja.openapi.views import openapi_view

    return openapi_view(request, api)
