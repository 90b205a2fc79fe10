import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def freeze_loaded() -> None:
    """Load every view (through the URLconf), then leave all objects loaded so far out of the cyclic garbage
    collector's scans: they live as long as the process, and scanning them made a full collection during a
    large response (a province's statistics) add up to 100 ms to it (bench/README.md)."""
    get_resolver().url_patterns  # noqa: B018  (imports the views)
    gc.freeze()


freeze_loaded()
