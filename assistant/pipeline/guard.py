"""Step 2: what must not go further — empty or oversized messages, personal data,
instructions aimed at the assistant, messages in another language.

Personal data (CCCD/CMND numbers, phone numbers, e-mails, bank accounts, names) is
replaced by placeholders here, before understanding, retrieval, any language model,
the conversation log or the analytics see the text. Prompt-injection sentences
("bỏ qua mọi chỉ dẫn…", "ignore previous instructions") are cut out of the text the
assistant works on, so they cannot steer a language model.
"""
from __future__ import annotations

import re

from assistant.answer import refusal
from assistant.pipeline.turn import Turn
from assistant.security.injection import without_injection
from assistant.security.pii import PLACEHOLDERS, redact
from knowledge.text import fold, has_diacritics

MAX_MESSAGE_CHARS = 4000

_OTHER_SCRIPTS = re.compile(r"[\u0400-\u04ff\u0590-\u06ff\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# English words that are not also Vietnamese typed without diacritics ("can giay to gi" is "cần giấy tờ gì",
# "the can cuoc" "thẻ căn cước", "do ai cap" "do ai cấp", "visa di My" "visa đi Mỹ").
_ENGLISH_WORDS = frozenset(
    "is are what how i you your of for does please where when which with this that "
    "need want get apply register birth certificate passport".split()
)
_LETTERS = re.compile(r"[^\W\d_]+")


def _language(text: str) -> str:
    """"vi", or "other" for another script or plain English."""
    letters = _LETTERS.findall(text)
    if not letters:
        return "vi"
    if sum(len(_OTHER_SCRIPTS.findall(w)) > 0 for w in letters) > len(letters) / 2:
        return "other"
    if not has_diacritics(text):
        words = [w.lower() for w in letters]
        if len(words) >= 3 and sum(w in _ENGLISH_WORDS for w in words) >= max(2, len(words) * 0.4):
            return "other"
    return "vi"


class Guard:
    name = "guard"
    always = False

    def __call__(self, turn: Turn) -> None:
        if not turn.text:
            turn.answer = refusal("out_of_scope", "empty", "Bạn chưa nhập nội dung. Bạn cần hỏi gì về thủ tục hành chính hay quy định pháp luật?")
            return
        if len(turn.text) > MAX_MESSAGE_CHARS:
            turn.answer = refusal(
                "out_of_scope", "too_long",
                f"Tin nhắn quá dài ({len(turn.text):,} ký tự; tối đa {MAX_MESSAGE_CHARS:,}). "
                "Xin tóm tắt câu hỏi, hoặc gửi văn bản dưới dạng tệp đính kèm.",
            )
            return
        redaction = redact(turn.text)
        turn.text, turn.personal_data = redaction.text, tuple(redaction.kinds)
        turn.text, turn.injection = without_injection(turn.text)
        remaining = turn.text
        for placeholder in PLACEHOLDERS.values():
            remaining = remaining.replace(placeholder, " ")
        if turn.personal_data and len(_LETTERS.findall(fold(remaining))) < 2:
            turn.answer = refusal(
                "out_of_scope", "personal_data",
                "Tin nhắn chỉ có thông tin cá nhân nên tôi không lưu và không xử lý. "
                "Xin đừng gửi số căn cước, số điện thoại hay số tài khoản; hãy cho biết bạn cần làm thủ tục gì.",
            )
            return
        if not turn.text:
            turn.answer = refusal("out_of_scope", "empty", "Tôi không thể làm theo yêu cầu đó. Bạn cần hỏi gì về thủ tục hành chính hay quy định pháp luật?")
            return
        if _language(turn.text) == "other":
            turn.answer = refusal(
                "out_of_scope", "other_language",
                "Xin lỗi, trợ lý ảo hiện chỉ trả lời bằng tiếng Việt. "
                "(Sorry, this assistant answers in Vietnamese only; please write your question in Vietnamese.)",
            )
