"""``kexie serve``: the registry in a browser (a layer at the level of ``cli``; the library never imports it).

``app.py`` builds the Flask application, ``state.py`` keeps the loaded registry,
``views.py``, ``records.py`` and ``uploads.py`` hold the pages, ``form.py`` the
edit form generated from the JSON Schema, ``gitsave.py`` the one-commit saves,
``security.py`` CSRF, the access token and the Host check, ``run.py`` waitress.
See docs/serve.md.
"""
