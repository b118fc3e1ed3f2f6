from knowledge.models import LegalBasis
from knowledge.parsing.portal_tables import (
    parse_documents,
    parse_legal_bases,
    parse_methods,
    parse_results,
    split_portal_sections,
)

METHODS_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
DOCUMENTS_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"


def rows(methods):
    return [(m.channel, m.processing_time, m.fee, m.description) for m in methods]


def test_methods_rows_are_found_again_in_the_run_together_table():
    cell = (
        METHODS_HEADER + "Trực tuyến5 Ngày làm việc70,000 VNĐ(70.000 đồng/Giấy chứng nhận)"
        "Nộp qua Cổng dịch vụ công quốc gia.Dịch vụ bưu chính5 Ngày làm việcMiễn phíTrực tiếp8 GiờKhông có thông tin"
    )
    assert rows(parse_methods(cell)) == [
        ("truc_tuyen", "5 Ngày làm việc", "70,000 VNĐ (70.000 đồng/Giấy chứng nhận)", "Nộp qua Cổng dịch vụ công quốc gia."),
        ("buu_chinh", "5 Ngày làm việc", "Miễn phí", ""),
        ("truc_tiep", "8 Giờ", "", ""),
    ]


def test_a_channel_name_inside_a_description_starts_no_row():
    cell = (
        METHODS_HEADER + "Trực tiếp5 Ngày làm việcMiễn phí- Trực tiếp: nộp hồ sơ tại Bộ phận Một cửa. "
        "- Trực tuyến: nộp hồ sơ tại Cổng Dịch vụ công.Trực tuyến5 Ngày làm việcMiễn phí"
    )
    methods = parse_methods(cell)
    assert [m.channel for m in methods] == ["truc_tiep", "truc_tuyen"]
    assert methods[0].description == "- Trực tiếp: nộp hồ sơ tại Bộ phận Một cửa. - Trực tuyến: nộp hồ sơ tại Cổng Dịch vụ công."


def test_times_without_unit_and_cells_without_information():
    # 1.001193 and 1.000014 as printed: the portal lost the unit of the time cell.
    assert rows(parse_methods(METHODS_HEADER + "Trực tuyến1Miễn phíTrực tiếp1Miễn phí")) == [
        ("truc_tuyen", "1", "Miễn phí", ""),
        ("truc_tiep", "1", "Miễn phí", ""),
    ]
    assert rows(parse_methods(METHODS_HEADER + "Trực tuyến120 VNĐ(20.000 vnđ /tờ khai)")) == [
        ("truc_tuyen", "1", "20 VNĐ (20.000 vnđ /tờ khai)", ""),
    ]
    cell = METHODS_HEADER + "Trực tiếpKhông có thông tinKhông có thông tinnộp hồ sơ trực tiếp tại trụ sở Cục Quản lý xuất nhập cảnh."
    assert rows(parse_methods(cell)) == [("truc_tiep", "", "", "nộp hồ sơ trực tiếp tại trụ sở Cục Quản lý xuất nhập cảnh.")]


def test_a_case_label_after_the_fee_belongs_to_the_description():
    cell = METHODS_HEADER + "Trực tiếp14 Ngày làm việcKhông có thông tin(1)Trường hợp thay đổi tên tổ chức thăm dò khoáng sản"
    assert rows(parse_methods(cell)) == [("truc_tiep", "14 Ngày làm việc", "", "(1)Trường hợp thay đổi tên tổ chức thăm dò khoáng sản")]


def test_a_first_row_without_time_or_fee_is_still_a_row():
    cell = METHODS_HEADER + "Trực tiếpHệ thống giải quyết thủ tục hành chính ngành Thuế phản hồi tự động."
    assert rows(parse_methods(cell)) == [("truc_tiep", "", "", "Hệ thống giải quyết thủ tục hành chính ngành Thuế phản hồi tự động.")]


def test_document_rows_end_at_their_quantity_and_keep_the_form_apart():
    cell = (
        "--" + DOCUMENTS_HEADER + "Đơn đề nghị chuyển đổi Giấy phép theo Mẫu số 08 quy định tại Phụ lục II ban hành kèm theo "
        "Nghị định số 121/2021/NĐ-CP ngày 27/12/2021;Mus08.docx1 bản chính"
        "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất theo Mẫu số 181 bản chính,1 bản sao"
        "Hóa đơn thương mại (nếu có): 01 bản chụp;0 bản chính,1 bản sao"
        "- Tờ khai hải quan: 02 bản chính;1 bản chính"
    )
    documents, notes = parse_documents(cell)
    assert [(d.name, d.form, d.quantity) for d in documents] == [
        (
            "Đơn đề nghị chuyển đổi Giấy phép theo Mẫu số 08 quy định tại Phụ lục II ban hành kèm theo "
            "Nghị định số 121/2021/NĐ-CP ngày 27/12/2021",
            "Mus08.docx",
            "1 bản chính",
        ),
        ("Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất theo Mẫu số 18", "", "1 bản chính, 1 bản sao"),
        ("Hóa đơn thương mại (nếu có): 01 bản chụp", "", "1 bản sao"),
        ("Tờ khai hải quan: 02 bản chính", "", "1 bản chính"),
    ]
    assert notes == ()


def test_form_file_names_glued_to_the_document_name():
    cell = (
        DOCUMENTS_HEADER + "Đơn đề nghị cấp giấy phép theo Mẫu số 01 Phụ lục I của Nghị định số 258/2025/NĐ-CPMẫu số 01.docx1 bản chính"
        "Văn bản đề nghị chấp thuận theo mẫu tại Phụ lục số 05 ban hành kèm theo Thông tư số 73/2025/TT-NHNN.Phụ lục 05.docx1 bản chính"
        "Đơn đề nghị cấp lại chứng chỉ hành nghề trước thời điểm chứng chỉ hết hạnmau so 20.doc1 bản chính"
        "Danh sách thuyền viên, hành khách theo mẫuMauDanhsachthuyenvien.docxMauDanhsachhanhkhach.docx1 bản chính"
    )
    documents, _ = parse_documents(cell)
    assert [(d.name, d.form) for d in documents] == [
        ("Đơn đề nghị cấp giấy phép theo Mẫu số 01 Phụ lục I của Nghị định số 258/2025/NĐ-CP", "Mẫu số 01.docx"),
        ("Văn bản đề nghị chấp thuận theo mẫu tại Phụ lục số 05 ban hành kèm theo Thông tư số 73/2025/TT-NHNN", "Phụ lục 05.docx"),
        ("Đơn đề nghị cấp lại chứng chỉ hành nghề trước thời điểm chứng chỉ hết hạn", "mau so 20.doc"),
        ("Danh sách thuyền viên, hành khách theo mẫu", "MauDanhsachthuyenvien.docx; MauDanhsachhanhkhach.docx"),
    ]


def test_document_groups_presented_papers_and_notes():
    cell = (
        "* Giấy tờ phải nộp:" + DOCUMENTS_HEADER + "- Giấy chứng sinh1 bản chính"
        "* Giấy tờ phải xuất trình:" + DOCUMENTS_HEADER + "- Hộ chiếu hoặc Thẻ căn cước1 bản chính"
        "* Lưu ý:" + DOCUMENTS_HEADER + "- Người đi đăng ký khai sinh là ông, bà thì không cần văn bản ủy quyền.0 bản chính"
        "* Trường hợp ủy quyền thực hiện thủ tục:" + DOCUMENTS_HEADER + "Văn bản ủy quyền được chứng thực1 bản chính"
    )
    documents, notes = parse_documents(cell)
    assert [(d.name, d.must_present, d.group) for d in documents] == [
        ("Giấy chứng sinh", False, "Giấy tờ phải nộp"),
        ("Hộ chiếu hoặc Thẻ căn cước", True, "Giấy tờ phải xuất trình"),
        ("Văn bản ủy quyền được chứng thực", False, "Trường hợp ủy quyền thực hiện thủ tục"),
    ]
    assert notes == ("Người đi đăng ký khai sinh là ông, bà thì không cần văn bản ủy quyền",)


def test_an_empty_dossier_has_no_documents():
    assert parse_documents("--") == ((), ())
    assert parse_documents("") == ((), ())


def test_legal_bases_rows_end_at_the_number_glued_to_the_next_title():
    cell = (
        "Tên văn bản pháp lýMã văn bản"
        "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch"
        "123/2015/NĐ-CP"
        "Luật 60/2014/QH1360/2014/QH13"
        "Thông tư số 03/2023/TT-BTP ngày 02/8/2023 của Bộ trưởng Bộ Tư phápThông tư số 03/2023/TT-BTP"
        "Nghị quyết số 66.7/2025/NQ-CP của Chính phủ: Quy định cắt giảm, đơn giản hóa thủ tục hành chính66.7/2025/NQ-CP"
        "Thông tư03/2025/TT-VPCPquy định một số chính sách đảm bảo an sinh xã hội182/2025/NQ-HĐND"
        "Nghị định 123/2015/NĐ-CP123/2015/NĐ-CP"
        "Sửa đổi, bổ sung một số điều của Pháp lệnh ưu đãi người có công với cách mạng04/2012/UBTVQH13"
        "26/2005/PL-UBTVQH11 - Ưu đãi người có công với cách mạng26/2005/PL-UBTVQH11"
    )
    assert parse_legal_bases(cell) == (
        LegalBasis(
            "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
            "123/2015/NĐ-CP",
        ),
        LegalBasis("Luật 60/2014/QH13", "60/2014/QH13"),
        LegalBasis("Thông tư số 03/2023/TT-BTP ngày 02/8/2023 của Bộ trưởng Bộ Tư pháp", "03/2023/TT-BTP"),
        LegalBasis("Nghị quyết số 66.7/2025/NQ-CP của Chính phủ: Quy định cắt giảm, đơn giản hóa thủ tục hành chính", "66.7/2025/NQ-CP"),
        LegalBasis("Thông tư 03/2025/TT-VPCP", "03/2025/TT-VPCP"),
        LegalBasis("quy định một số chính sách đảm bảo an sinh xã hội", "182/2025/NQ-HĐND"),
        LegalBasis("Sửa đổi, bổ sung một số điều của Pháp lệnh ưu đãi người có công với cách mạng", "04/2012/UBTVQH13"),
        LegalBasis("26/2005/PL-UBTVQH11 - Ưu đãi người có công với cách mạng", "26/2005/PL-UBTVQH11"),
    )


def test_legal_bases_without_information_or_without_a_number_cell():
    assert parse_legal_bases("Không có thông tin") == ()
    cell = "Tên văn bản pháp lýMã văn bảnThông tư số 84/2025/TT-BNNMT ngày 31 tháng 12 năm 2025 của Bộ trưởng Bộ Nông nghiệp và Môi trường"
    assert [b.number for b in parse_legal_bases(cell)] == ["84/2025/TT-BNNMT"]


def test_results_without_their_codes():
    cell = (
        "Giấy chứng nhận kiểm dịch động vật tạm nhập tái xuấtMã: KQ.G10.001245Văn bản từ chối (nêu rõ lý do)"
        "Mã: 000.00.00.G12-KQ0001Từ khóaKhông có thông tinMô tảKhông có thông tin"
    )
    assert parse_results(cell) == ("Giấy chứng nhận kiểm dịch động vật tạm nhập tái xuất", "Văn bản từ chối (nêu rõ lý do)")
    assert parse_results("") == ()
    refused_first = ("Phiếu từ chối tiếp nhận, giải quyết hồ sơ (lĩnh vực cư trú)Mã: KQ.G01.000067"
                     "Xác nhận thông tin về cư trúMã: KQ.G01.000070Từ khóaKhông có thông tin")
    assert parse_results(refused_first) == ("Xác nhận thông tin về cư trú", "Phiếu từ chối tiếp nhận, giải quyết hồ sơ (lĩnh vực cư trú)")


def test_sections_are_found_by_what_follows_their_label():
    raw = (
        "Trình Tự Thực HiệnBước 1. Lập hồ sơ theo mục 5.3 (Thành phần hồ sơ); nộp cho cơ quan BHXH."
        "Cách Thức Thực Hiện" + METHODS_HEADER + "Trực tiếp6 Ngày làm việcMiễn phí"
        "Thành phần hồ sơ--" + DOCUMENTS_HEADER + "Tờ khai1 bản chính"
        "Căn cứ pháp lýKhông có thông tin"
        "Cơ quan thực hiệnBảo hiểm xã hội cấp tỉnhYêu cầu, điều kiện thực hiệnKhông có thông tin"
        "Kết quả xử lýQuyết định hưởng trợ cấpMã: KQ.G09.000001Từ khóaKhông có thông tin"
        "Chọn cơ quan thực hiệnTỉnh/ Thành phốNộp hồ sơ"
    )
    sections = split_portal_sections(raw)
    assert sections.steps == "Bước 1. Lập hồ sơ theo mục 5.3 (Thành phần hồ sơ); nộp cho cơ quan BHXH."
    assert sections.methods == METHODS_HEADER + "Trực tiếp6 Ngày làm việcMiễn phí"
    assert sections.documents == "--" + DOCUMENTS_HEADER + "Tờ khai1 bản chính"
    assert sections.legal_bases == "Không có thông tin"
    assert sections.agency == "Bảo hiểm xã hội cấp tỉnh"
    assert sections.results == "Quyết định hưởng trợ cấpMã: KQ.G09.000001Từ khóaKhông có thông tin"


def test_a_missing_section_is_empty():
    sections = split_portal_sections("Trình Tự Thực HiệnBước 1. Nộp hồ sơ.Kết quả xử lýGiấy phépMã: KQ.G01.000001")
    assert sections.methods == sections.documents == sections.legal_bases == ""
    assert sections.steps == "Bước 1. Nộp hồ sơ."
    assert sections.results == "Giấy phépMã: KQ.G01.000001"
