"""The eight document types troly drafts, with the Phụ lục III template each follows.

Slugs are the CLI names (``troly draft quyet-dinh``). A *công văn* (official
letter) has no tên loại line; its trích yếu follows "V/v" under the số, ký hiệu
and its ký hiệu pairs the issuer with the drafting unit (``120/UBND-VP``).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.documents.format_rules import TYPE_ABBREVIATIONS


@dataclass(frozen=True)
class DocType:
    slug: str
    name: str  # "Quyết định"; "Công văn" for the letter, which prints no tên loại
    template: str  # the Phụ lục III mẫu it follows
    has_title: bool = True  # prints the tên loại line
    dated: bool = True  # địa danh and date in the header (a biên bản dates its closing line instead)
    kinh_gui: bool = False  # may address recipients with "Kính gửi"

    @property
    def abbreviation(self) -> str | None:
        """The Phụ lục III abbreviation; a công văn has none."""
        return TYPE_ABBREVIATIONS.get(self.name)

    @property
    def title(self) -> str:
        return self.name.upper()


DOC_TYPES: dict[str, DocType] = {
    t.slug: t
    for t in (
        DocType("quyet-dinh", "Quyết định", "Mẫu 1.2"),
        DocType("cong-van", "Công văn", "Mẫu 1.5", has_title=False, kinh_gui=True),
        DocType("to-trinh", "Tờ trình", "Mẫu 1.4", kinh_gui=True),
        DocType("bao-cao", "Báo cáo", "Mẫu 1.4", kinh_gui=True),
        DocType("ke-hoach", "Kế hoạch", "Mẫu 1.4"),
        DocType("thong-bao", "Thông báo", "Mẫu 1.4"),
        DocType("giay-moi", "Giấy mời", "Mẫu 1.7"),
        DocType("bien-ban", "Biên bản", "Mẫu 1.9", dated=False),
    )
}
