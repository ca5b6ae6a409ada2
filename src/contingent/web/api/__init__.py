"""The JSON API (django-ninja) under ``/api/v1``; OpenAPI document at ``/api/v1/openapi.json``,
interactive docs at ``/api/docs``. See ``api.py`` for authentication and the error envelope."""
