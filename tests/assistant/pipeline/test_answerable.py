"""A question asking for a sum of money, and the texts that state one."""
import pytest

from assistant.pipeline.answerable import asks_money, asks_rate, grounding, states_money


@pytest.mark.parametrize("question, asks", [
    ("Mức lương cơ sở hiện nay là bao nhiêu tiền một tháng?", True),
    ("luong toi thieu vung 1 nam 2026 la bao nhieu", True),
    ("Đi xe máy vượt đèn đỏ bây giờ bị phạt bao nhiêu tiền?", True),
    ("nam nay phuong minh co ho tro tien Tet cho ho ngheo khong, moi ho duoc bao nhieu", True),
    ("Giá đất ở đường Lê Lợi, phường Bến Thành là bao nhiêu một mét vuông?", True),
    # no day or place: the law may answer how the sum is set
    ("tien cap duong nuoi con sau ly hon la bn 1 thang, ai quyet dinh muc do?", False),
    ("Người độc thân muốn mua nhà ở xã hội thì thu nhập tối đa bao nhiêu một tháng?", False),
    ("Phí trọng tài bao gồm bao nhiêu khoản chi phí?", False),
    ("Theo Luật Trồng trọt, chiến lược phát triển trồng trọt hiện nay xây dựng cho chu kỳ bao nhiêu lâu?", False),
    ("Làm đủ 1 năm ở công ty thì được nghỉ phép năm bao nhiêu ngày?", False),
    ("trợ cấp thôi việc được bao nhiêu tháng lương", False),
    ("Tội trộm cắp hiện nay bị phạt tù bao nhiêu năm?", False),
    ("Tuổi nghỉ hưu của lao động nữ trong điều kiện bình thường là bao nhiêu?", False),
    ("Hạn mức giao đất trồng cây hằng năm cho cá nhân ở đồng bằng sông Cửu Long là bao nhiêu?", False),
])
def test_which_questions_ask_for_a_sum_of_money(question, asks):
    assert asks_money(question) is asks


def test_a_sum_a_rate_or_a_multiple_of_the_reference_wage_is_stated():
    assert states_money("phạt bao nhiêu", "Phạt tiền từ 4.000.000 đồng đến 6.000.000 đồng")
    assert states_money("thuế bao nhiêu phần trăm", "thuế suất 10%")
    assert states_money("trợ cấp thất nghiệp tối đa bao nhiêu tiền", "tối đa không quá 05 lần mức lương cơ sở")
    # … but a multiple of the mức lương cơ sở does not say what the mức lương cơ sở is
    assert not states_money("Mức lương cơ sở hiện nay là bao nhiêu tiền?", "bằng 0,9 mức lương cơ sở hiện hành")
    # … nor does a sum stated beside it: only one said of it
    assert not states_money("Mức lương cơ sở hiện nay là bao nhiêu tiền?",
                            "Phụ cấp tính theo mức lương cơ sở; người có thu nhập trên 15.000.000 đồng không được hưởng.")
    assert states_money("Mức lương cơ sở hiện nay là bao nhiêu tiền?", "Từ ngày 01/7/2024, mức lương cơ sở là 2.340.000 đồng/tháng.")
    assert not states_money("học phí bao nhiêu", "mức học phí do Hội đồng nhân dân cấp tỉnh quyết định")


def test_a_percentage_asked_is_stated_only_as_a_percentage_by_the_law_or_a_procedure():
    from knowledge.models import Evidence, Passage

    question = "Lệ phí trước bạ xe máy đăng ký lần đầu ở Hà Nội hiện nay là bao nhiêu phần trăm?"
    assert asks_rate(question) and not asks_rate("lệ phí làm hộ chiếu hiện nay bao nhiêu")
    fine = Passage("law:168/2024/NĐ-CP:32:0", "law", "168/2024/NĐ-CP", "Nghị định xử phạt", "Điều 32.",
                   "3. Phạt tiền từ 800.000 đồng đến 1.000.000 đồng đối với chủ xe mô tô không làm thủ tục đăng ký xe")
    registration = Passage("procedure:1.013066", "procedure", "1.013066", "Đăng ký xe lần đầu", "Đăng ký xe lần đầu",
                           "Lệ phí: 1.000.000 đồng")
    rate = Passage("law:10/2022/NĐ-CP:8:0", "law", "10/2022/NĐ-CP", "Nghị định về lệ phí trước bạ", "Điều 8.",
                   "4. Xe máy mức thu là 2%; xe máy nộp lệ phí lần đầu tại thành phố trực thuộc trung ương mức thu là 5%.")
    assert grounding("law", question, [Evidence(fine, 1.0)], None).figure_missing
    assert grounding("procedure", question, [Evidence(registration, 1.0)], None).figure_missing
    assert not grounding("law", question, [Evidence(fine, 1.0), Evidence(rate, 0.9)], None).figure_missing


def test_the_classifier_s_out_of_scope_guess_does_not_refuse_evidence_that_covers_the_question():
    from knowledge.models import Evidence, Passage

    statute = Passage("law:91/2015/QH13:623:0", "law", "91/2015/QH13", "Bộ luật Dân sự", "Điều 623. Thời hiệu thừa kế",
                      "1. Thời hiệu để người thừa kế yêu cầu chia di sản là 30 năm đối với bất động sản, 10 năm đối với"
                      " động sản, kể từ thời điểm mở thừa kế.")
    covered = grounding("law", "Thời hiệu yêu cầu chia di sản thừa kế là bao nhiêu năm?", [Evidence(statute, 1.0)], None)
    assert covered.coverage >= 0.6 and covered.answers(out_of_scope=0.87)
    barely = grounding("law", "giá vàng hôm nay bao nhiêu một chỉ, mua ở tiệm nào thì rẻ", [Evidence(statute, 1.0)], None)
    assert barely.coverage < 0.6 and not barely.answers(out_of_scope=0.87)
