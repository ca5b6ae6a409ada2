from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _sqlite_pragmas(sender, connection, **kwargs):  # noqa: ARG001
    """SQLite: WAL so readers never block the writer; foreign keys on; a sane busy timeout."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL;")
            cursor.execute("PRAGMA synchronous=NORMAL;")
            cursor.execute("PRAGMA foreign_keys=ON;")


class CoreConfig(AppConfig):
    name = "contingent.web.core"
    label = "core"
    verbose_name = "Contingent core services (ledger, errors)"

    def ready(self) -> None:
        connection_created.connect(_sqlite_pragmas, dispatch_uid="contingent-sqlite-pragmas")
