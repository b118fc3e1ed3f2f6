"""The member of a procedure family the citizen asks for ranks first.

Most thủ tục come in families that share their object and differ by the action their name
opens with — "Đăng ký, cấp biển số xe lần đầu", "Cấp lại chứng nhận đăng ký xe", "Đổi chứng
nhận đăng ký xe", "Thu hồi chứng nhận đăng ký xe" — or by a special circumstance: "Thủ tục
đăng ký kết hôn" beside "… có yếu tố nước ngoài", "… tại khu vực biên giới", "… lưu động"; "Cấp lại
Giấy chứng nhận do bị mất" (a land certificate) beside "Cấp lại Chứng chỉ hành nghề luật sư" and "Cấp lại
Giấy chứng nhận kiểm định … xe" (a professional's or an operator's paper).
Search matches the object ("xe", "biển số", "kết hôn") equally in all of them, so "vừa mua xe
máy, đi đăng ký biển số cần mang gì" used to rank the thu hồi first, and "đăng ký kết hôn với
người ở tỉnh khác" the foreign one.

The action is said in the citizen's own words: "mất", "đánh rơi", "làm lại" (cấp lại); "hết
hạn", "đổi", "bị rách", "làm lại" after a change of name (cấp đổi); "ghi sai", "đổi họ" (cải
chính); "nghỉ bán ba tháng" (tạm ngừng); "đóng cửa hẳn" (chấm dứt). ``asked_member_first`` reads
the actions a question asks for (``asked_actions``) and the circumstances it names
(``named_circumstances``) and lowers, among procedures, the score of the members that fit neither,
by a share of the question's best score:
``OTHER_ACTION`` for doing none of the actions asked (``procedure_actions``, read from the verbs
the name opens with: "Cấp lại, đổi, điều chỉnh thông tin trên sổ BHXH" does three), half of it
for the kindred action (a paper "làm lại" may be cấp lại or cấp đổi: people do not tell them
apart, the law does by the reason), ``PLAIN_WHEN_OTHER_ASKED`` for the plain action ("cấp",
"đăng ký") when the question asks for another; ``OTHER_CIRCUMSTANCE`` for a circumstance in the
name the question does not name, ``OTHER_FIELD`` for one its field gives ("Chính sách" is the armed forces'
welfare: "Cấp lại thẻ bảo hiểm y tế" of that field is no civilian's, though its name is the citizen's words), unless
the name lists everyone before it ("cho công dân Việt Nam, người nước ngoài …"); ``OTHER_ACTION``
again for a procedure issuing what the question says is already held ("đã có giấy khai sinh rồi").
A procedure the question names outright ("đăng ký tạm trú cho người thuê nhà") gains ``NAMED``
when nothing lowers it: not when the question names a circumstance it is not for ("đăng ký kết hôn
với người Hàn Quốc" names the plain one's name but asks for the foreign one), nor when it asks
another action ("đăng ký kết hôn năm 2005 mà giấy mất" tells what was done, and asks đăng ký lại).
A procedure whose name says it is done above the commune ("Cấp thẻ căn cước … (thực hiện tại cấp tỉnh)") is lowered
by ``OTHER_LEVEL`` when the same procedure done at the commune is found too, unless the question names that level
or its office: since the 2025 reform a citizen applies at the commune. A procedure for people of an age the
question's one age is not ("Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên" to "làm căn cước cho con 5 tuổi") is
lowered as for another circumstance.
The member asked for comes first without hiding the others; passages that are not procedures keep
their score.
"""
from __future__ import annotations

import re
from functools import lru_cache

from knowledge.models import Evidence, lowered
from knowledge.text import expand_query, fold, folded_question, normalize

OTHER_ACTION = 0.15
PLAIN_WHEN_OTHER_ASKED = 0.08
OTHER_CIRCUMSTANCE = 0.25
OTHER_FIELD = 0.5
OTHER_LEVEL = 0.15
NAMED = 0.2
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
    # a professional's or an operator's paper: a practising certificate, an inspection, a licence to operate
    "trade": (r"chung chi hanh nghe|chung chi (?:dang kiem vien|moi gioi)|dang kiem vien|du dieu kien hoat dong"
              r"|giay phep hoat dong|kiem dinh|giay phep dao tao|co so dao tao",
              r"hanh nghe|chung chi|luat su|moi gioi|dang kiem|kiem dinh|tem|hoat dong|co so|trung tam|doanh nghiep"
              r"|cong ty|to chuc|san giao dich|kinh doanh|phong kham|dao tao|truong|giay phep (?:hoat dong|kinh doanh)"),
}
_IN_NAME = {name: re.compile(rf"\b(?:{title})\b") for name, (title, _) in _CIRCUMSTANCES.items()}
# "… cho công dân Việt Nam, người nước ngoài cư trú tại Việt Nam", "… đối với hộ gia đình, cá nhân, …, người gốc
# Việt Nam định cư ở nước ngoài": a name listing everyone before the foreigners is not for foreigners only.
_EVERYONE_LISTED = re.compile(r"\b(?:cong dan viet nam|ho gia dinh|ca nhan)\s*,")
# The portal's field "Chính sách" holds the police's and the army's own welfare procedures ("Cấp lại thẻ bảo
# hiểm y tế" for their people), whatever their name says.
_ARMED_FORCES_FIELD = re.compile(r"^Lĩnh vực: Chính sách$", re.MULTILINE)
_IN_QUESTION = {name: re.compile(rf"\b(?:{question})\b") for name, (_, question) in _CIRCUMSTANCES.items()}

_PAPER = (r"(?:giay|the|so|bang|ho chieu|passport|cavet|ca vet|can cuoc|cmnd|cccd|bien so|gplx|chung nhan|"
          r"chung minh|phieu|ban sao)")
# "mất" of what a procedure costs is no loss: "có mất phí không", "làm hộ chiếu mất bao lâu".
_COSTS = r"(?! (?:phi|le phi|tien|bao lau|bao nhieu|may|thoi gian|cong)\b)"
# action -> what a question says when it asks for it (folded, abbreviations written out)
_ASKED: dict[str, str] = {
    "reissue": r"cap lai|lam lai|xin lai|in lai",
    "exchange": r"cap doi|\bdoi (?:sang (?!ho\b|ten\b)|lai|moi|the|so|bang|giay|ho chieu|can cuoc|gplx)|het han|nhau nat|\bdoi\W*$"
                r"|(?:so|the|bang|giay)\b.{0,20}\bcu\b(?! tru)",
    "extend": r"gia han|het han",
    "revoke": r"thu hoi|\bhuy\b|\bxoa\b|cat khau|ban (?:xe|mat) xe|\bkhoa (?:can cuoc|tai khoan|the)"
              r"|(?:nop|tra) lai (?:giay|bien so|cavet|ca vet|chung nhan|the|so)|khong (?:dung|su dung|chay) nua",
    "correct": r"dinh chinh|dieu chinh|cai chinh|ghi sai|bi sai|viet sai|sua (?:lai|ten|thong tin|ngay)|doi (?:sang )?(?:ho|ten)\b",
    "report_loss": rf"trinh bao mat|(?:bao|khai bao) (?:bi )?mat {_PAPER}|(?:mat{_COSTS}|danh roi)\b.{{0,60}}\b(?:bao|trinh bao)\b(?! hiem| ve| gia| tri| quan)",
    "suspend": r"tam ngung|tam nghi|tam dung|nghi (?:ban|kinh doanh|lam)? ?(?:\d+|vai|mot|hai|ba) (?:thang|tuan)",
    "terminate": r"cham dut|giai the|dong cua han|nghi han|khong (?:ban|kinh doanh|lam) nua|dep (?:quan|tiem|cua hang)",
    "restore": r"khoi phuc|mo khoa|phuc hoi",
}
_QUESTION_ASKS = {action: re.compile(words) for action, words in _ASKED.items()}
# A paper lost or burnt asks for it again (cấp lại), unless the question only asks where to report the
# loss; a damaged one is exchanged (cấp đổi: "bị hư hỏng", "bị rách", "bị nhòe" in the laws on căn cước,
# driving licences and land certificates).
_LOST = re.compile(
    rf"(?:bi|lam|danh|da) (?:mat|roi|that lac){_COSTS}|that lac|mat (?:het )?{_PAPER}|{_PAPER}\b.{{0,40}}\b(?:bi )?(?:mat|chay)\b{_COSTS}"
)
_DAMAGED = re.compile(rf"{_PAPER}\b.{{0,40}}\b(?:bi )?(?:hu hong|hong|rach|nat|nhoe|mo chu|bong troc)\b")
# What the citizen already has is not what they ask for: "con đã có giấy khai sinh rồi, giờ muốn nhập hộ
# khẩu" asks for the thường trú, not a procedure that issues a khai sinh.
_HELD = re.compile(r"\b(?:da|vua) (?:co|lam|lam xong|dang ky|dang ky xong|duoc cap) (?:giay |the |so |ban )?(\w+ \w+)")
# "Làm lại" says nothing of cấp lại or cấp đổi; a reason does: a change or a damage is an exchange.
_REDO = re.compile(r"\b(?:lam|xin|in) lai\b")


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
    said = {circumstance for circumstance, said in _IN_NAME.items() if said.search(name)}
    if _EVERYONE_LISTED.search(name):
        said.discard("foreign")
    return frozenset(said)


def _field_circumstances(text: str) -> frozenset[str]:
    """The circumstance a procedure's field says ("Lĩnh vực: Chính sách": the armed forces')."""
    return frozenset({"armed_forces"}) if _ARMED_FORCES_FIELD.search(text) else frozenset()


# The level a name says it is done at: "(thực hiện tại cấp xã)", "(cấp tỉnh)".
_LEVEL = re.compile(r"\s*\((?:(?:thuc hien )?(?:tai|o) |cap )[^)]*\)\s*$")
# The level above the commune: "(thực hiện tại cấp tỉnh)", "(thực hiện tại cấp trung ương)", "(cấp bộ)".
_HIGHER_LEVEL = re.compile(r"\s*\((?:(?:thuc hien )?(?:tai|o) )?cap (tinh|trung uong|tw|bo|huyen)\)\s*$")
# A question naming a level above the commune, or the office there ("ở Công an tỉnh", "cấp trung ương").
_DEPARTMENT = r"so (?:tu phap|tai nguyen|nong nghiep|lao dong|giao thong|xay dung|y te|giao duc|cong thuong|noi vu|tai chinh|ke hoach)"
_MINISTRY = re.compile(r"\b(?:trung uong|cap bo|cuc|bo (?:cong an|ngoai giao|tu phap|quoc phong|y te|giao duc))\b")
_LEVEL_ASKED = {
    "tinh": re.compile(rf"\b(?:cap tinh|cong an tinh|ubnd tinh|uy ban nhan dan tinh|{_DEPARTMENT})\b"),
    "trung uong": _MINISTRY,
    "bo": _MINISTRY,
    "tw": _MINISTRY,
    "huyen": re.compile(r"\b(?:cap huyen|ubnd huyen|uy ban nhan dan huyen)\b"),
}
_WORDS = re.compile(r"[0-9a-z]+")


@lru_cache(maxsize=4096)
def _name_phrase(title: str) -> str:
    """The name's words, without "thủ tục" and the level it is done at, between spaces; "" under two words."""
    words = _WORDS.findall(_LEVEL.sub("", _THU_TUC.sub("", fold(title).strip())))
    return f" {' '.join(words)} " if len(words) >= 2 else ""


@lru_cache(maxsize=4096)
def _level_above(title: str) -> tuple[str, str] | None:
    """(the name without it, folded; the level) when the name says it is done above the commune; None when not."""
    folded = fold(title)
    match = _HIGHER_LEVEL.search(folded)
    return (folded[:match.start()], match.group(1)) if match else None


@lru_cache(maxsize=4096)
def _without_level(title: str) -> str:
    """The name without any level it says it is done at, folded: what its twins at other levels share."""
    return _LEVEL.sub("", fold(title))


def _asked_in(text: str) -> set[str]:
    asked = {action for action, asks in _QUESTION_ASKS.items() if asks.search(text)}
    lost = _LOST.search(text) is not None
    if lost and "report_loss" not in asked:
        asked.add("reissue")
    if not lost and _DAMAGED.search(text):
        asked.add("exchange")
    if not lost and asked & {"exchange", "correct"} and "reissue" in asked and _REDO.search(text) and "cap lai" not in text:
        asked = asked - {"reissue"} | {"exchange"}
    return asked


def _named_in(text: str) -> set[str]:
    return {circumstance for circumstance, said in _IN_QUESTION.items() if said.search(text)}


def _words_of(text: str) -> str:
    return f" {' '.join(_WORDS.findall(text))} "


def asked_actions(question: str) -> set[str]:
    """The modifying actions ``question`` asks for; empty when it asks for the thing itself."""
    return _asked_in(folded_question(question))


def named_circumstances(question: str) -> set[str]:
    """The special circumstances a question names ("chồng tôi người Úc", "ở khu vực biên giới")."""
    return _named_in(folded_question(question))


def names_procedure(question: str, title: str) -> bool:
    """Whether the question names the procedure: its whole name, without "thủ tục" and the level it is done
    at, two words or more, is in the question ("đăng ký tạm trú cho người thuê nhà thế nào")."""
    return _names(_words_of(folded_question(question)), title)


def _names(said: str, title: str) -> bool:
    name = _name_phrase(title)
    return bool(name) and name in said


def _names_paper(expanded: str, title: str) -> bool:
    """Whether the question, everyday words mapped to the portal's, says what the procedure acts on ("mất bằng lái
    xe ô tô, làm lại": "Cấp lại giấy phép lái xe", not "Cấp lại Giấy phép đào tạo lái xe ô tô khi bị mất")."""
    paper = _object_phrase(title)
    return bool(paper) and paper in expanded


_VERBS_FIRST = re.compile(rf"^(?:(?:{'|'.join(_NAMED.values())})\b(?:{_LIST.pattern})?)+", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _object_phrase(title: str) -> str:
    """What the procedure acts on, its verbs left out, between spaces ("Cấp lại giấy phép lái xe" → " giay phep lai
    xe "); "" under three words."""
    rest = _VERBS_FIRST.sub("", _THU_TUC.sub("", title.strip().lower()))
    words = _WORDS.findall(_LEVEL.sub("", fold(rest)))
    return f" {' '.join(words)} " if len(words) >= 3 else ""


def _title(evidence: Evidence) -> str:
    return evidence.passage.doc_title or evidence.passage.heading


def asked_member_first(question: str, evidence: list[Evidence]) -> list[Evidence]:
    """``evidence`` with procedures lowered that do none of the actions asked or are for circumstances
    the question does not name, best first. The question is read once; each name's reading is cached."""
    if not any(e.passage.kind == "procedure" for e in evidence):
        return evidence
    text = folded_question(question)
    asked, named, said = _asked_in(text), _named_in(text), _words_of(text)
    expanded = _words_of(fold(expand_query(text)))
    age = _age_in(text)
    held = {f" {phrase} " for phrase in _HELD.findall(text)}
    wanted = asked or {PLAIN}
    kindred = {_KINDRED[action] for action in asked if action in _KINDRED}

    titles = [_title(e) for e in evidence if e.passage.kind == "procedure"]
    at_commune = {_without_level(title) for title in titles if _level_above(title) is None}

    def penalty(e: Evidence) -> float:
        if e.passage.kind != "procedure":
            return 0.0
        title = _title(e)
        actions = procedure_actions(title)
        share = _action_penalty(actions, wanted, kindred)
        if PLAIN in actions and any(phrase in _name_phrase(title) for phrase in held):
            share += OTHER_ACTION  # it issues what the question says is already held
        field = _field_circumstances(e.passage.text)
        circumstances = procedure_circumstances(title) | field
        if field - named:
            share += OTHER_FIELD  # the police's and the army's own: no civilian can use it, whatever its name says
        elif circumstances - named or not _fits_age(age, title):
            share += OTHER_CIRCUMSTANCE
        above = _level_above(title)
        if above is not None and above[0] in at_commune and not _LEVEL_ASKED[above[1]].search(text):
            share += OTHER_LEVEL
        if share == 0 and (_names(said, title) or _names_paper(expanded, title)) and not named - circumstances:
            share -= NAMED  # not a name said of what was done before ("đăng ký kết hôn năm 2005, giấy mất")
        return share

    return lowered(evidence, penalty)


# An age, or a bound a question puts on it ("cho trẻ em dưới 14 tuổi" is 13 or less, "trên 60 tuổi" 61 or more).
_AGE_SAID = re.compile(r"\b(?:(duoi|tren) )?(\d{1,3}) tuoi\b")
_BOUND_SHIFT = {"duoi": -1, "tren": 1, "": 0}
# "cho người dưới 14 tuổi", "cho người từ đủ 14 tuổi trở lên", "trẻ em dưới 6 tuổi" (folded)
_AGE_BOUND = re.compile(r"\b(duoi|tu du|tu) (\d{1,3}) tuoi\b")


def _age_in(text: str) -> int | None:
    """The one age a question gives ("làm căn cước cho con 5 tuổi"; "dưới 14 tuổi": an age under 14); None for
    none or several."""
    ages = {int(age) + _BOUND_SHIFT[bound] for bound, age in _AGE_SAID.findall(text)}
    return ages.pop() if len(ages) == 1 else None


@lru_cache(maxsize=4096)
def _age_bounds(title: str) -> tuple[tuple[str, int], ...]:
    return tuple((bound, int(age)) for bound, age in _AGE_BOUND.findall(fold(title)))


def _fits_age(age: int | None, title: str) -> bool:
    """Whether a procedure for people of some age ("dưới 14 tuổi", "từ đủ 14 tuổi trở lên") is for ``age``."""
    if age is None:
        return True
    return all(age < limit if bound == "duoi" else age >= limit for bound, limit in _age_bounds(title))


def _action_penalty(actions: frozenset[str], wanted: set[str], kindred: set[str]) -> float:
    if actions & wanted:
        return 0.0
    if PLAIN in actions:
        return PLAIN_WHEN_OTHER_ASKED
    return OTHER_ACTION / 2 if actions & kindred else OTHER_ACTION
