"""Calculation services: pure functions over a Dataset returning frozen result objects."""
