"""What people type for a unit."""
from __future__ import annotations

import pytest

from knowledge.dvhc.query import kind_at, name_key, words


@pytest.mark.parametrize(
    "typed, spelled",
    [
        ("P.12 Q3", "phường 12 quận 3"),
        ("p12 q.3", "phường 12 quận 3"),
        ("Phường 12, Quận 3", "phường 12 quận 3"),
        ("tt Pac Miau", "thị trấn pac miau"),
        ("x Tan Thanh Dong, h Cu Chi", "xã tan thanh dong huyện cu chi"),
        ("Phường IV, TP Tây Ninh", "phường iv thành phố tây ninh"),
        ("phường 7 tphcm", "phường 7 thành phố hồ chí minh"),
        ("ubnd p.Bến Nghé", "ủy ban nhân dân phường bến nghé"),
    ],
)
def test_kind_words_and_abbreviations_are_written_out(typed, spelled):
    assert " ".join(w.text for w in words(typed)) == spelled


def test_words_keep_what_was_typed_beside_the_folded_form():
    assert [(w.text, w.folded) for w in words("Đạ M'Rông")] == [("đạ", "da"), ("m", "m"), ("rông", "rong")]


def test_kind_words_say_their_role_and_thi_xa_is_a_district_not_a_commune():
    folded = "thi xa an khe thanh pho cao bang phuong 4".split()
    assert [(k.role, k.kind) for k in kind_at(folded, 0)] == [("district", "thị xã")]
    assert {(k.role, k.kind) for k in kind_at(folded, 4)} == {("district", "thành phố"), ("province", "thành phố")}
    assert [(k.role, k.kind) for k in kind_at(folded, 8)] == [("unit", "phường")]
    assert kind_at(folded, 2) == []


def test_a_name_is_found_by_its_folded_words():
    assert name_key("Mỹ Đình 1") == "my dinh 1"
    assert name_key("Xuân Hương - Đà Lạt") == "xuan huong da lat"
