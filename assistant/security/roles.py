"""Who may read what, and do what.

Roles: citizen (công dân, anonymous), officer (cán bộ, công chức), delegate (đại
biểu HĐND), admin. Documents carry an access level: public, internal
(nội bộ — for officers and delegates) or confidential (mật — administrators only).
Citizens never see anything but public documents: the filter is applied before
retrieval, so internal text never reaches a composer, a citation or a log.
"""
from __future__ import annotations

from assistant.security.users import ROLES
from knowledge.errors import BadInput
from knowledge.index.base import SearchFilters

_READABLE: dict[str, tuple[str, ...]] = {
    "citizen": ("public",),
    "officer": ("public", "internal"),
    "delegate": ("public", "internal"),
    "admin": ("public", "internal", "confidential"),
}
# Skills that act on the administration's own work, not open to the public.
_STAFF_INTENTS = frozenset({"draft_document", "review_document", "reminder", "hdnd_review"})


def check_role(role: str) -> str:
    if role not in ROLES:
        raise BadInput(f"vai trò không hợp lệ: '{role}' (expected one of {', '.join(ROLES)})")
    return role


def readable_access(role: str) -> tuple[str, ...]:
    return _READABLE[check_role(role)]


def filters_for(role: str, kinds: tuple[str, ...] | None = None, doc_ids: tuple[str, ...] | None = None) -> SearchFilters:
    """Search filters that only let through what ``role`` may read."""
    return SearchFilters(kinds=kinds, access=readable_access(role), doc_ids=doc_ids)


def may_use(role: str, intent: str) -> bool:
    """Whether ``role`` may use the skill behind ``intent``."""
    return check_role(role) != "citizen" or intent not in _STAFF_INTENTS
