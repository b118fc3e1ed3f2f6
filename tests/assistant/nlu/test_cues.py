"""What the words of a message say for sure: questions, side effects asked for or refused, yes/no replies."""
import json
from pathlib import Path

import pytest

from assistant.nlu.cues import cues, feedback_body, reply_to_yes_no
from assistant.nlu.training_data import load_training_data

EVALS_DATA = Path(__file__).resolve().parents[3] / "evals" / "data"


@pytest.mark.parametrize("message", [
    "Làm sao để phân biệt nơi thường trú và nơi tạm trú?",
    "Trợ giúp viên pháp lý sẽ do ai bổ nhiệm?",
    "Tài sản công đoàn hình thành từ đâu",
    "làm giấy khai sinh cần gì",
    "thu viec toi da duoc bao lau",
    "Thỏa thuận trọng tài có độc lập với hợp đồng hay không",
    "Vợ chồng phải đóng góp tài sản riêng để đáp ứng nhu cầu thiết yếu của gia đình, đúng hay sai",
    "me toi mat duoc 3 thang roi ma chua ai di khai tu, gio con di lam co bi phat khong",
    "cho hỏi thủ tục nhập hộ khẩu cho con",
    "Thời hiệu khởi kiện tranh chấp thừa kế",  # a legal topic typed as a search, not a grievance
    "Thẩm quyền xử phạt của Chủ tịch UBND cấp xã trong lĩnh vực giao thông đường bộ",
    "con hoc lop 6 danh ban trong gio ra choi lam ban bi thuong, truong hay bo me phai den",  # which of two pays
])
def test_questions_are_read_as_questions_with_and_without_diacritics(message):
    assert cues(message).asks


@pytest.mark.parametrize("message", [
    "cảm ơn bạn nhiều", "xin chào", "đăng ký tạm trú cho người thuê trọ",
    "phản ánh tiếng ồn từ quán karaoke gần nhà đã lâu không ai xử lý", "không có ai nghe điện thoại đường dây nóng",
])
def test_statements_are_not_questions(message):
    assert not cues(message).asks


@pytest.mark.parametrize("message, intent", [
    ("Tôi muốn phản ánh: cán bộ một cửa hẹn nhiều lần chưa trả kết quả", "feedback"),
    ("toi muon phan anh can bo phuong hen nhieu lan", "feedback"),
    ("toi muon phan anh duong ngo 5 bi ngap nuoc may ngay nay", "feedback"),  # "mấy ngày nay" asks nothing
    ("kiến nghị rút ngắn thời gian chờ ở bộ phận một cửa", "feedback"),
    ("Phản ánh: sao hồ sơ của tôi 2 tháng rồi chưa có kết quả?", "feedback"),
    ("Gửi phản ánh giúp tôi: rác tập kết ở đầu ngõ 12 bốc mùi mấy hôm nay", "feedback"),
    ("tôi nộp hồ sơ quá hạn 2 tuần rồi mà chưa có kết quả, tôi muốn phản ánh", "feedback"),
    ("cho tôi gặp cán bộ", "handover"),
    ("bot không hiểu, cho tôi gặp người", "handover"),
    ("có ai là người thật không", "handover"),
    ("gặp lãnh đạo phường được không", "handover"),
    ("soạn giấy mời họp giao ban 9h thứ Hai tại phòng họp số 2", "draft_document"),
    ("viet giup toi cong van gui So Tu phap", "draft_document"),
    ("nhắc tôi nộp báo cáo quý lúc 9h sáng thứ Hai tuần sau", "reminder"),
    ("15h chiều nay nhắc tôi gọi cho phòng Tài chính", "reminder"),
    ("giao việc cho anh Minh hoàn thành báo cáo trước 15/3", "reminder"),
])
def test_side_effects_asked_for_in_so_many_words(message, intent):
    assert cues(message).request == intent


@pytest.mark.parametrize("message", [
    "khiếu nại là gì?",
    "Tôi muốn khiếu nại quyết định thu hồi đất thì làm thế nào?",
    "sao hồ sơ của tôi nộp 2 tháng rồi phường vẫn chưa giải quyết?",
    "nop ho so qua han 2 tuan chua co ket qua, phan anh o dau",
    "Phản ánh kiến nghị về quy định hành chính được xử lý trong bao lâu?",
    "Ai có thẩm quyền soạn thảo dự thảo luật?",
    "Hình thức nhắc nhở được áp dụng khi nào?",
    "Công dân có quyền gặp cán bộ tiếp công dân không?",
    "góp ý cho dự thảo nghị quyết này giúp tôi",
    "Ai chịu trách nhiệm về sách giáo khoa trong giáo dục phổ thông?",
])
def test_a_question_or_a_topic_is_never_a_request(message):
    assert cues(message).request is None


@pytest.mark.parametrize("message, intent", [
    ("đừng gửi phản ánh", "feedback"), ("dung gui phan anh nhe", "feedback"),
    ("không cần gặp cán bộ đâu", "handover"), ("thôi khỏi soạn giấy mời", "draft_document"),
])
def test_a_refused_side_effect_is_not_requested(message, intent):
    said = cues(message)
    assert said.declined == intent and said.request is None


@pytest.mark.parametrize("reply, meaning", [
    ("1", True), ("Gửi", True), ("gui di", True), ("ok nhé", True), ("Đồng ý", True), ("đúng", True),
    ("2", False), ("không", False), ("ko", False), ("thôi", False), ("đừng", False), ("không gửi nữa", False),
    ("dung", None), ("3", None), ("lệ phí bao nhiêu?", None),
])
def test_yes_no_replies(reply, meaning):
    assert reply_to_yes_no(reply) is meaning


def test_what_a_phan_anh_says_without_the_words_that_send_it():
    assert feedback_body("Tôi muốn phản ánh: cán bộ một cửa hẹn nhiều lần") == "cán bộ một cửa hẹn nhiều lần"
    assert feedback_body("phản ánh việc lấn chiếm vỉa hè ở tổ 5") == "lấn chiếm vỉa hè ở tổ 5"
    assert feedback_body("tôi muốn gửi phản ánh") == ""


@pytest.mark.parametrize("message, beyond", [
    ("Luật lao động Nhật Bản cho làm thêm tối đa bao nhiêu giờ?", "other_country"),
    ("o singapore dang ky ket hon can giay to gi", "other_country"),
    ("Thủ tục xin visa du lịch Mỹ cần những gì?", "other_country"),
    ("Theo bạn có nên ly hôn khi chồng ngoại tình không?", "opinion"),
    ("co nen mua dat nen du an khong", "opinion"),  # advice on a purchase
    ("Gói bảo hiểm sức khỏe nào rẻ nhất?", "opinion"),
    ("Người nước ngoài có được mua nhà ở tại Việt Nam không?", None),  # what the law allows
    ("Giá vàng SJC hôm nay bao nhiêu một lượng?", "live_fact"),
    ("Chủ tịch UBND tỉnh Lâm Đồng hiện nay là ai?", "live_fact"),
    ("Hồ sơ cấp đổi căn cước của tôi nộp tuần trước giờ đã xong chưa?", "live_fact"),
    ("ho so cua toi da co ket qua chua", "live_fact"),
    ("Số tài khoản để nộp phạt vi phạm giao thông của Công an TP.HCM là gì?", "live_fact"),
    ("Bộ phận một cửa của phường Tân Định thứ bảy có làm việc không?", "live_fact"),
    ("Người lao động làm việc vào ngày lễ có được trả lương không?", None),
    ("Ngày mai phường có làm việc không?", "live_fact"),
    ("phuong lam viec may gio, thu 7 co lam khong", "live_fact"),  # an office's hours
    ("Người lao động làm việc từ mấy giờ thì được tính là làm việc vào ban đêm?", None),  # a worker's
    ("Thứ 7 có làm thêm giờ thì được trả lương thế nào?", None),
    ("Tôi làm rơi mất thẻ bảo hiểm y tế, tuần sau phải đi khám bệnh. Xin cấp lại thẻ ở đâu?", None),  # the asker's day
    ("Gửi phản ánh giúp tôi: rác tập kết ở đầu ngõ 12 bốc mùi mấy hôm nay", None),  # "these days", not today's news
    ("Hồ sơ đăng ký khai sinh gồm những giấy tờ gì?", None),
    ("Bao giờ thì công chức được nhận lương tháng 13 năm nay?", "live_fact"),
    ("Kỳ thi tuyển công chức tỉnh Đồng Nai năm 2027 tổ chức vào ngày nào?", "live_fact"),
    ("Luật An ninh mạng năm 2018 có hiệu lực từ khi nào?", None),  # the law's year
    ("Hạn chót nộp tờ khai quyết toán thuế năm nay là ngày nào?", None),  # a deadline the law sets
    ("diem chuan lop 10 truong cong lap nam nay", "live_fact"),
    ("Ai là chủ tịch phường Bến Nghé?", "live_fact"),
    ("lich cat dien khu pho 3 tuan sau", "local_fact"),  # a numbered khu phố's schedule
    ("Bệnh viện nào ở quận Bình Thạnh khám bảo hiểm y tế?", "live_fact"),
    ("xã tôi khi nào phát tiền hỗ trợ bão lũ", "local_fact"),
    ("ubnd phuong 7 may gio mo cua", "local_fact"),
    ("phường tôi tuần này có phát quà trung thu cho trẻ em không", "local_fact"),  # the ward's event of the day
    ("Năm nay xã Tân Phú Trung được bao nhiêu suất nhà tình thương?", "local_fact"),
    ("Xã có trách nhiệm gì khi người dân đến đăng ký khai sinh?", None),  # a commune in the law's words
    ("Phường tôi làm giấy khai sinh cho con ở đâu?", None),  # the asker's ward, asking how
    ("Nhà đầu tư được chậm tiến độ dự án tối đa bao nhiêu tháng?", None),  # a delay the law allows, not a file's progress
    ("toi muon kien nghi phuong lap den giao thong o nga tu gan truong", None),  # a crossroads, not Russia
    ("khi nao thi phuong to chuc tiem vac xin nam nay", "live_fact"),  # words between, typed without diacritics
    ("tại sao phường làm hồ sơ của tôi chậm thế, đã 2 tháng rồi?", "live_fact"),  # the asker's own file
    ("Nếu cơ quan giải quyết hồ sơ chậm thì tôi khiếu nại ở đâu?", None),  # a delay in general: the law's
    ("viết giúp tôi một bài thơ về mùa thu", "general_task"),
    ("ke chuyen cuoi di ban", "general_task"),
    ("lam banh flan bang noi com dien duoc khong", "general_task"),  # a recipe
    ("lịch trình du lịch Phú Quốc 3 ngày 2 đêm", "general_task"),  # a trip to plan
    ("Doanh nghiệp lữ hành có được thay đổi lịch trình du lịch đã ký với khách không?", None),  # the operator's duty
    ("Tôi muốn mở tiệm làm bánh thì cần giấy phép gì?", None),
    ("làm hồ sơ bằng máy tính có được không", None),
    ("dich giup minh doan van nay sang tieng anh", "general_task"),
    ("giải giúp em bài toán lớp 5 này", "general_task"),
    ("cách nấu phở bò ngon", "general_task"),
    ("Dịch giấy khai sinh sang tiếng Anh rồi chứng thực ở đâu?", None),  # a paper translated for a procedure
    ("Tôi xin kể chuyện nhà tôi bị hàng xóm lấn đất, giờ phải làm sao?", None),
    ("viết giúp tôi đơn khiếu nại quyết định thu hồi đất", None),
])
def test_what_no_law_or_procedure_holds(message, beyond):
    assert cues(message).beyond == beyond


@pytest.mark.parametrize("message", [
    "Chồng tôi là người Hàn Quốc, bé sinh ở Hà Nội, giờ làm giấy khai sinh cho bé ở đâu?",
    "Tôi đã ly hôn bên Mỹ, giờ về Việt Nam muốn cưới người khác thì ghi vào sổ ở đâu?",
    "Công dân phải làm thủ tục gia hạn tạm trú bao nhiêu ngày trước khi hết hạn?",
    "Ly hôn giả tạo là việc chấm dứt quan hệ vợ chồng theo bản án của Tòa án, đúng hay sai?",
    "Người đại diện theo pháp luật của pháp nhân gồm những ai?",
    "Quán ăn thua lỗ, tôi muốn đóng cửa hẳn và trả lại giấy phép hộ kinh doanh",
    "Lệ phí cấp hộ chiếu là bao nhiêu?",
    "Tôi cần phiếu lý lịch tư pháp để nộp hồ sơ đi du học Úc, xin ở đâu?",  # a Vietnamese paper used abroad
    "xin giay xac nhan tinh trang hon nhan de ket hon voi nguoi Han o ben Han",
])
def test_vietnamese_law_and_its_words_are_not_beyond_it(message):
    assert cues(message).beyond is None


def test_no_training_question_and_no_evaluation_question_asks_for_a_side_effect():
    legal = [q["text"] for q in json.loads((EVALS_DATA / "legal_citizen_questions.json").read_text(encoding="utf-8"))]
    procedures = [json.loads(line)["question"] for line in (EVALS_DATA / "procedure_questions.jsonl").read_text(encoding="utf-8").splitlines() if line]
    examples = load_training_data().examples
    asked = [e.text for e in examples if e.intent in ("legal_question", "procedure_guide", "procedure_detail")]
    assert [q for q in legal + procedures + asked if cues(q).request] == []


@pytest.mark.shared
def test_no_alqac_question_asks_for_a_side_effect_or_is_beyond_the_law(shared_dir):
    alqac = shared_dir / "benchmarks" / "alqac"
    texts = {q["text"] for name in ("train2023.json", "train2025_covered.json") for q in json.loads((alqac / name).read_text(encoding="utf-8"))}
    said = {text: cues(text) for text in texts}
    assert [t for t, c in said.items() if c.request or c.declined or c.beyond] == []


@pytest.mark.parametrize("message, how", [
    ("làm giấy khai sinh cần gì", True),
    ("Làm sao để đăng ký tạm trú cho người thuê trọ?", True),
    ("Làm sao để phân biệt nơi thường trú và nơi tạm trú?", False),  # to understand, not to get something done
    ("lam sao de biet dat co dang tranh chap khong", False),
    ("Hồ sơ đăng ký khai tử gồm những giấy tờ gì?", True),  # papers to bring, asked in a citizen's words
    ("Hồ sơ đăng ký tạm trú bao gồm những gì?", False),  # the law's words: Luật Cư trú answers
    ("Em tôi nay đã thành niên, tôi thôi làm giám hộ cho em thì có phải đăng ký gì không?", True),
    ("nha cap 4 muon cai tao sua lai mat tien thi co can xin giay phep khong", True),
    ("Người lao động có phải đóng bảo hiểm thất nghiệp không?", False),
    ("Cần chứng thực chữ ký trên giấy ủy quyền thì ra đâu làm?", True),
    ("quan an cua toi muon nghi ban 3 thang roi mo lai, co phai bao phuong khong", True),
    ("Xe máy cũ hỏng không dùng nữa, muốn nộp lại giấy đăng ký và biển số", True),
    ("can cuoc ghi sai que quan, muon sua lai cho dung", True),
    ("Đóng cửa hẳn tiệm tạp hóa thì làm thủ tục gì?", True),
    ("mat can cuoc thi phai lam sao", True),
    ("Ly hôn xong vợ cũ không cho tôi gặp con, tôi phải làm sao?", False),  # what the law gives, not a paper
    ("Con tôi bị đánh ở trường, tôi phải làm sao bây giờ?", False),
    ("lam lai ban sao giay ks cho con di hoc dc ko", True),  # a paper named after the verb, far from "được không"
    ("Người lao động làm thêm giờ vào ngày nghỉ lễ có được trả lương gấp ba không", False),
    ("Muốn tách thửa đất để chia cho con trai thì làm thủ tục gì?", True),
    ("Tôi muốn mở homestay ở Hội An thì cần điều kiện gì?", False),  # wanting it is the situation; the condition is asked
    ("Luật Nhà ở 2014 quy định điều kiện mua nhà ở xã hội thế nào?", False),  # what a named law says
    ("thủ tục đăng ký thường trú cho con mới sinh", True),  # a procedure named, nothing else asked
    ("làm hộ chiếu", True),
    ("Bị công ty nợ lương 3 tháng thì làm sao?", False),  # advice asked, no paper named
    ("ly hôn ở nước ngoài rồi, về nước muốn ghi chú ly hôn thì làm sao", True),  # what is wanted: how to do it
    ("mất căn cước thì làm sao", True),
    ("Không có giấy đăng ký xe bị phạt thế nào?", False),  # the sanction, not how to register
    ("bị phạt nguội thì nộp phạt ở đâu", True),  # paying the fine is done at an office
    ("hộ kinh doanh muốn tạm ngừng kinh doanh 6 tháng", True),
    ("Vợ chồng ly hôn thì nhà đất mua trước hôn nhân chia thế nào?", False),  # how the law shares it out
    ("Lương làm thêm giờ ngày lễ được tính thế nào?", False),
    ("chuyển mục đích sử dụng đất vườn lên thổ cư", True),  # a task named, nothing asked
    ("thay đổi họ tên cho con", True),
    ("thủ tục nhận lương hưu một lần", True),
    ("sổ gốc cũng thất lạc hết rồi, giờ làm lại giấy khai sinh kiểu gì?", True),
    ("Công ty không đóng bảo hiểm xã hội cho tôi thì làm thế nào?", False),  # "thế nào" names no thẻ
    ("Bên được thi hành phán quyết có thể làm gì khi bên kia không tự nguyện thi hành?", False),  # what the law allows
    ("Thẩm phán tiến hành thủ tục đối thoại như thế nào?", False),  # "đối thoại", not "đổi"
    ("đổi bằng lái xe ở đâu", True),
    ("muốn mở một công ty trách nhiệm hữu hạn một thành viên, thủ tục thế nào?", True),
    ("muon di du lich Dong Hung ma khong co ho chieu thi lam giay gi", True),
    ("mở tiệm cắt tóc rồi, hằng tháng khai thuế thế nào", True),
    ("cho muon tien khong co giay to co doi duoc khong", False),  # "đòi" a debt, not "đổi" a paper
    ("bằng lái hết hạn đổi được không", True),
])
def test_asking_how_to_get_something_done_is_told_from_asking_how_to_understand(message, how):
    assert cues(message).asks_how is how


@pytest.mark.parametrize("message, wants", [
    ("Đăng ký xe máy mới mua", True),
    ("Giấy khai sinh cho con mới đẻ", True),
    ("lam lai can cuoc", True),
    ("đổi bằng lái xe quá hạn", True),
    ("doi can cuoc sang the moi", True),
    ("đổi tiền lẻ", False),  # no paper named
    ("toi can xin ban sao giay khai sinh vi ban goc bi rach", True),
    ("Tôi muốn đăng ký tạm trú cho người thuê trọ", True),
    ("xac nhan cu tru de cho con di hoc", True),
    ("xin chào", False),
    ("Tôi muốn hỏi về quyền của người lao động", False),
    ("nhận được rồi, cảm ơn nhé", False),
    ("Đăng ký kết hôn khi nào thì có hiệu lực?", False),  # a question on the law
    ("Giấy chứng nhận quyền sử dụng đất được cấp cho ai?", False),
    ("nhặt được ví, không có giấy tờ gì, giữ luôn được không?", False),  # papers missing are a circumstance
])
def test_a_message_naming_the_task_or_the_paper_wants_the_procedure(message, wants):
    said = cues(message)
    assert said.wants_procedure is wants and said.asks_how is wants  # what is to be done, not what the law says


@pytest.mark.parametrize("message, condition", [
    ("nam may tuoi thi duoc dang ky ket hon", True),
    ("Người thân mất thì trong bao lâu phải đi đăng ký khai tử?", True),
    ("Thuê nhà ở thì có được đăng ký thường trú ở đó không, cần điều kiện gì?", True),
    ("con toi 15 tuoi lam can cuoc o dau", False),
    ("Đăng ký khai tử cần giấy tờ gì?", False),
    ("Hộ kinh doanh được thuê tối đa bao nhiêu lao động?", True),  # a limit the law sets
    ("Làm căn cước mất tối đa bao nhiêu ngày?", False),  # a processing time, on the procedure's page
    ("Công dân phải làm thủ tục gia hạn tạm trú bao nhiêu ngày trước ngày hết hạn?", True),  # a deadline the law sets
    ("Trước khi hết hạn tạm trú bao nhiêu ngày thì phải gia hạn?", True),
])
def test_an_age_a_condition_or_a_deadline_is_asked_of_the_law(message, condition):
    assert cues(message).asks_condition is condition


@pytest.mark.parametrize("message, about", [
    ("bạn là ai", True),
    ("ban la ai vay", True),
    ("Bạn làm được những gì?", True),
    ("bạn có thể giúp gì cho tôi", True),
    ("bạn có thể giúp tôi làm gì", True),
    ("bạn giúp tôi làm giấy khai sinh", False),
    ("chào bạn, bạn giúp được gì", True),
    ("bạn là người hay máy", True),
    ("bạn ơi, làm giấy khai sinh ở đâu", False),
    ("em làm được gì cho hồ sơ đất", False),
    ("Trợ giúp viên pháp lý sẽ do ai bổ nhiệm?", False),
])
def test_a_question_on_the_assistant_itself(message, about):
    assert cues(message).about_assistant is about


@pytest.mark.parametrize("message, court", [
    ("thu tuc ly hon thuan tinh", True),
    ("muốn khởi kiện đòi nợ thì nộp đơn ở đâu", True),
    ("ghi chú ly hôn đã giải quyết ở nước ngoài", False),  # recorded by an office
    ("ly hôn theo bản án của tòa án Hàn Quốc, phải làm thủ tục để được ghi nhận vào sổ hộ tịch", False),
    ("Tôi đã ly hôn bên Mỹ, giờ về Việt Nam muốn cưới người khác thì phải ghi bản án ly hôn đó vào sổ ở đâu?", False),
    ("làm giấy khai sinh cho con", False),
    ("Bị công ty nợ lương 3 tháng thì kiện ở đâu?", True),
    ("cong ty quyt luong thi di kien duoc khong", True),
    ("điều kiện ở đâu cũng như nhau", False),  # folded "điều kiện" is no suing
    ("bị mất xe máy thì trình báo ở đâu", True),  # a theft is the police's, as a crime
    ("mua hàng online bị lừa tiền thì báo ở đâu", True),  # so is a fraud
    ("ba toi muon lam di chuc cho con trai ut thi cac con khac co kien duoc khong", True),
    ("mất xe máy đăng ký lại giấy tờ xe thế nào", False),
])
def test_a_divorce_or_a_lawsuit_is_before_a_court(message, court):
    assert cues(message).before_a_court is court


@pytest.mark.parametrize("message, cue, said", [
    ("Người sử dụng đất có những quyền gì?", "cites_law", True),
    ("Thẩm quyền xử phạt của Chủ tịch Ủy ban nhân dân cấp xã", "cites_law", True),
    ("Câu nào sau đây đúng về đăng ký kết hôn?", "cites_law", True),
    ("mat so do (gcn qsdd) thi xin cap lai o dau", "cites_law", False),  # the paper's name holds "quyền", the question none
    ("làm giấy khai sinh cần gì", "cites_law", False),
    ("Tôi đã chờ 3 tiếng mà chưa được tiếp", "complains", True),  # a grievance told without asking
    ("Nhân viên tiếp nhận nói chuyện rất thiếu tôn trọng người dân", "complains", True),
    ("can bo doi tien moi giai quyet ho so nhanh", "complains", True),
    ("đèn đường hẻm 45 hỏng cả tháng nay không ai sửa", "complains", True),
    ("Tại sao làm căn cước cho con mà đợi cả tháng chưa có?", "complains", True),  # a reproach, not a question
    ("Sao đèn đường hẻm tôi hỏng cả tháng mà không ai sửa vậy?", "complains", True),
    ("tai sao rac o dau hem ton dong ca tuan khong ai don", "complains", True),  # "đầu hẻm", not "ở đâu"
    ("Đèn đường hỏng thì báo cho ai sửa?", "complains", False),  # asked: answered, not filed
    ("đổi tiền lẻ", "complains", False),  # folded "đổi" is not "đòi"
    ("Tôi đang chờ kết quả hồ sơ đất", "complains", False),
    ("sao hồ sơ của tôi nộp 2 tháng rồi phường vẫn chưa giải quyết?", "complains", False),  # the office's to tell
])
def test_the_law_spoken_of_and_a_grievance_told(message, cue, said):
    assert getattr(cues(message), cue) is said
