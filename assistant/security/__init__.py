"""Security: who the user is (directory, tokens, channel links), personal-data redaction; roles and audit."""
from assistant.security.pii import PLACEHOLDERS, PersonalDataSpan, Redaction, find_personal_data, redact
from assistant.security.users import ROLES, ChannelLink, User, UserDirectory

__all__ = [
    "PLACEHOLDERS",
    "ROLES",
    "ChannelLink",
    "PersonalDataSpan",
    "Redaction",
    "User",
    "UserDirectory",
    "find_personal_data",
    "redact",
]
