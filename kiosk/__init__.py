"""Kiosk: an offline-first box for in-person participatory workshops.

Importing the package imports nothing heavy: `kiosk serve` must monkey-patch with gevent first.
"""

#: The version of Kiosk (pyproject.toml's, checked by tests/test_merge.py), recorded in every export
#: bundle (`results.json`): `kiosk merge` refuses bundles of different versions, whose files may not line up.
__version__ = "0.1.0"


def create_app(test_config=None):
    from .app import create_app as factory

    return factory(test_config)
