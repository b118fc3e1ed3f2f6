"""The one function channels answer messages with: ``responder(assistant)``.

With ``TROLY_DIALOGUE=embedded`` (the default) it is ``assistant.ask``. With
``TROLY_DIALOGUE=rasa`` it is a ``RasaDialogue``: each message goes to Rasa's REST channel
(``POST /webhooks/rest/webhook``, sender = troly's session id), Rasa's rules, stories and
forms choose the action, troly's action server (``channels.rasa_actions``) answers, and
the answer comes back whole, citations included, from the custom payload of Rasa's
response. Both take the same arguments and return one ``Answer``::

    reply = responder(assistant)        # once, when the channel starts
    answer = reply("lệ phí bao nhiêu?", session_id=chat_id, role="citizen", user=user, channel="telegram")

Before Rasa sees a message, personal data is replaced by placeholders, as troly's guard
does before its own NLU (so the note "thông tin cá nhân đã được ẩn" is not added in this
mode). A message with a file (a draft to review) or without text goes straight to the
assistant: Rasa's REST channel carries text only. When Rasa cannot be reached or answers
nothing, one warning is logged and the assistant answers on its own, with its embedded
dialogue, until Rasa is tried again 30 s later.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from assistant.answer import Answer
from assistant.core import Assistant
from assistant.nlu import RasaConnection
from assistant.security.pii import redact
from assistant.security.roles import check_role
from assistant.security.users import User
from knowledge.errors import BadInput
from knowledge.text import normalize

Responder = Callable[..., Answer]
DIALOGUES = ("embedded", "rasa")
WEBHOOK_TIMEOUT = httpx.Timeout(60.0, connect=1.0)  # Rasa waits for troly's action server
# The intent of a reply Rasa wrote itself (a response a deployment added to the domain).
RASA_RESPONSE = "rasa_response"


class EmptyRasaReply(ValueError):
    """Rasa answered a message with nothing."""


def _troly_payload(message: dict[str, Any]) -> dict[str, Any] | None:
    custom = message.get("custom")
    return custom.get("troly") if isinstance(custom, dict) else None


def _text_messages(answer: Answer) -> list[str]:
    """The text messages Rasa's REST channel sends beside an answer's payload: the text whole
    when it has buttons, else one message per paragraph (Rasa splits text on blank lines)."""
    text = answer.text.strip()
    return [text] if answer.choices else text.split("\n\n")


def answer_from_rasa(messages: Sequence[dict[str, Any]]) -> Answer:
    """One answer from Rasa's replies to a message: troly's answers read back from their
    custom payloads, and any text Rasa wrote itself, in the order Rasa sent them."""
    if not isinstance(messages, list):
        raise EmptyRasaReply(f"Rasa's reply is not a list of messages: {messages!r:.200}")
    answers = [Answer.from_json(p) for p in map(_troly_payload, messages) if p is not None]
    copies = Counter(part for a in answers for part in _text_messages(a))
    texts = []
    for message in messages:
        payload = _troly_payload(message)
        if payload is not None:
            texts.append(payload["answer"])
        elif message.get("text") and copies[message["text"]]:
            copies[message["text"]] -= 1
        elif message.get("text"):
            texts.append(message["text"])
    if not texts:
        raise EmptyRasaReply("Rasa answered nothing")
    if not answers:
        return Answer(text="\n\n".join(texts), intent=RASA_RESPONSE)
    if len(texts) == 1:
        return answers[0]
    citations = tuple(dict.fromkeys(c for a in answers for c in a.citations))
    return replace(answers[-1], text="\n\n".join(texts), citations=citations)


class RasaDialogue:
    """``Assistant.ask``'s arguments in, one ``Answer`` out, through Rasa's REST channel."""

    def __init__(self, assistant: Assistant, connection: RasaConnection) -> None:
        self.assistant = assistant
        self.connection = connection

    @classmethod
    def at(cls, assistant: Assistant, url: str) -> "RasaDialogue":
        return cls(assistant, RasaConnection(url, "troly's embedded dialogue answers", WEBHOOK_TIMEOUT))

    def __call__(
        self,
        message: str,
        session_id: str | None = None,
        role: str = "citizen",
        user: User | None = None,
        channel: str = "web",
        upload: Path | None = None,
    ) -> Answer:
        role = check_role(user.role if user else role)
        session = self.assistant.sessions.start(session_id, role, channel, user.id if user else None)
        text = redact(normalize(message).strip()).text
        answer = None
        if upload is None and text:
            payload = {"sender": session.id, "message": text}
            answer = self.connection.post("/webhooks/rest/webhook", payload, answer_from_rasa)
        if answer is None:
            return self.assistant.ask(message, session_id=session.id, role=role, user=user, channel=channel, upload=upload)
        return replace(answer, session_id=session.id)


def responder(assistant: Assistant) -> Responder:
    """What answers the channels' messages, as ``assistant.settings.dialogue`` says."""
    dialogue = assistant.settings.dialogue
    if dialogue not in DIALOGUES:
        raise BadInput(f"TROLY_DIALOGUE={dialogue!r}: choose one of {', '.join(DIALOGUES)}")
    return RasaDialogue.at(assistant, assistant.settings.rasa_url) if dialogue == "rasa" else assistant.ask
