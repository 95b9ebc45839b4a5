"""Developer tools run from the checkout (``python -m scripts.NAME``); not part of the wheel."""
