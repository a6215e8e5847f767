"""See :mod:`onex.io`."""
