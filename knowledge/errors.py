"""Errors shared by every room of troly.

``BadInput`` carries a message meant for the person who gave the input; commands
turn it into exit code 2, the REST API into a 4xx response.
"""


class TrolyError(Exception):
    """Base class of troly's own errors."""


class BadInput(TrolyError):
    """The input cannot be used: empty, unreadable, malformed or too large."""
