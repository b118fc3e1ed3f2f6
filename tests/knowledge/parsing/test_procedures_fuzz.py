"""The procedure parsers on arbitrary records: a Procedure or a ValueError naming the fault, within a time bound."""
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.parsing.procedures import parse_procedure_record
from tests.strategies import json_values, portal_text

PORTAL_KEYS = [
    "ma_thu_tuc", "ten_thu_tuc", "cap_thuc_hien", "linh_vuc", "doi_tuong_thuc_hien", "co_quan_co_tham_quyen",
    "raw_text", "trinh_tu_thuc_hien", "cach_thuc_thuc_hien", "thanh_phan_ho_so", "can_cu_phap_ly", "ket_qua_xu_ly",
    "detail_url",
]
portal_records = st.fixed_dictionaries(
    {"ma_thu_tuc": st.one_of(st.just("1.001193"), json_values)},
    optional={key: st.one_of(portal_text, json_values) for key in PORTAL_KEYS[1:]},
)
bqp_records = st.fixed_dictionaries({"metadata": json_values, "content": json_values, "tables": json_values})


@settings(max_examples=300, deadline=2000)
@given(record=st.one_of(portal_records, bqp_records, json_values))
def test_any_record_is_a_procedure_or_a_named_fault(record):
    try:
        procedure = parse_procedure_record(record, "fuzz.jsonl")
    except ValueError as error:
        assert str(error)
        return
    assert procedure.code and procedure.title
    assert all(method.channel for method in procedure.methods)
