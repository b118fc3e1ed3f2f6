"""Small passages about civil status, residence and marriage, written for these tests, and a Chroma server."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from knowledge.models import Passage
from tests.chroma_server import running_chroma


def _passage(i: int, kind: str, doc_id: str, title: str, heading: str, text: str, access: str = "public", status: str = "in_force") -> Passage:
    return Passage(
        passage_id=f"{kind}:{doc_id}:{i}",
        kind=kind,
        doc_id=doc_id,
        doc_title=title,
        heading=heading,
        text=text,
        article=str(i) if kind == "law" else None,
        access=access,
        status=status,
    )


@pytest.fixture
def passages() -> list[Passage]:
    return [
        _passage(1, "law", "60/2014/QH13", "Luật Hộ tịch", "Điều 15. Thời hạn đăng ký khai sinh",
                 "Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con."),
        _passage(2, "law", "60/2014/QH13", "Luật Hộ tịch", "Điều 16. Thủ tục đăng ký khai sinh",
                 "1. Người đi đăng ký khai sinh nộp tờ khai theo mẫu quy định và giấy chứng sinh cho cơ quan đăng ký hộ tịch."),
        _passage(3, "law", "68/2020/QH14", "Luật Cư trú", "Điều 28. Hồ sơ, thủ tục đăng ký tạm trú",
                 "Người đăng ký tạm trú nộp tờ khai thay đổi thông tin cư trú và giấy tờ chứng minh chỗ ở hợp pháp."),
        _passage(4, "law", "81/2006/QH11", "Luật Cư trú", "Điều 30. Đăng ký tạm trú",
                 "Người đang sinh sống ngoài nơi đăng ký thường trú phải đăng ký tạm trú.", status="repealed"),
        _passage(5, "procedure", "1.001193", "Thủ tục đăng ký khai sinh", "Thủ tục đăng ký khai sinh",
                 "Lĩnh vực: Hộ tịch\nHồ sơ: Tờ khai đăng ký khai sinh; Giấy chứng sinh"),
        _passage(6, "document", "doc:noibo", "Báo cáo nội bộ về hộ tịch", "Báo cáo nội bộ về hộ tịch",
                 "Tình hình đăng ký khai sinh quá hạn tại phường trong quý III.", access="internal"),
        _passage(7, "law", "52/2014/QH13", "Luật Hôn nhân và gia đình", "Điều 81. Việc trông nom, chăm sóc, nuôi dưỡng, giáo dục con sau khi ly hôn",
                 "Con dưới 36 tháng tuổi được giao cho mẹ trực tiếp nuôi."),
    ]


@pytest.fixture(scope="session")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a real Chroma server on loopback, shared by the session's tests."""
    with running_chroma(tmp_path_factory.mktemp("chroma-server") / "db") as url:
        yield url
