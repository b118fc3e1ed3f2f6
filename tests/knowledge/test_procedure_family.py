import pytest

from knowledge.models import Evidence, Passage
from knowledge.procedure_family import (
    PLAIN,
    asked_actions,
    asked_member_first,
    named_circumstances,
    names_procedure,
    procedure_actions,
    procedure_circumstances,
)

VEHICLE = {
    "1.013065": "Thu hồi chứng nhận đăng ký xe, biển số xe thực hiện bằng dịch vụ công toàn trình",
    "1.013080": "Cấp lại chứng nhận đăng ký xe, biển số xe thực hiện bằng dịch vụ công trực tuyến toàn trình",
    "1.013079": "Đổi chứng nhận đăng ký xe, biển số xe bằng dịch vụ công trực tuyến một phần",
    "1.013067": "Đăng ký, cấp biển số xe lần đầu thực hiện bằng dịch vụ công một phần hoặc trực tiếp",
}


def procedure_evidence(code, title, score, text):
    """A procedure passage as search found it: its name as title and heading, ``text`` its facts."""
    return Evidence(Passage(f"procedure:{code}", "procedure", code, title, title, text), score)


def procedure(code, score):
    return procedure_evidence(code, VEHICLE[code], score, "Lĩnh vực: Đường bộ")


def law(score):
    return Evidence(Passage("law:36/2024/QH15:39:0", "law", "36/2024/QH15", "Luật Trật tự, an toàn giao thông đường bộ",
                            "Điều 39. Đăng ký xe", "Xe cơ giới phải được đăng ký", article="39"), score)


@pytest.mark.parametrize(
    "title, actions",
    [
        ("Cấp lại Giấy chứng nhận do bị mất", {"reissue"}),
        ("Thủ tục đăng ký lại khai sinh", {"reissue"}),
        ("Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh", {"reissue"}),
        ("Cấp đổi thẻ căn cước", {"exchange"}),
        ("Đổi giấy phép lái xe", {"exchange"}),
        ("Gia hạn tạm trú", {"extend"}),
        ("Xóa đăng ký thường trú", {"revoke"}),
        ("Đính chính Giấy chứng nhận đã cấp.", {"correct"}),
        ("Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc", {"correct"}),
        ("Trình báo mất hộ chiếu phổ thông (thực hiện tại cấp xã)", {"report_loss"}),
        ("Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh", {"suspend"}),
        ("Chấm dứt hoạt động hộ kinh doanh", {"terminate"}),
        ("Cấp lại, đổi, điều chỉnh thông tin trên sổ BHXH, thẻ BHYT", {"reissue", "exchange", "correct"}),
        ("Cấp, cấp lại, sửa đổi, bổ sung giấy phép đặt văn phòng đại diện", {PLAIN, "reissue", "correct"}),
        ("Đăng ký, cấp biển số xe lần đầu thực hiện bằng dịch vụ công một phần", {PLAIN}),
        ("Đăng ký thành lập hộ kinh doanh", {PLAIN}),
        ("Xác nhận thông tin về cư trú", {PLAIN}),
        ("Thủ tục đăng ký khai tử", {PLAIN}),
        ("Thủ tục đối với hàng hóa xuất khẩu có giá trị dưới năm triệu đồng", {PLAIN}),  # "đối", not "đổi"
    ],
)
def test_a_procedure_s_actions_are_the_verbs_its_name_opens_with(title, actions):
    assert procedure_actions(title) == actions


@pytest.mark.parametrize(
    "question, actions",
    [
        ("vừa mua xe máy ở cửa hàng, đi đăng ký biển số cần mang gì", set()),
        ("Làm mất bằng lái xe máy rồi, làm lại thế nào?", {"reissue"}),
        ("nha bi chay mat so do roi xin cap lai duoc khong", {"reissue"}),
        ("Hộ chiếu của tôi bị mất lúc đi chợ, giờ phải báo ở đâu?", {"report_loss"}),
        ("can cuoc cua toi het han nam nay, di doi o dau", {"exchange", "extend"}),
        ("Giấy khai sinh của tôi bị ghi sai tên đệm, muốn cải chính lại", {"correct"}),
        ("Con gái tôi muốn đổi sang họ mẹ thì phải làm thủ tục gì?", {"correct"}),
        ("Quán ăn của tôi muốn nghỉ bán 3 tháng vì sửa nhà, có phải báo không?", {"suspend"}),
        ("Đóng cửa hẳn tiệm tạp hóa thì làm thủ tục gì?", {"terminate"}),
        ("Hộ khẩu cũ của tôi vẫn ở quê, giờ muốn xóa thường trú ở đó", {"revoke"}),
        ("Xe máy cũ hỏng không dùng nữa, muốn nộp lại giấy đăng ký và biển số", {"revoke"}),
        ("Bảo mật thông tin cá nhân khi nộp hồ sơ trực tuyến thế nào?", set()),
        ("Thẻ căn cước của tôi bị rách, làm lại ở đâu?", {"exchange"}),
        ("doi ten roi thi the can cuoc co phai lam lai khong", {"correct", "exchange"}),
        ("Mất thẻ căn cước, làm lại thế nào?", {"reissue"}),
        ("Chỗ làm mới yêu cầu nộp giấy xác nhận tôi đang cư trú ở đâu", set()),  # "cư trú" is not "cũ"
        ("chứng thực bản sao căn cước ở đâu, có mất phí không", set()),  # "mất" what it costs is no loss
        ("làm hộ chiếu mất bao lâu", set()),
    ],
)
def test_the_action_a_question_asks_for_in_everyday_words(question, actions):
    assert asked_actions(question) == actions


def test_a_question_asking_for_the_thing_itself_puts_the_plain_procedure_before_its_family():
    found = [procedure("1.013065", 1.1), procedure("1.013080", 1.08), procedure("1.013067", 0.95), law(0.9)]
    ranked = asked_member_first("vừa mua xe máy ở cửa hàng, đi đăng ký biển số cần mang gì", found)
    assert ranked[0].passage.doc_id == "1.013067"
    assert len(ranked) == 4 and [e.score for e in ranked if e.passage.kind == "law"] == [0.9]  # law keeps its score


def test_the_action_asked_for_comes_first_then_its_kin_and_the_plain_one_stays_close():
    found = [procedure("1.013067", 1.0), procedure("1.013079", 0.97), procedure("1.013080", 0.95), procedure("1.013065", 0.94)]
    ranked = asked_member_first("mat cavet xe may thi xin cap lai the nao", found)
    assert ranked[0].passage.doc_id == "1.013080" and ranked[-1].passage.doc_id == "1.013065"
    close = {e.passage.doc_id for e in ranked if e.score >= 0.9 * ranked[0].score}
    assert close == {"1.013080", "1.013079", "1.013067"}  # the đổi and the plain one are still offered, the thu hồi not


def test_evidence_without_procedures_is_left_as_it_is():
    found = [law(0.9), law(0.5)]
    assert asked_member_first("đăng ký xe ở đâu", found) is found


MARRIAGE = {
    "1.000894": "Thủ tục đăng ký kết hôn",
    "2.000806": "Thủ tục đăng ký kết hôn có yếu tố nước ngoài",
    "1.000094": "Thủ tục đăng ký kết hôn có yếu tố nước ngoài tại khu vực biên giới",
    "1.000593": "Thủ tục đăng ký kết hôn lưu động",
}


def marriage(code, score):
    return procedure_evidence(code, MARRIAGE[code], score, "Lĩnh vực: Hộ tịch")


@pytest.mark.parametrize(
    "title, circumstances",
    [
        ("Thủ tục đăng ký kết hôn", set()),
        ("Thủ tục đăng ký kết hôn có yếu tố nước ngoài tại khu vực biên giới", {"foreign", "border"}),
        ("Thủ tục đăng ký khai tử lưu động", {"mobile"}),
        ("Đổi giấy phép lái xe hoặc bằng lái xe của người nước ngoài", {"foreign"}),
        ("Đổi giấy phép lái xe quân sự do Bộ Quốc phòng cấp", {"armed_forces"}),
        ("Cấp Phiếu Lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam", set()),
        ("Đăng ký đất đai, cấp Giấy chứng nhận lần đầu đối với hộ gia đình, cá nhân, người gốc Việt Nam định cư ở nước ngoài",
         set()),
        ("Cấp lại Giấy phép đào tạo lái xe ô tô khi bị mất, bị hỏng", {"trade"}),  # a driving school's licence
    ],
)
def test_a_procedure_s_circumstances_are_read_from_its_name(title, circumstances):
    assert procedure_circumstances(title) == circumstances


@pytest.mark.parametrize(
    "question, circumstances",
    [
        ("dang ky ket hon voi nguoi o tinh khac thi lam o dau", set()),
        ("chong toi nguoi Uc mat tai Viet Nam, lam giay chung tu o dau", {"foreign"}),
        ("Tôi lấy vợ người Hàn Quốc, đăng ký kết hôn ở đâu?", {"foreign"}),
        ("Người lao động bị tai nạn thì hưởng chế độ gì?", set()),
        ("Bố tôi ốm nặng không đi được, cán bộ hộ tịch đến tận nhà đăng ký khai tử được không?", {"mobile"}),
        ("cap lai giay phep lai xe bi mat can gi", set()),  # a driver's licence is no operator's
        ("xin cấp lại giấy phép hoạt động phòng khám", {"trade"}),
    ],
)
def test_the_circumstances_a_question_names(question, circumstances):
    assert named_circumstances(question) == circumstances


def test_the_plain_member_comes_first_unless_the_question_names_the_circumstance():
    found = [marriage("2.000806", 1.05), marriage("1.000894", 1.0), marriage("1.000094", 0.97), marriage("1.000593", 0.9)]
    plain = asked_member_first("dang ky ket hon voi nguoi o tinh khac thi lam o dau", found)
    assert plain[0].passage.doc_id == "1.000894"
    assert [e.passage.doc_id for e in plain if e.score >= 0.9 * plain[0].score] == ["1.000894"]
    foreign = asked_member_first("Tôi lấy chồng người Hàn Quốc thì đăng ký kết hôn ở đâu?", found)
    assert foreign[0].passage.doc_id == "2.000806"


@pytest.mark.parametrize("question, title, named", [
    ("chuyen sang thue nha o quan khac, dang ky tam tru cho nguoi thue nha the nao", "Đăng ký tạm trú", True),
    ("muốn tách hộ ra riêng thì làm sao", "Tách hộ", True),
    ("dk ket hon o dau", "Thủ tục đăng ký kết hôn", True),
    ("cấp lại thẻ căn cước mất mấy ngày", "Cấp lại thẻ căn cước (thực hiện tại cấp tỉnh)", True),
    ("đăng ký tạm trú ở đâu", "Đăng ký thường trú", False),
    ("gia hạn", "Gia hạn tạm trú", False),
])
def test_a_procedure_is_named_by_its_whole_name_without_thu_tuc_and_level(question, title, named):
    assert names_procedure(question, title) is named


HEALTH_CARD = {
    "1.001294": ("Cấp lại thẻ bảo hiểm y tế (thực hiện tại cấp tỉnh)", "Lĩnh vực: Chính sách\nCơ quan thực hiện: Công an cấp Tỉnh"),
    "1.002759": ("Cấp lại, đổi, điều chỉnh thông tin trên sổ BHXH, thẻ BHYT", "Lĩnh vực: Cấp sổ BHXH, thẻ BHYT"),
}


def health_card(code, score):
    title, text = HEALTH_CARD[code]
    return procedure_evidence(code, title, score, text)


def test_the_armed_forces_own_welfare_procedures_are_read_from_their_field():
    found = [health_card("1.001294", 1.25), health_card("1.002759", 0.95)]
    ranked = asked_member_first("Tôi làm rơi mất thẻ bảo hiểm y tế, xin cấp lại thẻ ở đâu?", found)
    assert ranked[0].passage.doc_id == "1.002759"
    police = asked_member_first("Tôi là công an, làm mất thẻ bảo hiểm y tế, xin cấp lại ở đâu?", found)
    assert police[0].passage.doc_id == "1.001294"
    named = asked_member_first("cấp lại thẻ bảo hiểm y tế", found)  # its name is the citizen's words, not its use
    assert named[0].passage.doc_id == "1.002759"


BIRTH = {
    "2.000986": "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
    "1.004222": "Đăng ký thường trú",
}


def birth(code, score):
    return procedure_evidence(code, BIRTH[code], score, "Lĩnh vực: Hộ tịch")


def test_a_procedure_issuing_what_the_question_says_is_already_held_goes_down():
    found = [birth("2.000986", 1.0), birth("1.004222", 0.9)]
    held = asked_member_first("Con tôi đã có giấy khai sinh rồi, giờ muốn nhập hộ khẩu cho cháu", found)
    assert held[0].passage.doc_id == "1.004222"
    newborn = asked_member_first("Con tôi mới sinh, muốn làm khai sinh và nhập hộ khẩu cho cháu", found)
    assert newborn[0].passage.doc_id == "2.000986"


def test_the_procedure_for_the_age_the_question_gives_comes_first():
    found = [procedure_evidence("1.014061", "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên", 1.0, "Lĩnh vực: Căn cước"),
             procedure_evidence("1.014062", "Cấp thẻ căn cước cho người dưới 14 tuổi", 0.98, "Lĩnh vực: Căn cước")]
    child = asked_member_first("làm căn cước cho con 5 tuổi", found)
    assert child[0].passage.doc_id == "1.014062" and child[1].score == pytest.approx(1.0 - 0.25)
    assert asked_member_first("mẹ tôi 70 tuổi làm căn cước ở đâu", found)[0].passage.doc_id == "1.014061"
    assert asked_member_first("làm căn cước cho con 14 tuổi", found)[0].passage.doc_id == "1.014061"  # từ đủ 14
    # a bound the question puts on the age: "dưới 14 tuổi" is 13 or less, "trên 14 tuổi" 15 or more
    assert asked_member_first("lệ phí cấp căn cước cho trẻ em dưới 14 tuổi", found)[0].passage.doc_id == "1.014062"
    assert asked_member_first("cap can cuoc cho nguoi tren 14 tuoi", found)[0].passage.doc_id == "1.014061"
    unsaid = asked_member_first("làm căn cước cho con", found)
    assert [e.score for e in unsaid] == [1.0, 0.98]  # no age given: the order stays


def test_a_procedure_done_above_the_commune_goes_after_its_twin_at_the_commune_unless_its_level_is_asked():
    found = [procedure_evidence("2.001194", "Cấp lại thẻ căn cước (thực hiện tại cấp tỉnh)", 1.0, "Lĩnh vực: Căn cước"),
             procedure_evidence("1.000757", "Cấp lại thẻ căn cước (thực hiện tại cấp trung ương)", 0.97, "Lĩnh vực: Căn cước"),
             procedure_evidence("1.014064", "Cấp lại thẻ căn cước", 0.9, "Lĩnh vực: Căn cước")]
    citizen = asked_member_first("mất căn cước làm lại ở đâu", found)
    assert [e.passage.doc_id for e in citizen] == ["1.014064", "2.001194", "1.000757"]
    assert citizen[1].score == pytest.approx(1.0 - 0.15)
    assert asked_member_first("cấp lại căn cước tại Công an tỉnh", found)[0].passage.doc_id == "2.001194"
    assert asked_member_first("cấp lại căn cước ở cấp trung ương", found)[0].passage.doc_id == "1.000757"
    passport = [procedure_evidence("1.001445", "Trình báo mất hộ chiếu phổ thông (thực hiện tại cấp tỉnh)", 1.0, ""),
                procedure_evidence("1.010386", "Trình báo mất hộ chiếu phổ thông (thực hiện tại cấp xã)", 0.99, "")]
    assert asked_member_first("mat ho chieu thi bao o dau", passport)[0].passage.doc_id == "1.010386"
    alone = asked_member_first("mất căn cước làm lại ở đâu", found[:2])  # no twin at the commune: none goes down
    assert [e.passage.doc_id for e in alone] == ["2.001194", "1.000757"] and alone[0].score >= 1.0


def test_a_paper_said_in_everyday_words_names_the_procedure_acting_on_it():
    found = [procedure_evidence("1.000000", "Cấp lại Giấy phép đào tạo lái xe ô tô khi bị mất, bị hỏng", 1.0, "Lĩnh vực: Đường bộ"),
             procedure_evidence("1.002835", "Cấp lại giấy phép lái xe", 0.95, "Lĩnh vực: Đường bộ")]
    lost = asked_member_first("bị mất bằng lái xe ô tô thì làm lại ở đâu", found)  # "bằng lái xe": giấy phép lái xe
    assert lost[0].passage.doc_id == "1.002835" and lost[0].score == pytest.approx(0.95 + 0.2)
    unsaid = asked_member_first("bị mất giấy tờ xe thì làm lại ở đâu", found)  # no paper of either named
    assert {e.passage.doc_id: e.score for e in unsaid}["1.002835"] == pytest.approx(0.95)
