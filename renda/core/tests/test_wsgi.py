"""The server's entry point (config/wsgi.py)."""

import gc
import sys


def test_the_server_starts_with_every_view_loaded_and_left_out_of_gc_scans():
    gc.unfreeze()
    import config.wsgi

    config.wsgi.freeze_loaded()
    try:
        assert callable(config.wsgi.application)
        assert gc.get_freeze_count() > 0
        assert "renda.suggestions.views" in sys.modules  # loaded through the URLconf
    finally:
        gc.unfreeze()
