"""Exporters render a Report into files; see the registry (arrives with the report)."""
