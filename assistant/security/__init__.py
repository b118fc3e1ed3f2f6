"""Security: roles, document access levels, personal-data redaction, audit log."""
from assistant.security.pii import PLACEHOLDERS, PersonalDataSpan, Redaction, find_personal_data, redact

__all__ = ["PLACEHOLDERS", "PersonalDataSpan", "Redaction", "find_personal_data", "redact"]
