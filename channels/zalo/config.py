"""Zalo Official Account settings from the environment.

| variable                  | meaning                                                               |
|---------------------------|-----------------------------------------------------------------------|
| TROLY_ZALO_APP_ID         | the Zalo app's id; no id, no Zalo channel                             |
| TROLY_ZALO_SECRET_KEY     | the OA secret key that signs webhook events (``X-ZEvent-Signature``)  |
| TROLY_ZALO_APP_SECRET     | the app's secret key, sent when refreshing the access token           |
| TROLY_ZALO_REFRESH_TOKEN  | the first refresh token (from authorising the OA); read only while    |
|                           | the token store is empty or when it changes: the rotated tokens live  |
|                           | in the ``zalo-tokens`` store (``assistant.database``)                 |
| TROLY_ZALO_ACCESS_TOKEN   | optionally, the first access token (refreshed when Zalo refuses it)   |
| TROLY_ZALO_API_BASE       | OA API, default https://openapi.zalo.me                               |
| TROLY_ZALO_OAUTH_BASE     | OAuth server, default https://oauth.zaloapp.com                       |
| TROLY_ZALO_MAX_AGE        | seconds an event may be old (or early) before it is refused, def. 300 |
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from knowledge.errors import BadInput

DEFAULT_API_BASE = "https://openapi.zalo.me"
DEFAULT_OAUTH_BASE = "https://oauth.zaloapp.com"
DEFAULT_MAX_AGE_SECONDS = 300


@dataclass(frozen=True)
class ZaloConfig:
    app_id: str
    secret_key: str = field(repr=False)
    app_secret: str = field(default="", repr=False)
    refresh_token: str = field(default="", repr=False)
    access_token: str = field(default="", repr=False)
    api_base: str = DEFAULT_API_BASE
    oauth_base: str = DEFAULT_OAUTH_BASE
    max_age_seconds: int = DEFAULT_MAX_AGE_SECONDS

    def __post_init__(self) -> None:
        if not self.app_id or not self.secret_key:
            raise BadInput("kênh Zalo cần TROLY_ZALO_APP_ID và TROLY_ZALO_SECRET_KEY")
        if self.max_age_seconds <= 0:
            raise BadInput("TROLY_ZALO_MAX_AGE phải là số giây lớn hơn 0")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "ZaloConfig | None":
        """The configuration, or None when no app id is set (the channel is off)."""
        env = os.environ if environ is None else environ

        def value(name: str) -> str:
            return env.get(f"TROLY_ZALO_{name}", "").strip()

        if not value("APP_ID"):
            return None
        try:
            max_age = int(value("MAX_AGE") or DEFAULT_MAX_AGE_SECONDS)
        except ValueError:
            raise BadInput(f"TROLY_ZALO_MAX_AGE '{value('MAX_AGE')}' không phải số giây") from None
        return cls(
            app_id=value("APP_ID"),
            secret_key=value("SECRET_KEY"),
            app_secret=value("APP_SECRET"),
            refresh_token=value("REFRESH_TOKEN"),
            access_token=value("ACCESS_TOKEN"),
            api_base=(value("API_BASE") or DEFAULT_API_BASE).rstrip("/"),
            oauth_base=(value("OAUTH_BASE") or DEFAULT_OAUTH_BASE).rstrip("/"),
            max_age_seconds=max_age,
        )
