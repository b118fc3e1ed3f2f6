"""What the words of a message say for sure, beside the classifier's guess.

The intent classifier gives probabilities; some things a message says in so many words
and must be read from them, because getting them wrong costs the user: a ticket filed from
a question, a question answered as a greeting. ``cues(text)`` reads, on the folded text
with abbreviations expanded ("ko" → "không", "dk" → "đăng ký"):

- ``asks``: the message asks something — "?", question words (ai, gì, nào, bao nhiêu,
  bao lâu, thế nào, ra sao, ở đâu, làm sao, tại sao, khi nào…), "có … không", "được không",
  "đúng hay sai", "là gì", "cho hỏi", "muốn biết", or a legal topic typed as a search ("Thời hiệu khởi
  kiện tranh chấp thừa kế", "Thẩm quyền xử phạt của Chủ tịch UBND cấp xã");
- ``request``: the side effect it asks for in so many words, with the skill's intent
  (``feedback``: phản ánh, kiến nghị, khiếu nại, tố cáo, góp ý; ``handover``: gặp cán bộ,
  chuyển cán bộ, người thật; ``draft_document``: soạn, dự thảo, viết/lập + a document type;
  ``reminder``: nhắc, nhắc việc, đặt lịch nhắc, giao việc) — only as a request: at the start
  of a clause, after the speaker and a modal ("tôi muốn phản ánh", "cho tôi gặp cán bộ",
  "giúp tôi soạn giấy mời"), never as the topic of a question ("khiếu nại là gì?",
  "ai có thẩm quyền soạn thảo dự thảo luật?");
- ``declined``: the side effect it refuses ("đừng gửi phản ánh", "không cần gặp cán bộ");
- ``wants_procedure``: it asks what a citizen asks of a procedure — papers, fees, online, forms
  ("hồ sơ", "lệ phí", "thủ tục") — or, ``asks_how``, how to get something done at an office
  ("cần giấy tờ gì", "gồm những giấy tờ gì", "nộp ở đâu", "muốn xin …", "làm lại … ở đâu", "đổi … thế nào",
  "có phải đăng ký gì không", "có cần xin giấy phép không"), or asks nothing and names the task or the
  paper ("Đăng ký xe máy mới mua", "Giấy khai sinh cho con mới đẻ");
- ``asks_condition``: it asks what the law requires or allows — an age ("nam mấy tuổi thì được
  đăng ký kết hôn"), a condition ("cần điều kiện gì"), a deadline ("trong bao lâu phải đi đăng ký
  khai tử", "gia hạn tạm trú bao nhiêu ngày trước khi hết hạn") — which a procedure's page does not say;
- ``complains``: it tells a grievance and asks nothing, or asks only as a reproach ("Sao … mà không ai sửa
  vậy?") — staff conduct ("cán bộ đòi tiền mới giải quyết hồ sơ", "thái độ rất tệ"), a wait ("chờ 3 tiếng mà
  chưa được tiếp", "hẹn 3 lần vẫn chưa giải quyết"), a broken or dirty public place ("đèn đường hỏng cả tháng",
  "rác tồn đọng", "ngập nước"), an authority doing nothing ("phường không xử lý");
- ``before_a_court``: a divorce or a lawsuit ("ly hôn", "khởi kiện", "tòa án"), which courts settle, not an
  office's procedure;
- ``cites_law``: it speaks of the law itself (luật, nghị định, điều, khoản, quy định, "theo
  pháp luật") or asks as a legal quiz does ("đúng hay sai", "nào sau đây", "chọn câu sai").

``reply_to_yes_no(text)`` reads a short answer to a yes/no question ("1", "gửi", "ok",
"đồng ý" / "2", "không", "thôi"); "dung" typed without diacritics is either "đúng" or "đừng"
and is neither.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.text import expand_abbreviations, fold, fold_aligned, has_diacritics, normalize

# Who speaks and how politely, before a request's verb: "tôi muốn", "cho em", "làm ơn giúp tôi".
_SPEAKER = r"(?:(?:toi|em|minh|tui|chung toi|cu tri|nguoi dan|chau|con|ban)\s+)"
_MODAL = r"(?:(?:muon|can|xin|xin duoc|muon duoc|de nghi|yeu cau|hay|lam on|vui long|giup|giup toi|gium|nho|se|dang|co y kien|thi)\s+)"
_FOR_ME = r"(?:cho\s+(?:toi\s+|em\s+|minh\s+|tui\s+)?)"
_CLAUSE = r"(?:^|[,.;:!?]\s*|\b(?:thi|nen|va|roi|nhung)\s+)"
_POLITE_START = r"(?:(?:thoi|alo|oi|ban oi|tro ly oi|bot (?:khong|ko) hieu|da|vang|xin chao|chao ban)[\s,.!]+)?"
_REQUEST_FRAME = _CLAUSE + _POLITE_START + _SPEAKER + "?" + _MODAL + "*" + _FOR_ME + "?" + _MODAL + "*"
_NEGATION = r"(?:dung|khong|chua|khoi|chang|khong can|khong muon|thoi khong|thoi khoi)"
_DECLINE_FRAME = _CLAUSE + _POLITE_START + _SPEAKER + "?" + _NEGATION + r"\s+" + _MODAL + "*"

_DOC_TYPE = (
    r"(?:giay moi|thu moi|cong van|quyet dinh|to trinh|bao cao|ke hoach|thong bao|bien ban|nghi quyet|van ban|cv|qd|tb|bb|bc)\b"
)
# "góp ý cho dự thảo này" asks for a review, not a ticket.
_FEEDBACK_VERB = (
    r"(?:gui\s+|lam\s+|viet\s+|nop\s+)?(?:don\s+|y kien\s+)?(?:phan anh|kien nghi|khieu nai|to cao|gop y(?!\s+(?:cho\s+|sua\s+)?"
    r"(?:du thao|ban du thao|" + _DOC_TYPE[3:-3] + r")\b)|(?:co\s+)?y kien\s+(?:ve|voi))"
)
_HANDOVER_VERB = (
    r"(?:gap|noi chuyen\s+(?:voi|vs)|chuyen(?:\s+may)?(?:\s+(?:toi|em))?\s+(?:cho|sang|den|qua)|ket noi(?:\s+(?:toi|em))?\s+(?:voi|vs)"
    r"|noi may(?:\s+cho\s+(?:toi|em))?\s+(?:voi|vs)|trao doi(?:\s+truc tiep)?\s+(?:voi|vs)|tu van truc tiep\s+(?:voi|vs)|goi)"
    r"(?:\s+truc tiep)?(?:\s+(?:mot|cac))?\s+"
    r"(?:can bo|nhan vien|nguoi that|nguoi truc|nguoi phu trach|chuyen vien|lanh dao|tong dai vien|bo phan|nguoi co tham quyen|nguoi)\b"
)
_DRAFT_VERB = (
    r"(?:(?:soan thao|soan|du thao|draft)\b|(?:viet|lam|lap|tao|chuan bi|xay dung|len|in)\s+(?:giup\s+|gium\s+|cho\s+)?(?:toi\s+|em\s+)?"
    r"(?:mot\s+)?(?:ban\s+)?(?:du thao\s+|mau\s+)?" + _DOC_TYPE + r"|can\s+(?:mot\s+)?(?:ban\s+)?(?:mau\s+)?" + _DOC_TYPE + ")"
)
_REMINDER_VERB = (
    r"(?:nhac(?:\s+(?:toi|em|minh|lai|nho|viec))?\b|dat(?:\s+lich)?\s+nhac|hen gio\s+nhac|ghi nho|len lich\s+nhac|tao\s+nhac viec"
    r"|giao viec|giao cho|phan cong cho|huy(?:\s+loi)?\s+nhac|doi\s+loi\s+nhac|dung de\s+(?:toi|em|minh)\s+quen"
    r"|them(?:\s+vao danh sach)?\s+viec|ghi lai\s+viec|bao\s+(?:toi|em|minh)\s+khi)"
)
# Said anywhere, these ask for a reminder or a person whatever comes before them ("15h chiều nay nhắc tôi …").
_REMINDER_ANYWHERE = re.compile(r"\bnhac\s+(?:toi|em|minh)\b")
_PERSON_ANYWHERE = re.compile(
    r"\b(?:nguoi that|noi chuyen\s+(?:voi|vs)\s+may|may tra loi tu dong|(?:goi|nho)(?:\s+giup\s+(?:toi|em))?(?:\s+mot)?\s+can bo"
    r"|can bo\s+(?:goi|lien he)\s+lai|loi nhan cho can bo|so dien thoai cua can bo"
    r"|(?:huong dan|ho tro|hoi|tu van)\s+truc tiep\b(?!\s+(?:tai|o)\b))"
)
REQUESTS: dict[str, str] = {
    "feedback": _FEEDBACK_VERB,
    "handover": _HANDOVER_VERB,
    "draft_document": _DRAFT_VERB,
    "reminder": _REMINDER_VERB,
}
_REQUEST = {intent: re.compile(_REQUEST_FRAME + verb) for intent, verb in REQUESTS.items()}
_DECLINE = {intent: re.compile(_DECLINE_FRAME + verb) for intent, verb in REQUESTS.items()}
# "phản ánh: …", "gửi phản ánh giúp tôi: …": the web page's form, and what the word alone at the start asks.
_FEEDBACK_HEAD = re.compile(
    r"^\W*(?:" + _SPEAKER + "?" + _MODAL + "*" + r")?" + _FEEDBACK_VERB + r"(?:\s+(?:giup|gium|ho|cho)(?:\s+(?:toi|em|minh))?)?\s*(?::|-|–)"
)

# "ở đầu ngõ", "đầu tháng": folded "đầu" is not "đâu".
_WHERE = r"dau(?!\s+(?:ngo|hem|duong|pho|cau|lang|xom|thon|khu|day|tuan|thang|nam|gio|mua|tien))"
_QUESTION = re.compile(
    r"\?|(?<!khong )(?<!chua )(?<!khong co )\bai\b|\bgi\b(?!\s+ca\b)"
    r"|\b(?:nao|bao nhieu|bao lau|bao gio|(?:so )?may (?:ngay|thang|nam|tuoi|gio|lan|bo|buoc)(?!\s+(?:nay|qua|roi|lien))|so may|the nao|ra sao|nhu nao|lam sao"
    r"|tai sao|vi sao|sao lai|sao van|(?:o|tu|den) " + _WHERE + r"|dau la|la dau|co phai|phai khong|hay khong|duoc khong"
    r"|dung hay sai|dung khong|cho hoi|xin hoi|muon hoi|muon biet|cho biet|giai thich|chon (?:cau|dap an|y)|duoi day|sau day)\b"
    r"|(?:^|\b(?:can|nho|xin|muon)\s+)(?:tu van|huong dan)\b|\b(?:tu van|huong dan)\s+(?:cho|giup|ve|toi|em|minh|cach|thu tuc|lam)\b"
    r"|\bco\b(?:\s+\S+){1,12}\s+(?:khong|chua)\b|\b(?:khong|chua|nhi|ha)\W*$"
    # who of two must pay: "trường hay bố mẹ phải đền"
    r"|\bhay\b(?:\s+\S+){1,2}\s+phai (?:den|boi thuong|tra|chiu)\b"
    # a legal topic typed as a search ("Thời hiệu khởi kiện tranh chấp thừa kế", "Thẩm quyền xử phạt của …")
    r"|^\W*(?:thoi hieu|thoi han|tham quyen|dieu kien|trinh tu|muc phat|muc xu phat|muc huong|nguyen tac|khai niem"
    r"|dinh nghia|quy dinh ve|(?:cac|nhung) truong hop|quyen va nghia vu|nhiem vu(?:,| va)? quyen han|trach nhiem cua)\b"
)
# Doing something at an office: "muốn xin …", "làm lại … ở đâu", "đổi … thế nào".
# Folded, "đổi" is also "đối", "đợi", "đòi": not in "đối thoại", "đối với", "đòi nợ"….
_ACT = (
    r"(?:xin|lam|dang ky|cap|doi(?!\s+(?:thoai|chieu|chat|voi|tuong|ngu|song|xu|dien|lap|ung|tac|no|hoi|thu|pho)\b)"
    r"|cap lai|lam lai|gia han|nhap|tach|chuyen|khai bao|bao|rut|linh|nhan|huong|dong|mua"
    r"|dang ky lai|cat|xoa|khoa|mo|khai thue|quyet toan|sang ten|chung thuc|cong chung|trich luc|dinh chinh|cai chinh"
    r"|dieu chinh|sua|nop|tra lai)"
)
# Papers a citizen gets from an office. Folded, "thẻ" is "thế" too: not in "thế nào", "như thế", "thế thì".
_PAPER_WORDS = (
    r"giay|so do|so hong|so ho khau|so bao hiem|(?<!nhu )the(?!\s+(?:nao|thi|la|nay)\b)|bang lai|ho chieu|can cuoc"
    r"|chung minh|cavet|ca vet|bien so"
    r"|chung nhan|phieu|ban sao|trich luc|ho khau|tam tru|thuong tru"
)
_PAPER = re.compile(rf"\b(?:{_PAPER_WORDS})\b")
_PAPERS_IN_GENERAL = re.compile(r"\bgiay to\b")
# How to get something done, asked by someone who has to do it: "làm … ở đâu", "cần gì", "muốn xin …".
_HOW = re.compile(
    r"\b(?:(?:o|di|ra) " + _WHERE + r"|dau lam|nop (?:o|tai|cho)|len (?:phuong|xa|uy ban|quan|huyen)|(?:can|phai) (?:lam|chuan bi|mang)"
    r"|(?<!co the )(?<!de )(?<!duoc )lam (?:the nao|sao(?! de (?:phan biet|biet|hieu|xac dinh|tinh|chung minh))|gi|nhu the nao)|mat (?:bao lau|may ngay)|bao lau (?:thi )?(?:xong|co|duoc)"
    r"|can (?:nhung )?(?:gi|giay)|(?:nhung|cac) giay to (?:gi|nao)|(?:lam|can|phai lam|la) (?:nhung )?thu tuc (?:gi|nao|the nao)"
    r"|thu tuc (?:nhu )?(?:the nao|ra sao)|lam (?:giay|giay to|so|the) gi|" + _ACT + r"\b(?:\s+\S+){0,8}\s+(?:the nao|ra sao|o dau|lam sao|can gi|duoc khong|kieu gi|cach nao)"
    r"|(?:phai|can) (?:di )?(?:xin|dang ky|khai bao|bao|thong bao|lam thu tuc|thi lai)\b(?:\s+\S+){0,6}\s+(?:gi\s+)?khong"
    r"|" + _ACT + rf"\s+(?:\S+\s+){{0,2}}(?:{_PAPER_WORDS})\b(?:\s+\S+){{0,10}}\s+(?:the nao|ra sao|o dau|lam sao|can gi|duoc khong))\b"
    r"|^\W*(?:cho (?:toi|em|minh)\s+)?xin\s+(?!chao|hoi|cam on|loi|phep hoi)"
)
# Wanting to do something at an office ("muốn tách thửa", "muốn xin …") asks how to do it, unless the
# question is the condition for it ("muốn tách thửa đất thì cần điều kiện gì" asks the law).
_WANTS_TO = re.compile(r"\bmuon (?:" + _ACT + r"|tam (?:ngung|nghi|dung)|thanh lap|giai the|chuyen muc dich)\b")
# "Tôi phải làm sao?" after a situation asks what the law gives one ("vợ cũ không cho gặp con, tôi phải
# làm sao?"), not how to get a paper: it is no sign of a procedure by itself, unless a paper is named
# ("mất căn cước thì phải làm sao").
_ASKS_WHAT_TO_DO = r"lam (?:sao|gi|the nao)(?: (?:bay gio|day|a|nhi|ha|vay))*"
_ADVICE = re.compile(rf"\b(?:phai|nen|gio|bay gio) {_ASKS_WHAT_TO_DO}(?=\W*$|\W+(?:khi|neu|moi)\b)")
# "bị công ty nợ lương thì làm sao" asks advice too; "muốn ghi chú kết hôn thì làm sao" asks how to do what it wants.
_ADVICE_AFTER = re.compile(rf"\bthi {_ASKS_WHAT_TO_DO}(?=\W*$)")
_WANTS = re.compile(r"\bmuon\b")
# A message that asks nothing and names what is to be done, or the paper wanted: "Đăng ký xe máy mới
# mua", "Giấy khai sinh cho con mới đẻ", "làm lại căn cước", "đổi bằng lái xe quá hạn", "tôi cần xin bản sao
# giấy khai sinh", "thủ tục đăng ký thường trú cho con mới sinh", "thủ tục nhận lương hưu một lần".
_NAMES_A_TASK = re.compile(
    r"^\W*(?:(?:toi|em|minh|chung toi|nha toi) (?:dang |rat )?(?:can|muon|dinh|sap) )?(?:thu tuc (?=\w)|(?:"
    r"dang ky|cap|cap lai|cap doi|lam lai|lam giay|lam the|lam so|gia han|sang ten|chung thuc|cong chung|khai bao|xac nhan"
    r"|xin (?:cap|giay|so|the|phieu|ban sao|trich luc|xac nhan)|giay|so|the|phieu|ban sao|trich luc|ho chieu|can cuoc"
    rf"|(?:thay )?doi (?:ho|ten)|doi (?=(?:\S+\s+){{0,2}}(?:{_PAPER_WORDS})\b)|cai chinh|tach (?:thua|so)|nhap khau|chuyen khau"
    r"|chuyen muc dich|tam ngung kinh doanh"
    rf"|lam (?:{_PAPER_WORDS}))\b)"
)
# What a procedure has: papers, fees, forms, online submission; papers said to be missing are a circumstance told
# ("cho mượn tiền không có giấy tờ", "nhặt được ví không có giấy tờ gì").
_PROCEDURE_WORDS = re.compile(
    r"\b(?:thu tuc|ho so|(?<!khong co )(?<!khong )giay to|le phi|mat phi|truc tuyen|online|qua mang|vneid|dich vu cong|mau don|to khai|may ngay)\b"
)
_CONDITION = re.compile(
    r"\b(?:(?:may|bao nhieu) tuoi|du tuoi|dieu kien (?:gi|nao|ra sao|the nao|la gi)|(?:can|phai|co) (?:nhung |cac )?dieu kien"
    r"|trong (?:vong |thoi han )?bao lau (?:thi )?phai|(?:thoi han|han chot) (?:la )?(?:bao lau|khi nao)"
    r"|(?:bao nhieu|may) ngay (?:lam viec )?truoc|truoc\b(?!\s+(?:day|kia|gio|nay|do)\b)(?:\s+\S+){0,6}?\s+(?:bao nhieu|may) ngay"
    r"|(?:toi da|toi thieu) (?:la )?(?:bao nhieu|may)\b(?! (?:ngay|ngay lam viec|tien|dong)\b))\b"
)
# What a named law says, asked: "Luật Nhà ở 2014 quy định điều kiện mua nhà ở xã hội thế nào?" asks the law, not how.
_LAW_SAYS = re.compile(r"\bquy dinh\b(?:\s+[^\s]+){0,10}?\s+(?:the nao|ra sao|nhu the nao|nhung gi|gi)\b")
# The sanction for a deed, asked: "không có giấy đăng ký xe bị phạt thế nào?" asks the law, not how to register
# (paying a fine is a procedure: "nộp phạt ở đâu").
_ASKS_SANCTION = re.compile(
    r"\bbi (?:xu )?(?:phat|xu ly)\b(?:\s+[^\s]+){0,3}?\s+(?:the nao|ra sao|nhu the nao|bao nhieu|gi|khong)\b|\bmuc (?:xu )?phat\b"
)
_PAYS_FINE = re.compile(r"\bnop (?:tien )?phat\b")
# A debt claimed: after money lent or owed, folded "doi" is "đòi", not "đổi" ("cho mượn tiền không có giấy tờ có
# đòi được không" asks what the law gives the lender, not how to exchange a paper).
_CLAIMS_A_DEBT = re.compile(r"\b(?:cho muon|cho vay|vay|muon|no) (?:tien|no)\b(?:\s+\S+){0,12}?\s+doi\b")
# How the law settles a sum or a share, asked: "nhà đất mua trước hôn nhân chia thế nào", "lương làm thêm giờ
# ngày lễ được tính thế nào" ask the rule, not how to get a paper.
_RULE_HOW = re.compile(r"\b(?:chia|phan chia|tinh|boi thuong|xu ly|giai quyet)\s+(?:the nao|ra sao|nhu the nao)\b")
# A grievance told, not asked: staff conduct, a wait, a broken or dirty public place ("cán bộ đòi tiền mới giải
# quyết hồ sơ", "chờ 3 tiếng mà chưa được tiếp", "đèn đường hỏng cả tháng không ai sửa").
_GRIEVANCE = re.compile(
    r"\b(?:thieu ton trong|thai do (?:khong|rat|qua|kem|te|loi)|hach sach|nhung nhieu|gay kho de|lam kho (?:dan|nguoi dan|de)"
    r"|quat thao|to tieng|cau co|xuc pham|coi thuong|tac trach|thieu trach nhiem|dun day|doi hoi lo"
    r"|doi (?:tien|boi duong)\b(?:\s+\S+){0,4}?\s+(?:thi )?moi\b"
    r"|(?:can bo|nhan vien|cong an|canh sat)\b(?:\s+\S+){0,3}?\s+doi (?:tien|boi duong)"
    r"|an hoi lo|nhan hoi lo|tien lot tay|thu them tien|bat (?:dan )?(?:nop|dong) them"
    r"|(?:cho|doi)\b(?:\s+\S+){0,3}\s+(?:tieng|gio|ngay|tuan|thang|buoi)\b(?:\s+\S+){0,6}?\s+(?:ma )?(?:van )?(?:chua|khong)\b"
    r"|tre hen|qua hen|qua han ma|(?:khong|chua) (?:ai|thay ai) (?:xu ly|giai quyet|tra loi|sua|don|quan tam|den)"
    r"|hen\b(?:\s+\S+){0,4}?\s+(?:van )?(?:chua|khong) (?:giai quyet|tra|xu ly|lam|cap)"
    r"|(?:phuong|xa|chinh quyen|uy ban|cong an)\b(?:\s+\S+){0,2}?\s+(?:khong|chua|cung khong) (?:xu ly|giai quyet|lam gi|can thiep)"
    r"|(?:den duong|duong|cong|ong nuoc|via he|bien bao|bien chi dan|cay xanh|ho ga|mat duong|nap cong)\b(?:\s+\S+){0,5}?"
    r"\s+(?:bi )?(?:hong|vo|sap|mo|nut|lun|ngap|tac|gay|xuong cap|o ga|bong troc)\b"
    r"|ngap (?:nuoc|ung)|rac (?:thai )?(?:ton dong|bua bai|boc mui)"
    r"|o nhiem|on ao|lan chiem via he|xa rac|boc mui)"
)
# A grievance asked as a reproach, not for an answer: "Sao … mà không ai sửa vậy?", "… vậy là sao?", "phường có biết
# không?".
_REPROACH = re.compile(r"^\W*(?:sao|tai sao|vi sao|the sao)\b|\b(?:vay la sao|the la sao|co biet khong|co ai biet khong)\b")
# A matter a court settles, which no administrative procedure does: a divorce, a lawsuit ("thủ tục ly hôn thuận
# tình" is Luật Hôn nhân và gia đình's and the courts', not "Cấp Giấy xác nhận tình trạng hôn nhân"); recording a
# divorce settled abroad in the civil-status register is an office's ("ghi chú ly hôn", "… vào sổ hộ tịch"). Suing
# someone is said "kiện … ở đâu", "đi kiện", "kiện công ty". So is a theft, which the police take as a crime.
_BEFORE_A_COURT = re.compile(
    r"\b(?:ly hon|ly di|khoi kien|kien ra toa|kien doi|dua ra toa|toa an|ra toa|di kien)\b"
    # a theft or a fraud is reported to the police as a crime, no office's procedure ("bị mất xe máy thì trình báo ở
    # đâu", "mua hàng online bị lừa tiền thì báo ở đâu")
    r"|\b(?:bi trom|mat trom|bi cuop|trom mat|mat xe(?! \S+ (?:giay|cavet|ca vet|dang ky))|bi lua(?: dao)?)\b"
    r"|(?<!dieu )(?<!su )(?<!du )\bkien (?:o dau|tai dau|ai|cong ty|chu|duoc)\b"  # folded "điều kiện", "sự kiện", "dự kiến"
)
_RECORDED = re.compile(r"\b(?:ghi chu|so ho tich)\b|\bghi\b(?:\s+\S+){0,5}?\s+vao so\b")
_CITES_LAW = re.compile(
    r"\b(?:luat|bo luat|nghi dinh|thong tu|nghi quyet|hien phap|dieu \d+|khoan \d+|quy dinh|theo phap luat|phap luat"
    r"|dung hay sai|nao sau day|sau day|duoi day|chon cau|hanh vi|nghiem cam|xu phat|vi pham|tham quyen|nghia vu"
    r"|quyen(?!\s+(?:su dung|so huu)))\b"  # "giấy chứng nhận quyền sử dụng đất" is a paper, not a right asked about
)

# What no law or procedure holds, whatever the evidence's words: another country's rules, the
# assistant's opinion, and facts of the day (prices, rates, schedules, who holds an office now,
# a phone number, how far a file has got). Read with diacritics when the message has them
# ("Hàn" is Korea, "hạn" a deadline; "theo bạn" asks an opinion, "theo bản án" does not), folded
# when it has none.
_COUNTRIES = (
    "mỹ|hoa kỳ|đức|pháp|úc|anh quốc|nước anh|vương quốc anh|lào|nga|nhật bản|nhật|hàn quốc|hàn|trung quốc|đài loan"
    "|singapore|canada|thái lan|campuchia|ấn độ|châu âu|malaysia|indonesia|philippines|hồng kông|hong kong|new zealand"
    "|hà lan|thụy điển|thụy sĩ|tây ban nha|schengen|dubai|châu mỹ|châu úc"
)
_PLACE_WORDS = r"ở|tại|bên|của|nước|luật(?:\s+\w+){0,3}|du học|thẻ xanh|quốc tịch"
_NOT_A_COUNTRY_AFTER = "tư|ba|năm|hòa|trọng|linh|thọ|thắng|huế|cơ|vũ|tài|xuân|giang|trí|bình|luật|nhân|lý|điển|chế|quyền|định|y|thuật"
_BEYOND_ACCENTED = (
    ("other_country", rf"\b(?:(?:{_PLACE_WORDS})\s+|visa(?:\s+\w+){{0,2}}\s+)(?:{_COUNTRIES})\b(?!\s+(?:{_NOT_A_COUNTRY_AFTER})\b)"),
    # Work a general assistant does and this one does not: a poem, a story, a translation, homework, a recipe.
    ("general_task", r"\b(?:làm|viết|sáng tác|soạn|đặt)\s+(?:(?:giúp|giùm|hộ|cho)\s+)?(?:(?:tôi|mình|em|tui)\s+)?"
                     r"(?:(?:một|1|vài|mấy)\s+)?(?:bài thơ|bài hát|bài rap|bài văn|câu chuyện|truyện ngắn|thơ|lời bài hát|câu đối)\b"
                     r"|\bkể\s+(?:(?:cho|giúp)\s+\w+\s+)?(?:nghe\s+)?(?:một\s+|1\s+)?(?:câu\s+)?(?:chuyện|truyện)\s+(?:cười|cổ tích|ma)\b"
                     r"|\bdịch\s+(?:(?:giúp|giùm|hộ)\s+)?(?:(?:tôi|mình|em)\s+)?(?:câu|đoạn|bài|từ|chữ)\b(?:\s+[^\s]+){0,8}?\s+sang tiếng\b|\bgiải\s+(?:(?:giúp|giùm|hộ)\s+\w+\s+)?(?:bài toán|phương trình|bài tập)\b"
                     r"|\b(?:công thức|cách) nấu\b|\bviết code\b"
                     r"|\b(?:nấu|nướng|hấp|chiên|rán|luộc|làm bánh|làm món|làm chè)\s+(?:[^\s]+\s+){0,3}?bằng\s+(?:nồi|lò|chảo)\b"
                     # a trip planned ("lịch trình … 3 ngày 2 đêm"), not a tour operator's duty to keep one
                     r"|\blịch trình\b(?:\s+[^\s]+){0,5}?\s+\d+\s+ngày\s+\d+\s+đêm\b|\b(?:gợi ý|lên|lập|tư vấn)\s+(?:giúp\s+)?(?:[^\s]+\s+)?lịch trình\b"),
    ("opinion", r"\b(?:theo bạn|bạn nghĩ|bạn thấy|bạn thích|bạn có thích|bạn có ủng hộ|bạn đánh giá|ý kiến của bạn"
                r"|đánh giá thế nào về|tốt hơn|có tốt không|lời hơn|hợp tuổi|nên bầu ai|nên chọn\b.*\bhay\b"
                r"|(?:nào|gì) (?:rẻ|tốt|lời|uy tín|đáng mua) nhất|có nên (?:đầu tư|mua|bán|chơi|gửi tiết kiệm)\b)"),
    # A day named in a question asking how to get something done is the asker's ("tuần sau phải đi khám, xin
    # cấp lại thẻ ở đâu"); in any other question, what it asks is of that day ("giá vàng hôm nay").
    ("day", r"\b(?:(?<!mấy )hôm nay|ngày mai|tối nay|tuần này|tuần sau)\b"),
    # A question on this year's or this month's events: "bao giờ … năm nay", "năm 2026 … tổ chức vào ngày nào"
    # (not a law's year: "Luật An ninh mạng năm 2018 có hiệu lực khi nào" cites the law).
    ("this_year", r"\b(?:năm nay|tháng này|tuần này|tháng sau|năm 20\d\d)\b(?:\s+[^\s]+){0,12}?\s+(?:bao giờ|khi nào|lúc nào|có tổ chức|tổ chức vào)\b"
                  r"|\b(?:bao giờ|khi nào|lúc nào)\b(?:\s+[^\s]+){0,12}?\s+(?:năm nay|tháng này|tuần này|tháng sau|năm 20\d\d)\b"),
    ("live_fact", r"\b(?:hiện nay là ai|bây giờ là ai|số điện thoại|số tài khoản|điểm chuẩn"
                  r"|ai là (?:chủ tịch|phó chủ tịch|bí thư|trưởng|giám đốc|người đứng đầu)"
                  r"|lịch (?:tiêm|khám|thi|trực|tiếp dân|làm việc|cắt điện|cúp điện|phát)"
                  r"|đến đâu rồi|đến bước nào|kết quả (?:trận|xổ số)|tỷ số|(?<!chậm )tiến độ|tỷ giá|tỉ giá|lãi suất|gần (?:\w+\s+){1,4}nhất)\b"
                  r"|\b(?:trường|bệnh viện|bãi|chỗ|nơi|điểm)\b(?:\s+\w+){0,4}?\s+nào\s+(?:ở|tại|gần)\s+(?:phường|xã|quận|huyện|thành phố|tỉnh)\b"
                  r"|\bgiá(?!\s+trị)\s+(?:\w+\s+){0,6}?(?:bao nhiêu|khoảng|hiện nay)\b"
                  r"|\b(?:hồ sơ|đơn|thẻ|căn cước|sổ|giấy)\b(?:\s+\w+){0,10}?\s+(?:đã |giờ |bây giờ )?(?:xong|có kết quả"
                  r"|được duyệt|được giải quyết|làm xong) chưa\b"
                  # the asker's own file, slow: its progress is the office's to tell ("sao hồ sơ của tôi chậm thế")
                  r"|\bhồ sơ\s+(?:của\s+)?(?:tôi|mình|em|nhà tôi)\b(?:\s+[^\s]+){0,8}?\s+(?:chậm|lâu (?:thế|vậy|quá)|mãi (?:chưa|không)"
                  r"|vẫn chưa|chưa (?:xong|có kết quả|được giải quyết|trả))\b"
                  r"|\b(?:thứ bảy|thứ 7|chủ nhật|cuối tuần|ngày lễ)\s+(?:có\s+)?(?:làm việc|làm(?! thêm)|mở cửa|tiếp dân|nhận hồ sơ)\b"
                  # an office's hours ("phường làm việc mấy giờ"), not a worker's ("làm việc từ mấy giờ là ban đêm")
                  r"|\b(?:phường|xã|ủy ban|ubnd|công an|một cửa|hành chính công)\b(?:\s+[^\s]+){0,5}?\s+"
                  r"(?:làm việc|mở cửa|đóng cửa|tiếp dân|nhận hồ sơ)\s+(?:từ\s+|đến\s+|lúc\s+)?(?:mấy giờ|giờ nào)\b"),
)
# A ward's or commune's own affairs — its schedule, address, quota, this year's handouts — asked of a unit
# that is the asker's, numbered or named ("phường tôi bao giờ phát gạo", "ubnd phường 12 giờ làm việc",
# "năm 2026 xã Phú Hòa Đông được giao chỉ tiêu …"): no law or procedure says them.
_LOCAL_UNIT = "phường|xã|quận|huyện|thị trấn|thôn|ấp|khu phố|tổ dân phố"
_OWN = "tôi|mình|em|nhà tôi|chúng tôi"
_LOCAL_ASK = (r"bao giờ|khi nào|ngày nào|lúc nào|mấy giờ|giờ làm việc|địa chỉ|có tổ chức|chỉ tiêu|năm nay|tháng này|tuần này"
              r"|tuần sau|hôm nay|ngày mai|năm 20\d\d")
_CAPITAL = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ"


def _local_patterns(accented: bool) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a unit that is the asker's, numbered or named; a question on its affairs), read with diacritics or folded."""
    units, own, asks = (_LOCAL_UNIT, _OWN, _LOCAL_ASK) if accented else (fold(_LOCAL_UNIT), fold(_OWN), fold(_LOCAL_ASK))
    return (re.compile(rf"\b(?i:{units})\s+(?:(?i:{own}|\d+)\b|[{_CAPITAL}])"), re.compile(rf"\b(?:{asks})\b"))


_LOCAL = {True: _local_patterns(True), False: _local_patterns(False)}
_VIET_NAM = re.compile(r"\bviet nam\b|\bvn\b|\bve nuoc\b")
# Papers a Vietnamese office issues for use abroad: "phiếu lý lịch tư pháp để đi du học Úc" asks the
# Vietnamese procedure, not Australia's rules.
_PAPER_FOR_ABROAD = re.compile(
    r"\b(?:ly lich tu phap|ho chieu|xac nhan tinh trang hon nhan|hop phap hoa|chung nhan lanh su|trich luc|ban sao|chung thuc)\b"
)


# A short question on the assistant itself, read folded: "bạn là ai", "em tên gì", "trợ lý làm được những việc gì".
_ABOUT_ASSISTANT = re.compile(
    r"^(?:(?:xin )?chao(?: \w+)?\W*)?(?:ban|em|tro ly(?: ao)?|bot|chatbot|may)\s+(?:oi\W*)?"
    r"(?:la ai|ten (?:la )?gi|la (?:nguoi|nguoi that|robot|may|ai|chatbot)(?: hay \w+)?|do ai (?:lam|tao|phat trien)(?: ra)?"
    r"|(?:co the |biet )?(?:lam|giup|ho tro|tra loi)(?: duoc)?(?: cho \w+| (?:toi|minh|em|chung toi))?(?: lam)?"
    r" (?:nhung |cac )?(?:gi|viec gi|cau hoi gi)(?: cho (?:toi|minh|em|chung toi))?)"
    r"(?:\s+(?:vay|the|a|ha|nhi|nhe|nua|khong|the nao))*\W*$"
)


def _patterns(accented: bool) -> dict[str, re.Pattern[str]]:
    return {name: re.compile(pattern if accented else fold(pattern)) for name, pattern in _BEYOND_ACCENTED}


_BEYOND = {True: _patterns(True), False: _patterns(False)}

_CONFIRM_ACCENTED = ("1", "số 1", "một", "gửi", "gửi đi", "gửi luôn", "ok", "oke", "okay", "oki", "okie", "đồng ý", "có", "vâng", "ừ", "uh",
                     "đúng", "xác nhận", "gửi phản ánh", "đồng ý gửi", "chắc chắn")
_CANCEL_ACCENTED = ("2", "số 2", "hai", "không", "ko", "k", "thôi", "hủy", "huỷ", "đừng", "đừng gửi", "không gửi", "thôi không",
                    "không cần", "bỏ qua", "khỏi", "thôi khỏi", "không gửi nữa")
_TRAILING = r"(?:\s+(?:nhé|nhe|nha|ạ|a|đi|di|luôn|luon|ngay|nữa|nua|bạn|ban|em|anh|chị|chi))*"


def _words(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text))


def _reply_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    forms = set(words) | {fold(w) for w in words if fold(w) != "dung"}
    alternatives = "|".join(sorted((re.escape(w) for w in forms), key=len, reverse=True))
    return re.compile(rf"^(?:{alternatives}){_TRAILING}$")


_CONFIRM = _reply_pattern(_CONFIRM_ACCENTED)
_CANCEL = _reply_pattern(_CANCEL_ACCENTED)


@dataclass(frozen=True)
class Cues:
    asks: bool = False
    request: str | None = None  # the intent of the side effect asked for in so many words
    declined: str | None = None  # the intent of the side effect the message refuses
    wants_procedure: bool = False
    asks_how: bool = False  # the part of ``wants_procedure`` that asks how to get something done
    asks_condition: bool = False  # what the law requires or allows: an age, a condition, a deadline
    cites_law: bool = False
    complains: bool = False  # a grievance told without asking anything: staff conduct, a wait, a broken public place
    before_a_court: bool = False  # a divorce or a lawsuit: the law and the courts', no administrative procedure's
    # what it asks that no law or procedure holds: "other_country", "general_task", "opinion", "live_fact",
    # "local_fact"
    beyond: str | None = None
    about_assistant: bool = False  # asks who the assistant is or what it can do: "bạn là ai", "em làm được gì"
    names_paper: bool = False  # a paper an office issues, named: "căn cước", "sổ đỏ" (not "giấy tờ" in general)


def folded(text: str) -> str:
    """The form the cues are read on: normalised, abbreviations expanded, diacritics folded."""
    return fold(expand_abbreviations(normalize(text))).strip()


def _first(patterns: dict[str, re.Pattern[str]], text: str) -> tuple[str, int] | None:
    found = [(match.start(), intent) for intent, pattern in patterns.items() if (match := pattern.search(text))]
    return (min(found)[1], min(found)[0]) if found else None


def cues(text: str) -> Cues:
    plain = folded(text)
    asks = bool(_QUESTION.search(plain))
    declined = _first(_DECLINE, plain)
    request = _first(_REQUEST, plain)
    if declined is not None and request is not None and declined[1] <= request[1]:
        request = None  # "đừng gửi phản ánh": the request's verb is the one declined
    chosen = request[0] if request else None
    if chosen is None and not declined:
        if _REMINDER_ANYWHERE.search(plain):
            chosen = "reminder"
        elif _PERSON_ANYWHERE.search(plain):
            chosen = "handover"
    if chosen == "handover":
        pass  # asking for a person is the help asked for, even phrased as a question
    elif chosen == "feedback" and asks and not _FEEDBACK_HEAD.search(plain):
        chosen = None  # "tôi muốn khiếu nại thì làm thế nào?" asks how; "phản ánh: … sao lại vậy?" files
    elif chosen in ("draft_document", "reminder") and asks:
        chosen = None  # "ai có thẩm quyền soạn thảo …?", "khi nào thì bị nhắc nhở?"
    names_paper = bool(_PAPER.search(plain))
    read_for_how = plain if names_paper else _ADVICE.sub(" ", plain)
    if not (names_paper or _WANTS.search(plain)):
        read_for_how = _ADVICE_AFTER.sub(" ", read_for_how)
    condition = bool(_CONDITION.search(plain))
    how = bool(_HOW.search(read_for_how) or (not condition and _WANTS_TO.search(read_for_how))
               or (not asks and _NAMES_A_TASK.search(plain)))
    cites_law = bool(_CITES_LAW.search(plain))
    if ((cites_law and _LAW_SAYS.search(plain)) or (_ASKS_SANCTION.search(plain) and not _PAYS_FINE.search(plain))
            or _RULE_HOW.search(plain) or _CLAIMS_A_DEBT.search(plain)):
        how = False
    beyond = _beyond(text, plain, how, cites_law)
    return Cues(
        asks=asks,
        request=chosen,
        declined=declined[0] if declined else None,
        wants_procedure=bool(how or _PROCEDURE_WORDS.search(plain)),
        asks_how=how,
        asks_condition=condition,
        # the asker's own file, slow ("sao hồ sơ của tôi nộp 2 tháng rồi vẫn chưa giải quyết?"), is asked of the office
        complains=bool(_GRIEVANCE.search(plain)) and (not asks or bool(_REPROACH.search(plain))) and beyond is None,
        before_a_court=bool(_BEFORE_A_COURT.search(plain)) and not _RECORDED.search(plain),
        cites_law=cites_law,
        beyond=beyond,
        about_assistant=bool(_ABOUT_ASSISTANT.search(plain)),
        names_paper=bool(_PAPER.search(_PAPERS_IN_GENERAL.sub(" ", plain))),
    )


def _beyond(text: str, plain: str, asks_how: bool, cites_law: bool) -> str | None:
    """What the message asks that no law or procedure holds. A day, this year or a ward's affairs
    named by someone asking how to get something done are the asker's circumstances; this year
    or a ward named beside the law are the law's ("xã … theo quy định", "Luật … năm 2018")."""
    as_typed = normalize(text)
    written = as_typed.lower()
    accented = has_diacritics(written)
    unit, asks = _LOCAL[accented]
    local = not (asks_how or cites_law) and bool(unit.search(as_typed) and asks.search(written))
    for name, pattern in _BEYOND[accented].items():
        if not pattern.search(written) or (name == "day" and asks_how) or (name == "this_year" and (asks_how or cites_law)):
            continue
        if name in ("day", "this_year"):
            return "local_fact" if local else "live_fact"  # a ward's event of the day: where to ask is the ward
        if not (name == "other_country" and (_VIET_NAM.search(plain) or _PAPER_FOR_ABROAD.search(plain))):
            return name
    return "local_fact" if local else None


def reply_to_yes_no(text: str) -> bool | None:
    """True for a yes ("1", "gửi", "ok", "đồng ý"), False for a no ("2", "không", "thôi"), None otherwise."""
    words = _words(normalize(text).lower())
    if _CONFIRM.match(words):
        return True
    if _CANCEL.match(words):
        return False
    return None


def feedback_body(text: str) -> str:
    """What a phản ánh says, without the words that ask to send it: "Tôi muốn phản ánh: đường ngập" → "đường ngập"
    ("" when it says nothing more: "tôi muốn gửi phản ánh")."""
    plain = fold_aligned(text)
    head = re.match(r"^\W*(?:" + _SPEAKER + "?" + _MODAL + "*" + r")?" + _FEEDBACK_VERB + r"(?:\s+(?:ve|viec|rang|la))?\s*[:\-–,]?\s*", plain)
    return (text[head.end():] if head else text).strip()
