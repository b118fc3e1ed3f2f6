"""How an evaluation runs from the command line."""
from __future__ import annotations

import sys
from collections.abc import Callable

from knowledge.errors import BadInput


def run(main: Callable[[list[str]], int]) -> None:
    """Exit with ``main``'s code; bad input is one line on stderr ("lỗi: …") and exit 2."""
    try:
        sys.exit(main(sys.argv[1:]))
    except BadInput as error:
        print(f"lỗi: {error}", file=sys.stderr)
        sys.exit(2)
