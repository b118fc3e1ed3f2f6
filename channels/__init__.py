"""The outside world: command line, web (REST API and chat page), Telegram, Zalo, Rasa.

Channels translate a protocol into calls on the assistant and back; they hold no
business logic of their own.
"""
