import pytest

from knowledge.chunking import procedure_passage
from knowledge.errors import BadInput
from knowledge.index.builder import (
    CITIZEN_PROCEDURE_PRIOR,
    LOCAL_PROCEDURE_PRIOR,
    PRIORS,
    IndexSettings,
    build_index,
    open_index,
    procedure_priors,
)
from knowledge.models import Passage, Procedure


def _procedure(code: str, audience: str, level: str) -> Procedure:
    return Procedure(code=code, title="Đăng ký khai sinh", audience=audience, level=level)


def test_priors_favour_citizen_procedures_handled_locally():
    procedures = [
        _procedure("1.001193", "Công dân Việt Nam", "Cấp xã"),
        _procedure("1.000001", "Doanh nghiệp", "Cấp bộ"),
        _procedure("1.000002", "Doanh nghiệp", "Cấp tỉnh"),
    ]
    law = Passage("60/2014/QH13#16", "law", "60/2014/QH13", "Luật Hộ tịch", "Điều 16. Thời hạn đăng ký khai sinh", "…")
    passages = [procedure_passage(p) for p in procedures] + [law]

    priors = procedure_priors(passages, procedures)

    assert priors.tolist() == pytest.approx([
        CITIZEN_PROCEDURE_PRIOR + LOCAL_PROCEDURE_PRIOR,
        0.0,
        LOCAL_PROCEDURE_PRIOR,
        0.0,
    ])


def test_an_index_from_an_older_version_asks_for_a_rebuild(tmp_path):
    law = Passage("60/2014/QH13#16", "law", "60/2014/QH13", "Luật Hộ tịch", "Điều 16. Thủ tục đăng ký khai sinh", "Người đi đăng ký khai sinh nộp tờ khai.")
    build_index(tmp_path, [law], [], None, IndexSettings())
    assert open_index(tmp_path, None).retrieve("đăng ký khai sinh")
    (tmp_path / PRIORS).unlink()
    with pytest.raises(BadInput, match="troly ingest"):
        open_index(tmp_path, None)
