"""Fixtures of the HĐND secretary's tests: the tờ trình fixtures, their expected findings, a registry
double holding the true status of every document they cite, and a small real index for the competence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from tests.assistant.documents.doubles import RegistryDouble, entry

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "hdnd"
COMPETENCE_LAWS = (
    "Luat-to-chuc-chinh-quyen-dia-phuong-2015-282380.txt",
    "Luat-ngan-sach-nha-nuoc-nam-2015-281762.txt",
    "Luat-Dau-tu-cong-2019-362113.txt",
)


def cases() -> list[dict]:
    return yaml.safe_load((FIXTURES / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def hdnd_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def true_registry() -> RegistryDouble:
    return registry_2024()


def registry_2024() -> RegistryDouble:
    """What was in force when the fixtures were written (2024)."""
    return RegistryDouble(
        entry("77/2015/QH13", "Luật Tổ chức chính quyền địa phương", "amended", 2015, amended_by=["47/2019/QH14"]),
        entry(
            "47/2019/QH14",
            "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
            "in_force",
            2019,
        ),
        entry("80/2015/QH13", "Luật Ban hành văn bản quy phạm pháp luật", "amended", 2015, amended_by=["63/2020/QH14"]),
        entry("83/2015/QH13", "Luật Ngân sách nhà nước", "in_force", 2015),
        entry("43/2019/QH14", "Luật Giáo dục", "in_force", 2019),
        entry("81/2021/NĐ-CP", "Nghị định quy định về cơ chế thu, quản lý học phí", "in_force", 2021),
        entry("40/2009/QH12", "Luật Khám bệnh, chữa bệnh", "repealed", 2009, replaced_by=["15/2023/QH15"]),
        entry("15/2023/QH15", "Luật Khám bệnh, chữa bệnh", "in_force", 2023),
        entry("58/2010/QH12", "Luật Viên chức", "in_force", 2010),
        entry("10/2012/QH13", "Bộ luật Lao động", "repealed", 2012, replaced_by=["45/2019/QH14"]),
        entry("45/2019/QH14", "Bộ luật Lao động", "in_force", 2019),
        entry("39/2019/QH14", "Luật Đầu tư công", "in_force", 2019),
        entry("23/2008/QH12", "Luật Giao thông đường bộ", "in_force", 2008),
        entry("50/2014/QH13", "Luật Xây dựng", "amended", 2014, amended_by=["62/2020/QH14"]),
        entry("55/2014/QH13", "Luật Bảo vệ môi trường", "repealed", 2014, replaced_by=["72/2020/QH14"]),
        entry("72/2020/QH14", "Luật Bảo vệ môi trường", "in_force", 2020),
        entry("45/2013/QH13", "Luật Đất đai", "repealed", 2013, replaced_by=["31/2024/QH15"]),
        entry("31/2024/QH15", "Luật Đất đai", "in_force", 2024),
        entry("81/2006/QH11", "Luật Cư trú", "repealed", 2006, replaced_by=["68/2020/QH14"]),
        entry("68/2020/QH14", "Luật Cư trú", "in_force", 2020),
        entry("68/2014/QH13", "Luật Doanh nghiệp", "repealed", 2014, replaced_by=["59/2020/QH14"]),
        entry("59/2020/QH14", "Luật Doanh nghiệp", "in_force", 2020),
        entry("38/2013/QH13", "Luật Việc làm", "in_force", 2013),
        entry("31/2018/QH14", "Luật Trồng trọt", "in_force", 2018),
        entry("77/2006/QH11", "Luật Thể dục, thể thao", "amended", 2006, amended_by=["26/2018/QH14"]),
        entry("152/2018/NĐ-CP", "Nghị định quy định một số chế độ đối với huấn luyện viên, vận động viên", "in_force", 2018),
        entry("91/2005/NĐ-CP", "Nghị định ban hành Quy chế đặt tên, đổi tên đường, phố", "in_force", 2005),
        entry("36/2006/TT-BVHTT", "Thông tư hướng dẫn Quy chế đặt tên, đổi tên đường, phố", "in_force", 2006),
    )


@pytest.fixture(scope="session")
def competence_kb(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """A real knowledge base of three laws (Luật Tổ chức chính quyền địa phương, Ngân sách nhà nước, Đầu tư
    công) from ../shared, with the deterministic hash embedder: built in a few seconds."""
    from knowledge.base import KnowledgeBase
    from knowledge.index.builder import IndexSettings
    from knowledge.ingest import Ingestor
    from knowledge.settings import Settings

    laws = shared_dir / "knowledge" / "legal" / "vlc-2022"
    settings = Settings(
        knowledge_dir=shared_dir / "knowledge", data_dir=tmp_path_factory.mktemp("hdnd-kb"), embedder="hash",
        today=lambda: date(2024, 12, 1),
    )
    report = Ingestor(settings, IndexSettings(dense_chars=0)).ingest(
        [laws / name for name in COMPETENCE_LAWS]
    )
    assert report.errors == []
    kb = KnowledgeBase.open(settings)
    yield kb
    kb.close()
