from knowledge.text.diacritics import DiacriticModel

CORPUS = [
    "Người thuê nhà phải đăng ký tạm trú.",
    "Người nộp thuế thu nhập cá nhân quyết toán thuế cuối năm.",
    "Thời hạn giải quyết là 05 ngày làm việc.",
    "Hết thời hạn tạm trú phải gia hạn.",
]


def test_restores_a_query_typed_without_diacritics_from_the_corpus_writing():
    model = DiacriticModel.train(CORPUS)
    assert model.restore("nguoi thue nha dang ky tam tru") == "người thuê nhà đăng ký tạm trú"
    assert model.restore("quyet toan thue thu nhap") == "quyết toán thuế thu nhập"


def test_syllables_typed_with_diacritics_or_never_seen_are_kept():
    model = DiacriticModel.train(CORPUS)
    assert model.restore("thuê nha xyz") == "thuê nhà xyz"


def test_only_queries_mostly_without_diacritics_need_restoring():
    model = DiacriticModel.train(CORPUS)
    assert model.needs_restoring("dang ky tam tru o dau")
    assert not model.needs_restoring("đăng ký tạm trú ở đâu")
    assert not model.needs_restoring("2024 60/2014")


def test_everyday_language_is_learned_alongside_the_corpus(tmp_path):
    model = DiacriticModel.for_corpus(CORPUS)
    assert model.restore("toi muon hoi thu tuc") == "tôi muốn hỏi thủ tục"
    model.save(tmp_path / "model.pickle")
    assert DiacriticModel.load(tmp_path / "model.pickle").restore("toi muon hoi") == "tôi muốn hỏi"
