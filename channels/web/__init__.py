"""The web channel: REST API, chat page and officers' pages (``troly serve``)."""
from channels.web.app import create_app

__all__ = ["create_app"]
