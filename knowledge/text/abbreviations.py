"""Abbreviations citizens and officers type, expanded before search and intent detection.

The same expansion runs over the indexed text (``knowledge.chunking``), so a
procedure named "… sổ BHXH, thẻ BHYT" is found by "sổ bảo hiểm xã hội" and a
question typed "bhyt" finds a law that writes "bảo hiểm y tế" in full.

Keys are folded (no diacritics, lower case) so that "đk", "dk" and "DK" all match.
Only abbreviations that are unambiguous in the public-service domain are listed
("k" is not: "điểm k khoản 1" is a citation, not "không").
"""
from __future__ import annotations

import re

from knowledge.text.normalize import fold, fold_word

ABBREVIATIONS: dict[str, str] = {
    "dk": "đăng ký",
    "dky": "đăng ký",
    "ks": "khai sinh",
    "kh": "kết hôn",
    "tthn": "tình trạng hôn nhân",
    "cccd": "căn cước công dân",
    "cmnd": "chứng minh nhân dân",
    "cmt": "chứng minh thư",
    "gplx": "giấy phép lái xe",
    "hk": "hộ khẩu",
    "sdt": "số điện thoại",
    "ubnd": "ủy ban nhân dân",
    "hdnd": "hội đồng nhân dân",
    "gcn": "giấy chứng nhận",
    "qsdd": "quyền sử dụng đất",
    "gcnqsdd": "giấy chứng nhận quyền sử dụng đất",
    "tthc": "thủ tục hành chính",
    "dvc": "dịch vụ công",
    "dkkd": "đăng ký kinh doanh",
    "gpkd": "giấy phép kinh doanh",
    "bhxh": "bảo hiểm xã hội",
    "bhyt": "bảo hiểm y tế",
    "bhtn": "bảo hiểm thất nghiệp",
    "tncn": "thu nhập cá nhân",
    "tndn": "thu nhập doanh nghiệp",
    "gtgt": "giá trị gia tăng",
    "tnld": "tai nạn lao động",
    "bnn": "bệnh nghề nghiệp",
    "hdld": "hợp đồng lao động",
    "kcb": "khám bệnh, chữa bệnh",
    "gpxd": "giấy phép xây dựng",
    "xnc": "xuất nhập cảnh",
    "tp": "thành phố",
    "tphcm": "thành phố hồ chí minh",
    "hcm": "hồ chí minh",
    "qd": "quyết định",
    "nq": "nghị quyết",
    "vbqppl": "văn bản quy phạm pháp luật",
    "ko": "không",
    "kg": "không",
    "dc": "được",
    "j": "gì",
    "ntn": "như thế nào",
    "bn": "bao nhiêu",
    "bnhieu": "bao nhiêu",
    "vs": "với",
    "cty": "công ty",
    "dn": "doanh nghiệp",
    "tnhh": "trách nhiệm hữu hạn",
    "mtv": "một thành viên",
    "oto": "ô tô",
}

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def expand_abbreviations(text: str) -> str:
    """Replace whole-word abbreviations by their expansion, leaving other words untouched.

    >>> expand_abbreviations("thu tuc dk ks cho con")
    'thu tuc đăng ký khai sinh cho con'
    """
    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        return ABBREVIATIONS.get(fold_word(word), word)

    return _TOKEN.sub(replace, text)


def folded_question(text: str) -> str:
    """The form the ranking rules read a question in: abbreviations written out, diacritics folded."""
    return fold(expand_abbreviations(text))
