"""A question asking for a sum of money, and the texts that state one."""
import pytest

from assistant.pipeline.answerable import asks_money, states_money


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
