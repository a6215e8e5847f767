"""Shared test setup: hypothesis profiles and the embedded sample."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

import onex

settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session")
def sample() -> onex.Dataset:
    """The embedded gzcvc-2020 sample."""
    return onex.samples.load("gzcvc-2020")
