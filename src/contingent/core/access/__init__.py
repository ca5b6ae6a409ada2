"""Humanitarian access core: notifications, deconfliction, geometry validation, site import,
signed receipts. Framework-free (no Django, ORM or network).

Modules: ``model`` (domain types), ``windows`` (time-window rules), ``geometry`` (GeoJSON
validation, projection), ``engine`` (bulk deconfliction) and ``single`` (single checks),
``bruteforce`` (reference), ``kernels``/``layers`` (vectorised internals), ``admin`` and
``sites_import`` (P-codes, imports), ``payload`` (canonical version payloads), ``receipts``
(Ed25519), ``leadtime`` (lead-time rules).
"""
