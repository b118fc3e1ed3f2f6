"""Security: who the user is (directory, tokens, channel links); roles and access come next."""
from assistant.security.users import ROLES, ChannelLink, User, UserDirectory

__all__ = ["ROLES", "ChannelLink", "User", "UserDirectory"]
