"""Scenario files: a whole operation's facts in one TOML file, loaded all-or-nothing."""

from .load import load_scenario, parse_scenario

__all__ = ["load_scenario", "parse_scenario"]
