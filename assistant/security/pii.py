"""Personal data in messages: found and replaced before anything is logged, stored for
analytics or sent to a language model.

Kinds and their placeholders:

- ``cccd`` [CCCD]: a căn cước công dân number, 12 digits beginning with the province code
  0xx (also grouped: ``079 123 456 789``), or 12 digits after "CCCD", "căn cước", "định danh";
- ``cmnd`` [CMND]: a chứng minh nhân dân number, 9 digits (8-11 after "CMND", "chứng minh");
- ``phone`` [SĐT]: a Vietnamese mobile (0 + 9 digits) or landline (02x + 8 digits) number,
  written 0…, +84…, (+84)…, (028)…, with spaces, dots or dashes; 8-12 digits after "sđt";
- ``email`` [EMAIL];
- ``bank_account`` [STK]: 6-19 digits after "stk", "số tài khoản", "tk", "chuyển khoản", a
  bank's name, or followed by a bank's name;
- ``person_name`` [HỌ TÊN]: a name after "tôi tên là", "họ tên:", "người làm đơn:", "tên",
  "tôi là" ...; after an honorific ("ông", "bà", "anh", "chị", "đồng chí", ...); or a
  capitalised full name with the middle name Văn or Thị ("Nguyễn Văn An"). Titles and
  places are not names: "ông Chủ tịch", "đường Võ Văn Kiệt", "Bà Rịa".

Never redacted: document numbers (60/2014/QH13), procedure codes (1.001193), dates,
times, money amounts ("8.000 đồng", "1.500.000đ" — a number followed by a currency word
is money, whatever its length), article numbers, years, hotlines (1900 1234).

Known gaps (see evals/reports/pii.md): a name with no cue at all ("Phan Minh Bình, 09...")
unless its middle name is Văn/Thị, and names typed in lower case without a cue.

underthesea's NER was tried (offline, its bundled CRF model) and not used: it tagged
"Nguyễn Văn Bình" after "cán bộ" as a place, missed "Đỗ Thị Mai", found nothing in text
typed without diacritics, and takes about 4 seconds to import.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from knowledge.text import fold, fold_aligned, has_diacritics

CCCD = "cccd"
CMND = "cmnd"
PHONE = "phone"
EMAIL = "email"
BANK_ACCOUNT = "bank_account"
PERSON_NAME = "person_name"

PLACEHOLDERS: dict[str, str] = {
    CCCD: "[CCCD]",
    CMND: "[CMND]",
    PHONE: "[SĐT]",
    EMAIL: "[EMAIL]",
    BANK_ACCOUNT: "[STK]",
    PERSON_NAME: "[HỌ TÊN]",
}


@dataclass(frozen=True)
class PersonalDataSpan:
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Redaction:
    """The text with every personal datum replaced by its placeholder, and the kinds replaced."""

    text: str
    kinds: tuple[str, ...]


def _lower_aligned(text: str) -> str:
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


@dataclass(frozen=True)
class _Message:
    """One message seen three ways, all with the same offsets.

    Cue words are written with diacritics. A message typed with diacritics (``marked``) is
    matched against them as written ("chị" is an honorific; "Chí", "chi" and "ba" are not),
    a message typed without any against their folded forms ("chi Lan").
    """

    text: str
    folded: str
    marked: bool
    subject: str  # what cue patterns run on: lower case as written, or folded

    @classmethod
    def of(cls, text: str) -> "_Message":
        folded = fold_aligned(text)
        marked = has_diacritics(text)
        return cls(text, folded, marked, _lower_aligned(text) if marked else folded)


def _both(body: str, suffix: str = "", ambiguous_when_folded: frozenset[str] = frozenset()) -> dict[bool, re.Pattern[str]]:
    """A whole-word pattern as written (for marked text) and folded (for text without diacritics).

    ``body`` is lower case with lower-case escapes only, which folding leaves intact. Words
    that are common words of their own once folded (``ambiguous_when_folded``; the body is
    then a plain list of alternatives) are left out of the folded pattern.
    """
    folded = "|".join(w for w in fold(body).split("|") if w not in ambiguous_when_folded)
    return {
        marked: re.compile(rf"(?<![^\W_])(?:{body if marked else folded})(?![^\W_]){suffix}")
        for marked in (True, False)
    }


# --- numbers -------------------------------------------------------------------------
_SEP = r"(?:[ .\-]|\)[ .\-]?)?"
_NATIONAL = rf"(?:[35789](?:{_SEP}\d){{8}}|2(?:{_SEP}\d){{9}})"
# A slash may separate two phone numbers: "0912345678/0987654321".
_PHONE = re.compile(rf"(?<![\w+.,\-])(?:(?:\(\+?84\)|\+84|84)[ .\-]?|\(?0{_SEP}){_NATIONAL}(?![^\W_]|[.,\-]\d)")
_CCCD = re.compile(r"(?<![\w+.,/\-])0\d{2}(?:[ .]?\d){9}(?![^\W_]|[.,/\-]\d)")
_CMND = re.compile(r"(?<![\w+.,/\-])\d{9}(?![^\W_]|[.,/\-]\d)")
_PROCEDURE_CODE = re.compile(r"\d\.\d{6}")  # mã thủ tục, 1.001193
_MONEY_AFTER = {
    True: re.compile(r"\s?(?:đồng(?! ý)|đ|vnđ|vnd|₫|triệu|tỷ|nghìn|ngàn|k|usd|\$|%)(?![^\W_])"),
    False: re.compile(r"\s?(?:dong(?! y)|d|vnd|trieu|ty|nghin|ngan(?! hang)|k|usd|\$|%)(?![^\W_])"),
}
_NUMBER = rf"(?:\(\+?84\)\s?|\+|\()?\d(?:{_SEP}\d){{5,18}}"
_BANKS = (
    r"vietcombank|vcb|vietinbank|viettinbank|bidv|agribank|techcombank|tcb|mb ?bank|mb|acb|sacombank|vp ?bank"
    r"|tp ?bank|vib|shb|hd ?bank|ocb|seabank|msb|maritime ?bank|eximbank|lienvietpostbank|lpbank|nam a ?bank"
    r"|bac a ?bank|abbank|vietabank|pvcombank|scb|kienlongbank|ncb|saigonbank|baovietbank|vietbank|pgbank"
    r"|gpbank|oceanbank|cbbank|shinhan|hsbc|woori|uob|citibank|cake|timo|momo|zalopay"
)
_BANK_CUE = rf"stk|so tk|so tai khoan|tai khoan(?: so)?|tk(?: so)?|chuyen khoan(?: vao| toi| den| qua)?|ngan hang|account(?: number)?|{_BANKS}"
_ID_CUE = r"cccd|can cuoc(?: cong dan)?|cmnd|cmt|chung minh(?: nhan dan| thu)?|(?:so |ma )?dinh danh(?: ca nhan)?"
_PHONE_CUE = r"sdt|so dien thoai|dien thoai|so dt|dt|phone|tel|zalo|so may|di dong"
# On the folded text: a cue, up to 30 characters without digits or a sentence end, the number.
_CUED_NUMBER = re.compile(
    rf"(?<![^\W_])(?:(?P<bank>{_BANK_CUE})|(?P<id>{_ID_CUE})|(?P<phone>{_PHONE_CUE}))(?![^\W_])"
    rf"[^\d\n;!?+(]{{0,30}}?(?<![\d.])(?P<number>{_NUMBER})(?!\d)"
)
_NUMBER_BEFORE_BANK = re.compile(
    rf"(?<![\w.,/\-])(?P<number>{_NUMBER})(?!\d)(?=[^\d\n;!?]{{0,20}}?(?<![^\W_])(?:{_BANKS})(?![^\W_]))"
)


def _is_not_personal(message: _Message, start: int, end: int) -> bool:
    """Money ("123456789 đồng") or a procedure code."""
    return (
        _MONEY_AFTER[message.marked].match(message.subject, end) is not None
        or _PROCEDURE_CODE.fullmatch(message.folded, start, end) is not None
    )


def _cued_numbers(message: _Message) -> list[PersonalDataSpan]:
    spans = []
    for match in _CUED_NUMBER.finditer(message.folded):
        start, end = match.span("number")
        digits = sum(ch.isdigit() for ch in match.group("number"))
        if _is_not_personal(message, start, end):
            continue
        if match.group("bank"):
            spans.append(PersonalDataSpan(BANK_ACCOUNT, start, end))
        elif 8 <= digits <= 12:
            kind = PHONE if match.group("phone") else CCCD if digits == 12 else CMND
            spans.append(PersonalDataSpan(kind, start, end))
    for match in _NUMBER_BEFORE_BANK.finditer(message.folded):
        if not _is_not_personal(message, *match.span("number")):
            spans.append(PersonalDataSpan(BANK_ACCOUNT, *match.span("number")))
    return spans


def _shaped_numbers(message: _Message) -> list[PersonalDataSpan]:
    return [
        PersonalDataSpan(kind, *match.span())
        for kind, pattern in ((CCCD, _CCCD), (PHONE, _PHONE), (CMND, _CMND))
        for match in pattern.finditer(message.folded)
        if not _is_not_personal(message, *match.span())
    ]


_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,}(?![\w\-])", re.IGNORECASE)

# --- names ---------------------------------------------------------------------------
_SURNAMES = frozenset(
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh trịnh trương lâm mai cao lưu tạ"
    " thái hà kiều chu lương quách tăng la đoàn tôn khúc triệu lữ nghiêm giang thạch âu bạch bành cù đàm đào diệp"
    " diêu đồng hầu hứa khổng kim lại lạc lò liêu mạc nông ông phí phùng quan sầm sơn tiết tiêu tô tống trác vương"
    " yên thiều từ ninh nhữ hồng hàn khuất lục mã viên vi lã".split()
)
_FOLDED_SURNAMES = frozenset(fold(s) for s in _SURNAMES)
# Syllables that end a name typed in lower case ("toi ten la nguyen van an sinh nam 1990");
# none of them is a Vietnamese name syllable (unlike thi, minh, vo, lam, nam, hien, ...).
_NOT_NAME = frozenset(
    "sinh o tai sdt so cccd cmnd muon can xin hoi la dien thoai lien he email toi em con chong nhe oi nay de cho"
    " ve den voi co khong ko duoc nop gui dk va nhung nao gi ak roi vay day hay".split()
)
# Common words that open with a surname syllable once folded ("lệ phí", "hồ sơ", "đóng phí"):
# a lower-case name never starts with them.
_NOT_NAME_OPENING = frozenset(
    "le phi|ho so|ho tich|ho khau|ho chieu|ho ngheo|mai tang|dong phi|dong tien|dong hoc|dong bao|phi dich|tong tien".split("|")
)
# Capitalised words after a cue that are titles or places, not names ("ông Chủ tịch", "trẻ em Việt Nam").
_NOT_A_PERSON = re.compile(
    r"(?:(?:pho )?chu tich|pho|(?:pho |tong )?giam doc|truong (?:phong|ban|thon|khu|ap)|(?:tong )?bi thu|thu tuong"
    r"|bo truong|to truong|hieu truong|chanh (?:an|van phong|thanh tra)|vien truong|ke toan|can bo|tham phan"
    r"|hoi tham|kiem sat vien|toa an|uy vien|uy ban|tong bien tap|troi|but|viet nam|nha nuoc)(?![^\W_])"
)
_RELATIVE = (
    r"(?:tôi|em|mình|con|cháu|bé|vợ|chồng|mẹ|bố|cha|anh|chị|ông|bà|cô|chú|bác|cán bộ|nhân viên|người đó|người này|bạn)"
    r"(?: nhà)?(?: (?:tôi|em|mình|ấy|đó))?"
)
_CUE_END = r"\s*(?P<colon>:)?[\s\-]*"
_CUES = {
    # the person's own or a relative's name ("tôi tên là", "tên con tôi là", "họ và tên")
    "personal": _both(
        rf"{_RELATIVE} tên(?: là| thật là)?|tên (?:của )?{_RELATIVE}(?: là)?|họ (?:và |& )?tên(?: chủ hộ| người [^\s:,]+)?",
        _CUE_END,
    ),
    # a role, mostly a form field ("người làm đơn:", "chủ tài khoản")
    "role": _both(
        r"người (?:làm đơn|khai|yêu cầu|nhận|liên hệ|đại diện|gửi|nộp|(?:được )?ủy quyền)|(?:tên )?chủ (?:tài khoản|tk)"
        r"|tên(?=\s*:)|nội dung(?: chuyển khoản| chuyển tiền| ck)?(?=\s*:)",
        _CUE_END,
    ),
    # a bare "tên" (", tên Đặng Hoài Vy,")
    "bare": _both(r"tên(?: là)?", _CUE_END),
}
_INTRODUCTION = _both(rf"{_RELATIVE} là", r"\s*")  # "tôi là", "vợ tôi là"
# Folded, "co", "di", "cau", "mo", "be" are mostly có, đi, câu, mở, bé; "cho", "ban", "song" cho, bạn, song.
_HONORIFIC = _both(
    r"ông|bà|anh|chị|em|cô|chú|bác|dì|cậu|mợ|thím|bé|cháu|đồng chí|đ/c", r"\s+", frozenset({"co", "di", "cau", "mo", "be"})
)
_PLACE_WORDS = (
    r"đường|phố|phường|quận|huyện|xã|tỉnh|thành phố|tp|thị trấn|thị xã|ấp|thôn|xóm|bản|cầu|chợ|núi|sông|hẻm|ngõ"
    r"|kiệt|trường|bệnh viện|khu|làng|tổ dân phố|chung cư|tòa nhà|nhà văn hóa|công viên|quảng trường|bến xe|sân bay"
)
_PLACE_BEFORE = _both(_PLACE_WORDS, r"\.?\s+$", frozenset({"cho", "ban", "cau", "song"}))
_LONGEST_PLACE_WORD = max(len(word) for word in _PLACE_WORDS.split("|"))
# Places whose names begin with an honorific ("Bà Rịa", "cầu Ông Lãnh").
_PLACE_NAMES = re.compile(r"(?:ba ria|ba chieu|ba diem|ba den|ba hom|ong lanh|ong ich khiem|ba trieu|ba huyen)(?![^\W_])")
# Provinces whose name starts with a surname, as they may open a line of contact details.
_PROVINCES = frozenset(
    fold(p)
    for p in ("hồ chí minh", "hà nội", "hà giang", "hà tĩnh", "hà nam", "cao bằng", "lâm đồng", "đồng nai", "đồng tháp",
              "thái bình", "thái nguyên", "ninh bình", "ninh thuận", "sơn la", "yên bái", "trà vinh", "hậu giang")
)
_CONTACT_SEPARATORS = frozenset(",;-–|")
_SENTENCE_OPENERS = frozenset(".!?:;\n([-–\"“")
_FULL_NAME = re.compile(r"(?<![^\W_])([^\W\d_]+)\s+(?:Văn|Thị|Van|Thi)\s+[^\W\d_]+(?:\s+[^\W\d_]+)?(?![^\W_])")
_WORD = re.compile(r"[^\W\d_]+")
_GAP = re.compile(r"[ \t]+")


def _is_surname(word: str) -> bool:
    """Compared as written when the word carries diacritics ("đồng" is Đồng, "đăng" is no surname)."""
    lowered = word.lower()
    return lowered in _SURNAMES if has_diacritics(word) else lowered in _FOLDED_SURNAMES


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _title_case(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


def _spaces_before(text: str, position: int, spaces: str | None = None) -> int:
    """Where the run of whitespace (or of the characters in ``spaces``) that ends at ``position`` starts."""
    while position > 0 and (text[position - 1].isspace() if spaces is None else text[position - 1] in spaces):
        position -= 1
    return position


def _starts_sentence(text: str, position: int) -> bool:
    """At the start of the text or of a line, or after a sentence end, a colon, a semicolon, an opening
    bracket or quote, or a dash, spaces between (read backwards: a message's length does not matter)."""
    start = _spaces_before(text, position)
    return start == 0 or text[start - 1] in _SENTENCE_OPENERS or "\n" in text[start:position]


def _separator_before(text: str, position: int) -> int | None:
    """Where "[ \\t]*[,;-–|][ \\t]*" ending at ``position`` starts, if it does."""
    mark = _spaces_before(text, position, " \t")
    if mark == 0 or text[mark - 1] not in _CONTACT_SEPARATORS:
        return None
    return _spaces_before(text, mark - 1, " \t")


def _span(words: list[re.Match[str]]) -> PersonalDataSpan:
    return PersonalDataSpan(PERSON_NAME, words[0].start(), words[-1].end())


class _Names:
    """Person names in one message."""

    def __init__(self, message: _Message) -> None:
        self.message = message

    def spans(self, contacts: list[PersonalDataSpan]) -> list[PersonalDataSpan]:
        return self._cued() + self._introduced() + self._addressed() + self._full_names() + self._listed(contacts)

    def _words(self, start: int, lower_case_allowed: bool = False, limit: int = 5) -> list[re.Match[str]]:
        """Name syllables from ``start``: capitalised, or (when allowed) lower-case, not mixed."""
        text, folded = self.message.text, self.message.folded
        if _NOT_A_PERSON.match(folded, start):
            return []
        words: list[re.Match[str]] = []
        position = start
        while len(words) < limit and (match := _WORD.match(text, position)):
            capitalised = _capitalised(match.group(0))
            if words and capitalised != _capitalised(words[0].group(0)):
                break
            if not (capitalised or (lower_case_allowed and folded[match.start():match.end()] not in _NOT_NAME)):
                break
            words.append(match)
            gap = _GAP.match(text, match.end())
            if not gap:
                break
            position = gap.end()
        return words

    def _after_place_word(self, position: int) -> bool:
        """A place word ("đường", "phường", …) right before ``position``, spaces between; only the
        characters that can hold it are searched."""
        subject = self.message.subject
        window = max(0, _spaces_before(subject, position) - 1 - _LONGEST_PLACE_WORD)
        return _PLACE_BEFORE[self.message.marked].search(subject, window, position) is not None

    def _cued(self) -> list[PersonalDataSpan]:
        spans = []
        for kind, patterns in _CUES.items():
            for cue in patterns[self.message.marked].finditer(self.message.subject):
                words = self._words(cue.end(), lower_case_allowed=True)
                if words and self._accepts(kind, cue.group("colon") is not None, [w.group(0) for w in words]):
                    spans.append(_span(words))
        return spans

    def _accepts(self, cue: str, colon: bool, words: list[str]) -> bool:
        """Whether the words after a cue are a name.

        In lower case a name must start with a surname and have two syllables or more; it is
        taken after a personal cue or a colon, or after a bare "tên" in text typed without
        diacritics ("stk ... ten huynh hanh"). Capitalised, it is taken after a personal cue or
        a colon, even in capitals ("HỌ TÊN: TRẦN THỊ B"); after a role it must start with a
        surname or be in title case with two syllables or more ("người nhận VÕ LONG", "người
        nhận Trần Văn Hải"); after a bare "tên" it must be in title case and start with a
        surname ("tên Tòa án", "tên do Hội đồng" are not names).
        """
        surname_first = _is_surname(words[0]) and len(words) >= 2
        if not all(_capitalised(w) for w in words):
            if fold(" ".join(words[:2])).lower() in _NOT_NAME_OPENING:
                return False
            lower_case_allowed = cue == "personal" or colon or (cue == "bare" and not self.message.marked)
            return lower_case_allowed and surname_first
        if cue == "personal" or colon:
            return True
        title_case = all(_title_case(w) for w in words)
        if cue == "role":
            return surname_first or (title_case and len(words) >= 2)
        return title_case and surname_first

    def _introduced(self) -> list[PersonalDataSpan]:
        """After "tôi là", "vợ tôi là": a name in title case ("Tôi là Trần Minh Quân")."""
        spans = []
        for cue in _INTRODUCTION[self.message.marked].finditer(self.message.subject):
            words = self._words(cue.end())
            if words and all(_title_case(w.group(0)) for w in words):
                spans.append(_span(words))
        return spans

    def _addressed(self) -> list[PersonalDataSpan]:
        """After an honorific written in lower case or opening a sentence ("chị Lan", "Ông Lê Minh")."""
        message = self.message
        spans = []
        for honorific in _HONORIFIC[message.marked].finditer(message.subject):
            start = honorific.start()
            if message.text[start].isupper() and not _starts_sentence(message.text, start):
                continue  # "Hồ Chí Minh": a capitalised syllable inside a name
            if _PLACE_NAMES.match(message.folded, start) or self._after_place_word(start):
                continue
            words = self._words(honorific.end(), limit=4)
            if words:
                spans.append(_span(words))
        return spans

    def _full_names(self) -> list[PersonalDataSpan]:
        """Surname + Văn/Thị + one or two names in title case, not after a place word ("đường Võ Văn Kiệt")."""
        spans = []
        for match in _FULL_NAME.finditer(self.message.text):
            if not _is_surname(match.group(1)) or self._after_place_word(match.start()):
                continue
            words = self._words(match.start(), limit=4)
            if len(words) >= 3 and all(_title_case(w.group(0)) for w in words):
                spans.append(_span(words))
        return spans


    def _listed(self, contacts: list[PersonalDataSpan]) -> list[PersonalDataSpan]:
        """A name opening a line of contact details: "Phan Minh Bình, 0881 915 626, ...".

        Two to four syllables in title case, the first a surname, at the start of a sentence
        or line and right before a phone number, an email or an identity number (only a comma,
        a semicolon or a dash between); a province ("Hà Nội, 0243…") is not taken.
        """
        text = self.message.text
        every_word = list(_WORD.finditer(text))
        word_ends = [word.end() for word in every_word]
        spans = []
        for contact in contacts:
            separator = _separator_before(text, contact.start)
            if separator is None:
                continue
            last = bisect_right(word_ends, separator)
            words = every_word[max(0, last - 4) : last]
            while words and not (_starts_sentence(text, words[0].start()) and _is_surname(words[0].group(0))):
                words = words[1:]
            if len(words) < 2 or not all(_title_case(w.group(0)) for w in words):
                continue
            between = [text[a.end():b.start()] for a, b in zip(words, words[1:])]
            name = " ".join(w.group(0) for w in words)
            if all(_GAP.fullmatch(gap) for gap in between) and fold(name).lower() not in _PROVINCES:
                spans.append(_span(words))
        return spans


# --- all together --------------------------------------------------------------------
def find_personal_data(text: str) -> list[PersonalDataSpan]:
    """Non-overlapping spans of personal data, in order; offsets refer to ``text``."""
    message = _Message.of(text)
    # Earlier groups win overlaps: a cue says more than a number's shape.
    emails = [PersonalDataSpan(EMAIL, *m.span()) for m in _EMAIL.finditer(text)]
    cued, shaped = _cued_numbers(message), _shaped_numbers(message)
    groups = [emails, cued, shaped, _Names(message).spans(emails + cued + shaped)]
    chosen: list[PersonalDataSpan] = []
    taken = bytearray(len(text))  # 1 where a chosen span already is
    for group in groups:
        for span in sorted(group, key=lambda s: (s.start, -s.end)):
            if not any(taken[span.start:span.end]):
                chosen.append(span)
                taken[span.start:span.end] = b"\x01" * (span.end - span.start)
    return sorted(chosen, key=lambda s: s.start)


def redact(text: str) -> Redaction:
    """Replace every personal datum by its placeholder ("[CCCD]", "[SĐT]", "[HỌ TÊN]", ...)."""
    spans = find_personal_data(text)
    pieces: list[str] = []
    cursor = 0
    for span in spans:
        pieces += [text[cursor:span.start], PLACEHOLDERS[span.kind]]
        cursor = span.end
    pieces.append(text[cursor:])
    return Redaction("".join(pieces), tuple(dict.fromkeys(span.kind for span in spans)))
