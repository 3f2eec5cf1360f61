"""Loading the similarity model while the server starts, so the first People-to-meet page does
not wait for it (about 3 s for the default model)."""

from __future__ import annotations

import logging
import threading

from mutuals.prospecting.backends import get_backend

log = logging.getLogger("mutuals.web")


def warm_model(name: str) -> threading.Thread:
    """Load (and run once) the similarity backend ``name`` in a background thread.

    ``get_backend`` loads each model once per process under a lock, so a page that needs the
    model before the thread is done waits for the same load instead of starting another.
    """

    def load() -> None:
        try:
            get_backend(name).embed(["warming up"])
        except Exception:  # the page will report the problem when it needs the model
            log.warning("could not load the similarity model %r", name, exc_info=True)

    thread = threading.Thread(target=load, name="mutuals-model-warmup", daemon=True)
    thread.start()
    return thread
