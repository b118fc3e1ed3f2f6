"""Everyday words citizens use, mapped to the terms of the law and of the portal.

People say "sổ đỏ", "bỏ nhau", "ở trọ", "mất việc"; the texts say "giấy chứng nhận
quyền sử dụng đất", "ly hôn", "tạm trú", "trợ cấp thất nghiệp". Keyword search only
finds what shares words with the query, so ``expand_query`` appends the legal terms
to a query that uses the everyday ones. Keys are folded (no diacritics) so the
expansion also fires on text typed without them. The list was first written from
the vocabulary of public-service counters and legal-advice columns; a second round
(what citizens say about a lost, wrong or expired paper, a shop closing, sickness
and maternity pay, mortgages, land splits) was written while reading the misses of
the procedure development set (evals/data/procedure_questions.jsonl), so that set's
figures overstate what unseen questions get.
"""
from __future__ import annotations

import re

from knowledge.text.normalize import fold

# An employer ending a contract against the law takes the worker back (Bộ luật Lao động Điều 41).
_DISMISSAL_IN_BREACH = (
    "người sử dụng lao động đơn phương chấm dứt hợp đồng lao động trái pháp luật nhận người lao động trở lại làm việc"
)

EVERYDAY_TO_LEGAL: dict[str, str] = {
    # civil status (hộ tịch)
    "lam giay khai sinh": "đăng ký khai sinh",
    "giay khai sinh": "khai sinh",
    "khai sinh cho con": "đăng ký khai sinh",
    "moi sinh": "đăng ký khai sinh",
    "dang ky ket hon": "đăng ký kết hôn",
    "lay vo": "kết hôn",
    "lay chong": "kết hôn",
    "cuoi vo": "kết hôn",
    "giay dang ky ket hon": "giấy chứng nhận kết hôn",
    "giay xac nhan doc than": "xác nhận tình trạng hôn nhân",
    "xac nhan doc than": "xác nhận tình trạng hôn nhân",
    "chung nhan doc than": "xác nhận tình trạng hôn nhân",
    "bao tu": "đăng ký khai tử",
    "khai tu": "đăng ký khai tử",
    "nguoi mat": "khai tử chết",
    "qua doi": "chết khai tử",
    "doi ten": "thay đổi họ tên cải chính hộ tịch",
    "doi ten … khai sinh": "thay đổi, cải chính, bổ sung thông tin hộ tịch",
    "sua ten … khai sinh": "thay đổi, cải chính, bổ sung thông tin hộ tịch",
    "doi ho": "thay đổi họ tên cải chính hộ tịch",
    "doi sang ho": "thay đổi họ tên cải chính hộ tịch",
    "sua ten": "thay đổi cải chính hộ tịch",
    "nhan con nuoi": "nuôi con nuôi",
    "nuoi con nuoi": "nuôi con nuôi",
    "xin con nuoi": "nuôi con nuôi",
    "nhan cha cho con": "nhận cha mẹ con",
    "nhan con": "nhận cha mẹ con",
    "chua lay ai": "xác nhận tình trạng hôn nhân",
    "chua ket hon": "xác nhận tình trạng hôn nhân",
    "doc than": "tình trạng hôn nhân",
    "ghi sai": "cải chính điều chỉnh thông tin",
    "bi sai": "cải chính điều chỉnh thông tin",
    # marriage and family
    "tuoi … ket hon": "điều kiện kết hôn độ tuổi",
    "tuoi … dang ky ket hon": "điều kiện kết hôn độ tuổi",
    "tuoi … lai xe": "tuổi, sức khỏe của người lái xe",
    "bo nhau": "ly hôn",
    "don phuong ly hon": "quyền yêu cầu ly hôn",
    "mang thai": "có thai",
    "ly di": "ly hôn",
    "chia tay": "ly hôn",
    "ra toa": "ly hôn tòa án",
    "nuoi con": "trực tiếp nuôi con",
    "o voi ai": "trực tiếp nuôi con",
    "quyen nuoi con": "trực tiếp nuôi con",
    "gianh nuoi": "trực tiếp nuôi con",
    "tien nuoi con": "cấp dưỡng",
    # after a divorce the parent not raising the child visits it, and no one may prevent it (Điều 82 khoản 3)
    "khong cho … gap con": "thăm nom con mà không ai được cản trở",
    "khong cho … tham con": "thăm nom con mà không ai được cản trở",
    "duoi 3 tuoi": "dưới 36 tháng tuổi",
    "duoi ba tuoi": "dưới 36 tháng tuổi",
    "chu cap": "cấp dưỡng",
    "chia tai san": "chia tài sản chung",
    "tai san rieng": "tài sản riêng của vợ chồng",
    "con rieng": "con riêng",
    "bao luc gia dinh": "bạo lực gia đình",
    "danh vo": "bạo lực gia đình",
    "danh chong": "bạo lực gia đình",
    # folded "vô cớ đánh tôi" is a stranger's assault, not the wife's: the spouse or parent is said in full
    "chong … danh toi": "bạo lực gia đình",
    "chong … danh em": "bạo lực gia đình",
    "bi chong danh": "bạo lực gia đình",
    "vo toi … danh": "bạo lực gia đình",
    "bi vo danh": "bạo lực gia đình",
    "bo toi … danh": "bạo lực gia đình",
    "bo me … danh con": "bạo lực gia đình",
    "bi bo danh": "bạo lực gia đình",
    "cha me … danh con": "bạo lực gia đình bạo lực trẻ em",
    # debts of the marriage on divorce: what the spouses owe third parties (Luật Hôn nhân và gia đình Điều 60)
    "ly hon … no chung": "giải quyết quyền, nghĩa vụ tài sản của vợ chồng đối với người thứ ba khi ly hôn",
    "no chung … ly hon": "giải quyết quyền, nghĩa vụ tài sản của vợ chồng đối với người thứ ba khi ly hôn",
    "ngoai tinh": "vi phạm chế độ một vợ một chồng",
    # a debt one spouse ran up alone (Luật Hôn nhân và gia đình Điều 45, Điều 37)
    "no rieng": "nghĩa vụ riêng về tài sản của vợ, chồng",
    "chong … vay no": "nghĩa vụ riêng về tài sản của vợ, chồng nghĩa vụ chung về tài sản của vợ chồng",
    "vo … vay no": "nghĩa vụ riêng về tài sản của vợ, chồng nghĩa vụ chung về tài sản của vợ chồng",
    "ho hang": "trong phạm vi ba đời",
    "tao hon": "kết hôn chưa đủ tuổi tảo hôn",
    # residence (cư trú)
    "nhap khau": "đăng ký thường trú",
    "nhap ho khau": "đăng ký thường trú",
    "chuyen ho khau": "đăng ký thường trú",
    "chuyen khau": "đăng ký thường trú",
    "cat khau": "xóa đăng ký thường trú",
    "tach khau": "tách hộ",
    "tach ho khau": "tách hộ",
    "so ho khau": "thường trú cư trú",
    # The paper sổ hộ khẩu is no longer issued (Luật Cư trú 2020, from 1/1/2023): what replaces a lost, burnt
    # or torn one is a confirmation of residence (the keys built after this dict).
    "ho khau": "thường trú",
    "o tro": "tạm trú",
    "thue tro": "tạm trú",
    "nha tro": "tạm trú",
    "thue nha": "thuê nhà tạm trú",
    "thue nha … thuong tru": "đăng ký thường trú chỗ ở hợp pháp do thuê, mượn, ở nhờ",
    "nha thue … thuong tru": "đăng ký thường trú chỗ ở hợp pháp do thuê, mượn, ở nhờ",
    "khai bao tam tru": "đăng ký tạm trú",
    "khai bao luu tru": "thông báo lưu trú",
    "xac nhan … cu tru": "xác nhận thông tin về cư trú",
    "chuyen nha": "thay đổi nơi cư trú",
    "ra rieng": "tách hộ",
    "ngu lai": "thông báo lưu trú",
    "o lai qua dem": "thông báo lưu trú",
    "vang mat": "khai báo tạm vắng",
    "di lam an xa": "khai báo tạm vắng",
    # identity documents
    "can cuoc": "căn cước",
    "lam can cuoc": "cấp thẻ căn cước",
    "mat can cuoc": "cấp lại thẻ căn cước",
    "mat cmnd": "cấp lại căn cước",
    "doi can cuoc": "cấp đổi thẻ căn cước",
    "the can cuoc": "thẻ căn cước",
    "dinh danh dien tu": "tài khoản định danh điện tử",
    "vneid": "định danh điện tử",
    "lam ho chieu": "cấp hộ chiếu phổ thông",
    "passport": "hộ chiếu",
    "xuat canh": "xuất cảnh",
    # land and housing
    "so do": "giấy chứng nhận quyền sử dụng đất",
    "so hong": "giấy chứng nhận quyền sở hữu nhà ở quyền sử dụng đất",
    "lam so": "cấp giấy chứng nhận quyền sử dụng đất",
    "sang ten": "chuyển nhượng đăng ký biến động",
    "mua dat": "chuyển nhượng quyền sử dụng đất",
    "ban dat": "chuyển nhượng quyền sử dụng đất",
    "tach thua": "tách thửa",
    "tach ra … thua": "tách thửa",  # "tách ra làm 2 thửa" ("tách … thửa" alone would take "thừa kế" folded)
    "tach … thua dat": "tách thửa",
    "tach so do": "tách thửa",
    "tach so hong": "tách thửa",
    "chia dat": "tách thửa",
    "chia lo": "tách thửa",
    "gop thua": "hợp thửa",
    "the chap": "đăng ký biện pháp bảo đảm thế chấp",
    "xoa the chap": "xóa đăng ký biện pháp bảo đảm",
    "len tho cu": "chuyển mục đích sử dụng đất sang đất ở",
    "dat tho cu": "đất ở",
    "dat vuon": "đất nông nghiệp",
    "tranh chap dat": "tranh chấp đất đai",
    "lan chiem dat": "tranh chấp đất đai hòa giải tranh chấp đất đai",
    "lan dat": "tranh chấp đất đai hòa giải tranh chấp đất đai",
    "lan sang dat": "tranh chấp đất đai hòa giải tranh chấp đất đai",
    "xay … lan sang": "tranh chấp đất đai hòa giải tranh chấp đất đai",
    "sang dat o": "chuyển mục đích sử dụng đất sang đất ở",
    # a neighbour's tree over the boundary (Bộ luật Dân sự Điều 175)
    "cay … lan sang": "rễ cây, cành cây vượt quá ranh giới",
    "canh cay … sang nha": "rễ cây, cành cây vượt quá ranh giới",
    # a tenant not paying: the landlord may end the lease after three months (Luật Nhà ở 2023 Điều 172)
    "khong tra tien nha": "bên thuê không trả đủ tiền thuê nhà ở đơn phương chấm dứt thực hiện hợp đồng thuê nhà ở",
    "khong tra tien thue nha": "bên thuê không trả đủ tiền thuê nhà ở đơn phương chấm dứt thực hiện hợp đồng thuê nhà ở",
    "den bu": "bồi thường thu hồi đất",
    "giai toa": "thu hồi đất bồi thường",
    "xay nha": "cấp giấy phép xây dựng mới nhà ở riêng lẻ",
    "xay dung nha": "cấp giấy phép xây dựng mới nhà ở riêng lẻ",
    "giay phep xay dung nha": "cấp giấy phép xây dựng mới nhà ở riêng lẻ",
    "giay phep xay dung nha o rieng le": "cấp giấy phép xây dựng mới nhà ở riêng lẻ công trình cấp III cấp IV",
    "nha o rieng le": "nhà ở riêng lẻ công trình cấp III cấp IV",
    "sua nha": "sửa chữa cải tạo giấy phép xây dựng",
    "giay phep xay dung": "cấp giấy phép xây dựng",
    "nha o xa hoi": "nhà ở xã hội",
    "doi tuong … nha o xa hoi": "đối tượng được hưởng chính sách hỗ trợ về nhà ở xã hội",
    "ai duoc mua nha o xa hoi": "đối tượng được hưởng chính sách hỗ trợ về nhà ở xã hội",
    # work and insurance
    "mat viec": "thất nghiệp",
    "nghi viec": "chấm dứt hợp đồng lao động",
    # quitting without the notice owed is a termination in breach (Bộ luật Lao động Điều 39–40)
    "nghi viec khong bao truoc": "người lao động đơn phương chấm dứt hợp đồng lao động trái pháp luật",
    "nghi ngang": "người lao động đơn phương chấm dứt hợp đồng lao động trái pháp luật",
    "bo viec ngang": "người lao động đơn phương chấm dứt hợp đồng lao động trái pháp luật",
    "bi duoi viec": "đơn phương chấm dứt hợp đồng lao động sa thải",
    # a pregnant worker may not be dismissed for it, nor made to promise not to be (Bộ luật Lao động Điều 137)
    "duoi viec … mang thai": "bảo vệ thai sản không được sa thải đơn phương chấm dứt hợp đồng lao động lao động nữ mang thai",
    "cam ket … mang thai": "bảo vệ thai sản không được sa thải đơn phương chấm dứt hợp đồng lao động lao động nữ mang thai",
    "duoi viec": "sa thải đơn phương chấm dứt hợp đồng lao động",
    "sa thai trai": _DISMISSAL_IN_BREACH,
    "duoi viec trai": _DISMISSAL_IN_BREACH,
    "tien luong": "tiền lương",
    # an employer may not fine or dock pay in place of discipline (Bộ luật Lao động Điều 127)
    "tru luong": "cắt lương thay việc xử lý kỷ luật lao động",
    "phat tien … di muon": "phạt tiền, cắt lương thay việc xử lý kỷ luật lao động",
    # a day's more leave for each five years with one employer (Bộ luật Lao động Điều 114)
    "nghi phep them": "ngày nghỉ hằng năm tăng thêm theo thâm niên làm việc",
    "tham nien … nghi phep": "ngày nghỉ hằng năm tăng thêm theo thâm niên làm việc",
    "no luong": "trả lương chậm",
    "lam them": "làm thêm giờ",
    "tang ca": "làm thêm giờ",
    "nghi de": "nghỉ thai sản",
    "nghi phep nam": "người lao động nghỉ hằng năm",
    "ngay phep": "người lao động nghỉ hằng năm",
    "luong huu": "lương hưu hưu trí",
    "ve huu": "nghỉ hưu hưởng lương hưu",
    "rut bao hiem": "bảo hiểm xã hội một lần",
    "rut bhxh": "bảo hiểm xã hội một lần",
    "luong huu mot lan": "hưởng bảo hiểm xã hội một lần",
    "mat the bao hiem": "cấp lại thẻ bảo hiểm y tế",
    "tien sinh con": "chế độ thai sản",
    "nghi sinh": "chế độ thai sản",
    "nam vien": "chế độ ốm đau",
    "nghi om": "chế độ ốm đau",
    "con om": "chế độ ốm đau",
    "tai nan khi lam": "tai nạn lao động",
    "tien mai tang": "chế độ tử tuất trợ cấp mai táng",
    "tro cap tuat": "chế độ tử tuất",
    "tu dong bao hiem": "bảo hiểm xã hội tự nguyện",
    "nghe tu do": "bảo hiểm xã hội tự nguyện",
    "linh thay": "ủy quyền lĩnh thay",
    "bao hiem y te ho gia dinh": "bảo hiểm y tế hộ gia đình",
    "the bao hiem y te": "thẻ bảo hiểm y tế",
    "kham bao hiem": "khám bệnh bảo hiểm y tế",
    "cong chuc": "cán bộ công chức",
    "vien chuc": "viên chức",
    "thu viec": "thử việc",
    # an employer may not keep a worker's original diploma or papers (Bộ luật Lao động Điều 17)
    "giu bang … goc": "giữ bản chính giấy tờ tùy thân, văn bằng, chứng chỉ của người lao động",
    "giu … bang goc": "giữ bản chính giấy tờ tùy thân, văn bằng, chứng chỉ của người lao động",
    "giu van bang": "giữ bản chính giấy tờ tùy thân, văn bằng, chứng chỉ của người lao động",
    # a worker of 15 to 17 signs with a parent's written consent (Bộ luật Lao động Điều 18)
    "15 tuoi … di lam": "người lao động từ đủ 15 tuổi đến chưa đủ 18 tuổi sự đồng ý bằng văn bản của người đại diện theo pháp luật",
    "16 tuoi … di lam": "người lao động từ đủ 15 tuổi đến chưa đủ 18 tuổi sự đồng ý bằng văn bản của người đại diện theo pháp luật",
    "17 tuoi … di lam": "người lao động từ đủ 15 tuổi đến chưa đủ 18 tuổi sự đồng ý bằng văn bản của người đại diện theo pháp luật",
    "khong dong bhxh": "trốn đóng bảo hiểm xã hội",
    "khong dong bao hiem": "trốn đóng bảo hiểm xã hội",
    "hop dong lao dong": "hợp đồng lao động",
    "xet ho ngheo": "công nhận hộ nghèo hộ cận nghèo",
    "xin ho ngheo": "công nhận hộ nghèo hộ cận nghèo",
    "xet ho can ngheo": "công nhận hộ nghèo hộ cận nghèo",
    # business and tax
    "mo quan": "đăng ký hộ kinh doanh",
    "giay phep kinh doanh quan": "đăng ký thành lập hộ kinh doanh",
    "so ho ngheo": "công nhận hộ nghèo hộ cận nghèo",
    "xin ho ngheo": "công nhận hộ nghèo hộ cận nghèo",
    "mo cua hang": "đăng ký hộ kinh doanh",
    "mo tiem": "đăng ký hộ kinh doanh",
    "buon ban": "kinh doanh",
    "ban hang online": "kinh doanh thương mại điện tử",
    "lap cong ty": "thành lập doanh nghiệp đăng ký doanh nghiệp",
    "mo cong ty": "thành lập doanh nghiệp",
    "nghi ban": "tạm ngừng kinh doanh",
    "tam nghi": "tạm ngừng kinh doanh",
    "dong cua": "chấm dứt hoạt động",
    "dep quan": "chấm dứt hoạt động hộ kinh doanh",
    "giai the cong ty": "giải thể doanh nghiệp",
    "ma so thue": "đăng ký thuế mã số thuế",
    "mst": "mã số thuế",
    "quyet toan thue": "quyết toán thuế thu nhập cá nhân",
    # transport
    "xe may": "xe mô tô xe gắn máy",
    "xe may chuyen dung": "xe máy chuyên dùng",
    # Nghị định 168/2024's words: "dùng tay cầm và sử dụng điện thoại … khi điều khiển phương tiện"
    "cam dien thoai": "dùng tay cầm và sử dụng điện thoại",
    "nghe dien thoai": "dùng tay cầm và sử dụng điện thoại",
    "dung dien thoai … lai xe": "dùng tay cầm và sử dụng điện thoại",
    "dien thoai khi lai xe": "dùng tay cầm và sử dụng điện thoại",
    "bang lai": "giấy phép lái xe",
    "bang lai xe": "giấy phép lái xe",
    "doi bang lai": "đổi giấy phép lái xe",
    "cavet": "chứng nhận đăng ký xe biển số xe",
    "ca vet": "chứng nhận đăng ký xe biển số xe",
    "dang ky xe": "đăng ký xe",
    "khong co giay dang ky xe": "không có chứng nhận đăng ký xe",
    "khong mang giay dang ky xe": "không mang theo chứng nhận đăng ký xe",
    "xe moi mua": "đăng ký xe lần đầu",
    "mua xe moi": "đăng ký xe lần đầu",
    "vua mua xe": "đăng ký xe lần đầu",
    "moi mua xe": "đăng ký xe lần đầu",
    "xe may moi": "đăng ký xe lần đầu",
    "o to moi": "đăng ký xe lần đầu",
    "bam bien": "đăng ký cấp biển số xe lần đầu",
    "mua lai … xe": "thay đổi chủ xe đăng ký sang tên",
    "dung ten … ca vet": "thay đổi chủ xe đăng ký sang tên",
    "dung ten … cavet": "thay đổi chủ xe đăng ký sang tên",
    "sang ten xe": "thay đổi chủ xe đăng ký sang tên",
    "xe cu … khong sang ten": "không làm thủ tục cấp chứng nhận đăng ký xe trong trường hợp thay đổi chủ xe",
    "khong sang ten xe": "không làm thủ tục cấp chứng nhận đăng ký xe trong trường hợp thay đổi chủ xe",
    "xe khong chinh chu": "không làm thủ tục cấp chứng nhận đăng ký xe trong trường hợp thay đổi chủ xe",
    "khong chinh chu": "không làm thủ tục cấp chứng nhận đăng ký xe trong trường hợp thay đổi chủ xe",
    "ban xe": "thu hồi chứng nhận đăng ký xe biển số",
    "bien so": "biển số xe",
    "dang kiem": "kiểm định xe cơ giới",
    "phat nguoi": "xử phạt vi phạm giao thông",
    "vuot den do": "không chấp hành hiệu lệnh của đèn tín hiệu giao thông",
    "vuot den vang": "không chấp hành hiệu lệnh của đèn tín hiệu giao thông",
    "bat den": "sử dụng đèn chiếu sáng",
    "vuot toc do": "chạy quá tốc độ quy định",
    # three on a motorbike: the rider and two passengers (on a vehicle: "chia cho 3 người con" is an inheritance)
    "xe … cho 3 nguoi": "chở theo 02 người trên xe",
    "xe … cho ba nguoi": "chở theo 02 người trên xe",
    "cho 3 nguoi … xe": "chở theo 02 người trên xe",
    "xe … kep 3": "chở theo 02 người trên xe",
    "sai lan": "đi không đúng phần đường hoặc làn đường quy định",
    "lan lan": "đi không đúng phần đường hoặc làn đường quy định",
    "di vao lan": "đi không đúng phần đường hoặc làn đường quy định",
    "chay vao lan": "đi không đúng phần đường hoặc làn đường quy định",
    # justice, complaints, certification
    "cong chung": "công chứng",
    "cong chung giay to": "chứng thực bản sao",
    "cong chung ban sao": "chứng thực bản sao từ bản chính",
    "cong chung bang": "chứng thực bản sao từ bản chính văn bằng",
    "ban sao bang": "chứng thực bản sao từ bản chính văn bằng",
    "ban sao co dong dau": "chứng thực bản sao từ bản chính",
    "sao y": "chứng thực bản sao từ bản chính",
    "chung thuc ban sao": "chứng thực bản sao từ bản chính",
    "photo cong chung": "chứng thực bản sao từ bản chính",
    "chung thuc chu ky": "chứng thực chữ ký",
    "ly lich tu phap": "phiếu lý lịch tư pháp",
    "lltp": "lý lịch tư pháp",
    "khieu kien": "khởi kiện khiếu nại",
    "to cao": "tố cáo",
    "thua kien": "bản án",
    "tien coc": "đặt cọc",
    "giu coc": "đặt cọc",
    "mat coc": "đặt cọc",
    # the seller backing out after a deposit: the deposit and as much again (Bộ luật Dân sự Điều 328)
    "coc … doi y": "đặt cọc bên nhận đặt cọc từ chối việc giao kết, thực hiện hợp đồng",
    "coc … khong ban nua": "đặt cọc bên nhận đặt cọc từ chối việc giao kết, thực hiện hợp đồng",
    "ben ban … doi y": "đặt cọc bên nhận đặt cọc từ chối việc giao kết, thực hiện hợp đồng",
    "di chuc": "di chúc thừa kế",
    "khong de lai di chuc": "những trường hợp thừa kế theo pháp luật người thừa kế theo pháp luật hàng thừa kế",
    "khong co di chuc": "những trường hợp thừa kế theo pháp luật người thừa kế theo pháp luật hàng thừa kế",
    "khong lap di chuc": "những trường hợp thừa kế theo pháp luật người thừa kế theo pháp luật hàng thừa kế",
    "chia thua ke": "thừa kế",
    # damage a neighbour's building work does to one's house (Bộ luật Dân sự Điều 605)
    "xay nha … nut": "bồi thường thiệt hại do nhà cửa, công trình xây dựng khác gây ra",
    "xay … lun": "bồi thường thiệt hại do nhà cửa, công trình xây dựng khác gây ra",
    # one who insults another in words: Bộ luật Dân sự Điều 34 (honour), Bộ luật Hình sự Điều 155 when grave
    "chui boi": "tội làm nhục người khác quyền được bảo vệ danh dự, nhân phẩm, uy tín",
    "xuc pham … danh du": "tội làm nhục người khác quyền được bảo vệ danh dự, nhân phẩm, uy tín",
    "bi … xuc pham": "tội làm nhục người khác quyền được bảo vệ danh dự, nhân phẩm, uy tín",
    "lang ma": "tội làm nhục người khác quyền được bảo vệ danh dự, nhân phẩm, uy tín",
    # a child of seven or more is heard on which parent it lives with (Luật Hôn nhân và gia đình Điều 81 khoản 2)
    "con … tren 7 tuoi": "con từ đủ 07 tuổi trở lên xem xét nguyện vọng của con",
    "con … tu 7 tuoi": "con từ đủ 07 tuổi trở lên xem xét nguyện vọng của con",
    "con … du 7 tuoi": "con từ đủ 07 tuổi trở lên xem xét nguyện vọng của con",

    # the children of one who died without a will share alike, daughters as sons (Bộ luật Dân sự Điều 651)
    "con gai … duoc chia": "người thừa kế theo pháp luật hàng thừa kế thứ nhất",
    "con trai … con gai … chia": "người thừa kế theo pháp luật hàng thừa kế thứ nhất",
    "thua ke": "thừa kế",
    "no tien": "nghĩa vụ trả nợ hợp đồng vay",
    "cho muon tien": "hợp đồng vay tài sản",
    "nhat duoc": "tài sản do người khác đánh rơi, bỏ quên",
    "danh roi": "tài sản do người khác đánh rơi, bỏ quên",
    "vay tien": "hợp đồng vay tài sản",
    "boi thuong": "bồi thường thiệt hại",
    "tro giup phap ly": "trợ giúp pháp lý",
    "thue luat su": "trợ giúp pháp lý",
    "luat su mien phi": "yêu cầu trợ giúp pháp lý",
    "luat su nha nuoc": "yêu cầu trợ giúp pháp lý",
    "nho luat su": "yêu cầu trợ giúp pháp lý",
    "khong chiu tra": "yêu cầu thi hành án dân sự",
    # a theft is reported to the police as a crime (Bộ luật Tố tụng hình sự Điều 144–145)
    "bi trom": "tố giác, tin báo về tội phạm",
    "mat trom": "tố giác, tin báo về tội phạm",
    "bi cuop": "tố giác, tin báo về tội phạm",
    "mat xe … trinh bao": "trách nhiệm tiếp nhận tố giác, tin báo về tội phạm",
    "trinh bao … mat xe": "trách nhiệm tiếp nhận tố giác, tin báo về tội phạm",
    "bi trom … bao": "trách nhiệm tiếp nhận tố giác, tin báo về tội phạm",
    "bi lua … bao": "trách nhiệm tiếp nhận tố giác, tin báo về tội phạm lừa đảo chiếm đoạt tài sản",
    "an trom": "trộm cắp tài sản",
    "tai nan … bo chay": "gây tai nạn rồi bỏ chạy để trốn tránh trách nhiệm",
    # a child hurt by another at school: the school answers for a pupil under fifteen in its care (Bộ luật Dân sự Điều 599)
    "danh … o truong": "bồi thường thiệt hại do người dưới mười lăm tuổi gây ra trong thời gian trường học trực tiếp quản lý",
    "o truong … danh": "bồi thường thiệt hại do người dưới mười lăm tuổi gây ra trong thời gian trường học trực tiếp quản lý",
    "danh … gio ra choi": "bồi thường thiệt hại do người dưới mười lăm tuổi gây ra trong thời gian trường học trực tiếp quản lý",
    "thi hanh an": "thi hành án dân sự",
    # Bộ luật Hình sự 2015 says "người dưới 18 tuổi phạm tội" where the 1999 code and people say "chưa thành niên"
    "chua thanh nien pham toi": "người dưới 18 tuổi phạm tội",
    # security, drugs, military
    "nghien ma tuy": "người nghiện ma túy cai nghiện",
    "cai nghien": "cai nghiện ma túy",
    "hut chich": "sử dụng trái phép chất ma túy",
    "di nghia vu": "nghĩa vụ quân sự",
    "nvqs": "nghĩa vụ quân sự",
    "di bo doi": "nghĩa vụ quân sự nhập ngũ",
    "hoan nghia vu": "tạm hoãn gọi nhập ngũ",
    "tren mang": "không gian mạng",
    "lua dao qua mang": "an ninh mạng",
    "tai khoan mang xa hoi": "không gian mạng",
    # education, culture, environment
    "hoc phi": "học phí",
    "mien hoc phi": "miễn giảm học phí",
    "chuyen truong": "chuyển trường",
    "dau tieng": "tiếng ồn",
    "rac thai": "chất thải",
    "do rac": "chất thải rắn",
    "xa thai": "xả thải chất thải",
    "o nhiem": "ô nhiễm môi trường",
    "chieu phim": "phổ biến phim",
    "lam phim": "sản xuất phim",
    "nuoi heo": "chăn nuôi lợn",
    "nuoi ga": "chăn nuôi gia cầm",
    "nuoi cho": "nuôi chó vật nuôi",
    "phan bon": "phân bón",
    "thuoc tru sau": "thuốc bảo vệ thực vật",
    "du lich": "du lịch",
    "huong dan vien": "hướng dẫn viên du lịch",
    # procedure words
    "bi mat": "cấp lại bị mất",
    "lam mat": "cấp lại bị mất",
    "danh mat": "cấp lại bị mất",
    "bi chay": "cấp lại bị mất",
    "chay mat": "cấp lại bị mất",
    "chay luon": "cấp lại bị mất",
    "chay het": "cấp lại bị mất",
    "het han": "gia hạn cấp đổi",
    "xin giay": "cấp giấy",
    "xin phep": "cấp giấy phép",
    "o dau": "cơ quan thực hiện nơi nộp",
    "nop online": "nộp hồ sơ trực tuyến",
    "lam online": "dịch vụ công trực tuyến",
    "mat bao lau": "thời hạn giải quyết",
    "bao lau": "thời hạn",
    "het bao nhieu tien": "lệ phí",
    "ton bao nhieu": "lệ phí",
    "can giay to gi": "thành phần hồ sơ",
    "can nhung gi": "thành phần hồ sơ",
    # telling two terms apart is what a law's definitions do
    "phan biet": "giải thích từ ngữ",
}
# A shop that changes its name, its goods or its address changes what its registration says, whichever is
# said first ("tiệm của tôi đổi tên", "đổi tên cửa hàng").
_SHOP = ("tiem", "cua hang", "quan an", "quan nuoc", "quan ca phe", "ho kinh doanh", "sap")
_SHOP_CHANGE = ("doi ten", "ban them", "doi dia chi", "chuyen dia diem", "them nganh", "doi nganh", "doi mat hang")
EVERYDAY_TO_LEGAL |= {
    key: "đăng ký thay đổi nội dung đăng ký hộ kinh doanh"
    for shop in _SHOP for change in _SHOP_CHANGE for key in (f"{shop} … {change}", f"{change} … {shop}")
}
# An error in a civil-status paper is corrected in the civil-status book (cải chính hộ tịch).
EVERYDAY_TO_LEGAL |= {
    f"{paper} … {error}": "thay đổi cải chính bổ sung thông tin hộ tịch"
    for paper in ("khai sinh", "ket hon", "khai tu") for error in ("ghi sai", "bi sai", "viet sai")
}

# An error in a land certificate is corrected by the office that issued it (đính chính).
EVERYDAY_TO_LEGAL |= {
    f"{paper} … {error}": "đính chính giấy chứng nhận đã cấp"
    for paper in ("so do", "so hong", "giay chung nhan quyen su dung dat")
    for error in ("ghi sai", "bi sai", "viet sai", "sai thong tin", "sai dien tich", "sai ten")
}

EVERYDAY_TO_LEGAL |= {
    key: "xác nhận thông tin về cư trú"
    for loss in ("mat", "chay", "rach", "hu", "lam lai", "cap lai", "xin lai")
    for key in (f"{loss} … so ho khau", f"so ho khau … {loss}")
}
# A lost or torn social-insurance book is issued again, with the health card, by the insurance office.
EVERYDAY_TO_LEGAL |= {
    key: "cấp lại sổ bảo hiểm xã hội"
    for book in ("so bhxh", "so bao hiem xa hoi", "so bao hiem") for loss in ("mat", "that lac", "rach", "hu", "nat")
    for key in (f"{book} … {loss}", f"{loss} … {book}")
}

# A lost or torn birth or marriage paper is not issued anew: the civil-status book keeps the record, and a copy
# is issued from it (bản sao trích lục); when the book is lost too, the birth is registered again ("sổ … không
# còn lưu").
_CIVIL_STATUS_COPY = {
    "giay khai sinh": "bản sao giấy khai sinh trích lục hộ tịch",
    "giay ket hon": "cấp bản sao trích lục hộ tịch kết hôn",
    "giay chung nhan ket hon": "cấp bản sao trích lục hộ tịch kết hôn",
    "giay dang ky ket hon": "cấp bản sao trích lục hộ tịch kết hôn",
}
EVERYDAY_TO_LEGAL |= {
    "so … khong con luu": "đăng ký lại khai sinh kết hôn",
    "khong con … so ho tich": "đăng ký lại khai sinh kết hôn",
} | {
    f"{book} … {lost}": "đăng ký lại khai sinh kết hôn"
    for book in ("so goc", "so ho tich", "so luu") for lost in ("that lac", "mat", "khong con", "chay", "hu")
}
EVERYDAY_TO_LEGAL |= {
    key: legal
    for paper, legal in _CIVIL_STATUS_COPY.items()
    for loss in ("mat", "that lac", "rach", "hu", "nat", "cap lai", "lam lai", "xin lai")
    for key in (f"{paper} … {loss}", f"{loss} … {paper}")
}

# Money lent on a word, with no paper: a civil transaction may be made orally (Bộ luật Dân sự Điều 119), and a loan
# is a contract like any other ("cho mượn tiền không có giấy tờ có đòi được không").
EVERYDAY_TO_LEGAL |= {
    f"{lent} … {unwritten}": "hình thức giao dịch dân sự bằng lời nói hợp đồng vay tài sản"
    for lent in ("cho muon tien", "cho vay tien", "vay tien", "muon tien", "muon no")
    for unwritten in ("khong co giay", "khong viet giay", "khong lam giay", "khong co hop dong", "noi mieng", "bang mieng")
}
# Suing an employer over pay is a labour dispute, settled by a labour mediator first, then arbitration or a court
# (pay said with it: folded, "kiện" is also the "kiện" of "điều kiện").
EVERYDAY_TO_LEGAL |= {
    key: "thẩm quyền giải quyết tranh chấp lao động cá nhân hòa giải viên lao động"
    for grievance in ("no luong", "quyt luong", "khong tra luong", "cham luong", "chua tra luong", "giu luong")
    for key in (f"{grievance} … kien", f"kien … {grievance}")
}

# Drink and drive: the fine is for "nồng độ cồn trong máu hoặc hơi thở" (not for drinking alone: "học sinh uống
# rượu bia" is Luật Giáo dục's; "lại" folds to "lai", so the driving is said in full).
EVERYDAY_TO_LEGAL |= {
    key: "nồng độ cồn trong máu hoặc hơi thở"
    for drink in ("uong ruou", "uong bia", "say ruou", "ruou bia", "nhau")
    for drive in ("lai xe", "lai o to", "chay xe", "di xe", "dieu khien xe")
    for key in (f"{drink} … {drive}", f"{drive} … {drink}")
}

# What the law calls what people ask about land and flats: how long land is held ("Đất sử dụng có thời hạn", Luật Đất
# đai 2024 Điều 172), how long a block of flats lasts (its "thời hạn sử dụng", Luật Nhà ở 2023 Điều 58), building a
# house on farmland (its use changed first, Điều 121).
EVERYDAY_TO_LEGAL |= {
    key: legal
    for legal, keys in {
        "đất sử dụng có thời hạn": ("thoi han su dung dat", "dat nong nghiep … bao nhieu nam", "so do … bao nhieu nam"),
        "thời hạn sử dụng nhà chung cư": (
            "thoi han so huu … chung cu", "so huu chung cu … bao lau", "chung cu … bao nhieu nam", "chung cu … thoi han",
        ),
        "chuyển mục đích sử dụng đất nông nghiệp sang đất phi nông nghiệp": ("xay nha … dat nong nghiep", "dat nong nghiep … xay nha"),
    }.items()
    for key in keys
}
# A month's pay at the year's end is a bonus the employer decides (Bộ luật Lao động Điều 104 "Thưởng"); dismissed
# without the notice owed is a termination in breach, whose duties Điều 41 lists.
EVERYDAY_TO_LEGAL |= {
    "luong thang 13": "thưởng quy chế thưởng do người sử dụng lao động quyết định",
    "thuong tet": "thưởng quy chế thưởng do người sử dụng lao động quyết định",
} | {
    f"{fired} … khong bao truoc": _DISMISSAL_IN_BREACH for fired in ("sa thai", "duoi viec", "cho nghi viec", "bi cho nghi")
}
# Where to sue over a private debt: the court where the one sued lives (Bộ luật Tố tụng dân sự Điều 39).
EVERYDAY_TO_LEGAL |= {
    f"{debt} … {sue}": "thẩm quyền của Tòa án theo lãnh thổ nơi bị đơn cư trú"
    for debt in ("vay tien", "muon tien", "no tien", "quyt no", "khong tra no", "cho vay")
    for sue in ("kien o dau", "kien tai dau", "nop don o dau", "khoi kien o dau")
}
# A child's age said with an offence asks whether a child of that age answers for it at all (Bộ luật Hình sự Điều 12).
_CHILD_OFFENDER = re.compile(
    r"(?<!\w)(?:[1-9]|1[0-7]) tuoi\b(?=(?: \w+){0,10} (?:di tu|ngoi tu|bi tu|phat tu|xu ly hinh su|truy cuu|bi bat"
    r"|pham toi|trach nhiem hinh su)\b)"
)

# "mất" is both "died" and "lost": said of a person with nothing lost after it, it is a death.
_DEATH = re.compile(
    r"(?<!\w)(?:ong|ba|bo|me|cha|chong|vo|con|anh|chi|em|co|chu|bac|di|cau|nguoi than)(?: \w+){0,3}"
    r" (?:moi |vua |da )?mat(?: (?:roi|hom|tuan|tu|luc|hoi|vao|cach|nam|thang|ngay|o|tai|vi|do|duoc|nhung|ma|thi|,)\b|\W*$|,)"
)
_PATTERNS = sorted(EVERYDAY_TO_LEGAL, key=len, reverse=True)
_COMPILED = [
    (_DEATH, "khai tử chết"),  # first: "mất giấy khai sinh" must not leave "mất" alone at the end
    (_CHILD_OFFENDER, "tuổi chịu trách nhiệm hình sự"),
]


def _key_pattern(key: str) -> re.Pattern[str]:
    """A key's words; " … " in a key stands for up to four words between ("xac nhan … cu tru" finds "xác
    nhận tôi đang cư trú")."""
    words = r"(?: \w+){0,4} ".join(re.escape(part) for part in key.split(" … "))
    return re.compile(rf"(?<!\w){words}(?!\w)")


_COMPILED += [(_key_pattern(key), EVERYDAY_TO_LEGAL[key]) for key in _PATTERNS]


def legal_terms_for(text: str) -> list[str]:
    """The legal terms for the everyday words found in ``text`` (longest phrases first)."""
    folded = fold(text)
    terms: list[str] = []
    for pattern, legal in _COMPILED:
        if pattern.search(folded) and legal not in terms:
            terms.append(legal)
            folded = pattern.sub(" ", folded)
    return terms


def expand_query(text: str) -> str:
    """``text`` followed by the legal terms of the everyday words it uses."""
    terms = legal_terms_for(text)
    return f"{text} {' '.join(terms)}" if terms else text
