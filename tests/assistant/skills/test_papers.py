"""Sorting a dossier's papers by the portal's own wording (names copied from real portal records)."""
import json

import pytest

from assistant.skills.papers import is_conditional, is_note, short_name, sort_papers
from knowledge.models import Procedure, RequiredDocument
from knowledge.parsing.procedures import parse_portal_record

# Thủ tục đăng ký khai sinh (1.001193), in the portal's order.
BIRTH = Procedure(
    code="1.001193",
    title="Thủ tục đăng ký khai sinh",
    documents=(
        RequiredDocument("Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập",
                         quantity="1 bản chính", group="Giấy tờ phải nộp"),
        RequiredDocument("Văn bản ủy quyền (được chứng thực) theo quy định của pháp luật trong trường hợp ủy quyền thực hiện"
                         " việc đăng ký khai sinh. Trường hợp người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị,"
                         " em ruột của người ủy quyền thì văn bản ủy quyền không phải chứng thực",
                         quantity="1 bản chính", group="Giấy tờ phải nộp"),
        RequiredDocument("Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về"
                         " việc sinh; nếu không có người làm chứng thì phải có giấy cam đoan về việc sinh",
                         quantity="1 bản chính", group="Giấy tờ phải nộp"),
        RequiredDocument("Giấy tờ có giá trị chứng minh thông tin về cư trú trong trường hợp cơ quan đăng ký hộ tịch không thể"
                         " khai thác được thông tin về nơi cư trú của công dân", quantity="1 bản chính", must_present=True,
                         group="Giấy tờ phải xuất trình"),
        RequiredDocument("Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước hoặc các giấy"
                         " tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng (sau đây gọi"
                         " tắt là giấy tờ tùy thân) để chứng minh về nhân thân khi làm thủ tục trực tiếp tại cơ quan đăng ký hộ tịch",
                         quantity="1 bản chính", must_present=True, group="Giấy tờ phải xuất trình"),
        RequiredDocument("Người có yêu cầu đăng ký khai sinh thực hiện việc nộp/xuất trình (theo hình thức trực tiếp) hoặc tải"
                         " lên (theo hình thức trực tuyến) các giấy tờ sau"),
        RequiredDocument("Tờ khai đăng ký khai sinh theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp"
                         " hoặc gửi hồ sơ qua hệ thống bưu chính)", quantity="1 bản chính"),
    ),
)


def test_the_birth_checklist_opens_with_the_form_and_the_birth_certificate_and_keeps_special_cases_apart():
    dossier = sort_papers(BIRTH)
    assert [short_name(d.name) for d in dossier.required] == [
        "Tờ khai đăng ký khai sinh theo mẫu",
        "Giấy chứng sinh",
        "Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước hoặc các giấy tờ khác…",
    ]
    assert [d.name[:30] for d in dossier.conditional] == [
        "Trường hợp trẻ em bị bỏ rơi th", "Văn bản ủy quyền (được chứng t", "Giấy tờ có giá trị chứng minh ",
    ]
    assert dossier.notes == (BIRTH.documents[5].name,)  # "… các giấy tờ sau": announces papers, is none


@pytest.mark.parametrize("name", [
    "(iv) Trường hợp ủy quyền cho đơn vị cung cấp dịch vụ bưu chính thực hiện thủ tục đăng ký hộ kinh doanh",
    "Đối với Quân đội nhân dân: Giấy giới thiệu đăng ký tạm trú của đơn vị cấp trung đoàn",
    "Các giấy tờ để chứng minh đối tượng miễn, hoặc giảm phí (nếu có)",
    "Bản sao văn bản ủy quyền của thành viên hộ gia đình đối với trường hợp hộ kinh doanh do các thành viên đăng ký",
    "Nếu người đề nghị là người nước ngoài thì nộp bản dịch hộ chiếu",
])
def test_papers_named_for_a_case_are_conditional(name):
    assert is_conditional(name)


@pytest.mark.parametrize("name", [
    "Giấy đề nghị đăng ký hộ kinh doanh",
    "Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA); đối với người đăng ký"
    " tạm trú là người chưa thành niên thì trong tờ khai phải ghi rõ ý kiến đồng ý của cha, mẹ hoặc người giám hộ",
    "Tờ khai đăng ký kết hôn theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp)",
])
def test_a_paper_with_an_alternative_or_a_channel_in_parentheses_is_always_required(name):
    assert not is_conditional(name) and not is_note(name)


def test_a_table_under_a_case_heading_or_repeating_the_form_of_an_earlier_one_is_a_special_case():
    procedure = Procedure(code="1.004194", title="Đăng ký tạm trú", documents=(
        RequiredDocument("Tờ khai thay đổi thông tin cư trú (Mẫu CT01)", quantity="1 bản chính", group="Hồ sơ đăng ký tạm trú gồm"),
        RequiredDocument("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", quantity="1 bản chính", group="Hồ sơ đăng ký tạm trú gồm"),
        RequiredDocument("Tờ khai thay đổi thông tin cư trú (của từng người)", quantity="1 bản chính",
                         group="Đăng ký tạm trú theo danh sách, hồ sơ gồm"),
        RequiredDocument("Văn bản đề nghị đăng ký tạm trú kèm danh sách người tạm trú", quantity="1 bản chính",
                         group="Đăng ký tạm trú theo danh sách, hồ sơ gồm"),
        RequiredDocument("Văn bản ủy quyền", quantity="1 bản chính", group="Trường hợp ủy quyền thực hiện thủ tục"),
    ))
    dossier = sort_papers(procedure)
    assert [d.name[:25] for d in dossier.required] == ["Tờ khai thay đổi thông ti", "Giấy tờ, tài liệu chứng m"]
    assert [heading for heading, _ in dossier.cases] == ["Đăng ký tạm trú theo danh sách, hồ sơ gồm", "Trường hợp ủy quyền thực hiện thủ tục"]


def test_several_tables_each_named_for_a_situation_make_the_whole_dossier_depend_on_it():
    procedure = Procedure(code="1.004222", title="Đăng ký thường trú", documents=(
        RequiredDocument("Tờ khai thay đổi thông tin cư trú", group="Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình"),
        RequiredDocument("Hợp đồng cho thuê, cho mượn, cho ở nhờ", group="Đăng ký thường trú vào chỗ ở hợp pháp do thuê, mượn, ở nhờ"),
    ))
    dossier = sort_papers(procedure)
    assert dossier.required == () and len(dossier.cases) == 2


def test_short_names_keep_the_paper_and_its_form_number_and_drop_long_asides():
    assert short_name("Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA); đối với …") \
        == "Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA)"
    assert short_name(BIRTH.documents[6].name) == "Tờ khai đăng ký khai sinh theo mẫu"
    assert len(short_name("Giấy " + "rất dài " * 40)) <= 111


@pytest.mark.shared
@pytest.mark.parametrize("code, first, absent", [
    ("1.001193", ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"], "Trường hợp"),
    ("1.001612", ["Giấy đề nghị đăng ký hộ kinh doanh"], "(iv) Trường hợp ủy quyền"),
])
def test_real_portal_records_open_with_the_papers_everyone_brings(shared_dir, code, first, absent):
    path = shared_dir / "knowledge" / "procedures" / "dichvucong.jsonl"
    with path.open(encoding="utf-8") as lines:
        record = next(json.loads(line) for line in lines if f'"ma_thu_tuc": "{code}"' in line)
    required = [short_name(d.name) for d in sort_papers(parse_portal_record(record)).required]
    assert [name.split(" theo")[0] for name in required[: len(first)]] == first
    assert not any(name.startswith(absent) for name in required)
