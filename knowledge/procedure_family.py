"""The member of a procedure family the citizen asks for ranks first.

Most thủ tục come in families that share their object and differ by the action their name
opens with — "Đăng ký, cấp biển số xe lần đầu", "Cấp lại chứng nhận đăng ký xe", "Đổi chứng
nhận đăng ký xe", "Thu hồi chứng nhận đăng ký xe" — or by a special circumstance: "Thủ tục
đăng ký kết hôn" beside "… có yếu tố nước ngoài", "… tại khu vực biên giới", "… lưu động".
Search matches the object ("xe", "biển số", "kết hôn") equally in all of them, so "vừa mua xe
máy, đi đăng ký biển số cần mang gì" used to rank the thu hồi first, and "đăng ký kết hôn với
người ở tỉnh khác" the foreign one.

The action is said in the citizen's own words: "mất", "đánh rơi", "làm lại" (cấp lại); "hết
hạn", "đổi" (cấp đổi); "ghi sai", "đổi họ" (cải chính); "nghỉ bán ba tháng" (tạm ngừng);
"đóng cửa hẳn" (chấm dứt). ``asked_member_first`` reads the actions a question asks for
(``asked_actions``) and the circumstances it names (``named_circumstances``) and lowers, among
procedures, the score of the members that fit neither, by a share of the question's best score:
``OTHER_ACTION`` for doing none of the actions asked (``procedure_actions``, read from the verbs
the name opens with: "Cấp lại, đổi, điều chỉnh thông tin trên sổ BHXH" does three), half of it
for the kindred action (a paper "làm lại" may be cấp lại or cấp đổi: people do not tell them
apart, the law does by the reason), ``PLAIN_WHEN_OTHER_ASKED`` for the plain action ("cấp",
"đăng ký") when the question asks for another; ``OTHER_CIRCUMSTANCE`` for a circumstance in the
name the question does not name. A procedure the question names outright ("đăng ký tạm trú cho
người thuê nhà") gains ``NAMED``, unless the question names a circumstance it is not for ("đăng ký
kết hôn với người Hàn Quốc" names the plain one's name but asks for the foreign one). The member asked for comes first without hiding the others;
passages that are not procedures keep their score.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from knowledge.models import Evidence
from knowledge.text import expand_abbreviations, fold, normalize

OTHER_ACTION = 0.15
PLAIN_WHEN_OTHER_ASKED = 0.08
OTHER_CIRCUMSTANCE = 0.15
NAMED = 0.1
PLAIN = "plain"

# action -> how a procedure's name says it, in the list of verbs its name opens with. Read with its
# diacritics (portal names always have them): folded, "đối" would be "đổi".
_NAMED: dict[str, str] = {
    "reissue": r"cấp lại|đăng ký lại|cấp bản sao",
    "exchange": r"cấp đổi|đổi",
    "extend": r"gia hạn",
    "revoke": r"thu hồi|hủy|huỷ|xóa|xoá|khóa|khoá",
    "correct": r"đính chính|điều chỉnh|thay đổi, cải chính|cải chính|sửa lỗi|sửa đổi|hiệu đính|bổ sung",
    "report_loss": r"trình báo mất|thông báo mất",
    "suspend": r"tạm ngừng|tạm dừng",
    "terminate": r"chấm dứt|giải thể|dừng thực hiện",
    "restore": r"khôi phục|mở khóa|mở khoá|phục hồi",
    PLAIN: r"cấp mới|cấp|đăng ký",
}
_VERB = re.compile("|".join(rf"(?P<{action}>(?:{words})\b)" for action, words in _NAMED.items()))
_LIST = re.compile(r"\s*(?:,|và\b|hoặc\b|/)\s*")
_THU_TUC = re.compile(r"^(?:th[uủ] t[uụ]c:?\s+)?")  # with its diacritics or folded
_KINDRED = {"reissue": "exchange", "exchange": "reissue"}

# circumstance -> (what a procedure's name says of it, what a question says of it), folded
_COUNTRY = (r"han quoc|nhat ban|trung quoc|dai loan|hoa ky|thai lan|campuchia|singapore|canada|malaysia|indonesia"
            r"|philippines|hong kong|chau au|nguoi (?:my|uc|phap|duc|nga|han|nhat|tay|trung quoc|dai loan|lao(?! dong))\b")
_CIRCUMSTANCES: dict[str, tuple[str, str]] = {
    "foreign": (r"yeu to nuoc ngoai|nguoi nuoc ngoai|o nuoc ngoai|dinh cu o nuoc ngoai|nuoc lang gieng|khong quoc tich"
                r"|cong dan lao|tre em nuoc ngoai",
                rf"nuoc ngoai|ngoai quoc|viet kieu|quoc tich|dinh cu|{_COUNTRY}"),
    "border": (r"bien gioi", r"bien gioi"),
    "mobile": (r"luu dong", r"luu dong|tai nha|tai benh vien|trai giam|om nang|liet giuong|khong (?:the )?(?:di|den) (?:duoc|noi)"),
    "armed_forces": (r"quan su|cong an nhan dan|bo quoc phong|quan doi|quan nhan|si quan",
                     r"quan su|cong an|quan doi|quoc phong|bo doi|quan nhan|si quan|chien si"),
    "new_owner": (r"thay doi chu xe|sang ten", r"sang ten|mua lai|mua xe cu|cho tang|tang cho|thua ke|doi chu|ban (?:lai )?xe"),
    "child_bundle": (r"lien thong", r"lien thong|con|be|chau|tre|moi sinh|moi de|so sinh"),
}
_IN_NAME = {name: re.compile(rf"\b(?:{title})\b") for name, (title, _) in _CIRCUMSTANCES.items()}
_IN_QUESTION = {name: re.compile(rf"\b(?:{question})\b") for name, (_, question) in _CIRCUMSTANCES.items()}

_PAPER = (r"(?:giay|the|so|bang|ho chieu|passport|cavet|ca vet|can cuoc|cmnd|cccd|bien so|gplx|chung nhan|"
          r"chung minh|phieu|ban sao)")
# action -> what a question says when it asks for it (folded, abbreviations written out)
_ASKED: dict[str, str] = {
    "reissue": r"cap lai|lam lai|xin lai|in lai",
    "exchange": r"cap doi|\bdoi (?:sang (?!ho\b|ten\b)|lai|moi|the|so|bang|giay|ho chieu|can cuoc|gplx)|het han|nhau nat|\bdoi\W*$"
                r"|(?:so|the|bang|giay)\b.{0,20}\bcu\b",
    "extend": r"gia han|het han",
    "revoke": r"thu hoi|\bhuy\b|\bxoa\b|cat khau|ban (?:xe|mat) xe|\bkhoa (?:can cuoc|tai khoan|the)"
              r"|(?:nop|tra) lai (?:giay|bien so|cavet|ca vet|chung nhan|the|so)|khong (?:dung|su dung|chay) nua",
    "correct": r"dinh chinh|dieu chinh|cai chinh|ghi sai|bi sai|viet sai|sua (?:lai|ten|thong tin|ngay)|doi (?:sang )?(?:ho|ten)\b",
    "report_loss": rf"trinh bao mat|(?:bao|khai bao) (?:bi )?mat {_PAPER}|(?:mat|danh roi)\b.{{0,60}}\b(?:bao|trinh bao)\b",
    "suspend": r"tam ngung|tam nghi|tam dung|nghi (?:ban|kinh doanh|lam)? ?(?:\d+|vai|mot|hai|ba) (?:thang|tuan)",
    "terminate": r"cham dut|giai the|dong cua han|nghi han|khong (?:ban|kinh doanh|lam) nua|dep (?:quan|tiem|cua hang)",
    "restore": r"khoi phuc|mo khoa|phuc hoi",
}
_QUESTION_ASKS = {action: re.compile(words) for action, words in _ASKED.items()}
# A paper lost, burnt or torn asks for it again, unless the question only asks where to report the loss.
_LOST = re.compile(
    rf"(?:bi|lam|danh|da) (?:mat|roi|that lac)|that lac|mat (?:het )?{_PAPER}|{_PAPER}\b.{{0,40}}\b(?:bi )?(?:mat|chay|hong|rach|nat)\b"
)


@lru_cache(maxsize=4096)
def procedure_actions(title: str) -> frozenset[str]:
    """The actions of the verbs a procedure's name opens with ("Cấp lại, đổi, điều chỉnh …": three);
    ``PLAIN`` for issuing or registering, and for a name opening with another verb."""
    name = normalize(title).lower().strip()
    position = _THU_TUC.match(name).end()
    actions: set[str] = set()
    while verb := _VERB.match(name, position):
        actions.add(verb.lastgroup)
        separator = _LIST.match(name, verb.end())
        if separator is None or separator.end() == verb.end():
            break
        position = separator.end()
    return frozenset(actions or {PLAIN})


@lru_cache(maxsize=4096)
def procedure_circumstances(title: str) -> frozenset[str]:
    """The special circumstances a procedure's name is for ("có yếu tố nước ngoài", "lưu động")."""
    name = fold(title)
    return frozenset(circumstance for circumstance, said in _IN_NAME.items() if said.search(name))


_LEVEL = re.compile(r"\s*\((?:thuc hien )?(?:tai|o) [^)]*\)\s*$")
_WORDS = re.compile(r"[0-9a-z]+")


@lru_cache(maxsize=4096)
def _name_phrase(title: str) -> str:
    """The name's words, without "thủ tục" and the level it is done at, between spaces; "" under two words."""
    words = _WORDS.findall(_LEVEL.sub("", _THU_TUC.sub("", fold(title).strip())))
    return f" {' '.join(words)} " if len(words) >= 2 else ""


def _read(question: str) -> str:
    """The form questions are read in here: abbreviations written out, folded."""
    return fold(expand_abbreviations(question))


def _asked_in(text: str) -> set[str]:
    asked = {action for action, asks in _QUESTION_ASKS.items() if asks.search(text)}
    if "report_loss" not in asked and _LOST.search(text):
        asked.add("reissue")
    return asked


def _named_in(text: str) -> set[str]:
    return {circumstance for circumstance, said in _IN_QUESTION.items() if said.search(text)}


def _words_of(text: str) -> str:
    return f" {' '.join(_WORDS.findall(text))} "


def asked_actions(question: str) -> set[str]:
    """The modifying actions ``question`` asks for; empty when it asks for the thing itself."""
    return _asked_in(_read(question))


def named_circumstances(question: str) -> set[str]:
    """The special circumstances a question names ("chồng tôi người Úc", "ở khu vực biên giới")."""
    return _named_in(_read(question))


def names_procedure(question: str, title: str) -> bool:
    """Whether the question names the procedure: its whole name, without "thủ tục" and the level it is done
    at, two words or more, is in the question ("đăng ký tạm trú cho người thuê nhà thế nào")."""
    return _names(_words_of(_read(question)), title)


def _names(said: str, title: str) -> bool:
    name = _name_phrase(title)
    return bool(name) and name in said


def asked_member_first(question: str, evidence: list[Evidence]) -> list[Evidence]:
    """``evidence`` with procedures lowered that do none of the actions asked or are for circumstances
    the question does not name, best first. The question is read once; each name's reading is cached."""
    if not any(e.passage.kind == "procedure" for e in evidence):
        return evidence
    text = _read(question)
    asked, named, said = _asked_in(text), _named_in(text), _words_of(text)
    wanted = asked or {PLAIN}
    kindred = {_KINDRED[action] for action in asked if action in _KINDRED}
    scale = max(abs(e.score) for e in evidence) or 1.0
    ranked = []
    for e in evidence:
        if e.passage.kind == "procedure":
            title = e.passage.doc_title or e.passage.heading
            penalty = _action_penalty(procedure_actions(title), wanted, kindred)
            circumstances = procedure_circumstances(title)
            if circumstances - named:
                penalty += OTHER_CIRCUMSTANCE
            if _names(said, title) and not named - circumstances:
                penalty -= NAMED
            e = replace(e, score=e.score - penalty * scale)
        ranked.append(e)
    return sorted(ranked, key=lambda e: -e.score)


def _action_penalty(actions: frozenset[str], wanted: set[str], kindred: set[str]) -> float:
    if actions & wanted:
        return 0.0
    if PLAIN in actions:
        return PLAIN_WHEN_OTHER_ASKED
    return OTHER_ACTION / 2 if actions & kindred else OTHER_ACTION
