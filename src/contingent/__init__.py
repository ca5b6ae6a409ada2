"""Contingent: force generation, humanitarian access and public accounting."""

__version__ = "0.1.0"
