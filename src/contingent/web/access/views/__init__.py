"""Humanitarian-access pages. Thin: read through ``access``, change through ``actions``."""
