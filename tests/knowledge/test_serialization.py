from datetime import date

from knowledge.models import LegalBasis, LegalDocument, Procedure, RequiredDocument, SubmissionMethod
from knowledge.serialization import from_jsonable, to_jsonable


def test_nested_dataclasses_tuples_optionals_and_dates_round_trip():
    procedure = Procedure(
        code="1.001193",
        title="Thủ tục đăng ký khai sinh",
        methods=(SubmissionMethod("truc_tuyen", "1 Ngày làm việc", "Miễn phí"),),
        documents=(RequiredDocument("Tờ khai đăng ký khai sinh", quantity="1 bản chính"),),
        legal_bases=(LegalBasis("Luật Hộ tịch", "60/2014/QH13"), LegalBasis("Thông tư không số")),
    )
    assert from_jsonable(Procedure, to_jsonable(procedure)) == procedure
    document = LegalDocument("60/2014/QH13", "60/2014/QH13", "Luật", "Luật Hộ tịch", issued_on=date(2014, 11, 20))
    assert from_jsonable(LegalDocument, to_jsonable(document)) == document
