"""Kiosk: an offline-first box for in-person participatory workshops.

Importing the package imports nothing heavy: `kiosk serve` must monkey-patch with gevent first.
"""


def create_app(test_config=None):
    from .app import create_app as factory

    return factory(test_config)
