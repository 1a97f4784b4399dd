"""The web API and dashboard: ``create_app`` builds the FastAPI app, ``serve`` runs it with uvicorn."""

from __future__ import annotations

import os

from newsevents.api.app import ApiSettings, create_app

__all__ = ["ApiSettings", "create_app", "serve"]

TOKEN_VARIABLE = "NEWSEVENTS_TOKEN"


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None, *,
          cors: tuple[str, ...] = ()) -> None:
    """Serve the API and dashboard over the store at ``db`` until interrupted.

    ``token`` (else the ``NEWSEVENTS_TOKEN`` environment variable) allows writes with
    ``Authorization: Bearer <token>``; with neither, the server is read-only. ``cors``: the origins whose
    pages may call the API from a browser (none by default).
    """
    import uvicorn  # the "serve" extra

    app = create_app(db, token=token if token is not None else os.environ.get(TOKEN_VARIABLE),
                     settings=ApiSettings(cors_origins=cors))
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)
